"""A local write and its outbox op survive a crash together or not at all.

Real processes are killed: once at each named crash point (``TNE_CRASHPOINT``, which calls
``os._exit(137)``), and ten times by SIGKILL at random moments of a write loop.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mediator_app.local_store import open_local_store

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
    pytest.mark.slow,  # the durability layer: not in `make test-fast`
]

ROOT = Path(__file__).resolve().parents[2]

# Creates workshops through the real service. With ``--forever`` it writes until killed,
# printing "ready" once the store is open so the parent kills a writer, not a starter.
WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path

    from mediator_app.core.entities import Workshop
    from mediator_app.core.enums import Theme
    from mediator_app.local_store import open_local_store
    from mediator_app.local_store.services.workshops import WorkshopService

    store, _ = open_local_store(Path(sys.argv[1]))
    svc = WorkshopService(store)
    print("ready", flush=True)
    n = 0
    while sys.argv[2] == "--forever" or n < int(sys.argv[2]):
        n += 1
        svc.create(
            Workshop(
                title=f"Atelier {n}",
                date=date(2026, 9, 1 + n % 28),
                themes=(Theme.PARENTALITE,),
                commune="Cergy",
            )
        )
    print("done", n, flush=True)
    """
)

CRASH_POINTS = ("after_row_write", "after_outbox_write", "before_commit")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TNE_CRASHPOINT"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.update(extra)
    return env


def _check_store(data_dir: Path) -> tuple[int, int]:
    """Reopen the store the way the app does, then check both-or-neither and integrity.

    Returns the number of workshop rows and of workshop create ops.
    """
    store, info = open_local_store(data_dir)
    store.engine.dispose()
    assert info.quick_check == "ok"
    con = sqlite3.connect(info.path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        rows = {r[0] for r in con.execute("SELECT id FROM workshop")}
        ops = [
            r[0]
            for r in con.execute(
                "SELECT row_id FROM outbox WHERE entity = 'workshop' AND kind = 'create'"
            )
        ]
    finally:
        con.close()
    assert len(ops) == len(set(ops)), "a row got two create ops"
    assert set(ops) == rows, "a workshop without its op, or an op without its workshop"
    return len(rows), len(ops)


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_crash_point_leaves_both_or_neither(data_dir: Path, point: str) -> None:
    # The third create dies at the crash point: the first two are committed, the third
    # must leave no trace, neither its row nor its op.
    proc = subprocess.run(
        [sys.executable, "-c", WRITER, str(data_dir), "5"],
        env=_env(TNE_CRASHPOINT=f"{point}:3"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 137, proc.stderr
    assert "done" not in proc.stdout
    assert _check_store(data_dir) == (2, 2)


def test_without_crash_point_every_write_lands(data_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", WRITER, str(data_dir), "5"],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert _check_store(data_dir) == (5, 5)


def test_sigkill_at_random_moments_never_splits_a_write(data_dir: Path) -> None:
    rng = random.Random(20_26)
    seen = 0
    for _ in range(10):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(data_dir), "--forever"],
            env=_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.02, 0.4))
            os.kill(proc.pid, signal.SIGKILL)
            assert proc.wait(timeout=30) == -signal.SIGKILL
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
        rows, _ops = _check_store(data_dir)
        assert rows >= seen, "committed workshops disappeared"
        seen = rows
    assert seen > 0, "the writer never committed anything: the test proved nothing"
