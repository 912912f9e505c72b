"""The main window: a sidebar of sections, their pages, and the sync status bar.

Every page is built with the same ``AppContext`` (the other screens on first show) and loads
its data through the task
runner, so the window never waits on the disk or the network. The status bar shows the sync
chip (symbol + sentence, updated on the controller's ``status_changed`` and after every
``hub.changed``), a calm message when a sync failed, and « Synchroniser maintenant » (F5).

Shortcuts: Ctrl+1…7 sections, Ctrl+N new workshop, Ctrl+F search of the current page,
Ctrl+S save in the current page, F5 sync. A page that declares its own shortcut for one of
these keys (a ``QShortcut`` child) wins while it is shown, so no key is ever ambiguous.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import ENTITIES
from mediator_app.core.errors import KnownError
from mediator_app.paths import AppPaths
from mediator_app.sync.accounts import StoreSwitcher
from mediator_app.sync.session import SessionInfo, SessionManager
from mediator_app.sync.status import SyncStatus, sync_status
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_messages import core_text
from mediator_app.ui.pages.attention import AttentionPage
from mediator_app.ui.pages.home import HomePage
from mediator_app.ui.pages.settings import SettingsPage
from mediator_app.ui.settings import Preferences
from mediator_app.ui.widgets.icons import SECTION_ICONS, icon, warning_icon
from mediator_app.ui.widgets.screen_fit import CurrentPageStack
from mediator_app.ui.widgets.sync_chip import SyncChip

log = logging.getLogger(__name__)

WINDOW_TITLE = "TNE Médiation"
#: Below this window width (device-independent pixels) the sidebar shows its icons only,
#: its labels in tooltips: 1280×720 and 1366×768 at 150 % leave 853 and 910.
SIDEBAR_COMPACT_BELOW = 1000
_LABEL_ROLE = Qt.ItemDataRole.UserRole + 1
_HINT_ROLE = Qt.ItemDataRole.UserRole + 2
DEFAULT_SIZE = (1180, 720)
CONTEXT = "MainWindow"


@dataclass(frozen=True)
class Section:
    """One entry of the sidebar."""

    key: str
    label: str
    hint: str
    shortcut: str
    coordinator_only: bool = False


SECTIONS: tuple[Section, ...] = (
    Section(
        "accueil",
        str(QT_TRANSLATE_NOOP("MainWindow", "Accueil")),
        str(QT_TRANSLATE_NOOP("MainWindow", "Votre semaine en un coup d’œil.")),
        "Ctrl+1",
    ),
    Section(
        "ateliers",
        str(QT_TRANSLATE_NOOP("MainWindow", "Ateliers")),
        str(
            QT_TRANSLATE_NOOP(
                "MainWindow", "Ateliers, cafés des parents, inscriptions et présences."
            )
        ),
        "Ctrl+2",
    ),
    Section(
        "participants",
        str(QT_TRANSLATE_NOOP("MainWindow", "Participants")),
        str(QT_TRANSLATE_NOOP("MainWindow", "Les familles que vous accompagnez.")),
        "Ctrl+3",
    ),
    Section(
        "materiel",
        str(QT_TRANSLATE_NOOP("MainWindow", "Matériel")),
        str(
            QT_TRANSLATE_NOOP(
                "MainWindow", "Ordinateurs, tablettes et box 4G\u00a0: stock, remises et prêts."
            )
        ),
        "Ctrl+4",
    ),
    Section(
        "a_traiter",
        str(QT_TRANSLATE_NOOP("MainWindow", "À traiter")),
        str(QT_TRANSLATE_NOOP("MainWindow", "Les modifications qui demandent votre décision.")),
        "Ctrl+5",
    ),
    Section(
        "coordination",
        str(QT_TRANSLATE_NOOP("MainWindow", "Coordination")),
        str(
            QT_TRANSLATE_NOOP(
                "MainWindow",
                "Relecture, santé de la synchronisation, matériel et bilans du département.",
            )
        ),
        "Ctrl+7",
        coordinator_only=True,
    ),
    Section(
        "parametres",
        str(QT_TRANSLATE_NOOP("MainWindow", "Paramètres")),
        str(QT_TRANSLATE_NOOP("MainWindow", "Votre compte, vos données et leur sauvegarde.")),
        "Ctrl+6",
    ),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)

#: The modules of the pages built on first show, imported once the window's first reads
#: are back (one per turn of the event loop), so the first click on a section finds them
#: loaded without their import being on the start path. A section opened meanwhile pauses
#: them for ``LATER_PAUSE_MS``, so they do not hold up that page's first rows.
LATER_PAUSE_MS = 1500
LATER_MODULES = (
    "mediator_app.ui.pages.workshops",
    "mediator_app.ui.pages.participants",
    "mediator_app.ui.pages.devices",
    "mediator_app.ui.dialogs.handout_wizard",
    "mediator_app.ui.pages.coordination",
)

#: Everything a finished sync may have changed, for the screens to refresh.
SYNC_CHANGES = frozenset({*ENTITIES, "attention", "sync"})


def _t(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class _PendingPage(QWidget):
    """Stands in the stack until its section is first shown (pages load data when built)."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.setObjectName(f"page_{section.key}_pending")


class _SidebarDelegate(QStyledItemDelegate):
    """No focus frame around the label: the selected section already shows where the
    keyboard is, and the frame split the highlight between the icon and the text."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Any) -> None:
        super().initStyleOption(option, index)
        option.state &= ~QStyle.StateFlag.State_HasFocus  # type: ignore[attr-defined]


class _PageScroll(QScrollArea):
    """The pages' room: a page taller than the window scrolls (1280×720 at 150 % leaves
    853×448 device-independent pixels); its width is never scrolled, so the window's
    minimum width stays the page's own."""

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(width + bar + 2 * self.frameWidth(), 160)


class _Sidebar(QListWidget):
    """The section list. No type-ahead: letters typed after choosing a section must never
    jump to another one (the window's shortcuts work from here too)."""

    def keyboardSearch(self, search: str) -> None:
        del search


class MainWindow(QMainWindow):
    """The application window.

    Args:
        ctx: services, runner, change hub and sync controller (``ctx.sync`` may be None:
            read-only data or tests).
        paths: the data directory in use (shown in *Paramètres*).
        prefs: typed preferences (geometry, last section, retention, …).
        session: signs in and out from *Paramètres* (None: no account actions).
        read_only_message: when not empty, shown in a banner above the pages.
        keyring_secure: False when tokens cannot be kept safely (warning in Paramètres).
        switcher: the store's sign-in by account (``sync.accounts``); None: one store.

    Signals:
        sync_status_loaded(SyncStatus): the chip was refreshed from the store.
        store_switch_requested(Path): another store of the data folder is to open (another
            account signed in, or the data kept apart): the composition root closes this
            window and builds the whole graph again on it, so nothing of this store stays.
    """

    sync_status_loaded = Signal(object)
    store_switch_requested = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        paths: AppPaths,
        prefs: Preferences,
        *,
        session: SessionManager | None = None,
        read_only_message: str = "",
        keyring_secure: bool = True,
        switcher: StoreSwitcher | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self._switcher = switcher
        # Exports of one account's store stay with it (``<store folder>/exports``).
        self._exports_dir = (
            paths.exports_dir if switcher is None else switcher.folder / paths.exports_dir.name
        )
        self.setWindowTitle(WINDOW_TITLE)
        self._ctx = ctx
        self._prefs = prefs
        self._paths = paths
        self._session = session
        self._built = False
        self._chip_generation = 0
        self._page_actions: dict[str, QAction] = {}

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._banner = self._make_banner(read_only_message, central)
        outer.addWidget(self._banner)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        side = QWidget(central)
        side.setObjectName("sidebar_panel")
        side.setAutoFillBackground(True)
        side.setBackgroundRole(side.palette().ColorRole.Base)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 16, 8, 8)
        side_layout.setSpacing(12)
        app_name = QLabel(WINDOW_TITLE, side)
        app_name.setObjectName("sidebar_title")
        name_font = QFont(app_name.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.25)
        name_font.setBold(True)
        app_name.setFont(name_font)
        app_name.setContentsMargins(12, 0, 0, 8)
        # Its width is the panel's, set below: it never widens the window's minimum.
        app_name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._side = side
        self._side_layout = side_layout
        self._app_name = app_name
        side_layout.addWidget(app_name)
        self._sidebar = _Sidebar(side)
        self._sidebar.setObjectName("sidebar")
        self._sidebar.setAccessibleName(self.tr("Sections"))
        self._sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self._sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Padding only: colours stay the palette's, so dark themes keep working.
        sidebar_font = QFont(self._sidebar.font())
        sidebar_font.setPointSizeF(sidebar_font.pointSizeF() * 1.15)
        self._sidebar.setFont(sidebar_font)
        self._sidebar.setIconSize(QSize(20, 20))
        self._sidebar.setItemDelegate(_SidebarDelegate(self._sidebar))

        self._pages = CurrentPageStack(central)
        self._pages.setObjectName("pages")
        self.home_page = HomePage(ctx, self._pages)
        self.attention_page = AttentionPage(ctx, self._pages)
        self.settings_page = SettingsPage(
            ctx,
            paths,
            prefs,
            session,
            self._pages,
            keyring_secure=keyring_secure,
            switcher=switcher,
        )
        for section in SECTIONS:
            item = QListWidgetItem(_t(section.label), self._sidebar)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            item.setData(_LABEL_ROLE, _t(section.label))
            item.setData(
                _HINT_ROLE,
                f"{_t(section.hint)} ({QKeySequence(section.shortcut).toString(QKeySequence.SequenceFormat.NativeText)})",
            )
            item.setIcon(icon(SECTION_ICONS[section.key]))
            item.setSizeHint(QSize(170, 42))
            self._pages.addWidget(self._first_page(section))
        self._sidebar.currentRowChanged.connect(self._on_sidebar_current_row_changed)
        side_layout.addWidget(self._sidebar, 1)
        self._side_full_width = (
            max(self._sidebar.sizeHintForColumn(0), app_name.sizeHint().width()) + 48
        )
        self._side_compact = True  # set to False just below
        self._set_sidebar_compact(False)
        body.addWidget(side)
        separator = QFrame(central)
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        body.addWidget(separator)
        scroll = _PageScroll(central)
        scroll.setObjectName("pages_scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self._pages)
        self._pages_scroll = scroll
        self._body_layout = body
        self._central = central
        body.addWidget(scroll, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self._build_status_bar()
        self._add_actions()
        self._connect_signals()
        self._apply_role()
        self._restore_state()
        QWidget.setTabOrder(self._sidebar, self._pages)
        self._built = True
        self._first_reads = {"summary", "chip"}
        self._later_modules: list[str] = []
        self._later_timer = QTimer(self)
        self._later_timer.setSingleShot(True)
        self._later_timer.timeout.connect(self._import_later_module)
        self.home_page.summary_loaded.connect(lambda _s: self._first_read_back("summary"))
        self.sync_status_loaded.connect(lambda _s: self._first_read_back("chip"))
        self._refresh_current_page()
        self.reload_sync_status()

    # --- construction -----------------------------------------------------------------

    def _set_sidebar_compact(self, compact: bool) -> None:
        """Icons only (labels in tooltips) when the window is narrow, icons and labels
        otherwise."""
        if compact == self._side_compact:
            return
        self._side_compact = compact
        self._app_name.setVisible(not compact)
        pad = 6 if compact else 12
        self._side_layout.setContentsMargins(4 if compact else 8, 16, 4 if compact else 8, 8)
        # Padding only: colours stay the palette's, so dark themes keep working.
        self._sidebar.setStyleSheet(f"QListWidget#sidebar::item {{ padding: 0px {pad}px; }}")
        compact_width = self._sidebar.iconSize().width() + 2 * pad + 8 + 2
        for row in range(self._sidebar.count()):
            self._show_section_label(self._sidebar.item(row))
        self._side.setMinimumWidth(compact_width)
        self._side.setMaximumWidth(compact_width if compact else self._side_full_width)

    def _show_section_label(self, item: QListWidgetItem, label: str | None = None) -> None:
        """Show ``label`` (by default the one kept) on ``item``, or only in its tooltip
        when the sidebar is compact."""
        if label is None:
            label = str(item.data(_LABEL_ROLE))
        item.setData(_LABEL_ROLE, label)
        hint = str(item.data(_HINT_ROLE))
        item.setText("" if self._side_compact else label)
        item.setToolTip(f"{label} — {hint}" if self._side_compact else hint)
        # Screen readers read the name in either form (and in the language now shown).
        item.setData(Qt.ItemDataRole.AccessibleTextRole, label)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._set_sidebar_compact(self.width() < SIDEBAR_COMPACT_BELOW)

    def _first_page(self, section: Section) -> QWidget:
        if section.key == "accueil":
            return self.home_page
        if section.key == "a_traiter":
            return self.attention_page
        if section.key == "parametres":
            return self.settings_page
        return _PendingPage(section, self._pages)

    def _ensure_page(self, row: int) -> QWidget:
        """The page of ``row``, built the first time it is needed."""
        current = self._pages.widget(row)
        assert current is not None
        if not isinstance(current, _PendingPage):
            return current
        if self._later_timer.isActive():
            self._later_timer.start(LATER_PAUSE_MS)  # this page's first rows come first
        page = self._make_page(current.section)
        self._pages.insertWidget(row, page)
        self._pages.removeWidget(current)
        current.deleteLater()
        return page

    def _make_page(self, section: Section) -> QWidget:
        """Build the page of another screen's module (each loads its data when shown).

        The modules are imported here, on the section's first show: with their dialogs,
        exports and printing they are a good part of the start's imports."""
        page: QWidget
        if section.key == "ateliers":
            from mediator_app.ui.pages.workshops import WorkshopsPage

            page = WorkshopsPage(self._ctx, self._pages, exports_dir=self._exports_dir)
        elif section.key == "participants":
            from mediator_app.ui.pages.participants import ParticipantsPage

            page = ParticipantsPage(self._ctx, self._pages)
        elif section.key == "materiel":
            from mediator_app.ui.pages.devices import DevicesPage

            page = DevicesPage(self._ctx, self._pages)
        elif section.key == "coordination":
            from mediator_app.sync.health import health_fetcher
            from mediator_app.ui.pages.coordination import CoordinationPage

            session = self._session
            page = CoordinationPage(
                self._ctx,
                self._pages,
                # The window's own session, so tokens kept in memory only are used too.
                health_fetcher=health_fetcher(self._ctx.store, session.client)
                if session is not None
                else None,
            )
        else:
            raise KeyError(section.key)
        if not page.objectName():
            page.setObjectName(f"page_{section.key}")
        return page

    def _make_banner(self, message: str, parent: QWidget) -> QFrame:
        banner = QFrame(parent)
        banner.setObjectName("read_only_banner")
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        # Tooltip palette roles: a soft highlight that follows light and dark themes.
        banner.setAutoFillBackground(True)
        banner.setBackgroundRole(banner.palette().ColorRole.ToolTipBase)
        banner.setForegroundRole(banner.palette().ColorRole.ToolTipText)
        layout = QHBoxLayout(banner)
        layout.setContentsMargins(16, 8, 16, 8)
        icon = QLabel(banner)
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(warning_icon().pixmap(size, size))
        icon.setAccessibleName(self.tr("Attention"))
        text = QLabel(message, banner)
        text.setObjectName("read_only_banner_text")
        text.setWordWrap(True)
        text.setForegroundRole(banner.palette().ColorRole.ToolTipText)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(text, 1)
        banner.setVisible(bool(message))
        return banner

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("status_bar")
        bar.setSizeGripEnabled(False)
        self._sync_message = QLabel(bar)
        self._sync_message.setObjectName("sync_message_label")
        self._sync_message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._sync_message.setContentsMargins(8, 0, 0, 0)
        self._sync_message.hide()
        bar.addWidget(self._sync_message, 1)
        self.sync_chip = SyncChip(bar)
        bar.addPermanentWidget(self.sync_chip)
        self._sync_button = QPushButton(self.tr("Synchroniser maintenant"), bar)
        self._sync_button.setObjectName("sync_now_button")
        self._sync_button.setIcon(icon("refresh-cw"))
        self._sync_button.setToolTip(self.tr("Envoyer et recevoir les modifications (F5)"))
        self._sync_button.setAccessibleName(self.tr("Synchroniser maintenant"))
        self._sync_button.setEnabled(self._ctx.sync is not None)
        self._sync_button.clicked.connect(self.sync_now)
        bar.addPermanentWidget(self._sync_button)

    def _add_actions(self) -> None:
        for section in SECTIONS:
            action = QAction(_t(section.label), self)
            action.setObjectName(f"go_{section.key}_action")
            action.setShortcut(QKeySequence(section.shortcut))
            action.triggered.connect(lambda _=False, key=section.key: self.show_section(key))
            self.addAction(action)
            self._page_actions[section.key] = action
        specs: list[tuple[str, str, QKeySequence, Callable[[], None]]] = [
            (
                "new_workshop_action",
                self.tr("Nouvel atelier"),
                QKeySequence(QKeySequence.StandardKey.New),
                self.new_workshop,
            ),
            (
                "find_action",
                self.tr("Rechercher"),
                QKeySequence(QKeySequence.StandardKey.Find),
                self.focus_search,
            ),
            (
                "save_action",
                self.tr("Enregistrer"),
                QKeySequence(QKeySequence.StandardKey.Save),
                self.save_current,
            ),
            ("sync_action", self.tr("Synchroniser maintenant"), QKeySequence("F5"), self.sync_now),
        ]
        self._key_actions: dict[str, QAction] = {}
        for name, text, keys, slot in specs:
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcut(keys)
            action.triggered.connect(slot)
            self.addAction(action)
            self._key_actions[name] = action

    def _connect_signals(self) -> None:
        self._ctx.hub.changed.connect(self._on_hub_changed)
        self.home_page.attention_requested.connect(lambda: self.show_section("a_traiter"))
        self.home_page.workshop_activated.connect(self._on_home_workshop_activated)
        self.attention_page.workshop_requested.connect(self._on_home_workshop_activated)
        self.sync_chip.attention_requested.connect(lambda: self.show_section("a_traiter"))
        self.settings_page.signed_in.connect(self._on_account_changed)
        self.settings_page.signed_out.connect(self._on_account_changed)
        self.settings_page.store_requested.connect(self._request_store)
        sync = self._ctx.sync
        if sync is None:
            return
        sync.started.connect(self._on_sync_started)
        sync.finished.connect(self._on_sync_finished)
        sync.failed.connect(self._on_sync_failed)
        sync.status_changed.connect(self._on_sync_status_changed)

    def _restore_state(self) -> None:
        geometry = self._prefs.window_geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            # First start: the default size, shrunk to fit small laptop screens.
            available = self.screen().availableGeometry().size()
            self.resize(
                QSize(*DEFAULT_SIZE).boundedTo(
                    QSize(available.width() * 95 // 100, available.height() * 92 // 100)
                )
            )
        saved = self._prefs.last_section
        if saved not in SECTION_KEYS or self._sidebar.isRowHidden(SECTION_KEYS.index(saved)):
            saved = "accueil"
        self.show_section(saved)

    # --- public API -------------------------------------------------------------------

    @property
    def read_only_banner(self) -> QFrame:
        return self._banner

    def current_section(self) -> str:
        return SECTION_KEYS[self._pages.currentIndex()]

    def page(self, key: str) -> QWidget:
        return self._ensure_page(SECTION_KEYS.index(key))

    def current_page(self) -> QWidget:
        return self.page(self.current_section())

    def show_section(self, key: str) -> None:
        """Show the section ``key`` (``accueil``, ``ateliers``, …) if this user has it."""
        row = SECTION_KEYS.index(key)
        if self._sidebar.isRowHidden(row):
            return
        self._sidebar.setCurrentRow(row)

    def section_visible(self, key: str) -> bool:
        return not self._sidebar.isRowHidden(SECTION_KEYS.index(key))

    def sync_now(self) -> None:
        """« Synchroniser maintenant » (F5)."""
        if self._ctx.sync is not None:
            self._ctx.sync.sync_now()
        else:
            self.reload_sync_status()

    def new_workshop(self) -> None:
        """Ctrl+N: a new workshop in *Ateliers*."""
        self.show_section("ateliers")
        self._call_page("new_workshop")

    def focus_search(self) -> None:
        """Ctrl+F: the search field of the current page."""
        self._call_page("focus_search")

    def save_current(self) -> None:
        """Ctrl+S: save in the editor that has the focus, else in the current page."""
        widget = QApplication.focusWidget()
        while widget is not None and widget is not self:
            save = getattr(widget, "save", None)
            if callable(save) and widget is not self._pages:
                save()
                return
            widget = widget.parentWidget()
        self._call_page("save")

    def show_keyring_secure(self, secure: bool) -> None:
        """Whether tokens can be kept safely (the warning in *Paramètres* when not)."""
        self.settings_page.show_keyring_secure(secure)

    def reload_sync_status(self) -> None:
        """Re-read the sync counters (database lane) for the chip and the sidebar."""
        self._chip_generation += 1
        generation = self._chip_generation
        store = self._ctx.store
        self._ctx.runner.run(
            lambda _token: sync_status(store),
            on_done=lambda status: self._on_sync_status_loaded(generation, status),
            on_error=self._on_sync_status_failed,
        )

    # --- internals --------------------------------------------------------------------

    def _first_read_back(self, what: str) -> None:
        if not self._first_reads:
            return
        self._first_reads.discard(what)
        if not self._first_reads:
            self._later_modules = list(LATER_MODULES)
            self._later_timer.start(0)

    def _import_later_module(self) -> None:
        """Import the next of ``LATER_MODULES``, then yield to the event loop."""
        import importlib

        if self._later_modules:
            importlib.import_module(self._later_modules.pop(0))
        if self._later_modules:
            self._later_timer.start(0)

    def _call_page(self, method: str) -> bool:
        fn = getattr(self.current_page(), method, None)
        if callable(fn):
            fn()
            return True
        return False

    def _apply_role(self) -> None:
        coordinator = self._ctx.is_coordinator
        for row, section in enumerate(SECTIONS):
            if section.coordinator_only:
                self._sidebar.setRowHidden(row, not coordinator)
                self._page_actions[section.key].setEnabled(coordinator)
        if self._built and not self.section_visible(self.current_section()):
            self.show_section("accueil")

    def _refresh_current_page(self) -> None:
        self._call_page("refresh")

    def _update_key_actions(self) -> None:
        """Let the shown page's own shortcuts win over the window's (no ambiguity)."""
        page = self.current_page()
        taken = {
            shortcut.key().toString()
            for shortcut in page.findChildren(QShortcut)
            if shortcut.isEnabled()
        }
        for action in self._key_actions.values():
            action.setEnabled(action.shortcut().toString() not in taken)

    def _on_sidebar_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._ensure_page(row)
        self._pages.setCurrentIndex(row)
        # The room is the shown page's, at once (nested layouts keep their old sizes).
        self._pages.updateGeometry()
        self._pages_scroll.updateGeometry()
        self._body_layout.invalidate()
        self._central.updateGeometry()
        self._update_key_actions()
        if self._built:
            self._refresh_current_page()

    def _on_home_workshop_activated(self, workshop_id: Any) -> None:
        self.show_section("ateliers")
        opener = getattr(self.current_page(), "open_workshop", None)
        if callable(opener):
            opener(workshop_id)

    def _on_hub_changed(self, _changes: frozenset[str]) -> None:
        self.reload_sync_status()

    def _on_account_changed(self, *args: object) -> None:
        info = args[0] if args else None
        if (
            isinstance(info, SessionInfo)
            and info.store_dir is not None
            and self._switcher is not None
            and info.store_dir != self._switcher.folder
        ):
            self._request_store(info.store_dir)
            return
        self._apply_role()
        self.reload_sync_status()

    def _request_store(self, folder: Path) -> None:
        log.info("another store of the data folder is to open")
        self.store_switch_requested.emit(folder)

    def _on_sync_status_loaded(self, generation: int, status: SyncStatus) -> None:
        if generation != self._chip_generation:
            return
        sync = self._ctx.sync
        if sync is None or not sync.running:
            self.sync_chip.show_status(status)
        waiting = status.to_handle
        row = SECTION_KEYS.index("a_traiter")
        label = _t(SECTIONS[row].label)
        item = self._sidebar.item(row)
        # The count in the sidebar too, so "something needs you" is not told by colour.
        self._show_section_label(item, f"{label} ({waiting})" if waiting else label)
        item.setData(
            Qt.ItemDataRole.AccessibleTextRole,
            self.tr("{label}\u00a0: {n} élément(s)").format(label=label, n=waiting)
            if waiting
            else label,
        )
        self.sync_status_loaded.emit(status)

    def _on_sync_status_failed(self, error: KnownError) -> None:
        self._show_sync_message(error.message)

    def _on_sync_started(self) -> None:
        self._sync_message.hide()
        self.sync_chip.show_running(self.tr("Synchronisation en cours…"))

    def _on_sync_status_changed(self, text: str) -> None:
        sync = self._ctx.sync
        if sync is not None and sync.running:
            self.sync_chip.show_running(text)
        else:
            # The same sentence, re-read with its counters so the symbol matches the text.
            self.reload_sync_status()

    def _on_sync_finished(self, report: Any) -> None:
        self._sync_message.hide()
        moved = any(
            getattr(report, name, 0)
            for name in ("pushed", "pulled", "parked", "conflicts", "notices")
        )
        if moved:
            self._ctx.hub.announce(SYNC_CHANGES)
        restored = int(getattr(report, "restored", 0) or 0)
        if restored:
            # Calm, but said: the server went back to a backup and this laptop filled it in.
            self._show_sync_message(
                self.tr(
                    "Le serveur a été restauré depuis une sauvegarde : ce poste lui a renvoyé "
                    "{n} fiche(s) ou modification(s) qu’il n’avait plus. Rien n’est perdu."
                ).format(n=restored),
                symbol="ℹ",
            )
        self._apply_role()  # the profile may have changed at the first sync
        self.reload_sync_status()

    def _on_sync_failed(self, message: str, code: str) -> None:
        log.info("sync failed: %s", code)
        self._show_sync_message(message)
        self.reload_sync_status()

    def _show_sync_message(self, message: str, *, symbol: str = "⚠") -> None:
        message = core_text(message)  # a sync or core message, in the interface's language
        self._sync_message.setText(f"{symbol} {message}")
        self._sync_message.setToolTip(message)
        self._sync_message.setAccessibleName(message)
        self._sync_message.show()

    @property
    def sync_message(self) -> str:
        return self._sync_message.text() if self._sync_message.isVisibleTo(self) else ""

    def closeEvent(self, event: QCloseEvent) -> None:
        self._prefs.window_geometry = self.saveGeometry()
        self._prefs.last_section = self.current_section()
        self._prefs.sync()
        super().closeEvent(event)
