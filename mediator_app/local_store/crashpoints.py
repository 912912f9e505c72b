"""Named crash points for durability tests.

``TNE_CRASHPOINT=name`` (optionally ``name:N`` for the N-th hit) makes ``hit(name)`` kill
the process on the spot with ``os._exit(137)``, like a SIGKILL: no cleanup, no rollback
handlers. Unset (always, outside tests), ``hit`` costs one dictionary look-up.
"""

from __future__ import annotations

import os

_counts: dict[str, int] = {}


def hit(name: str) -> None:
    spec = os.environ.get("TNE_CRASHPOINT")
    if not spec:
        return
    target, _, nth = spec.partition(":")
    if target != name:
        return
    _counts[name] = _counts.get(name, 0) + 1
    if _counts[name] >= int(nth or 1):
        os._exit(137)
