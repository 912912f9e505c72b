"""A mediator's week of offline work, seeded: creates, updates and deletes of workshops,
parents and attendance, each one user action (one local transaction) through the real
services and unit of work.

``Workload.step()`` makes one edit and returns an ``Edit`` describing only the fields it
set; ``expected_state(edits)`` folds them into what the server must end up holding. The
choices depend on the seed and on the store's current rows, so a restarted process
(crash tests) carries on where the last one stopped.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

import sqlalchemy as sa

from mediator_app.core.entities import Attendance, Participant, Workshop, attendance_id
from mediator_app.core.enums import Presence, Theme, WorkshopFormat
from mediator_app.core.wire import JSON, fields_to_wire
from mediator_app.local_store.schema import entity_tables
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.local_store.unit_of_work import Store

KINDS = (
    "create_workshop",
    "update_workshop",
    "delete_workshop",
    "create_participant",
    "update_participant",
    "delete_participant",
    "check_in",
    "update_attendance",
)
WEIGHTS = (4, 5, 1, 4, 3, 1, 5, 3)


@dataclass(frozen=True)
class Edit:
    """One committed user action: the row and the wire values of the fields it set."""

    entity: str
    row_id: UUID
    kind: str  # create | update | delete
    values: dict[str, JSON] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "entity": self.entity,
                "id": str(self.row_id),
                "kind": self.kind,
                "values": self.values,
            }
        )

    @classmethod
    def from_json(cls, line: str) -> Edit:
        d = json.loads(line)
        return cls(d["entity"], UUID(d["id"]), d["kind"], d["values"])


def new_workshop(title: str, **kw: Any) -> Workshop:
    return Workshop(
        format=WorkshopFormat.CAFE_DES_PARENTS,
        title=title,
        date=date(2026, 12, 10),
        themes=(Theme.PARENTALITE,),
        capacity=30,
        commune="Sarcelles",
        **kw,
    )


class Workload:
    """Seeded user actions on one store.

    Args:
        store: the laptop's store.
        seed: the random seed (same seed + same rows -> same edits).
        tag: prefix of generated titles and names (keeps runs apart).
    """

    def __init__(
        self,
        store: Store,
        seed: int | str,
        tag: str = "w",
        *,
        kinds: tuple[str, ...] = KINDS,
        before: Callable[[Edit], None] | None = None,
    ) -> None:
        self.store = store
        self.rng = random.Random(seed)
        self.tag = tag
        self.n = 0
        self.kinds = kinds
        self.weights = [WEIGHTS[KINDS.index(k)] for k in kinds]
        self.before = before or (lambda _edit: None)

    # --- current rows ---------------------------------------------------------------

    def _ids(self, entity: str, *, live: bool = True) -> list[UUID]:
        t = entity_tables[entity]
        q = sa.select(t.c.id).order_by(t.c.id)
        if live:
            q = q.where(t.c.deleted.is_(False))
        with self.store.read() as conn:
            return list(conn.execute(q).scalars())

    def _attendance(self) -> list[tuple[UUID, UUID, UUID, bool]]:
        t = entity_tables["attendance"]
        with self.store.read() as conn:
            return [
                (r.id, r.workshop_id, r.participant_id, bool(r.deleted))
                for r in conn.execute(
                    sa.select(t.c.id, t.c.workshop_id, t.c.participant_id, t.c.deleted).order_by(
                        t.c.id
                    )
                )
            ]

    # --- actions --------------------------------------------------------------------

    def step(self) -> Edit:
        """Make one edit (falls back to a create when the chosen action has no target)."""
        self.n += 1
        kind = self.rng.choices(self.kinds, self.weights)[0]
        edit: Edit | None = getattr(self, kind)()
        if edit is None:
            edit = self.create_workshop() if self.rng.random() < 0.5 else self.create_participant()
        assert edit is not None
        return edit

    def _label(self) -> str:
        return f"{self.tag}-{self.n}-{self.rng.randrange(10_000)}"

    def create_workshop(self) -> Edit | None:
        w = new_workshop(f"Atelier {self._label()}")
        values = {"title": w.title, "capacity": w.capacity, "notes": w.notes}
        edit = Edit("workshop", w.id, "create", fields_to_wire("workshop", values))
        self.before(edit)
        WorkshopService(self.store).create(w)
        return edit

    def update_workshop(self) -> Edit | None:
        ids = self._ids("workshop")
        if not ids:
            return None
        wid = self.rng.choice(ids)
        values: dict[str, Any] = {}
        for name in self.rng.sample(["title", "notes", "capacity"], self.rng.randint(1, 2)):
            if name == "capacity":
                values[name] = self.rng.randint(20, 40)
            else:
                values[name] = f"{name} {self._label()}"
        edit = Edit("workshop", wid, "update", fields_to_wire("workshop", values))
        self.before(edit)
        WorkshopService(self.store).update(wid, **values)
        return edit

    def delete_workshop(self) -> Edit | None:
        used = {a[1] for a in self._attendance()}
        ids = [i for i in self._ids("workshop") if i not in used]
        if not ids:
            return None
        wid = self.rng.choice(ids)
        edit = Edit("workshop", wid, "delete")
        self.before(edit)
        WorkshopService(self.store).delete(wid)
        return edit

    def create_participant(self) -> Edit | None:
        label = self._label()
        values = {"first_name": f"Parent {label}", "last_name": "Test", "notes": ""}
        p = Participant(first_name=values["first_name"], last_name="Test")
        edit = Edit("participant", p.id, "create", fields_to_wire("participant", values))
        self.before(edit)
        with self.store.write() as tx:
            tx.insert(p)
        return edit

    def update_participant(self) -> Edit | None:
        ids = self._ids("participant")
        if not ids:
            return None
        pid = self.rng.choice(ids)
        values = {"notes": f"note {self._label()}"}
        edit = Edit("participant", pid, "update", fields_to_wire("participant", values))
        self.before(edit)
        with self.store.write() as tx:
            tx.update(tx.require(Participant, pid), **values)
        return edit

    def delete_participant(self) -> Edit | None:
        used = {a[2] for a in self._attendance()}
        ids = [i for i in self._ids("participant") if i not in used]
        if not ids:
            return None
        pid = self.rng.choice(ids)
        edit = Edit("participant", pid, "delete")
        self.before(edit)
        with self.store.write() as tx:
            tx.delete(tx.require(Participant, pid))
        return edit

    def check_in(self) -> Edit | None:
        """Mark a parent present the way the check-in screen does (deterministic id)."""
        taken = {a[0] for a in self._attendance()}
        pairs = [
            (w, p)
            for w in self._ids("workshop")
            for p in self._ids("participant")
            if attendance_id(w, p) not in taken
        ]
        if not pairs:
            return None
        wid, pid = self.rng.choice(pairs)
        status = self.rng.choice([Presence.PRESENT, Presence.ABSENT])
        aid = attendance_id(wid, pid)
        edit = Edit("attendance", aid, "create", fields_to_wire("attendance", {"status": status}))
        self.before(edit)
        with self.store.write() as tx:
            tx.insert(Attendance(id=aid, workshop_id=wid, participant_id=pid, status=status))
        return edit

    def update_attendance(self) -> Edit | None:
        live_w = set(self._ids("workshop"))
        live_p = set(self._ids("participant"))
        rows = [a for a in self._attendance() if not a[3] and a[1] in live_w and a[2] in live_p]
        if not rows:
            return None
        aid = self.rng.choice(rows)[0]
        status = self.rng.choice(list(Presence))
        children = self.rng.randint(0, 3)
        values = fields_to_wire("attendance", {"status": status, "children_count": children})
        edit = Edit("attendance", aid, "update", values)
        self.before(edit)
        with self.store.write() as tx:
            tx.update(tx.require(Attendance, aid), status=status, children_count=children)
        return edit


@dataclass
class Expected:
    """What one row must look like on the server: per field set by the edits, the values
    it may hold (one, unless the last edit of that field may not have committed)."""

    values: dict[str, list[JSON]] = field(default_factory=dict)
    deleted: bool | None = False  # None: either (an unsure delete)
    may_be_missing: bool = False


def expected_state(
    edits: list[Edit], unsure: set[int] | frozenset[int] = frozenset()
) -> dict[tuple[str, UUID], Expected]:
    """Fold edits, in the order they were committed, into the expected final rows.

    ``unsure`` holds the indexes of edits that may or may not have committed (a process
    killed during the edit): both outcomes are accepted.
    """
    out: dict[tuple[str, UUID], Expected] = {}
    for i, e in enumerate(edits):
        maybe = i in unsure
        key = (e.entity, e.row_id)
        row = out.get(key)
        if row is None:
            row = out[key] = Expected(may_be_missing=maybe)
        elif not maybe:
            row.may_be_missing = False
        if e.kind == "delete":
            row.deleted = None if maybe else True
            continue
        if not maybe:
            row.deleted = False
        for k, v in e.values.items():
            if not maybe:
                row.values[k] = [v]
            elif row.values.get(k):
                row.values[k] = [*row.values[k], v]
            else:
                row.values[k] = []  # unknown before: either outcome is fine
    return out


def mismatches(
    expected: dict[tuple[str, UUID], Expected],
    live: dict[str, dict[UUID, dict[str, JSON]]],
    tombstones: dict[str, set[UUID]],
) -> list[str]:
    """Differences between the expected rows and a state (``live`` wire rows and
    ``tombstones`` per entity); empty when every edit is there."""
    problems: list[str] = []
    for (entity, row_id), exp in expected.items():
        got = live.get(entity, {}).get(row_id)
        dead = row_id in tombstones.get(entity, set())
        if got is None and not dead:
            if not exp.may_be_missing:
                problems.append(f"{entity} {row_id}: missing")
            continue
        if exp.deleted is True and got is not None:
            problems.append(f"{entity} {row_id}: deleted locally, live on the server")
        if exp.deleted is False and got is None:
            problems.append(f"{entity} {row_id}: live locally, deleted on the server")
        if got is None:
            continue
        for k, allowed in exp.values.items():
            if allowed and got.get(k) not in allowed:
                problems.append(f"{entity} {row_id}.{k}: expected {allowed!r}, got {got.get(k)!r}")
    return problems
