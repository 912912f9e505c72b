"""*Partenariats et couverture*: the coordinator's follow-up of the partner structures'
conventions and of the schools the département aims to cover (a tab of Coordination).

Everything is read through the task runner (database lane) and written through ``WriteOp``
(broadcast, sync nudged); the target import is a ``LongWriteOp``: it shows its progress and
can be cancelled (nothing is written then). Figures follow docs/architecture.md,
« Partenariats et couverture ».
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TypeVar
from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core import programme, rules
from mediator_app.core.entities import Partnership, PartnershipInstalment, Structure
from mediator_app.core.enums import SCHOOL_KINDS, InstalmentStatus, PartnershipStatus, StructureKind
from mediator_app.core.errors import KnownError
from mediator_app.local_store.services.programme import (
    Coverage,
    PartnerFollowUp,
    ProgrammeService,
    TargetImport,
)
from mediator_app.local_store.services.view_filter import ViewFilter
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.local_store.unit_of_work import Result
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.core_labels import label
from mediator_app.ui.models.review_table import RowsTableModel, TableColumn, french_date
from mediator_app.ui.ops import Action, LongWriteOp, WriteOp
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.chart_view import ChartView
from mediator_app.ui.widgets.french import caption as french_caption
from mediator_app.ui.widgets.french import month_text, pydate, qdate
from mediator_app.ui.widgets.labels import bold_label
from mediator_app.ui.widgets.screen_fit import fit_to_screen
from mediator_app.ui.widgets.tables import row_table
from mediator_app.ui.widgets.unsaved import UnsavedChanges

T = TypeVar("T")

MAX_IMPORT_BYTES = 50 * 1024 * 1024
#: How schools reached are counted by kind (singular, plural).
KIND_COUNTS = {
    StructureKind.ECOLE.value: ("{n} école", "{n} écoles"),
    StructureKind.COLLEGE.value: ("{n} collège", "{n} collèges"),
    StructureKind.LYCEE.value: ("{n} lycée", "{n} lycées"),
    StructureKind.AUTRE.value: ("{n} autre lieu", "{n} autres lieux"),
}


def _ratio(done: int, goal: int) -> str:
    return f"{done} / {goal}" if goal else str(done)


class PartnershipDialog(QDialog):
    """Create or edit a partner's convention, and its instalments.

    Signals:
        saved(object): the saved ``Partnership``.
    """

    saved = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        partners: list[Structure],
        school_year: str,
        partnership: Partnership | None = None,
        instalments: tuple[PartnershipInstalment, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("partnership_dialog")
        self._ctx = ctx
        self._svc = ProgrammeService(ctx.store)
        self._p = partnership
        self.setWindowTitle(
            self.tr("Nouvelle convention") if partnership is None else self.tr("Convention")
        )
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        form = QFormLayout(body)

        self.partner_combo = QComboBox(body)
        self.partner_combo.setObjectName("partner_combo")
        # Qt compares item data as strings: ids and values are stored as text.
        for s in partners:
            self.partner_combo.addItem(s.name, str(s.id))
        self.year_edit = QLineEdit(school_year, body)
        self.year_edit.setObjectName("school_year_edit")
        self.year_edit.setMaxLength(9)
        self.title_edit = QLineEdit(body)
        self.title_edit.setObjectName("partnership_title_edit")
        self.title_edit.setMaxLength(200)
        self.status_combo = QComboBox(body)
        self.status_combo.setObjectName("partnership_status_combo")
        for st in PartnershipStatus:
            self.status_combo.addItem(label(st), st.value)
        self.signed_check = QCheckBox(self.tr("Signée le"), body)
        self.signed_edit = QDateEdit(body)
        self.signed_edit.setCalendarPopup(True)
        self.signed_edit.setDisplayFormat("dd/MM/yyyy")
        self.signed_edit.setDate(qdate(date.today()))
        self.signed_edit.setEnabled(False)
        self.signed_check.toggled.connect(self.signed_edit.setEnabled)
        signed = QHBoxLayout()
        signed.addWidget(self.signed_check)
        signed.addWidget(self.signed_edit)
        signed.addStretch(1)
        self.workshops_spin = self._spin("objective_workshops_spin", body)
        self.schools_spin = self._spin("objective_schools_spin", body)
        self.trained_spin = self._spin("objective_trained_spin", body)
        self.subsidy_edit = QLineEdit(body)
        self.subsidy_edit.setObjectName("subsidy_edit")
        self.subsidy_edit.setPlaceholderText(self.tr("ex. : 12 000,00"))
        self.documents_edit = QLineEdit(body)
        self.documents_edit.setObjectName("documents_edit")
        self.documents_edit.setPlaceholderText(
            self.tr("ex. : convention signée, dossier partagé « Partenariats 2025 »")
        )
        self.notes_edit = QPlainTextEdit(body)
        self.notes_edit.setObjectName("partnership_notes_edit")
        self.notes_edit.setFixedHeight(60)
        self.error_label = QLabel(body)
        self.error_label.setObjectName("partnership_error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a4000f; font-weight: bold;")
        for caption, widget in (
            (self.tr("Structure &partenaire"), self.partner_combo),
            (self.tr("&Année scolaire"), self.year_edit),
            (self.tr("&Intitulé"), self.title_edit),
            (self.tr("É&tat"), self.status_combo),
        ):
            lab = QLabel(french_caption(caption), body)
            lab.setBuddy(widget)
            form.addRow(lab, widget)
        form.addRow("", signed)
        objectives = QHBoxLayout()
        for text, spin in (
            (self.tr("ateliers"), self.workshops_spin),
            (self.tr("écoles"), self.schools_spin),
            (self.tr("personnes formées"), self.trained_spin),
        ):
            objectives.addWidget(spin)
            objectives.addWidget(QLabel(text, body))
        objectives.addStretch(1)
        form.addRow(QLabel(self.tr("Objectifs :"), body), objectives)
        fields: tuple[tuple[str, QWidget], ...] = (
            (self.tr("&Subvention (€)"), self.subsidy_edit),
            (self.tr("&Documents"), self.documents_edit),
            (self.tr("&Notes"), self.notes_edit),
        )
        for caption, field_widget in fields:
            lab = QLabel(french_caption(caption), body)
            lab.setBuddy(field_widget)
            form.addRow(lab, field_widget)

        # Instalments (once the convention exists).
        self.instalments_model = RowsTableModel(
            (
                TableColumn(self.tr("Échéance"), lambda i: french_date(i.due_on)),
                TableColumn(self.tr("Libellé"), lambda i: i.label),
                TableColumn(self.tr("Montant"), lambda i: programme.euros(i.amount_cents)),
                TableColumn(
                    self.tr("État"),
                    lambda i: (
                        label(i.status) + (f" le {french_date(i.paid_on)}" if i.paid_on else "")
                    ),
                ),
            ),
            self,
        )
        self.instalments_view = row_table(
            "instalments_table", self.instalments_model, body, self.tr("Versements")
        )
        self.instalments_view.setMinimumHeight(110)
        self.instalments_view.setWordWrap(False)
        iheader = self.instalments_view.horizontalHeader()
        iheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        iheader.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        form.addRow(QLabel(self.tr("Versements :"), body), self.instalments_view)
        add = QHBoxLayout()
        self.due_edit = QDateEdit(body)
        self.due_edit.setObjectName("instalment_due_edit")
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("dd/MM/yyyy")
        self.due_edit.setDate(qdate(date.today()))
        self.amount_edit = QLineEdit(body)
        self.amount_edit.setObjectName("instalment_amount_edit")
        self.amount_edit.setPlaceholderText(self.tr("montant (€)"))
        self.amount_edit.setMaximumWidth(120)
        self.add_instalment_button = QPushButton(self.tr("Ajouter le &versement"), body)
        self.add_instalment_button.setObjectName("add_instalment_button")
        self.add_instalment_button.clicked.connect(self._on_add_instalment)
        self.paid_button = QPushButton(self.tr("Marquer &versé"), body)
        self.paid_button.setObjectName("instalment_paid_button")
        self.paid_button.clicked.connect(self._on_mark_paid)
        for w in (self.due_edit, self.amount_edit, self.add_instalment_button, self.paid_button):
            add.addWidget(w)
        add.addStretch(1)
        form.addRow("", add)
        self.instalments_hint = QLabel(
            self.tr("Enregistrez la convention pour y ajouter ses versements."), body
        )
        self.instalments_hint.setWordWrap(True)
        form.addRow("", self.instalments_hint)
        outer.addWidget(self.error_label)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Enregistrer"))
        self.save_button.setObjectName("partnership_save_button")
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("&Fermer"))
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)

        if partnership is not None:
            self._fill(partnership)
        self.instalments_model.set_rows(list(instalments))
        self._sync_instalments()
        fit_to_screen(self, 640, 620)
        self._unsaved = UnsavedChanges(self)

    @staticmethod
    def _spin(name: str, parent: QWidget) -> QSpinBox:
        spin = QSpinBox(parent)
        spin.setObjectName(name)
        spin.setRange(0, programme.MAX_OBJECTIVE)
        return spin

    def _fill(self, p: Partnership) -> None:
        i = self.partner_combo.findData(str(p.partner_structure_id))
        if i < 0:
            self.partner_combo.addItem(p.title or self.tr("Structure"), str(p.partner_structure_id))
            i = self.partner_combo.count() - 1
        self.partner_combo.setCurrentIndex(i)
        self.partner_combo.setEnabled(False)  # fixed once the convention exists
        self.year_edit.setText(p.school_year)
        self.year_edit.setEnabled(False)
        self.title_edit.setText(p.title)
        self.status_combo.setCurrentIndex(self.status_combo.findData(p.status.value))
        if p.signed_on is not None:
            self.signed_check.setChecked(True)
            self.signed_edit.setDate(qdate(p.signed_on))
        self.workshops_spin.setValue(p.objective_workshops)
        self.schools_spin.setValue(p.objective_schools)
        self.trained_spin.setValue(p.objective_trained)
        self.subsidy_edit.setText(programme.euros(p.subsidy_cents).replace("\u00a0€", ""))
        self.documents_edit.setText(p.documents)
        self.notes_edit.setPlainText(p.notes)

    def _sync_instalments(self) -> None:
        exists = self._p is not None
        for w in (self.due_edit, self.amount_edit, self.add_instalment_button):
            w.setEnabled(exists)
        self.paid_button.setEnabled(exists)
        self.instalments_hint.setVisible(not exists)

    def _draft(self) -> Partnership | None:
        cents = programme.parse_euros(self.subsidy_edit.text() or "0")
        if cents is None:
            self._show(
                {"subsidy_cents": "Ce montant n’est pas un nombre d’euros (ex. : 12 000,50)."}
            )
            return None
        raw = self.partner_combo.currentData()
        if not raw:
            self._show({"partner_structure_id": "Choisissez la structure partenaire."})
            return None
        partner = UUID(str(raw))
        base = self._p or Partnership(school_year="", partner_structure_id=partner)
        return replace(
            base,
            school_year=self.year_edit.text().strip(),
            partner_structure_id=partner,
            title=self.title_edit.text().strip(),
            status=PartnershipStatus(self.status_combo.currentData()),
            signed_on=pydate(self.signed_edit.date()) if self.signed_check.isChecked() else None,
            objective_workshops=self.workshops_spin.value(),
            objective_schools=self.schools_spin.value(),
            objective_trained=self.trained_spin.value(),
            subsidy_cents=cents,
            documents=self.documents_edit.text().strip(),
            notes=self.notes_edit.toPlainText().strip(),
        )

    def _show(self, errors: dict[str, str]) -> None:
        self.error_label.setText("⚠ " + "\n⚠ ".join(errors.values()))

    def _on_save(self) -> None:
        draft = self._draft()
        if draft is None:
            return

        def done(p: Partnership) -> None:
            self._p = p
            self.error_label.clear()
            self._fill(p)
            self._sync_instalments()
            self._unsaved.mark_clean()
            self.saved.emit(p)

        self._run(lambda _s: self._svc.save_partnership(draft), done)

    def _run(self, action: Action[T], done: Callable[[T], object]) -> None:
        """Every write of the dialog: on ``WriteOp`` (broadcast, sync nudged, errors shown)."""
        (
            WriteOp(self._ctx, self, action)
            .success(done)
            .failure(lambda error: self._show(error.errors))
            .message_to(lambda text: self.error_label.setText(f"⚠ {text}"))
            .run()
        )

    def _on_add_instalment(self) -> None:
        if self._p is None:
            return
        cents = programme.parse_euros(self.amount_edit.text())
        if cents is None:
            self._show({"amount_cents": "Indiquez le montant du versement en euros."})
            return
        pid, due = self._p.id, pydate(self.due_edit.date())

        def done(inst: PartnershipInstalment) -> None:
            self.instalments_model.set_rows([*self.instalments_model.rows(), inst])
            self.amount_edit.clear()
            self.error_label.clear()

        self._run(lambda _s: self._svc.add_instalment(pid, due_on=due, amount_cents=cents), done)

    def _on_mark_paid(self) -> None:
        index = self.instalments_view.currentIndex()
        rows = list(self.instalments_model.rows())
        if not index.isValid() or index.row() >= len(rows):
            self.error_label.setText(self.tr("⚠ Choisissez d’abord un versement dans la liste."))
            return
        inst = rows[index.row()]
        if inst.status is InstalmentStatus.VERSE:
            self.error_label.setText(self.tr("⚠ Ce versement est déjà marqué versé."))
            return

        def done(new: PartnershipInstalment) -> None:
            rows[index.row()] = new
            self.instalments_model.set_rows(rows)
            self.error_label.clear()

        self._run(lambda _s: self._svc.mark_paid(inst.id, date.today()), done)

    def reject(self) -> None:
        """Fermer or Escape: ask before abandoning what was typed."""
        if self._unsaved.confirm_discard():
            super().reject()


class ProgrammeTab(QWidget):
    """Partnerships, coverage of the target schools, and (nationally) each département."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("programme_tab")
        self._ctx = ctx
        self._svc = ProgrammeService(ctx.store)
        self._coverage: Coverage | None = None
        self._national = ctx.store.identity.role == "admin"
        self._generation = 0
        #: The coordination page's filter: its département and partner, and the school
        #: year holding its period's end.
        self._view = ViewFilter()

        scroll = QScrollArea(self)
        scroll.setObjectName("programme_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 8)

        top = QHBoxLayout()
        year_label = QLabel(self.tr("Année &scolaire :"), body)
        self.year_combo = QComboBox(body)
        self.year_combo.setObjectName("programme_year_combo")
        year_label.setBuddy(self.year_combo)
        self.year_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(year_label)
        top.addWidget(self.year_combo)
        top.addStretch(1)
        self.new_button = QPushButton(self.tr("&Nouvelle convention…"), body)
        self.new_button.setObjectName("new_partnership_button")
        self.new_button.clicked.connect(lambda: self.open_partnership(None))
        self.edit_button = QPushButton(self.tr("&Ouvrir la convention…"), body)
        self.edit_button.setObjectName("open_partnership_button")
        self.edit_button.clicked.connect(self._on_open_clicked)
        self.import_button = QPushButton(self.tr("&Importer les écoles ciblées…"), body)
        self.import_button.setObjectName("import_targets_button")
        self.import_button.clicked.connect(self._on_import_clicked)
        writer = rules.programme_write_allowed(ctx.store.identity.role)
        for b in (self.new_button, self.edit_button, self.import_button):
            top.addWidget(b)
            b.setVisible(writer)
        layout.addLayout(top)

        self.sentence_label = bold_label("", body, 1.1)
        self.sentence_label.setObjectName("programme_sentence_label")
        self.sentence_label.setWordWrap(True)
        layout.addWidget(self.sentence_label)
        self.message_label = QLabel(body)
        self.message_label.setObjectName("programme_message_label")
        self.message_label.setWordWrap(True)
        layout.addWidget(self.message_label)
        self.import_label = QLabel(body)
        self.import_label.setObjectName("import_report_label")
        self.import_label.setWordWrap(True)
        self.import_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.import_label)
        self.message_label.hide()
        self.import_label.hide()

        from mediator_app.ui.pages.coordination import Figure

        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        self.figures: dict[str, Figure] = {}
        for n, (key, caption) in enumerate(
            (
                ("held", self.tr("Ateliers réalisés")),
                ("planned", self.tr("Ateliers programmés")),
                ("schools", self.tr("Écoles atteintes")),
                ("targets", self.tr("Écoles ciblées atteintes")),
                ("partners", self.tr("Partenaires actifs")),
            )
        ):
            fig = Figure(f"programme_{key}", caption, body, reserve_detail=True)
            self.figures[key] = fig
            grid.addWidget(fig, 0, n)
        layout.addLayout(grid)

        self.partners_model = RowsTableModel(
            (
                TableColumn(self.tr("Structure"), lambda f: f.partner_name),
                TableColumn(self.tr("Convention"), lambda f: label(f.partnership.status)),
                TableColumn(
                    self.tr("Ateliers / objectif"),
                    lambda f: _ratio(f.workshops_held, f.partnership.objective_workshops),
                    sort=lambda f: f.workshops_held,
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Programmés"),
                    lambda f: str(f.workshops_planned),
                    sort=lambda f: f.workshops_planned,
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Écoles / objectif"),
                    lambda f: _ratio(f.schools_reached, f.partnership.objective_schools),
                    sort=lambda f: f.schools_reached,
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Versé / prévu"),
                    lambda f: (
                        f"{programme.euros(f.paid_cents)} / {programme.euros(f.planned_cents)}"
                    ),
                    sort=lambda f: f.paid_cents,
                    numeric=True,
                ),
            ),
            self,
        )
        layout.addWidget(bold_label(self.tr("Suivi des partenariats"), body, 1.1))
        self.partners_view: QTableView = row_table(
            "partners_table", self.partners_model, body, self.tr("Suivi des partenariats")
        )
        self.partners_view.setMinimumHeight(180)
        self.partners_view.doubleClicked.connect(lambda _i: self._on_open_clicked())
        header = self.partners_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.partners_view)

        self.departments_model = RowsTableModel(
            (
                TableColumn(self.tr("Département"), lambda c: c.department_code),
                TableColumn(self.tr("Réalisés"), lambda c: str(c.workshops_held), numeric=True),
                TableColumn(
                    self.tr("Programmés"), lambda c: str(c.workshops_planned), numeric=True
                ),
                TableColumn(
                    self.tr("Écoles atteintes"), lambda c: str(c.schools_reached), numeric=True
                ),
                TableColumn(
                    self.tr("Écoles ciblées atteintes"),
                    lambda c: _ratio(c.targeted_reached, c.schools_targeted),
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Partenaires actifs"), lambda c: str(c.partners_active), numeric=True
                ),
            ),
            self,
        )
        self.departments_title = bold_label(self.tr("Par département"), body, 1.1)
        self.departments_view = row_table(
            "departments_table", self.departments_model, body, self.tr("Par département")
        )
        self.departments_view.setMinimumHeight(120)
        dheader = self.departments_view.horizontalHeader()
        dheader.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        dheader.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.departments_title)
        layout.addWidget(self.departments_view)
        self.departments_title.setVisible(self._national)
        self.departments_view.setVisible(self._national)

        self.month_chart = ChartView(self.tr("Écoles ciblées atteintes, mois après mois"), body)
        self.month_chart.setObjectName("coverage_month_chart")
        self.month_chart.setMinimumHeight(220)
        layout.addWidget(self.month_chart)
        layout.addStretch(1)
        self._load_years()

    # --- loading ---------------------------------------------------------------------

    def _load_years(self) -> None:
        def done(years: list[str]) -> None:
            current = programme.school_year_of(self._view.end or date.today())
            self.year_combo.blockSignals(True)
            self.year_combo.clear()
            for y in years:
                self.year_combo.addItem(y, y)
            self._select_year(current)
            self.year_combo.blockSignals(False)
            self.refresh()

        self._ctx.runner.run(lambda _t: self._svc.school_years(), on_done=done)

    def _select_year(self, year: str) -> None:
        i = self.year_combo.findData(year)
        if i < 0 and self.year_combo.count():
            self.year_combo.addItem(year, year)
            i = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(max(i, 0))

    def set_view(self, view: ViewFilter) -> None:
        """Follow the coordination page's filter: its département (national team) and
        partner structure, and the school year holding its period's end."""
        self._view = view
        if view.end is not None:
            self.year_combo.blockSignals(True)
            self._select_year(programme.school_year_of(view.end))
            self.year_combo.blockSignals(False)
        self.refresh()

    @property
    def school_year(self) -> str:
        return str(self.year_combo.currentData() or programme.school_year_of(date.today()))

    def refresh(self) -> None:
        year = self.school_year
        own = self._ctx.store.identity.department_code or None
        dept = (self._view.department_code or None) if self._national else own
        partner = self._view.structure_id
        by_department = self._national and dept is None
        self._generation += 1
        generation = self._generation

        def load(token: CancelToken) -> tuple[Coverage, list[Coverage]]:
            token.check()
            cov = self._svc.coverage(year, department_code=dept, partner_structure_id=partner)
            return cov, (
                self._svc.coverage_by_department(year, partner_structure_id=partner)
                if by_department
                else []
            )

        def done(res: tuple[Coverage, list[Coverage]]) -> None:
            if generation == self._generation:
                self._show(*res)

        def failed(error: KnownError) -> None:
            self.message_label.setText(f"⚠ {error.message}")
            self.message_label.show()

        self._ctx.runner.run(load, on_done=done, on_error=failed)

    def _show(self, cov: Coverage, departments: list[Coverage]) -> None:
        self._coverage = cov
        self.sentence_label.setText(cov.sentence)
        self.figures["held"].set_value(str(cov.workshops_held))
        self.figures["planned"].set_value(str(cov.workshops_planned))
        kinds = ", ".join(
            KIND_COUNTS[k][0 if n <= 1 else 1].replace("{n}", str(n))
            for k, n in sorted(cov.by_kind.items())
            if k in KIND_COUNTS
        )
        self.figures["schools"].set_value(str(cov.schools_reached), kinds)
        if cov.schools_targeted:
            share = round(100 * cov.targeted_reached / cov.schools_targeted)
            self.figures["targets"].set_value(
                f"{cov.targeted_reached} / {cov.schools_targeted}", f"{share} %"
            )
        else:
            self.figures["targets"].set_value(
                "—", self.tr("aucune école ciblée : importez la liste")
            )
        self.figures["partners"].set_value(
            str(cov.partners_active),
            self.tr("{n} convention(s)").replace("{n}", str(cov.partnerships)),
        )
        self.partners_model.set_rows(list(cov.partners))
        self.departments_model.set_rows(departments)
        self.month_chart.set_chart(
            self.month_chart.title,
            [(month_text(k), float(v), str(v)) for k, v in cov.by_month.items()],
        )
        if not cov.partners and not cov.schools_targeted:
            self.message_label.setText(
                self.tr(
                    "Aucune convention ni école ciblée pour cette année scolaire. "
                    "Créez les conventions des structures partenaires et importez la liste "
                    "des écoles à couvrir (fichier de l’annuaire de l’Éducation nationale)."
                )
                if rules.programme_write_allowed(self._ctx.store.identity.role)
                else ""
            )
        else:
            self.message_label.clear()
        self.message_label.setVisible(bool(self.message_label.text()))

    # --- partnerships -------------------------------------------------------------------

    def _selected(self) -> PartnerFollowUp | None:
        index = self.partners_view.currentIndex()
        return self.partners_model.row_at(index.row()) if index.isValid() else None

    def _on_open_clicked(self) -> None:
        follow = self._selected()
        if follow is None:
            self.message_label.setText(self.tr("⚠ Choisissez d’abord une structure dans la liste."))
            self.message_label.show()
            return
        self.open_partnership(follow)

    def open_partnership(self, follow: PartnerFollowUp | None) -> PartnershipDialog:
        partners = [
            s for s in WorkshopService(self._ctx.store).places() if s.kind not in SCHOOL_KINDS
        ]
        dialog = PartnershipDialog(
            self._ctx,
            partners,
            self.school_year,
            follow.partnership if follow else None,
            follow.instalments if follow else (),
            self,
        )
        dialog.saved.connect(lambda _p: self.refresh())
        dialog.finished.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    # --- import of target schools ----------------------------------------------------

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Liste des écoles ciblées"),
            "",
            self.tr("Fichiers CSV (*.csv);;Tous les fichiers (*)"),
        )
        if path:
            self.import_targets(Path(path))

    def import_targets(self, path: Path) -> None:
        """Import ``path`` in the background, with a progress dialog that can cancel."""
        try:
            size = path.stat().st_size
        except OSError:
            self.import_label.setText(self.tr("⚠ Ce fichier ne peut pas être lu."))
            self.import_label.show()
            return
        if size > MAX_IMPORT_BYTES:
            self.import_label.setText(
                self.tr("⚠ Ce fichier est trop gros pour une liste d’écoles (plus de 50 Mo).")
            )
            self.import_label.show()
            return
        year = self.school_year
        progress = QProgressDialog(
            self.tr("Import des écoles ciblées…"), self.tr("Annuler"), 0, 0, self
        )
        progress.setObjectName("import_targets_progress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def load(_s: Services, token: CancelToken) -> Result[TargetImport]:
            data = path.read_bytes()
            return self._svc.import_targets(
                data,
                year,
                progress=lambda d, t: token.progress(d, t, ""),
                cancelled=lambda: token.cancelled,
            )

        def on_progress(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        def done(report: TargetImport) -> None:
            self.refresh()
            self.show_import_report(report)

        def failed(message: str) -> None:
            self.import_label.setText(f"⚠ {message}")
            self.import_label.show()

        op = LongWriteOp(self._ctx, self, load)
        progress.canceled.connect(op.token.cancel)
        op.progress(on_progress).settled(progress.close).success(done).message_to(failed).run()

    def show_import_report(self, report: TargetImport) -> None:
        if report.cancelled:
            text = self.tr("Import annulé : aucune école n’a été ajoutée.")
        else:
            text = (
                self.tr("{a} école(s) ajoutée(s), {u} mise(s) à jour.")
                .replace("{a}", str(report.added))
                .replace("{u}", str(report.updated))
            )
        if report.errors:
            shown = "\n".join(report.errors[:15])
            more = len(report.errors) - 15
            text += "\n\n" + self.tr("Lignes non importées :") + "\n" + shown
            if more > 0:
                text += "\n" + self.tr("… et {n} autre(s).").replace("{n}", str(more))
        self.import_label.setText(text)
        self.import_label.show()
