"""La Coop's spellings: age bands and one theme renamed

Age bands take La Coop de la médiation numérique's values (``de_25_a_39_ans`` →
``vingt_cinq_trente_neuf``, …) and the theme ``etrangers_europeens`` becomes
``etrangers_europe`` (tests/fixtures/coop/activites.toml). What is stored is rewritten:
participants' age band, workshops' theme lists, the values shown in « À traiter »
(attention items and the sync conflicts) and the outbox ops that never left this laptop.

An op already sent at least once keeps its bytes: the server may hold it in its ledger
under the hash of those bytes, and a changed op under the same id would be refused as
reused. The server reads the old spellings of such an op as the new ones
(``core/enums.py``, ``LEGACY_VALUES``); docs/architecture.md, "La Coop's export".

The mapping is written out here, not imported, so this revision keeps doing what it did
when the enums change again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05 10:00:00
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

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
        """One field's value (a wire value) with the renamed spellings."""
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
            sa.text("UPDATE participant SET age_band = :new WHERE age_band = :old"),
            {"new": new, "old": old},
        )
    for row_id, raw in conn.execute(sa.text("SELECT id, themes FROM workshop")).all():
        listed = _loads(raw)
        fixed = r.value("themes", listed)
        if fixed != listed:
            conn.execute(
                sa.text("UPDATE workshop SET themes = :themes WHERE id = :id"),
                {"themes": json.dumps(fixed), "id": row_id},
            )

    # Ops never sent: rewritten (the server has never seen their bytes).
    for seq, base, changes in conn.execute(
        sa.text(
            "SELECT client_seq, base, changes FROM outbox WHERE entity IN "
            "('workshop', 'participant') AND attempts = 0 AND state != 'acked'"
        )
    ).all():
        old = (_loads(base), _loads(changes))
        new = (r.fix("", old[0]), r.fix("", old[1]))
        if new != old:
            conn.execute(
                sa.text("UPDATE outbox SET base = :b, changes = :c WHERE client_seq = :seq"),
                {"b": json.dumps(new[0]), "c": json.dumps(new[1]), "seq": seq},
            )

    # « À traiter »: a field's value, or a whole op's fields (field_name empty).
    for item_id, name, mine, theirs in conn.execute(
        sa.text(
            "SELECT id, field_name, mine, theirs FROM attention_item "
            "WHERE entity IN ('workshop', 'participant')"
        )
    ).all():
        old = (_loads(mine), _loads(theirs))
        new = (r.fix(name, old[0]), r.fix(name, old[1]))
        if new != old:
            conn.execute(
                sa.text("UPDATE attention_item SET mine = :m, theirs = :t WHERE id = :id"),
                {
                    "m": None if mine is None else json.dumps(new[0]),
                    "t": None if theirs is None else json.dumps(new[1]),
                    "id": item_id,
                },
            )

    # Sync conflicts keep each side as compact JSON text (the server's ``dumps``).
    columns = ("base_value", "server_value", "client_value")
    for row_id, name, *sides in conn.execute(
        sa.text(
            "SELECT id, field_name, base_value, server_value, client_value FROM sync_conflict "
            "WHERE entity IN ('workshop', 'participant')"
        )
    ).all():
        texts = dict(zip(columns, sides, strict=True))
        fixed = {k: _json_text(t, lambda v, n=name: r.fix(n, v)) for k, t in texts.items()}
        if fixed != texts:
            conn.execute(
                sa.text(
                    "UPDATE sync_conflict SET base_value = :base_value, "
                    "server_value = :server_value, client_value = :client_value WHERE id = :id"
                ),
                {**fixed, "id": row_id},
            )


def _loads(raw: Any) -> Any:
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def _json_text(text: str | None, fix: Callable[[Any], Any]) -> str | None:
    """``text`` with its JSON value fixed, unchanged when nothing was renamed."""
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
