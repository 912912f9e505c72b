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


class Theme(StrEnum):
    """Coop ``Thematique`` values (the full list, so exports stay compatible)."""

    PARENTALITE = "parentalite"
    SCOLARITE_ET_NUMERIQUE = "scolarite_et_numerique"
    FAMILLE_SCOLARITE = "famille_scolarite"
    SECURITE_NUMERIQUE = "securite_numerique"
    RESEAUX_SOCIAUX = "reseaux_sociaux"
    CULTURE_NUMERIQUE = "culture_numerique"
    PRENDRE_EN_MAIN_DU_MATERIEL = "prendre_en_main_du_materiel"
    NAVIGATION_SUR_INTERNET = "navigation_sur_internet"
    EMAIL = "email"
    AIDE_AUX_DEMARCHES_ADMINISTRATIVES = "aide_aux_demarches_administratives"
    BUREAUTIQUE = "bureautique"
    SANTE = "sante"
    BANQUE_ET_ACHATS_EN_LIGNE = "banque_et_achats_en_ligne"
    ENTREPRENEURIAT = "entrepreneuriat"
    INSERTION_PROFESSIONNELLE = "insertion_professionnelle"
    CREER_AVEC_LE_NUMERIQUE = "creer_avec_le_numerique"
    INTELLIGENCE_ARTIFICIELLE = "intelligence_artificielle"
    PAPIERS_ELECTIONS_CITOYENNETE = "papiers_elections_citoyennete"
    SOCIAL_SANTE = "social_sante"
    TRAVAIL_FORMATION = "travail_formation"
    LOGEMENT = "logement"
    TRANSPORTS_MOBILITE = "transports_mobilite"
    ARGENT_IMPOTS = "argent_impots"
    JUSTICE = "justice"
    ETRANGERS_EUROPEENS = "etrangers_europeens"
    LOISIRS_SPORTS_CULTURE = "loisirs_sports_culture"


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


class WorkshopKind(StrEnum):
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
    """Coop ``Materiel``: equipment used during the session."""

    ORDINATEUR = "ordinateur"
    TELEPHONE = "telephone"
    TABLETTE = "tablette"
    AUTRE = "autre"
    AUCUN = "aucun"


class Level(StrEnum):
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
    FEMININ = "feminin"
    MASCULIN = "masculin"
    NON_COMMUNIQUE = "non_communique"


class AgeBand(StrEnum):
    MOINS_12 = "moins_de_12_ans"
    DE_12_18 = "de_12_a_18_ans"
    DE_18_24 = "de_18_a_24_ans"
    DE_25_39 = "de_25_a_39_ans"
    DE_40_59 = "de_40_a_59_ans"
    DE_60_69 = "de_60_a_69_ans"
    PLUS_70 = "plus_de_70_ans"
    NON_COMMUNIQUE = "non_communique"


class SocialStatus(StrEnum):
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


class HandoutNature(StrEnum):
    LOAN = "loan"
    GIFT = "gift"


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
    (Theme.PARENTALITE, "Parentalité"),
    (Theme.SCOLARITE_ET_NUMERIQUE, "Scolarité et numérique"),
    (Theme.FAMILLE_SCOLARITE, "Famille – scolarité"),
    (Theme.SECURITE_NUMERIQUE, "Sécurité numérique"),
    (Theme.RESEAUX_SOCIAUX, "Réseaux sociaux"),
    (Theme.CULTURE_NUMERIQUE, "Culture numérique"),
    (Theme.PRENDRE_EN_MAIN_DU_MATERIEL, "Prendre en main du matériel"),
    (Theme.NAVIGATION_SUR_INTERNET, "Navigation sur internet"),
    (Theme.EMAIL, "E-mail"),
    (Theme.AIDE_AUX_DEMARCHES_ADMINISTRATIVES, "Aide aux démarches administratives"),
    (Theme.BUREAUTIQUE, "Bureautique"),
    (Theme.SANTE, "Santé"),
    (Theme.BANQUE_ET_ACHATS_EN_LIGNE, "Banque et achats en ligne"),
    (Theme.ENTREPRENEURIAT, "Entrepreneuriat"),
    (Theme.INSERTION_PROFESSIONNELLE, "Insertion professionnelle"),
    (Theme.CREER_AVEC_LE_NUMERIQUE, "Créer avec le numérique"),
    (Theme.INTELLIGENCE_ARTIFICIELLE, "Intelligence artificielle"),
    (Theme.PAPIERS_ELECTIONS_CITOYENNETE, "Papiers – élections – citoyenneté"),
    (Theme.SOCIAL_SANTE, "Social – santé"),
    (Theme.TRAVAIL_FORMATION, "Travail – formation"),
    (Theme.LOGEMENT, "Logement"),
    (Theme.TRANSPORTS_MOBILITE, "Transports – mobilité"),
    (Theme.ARGENT_IMPOTS, "Argent – impôts"),
    (Theme.JUSTICE, "Justice"),
    (Theme.ETRANGERS_EUROPEENS, "Étrangers – Européens"),
    (Theme.LOISIRS_SPORTS_CULTURE, "Loisirs – sports – culture"),
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
    (WorkshopKind.COLLECTIF, "Collectif"),
    (WorkshopKind.INDIVIDUEL, "Individuel"),
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
    (Material.AUTRE, "Autre matériel"),
    (Material.AUCUN, "Aucun"),
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
    (AgeBand.DE_12_18, "12 à 18 ans"),
    (AgeBand.DE_18_24, "18 à 24 ans"),
    (AgeBand.DE_25_39, "25 à 39 ans"),
    (AgeBand.DE_40_59, "40 à 59 ans"),
    (AgeBand.DE_60_69, "60 à 69 ans"),
    (AgeBand.PLUS_70, "70 ans et plus"),
    (AgeBand.NON_COMMUNIQUE, "Non communiqué"),
    (SocialStatus.SCOLARISE, "Scolarisé·e"),
    (SocialStatus.SANS_EMPLOI, "Sans emploi"),
    (SocialStatus.EN_EMPLOI, "En emploi"),
    (SocialStatus.RETRAITE, "Retraité·e"),
    (SocialStatus.NON_COMMUNIQUE, "Non communiqué"),
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
    (HandoutNature.LOAN, "Prêt"),
    (HandoutNature.GIFT, "Don"),
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
