"""The wire bounds of ``core.limits``: the same table the server enforces on pushes."""

from __future__ import annotations

import base64
import uuid
from datetime import date

from mediator_app.core import limits
from mediator_app.core.entities import Workshop
from mediator_app.core.wire import to_wire


def test_a_normal_row_fits() -> None:
    w = Workshop(title="Café des parents", date=date(2026, 3, 12))
    assert limits.check_values("workshop", to_wire(w)) == {}


def test_each_kind_has_its_bound() -> None:
    check = limits.check_values
    assert check("workshop", {"title": "x" * 2000}) == {}
    assert "Texte trop long" in check("workshop", {"title": "x" * 2001})["title"]
    assert check("workshop", {"notes": "x" * limits.MAX_LONG_TEXT}) == {}
    assert "notes" in check("workshop", {"notes": "x" * (limits.MAX_LONG_TEXT + 1)})
    assert check("handout", {"agreement_text": "x" * limits.MAX_AGREEMENT_TEXT}) == {}
    assert check("workshop", {"capacity": limits.INT_MAX}) == {}
    assert "capacity" in check("workshop", {"capacity": limits.INT_MAX + 1})
    assert "capacity" in check("workshop", {"capacity": limits.INT_MIN - 1})
    assert check("workshop", {"themes": ["a"] * 100}) == {}
    assert "themes" in check("workshop", {"themes": ["a"] * 101})
    assert "date" in check("workshop", {"date": "2" * 65})


def test_binary_values_are_base64_text_of_bounded_size() -> None:
    check = limits.check_values
    small = base64.b64encode(b"\x89PNG" + b"\0" * 1000).decode()
    assert check("handout", {"signature_png": small}) == {}
    assert check("handout", {"signature_png": None}) == {}
    exact = base64.b64encode(b"\0" * limits.MAX_BYTES).decode()
    assert check("handout", {"signature_png": exact}) == {}
    over = base64.b64encode(b"\0" * (limits.MAX_BYTES + 3)).decode()
    assert "Image trop volumineuse" in check("handout", {"signature_png": over})["signature_png"]
    for wrong in (300_000_000, [1, 2], {"a": 1}, True):
        assert check("handout", {"signature_png": wrong}) == {"signature_png": limits.MSG_BAD_VALUE}


def test_nul_and_lone_surrogates_are_refused_everywhere() -> None:
    check = limits.check_values
    assert not limits.clean_text("a\x00") and not limits.clean_text("\udc00")
    assert limits.clean_text("é€😀")
    assert check("workshop", {"title": "\x00"}) == {"title": limits.MSG_BAD_CHAR}
    assert check("workshop", {"title": "\ud83d"}) == {"title": limits.MSG_BAD_CHAR}
    assert check("workshop", {"tags": ["\x00"]}) == {"tags": limits.MSG_BAD_CHAR}
    assert check("participant", {"children": [{"first_name": "\x00"}]}) == {
        "children": limits.MSG_BAD_CHAR
    }
    assert check("workshop", {"newer": {"x": ["\x00"]}}) == {"newer": limits.MSG_BAD_CHAR}
    assert check("workshop", {"a\x00": 1}) == {"": limits.MSG_BAD_NAME}
    assert limits.check_op("work\x00shop", {}, {}) == {"": limits.MSG_BAD_CHAR}


def test_ops_are_checked_with_their_base_and_unknown_entities_generically() -> None:
    errors = limits.check_op("workshop", {"title": "ok"}, {"title": "x" * 2001})
    assert list(errors) == ["base.title"]
    assert limits.check_op("spaceship", {"x": 1}, {}) == {}
    assert "x" in limits.check_op("spaceship", {"x": "y" * 30_000}, {})
    many = {f"f{i}": 1 for i in range(limits.MAX_FIELDS + 1)}
    assert limits.check_op("workshop", many, {}) == {"": limits.MSG_TOO_MANY_FIELDS}
    deep: object = 1
    for _ in range(limits.MAX_DEPTH + 1):
        deep = [deep]
    assert "x" in limits.check_op("workshop", {"x": deep}, {})
    assert limits.check_op("workshop", {"id_list": [str(uuid.uuid4())]}, {}) == {}
