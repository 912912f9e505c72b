"""One table per shared rule, fed to the laptop's services and to the real server over HTTP.

Every decision both sides take is one function of ``mediator_app.core.rules`` (see
docs/architecture.md, « Où vit chaque règle »). Each case below is played twice: through
the client service on a real local store (what a mediator's click does), and as ops sent
by HTTP to the real ``tne_api`` on 127.0.0.1 (what any laptop's queue does). Both must
give the verdict of the table, so the test fails if either side changes alone. Where the
laptop decided, its ops are then synced and the server must keep what it decided.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
import sqlalchemy as sa

from mediator_app.core.entities import (
    AgreementTemplate,
    AnonymousCounts,
    Attendance,
    Device,
    Handout,
    Participant,
    Partnership,
    Registration,
    Workshop,
    attendance_id,
)
from mediator_app.core.enums import (
    ConsentMode,
    ConsentPurpose,
    DeviceType,
    EndReason,
    HandoutNature,
    Presence,
    RegistrationChannel,
    ReviewStatus,
    SignerCapacity,
    Theme,
    WorkshopFormat,
    WorkshopKind,
)
from mediator_app.core.errors import BusinessRuleError, ValidationError
from mediator_app.core.wire import to_wire
from mediator_app.local_store.schema import attention_item
from mediator_app.local_store.services.attendance import AttendanceService
from mediator_app.local_store.services.devices import DeviceService
from mediator_app.local_store.services.handouts import HandoutDraft, HandoutService
from mediator_app.local_store.services.participants import ParticipantService
from mediator_app.local_store.services.programme import ProgrammeService
from mediator_app.local_store.services.registrations import RegistrationService
from mediator_app.local_store.services.review import ReviewService
from mediator_app.local_store.services.workshops import WorkshopService
from tests.server.helpers import Client as Api
from tests.support.clients import Client, make_client
from tests.support.live_server import LiveServer

PASSWORD = "correct-horse-42"
OK = "ok"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
HANDED = datetime(2026, 10, 5, 9, 30, tzinfo=UTC)


@dataclass
class Setting:
    server: LiveServer
    structure: UUID
    laptop: Client
    coord_laptop: Client
    api: Api
    coord_api: Api


@pytest.fixture
def setting(server: LiveServer, tmp_path: Path) -> Iterator[Setting]:
    structure = server.create_structure("Association Médiation 95", kind="association")
    template = AgreementTemplate(
        title="Convention de prêt",
        text="Famille : {{famille}}\nMatériel :\n{{equipements}}\n",
        valid_from=date(2025, 8, 1),
        department_code="95",
    )
    server.sync.server_upsert("agreement_template", template.id, to_wire(template))
    server.create_user("amina@tne.test", PASSWORD, "mediator", structure_id=structure)
    server.create_user("coord@tne.test", PASSWORD, "coordinator")
    laptop = make_client(tmp_path, "amina")
    coord_laptop = make_client(tmp_path, "coord")
    laptop.login(server.base_url, "amina@tne.test", PASSWORD)
    coord_laptop.login(server.base_url, "coord@tne.test", PASSWORD)
    laptop.sync()
    yield Setting(
        server,
        structure,
        laptop,
        coord_laptop,
        Api(server.base_url, "amina@tne.test", PASSWORD),
        Api(server.base_url, "coord@tne.test", PASSWORD),
    )
    laptop.close()
    coord_laptop.close()


# --- Playing a case on each side ---------------------------------------------------------


def _workshop(s: Setting, **over: Any) -> Workshop:
    values: dict[str, Any] = dict(
        format=WorkshopFormat.ATELIER,
        title="Suivre la scolarité sur l’ENT",
        date=date(2026, 11, 20),
        themes=(Theme.SCOLARITE_ET_NUMERIQUE,),
        organizer_structure_id=s.structure,
        venue_structure_id=s.structure,
        department_code="95",
    )
    values.update(over)
    return Workshop(**values)


def _laptop_verdict(action: Any) -> Any:
    """``OK`` (and the action's value), or the refusal: error fields or "refused"."""
    try:
        return OK, action()
    except ValidationError as exc:
        return tuple(sorted(exc.errors)), None
    except BusinessRuleError:
        return "refused", None


def _server_verdict(result: dict[str, Any]) -> Any:
    if result["status"] in ("applied", "merged"):
        return OK
    if result["status"] == "rejected" and result.get("errors"):
        return tuple(sorted(result["errors"]))
    return "refused"


def _push(api: Api, obj: Any, kind: str = "create", **values: Any) -> dict[str, Any]:
    """Send ``obj`` as new (with ``values`` over it), or an update of ``values`` made on
    the server's current version of the row (as a laptop that is up to date sends it)."""
    changes = {k: _json(v) for k, v in values.items()}
    if kind == "create":
        op = api.op(obj.entity_name, obj.id, set={**to_wire(obj), **changes})
    else:
        api.pull_all()
        current = api.row(obj.entity_name, obj.id)
        assert current is not None
        base = {k: current["data"][k] for k in changes}
        op = api.op(
            obj.entity_name,
            obj.id,
            kind="update",
            set=changes,
            base_version=current["version"],
            base=base,
        )
    return api.push1(op)


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    return value.value if hasattr(value, "value") else value


def _server_row(api: Api, entity: str, row_id: UUID) -> dict[str, Any]:
    api.pull_all()
    row = api.row(entity, row_id)
    assert row is not None
    return row["data"]


def _synced_cleanly(laptop: Client) -> None:
    report = laptop.sync()
    assert report.parked == 0
    assert laptop.outbox("parked") == [] and laptop.outbox("pending") == []


# --- Arrival at a workshop: places left, next waitlist rank, walk-ins ------------------

ARRIVAL = [
    # capacity, people already registering by phone, how the newcomer comes, where they land
    pytest.param(None, 4, "telephone", ("registered", None), id="no-limit"),
    pytest.param(3, 2, "telephone", ("registered", None), id="a-place-left"),
    pytest.param(3, 3, "telephone", ("waitlist", 1), id="full-first-waiting"),
    pytest.param(3, 4, "telephone", ("waitlist", 2), id="full-next-rank"),
    pytest.param(3, 3, "walk_in", ("registered", None), id="walk-in-at-full-workshop"),
    pytest.param(3, 4, "walk_in", ("registered", None), id="walk-in-with-a-waitlist"),
]


@pytest.mark.parametrize(("capacity", "before", "how", "expected"), ARRIVAL)
def test_arrival(
    setting: Setting, capacity: int | None, before: int, how: str, expected: tuple[Any, ...]
) -> None:
    s = setting
    # The laptop: the service a mediator's click calls.
    w = WorkshopService(s.laptop.store).create(_workshop(s, capacity=capacity)).value
    regs = RegistrationService(s.laptop.store)
    for i in range(before):
        regs.register_contact(w.id, f"Parent {i}", channel=RegistrationChannel.TELEPHONE)
    if how == "walk_in":
        reg = AttendanceService(s.laptop.store).mark_walk_in(w.id, "Awa", "Koné").value.registration
    else:
        reg = regs.register_contact(w.id, "Awa Koné", channel=RegistrationChannel.TELEPHONE).value
    assert (reg.status.value, reg.waitlist_rank) == expected
    # Its queue reaches the server, which keeps what the laptop decided (nobody is moved
    # to the waitlist behind the mediator's back).
    _synced_cleanly(s.laptop)
    row = _server_row(s.api, "registration", reg.id)
    assert (row["status"], row["waitlist_rank"]) == expected
    with s.laptop.store.read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(attention_item)).scalar() == 0

    # The server: a laptop that sends "registered" whatever the count.
    sw = _workshop(s, capacity=capacity)
    assert _push(s.api, sw)["status"] == "applied"
    for i in range(before):
        _push(
            s.api,
            Registration(workshop_id=sw.id, contact_name=f"Parent {i}"),
            channel="telephone",
        )
    channel = "sur_place" if how == "walk_in" else "telephone"
    newcomer = Registration(workshop_id=sw.id, contact_name="Awa Koné")
    result = _push(s.api, newcomer, channel=channel, status="registered")
    assert result["message_key"] == ("capacity_full" if expected[0] == "waitlist" else None)
    row = _server_row(s.api, "registration", newcomer.id)
    assert (row["status"], row["waitlist_rank"]) == expected


# --- The number of places, and a held workshop's validity -------------------------------

CAPACITY = [
    # capacity, registered (some as walk-ins past it), new capacity (None: mark held)
    pytest.param(2, 3, None, OK, id="walk-ins-past-capacity-then-held"),
    pytest.param(5, 3, 2, ("capacity",), id="lowered-under-registered"),
    pytest.param(3, 3, 6, OK, id="raised"),
    pytest.param(3, 0, 0, ("capacity",), id="zero-places"),
]


@pytest.mark.parametrize(("capacity", "registered", "new", "expected"), CAPACITY)
def test_capacity(
    setting: Setting, capacity: int, registered: int, new: int | None, expected: Any
) -> None:
    s = setting
    svc = WorkshopService(s.laptop.store)
    w = svc.create(_workshop(s, capacity=capacity)).value
    att = AttendanceService(s.laptop.store)
    for i in range(registered):
        att.mark_walk_in(w.id, f"Parent{i}", "Test")

    def change() -> Workshop:
        if new is None:
            return svc.mark_held(w.id).value
        return svc.update(w.id, capacity=new).value

    assert _laptop_verdict(change)[0] == expected
    _synced_cleanly(s.laptop)

    sw = _workshop(s, capacity=capacity)
    _push(s.api, sw)
    for i in range(registered):
        p = Participant(first_name=f"Parent{i}", last_name="Test", structure_id=s.structure)
        _push(s.api, p)
        _push(
            s.api,
            Registration(workshop_id=sw.id, participant_id=p.id),
            channel="sur_place",
        )
        _push(
            s.api,
            Attendance(
                id=attendance_id(sw.id, p.id),
                workshop_id=sw.id,
                participant_id=p.id,
                status=Presence.PRESENT,
            ),
        )
    if new is None:
        result = _push(s.api, sw, kind="update", status="held")
    else:
        result = _push(s.api, sw, kind="update", capacity=new)
    assert _server_verdict(result) == expected


HELD = [
    # kind, parents marked present, anonymous count (dated 20 November 2026 unless said)
    pytest.param(WorkshopFormat.ATELIER, 0, 0, ("status",), id="collective-empty"),
    pytest.param("next-month", 3, 0, ("status",), id="before-its-day"),
    pytest.param(WorkshopFormat.ATELIER, 1, 0, OK, id="collective-one-present"),
    pytest.param(WorkshopFormat.ATELIER, 0, 3, OK, id="collective-anonymous-only"),
    pytest.param(WorkshopFormat.ACCOMPAGNEMENT_INDIVIDUEL, 0, 0, OK, id="individual"),
]


@pytest.mark.parametrize(("fmt", "present", "anonymous", "expected"), HELD)
def test_held_workshop(
    setting: Setting, fmt: WorkshopFormat | str, present: int, anonymous: int, expected: Any
) -> None:
    s = setting
    over: dict[str, Any] = {}
    if fmt == "next-month":
        fmt, over["date"] = WorkshopFormat.ATELIER, datetime.now(UTC).date() + timedelta(days=31)
    kind = WorkshopKind.INDIVIDUEL if fmt is WorkshopFormat.ACCOMPAGNEMENT_INDIVIDUEL else None
    over["format"] = fmt
    if kind is not None:
        over.update(kind=kind, title="")
    svc = WorkshopService(s.laptop.store)
    w = svc.create(_workshop(s, **over)).value
    for i in range(present):
        AttendanceService(s.laptop.store).mark_walk_in(w.id, f"Parent{i}", "Test")
    if anonymous:
        svc.set_anonymous_counts(w.id, total=anonymous)
    assert _laptop_verdict(lambda: svc.mark_held(w.id))[0] == expected
    _synced_cleanly(s.laptop)

    sw = _workshop(s, **over)
    _push(s.api, sw)
    for i in range(present):
        p = Participant(first_name=f"Parent{i}", last_name="Test", structure_id=s.structure)
        _push(s.api, p)
        _push(
            s.api,
            Attendance(
                id=attendance_id(sw.id, p.id),
                workshop_id=sw.id,
                participant_id=p.id,
                status=Presence.PRESENT,
            ),
        )
    if anonymous:
        _push(s.api, AnonymousCounts(workshop_id=sw.id, total=anonymous))
    assert _server_verdict(_push(s.api, sw, kind="update", status="held")) == expected


# --- Anonymous breakdowns -----------------------------------------------------------------

ANONYMOUS = [
    pytest.param({"total": 5, "gender_female": 2, "gender_male": 3}, OK, id="adds-up"),
    pytest.param({"total": 5, "gender_female": 3, "gender_male": 3}, ("gender",), id="genders"),
    pytest.param({"total": 4, "age_25_39": 3, "age_40_59": 2}, ("age",), id="ages"),
    pytest.param({"total": 2, "already_accompanied": 3}, ("already_accompanied",), id="alr"),
    pytest.param({"total": -1}, ("total",), id="negative"),
]


@pytest.mark.parametrize(("counts", "expected"), ANONYMOUS)
def test_anonymous_breakdown(setting: Setting, counts: dict[str, int], expected: Any) -> None:
    s = setting
    svc = WorkshopService(s.laptop.store)
    w = svc.create(_workshop(s)).value
    assert _laptop_verdict(lambda: svc.set_anonymous_counts(w.id, **counts))[0] == expected
    _synced_cleanly(s.laptop)

    sw = _workshop(s)
    _push(s.api, sw)
    result = _push(s.api, AnonymousCounts(workshop_id=sw.id), **counts)
    assert _server_verdict(result) == expected


# --- Consent ------------------------------------------------------------------------------

TODAY = datetime.now(UTC).date()
CONSENT = [
    # purposes, notice version, date
    pytest.param((ConsentPurpose.SUIVI,), "2025-09", TODAY, OK, id="complete"),
    pytest.param((), "2025-09", TODAY, ("consent_purposes",), id="no-purpose"),
    pytest.param(
        (ConsentPurpose.CONTACT,),
        "2025-09",
        TODAY + timedelta(days=30),
        ("consent_date",),
        id="in-the-future",
    ),
]


@pytest.mark.parametrize(("purposes", "notice", "on", "expected"), CONSENT)
def test_consent(
    setting: Setting,
    purposes: tuple[ConsentPurpose, ...],
    notice: str,
    on: date,
    expected: Any,
) -> None:
    s = setting
    svc = ParticipantService(s.laptop.store)
    p = svc.create(Participant(first_name="Fatou", last_name="Diallo")).value

    def record() -> Participant:
        return svc.record_consent(
            p.id, on=on, purposes=purposes, mode=ConsentMode.ORAL, notice_version=notice
        ).value

    assert _laptop_verdict(record)[0] == expected
    _synced_cleanly(s.laptop)

    sp = Participant(first_name="Fatou", last_name="Diallo", structure_id=s.structure)
    result = _push(
        s.api,
        sp,
        consent_date=on,
        consent_purposes=purposes,
        consent_mode="oral",
        notice_version=notice,
    )
    assert _server_verdict(result) == expected


# --- Whether a device is free -------------------------------------------------------------

DEVICES = [
    # the first hand-out of the device, whether it was returned; can it go out again?
    pytest.param(HandoutNature.LOAN, False, "refused", id="lent-not-returned"),
    pytest.param(HandoutNature.LOAN, True, OK, id="lent-and-returned"),
    pytest.param(HandoutNature.GIFT, False, "refused", id="given"),
]


def _draft(guardian: UUID, device: UUID, nature: HandoutNature, template: UUID) -> HandoutDraft:
    return HandoutDraft(
        nature=nature,
        guardian_id=guardian,
        device_ids=(device,),
        handed_at=HANDED,
        agreement_template_id=template,
        expected_return=date(2027, 7, 3) if nature is HandoutNature.LOAN else None,
        pupil_first_name="Moussa",
        pupil_last_name="Diallo",
    )


@pytest.mark.parametrize(("nature", "returned", "expected"), DEVICES)
def test_device_free(
    setting: Setting, nature: HandoutNature, returned: bool, expected: str
) -> None:
    s = setting
    store = s.laptop.store
    guardian = ParticipantService(store).create(Participant(first_name="Fatou", last_name="Diallo"))
    device = DeviceService(store).add(
        Device(device_type=DeviceType.LAPTOP, serial_number="SN-1", asset_tag="TNE95-0001")
    )
    handouts = HandoutService(store)
    template = handouts.templates()[0].id
    sign: dict[str, Any] = dict(
        signature_png=PNG,
        signer_name="Fatou Diallo",
        signer_capacity=SignerCapacity.PARENT,
        signed_at=HANDED,
    )
    first = handouts.open_handout(
        _draft(guardian.value.id, device.value.id, nature, template), **sign
    )
    if returned:
        handouts.return_handout(
            first.value.id, None, EndReason.FIN_SCOLARITE, HANDED + timedelta(1)
        )
    again = _draft(guardian.value.id, device.value.id, HandoutNature.LOAN, template)
    assert _laptop_verdict(lambda: handouts.open_handout(again, **sign))[0] == expected
    _synced_cleanly(s.laptop)

    sp = Participant(first_name="Fatou", last_name="Diallo", structure_id=s.structure)
    sd = Device(
        device_type=DeviceType.LAPTOP,
        serial_number="SN-2",
        asset_tag="TNE95-0002",
        owner_structure_id=s.structure,
    )
    _push(s.api, sp)
    _push(s.api, sd)

    def handout(nature: HandoutNature, returned_at: datetime | None) -> Handout:
        return Handout(
            nature=nature,
            guardian_id=sp.id,
            device_ids=(sd.id,),
            handed_at=HANDED,
            expected_return=date(2027, 7, 3) if nature is HandoutNature.LOAN else None,
            returned_at=returned_at,
            end_reason=EndReason.FIN_SCOLARITE if returned_at else None,
            structure_id=s.structure,
            department_code="95",
            signature_png=PNG,
            signer_name="Fatou Diallo",
            signer_capacity=SignerCapacity.PARENT,
            signed_at=HANDED,
        )

    assert (
        _push(s.api, handout(nature, HANDED + timedelta(1) if returned else None))["status"]
        == "applied"
    )
    result = _push(s.api, handout(HandoutNature.LOAN, None))
    assert _server_verdict(result) == expected
    if expected != OK:
        assert result["message_key"] == "device_already_out"


# --- Who may write the review decision ----------------------------------------------------

REVIEW = [
    # who writes, the review status they set
    pytest.param("mediator", ReviewStatus.VALIDATED, "refused", id="mediator-validates"),
    pytest.param("mediator", ReviewStatus.NEEDS_CORRECTION, "refused", id="mediator-sends-back"),
    pytest.param("mediator", ReviewStatus.TO_REVIEW, OK, id="mediator-resubmits"),
    pytest.param("coordinator", ReviewStatus.VALIDATED, OK, id="coordinator-validates"),
]


@pytest.mark.parametrize(("who", "status", "expected"), REVIEW)
def test_review_decision(setting: Setting, who: str, status: ReviewStatus, expected: str) -> None:
    s = setting
    w = WorkshopService(s.laptop.store).create(_workshop(s)).value
    _synced_cleanly(s.laptop)
    if who == "mediator":
        svc = WorkshopService(s.laptop.store)
        verdict = _laptop_verdict(lambda: svc.update(w.id, review_status=status))[0]
        laptop, api = s.laptop, s.api
    else:
        s.coord_laptop.sync()
        review = ReviewService(s.coord_laptop.store)
        verdict = _laptop_verdict(lambda: review.validate(w.id))[0]
        laptop, api = s.coord_laptop, s.coord_api
    assert verdict == expected
    _synced_cleanly(laptop)

    sw = _workshop(s)
    _push(s.api, sw)
    result = _push(api, sw, kind="update", review_status=status.value)
    assert _server_verdict(result) == expected
    if expected != OK:
        assert result["message_key"] == "review_forbidden"
    row = _server_row(s.api, "workshop", sw.id)
    assert row["review_status"] == (status.value if expected == OK else "to_review")


# --- Who writes the programme (partnerships, school targets) -----------------------------

PROGRAMME = [
    pytest.param("mediator", "refused", id="partner-mediator"),
    pytest.param("coordinator", OK, id="coordinator"),
]


@pytest.mark.parametrize(("who", "expected"), PROGRAMME)
def test_programme_writers(setting: Setting, who: str, expected: str) -> None:
    s = setting
    laptop, api = (s.laptop, s.api) if who == "mediator" else (s.coord_laptop, s.coord_api)
    svc = ProgrammeService(laptop.store)

    def convention() -> Partnership:
        return svc.save_partnership(
            Partnership(school_year="2025-2026", partner_structure_id=s.structure)
        ).value

    assert _laptop_verdict(convention)[0] == expected
    _synced_cleanly(laptop)

    other = Partnership(
        school_year="2026-2027", partner_structure_id=s.structure, department_code="95"
    )
    result = _push(api, other)
    assert _server_verdict(result) == expected
    if expected == OK:
        # The partner's mediator reads it, and may not change it.
        s.api.pull_all()
        assert s.api.row("partnership", other.id) is not None
        edit = _push(s.api, other, kind="update", objective_workshops=99)
        assert _server_verdict(edit) == "refused"


# --- Parents Ressource: only a parent present co-facilitates --------------------------------

CO_FACILITATION = [
    # the presence marked after a Parent Ressource was recorded co-facilitating, still so?
    pytest.param(Presence.PRESENT, True, id="still-present"),
    pytest.param(Presence.ABSENT, False, id="absent"),
    pytest.param(Presence.EXCUSED, False, id="excused"),
]


@pytest.mark.parametrize(("presence", "expected"), CO_FACILITATION)
def test_co_facilitation(setting: Setting, presence: Presence, expected: bool) -> None:
    from mediator_app.local_store.services.parents_ressource import ParentRessourceService

    s = setting
    w = WorkshopService(s.laptop.store).create(_workshop(s)).value
    with s.laptop.store.write() as tx:
        pr = tx.insert(Participant(first_name="Nadia", last_name="Benali", parent_resource=True))
    ParentRessourceService(s.laptop.store).set_co_facilitated(w.id, pr.id)
    verdict = _laptop_verdict(lambda: AttendanceService(s.laptop.store).mark(w.id, pr.id, presence))
    assert verdict[0] == OK and verdict[1].value.co_facilitated is expected
    _synced_cleanly(s.laptop)
    assert _server_row(s.api, "attendance", attendance_id(w.id, pr.id))["co_facilitated"] is (
        expected
    )

    # Any laptop's queue: the mark arrives on a row the server holds co-facilitating.
    sw = _workshop(s)
    _push(s.api, sw)
    p = Participant(first_name="Nadia", last_name="Benali", structure_id=s.structure)
    _push(s.api, p, parent_resource=True)
    att = Attendance(
        id=attendance_id(sw.id, p.id),
        workshop_id=sw.id,
        participant_id=p.id,
        status=Presence.PRESENT,
        co_facilitated=True,
    )
    _push(s.api, att)
    result = _push(s.api, att, kind="update", status=presence)
    assert _server_verdict(result) == OK
    assert _server_row(s.api, "attendance", att.id)["co_facilitated"] is expected


# --- Professionals trained, by role ------------------------------------------------------

FORMATION = WorkshopFormat.FORMATION_PROFESSIONNELS
TRAINED = [
    # format, role counts, marked held afterwards, verdict
    pytest.param(
        FORMATION, {"trained_teachers": 12, "trained_social_workers": 3}, False, OK, id="counted"
    ),
    pytest.param(FORMATION, {"trained_volunteers": 1000}, False, OK, id="at-the-maximum"),
    pytest.param(
        FORMATION, {"trained_teachers": 1001}, False, ("trained_teachers",), id="past-maximum"
    ),
    pytest.param(FORMATION, {"trained_others": -1}, False, ("trained_others",), id="negative"),
    pytest.param(
        WorkshopFormat.ATELIER,
        {"trained_educators": 2},
        False,
        ("trained_educators",),
        id="another-format",
    ),
    pytest.param(FORMATION, {"trained_public_agents": 4}, True, OK, id="held-with-only-trained"),
    pytest.param(FORMATION, {}, True, ("status",), id="held-counting-nobody"),
]


@pytest.mark.parametrize(("fmt", "counts", "held", "expected"), TRAINED)
def test_trained_professionals(
    setting: Setting, fmt: WorkshopFormat, counts: dict[str, int], held: bool, expected: Any
) -> None:
    s = setting
    svc = WorkshopService(s.laptop.store)

    def record() -> Workshop:
        w = svc.create(_workshop(s, format=fmt, **counts)).value
        return svc.mark_held(w.id).value if held else w

    verdict = _laptop_verdict(record)
    assert verdict[0] == expected
    if verdict[0] == OK:
        _synced_cleanly(s.laptop)
        row = _server_row(s.api, "workshop", verdict[1].id)
        assert {k: row[k] for k in counts} == counts

    sw = _workshop(s, format=fmt)
    result = _push(s.api, sw, **counts)
    if held and _server_verdict(result) == OK:
        result = _push(s.api, sw, kind="update", status="held")
    assert _server_verdict(result) == expected


def test_the_tables_cover_every_shared_rule() -> None:
    """Each function of the rulebook is exercised by a table above."""
    from mediator_app.core import rules

    covered = {
        "places_left": ARRIVAL,
        "is_full": ARRIVAL,
        "next_waitlist_rank": ARRIVAL,
        "is_on_site": ARRIVAL,
        "arrival": ARRIVAL,
        "capacity_errors": CAPACITY,
        "held_errors": HELD,
        "holds_devices": DEVICES,
        "devices_out": DEVICES,
        "consent_errors": CONSENT,
        "review_write_allowed": REVIEW,
        "programme_write_allowed": PROGRAMME,
        "anonymous_breakdown_errors": ANONYMOUS,
        "co_facilitates": CO_FACILITATION,
        "trained_professionals_errors": TRAINED,
        "fold": None,  # the name matcher: laptop only (the server never matches names)
    }
    public = {
        name
        for name, value in vars(rules).items()
        if callable(value) and not name.startswith("_") and value.__module__ == rules.__name__
    } - {"Arrival"}
    assert public == set(covered)
