"""*Matériel*: the device inventory, handouts in progress, overdue returns.

Tabs: *Inventaire* (filters by type, status and text, paged in SQL), *Retours en retard*,
*À rendre sous 7 jours*, *Remises en cours* and *Lignes de connexion* (SIM and 4G box
plans: create, edit, link to a device or a hand-out, end with a reason, import the
operator's list). Devices are added one by one with a USB barcode scanner
(``AddDeviceDialog``: the scanner types the tag then Enter, which saves) or imported from a
CSV file; a device's sheet opens on a double-click (or right-click › « Fiche… »); the
handout wizard and the return dialog start from here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QIcon, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import Device
from mediator_app.core.enums import DeviceCondition, DeviceStatus, DeviceType, LineStatus
from mediator_app.core.errors import KnownError, ValidationError
from mediator_app.core.labels import masked_number
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.services.devices import DeviceFilter, LineRow
from mediator_app.local_store.services.handouts import HandoutRow
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_labels import label
from mediator_app.ui.dialogs.device_import import DeviceImportDialog
from mediator_app.ui.dialogs.device_sheet import DeviceSheetDialog
from mediator_app.ui.dialogs.handout_wizard import HandoutWizard
from mediator_app.ui.dialogs.line_dialogs import EndLineDialog, LineDialog, LineImportDialog
from mediator_app.ui.dialogs.return_dialog import ReturnDialog
from mediator_app.ui.models.base import french_date
from mediator_app.ui.models.device_table import (
    ROW_ROLE,
    DeviceColumn,
    DeviceTableModel,
    HandoutColumn,
    HandoutTableModel,
)
from mediator_app.ui.models.participant_table import FRENCH
from mediator_app.ui.models.review_table import RowsTableModel, TableColumn
from mediator_app.ui.ops import WriteOp
from mediator_app.ui.widgets.empty_state import EmptyOr, EmptyState
from mediator_app.ui.widgets.forms import FieldErrors, buddy, chain_tab_order, enum_combo, enum_data
from mediator_app.ui.widgets.french import message_label, show_error
from mediator_app.ui.widgets.icons import set_icon
from mediator_app.ui.widgets.labels import page_title
from mediator_app.ui.widgets.status_marks import LINE_ENDING, status_mark
from mediator_app.ui.widgets.tables import row_table
from mediator_app.ui.widgets.timers import single_shot

PAGE_SIZE = 200
DUE_DAYS = 7
#: A running line whose planned end is this close is flagged « ⚠ » in the list.
LINE_SOON_DAYS = 30
WATCHED = frozenset({"device", "handout", "connectivity_line", "participant"})


# --- adding devices ---------------------------------------------------------------------


class AddDeviceDialog(QDialog):
    """Add devices one after the other, scanner first.

    The asset-tag field takes the scanner's input: the scanner types the code then Enter,
    and Enter there saves the device when the form is valid. The dialog stays open with
    the type, brand and model kept, and focus goes back to the tag field for the next scan.

    Signals:
        added(Device): a device was saved.
    """

    added = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_device_dialog")
        self.setWindowTitle(self.tr("Ajouter des équipements"))
        self._ctx = ctx
        self._busy = False
        self.added_count = 0
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Scannez le numéro de série puis l’étiquette d’inventaire : l’équipement est "
                "enregistré dès la lecture de l’étiquette, et vous pouvez scanner le suivant."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        general = QLabel(self)
        self.errors = FieldErrors(general)
        form = QFormLayout()
        self.type_combo = enum_combo(self, DeviceType, empty=None, name="device_type_combo")
        self.brand_edit = self._line("brand_edit")
        self.model_edit = self._line("model_edit")
        self.serial_edit = self._line("serial_number_edit")
        self.tag_edit = self._line("asset_tag_edit")
        self.tag_edit.setPlaceholderText(self.tr("Scannez l’étiquette (Entrée enregistre)"))
        self.imei_edit = self._line("imei_edit")
        self.condition_combo = enum_combo(
            self, DeviceCondition, empty=None, name="device_condition_combo"
        )
        self.programme_edit = self._line("programme_edit")
        rows: list[tuple[str, QWidget, str | None]] = [
            (self.tr("&Type :"), self.type_combo, None),
            (self.tr("&Marque :"), self.brand_edit, None),
            (self.tr("M&odèle :"), self.model_edit, None),
            (self.tr("N° de &série :"), self.serial_edit, "serial_number"),
            (self.tr("N° d’&inventaire :"), self.tag_edit, "asset_tag"),
            (self.tr("IM&EI :"), self.imei_edit, "imei"),
            (self.tr("É&tat :"), self.condition_combo, None),
            (self.tr("&Programme :"), self.programme_edit, None),
        ]
        for text, widget, field in rows:
            form.addRow(buddy(text, widget, self), widget)
            if field is not None:
                form.addRow("", self.errors.label(field, self))
        layout.addLayout(form)
        self.added_label = QLabel(self)
        self.added_label.setObjectName("added_label")
        self.added_label.setWordWrap(True)
        layout.addWidget(self.added_label)
        layout.addWidget(general)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self._close_button = QPushButton(self.tr("Fermer"), self)
        self._close_button.setObjectName("close_button")
        self._close_button.setAutoDefault(False)
        self._close_button.clicked.connect(self.accept)
        self._save_button = QPushButton(self.tr("&Ajouter"), self)
        set_icon(self._save_button, "plus")
        self._save_button.setObjectName("save_button")
        # No default button: Enter is handled per field, so a scan never saves twice.
        self._save_button.setAutoDefault(False)
        self._save_button.clicked.connect(self.submit)
        buttons.addWidget(self._close_button)
        buttons.addWidget(self._save_button)
        layout.addLayout(buttons)

        self.serial_edit.returnPressed.connect(self._on_serial_return)
        self.tag_edit.returnPressed.connect(self.submit)
        for edit in (self.brand_edit, self.model_edit, self.imei_edit, self.programme_edit):
            edit.returnPressed.connect(self.submit)
        chain_tab_order(
            [
                self.type_combo,
                self.brand_edit,
                self.model_edit,
                self.serial_edit,
                self.tag_edit,
                self.imei_edit,
                self.condition_combo,
                self.programme_edit,
                self._close_button,
                self._save_button,
            ]
        )
        self.resize(520, 0)
        self.serial_edit.setFocus()

    def _line(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        return edit

    @property
    def save_button(self) -> QPushButton:
        return self._save_button

    def _on_serial_return(self) -> None:
        if self.tag_edit.text().strip():
            self.submit()
        else:
            self.tag_edit.setFocus()

    def device(self) -> Device:
        return Device(
            device_type=enum_data(self.type_combo, DeviceType) or DeviceType.LAPTOP,
            brand=self.brand_edit.text(),
            model=self.model_edit.text(),
            serial_number=self.serial_edit.text(),
            asset_tag=self.tag_edit.text(),
            imei=self.imei_edit.text().strip() or None,
            condition=enum_data(self.condition_combo, DeviceCondition) or DeviceCondition.NEW,
            programme=self.programme_edit.text(),
        )

    def submit(self) -> None:
        """Save the device if the form is valid (Enter in the tag field, or « Ajouter »)."""
        if self._busy:
            return
        self.errors.clear()
        missing: dict[str, str] = {}
        if not self.serial_edit.text().strip():
            missing["serial_number"] = self.tr("Indiquez le numéro de série.")
        if not self.tag_edit.text().strip():
            missing["asset_tag"] = self.tr("Indiquez le numéro d’inventaire (étiquette).")
        if missing:
            self.errors.show(missing)
            (self.serial_edit if "serial_number" in missing else self.tag_edit).setFocus()
            return
        device = self.device()
        svc = self._ctx.services.devices
        self._busy = True
        self._save_button.setEnabled(False)
        (
            WriteOp(self._ctx, self, lambda _s: svc.add(device))
            .settled(self._settled)
            .success(self._on_added)
            .failure(self._on_invalid)
            .message_to(self.errors.show_general)
            .run()
        )

    def _settled(self) -> None:
        self._busy = False
        self._save_button.setEnabled(True)

    def _on_added(self, d: Device) -> None:
        self.added_count += 1
        n = self.added_count
        self.added_label.setText(
            self.tr("✓ {tag} ajouté (1 équipement ajouté).").format(tag=d.asset_tag)
            if n == 1
            else self.tr("✓ {tag} ajouté ({n} équipements ajoutés).").format(tag=d.asset_tag, n=n)
        )
        for edit in (self.serial_edit, self.tag_edit, self.imei_edit):
            edit.clear()
        self.added.emit(d)
        self.tag_edit.setFocus()

    def _on_invalid(self, error: ValidationError) -> None:
        shown = self.errors.show(error.errors)
        target = {
            "serial_number": self.serial_edit,
            "asset_tag": self.tag_edit,
            "imei": self.imei_edit,
        }.get(shown[0] if shown else "asset_tag", self.tag_edit)
        target.setFocus()
        target.selectAll()


# --- handout lists ----------------------------------------------------------------------


class HandoutList(QWidget):
    """One list of handouts with « Enregistrer le retour… »."""

    def __init__(self, name: str, empty: str, hint: str, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.model = HandoutTableModel(parent=self)
        self.table = row_table(f"{name}_table", self.model, self)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in (
            (HandoutColumn.FAMILY, 200),
            (HandoutColumn.DEVICES, 180),
            (HandoutColumn.NATURE, 70),
            (HandoutColumn.HANDED, 100),
            (HandoutColumn.DUE, 100),
        ):
            self.table.setColumnWidth(col, width)
        self.empty_state = EmptyState(name, self, icon_name="hand-helping", title=empty, hint=hint)
        self.table_or_empty = EmptyOr(self.table, self.empty_state, self)
        layout.addWidget(self.table_or_empty, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.return_button = QPushButton(self.tr("Enregistrer le &retour…"), self)
        set_icon(self.return_button, "undo-2")
        self.return_button.setObjectName(f"{name}_return_button")
        self.return_button.setEnabled(False)
        row.addWidget(self.return_button)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._update_button)
        self.table.doubleClicked.connect(lambda _i: self.return_button.click())

    def set_rows(self, rows: tuple[HandoutRow, ...], today: date) -> None:
        # A refresh in the background (another list's load, a sync) keeps what was chosen.
        chosen = self.selected()
        self.model.today = today
        self.model.set_rows(rows)
        if chosen is not None:
            row = self.model.find_row(lambda r: r.handout.id == chosen.handout.id)
            if row >= 0:
                self.table.selectRow(row)
        self.table_or_empty.set_empty(not rows)
        self._update_button()

    def selected(self) -> HandoutRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def _update_button(self) -> None:
        row = self.selected()
        self.return_button.setEnabled(row is not None and row.handout.returned_at is None)


# --- connectivity lines -----------------------------------------------------------------


class LinesView(QWidget):
    """« Lignes de connexion »: every line with its device or hand-out, and its actions.

    The number shows whole to the structure that holds the line, masked otherwise (and a
    coordinator's laptop never holds it: the server strips it).
    """

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("lines_view")
        self._ctx = ctx
        self.today = date.today()
        layout = QVBoxLayout(self)
        self.model = RowsTableModel(
            (
                TableColumn(self.tr("Opérateur"), lambda r: r.line.operator),
                TableColumn(self.tr("Numéro"), self._number),
                TableColumn(self.tr("Type"), lambda r: label(r.line.line_type)),
                TableColumn(self.tr("Équipement ou prêt"), self._linked),
                TableColumn(
                    self.tr("Début"),
                    lambda r: french_date(r.line.start_date),
                    sort=lambda r: r.line.start_date or date.min,
                ),
                TableColumn(
                    self.tr("Fin prévue"),
                    lambda r: french_date(r.line.end_date),
                    sort=lambda r: r.line.end_date or date.max,
                ),
                TableColumn(self.tr("Statut"), self._status, decoration=self._status_mark),
            ),
            self,
        )
        self.table = row_table("lines_table", self.model, self, self.tr("Lignes de connexion"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in enumerate((140, 130, 100, 200, 90, 90)):
            self.table.setColumnWidth(col, width)
        self.empty_state = EmptyState(
            "lines",
            self,
            icon_name="laptop",
            title=self.tr("Aucune ligne de connexion pour l’instant"),
            hint=self.tr(
                "Ajoutez les cartes SIM et box 4G une par une, ou importez la liste de l’opérateur."
            ),
            action=self.tr("Nouvelle ligne…"),
            on_action=lambda: self.new_button.click(),
        )
        self.table_or_empty = EmptyOr(self.table, self.empty_state, self)
        top = QHBoxLayout()
        top.addStretch(1)
        self.show_ended = QCheckBox(self.tr("Afficher les lignes termin&ées"), self)
        self.show_ended.setObjectName("show_ended_lines_check")
        self.show_ended.setChecked(True)
        top.addWidget(self.show_ended, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(top)
        layout.addWidget(self.table_or_empty, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&Nouvelle ligne…"), self)
        set_icon(self.new_button, "plus")
        self.new_button.setObjectName("new_line_button")
        self.import_button = QPushButton(self.tr("Importer la liste de l’&opérateur…"), self)
        set_icon(self.import_button, "upload")
        self.import_button.setObjectName("import_lines_button")
        self.edit_button = QPushButton(self.tr("&Modifier…"), self)
        set_icon(self.edit_button, "pencil")
        self.edit_button.setObjectName("edit_line_button")
        self.end_button = QPushButton(self.tr("&Terminer la ligne…"), self)
        self.end_button.setObjectName("end_line_button")
        for w in (self.new_button, self.import_button):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(self.edit_button)
        row.addWidget(self.end_button)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.edit_button.click())
        self._all: tuple[LineRow, ...] = ()
        self.show_ended.toggled.connect(lambda _on: self.set_rows(self._all, self.today))
        self._update_buttons()

    def set_rows(self, rows: tuple[LineRow, ...], today: date) -> None:
        self._all, self.today = rows, today
        shown = (
            rows
            if self.show_ended.isChecked()
            else tuple(r for r in rows if r.line.status is not LineStatus.TERMINATED)
        )
        self.model.set_rows(shown)
        self.table_or_empty.set_empty(not rows)
        self._update_buttons()

    def selected(self) -> LineRow | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ROW_ROLE) if rows else None

    def running_count(self) -> int:
        return sum(1 for r in self._all if r.line.status is not LineStatus.TERMINATED)

    def ending_soon_count(self) -> int:
        return sum(1 for r in self._all if self._soon(r))

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.end_button.setEnabled(row is not None and row.line.status is not LineStatus.TERMINATED)

    def _own(self, r: LineRow) -> bool:
        mine = self._ctx.store.identity.structure_id
        return mine is not None and r.line.structure_id == mine

    def _number(self, r: LineRow) -> str:
        shown = masked_number(r.line.line_number, own=self._own(r))
        if shown:
            return shown
        if r.line.iccid:
            return self.tr("SIM …{end}").format(end=r.line.iccid[-4:])
        return "—"

    def _linked(self, r: LineRow) -> str:
        parts = []
        if r.device_tag:
            parts.append(r.device_tag)
        if r.handout_id is not None and r.handout_open:
            who = r.handout_family if self._own(r) and r.handout_family else self.tr("famille")
            parts.append(self.tr("prêtée à {who}").format(who=who))
        return " · ".join(parts) or "—"

    def _soon(self, r: LineRow) -> bool:
        end = r.line.end_date
        return (
            r.line.status is not LineStatus.TERMINATED
            and end is not None
            and (end - self.today).days <= LINE_SOON_DAYS
        )

    def _status_mark(self, r: LineRow) -> QIcon:
        ln = r.line
        if ln.status is not LineStatus.TERMINATED and self._soon(r):
            return status_mark(LINE_ENDING)
        return status_mark(ln.status)

    def _status(self, r: LineRow) -> str:
        ln = r.line
        if ln.status is LineStatus.TERMINATED:
            reason = f" ({label(ln.end_reason)})" if ln.end_reason is not None else ""
            return f"{label(ln.status)}{reason}"
        if self._soon(r):
            assert ln.end_date is not None
            days = (ln.end_date - self.today).days
            if days < 0:
                return "⚠ " + self.tr("fin dépassée")
            if days == 0:
                return "⚠ " + self.tr("fin aujourd’hui")
            return "⚠ " + self.tr("fin dans {n} j").format(n=days)
        return label(ln.status)


# --- the page ---------------------------------------------------------------------------


class DevicesPage(QWidget):
    """The Matériel section. ``refresh()`` reloads; ``focus_search()`` for Ctrl+F."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_materiel")
        self._ctx = ctx
        self._generation = 0
        #: Open generated PDFs with the system viewer (tests switch it off).
        self.open_documents = True
        self.last_dialog: QDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("Matériel"), self))
        top.addStretch(1)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("device_counts_label")
        top.addWidget(self.counts_label)
        layout.addLayout(top)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("devices_tabs")
        layout.addWidget(self.tabs, 1)
        inventory = QWidget(self.tabs)
        inv = QVBoxLayout(inventory)
        bar = QHBoxLayout()
        self.type_filter = enum_combo(
            inventory, DeviceType, empty=self.tr("Tous les types"), name="device_type_filter"
        )
        self.status_filter = enum_combo(
            inventory, DeviceStatus, empty=self.tr("Tous les statuts"), name="device_status_filter"
        )
        self.search_edit = QLineEdit(inventory)
        self.search_edit.setObjectName("device_search")
        self.search_edit.setPlaceholderText(self.tr("N° d’inventaire, n° de série, marque, modèle"))
        self.search_edit.setClearButtonEnabled(True)
        bar.addWidget(buddy(self.tr("&Rechercher :"), self.search_edit, inventory))
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(buddy(self.tr("T&ype :"), self.type_filter, inventory))
        bar.addWidget(self.type_filter)
        bar.addWidget(buddy(self.tr("&Statut :"), self.status_filter, inventory))
        bar.addWidget(self.status_filter)
        inv.addLayout(bar)
        self.model = DeviceTableModel(self._fetch_page, self)
        self.table = row_table(
            "device_table",
            self.model,
            inventory,
            self.tr("Inventaire du matériel"),
            multi=True,
            sortable=True,
            stretch=(DeviceColumn.MODEL,),
        )
        self.empty_state = EmptyState(
            "devices",
            inventory,
            icon_name="laptop",
            title=self.tr("Aucun équipement pour l’instant"),
        )
        self.table_or_empty = EmptyOr(self.table, self.empty_state, inventory)
        inv.addWidget(self.table_or_empty, 1)
        actions = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Ajouter des équipements…"), inventory)
        set_icon(self.add_button, "plus")
        self.add_button.setObjectName("add_device_button")
        self.add_button.setToolTip(self.tr("Ajouter au stock, au scanner (Ctrl+N)"))
        self.import_button = QPushButton(self.tr("&Importer un fichier CSV…"), inventory)
        set_icon(self.import_button, "upload")
        self.import_button.setObjectName("import_devices_button")
        self.handout_button = QPushButton(self.tr("Remettre ou &prêter…"), inventory)
        set_icon(self.handout_button, "hand-helping")
        self.handout_button.setObjectName("handout_button")
        self.handout_button.setToolTip(
            self.tr("Remettre ou prêter les équipements choisis à une famille")
        )
        actions.addWidget(self.add_button)
        actions.addWidget(self.import_button)
        actions.addStretch(1)
        actions.addWidget(self.handout_button)
        inv.addLayout(actions)
        self.tabs.addTab(inventory, self.tr("&Inventaire"))

        self.overdue = HandoutList(
            "overdue",
            self.tr("Aucun retour en retard ✓"),
            self.tr("Les prêts dont la date de retour est passée apparaîtront ici."),
            self.tabs,
        )
        self.due = HandoutList(
            "due",
            self.tr("Aucun prêt à rendre dans les 7 prochains jours"),
            self.tr("Les prêts à rendre bientôt apparaîtront ici, pour prévenir les familles."),
            self.tabs,
        )
        self.open_list = HandoutList(
            "open",
            self.tr("Aucune remise en cours"),
            self.tr("Choisissez des équipements dans l’inventaire, puis « Remettre ou prêter… »."),
            self.tabs,
        )
        for lst in (self.overdue, self.due, self.open_list):
            self.tabs.addTab(lst, "")
            lst.return_button.clicked.connect(lambda _c=False, x=lst: self._return(x))
        self.lines_view = LinesView(ctx, self.tabs)
        self.tabs.addTab(self.lines_view, "")
        self._set_tab_titles(None, None, None)
        from mediator_app.ui.pages.reussite import ReussiteTab

        self.reussite_tab = ReussiteTab(ctx, self.tabs)
        self.tabs.addTab(self.reussite_tab, self.tr("Réussite Co&nnectée"))
        self._set_lines_title()
        self.lines_view.new_button.clicked.connect(self.new_line)
        self.lines_view.edit_button.clicked.connect(self.edit_line)
        self.lines_view.end_button.clicked.connect(self.end_line)
        self.lines_view.import_button.clicked.connect(self.import_lines)
        self.table.doubleClicked.connect(lambda _i: self.open_sheet())
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._device_menu)

        self.error_label = message_label("devices_error_label", self)
        layout.addWidget(self.error_label)

        self._search_timer = single_shot(self, 250, self.refresh)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self.refresh)
        self.type_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.add_button.clicked.connect(self.add_devices)
        self.import_button.clicked.connect(self.import_devices)
        self.handout_button.clicked.connect(self.hand_out)
        ctx.hub.changed.connect(self._on_hub_changed)
        QShortcut(QKeySequence.StandardKey.New, self, self.add_devices)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        chain_tab_order(
            [
                self.tabs.tabBar(),
                self.search_edit,
                self.type_filter,
                self.status_filter,
                self.table,
                self.add_button,
                self.import_button,
                self.handout_button,
            ]
        )
        self.refresh()

    # --- public API -------------------------------------------------------------------

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def filter(self) -> DeviceFilter:
        return DeviceFilter(
            text=self.search_edit.text(),
            device_type=enum_data(self.type_filter, DeviceType),
            status=enum_data(self.status_filter, DeviceStatus),
        )

    def refresh(self) -> None:
        """Reload the inventory, the counts and the handout lists."""
        self._search_timer.stop()
        self._generation += 1
        gen = self._generation
        flt = self.filter()
        devices, handouts = self._ctx.services.devices, self._ctx.services.handouts
        self._ctx.runner.run(
            lambda _t: (devices.list(flt, offset=0, limit=PAGE_SIZE), devices.status_counts()),
            on_done=lambda res: self._on_inventory(gen, res),
            on_error=self._show_error,
        )
        today = date.today()
        self._ctx.runner.run(
            lambda _t: (
                handouts.overdue(today),
                handouts.due_within(DUE_DAYS, today),
                handouts.open_handouts(),
            ),
            on_done=lambda res: self._on_handouts(today, res),
            on_error=self._show_error,
        )
        self._ctx.runner.run(
            lambda _t: devices.line_rows(),
            on_done=lambda rows: self._on_lines(today, rows),
            on_error=self._show_error,
        )

    def add_devices(self) -> AddDeviceDialog:
        dialog = AddDeviceDialog(self._ctx, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def import_devices(self) -> DeviceImportDialog:
        dialog = DeviceImportDialog(self._ctx, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def hand_out(self) -> HandoutWizard:
        chosen = [i.data(ROW_ROLE) for i in self.table.selectionModel().selectedRows()]
        ids = [d.id for d in chosen if d.status is DeviceStatus.IN_STOCK]
        wizard = HandoutWizard(self._ctx, self, device_ids=ids)
        wizard.open_documents = self.open_documents
        self.last_dialog = wizard
        wizard.open()
        return wizard

    def open_sheet(self, device: Device | None = None) -> DeviceSheetDialog | None:
        """The sheet of ``device`` (by default the inventory's current row)."""
        if device is None:
            index = self.table.currentIndex()
            device = index.data(ROW_ROLE) if index.isValid() else None
        if device is None:
            return None
        dialog = DeviceSheetDialog(self._ctx, device, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def new_line(self) -> LineDialog:
        dialog = LineDialog(self._ctx, None, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def edit_line(self) -> LineDialog | None:
        row = self.lines_view.selected()
        if row is None:
            return None
        dialog = LineDialog(self._ctx, row, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def end_line(self) -> EndLineDialog | None:
        row = self.lines_view.selected()
        if row is None or row.line.status is LineStatus.TERMINATED:
            return None
        dialog = EndLineDialog(self._ctx, row.line, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def import_lines(self) -> LineImportDialog:
        dialog = LineImportDialog(self._ctx, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _device_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        device = index.data(ROW_ROLE)
        menu = QMenu(self)
        menu.setObjectName("device_menu")
        sheet = menu.addAction(self.tr("&Fiche…"))
        sheet.triggered.connect(lambda _c=False: self.open_sheet(device))
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # --- loading ----------------------------------------------------------------------

    def _on_lines(self, today: date, rows: tuple[LineRow, ...]) -> None:
        self.lines_view.set_rows(rows, today)
        self._set_lines_title()

    def _set_lines_title(self) -> None:
        view = self.lines_view
        n, soon = view.running_count(), view.ending_soon_count()
        warn = "⚠ " if soon else ""
        count = f" ({n})" if view.model.rowCount() or n else ""
        title = self.tr("&Lignes")
        self.tabs.setTabText(4, f"{warn}{title}{count}")
        self.tabs.setTabToolTip(4, self.tr("Lignes de connexion (cartes SIM, box 4G)"))

    def _fetch_page(self, offset: int) -> None:
        gen = self._generation
        flt = self.filter()
        svc = self._ctx.services.devices
        self._ctx.runner.run(
            lambda _t: svc.list(flt, offset=offset, limit=PAGE_SIZE),
            on_done=lambda page: self._on_next_page(gen, page),
            on_error=self._on_page_failed,
        )

    def _on_inventory(self, gen: int, res: tuple[Page[Device], dict[DeviceStatus, int]]) -> None:
        if gen != self._generation:
            return
        page, counts = res
        self.error_label.hide()
        self.model.set_page(page)

        def n(status: DeviceStatus) -> int:
            return counts.get(status, 0)

        parts = []
        if n(DeviceStatus.IN_STOCK):
            parts.append(
                self.tr("{n} en stock").format(n=FRENCH.toString(n(DeviceStatus.IN_STOCK)))
            )
        loaned = n(DeviceStatus.LOANED)
        if loaned:
            parts.append(
                self.tr("1 prêté") if loaned == 1 else self.tr("{n} prêtés").format(n=loaned)
            )
        if n(DeviceStatus.HANDED_OUT):
            parts.append(self.tr("{n} remis").format(n=n(DeviceStatus.HANDED_OUT)))
        if n(DeviceStatus.IN_REPAIR):
            parts.append(self.tr("{n} en réparation").format(n=n(DeviceStatus.IN_REPAIR)))
        self.counts_label.setText(" · ".join(parts) or self.tr("Aucun équipement"))
        self._update_empty_state(page.total)

    def _update_empty_state(self, total: int) -> None:
        if total:
            self.table_or_empty.set_empty(False)
            return
        filtered = (
            self.search_edit.text().strip()
            or self.type_filter.currentData() is not None
            or self.status_filter.currentData() is not None
        )
        if filtered:
            self.empty_state.set_text(
                self.tr("Aucun équipement ne correspond"),
                self.tr("Changez la recherche, le type ou le statut."),
                icon_name="search",
            )
        else:
            self.empty_state.set_text(
                self.tr("Aucun équipement pour l’instant"),
                self.tr(
                    "Ajoutez les ordinateurs, tablettes et box 4G reçus, un par un au scanner "
                    "ou depuis un fichier CSV."
                ),
                action=self.tr("Ajouter des équipements…"),
                on_action=self.add_devices,
                icon_name="laptop",
            )
        self.table_or_empty.set_empty(True)

    def _on_next_page(self, gen: int, page: Page[Device]) -> None:
        if gen == self._generation:
            self.model.append_page(page)

    def _on_page_failed(self, error: KnownError) -> None:
        self.model.loading_failed()
        self._show_error(error)

    def _on_handouts(
        self,
        today: date,
        res: tuple[tuple[HandoutRow, ...], tuple[HandoutRow, ...], tuple[HandoutRow, ...]],
    ) -> None:
        overdue, due, open_rows = res
        self.overdue.set_rows(tuple(sorted(overdue, key=lambda r: -r.days_late(today))), today)
        self.due.set_rows(due, today)
        self.open_list.set_rows(open_rows, today)
        self._set_tab_titles(len(overdue), len(due), len(open_rows))

    def _set_tab_titles(self, overdue: int | None, due: int | None, open_: int | None) -> None:
        def count(n: int | None) -> str:
            return "" if n is None else f" ({n})"

        warn = "⚠ " if overdue else ""
        # Short titles, so the six tabs fit the page at 125 %; the tooltip says it in full.
        late, soon, current = (
            self.tr("En &retard"),
            self.tr("À rendre sous &7 j"),
            self.tr("En &cours"),
        )
        self.tabs.setTabText(1, f"{warn}{late}{count(overdue)}")
        self.tabs.setTabToolTip(1, self.tr("Prêts dont la date de retour est passée"))
        self.tabs.setTabText(2, f"{soon}{count(due)}")
        self.tabs.setTabToolTip(2, self.tr("Prêts à rendre dans les 7 prochains jours"))
        self.tabs.setTabText(3, f"{current}{count(open_)}")
        self.tabs.setTabToolTip(3, self.tr("Remises et prêts en cours"))

    # --- actions ----------------------------------------------------------------------

    def _return(self, lst: HandoutList) -> ReturnDialog | None:
        row = lst.selected()
        if row is None:
            return None
        dialog = ReturnDialog(self._ctx, row, self)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def _show_error(self, error: KnownError) -> None:
        show_error(self.error_label, error.message)

    def _on_hub_changed(self, changes: frozenset[str]) -> None:
        if changes & WATCHED:
            self.refresh()


__all__ = ["AddDeviceDialog", "DevicesPage", "HandoutList", "LinesView"]
