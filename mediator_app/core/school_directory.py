"""The national school directory's CSV (*annuaire de l'éducation*), read one way everywhere.

The server's ``tne-api import-structures`` and the coordinator's import of target schools
both read it here (docs/architecture.md, « Partenariats et couverture »): a labelled header,
``;`` (or ``,``) separated, UTF-8 with or without BOM — or Latin-1 as some spreadsheet
programs save it —, CRLF or LF. Bad lines are reported by number and skipped; good lines
are kept.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from mediator_app.core.enums import StructureKind
from mediator_app.core.validation import normalise_uai

#: Column names accepted for each field (the national school directory's, then short ones).
COLUMNS: dict[str, tuple[str, ...]] = {
    "uai": ("identifiant_de_l_etablissement", "uai", "code_uai", "numero_uai"),
    "name": ("nom_etablissement", "appellation_officielle", "nom", "name"),
    "type": ("type_etablissement", "nature_uai_libe", "type", "kind"),
    "commune": ("nom_commune", "commune", "libelle_commune"),
    "postcode": ("code_postal", "postcode", "code_postal_uai"),
    "insee": ("code_commune", "code_insee", "insee", "code_insee_commune"),
    "department": ("code_departement", "departement", "département", "department"),
}

#: The most lines one file may hold (the whole directory has about 70,000).
MAX_LINES = 200_000


@dataclass(frozen=True)
class DirectoryRow:
    """One establishment of the directory."""

    line: int
    uai: str
    name: str
    kind: StructureKind
    commune: str
    postcode: str
    insee: str
    department: str


@dataclass
class DirectoryFile:
    """What a file held: its good rows, and a French message per refused line."""

    rows: list[DirectoryRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    """The file's text: UTF-8 (a BOM is dropped), else Latin-1 (Windows-1252)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def normalise_department(raw: str, postcode: str = "") -> str:
    """``"095"`` → ``"95"``, ``"02A"`` → ``"2A"``, ``"971"`` stays; Corsica written as
    ``"20"`` is told apart by its postcode (200xx–201xx: 2A, 202xx–206xx: 2B)."""
    code = raw.strip().upper()
    if len(code) == 3 and code.startswith("0"):
        code = code[1:]
    if code == "20":
        pc = postcode.strip()
        if pc.startswith(("200", "201")):
            return "2A"
        if pc.startswith("20"):
            return "2B"
    return code


def structure_kind(raw: str) -> StructureKind:
    """Map the directory's establishment type to our structure kinds."""
    text = raw.strip().lower()
    for needle, kind in (
        ("école", StructureKind.ECOLE),
        ("ecole", StructureKind.ECOLE),
        ("collège", StructureKind.COLLEGE),
        ("college", StructureKind.COLLEGE),
        ("lycée", StructureKind.LYCEE),
        ("lycee", StructureKind.LYCEE),
        ("centre social", StructureKind.CENTRE_SOCIAL),
        ("médiathèque", StructureKind.MEDIATHEQUE),
        ("association", StructureKind.ASSOCIATION),
        ("mairie", StructureKind.MAIRIE),
    ):
        if needle in text:
            return kind
    return StructureKind.AUTRE


def parse(text: str) -> DirectoryFile:
    """Read the directory's CSV text (see the module docstring)."""
    out = DirectoryFile()
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        out.errors.append("Le fichier est vide.")
        return out
    except csv.Error:
        out.errors.append("Ce fichier n’est pas un fichier CSV lisible.")
        return out
    index: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for name in names:
            if name in header:
                index[key] = header.index(name)
                break
    missing = [k for k in ("uai", "name", "department") if k not in index]
    if missing:
        labels = {"uai": "UAI", "name": "nom", "department": "département"}
        out.errors.append("Colonnes manquantes : " + ", ".join(labels[k] for k in missing) + ".")
        return out
    line_no = 1
    try:
        for line_no, row in enumerate(reader, start=2):
            if line_no > MAX_LINES:
                out.errors.append(f"Le fichier dépasse {MAX_LINES} lignes : la suite est ignorée.")
                break
            if not any(cell.strip() for cell in row):
                continue

            def cell(key: str, row: list[str] = row) -> str:
                i = index.get(key)
                return row[i].strip() if i is not None and i < len(row) else ""

            uai = normalise_uai(cell("uai"))
            problems = []
            if uai is None:
                problems.append(f"code UAI « {cell('uai')} » invalide")
            if not cell("name"):
                problems.append("nom manquant")
            dept = normalise_department(cell("department"), cell("postcode"))
            if not dept:
                problems.append("département manquant")
            if problems or uai is None:
                out.errors.append(f"Ligne {line_no} : {', '.join(problems)}.")
                continue
            out.rows.append(
                DirectoryRow(
                    line=line_no,
                    uai=uai,
                    name=cell("name"),
                    kind=structure_kind(cell("type")),
                    commune=cell("commune"),
                    postcode=cell("postcode"),
                    insee=cell("insee"),
                    department=dept,
                )
            )
    except csv.Error:
        out.errors.append(f"Ligne {line_no + 1} : ligne illisible ; la suite est ignorée.")
    return out
