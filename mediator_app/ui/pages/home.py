"""*Accueil*: today and the coming days, loans due back, what waits for a connection or a
decision. Read from ``QueryService.home()`` on the task runner's database lane."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import (
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.errors import KnownError
from mediator_app.local_store.services.attention import AttentionCard
from mediator_app.local_store.services.queries import DueHandout, HomeSummary, HomeWorkshop
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_messages import core_text
from mediator_app.ui.i18n import ui_locale
from mediator_app.ui.ops import WriteOp
from mediator_app.ui.widgets.french import qdate
from mediator_app.ui.widgets.icons import set_icon
from mediator_app.ui.widgets.labels import bold_label, page_title
from mediator_app.ui.widgets.tables import fit_columns

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
#: Notices shown on Accueil; the others are counted (all are in « À traiter »).
HOME_NOTICES = 3


def french() -> QLocale:
    return ui_locale()


class FigureCard(QFrame):
    """A number and what it counts."""

    def __init__(self, object_name: str, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Preferred height: the cards of a row share the tallest one's height.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        self._value = bold_label("…", self, 2.0)
        self._value.setObjectName(f"{object_name}_value")
        self._caption = QLabel(caption, self)
        self._caption.setWordWrap(True)
        layout.addWidget(self._value)
        layout.addWidget(self._caption)
        layout.addStretch(1)

    def set_value(self, value: int, caption: str | None = None) -> None:
        if caption is not None:
            self._caption.setText(caption)
        self._value.setText(french().toString(value))
        self.setAccessibleName(f"{self._caption.text()}\u00a0: {value}")

    @property
    def value_text(self) -> str:
        return self._value.text()


class HomePage(QWidget):
    """*Accueil*.

    Signals:
        attention_requested: the user asked to open « À traiter ».
        workshop_activated(UUID): a workshop of the lists was opened (Entrée / double-clic).
    """

    attention_requested = Signal()
    workshop_activated = Signal(object)
    summary_loaded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_accueil")
        self._ctx = ctx
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 20, 32, 16)
        layout.setSpacing(12)
        header = QHBoxLayout()
        header.addWidget(page_title(self.tr("Accueil"), self))
        header.addStretch(1)
        self._today = QLabel(self)
        self._today.setObjectName("home_today_label")
        header.addWidget(self._today, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(header)

        figures = QGridLayout()
        figures.setHorizontalSpacing(12)
        self.today_card = FigureCard("home_today_workshops", self.tr("atelier aujourd’hui"), self)
        self.pending_card = FigureCard(
            "home_pending_changes", self.tr("modification en attente de connexion"), self
        )
        self.attention_card = FigureCard("home_attention", self.tr("élément à traiter"), self)
        self.overdue_card = FigureCard("home_overdue_handouts", self.tr("prêt en retard"), self)
        for column, card in enumerate(
            (self.today_card, self.pending_card, self.attention_card, self.overdue_card)
        ):
            figures.addWidget(card, 0, column)
        layout.addLayout(figures)

        self._attention_row = QWidget(self)
        attention_layout = QHBoxLayout(self._attention_row)
        attention_layout.setContentsMargins(0, 0, 0, 0)
        self._attention_text = QLabel(self._attention_row)
        self._attention_text.setObjectName("home_attention_text")
        self._attention_text.setWordWrap(True)
        self._attention_button = QPushButton(self.tr("&Ouvrir « À traiter »"), self._attention_row)
        set_icon(self._attention_button, "inbox")
        self._attention_button.setObjectName("home_attention_button")
        self._attention_button.clicked.connect(self.attention_requested)
        attention_layout.addWidget(self._attention_text, 1)
        attention_layout.addWidget(self._attention_button)
        self._attention_row.hide()
        layout.addWidget(self._attention_row)

        # Notices (what was decided for what this laptop typed), with their choices here
        # too; the same cards are in « À traiter ».
        self._notices_box = QGroupBox(self.tr("Pour information"), self)
        self._notices_box.setObjectName("home_notices_box")
        self._notices_layout = QVBoxLayout(self._notices_box)
        self._notices_layout.setContentsMargins(12, 6, 12, 6)
        self._notices_layout.setSpacing(4)
        self._notices_more = QLabel(self._notices_box)
        self._notices_more.setObjectName("home_notices_more")
        self._notices_layout.addWidget(self._notices_more)
        self._notices_box.hide()
        layout.addWidget(self._notices_box)
        self._waiting = 0  # cards of « À traiter » (decisions and notices)
        self._notices = 0

        lists = QHBoxLayout()
        lists.setSpacing(16)
        workshops_box = QGroupBox(self.tr("Ateliers d’aujourd’hui et à venir"), self)
        self._workshops = _ContentTree(workshops_box)
        self._workshops.setObjectName("home_workshops_list")
        self._workshops.setAccessibleName(self.tr("Ateliers d’aujourd’hui et à venir"))
        self._workshops.setHeaderLabels(
            [self.tr("Jour"), self.tr("Heure"), self.tr("Atelier"), self.tr("Places")]
        )
        self._setup_tree(self._workshops, stretch_column=2)
        self._workshops.itemActivated.connect(self._on_workshops_item_activated)
        box_layout = QVBoxLayout(workshops_box)
        box_layout.addWidget(self._workshops)
        lists.addWidget(workshops_box, 3)

        handouts_box = QGroupBox(self.tr("Matériel à rendre"), self)
        self._handouts = _ContentTree(handouts_box)
        self._handouts.setObjectName("home_handouts_list")
        self._handouts.setAccessibleName(self.tr("Matériel à rendre"))
        self._handouts.setHeaderLabels([self.tr("Famille"), self.tr("Retour")])
        self._setup_tree(self._handouts, stretch_column=0)
        box_layout = QVBoxLayout(handouts_box)
        box_layout.addWidget(self._handouts)
        lists.addWidget(handouts_box, 2)
        # Sized to their rows (at most ``LIST_MAX_ROWS``): the room left stays below them.
        layout.addLayout(lists, 0)
        layout.addStretch(1)

        self._last_sync = QLabel(self)
        self._last_sync.setObjectName("home_last_sync_label")
        self._last_sync.setWordWrap(True)
        layout.addWidget(self._last_sync)
        self._error = QLabel(self)
        self._error.setObjectName("home_error_label")
        self._error.setWordWrap(True)
        self._error.hide()
        layout.addWidget(self._error)
        QWidget.setTabOrder(self._attention_button, self._workshops)
        QWidget.setTabOrder(self._workshops, self._handouts)
        ctx.hub.changed.connect(self._on_hub_changed)

    @staticmethod
    def _setup_tree(tree: QTreeWidget, stretch_column: int) -> None:
        tree.setItemDelegate(_RoomyRows(tree))
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # « ⚠ en retard de 368 jours » is whole at 30 characters.
        fit_columns(tree, (stretch_column,), max_chars=30)

    # --- loading ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the summary on the database lane."""
        self._generation += 1
        generation = self._generation
        queries = self._ctx.services.queries
        attention = self._ctx.services.attention
        self._ctx.runner.run(
            lambda _token: queries.home(),
            on_done=lambda summary: self._on_summary_loaded(generation, summary),
            on_error=self._on_summary_failed,
        )
        self._ctx.runner.run(
            lambda _token: attention.notices(),
            on_done=lambda cards: self._on_notices_loaded(generation, cards),
            on_error=self._on_summary_failed,
        )

    def _update_attention_text(self) -> None:
        """What waits in « À traiter »: decisions, then notices to read (a notice asks
        for no decision)."""
        notices = min(self._notices, self._waiting)
        decisions = self._waiting - notices
        loc = french()
        parts = []
        if decisions:
            parts.append(
                "⚠ "
                + self._plural(
                    decisions,
                    self.tr("Une modification demande votre décision."),
                    self.tr("{n} modifications demandent votre décision."),
                ).format(n=loc.toString(decisions))
            )
        if notices:
            parts.append(
                "ℹ "
                + self._plural(
                    notices, self.tr("Un avis à lire."), self.tr("{n} avis à lire.")
                ).format(n=loc.toString(notices))
            )
        self._attention_text.setText(" ".join(parts))
        self._attention_row.setVisible(bool(self._waiting))

    def _on_notices_loaded(self, generation: int, cards: list[AttentionCard]) -> None:
        if generation == self._generation:
            self.show_notices(cards)

    def show_notices(self, cards: list[AttentionCard]) -> None:
        """The first notices, each with « Rétablir ma valeur » (an overwritten value) and
        « C'est bon »; the rest are counted (all are in « À traiter »)."""
        for row in self.notice_rows():
            row.setParent(None)
            row.deleteLater()
        for card in cards[:HOME_NOTICES]:
            self._notices_layout.insertWidget(
                self._notices_layout.count() - 1, self._notice_row(card)
            )
        more = len(cards) - HOME_NOTICES
        self._notices_more.setText(
            self._plural(
                more,
                self.tr("… et un autre avis dans « À traiter »."),
                self.tr("… et {n} autres avis dans « À traiter »."),
            ).format(n=more)
        )
        self._notices_more.setVisible(more > 0)
        self._notices_box.setVisible(bool(cards))
        self._notices = len(cards)
        self._update_attention_text()

    def _notice_row(self, card: AttentionCard) -> QFrame:
        row = QFrame(self._notices_box)
        row.setObjectName("home_notice")
        row.setProperty("item_id", str(card.id))
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 2, 0, 2)
        text = "ℹ " + core_text(card.message)
        if card.can_restore:
            text += "\n" + self.tr(
                "Votre valeur\u00a0: {mine} — valeur gardée\u00a0: {theirs}"
            ).format(mine=card.mine, theirs=card.theirs)
        label = QLabel(text, row)
        label.setObjectName("home_notice_text")
        label.setWordWrap(True)
        line.addWidget(label, 1)
        for action, caption, shown in (
            ("restore", self.tr("Rétablir ma valeur"), card.can_restore),
            ("dismiss", self.tr("C’est bon"), True),
        ):
            if not shown:
                continue
            button = QPushButton(caption, row)
            button.setObjectName(f"home_notice_{action}")
            button.clicked.connect(lambda _=False, a=action, c=card: self._on_notice_action(a, c))
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _on_notice_action(self, action: str, card: AttentionCard) -> None:
        attention = self._ctx.services.attention
        call = attention.restore_mine if action == "restore" else attention.dismiss
        for row in self.notice_rows():
            if row.property("item_id") == str(card.id):
                for button in row.findChildren(QPushButton):
                    button.setEnabled(False)
        WriteOp(self._ctx, self, lambda _s: call(card.id)).success(
            lambda _v: self.refresh()
        ).message_to(self._say_failed).run()

    def notice_rows(self) -> list[QFrame]:
        return self._notices_box.findChildren(QFrame, "home_notice")

    def _on_hub_changed(self, _changes: frozenset[str]) -> None:
        if self.isVisible():
            self.refresh()

    def _on_summary_failed(self, error: KnownError) -> None:
        self._say_failed(error.message)

    def _say_failed(self, message: str) -> None:
        self._error.setText("⚠ " + message)
        self._error.show()

    def _on_summary_loaded(self, generation: int, summary: HomeSummary) -> None:
        if generation != self._generation:
            return  # an older answer overtaken by a newer request
        self.show_summary(summary)
        self.summary_loaded.emit(summary)

    # --- showing ----------------------------------------------------------------------

    def show_summary(self, summary: HomeSummary) -> None:
        loc = french()
        today = loc.toString(qdate(summary.today), "dddd d MMMM yyyy")
        self._today.setText(today[:1].upper() + today[1:])
        # A parked change opens its own item: the larger count is the number of those cards;
        # each workshop sent back for correction is one more (as in « À traiter »).
        waiting = max(summary.open_attention_items, summary.parked_ops) + summary.corrections
        self.today_card.set_value(
            len(summary.today_workshops),
            self._plural(
                len(summary.today_workshops),
                self.tr("atelier aujourd’hui"),
                self.tr("ateliers aujourd’hui"),
            ),
        )
        self.pending_card.set_value(
            summary.pending_ops,
            self._plural(
                summary.pending_ops,
                self.tr("modification en attente de connexion"),
                self.tr("modifications en attente de connexion"),
            ),
        )
        self.attention_card.set_value(
            waiting,
            self._plural(waiting, self.tr("élément à traiter"), self.tr("éléments à traiter")),
        )
        self.overdue_card.set_value(
            summary.overdue_handouts,
            self._plural(
                summary.overdue_handouts, self.tr("prêt en retard"), self.tr("prêts en retard")
            ),
        )
        self._waiting = waiting
        self._update_attention_text()

        self._workshops.clear()
        for workshop in summary.today_workshops + summary.upcoming_workshops:
            self._add_workshop(workshop, summary.today)
        if not summary.today_workshops and not summary.upcoming_workshops:
            empty = QTreeWidgetItem(
                self._workshops, ["", "", self.tr("Aucun atelier prévu dans les 14 jours."), ""]
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)

        self._handouts.clear()
        for handout in summary.handouts_due:
            self._add_handout(handout)
        self._workshops.updateGeometry()
        self._handouts.updateGeometry()
        if not summary.handouts_due:
            empty = QTreeWidgetItem(
                self._handouts, [self.tr("Aucun retour prévu cette semaine."), ""]
            )
            empty.setFlags(Qt.ItemFlag.NoItemFlags)

        self._last_sync.setText(self._last_sync_text(summary.last_sync_at))
        self._error.hide()

    def _plural(self, n: int, one: str, many: str) -> str:
        return one if n <= 1 else many

    def _day_text(self, day: date, today: date) -> str:
        delta = (day - today).days
        if delta == 0:
            return self.tr("Aujourd’hui")
        if delta == 1:
            return self.tr("Demain")
        return french().toString(qdate(day), "ddd d MMM")

    def places_text(self, workshop: HomeWorkshop) -> str:
        left = workshop.places_left
        if left is None:
            return self._plural(
                workshop.registered,
                self.tr("Sans limite · {n} inscrit·e"),
                self.tr("Sans limite · {n} inscrit·es"),
            ).format(n=workshop.registered)
        if left == 0:
            text = self.tr("Complet")
            if workshop.waitlisted:
                text += self.tr(" · {n} en attente").format(n=workshop.waitlisted)
            return text
        return self._plural(
            left, self.tr("{n} place restante"), self.tr("{n} places restantes")
        ).format(n=left)

    def _add_workshop(self, workshop: HomeWorkshop, today: date) -> None:
        start = workshop.start_time
        hour = (
            french().toString(QTime(start.hour, start.minute), "HH:mm")
            if isinstance(start, time)
            else ""
        )
        item = QTreeWidgetItem(
            self._workshops,
            [
                self._day_text(workshop.date, today),
                hour,
                workshop.title,
                self.places_text(workshop),
            ],
        )
        item.setData(0, ROW_ROLE, workshop)
        item.setToolTip(2, workshop.title)

    def _add_handout(self, handout: DueHandout) -> None:
        who = handout.guardian_name or self.tr("Famille sans nom")
        devices = self._plural(
            handout.device_count, self.tr("{n} équipement"), self.tr("{n} équipements")
        ).format(n=handout.device_count)
        days = handout.days_left
        if days < 0:
            late = -days
            when = "⚠ " + self._plural(
                late, self.tr("en retard de {n} jour"), self.tr("en retard de {n} jours")
            ).format(n=late)
        elif days == 0:
            when = self.tr("à rendre aujourd’hui")
        elif days == 1:
            when = self.tr("à rendre demain")
        else:
            when = self.tr("à rendre dans {n} jours").format(n=days)
        item = QTreeWidgetItem(self._handouts, [f"{who} · {devices}", when])
        item.setData(0, ROW_ROLE, handout)

    def _last_sync_text(self, when: datetime | None) -> str:
        if when is not None:
            moment = QDateTime.fromString(when.isoformat(), Qt.DateFormat.ISODate).toLocalTime()
            return self.tr("Dernière synchronisation\u00a0: {when}").format(
                #: A QLocale date format: keep the letters, translate the quoted word.
                when=french().toString(moment, self.tr("dddd d MMMM 'à' HH:mm"))
            )
        if self._ctx.store.read_only:
            return self.tr("Données en lecture seule\u00a0: consultation uniquement.")
        return self.tr(
            "Pas encore de synchronisation\u00a0: tout ce que vous saisissez est enregistré sur "
            "ce poste et partira vers le serveur dès qu’une connexion sera disponible."
        )

    def _on_workshops_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        workshop = item.data(0, ROW_ROLE)
        if isinstance(workshop, HomeWorkshop):
            self.workshop_activated.emit(workshop.workshop_id)

    # --- for tests --------------------------------------------------------------------

    def workshop_rows(self) -> list[list[str]]:
        return _rows(self._workshops)

    def handout_rows(self) -> list[list[str]]:
        return _rows(self._handouts)


#: The most rows the home lists ask room for; past it they scroll.
LIST_MAX_ROWS = 12
_ROW_PADDING = 8


class _RoomyRows(QStyledItemDelegate):
    """Rows a little taller than the text, as in the other lists of the application."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + _ROW_PADDING)


class _ContentTree(QTreeWidget):
    """A home list that asks for the height of its rows (three at least, at most
    ``LIST_MAX_ROWS``) instead of a fixed box mostly empty; it still shrinks on a small
    screen, where it scrolls."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        rows = min(max(self.topLevelItemCount(), 3), LIST_MAX_ROWS)
        row = self.sizeHintForRow(0) if self.topLevelItemCount() else self.fontMetrics().height()
        height = self.header().sizeHint().height() + rows * row + 2 * self.frameWidth() + 4
        return QSize(hint.width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), 60)


def _rows(tree: QTreeWidget) -> list[list[str]]:
    out = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        if item is not None:
            out.append([item.text(c) for c in range(tree.columnCount())])
    return out


__all__ = ["FigureCard", "HomePage", "page_title"]
