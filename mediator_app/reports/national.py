"""The national view: each département's figures side by side and the national total, on
the screen (``ui/pages/programme.py``), in a PDF and in an XLSX (docs/architecture.md,
« Vue nationale »).

Each département's line holds the dashboard's figures of the period (``QueryService.dashboard``
restricted to the département) and the programme's of the school year holding the period's
end (``ProgrammeService.coverage``). The total is computed over every département at once,
not summed from the lines. Counts of families are masked by ``core.masking`` like everywhere
else; the national team's copy holds no identifiers (the server strips them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mediator_app.core.masking import DEFAULT_THRESHOLD, INDICATORS, PEOPLE_FIGURES, masked_cell
from mediator_app.core.programme import school_year_of
from mediator_app.local_store.services.programme import Coverage, ProgrammeService
from mediator_app.local_store.services.queries import DashboardFigures, QueryService
from mediator_app.local_store.unit_of_work import Store
from mediator_app.reports import tabular

if TYPE_CHECKING:
    from mediator_app.reports import pdf

TOTAL = "Total national"

#: The programme's figures of a line, after the dashboard's (attribute of ``Coverage``).
PROGRAMME_FIGURES: tuple[tuple[str, str], ...] = (
    ("workshops_planned", "Ateliers programmés"),
    ("schools_reached", "Écoles atteintes"),
    ("schools_targeted", "Écoles ciblées"),
    ("targeted_reached", "Écoles ciblées atteintes"),
    ("partners_active", "Partenaires actifs"),
)


@dataclass(frozen=True)
class NationalLine:
    """One département (or the national total): its code, name and figures."""

    code: str
    name: str
    figures: DashboardFigures
    coverage: Coverage

    @property
    def title(self) -> str:
        return self.name if self.code == "" else f"{self.code} — {self.name or self.code}"


@dataclass(frozen=True)
class National:
    start: date
    end: date
    school_year: str
    lines: tuple[NationalLine, ...]
    total: NationalLine


def national(store: Store, start: date, end: date) -> National:
    """The figures of every département the laptop holds, and their total."""
    programme = ProgrammeService(store)
    queries = QueryService(store)
    year = school_year_of(end)
    names = programme.department_names()
    lines = tuple(
        NationalLine(
            cov.department_code,
            names.get(cov.department_code, ""),
            queries.dashboard(start, end, department_code=cov.department_code),
            cov,
        )
        for cov in programme.coverage_by_department(year)
    )
    total = NationalLine("", TOTAL, queries.dashboard(start, end), programme.coverage(year))
    return National(start, end, year, lines, total)


def value(line: NationalLine, key: str) -> int | float:
    """A figure of a line: a dashboard indicator or a programme figure."""
    if key == "hours":
        return round(line.figures.hours, 1)
    if hasattr(line.figures, key):
        return getattr(line.figures, key)  # type: ignore[no-any-return]
    return getattr(line.coverage, key)  # type: ignore[no-any-return]


def shown_value(line: NationalLine, key: str, threshold: int) -> int | float | str:
    """A figure as shown: counts of families masked (``core.masking``)."""
    v = value(line, key)
    if key in PEOPLE_FIGURES and isinstance(v, int):
        return masked_cell(v, threshold)
    return v


def columns() -> tuple[tuple[str, str], ...]:
    """(key, French label) of every figure, in the order of the table."""
    return tuple((i.key, i.label) for i in INDICATORS) + PROGRAMME_FIGURES


def national_table(
    n: National, threshold: int = DEFAULT_THRESHOLD
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """One row per département and a last « Total national » row."""
    cols = columns()
    header = ("Département", "Nom", *(label for _key, label in cols))
    rows = [
        (
            line.code or TOTAL,
            line.name if line.code else "",
            *(shown_value(line, key, threshold) for key, _label in cols),
        )
        for line in (*n.lines, n.total)
    ]
    return header, rows


def write_xlsx(
    out: Path, n: National, *, exported_by: str, threshold: int = DEFAULT_THRESHOLD
) -> int:
    header, rows = national_table(n, threshold)
    return tabular.write_xlsx(
        out,
        title="Vue nationale — TNE Médiation",
        exported_by=exported_by,
        filters=(
            f"du {n.start:%d/%m/%Y} au {n.end:%d/%m/%Y} ; programme de l’année scolaire "
            f"{n.school_year} ; effectifs < {threshold} masqués"
        ),
        header=header,
        rows=rows,
        sheet="Vue nationale",
    )


#: Départements per table of the PDF (then the table goes on below), so columns stay legible.
PDF_COLUMNS = 5


def document(n: National, *, exported_by: str, threshold: int = DEFAULT_THRESHOLD) -> pdf.Document:
    """The national bilan: one table per group of départements, figures as rows, the
    national total as the last column of each table."""
    from mediator_app.reports import pdf

    pdf.ensure_gui()
    period = f"du {n.start:%d/%m/%Y} au {n.end:%d/%m/%Y}"

    def text(v: int | float | str) -> str:
        return f"{v:.1f}".replace(".", ",") if isinstance(v, float) else str(v)

    groups = [n.lines[i : i + PDF_COLUMNS] for i in range(0, len(n.lines), PDF_COLUMNS)] or [()]
    tables = ""
    for group in groups:
        shown_lines = (*group, n.total)
        head = "".join(f"<th>{pdf.esc(line.title)}</th>" for line in shown_lines)
        body = "".join(
            f"<tr><td>{pdf.esc(label)}</td>"
            + "".join(
                f"<td align='right'>{pdf.esc(text(shown_value(line, key, threshold)))}</td>"
                for line in shown_lines
            )
            + "</tr>"
            for key, label in columns()
        )
        tables += (
            "<table class='grid' cellspacing='0' width='100%'>"
            f"<tr><th width='30%'>Indicateur</th>{head}</tr>{body}</table><p></p>"
        )
    body = (
        "<h1>Vue nationale du volet parentalité</h1>"
        f"<p class='meta'>Territoires Numériques Éducatifs — période {pdf.esc(period)} ; "
        f"programme de l’année scolaire {pdf.esc(n.school_year)}</p>"
        f"<p class='meta'>Établi par {pdf.esc(exported_by)} avec TNE Médiation.</p>"
        f"<p><b>{pdf.esc(n.total.coverage.sentence)}</b></p>"
        f"<h2>Par département</h2>{tables}"
        f"<p class='small'>Les effectifs inférieurs à {threshold} sont masqués "
        f"(« &lt; {threshold} ») pour qu’aucune famille ne puisse être reconnue.</p>"
    )
    return pdf.Document(
        body=body,
        title="Vue nationale TNE Médiation",
        footer=f"Vue nationale {period} — données anonymisées, effectifs < {threshold} masqués.",
        landscape=len(n.lines) > 2,
    )
