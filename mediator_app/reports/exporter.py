"""One entry point for every export (the CLI's ``export`` and the Exports screen).

Small aggregates are hidden in exports (default threshold 5, a setting): a split line
with fewer participants than the threshold shows "< 5" so a family cannot be singled out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from mediator_app.core.enums import Role, Theme, WorkshopFormat, label
from mediator_app.core.errors import KnownError
from mediator_app.core.labels import FRENCH_MONTHS
from mediator_app.core.masking import DEFAULT_THRESHOLD, INDICATORS, masked_count, shown
from mediator_app.core.programme import euros, school_year_of
from mediator_app.local_store.services.exports import ExportFilter, ExportService
from mediator_app.local_store.services.programme import Coverage, ProgrammeService
from mediator_app.local_store.services.queries import DashboardFigures, QueryService, SplitLine
from mediator_app.local_store.services.reussite import ReussiteFigures, ReussiteService
from mediator_app.local_store.services.review import ReviewService
from mediator_app.local_store.services.view_filter import ViewFilter
from mediator_app.local_store.unit_of_work import Store
from mediator_app.reports import tabular

if TYPE_CHECKING:  # Qt is imported only when a PDF is made: CSV and XLSX stay headless.
    from mediator_app.reports import pdf


def small(n: int, threshold: int) -> str:
    """A count as shown in exports: hidden below the threshold (``core.masking``)."""
    return masked_count(n, threshold)


def indicator_text(f: DashboardFigures, key: str, threshold: int) -> str:
    """One of ``core.masking.INDICATORS`` of ``f`` as the bilan and the national view show
    it: hours with one decimal, counts of families masked."""
    if key == "hours":
        return f"{f.hours:.1f}".replace(".", ",")
    return shown(key, int(getattr(f, key)), threshold)


def month_label(key: str) -> str:
    """ "2026-11" -> "novembre 2026"."""
    year, _, month = key.partition("-")
    try:
        return f"{FRENCH_MONTHS[int(month) - 1]} {year}"
    except (ValueError, IndexError):
        return key


def _named(key: str, enum: type[StrEnum] | None) -> str:
    if enum is not None:
        try:
            return label(enum(key))
        except ValueError:
            return key
    return key


def export(
    store: Store,
    what: str,
    fmt: str,
    out: Path,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    cancelled: Callable[[], bool] = lambda: False,
    view: ViewFilter | None = None,
) -> int:
    """Write one export file; returns the number of data rows (pages for a bilan).
    ``view``: the département and partner structure of the coordinator's view (its
    period is ``date_from``..``date_to``); the national view is every département's.

    Raises:
        KnownError: an unsupported combination (French message).
    """
    view = ViewFilter(
        date_from,
        date_to,
        view.department_code if view else None,
        view.structure_id if view else None,
    )
    flt = ExportFilter.of_view(view, structure_name(store, view.structure_id))
    svc = ExportService(store)
    who = store.identity.actor_name or "ce poste"
    if what == "bilan":
        if fmt != "pdf":
            raise KnownError("Le bilan s’exporte en PDF.")
        return pdf_pages(
            out, bilan_document(store, date_from, date_to, threshold=threshold, view=view)
        )
    if what == "national":
        if store.identity.role != Role.ADMIN:
            raise KnownError("La vue nationale est réservée à l’équipe nationale.")
        from mediator_app.reports import national

        figures = national.national(store, date_from or date(2000, 1, 1), date_to or date.today())
        if fmt == "pdf":
            return pdf_pages(out, national.document(figures, exported_by=who, threshold=threshold))
        if fmt == "csv":
            return tabular.write_csv(out, *national.national_table(figures, threshold))
        return national.write_xlsx(out, figures, exported_by=who, threshold=threshold)
    if fmt == "pdf":
        raise KnownError("Ce contenu s’exporte en XLSX ou en CSV.")
    if what == "programme":
        p_header, p_rows = programme_table(store, date_to or date.today(), view)
        if fmt == "csv":
            return tabular.write_csv(out, p_header, p_rows)
        return tabular.write_xlsx(
            out,
            title="Partenariats et couverture — TNE Médiation",
            exported_by=who,
            filters=", ".join(
                x
                for x in (
                    f"année scolaire {school_year_of(date_to or date.today())}",
                    scope_text(store, view),
                )
                if x
            ),
            header=p_header,
            rows=p_rows,
            sheet="Partenariats",
        )
    if what == "handouts":
        # Names only in the structure's own copy: a coordinator's or the national team's
        # never holds them, and their file has no name column at all.
        with_names = store.identity.role == Role.MEDIATOR
        h_header, h_rows = tabular.handout_table(
            svc.handout_rows(flt, with_names=with_names), with_names=with_names
        )
        if fmt == "csv":
            return tabular.write_csv(out, h_header, h_rows)
        return tabular.write_xlsx(
            out,
            title="Remises et prêts d’équipements — TNE Médiation",
            exported_by=who,
            filters=flt.describe(),
            header=h_header,
            rows=h_rows,
            sheet="Remises",
        )
    if what == "workshops":
        # La Coop's activity export; the CSV carries the same table as the XLSX.
        table = svc.coop_table(flt, cancelled)
        if fmt == "csv":
            return tabular.write_csv(out, table.columns, table.rows)
        return tabular.write_coop_xlsx(
            out,
            table,
            exported_by=who,
            exporter_role=store.identity.role,
            period=tabular.coop_period(date_from, date_to),
            departments=view.department_code or "-",
        )
    header: tuple[str, ...]
    data: list[tuple[Any, ...]]
    if what == "attendance":
        header = tabular.ATTENDANCE_COLUMNS
        data = tabular.attendance_table(svc.attendance_rows(flt))
    elif what == "devices":
        header, data = tabular.DEVICE_COLUMNS, tabular.device_table(svc.device_rows(flt))
    else:
        raise KnownError(f"Export inconnu : {what}")
    if fmt == "csv":
        return tabular.write_csv(out, header, data)
    titles = {"workshops": "Ateliers", "attendance": "Présences", "devices": "Matériel"}
    return tabular.write_xlsx(
        out,
        title=f"{titles[what]} — TNE Médiation",
        exported_by=who,
        filters=flt.describe(),
        header=header,
        rows=data,
        sheet=titles[what],
    )


def split_items(
    split: dict[str, SplitLine], threshold: int, enum: type[StrEnum] | None = None
) -> list[tuple[str, float, str]]:
    """Chart items (label, value, shown text) of a split, largest first; small values are
    drawn as zero-length bars labelled "< N"."""
    items = sorted(split.items(), key=lambda kv: (-kv[1].participants, kv[0]))
    return [
        (
            _named(k, enum),
            float(v.participants if v.participants >= threshold else 0),
            small(v.participants, threshold),
        )
        for k, v in items
    ]


PROGRAMME_COLUMNS = (
    "Département",
    "Structure partenaire",
    "Convention",
    "Ateliers réalisés",
    "Objectif d’ateliers",
    "Ateliers programmés",
    "Écoles atteintes",
    "Objectif d’écoles",
    "Écoles ciblées atteintes",
    "Subvention prévue (€)",
    "Versé (€)",
)


def programme_table(
    store: Store, end: date, view: ViewFilter | None = None
) -> tuple[tuple[str, ...], list[tuple[Any, ...]]]:
    """One row per partner and one « Total » row per département for the school year
    holding ``end`` — the coordinator's département, or every département nationally (or
    the ``view``'s département and partner). Figures only, no one named but structures."""
    svc = ProgrammeService(store)
    year = school_year_of(end)
    partner = view.structure_id if view else None
    if store.identity.role == Role.ADMIN and not (view and view.department_code):
        departments = svc.coverage_by_department(year, partner_structure_id=partner)
    else:
        code = (view and view.department_code) or store.identity.department_code
        departments = [svc.coverage(year, department_code=code, partner_structure_id=partner)]
    rows: list[tuple[Any, ...]] = []
    for cov in departments:
        for f in cov.partners:
            rows.append(
                (
                    cov.department_code,
                    f.partner_name,
                    label(f.partnership.status),
                    f.workshops_held,
                    f.partnership.objective_workshops,
                    f.workshops_planned,
                    f.schools_reached,
                    f.partnership.objective_schools,
                    f.targeted_schools_reached,
                    f.planned_cents / 100,
                    f.paid_cents / 100,
                )
            )
        rows.append(
            (
                cov.department_code,
                "Total",
                f"{cov.partnerships} convention(s)",
                cov.workshops_held,
                "",
                cov.workshops_planned,
                cov.schools_reached,
                cov.schools_targeted,
                cov.targeted_reached,
                sum(f.planned_cents for f in cov.partners) / 100,
                sum(f.paid_cents for f in cov.partners) / 100,
            )
        )
    return PROGRAMME_COLUMNS, rows


def _programme(
    store: Store, end: date, view: ViewFilter | None = None
) -> tuple[Coverage, list[Coverage]] | None:
    """The programme's figures for a coordinator's or the national team's bilan: those of
    the school year holding the period's end (and, nationally, per département), of the
    ``view``'s département and partner."""
    role = store.identity.role
    if role not in (Role.COORDINATOR, Role.ADMIN):
        return None
    svc = ProgrammeService(store)
    year = school_year_of(end)
    partner = view.structure_id if view else None
    code = view.department_code if view else None
    if role == Role.COORDINATOR or code:
        code = code or store.identity.department_code
        return svc.coverage(year, department_code=code, partner_structure_id=partner), []
    return svc.coverage(year, partner_structure_id=partner), svc.coverage_by_department(
        year, partner_structure_id=partner
    )


def _programme_html(programme: tuple[Coverage, list[Coverage]]) -> str:
    from mediator_app.reports import pdf

    cov, departments = programme
    html = (
        f"<h2>Le programme — année scolaire {pdf.esc(cov.school_year)}</h2>"
        f"<p><b>{pdf.esc(cov.sentence)}</b></p>"
    )
    if cov.schools_targeted:
        share = round(100 * cov.targeted_reached / cov.schools_targeted)
        html += (
            f"<p>Écoles ciblées atteintes : {cov.targeted_reached} sur "
            f"{cov.schools_targeted} ({share} %).</p>"
        )
    if departments:
        rows = "".join(
            f"<tr><td>{pdf.esc(c.department_code)}</td><td align='right'>{c.workshops_held}</td>"
            f"<td align='right'>{c.workshops_planned}</td>"
            f"<td align='right'>{c.schools_reached}</td>"
            f"<td align='right'>{c.schools_targeted}</td>"
            f"<td align='right'>{c.partners_active}</td></tr>"
            for c in departments
        )
        html += (
            "<h3>Par département</h3><table class='grid' cellspacing='0' width='100%'>"
            "<tr><th>Département</th><th>Réalisés</th><th>Programmés</th>"
            "<th>Écoles atteintes</th><th>Écoles ciblées</th><th>Partenaires actifs</th></tr>"
            f"{rows}</table>"
        )
    if cov.partners:
        rows = "".join(
            f"<tr><td>{pdf.esc(f.partner_name)}</td>"
            f"<td align='right'>{f.workshops_held} / {f.partnership.objective_workshops}</td>"
            f"<td align='right'>{f.workshops_planned}</td>"
            f"<td align='right'>{f.schools_reached} / {f.partnership.objective_schools}</td>"
            f"<td align='right'>{pdf.esc(euros(f.paid_cents))} / "
            f"{pdf.esc(euros(f.planned_cents))}</td></tr>"
            for f in cov.partners
        )
        html += (
            "<h3>Par structure partenaire</h3>"
            "<table class='grid' cellspacing='0' width='100%'>"
            "<tr><th>Structure</th><th>Ateliers réalisés / objectif</th><th>Programmés</th>"
            "<th>Écoles atteintes / objectif</th><th>Versé / prévu</th></tr>"
            f"{rows}</table>"
        )
    return html


def pdf_pages(out: Path, document: pdf.Document) -> int:
    """Write a document as a PDF file; returns its page count."""
    from mediator_app.reports import pdf

    return pdf.write(out, document)


def bilan_document(
    store: Store,
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    view: ViewFilter | None = None,
) -> pdf.Document:
    """The *bilan* of the period read from the store, ready to save or to print (the
    same pages either way); of the ``view``'s département and partner structure."""
    start = date_from or date(2000, 1, 1)
    end = date_to or date.today()
    code = view.department_code if view else None
    partner = view.structure_id if view else None
    figures = QueryService(store).dashboard(start, end, partner, department_code=code)
    return bilan(
        figures,
        exported_by=store.identity.actor_name or "ce poste",
        threshold=threshold,
        programme=_programme(store, end, view),
        reussite=ReussiteService(store).figures(
            start, end, department_code=code, structure_id=partner
        ),
        scope=scope_text(store, view),
    )


def structure_name(store: Store, structure_id: UUID | None) -> str:
    """A structure's name as the files say it (empty when unknown or not asked)."""
    if structure_id is None:
        return ""
    return ReviewService(store).choices().structure_name(structure_id)


def scope_text(store: Store, view: ViewFilter | None) -> str:
    """« département 95, structure « … » »: what a file is narrowed to, beyond its period
    (empty when it is not)."""
    if view is None:
        return ""
    parts = []
    if view.department_code:
        parts.append(f"département {view.department_code}")
    if view.structure_id is not None:
        parts.append(f"structure « {structure_name(store, view.structure_id) or '?'} »")
    return ", ".join(parts)


def _reussite_html(rc: ReussiteFigures, threshold: int) -> str:
    """Réussite Connectée, one line per collège and a total (devices and pupils are
    families: small counts are masked as elsewhere; meetings are not)."""
    from mediator_app.reports import pdf

    def cell(n: int) -> str:
        return f"<td align='right'>{pdf.esc(small(n, threshold))}</td>"

    rows = "".join(
        f"<tr><td>{pdf.esc(c.name)}</td>{cell(c.pupils)}{cell(c.devices)}{cell(c.lines)}"
        f"{cell(c.returned)}{cell(c.lost)}"
        f"<td align='right'>{c.meetings.trainings}</td><td align='right'>{c.meetings.cafes}</td>"
        f"<td>{pdf.esc(c.status)}</td></tr>"
        for c in rc.colleges
    )
    total = (
        f"<tr><td><b>Total</b></td>{cell(rc.pupils)}{cell(rc.devices)}{cell(rc.lines)}"
        f"{cell(rc.returned)}{cell(rc.lost)}"
        f"<td align='right'>{sum(c.meetings.trainings for c in rc.colleges)}</td>"
        f"<td align='right'>{sum(c.meetings.cafes for c in rc.colleges)}</td>"
        f"<td>{rc.complete} collèges au complet sur {len(rc.colleges)}</td></tr>"
    )
    return (
        "<h2>Réussite Connectée — par collège</h2>"
        f"<p>{rc.pupils} élèves équipés dans {len(rc.colleges)} collèges ; "
        f"{rc.complete} collèges ont tenu leurs trois rendez-vous (1 atelier de formation "
        "et 2 cafés des parents).</p>"
        "<table class='grid' cellspacing='0' width='100%'>"
        "<tr><th width='26%'>Collège</th><th>Élèves</th><th>Matériel</th><th>Lignes</th>"
        "<th>Rendus</th><th>Perdus</th><th>Ateliers</th><th>Cafés</th>"
        "<th width='24%'>Rendez-vous</th></tr>"
        f"{rows}{total}</table>"
    )


def bilan_pdf(
    out: Path,
    f: DashboardFigures,
    *,
    exported_by: str,
    threshold: int,
    programme: tuple[Coverage, list[Coverage]] | None = None,
    reussite: ReussiteFigures | None = None,
) -> int:
    """The PDF *bilan* written to ``out``; returns the page count."""
    from mediator_app.reports import pdf

    return pdf.write(
        out,
        bilan(
            f,
            exported_by=exported_by,
            threshold=threshold,
            programme=programme,
            reussite=reussite,
        ),
    )


def bilan(
    f: DashboardFigures,
    *,
    exported_by: str,
    threshold: int,
    programme: tuple[Coverage, list[Coverage]] | None = None,
    reussite: ReussiteFigures | None = None,
    scope: str = "",
) -> pdf.Document:
    """The *bilan*: cover, the programme (for coordinators and the national team),
    indicators, Réussite Connectée per collège, charts and tables. ``scope``: what it is
    narrowed to beyond its period (« département 95, structure « … » »)."""
    from mediator_app.reports import pdf
    from mediator_app.reports.charts import bars_image

    pdf.ensure_gui()
    period = f"du {f.start:%d/%m/%Y} au {f.end:%d/%m/%Y}"
    # The same figures, masked the same way, as the dashboard and the national view.
    indicators = [(i.label, indicator_text(f, i.key, threshold)) for i in INDICATORS] + [
        (
            "Cafés des parents réalisés",
            str(f.by_format.get(WorkshopFormat.CAFE_DES_PARENTS.value, SplitLine()).workshops),
        ),
        (
            "Permanences réalisées",
            str(f.by_format.get(WorkshopFormat.PERMANENCE.value, SplitLine()).workshops),
        ),
    ]
    cells = "".join(
        f"<tr><td>{pdf.esc(k)}</td><td align='right'><b>{pdf.esc(v)}</b></td></tr>"
        for k, v in indicators
    )
    images = {}
    charts_html = ""
    for key, title, split, enum in (
        ("themes", "Participants par thématique", f.by_theme, Theme),
        ("formats", "Participants par format", f.by_format, WorkshopFormat),
        ("months", "Participants par mois", f.by_month, None),
        ("communes", "Participants par commune", f.by_commune, None),
    ):
        items = split_items(split, threshold, enum)
        if key == "months":
            items = [(month_label(k), v, t) for k, v, t in sorted(items)]
        images[f"{key}.png"] = bars_image(title, items[:15])
        charts_html += f"<p><img src='{key}.png' width='620'></p>"
    rows = "".join(
        f"<tr><td>{pdf.esc(name)}</td><td align='right'>{v.workshops}</td>"
        f"<td align='right'>{pdf.esc(small(v.participants, threshold))}</td>"
        f"<td align='right'>{v.hours:.1f}</td></tr>".replace(".", ",")
        for name, v in sorted(f.by_structure.items())
    )
    body = (
        "<h1>Bilan du volet parentalité</h1>"
        f"<p class='meta'>Territoires Numériques Éducatifs — période {pdf.esc(period)}</p>"
        + (f"<p class='meta'>Limité à : {pdf.esc(scope)}</p>" if scope else "")
        + f"<p class='meta'>Établi par {pdf.esc(exported_by)} avec TNE Médiation.</p>"
        + (_programme_html(programme) if programme else "")
        + "<h2>Indicateurs</h2>"
        f"<table class='grid' cellspacing='0' width='70%'>{cells}</table>"
        f"<p class='small'>Les effectifs inférieurs à {threshold} sont masqués (« &lt; {threshold} »)"
        " pour qu’aucune famille ne puisse être reconnue.</p>"
        + (_reussite_html(reussite, threshold) if reussite and reussite.colleges else "")
        + f"<h2>Répartitions</h2>{charts_html}"
        "<h2>Par lieu</h2><table class='grid' cellspacing='0' width='100%'>"
        "<tr><th>Lieu</th><th>Ateliers</th><th>Participants</th><th>Heures</th></tr>"
        f"{rows}</table>"
    )
    return pdf.Document(
        body=body,
        title="Bilan TNE Médiation",
        footer=f"Bilan {period} — données anonymisées, effectifs < {threshold} masqués.",
        images=images,
    )
