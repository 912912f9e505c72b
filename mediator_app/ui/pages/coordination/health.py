"""The *Santé des synchros* tab: each device's last sync, asked of the server."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mediator_app.core.enums import Role
from mediator_app.core.errors import KnownError
from mediator_app.sync.health import DeviceHealth, SyncHealth, health_fetcher
from mediator_app.ui.context import AppContext
from mediator_app.ui.core_labels import label
from mediator_app.ui.models.review_table import (
    RowsTableModel,
    TableColumn,
    french_date,
)
from mediator_app.ui.pages.coordination.shared import (
    NBSP,
    CoordinationBase,
    count_text,
    fr,
    page_table,
)
from mediator_app.ui.widgets.french import plural


class HealthTab(CoordinationBase):
    """The sync health of the département's devices (network lane)."""

    _fetch_health: Callable[[], SyncHealth]
    _health_loaded: bool
    _health: SyncHealth | None

    def _build_health_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("health_tab")
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(8, 8, 8, 8)
        top = QHBoxLayout()
        self._health_summary = QLabel(
            self.tr("L’état des postes est demandé au serveur à l’ouverture de cet onglet."),
            tab,
        )
        self._health_summary.setObjectName("health_summary_label")
        self._health_summary.setWordWrap(True)
        self._health_refresh = QPushButton(self.tr("&Actualiser"), tab)
        self._health_refresh.setObjectName("health_refresh_button")
        self._health_refresh.clicked.connect(self.refresh_health)
        top.addWidget(self._health_summary, 1)
        top.addWidget(self._health_refresh)
        layout.addLayout(top)
        self._health_message = QLabel(tab)
        self._health_message.setObjectName("health_message_label")
        self._health_message.setWordWrap(True)
        self._health_message.hide()
        layout.addWidget(self._health_message)

        def last_sync(d: DeviceHealth) -> str:
            return french_date(d.last_sync_at) if d.last_sync_at else self.tr("jamais")

        self.health_model = RowsTableModel(
            (
                TableColumn(self.tr("Personne"), lambda d: d.display_name),
                TableColumn(self.tr("Rôle"), _role_text),
                TableColumn(self.tr("Lieu"), lambda d: d.structure_name),
                TableColumn(self.tr("Poste"), lambda d: d.device_name),
                TableColumn(
                    self.tr("Dernière synchronisation"),
                    last_sync,
                    sort=lambda d: d.last_sync_at.isoformat() if d.last_sync_at else "",
                ),
                TableColumn(
                    self.tr("En attente"),
                    lambda d: count_text(d.pending),
                    sort=lambda d: -1 if d.pending is None else d.pending,
                    numeric=True,
                ),
                TableColumn(
                    self.tr("Mises de côté"),
                    lambda d: count_text(d.parked),
                    sort=lambda d: -1 if d.parked is None else d.parked,
                    numeric=True,
                ),
                TableColumn(self.tr("Version"), lambda d: d.app_version),
                TableColumn(self.tr("Alertes"), self._flags_text),
            ),
            self,
        )
        # The person and the place are free texts; the alerts stay whole (fitted).
        self.health_table = page_table(
            "health_table",
            self.health_model,
            tab,
            self.tr("Santé des synchronisations"),
            (0, 2),
            (7, 1, 3),  # the version, the role, the device give way on a narrow window
        )
        layout.addWidget(self.health_table, 1)
        note = QLabel(
            self.tr(
                "« En attente » et « Mises de côté » sont les chiffres envoyés par chaque poste "
                "à sa dernière synchronisation. Une modification mise de côté attend une "
                "décision sur le poste (écran « À traiter »)."
            ),
            tab,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        QWidget.setTabOrder(self._health_refresh, self.health_table)
        return tab

    @property
    def sync_health(self) -> SyncHealth | None:
        return self._health

    def _flags_text(self, d: DeviceHealth) -> str:
        flags = []
        if d.stale:
            flags.append(
                self.tr("⚠ aucune synchronisation depuis {n} jours").format(n=14)
                if d.last_sync_at is not None
                else self.tr("⚠ jamais synchronisé")
            )
        if d.has_parked:
            flags.append(self.tr("⚠ modifications mises de côté"))
        return " ; ".join(flags) if flags else self.tr("✓ à jour")

    def refresh_health(self) -> None:
        """Ask the server for the sync health (network lane)."""
        self._health_loaded = True
        self._health_refresh.setEnabled(False)
        self._health_summary.setText(self.tr("Interrogation du serveur…"))
        fetch = self._fetch_health
        self._ctx.runner.run(
            lambda _t: fetch(),
            on_done=self._on_health_loaded,
            on_error=self._on_health_failed,
            lane="net",
        )

    def _on_health_loaded(self, health: SyncHealth) -> None:
        self._health = health
        self._health_refresh.setEnabled(True)
        self._health_message.hide()
        self.health_model.set_rows(health.devices)
        when = (
            fr().toString(QDateTime(health.generated_at).toLocalTime(), "HH:mm")
            if health.generated_at
            else ""
        )
        devices = plural(len(health.devices), self.tr("{n} poste"), self.tr("{n} postes"))
        flagged = plural(health.flagged, self.tr("{n} à surveiller"), self.tr("{n} à surveiller"))
        self._health_summary.setText(
            self.tr("{devices} · {flagged} · état du serveur à {when}").format(
                devices=devices, flagged=flagged, when=when
            )
        )

    def _on_health_failed(self, error: KnownError) -> None:
        self._health_refresh.setEnabled(True)
        if error.code == "network_unavailable":
            text = self.tr(
                "Hors connexion : l’état des synchronisations est connu du serveur seulement. "
                "Il s’affichera dès que la connexion reviendra (bouton « Actualiser »)."
            )
        elif error.code == "auth":
            text = self.tr("Connexion au serveur nécessaire{sp}: {message}").format(
                sp=NBSP, message=error.message
            )
        else:
            text = error.message
        self._health_summary.setText(self.tr("État des postes indisponible."))
        self._health_message.setText(f"⚠ {text}")
        self._health_message.show()


def _role_text(d: DeviceHealth) -> str:
    try:
        return label(Role(d.role))
    except ValueError:
        return d.role


def default_fetcher(ctx: AppContext) -> Callable[[], SyncHealth]:
    return health_fetcher(ctx.store)
