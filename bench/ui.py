"""UI benchmark on the benchmark-size store (20,000 workshops, 300,000 attendance rows).

(a) launch: a subprocess runs the app's composition root (``mediator_app.app.run``) on a
    copy of the bench data dir until the main window is shown *and* its first data load has
    come back (``MainWindow.status_loaded``), then closes it. Timed from ``Popen`` to the
    child's "ready" line, beside a bare PySide6 launch (a subprocess showing an empty
    ``QMainWindow``) in the same run. The hook lives here, in the child's own code: it
    creates the ``QApplication`` first (``run`` reuses a running one) and watches for the
    main window with an event filter, so ``app.py`` needs no benchmark switch.
(b) filter: the Ateliers page on the same store; time from setting a filter in the bar to
    its first page of rows painted in the view (p50/p95 over the runs), beside the bare
    ``WorkshopService.list`` call for the same filters. The search box's 250 ms debounce is
    deliberate typing slack and is not counted (the filter is applied directly).

The children run with their compiled modules cached (``PYTHONPYCACHEPREFIX`` under
``bench/out``, warmed by the first launch), as an installed application ships them; without
that, every launch would compile the application's modules from source again.
``--previous REV`` also launches the code of commit ``REV`` (``git archive`` into
``bench/out``) in the same loop, for a same-run comparison.

Usage: python bench/ui.py [--launches 5] [--filters 20] [--rebuild] [--platform offscreen]
    [--previous REV]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
BUILD_DIR = OUT / "store-ui"
RUN_DIR = OUT / "ui-run"
DB = "mediation.sqlite3"
SEED = 1

TARGET_LAUNCH_S = 1.0
TARGET_FILTER_MS = 100.0

_BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1120, 700)
window.show()
def ready():
    print("ready", flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

_APP = """
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from mediator_app.app import run
from mediator_app.paths import AppPaths
from mediator_app.ui.main_window import MainWindow

class Watcher(QObject):
    # Ready = the window is shown and its first reads (home figures, sync chip) are back.
    def __init__(self):
        super().__init__()
        self.window = None
        self.waiting = {"summary", "chip"}
    def eventFilter(self, obj, event):
        if self.window is None and isinstance(obj, MainWindow) and event.type() == QEvent.Type.Show:
            self.window = obj
            obj.home_page.summary_loaded.connect(lambda _s: self.got("summary"))
            obj.sync_status_loaded.connect(lambda _s: self.got("chip"))
        return False
    def got(self, what):
        if not self.waiting:
            return
        self.waiting.discard(what)
        if not self.waiting:
            print("ready", flush=True)
            QTimer.singleShot(0, self.ateliers)
    def ateliers(self):
        # Then the Ateliers section on 20,000 workshops: click to first page shown.
        started = time.perf_counter()
        page = self.window.page("ateliers")
        def shown(_total):
            print(f"ateliers {time.perf_counter() - started:.4f}", flush=True)
            QTimer.singleShot(0, self.window.close)
        page.model.loaded.connect(shown)
        self.window.show_section("ateliers")

watcher = Watcher()
app.installEventFilter(watcher)
# "checked-first": quick_check and the daily backup before the window, as before they moved
# after it (the same-run comparison of docs/benchmarks.md).
sys.exit(run(AppPaths(Path(sys.argv[1])), defer_check=sys.argv[2:] != ["checked-first"]))
"""


def _pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


# --- building --------------------------------------------------------------------------


def build(rebuild: bool) -> float | None:
    """Build the bench store once (``demo_data`` at scale "bench"); None if reused."""
    from mediator_app.local_store import open_local_store, save_profile
    from mediator_app.local_store.demo_data import demo_profile, generate

    if (BUILD_DIR / DB).exists() and not rebuild:
        return None
    shutil.rmtree(BUILD_DIR, ignore_errors=True)
    store, _info = open_local_store(BUILD_DIR)
    save_profile(store, demo_profile())
    started = time.perf_counter()
    generate(store, seed=SEED, scale="bench")
    store.engine.dispose()
    return time.perf_counter() - started


def fresh_copy() -> Path:
    con = sqlite3.connect(BUILD_DIR / DB)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.rmtree(RUN_DIR, ignore_errors=True)
    RUN_DIR.mkdir(parents=True)
    shutil.copy2(BUILD_DIR / DB, RUN_DIR / DB)
    return RUN_DIR


# --- (a) launch --------------------------------------------------------------------------


def previous_tree(rev: str) -> Path:
    """The code of commit ``rev``, extracted once under ``bench/out``."""
    tree = OUT / f"previous-{rev}"
    if not (tree / "mediator_app").is_dir():
        shutil.rmtree(tree, ignore_errors=True)
        tree.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", rev, "mediator_app"], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def _launch(
    code: str, args: list[str], env: dict[str, str], cwd: Path = ROOT
) -> tuple[float, float | None]:
    settings = RUN_DIR / "parametres.ini"
    settings.unlink(missing_ok=True)  # every launch opens on Accueil, as a first start does
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
    )
    assert proc.stdout is not None
    watchdog = threading.Timer(120, proc.kill)
    watchdog.start()
    try:
        line = proc.stdout.readline()
    finally:
        watchdog.cancel()
    elapsed = time.perf_counter() - started
    out, err = proc.communicate(timeout=60)
    if line.strip() != "ready":
        raise RuntimeError(f"child did not get ready (code {proc.returncode}): {err[-2000:]}")
    extra = [float(x.split()[1]) for x in out.splitlines() if x.startswith("ateliers ")]
    return elapsed, (extra[0] if extra else None)


def bench_launch(
    runs: int, platform: str, previous: Path | None = None
) -> tuple[list[float], list[float], list[float], list[float], list[float], list[float]]:
    """Launch times: the app (check after the window), the bare window, the app with the
    check before the window, the Ateliers section, and the previous code's app."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONPATH=str(ROOT))
    env.pop("MEDIATOR_DATA_DIR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(OUT / "pycache")
    old_env = dict(env, PYTHONPATH=str(previous)) if previous is not None else env
    app_times, bare_times, checked_first, ateliers = [], [], [], []
    before: list[float] = []
    before_ateliers: list[float] = []
    _launch(_BARE, [], env)  # warm the OS file cache and the compiled modules
    _launch(_APP, [str(RUN_DIR)], env)
    if previous is not None:
        _launch(_APP, [str(RUN_DIR)], old_env, previous)
    for _ in range(runs):
        bare_times.append(_launch(_BARE, [], env)[0])
        elapsed, section = _launch(_APP, [str(RUN_DIR)], env)
        app_times.append(elapsed)
        if section is not None:
            ateliers.append(section)
        checked_first.append(_launch(_APP, [str(RUN_DIR), "checked-first"], env)[0])
        if previous is not None:
            elapsed, section = _launch(_APP, [str(RUN_DIR)], old_env, previous)
            before.append(elapsed)
            if section is not None:
                before_ateliers.append(section)
    return app_times, bare_times, checked_first, ateliers, before, before_ateliers


# --- (b) filter ---------------------------------------------------------------------------


def bench_filter(runs: int) -> tuple[list[float], list[float], int]:
    from PySide6.QtWidgets import QApplication

    from mediator_app.app import install_french
    from mediator_app.core.enums import Theme, WorkshopFormat, WorkshopStatus
    from mediator_app.local_store import open_local_store
    from mediator_app.local_store.services.workshops import WorkshopFilter
    from mediator_app.ui.context import AppContext, Services
    from mediator_app.ui.pages.workshops import WorkshopsPage
    from mediator_app.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    install_french(app)
    store, _info = open_local_store(RUN_DIR)
    services = Services.of(store)
    runner = TaskRunner()
    page = WorkshopsPage(AppContext(store=store, services=services, runner=runner))
    page.resize(1180, 700)
    page.show()

    def wait_loaded() -> None:
        done = [False]

        def mark(_total: int) -> None:
            done[0] = True

        page.model.loaded.connect(mark)
        try:
            while not done[0]:
                app.processEvents()
                time.sleep(0.0005)
        finally:
            page.model.loaded.disconnect(mark)
        page.view.viewport().repaint()  # the rows are painted, not just in the model

    page.refresh()
    wait_loaded()
    total = page.model.total

    settings = [
        ("format_combo", WorkshopFormat.CAFE_DES_PARENTS.value),
        ("status_combo", f"status:{WorkshopStatus.HELD.value}"),
        ("theme_combo", Theme.PARENTALITE.value),
        ("period_combo", "upcoming"),
        ("format_combo", WorkshopFormat.ATELIER.value),
    ]
    ui: list[float] = []
    for n in range(runs):
        name, value = settings[n % len(settings)]
        page.reset_filters()
        wait_loaded()
        combo = getattr(page, name)
        started = time.perf_counter()
        combo.setCurrentIndex(combo.findData(value))
        wait_loaded()
        ui.append(time.perf_counter() - started)

    def flt_of(name: str, value: str) -> tuple[WorkshopFilter, bool]:
        from datetime import date

        if name == "format_combo":
            return WorkshopFilter(format=WorkshopFormat(value)), True
        if name == "status_combo":
            return WorkshopFilter(status=WorkshopStatus(value.split(":")[1])), True
        if name == "theme_combo":
            return WorkshopFilter(theme=value), True
        return WorkshopFilter(date_from=date.today()), False

    bare: list[float] = []
    for n in range(runs):
        flt, newest = flt_of(*settings[n % len(settings)])
        started = time.perf_counter()
        services.workshops.list(flt, limit=100, newest_first=newest)
        bare.append(time.perf_counter() - started)
    page.close()
    runner.shutdown()
    store.engine.dispose()
    return ui, bare, total


def previous_row(
    rev: str | None,
    before: list[float],
    app_med: float,
    before_sections: list[float],
    sections: list[float],
) -> str:
    if not rev or not before:
        return ""
    med = statistics.median(before)
    row = (
        f"| (a) the same on the code of commit `{rev}` (before this work), median | "
        f"{med:.2f} s (max {max(before):.2f} s) | this code: {app_med:.2f} s | "
        f"{med / app_med:.1f}× | — |\n"
    )
    if before_sections and sections:
        old, new = statistics.median(before_sections), statistics.median(sections)
        row += (
            f"| (a′) *Ateliers* on the code of commit `{rev}`, median | {old * 1000:.0f} ms | "
            f"this code: {new * 1000:.0f} ms | {old / new:.2f}× | — |\n"
        )
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--filters", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--platform", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    parser.add_argument("--previous", help="also launch the code of this commit (same run)")
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = args.platform

    from bench._report import write_section

    built = build(args.rebuild)
    fresh_copy()
    previous = previous_tree(args.previous) if args.previous else None
    load_before = os.getloadavg()[0]
    app_t, bare_t, first_t, section_t, before_t, before_section_t = bench_launch(
        args.launches, args.platform, previous
    )
    load_after = os.getloadavg()[0]
    ui_t, svc_t, total = bench_filter(args.filters)

    app_med, bare_med = statistics.median(app_t), statistics.median(bare_t)
    first_med = statistics.median(first_t)
    ui50, ui95 = _pct(ui_t, 0.5) * 1000, _pct(ui_t, 0.95) * 1000
    s50, s95 = _pct(svc_t, 0.5) * 1000, _pct(svc_t, 0.95) * 1000
    ok_launch = "met" if app_med <= TARGET_LAUNCH_S else "**missed**"
    ok_filter = "met" if ui95 <= TARGET_FILTER_MS else "**missed**"
    body = f"""
Script: `bench/ui.py` (Qt platform `{args.platform}`). Store: `demo_data` seed {SEED}, scale
"bench" ({total:,} workshops, 300,000 attendance rows){
        f", built in {built:.0f} s" if built else ", reused from `bench/out/store-ui/`"
    }. Load average (1 min) {load_before:.2f} before the launches, {load_after:.2f} after.

| Measure | Figure | Baseline (same run) | Ratio | Target |
|---|---|---|---|---|
| (a) launch to interactive main window, median of {len(app_t)} | {app_med:.2f} s (max {
        max(app_t):.2f} s) | bare PySide6 `QMainWindow`: {bare_med:.2f} s | {
        app_med / bare_med:.1f}× | ≤ {TARGET_LAUNCH_S:.0f} s: {ok_launch} |
| (a) the same with `quick_check` and the daily backup before the window (the previous start path), median | {
        first_med:.2f} s | the check after the window: {app_med:.2f} s | {
        first_med / app_med:.2f}× | — |
{
        previous_row(args.previous, before_t, app_med, before_section_t, section_t)
    }| (a′) then opening *Ateliers* (first page of 20,000 shown), median | {
        statistics.median(section_t) * 1000 if section_t else 0:.0f} ms | — | — | — |
| (b) list filter, setting a filter to rows painted, p50 / p95 of {len(ui_t)} | {ui50:.0f} / {
        ui95:.0f} ms | `WorkshopService.list` (first page of 100): {s50:.0f} / {s95:.0f} ms | {
        ui50 / s50 if s50 else 0:.1f}× | ≤ {TARGET_FILTER_MS:.0f} ms: {ok_filter} |

(a) runs the composition root (`mediator_app.app.run`) in a subprocess on a copy of the bench
data dir (migration check, profile, main window; the `quick_check` of the 250 MB file and the
daily backup run after the window shows, and in the « before the window » row ahead of it) and stops
when the window is shown and its first reads are back (*Accueil* figures and the sync chip,
read on the task runner); (a′) then clicks *Ateliers* in the same process. The bare launch is
an interpreter that imports PySide6 and shows an empty window. (b) cycles format, status,
theme and period filters on the Ateliers page with the real task runner; the search box's
250 ms typing debounce is deliberate and not counted. The workshop list query counts only
its page (the filter's index no longer makes SQLite evaluate the counts of every match).
"""
    write_section("UI", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
