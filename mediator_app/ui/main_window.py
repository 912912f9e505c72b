"""The main window: a sidebar of sections, their pages, and the sync status bar.

A plain shell for now: the home page shows real figures from the store, the other sections
are placeholders that the real screens will replace. The figures are read on the task runner's
database thread and come back by queued signal, so the window never waits on the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QByteArray,
    QDate,
    QDateTime,
    QLocale,
    QSettings,
    QSize,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.errors import KnownError
from mediator_app.local_store.status import StoreStatus
from mediator_app.paths import AppPaths
from mediator_app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

WINDOW_TITLE = "TNE Médiation"
GEOMETRY_KEY = "fenetre/geometrie"
PAGE_KEY = "fenetre/section"
DEFAULT_SIZE = (1120, 700)


@dataclass(frozen=True)
class Section:
    """One entry of the sidebar."""

    key: str
    label: str
    hint: str


SECTIONS: tuple[Section, ...] = (
    Section("accueil", "Accueil", "Votre semaine en un coup d’œil."),
    Section("ateliers", "Ateliers", "Ateliers, cafés des parents, inscriptions et présences."),
    Section("participants", "Participants", "Les familles que vous accompagnez."),
    Section("materiel", "Matériel", "Ordinateurs, tablettes et box 4G : stock, remises et prêts."),
    Section("a_traiter", "À traiter", "Les modifications qui demandent votre décision."),
    Section("parametres", "Paramètres", "Votre poste, vos données et leur sauvegarde."),
)


def pending_text(count: int) -> str:
    """Status-bar wording of the outbox (0 and 1 are singular in French)."""
    if count == 0:
        waiting = "aucune modification en attente de connexion"
    elif count == 1:
        waiting = "1 modification en attente de connexion"
    else:
        waiting = f"{QLocale().toString(count)} modifications en attente de connexion"
    return f"Enregistré sur ce poste · {waiting}"


def _title(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class _FigureCard(QFrame):
    """A number and what it counts."""

    def __init__(self, object_name: str, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        self._value = QLabel("…", self)
        self._value.setObjectName(f"{object_name}_value")
        font = QFont(self._value.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setBold(True)
        self._value.setFont(font)
        self._caption = QLabel(caption, self)
        self._caption.setWordWrap(True)
        layout.addWidget(self._value)
        layout.addWidget(self._caption)

    def set_value(self, value: int) -> None:
        self._value.setText(QLocale().toString(value))
        self.setAccessibleName(f"{self._caption.text()} : {value}")

    @property
    def value_text(self) -> str:
        return self._value.text()


class HomePage(QWidget):
    """*Accueil*: this week's workshops, what waits for a connection, what needs a decision."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_accueil")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(16)
        layout.addWidget(_title(self.tr("Accueil"), self))
        self._week = QLabel(self)
        self._week.setObjectName("home_week_label")
        layout.addWidget(self._week)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        self.workshops_card = _FigureCard(
            "home_workshops_week", self.tr("ateliers cette semaine"), self
        )
        self.pending_card = _FigureCard(
            "home_pending_changes", self.tr("modifications en attente de connexion"), self
        )
        self.attention_card = _FigureCard("home_attention", self.tr("éléments à traiter"), self)
        for column, card in enumerate(
            (self.workshops_card, self.pending_card, self.attention_card)
        ):
            grid.addWidget(card, 0, column)
        layout.addLayout(grid)
        self._last_sync = QLabel(self)
        self._last_sync.setObjectName("home_last_sync_label")
        self._last_sync.setWordWrap(True)
        layout.addWidget(self._last_sync)
        self._error = QLabel(self)
        self._error.setObjectName("home_error_label")
        self._error.setWordWrap(True)
        self._error.hide()
        layout.addWidget(self._error)
        layout.addStretch(1)

    def show_status(self, status: StoreStatus) -> None:
        locale = QLocale()
        monday = QDate(status.week_start.year, status.week_start.month, status.week_start.day)
        self._week.setText(
            self.tr("Semaine du {day}").format(day=locale.toString(monday, "d MMMM yyyy"))
        )
        self.workshops_card.set_value(status.workshops_this_week)
        self.pending_card.set_value(status.pending_ops)
        self.attention_card.set_value(status.open_attention_items + status.parked_ops)
        if status.last_sync_at:
            when = QDateTime.fromString(status.last_sync_at, Qt.DateFormat.ISODate).toLocalTime()
            text = self.tr("Dernière synchronisation : {when}").format(
                when=locale.toString(when, QLocale.FormatType.ShortFormat)
            )
        elif status.read_only:
            text = self.tr("Données en lecture seule : consultation uniquement.")
        else:
            text = self.tr(
                "Pas encore de synchronisation : tout ce que vous saisissez est enregistré sur ce "
                "poste et partira vers le serveur dès qu’une connexion sera disponible."
            )
        self._last_sync.setText(text)
        self._error.hide()

    def show_error(self, message: str) -> None:
        self._error.setText(message)
        self._error.show()


class PlaceholderPage(QWidget):
    """A section whose screen is not built yet."""

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{section.key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(_title(section.label, self))
        hint = QLabel(section.hint, self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        soon = QLabel(self.tr("Cet écran arrive dans une prochaine version."), self)
        soon.setObjectName(f"page_{section.key}_placeholder")
        soon.setWordWrap(True)
        soon.setEnabled(False)
        layout.addWidget(soon)
        layout.addStretch(1)


class SettingsPage(QWidget):
    """*Paramètres*: where this laptop keeps its data and backups."""

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_parametres")
        self._paths = paths
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(12)
        layout.addWidget(_title(self.tr("Paramètres"), self))
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        rows = (
            ("settings_data_dir", self.tr("Dossier des données"), paths.data_dir),
            ("settings_backups_dir", self.tr("Sauvegardes automatiques"), paths.backups_dir),
            ("settings_logs_dir", self.tr("Journal technique"), paths.logs_dir),
        )
        for row, (name, caption, folder) in enumerate(rows):
            label = QLabel(caption + " :", self)
            value = QLabel(str(folder), self)
            value.setObjectName(name)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        note = QLabel(
            self.tr(
                "Une copie des données est faite chaque jour (les 7 dernières sont gardées) "
                "et avant chaque mise à jour."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        open_button = QPushButton(self.tr("&Ouvrir le dossier des données"), self)
        open_button.setObjectName("open_data_dir_button")
        open_button.clicked.connect(self._on_open_button_clicked)
        row_layout = QHBoxLayout()
        row_layout.addWidget(open_button)
        row_layout.addStretch(1)
        layout.addLayout(row_layout)
        layout.addStretch(1)

    def _on_open_button_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._paths.data_dir)))


class MainWindow(QMainWindow):
    """The application window.

    Args:
        paths: the data directory in use (shown in *Paramètres*).
        status_provider: reads the store status; run on the runner's database thread.
        settings: INI settings where the geometry and the last section are kept.
        runner: the task runner (an ``InlineRunner`` in tests).
        read_only_message: when not empty, shown in a banner above the pages.
    """

    status_loaded = Signal(object)
    status_failed = Signal(str)

    def __init__(
        self,
        paths: AppPaths,
        status_provider: Callable[[], StoreStatus],
        settings: QSettings,
        runner: TaskRunner,
        *,
        read_only_message: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(WINDOW_TITLE)
        self._settings = settings
        self._status_provider = status_provider
        self._runner = runner
        self._built = False

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
        side_layout.addWidget(app_name)
        self._sidebar = QListWidget(side)
        self._sidebar.setObjectName("sidebar")
        self._sidebar.setAccessibleName(self.tr("Sections"))
        self._sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self._sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Padding only: colours stay the palette's, so dark themes keep working.
        self._sidebar.setStyleSheet("QListWidget#sidebar::item { padding: 0px 12px; }")
        sidebar_font = QFont(self._sidebar.font())
        sidebar_font.setPointSizeF(sidebar_font.pointSizeF() * 1.15)
        self._sidebar.setFont(sidebar_font)
        self._pages = QStackedWidget(central)
        self._pages.setObjectName("pages")
        self.home_page = HomePage(self._pages)
        for section in SECTIONS:
            item = QListWidgetItem(section.label, self._sidebar)
            item.setData(Qt.ItemDataRole.UserRole, section.key)
            item.setToolTip(section.hint)
            item.setSizeHint(QSize(160, 42))
            if section.key == "accueil":
                page: QWidget = self.home_page
            elif section.key == "parametres":
                page = SettingsPage(paths, self._pages)
            else:
                page = PlaceholderPage(section, self._pages)
            self._pages.addWidget(page)
        self._sidebar.currentRowChanged.connect(self._on_sidebar_current_row_changed)
        side_layout.addWidget(self._sidebar, 1)
        side.setFixedWidth(
            max(self._sidebar.sizeHintForColumn(0), app_name.sizeHint().width()) + 48
        )
        body.addWidget(side)
        separator = QFrame(central)
        separator.setFrameShape(QFrame.Shape.VLine)
        separator.setFrameShadow(QFrame.Shadow.Sunken)
        body.addWidget(separator)
        body.addWidget(self._pages, 1)
        outer.addLayout(body, 1)
        self.setCentralWidget(central)

        self._status_label = QLabel(self.tr("Lecture des données…"), self)
        self._status_label.setObjectName("sync_status_label")
        self.statusBar().setObjectName("status_bar")
        self.statusBar().addPermanentWidget(self._status_label)
        self._add_actions()
        self._restore_state()
        self._built = True
        self.refresh()  # whatever section opens first, the status bar needs the figures

    # --- construction -----------------------------------------------------------------

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
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size)
        )
        icon.setAccessibleName(self.tr("Attention"))
        text = QLabel(message, banner)
        text.setObjectName("read_only_banner_text")
        text.setWordWrap(True)
        text.setForegroundRole(banner.palette().ColorRole.ToolTipText)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(text, 1)
        banner.setVisible(bool(message))
        return banner

    def _add_actions(self) -> None:
        for index, section in enumerate(SECTIONS, start=1):
            action = QAction(section.label, self)
            action.setObjectName(f"go_{section.key}_action")
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _=False, row=index - 1: self.show_section_at(row))
            self.addAction(action)
        refresh = QAction(self.tr("Actualiser"), self)
        refresh.setObjectName("refresh_action")
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(self.refresh)
        self.addAction(refresh)

    def _restore_state(self) -> None:
        geometry = self._settings.value(GEOMETRY_KEY)
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            # First start: the default size, shrunk to fit small netbook screens.
            available = self.screen().availableGeometry().size()
            self.resize(
                QSize(*DEFAULT_SIZE).boundedTo(
                    QSize(available.width() * 95 // 100, available.height() * 95 // 100)
                )
            )
        keys = [s.key for s in SECTIONS]
        saved = self._settings.value(PAGE_KEY, "accueil")
        self.show_section_at(keys.index(saved) if saved in keys else 0)

    # --- public API -------------------------------------------------------------------

    @property
    def read_only_banner(self) -> QFrame:
        return self._banner

    def current_section(self) -> str:
        return SECTIONS[self._pages.currentIndex()].key

    def show_section(self, key: str) -> None:
        """Show the section ``key`` (``accueil``, ``ateliers``, …)."""
        self.show_section_at([s.key for s in SECTIONS].index(key))

    def show_section_at(self, row: int) -> None:
        self._sidebar.setCurrentRow(row)

    def refresh(self) -> None:
        """Re-read the figures of the store on the worker thread."""
        provider = self._status_provider
        self._runner.run(
            lambda _token: provider(),
            on_done=self._on_status_loaded,
            on_error=self._on_status_failed,
        )

    # --- slots ------------------------------------------------------------------------

    def _on_sidebar_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._pages.setCurrentIndex(row)
        if self._built and SECTIONS[row].key == "accueil":
            self.refresh()

    def _on_status_loaded(self, status: StoreStatus) -> None:
        self.home_page.show_status(status)
        self._status_label.setText(pending_text(status.pending_ops))
        # The count in the sidebar too, so "something needs you" is not shown by colour.
        row = [s.key for s in SECTIONS].index("a_traiter")
        waiting = status.open_attention_items + status.parked_ops
        label = SECTIONS[row].label
        self._sidebar.item(row).setText(f"{label} ({waiting})" if waiting else label)
        self.status_loaded.emit(status)

    def _on_status_failed(self, error: KnownError) -> None:
        self.home_page.show_error(error.message)
        self.status_failed.emit(error.message)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self._settings.setValue(PAGE_KEY, self.current_section())
        self._settings.sync()
        super().closeEvent(event)
