"""The server's demo convention renders completely with the client's renderer."""

from __future__ import annotations

from mediator_app.local_store.services.handouts import PLACEHOLDERS, render_agreement
from tne_api.cli import DEMO_TEMPLATE


def test_demo_template_fills_every_placeholder() -> None:
    values = {name: f"<{name}>" for name in PLACEHOLDERS}
    text, digest = render_agreement(DEMO_TEMPLATE, values)
    assert "{" not in text and "}" not in text
    assert "<famille>" in text and "<date_retour>" in text
    assert len(digest) == 64
