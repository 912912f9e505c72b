"""La Coop's spellings: age bands and one theme renamed

Age bands take La Coop de la médiation numérique's values (``de_25_a_39_ans`` →
``vingt_cinq_trente_neuf``, …) and the theme ``etrangers_europeens`` becomes
``etrangers_europe`` (tests/fixtures/coop/activites.toml). Participants' age band,
workshops' theme lists and the sides of the sync conflicts are rewritten in place.

No field is renamed, so ``field_versions`` stay as they are, and no row gets a new
version or ``seq``: every laptop's own migration (client 0003) rewrites its copy the same
way, and the schema version of the wire goes to 2, so a laptop that has not been updated
is asked to update (426) before it pulls a value it cannot read. The applied-op ledger
keeps its hashes: an op sent before the update is replayed with its old bytes, and the
enums read its old spellings as the new ones (``core/enums.py``, ``LEGACY_VALUES``).

The mapping is written out here, not imported, so this revision keeps doing what it did
when the enums change again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 10:00:00
"""

import json
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AGE_BANDS = {
    "moins_de_12_ans": "moins_de_douze",
    "de_12_a_18_ans": "douze_dix_huit",
    "de_18_a_24_ans": "dix_huit_vingt_quatre",
    "de_25_a_39_ans": "vingt_cinq_trente_neuf",
    "de_40_a_59_ans": "quarante_cinquante_neuf",
    "de_60_a_69_ans": "soixante_soixante_neuf",
    "plus_de_70_ans": "soixante_dix_plus",
}
THEMES = {"etrangers_europeens": "etrangers_europe"}
#: Themes an older version does not know: dropped from the lists on downgrade.
NEW_THEMES = frozenset(
    {
        "diagnostic_numerique",
        "maintenance_de_materiel",
        "gere_ses_contenus_numeriques",
        "associations",
    }
)

_participant = sa.table("participant", sa.column("age_band", sa.String()))
_workshop = sa.table("workshop", sa.column("id", sa.Uuid()), sa.column("themes", sa.JSON()))
_conflict = sa.table(
    "sync_conflict",
    sa.column("id", sa.Uuid()),
    sa.column("entity", sa.Text()),
    sa.column("field_name", sa.Text()),
    sa.column("base_value", sa.Text()),
    sa.column("server_value", sa.Text()),
    sa.column("client_value", sa.Text()),
)


def upgrade() -> None:
    _rewrite(op.get_bind(), _Renames(AGE_BANDS, THEMES))


def downgrade() -> None:
    _rewrite(
        op.get_bind(),
        _Renames(
            {new: old for old, new in AGE_BANDS.items()},
            {new: old for old, new in THEMES.items()},
            drop=NEW_THEMES,
        ),
    )


class _Renames:
    # A plain class: Alembic loads a revision outside sys.modules, where dataclasses fail.
    def __init__(
        self, ages: dict[str, str], themes: dict[str, str], drop: frozenset[str] = frozenset()
    ) -> None:
        self.ages, self.themes, self.drop = ages, themes, drop

    def value(self, name: str, v: Any) -> Any:
        """One field's wire value with the renamed spellings."""
        if name == "age_band" and isinstance(v, str):
            return self.ages.get(v, v)
        if name == "themes" and isinstance(v, list):
            return [self.themes.get(t, t) for t in v if t not in self.drop]
        return v

    def fix(self, name: str, v: Any) -> Any:
        """A field's value, or a whole row's or op's fields when ``name`` is empty."""
        if name:
            return self.value(name, v)
        if isinstance(v, dict):
            return {k: self.value(k, x) for k, x in v.items()}
        return v


def _rewrite(conn: sa.Connection, r: _Renames) -> None:
    for old, new in r.ages.items():
        conn.execute(
            sa.update(_participant).where(_participant.c.age_band == old).values(age_band=new)
        )
    for row_id, themes in conn.execute(sa.select(_workshop.c.id, _workshop.c.themes)).all():
        fixed = r.value("themes", themes)
        if fixed != themes:
            conn.execute(sa.update(_workshop).where(_workshop.c.id == row_id).values(themes=fixed))
    sides = ("base_value", "server_value", "client_value")
    c = _conflict.c
    for row in conn.execute(
        sa.select(_conflict).where(c.entity.in_(("workshop", "participant")))
    ).mappings():
        name = row["field_name"] or ""
        texts = {k: row[k] for k in sides}
        fixed = {k: _json_text(t, lambda v, n=name: r.fix(n, v)) for k, t in texts.items()}
        if fixed != texts:
            conn.execute(sa.update(_conflict).where(c.id == row["id"]).values(**fixed))


def _json_text(text: str | None, fix: Callable[[Any], Any]) -> str | None:
    """A conflict side (compact JSON text, as ``tne_api.codec.dumps`` writes it) with its
    value fixed; unchanged when nothing was renamed."""
    if not text:
        return text
    try:
        parsed = json.loads(text)
    except ValueError:
        return text
    fixed = fix(parsed)
    if fixed == parsed:
        return text
    return json.dumps(fixed, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
