#!/usr/bin/env bash
# Proves the package as a user gets it: builds the sdist and a wheel from that sdist, installs the wheel
# into a fresh virtualenv outside the checkout and, from a folder that is not the checkout, serves the
# emulator, gets a success from one action, fetches the console (/__admin/) and its static files, runs
# crocodial-contract against it (exit 0), stops the server, and runs the example user test suite
# (examples/user_suite/) with that virtualenv's pytest.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
started=$SECONDS
unset PYTHONPATH  # nothing of the checkout may leak into the installed package's runs

cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

step() { echo "wheel proof: $* ($((SECONDS - started)) s)"; }
fail() {
    echo "wheel proof FAILED: $*" >&2
    exit 1
}

step "building the sdist, then a wheel from it"
if ! python -m build --outdir "$work/dist" "$repo" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    fail "python -m build"
fi
wheel="$(ls "$work"/dist/*.whl)"

step "installing $(basename "$wheel") into a fresh virtualenv in $work"
python -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --disable-pip-version-check "$wheel" >"$work/pip.log" 2>&1 \
    || { cat "$work/pip.log" >&2; fail "pip install $(basename "$wheel")"; }
bin="$work/venv/bin"

cd "$work"  # from here on, nothing runs inside the checkout
installed="$("$bin/python" -c 'import mockserver, contract_tests; print(mockserver.__file__, contract_tests.__file__)')"
case "$installed" in
    "$work/venv/"*) ;;
    *) fail "the package imported from $installed, not from the virtualenv" ;;
esac
"$bin/crocodial-mock" --version
"$bin/crocodial-contract" --version

step "serving the installed emulator on a free port"
"$bin/crocodial-mock" serve --port 0 --seed 7 --now 2025-05-14T15:30:00 --quiet >"$work/serve.log" 2>&1 &
server_pid=$!
base_url=""
for _ in $(seq 1 300); do
    base_url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$work/serve.log" | head -n 1 || true)"
    [ -n "$base_url" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
[ -n "$base_url" ] || { cat "$work/serve.log" >&2; fail "no banner from crocodial-mock serve"; }
step "serving on $base_url"

"$bin/python" - "$base_url" <<'PY'
import json
import sys
import urllib.request

query = "goAction=goGetAllUsers&goUser=MyUser&goPass=MyPass&responsetype=json"
with urllib.request.urlopen(f"{sys.argv[1]}/goAPIv2/goUsers/goAPI.php?{query}", timeout=30) as answer:
    body = json.loads(answer.read())
assert answer.status == 200, answer.status
assert body["result"] == "success" and body["data"]["user_list"], body
print(f"goGetAllUsers: success, {len(body['data']['user_list'])} users")
PY

step "the console at /__admin/, with its script and style"
"$bin/python" - "$base_url" <<'PY'
import re
import sys
import urllib.request

with urllib.request.urlopen(f"{sys.argv[1]}/__admin/", timeout=30) as answer:
    page = answer.read().decode()
    policy = answer.headers["Content-Security-Policy"]
assert answer.status == 200 and "crocodial-mock console" in page and 'id="journal"' in page, page[:300]
assert "default-src 'self'" in policy, policy
for link in re.findall(r'(?:src|href)="(/__admin/console/static/[^"]+)"', page):
    with urllib.request.urlopen(sys.argv[1] + link, timeout=30) as asset:
        assert asset.status == 200 and asset.read(), link
print(f"console: the journal page and {len(re.findall('/__admin/console/static/', page))} static files")
PY

step "crocodial-contract against it"
"$bin/crocodial-contract" --base-url "$base_url" --user MyUser --password MyPass \
    --max-examples 1 --rate-limit 0 --report-dir "$work/report" >"$work/contract.log" 2>&1 \
    || { cat "$work/contract.log" >&2; fail "crocodial-contract exited $?"; }
tail -n 1 "$work/contract.log"
[ -s "$work/report/junit.xml" ] || fail "no junit.xml written"

kill -INT "$server_pid"
wait "$server_pid" || fail "crocodial-mock serve exited $? on SIGINT"
server_pid=""
grep -q "crocodial-mock stopped" "$work/serve.log" || fail "the server did not say it stopped"

step "the example user suite (examples/user_suite/) with the installed plugin"
[ -d "$repo/examples/user_suite" ] || fail "no examples/user_suite/ in the checkout"
cp -r "$repo/examples/user_suite" "$work/user_suite"
(cd "$work/user_suite" && "$bin/python" -m pytest -q -p no:cacheprovider .) || fail "the example user suite"
step "done"
