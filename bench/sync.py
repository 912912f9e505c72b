"""Sync benchmark: bootstrap (snapshot, and through pulls), push of queued ops, an offline
week, no-op sync, bytes per record.

Runs a real tne_api on 127.0.0.1 (SQLite file, or PostgreSQL with ``--database-url``) and
real client stores. Each figure sits beside a raw baseline measured in the same run:
- bootstrap: the same pages (snapshot pages, or pull pages) fetched with bare ``requests``,
  JSON-decoded and inserted with stdlib ``sqlite3.executemany`` into a bare table (no sync
  bookkeeping);
- push: the same op batches POSTed with bare ``requests`` by another registered client;
- offline week (``bench/offline_week.py``): this tree's client, and with ``--old-code`` the
  client of another tree (e.g. an export of the previous commit) against the same server.

Usage: python bench/sync.py [--rows 100000] [--ops 1000] [--week 5000] [--old-code DIR]
       [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._pg import fresh_schema, is_postgresql  # noqa: E402
from bench._report import write_section  # noqa: E402
from mediator_app.core.entities import Attendance, Workshop, attendance_id  # noqa: E402
from mediator_app.core.enums import Theme, WorkshopFormat  # noqa: E402
from mediator_app.core.messages import PROTOCOL_HEADER, PROTOCOL_VERSION  # noqa: E402
from mediator_app.core.wire import SCHEMA_VERSION, SNAPSHOT_PAGE_DEFAULT, to_wire  # noqa: E402
from mediator_app.local_store.schema import entity_tables  # noqa: E402
from mediator_app.local_store.services.workshops import WorkshopService  # noqa: E402
from mediator_app.sync.api_client import APP_VERSION  # noqa: E402
from tests.support.clients import make_client  # noqa: E402
from tests.support.live_server import LiveServer, sqlite_url, start_live_server  # noqa: E402
from tne_api import models  # noqa: E402
from tne_api.codec import to_storage  # noqa: E402

PASSWORD = "bench-password-1"


def seed_server(server: LiveServer, structure: uuid.UUID, rows: int) -> None:
    """Bulk-load ``rows`` synced rows (workshops + attendance) straight into the server
    tables with consecutive seqs — a benchmark fixture, not a server write path."""
    from mediator_app.core.wire import specs

    n_workshops = max(1, rows // 10)
    now = datetime.now(UTC)
    with server.db.engine.begin() as conn:
        seq0 = conn.execute(models.sync_counter.select()).first().seq  # type: ignore[union-attr]
        seq = seq0
        batch: dict[str, list[dict[str, Any]]] = {"workshop": [], "attendance": []}
        workshop_ids = []
        for i in range(n_workshops):
            w = Workshop(
                id=uuid.uuid4(),
                format=WorkshopFormat.ATELIER,
                title=f"Atelier numérique {i}",
                date=date(2025, 9, 1) + timedelta(days=i % 600),
                themes=(Theme.PARENTALITE,),
                organizer_structure_id=structure,
                venue_structure_id=structure,
                department_code="95",
                capacity=20,
                commune="Cergy",
            )
            workshop_ids.append(w.id)
            seq += 1
            batch["workshop"].append(
                _server_row("workshop", w.id, to_wire(w), seq, structure, now, specs)
            )
        participants = [uuid.uuid4() for _ in range(500)]
        for j in range(rows - n_workshops):
            wid = workshop_ids[j % n_workshops]
            pid = participants[(j // n_workshops) % len(participants)]
            a = Attendance(id=attendance_id(wid, pid), workshop_id=wid, participant_id=pid)
            seq += 1
            batch["attendance"].append(
                _server_row("attendance", a.id, to_wire(a), seq, structure, now, specs)
            )
        for entity, values in batch.items():
            for i in range(0, len(values), 5000):
                conn.execute(models.SYNCED[entity].insert(), values[i : i + 5000])
        conn.execute(models.sync_counter.update().values(seq=seq))
    if server.db.engine.dialect.name == "postgresql":
        # What autovacuum does to rows a server gathers over months: without it the first
        # reader of rows loaded just now pays for their hint bits and a plan without
        # statistics, and the bootstrap (read first) would be measured on a colder server
        # than its baseline (read second).
        tables = ", ".join(models.SYNCED[e].name for e in batch)
        with server.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql(f"VACUUM ANALYZE {tables}")


def _server_row(
    entity: str,
    row_id: uuid.UUID,
    data: dict[str, Any],
    seq: int,
    structure: uuid.UUID,
    now: datetime,
    specs: Any,
) -> dict[str, Any]:
    out = {s.name: to_storage(s, data[s.name]) for s in specs(entity)}
    out.update(
        id=row_id,
        version=1,
        field_versions={k: 1 for k in data},
        seq=seq,
        tx_seq=seq,
        deleted=False,
        deleted_at=None,
        scope_department="95",
        scope_structure=structure,
        updated_by_user=None,
        updated_by_client=None,
        server_updated_at=now,
    )
    return out


def raw_bootstrap(base_url: str, token: str, client_id: str, limit: int) -> tuple[float, int]:
    """Baseline: fetch the same pages with bare requests, json-decode, sqlite3 executemany."""
    con = sqlite3.connect(tempfile.mktemp(suffix=".sqlite3"))
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(
        "CREATE TABLE r (id TEXT PRIMARY KEY, entity TEXT, version INT, deleted INT, data TEXT)"
    )
    cursor, total = "", 0
    s = requests.Session()
    start = time.perf_counter()
    while True:
        resp = s.get(
            f"{base_url}/sync/v1/pull",
            headers={"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)},
            params={
                "client_id": client_id,
                "cursor": cursor,
                "limit": limit,
                "app_version": APP_VERSION,
                "schema_version": SCHEMA_VERSION,
            },
        )
        page = json.loads(resp.content)
        with con:
            con.executemany(
                "INSERT OR REPLACE INTO r VALUES (?,?,?,?,?)",
                [
                    (c["id"], c["entity"], c["version"], c["deleted"], json.dumps(c["data"]))
                    for c in page["changes"]
                ],
            )
        total += len(page["changes"])
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    return time.perf_counter() - start, total


def raw_snapshot(
    base_url: str, token: str, client_id: str, entities: list[str], limit: int
) -> tuple[float, int]:
    """Baseline: the same snapshot pages with bare requests, json-decoded, sqlite3
    executemany into one bare table."""
    con = sqlite3.connect(tempfile.mktemp(suffix=".sqlite3"))
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(
        "CREATE TABLE r (id TEXT PRIMARY KEY, entity TEXT, version INT, deleted INT, data TEXT)"
    )
    s = requests.Session()
    headers = {"Authorization": f"Bearer {token}", PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    total, snapshot = 0, ""
    start = time.perf_counter()
    for entity in entities:
        after: str | None = None
        while True:
            params: dict[str, Any] = {
                "client_id": client_id,
                "entity": entity,
                "snapshot": snapshot,
                "limit": limit,
                "app_version": APP_VERSION,
                "schema_version": SCHEMA_VERSION,
            }
            if after:
                params["after"] = after
            page = json.loads(
                s.get(f"{base_url}/sync/v1/snapshot", headers=headers, params=params).content
            )
            snapshot = page["snapshot"]
            with con:
                con.executemany(
                    "INSERT OR REPLACE INTO r VALUES (?,?,?,?,?)",
                    [(r[0], entity, r[1], r[2], json.dumps(r[3:])) for r in page["rows"]],
                )
            total += len(page["rows"])
            if not page["has_more"]:
                break
            after = page["next_after"]
    return time.perf_counter() - start, total


def offline_week(base_url: str, email: str, tmp: Path, changes: int, code: str) -> dict[str, Any]:
    """``bench/offline_week.py`` in a fresh interpreter with ``code``'s client."""
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "offline_week.py"),
            *("--server", base_url, "--email", email, "--password", PASSWORD),
            *("--dir", str(tmp), "--changes", str(changes), "--code", code),
        ],
        check=True,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


class _Served:
    def __init__(self, proc: subprocess.Popen[bytes], base_url: str) -> None:
        self.proc, self.base_url = proc, base_url

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def serve_apart(url: str) -> _Served:
    """``tne_api`` in a process of its own over ``url`` (the app ``tne-api serve`` runs)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(TNE_API_DATABASE_URL=url, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "uvicorn", "tne_api.app:create_app_from_env", "--factory"),
            *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
        ],
        env=env,
    )
    base_url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(f"{base_url}/health", timeout=1).ok:
                return _Served(proc, base_url)
        except requests.ConnectionError:
            time.sleep(0.1)
    proc.terminate()
    raise RuntimeError("the server process did not start")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--ops", type=int, default=1_000)
    ap.add_argument("--week", type=int, default=5_000, help="changes of the offline week")
    ap.add_argument("--old-code", default="", help="a tree whose client is the week's before")
    ap.add_argument("--database-url", default="")
    ap.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tne-bench-sync-"))
    with ExitStack() as stack:
        if args.database_url and is_postgresql(args.database_url):
            # A schema of its own, dropped at the end (the given database is left as it was).
            url = stack.enter_context(fresh_schema(args.database_url))
        else:
            url = args.database_url or sqlite_url(tmp / "server.sqlite3")
        return _run(args, tmp, url)


def _run(args: argparse.Namespace, tmp: Path, url: str) -> int:
    server = start_live_server(url)
    try:
        structure = server.create_structure("Collège Jean Moulin", uai="0950001K")
        server.create_user("med@bench.test", PASSWORD, "mediator", structure_id=structure)
        server.create_user("coord@bench.test", PASSWORD, "coordinator")
        t0 = time.perf_counter()
        seed_server(server, structure, args.rows)
        print(f"seeded {args.rows} rows in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        # The clients talk to a server process of its own, as deployed (the in-process
        # server above only seeds): a client and a server in one interpreter share its lock.
        served = serve_apart(url)
        base_url = served.base_url

        # 0. One unmeasured bootstrap first, as a server that has been running serves: the
        # first requests of a new process open its database connections and compile its
        # statements, which whichever of the client and its baseline ran first would pay.
        warm = make_client(tmp, "coord-warm")
        warm.login(base_url, "coord@bench.test", PASSWORD)
        warm.engine().sync()

        # 1. Coordinator bootstrap from a snapshot, and its raw baseline.
        snap = make_client(tmp, "coord-snap")
        snap.login(base_url, "coord@bench.test", PASSWORD)
        snap_engine = snap.engine()
        start = time.perf_counter()
        snap_report = snap_engine.sync()
        snap_s = time.perf_counter() - start
        assert snap_report.snapshot_rows == snap_report.pulled, snap_report
        snap_bytes = snap_engine.api.bytes_received
        snap_api = snap.session.client()
        with snap.store.read() as conn:
            from mediator_app.local_store.state import get_state

            snap_client = str(get_state(conn, "client_id"))
        assert snap_api.tokens is not None
        raw_snap_s, raw_snap_rows = raw_snapshot(
            base_url,
            snap_api.tokens.access_token,
            snap_client,
            list(entity_tables),
            SNAPSHOT_PAGE_DEFAULT,
        )

        # 1b. The same bootstrap through pulls (as before the snapshot), and its baseline.
        coord = make_client(tmp, "coord")
        coord.login(base_url, "coord@bench.test", PASSWORD)
        engine = coord.engine(pull_limit=2000, snapshot=False)
        start = time.perf_counter()
        report = engine.sync()
        boot_s = time.perf_counter() - start
        pulled = report.pulled
        wire_bytes = engine.api.bytes_received
        api = coord.session.client()
        with coord.store.read() as conn:
            client_id = str(get_state(conn, "client_id"))
        assert api.tokens is not None
        raw_s, raw_rows = raw_bootstrap(base_url, api.tokens.access_token, client_id, 2000)

        # 2. No-op sync.
        engine2 = coord.engine()
        start = time.perf_counter()
        noop = engine2.sync()
        noop_s = time.perf_counter() - start

        # 3. Push of an offline week (1,000 queued ops).
        med = make_client(tmp, "med")
        med.login(base_url, "med@bench.test", PASSWORD)
        med.engine(pull_limit=2000).sync()
        svc = WorkshopService(med.store)
        for i in range(args.ops):
            svc.create(
                Workshop(
                    format=WorkshopFormat.CAFE_DES_PARENTS,
                    title=f"Café {i}",
                    date=date(2026, 12, 1),
                    themes=(Theme.PARENTALITE,),
                    commune="Sarcelles",
                )
            )
        ops = [dict(o) for o in med.outbox("pending")]
        med_engine = med.engine(pull_limit=2000)
        med_api = med_engine.api
        sent_before = med_api.bytes_sent
        start = time.perf_counter()
        med_report = med_engine.sync()
        push_s = time.perf_counter() - start
        push_bytes = med_api.bytes_sent - sent_before

        # Baseline: the same ops POSTed raw by another registered client of the same user.
        raw = requests.Session()
        login = raw.post(
            f"{base_url}/auth/login", json={"email": "med@bench.test", "password": PASSWORD}
        ).json()
        hdr = {
            "Authorization": f"Bearer {login['access_token']}",
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
        }
        reg = raw.post(
            f"{base_url}/sync/v1/devices",
            headers=hdr,
            json={
                "device_id": "raw-bench",
                "device_name": "raw",
                "app_version": APP_VERSION,
                "schema_version": SCHEMA_VERSION,
            },
        ).json()
        raw_ops = []
        for n, o in enumerate(ops, start=1):
            raw_ops.append(
                {
                    "op_id": str(uuid.uuid4()),
                    "client_seq": n,
                    "entity": o["entity"],
                    "row_id": str(uuid.uuid4()),
                    "kind": "create",
                    "base_version": 0,
                    "base": {},
                    "set": o["changes"],
                    "client_time": "",
                }
            )
        start = time.perf_counter()
        for i in range(0, len(raw_ops), 200):
            raw.post(
                f"{base_url}/sync/v1/push",
                headers=hdr,
                json={
                    "client_id": reg["client_id"],
                    "batch_id": str(uuid.uuid4()),
                    "app_version": APP_VERSION,
                    "schema_version": SCHEMA_VERSION,
                    "ops": raw_ops[i : i + 200],
                },
            ).raise_for_status()
        raw_push_s = time.perf_counter() - start

        # 4. An offline week: this client, and the old one, each on a structure of its own.
        week: dict[str, dict[str, Any]] = {}
        for label, code in (("new", str(ROOT)), ("old", args.old_code)):
            if not code:
                continue
            place = server.create_structure(f"Centre social {label}")
            email = f"week-{label}@bench.test"
            server.create_user(email, PASSWORD, "mediator", structure_id=place)
            week[label] = offline_week(base_url, email, tmp / f"week-{label}", args.week, code)
    finally:
        if "served" in locals():
            served.stop()
        server.stop()

    snap_rate = snap_report.pulled / snap_s
    raw_snap_rate = raw_snap_rows / raw_snap_s
    rate = pulled / boot_s
    raw_rate = raw_rows / raw_s
    per_record = wire_bytes / max(pulled, 1)
    backend = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    week_rows = ""
    for label, w in week.items():
        who = "this client" if label == "new" else "previous client (--old-code)"
        week_rows += (
            f"| Offline week, {w['changes']:,} changes, {who} | {w['seconds']:.1f} s, "
            f"{w['requests']} requests | — | "
            + (
                f"{week['old']['seconds'] / w['seconds']:.2f}x faster than the previous client"
                if label == "new" and "old" in week
                else "—"
            )
            + " | <= 15 s |\n"
        )
    table = f"""Server database: {backend}. Coordinator bootstrap of {pulled:,} rows
({args.rows // 10:,} workshops + attendance), pages of 2,000; push of {med_report.pushed:,} queued
ops in batches of 200.

| Measure | TNE client | Raw baseline | Ratio | Goal |
|---|---|---|---|---|
| Bootstrap from a snapshot ({snap_report.pulled:,} rows) | {snap_rate:,.0f} rows/s ({snap_s:.1f} s) | {raw_snap_rate:,.0f} rows/s ({raw_snap_s:.1f} s) | {snap_rate / raw_snap_rate:.2f}x of the baseline | >= 30,000 rows/s and >= 0.8x |
| Bytes on the wire per snapshot record (gzip) | {snap_bytes / max(snap_report.pulled, 1):.0f} B | — | — | <= 200 B |
| Bootstrap through pulls (as before) | {rate:,.0f} rows/s ({boot_s:.1f} s) | {raw_rate:,.0f} rows/s ({raw_s:.1f} s) | {raw_rate / rate:.2f}x | >= 20,000 rows/s |
| Bytes on the wire per pulled record (gzip) | {per_record:.0f} B | — | — | <= 200 B |
| Push of {med_report.pushed:,} queued ops | {push_s:.2f} s ({med_report.pushed / push_s:,.0f} ops/s, {push_bytes / max(med_report.pushed, 1):.0f} B/op gzip) | {raw_push_s:.2f} s | {push_s / raw_push_s:.2f}x | — |
| No-op sync | {noop.requests} request(s), {noop_s * 1000:.0f} ms | — | — | 2 requests |
{week_rows}
Snapshot vs pulls in this run: {snap_rate / rate:.2f}x the rows/s of the bootstrap through pulls.

Server in a process of its own (`uvicorn`, one worker), the clients in the benchmark's
process; everything shares the machine's cores. One unmeasured bootstrap runs first (the
server process's connections opened, its statements compiled; on PostgreSQL the seeded tables
are vacuumed before), then the client's, then its baseline. The snapshot's raw baseline fetches the
same snapshot pages (5,000 rows) with bare `requests`, decodes the JSON and `executemany`s
them into one bare stdlib-`sqlite3` table (same pragmas); the client also converts every
field, checks local versions, pending ops and conflicts, holds children whose workshop
changed, and writes the typed tables — reading the next page while it writes this one. The
pulls' raw baseline does the same over pull pages. The raw push baseline posts the same ops
from another client (it measures the server). The offline week is `bench/offline_week.py`:
one laptop queues the changes offline (a tenth workshops, a fifth families, the rest
attendance, then an edit of every workshop), then one sync pushes and pulls them back.
"""
    print(table)
    if not args.no_write:
        write_section("Sync", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
