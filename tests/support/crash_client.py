"""A headless laptop for crash tests, run as a subprocess that tests kill.

    python -m tests.support.crash_client      (environment below)

It opens the data dir, signs in (with a password, or with the tokens of an earlier run:
each process has its own in-memory keyring), makes ``TNE_EDITS`` seeded edits, then runs
``TNE_SYNCS`` syncs. ``TNE_CRASHPOINT=name[:N]`` (read by ``local_store.crashpoints``) kills
it with ``os._exit(137)`` at the N-th hit of a named point; tests also SIGKILL it at random
moments.

Environment:
    TNE_DATA_DIR, TNE_SERVER_URL, TNE_EMAIL, TNE_PASSWORD: where and who.
    TNE_ACCESS_TOKEN, TNE_REFRESH_TOKEN: reuse a session instead of logging in again.
    TNE_EDITS (0), TNE_SEED, TNE_SYNCS (1), TNE_BATCH (2), TNE_PULL_LIMIT (3).
    TNE_JOURNAL: file the edits are journaled to (outside the data dir): ``I <id> <json>``
        (fsynced) before each edit's transaction, ``D <id>`` once it has committed, so a
        test knows which edits the "UI" reported as saved and which one was cut short.

Standard output: ``TOKENS <access> <refresh>`` after a password login, ``READY`` once set
up, ``SYNCED <json report>`` per sync, ``SYNC_ERROR <code>``, ``DONE``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO

import keyring

from mediator_app.core.errors import KnownError
from mediator_app.local_store import open_local_store
from mediator_app.local_store.state import get_state
from mediator_app.sync.engine import SyncEngine
from mediator_app.sync.session import KEYRING_SERVICE, SessionManager, keyring_account
from tests.support.workload import Edit, Workload


def _journal(path: str) -> IO[str] | None:
    if not path:
        return None
    f = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - open for the whole run
    f.seek(0)
    text = f.read()
    if text and not text.endswith("\n"):
        f.write("\n")  # the last run was killed mid-line
    return f


def _write(journal: IO[str] | None, line: str) -> None:
    if journal is None:
        return
    journal.write(line + "\n")
    journal.flush()
    os.fsync(journal.fileno())


def main() -> int:
    env = os.environ
    data_dir = Path(env["TNE_DATA_DIR"])
    url, email = env["TNE_SERVER_URL"], env["TNE_EMAIL"]
    store, _info = open_local_store(data_dir)
    session = SessionManager(store, backoff=0.01, max_attempts=2, timeout=(5.0, 20.0))
    signed_up = session.profile().get("email") == email
    if signed_up and env.get("TNE_ACCESS_TOKEN"):
        # An existing session: what the OS keyring would hold between two runs.
        with store.read() as conn:
            device_id = str(get_state(conn, "device_id"))
        keyring.set_password(
            KEYRING_SERVICE,
            keyring_account(url, email, device_id),
            json.dumps({"access": env["TNE_ACCESS_TOKEN"], "refresh": env["TNE_REFRESH_TOKEN"]}),
        )
    else:
        session.login(url, email, env["TNE_PASSWORD"])
        tokens = session.client().tokens
        assert tokens is not None
        print("TOKENS", tokens.access_token, tokens.refresh_token, flush=True)
    print("READY", flush=True)

    journal = _journal(env.get("TNE_JOURNAL", ""))
    run = env.get("TNE_SEED", "0")
    n_edits = int(env.get("TNE_EDITS", "0"))
    work = Workload(store, run, tag=f"r{run}")
    for i in range(n_edits):
        edit_id = f"{run}.{i}"

        def before(edit: Edit, edit_id: str = edit_id) -> None:
            _write(journal, f"I {edit_id} {edit.to_json()}")

        work.before = before
        work.step()
        _write(journal, f"D {edit_id}")

    engine = SyncEngine(
        store,
        session.client(),
        batch_size=int(env.get("TNE_BATCH", "2")),
        pull_limit=int(env.get("TNE_PULL_LIMIT", "3")),
        device_name="crash-client",
    )
    for _ in range(int(env.get("TNE_SYNCS", "1"))):
        try:
            report = engine.sync(force_digest=True)
            print("SYNCED", json.dumps(report.as_dict()), flush=True)
        except KnownError as exc:
            print("SYNC_ERROR", exc.code, flush=True)
    store.engine.dispose()
    print("DONE", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
