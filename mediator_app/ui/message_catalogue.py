"""Every template of the core's and the local store's messages (``core.texts.text``),
literal, so that ``make i18n`` extracts them into the ``core`` context.

Generated: ``python -m mediator_app.ui.core_messages --write``; do not edit by hand
(tests/ui/test_core_messages.py fails when it drifts from the source).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

TEMPLATES: tuple[object, ...] = (  # QT_TRANSLATE_NOOP returns its text
    QT_TRANSLATE_NOOP("core", "Opération annulée."),
    QT_TRANSLATE_NOOP("core", "Caractère invalide (caractère nul ou caractère Unicode isolé)."),
    QT_TRANSLATE_NOOP("core", "Valeur invalide pour ce champ."),
    QT_TRANSLATE_NOOP("core", "Trop de champs dans ce changement (au plus {max_fields})."),
    QT_TRANSLATE_NOOP("core", "Nom de champ invalide."),
    QT_TRANSLATE_NOOP("core", "Nombre hors des limites acceptées."),
    QT_TRANSLATE_NOOP("core", "Texte trop long (au plus {limit} caractères)."),
    QT_TRANSLATE_NOOP("core", "Trop d’éléments dans la liste (au plus {limit})."),
    QT_TRANSLATE_NOOP("core", "Image trop volumineuse (au plus {limit} ko)."),
    QT_TRANSLATE_NOOP("core", "Indiquez l’année scolaire sous la forme 2025-2026."),
    QT_TRANSLATE_NOOP("core", "Le montant de la subvention n’est pas valide."),
    QT_TRANSLATE_NOOP("core", "Les notes sont limitées à 2 000 caractères."),
    QT_TRANSLATE_NOOP("core", "Les références des documents sont limitées à 2 000 caractères."),
    QT_TRANSLATE_NOOP("core", "Indiquez un montant supérieur à 0 €."),
    QT_TRANSLATE_NOOP("core", "Indiquez la date du versement."),
    QT_TRANSLATE_NOOP("core", "Un versement daté est « versé »."),
    QT_TRANSLATE_NOOP("core", "L’objectif doit être compris entre 0 et {max_objective}."),
    QT_TRANSLATE_NOOP(
        "core",
        "Un atelier collectif réalisé doit avoir au moins un participant présent ou un nombre de participants anonymes.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Les professionnels formés ne se comptent que pour une « Formation de professionnels ».",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Seul·e la coordination du département peut valider un atelier ou le renvoyer pour correction.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Seule la coordination du département peut modifier les partenariats et les écoles ciblées.",
    ),
    QT_TRANSLATE_NOOP(
        "core", "Le nombre de personnes déjà accompagnées ne peut pas dépasser le total."
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "La répartition par genres ({declared}) dépasse le total de participants anonymes ({total}).",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "La répartition par tranches d’âge ({declared}) dépasse le total de participants anonymes ({total}).",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "La répartition par statuts ({declared}) dépasse le total de participants anonymes ({total}).",
    ),
    QT_TRANSLATE_NOOP("core", "Cochez au moins une finalité du consentement."),
    QT_TRANSLATE_NOOP("core", "Indiquez la version de la notice d’information remise."),
    QT_TRANSLATE_NOOP("core", "Indiquez la date du consentement."),
    QT_TRANSLATE_NOOP("core", "Le nombre de places doit être d’au moins 1."),
    QT_TRANSLATE_NOOP(
        "core",
        "Il y a déjà {registered} personnes inscrites : la capacité ne peut pas être inférieure.",
    ),
    QT_TRANSLATE_NOOP(
        "core", "Cet atelier est prévu le {on} : il ne peut pas encore être marqué comme réalisé."
    ),
    QT_TRANSLATE_NOOP("core", "{role} : indiquez un nombre entier."),
    QT_TRANSLATE_NOOP("core", "Le nombre doit être compris entre 0 et {max_count}."),
    QT_TRANSLATE_NOOP("core", "La date du consentement ne peut pas être dans le futur."),
    QT_TRANSLATE_NOOP("core", "{role} : le nombre doit être compris entre 0 et {max}."),
    QT_TRANSLATE_NOOP("core", "Indiquez le nom du lieu."),
    QT_TRANSLATE_NOOP(
        "core",
        "Le code UAI doit comporter 7 chiffres suivis d’une lettre de contrôle (par exemple 0950001K).",
    ),
    QT_TRANSLATE_NOOP("core", "Le code postal doit comporter 5 chiffres."),
    QT_TRANSLATE_NOOP("core", "Donnez un titre à l’atelier."),
    QT_TRANSLATE_NOOP("core", "Choisissez au moins une thématique."),
    QT_TRANSLATE_NOOP("core", "La date doit être postérieure au 1er janvier 2020."),
    QT_TRANSLATE_NOOP("core", "La durée doit être comprise entre 1 minute et 24 heures."),
    QT_TRANSLATE_NOOP("core", "Choisissez le lieu de l’atelier ou saisissez son adresse."),
    QT_TRANSLATE_NOOP("core", "Indiquez la commune."),
    QT_TRANSLATE_NOOP("core", "Indiquez au moins un nom ou un prénom."),
    QT_TRANSLATE_NOOP("core", "Ce numéro de téléphone n’est pas un numéro français valide."),
    QT_TRANSLATE_NOOP("core", "Cette adresse e-mail n’est pas valide."),
    QT_TRANSLATE_NOOP("core", "Indiquez comment le consentement a été recueilli."),
    QT_TRANSLATE_NOOP(
        "core",
        "Les notes sont limitées à 500 caractères : notez seulement ce qui est nécessaire au suivi, sans jugement ni donnée sensible.",
    ),
    QT_TRANSLATE_NOOP("core", "Indiquez le nom de la personne à inscrire."),
    QT_TRANSLATE_NOOP("core", "Une inscription en liste d’attente doit avoir un rang."),
    QT_TRANSLATE_NOOP("core", "Indiquez le numéro de série."),
    QT_TRANSLATE_NOOP("core", "Indiquez le numéro d’inventaire (étiquette)."),
    QT_TRANSLATE_NOOP("core", "L’IMEI doit comporter 15 chiffres."),
    QT_TRANSLATE_NOOP("core", "Indiquez l’opérateur."),
    QT_TRANSLATE_NOOP("core", "L’ICCID doit comporter entre 18 et 22 chiffres."),
    QT_TRANSLATE_NOOP("core", "Le numéro de ligne doit comporter entre 6 et 15 chiffres."),
    QT_TRANSLATE_NOOP("core", "La date de fin doit suivre la date de début."),
    QT_TRANSLATE_NOOP("core", "Choisissez la famille (responsable légal)."),
    QT_TRANSLATE_NOOP("core", "Choisissez au moins un équipement."),
    QT_TRANSLATE_NOOP("core", "Un prêt doit avoir une date de retour prévue."),
    QT_TRANSLATE_NOOP("core", "La date de retour prévue doit suivre la date de remise."),
    QT_TRANSLATE_NOOP("core", "La date de retour doit suivre la date de remise."),
    QT_TRANSLATE_NOOP(
        "core", "Indiquez le collège de l’élève : Réussite Connectée se suit par collège."
    ),
    QT_TRANSLATE_NOOP("core", "Un Parent Ressource qui co-anime l’atelier y est présent."),
    QT_TRANSLATE_NOOP("core", "La date de recrutement ne concerne qu’un Parent Ressource."),
    QT_TRANSLATE_NOOP("core", "Indiquez pourquoi la ligne se termine."),
    QT_TRANSLATE_NOOP("core", "Seule une ligne terminée a un motif de fin."),
    QT_TRANSLATE_NOOP("core", "La date de recrutement ne peut pas être future."),
    QT_TRANSLATE_NOOP("core", "Indiquez la date de fin de la ligne."),
    QT_TRANSLATE_NOOP("core", "Vous n’avez pas les droits pour modifier cette fiche."),
    QT_TRANSLATE_NOOP(
        "core", "Le serveur a refusé cette fiche : elle n’est pas complète ou pas valide."
    ),
    QT_TRANSLATE_NOOP("core", "La fiche à laquelle ce changement se rattache a été supprimée."),
    QT_TRANSLATE_NOOP(
        "core", "La fiche à laquelle ce changement se rattache n’a pas été acceptée par le serveur."
    ),
    QT_TRANSLATE_NOOP("core", "Cette fiche a été supprimée sur le serveur entre-temps."),
    QT_TRANSLATE_NOOP("core", "Ce changement a déjà été numéroté : il a été mis de côté."),
    QT_TRANSLATE_NOOP("core", "Type de fiche inconnu du serveur."),
    QT_TRANSLATE_NOOP("core", "Cette information a été modifiée ailleurs en même temps."),
    QT_TRANSLATE_NOOP("core", "Cette fiche a été supprimée ailleurs alors que vous la modifiiez."),
    QT_TRANSLATE_NOOP(
        "core",
        "Cet équipement est déjà chez une autre famille (prêt ou don en cours) : enregistrez son retour avant de le confier à nouveau.",
    ),
    QT_TRANSLATE_NOOP(
        "core", "L’atelier est complet : l’inscription a été mise en liste d’attente."
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Ce parent a été noté absent : il n’est plus compté comme co-animateur de cet atelier (Parent Ressource).",
    ),
    QT_TRANSLATE_NOOP(
        "core", "Le serveur n’a pas pu traiter ce changement ; il a été mis de côté."
    ),
    QT_TRANSLATE_NOOP("core", "Ces données de référence ne se modifient que sur le serveur."),
    QT_TRANSLATE_NOOP(
        "core",
        "Ce changement est trop volumineux pour être envoyé au serveur : il a été mis de côté, les suivants partent sans lui. Raccourcissez le texte de la fiche (notes, convention) ou refaites la signature, puis renvoyez-le.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Ce changement dépasse les limites acceptées par le serveur (texte trop long, liste trop grande, caractère invalide) : il a été mis de côté, les suivants partent sans lui. Corrigez la fiche, puis renvoyez-le.",
    ),
    QT_TRANSLATE_NOOP("core", "Le serveur a refusé ce changement."),
    QT_TRANSLATE_NOOP(
        "core",
        "Le dossier des données n’est pas accessible en écriture (droits du dossier, disque ou clé USB protégés en écriture) : vos données sont affichées en lecture seule, rien ne peut être modifié ni synchronisé. Pour travailler, rendez le dossier modifiable (ou demandez-le à la personne qui gère ce poste), puis relancez TNE Médiation.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Le dossier des données n’est pas accessible en écriture et ne contient pas encore de données : TNE Médiation ne peut pas les créer. Choisissez un dossier modifiable (--data-dir ou MEDIATOR_DATA_DIR) ou rendez celui-ci modifiable, puis relancez.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Ces données ont été enregistrées par une version plus récente de TNE Médiation. Elles sont ouvertes en lecture seule : installez la dernière version pour les modifier.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Le fichier de données est illisible. Restaurez une sauvegarde du dossier « {backup_dirname} » ou contactez le support.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Le fichier de données est endommagé. Restaurez une sauvegarde du dossier « {backup_dirname} » ou contactez le support.",
    ),
    QT_TRANSLATE_NOOP("core", "{newer} {read_only}"),
    QT_TRANSLATE_NOOP("core", "SELECT 1"),
    QT_TRANSLATE_NOOP("core", "{message} ({exc})"),
    QT_TRANSLATE_NOOP("core", "Volume inconnu : « {scale} » (test, demo ou bench)."),
    QT_TRANSLATE_NOOP("core", "Les données de démonstration sont déjà présentes sur ce poste."),
    QT_TRANSLATE_NOOP("core", "Cet atelier est annulé : on ne peut pas y noter de présences."),
    QT_TRANSLATE_NOOP(
        "core", "Cette présence a été supprimée sur un autre poste : synchronisez, puis réessayez."
    ),
    QT_TRANSLATE_NOOP("core", "Cette fiche parent n’existe plus (elle a peut-être été fusionnée)."),
    QT_TRANSLATE_NOOP("core", "Cette inscription est déjà liée à une fiche parent."),
    QT_TRANSLATE_NOOP(
        "core",
        "Cet équipement est déjà chez une autre famille : votre remise n’a pas été enregistrée et n’apparaît plus dans les prêts en cours. Refaites-la avec un autre équipement ; ce que vous aviez saisi reste visible ici.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{held} : votre remise n’a pas été enregistrée et n’apparaît plus dans les prêts en cours. Choisissez un autre équipement pour cette famille, ou annulez votre remise.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{held} : son statut suit ce prêt tant qu’il n’est pas rendu ; la valeur notée sur ce poste (par exemple le retour d’une remise que le serveur n’a pas enregistrée) ne peut pas être gardée.",
    ),
    QT_TRANSLATE_NOOP("core", "L’équipement"),
    QT_TRANSLATE_NOOP("core", "Une personne"),
    QT_TRANSLATE_NOOP(
        "core",
        "{field} : un autre poste a enregistré une autre valeur après vous ; c’est la sienne qui a été gardée. Vous pouvez rétablir la vôtre.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Cette information a été modifiée sur un autre poste en même temps que sur le vôtre. Quelle valeur est la bonne ?",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Cette fiche a été supprimée sur un autre poste alors que vous la modifiiez. Votre modification est conservée ici.",
    ),
    QT_TRANSLATE_NOOP("core", "Ce changement entre en conflit avec une autre fiche."),
    QT_TRANSLATE_NOOP(
        "core", "L’atelier était complet : l’inscription est passée en liste d’attente."
    ),
    QT_TRANSLATE_NOOP("core", "L’ordinateur"),
    QT_TRANSLATE_NOOP("core", "La tablette"),
    QT_TRANSLATE_NOOP("core", "La box 4G"),
    QT_TRANSLATE_NOOP("core", "La clé 4G"),
    QT_TRANSLATE_NOOP("core", "La carte SIM"),
    QT_TRANSLATE_NOOP("core", "L’accessoire"),
    QT_TRANSLATE_NOOP(
        "core",
        "{person} est passée en liste d’attente pour l’atelier {workshop} : complet (un autre poste avait déjà rempli les places).",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{person} est passé en liste d’attente pour l’atelier {workshop} : complet (un autre poste avait déjà rempli les places).",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{person} est passé·e en liste d’attente pour l’atelier {workshop} : complet (un autre poste avait déjà rempli les places).",
    ),
    QT_TRANSLATE_NOOP(
        "core", "{person} ne co-anime plus l’atelier {workshop} : un autre poste l’a notée absente."
    ),
    QT_TRANSLATE_NOOP(
        "core", "{person} ne co-anime plus l’atelier {workshop} : un autre poste l’a noté absent."
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "{person} ne co-anime plus l’atelier {workshop} : un autre poste l’a noté·e absent·e.",
    ),
    QT_TRANSLATE_NOOP("core", "{what} {tag} est déjà remis à une autre famille depuis le {since}"),
    QT_TRANSLATE_NOOP("core", "{what} {tag} est déjà prêté à une autre famille depuis le {since}"),
    QT_TRANSLATE_NOOP("core", "Mme {name}"),
    QT_TRANSLATE_NOOP("core", "M. {name}"),
    QT_TRANSLATE_NOOP("core", "Cet élément a déjà été traité."),
    QT_TRANSLATE_NOOP("core", "Cet élément ne porte pas sur une information à choisir."),
    QT_TRANSLATE_NOOP("core", "La fiche concernée n’existe plus sur ce poste."),
    QT_TRANSLATE_NOOP(
        "core",
        "Cet équipement est chez une famille : son statut suit ce prêt. Enregistrez d’abord son retour depuis la fiche de l’équipement.",
    ),
    QT_TRANSLATE_NOOP("core", "Cet élément ne porte pas sur une remise refusée."),
    QT_TRANSLATE_NOOP("core", "Choisissez « Renvoyer » ou « Mettre de côté »."),
    QT_TRANSLATE_NOOP("core", "Cet élément ne porte pas sur une valeur à rétablir."),
    QT_TRANSLATE_NOOP("core", "Cet élément demande une décision."),
    QT_TRANSLATE_NOOP("core", "Seules les modifications refusées peuvent être renvoyées."),
    QT_TRANSLATE_NOOP("core", "{field} : {message}"),
    QT_TRANSLATE_NOOP(
        "core", "Le numéro de série « {serial_number} » est déjà utilisé par l’équipement {device}."
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Le numéro d’inventaire « {asset_tag} » est déjà utilisé par un autre équipement ({model}, n° de série {serial_number}).",
    ),
    QT_TRANSLATE_NOOP("core", "L’ICCID « {iccid} » est déjà enregistré pour une autre ligne."),
    QT_TRANSLATE_NOOP(
        "core",
        "Le numéro de ligne « {line_number} » est déjà enregistré pour une autre ligne en cours.",
    ),
    QT_TRANSLATE_NOOP("core", "L’équipement choisi n’existe plus."),
    QT_TRANSLATE_NOOP(
        "core", "Le statut d’un équipement se change avec « Changer le statut » ou par un prêt."
    ),
    QT_TRANSLATE_NOOP(
        "core", "Le statut « {status} » est donné par une remise ou un prêt, pas à la main."
    ),
    QT_TRANSLATE_NOOP("core", "Le fichier est vide."),
    QT_TRANSLATE_NOOP(
        "core",
        "L’équipement {device} est chez une famille : enregistrez d’abord son retour (ou sa perte / son vol) dans le prêt.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "L’équipement {device} a un historique de prêts : réformez-le plutôt que de le supprimer.",
    ),
    QT_TRANSLATE_NOOP("core", "Import annulé : rien n’a été enregistré."),
    QT_TRANSLATE_NOOP("core", "sans modèle"),
    QT_TRANSLATE_NOOP("core", "Le fichier « {name} » ne peut pas être lu ({strerror})."),
    QT_TRANSLATE_NOOP(
        "core", "Colonnes manquantes dans le fichier : {missing}. Colonnes attendues : {columns}."
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "Le modèle de convention contient un champ inconnu : {names}. Faites corriger le modèle par la coordination.",
    ),
    QT_TRANSLATE_NOOP(
        "core",
        "La convention « {title} » (version {template_version}) n’est pas en vigueur le {day} : choisissez la version en cours.",
    ),
    QT_TRANSLATE_NOOP("core", "La convention doit être signée par le responsable légal."),
    QT_TRANSLATE_NOOP("core", "Indiquez le nom de la personne qui signe."),
    QT_TRANSLATE_NOOP("core", "Indiquez si la personne signe comme parent ou tuteur."),
    QT_TRANSLATE_NOOP("core", "Cette famille n’existe plus sur ce poste."),
    QT_TRANSLATE_NOOP("core", "Un même équipement est choisi deux fois."),
    QT_TRANSLATE_NOOP("core", "Ce prêt n’existe plus (il a peut-être été supprimé)."),
    QT_TRANSLATE_NOOP("core", "Choisissez le modèle de convention."),
    QT_TRANSLATE_NOOP("core", "Ce modèle de convention n’existe plus."),
    QT_TRANSLATE_NOOP(
        "core",
        "Le texte de la convention a changé depuis qu’il a été affiché : relisez-le avec la famille et faites signer à nouveau.",
    ),
    QT_TRANSLATE_NOOP("core", "Ce prêt est déjà clos depuis le {day}."),
    QT_TRANSLATE_NOOP(
        "core",
        "L’équipement {device} est déjà chez une famille (prêt ou remise en cours) : enregistrez son retour avant de le confier à nouveau.",
    ),
    QT_TRANSLATE_NOOP("core", "L’équipement {device} n’est pas disponible : {status}."),
    QT_TRANSLATE_NOOP(
        "core",
        "Seul un Parent Ressource peut co-animer un atelier : cochez « Parent Ressource » sur sa fiche d’abord.",
    ),
    QT_TRANSLATE_NOOP("core", "Cette fiche a été anonymisée : elle ne peut plus être modifiée."),
    QT_TRANSLATE_NOOP("core", "Choisissez deux fiches différentes à fusionner."),
    QT_TRANSLATE_NOOP("core", "Une fiche anonymisée ne peut pas être fusionnée."),
    QT_TRANSLATE_NOOP(
        "core",
        "Cette personne a encore un équipement prêté : enregistrez d’abord son retour, puis effacez la fiche.",
    ),
    QT_TRANSLATE_NOOP("core", "PRAGMA secure_delete = ON"),
    QT_TRANSLATE_NOOP("core", "Cette fiche est déjà anonymisée."),
    QT_TRANSLATE_NOOP(
        "core",
        "Cette personne a encore un équipement prêté : enregistrez d’abord son retour, puis anonymisez la fiche.",
    ),
    QT_TRANSLATE_NOOP("core", "Cette fiche n’existe plus (elle a peut-être été effacée)."),
    QT_TRANSLATE_NOOP(
        "core",
        "La structure partenaire d’une convention ne se change pas : créez une nouvelle convention.",
    ),
    QT_TRANSLATE_NOOP(
        "core", "Cette structure a déjà une convention pour l’année scolaire {school_year}."
    ),
    QT_TRANSLATE_NOOP("core", "Cet atelier est annulé : il n’accepte plus d’inscriptions."),
    QT_TRANSLATE_NOOP("core", "Cette personne est déjà inscrite à cet atelier."),
    QT_TRANSLATE_NOOP("core", "Cette inscription est déjà annulée."),
    QT_TRANSLATE_NOOP("core", "Cette fiche n’existe plus (elle a peut-être été supprimée)."),
    QT_TRANSLATE_NOOP(
        "core",
        "Expliquez ce qu’il faut corriger : le commentaire est envoyé au·à la médiateur·rice.",
    ),
    QT_TRANSLATE_NOOP("core", "Un atelier déjà réalisé ne peut pas être annulé."),
    QT_TRANSLATE_NOOP(
        "core",
        "Impossible d’enregistrer sur ce poste (disque plein ou fichier occupé). Réessayez ; si le problème continue, contactez le support.",
    ),
    QT_TRANSLATE_NOOP("core", "{field} : {problem}"),
    QT_TRANSLATE_NOOP("core", "La fiche n’a pas été enregistrée :\n{lines}"),
)
