"""*Participants*: the directory of parents, their record, history and RGPD actions.

The list is paged in SQL (``ParticipantService.search``) and searched as you type (names,
commune, phone digits). The detail panel shows the selected parent's workshops and
handouts, and the actions: edit, export (JSON + PDF), anonymise, erase. Every service call
goes through the task runner.
"""

from __future__ import annotations

import json
from pathlib import Path
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.entities import Participant
from mediator_app.core.enums import HandoutNature
from mediator_app.core.errors import KnownError
from mediator_app.core.validation import format_phone
from mediator_app.local_store.services.common import Page
from mediator_app.local_store.services.participants import (
    ParticipantFilter,
    ParticipantHistory,
    ParticipantRow,
)
from mediator_app.reports.person import person_pdf
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_labels import label
from mediator_app.ui.dialogs.handout_wizard import exports_dir
from mediator_app.ui.dialogs.parents_ressource import ParentsRessourceDialog
from mediator_app.ui.dialogs.participant_editor import ParticipantEditor
from mediator_app.ui.models.participant_table import (
    FRENCH,
    ROW_ROLE,
    ParticipantColumn,
    ParticipantTableModel,
    consent_text,
    french_date,
)
from mediator_app.ui.ops import WriteOp
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.empty_state import EmptyOr, EmptyState, detail_or_empty
from mediator_app.ui.widgets.forms import chain_tab_order
from mediator_app.ui.widgets.french import message_label, show_error
from mediator_app.ui.widgets.icons import set_icon
from mediator_app.ui.widgets.labels import bold_label, page_title
from mediator_app.ui.widgets.tables import row_table, view_row
from mediator_app.ui.widgets.timers import single_shot

PAGE_SIZE = 100
WATCHED = frozenset({"participant", "attendance", "registration", "handout"})


def confirm(parent: QWidget, title: str, text: str, informative: str, confirm_text: str) -> bool:
    """A plain-French confirmation; « Annuler » is the default button."""
    box = QMessageBox(parent)
    box.setObjectName("confirm_dialog")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(informative)
    ok = box.addButton(confirm_text, QMessageBox.ButtonRole.DestructiveRole)
    ok.setObjectName("confirm_button")
    cancel = box.addButton(
        QCoreApplication.translate("ParticipantsPage", "Annuler"),
        QMessageBox.ButtonRole.RejectRole,
    )
    cancel.setObjectName("cancel_button")
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is ok


def export_person_files(
    ctx: AppContext, participant_id: UUID, folder: Path, token: CancelToken
) -> tuple[Path, Path]:
    """Write the JSON and the PDF of a person export; runs on the worker thread."""
    data = ctx.services.privacy.export_person(participant_id)
    token.check()
    folder.mkdir(parents=True, exist_ok=True)
    # The file name carries no personal data: a date and the record's short id.
    stem = f"export-personne-{data['exported_at'][:10]}-{str(participant_id)[:8]}"
    json_path = folder / f"{stem}.json"
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    token.progress(1, 2, "")
    pdf_path = folder / f"{stem}.pdf"
    person_pdf(pdf_path, data)
    token.progress(2, 2, "")
    return json_path, pdf_path


class ParticipantDetail(QFrame):
    """The selected parent: record, history and actions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("participant_detail")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        # The card, or, with nobody chosen, one calm message in its place; the line of what
        # an action did stays under both (« La fiche a été effacée. » after the card went).
        card = QWidget(self)
        card.setObjectName("participant_card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(0, 0, 0, 0)
        self.card_or_empty = detail_or_empty(
            card,
            self,
            name="participant_detail",
            icon_name="users",
            title=self.tr("Aucun parent sélectionné"),
            hint=self.tr(
                "Choisissez un parent dans la liste pour voir sa fiche et son historique."
            ),
        )
        outer.addWidget(self.card_or_empty, 1)
        self.name_label = bold_label("", self, 1.3)
        self.name_label.setObjectName("detail_name_label")
        self.name_label.setWordWrap(True)
        layout.addWidget(self.name_label)
        self.info_label = QLabel(self)
        self.info_label.setObjectName("detail_info_label")
        self.info_label.setWordWrap(True)
        self.info_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info_label)

        actions = QGridLayout()
        self.edit_button = QPushButton(self.tr("&Modifier"), self)
        set_icon(self.edit_button, "pencil")
        self.edit_button.setObjectName("edit_participant_button")
        self.export_button = QPushButton(self.tr("E&xporter ses données"), self)
        set_icon(self.export_button, "file-down")
        self.export_button.setObjectName("export_participant_button")
        self.anonymise_button = QPushButton(self.tr("A&nonymiser…"), self)
        self.anonymise_button.setObjectName("anonymise_button")
        self.erase_button = QPushButton(self.tr("E&ffacer…"), self)
        self.erase_button.setObjectName("erase_button")
        actions.addWidget(self.edit_button, 0, 0)
        actions.addWidget(self.export_button, 0, 1)
        actions.addWidget(self.anonymise_button, 1, 0)
        actions.addWidget(self.erase_button, 1, 1)
        layout.addLayout(actions)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("detail_status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.status_label.setOpenExternalLinks(True)
        outer.addWidget(self.status_label)

        self.workshops_title = QLabel(self.tr("Ateliers suivis"), self)
        self.workshops_list = QListWidget(self)
        self.workshops_list.setObjectName("history_workshops_list")
        self.workshops_list.setAccessibleName(self.tr("Ateliers suivis"))
        self.workshops_title.setBuddy(self.workshops_list)
        self.handouts_title = QLabel(self.tr("Matériel remis ou prêté"), self)
        self.handouts_list = QListWidget(self)
        self.handouts_list.setObjectName("history_handouts_list")
        self.handouts_list.setAccessibleName(self.tr("Matériel remis ou prêté"))
        self.handouts_list.setMaximumHeight(110)
        self.handouts_title.setBuddy(self.handouts_list)
        for lst in (self.workshops_list, self.handouts_list):
            lst.setWordWrap(True)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for w in (self.workshops_title, self.workshops_list, self.handouts_title):
            layout.addWidget(w)
        layout.addWidget(self.handouts_list)
        layout.setStretchFactor(self.workshops_list, 1)
        self.show_nothing()

    def _set_actions(self, enabled: bool, anonymised: bool = False) -> None:
        self.edit_button.setEnabled(enabled and not anonymised)
        self.export_button.setEnabled(enabled)
        self.anonymise_button.setEnabled(enabled and not anonymised)
        self.erase_button.setEnabled(enabled)

    def show_nothing(self) -> None:
        self.card_or_empty.set_empty(True)
        self.name_label.clear()
        self.info_label.clear()
        self.workshops_list.clear()
        self.handouts_list.clear()
        self._set_actions(False)

    def show_history(self, history: ParticipantHistory) -> None:
        p = history.participant
        if p.anonymised:
            self.name_label.setText(self.tr("Personne anonymisée « anonymisé »"))
        else:
            self.name_label.setText(p.full_name)
        lines = []
        contact = " · ".join(x for x in (format_phone(p.phone), p.email or "") if x)
        if contact:
            lines.append(contact)
        if p.commune:
            lines.append(self.tr("Commune : {c}").format(c=p.commune))
        if p.children:
            n = len(p.children)
            lines.append(self.tr("1 enfant") if n == 1 else self.tr("{n} enfants").format(n=n))
        if p.parent_resource:
            lines.append(self.tr("Parent Ressource"))
        lines.append(
            self.tr("Consentement : {c}").format(c=consent_text(ParticipantRow(p, 0, None)).lower())
        )
        if p.retention_until is not None and not p.anonymised:
            lines.append(
                self.tr("Données conservées jusqu’au {d}").format(
                    d=french_date(p.retention_until, "d MMMM yyyy")
                )
            )
        if p.notes:
            lines.append(self.tr("Notes : {n}").format(n=p.notes))
        self.info_label.setText("\n".join(lines))

        self.workshops_list.clear()
        for a in history.attended:
            self.workshops_list.addItem(
                f"{french_date(a.date)} — {a.title or self.tr('(sans titre)')} — {label(a.status)}"
            )
        if not history.attended:
            self.workshops_list.addItem(self.tr("Aucun atelier pour l’instant."))
        n = sum(1 for a in history.attended if a.status.value == "present")
        self.workshops_title.setText(
            self.tr("Ateliers suivis (1 présence)")
            if n <= 1
            else self.tr("Ateliers suivis ({n} présences)").format(n=n)
        )
        self.handouts_list.clear()
        for h in history.handouts:
            what = label(h.nature)
            count = len(h.device_ids)
            devices = (
                self.tr("1 équipement")
                if count <= 1
                else self.tr("{n} équipements").format(n=count)
            )
            if h.returned_at is not None:
                state = self.tr("rendu le {d}").format(d=french_date(h.returned_at.date()))
            elif h.nature is HandoutNature.GIFT:
                state = self.tr("donné")
            else:
                state = self.tr("en cours, retour prévu le {d}").format(
                    d=french_date(h.expected_return)
                )
            self.handouts_list.addItem(
                f"{what} du {french_date(h.handed_at.date())} — {devices} — {state}"
            )
        if not history.handouts:
            self.handouts_list.addItem(self.tr("Aucun matériel."))
        self._set_actions(True, p.anonymised)
        self.card_or_empty.set_empty(False)


class ParticipantsPage(QWidget):
    """The Participants section. ``refresh()`` reloads; ``focus_search()`` for Ctrl+F."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_participants")
        self._ctx = ctx
        self._generation = 0
        self._selected_id: UUID | None = None
        self._history: ParticipantHistory | None = None
        #: Open exported files with the system viewer (tests switch it off).
        self.open_documents = True
        self.exports_folder: Path = exports_dir(ctx)
        self.last_export: tuple[Path, Path] | None = None
        self.resource_dialog: ParentsRessourceDialog | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        top = QHBoxLayout()
        top.addWidget(page_title(self.tr("Participants"), self))
        top.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("participant_count_label")
        top.addWidget(self.count_label)
        layout.addLayout(top)

        bar = QHBoxLayout()
        search_label = QLabel(self.tr("&Rechercher :"), self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("participant_search")
        self.search_edit.setPlaceholderText(self.tr("Nom, prénom, commune ou téléphone"))
        self.search_edit.setClearButtonEnabled(True)
        search_label.setBuddy(self.search_edit)
        self.anonymised_checkbox = QCheckBox(self.tr("Afficher les fiches a&nonymisées"), self)
        self.anonymised_checkbox.setObjectName("show_anonymised_checkbox")
        self.resource_checkbox = QCheckBox(self.tr("Parents Ressou&rce seulement"), self)
        self.resource_checkbox.setObjectName("parents_ressource_checkbox")
        self.resource_checkbox.setToolTip(
            self.tr("Les parents bénévoles qui co-animent des ateliers avec la structure")
        )
        self.resource_list_button = QPushButton(self.tr("&Liste des Parents Ressource…"), self)
        self.resource_list_button.setObjectName("parents_ressource_list_button")
        self.resource_list_button.setToolTip(
            self.tr("Qui, depuis quand, combien d’ateliers co-animés ; export Excel ou CSV")
        )
        top.addSpacing(16)
        top.addWidget(self.resource_list_button)
        self.new_button = QPushButton(self.tr("Nouveau &parent"), self)
        set_icon(self.new_button, "user-plus")
        self.new_button.setObjectName("new_participant_button")
        self.new_button.setToolTip(self.tr("Créer une fiche (Ctrl+N)"))
        bar.addWidget(search_label)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.resource_checkbox)
        bar.addWidget(self.anonymised_checkbox)
        bar.addWidget(self.new_button)
        layout.addLayout(bar)

        self.model = ParticipantTableModel(self._fetch_page, self)
        self.table = row_table(
            "participant_table",
            self.model,
            self,
            self.tr("Liste des parents"),
            sortable=True,
            stretch=(ParticipantColumn.NAME,),
            # « Oui (écrit), le 18/11/2026 » whole: the name column has room to spare.
            max_chars=28,
            # What the detail beside the list shows too, given up first on a narrow window.
            optional=(
                ParticipantColumn.BADGE,
                ParticipantColumn.LAST_CONTACT,
                ParticipantColumn.CONSENT,
            ),
        )
        self.detail = ParticipantDetail(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.empty_state = EmptyState(
            "participants", self, icon_name="users", title=self.tr("Aucun parent pour l’instant")
        )
        self.table_or_empty = EmptyOr(self.table, self.empty_state, self)
        splitter.addWidget(self.table_or_empty)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([830, 470])
        layout.addWidget(splitter, 1)
        self.error_label = message_label("participants_error_label", self)
        layout.addWidget(self.error_label)

        self._search_timer = single_shot(self, 250, self.refresh)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._on_search_return_pressed)
        self.anonymised_checkbox.toggled.connect(lambda _c: self.refresh())
        self.resource_checkbox.toggled.connect(lambda _c: self.refresh())
        self.resource_list_button.clicked.connect(self.show_parents_ressource)
        self.new_button.clicked.connect(self.new_participant)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.detail.edit_button.clicked.connect(self.edit_selected)
        self.detail.export_button.clicked.connect(self.export_selected)
        self.detail.anonymise_button.clicked.connect(self.anonymise_selected)
        self.detail.erase_button.clicked.connect(self.erase_selected)
        ctx.hub.changed.connect(self._on_hub_changed)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_participant)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)

        chain_tab_order(
            [
                self.search_edit,
                self.resource_checkbox,
                self.resource_list_button,
                self.anonymised_checkbox,
                self.new_button,
                self.table,
                self.detail.edit_button,
                self.detail.export_button,
                self.detail.anonymise_button,
                self.detail.erase_button,
                self.detail.workshops_list,
                self.detail.handouts_list,
            ]
        )
        self.refresh()

    # --- public API -------------------------------------------------------------------

    def show_parents_ressource(self) -> ParentsRessourceDialog:
        """The structure's Parents Ressource, sortable, with their export."""
        dialog = ParentsRessourceDialog(self._ctx, self.exports_folder, self)
        dialog.open_documents = self.open_documents
        dialog.setModal(True)
        dialog.show()
        self.resource_dialog = dialog
        return dialog

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def filter(self) -> ParticipantFilter:
        return ParticipantFilter(
            text=self.search_edit.text(),
            include_anonymised=self.anonymised_checkbox.isChecked(),
            parent_resource=True if self.resource_checkbox.isChecked() else None,
        )

    def refresh(self) -> None:
        """Reload the first page of the list (and the selected parent's detail)."""
        self._search_timer.stop()
        self._generation += 1
        gen = self._generation
        flt = self.filter()
        svc = self._ctx.services.participants
        self._ctx.runner.run(
            lambda _t: svc.search(flt, offset=0, limit=PAGE_SIZE),
            on_done=lambda page: self._on_first_page(gen, page),
            on_error=self._show_error,
        )

    def selected_participant(self) -> Participant | None:
        return self._history.participant if self._history is not None else None

    def open_participant(self, participant_id: UUID) -> None:
        """Show a parent's record (selecting them in the list when loaded)."""
        self._selected_id = participant_id
        row = view_row(
            self.table, self.model.find_row(lambda r: r.participant.id == participant_id)
        )
        if row >= 0:
            self.table.selectRow(row)
            return
        self._load_detail(participant_id)

    def new_participant(self) -> ParticipantEditor:
        editor = ParticipantEditor(self._ctx, None, self)
        editor.saved.connect(lambda p: self._after_save(p.id))
        editor.open_existing_requested.connect(self.open_participant)
        editor.open()
        return editor

    def edit_selected(self) -> ParticipantEditor | None:
        p = self.selected_participant()
        if p is None or p.anonymised:
            return None
        editor = ParticipantEditor(self._ctx, p, self)
        editor.saved.connect(lambda saved: self._after_save(saved.id))
        editor.open()
        return editor

    def export_selected(self) -> None:
        p = self.selected_participant()
        if p is None:
            return
        ctx, folder, pid = self._ctx, self.exports_folder, p.id
        self.detail.export_button.setEnabled(False)
        self.detail.status_label.setText(self.tr("Export en cours…"))
        self._ctx.runner.run(
            lambda token: export_person_files(ctx, pid, folder, token),
            on_done=self._on_exported,
            on_error=self._on_action_failed,
        )

    def anonymise_selected(self) -> None:
        p = self.selected_participant()
        if p is None or p.anonymised:
            return
        if not confirm(
            self,
            self.tr("Anonymiser la fiche"),
            self.tr("Anonymiser la fiche de {name}\u00a0?").format(name=p.full_name),
            self.tr(
                "Son nom, son prénom, son téléphone, son e-mail, les notes et les prénoms de "
                "ses enfants seront effacés définitivement, sur ce poste puis sur le serveur. "
                "Ses venues aux ateliers restent comptées dans les statistiques, sans que "
                "personne puisse savoir qu’il s’agit d’elle ou de lui.\n\n"
                "Cette action ne peut pas être annulée."
            ),
            self.tr("&Anonymiser définitivement"),
        ):
            return
        svc, pid = self._ctx.services.privacy, p.id
        message = self.tr("La fiche a été anonymisée.")
        WriteOp(self._ctx, self, lambda _s: svc.anonymise(pid)).success(
            lambda _v: self._after_wipe(message)
        ).message_to(self._say_failed).run()

    def erase_selected(self) -> None:
        p = self.selected_participant()
        if p is None:
            return
        name = p.full_name or self.tr("cette personne")
        if not confirm(
            self,
            self.tr("Effacer la fiche"),
            self.tr("Effacer la fiche de {name}\u00a0?").format(name=name),
            self.tr(
                "La fiche disparaît de ce poste puis du serveur : nom, coordonnées, notes et "
                "enfants sont effacés. Ses inscriptions aux ateliers à venir sont annulées "
                "(la place revient à la liste d’attente). Ses présences passées restent "
                "comptées dans les statistiques, sans nom.\n\n"
                "Si un équipement lui est encore prêté, enregistrez d’abord son retour.\n\n"
                "Cette action ne peut pas être annulée."
            ),
            self.tr("&Effacer définitivement"),
        ):
            return
        svc, pid = self._ctx.services.privacy, p.id
        message = self.tr("La fiche a été effacée.")
        WriteOp(self._ctx, self, lambda _s: svc.erase(pid)).success(
            lambda _v: self._after_wipe(message)
        ).message_to(self._say_failed).run()

    # --- loading ----------------------------------------------------------------------

    def _fetch_page(self, offset: int) -> None:
        gen = self._generation
        flt = self.filter()
        svc = self._ctx.services.participants
        self._ctx.runner.run(
            lambda _t: svc.search(flt, offset=offset, limit=PAGE_SIZE),
            on_done=lambda page: self._on_next_page(gen, page),
            on_error=self._on_page_failed,
        )

    def _on_first_page(self, gen: int, page: Page[ParticipantRow]) -> None:
        if gen != self._generation:
            return
        self.error_label.hide()
        self.model.set_page(page)
        n = page.total
        self.count_label.setText(
            self.tr("1 parent") if n <= 1 else self.tr("{n} parents").format(n=FRENCH.toString(n))
        )
        if n == 0 and self.search_edit.text().strip():
            self.count_label.setText(self.tr("Aucun parent ne correspond"))
        self._update_empty_state(n)
        if self._selected_id is not None:
            self.open_participant(self._selected_id)
        else:
            self.detail.show_nothing()

    def _update_empty_state(self, total: int) -> None:
        if total:
            self.table_or_empty.set_empty(False)
            return
        filtered = self.search_edit.text().strip() or self.resource_checkbox.isChecked()
        if filtered:
            self.empty_state.set_text(
                self.tr("Aucun parent ne correspond"),
                self.tr("Vérifiez l’orthographe, ou cherchez par téléphone ou par commune."),
                icon_name="search",
            )
        else:
            self.empty_state.set_text(
                self.tr("Aucun parent pour l’instant"),
                self.tr("Ajoutez une famille ici, ou inscrivez-la directement depuis un atelier."),
                action=self.tr("Nouveau parent"),
                on_action=self.new_participant,
                icon_name="users",
            )
        self.table_or_empty.set_empty(True)

    def _on_next_page(self, gen: int, page: Page[ParticipantRow]) -> None:
        if gen == self._generation:
            self.model.append_page(page)

    def _on_page_failed(self, error: KnownError) -> None:
        self.model.loading_failed()
        self._show_error(error)

    def _on_selection_changed(self, _sel: QItemSelection, _desel: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row: ParticipantRow = rows[0].data(ROW_ROLE)
        if row.participant.id != self._selected_id:
            self.detail.status_label.clear()
        self._selected_id = row.participant.id
        self._load_detail(row.participant.id)

    def _load_detail(self, participant_id: UUID) -> None:
        svc = self._ctx.services.participants
        self._ctx.runner.run(
            lambda _t: svc.history(participant_id),
            on_done=lambda h: self._on_history(participant_id, h),
            on_error=self._show_error,
        )

    def _on_history(self, participant_id: UUID, history: ParticipantHistory | None) -> None:
        if participant_id != self._selected_id:
            return
        self._history = history
        if history is None:
            self._selected_id = None
            self.detail.show_nothing()
        else:
            self.detail.show_history(history)

    # --- after actions ----------------------------------------------------------------

    def _on_search_return_pressed(self) -> None:
        self.refresh()
        self.table.setFocus()

    def _after_save(self, participant_id: UUID) -> None:
        self._selected_id = participant_id
        self.refresh()

    def _after_wipe(self, message: str) -> None:
        self.refresh()
        self.detail.status_label.setText(message)

    def _on_exported(self, paths: tuple[Path, Path]) -> None:
        json_path, pdf_path = paths
        self.last_export = paths
        self.detail.export_button.setEnabled(True)
        folder = QUrl.fromLocalFile(str(json_path.parent)).toString()
        self.detail.status_label.setText(
            self.tr(
                "Données exportées dans <a href='{url}'>{folder}</a>\u00a0: {json} et {pdf}."
            ).format(url=folder, folder=json_path.parent, json=json_path.name, pdf=pdf_path.name)
        )
        if self.open_documents:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf_path)))

    def _on_action_failed(self, error: KnownError) -> None:
        self._say_failed(error.message)

    def _say_failed(self, message: str) -> None:
        self.detail.export_button.setEnabled(self._history is not None)
        self.detail.status_label.setText(f"⚠ {message}")

    def _show_error(self, error: KnownError) -> None:
        show_error(self.error_label, error.message)

    def _on_hub_changed(self, changes: frozenset[str]) -> None:
        if changes & WATCHED:
            self.refresh()
