"""``make screenshots``: every main page and main dialog on the demo data, into
docs/screenshots/ (README, « Screenshots »).

Builds the demo laptop (``demo_data.generate``, its fixed « today ») in a temporary folder,
opens the real window at 1366×768 and renders each screen off screen with
``QWidget.grab()`` (a dialog is drawn centred over the window, as on screen). Then the four
main pages, a workshop's card under the custom period (``ateliers-fiche``) and the workshop
editor again at 125 % and 150 % (``*-125.png``,
``*-150.png``, each in its own process: Qt's scale is fixed at start). Not part of the application's start path.

    python tools/screenshots.py [--out docs/screenshots] [--scale 1.25 --only-pages]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SIZE = (1366, 768)
ROOT = Path(__file__).resolve().parents[1]
MAIN_PAGES = ("accueil", "ateliers", "participants", "materiel")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only-pages", action="store_true", help="the four main pages only")
    args = parser.parse_args(argv)
    if args.scale == 1.0 and not args.only_pages:
        env = dict(os.environ)  # as given: this run sets its own platform and scale
        code = _run(args.out, 1.0, only_pages=False)
        if code:
            return code
        # The 125 % and 150 % shots: new processes, since QT_SCALE_FACTOR is read once.
        for scale in ("1.25", "1.5"):
            code = subprocess.call(
                [
                    sys.executable,
                    __file__,
                    "--out",
                    str(args.out),
                    "--scale",
                    scale,
                    "--only-pages",
                ],
                env=env,
            )
            if code:
                return code
        return 0
    return _run(args.out, args.scale, only_pages=args.only_pages)


def _run(out: Path, scale: float, *, only_pages: bool) -> int:
    # A fixed, plain folder: Paramètres shows where the data lives.
    tmp = Path(tempfile.gettempdir()) / "tne-mediation-demo"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        return _run_in(tmp, out, scale, only_pages=only_pages)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _run_in(tmp: Path, out: Path, scale: float, *, only_pages: bool) -> int:
    if "QT_QPA_PLATFORM" not in os.environ:
        # Off screen, on a 1366×768 screen (the plugin's default is 800×800): dialogs size
        # themselves to the screen they would open on.
        w, h = SIZE
        screen = {"name": "ecran", "x": 0, "y": 0, "width": w, "height": h}
        config = tmp / "ecran.json"
        config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from mediator_app.ui import style
    from mediator_app.ui.i18n import install_language

    app = QApplication([sys.argv[0]])
    translators = install_language(app, "fr")
    style.apply(app)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if scale == 1.0 else f"-{round(scale * 100)}"
    shots = _Shots(tmp, out, suffix, scale)
    try:
        shots.take(only_pages=only_pages)
    finally:
        shots.close()
    del translators
    for name in shots.written:
        print(name)
    if shots.failed:
        for name, error in shots.failed:
            print(f"ÉCHEC {name}: {error}", file=sys.stderr)
        return 1
    return 0


class _Shots:
    def __init__(self, tmp: Path, out: Path, suffix: str, scale: float) -> None:
        from mediator_app.local_store import open_local_store, save_profile
        from mediator_app.local_store.demo_data import demo_profile, generate
        from mediator_app.paths import AppPaths
        from mediator_app.ui.settings import Preferences

        self.out, self.suffix, self.scale = out, suffix, scale
        self.written: list[str] = []
        self.failed: list[tuple[str, str]] = []
        self.paths = AppPaths(tmp / "donnees").ensure()
        self.store, _info = open_local_store(self.paths.data_dir)
        generate(self.store, seed=1, scale="demo")
        save_profile(self.store, demo_profile())
        self._save_profile = save_profile
        self._after: Callable[[], None] | None = None
        self.prefs = Preferences.at(self.paths.settings_file)
        self._open_window()

    def _open_window(self) -> None:
        from mediator_app.ui.context import AppContext, Services
        from mediator_app.ui.main_window import MainWindow
        from mediator_app.ui.tasks import InlineRunner

        self.services = Services.of(self.store)
        self.ctx = AppContext(self.store, self.services, InlineRunner())
        self.window = MainWindow(self.ctx, self.paths, self.prefs)
        w, h = SIZE
        self.window.resize(round(w / self.scale), round(h / self.scale))
        self.window.show()
        self._settle()

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        self._settle()
        self.store.engine.dispose()

    # --- the shots --------------------------------------------------------------------

    def take(self, *, only_pages: bool) -> None:
        for key, name in (
            ("accueil", "accueil"),
            ("ateliers", "ateliers"),
            ("participants", "participants"),
            ("materiel", "materiel"),
        ):
            self._shoot(name, lambda key=key: self._page(key))
        if only_pages:
            from mediator_app.ui.dialogs.workshop_editor import WorkshopEditor

            # A workshop's card with its buttons, under the custom period's dates.
            self._shoot("ateliers-fiche", self._card_and_custom_period)

            # The longest form too: at 125 % it scrolls and keeps its buttons on screen, at
            # 150 % its columns go one above the other.
            self._dialog(
                "atelier-editeur", lambda: WorkshopEditor(self.ctx, None, None, self.window)
            )
            return
        self._shoot("a-traiter", lambda: self._page("a_traiter"))
        self._shoot("parametres", lambda: self._page("parametres"))
        self._shoot("ateliers-tri-titre", self._sorted_by_title)
        self._shoot("materiel-lignes", lambda: self._devices_tab("lines_view"))
        self._shoot("reussite-connectee", lambda: self._devices_tab("reussite_tab"))
        self._dialogs()
        self._coordination()

    def _dialogs(self) -> None:
        from mediator_app.local_store.services.devices import DeviceFilter
        from mediator_app.sync.session import SessionManager
        from mediator_app.ui.dialogs.device_import import DeviceImportDialog
        from mediator_app.ui.dialogs.device_sheet import DeviceSheetDialog
        from mediator_app.ui.dialogs.export_dialog import ExportDialog
        from mediator_app.ui.dialogs.first_run import FirstRunDialog
        from mediator_app.ui.dialogs.line_dialogs import LineDialog
        from mediator_app.ui.dialogs.login import LoginDialog
        from mediator_app.ui.dialogs.participant_editor import ParticipantEditor
        from mediator_app.ui.dialogs.return_dialog import ReturnDialog
        from mediator_app.ui.dialogs.workshop_editor import WorkshopEditor
        from mediator_app.ui.pages.devices import AddDeviceDialog

        ctx, services = self.ctx, self.services
        session = SessionManager(self.store)
        workshops = self._workshops_page()
        first = workshops.model.row_at(0) if workshops.model.rowCount() else None
        self._dialog("premier-lancement", lambda: FirstRunDialog(self.store, ctx.runner, session))
        self._dialog(
            "connexion",
            lambda: LoginDialog(ctx.runner, session, server_url="https://tne.example.fr"),
        )
        self._dialog(
            "atelier-editeur", lambda: WorkshopEditor(ctx, None, workshops._places, self.window)
        )
        if first is not None:
            self._dialog(
                "atelier-editeur-lieu-ecole",
                lambda: WorkshopEditor(ctx, first.workshop, workshops._places, self.window),
            )
            self._shoot("inscriptions", lambda: self._registrations(first.workshop.id))
            self._shoot("emargement-accueil", lambda: self._checkin(first.workshop.id))
        self._dialog("parent-editeur", lambda: ParticipantEditor(ctx, None, self.window))
        self._dialog("exporter", lambda: _in_documents(ExportDialog(ctx, self.window)))
        self._dialog("ajout-equipements", lambda: AddDeviceDialog(ctx, self.window))
        self._dialog("import-equipements", lambda: DeviceImportDialog(ctx, self.window))
        devices = services.devices.list(DeviceFilter(), limit=1000).rows
        device = max(devices, key=lambda d: len(services.handouts.by_device(d.id)))
        self._dialog("fiche-equipement", lambda: DeviceSheetDialog(ctx, device, self.window))
        lines = services.devices.line_rows()
        if lines:
            self._dialog("ligne", lambda: LineDialog(ctx, lines[0], self.window))
        self._shoot("remise", self._handout)
        page = self._devices_page()
        open_rows = page.open_list.model.rows()
        if open_rows:
            row = open_rows[0]
            self._dialog("retour", lambda: ReturnDialog(ctx, row, self.window))

    def _coordination(self) -> None:
        from mediator_app.local_store.demo_data import demo_profile

        profile = {**demo_profile(), "role": "coordinator", "display_name": "Claire Coordination"}
        self._save_profile(self.store, profile)
        self.window.close()
        self.window.deleteLater()
        self._open_window()  # the same laptop, opened by the département's coordinator
        for index, name in enumerate(
            (
                "coordination-validation",
                "coordination-sante",
                "coordination-materiel",
                "tableau-de-bord",
                "coordination-partenariats",
            )
        ):
            self._shoot(name, lambda index=index: self._coordination_tab(index))

    # --- helpers ------------------------------------------------------------------------

    def _settle(self) -> None:
        from PySide6.QtCore import QCoreApplication, QEventLoop

        for _ in range(5):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            QCoreApplication.sendPostedEvents()

    def _page(self, key: str) -> None:
        self.window.show_section(key)
        self._settle()

    def _workshops_page(self):  # type: ignore[no-untyped-def]
        self._page("ateliers")
        page = self.window.findChild(object, "page_ateliers") or self.window._pages.currentWidget()
        return page

    def _devices_page(self):  # type: ignore[no-untyped-def]
        self._page("materiel")
        return self.window._pages.currentWidget()

    def _sorted_by_title(self) -> None:
        from PySide6.QtCore import Qt

        from mediator_app.ui.models.workshop_table import WorkshopColumn

        page = self._workshops_page()
        page.view.sortByColumn(WorkshopColumn.TITLE, Qt.SortOrder.AscendingOrder)
        self._settle()

    def _card_and_custom_period(self) -> None:
        page = self._workshops_page()
        page.period_combo.setCurrentIndex(page.period_combo.findData("custom"))
        page.date_from_edit.setDate(page.date_from_edit.date().addMonths(-6))
        page.apply_filter()
        self._settle()
        if page.model.rowCount():
            page._select(page.model.row_at(0).workshop.id)
        page.detail_tabs.setCurrentIndex(0)
        self._settle()
        self._after = page.reset_filters

    def _devices_tab(self, attribute: str) -> None:
        page = self._devices_page()
        page.tabs.setCurrentWidget(getattr(page, attribute))
        self._settle()

    def _registrations(self, workshop_id: object) -> None:
        page = self._workshops_page()
        page._select(workshop_id)
        page.detail_tabs.setCurrentWidget(page.registrations_tab)
        self._settle()

    def _checkin(self, workshop_id: object) -> None:
        page = self._workshops_page()
        page.detail_tabs.setCurrentIndex(0)
        page._select(workshop_id)
        page.open_checkin()
        self._settle()
        self._after = page.show_list  # back to the list once shot

    def _handout(self) -> None:
        from mediator_app.core.enums import DeviceStatus
        from mediator_app.local_store.services.devices import DeviceFilter

        page = self._devices_page()
        page.tabs.setCurrentIndex(0)
        stock = self.services.devices.list(DeviceFilter(status=DeviceStatus.IN_STOCK), limit=1)
        from mediator_app.ui.dialogs.handout_wizard import HandoutWizard

        wizard = HandoutWizard(self.ctx, self.window, device_ids=[d.id for d in stock.rows])
        self._over_window("remise", wizard)
        raise _Done

    def _coordination_tab(self, index: int) -> None:
        self._page("coordination")
        page = self.window._pages.currentWidget()
        page.tabs.setCurrentIndex(index)
        self._settle()

    def _shoot(self, name: str, prepare: Callable[[], None]) -> None:
        try:
            prepare()
        except _Done:
            return
        except Exception as exc:
            self.failed.append((name, f"{type(exc).__name__}: {exc}"))
            return
        self._save(name, self.window.grab())
        after, self._after = self._after, None
        if after is not None:
            after()
            self._settle()

    def _dialog(self, name: str, make: Callable[[], object]) -> None:
        try:
            dialog = make()
        except Exception as exc:
            self.failed.append((name, f"{type(exc).__name__}: {exc}"))
            return
        self._over_window(name, dialog)

    def _over_window(self, name: str, dialog: object) -> None:
        from PySide6.QtCore import QPoint, QRect, Qt
        from PySide6.QtGui import QColor, QPainter, QPen
        from PySide6.QtWidgets import QWidget

        assert isinstance(dialog, QWidget)
        dialog.show()
        self._settle()
        back = self.window.grab()
        front = dialog.grab()
        painter = QPainter(back)
        painter.fillRect(back.rect(), QColor(0, 0, 0, 60))  # the window behind, dimmed
        size = front.deviceIndependentSize().toSize()
        full = back.deviceIndependentSize().toSize()
        bar = dialog.fontMetrics().height() + 12  # the title bar the window manager draws
        at = QPoint(
            max(0, (full.width() - size.width()) // 2),
            max(bar, (full.height() - size.height() + bar) // 2),
        )
        palette = dialog.palette()
        painter.fillRect(
            at.x(), at.y() - bar, size.width(), bar, palette.color(palette.ColorRole.Dark)
        )
        painter.setPen(palette.color(palette.ColorRole.BrightText))
        title_font = dialog.font()
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(
            QRect(at.x() + 12, at.y() - bar, size.width() - 24, bar),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
            dialog.windowTitle(),
        )
        painter.drawPixmap(at, front)
        painter.setPen(QPen(QColor("#5f6368"), 1))
        painter.drawRect(at.x(), at.y() - bar, size.width() - 1, size.height() + bar - 1)
        painter.end()
        dialog.close()
        dialog.deleteLater()
        self._settle()
        self._save(name, back)

    def _save(self, name: str, pixmap: object) -> None:
        from PySide6.QtGui import QPixmap

        assert isinstance(pixmap, QPixmap)
        path = self.out / f"{name}{self.suffix}.png"
        if not pixmap.toImage().save(str(path), "PNG"):
            self.failed.append((name, "PNG non écrit"))
            return
        self.written.append(path.name)


def _in_documents(dialog: object) -> object:
    """The export's file shown in the usual « Documents » folder, not this machine's."""
    field = dialog._path  # type: ignore[attr-defined]
    field.setText(str(Path("~/Documents") / Path(field.text()).name))
    return dialog


class _Done(Exception):
    """A shot saved by its own preparation (a dialog over the window)."""


if __name__ == "__main__":
    sys.exit(main())
