"""The core's validation and ``KnownError`` messages in the interface's language
(mediator_app/core/texts.py, mediator_app/ui/core_messages.py).

The core and the local store build French messages from a template and its parameters; the
interface translates the template in the ``core`` context at display time. The committed
English catalogue is filled at merge time, so the English tests install it the way the
application does and, above it, a translator that answers for the ``core`` context: what
they check is the mechanism (every screen shows the translation once one exists), on a real
store and the real editor.
"""

from __future__ import annotations

import ast
import pickle
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import uuid4

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from mediator_app.core import limits, texts, validation, wire
from mediator_app.core.entities import Workshop
from mediator_app.core.enums import Theme
from mediator_app.core.errors import NetworkUnavailableError, NotFoundError, ValidationError
from mediator_app.local_store import Store
from mediator_app.sync.accounts import LocalWork, attach_question
from mediator_app.sync.api_client import NO_NETWORK
from mediator_app.sync.session import SessionManager
from mediator_app.ui import core_messages, message_catalogue
from mediator_app.ui.context import AppContext, Services
from mediator_app.ui.core_messages import core_text, translated_error
from mediator_app.ui.dialogs.login import LoginForm
from mediator_app.ui.i18n import install_language
from mediator_app.ui.ops import WriteOp
from mediator_app.ui.tasks import InlineRunner
from mediator_app.ui.widgets.french import message_label

#: What a translator of the ``core`` context would write (the committed ``.ts`` gets its
#: own at merge time).
ENGLISH = {
    "Donnez un titre à l’atelier.": "Give the workshop a title.",
    "Choisissez au moins une thématique.": "Choose at least one theme.",
    "Indiquez la commune.": "Enter the town.",
    "Le code postal doit comporter 5 chiffres.": "A postcode has 5 digits.",
    "{field} : {problem}": "{field}: {problem}",
    "Texte trop long (au plus {limit} caractères).": "Text too long (at most {limit} characters).",
    "La fiche n’a pas été enregistrée :\n{lines}": "The record was not saved:\n{lines}",
    "Cette fiche n’existe plus (elle a peut-être été supprimée).": (
        "This record no longer exists (it may have been deleted)."
    ),
    "Il y a déjà {registered} personnes inscrites : la capacité ne peut pas être inférieure.": (
        "{registered} people are already registered: the capacity cannot be lower."
    ),
    "Le serveur a refusé cette fiche : elle n’est pas complète ou pas valide.": (
        "The server refused this record: it is incomplete or not valid."
    ),
    NO_NETWORK: (
        "Network unavailable: your changes stay saved on this computer and will leave as soon "
        "as the connection is back."
    ),
    "Rattacher les {workshops} ateliers et 1 participant saisis hors connexion au compte de "
    "{who}\u00a0?": "Attach the {workshops} workshops and 1 participant typed offline to {who}’s "
    "account?",
}


class CoreTranslator(QTranslator):
    """Answers for the ``core`` context from ``ENGLISH``; nothing else."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context == "core":
            return ENGLISH.get(source)
        return None


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    translators = install_language(qapp, "en")
    core = CoreTranslator()
    qapp.installTranslator(core)
    yield
    qapp.removeTranslator(core)
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


# --- the catalogue -----------------------------------------------------------------------


def test_catalogue_lists_every_template_literally() -> None:
    # Regenerate with ``python -m mediator_app.ui.core_messages --write`` when this fails.
    source = core_messages.CATALOGUE_FILE.read_text(encoding="utf-8")
    assert source == core_messages.catalogue_source()
    assert list(message_catalogue.TEMPLATES) == core_messages.templates()
    # lupdate reads the catalogue as source: every line is a literal in the ``core`` context.
    calls = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "QT_TRANSLATE_NOOP"
    ]
    assert len(calls) == len(message_catalogue.TEMPLATES) > 130
    assert all(ast.literal_eval(c.args[0]) == "core" for c in calls)
    assert {
        "Donnez un titre à l’atelier.",
        "{field} : {problem}",
        "Texte trop long (au plus {limit} caractères).",
        "Cette fiche n’existe plus (elle a peut-être été supprimée).",
        "{person} est passée en liste d’attente pour l’atelier {workshop} : complet (un autre "
        "poste avait déjà rempli les places).",
    } <= set(message_catalogue.TEMPLATES)


_KNOWN_ERRORS = {
    "KnownError",
    "ValidationError",
    "NotFoundError",
    "BusinessRuleError",
    "ReadOnlyStoreError",
    "StorageError",
    "NetworkUnavailableError",
    "ServerError",
    "AuthenticationError",
    "UpdateRequiredError",
    "CancelledError",
}


def _is_bare_french(node: ast.AST) -> bool:
    """A message written as a plain string (literal, f-string, concatenation)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value.strip())
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_bare_french(node.left) or _is_bare_french(node.right)
    return False


def _message_sites(tree: ast.AST) -> Iterator[ast.AST]:
    """Where a message a person reads is written: a ``KnownError``'s message (or a
    ``ValidationError``'s dict), ``errors[field] = …``, the dict a ``validate_*`` /
    ``*_errors`` rule returns, and the ``MESSAGES`` tables."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in _KNOWN_ERRORS:
            for arg in node.args[:1]:
                yield from arg.values if isinstance(arg, ast.Dict) else [arg]  # type: ignore[misc]
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if (
                    isinstance(target, ast.Subscript)
                    and getattr(target.value, "id", "") == "errors"
                ):
                    yield node.value
                if isinstance(target, ast.Name) and target.id.endswith("MESSAGES"):
                    yield from getattr(node.value, "values", [])
        elif isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "").endswith(
            "MESSAGES"
        ):
            yield from getattr(node.value, "values", [])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", "") == "setdefault"
            and getattr(getattr(node.func, "value", None), "id", "") == "errors"
        ):
            yield from node.args[1:2]
        elif isinstance(node, ast.FunctionDef) and (
            node.name.startswith("validate_") or node.name.endswith("_errors")
        ):
            for ret in ast.walk(node):
                if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Dict):
                    yield from ret.value.values  # type: ignore[misc]


def test_no_message_of_the_core_the_store_or_the_sync_is_written_as_a_bare_string() -> None:
    """Every message of ``SOURCE_DIRS`` (core, local store, sync layer) goes through ``texts.text()`` (or a ``texts.template`` constant), so
    the catalogue knows it: a new bare French message fails here."""
    bare, templated = [], 0
    for folder in core_messages.SOURCE_DIRS:
        for path in sorted(folder.rglob("*.py")):
            for node in _message_sites(ast.parse(path.read_text(encoding="utf-8"))):
                if _is_bare_french(node):
                    bare.append(f"{path.name}:{getattr(node, 'lineno', '?')}")
                elif core_messages._called(node) == "text":
                    templated += 1
    assert bare == []
    assert templated > 100
    assert {p.name for p in core_messages.SOURCE_DIRS} == {"core", "local_store", "sync"}
    assert {
        "Ce poste doit être de nouveau enregistré auprès du serveur.",
        "Réponse inattendue du serveur ({status}).",
        "Connectez-vous au serveur TNE pour synchroniser. Vos données restent enregistrées sur "
        "ce poste en attendant.",
        NO_NETWORK,
    } <= set(message_catalogue.TEMPLATES)


# --- French stays French -----------------------------------------------------------------


def test_a_message_is_its_french_sentence_and_keeps_its_template() -> None:
    message = texts.text("Il y a {n} ateliers.", n=3)
    assert message == "Il y a 3 ateliers." and isinstance(message, str)
    assert (message.template, message.params) == ("Il y a {n} ateliers.", {"n": 3})
    assert pickle.loads(pickle.dumps(message)) == message
    assert pickle.loads(pickle.dumps(message)).template == message.template
    assert texts.upper_first(texts.wording("notes")) == "Notes"
    assert texts.lower_first(texts.text("Texte trop long.")) == "texte trop long."
    errors = limits.check_values("workshop", {"notes": "x" * 20_001})
    assert errors == {"notes": "Texte trop long (au plus 20\u202f000 caractères)."}
    assert wire.message("validation") == (
        "Le serveur a refusé cette fiche : elle n’est pas complète ou pas valide."
    )


def test_without_a_translation_the_interface_shows_the_french_as_is() -> None:
    workshop = Workshop(title="", date=date(2019, 5, 1), themes=(), commune="")
    errors = validation.validate_workshop(workshop)
    assert errors["title"] == "Donnez un titre à l’atelier."
    shown = translated_error(ValidationError(errors))
    assert shown.errors == errors
    assert shown.message == ValidationError(errors).message
    assert shown.message.startswith("La fiche n’a pas été enregistrée :\n• ")
    assert core_text("Un texte qui n’est pas du core.") == "Un texte qui n’est pas du core."


# --- English -----------------------------------------------------------------------------


@pytest.mark.usefixtures("english")
def test_in_english_a_message_its_parameters_and_its_capitals_are_translated() -> None:
    registered = texts.text(
        "Il y a déjà {registered} personnes inscrites : la capacité ne peut pas être inférieure.",
        registered=4,
    )
    assert core_text(registered) == "4 people are already registered: the capacity cannot be lower."
    too_long = texts.text(
        "{field} : {problem}",
        field=texts.upper_first(texts.wording("notes")),
        problem=texts.lower_first(
            limits.check_values("workshop", {"notes": "x" * 20_001})["notes"]
        ),
    )
    assert too_long == "Notes : texte trop long (au plus 20\u202f000 caractères)."
    assert core_text(too_long) == "Notes: text too long (at most 20\u202f000 characters)."
    # Read back from the wire or the database, the French has lost its template: found again.
    assert core_text(str(registered)) == core_text(registered)
    assert core_text(str(wire.message("validation"))) == (
        "The server refused this record: it is incomplete or not valid."
    )
    error = translated_error(
        NotFoundError(texts.text("Cette fiche n’existe plus (elle a peut-être été supprimée)."))
    )
    assert isinstance(error, NotFoundError) and error.code == "not_found"
    assert error.message == str(error) == "This record no longer exists (it may have been deleted)."


@pytest.mark.usefixtures("english")
def test_in_english_write_op_shows_a_known_error_in_english(qtbot: QtBot, store: Store) -> None:
    ctx = AppContext(store, Services.of(store), InlineRunner())
    page = QWidget()
    qtbot.addWidget(page)
    message = message_label("page_error", page)
    gone = uuid4()
    WriteOp(ctx, page, lambda s: s.workshops.update(gone, commune="Osny")).message_to(message).run()
    assert message.text() == "⚠ This record no longer exists (it may have been deleted)."
    assert message.accessibleName() == "This record no longer exists (it may have been deleted)."
    # A validation error without a form: its header and its lines, each in English.
    draft = Workshop(title="", date=date(2026, 3, 12), themes=(Theme.SANTE,), commune="Osny")
    WriteOp(ctx, page, lambda s: s.workshops.create(draft)).message_to(message).run()
    assert message.text() == "⚠ The record was not saved:\n• Give the workshop a title."
    assert Path(core_messages.CATALOGUE_FILE).name == "message_catalogue.py"


def _closed_port() -> int:
    """A port of 127.0.0.1 nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.usefixtures("english")
def test_in_english_the_login_form_shows_a_sync_error_in_english(
    qtbot: QtBot, store: Store
) -> None:
    # A real connection refused by a closed port of this machine: the api client's French
    # « Réseau indisponible… », shown in English by the login form.
    form = LoginForm(InlineRunner(), SessionManager(store, max_attempts=1, backoff=0.0))
    qtbot.addWidget(form)
    url = f"http://127.0.0.1:{_closed_port()}"
    for name, value in (("server_url", url), ("email", "amina@exemple.fr"), ("password", "x")):
        edit = form.findChild(QLineEdit, f"{name}_edit")
        assert edit is not None
        edit.setText(value)
    form.submit()
    error = form.findChild(QLabel, "login_error")
    assert error is not None and error.isVisibleTo(form)
    english = ENGLISH[NO_NETWORK]
    assert error.text() == f"⚠ {english}"
    assert error.accessibleName() == english
    # The error itself stays French (the command line prints it as it is).
    with pytest.raises(NetworkUnavailableError) as raised:
        SessionManager(store, max_attempts=1, backoff=0.0).login(url, "amina@exemple.fr", "x")
    assert raised.value.message == NO_NETWORK
    assert raised.value.message.startswith("Réseau indisponible : vos modifications")


@pytest.mark.usefixtures("english")
def test_in_english_the_question_about_offline_work_is_translated() -> None:
    question = attach_question(LocalWork(3, 1, 7), "amina@exemple.fr")
    assert question == (
        "Rattacher les 3 ateliers et 1 participant saisis hors connexion au compte de "
        "amina@exemple.fr\u00a0?"
    )
    assert core_text(question) == (
        "Attach the 3 workshops and 1 participant typed offline to amina@exemple.fr’s account?"
    )
