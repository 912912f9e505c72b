"""Exports read back: XLSX with openpyxl, CSV bytes, PDF text with pypdf."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pytestqt.qtbot import QtBot

from mediator_app.core.entities import Participant, Workshop
from mediator_app.core.enums import Gender, Material, Theme, WorkshopFormat
from mediator_app.local_store import Store
from mediator_app.local_store.services.exports import (
    COOP_SELF_COLUMNS,
    ExportFilter,
    ExportService,
)
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.reports import pdf
from mediator_app.reports.tabular import write_coop_xlsx, write_csv
from tests.support.pdftext import page_texts, pdf_text
from tests.support.printing import image_widths_mm


def _held_workshop(store: Store) -> Workshop:
    from mediator_app.core.entities import Attendance, attendance_id

    svc = WorkshopService(store)
    w = svc.create(
        Workshop(
            format=WorkshopFormat.CAFE_DES_PARENTS,
            title="Café écrans",
            date=date(2026, 11, 5),
            themes=(Theme.PARENTALITE, Theme.SECURITE_NUMERIQUE),
            materials=(Material.TABLETTE,),
            commune="Sarcelles",
        )
    ).value
    with store.write() as tx:
        p = tx.insert(Participant(first_name="Awa", last_name="Traoré", gender=Gender.FEMININ))
        tx.insert(Attendance(id=attendance_id(w.id, p.id), workshop_id=w.id, participant_id=p.id))
    svc.set_anonymous_counts(w.id, total=3, gender_female=1, gender_male=1, age_25_39=2)
    return svc.mark_held(w.id).value


def test_coop_xlsx_one_row_per_accompaniment_without_names(store: Store, tmp_path: Path) -> None:
    w = _held_workshop(store)
    table = ExportService(store).coop_table(ExportFilter(date_from=date(2026, 11, 1)))
    assert not table.team and table.columns == COOP_SELF_COLUMNS
    out = tmp_path / "coop.xlsx"
    assert write_coop_xlsx(out, table, exported_by="Amina Test", period="novembre") == 4
    ws = load_workbook(out)["Activités"]
    values = [[c.value for c in r] for r in ws.iter_rows()]
    assert values[1][:2] == ["Nom", "Test"] and values[2][:2] == ["Prénom", "Amina"]
    header_at = next(i for i, r in enumerate(values) if r[0] == "Date")
    assert tuple(values[header_at]) == COOP_SELF_COLUMNS
    data = values[header_at + 1 :]
    assert len(data) == 4
    col = {name: i for i, name in enumerate(COOP_SELF_COLUMNS)}
    assert [r[col["Participants"]] for r in data] == ["1/4", "2/4", "3/4", "4/4"]
    assert data[0][col["Thématique(s) d’accompagnement"]] == (
        "Parentalité\nPrévention en sécurité numérique"
    )
    genders = [r[col["Genre du bénéficiaire"]] for r in data]
    assert genders == ["Féminin", "Féminin", "Masculin", "Non communiqué"]
    assert data[0][col["Nom de l’atelier"]] == "Café écrans"
    assert {r[col["ID CRA"]] for r in data} == {str(w.id)}
    flat = " ".join(str(v) for r in values for v in r)
    assert "Traoré" not in flat and "Awa" not in flat


def test_csv_is_for_french_excel(store: Store, tmp_path: Path) -> None:
    _held_workshop(store)
    out = tmp_path / "activites.csv"
    table = ExportService(store).coop_table(ExportFilter())
    assert write_csv(out, table.columns, table.rows) == 4
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.startswith("Date;Enregistré le;Dernière modification le;Type;Participants")
    assert first.startswith("05/11/2026;")
    assert ";Atelier collectif;1/4;Lieu d’activité;" in first


def test_emargement_pdf_reads_back(qtbot: QtBot, tmp_path: Path) -> None:
    out = tmp_path / "emargement.pdf"
    names = [pdf.SheetLine(f"Nom{i:02d}", f"Prénom{i:02d}") for i in range(40)]
    pages = pdf.emargement(
        out,
        title="Café des parents : Pronote",
        when="jeudi 3 décembre 2026, 14 h",
        place="Collège Jean Moulin, Sarcelles",
        facilitator="Amina Benali",
        lines=names,
        blank_lines=5,
    )
    texts = page_texts(out)
    assert len(texts) == pages >= 2
    text = "\n".join(texts)
    assert "Feuille d’émargement" in text or "Feuille d'émargement" in text
    assert "Café des parents : Pronote" in text
    assert "Nom00" in text and "Nom39" in text
    assert "anonymisées" in texts[-1]
    assert f"Page {pages} / {pages}" in texts[-1]


def test_convention_pdf_holds_frozen_text_and_signature(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    img = QImage(300, 100, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setPen(QPen(QColor("black"), 3))
    p.drawLine(10, 80, 290, 20)
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    text = "Convention de prêt entre le collège et la famille Diallo.\nLe matériel reste propriété du département."
    digest = hashlib.sha256(text.encode()).hexdigest()
    out = tmp_path / "convention.pdf"
    pdf.convention(
        out,
        title="Convention de prêt",
        agreement_text=text,
        agreement_hash=digest,
        signer="Mariam Diallo",
        signed_at="03/12/2026",
        devices=["PC-0042 Lenovo"],
        signature_png=bytes(data.data()),
    )
    extracted = pdf_text(out)
    assert "famille Diallo" in extracted and "Mariam Diallo" in extracted
    assert digest[:16] in extracted.replace("\n", "")


def _signature_png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter, QPen

    img = QImage(600, 200, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setPen(QPen(QColor("black"), 4))
    p.drawLine(10, 180, 590, 20)
    p.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data.data())


def _convention(out: Path, text: str) -> int:
    return pdf.convention(
        out,
        title="Convention de prêt de matériel",
        agreement_text=text,
        agreement_hash=hashlib.sha256(text.encode()).hexdigest(),
        signer="Mariam Diallo (mère)",
        signed_at="mardi 3 mars 2026 à 10h00",
        devices=["PC-0042 Lenovo"],
        signature_png=_signature_png(),
        mediator="Amina Benali",
        structure="Association Médiation 95",
    )


def test_convention_says_signed_by_once_with_three_signature_boxes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    signed = (
        "Le matériel reste propriété du département.\n\nFait le 3 mars. Signé par Mariam Diallo."
    )
    unsigned = "Le matériel reste propriété du département."
    for name, text in (("signe", signed), ("sans", unsigned)):
        out = tmp_path / f"{name}.pdf"
        _convention(out, text)
        words = " ".join(pdf_text(out).split())
        assert words.count("Signé par") == 1, name
        assert "La famille Le·la médiateur·rice La structure" in words
        assert "Amina Benali" in words and "Association Médiation 95" in words
        assert "Cachet et signature" in words
        # The drawn signature is printed legibly: at least 40 mm wide.
        assert [round(w) for w in image_widths_mm(out)] == [pdf.SIGNATURE_MM]


def test_convention_never_cuts_a_paragraph_across_pages(qtbot: QtBot, tmp_path: Path) -> None:
    filler = "La famille prend soin du matériel et le rend en bon état à la fin du prêt. " * 9
    paragraphs = [f"Début {n:02d}. {filler}Fin {n:02d}." for n in range(12)]
    out = tmp_path / "longue.pdf"
    pages = _convention(out, "\n\n".join(paragraphs))
    texts = [" ".join(t.split()) for t in page_texts(out)]
    assert pages == len(texts) >= 2
    for n in range(12):
        on = [i for i, t in enumerate(texts) if f"Début {n:02d}" in t or f"Fin {n:02d}" in t]
        assert len(on) == 1, f"paragraph {n} is on pages {on}"
    # The signature boxes stay together, with their heading, on the last page.
    assert "Signatures La famille" in texts[-1] and "Cachet et signature" in texts[-1]


def test_blank_lines_follow_the_places_left() -> None:
    assert pdf.blank_lines_for(20, 5) == 15
    assert pdf.blank_lines_for(20, 20) == pdf.MIN_BLANK_LINES == 3
    assert pdf.blank_lines_for(20, 25) == 3  # walk-ins past the capacity
    assert pdf.blank_lines_for(200, 10) == pdf.MAX_BLANK_LINES == 30
    assert pdf.blank_lines_for(None, 4) == pdf.DEFAULT_BLANK_LINES == 8
