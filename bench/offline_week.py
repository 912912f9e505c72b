"""A long offline week pushed at once: one laptop queues ``--changes`` changes (workshops,
families, attendance, then edits) offline, then syncs; prints one JSON line of figures.

Run by ``bench/sync.py`` against its server, with this tree's client and, for the same
run's « before » figure, with another tree's client (``--code`` puts that tree first on the
path: the script only uses what both have).

Usage: python bench/offline_week.py --server URL --email E --password P --dir D
       [--changes 5000] [--code TREE]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("--server", required=True)
ap.add_argument("--email", required=True)
ap.add_argument("--password", required=True)
ap.add_argument("--dir", required=True)
ap.add_argument("--changes", type=int, default=5000)
ap.add_argument("--code", default=str(Path(__file__).resolve().parent.parent))
args = ap.parse_args()
sys.path.insert(0, args.code)

from mediator_app.core.entities import Attendance, Participant, Workshop, attendance_id  # noqa: E402
from mediator_app.core.enums import Presence, Theme, WorkshopFormat  # noqa: E402
from mediator_app.local_store.services.workshops import WorkshopService  # noqa: E402
from tests.support.clients import make_client  # noqa: E402


def main() -> int:
    laptop = make_client(Path(args.dir), "offline")
    laptop.login(args.server, args.email, args.password)
    laptop.engine().sync()
    # The week's mix: a tenth workshops, a fifth families, the rest attendance, then one
    # edit of every workshop (folded into its create while never sent).
    n = args.changes
    n_w, n_p = max(1, n // 10), max(1, n // 5)
    n_a = n - n_w - n_p
    svc = WorkshopService(laptop.store)
    workshops = [
        svc.create(
            Workshop(
                format=WorkshopFormat.ATELIER,
                title=f"Atelier {i}",
                date=date(2026, 11, 2 + i % 5),
                themes=(Theme.PARENTALITE,),
                commune="Cergy",
                capacity=40,
            )
        ).value
        for i in range(n_w)
    ]
    people = [Participant(first_name=f"Parent {i}", last_name="Semaine") for i in range(n_p)]
    with laptop.store.write() as tx:
        for p in people:
            tx.insert(p)
    with laptop.store.write() as tx:
        for j in range(n_a):
            w = workshops[j % n_w]
            p = people[(j // n_w) % n_p]
            tx.insert(
                Attendance(
                    id=attendance_id(w.id, p.id),
                    workshop_id=w.id,
                    participant_id=p.id,
                    status=Presence.PRESENT,
                )
            )
    for w in workshops:
        svc.update(w.id, notes="Bonne participation")
    queued = len(laptop.outbox("pending"))
    engine = laptop.engine()
    start = time.perf_counter()
    report = engine.sync()
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "changes": n,
                "queued": queued,
                "pushed": report.pushed,
                "pulled": report.pulled,
                "requests": report.requests,
                "seconds": seconds,
                "bytes_sent": engine.api.bytes_sent,
            }
        )
    )
    laptop.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
