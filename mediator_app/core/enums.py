"""Enumerations of the domain.

Values travel on the wire and into exports, so they use the French snake_case values of
La Coop de la médiation numérique where one exists. ``label()`` gives the French wording
shown to people.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    MEDIATOR = "mediator"
    FAMILY_REFERENT = "family_referent"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


class StructureKind(StrEnum):
    ECOLE = "ecole"
    COLLEGE = "college"
    LYCEE = "lycee"
    CENTRE_SOCIAL = "centre_social"
    MEDIATHEQUE = "mediatheque"
    ASSOCIATION = "association"
    FRANCE_SERVICES = "france_services"
    MAIRIE = "mairie"
    AUTRE = "autre"


#: The kinds of structure that are schools (the workshop's school, coverage).
SCHOOL_KINDS = frozenset({StructureKind.ECOLE, StructureKind.COLLEGE, StructureKind.LYCEE})


class Theme(StrEnum):
    """La Coop's ``Thematique``: all 30 values, in its order (the 19 digital themes, then
    the 11 administrative ones), so exports and counts stay comparable
    (tests/fixtures/coop/activites.toml)."""

    DIAGNOSTIC_NUMERIQUE = "diagnostic_numerique"
    PRENDRE_EN_MAIN_DU_MATERIEL = "prendre_en_main_du_materiel"
    MAINTENANCE_DE_MATERIEL = "maintenance_de_materiel"
    GERE_SES_CONTENUS_NUMERIQUES = "gere_ses_contenus_numeriques"
    NAVIGATION_SUR_INTERNET = "navigation_sur_internet"
    EMAIL = "email"
    BUREAUTIQUE = "bureautique"
    RESEAUX_SOCIAUX = "reseaux_sociaux"
    SANTE = "sante"
    BANQUE_ET_ACHATS_EN_LIGNE = "banque_et_achats_en_ligne"
    ENTREPRENEURIAT = "entrepreneuriat"
    INSERTION_PROFESSIONNELLE = "insertion_professionnelle"
    SECURITE_NUMERIQUE = "securite_numerique"
    PARENTALITE = "parentalite"
    SCOLARITE_ET_NUMERIQUE = "scolarite_et_numerique"
    CREER_AVEC_LE_NUMERIQUE = "creer_avec_le_numerique"
    CULTURE_NUMERIQUE = "culture_numerique"
    INTELLIGENCE_ARTIFICIELLE = "intelligence_artificielle"
    AIDE_AUX_DEMARCHES_ADMINISTRATIVES = "aide_aux_demarches_administratives"
    PAPIERS_ELECTIONS_CITOYENNETE = "papiers_elections_citoyennete"
    FAMILLE_SCOLARITE = "famille_scolarite"
    SOCIAL_SANTE = "social_sante"
    TRAVAIL_FORMATION = "travail_formation"
    LOGEMENT = "logement"
    TRANSPORTS_MOBILITE = "transports_mobilite"
    ARGENT_IMPOTS = "argent_impots"
    JUSTICE = "justice"
    ETRANGERS_EUROPE = "etrangers_europe"
    LOISIRS_SPORTS_CULTURE = "loisirs_sports_culture"
    ASSOCIATIONS = "associations"

    @classmethod
    def _missing_(cls, value: object) -> Theme | None:
        # A value written before the Coop spellings (an op queued by an older laptop).
        renamed = LEGACY_VALUES["theme"].get(str(value))
        return cls(renamed) if renamed else None


class Tool(StrEnum):
    ENT = "ent"
    PRONOTE = "pronote"
    EDUCONNECT = "educonnect"
    CONTROLE_PARENTAL = "controle_parental"
    RESEAUX_SOCIAUX = "reseaux_sociaux"
    AUTRE = "autre"


class WorkshopFormat(StrEnum):
    CAFE_DES_PARENTS = "cafe_des_parents"
    ATELIER = "atelier"
    REUNION_INFORMATION = "reunion_information"
    PERMANENCE = "permanence"
    ACCOMPAGNEMENT_INDIVIDUEL = "accompagnement_individuel"
    WEBINAIRE = "webinaire"
    EVENEMENT = "evenement"
    #: A training of professionals (teachers, social workers…): its figures are the
    #: trained professionals by role (``Workshop.trained_*``), never families, and it is
    #: not one of La Coop's beneficiary activities (left out of its export).
    FORMATION_PROFESSIONNELS = "formation_professionnels"


class WorkshopKind(StrEnum):
    """La Coop's ``TypeActivite``."""

    COLLECTIF = "collectif"
    INDIVIDUEL = "individuel"


class PlaceType(StrEnum):
    LIEU_ACTIVITE = "lieu_activite"
    DOMICILE = "domicile"
    A_DISTANCE = "a_distance"
    AUTRE = "autre"


class Audience(StrEnum):
    PARENTS = "parents"
    PARENTS_ENFANTS = "parents_enfants"
    ENFANTS = "enfants"
    PROFESSIONNELS = "professionnels"


class SchoolLevel(StrEnum):
    MATERNELLE = "maternelle"
    ELEMENTAIRE = "elementaire"
    COLLEGE = "college"
    LYCEE = "lycee"


class Material(StrEnum):
    """La Coop's ``Materiel``: the equipment used during the session."""

    ORDINATEUR = "ordinateur"
    TELEPHONE = "telephone"
    TABLETTE = "tablette"
    AUTRE = "autre"
    AUCUN = "aucun"


class Level(StrEnum):
    """La Coop's ``NiveauAtelier`` (exported as stars: 1/3, 2/3, 3/3)."""

    DEBUTANT = "debutant"
    INTERMEDIAIRE = "intermediaire"
    AVANCE = "avance"


class WorkshopStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class ReviewStatus(StrEnum):
    TO_REVIEW = "to_review"
    VALIDATED = "validated"
    NEEDS_CORRECTION = "needs_correction"


class Gender(StrEnum):
    """La Coop's ``Genre``."""

    FEMININ = "feminin"
    MASCULIN = "masculin"
    NON_COMMUNIQUE = "non_communique"


class AgeBand(StrEnum):
    """La Coop's ``TrancheAge`` (12 ≤ age < 18 is ``douze_dix_huit``, shown "12 - 17 ans")."""

    MOINS_12 = "moins_de_douze"
    DE_12_18 = "douze_dix_huit"
    DE_18_24 = "dix_huit_vingt_quatre"
    DE_25_39 = "vingt_cinq_trente_neuf"
    DE_40_59 = "quarante_cinquante_neuf"
    DE_60_69 = "soixante_soixante_neuf"
    PLUS_70 = "soixante_dix_plus"
    NON_COMMUNIQUE = "non_communique"

    @classmethod
    def _missing_(cls, value: object) -> AgeBand | None:
        renamed = LEGACY_VALUES["age_band"].get(str(value))
        return cls(renamed) if renamed else None


class SocialStatus(StrEnum):
    """La Coop's ``StatutSocial``."""

    SCOLARISE = "scolarise"
    SANS_EMPLOI = "sans_emploi"
    EN_EMPLOI = "en_emploi"
    RETRAITE = "retraite"
    NON_COMMUNIQUE = "non_communique"


class ConsentMode(StrEnum):
    ORAL = "oral"
    WRITTEN = "ecrit"
    SIGNED = "signe"


class ConsentPurpose(StrEnum):
    SUIVI = "suivi"
    CONTACT = "contact"
    STATISTIQUES = "statistiques"
    PRET_MATERIEL = "pret_materiel"


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITLIST = "waitlist"
    CANCELLED = "cancelled"


class RegistrationChannel(StrEnum):
    TELEPHONE = "telephone"
    ECOLE = "ecole"
    SUR_PLACE = "sur_place"
    EN_LIGNE = "en_ligne"


class Presence(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


class DeviceType(StrEnum):
    LAPTOP = "laptop"
    TABLET = "tablet"
    BOX_4G = "box_4g"
    DONGLE_4G = "dongle_4g"
    SIM = "sim"
    ACCESSORY = "accessory"


class DeviceCondition(StrEnum):
    NEW = "neuf"
    GOOD = "bon"
    WORN = "use"
    BROKEN = "hors_service"


class DeviceStatus(StrEnum):
    IN_STOCK = "in_stock"
    HANDED_OUT = "handed_out"
    LOANED = "loaned"
    IN_REPAIR = "in_repair"
    LOST = "lost"
    STOLEN = "stolen"
    RETIRED = "retired"


class LineType(StrEnum):
    SIM_DATA = "sim_data"
    BOX_4G = "box_4g"
    AUTRE = "autre"


class LineStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspendue"
    TERMINATED = "resiliee"


class LineEndReason(StrEnum):
    """Why a connectivity line ended (stored with the line and synced)."""

    FIN_CONTRAT = "fin_contrat"
    PERTE = "perte"
    RESILIATION = "resiliation"
    RESTITUTION = "restitution"
    AUTRE = "autre"


class HandoutNature(StrEnum):
    LOAN = "loan"
    GIFT = "gift"


class HandoutProgramme(StrEnum):
    """The programme a hand-out belongs to (counted per collège: docs/architecture.md,
    « Réussite Connectée »)."""

    REUSSITE_CONNECTEE = "reussite_connectee"


class EndReason(StrEnum):
    FIN_SCOLARITE = "fin_scolarite"
    DEPART_ETABLISSEMENT = "depart_etablissement"
    PANNE = "panne"
    PERTE = "perte"
    VOL = "vol"
    AUTRE = "autre"


class SignerCapacity(StrEnum):
    PARENT = "parent"
    TUTEUR = "tuteur"


class PartnershipStatus(StrEnum):
    """Where a partner's convention stands."""

    EN_PREPARATION = "en_preparation"
    SIGNEE = "signee"
    TERMINEE = "terminee"


class InstalmentStatus(StrEnum):
    PREVU = "prevu"
    VERSE = "verse"


class ConflictKind(StrEnum):
    FIELD = "field"
    DELETE_VS_EDIT = "delete_vs_edit"
    UNIQUE = "unique"
    PARENT_DELETED = "parent_deleted"
    CAPACITY = "capacity"


class ConflictStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class SyncState(StrEnum):
    """Per-record badge: saved locally / synced / needs attention."""

    LOCAL = "local"
    SYNCED = "synced"
    CONFLICT = "conflict"


#: Values renamed to La Coop's spellings, by field: what an older laptop may still send.
#: The migrations (client 0003, server 0006) rewrite what is stored.
LEGACY_VALUES: dict[str, dict[str, str]] = {
    "theme": {"etrangers_europeens": "etrangers_europe"},
    "age_band": {
        "moins_de_12_ans": "moins_de_douze",
        "de_12_a_18_ans": "douze_dix_huit",
        "de_18_a_24_ans": "dix_huit_vingt_quatre",
        "de_25_a_39_ans": "vingt_cinq_trente_neuf",
        "de_40_a_59_ans": "quarante_cinquante_neuf",
        "de_60_a_69_ans": "soixante_soixante_neuf",
        "plus_de_70_ans": "soixante_dix_plus",
    },
}


# Pairs, not a dict literal: members of different enums with the same value
# (WorkshopStatus.CANCELLED and RegistrationStatus.CANCELLED, the many AUTRE) are equal
# as dict keys, so a literal would give them all the wording of the last one.
_LABEL_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (Role.MEDIATOR, "Médiateur·rice numérique"),
    (Role.FAMILY_REFERENT, "Référent·e famille"),
    (Role.COORDINATOR, "Coordinateur·rice départemental·e"),
    (Role.ADMIN, "Administrateur·rice"),
    (StructureKind.ECOLE, "École"),
    (StructureKind.COLLEGE, "Collège"),
    (StructureKind.LYCEE, "Lycée"),
    (StructureKind.CENTRE_SOCIAL, "Centre social"),
    (StructureKind.MEDIATHEQUE, "Médiathèque"),
    (StructureKind.ASSOCIATION, "Association"),
    (StructureKind.FRANCE_SERVICES, "France services"),
    (StructureKind.MAIRIE, "Mairie"),
    (StructureKind.AUTRE, "Autre"),
    # La Coop's theme labels, as it writes them in its export (its hyphens, not dashes).
    (Theme.DIAGNOSTIC_NUMERIQUE, "Diagnostic numérique"),
    (Theme.PRENDRE_EN_MAIN_DU_MATERIEL, "Prendre en main du matériel"),
    (Theme.MAINTENANCE_DE_MATERIEL, "Maintenance de matériel"),
    (Theme.GERE_SES_CONTENUS_NUMERIQUES, "Gérer ses contenus numériques"),
    (Theme.NAVIGATION_SUR_INTERNET, "Navigation sur internet"),
    (Theme.EMAIL, "E-mail"),
    (Theme.BUREAUTIQUE, "Bureautique"),
    (Theme.RESEAUX_SOCIAUX, "Réseaux sociaux communication"),
    (Theme.SANTE, "Santé"),
    (Theme.BANQUE_ET_ACHATS_EN_LIGNE, "Banque et achats en ligne"),
    (Theme.ENTREPRENEURIAT, "Accompagner un professionnel"),
    (Theme.INSERTION_PROFESSIONNELLE, "Insertion professionnelle"),
    (Theme.SECURITE_NUMERIQUE, "Prévention en sécurité numérique"),
    (Theme.PARENTALITE, "Parentalité"),
    (Theme.SCOLARITE_ET_NUMERIQUE, "Scolarité et numérique"),
    (Theme.CREER_AVEC_LE_NUMERIQUE, "Créer avec le numérique"),
    (Theme.CULTURE_NUMERIQUE, "Culture numérique"),
    (Theme.INTELLIGENCE_ARTIFICIELLE, "Intelligence artificielle (IA)"),
    (Theme.AIDE_AUX_DEMARCHES_ADMINISTRATIVES, "Aide aux démarches administratives"),
    (Theme.PAPIERS_ELECTIONS_CITOYENNETE, "Papiers - Élections - Citoyenneté"),
    (Theme.FAMILLE_SCOLARITE, "Famille - Scolarité"),
    (Theme.SOCIAL_SANTE, "Social - Santé"),
    (Theme.TRAVAIL_FORMATION, "Travail - Formation - Entreprise"),
    (Theme.LOGEMENT, "Logement"),
    (Theme.TRANSPORTS_MOBILITE, "Transports - Mobilité"),
    (Theme.ARGENT_IMPOTS, "Argent - Impôts"),
    (Theme.JUSTICE, "Justice"),
    (Theme.ETRANGERS_EUROPE, "Étrangers - Europe"),
    (Theme.LOISIRS_SPORTS_CULTURE, "Loisirs - Sports - Culture"),
    (Theme.ASSOCIATIONS, "Associations"),
    (Tool.ENT, "ENT"),
    (Tool.PRONOTE, "Pronote"),
    (Tool.EDUCONNECT, "ÉduConnect"),
    (Tool.CONTROLE_PARENTAL, "Contrôle parental"),
    (Tool.RESEAUX_SOCIAUX, "Réseaux sociaux"),
    (Tool.AUTRE, "Autre"),
    (WorkshopFormat.CAFE_DES_PARENTS, "Café des parents"),
    (WorkshopFormat.ATELIER, "Atelier"),
    (WorkshopFormat.REUNION_INFORMATION, "Réunion d’information"),
    (WorkshopFormat.PERMANENCE, "Permanence"),
    (WorkshopFormat.ACCOMPAGNEMENT_INDIVIDUEL, "Accompagnement individuel"),
    (WorkshopFormat.WEBINAIRE, "Webinaire"),
    (WorkshopFormat.EVENEMENT, "Événement"),
    (WorkshopFormat.FORMATION_PROFESSIONNELS, "Formation de professionnels"),
    (WorkshopKind.COLLECTIF, "Atelier collectif"),
    (WorkshopKind.INDIVIDUEL, "Accompagnement individuel"),
    (PlaceType.LIEU_ACTIVITE, "Lieu d’activité"),
    (PlaceType.DOMICILE, "À domicile"),
    (PlaceType.A_DISTANCE, "À distance"),
    (PlaceType.AUTRE, "Autre lieu"),
    (Audience.PARENTS, "Parents"),
    (Audience.PARENTS_ENFANTS, "Parents et enfants"),
    (Audience.ENFANTS, "Enfants"),
    (Audience.PROFESSIONNELS, "Professionnels"),
    (SchoolLevel.MATERNELLE, "Maternelle"),
    (SchoolLevel.ELEMENTAIRE, "Élémentaire"),
    (SchoolLevel.COLLEGE, "Collège"),
    (SchoolLevel.LYCEE, "Lycée"),
    (Material.ORDINATEUR, "Ordinateur"),
    (Material.TELEPHONE, "Téléphone"),
    (Material.TABLETTE, "Tablette"),
    (Material.AUTRE, "Autre"),
    (Material.AUCUN, "Pas de matériel"),
    (Level.DEBUTANT, "Débutant"),
    (Level.INTERMEDIAIRE, "Intermédiaire"),
    (Level.AVANCE, "Avancé"),
    (WorkshopStatus.PLANNED, "Prévu"),
    (WorkshopStatus.HELD, "Réalisé"),
    (WorkshopStatus.CANCELLED, "Annulé"),
    (ReviewStatus.TO_REVIEW, "À vérifier"),
    (ReviewStatus.VALIDATED, "Validé"),
    (ReviewStatus.NEEDS_CORRECTION, "À corriger"),
    (Gender.FEMININ, "Féminin"),
    (Gender.MASCULIN, "Masculin"),
    (Gender.NON_COMMUNIQUE, "Non communiqué"),
    (AgeBand.MOINS_12, "Moins de 12 ans"),
    (AgeBand.DE_12_18, "12 - 17 ans"),
    (AgeBand.DE_18_24, "18 - 24 ans"),
    (AgeBand.DE_25_39, "25 - 39 ans"),
    (AgeBand.DE_40_59, "40 - 59 ans"),
    (AgeBand.DE_60_69, "60 - 69 ans"),
    (AgeBand.PLUS_70, "70 ans et plus"),
    (AgeBand.NON_COMMUNIQUE, "Non communiqué"),
    (SocialStatus.SCOLARISE, "Scolarisé"),
    (SocialStatus.SANS_EMPLOI, "Sans emploi"),
    (SocialStatus.EN_EMPLOI, "En emploi"),
    (SocialStatus.RETRAITE, "Retraité"),
    (SocialStatus.NON_COMMUNIQUE, "Non communiqué ou hétérogène"),
    (ConsentMode.ORAL, "Oral"),
    (ConsentMode.WRITTEN, "Écrit"),
    (ConsentMode.SIGNED, "Signé"),
    (ConsentPurpose.SUIVI, "Suivi de l’accompagnement"),
    (ConsentPurpose.CONTACT, "Être recontacté·e"),
    (ConsentPurpose.STATISTIQUES, "Statistiques"),
    (ConsentPurpose.PRET_MATERIEL, "Prêt de matériel"),
    (RegistrationStatus.REGISTERED, "Inscrit·e"),
    (RegistrationStatus.WAITLIST, "Liste d’attente"),
    (RegistrationStatus.CANCELLED, "Annulée"),
    (RegistrationChannel.TELEPHONE, "Téléphone"),
    (RegistrationChannel.ECOLE, "École"),
    (RegistrationChannel.SUR_PLACE, "Sur place"),
    (RegistrationChannel.EN_LIGNE, "En ligne"),
    (Presence.PRESENT, "Présent·e"),
    (Presence.ABSENT, "Absent·e"),
    (Presence.EXCUSED, "Excusé·e"),
    (DeviceType.LAPTOP, "Ordinateur portable"),
    (DeviceType.TABLET, "Tablette"),
    (DeviceType.BOX_4G, "Box 4G"),
    (DeviceType.DONGLE_4G, "Clé 4G"),
    (DeviceType.SIM, "Carte SIM"),
    (DeviceType.ACCESSORY, "Accessoire"),
    (DeviceCondition.NEW, "Neuf"),
    (DeviceCondition.GOOD, "Bon état"),
    (DeviceCondition.WORN, "Usé"),
    (DeviceCondition.BROKEN, "Hors service"),
    (DeviceStatus.IN_STOCK, "En stock"),
    (DeviceStatus.HANDED_OUT, "Remis"),
    (DeviceStatus.LOANED, "Prêté"),
    (DeviceStatus.IN_REPAIR, "En réparation"),
    (DeviceStatus.LOST, "Perdu"),
    (DeviceStatus.STOLEN, "Volé"),
    (DeviceStatus.RETIRED, "Réformé"),
    (LineType.SIM_DATA, "Carte SIM data"),
    (LineType.BOX_4G, "Box 4G"),
    (LineType.AUTRE, "Autre"),
    (LineStatus.ACTIVE, "Active"),
    (LineStatus.SUSPENDED, "Suspendue"),
    (LineStatus.TERMINATED, "Résiliée"),
    (LineEndReason.FIN_CONTRAT, "Fin de contrat"),
    (LineEndReason.PERTE, "Perte"),
    (LineEndReason.RESILIATION, "Résiliation"),
    (LineEndReason.RESTITUTION, "Restitution"),
    (LineEndReason.AUTRE, "Autre"),
    (HandoutNature.LOAN, "Prêt"),
    (HandoutNature.GIFT, "Don"),
    (HandoutProgramme.REUSSITE_CONNECTEE, "Réussite Connectée"),
    (EndReason.FIN_SCOLARITE, "Fin de scolarité"),
    (EndReason.DEPART_ETABLISSEMENT, "Départ de l’établissement"),
    (EndReason.PANNE, "Panne"),
    (EndReason.PERTE, "Perte"),
    (EndReason.VOL, "Vol"),
    (EndReason.AUTRE, "Autre"),
    (SignerCapacity.PARENT, "Parent"),
    (SignerCapacity.TUTEUR, "Tuteur·rice"),
    (PartnershipStatus.EN_PREPARATION, "En préparation"),
    (PartnershipStatus.SIGNEE, "Signée"),
    (PartnershipStatus.TERMINEE, "Terminée"),
    (InstalmentStatus.PREVU, "Prévu"),
    (InstalmentStatus.VERSE, "Versé"),
    (SyncState.LOCAL, "Enregistré sur ce poste"),
    (SyncState.SYNCED, "Synchronisé"),
    (SyncState.CONFLICT, "À traiter"),
)

_LABELS: dict[tuple[type[StrEnum], str], str] = {
    (type(member), member.value): text for member, text in _LABEL_PAIRS
}


def label(value: StrEnum) -> str:
    """Return the French wording of an enum value (its raw value if none is declared)."""
    return _LABELS.get((type(value), value.value), str(value))


def label_wordings() -> tuple[str, ...]:
    """Every French wording ``label()`` can give, once each, in declaration order (the
    interface's translation catalogue is checked against it)."""
    return tuple(dict.fromkeys(text for _member, text in _LABEL_PAIRS))
