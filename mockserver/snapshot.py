"""Snapshots of the mutable state (``/__admin/snapshot``): what users changed, as one JSON document a
team can keep next to its tests and restore to get identical answers.

The seeded world is not in it (seed and size rebuild it); the journal is not either (a record of
requests, not state). Everything else the admin API and the write actions change is: added leads, hopper
entries and callbacks, faults, stubs and scenario states, the clock, agents' live states, added call
times and campaigns. A snapshot is only restored into an emulator with the same seed and world size,
since added leads refer to the seeded lists and campaigns. Restoring is one step under the store's
lock, after the whole document is checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockserver import faults, stubs
from mockserver.state import StateStore
from mockserver.world import World, clock, directory_additions, floor_overrides, leads

FORMAT = "crocodial-mock snapshot 1"
LOG_KINDS = (leads.STATE_KIND,)
TABLE_KINDS = (
    faults.KIND,
    stubs.KIND,
    stubs.SCENARIOS,
    clock.KIND,
    floor_overrides.KIND,
    directory_additions.KIND,
)
LEAD_CHANGES = {"lead": leads.STATE_KIND, "hopper": leads.HOPPER_IDS, "callback": leads.CALLBACK_IDS}
"""Each change record that took an id from a counter, and the counter (rebuilt on restore)."""
OTHER_CHANGES = ("alt_phones", "custom_fields")


class SnapshotError(ValueError):
    """A document that is not a snapshot this emulator can restore; the message says why."""


def _identity(world: World) -> dict[str, Any]:
    size = world.size
    return {
        "seed": world.seed,
        "size": {
            "users": size.users,
            "campaigns": size.campaigns,
            "calls_per_day": size.calls_per_day,
            "leads": size.leads,
        },
    }


def take(world: World) -> dict[str, Any]:
    store = world.state
    with store.locked():
        kinds: dict[str, Any] = {
            kind: {"log": [record for _, record in store.read(kind)[1]]} for kind in LOG_KINDS
        }
        kinds.update({kind: {"table": store.table(kind)} for kind in TABLE_KINDS})
    return {"format": FORMAT, **_identity(world), "kinds": kinds}


def restore(world: World, document: Any, stub_catalogue: stubs.Catalogue) -> dict[str, int]:
    """Replace the mutable state with the snapshot's; how many records each kind now holds."""
    logs, tables = _checked(world, document, stub_catalogue)
    store = world.state
    with store.locked():
        store.clear((*LOG_KINDS, *TABLE_KINDS, leads.HOPPER_IDS, leads.CALLBACK_IDS))
        for kind, records in logs.items():
            for record in records:
                store.append(kind, record)
        for kind, table in tables.items():
            for key, record in table.items():
                store.put(kind, key, record)
        _rebuild_counters(store, logs[leads.STATE_KIND], tables)
    return {kind: len(records) for kind, records in {**logs, **tables}.items()}


def _rebuild_counters(
    store: StateStore, changes: list[dict[str, Any]], tables: Mapping[str, Mapping]
) -> None:
    """Counters as they were: one id per lead, hopper entry and callback; faults and stubs after their
    highest id and order, so new ones never collide with restored ones."""
    wanted = {counter: 0 for counter in LEAD_CHANGES.values()}
    for record in changes:
        counter = LEAD_CHANGES.get(record["change"])
        if counter is not None:
            wanted[counter] += 1
    wanted[faults.KIND] = max((int(record["id"]) for record in tables[faults.KIND].values()), default=0)
    wanted[stubs.KIND] = max(
        (int(record.get("_seq", 0)) for record in tables[stubs.KIND].values()), default=0
    )
    wanted[directory_additions.KIND] = max(
        (record["seq"] for record in tables[directory_additions.KIND].values()), default=0
    )
    for counter, value in wanted.items():
        for _ in range(value):
            store.next_id(counter)


def _checked(
    world: World, document: Any, stub_catalogue: stubs.Catalogue
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, dict[str, Any]]]]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SnapshotError(f'not a snapshot: expected "format": "{FORMAT}"')
    identity = _identity(world)
    for name, value in identity.items():
        if document.get(name) != value:
            raise SnapshotError(
                f"the snapshot was taken with {name} {document.get(name)!r}, this emulator has {value!r}"
            )
    kinds = document.get("kinds")
    if not isinstance(kinds, dict) or set(kinds) - {*LOG_KINDS, *TABLE_KINDS}:
        raise SnapshotError(f"kinds must be an object with any of {', '.join((*LOG_KINDS, *TABLE_KINDS))}")
    logs = {}
    for kind in LOG_KINDS:
        records = kinds.get(kind, {}).get("log", [])
        if not isinstance(records, list) or not all(
            isinstance(r, dict) and r.get("change") in (*LEAD_CHANGES, *OTHER_CHANGES) for r in records
        ):
            raise SnapshotError(f"{kind}.log must be a list of change records")
        logs[kind] = records
    tables = {}
    for kind in TABLE_KINDS:
        table = kinds.get(kind, {}).get("table", {})
        if not isinstance(table, dict) or not all(isinstance(r, dict) for r in table.values()):
            raise SnapshotError(f"{kind}.table must map keys to records")
        tables[kind] = table
    for key, record in tables[stubs.KIND].items():
        try:
            stubs.validate({k: v for k, v in record.items() if not k.startswith("_")}, stub_catalogue)
        except stubs.StubError as error:
            raise SnapshotError(f"stub {key}: {error}") from None
        if record.get("id") != key:
            raise SnapshotError(f"stub {key}: its id differs from its key")
    for key, record in tables[faults.KIND].items():
        if set(record) - {*faults.FIELDS, "id", "seen"} or not isinstance(record.get("id"), int):
            raise SnapshotError(f"fault {key}: not a fault record")
    for key, record in tables[clock.KIND].items():
        if record.get("mode") not in ("frozen", "running") or not isinstance(record.get("at"), str):
            raise SnapshotError(f"clock {key}: not a clock record")
    for key, record in tables[floor_overrides.KIND].items():
        if record.get("state") not in floor_overrides.STATES or record.get("user") != key:
            raise SnapshotError(f"agent state {key}: not an agent state record")
    try:
        directory_additions.checked_table(world.seeded_directory, tables[directory_additions.KIND])
    except directory_additions.AdditionError as error:
        raise SnapshotError(f"{directory_additions.KIND}: {error}") from None
    return logs, tables
