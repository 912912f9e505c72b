"""A believable Val-d'Oise (95) for demonstrations, tests and benchmarks.

``generate()`` fills a store with two school years (September 2025 – July 2027) of a
département's *ateliers* and *cafés des parents*: schools and social centres, mediators,
families, registrations, attendance, anonymous counts, ~300 laptops and 4G boxes lent to
pupils' families with their connectivity lines, and a *convention de prêt*.

History and reference data are written as rows **already synced** (``server_version`` 1,
badge *synchronisé*, no outbox op): they stand for what the server sent. They go in with
bulk ``executemany`` inserts in a single transaction, so a cancelled or failed generation
leaves nothing behind. Then a handful of recent actions (the mediator's offline week) go
through the services, so the outbox holds pending ops as on a real laptop.

Everything derives from the seed and a fixed anchor date (the demo's "today"): the same seed
gives the same rows and ids. Families' phone numbers are taken from the range ARCEP
reserves for fiction (06 39 98 xx xx), so a demo never dials a real person.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import random
import struct
import time as _time
import uuid
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import Connection, Uuid, func, insert, select

from mediator_app.core import texts
from mediator_app.core.entities import (
    ENTITIES,
    TNE_NAMESPACE,
    Actor,
    AgreementTemplate,
    AnonymousCounts,
    Attendance,
    Child,
    ConnectivityLine,
    Department,
    Device,
    Entity,
    Handout,
    Participant,
    Registration,
    Structure,
    Workshop,
    anonymous_counts_id,
    attendance_id,
    department_id,
)
from mediator_app.core.enums import (
    AgeBand,
    Audience,
    ConsentMode,
    ConsentPurpose,
    DeviceCondition,
    DeviceStatus,
    DeviceType,
    EndReason,
    Gender,
    HandoutNature,
    HandoutProgramme,
    Level,
    LineStatus,
    LineType,
    Material,
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
from mediator_app.core.errors import BusinessRuleError, ReadOnlyStoreError
from mediator_app.core.validation import (
    check,
    uai_check_letter,
    validate_handout,
)
from mediator_app.local_store.rows import entity_from_row, entity_values
from mediator_app.local_store.schema import UTCDateTime, audit_event, entity_tables, outbox
from mediator_app.local_store.services.handouts import (
    HandoutDraft,
    HandoutService,
    agreement_values,
    render_agreement,
)
from mediator_app.local_store.services.workshops import WorkshopService
from mediator_app.local_store.state import get_state, set_state
from mediator_app.local_store.unit_of_work import Identity, Store

log = logging.getLogger(__name__)

#: The demo's "today": workshops before it are held, after it planned.
ANCHOR = date(2026, 11, 27)
FIRST_DAY = date(2025, 9, 1)
LAST_DAY = date(2027, 7, 2)
CHUNK = 5000

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


@dataclass(frozen=True)
class Scale:
    """How much to generate."""

    workshops: int
    participants: int
    devices: int
    attendance: int | None = None  # exact number of attendance rows, or natural
    recent: int = 5  # workshops made through the services (pending in the outbox)


SCALES: dict[str, Scale] = {
    "test": Scale(workshops=60, participants=80, devices=24, recent=3),
    "demo": Scale(workshops=600, participants=450, devices=300),
    "bench": Scale(workshops=20_000, participants=12_000, devices=300, attendance=300_000),
}


@dataclass(frozen=True)
class DemoReport:
    """What ``generate`` wrote (``cancelled``: nothing was written)."""

    seed: int
    scale: str
    anchor: date
    rows: dict[str, int] = field(default_factory=dict)
    pending_ops: int = 0
    seconds: float = 0.0
    cancelled: bool = False


class _Cancelled(Exception):
    pass


# --- Reference data of the Val-d'Oise -------------------------------------------------

#: (postcode, INSEE code) of the communes used.
COMMUNES: dict[str, tuple[str, str]] = {
    "Argenteuil": ("95100", "95018"),
    "Bezons": ("95870", "95063"),
    "Cergy": ("95000", "95127"),
    "Garges-lès-Gonesse": ("95140", "95268"),
    "Gonesse": ("95500", "95277"),
    "Goussainville": ("95190", "95280"),
    "Pontoise": ("95000", "95500"),
    "Sarcelles": ("95200", "95585"),
    "Villiers-le-Bel": ("95400", "95680"),
}

#: UAI digits (or "-") | name | kind | commune | street. The first four match ``tne-api demo``.
_STRUCTURES_TABLE = """
    0951399 | Collège Jean Moulin | college | Argenteuil | 12 rue de la Paix
    0950935 | Collège Paul Éluard | college | Garges-lès-Gonesse | 1 allée Jean Moulin
    0951122 | École élémentaire Victor Hugo | ecole | Sarcelles | 4 avenue Paul Valéry
    -       | Centre social Les Tilleuls | centre_social | Cergy | 2 place des Tilleuls
    0950788 | Collège Anatole France | college | Sarcelles | 50 boulevard Maurice Ravel
    0951644 | Collège Léon Blum | college | Villiers-le-Bel | 1 rue Léon Blum
    0950214 | Collège Martin Luther King | college | Villiers-le-Bel | 25 avenue Pierre Sémard
    0951487 | Collège Françoise Dolto | college | Goussainville | 3 rue Pierre Curie
    0951765 | Collège Les Explorateurs | college | Cergy | 10 rue de l’Aventure
    0951236 | Collège La Justice | college | Cergy | 2 rue de la Justice
    0950402 | Collège Pablo Picasso | college | Garges-lès-Gonesse | 6 avenue du Général de Gaulle
    0951873 | Collège Jules Ferry | college | Argenteuil | 8 rue Jules Ferry
    0950567 | Collège Eugène Delacroix | college | Argenteuil | 21 rue Eugène Delacroix
    0951310 | Collège Henri Wallon | college | Gonesse | 9 rue Henri Wallon
    0950679 | Collège Gabriel Péri | college | Bezons | 30 rue Gabriel Péri
    0951958 | École élémentaire Jules Ferry | ecole | Garges-lès-Gonesse | 5 rue de l’École
    0952041 | École primaire Marcel Pagnol | ecole | Villiers-le-Bel | 17 rue Marcel Pagnol
    0952155 | École élémentaire Paul Langevin | ecole | Argenteuil | 40 avenue Paul Langevin
    0952269 | École élémentaire Jean Jaurès | ecole | Goussainville | 2 rue Jean Jaurès
    -       | Centre social des Lochères | centre_social | Sarcelles | 1 place de Navarre
    -       | Centre social Dulcie September | centre_social | Garges-lès-Gonesse | 7 rue Corot
    -       | Centre social Les Marronniers | centre_social | Argenteuil | 19 rue des Marronniers
    -       | Médiathèque Elsa Triolet | mediatheque | Villiers-le-Bel | 11 rue Gambetta
    -       | France services de Goussainville | france_services | Goussainville | 1 place de la Mairie
    -       | Association Médiation 95 | association | Cergy | 5 rue des Chênes
    -       | Association Les Connectés | association | Sarcelles | 14 avenue Anatole France
"""
STRUCTURES: tuple[tuple[str, str, StructureKind, str, str], ...] = tuple(
    (uai.strip("-"), name, StructureKind(kind), commune, street)
    for uai, name, kind, commune, street in (
        tuple(cell.strip() for cell in line.split("|"))
        for line in _STRUCTURES_TABLE.strip().splitlines()
    )
)

#: Index in ``STRUCTURES`` of the partner association whose laptop the demo is: it
#: organises every workshop of the demo, held in the schools and centres it serves.
PARTNER = 24

#: (display name, role, index of the structure they work in, venues they cover).
ACTORS: tuple[tuple[str, Role, int, tuple[int, ...]], ...] = (
    ("Amina Benali", Role.MEDIATOR, PARTNER, (0, 11, 12, 17, 21, 8, 9)),
    ("Karim Haddad", Role.MEDIATOR, PARTNER, (1, 10, 15, 7, 13, 18, 23, 14)),
    ("Julie Moreau", Role.MEDIATOR, PARTNER, (2, 4, 24)),
    ("Moussa Traoré", Role.MEDIATOR, PARTNER, (5, 6, 16, 22)),
    ("Léa Nguyen", Role.MEDIATOR, 25, ()),
    ("Yasmina Kaci", Role.MEDIATOR, 7, ()),
    ("Sophie Martin", Role.FAMILY_REFERENT, 3, (3,)),
    ("Nadia Boukhari", Role.FAMILY_REFERENT, 19, (19,)),
    ("Fatoumata Keïta", Role.FAMILY_REFERENT, 20, (20,)),
    ("Camille Lefèvre", Role.COORDINATOR, 0, ()),
)


def _names(text: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in text.split(",") if n.strip())


FEMALE_FIRST = _names(
    """
    Fatima, Aïcha, Nadia, Samira, Khadija, Amina, Leïla, Mariam, Fatoumata, Aminata, Awa,
    Kadiatou, Hawa, Djeneba, Sarah, Marie, Sandrine, Nathalie, Céline, Stéphanie, Isabelle,
    Sabrina, Jessica, Ana, Maria, Sonia, Elif, Ayşe, Zeynep, Priya, Tharsika, Kavitha, Mei,
    Ling, Rose-Marie, Nadège, Guerline, Yasmine, Inès, Soraya, Malika, Houria, Naïma,
    Rachida, Oumou, Bintou, Christelle, Véronique, Irina, Olena, Rokia, Assia, Émilie, Laura
    """
)
MALE_FIRST = _names(
    """
    Mohamed, Karim, Rachid, Mamadou, Moussa, Ibrahima, Youssef, Ahmed, Samir, Sofiane, Bilal,
    Omar, Jean, Thierry, David, Frédéric, Julien, Nicolas, João, Carlos, Mehmet, Hakan,
    Murat, Rajan, Suresh, Wei, Jean-Baptiste, Ousmane, Seydou, Abdoulaye, Boubacar, Mustapha,
    Hicham, Nordine, Kévin, Yannick, Dimitri, Vasile, Farid, Ali
    """
)
LAST_NAMES = _names(
    """
    Martin, Bernard, Dubois, Petit, Durand, Leroy, Moreau, Fournier, Girard, Benali, Bensaïd,
    Haddad, Belkacem, Boukhari, Cherif, Khelifi, Mansouri, Amrani, El Idrissi, Ouali,
    Ait Ahmed, Ziani, Traoré, Diallo, Keïta, Coulibaly, Camara, Sissoko, Konaté, Touré,
    Diarra, Cissé, Sylla, Ndiaye, Sow, Ba, Da Silva, Pereira, Ferreira, Rodrigues,
    Dos Santos, Yilmaz, Kaya, Demir, Şahin, Çelik, Sivakumar, Tharmalingam, Rajendran,
    Nguyen, Tran, Chen, Wang, Jean-Louis, Pierre-Louis, Joseph, Charles, Popescu, Ionescu,
    Kowalski, Mbemba, Lukusa, Mukendi, Kaci, Hamdi, Saïdi, Lopez, Garcia, Lefebvre, Roux,
    Fontaine, Chevalier, Mercier, Hassani, Mahamat
    """
)
CHILD_FIRST = _names(
    """
    Adam, Ilyes, Rayan, Nassim, Yanis, Noah, Ibrahim, Sacha, Lucas, Enzo, Aya, Inaya, Lina,
    Sofia, Maryam, Jade, Ambre, Kenza, Assa, Fanta, Hugo, Louna, Mathis, Salma, Maël, Anaïs,
    Kylian, Nour, Elyas, Imane
    """
)
LANGUAGES = _names(
    """
    arabe, tamoul, turc, soninké, bambara, portugais, ourdou, roumain, tamazight,
    créole haïtien, chinois
    """
)

# (title, format, themes, tools, audience, materials)
WORKSHOP_TOPICS: tuple[
    tuple[str, WorkshopFormat, tuple[Theme, ...], tuple[Tool, ...], Audience, tuple[Material, ...]],
    ...,
] = (
    (
        "Café des parents : suivre la scolarité avec Pronote",
        WorkshopFormat.CAFE_DES_PARENTS,
        (Theme.PARENTALITE, Theme.SCOLARITE_ET_NUMERIQUE),
        (Tool.PRONOTE,),
        Audience.PARENTS,
        (Material.TELEPHONE,),
    ),
    (
        "Café des parents : les écrans à la maison",
        WorkshopFormat.CAFE_DES_PARENTS,
        (Theme.PARENTALITE, Theme.CULTURE_NUMERIQUE),
        (),
        Audience.PARENTS,
        (Material.AUCUN,),
    ),
    (
        "Café des parents : réseaux sociaux, ce que font nos ados",
        WorkshopFormat.CAFE_DES_PARENTS,
        (Theme.RESEAUX_SOCIAUX, Theme.PARENTALITE),
        (Tool.RESEAUX_SOCIAUX,),
        Audience.PARENTS,
        (Material.TELEPHONE,),
    ),
    (
        "Café des parents : harcèlement et cyberharcèlement",
        WorkshopFormat.CAFE_DES_PARENTS,
        (Theme.SECURITE_NUMERIQUE, Theme.PARENTALITE),
        (Tool.RESEAUX_SOCIAUX,),
        Audience.PARENTS,
        (Material.AUCUN,),
    ),
    (
        "Atelier : créer son compte ÉduConnect",
        WorkshopFormat.ATELIER,
        (Theme.FAMILLE_SCOLARITE,),
        (Tool.EDUCONNECT,),
        Audience.PARENTS,
        (Material.ORDINATEUR, Material.TELEPHONE),
    ),
    (
        "Atelier : découvrir l’ENT du collège",
        WorkshopFormat.ATELIER,
        (Theme.SCOLARITE_ET_NUMERIQUE,),
        (Tool.ENT,),
        Audience.PARENTS,
        (Material.ORDINATEUR,),
    ),
    (
        "Atelier : le contrôle parental pas à pas",
        WorkshopFormat.ATELIER,
        (Theme.SECURITE_NUMERIQUE, Theme.PARENTALITE),
        (Tool.CONTROLE_PARENTAL,),
        Audience.PARENTS,
        (Material.TELEPHONE, Material.TABLETTE),
    ),
    (
        "Atelier : prendre en main l’ordinateur prêté",
        WorkshopFormat.ATELIER,
        (Theme.PRENDRE_EN_MAIN_DU_MATERIEL,),
        (Tool.AUTRE,),
        Audience.PARENTS_ENFANTS,
        (Material.ORDINATEUR,),
    ),
    (
        "Atelier : créer et utiliser une adresse e-mail",
        WorkshopFormat.ATELIER,
        (Theme.EMAIL,),
        (),
        Audience.PARENTS,
        (Material.ORDINATEUR,),
    ),
    (
        "Atelier : bourses et cantine en ligne",
        WorkshopFormat.ATELIER,
        (Theme.AIDE_AUX_DEMARCHES_ADMINISTRATIVES, Theme.FAMILLE_SCOLARITE),
        (Tool.EDUCONNECT,),
        Audience.PARENTS,
        (Material.ORDINATEUR,),
    ),
    (
        "Atelier : naviguer sur internet en sécurité",
        WorkshopFormat.ATELIER,
        (Theme.NAVIGATION_SUR_INTERNET, Theme.SECURITE_NUMERIQUE),
        (),
        Audience.PARENTS_ENFANTS,
        (Material.ORDINATEUR,),
    ),
    (
        "Atelier : l’intelligence artificielle expliquée aux parents",
        WorkshopFormat.ATELIER,
        (Theme.INTELLIGENCE_ARTIFICIELLE, Theme.CULTURE_NUMERIQUE),
        (),
        Audience.PARENTS,
        (Material.ORDINATEUR,),
    ),
    (
        "Réunion d’information : les outils numériques du collège",
        WorkshopFormat.REUNION_INFORMATION,
        (Theme.SCOLARITE_ET_NUMERIQUE,),
        (Tool.ENT, Tool.PRONOTE, Tool.EDUCONNECT),
        Audience.PARENTS,
        (Material.AUCUN,),
    ),
    (
        "Permanence numérique des familles",
        WorkshopFormat.PERMANENCE,
        (Theme.AIDE_AUX_DEMARCHES_ADMINISTRATIVES,),
        (Tool.EDUCONNECT, Tool.PRONOTE),
        Audience.PARENTS,
        (Material.ORDINATEUR, Material.TELEPHONE),
    ),
    (
        "Accompagnement individuel : Pronote",
        WorkshopFormat.ACCOMPAGNEMENT_INDIVIDUEL,
        (Theme.SCOLARITE_ET_NUMERIQUE,),
        (Tool.PRONOTE,),
        Audience.PARENTS,
        (Material.TELEPHONE,),
    ),
    (
        "Fête du numérique en famille",
        WorkshopFormat.EVENEMENT,
        (Theme.CULTURE_NUMERIQUE, Theme.PARENTALITE),
        (),
        Audience.PARENTS_ENFANTS,
        (Material.ORDINATEUR, Material.TABLETTE),
    ),
)
_TOPIC_WEIGHTS = (14, 8, 8, 6, 9, 8, 7, 5, 4, 5, 4, 3, 5, 6, 7, 1)

# Approximate school holidays of zone C (Créteil – Paris – Versailles).
HOLIDAYS: tuple[tuple[date, date], ...] = (
    (date(2025, 10, 18), date(2025, 11, 2)),
    (date(2025, 12, 20), date(2026, 1, 4)),
    (date(2026, 2, 21), date(2026, 3, 8)),
    (date(2026, 4, 18), date(2026, 5, 3)),
    (date(2026, 7, 4), date(2026, 8, 31)),
    (date(2026, 10, 17), date(2026, 11, 1)),
    (date(2026, 12, 19), date(2027, 1, 3)),
    (date(2027, 2, 20), date(2027, 3, 7)),
    (date(2027, 4, 17), date(2027, 5, 2)),
)

AGREEMENT_TITLE = "Convention de prêt de matériel numérique – Réussite connectée"
AGREEMENT_TEXT = """Convention de {{nature}} de matériel numérique – Réussite connectée (Val-d’Oise)

Entre {{structure}}, ci-après « la structure », et {{famille}}, responsable légal·e de
l’élève {{eleve}} ({{niveau}}, {{etablissement}}), ci-après « la famille ».

Article 1 – Matériel confié
{{equipements}}
Accessoires : {{accessoires}}.
Connexion : {{connexion}}.

Article 2 – Durée
Le matériel est remis le {{date_remise}}. Date de retour prévue : {{date_retour}}.
Il est rendu plus tôt si l’élève quitte l’établissement.

Article 3 – Usage
Le matériel sert au travail scolaire de l’élève. La famille en prend soin, ne le prête pas
et signale sans délai toute panne, perte ou vol à la structure (dépôt de plainte en cas de vol).

Article 4 – Données personnelles
Les informations de cette convention servent uniquement au suivi du prêt. Elles sont
conservées jusqu’à la fin du prêt puis un an, et peuvent être consultées ou rectifiées
auprès de la structure.

Fait le {{date_remise}}. Signé par {{signataire}} ({{qualite}}).
"""


# --- small deterministic helpers -----------------------------------------------------


def _rid(rng: random.Random) -> UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def demo_actor_id(display_name: str) -> UUID:
    """The id of a demo actor (same on every run)."""
    return uuid.uuid5(TNE_NAMESPACE, f"demo-actor:{display_name}")


def structure_id(uai: str, name: str) -> UUID:
    """The id the server gives a structure (by UAI, or by name for the demo places)."""
    if uai:
        return uuid.uuid5(TNE_NAMESPACE, f"structure:{uai}")
    return uuid.uuid5(TNE_NAMESPACE, f"demo:{name}")


def demo_profile() -> dict[str, str | None]:
    """The profile of the demo's first mediator, whose laptop the demo data represents."""
    from mediator_app.core.validation import uai_check_letter

    name, _role, home, _covers = ACTORS[0]
    digits, place, *_ = STRUCTURES[home]
    uai = digits + uai_check_letter(digits) if digits else ""
    return {
        "display_name": name,
        "actor_id": str(demo_actor_id(name)),
        "structure_id": str(structure_id(uai, place)),
        "department_code": "95",
        "role": "mediator",
    }


def _school_days(first: date, last: date) -> list[date]:
    days = []
    d = first
    while d <= last:
        if d.weekday() < 5 and not any(a <= d <= b for a, b in HOLIDAYS):
            days.append(d)
        d += timedelta(days=1)
    return days


def _at(d: date, t: time) -> datetime:
    return datetime.combine(d, t, tzinfo=UTC)


def _imei(rng: random.Random) -> str:
    body = "86" + "".join(str(rng.randrange(10)) for _ in range(12))
    total = 0
    for i, ch in enumerate(body):  # Luhn check digit
        n = int(ch)
        if i % 2 == 1:
            n *= 2
            n = n - 9 if n > 9 else n
        total += n
    return body + str((10 - total % 10) % 10)


def signature_png(rng: random.Random, width: int = 180, height: int = 60) -> bytes:
    """A small grey-scale PNG of a hand-drawn-looking squiggle (a stand-in signature)."""
    pixels = bytearray([255]) * (width * height)
    phase, amp, freq = rng.uniform(0, 6.3), rng.uniform(8, 20), rng.uniform(0.05, 0.15)

    prev = None
    for x in range(10, width - 10):
        y = int(height / 2 + amp * math.sin(phase + x * freq) * math.cos(x * freq / 3))
        for yy in range(min(y, prev or y), max(y, prev or y) + 1):
            for dy in (0, 1):
                if 0 <= yy + dy < height:
                    pixels[(yy + dy) * width + x] = 30
        prev = y
    raw = b"".join(b"\x00" + bytes(pixels[r * width : (r + 1) * width]) for r in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


# --- the plan (everything decided in memory before writing) ---------------------------


@dataclass
class _Plan:
    seed: int
    today: date
    participant_ids: list[UUID] = field(default_factory=list)
    structures: list[Structure] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    template: AgreementTemplate | None = None
    participants: list[Participant] = field(default_factory=list)
    workshops: list[Workshop] = field(default_factory=list)
    counts: list[AnonymousCounts] = field(default_factory=list)
    registrations: list[Registration] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    devices: list[Device] = field(default_factory=list)
    lines: list[ConnectivityLine] = field(default_factory=list)
    handouts: list[Handout] = field(default_factory=list)
    # the mediator's offline week, written through the services afterwards
    recent: list[tuple[Workshop, list[UUID], int]] = field(default_factory=list)
    recent_loan: tuple[HandoutDraft, bytes, str] | None = None


def _plan(rng: random.Random, sc: Scale, today: date, seed: int) -> _Plan:
    plan = _Plan(seed=seed, today=today)
    # Structures and actors.
    for digits, name, kind, commune, street in STRUCTURES:
        postcode, insee = COMMUNES[commune]
        uai = digits + uai_check_letter(digits) if digits else None
        plan.structures.append(
            Structure(
                id=structure_id(uai or "", name),
                name=name,
                kind=kind,
                uai=uai,
                address=street,
                postcode=postcode,
                commune=commune,
                insee_code=insee,
                department_code="95",
            )
        )
    owner_of: dict[int, Actor] = {}
    for name, role, home, covers in ACTORS:
        actor = Actor(
            id=demo_actor_id(name),
            display_name=name,
            role=role,
            structure_id=plan.structures[home].id if role is not Role.COORDINATOR else None,
            department_code="95",
        )
        plan.actors.append(actor)
        for i in covers:
            owner_of.setdefault(i, actor)
    text = AGREEMENT_TEXT
    plan.template = AgreementTemplate(
        id=uuid.uuid5(TNE_NAMESPACE, f"agreement_template:95:{AGREEMENT_TITLE}:1"),
        template_version=1,
        title=AGREEMENT_TITLE,
        text=text,
        valid_from=date(2025, 8, 25),
        text_sha256=hashlib.sha256(text.encode()).hexdigest(),
        department_code="95",
    )

    # Families, spread over the structures (collèges and social centres get more).
    weights = [
        {StructureKind.COLLEGE: 5, StructureKind.ECOLE: 3, StructureKind.CENTRE_SOCIAL: 4}.get(
            s.kind, 1
        )
        for s in plan.structures
    ]
    phones = rng.sample(range(10_000), k=min(10_000, sc.participants))
    pool: list[list[int]] = [[] for _ in plan.structures]
    home_of: list[int] = []
    for i in range(sc.participants):
        si = rng.choices(range(len(plan.structures)), weights)[0]
        pool[si].append(i)
        home_of.append(si)
    for members in pool:  # every place has at least a few families
        while len(members) < min(3, sc.participants):
            extra = rng.randrange(sc.participants)
            if extra not in members:
                members.append(extra)

    # Workshops.
    days = _school_days(FIRST_DAY, LAST_DAY)
    recent_days = [d for d in days if today - timedelta(days=7) <= d < today]
    mediator = plan.actors[0]
    med_home = 0  # the offline week happens at the first venue she covers
    presence: list[tuple[int, int, list[int]]] = []  # (workshop index, k identified, pool)
    bulk_n = sc.workshops - sc.recent
    dates = sorted(rng.choice(days) for _ in range(bulk_n))
    for d in dates:
        si = rng.choices(range(len(plan.structures)), weights)[0]
        s = plan.structures[si]
        owner = owner_of.get(si, mediator)
        if owner.structure_id != mediator.structure_id:
            owner = mediator  # this laptop only holds its own structure's workshops
        title, fmt, themes, tools, audience, materials = rng.choices(
            WORKSHOP_TOPICS, _TOPIC_WEIGHTS
        )[0]
        w = _workshop(rng, d, s, owner, title, fmt, themes, tools, audience, materials, today)
        plan.workshops.append(w)
        presence.append((len(plan.workshops) - 1, _natural_k(rng, fmt), pool[si]))

    last_contact: dict[int, date] = {}
    first_contact: dict[int, date] = {}
    # The mediator's offline week: a few workshops made through the services.
    for n in range(sc.recent):
        d = recent_days[n % len(recent_days)] if recent_days else today
        title, fmt, themes, tools, audience, materials = WORKSHOP_TOPICS[n % 6]
        w = _workshop(
            rng,
            d,
            plan.structures[med_home],
            mediator,
            title,
            fmt,
            themes,
            tools,
            audience,
            materials,
            today,
        )
        w = dataclasses.replace(
            w, status=WorkshopStatus.PLANNED, review_status=ReviewStatus.TO_REVIEW
        )
        k = min(len(pool[med_home]), rng.randint(3, 9))
        chosen = rng.sample(pool[med_home], k)
        plan.recent.append((w, [_participant_id(pi, plan) for pi in chosen], rng.randint(0, 3)))
        for pi in chosen:
            last_contact[pi] = max(last_contact.get(pi, d), d)
            first_contact[pi] = min(first_contact.get(pi, d), d)

    # Identified attendance: natural sizes, or scaled to an exact total (bench).
    held = [p for p in presence if plan.workshops[p[0]].status is WorkshopStatus.HELD]
    fixed = [plan.workshops[wi].kind is WorkshopKind.INDIVIDUEL for wi, _, _ in held]
    ks = [1 if f else min(k, len(m)) for f, (_, k, m) in zip(fixed, held, strict=True)]
    if sc.attendance is not None and held:
        target = sc.attendance - sum(len(ids) for _, ids, _ in plan.recent)
        free = sum(k for k, f in zip(ks, fixed, strict=True) if not f)
        factor = (target - sum(fixed)) / max(free, 1)
        ks = [
            k if f else max(1, min(len(m), round(k * factor)))
            for k, f, (_, _, m) in zip(ks, fixed, held, strict=True)
        ]
        diff = target - sum(ks)
        guard = 0
        while diff and guard < 50 * len(ks):
            guard += 1
            j = rng.randrange(len(ks))
            step = 1 if diff > 0 else -1
            if not fixed[j] and 1 <= ks[j] + step <= len(held[j][2]):
                ks[j] += step
                diff -= step
    for (wi, _, members), k in zip(held, ks, strict=True):
        w = plan.workshops[wi]
        chosen = rng.sample(members, k)
        anon_total = 0
        if w.format is WorkshopFormat.REUNION_INFORMATION or rng.random() < 0.3:
            anon_total = (
                rng.randint(15, 60)
                if w.format is WorkshopFormat.REUNION_INFORMATION
                else rng.randint(1, 6)
            )
            plan.counts.append(_counts(rng, w.id, anon_total))
        for n, pi in enumerate(chosen):
            status = Presence.PRESENT
            if n > 0 or anon_total:
                r = rng.random()
                status = Presence.ABSENT if r < 0.08 else Presence.EXCUSED if r < 0.12 else status
            pid = _participant_id(pi, plan)
            start = w.start_time or time(9, 0)
            plan.attendance.append(
                Attendance(
                    id=attendance_id(w.id, pid),
                    workshop_id=w.id,
                    participant_id=pid,
                    status=status,
                    children_count=rng.randint(1, 2)
                    if w.audience is Audience.PARENTS_ENFANTS
                    else 0,
                    arrived_at=_at(w.date, start) + timedelta(minutes=rng.randint(-10, 15))
                    if status is Presence.PRESENT
                    else None,
                )
            )
            if w.capacity is not None and n < w.capacity:
                # Beyond the places, parents came without registering (walk-ins).
                plan.registrations.append(_registration(rng, w, pid, RegistrationStatus.REGISTERED))
            if status is Presence.PRESENT:
                last_contact[pi] = max(last_contact.get(pi, w.date), w.date)
                first_contact[pi] = min(first_contact.get(pi, w.date), w.date)
    # Registrations to planned workshops, with a waiting list when full.
    for wi, _k, members in presence:
        w = plan.workshops[wi]
        if w.status is not WorkshopStatus.PLANNED or w.capacity is None:
            continue
        wanted = min(len(members), rng.randint(0, w.capacity + 3))
        for n, pi in enumerate(rng.sample(members, wanted)):
            reg_status = (
                RegistrationStatus.REGISTERED if n < w.capacity else RegistrationStatus.WAITLIST
            )
            reg = _registration(rng, w, _participant_id(pi, plan), reg_status, today=today)
            if reg_status is RegistrationStatus.WAITLIST:
                reg = dataclasses.replace(reg, waitlist_rank=n - w.capacity + 1)
            plan.registrations.append(reg)

    # Participants, now that their contacts are known.
    for i in range(sc.participants):
        plan.participants.append(
            _participant(
                rng,
                _participant_id(i, plan),
                plan.structures[home_of[i]],
                plan.structures[PARTNER],
                phones[i] if i < len(phones) else None,
                first_contact.get(i),
                last_contact.get(i),
                today,
            )
        )

    _plan_devices(
        rng,
        sc,
        plan,
        today,
        {p.id: plan.structures[home_of[i]] for i, p in enumerate(plan.participants)},
    )
    return plan


def _participant_id(index: int, plan: _Plan) -> UUID:
    """Participant ids come from the seed and their index only, so they do not depend on
    the order in which workshops pick families."""
    ids = plan.participant_ids
    while len(ids) <= index:
        ids.append(uuid.uuid5(TNE_NAMESPACE, f"demo-participant:{plan.seed}:{len(ids)}"))
    return ids[index]


def _natural_k(rng: random.Random, fmt: WorkshopFormat) -> int:
    if fmt is WorkshopFormat.CAFE_DES_PARENTS:
        return rng.randint(3, 12)
    if fmt is WorkshopFormat.ATELIER:
        return rng.randint(3, 10)
    if fmt is WorkshopFormat.REUNION_INFORMATION:
        return rng.randint(0, 6)
    if fmt is WorkshopFormat.PERMANENCE:
        return rng.randint(2, 8)
    if fmt is WorkshopFormat.EVENEMENT:
        return rng.randint(10, 30)
    return 1


def _workshop(
    rng: random.Random,
    d: date,
    s: Structure,
    owner: Actor,
    title: str,
    fmt: WorkshopFormat,
    themes: tuple[Theme, ...],
    tools: tuple[Tool, ...],
    audience: Audience,
    materials: tuple[Material, ...],
    today: date,
) -> Workshop:
    individual = fmt is WorkshopFormat.ACCOMPAGNEMENT_INDIVIDUEL
    capacity = {
        WorkshopFormat.CAFE_DES_PARENTS: rng.choice((12, 12, 15)),
        WorkshopFormat.ATELIER: rng.choice((8, 10, 12)),
        WorkshopFormat.EVENEMENT: 40,
    }.get(fmt)
    duration = {
        WorkshopFormat.CAFE_DES_PARENTS: rng.choice((90, 120)),
        WorkshopFormat.ATELIER: rng.choice((90, 120)),
        WorkshopFormat.REUNION_INFORMATION: rng.choice((60, 90)),
        WorkshopFormat.PERMANENCE: rng.choice((120, 180)),
        WorkshopFormat.EVENEMENT: 180,
    }.get(fmt, rng.choice((30, 45, 60)))
    start = rng.choice((time(8, 30), time(9, 0), time(14, 0), time(16, 30), time(18, 0)))
    if d < today:
        status = WorkshopStatus.CANCELLED if rng.random() < 0.04 else WorkshopStatus.HELD
        age = (today - d).days
        review = (
            ReviewStatus.TO_REVIEW
            if age < 21
            else ReviewStatus.NEEDS_CORRECTION
            if rng.random() < 0.03
            else ReviewStatus.VALIDATED
        )
    else:
        status, review = WorkshopStatus.PLANNED, ReviewStatus.TO_REVIEW
    levels = {
        StructureKind.COLLEGE: (SchoolLevel.COLLEGE,),
        StructureKind.ECOLE: (SchoolLevel.ELEMENTAIRE,),
    }.get(s.kind, ())
    languages: tuple[str, ...] = ()
    if rng.random() < 0.15:
        languages = ("français", rng.choice(LANGUAGES))
    return Workshop(
        id=_rid(rng),
        format=fmt,
        kind=WorkshopKind.INDIVIDUEL if individual else WorkshopKind.COLLECTIF,
        title=title,
        date=d,
        start_time=start,
        duration_min=duration,
        place_type=PlaceType.LIEU_ACTIVITE,
        organizer_structure_id=owner.structure_id,
        venue_structure_id=s.id,
        commune=s.commune,
        postcode=s.postcode,
        insee_code=s.insee_code,
        school_id=s.id if s.kind in (StructureKind.COLLEGE, StructureKind.ECOLE) else None,
        school_levels=levels,
        themes=themes,
        tools=tools,
        materials=materials,
        level=Level.DEBUTANT if fmt is WorkshopFormat.ATELIER else None,
        # The programme as a Coop tag, so the export's « Tags » column has a value.
        tags=("TNE Val-d’Oise",),
        audience=audience,
        languages=languages,
        interpreter=bool(languages) and rng.random() < 0.5,
        co_facilitators=("Parent ressource",) if rng.random() < 0.1 else (),
        capacity=capacity,
        status=status,
        owner_id=owner.id,
        owner_name=owner.display_name,
        department_code="95",
        review_status=review,
        review_comment="Précisez le nombre d’enfants présents."
        if review is ReviewStatus.NEEDS_CORRECTION
        else "",
    )


def _counts(rng: random.Random, workshop_id: UUID, total: int) -> AnonymousCounts:
    female = rng.randint(0, total)
    male = rng.randint(0, total - female)
    age_25_39 = rng.randint(0, total)
    age_40_59 = rng.randint(0, total - age_25_39)
    age_18_24 = rng.randint(0, total - age_25_39 - age_40_59)
    employed = rng.randint(0, total)
    unemployed = rng.randint(0, total - employed)
    return AnonymousCounts(
        id=anonymous_counts_id(workshop_id),
        workshop_id=workshop_id,
        total=total,
        already_accompanied=rng.randint(0, total),
        gender_female=female,
        gender_male=male,
        status_employed=employed,
        status_unemployed=unemployed,
        children_present=rng.randint(0, 3),
        age_18_24=age_18_24,
        age_25_39=age_25_39,
        age_40_59=age_40_59,
    )


_CHANNELS = (
    (RegistrationChannel.ECOLE,) * 4
    + (RegistrationChannel.TELEPHONE,) * 3
    + (RegistrationChannel.SUR_PLACE,) * 2
    + (RegistrationChannel.EN_LIGNE,)
)


def _registration(
    rng: random.Random,
    w: Workshop,
    pid: UUID,
    status: RegistrationStatus,
    *,
    today: date | None = None,
) -> Registration:
    # Hot path at bench scale (~300,000 calls): plain ``random()`` arithmetic only.
    r = rng.random()
    when = _at(w.date, time(10, 0)) - timedelta(minutes=1440 + int(r * 28_000))
    if today is not None:
        when = min(when, _at(today, time(8, 0)) - timedelta(minutes=int(r * 9000)))
    channel = _CHANNELS[int(rng.random() * len(_CHANNELS))]
    return Registration(
        id=_rid(rng),
        workshop_id=w.id,
        participant_id=pid,
        status=status,
        channel=channel,
        registered_at=when,
    )


def _participant(
    rng: random.Random,
    pid: UUID,
    s: Structure,
    organizer: Structure,
    phone_slot: int | None,
    first: date | None,
    last: date | None,
    today: date,
) -> Participant:
    female = rng.random() < 0.72
    gender = Gender.FEMININ if female else Gender.MASCULIN
    n_children = rng.choices((1, 2, 3, 4), (45, 35, 15, 5))[0]
    level = {
        StructureKind.COLLEGE: SchoolLevel.COLLEGE,
        StructureKind.ECOLE: SchoolLevel.ELEMENTAIRE,
    }.get(s.kind)
    children = tuple(
        Child(
            first_name=rng.choice(CHILD_FIRST) if rng.random() < 0.7 else "",
            school_level=level if n == 0 and level else rng.choice(list(SchoolLevel)),
            school_id=s.id if n == 0 and level else None,
        )
        for n in range(n_children)
    )
    phone = None
    if phone_slot is not None and rng.random() < 0.85:
        # 06 39 98 xx xx: numbers ARCEP keeps for fiction, stored in E.164 as the app does.
        phone = f"+26263998{phone_slot:04d}"
    contact = first or (today - timedelta(days=rng.randint(30, 400)))
    last = last or contact
    langs: tuple[str, ...] = ()
    if rng.random() < 0.25:
        langs = ("français", rng.choice(LANGUAGES))
    p = Participant(
        id=pid,
        first_name=rng.choice(FEMALE_FIRST if female else MALE_FIRST),
        last_name=rng.choice(LAST_NAMES),
        phone=phone,
        email=None,
        commune=s.commune,
        gender=gender,
        age_band=rng.choices((AgeBand.DE_25_39, AgeBand.DE_40_59, AgeBand.DE_18_24), (50, 45, 5))[
            0
        ],
        social_status=rng.choices(
            (SocialStatus.EN_EMPLOI, SocialStatus.SANS_EMPLOI, SocialStatus.NON_COMMUNIQUE),
            (45, 40, 15),
        )[0],
        languages=langs,
        interpreter_needed=bool(langs) and rng.random() < 0.4,
        children=children,
        consent_date=contact,
        consent_purposes=(ConsentPurpose.SUIVI, ConsentPurpose.STATISTIQUES)
        + ((ConsentPurpose.CONTACT,) if phone else ()),
        consent_mode=rng.choice((ConsentMode.ORAL, ConsentMode.WRITTEN)),
        notice_version="2025-09",
        last_contact_at=last,
        retention_until=date(last.year + 2, last.month, min(last.day, 28)),
        parent_resource=rng.random() < 0.03,
        structure_id=organizer.id,
        department_code="95",
    )
    if p.parent_resource:
        p = dataclasses.replace(p, parent_resource_since=contact)
    return p


def _plan_devices(
    rng: random.Random, sc: Scale, plan: _Plan, today: date, venue_of: dict[UUID, Structure]
) -> None:
    """Devices of the partner's stock lent to families of the collèges it serves
    (``venue_of``: where each family was met)."""
    assert plan.template is not None
    n_boxes = sc.devices // 5
    models = (
        ("Dell", "Latitude 3540"),
        ("Lenovo", "ThinkPad E14 Gen 5"),
        ("HP", "ProBook 440 G10"),
    )
    boxes = (("Huawei", "B535"), ("TP-Link", "M7350"), ("Alcatel", "Linkhub HH71"))
    operators = ("Orange", "SFR", "Bouygues Telecom", "Free Mobile")
    for i in range(sc.devices):
        is_box = i >= sc.devices - n_boxes
        brand, model = rng.choice(boxes if is_box else models)
        acquired = date(2025, 8, rng.randint(18, 29)) if i < sc.devices * 0.7 else date(2026, 8, 27)
        plan.devices.append(
            Device(
                id=_rid(rng),
                device_type=DeviceType.BOX_4G if is_box else DeviceType.LAPTOP,
                brand=brand,
                model=model,
                serial_number=("".join(rng.choices("ABCDEFGHJKLMNPRSTUVWXYZ0123456789", k=10))),
                asset_tag=f"TNE95-{i + 1:04d}",
                imei=_imei(rng) if is_box else None,
                condition=DeviceCondition.NEW,
                owner_structure_id=plan.structures[PARTNER].id,
                programme="Réussite connectée",
                acquired_on=acquired,
                department_code="95",
            )
        )
        if is_box:
            start = acquired + timedelta(days=10)
            months = rng.choice((12, 24))
            end = date(start.year + months // 12, start.month, min(start.day, 28))
            if rng.random() < 0.15:  # a few plans ending soon after the anchor
                end = today + timedelta(days=rng.randint(5, 55))
            plan.lines.append(
                ConnectivityLine(
                    id=_rid(rng),
                    operator=rng.choice(operators),
                    line_type=LineType.BOX_4G,
                    iccid="8933" + "".join(str(rng.randrange(10)) for _ in range(15)),
                    line_number="07 " + " ".join(f"{rng.randrange(100):02d}" for _ in range(4)),
                    data_plan=rng.choice(("100 Go/mois", "200 Go/mois")),
                    start_date=start,
                    end_date=end,
                    status=LineStatus.ACTIVE,
                    device_id=plan.devices[-1].id,
                    structure_id=plan.devices[-1].owner_structure_id,
                    department_code="95",
                )
            )

    # Loans to families of collège pupils (mostly 4e), a few gifts, some returned.
    by_structure = {s.id: s for s in plan.structures}
    guardians = [
        p
        for p in plan.participants
        if any(c.school_level is SchoolLevel.COLLEGE for c in p.children)
        and venue_of[p.id].kind is StructureKind.COLLEGE
    ]
    rng.shuffle(guardians)
    laptops = [d for d in plan.devices if d.device_type is DeviceType.LAPTOP]
    box_iter = iter([d for d in plan.devices if d.device_type is DeviceType.BOX_4G])
    line_of = {ln.device_id: ln for ln in plan.lines}
    n_loans = min(len(guardians), int(len(laptops) * 0.75))
    status_of: dict[UUID, DeviceStatus] = {}
    cond_of: dict[UUID, DeviceCondition] = {}
    staff = plan.actors[0]
    for n in range(n_loans):
        g, laptop = guardians[n], laptops[n]
        second_wave = laptop.acquired_on is not None and laptop.acquired_on.year == 2026
        handed_day = (date(2026, 9, 14) if second_wave else date(2025, 9, 22)) + timedelta(
            days=rng.randint(0, 40)
        )
        if handed_day >= today:
            continue
        handed = _at(handed_day, time(rng.choice((9, 14, 17)), rng.choice((0, 15, 30))))
        gift = rng.random() < 0.05
        short = not gift and rng.random() < 0.08  # a short loan (e.g. for the brevet blanc)
        expected = (
            None
            if gift
            else (
                handed_day + timedelta(days=rng.randint(60, 120))
                if short
                else date(2027 if not second_wave else 2028, 7, 2)
            )
        )
        devices = [laptop]
        box = next(box_iter, None) if rng.random() < 0.3 else None
        if box is not None:
            devices.append(box)
        line = line_of.get(box.id) if box is not None else None
        child = next((c for c in g.children if c.school_level is SchoolLevel.COLLEGE), None)
        school = venue_of[g.id]
        draft = HandoutDraft(
            nature=HandoutNature.GIFT if gift else HandoutNature.LOAN,
            guardian_id=g.id,
            device_ids=tuple(d.id for d in devices),
            handed_at=handed,
            agreement_template_id=plan.template.id,
            expected_return=expected,
            pupil_first_name=(
                child.first_name if child and child.first_name else rng.choice(CHILD_FIRST)
            ),
            pupil_last_name=g.last_name,
            pupil_level="4e" if not short else "3e",
            pupil_school_id=school.id if school else None,
            programme=_reussite(school),
            accessories=("chargeur", "housse") if rng.random() < 0.8 else ("chargeur",),
            line_id=line.id if line else None,
            condition_out=DeviceCondition.NEW,
        )
        capacity = SignerCapacity.TUTEUR if rng.random() < 0.04 else SignerCapacity.PARENT
        text, sha = render_agreement(
            plan.template,
            agreement_values(
                draft,
                guardian=g,
                devices=devices,
                school=school,
                structure=by_structure.get(staff.structure_id),  # type: ignore[arg-type]
                line=line,
                signer_name=g.full_name,
                signer_capacity=capacity,
            ),
        )
        returned_at = end_reason = condition_in = None
        r = rng.random()
        if not gift and r < 0.14:
            back_day = handed_day + timedelta(days=rng.randint(30, 300))
            if back_day < today:
                returned_at = _at(back_day, time(16, 30))
                end_reason = rng.choices(
                    (
                        EndReason.DEPART_ETABLISSEMENT,
                        EndReason.PANNE,
                        EndReason.PERTE,
                        EndReason.VOL,
                        EndReason.AUTRE,
                    ),
                    (45, 25, 10, 10, 10),
                )[0]
                condition_in = (
                    DeviceCondition.BROKEN
                    if end_reason is EndReason.PANNE
                    else DeviceCondition.GOOD
                )
        handout = Handout(
            id=_rid(rng),
            nature=draft.nature,
            guardian_id=g.id,
            pupil_first_name=draft.pupil_first_name,
            pupil_last_name=draft.pupil_last_name,
            pupil_level=draft.pupil_level,
            pupil_school_id=draft.pupil_school_id,
            programme=draft.programme,
            device_ids=draft.device_ids,
            accessories=draft.accessories,
            line_id=draft.line_id,
            handed_at=handed,
            expected_return=expected,
            returned_at=returned_at,
            condition_out=DeviceCondition.NEW,
            condition_in=condition_in,
            end_reason=end_reason,
            agreement_template_id=plan.template.id,
            agreement_version=plan.template.template_version,
            agreement_hash=sha,
            agreement_text=text,
            signature_png=signature_png(rng),
            signer_name=g.full_name,
            signer_capacity=capacity,
            signed_at=handed,
            structure_id=staff.structure_id,
            department_code="95",
        )
        check(validate_handout(handout))
        plan.handouts.append(handout)
        for d in devices:
            if returned_at is None:
                status_of[d.id] = DeviceStatus.HANDED_OUT if gift else DeviceStatus.LOANED
            else:
                status_of[d.id] = {
                    EndReason.PERTE: DeviceStatus.LOST,
                    EndReason.VOL: DeviceStatus.STOLEN,
                    EndReason.PANNE: DeviceStatus.IN_REPAIR,
                }.get(end_reason, DeviceStatus.IN_STOCK)  # type: ignore[arg-type]
                cond_of[d.id] = condition_in or DeviceCondition.GOOD

    plan.devices = [
        dataclasses.replace(
            d,
            status=status_of.get(
                d.id, DeviceStatus.RETIRED if rng.random() < 0.01 else DeviceStatus.IN_STOCK
            ),
            condition=cond_of.get(d.id, d.condition),
        )
        for d in plan.devices
    ]

    # One loan of the offline week, signed through the handout service.
    free = [
        d
        for d in plan.devices
        if d.status is DeviceStatus.IN_STOCK and d.device_type is DeviceType.LAPTOP
    ]
    taken = {h.guardian_id for h in plan.handouts}
    guardian = next((g for g in guardians if g.id not in taken), None)
    if free and guardian is not None:
        handed = _at(today - timedelta(days=2), time(17, 0))
        plan.recent_loan = (
            HandoutDraft(
                nature=HandoutNature.LOAN,
                guardian_id=guardian.id,
                device_ids=(free[0].id,),
                handed_at=handed,
                agreement_template_id=plan.template.id,
                expected_return=date(2027, 7, 2),
                pupil_first_name=rng.choice(CHILD_FIRST),
                pupil_last_name=guardian.last_name,
                pupil_level="4e",
                pupil_school_id=venue_of[guardian.id].id,
                programme=_reussite(venue_of[guardian.id]),
                accessories=("chargeur",),
                condition_out=DeviceCondition.GOOD,
                handout_id=_rid(rng),
            ),
            signature_png(rng),
            guardian.full_name,
        )


# --- writing ----------------------------------------------------------------------------


_SAMPLE_UUID = uuid.UUID("5b0f3a52-4f4e-4c8e-9a55-7e1d0c2b9a10")
_SAMPLE_DT = datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC)


def _uuid_hex(value: UUID) -> str:
    return value.hex


def _utc_text(value: datetime) -> str:
    if value.tzinfo is not None and value.utcoffset():
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _fast(type_: Any, processor: Callable[[Any], Any] | None) -> Callable[[Any], Any] | None:
    """A quicker equivalent of SQLAlchemy's bind processor for UUID and UTC datetime
    columns (the bulk of the work at bench scale), used only when it gives the same text."""
    if processor is None:
        return None
    if isinstance(type_, Uuid) and processor(_SAMPLE_UUID) == _uuid_hex(_SAMPLE_UUID):
        return _uuid_hex
    if isinstance(type_, UTCDateTime) and processor(_SAMPLE_DT) == _utc_text(_SAMPLE_DT):
        return _utc_text
    return processor


class _BulkWriter:
    """Synced rows of one table as driver-level tuples for ``executemany``.

    The column values go through SQLAlchemy's own bind processors (UUID, dates, JSON), so
    the rows are stored exactly as the ORM-free ``Tx`` would store them, without building a
    statement per row.
    """

    def __init__(self, conn: Connection, name: str) -> None:
        table = entity_tables[name]
        dialect = conn.dialect
        self.columns = [c.name for c in table.columns]
        self.processors = [
            _fast(c.type, c.type._cached_bind_processor(dialect)) for c in table.columns
        ]
        cols = ", ".join(f'"{c}"' for c in self.columns)
        marks = ", ".join("?" for _ in self.columns)
        self.sql = f'INSERT INTO "{table.name}" ({cols}) VALUES ({marks})'

    def row(self, obj: Entity, at: datetime) -> tuple[Any, ...]:
        values = entity_values(obj)
        values.update(
            id=obj.id,
            server_version=1,
            deleted=False,
            sync_state=SyncState.SYNCED.value,
            created_at=at,
            updated_at=at,
            updated_by="",
            origin_device="",
        )
        return tuple(
            v if p is None or v is None else p(v)
            for v, p in zip((values[c] for c in self.columns), self.processors, strict=True)
        )


def _stamp(obj: Entity, fallback: datetime) -> datetime:
    if isinstance(obj, Workshop):
        return _at(obj.date, time(20, 0))
    if isinstance(obj, Registration) and obj.registered_at is not None:
        return obj.registered_at
    if isinstance(obj, Attendance) and obj.arrived_at is not None:
        return obj.arrived_at
    if isinstance(obj, Handout):
        return obj.returned_at or obj.handed_at
    return fallback


def generate(
    store: Store,
    seed: int = 1,
    scale: str = "demo",
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    *,
    today: date = ANCHOR,
) -> DemoReport:
    """Fill an empty store with a demonstration Val-d'Oise.

    Args:
        store: The store to fill (it must not hold demo data already).
        seed: Same seed, same data (ids included).
        scale: ``"test"`` (tiny), ``"demo"`` (~600 workshops) or ``"bench"`` (20,000
            workshops and 300,000 attendance rows).
        progress: Called as ``progress(done, total, message)`` while rows are written.
        cancel: Polled between chunks; when it returns true, everything is rolled back.
        today: The demo's "today" (held before, planned after); fixed for reproducibility.

    Returns:
        The rows written per entity and the pending outbox ops; ``cancelled`` when stopped
        (then nothing was written).

    Raises:
        BusinessRuleError: the store already holds demo data, or the scale is unknown.
        ReadOnlyStoreError: the store is read-only.
    """
    if scale not in SCALES:
        raise BusinessRuleError(
            texts.text("Volume inconnu : « {scale} » (test, demo ou bench).", scale=scale)
        )
    if store.read_only:
        raise ReadOnlyStoreError(store.read_only_reason or "Les données sont en lecture seule.")
    started = _time.perf_counter()
    sc = SCALES[scale]
    with store.read() as conn:
        if get_state(conn, "demo_data") is not None:
            raise BusinessRuleError(
                texts.text("Les données de démonstration sont déjà présentes sur ce poste.")
            )
    plan = _plan(random.Random(seed), sc, today, seed)

    groups: list[tuple[str, Sequence[Entity]]] = [
        ("department", [Department(id=department_id("95"), code="95", name="Val-d’Oise")]),
        ("structure", plan.structures),
        ("actor", plan.actors),
        ("agreement_template", [plan.template] if plan.template else []),
        ("workshop", plan.workshops),
        ("anonymous_counts", plan.counts),
        ("participant", plan.participants),
        ("registration", plan.registrations),
        ("attendance", plan.attendance),
        ("device", plan.devices),
        ("connectivity_line", plan.lines),
        ("handout", plan.handouts),
    ]
    total = sum(len(rows) for _, rows in groups)
    written: dict[str, int] = {}
    fallback = _at(FIRST_DAY, time(7, 0)) - timedelta(days=10)
    try:
        with store.engine.begin() as conn:
            done = 0
            for name, objs in groups:
                writer = _BulkWriter(conn, name)
                for start in range(0, len(objs), CHUNK):
                    if cancel is not None and cancel():
                        raise _Cancelled
                    chunk = objs[start : start + CHUNK]
                    conn.exec_driver_sql(
                        writer.sql, [writer.row(o, _stamp(o, fallback)) for o in chunk]
                    )
                    done += len(chunk)
                    if progress is not None:
                        progress(done, total, f"{name} : {done}/{total}")
                written[name] = len(objs)
            set_state(
                conn, "demo_data", {"seed": seed, "scale": scale, "anchor": today.isoformat()}
            )
            conn.execute(
                insert(audit_event).values(
                    at=datetime.now(UTC),
                    actor=store.identity.actor_name or store.identity.device_id,
                    action="demo_data",
                    entity="*",
                    row_id=None,
                    detail=f"graine {seed}, volume {scale}, {done} lignes",
                )
            )
    except _Cancelled:
        log.info("demo data generation cancelled; nothing written")
        return DemoReport(seed, scale, today, {}, 0, _time.perf_counter() - started, True)

    _offline_week(store, plan, written)
    with store.read() as conn:
        pending = conn.execute(
            select(func.count()).select_from(outbox).where(outbox.c.state == "pending")
        ).scalar_one()
    return DemoReport(seed, scale, today, written, int(pending), _time.perf_counter() - started)


def _offline_week(store: Store, plan: _Plan, written: dict[str, int]) -> None:
    """The demo mediator's last days, made through the services as that mediator: pending
    ops in the outbox, as on a laptop that has been offline for a week."""
    mediator = plan.actors[0]
    saved_identity = store.identity
    store.identity = Identity(
        device_id=saved_identity.device_id,
        actor_name=mediator.display_name,
        actor_id=mediator.id,
        structure_id=mediator.structure_id,
        department_code=mediator.department_code,
    )
    try:
        _offline_actions(store, plan, written)
    finally:
        store.identity = saved_identity


def _offline_actions(store: Store, plan: _Plan, written: dict[str, int]) -> None:
    workshops = WorkshopService(store)
    for w, attendees, anonymous in plan.recent:
        created = workshops.create(w).value
        with store.write() as tx:
            for pid in attendees:
                if tx.get(Participant, pid) is None:
                    continue
                tx.insert(
                    Attendance(
                        id=attendance_id(created.id, pid),
                        workshop_id=created.id,
                        participant_id=pid,
                        status=Presence.PRESENT,
                        arrived_at=_at(created.date, created.start_time or time(9, 0)),
                    )
                )
        if anonymous:
            workshops.set_anonymous_counts(created.id, total=anonymous, gender_female=anonymous)
        if created.date < plan.today:
            workshops.mark_held(created.id)
        written["workshop"] = written.get("workshop", 0) + 1
        written["attendance"] = written.get("attendance", 0) + len(attendees)
    if plan.recent_loan is not None:
        draft, png, signer = plan.recent_loan
        HandoutService(store).open_handout(
            draft,
            signature_png=png,
            signer_name=signer,
            signer_capacity=SignerCapacity.PARENT,
            signed_at=draft.handed_at,
        )
        written["handout"] = written.get("handout", 0) + 1


E = TypeVar("E", bound=Entity)


def queue_history(store: Store) -> int:
    """Queue the demo laptop's history for a server that has never seen it, as its
    mediators typed it: families first; then each workshop planned, its anonymous counts,
    attendance and registrations, then whether it was held or cancelled; then devices,
    lines and hand-outs. The coordinator's review of the history is theirs to make again.
    Used to prove that the demo holds only what the server accepts. Returns the ops queued.
    """
    tables = {name: entity_tables[name] for name in ENTITIES}

    def load(cls: type[E], *where: Any) -> list[E]:
        t = tables[cls.entity_name]
        with store.read() as conn:
            rows = conn.execute(
                select(t).where(t.c.deleted.is_(False), t.c.server_version > 0, *where)
            ).mappings()
            return [entity_from_row(cls, r) for r in rows]

    children: dict[str, dict[UUID, list[Entity]]] = {}
    for cls in (AnonymousCounts, Attendance, Registration):
        by: dict[UUID, list[Entity]] = {}
        for row in load(cls):
            by.setdefault(row.workshop_id, []).append(row)  # type: ignore[attr-defined]
        children[cls.entity_name] = by
    queued = 0
    with store.write() as tx:
        queued += tx.resend(load(Participant))
        workshops = sorted(load(Workshop), key=lambda w: (w.date, str(w.id)))
        for w in workshops:
            queued += tx.resend(
                [w],
                held_back={
                    "status": WorkshopStatus.PLANNED.value,
                    "review_status": ReviewStatus.TO_REVIEW.value,
                    "review_comment": "",
                },
            )
            for name in ("anonymous_counts", "attendance", "registration"):
                queued += tx.resend(children[name].get(w.id, []))
            if w.status is not WorkshopStatus.PLANNED:
                tx.queue_update(w, status=w.status)
                queued += 1
        queued += tx.resend(load(Device))
        queued += tx.resend(load(ConnectivityLine))
        queued += tx.resend(load(Handout))
    return queued


def _reussite(school: Structure | None) -> HandoutProgramme | None:
    """A pupil equipped in a collège is Réussite Connectée's (counted per collège)."""
    if school is not None and school.kind is StructureKind.COLLEGE:
        return HandoutProgramme.REUSSITE_CONNECTEE
    return None
