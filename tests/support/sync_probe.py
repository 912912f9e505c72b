"""One laptop's sync in a process of its own, for what only a whole process can show (its
peak memory). Run as ``python -m tests.support.sync_probe DATA_DIR SERVER_URL``; prints one
JSON line: the error's code and French message (if any), the sync report, the status-bar
sentence after it, and the process's peak resident memory (``VmHWM``) in kB."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mediator_app.core.errors import KnownError
from mediator_app.local_store import open_local_store
from mediator_app.sync.engine import SyncEngine
from mediator_app.sync.session import SessionManager
from mediator_app.sync.status import status_text, sync_status


def _peak_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def main(data_dir: str, url: str) -> None:
    store, _info = open_local_store(Path(data_dir))
    session = SessionManager(store, backoff=0.01, max_attempts=1)
    session.login(url, "amina@tne.test", "correct-horse-42")
    before = _peak_kb()
    out: dict[str, object] = {"peak_before_kb": before}
    try:
        report = SyncEngine(store, session.client()).sync()
        out["report"] = report.as_dict()
    except KnownError as exc:
        out.update(code=exc.code, message=exc.message)
    out["status"] = status_text(sync_status(store))
    out["peak_kb"] = _peak_kb()
    store.engine.dispose()
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
