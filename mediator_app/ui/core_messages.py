"""The core's validation and ``KnownError`` messages in the interface's language.

``mediator_app/core``, ``mediator_app/local_store`` and ``mediator_app/sync`` stay Qt-free
and French (the server and the CLI answer in French): their messages are
``core.texts.text(template, **params)``, a French ``str`` that also carries its template
and parameters. The interface shows every one of them through ``core_text`` (one message) or ``translated_error`` (a whole ``KnownError``,
which ``WriteOp`` routes): the template is translated in the ``core`` context, then
formatted with the parameters (those made with ``core.texts.wording`` are translated in the
``labels`` context, as ``core_labels`` does).

A message that lost its template on the way — a server's refusal read back from the wire or
the local database, a message joined with another — is plain French: ``core_text`` looks it
up as a message without parameters, then matches it against the templates with parameters.

lupdate only extracts literal strings, so ``message_catalogue.py`` lists every template of
the core, the local store and the sync layer as ``QT_TRANSLATE_NOOP("core", "…")``; it is
generated from their source (``python -m mediator_app.ui.core_messages --write``) and a test fails when it
drifts. See docs/translations.md.
"""

from __future__ import annotations

import ast
import functools
import json
import re
import string
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from mediator_app.core.errors import VALIDATION_HEADER, KnownError, ValidationError
from mediator_app.core.texts import CONTEXT, LABELS_CONTEXT, Text, change_first
from mediator_app.ui.core_labels import catalogue_command

CATALOGUE_FILE = Path(__file__).with_name("message_catalogue.py")
_PACKAGE = Path(__file__).resolve().parent.parent
#: Where the messages a person may read are made (Qt-free, French).
SOURCE_DIRS: tuple[Path, ...] = (_PACKAGE / "core", _PACKAGE / "local_store", _PACKAGE / "sync")


# --- translating ---------------------------------------------------------------------------


def _format(template: str, params: Mapping[str, Any]) -> str | None:
    try:
        return template.format(**params) if params else template
    except (KeyError, IndexError, ValueError):
        return None


def core_text(message: str) -> str:
    """A message of the core in the interface's language (itself when untranslated)."""
    if not message:
        return message
    if isinstance(message, Text):
        params = {k: core_text(v) if isinstance(v, Text) else v for k, v in message.params.items()}
        translated = _format(QCoreApplication.translate(message.context, message.template), params)
        # A translation that drops or renames a field must not lose the message.
        return change_first(translated, message.first) if translated is not None else message
    translated = QCoreApplication.translate(CONTEXT, message)
    if translated != message:
        return translated
    found = _match(message)
    return core_text(found) if found is not None else message


def translated_error(error: KnownError) -> KnownError:
    """A copy of ``error`` whose message (and, for a ``ValidationError``, each field's
    message) is in the interface's language; same class, same code."""
    # Not copy.copy: it would call __init__ again with the message as its only argument.
    out = type(error).__new__(type(error))
    out.__dict__.update(error.__dict__)
    out.__traceback__ = error.__traceback__
    if isinstance(out, ValidationError):
        out.errors = {k: core_text(v) for k, v in out.errors.items()}
        lines = "\n".join(f"• {msg}" for msg in out.errors.values())
        header = QCoreApplication.translate(CONTEXT, VALIDATION_HEADER)
        out.message = _format(header, {"lines": lines}) or VALIDATION_HEADER.format(lines=lines)
    else:
        out.message = core_text(error.message)
    out.args = (out.message,)
    return out


# --- plain French back to its template ------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    template: str
    regex: re.Pattern[str]


def _pattern(template: str) -> _Pattern | None:
    parts: list[str] = []
    names: set[str] = set()
    for literal, name, spec, conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion or name in names:
            return None
        names.add(name)
        parts.append(f"(?P<{name}>.+?)")
    if not names:
        return None
    return _Pattern(template, re.compile("".join(parts), re.DOTALL))


@functools.cache
def _patterns() -> tuple[_Pattern, ...]:
    from mediator_app.ui import message_catalogue

    found = (_pattern(str(t)) for t in message_catalogue.TEMPLATES)
    # The longest templates first: the most specific one wins.
    return tuple(sorted((p for p in found if p is not None), key=lambda p: -len(p.template)))


def _match(message: str) -> Text | None:
    for p in _patterns():
        m = p.regex.fullmatch(message)
        if m is not None:
            params = {k: Text(v, {}, LABELS_CONTEXT) for k, v in m.groupdict().items()}
            if p.template.format(**params) == message:
                return Text(p.template, params)
    return None


# --- the catalogue --------------------------------------------------------------------------


def _sources() -> Iterator[Path]:
    for folder in SOURCE_DIRS:
        yield from sorted(folder.rglob("*.py"))


def _foreign_names(tree: ast.Module) -> set[str]:
    """The names ``text`` / ``template`` a module imports from elsewhere than
    ``core.texts`` (SQLAlchemy's ``text`` is SQL, not a message)."""
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module != "mediator_app.core.texts"
        for alias in node.names
        if (alias.asname or alias.name) in ("text", "template")
    }


def _called(node: ast.AST, foreign: frozenset[str] | set[str] = frozenset()) -> str | None:
    """``"text"`` or ``"template"`` for a call of ``core.texts.text`` / ``template``
    (``text(…)`` or ``texts.text(…)``), else None."""
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name) and func.id in ("text", "template"):
        return None if func.id in foreign else func.id
    if (
        isinstance(func, ast.Attribute)
        and func.attr in ("text", "template")
        and isinstance(func.value, ast.Name)
        and func.value.id == "texts"
    ):
        return func.attr
    return None


def _constant(node: ast.AST | None) -> bool:
    """``NAME`` or ``NAME[key]``: a module constant holding ``template("…")`` wordings."""
    if isinstance(node, ast.Subscript):
        node = node.value
    return isinstance(node, ast.Name) and node.id.isupper()


def templates() -> list[str]:
    """Every template of a ``text("…")`` or ``template("…")`` call of ``SOURCE_DIRS`` (the
    core, the local store, the sync layer), in source order, once each.

    Raises:
        ValueError: a template that is not a literal string (``text()`` also takes a
            constant: ``text(NAME, …)``, NAME being a ``template("…")``).
    """
    seen: dict[str, None] = {}
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        foreign = _foreign_names(tree)
        for node in ast.walk(tree):
            called = _called(node, foreign)
            if called is None:
                continue
            assert isinstance(node, ast.Call)
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                seen.setdefault(first.value, None)
            elif not (called == "text" and _constant(first)):
                where = f"{path.relative_to(_PACKAGE.parent)}:{node.lineno}"
                raise ValueError(f"{where}: the template of {called}() must be a literal string")
    seen.setdefault(VALIDATION_HEADER, None)
    return list(seen)


def catalogue_source() -> str:
    """The text of ``message_catalogue.py``: every message template, literal, for lupdate."""
    lines = [
        '"""Every template of the messages of the core, the local store and the sync layer',
        "(``core.texts.text``), literal, so that ``make i18n`` extracts them into the ``core``",
        "context.",
        "",
        "Generated: ``python -m mediator_app.ui.core_messages --write``; do not edit by hand",
        "(tests/ui/test_core_messages.py fails when it drifts from the source).",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from PySide6.QtCore import QT_TRANSLATE_NOOP",
        "",
        "# One literal per line, as written (long lines are not split by the formatter).",
        "# fmt: off",
        "TEMPLATES: tuple[object, ...] = (  # QT_TRANSLATE_NOOP returns its text",
    ]
    for template in templates():
        lines.append(f'    QT_TRANSLATE_NOOP("core", {json.dumps(template, ensure_ascii=False)}),')
    lines.append(")")
    lines.append("# fmt: on")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m mediator_app.ui.core_messages --write``: regenerate the catalogue."""
    return catalogue_command(
        "mediator_app.ui.core_messages", CATALOGUE_FILE, catalogue_source, argv
    )


if __name__ == "__main__":
    sys.exit(main())
