"""What makes a password acceptable for an account (``AuthService.create_user``).

At least ``MIN_LENGTH`` characters, not one of the most common passwords (a small bundled
list, also with digits or punctuation around it), not the e-mail address or its name part,
not one character or one short pattern repeated. The messages are French: the admin command
line shows them as they are.
"""

from __future__ import annotations

import string
from functools import cache
from importlib import resources

MIN_LENGTH = 12
#: The login request accepts passwords up to this length (``schemas.LoginIn``).
MAX_LENGTH = 1024

TOO_SHORT = f"Le mot de passe doit comporter au moins {MIN_LENGTH} caractères."
TOO_LONG = f"Le mot de passe doit comporter au plus {MAX_LENGTH} caractères."
TOO_COMMON = (
    "Ce mot de passe est trop courant : choisissez-en un autre, par exemple trois ou "
    "quatre mots pris au hasard."
)
IS_EMAIL = "Le mot de passe ne doit pas reprendre l’adresse e-mail."
TOO_SIMPLE = (
    "Ce mot de passe est trop simple (une suite ou un motif répété) : choisissez-en un autre."
)
BAD_CHAR = "Le mot de passe contient un caractère non autorisé."

_AROUND = string.digits + string.punctuation + " "


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list (``common_passwords.txt``), lower case."""
    text = (resources.files("tne_api") / "common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def _repeated(value: str) -> bool:
    """``aaaaaaaaaaaa``, ``abcabcabcabc``, ``123412341234``: a short unit repeated."""
    n = len(value)
    return any(n % size == 0 and value == value[:size] * (n // size) for size in range(1, 5))


def _run(value: str) -> bool:
    """A run of consecutive digits or letters (``123456789012``, ``abcdefghijkl``)."""
    for alphabet in (string.digits * 4, string.ascii_lowercase * 2):
        if value in alphabet or value in alphabet[::-1]:
            return True
    return False


def password_problem(password: str, email: str = "") -> str | None:
    """The French reason ``password`` is refused for the account ``email``, or ``None``."""
    if "\x00" in password:
        return BAD_CHAR
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:
        return BAD_CHAR
    if len(password) < MIN_LENGTH:
        return TOO_SHORT
    if len(password) > MAX_LENGTH:
        return TOO_LONG
    lowered = password.strip().lower()
    email = email.strip().lower()
    local = email.split("@", 1)[0]
    if email and (lowered == email or lowered.strip(_AROUND) in {email, local}):
        return IS_EMAIL
    common = common_passwords()
    compact = "".join(ch for ch in lowered if ch not in " -_.")  # "mot-de-passe" too
    if {lowered, lowered.strip(_AROUND), compact, compact.strip(_AROUND)} & common:
        return TOO_COMMON
    if _repeated(compact) or _run(compact):
        return TOO_SIMPLE
    return None
