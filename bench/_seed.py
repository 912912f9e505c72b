"""The server load benchmark's seed: structures, mediators and hot workshops.

Imported by ``server_load.py`` for the designs of this tree, and run as a script for the
design of an earlier tree (``python bench/_seed.py URL N`` with that tree first on
``PYTHONPATH``: it prints the accounts as JSON). It only uses what both trees have —
``Settings``, ``Database``, ``init_db``, ``SyncService``, ``AuthService`` — so the same rows
are seeded whichever server is measured.
"""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any

from mediator_app.core.enums import Role
from tne_api.auth import AuthService, NewUser
from tne_api.db import Database, init_db
from tne_api.service import SyncService
from tne_api.settings import Settings

PASSWORD = "motdepasse-bench"
#: Hot workshops per structure (10 clients per structure edit them).
HOT = 10


def seed(url: str, n_structures: int, **service: Any) -> list[tuple[str, str, list[str]]]:
    """One structure + mediator + HOT workshops per 10 clients; returns (email, sid, hot).

    ``service`` goes to ``SyncService`` (the locked design's sequencer).
    """
    settings = Settings(database_url=url, argon2_time_cost=1, argon2_memory_kib=1024)
    db = Database(url)
    init_db(db)
    sync = SyncService(db, settings, **service)
    auth = AuthService(sync, settings)
    auth.ensure_department("95", "Val-d'Oise")
    out = []
    for i in range(n_structures):
        sid = uuid.uuid4()
        sync.server_upsert("structure", sid, {"name": f"Collège {i}", "department_code": "95"})
        email = f"bench{i}@bench.tne.fr"
        auth.create_user(NewUser(email, PASSWORD, Role.MEDIATOR, f"Bench {i}", "95", sid))
        hot = []
        for _ in range(HOT):
            wid = uuid.uuid4()
            sync.server_upsert(
                "workshop",
                wid,
                {
                    "title": "Atelier",
                    "format": "cafe_des_parents",
                    "date": "2026-03-12",
                    "start_time": "14:00:00",
                    "themes": ["scolarite_et_numerique"],
                    "organizer_structure_id": str(sid),
                    "venue_structure_id": str(sid),
                },
            )
            hot.append(str(wid))
        out.append((email, str(sid), hot))
    db.dispose()
    return out


if __name__ == "__main__":
    print(json.dumps(seed(sys.argv[1], int(sys.argv[2]))))
