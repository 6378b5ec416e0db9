/* The console's behaviour: talks to the JSON admin API (same origin) and builds every piece of text
   with textContent, never innerHTML, so journal bodies (any client's text) can never become markup. */
"use strict";

const ADMIN = "/__admin";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "text") node.textContent = value;
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/* A JSON admin call; resolves to the parsed answer, rejects with the control plane's refusal text. */
async function admin(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  const response = await fetch(ADMIN + path, options);
  let answer = null;
  try { answer = await response.json(); } catch (error) { answer = null; }
  if (!response.ok) {
    const reason = answer && typeof answer.error === "string" ? answer.error : `HTTP ${response.status}`;
    throw new Error(reason);
  }
  return answer;
}

function showError(id, error) {
  const box = document.getElementById(id);
  if (!box) return;
  box.textContent = error ? String(error.message || error) : "";
  box.hidden = !error;
  if (error) box.scrollIntoView({ block: "nearest" });
}

/* A message that survives the reload which follows a change (the page then shows the new state). */
function flashThenReload(message) {
  sessionStorage.setItem("console-flash", message);
  window.location.reload();
}

function showFlash() {
  const message = sessionStorage.getItem("console-flash");
  const box = document.getElementById("flash");
  if (message && box) {
    box.textContent = message;
    box.hidden = false;
  }
  sessionStorage.removeItem("console-flash");
}

function onClick(selector, handler) {
  for (const node of document.querySelectorAll(selector)) node.addEventListener("click", handler);
}

/* ---------------------------------------------------------------- journal */

const journalState = { open: new Set(), shown: "", head: "", summary: "", timer: null, busy: false };

function journalQuery(form) {
  const query = new URLSearchParams({ limit: "200" });
  for (const name of ["action", "module", "status", "matched"]) {
    const value = form.elements[name].value.trim();
    if (value) query.set(name, value);
  }
  return query;
}

function entryText(entry) {
  return [entry.path, entry.action || "", entry.outcome, JSON.stringify(entry.params), entry.response_body]
    .join("\n").toLowerCase();
}

function keyValueTable(mapping, emptyText) {
  const keys = Object.keys(mapping || {});
  if (!keys.length) return el("p", { class: "muted", text: emptyText });
  const body = el("tbody");
  for (const key of keys) {
    const value = mapping[key];
    const shown = typeof value === "string" ? value : JSON.stringify(value);
    body.append(el("tr", {}, el("th", { text: key }), el("td", { text: shown })));
  }
  return el("table", { class: "kv" }, body);
}

/* A whole JSON body indented for reading; anything else (XML, lmapi lines, a cut body) as sent. */
function readable(body, cut) {
  if (!body) return "(empty)";
  if (!cut && /^[[{]/.test(body)) {
    try { return JSON.stringify(JSON.parse(body), null, 2); } catch (error) { return body; }
  }
  return body;
}

function statusClass(entry) {
  if (entry.status >= 500 || entry.emulator_error) return "bad";
  if (entry.status >= 400 || !entry.matched) return "warn";
  if (/^(error|ERROR)/.test(entry.outcome) || entry.outcome.startsWith("fault")) return "warn";
  return "good";
}

function journalEntry(entry) {
  const time = (entry.logged_at || "").slice(11, 23);
  const summary = el("summary", {},
    el("span", { class: "id", text: `#${entry.id}` }),
    el("span", { class: "time", text: time }),
    el("span", { class: "method", text: entry.method }),
    el("span", { class: "module", text: entry.endpoint }),
    el("span", { class: "action", text: entry.action || entry.path }),
    el("span", { class: `status ${statusClass(entry)}`, text: String(entry.status) }),
    el("span", { class: "outcome", text: entry.outcome }),
    el("span", { class: "ms", text: `${entry.duration_ms} ms` }));
  const body = entry.response_body || "";
  const cut = entry.body_bytes > body.length ? ` (first ${body.length} characters of ${entry.body_bytes} bytes)` : "";
  const request = el("section", { class: "request" },
    el("h3", { text: "Request" }),
    el("p", {}, el("code", { text: `${entry.method} ${entry.path}` })),
    el("h4", { text: "Parameters" }),
    keyValueTable(entry.params, "no parameters"),
    el("p", { class: "muted", text: `served by ${entry.served_by} at ${entry.logged_at}` }));
  const answer = el("section", { class: "answer" },
    el("h3", { text: "Answer" }),
    el("p", {}, el("b", { text: `HTTP ${entry.status}` }), ` · ${entry.answer} · ${entry.outcome}` +
      (entry.matched ? "" : " · unmatched")),
    el("h4", { text: "Headers" }),
    keyValueTable(entry.response_headers, "not recorded"),
    el("h4", { text: `Body${cut}` }),
    el("pre", { class: "body", text: readable(body, cut) }));
  const details = el("details", { class: "entry", "data-id": String(entry.id), "data-action": entry.action || "",
    "data-status": String(entry.status) }, summary, el("div", { class: "entry-body" }, request, answer));
  if (journalState.open.has(entry.id)) details.open = true;
  details.addEventListener("toggle", () => {
    if (details.open) journalState.open.add(entry.id); else journalState.open.delete(entry.id);
  });
  return details;
}

function showJournalStatus() {
  const stamp = new Date().toLocaleTimeString();
  document.getElementById("journal-status").textContent = `${journalState.summary} · checked ${stamp}`;
}

async function refreshJournal() {
  const form = document.getElementById("journal-filters");
  if (journalState.busy) return;
  journalState.busy = true;
  try {
    // A cheap probe first: the matching count and the newest matching entry. The list (up to 200
    // entries with their bodies) is fetched again only when one of them moved.
    const query = journalQuery(form);
    const probe = new URLSearchParams(query);
    probe.set("limit", "1");
    const [count, newest] = await Promise.all([
      admin("GET", "/requests/count?" + probe.toString()),
      admin("GET", "/requests?" + probe.toString()),
    ]);
    const head = JSON.stringify([query.toString(), count.count, newest.requests.map((entry) => entry.id)]);
    if (head === journalState.head) {
      showError("journal-error", null);
      showJournalStatus();
      return;
    }
    const answer = await admin("GET", "/requests?" + query.toString());
    journalState.head = head;
    showError("journal-error", null);
    const text = form.elements.text.value.trim().toLowerCase();
    const entries = answer.requests.filter((entry) => !text || entryText(entry).includes(text));
    const shown = JSON.stringify([text, entries.map((entry) => entry.id)]);
    if (shown !== journalState.shown) {
      journalState.shown = shown;
      const list = document.getElementById("journal");
      list.replaceChildren(...entries.map(journalEntry));
      if (!entries.length) list.append(el("p", { class: "empty", text: "No request matches yet." }));
    }
    journalState.summary = `${entries.length} shown of ${answer.meta.total} in the journal`;
    showJournalStatus();
  } catch (error) {
    showError("journal-error", error);
  } finally {
    journalState.busy = false;
  }
}

function startJournal() {
  const form = document.getElementById("journal-filters");
  const restart = () => {
    clearInterval(journalState.timer);
    journalState.shown = "";
    journalState.head = "";
    refreshJournal();
    if (form.elements.live.checked) journalState.timer = setInterval(refreshJournal, 1000);
  };
  form.addEventListener("input", restart);
  form.addEventListener("submit", (event) => { event.preventDefault(); restart(); });
  document.getElementById("journal-clear").addEventListener("click", async () => {
    try { await admin("DELETE", "/requests"); restart(); } catch (error) { showError("journal-error", error); }
  });
  restart();
}

/* ---------------------------------------------------------------- stubs, scenarios and faults */

function stubFromForm(form) {
  const value = (name) => form.elements[name].value.trim();
  const request = {};
  for (const name of ["module", "action", "method", "credentials"]) if (value(name)) request[name] = value(name);
  const parameters = {};
  for (const row of form.querySelectorAll(".matcher")) {
    const name = row.querySelector("[data-part=name]").value.trim();
    if (!name) continue;
    const kind = row.querySelector("[data-part=kind]").value;
    const text = row.querySelector("[data-part=value]").value;
    parameters[name] = { [kind]: kind === "absent" ? text.trim() !== "false" : text };
  }
  if (Object.keys(parameters).length) request.parameters = parameters;
  const response = {};
  const content = form.elements.content.value;
  const kind = value("kind");
  if (kind === "json") {
    try { response.json = JSON.parse(content); } catch (error) { throw new Error(`the JSON body is not JSON: ${error.message}`); }
  } else if (kind === "lines") {
    response.lines = content.split(/\r?\n/).filter((line, index, all) => line !== "" || index < all.length - 1);
  } else if (kind === "body") {
    response.body = content;
  }
  if (value("status")) response.status = Number(value("status"));
  if (value("delayMs")) response.delayMs = Number(value("delayMs"));
  if (value("fault")) response.fault = value("fault");
  const headers = {};
  for (const line of form.elements.headers.value.split(/\r?\n/)) {
    const at = line.indexOf(":");
    if (at > 0) headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  if (Object.keys(headers).length) response.headers = headers;
  const stub = { request, response };
  if (value("name")) stub.name = value("name");
  if (value("priority")) stub.priority = Number(value("priority"));
  return stub;
}

function faultFromForm(form) {
  const fault = { fault: form.elements.fault.value };
  if (form.elements.action.value.trim()) fault.action = form.elements.action.value.trim();
  for (const name of ["delay_ms", "times", "percent", "chunks", "seed"]) {
    const text = form.elements[name].value.trim();
    if (text) fault[name] = Number(text);
  }
  return fault;
}

function startStubs() {
  showFlash();
  document.getElementById("stub-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const stub = await admin("POST", "/mappings", stubFromForm(event.target));
      flashThenReload(`Stub ${stub.id} added.`);
    } catch (error) {
      showError("stub-error", error);
    }
  });
  document.getElementById("fault-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const fault = await admin("POST", "/faults", faultFromForm(event.target));
      flashThenReload(`Fault #${fault.id} (${fault.fault}) switched on.`);
    } catch (error) {
      showError("fault-error", error);
    }
  });
  const act = (method, path, message, errorBox) => async () => {
    try { await admin(method, path); flashThenReload(message); } catch (error) { showError(errorBox, error); }
  };
  onClick("[data-delete-stub]", (event) => {
    const id = event.currentTarget.dataset.deleteStub;
    act("DELETE", "/mappings/" + encodeURIComponent(id), `Stub ${id} removed.`, "stubs-error")();
  });
  onClick("[data-delete-fault]", (event) => {
    const id = event.currentTarget.dataset.deleteFault;
    act("DELETE", "/faults/" + encodeURIComponent(id), `Fault #${id} switched off.`, "fault-error")();
  });
  onClick("#stubs-clear", act("DELETE", "/mappings", "Every stub removed (those of --mappings loaded again).", "stubs-error"));
  onClick("#scenarios-reset", act("POST", "/scenarios/reset", "Every scenario is back to Started.", "stubs-error"));
  onClick("#faults-clear", act("DELETE", "/faults", "Every fault switched off.", "fault-error"));
}

/* ---------------------------------------------------------------- clock and floor */

async function refreshFloor() {
  try {
    const response = await fetch(window.location.pathname, { headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    for (const id of ["live", "top-clock"]) {
      const fresh = page.getElementById(id);
      const here = document.getElementById(id);
      if (fresh && here && fresh.outerHTML !== here.outerHTML) here.replaceWith(document.importNode(fresh, true));
    }
    showError("floor-error", null);
  } catch (error) {
    showError("floor-error", error);
  }
}

function startFloor() {
  const steer = async (method, path, body) => {
    try {
      const clock = await admin(method, path, body);
      showError("clock-error", null);
      document.getElementById("clock-said").textContent = `The clock now reads ${clock.now} (${clock.mode}).`;
      await refreshFloor();
    } catch (error) {
      showError("clock-error", error);
    }
  };
  document.getElementById("clock-set").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const body = { now: form.elements.now.value };
    if (form.elements.mode.value) body.mode = form.elements.mode.value;
    steer("PUT", "/clock", body);
  });
  document.getElementById("clock-advance").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    steer("POST", "/clock/advance", { [form.elements.unit.value]: Number(form.elements.amount.value) });
  });
  onClick("[data-clock]", (event) => {
    const what = event.currentTarget.dataset.clock;
    if (what === "restore") steer("DELETE", "/clock"); else steer("POST", "/clock/" + what);
  });
  setInterval(refreshFloor, 2000);
}

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  if (page === "journal") startJournal();
  else if (page === "stubs") startStubs();
  else if (page === "floor") startFloor();
});
