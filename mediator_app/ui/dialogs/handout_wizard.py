"""The handout wizard: family → devices → agreement → signature, then the signed PDF.

1. *Famille*: the guardian (a parent on file, searched as you type) and the pupil.
2. *Matériel*: devices in stock (ticked in the list or scanned: the scanner types the
   asset tag then Enter), accessories, connectivity line, condition.
3. *Convention*: the agreement template (synced from the coordination), loan or gift,
   expected return, who signs; the text is rendered by ``HandoutService.preview_agreement``
   and shown read-only with its SHA-256: that exact text is what gets frozen.
4. *Signature*: drawn on the pad (mouse, pen, finger) or collected on paper.

Finishing saves everything in one action (``HandoutService.open_handout`` with the hash of
the text shown, so a text changed meanwhile is refused) and writes the convention PDF into
the data folder's ``exports/``, then says where it went, with « Imprimer… » and « Ouvrir »
(``widgets.printing``).

The signer's name is part of the agreement text, so it is asked on the agreement page,
before the text is frozen and read, rather than beside the pad.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any
from uuid import UUID

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from mediator_app.core.entities import (
    AgreementTemplate,
    ConnectivityLine,
    Device,
    Handout,
    Participant,
    Structure,
)
from mediator_app.core.enums import (
    DeviceCondition,
    DeviceStatus,
    HandoutNature,
    HandoutProgramme,
    LineStatus,
    SignerCapacity,
    StructureKind,
)
from mediator_app.core.enums import label as french_label
from mediator_app.core.errors import KnownError, ValidationError
from mediator_app.core.programme import proposes_reussite
from mediator_app.core.validation import format_phone
from mediator_app.local_store.services.devices import DeviceFilter, clean_code
from mediator_app.local_store.services.handouts import HandoutDraft
from mediator_app.local_store.services.participants import ParticipantFilter
from mediator_app.local_store.unit_of_work import Result
from mediator_app.paths import AppPaths
from mediator_app.reports.pdf import Document, convention_document, write
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.core_labels import label
from mediator_app.ui.i18n import ui_locale
from mediator_app.ui.ops import WriteOp
from mediator_app.ui.tasks import CancelToken
from mediator_app.ui.widgets.forms import FieldErrors, buddy, chain_tab_order, enum_combo, enum_data
from mediator_app.ui.widgets.french import pydate, qdate
from mediator_app.ui.widgets.printing import DocumentPrinter, show_notice
from mediator_app.ui.widgets.signature_pad import SignaturePad, paper_signature_png
from mediator_app.ui.widgets.timers import single_shot

ACCESSORIES = ("Chargeur", "Housse", "Souris", "Sacoche", "Casque")
# The accessories' wordings, literal for lupdate (what is stored is the French word).
_ACCESSORY_WORDS = (
    QT_TRANSLATE_NOOP("accessories", "Chargeur"),
    QT_TRANSLATE_NOOP("accessories", "Housse"),
    QT_TRANSLATE_NOOP("accessories", "Souris"),
    QT_TRANSLATE_NOOP("accessories", "Sacoche"),
    QT_TRANSLATE_NOOP("accessories", "Casque"),
)
PUPIL_LEVELS = ("CM1", "CM2", "6e", "5e", "4e", "3e", "2de", "1re", "Terminale")


def exports_dir(ctx: AppContext) -> Path:
    """The ``exports/`` folder of the data directory holding the store."""
    database = ctx.store.engine.url.database
    base = Path(database).parent if database else Path.cwd()
    return AppPaths(base).exports_dir


#: The signed convention is an official document: French whatever the interface's language.
FRENCH_DOCUMENT = QLocale(QLocale.Language.French, QLocale.Country.France)


def default_return(today: date) -> date:
    """The end of the school year (early July) a loan usually runs to."""
    end = date(today.year, 7, 3)
    return end if today < end else date(today.year + 1, 7, 3)


def device_line(d: Device, wording: Callable[[StrEnum], str] = label) -> str:
    """« TAG — Tablette Brand Model (n° de série …) »; ``wording``: the enum labels
    (translated on screen, ``french_label`` in the convention)."""
    what = " ".join(x for x in (wording(d.device_type), d.brand, d.model) if x)
    return f"{d.asset_tag} — {what} (n° de série {d.serial_number})"


@dataclass(frozen=True)
class SavedHandout:
    """What the finish task returns."""

    result: Result[Handout]
    pdf_path: Path | None
    pdf_error: str
    #: The convention as laid out in the PDF, for « Imprimer… ».
    document: Document | None = None


class EnterLineEdit(QLineEdit):
    """A line edit that keeps Enter for itself (a barcode scanner ends each code with it):
    the wizard's default button must not move to the next page on a scan."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


def _error_label(errors: FieldErrors, field: str, parent: QWidget) -> QLabel:
    return errors.label(field, parent)


# --- page 1: family ----------------------------------------------------------------------


class FamilyPage(QWizardPage):
    def __init__(self, wizard: HandoutWizard) -> None:
        super().__init__(wizard)
        self._wiz = wizard
        self.setTitle(self.tr("Famille"))
        self.setSubTitle(
            self.tr("Choisissez le ou la responsable légal·e qui signe, puis l’élève.")
        )
        self.guardian: Participant | None = None
        layout = QVBoxLayout(self)
        self.search_edit = EnterLineEdit(self)
        self.search_edit.setObjectName("guardian_search")
        self.search_edit.setPlaceholderText(self.tr("Nom, prénom ou téléphone du parent"))
        self.search_edit.setClearButtonEnabled(True)
        search_row = QHBoxLayout()
        search_row.addWidget(buddy(self.tr("&Responsable légal·e :"), self.search_edit, self))
        search_row.addWidget(self.search_edit, 1)
        layout.addLayout(search_row)
        self.guardian_list = QListWidget(self)
        self.guardian_list.setObjectName("guardian_list")
        self.guardian_list.setAccessibleName(self.tr("Parents trouvés"))
        self.guardian_list.setMinimumHeight(120)
        layout.addWidget(self.guardian_list, 1)
        self.guardian_label = QLabel(self)
        self.guardian_label.setObjectName("guardian_label")
        self.guardian_label.setWordWrap(True)
        layout.addWidget(self.guardian_label)
        layout.addWidget(_error_label(wizard.errors, "guardian_id", self))

        pupil = QGroupBox(self.tr("Élève"), self)
        form = QFormLayout(pupil)
        self.pupil_first_name = QLineEdit(pupil)
        self.pupil_first_name.setObjectName("pupil_first_name_edit")
        self.pupil_last_name = QLineEdit(pupil)
        self.pupil_last_name.setObjectName("pupil_last_name_edit")
        self.pupil_level = QComboBox(pupil)
        self.pupil_level.setObjectName("pupil_level_combo")
        self.pupil_level.setEditable(True)
        self.pupil_level.addItems(["", *PUPIL_LEVELS])
        self.pupil_school = QComboBox(pupil)
        self.pupil_school.setObjectName("pupil_school_combo")
        self.pupil_school.addItem(self.tr("Non renseigné"), None)
        form.addRow(
            buddy(self.tr("&Prénom :"), self.pupil_first_name, pupil), self.pupil_first_name
        )
        form.addRow(buddy(self.tr("N&om :"), self.pupil_last_name, pupil), self.pupil_last_name)
        form.addRow(buddy(self.tr("&Classe :"), self.pupil_level, pupil), self.pupil_level)
        form.addRow(buddy(self.tr("É&tablissement :"), self.pupil_school, pupil), self.pupil_school)
        self.reussite_check = QCheckBox(
            self.tr("Programme Réussite Connectée (suivi par collège : indiquez le collège)"),
            pupil,
        )
        self.reussite_check.setObjectName("reussite_check")
        form.addRow(self.reussite_check)
        self.reussite_note = QLabel(pupil)
        self.reussite_note.setObjectName("reussite_note")
        self.reussite_note.setWordWrap(True)
        form.addRow(self.reussite_note)
        self.takes_part_in_reussite = False
        self._kinds: dict[Any, StructureKind] = {}
        self._auto_ticked = False
        layout.addWidget(pupil)
        layout.addWidget(_error_label(wizard.errors, "pupil_school_id", self))

        self._timer = single_shot(self, 200, self.search)
        self.search_edit.textChanged.connect(lambda _t: self._timer.start())
        self.search_edit.returnPressed.connect(self._on_search_return)
        self.guardian_list.currentItemChanged.connect(self._on_guardian_changed)
        chain_tab_order(
            [
                self.search_edit,
                self.guardian_list,
                self.pupil_first_name,
                self.pupil_last_name,
                self.pupil_level,
                self.pupil_school,
                self.reussite_check,
            ]
        )

    def set_schools(self, schools: Sequence[Structure], takes_part: bool = False) -> None:
        self.takes_part_in_reussite = takes_part
        for s in schools:
            self.pupil_school.addItem(s.name, s.id)
            self._kinds[s.id] = s.kind
        self.pupil_school.currentIndexChanged.connect(self._on_pupil_school_changed)
        self.reussite_check.toggled.connect(self._on_reussite_toggled)
        self._on_pupil_school_changed(self.pupil_school.currentIndex())

    def _on_pupil_school_changed(self, _index: int) -> None:
        """A collège, for a structure of the programme: the box is ticked, and said so."""
        kind = self._kinds.get(self.pupil_school.currentData())
        proposed = proposes_reussite(kind, self.takes_part_in_reussite)
        if proposed and not self.reussite_check.isChecked():
            self.reussite_check.setChecked(True)
            self._auto_ticked = True
            self.reussite_note.setText(
                self.tr(
                    "ℹ Case cochée : « {school} » est un collège et votre structure participe "
                    "à Réussite Connectée. Décochez-la si cet élève n’en fait pas partie."
                ).replace("{school}", self.pupil_school.currentText())
            )
        elif not proposed and self._auto_ticked and self.reussite_check.isChecked():
            self._auto_ticked = False
            self.reussite_check.setChecked(False)
            self.reussite_note.setText(
                self.tr(
                    "ℹ Case décochée : cet établissement n’est pas un collège du programme "
                    "Réussite Connectée."
                )
            )

    def _on_reussite_toggled(self, checked: bool) -> None:
        if not checked and self._auto_ticked:
            self._auto_ticked = False
            self.reussite_note.setText(
                self.tr("Cette remise ne comptera pas pour Réussite Connectée.")
            )

    def search(self) -> None:
        self._timer.stop()
        text = self.search_edit.text()
        svc = self._wiz.ctx.services.participants
        self._wiz.ctx.runner.run(
            lambda _t: svc.search(ParticipantFilter(text=text), limit=50),
            on_done=self._on_found,
            on_error=self._wiz.show_error,
        )

    def _on_search_return(self) -> None:
        self.search()
        if self.guardian_list.count():
            self.guardian_list.setCurrentRow(0)
            self.guardian_list.setFocus()

    def _on_found(self, page: Any) -> None:
        keep = self.guardian.id if self.guardian else None
        self.guardian_list.blockSignals(True)
        self.guardian_list.clear()
        for row in page.rows:
            p: Participant = row.participant
            details = " · ".join(x for x in (format_phone(p.phone), p.commune) if x)
            item = QListWidgetItem(
                f"{p.last_name.upper()} {p.first_name}" + (f" — {details}" if details else ""),
                self.guardian_list,
            )
            item.setData(Qt.ItemDataRole.UserRole, p)
            if p.id == keep:
                self.guardian_list.setCurrentItem(item)
        self.guardian_list.blockSignals(False)

    def select_guardian(self, participant: Participant) -> None:
        self.guardian = participant
        self.guardian_label.setText(
            self.tr("✓ Responsable légal·e : {name}").format(name=participant.full_name)
        )
        if not self.pupil_last_name.text().strip():
            self.pupil_last_name.setText(participant.last_name)
        self._wiz.errors.clear()
        self.completeChanged.emit()

    def _on_guardian_changed(self, item: QListWidgetItem | None, _prev: object) -> None:
        if item is not None:
            self.select_guardian(item.data(Qt.ItemDataRole.UserRole))

    def initializePage(self) -> None:
        if self.guardian_list.count() == 0:
            self.search()

    def isComplete(self) -> bool:
        return self.guardian is not None


# --- page 2: devices ---------------------------------------------------------------------


class DevicesPage(QWizardPage):
    def __init__(self, wizard: HandoutWizard) -> None:
        super().__init__(wizard)
        self._wiz = wizard
        self.setTitle(self.tr("Matériel"))
        self.setSubTitle(
            self.tr(
                "Scannez l’étiquette de chaque équipement (ou cochez-le dans la liste), "
                "puis les accessoires et la connexion."
            )
        )
        self._items: dict[UUID, QListWidgetItem] = {}
        layout = QVBoxLayout(self)
        scan_row = QHBoxLayout()
        self.scan_edit = EnterLineEdit(self)
        self.scan_edit.setObjectName("device_scan_edit")
        self.scan_edit.setPlaceholderText(
            self.tr("Scannez ou tapez le n° d’inventaire, puis Entrée")
        )
        scan_row.addWidget(buddy(self.tr("&N° d’inventaire :"), self.scan_edit, self))
        scan_row.addWidget(self.scan_edit, 1)
        layout.addLayout(scan_row)
        self.scan_status = QLabel(self)
        self.scan_status.setObjectName("scan_status_label")
        self.scan_status.setWordWrap(True)
        layout.addWidget(self.scan_status)
        self.device_list = QListWidget(self)
        self.device_list.setObjectName("available_devices_list")
        self.device_list.setAccessibleName(self.tr("Équipements en stock"))
        available = buddy(self.tr("Équipements en &stock :"), self.device_list, self)
        layout.addWidget(available)
        layout.addWidget(self.device_list, 1)
        layout.addWidget(_error_label(wizard.errors, "device_ids", self))

        extras = QGridLayout()
        acc_group = QGroupBox(self.tr("Accessoires remis"), self)
        acc_layout = QGridLayout(acc_group)
        self.accessory_boxes: list[QCheckBox] = []
        for i, name in enumerate(ACCESSORIES):
            box = QCheckBox(QCoreApplication.translate("accessories", name), acc_group)
            box.setObjectName(f"accessory_{name.lower()}")
            box.setProperty("accessory", name.lower())
            self.accessory_boxes.append(box)
            acc_layout.addWidget(box, i // 3, i % 3)
        self.other_accessories = QLineEdit(acc_group)
        self.other_accessories.setObjectName("accessories_other_edit")
        self.other_accessories.setPlaceholderText(
            self.tr("câble réseau, clé USB… (séparés par des virgules)")
        )
        acc_layout.addWidget(buddy(self.tr("&Autres :"), self.other_accessories, acc_group), 2, 0)
        acc_layout.addWidget(self.other_accessories, 2, 1, 1, 2)
        extras.addWidget(acc_group, 0, 0)
        more = QGroupBox(self.tr("Connexion et état"), self)
        form = QFormLayout(more)
        self.line_combo = QComboBox(more)
        self.line_combo.setObjectName("line_combo")
        self.line_combo.addItem(self.tr("Aucune"), None)
        self.condition_combo = enum_combo(
            more,
            (DeviceCondition.NEW, DeviceCondition.GOOD, DeviceCondition.WORN),
            empty=self.tr("Non vérifié"),
            name="condition_out_combo",
        )
        form.addRow(buddy(self.tr("&Ligne internet :"), self.line_combo, more), self.line_combo)
        form.addRow(
            buddy(self.tr("É&tat à la remise :"), self.condition_combo, more), self.condition_combo
        )
        extras.addWidget(more, 0, 1)
        layout.addLayout(extras)

        self.scan_edit.returnPressed.connect(self._on_scan)
        self.device_list.itemChanged.connect(lambda _i: self.completeChanged.emit())
        chain_tab_order(
            [
                self.scan_edit,
                self.device_list,
                *self.accessory_boxes,
                self.other_accessories,
                self.line_combo,
                self.condition_combo,
            ]
        )

    def load(self, preselected: Sequence[UUID]) -> None:
        ctx = self._wiz.ctx
        svc = ctx.services.devices
        ctx.runner.run(
            lambda _t: (
                svc.list(DeviceFilter(status=DeviceStatus.IN_STOCK), limit=2000).rows,
                svc.lines(),
            ),
            on_done=lambda res: self._on_loaded(res, preselected),
            on_error=self._wiz.show_error,
        )

    def _on_loaded(
        self,
        res: tuple[tuple[Device, ...], tuple[ConnectivityLine, ...]],
        preselected: Sequence[UUID],
    ) -> None:
        devices, lines = res
        self.device_list.blockSignals(True)
        self.device_list.clear()
        self._items.clear()
        for d in devices:
            item = QListWidgetItem(device_line(d), self.device_list)
            item.setData(Qt.ItemDataRole.UserRole, d)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = d.id in preselected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self._items[d.id] = item
        self.device_list.blockSignals(False)
        for line in lines:
            if line.status is not LineStatus.ACTIVE:
                continue
            text = " — ".join(
                x for x in (line.operator, line.data_plan, line.line_number or line.iccid) if x
            )
            self.line_combo.addItem(text, line.id)
        self.completeChanged.emit()

    def _on_scan(self) -> None:
        tag = clean_code(self.scan_edit.text())
        self.scan_edit.clear()
        if not tag:
            return
        for item in self._items.values():
            device: Device = item.data(Qt.ItemDataRole.UserRole)
            if device.asset_tag.upper() == tag.upper():
                item.setCheckState(Qt.CheckState.Checked)
                self.device_list.scrollToItem(item)
                n = len(self.selected())
                self.scan_status.setText(
                    self.tr("✓ {tag} ajouté (1 équipement choisi).").format(tag=device.asset_tag)
                    if n <= 1
                    else self.tr("✓ {tag} ajouté ({n} équipements choisis).").format(
                        tag=device.asset_tag, n=n
                    )
                )
                return
        svc = self._wiz.ctx.services.devices
        self._wiz.ctx.runner.run(
            lambda _t: svc.by_asset_tag(tag),
            on_done=lambda d: self._on_scan_unavailable(tag, d),
            on_error=self._wiz.show_error,
        )

    def _on_scan_unavailable(self, tag: str, device: Device | None) -> None:
        if device is None:
            self.scan_status.setText(
                self.tr("⚠ Aucun équipement n’a le numéro d’inventaire « {tag} ».").format(tag=tag)
            )
        else:
            self.scan_status.setText(
                self.tr("⚠ L’équipement « {tag} » n’est pas disponible : {status}.").format(
                    tag=device.asset_tag, status=label(device.status).lower()
                )
            )

    def selected(self) -> list[Device]:
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in self._items.values()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def accessories(self) -> tuple[str, ...]:
        chosen = [str(b.property("accessory")) for b in self.accessory_boxes if b.isChecked()]
        chosen += [x.strip() for x in self.other_accessories.text().split(",") if x.strip()]
        return tuple(dict.fromkeys(chosen))

    def initializePage(self) -> None:
        self.scan_edit.setFocus()

    def isComplete(self) -> bool:
        return bool(self.selected())


# --- page 3: agreement -------------------------------------------------------------------


class AgreementPage(QWizardPage):
    def __init__(self, wizard: HandoutWizard) -> None:
        super().__init__(wizard)
        self._wiz = wizard
        self.setTitle(self.tr("Convention"))
        self.setSubTitle(
            self.tr("Lisez la convention avec la famille : c’est ce texte exact qui sera signé.")
        )
        self.shown_sha256: str | None = None
        self.shown_text = ""
        layout = QVBoxLayout(self)
        top = QGridLayout()
        self.template_combo = QComboBox(self)
        self.template_combo.setObjectName("template_combo")
        top.addWidget(buddy(self.tr("&Modèle :"), self.template_combo, self), 0, 0)
        top.addWidget(self.template_combo, 0, 1, 1, 3)
        self.loan_radio = QRadioButton(self.tr("&Prêt"), self)
        self.loan_radio.setObjectName("nature_loan_radio")
        self.gift_radio = QRadioButton(self.tr("&Don"), self)
        self.gift_radio.setObjectName("nature_gift_radio")
        self.loan_radio.setChecked(True)
        self._nature = QButtonGroup(self)
        self._nature.addButton(self.loan_radio)
        self._nature.addButton(self.gift_radio)
        nature_label = QLabel(self.tr("Nature :"), self)
        nature_label.setBuddy(self.loan_radio)
        top.addWidget(nature_label, 1, 0)
        nature_row = QHBoxLayout()
        nature_row.addWidget(self.loan_radio)
        nature_row.addWidget(self.gift_radio)
        nature_row.addStretch(1)
        top.addLayout(nature_row, 1, 1)
        self.return_edit = QDateEdit(self)
        self.return_edit.setObjectName("expected_return_edit")
        self.return_edit.setCalendarPopup(True)
        self.return_edit.setDisplayFormat("dd/MM/yyyy")
        self.return_edit.setLocale(ui_locale())
        self.return_edit.setDate(qdate(default_return(date.today())))
        top.addWidget(buddy(self.tr("&Retour prévu le :"), self.return_edit, self), 1, 2)
        top.addWidget(self.return_edit, 1, 3)
        top.addWidget(_error_label(wizard.errors, "expected_return", self), 2, 2, 1, 2)
        self.signer_edit = QLineEdit(self)
        self.signer_edit.setObjectName("signer_name_edit")
        self.capacity_combo = enum_combo(
            self, SignerCapacity, empty=None, name="signer_capacity_combo"
        )
        top.addWidget(buddy(self.tr("&Signataire :"), self.signer_edit, self), 3, 0)
        top.addWidget(self.signer_edit, 3, 1)
        top.addWidget(buddy(self.tr("&Qualité :"), self.capacity_combo, self), 3, 2)
        top.addWidget(self.capacity_combo, 3, 3)
        top.addWidget(_error_label(wizard.errors, "signer_name", self), 4, 1)
        top.setColumnStretch(1, 1)
        top.setColumnStretch(3, 1)
        layout.addLayout(top)
        self.text_view = QPlainTextEdit(self)
        self.text_view.setObjectName("agreement_text_view")
        self.text_view.setReadOnly(True)
        self.text_view.setAccessibleName(self.tr("Texte de la convention"))
        self.text_view.setTabChangesFocus(True)
        layout.addWidget(self.text_view, 1)
        self.hash_label = QLabel(self)
        self.hash_label.setObjectName("agreement_hash_label")
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash_label.setWordWrap(True)
        small = QFont(self.hash_label.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.hash_label.setFont(small)
        layout.addWidget(self.hash_label)
        layout.addWidget(_error_label(wizard.errors, "agreement_template_id", self))

        self._timer = single_shot(self, 250, self.preview)
        self.template_combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.loan_radio.toggled.connect(self._on_nature_toggled)
        self.return_edit.dateChanged.connect(lambda _d: self._changed())
        self.signer_edit.textChanged.connect(lambda _t: self._changed())
        self.capacity_combo.currentIndexChanged.connect(lambda _i: self._changed())
        chain_tab_order(
            [
                self.template_combo,
                self.loan_radio,
                self.gift_radio,
                self.return_edit,
                self.signer_edit,
                self.capacity_combo,
                self.text_view,
            ]
        )

    def set_templates(self, templates: Sequence[AgreementTemplate]) -> None:
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for t in templates:
            self.template_combo.addItem(
                self.tr("{title} (version {v})").format(title=t.title, v=t.template_version), t.id
            )
        self.template_combo.blockSignals(False)
        if templates:
            # The templates may arrive after the page was shown: render now.
            self._changed()
        else:
            self._wiz.errors.show(
                {
                    "agreement_template_id": self.tr(
                        "Aucun modèle de convention n’est encore arrivé sur ce poste. "
                        "Connectez-vous et synchronisez : les modèles sont publiés par la "
                        "coordination et arrivent avec la synchronisation."
                    )
                }
            )

    def nature(self) -> HandoutNature:
        return HandoutNature.LOAN if self.loan_radio.isChecked() else HandoutNature.GIFT

    def expected_return(self) -> date | None:
        return pydate(self.return_edit.date()) if self.nature() is HandoutNature.LOAN else None

    def capacity(self) -> SignerCapacity | None:
        return enum_data(self.capacity_combo, SignerCapacity)

    def _on_nature_toggled(self, _checked: bool) -> None:
        self.return_edit.setEnabled(self.loan_radio.isChecked())
        self._changed()

    def _changed(self) -> None:
        self.shown_sha256 = None
        self.completeChanged.emit()
        self._timer.start()

    def initializePage(self) -> None:
        guardian = self._wiz.family_page.guardian
        if guardian is not None and not self.signer_edit.text().strip():
            self.signer_edit.setText(guardian.full_name)
        self.preview()

    def preview(self) -> None:
        """Render the agreement as it will be frozen (on the worker thread)."""
        self._timer.stop()
        draft = self._wiz.draft()
        if draft.agreement_template_id is None:
            self.text_view.setPlainText("")
            self.hash_label.setText("")
            return
        svc = self._wiz.ctx.services.handouts
        signer, capacity = self.signer_edit.text(), self.capacity()
        self._wiz.ctx.runner.run(
            lambda _t: svc.preview_agreement(draft, signer_name=signer, signer_capacity=capacity),
            on_done=lambda res: self._on_preview(draft, res),
            on_error=self._on_preview_failed,
        )

    def _on_preview(self, draft: HandoutDraft, res: tuple[str, str]) -> None:
        if draft != self._wiz.draft():
            self._timer.start()  # the form changed meanwhile: render it again
            return
        text, sha = res
        self.shown_text, self.shown_sha256 = text, sha
        self.text_view.setPlainText(text)
        self.hash_label.setText(self.tr("Empreinte du texte (SHA-256) : {sha}").format(sha=sha))
        self.completeChanged.emit()

    def _on_preview_failed(self, error: KnownError) -> None:
        self.shown_sha256 = None
        self.text_view.setPlainText("")
        self.hash_label.setText(f"⚠ {error.message}")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.shown_sha256 is not None and bool(self.signer_edit.text().strip())


# --- page 4: signature -------------------------------------------------------------------


class SignaturePage(QWizardPage):
    def __init__(self, wizard: HandoutWizard) -> None:
        super().__init__(wizard)
        self._wiz = wizard
        self.setTitle(self.tr("Signature"))
        layout = QVBoxLayout(self)
        self.signer_label = QLabel(self)
        self.signer_label.setObjectName("signer_label")
        self.signer_label.setWordWrap(True)
        layout.addWidget(self.signer_label)
        self.pad = SignaturePad(self)
        layout.addWidget(self.pad, 1)
        layout.addWidget(_error_label(wizard.errors, "signature_png", self))
        layout.addWidget(wizard.general_error)
        self.pad.changed.connect(self.completeChanged.emit)
        chain_tab_order([self.pad.paper_checkbox, self.pad.clear_button])

    def initializePage(self) -> None:
        agreement = self._wiz.agreement_page
        capacity = agreement.capacity()
        self.setSubTitle(
            self.tr(
                "Faites signer {name} ({capacity}) dans le cadre ci-dessous, puis cliquez sur "
                "« Enregistrer et imprimer »."
            ).format(
                name=agreement.signer_edit.text().strip(),
                capacity=label(capacity).lower() if capacity else "",
            )
        )
        self.signer_label.setText(
            self.tr("Empreinte du texte signé : {sha}").format(sha=agreement.shown_sha256 or "")
        )
        self.pad.paper_checkbox.setFocus()

    def isComplete(self) -> bool:
        return self.pad.is_complete() and not self._wiz.saving


# --- the wizard --------------------------------------------------------------------------


class HandoutWizard(QWizard):
    """Hand out or lend devices to a family, with the signed convention.

    Args:
        ctx: the application context.
        guardian: a parent to preselect (from their record).
        device_ids: devices to preselect (from the inventory).

    Attributes:
        open_documents: open the PDF with the system viewer when done (off in tests).
        handout, pdf_path: what was saved, once finished.
    """

    handout_saved = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        guardian: Participant | None = None,
        device_ids: Sequence[UUID] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handout_wizard")
        self.ctx = ctx
        self.open_documents = True
        self.exports_folder = exports_dir(ctx)
        self.handout: Handout | None = None
        self.pdf_path: Path | None = None
        self.document: Document | None = None
        self.notice: QMessageBox | None = None
        # Owned by the page that opened the wizard: printing goes on once it is closed.
        self.printer = DocumentPrinter(ctx.runner, parent)
        self.saving = False
        # One id for the whole wizard: a second click on « Enregistrer » finds it saved.
        self._handout_id = uuid.uuid4()
        self._handed_at = datetime.now().astimezone().replace(microsecond=0)
        self.setWindowTitle(self.tr("Remettre ou prêter du matériel"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Précédent"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Suivant >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Enregistrer et imprimer"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Annuler"))
        for which, name in (
            (QWizard.WizardButton.BackButton, "back_button"),
            (QWizard.WizardButton.NextButton, "next_button"),
            (QWizard.WizardButton.FinishButton, "finish_button"),
            (QWizard.WizardButton.CancelButton, "cancel_button"),
        ):
            self.button(which).setObjectName(name)

        self.general_error = QLabel(self)
        self.errors = FieldErrors(self.general_error)
        self.family_page = FamilyPage(self)
        self.devices_page = DevicesPage(self)
        self.agreement_page = AgreementPage(self)
        self.signature_page = SignaturePage(self)
        for page in (self.family_page, self.devices_page, self.agreement_page):
            self.addPage(page)
        self.addPage(self.signature_page)
        self.resize(960, 680)

        if guardian is not None:
            self.family_page.select_guardian(guardian)
            self.family_page.search_edit.setText(guardian.full_name)
        self.devices_page.load(device_ids)
        participants, handouts = ctx.services.participants, ctx.services.handouts
        ctx.runner.run(
            lambda _t: (
                participants.schools(),
                handouts.templates(self._handed_at.date()),
                handouts.takes_part_in_reussite(),
            ),
            on_done=self._on_reference_loaded,
            on_error=self.show_error,
        )

    def _on_reference_loaded(
        self, res: tuple[tuple[Structure, ...], tuple[AgreementTemplate, ...], bool]
    ) -> None:
        schools, templates, takes_part = res
        self.family_page.set_schools(schools, takes_part)
        self.agreement_page.set_templates(templates)

    def show_error(self, error: KnownError) -> None:
        if isinstance(error, ValidationError):
            self.errors.show(error.errors)
            self.errors.show_general(error.message)
        else:
            self.errors.show_general(error.message)

    def draft(self) -> HandoutDraft:
        family, devices, agreement = self.family_page, self.devices_page, self.agreement_page
        return HandoutDraft(
            nature=agreement.nature(),
            guardian_id=family.guardian.id if family.guardian else None,
            device_ids=tuple(d.id for d in devices.selected()),
            handed_at=self._handed_at,
            agreement_template_id=agreement.template_combo.currentData(),
            expected_return=agreement.expected_return(),
            pupil_first_name=family.pupil_first_name.text().strip(),
            pupil_last_name=family.pupil_last_name.text().strip(),
            pupil_level=family.pupil_level.currentText().strip(),
            pupil_school_id=family.pupil_school.currentData(),
            programme=HandoutProgramme.REUSSITE_CONNECTEE
            if family.reussite_check.isChecked()
            else None,
            accessories=devices.accessories(),
            line_id=devices.line_combo.currentData(),
            condition_out=enum_data(devices.condition_combo, DeviceCondition),
            handout_id=self._handout_id,
        )

    # --- finishing ----------------------------------------------------------------------

    def accept(self) -> None:
        if self.handout is not None:
            super().accept()
            return
        if self.saving or not self.signature_page.isComplete():
            return
        self._save()

    def _save(self) -> None:
        agreement, pad = self.agreement_page, self.signature_page.pad
        draft = self.draft()
        signer = agreement.signer_edit.text().strip()
        capacity = agreement.capacity()
        shown = agreement.shown_sha256
        png = (
            # Stored with the hand-out and drawn in the convention: French, like the document.
            paper_signature_png("Signature recueillie sur papier")
            if pad.on_paper()
            else pad.to_png()
        )
        signed_at = datetime.now().astimezone().replace(microsecond=0)
        signed_text = FRENCH_DOCUMENT.toString(
            QDateTime.currentDateTime(), "dddd d MMMM yyyy 'à' HH'h'mm"
        )
        # The convention stays French (an official document), whatever the interface's language.
        devices = [device_line(d, french_label) for d in self.devices_page.selected()]
        title = (
            "Convention de prêt de matériel"
            if draft.nature is HandoutNature.LOAN
            else "Attestation de remise de matériel"
        )
        signer_text = f"{signer} ({french_label(capacity).lower()})" if capacity else signer
        folder = self.exports_folder
        svc = self.ctx.services.handouts
        store = self.ctx.store
        mediator = store.identity.actor_name
        structure_id = store.identity.structure_id

        def task(token: CancelToken) -> SavedHandout:
            res = svc.open_handout(
                draft,
                signature_png=png,
                signer_name=signer,
                signer_capacity=capacity,
                signed_at=signed_at,
                shown_sha256=shown,
            )
            token.progress(1, 2, "")
            h = res.value
            path = folder / f"convention-{h.handed_at:%Y-%m-%d}-{str(h.id)[:8]}.pdf"
            structure = store.fetch(Structure, structure_id) if structure_id else None
            document = convention_document(
                title=title,
                agreement_text=h.agreement_text,
                agreement_hash=h.agreement_hash,
                signer=signer_text,
                signed_at=signed_text,
                devices=devices,
                signature_png=h.signature_png,
                mediator=mediator,
                structure=structure.name if structure is not None else "",
            )
            try:
                folder.mkdir(parents=True, exist_ok=True)
                write(path, document)
            except OSError as exc:
                return SavedHandout(res, None, exc.strerror or str(exc), document)
            token.progress(2, 2, "")
            return SavedHandout(res, path, "", document)

        self._set_saving(True)
        self.errors.clear()
        self.general_error.setText(self.tr("Enregistrement…"))
        self.general_error.show()

        def action(_services: Services) -> Result[SavedHandout]:
            saved = task(CancelToken())  # nobody follows its progress: it is quick
            return Result(saved, saved.result.changes)

        (
            WriteOp(self.ctx, self, action)
            .settled(lambda: self._set_saving(False))
            .success(self._on_saved)
            .failure(self.show_error)
            .message_to(self._on_save_refused)
            .run()
        )

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.button(QWizard.WizardButton.BackButton).setEnabled(not saving)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not saving)
        self.signature_page.completeChanged.emit()

    def _on_saved(self, saved: SavedHandout) -> None:
        self.handout = saved.result.value
        self.pdf_path = saved.pdf_path
        self.handout_saved.emit(self.handout)
        if saved.pdf_path is None:
            self.errors.show_general(
                self.tr(
                    "La remise est enregistrée, mais la convention n’a pas pu être écrite "
                    "en PDF ({why})."
                ).format(why=saved.pdf_error)
            )
            return
        self.document = saved.document
        if self.open_documents:
            self.show_document()
        self.accept()

    def print_convention(self) -> bool:
        """« Imprimer… » the convention just signed (the print dialog, then the printer);
        ``False`` when there is nothing to print or the dialog was cancelled."""
        document = self.document
        if document is None:
            return False
        return self.printer.print_document(lambda _t: document, document.title)

    def show_document(self) -> QMessageBox | None:
        """Say where the convention went, with « Imprimer… », « Ouvrir » and the folder
        (never a viewer that silently fails to start)."""
        if self.pdf_path is None:
            return None
        self.notice = show_notice(
            self.parentWidget(),
            self.tr("La convention est enregistrée ici :"),
            self.pdf_path,
            on_print=self.print_convention,
            with_open=True,
        )
        return self.notice

    def _on_save_refused(self, message: str) -> None:
        self.errors.show_general(message)
        # The agreement may have changed: show the current text again.
        self.agreement_page.preview()


__all__ = ["HandoutWizard", "default_return", "exports_dir"]
