"""French wording shared by the Ateliers screens: dates, times, plurals, places left, and
the inline error labels every form uses (``<field>_error``, "⚠" + text, never colour alone).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from mediator_app.local_store.services.workshops import WorkshopRow
from mediator_app.ui import style
from mediator_app.ui.core_messages import core_text
from mediator_app.ui.i18n import ui_locale

FR = QLocale(QLocale.Language.French, QLocale.Country.France)
NBSP = "\u00a0"


def qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def pydate(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def short_date(d: date) -> str:
    """« jeu. 27 nov. 2026 » (weekday kept: mediators think in days of the week); in the
    interface's language (« Thu 27 Nov 2026 » in English)."""
    return ui_locale().toString(qdate(d), "ddd d MMM yyyy")


def long_date(d: date) -> str:
    """« jeudi 27 novembre 2026 »."""
    return ui_locale().toString(qdate(d), "dddd d MMMM yyyy")


def document_date(d: date) -> str:
    """« jeudi 27 novembre 2026 » in French whatever the interface's language: for the
    official documents (attendance sheet, convention), see docs/translations.md."""
    return FR.toString(qdate(d), "dddd d MMMM yyyy")


def document_time(t: time) -> str:
    """« 14:30 », for the official documents."""
    return FR.toString(QTime(t.hour, t.minute), "HH:mm")


def caption(text: str) -> str:
    """A field's caption: « Format : » (non-breaking space), « Format: » in English."""
    return QCoreApplication.translate("french", "{text}\u00a0:").format(text=text)


def month_text(key: str) -> str:
    """ "2026-11" -> « novembre 2026 » (« November 2026 » in English); the key itself when
    it is not a month. ``reports.exporter.month_label`` is the exports' French one."""
    year, _, month = key.partition("-")
    try:
        number = int(month)
    except ValueError:
        return key
    if not 1 <= number <= 12 or not year.isdigit():
        return key
    return f"{ui_locale().standaloneMonthName(number)} {year}"


def time_text(t: time | None) -> str:
    """« 14:30 », or an empty text when no time was given."""
    return "" if t is None else ui_locale().toString(QTime(t.hour, t.minute), "HH:mm")


def number(n: int) -> str:
    return ui_locale().toString(n)


def plural(n: int, one: str, many: str) -> str:
    """French plural: 0 and 1 are singular. ``one``/``many`` hold ``{n}``."""
    return (one if n <= 1 else many).format(n=number(n))


def places_text(row: WorkshopRow) -> str:
    """« 3 places restantes », « complet », « sans limite »."""
    left = row.places_left
    if left is None:
        return QCoreApplication.translate("french", "sans limite")
    if left == 0:
        return QCoreApplication.translate("french", "complet")
    return plural(
        left,
        QCoreApplication.translate("french", "{n} place restante"),
        QCoreApplication.translate("french", "{n} places restantes"),
    )


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}{NBSP}min"
    return f"{hours}{NBSP}h{NBSP}{rest:02d}" if rest else f"{hours}{NBSP}h"


def error_label(field: str, parent: QWidget, *, selectable: bool = False) -> QLabel:
    """A hidden label for a field's French error; its object name is ``<field>_error``.

    ``selectable``: the text can be selected with the mouse (a server's message to copy).
    """
    label = QLabel(parent)
    label.setObjectName(f"{field}_error")
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    style.mark(label, "error")
    label.hide()
    return label


def message_label(name: str, parent: QWidget) -> QLabel:
    """A hidden, word-wrapped label for a page's message (shown with ``show_error``)."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    """``⚠ message`` in ``label`` (hidden when empty); a core message is shown in the
    interface's language (``core_messages.core_text``)."""
    message = core_text(message)
    if message:
        label.setText(f"⚠ {message}")
        label.setAccessibleName(message)
        label.show()
    else:
        label.clear()
        label.hide()


def add_field_row(
    form: QFormLayout, text: str, field: QWidget, error: QLabel, parent: QWidget
) -> QLabel:
    """A form row: ``text`` (buddy of ``field``, for its mnemonic), then the field with its
    error label just under it. Returns the row's label."""
    label = QLabel(text, parent)
    label.setBuddy(field)
    column = QVBoxLayout()
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(error)
    form.addRow(label, column)
    return label


def show_errors(labels: Mapping[str, QLabel], errors: Mapping[str, str], fallback: QLabel) -> None:
    """Each error under its field; errors of fields without a label go to ``fallback``."""
    rest = []
    for field, label in labels.items():
        show_error(label, errors.get(field, ""))
    for field, message in errors.items():
        if field not in labels:
            rest.append(message)
    show_error(fallback, " ".join(rest))
