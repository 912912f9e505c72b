"""Entities of the domain as frozen dataclasses.

Every entity has a client-made UUID ``id`` and the sync metadata of ``Entity`` (version,
tombstone, badge, timestamps). The other fields are its *wire fields*: what travels in sync
ops and pulls (see ``core.wire``). Multi-valued fields are tuples; nested values are frozen
dataclasses.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import ClassVar
from uuid import UUID

from mediator_app.core.enums import (
    AgeBand,
    Audience,
    ConflictKind,
    ConflictStatus,
    ConsentMode,
    ConsentPurpose,
    DeviceCondition,
    DeviceStatus,
    DeviceType,
    EndReason,
    Gender,
    HandoutNature,
    HandoutProgramme,
    InstalmentStatus,
    Level,
    LineEndReason,
    LineStatus,
    LineType,
    Material,
    PartnershipStatus,
    PlaceType,
    Presence,
    RegistrationChannel,
    RegistrationStatus,
    ReviewStatus,
    Role,
    SchoolLevel,
    SignerCapacity,
    SocialStatus,
    StructureKind,
    SyncState,
    Theme,
    Tool,
    WorkshopFormat,
    WorkshopKind,
    WorkshopStatus,
)

#: Namespace of the deterministic ids (attendance, anonymous counts, departments).
TNE_NAMESPACE = uuid.UUID("5b0f3a52-4f4e-4c8e-9a55-7e1d0c2b9a10")

#: Fields of ``Entity`` that are sync metadata, not wire fields.
META_FIELDS = frozenset(
    {"id", "version", "deleted", "sync_state", "created_at", "updated_at", "updated_by"}
)


def attendance_id(workshop_id: UUID, participant_id: UUID) -> UUID:
    """The id of a parent's attendance at a workshop, the same on every laptop."""
    return uuid.uuid5(TNE_NAMESPACE, f"attendance:{workshop_id}:{participant_id}")


def anonymous_counts_id(workshop_id: UUID) -> UUID:
    """The id of a workshop's anonymous counts, the same on every laptop."""
    return uuid.uuid5(TNE_NAMESPACE, f"anonymous_counts:{workshop_id}")


def department_id(code: str) -> UUID:
    """The id of a département from its code ("95", "2A", "971")."""
    return uuid.uuid5(TNE_NAMESPACE, f"department:{code}")


def new_id() -> UUID:
    """A fresh random id for a new record."""
    return uuid.uuid4()


@dataclass(frozen=True, kw_only=True)
class Entity:
    """Sync metadata common to every synced entity."""

    entity_name: ClassVar[str] = ""

    id: UUID = field(default_factory=new_id)
    version: int = 0
    deleted: bool = False
    sync_state: SyncState = SyncState.LOCAL
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""


# --- Reference data -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Department(Entity):
    entity_name: ClassVar[str] = "department"
    code: str
    name: str


@dataclass(frozen=True, kw_only=True)
class Structure(Entity):
    entity_name: ClassVar[str] = "structure"
    name: str
    kind: StructureKind = StructureKind.AUTRE
    uai: str | None = None
    address: str = ""
    postcode: str = ""
    commune: str = ""
    insee_code: str = ""
    department_code: str = ""
    proposed: bool = False


@dataclass(frozen=True, kw_only=True)
class Actor(Entity):
    entity_name: ClassVar[str] = "actor"
    display_name: str
    role: Role = Role.MEDIATOR
    structure_id: UUID | None = None
    department_code: str = ""


@dataclass(frozen=True, kw_only=True)
class AgreementTemplate(Entity):
    entity_name: ClassVar[str] = "agreement_template"
    template_version: int = 1
    title: str
    text: str
    language: str = "fr"
    valid_from: date | None = None
    valid_to: date | None = None
    text_sha256: str = ""
    department_code: str = ""


@dataclass(frozen=True, kw_only=True)
class Resource(Entity):
    entity_name: ClassVar[str] = "resource"
    title: str
    kind: str = ""
    audience: str = ""
    url: str = ""


# --- Activity data ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Workshop(Entity):
    """An *atelier*, *café des parents* or other session."""

    entity_name: ClassVar[str] = "workshop"
    format: WorkshopFormat = WorkshopFormat.ATELIER
    kind: WorkshopKind = WorkshopKind.COLLECTIF
    title: str = ""
    date: date
    start_time: time | None = None
    duration_min: int = 90
    place_type: PlaceType = PlaceType.LIEU_ACTIVITE
    # Three structures, never one field for all (docs/architecture.md, "Workshops"):
    # the organiser decides the scope (who sees and edits, which coordinator reviews);
    # the venue is only where it happens; the school is the one it serves.
    organizer_structure_id: UUID | None = None
    venue_structure_id: UUID | None = None
    venue_address: str = ""
    commune: str = ""
    postcode: str = ""
    insee_code: str = ""
    school_id: UUID | None = None
    school_levels: tuple[SchoolLevel, ...] = ()
    themes: tuple[Theme, ...] = ()
    tools: tuple[Tool, ...] = ()
    materials: tuple[Material, ...] = ()
    level: Level | None = None
    tags: tuple[str, ...] = ()
    audience: Audience = Audience.PARENTS
    languages: tuple[str, ...] = ()
    interpreter: bool = False
    co_facilitators: tuple[str, ...] = ()
    resource_ids: tuple[UUID, ...] = ()
    capacity: int | None = None
    status: WorkshopStatus = WorkshopStatus.PLANNED
    notes: str = ""
    owner_id: UUID | None = None
    owner_name: str = ""
    department_code: str = ""
    review_status: ReviewStatus = ReviewStatus.TO_REVIEW
    review_comment: str = ""
    # Professionals trained, by role: only a « Formation de professionnels » counts them
    # (``core.rules.trained_professionals_errors``; docs/architecture.md).
    trained_teachers: int = 0
    trained_educators: int = 0
    trained_social_workers: int = 0
    trained_public_agents: int = 0
    trained_volunteers: int = 0
    trained_others: int = 0

    #: The role counts of a training of professionals, in order, with their French labels.
    TRAINED_ROLES: ClassVar[tuple[tuple[str, str], ...]] = (
        ("trained_teachers", "Enseignants"),
        ("trained_educators", "Animateurs, éducateurs"),
        ("trained_social_workers", "Travailleurs sociaux"),
        ("trained_public_agents", "Agents de collectivité"),
        ("trained_volunteers", "Bénévoles"),
        ("trained_others", "Autres professionnels"),
    )

    @property
    def trained_total(self) -> int:
        return sum(int(getattr(self, name)) for name, _ in self.TRAINED_ROLES)


@dataclass(frozen=True, kw_only=True)
class AnonymousCounts(Entity):
    """Anonymous attendance of a workshop. "Non communiqué" is what each breakdown leaves."""

    entity_name: ClassVar[str] = "anonymous_counts"
    workshop_id: UUID
    total: int = 0
    already_accompanied: int = 0
    gender_female: int = 0
    gender_male: int = 0
    age_under_12: int = 0
    age_12_18: int = 0
    age_18_24: int = 0
    age_25_39: int = 0
    age_40_59: int = 0
    age_60_69: int = 0
    age_70_plus: int = 0
    status_in_school: int = 0
    status_unemployed: int = 0
    status_employed: int = 0
    status_retired: int = 0
    children_present: int = 0

    GENDER_FIELDS: ClassVar[tuple[str, ...]] = ("gender_female", "gender_male")
    AGE_FIELDS: ClassVar[tuple[str, ...]] = (
        "age_under_12",
        "age_12_18",
        "age_18_24",
        "age_25_39",
        "age_40_59",
        "age_60_69",
        "age_70_plus",
    )
    STATUS_FIELDS: ClassVar[tuple[str, ...]] = (
        "status_in_school",
        "status_unemployed",
        "status_employed",
        "status_retired",
    )

    def _remainder(self, names: tuple[str, ...]) -> int:
        return self.total - sum(int(getattr(self, n)) for n in names)

    @property
    def gender_unknown(self) -> int:
        """Genre « non communiqué »: the total minus the declared genders."""
        return self._remainder(self.GENDER_FIELDS)

    @property
    def age_unknown(self) -> int:
        """Tranche d'âge « non communiquée »."""
        return self._remainder(self.AGE_FIELDS)

    @property
    def status_unknown(self) -> int:
        """Statut « non communiqué »."""
        return self._remainder(self.STATUS_FIELDS)


#: La Coop's value of each breakdown field of ``AnonymousCounts``: the counts panel shows
#: their labels (``core.enums.label``) and the Coop export spreads the counts over them.
COUNT_GENDERS: dict[str, Gender] = {
    "gender_female": Gender.FEMININ,
    "gender_male": Gender.MASCULIN,
}
COUNT_AGE_BANDS: dict[str, AgeBand] = {
    "age_under_12": AgeBand.MOINS_12,
    "age_12_18": AgeBand.DE_12_18,
    "age_18_24": AgeBand.DE_18_24,
    "age_25_39": AgeBand.DE_25_39,
    "age_40_59": AgeBand.DE_40_59,
    "age_60_69": AgeBand.DE_60_69,
    "age_70_plus": AgeBand.PLUS_70,
}
COUNT_STATUSES: dict[str, SocialStatus] = {
    "status_in_school": SocialStatus.SCOLARISE,
    "status_unemployed": SocialStatus.SANS_EMPLOI,
    "status_employed": SocialStatus.EN_EMPLOI,
    "status_retired": SocialStatus.RETRAITE,
}


@dataclass(frozen=True)
class Child:
    """A participant's child (first name optional)."""

    first_name: str = ""
    school_level: SchoolLevel | None = None
    school_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class Participant(Entity):
    """A parent / *bénéficiaire*."""

    entity_name: ClassVar[str] = "participant"
    first_name: str = ""
    last_name: str = ""
    phone: str | None = None
    email: str | None = None
    commune: str = ""
    gender: Gender | None = None
    age_band: AgeBand | None = None
    social_status: SocialStatus | None = None
    languages: tuple[str, ...] = ()
    interpreter_needed: bool = False
    children: tuple[Child, ...] = ()
    consent_date: date | None = None
    consent_purposes: tuple[ConsentPurpose, ...] = ()
    consent_mode: ConsentMode | None = None
    notice_version: str = ""
    last_contact_at: date | None = None
    retention_until: date | None = None
    notes: str = ""
    anonymised: bool = False
    merged_into: UUID | None = None
    parent_resource: bool = False
    #: When the family's parent became a *Parent Ressource* (a volunteer co-facilitator).
    parent_resource_since: date | None = None
    structure_id: UUID | None = None
    department_code: str = ""

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True, kw_only=True)
class Registration(Entity):
    """An *inscription* to a workshop, of a known participant or a quick contact."""

    entity_name: ClassVar[str] = "registration"
    workshop_id: UUID
    participant_id: UUID | None = None
    contact_name: str = ""
    contact_phone: str | None = None
    status: RegistrationStatus = RegistrationStatus.REGISTERED
    waitlist_rank: int | None = None
    channel: RegistrationChannel = RegistrationChannel.TELEPHONE
    registered_at: datetime | None = None


@dataclass(frozen=True, kw_only=True)
class Attendance(Entity):
    """A *présence*: its id is ``attendance_id(workshop_id, participant_id)``."""

    entity_name: ClassVar[str] = "attendance"
    workshop_id: UUID
    participant_id: UUID
    status: Presence = Presence.PRESENT
    children_count: int = 0
    arrived_at: datetime | None = None
    #: A *Parent Ressource* who co-facilitated the workshop (present, never a mere guest).
    co_facilitated: bool = False


@dataclass(frozen=True, kw_only=True)
class Device(Entity):
    """An *équipement*: laptop, tablet, 4G box, …"""

    entity_name: ClassVar[str] = "device"
    device_type: DeviceType = DeviceType.LAPTOP
    brand: str = ""
    model: str = ""
    serial_number: str
    asset_tag: str
    imei: str | None = None
    condition: DeviceCondition = DeviceCondition.NEW
    status: DeviceStatus = DeviceStatus.IN_STOCK
    owner_structure_id: UUID | None = None
    programme: str = ""
    acquired_on: date | None = None
    notes: str = ""
    department_code: str = ""


@dataclass(frozen=True, kw_only=True)
class ConnectivityLine(Entity):
    """A data line (SIM or 4G box plan)."""

    entity_name: ClassVar[str] = "connectivity_line"
    operator: str = ""
    line_type: LineType = LineType.SIM_DATA
    iccid: str = ""
    line_number: str = ""
    data_plan: str = ""
    start_date: date | None = None
    end_date: date | None = None
    status: LineStatus = LineStatus.ACTIVE
    device_id: UUID | None = None
    structure_id: UUID | None = None
    department_code: str = ""
    #: Why the line ended; set with ``status = TERMINATED`` (core.validation.validate_line).
    end_reason: LineEndReason | None = None


@dataclass(frozen=True, kw_only=True)
class Handout(Entity):
    """A *remise* (gift) or *prêt* (loan) of devices to a family, with its signed agreement."""

    entity_name: ClassVar[str] = "handout"
    nature: HandoutNature = HandoutNature.LOAN
    guardian_id: UUID | None = None
    pupil_first_name: str = ""
    pupil_last_name: str = ""
    pupil_level: str = ""
    pupil_school_id: UUID | None = None
    #: Réussite Connectée: the pupil's collège (``pupil_school_id``) is what is counted.
    programme: HandoutProgramme | None = None
    device_ids: tuple[UUID, ...] = ()
    accessories: tuple[str, ...] = ()
    line_id: UUID | None = None
    handed_at: datetime
    expected_return: date | None = None
    returned_at: datetime | None = None
    condition_out: DeviceCondition | None = None
    condition_in: DeviceCondition | None = None
    end_reason: EndReason | None = None
    agreement_template_id: UUID | None = None
    agreement_version: int | None = None
    agreement_hash: str = ""
    agreement_text: str = ""
    signature_png: bytes | None = None
    signer_name: str = ""
    signer_capacity: SignerCapacity | None = None
    signed_at: datetime | None = None
    structure_id: UUID | None = None
    department_code: str = ""

    @property
    def is_open(self) -> bool:
        return self.returned_at is None and self.nature is HandoutNature.LOAN


@dataclass(frozen=True, kw_only=True)
class SyncConflict(Entity):
    """A conflict or rejection opened by the server, shown in « À traiter »."""

    entity_name: ClassVar[str] = "sync_conflict"
    entity: str
    row_id: UUID
    field_name: str = ""
    kind: ConflictKind = ConflictKind.FIELD
    base_value: str = ""
    server_value: str = ""
    client_value: str = ""
    status: ConflictStatus = ConflictStatus.OPEN
    resolution: str = ""
    op_id: UUID | None = None
    author_name: str = ""
    structure_id: UUID | None = None
    department_code: str = ""


# --- The département's programme: partnerships and school targets -------------------


@dataclass(frozen=True, kw_only=True)
class Partnership(Entity):
    """A partner structure's convention with the département for one school year.

    Written by the département's coordinators; the partner's mediators read theirs.
    Amounts are in euro cents.
    """

    entity_name: ClassVar[str] = "partnership"
    department_code: str = ""
    school_year: str
    partner_structure_id: UUID
    title: str = ""
    status: PartnershipStatus = PartnershipStatus.EN_PREPARATION
    signed_on: date | None = None
    objective_workshops: int = 0
    objective_schools: int = 0
    objective_trained: int = 0
    subsidy_cents: int = 0
    documents: str = ""
    notes: str = ""


@dataclass(frozen=True, kw_only=True)
class PartnershipInstalment(Entity):
    """One instalment (*versement*) of a partnership's subsidy. It carries its
    partnership's département and partner so that its scope never depends on another row."""

    entity_name: ClassVar[str] = "partnership_instalment"
    partnership_id: UUID
    department_code: str = ""
    partner_structure_id: UUID
    label: str = ""
    due_on: date
    amount_cents: int = 0
    status: InstalmentStatus = InstalmentStatus.PREVU
    paid_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class SchoolTarget(Entity):
    """A school the département aims to cover in a school year (from the national school
    directory); its id is derived from the year and the UAI, so a re-import never doubles."""

    entity_name: ClassVar[str] = "school_target"
    department_code: str = ""
    school_year: str
    uai: str
    school_id: UUID
    school_name: str = ""
    commune: str = ""


def school_target_id(school_year: str, uai: str) -> UUID:
    """The id of a school target (the same on every laptop and on the server)."""
    return uuid.uuid5(TNE_NAMESPACE, f"school_target:{school_year}:{uai}")


def structure_id_for_uai(uai: str) -> UUID:
    """The id of a school from its UAI (a directory import updates, never duplicates)."""
    return uuid.uuid5(TNE_NAMESPACE, f"structure:{uai}")


#: Every synced entity class, by wire name, in dependency order (parents first).
ENTITIES: dict[str, type[Entity]] = {
    cls.entity_name: cls
    for cls in (
        Department,
        Structure,
        Actor,
        AgreementTemplate,
        Resource,
        Workshop,
        AnonymousCounts,
        Participant,
        Registration,
        Attendance,
        Device,
        ConnectivityLine,
        Handout,
        Partnership,
        PartnershipInstalment,
        SchoolTarget,
        SyncConflict,
    )
}

#: The département's own programme data: written by its coordinators (docs/architecture.md).
DEPARTMENT_ENTITIES = frozenset({"partnership", "partnership_instalment", "school_target"})

#: Entities owned by the server (pulled, read-only on clients; structures may be proposed).
REFERENCE_ENTITIES = frozenset(
    {"department", "structure", "actor", "agreement_template", "resource"}
)
