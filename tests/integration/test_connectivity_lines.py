"""Connectivity lines through the real server (SQLite and PostgreSQL): a line made on one
laptop and ended on the other reaches the first with its date and reason; the
coordinator's laptop holds the line's figures but never its number nor its SIM (ICCID),
not even in the bytes of its SQLite file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mediator_app.core.entities import ConnectivityLine
from mediator_app.core.enums import LineEndReason, LineStatus
from mediator_app.local_store.services.devices import DeviceService
from tests.support.clients import make_client
from tests.support.live_server import LiveServer

PASSWORD = "correct-horse-42"
NUMBER = "07 81 23 45 67"
ICCID = "89330123456789012341"


def test_a_line_ended_on_one_laptop_reaches_the_other(server: LiveServer, tmp_path: Path) -> None:
    structure = server.create_structure("Centre social Les Toucouleurs")
    server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=structure)
    a, b = make_client(tmp_path, "a"), make_client(tmp_path, "b")
    try:
        for laptop in (a, b):
            laptop.login(server.base_url, "m@tne.test", PASSWORD)
        line = (
            DeviceService(a.store)
            .add_line(
                ConnectivityLine(
                    operator="Orange",
                    line_number=NUMBER,
                    iccid=ICCID,
                    data_plan="Data 100 Go",
                    start_date=date(2026, 9, 1),
                    end_date=date(2027, 8, 31),
                )
            )
            .value
        )
        a.sync()
        b.sync()
        on_b = DeviceService(b.store).get_line(line.id)
        assert on_b is not None and (on_b.line_number, on_b.iccid) == (NUMBER, ICCID)
        DeviceService(b.store).terminate_line(line.id, date(2027, 1, 15), LineEndReason.PERTE)
        report = b.sync()
        assert not b.outbox("parked"), report
        a.sync()
        on_a = DeviceService(a.store).get_line(line.id)
        assert on_a is not None
        assert (on_a.status, on_a.end_date, on_a.end_reason) == (
            LineStatus.TERMINATED,
            date(2027, 1, 15),
            LineEndReason.PERTE,
        )
        assert on_a.data_plan == "Data 100 Go" and on_a.version == on_b.version + 1
        # Both stores hold the same stored values (the wire's, not a display).
        (row,) = [r for r in a.rows("connectivity_line") if r["id"] == line.id]
        assert row["end_reason"] == "perte" and row["status"] == "resiliee"
        assert a.outbox("pending") == [] and a.outbox("parked") == []
    finally:
        a.close()
        b.close()


def test_a_coordinator_s_laptop_holds_no_line_number_nor_iccid(
    server: LiveServer, tmp_path: Path
) -> None:
    structure = server.create_structure("Médiathèque de Cergy", kind="mediatheque")
    server.create_user("m@tne.test", PASSWORD, "mediator", structure_id=structure)
    server.create_user("c@tne.test", PASSWORD, "coordinator", display_name="Claire Coord")
    m, c = make_client(tmp_path, "m"), make_client(tmp_path, "c")
    try:
        m.login(server.base_url, "m@tne.test", PASSWORD)
        c.login(server.base_url, "c@tne.test", PASSWORD)
        svc = DeviceService(m.store)
        today = date.today()
        running = svc.add_line(
            ConnectivityLine(
                operator="Orange",
                line_number=NUMBER,
                iccid=ICCID,
                start_date=date(2026, 1, 1),
                end_date=date.fromordinal(today.toordinal() + 10),
            )
        ).value
        ended = svc.add_line(
            ConnectivityLine(
                operator="SFR", line_number="07 11 22 33 44", iccid="89330999999999999999"
            )
        ).value
        svc.terminate_line(ended.id, today, LineEndReason.RESTITUTION)
        m.sync()
        c.sync()
        rows = {r["id"]: r for r in c.rows("connectivity_line")}
        assert set(rows) == {running.id, ended.id}
        for r in rows.values():
            assert r["line_number"] == "" and r["iccid"] == ""
        # What the coordination uses is there: operator, dates, status, reason.
        assert rows[running.id]["operator"] == "Orange"
        assert rows[ended.id]["end_reason"] == "restitution"
        (counts,) = DeviceService(c.store).line_counts(30, today)
        assert (counts.active, counts.ending_soon, counts.past_end) == (1, 1, 0)
        # Not even in the file: no number, no ICCID, in any spelling.
        c.close()
        data = b"".join(
            p.read_bytes() for p in (tmp_path / "c").rglob("mediation.sqlite3*") if p.is_file()
        )
        assert data, "the coordinator's store file"
        for secret in (NUMBER, NUMBER.replace(" ", ""), ICCID, "0711223344", "89330999999999"):
            assert secret.encode() not in data, secret
    finally:
        m.close()
        c.close()
