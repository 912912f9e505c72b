<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message>
        <source>N° d’inventaire</source>
        <translation>Asset tag</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Marque et modèle</source>
        <translation>Brand and model</translation>
    </message>
    <message>
        <source>N° de série</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Rendu le {day}</source>
        <translation>Returned on {day}</translation>
    </message>
    <message>
        <source>Pas de retour prévu</source>
        <translation>No return planned</translation>
    </message>
    <message>
        <source>⚠ {n} jours de retard</source>
        <translation>⚠ {n} days overdue</translation>
    </message>
    <message>
        <source>⚠ 1 jour de retard</source>
        <translation>⚠ 1 day overdue</translation>
    </message>
    <message>
        <source>À rendre aujourd’hui</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>À rendre demain</source>
        <translation>Due tomorrow</translation>
    </message>
    <message>
        <source>À rendre dans {n} jours</source>
        <translation>Due in {n} days</translation>
    </message>
    <message>
        <source>Famille</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Équipements</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Remis le</source>
        <translation>Handed out on</translation>
    </message>
    <message>
        <source>Retour prévu</source>
        <translation>Return due</translation>
    </message>
    <message>
        <source>Situation</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>(fiche anonymisée)</source>
        <translation>(anonymised record)</translation>
    </message>
    <message>
        <source>Ligne</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Problème</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Non recueilli</source>
        <translation>Not collected</translation>
    </message>
    <message>
        <source>Oui, le {day}</source>
        <translation>Yes, on {day}</translation>
    </message>
    <message>
        <source>Oui ({how}), le {day}</source>
        <translation>Yes ({how}), on {day}</translation>
    </message>
    <message>
        <source>Personne anonymisée</source>
        <translation>Anonymised person</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>Dernier contact</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>Consentement</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>Fiche</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>« anonymisé »</source>
        <translation>“anonymised”</translation>
    </message>
    <message>
        <source>Parent Ressource</source>
        <translation>Resource parent</translation>
    </message>
    <message>
        <source>Aucun atelier suivi</source>
        <translation>No workshop attended</translation>
    </message>
    <message>
        <source>1 atelier suivi</source>
        <translation>1 workshop attended</translation>
    </message>
    <message>
        <source>{n} ateliers suivis</source>
        <translation>{n} workshops attended</translation>
    </message>
</context>
<context>
    <name>AddDeviceDialog</name>
    <message>
        <source>Ajouter des équipements</source>
        <extracomment>A running line whose planned end is this close is flagged « ⚠ » in the list.</extracomment>
        <translation>Add devices</translation>
    </message>
    <message>
        <source>Scannez le numéro de série puis l’étiquette d’inventaire : l’équipement est enregistré dès la lecture de l’étiquette, et vous pouvez scanner le suivant.</source>
        <translation>Scan the serial number then the asset tag: the device is saved as soon as the tag is read, and you can scan the next one.</translation>
    </message>
    <message>
        <source>Scannez l’étiquette (Entrée enregistre)</source>
        <translation>Scan the tag (Enter saves)</translation>
    </message>
    <message>
        <source>&amp;Type :</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>&amp;Marque :</source>
        <translation>&amp;Brand:</translation>
    </message>
    <message>
        <source>M&amp;odèle :</source>
        <translation>M&amp;odel:</translation>
    </message>
    <message>
        <source>N° de &amp;série :</source>
        <translation>&amp;Serial number:</translation>
    </message>
    <message>
        <source>N° d’&amp;inventaire :</source>
        <translation>&amp;Asset tag:</translation>
    </message>
    <message>
        <source>IM&amp;EI :</source>
        <translation>IM&amp;EI:</translation>
    </message>
    <message>
        <source>É&amp;tat :</source>
        <translation>Co&amp;ndition:</translation>
    </message>
    <message>
        <source>&amp;Programme :</source>
        <translation>&amp;Programme:</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Ajouter</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Indiquez le numéro de série.</source>
        <translation>Enter the serial number.</translation>
    </message>
    <message>
        <source>Indiquez le numéro d’inventaire (étiquette).</source>
        <translation>Enter the asset tag number.</translation>
    </message>
    <message>
        <source>✓ {tag} ajouté (1 équipement ajouté).</source>
        <translation>✓ {tag} added (1 device added).</translation>
    </message>
    <message>
        <source>✓ {tag} ajouté ({n} équipements ajoutés).</source>
        <translation>✓ {tag} added ({n} devices added).</translation>
    </message>
</context>
<context>
    <name>AgreementPage</name>
    <message>
        <source>Convention</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>Lisez la convention avec la famille : c’est ce texte exact qui sera signé.</source>
        <translation>Read the agreement with the family: this exact text will be signed.</translation>
    </message>
    <message>
        <source>&amp;Modèle :</source>
        <translation>&amp;Template:</translation>
    </message>
    <message>
        <source>&amp;Prêt</source>
        <translation>&amp;Loan</translation>
    </message>
    <message>
        <source>&amp;Don</source>
        <translation>&amp;Gift</translation>
    </message>
    <message>
        <source>Nature :</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>&amp;Retour prévu le :</source>
        <translation>&amp;Return due on:</translation>
    </message>
    <message>
        <source>&amp;Signataire :</source>
        <translation>&amp;Signatory:</translation>
    </message>
    <message>
        <source>&amp;Qualité :</source>
        <translation>&amp;Capacity:</translation>
    </message>
    <message>
        <source>Texte de la convention</source>
        <translation>Text of the agreement</translation>
    </message>
    <message>
        <source>{title} (version {v})</source>
        <translation>{title} (version {v})</translation>
    </message>
    <message>
        <source>Aucun modèle de convention n’est encore arrivé sur ce poste. Connectez-vous et synchronisez : les modèles sont publiés par la coordination et arrivent avec la synchronisation.</source>
        <translation>No agreement template has reached this computer yet. Sign in and sync: templates are published by the coordination and arrive with the sync.</translation>
    </message>
    <message>
        <source>Empreinte du texte (SHA-256) : {sha}</source>
        <translation>Text fingerprint (SHA-256): {sha}</translation>
    </message>
</context>
<context>
    <name>AnonymousCountsPanel</name>
    <message>
        <source>Participants anonymes</source>
        <translation>Anonymous participants</translation>
    </message>
    <message>
        <source>&amp;Total</source>
        <translation>&amp;Total</translation>
    </message>
    <message>
        <source>Enfan&amp;ts présents</source>
        <translation>Chil&amp;dren present</translation>
    </message>
    <message>
        <source>&amp;Déjà accompagnés</source>
        <translation>&amp;Already supported</translation>
    </message>
    <message>
        <source>Genre</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>Âge</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Enregistrer les c&amp;omptes</source>
        <translation>Save the c&amp;ounts</translation>
    </message>
    <message>
        <source>Non communiqué&#xa0;: {n}</source>
        <translation>Not given: {n}</translation>
    </message>
    <message>
        <source>● Modifications non enregistrées</source>
        <translation>● Unsaved changes</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>TNE Médiation est déjà ouvert sur ce poste avec ce dossier de données.</source>
        <translation>TNE Médiation is already open on this computer with this data folder.</translation>
    </message>
    <message>
        <source>Le dossier des données ne peut pas être verrouillé&#xa0;: vérifiez qu’il est accessible en écriture.</source>
        <translation>The data folder cannot be locked: check that it can be written to.</translation>
    </message>
    <message>
        <source>Le dossier des données de ce compte ne peut pas être créé&#xa0;: vérifiez que le dossier des données est accessible en écriture.</source>
        <translation>This account&apos;s data folder cannot be created: check that the data folder can be written to.</translation>
    </message>
</context>
<context>
    <name>AttachOfflineDialog</name>
    <message>
        <source>Données saisies hors connexion</source>
        <translation>Data entered offline</translation>
    </message>
    <message>
        <source>• Rattacher&#xa0;: ce que vous avez saisi sur ce poste avant de vous connecter partira vers le serveur avec ce compte.
• Garder à part&#xa0;: le compte commence avec des données vides&#xa0;; ce que vous avez saisi reste sur ce poste, à part, et ne part pas. Vous le retrouverez dans Paramètres, « Ouvrir les données gardées à part ».</source>
        <translation>• Attach: what you entered on this computer before signing in will be sent to the server with this account.
• Keep apart: the account starts with empty data; what you entered stays on this computer, apart, and is not sent. You will find it in Settings, “Open the data kept apart”.</translation>
    </message>
    <message>
        <source>&amp;Rattacher</source>
        <translation>&amp;Attach</translation>
    </message>
    <message>
        <source>&amp;Garder à part</source>
        <translation>&amp;Keep apart</translation>
    </message>
</context>
<context>
    <name>AttentionCardWidget</name>
    <message>
        <source>Votre valeur</source>
        <translation>Your value</translation>
    </message>
    <message>
        <source>Valeur gardée</source>
        <translation>Value kept</translation>
    </message>
    <message>
        <source>Équipement choisi</source>
        <translation>Device chosen</translation>
    </message>
    <message>
        <source>Sur le serveur</source>
        <translation>On the server</translation>
    </message>
    <message>
        <source>Autre valeur</source>
        <translation>Other value</translation>
    </message>
    <message>
        <source>Renvoyé le {when}</source>
        <translation>Sent back on {when}</translation>
    </message>
    <message>
        <source>Signalé le {when}</source>
        <translation>Reported on {when}</translation>
    </message>
    <message>
        <source>&amp;Ouvrir l’atelier</source>
        <translation>&amp;Open the workshop</translation>
    </message>
    <message>
        <source>C&amp;hoisir un autre équipement…</source>
        <translation>C&amp;hoose another device…</translation>
    </message>
    <message>
        <source>A&amp;nnuler ma remise</source>
        <translation>Ca&amp;ncel my hand-out</translation>
    </message>
    <message>
        <source>&amp;Rétablir ma valeur</source>
        <translation>&amp;Restore my value</translation>
    </message>
    <message>
        <source>C’est &amp;bon</source>
        <translation>That’s &amp;fine</translation>
    </message>
    <message>
        <source>&amp;Garder ma valeur</source>
        <translation>&amp;Keep my value</translation>
    </message>
    <message>
        <source>Garder l’&amp;autre valeur</source>
        <translation>Keep the &amp;other value</translation>
    </message>
    <message>
        <source>&amp;Modifier…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Renvoyer</source>
        <translation>&amp;Resend</translation>
    </message>
    <message>
        <source>Mettre de &amp;côté</source>
        <translation>Set &amp;aside</translation>
    </message>
</context>
<context>
    <name>AttentionPage</name>
    <message>
        <source>À traiter</source>
        <extracomment>« Ouvrir l&apos;atelier » on a workshop sent back for correction (its id). « Choisir un autre équipement » opened the hand-out wizard (for tests and the window). Open the convention PDF once a hand-out is made again (off in tests).</extracomment>
        <translation>To handle</translation>
    </message>
    <message>
        <source>&amp;Archivées</source>
        <translation>&amp;Archived</translation>
    </message>
    <message>
        <source>Voir les éléments mis de côté</source>
        <translation>Show the items set aside</translation>
    </message>
    <message>
        <source>Rien à traiter</source>
        <translation>Nothing to handle</translation>
    </message>
    <message>
        <source>Archivées</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Les éléments mis de côté restent ici pour mémoire&#xa0;; rien n’est effacé.</source>
        <translation>Items set aside stay here for the record; nothing is deleted.</translation>
    </message>
    <message>
        <source>Ces modifications ont croisé celles d’un autre poste ou ont été refusées par le serveur. Choisissez la bonne valeur&#xa0;: votre choix sera envoyé à la prochaine synchronisation. Les avis (ℹ) disent ce qui a été décidé pour ce que vous aviez saisi.</source>
        <translation>These changes crossed those of another computer or were refused by the server. Choose the right value: your choice will be sent at the next sync. Notices (ℹ) tell what was decided about what you had entered.</translation>
    </message>
    <message>
        <source>✓ Aucun élément archivé</source>
        <translation>✓ No archived item</translation>
    </message>
    <message>
        <source>Ce que vous mettez de côté ici reste consultable dans cette liste.</source>
        <translation>What you set aside here can still be seen in this list.</translation>
    </message>
    <message>
        <source>✓ Rien à traiter&#xa0;: tout est en ordre</source>
        <translation>✓ Nothing to handle: everything is in order</translation>
    </message>
    <message>
        <source>Quand une modification demande votre décision (un conflit avec un autre poste, un envoi refusé par le serveur), elle apparaît ici.</source>
        <translation>When a change needs your decision (a conflict with another computer, a change refused by the server), it appears here.</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Aucune donnée sur la période.</source>
        <translation>No data for this period.</translation>
    </message>
</context>
<context>
    <name>CheckInPage</name>
    <message>
        <source>Sur place</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>Liste d’attente</source>
        <translation>Waiting list</translation>
    </message>
    <message>
        <source>Inscrit·e (contact rapide)</source>
        <translation>Registered (quick contact)</translation>
    </message>
    <message>
        <source>✓ Co-anime</source>
        <translation>✓ Co-facilitates</translation>
    </message>
    <message>
        <source>Ressource</source>
        <translation>Resource</translation>
    </message>
    <message>
        <source>← &amp;Ateliers</source>
        <translation>← &amp;Workshops</translation>
    </message>
    <message>
        <source>Retour à la liste des ateliers</source>
        <translation>Back to the list of workshops</translation>
    </message>
    <message>
        <source>&amp;Rechercher&#xa0;:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>Premières lettres du nom ou du prénom, puis Entrée pour marquer présent</source>
        <translation>First letters of the last or first name, then Enter to mark present</translation>
    </message>
    <message>
        <source>&amp;Tous présents</source>
        <translation>&amp;All present</translation>
    </message>
    <message>
        <source>Parents attendus</source>
        <translation>Expected parents</translation>
    </message>
    <message>
        <source>Espace ou Entrée&#xa0;: présent / pas présent</source>
        <translation>Space or Enter: present / not present</translation>
    </message>
    <message>
        <source>&amp;Enfants venus avec ce parent&#xa0;:</source>
        <translation>&amp;Children who came with this parent:</translation>
    </message>
    <message>
        <source>Co-anime l’atelier (Parent Ressour&amp;ce)</source>
        <translation>Co-facilitates the workshop (Parent Ressour&amp;ce)</translation>
    </message>
    <message>
        <source>Le parent choisi, Parent Ressource (case cochée sur sa fiche), co-anime cet atelier : il est marqué présent.</source>
        <translation>The chosen parent, a Resource parent (box ticked on their record), co-facilitates this workshop: they are marked present.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Arrivé·e sans inscription&lt;/b&gt;</source>
        <translation>&lt;b&gt;Came without registering&lt;/b&gt;</translation>
    </message>
    <message>
        <source>facultatif</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>A&amp;jouter présent·e</source>
        <translation>A&amp;dd as present</translation>
    </message>
    <message>
        <source>Pré&amp;nom</source>
        <translation>First &amp;name</translation>
    </message>
    <message>
        <source>N&amp;om</source>
        <translation>Last na&amp;me</translation>
    </message>
    <message>
        <source>Télé&amp;phone</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>&amp;Feuille d’émargement</source>
        <translation>Attendance &amp;sheet</translation>
    </message>
    <message>
        <source>Marquer l’atelier comme ré&amp;alisé</source>
        <translation>Mark the workshop as &amp;held</translation>
    </message>
    <message>
        <source> à {time}</source>
        <translation> at {time}</translation>
    </message>
    <message>
        <source>« {name} » est déjà noté·e présent·e.</source>
        <translation>“{name}” is already marked present.</translation>
    </message>
    <message>
        <source>« {name} » n’est plus noté·e présent·e.</source>
        <translation>“{name}” is no longer marked present.</translation>
    </message>
    <message>
        <source>« {name} » n’est plus noté·e présent·e : il ou elle ne sera plus compté·e comme co-animateur·rice de cet atelier (Parent Ressource).</source>
        <translation>“{name}” is no longer marked present: they will no longer count as a co-facilitator of this workshop (Resource parent).</translation>
    </message>
    <message>
        <source>✓ « {name} » est présent·e.</source>
        <translation>✓ “{name}” is present.</translation>
    </message>
    <message>
        <source>✓ « {name} » est présent·e (fiche parent créée).</source>
        <translation>✓ “{name}” is present (parent record created).</translation>
    </message>
    <message>
        <source>{n} personne de plus notée présente.</source>
        <translation>{n} more person marked present.</translation>
    </message>
    <message>
        <source>{n} personnes de plus notées présentes.</source>
        <translation>{n} more people marked present.</translation>
    </message>
    <message>
        <source>✓ « {name} » ajouté·e et noté·e présent·e.</source>
        <translation>✓ “{name}” added and marked present.</translation>
    </message>
    <message>
        <source>✓ Comptes anonymes enregistrés.</source>
        <translation>✓ Anonymous counts saved.</translation>
    </message>
    <message>
        <source>✓ Atelier marqué comme réalisé.</source>
        <translation>✓ Workshop marked as held.</translation>
    </message>
    <message>
        <source>{n} présent·e</source>
        <translation>{n} present</translation>
    </message>
    <message>
        <source>{n} présent·es</source>
        <translation>{n} present</translation>
    </message>
    <message>
        <source>{n} inscrit·e</source>
        <translation>{n} registered</translation>
    </message>
    <message>
        <source>{n} inscrit·es</source>
        <translation>{n} registered</translation>
    </message>
    <message>
        <source>✓ Atelier réalisé</source>
        <translation>✓ Workshop held</translation>
    </message>
    <message>
        <source>Choisissez d’abord le parent dans la liste.</source>
        <translation>Choose the parent in the list first.</translation>
    </message>
    <message>
        <source>✓ {name} co-anime cet atelier (Parent Ressource).</source>
        <translation>✓ {name} co-facilitates this workshop (Parent Ressource).</translation>
    </message>
    <message>
        <source>{name} ne co-anime plus cet atelier : il ou elle reste noté·e présent·e.</source>
        <translation>{name} no longer co-facilitates this workshop: they stay marked present.</translation>
    </message>
    <message>
        <source>Ne co-anime plus l’atelier (Parent Ressour&amp;ce)</source>
        <translation>No longer co-facilitates the workshop (Resour&amp;ce parent)</translation>
    </message>
</context>
<context>
    <name>CheckInTableModel</name>
    <message>
        <source>Présence</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Inscription</source>
        <translation>Registration</translation>
    </message>
    <message>
        <source>Enfants</source>
        <translation>Children</translation>
    </message>
    <message>
        <source>Co-animation</source>
        <translation>Co-facilitation</translation>
    </message>
    <message>
        <source>Parent Ressource : co-anime cet atelier</source>
        <translation>Resource parent: co-facilitates this workshop</translation>
    </message>
    <message>
        <source>Parent Ressource : peut co-animer cet atelier</source>
        <translation>Resource parent: may co-facilitate this workshop</translation>
    </message>
</context>
<context>
    <name>CoordinationPage</name>
    <message>
        <source>Coordination</source>
        <translation>Coordination</translation>
    </message>
    <message>
        <source>&amp;Validation</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>&amp;Matériel</source>
        <translation>&amp;Equipment</translation>
    </message>
    <message>
        <source>&amp;Tableau de bord</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>Réussite Co&amp;nnectée</source>
        <translation>Réussite Co&amp;nnectée</translation>
    </message>
    <message>
        <source>Ce filtre ne s’applique pas à cet onglet.</source>
        <translation>This filter does not apply to this tab.</translation>
    </message>
    <message>
        <source>Matériel : l’état d’aujourd’hui (la période ne s’applique pas).</source>
        <translation>Devices: today’s state (the period does not apply).</translation>
    </message>
    <message>
        <source>Partenariats : l’année scolaire de la fin de la période.</source>
        <translation>Partnerships: the school year holding the end of the period.</translation>
    </message>
    <message>
        <source>&amp;Santé des synchros</source>
        <translation>&amp;Sync health</translation>
    </message>
    <message>
        <source>Santé des synchronisations des postes</source>
        <translation>Sync health of the computers</translation>
    </message>
    <message>
        <source>&amp;Partenariats</source>
        <translation>&amp;Partnerships</translation>
    </message>
    <message>
        <source>Partenariats et couverture des écoles ciblées</source>
        <translation>Partnerships and coverage of the target schools</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>TNE Médiation — problème inattendu</source>
        <translation>TNE Médiation — unexpected problem</translation>
    </message>
    <message>
        <source>Avertissement</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>TNE Médiation a rencontré un problème inattendu. Vos données sont enregistrées.</source>
        <translation>TNE Médiation ran into an unexpected problem. Your data is saved.</translation>
    </message>
    <message>
        <source>Vous pouvez continuer votre travail. Si le problème se répète, envoyez ce rapport au support&#xa0;: il ne contient ni nom, ni adresse, ni numéro de téléphone.</source>
        <translation>You can go on working. If the problem happens again, send this report to support: it contains no name, address or phone number.</translation>
    </message>
    <message>
        <source>&amp;Rapport&#xa0;:</source>
        <translation>&amp;Report:</translation>
    </message>
    <message>
        <source>Le détail est aussi noté dans le journal technique (dossier « logs »).</source>
        <translation>The details are also written to the technical log (“logs” folder).</translation>
    </message>
    <message>
        <source>&amp;Copier le rapport</source>
        <translation>&amp;Copy the report</translation>
    </message>
    <message>
        <source>&amp;Fermer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>✓ Rapport copié</source>
        <translation>✓ Report copied</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Calcul en cours</source>
        <translation>Computing</translation>
    </message>
    <message>
        <source>A&amp;rrêter le calcul</source>
        <translation>S&amp;top computing</translation>
    </message>
    <message>
        <source>E&amp;xporter…</source>
        <translation>E&amp;xport…</translation>
    </message>
    <message>
        <source>ateliers réalisés</source>
        <translation>workshops held</translation>
    </message>
    <message>
        <source>parents touchés</source>
        <translation>parents reached</translation>
    </message>
    <message>
        <source>venus pour la première fois</source>
        <translation>came for the first time</translation>
    </message>
    <message>
        <source>déjà venus</source>
        <translation>came before</translation>
    </message>
    <message>
        <source>enfants présents</source>
        <translation>children present</translation>
    </message>
    <message>
        <source>heures d’atelier</source>
        <translation>workshop hours</translation>
    </message>
    <message>
        <source>équipements remis</source>
        <translation>devices handed out</translation>
    </message>
    <message>
        <source>équipements rendus</source>
        <translation>devices returned</translation>
    </message>
    <message>
        <source>équipements perdus ou volés</source>
        <translation>devices lost or stolen</translation>
    </message>
    <message>
        <source>élèves équipés (Réussite Connectée)</source>
        <translation>pupils equipped (Réussite Connectée)</translation>
    </message>
    <message>
        <source>Parents Ressource mobilisés</source>
        <translation>Parents Ressource involved</translation>
    </message>
    <message>
        <source>professionnels formés</source>
        <translation>professionals trained</translation>
    </message>
    <message>
        <source>Calcul arrêté.</source>
        <translation>Computing stopped.</translation>
    </message>
    <message>
        <source>dont {identified} identifiés et {anonymous} anonymes</source>
        <translation>of whom {identified} identified and {anonymous} anonymous</translation>
    </message>
    <message>
        <source>parmi les parents identifiés</source>
        <translation>among identified parents</translation>
    </message>
    <message>
        <source>{n} collège(s), {k} au complet (1 atelier + 2 cafés)</source>
        <translation>{n} collège(s), {k} complete (1 workshop + 2 cafés)</translation>
    </message>
    <message>
        <source>{n} recruté(s), {w} atelier(s) co-animé(s)</source>
        <translation>{n} recruited, {w} workshop(s) co-facilitated</translation>
    </message>
    <message>
        <source>enseignants</source>
        <translation>teachers</translation>
    </message>
    <message>
        <source>animateurs, éducateurs</source>
        <translation>youth workers, educators</translation>
    </message>
    <message>
        <source>travailleurs sociaux</source>
        <translation>social workers</translation>
    </message>
    <message>
        <source>agents de collectivité</source>
        <translation>local authority staff</translation>
    </message>
    <message>
        <source>bénévoles</source>
        <translation>volunteers</translation>
    </message>
    <message>
        <source>autres</source>
        <translation>others</translation>
    </message>
    <message>
        <source>Participants par thématique</source>
        <translation>Participants by theme</translation>
    </message>
    <message>
        <source>Participants par format</source>
        <translation>Participants by format</translation>
    </message>
    <message>
        <source>Participants par mois</source>
        <translation>Participants by month</translation>
    </message>
    <message>
        <source>Participants par lieu</source>
        <translation>Participants by venue</translation>
    </message>
    <message>
        <source>(sans lieu)</source>
        <translation>(no venue)</translation>
    </message>
    <message>
        <source>Participants par commune</source>
        <translation>Participants by town</translation>
    </message>
    <message>
        <source>(commune non précisée)</source>
        <translation>(town not given)</translation>
    </message>
    <message>
        <source>Aucun atelier réalisé sur cette période dans les données de ce poste.</source>
        <translation>No workshop held in this period in this computer’s data.</translation>
    </message>
</context>
<context>
    <name>DatePickDialog</name>
    <message>
        <source>Dupliquer l’atelier</source>
        <translation>Duplicate the workshop</translation>
    </message>
    <message>
        <source>&amp;Date de la copie&#xa0;:</source>
        <translation>&amp;Date of the copy:</translation>
    </message>
    <message>
        <source>Dupliquer</source>
        <translation>Duplicate</translation>
    </message>
</context>
<context>
    <name>DeviceImportDialog</name>
    <message>
        <source>Importer des équipements</source>
        <translation>Import devices</translation>
    </message>
    <message>
        <source>&amp;Parcourir…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Fichier CSV :</source>
        <translation>CSV &amp;file:</translation>
    </message>
    <message>
        <source>Import en cours</source>
        <translation>Import in progress</translation>
    </message>
    <message>
        <source>Lignes refusées</source>
        <translation>Rejected lines</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Importer</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>Choisir le fichier des équipements</source>
        <translation>Choose the devices file</translation>
    </message>
    <message>
        <source>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</source>
        <translation>CSV files (*.csv *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>Choisissez le fichier à importer.</source>
        <translation>Choose the file to import.</translation>
    </message>
    <message>
        <source>Le fichier « {name} » est introuvable.</source>
        <translation>The file “{name}” cannot be found.</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Import en cours…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>{n} équipement importé</source>
        <translation>{n} device imported</translation>
    </message>
    <message>
        <source>{n} équipements importés</source>
        <translation>{n} devices imported</translation>
    </message>
    <message>
        <source>Import annulé à la ligne {first} : {imported} jusqu’à la ligne {before}. Les lignes {first} à {last} n’ont pas été importées : importez-les à part.</source>
        <translation>Import cancelled at line {first}: {imported} up to line {before}. Lines {first} to {last} were not imported: import them separately.</translation>
    </message>
    <message>
        <source>sur {n} ligne lue</source>
        <translation>out of {n} line read</translation>
    </message>
    <message>
        <source>sur {n} lignes lues</source>
        <translation>out of {n} lines read</translation>
    </message>
    <message>
        <source>1 ligne a été refusée : corrigez-la dans le fichier et importez-la seule.</source>
        <translation>1 line was rejected: correct it in the file and import it alone.</translation>
    </message>
    <message>
        <source>{n} lignes ont été refusées : corrigez-les dans le fichier et importez-les seules.</source>
        <translation>{n} lines were rejected: correct them in the file and import them alone.</translation>
    </message>
    <message>
        <source>Import annulé : rien n’a été enregistré.</source>
        <translation>Import cancelled: nothing was saved.</translation>
    </message>
    <message>
        <source>Rien n’a été importé.</source>
        <translation>Nothing was imported.</translation>
    </message>
</context>
<context>
    <name>DeviceSheetDialog</name>
    <message>
        <source>Fiche de l’équipement {tag}</source>
        <translation>Device sheet {tag}</translation>
    </message>
    <message>
        <source>inconnue</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>&amp;Type :</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>&amp;Marque :</source>
        <translation>&amp;Brand:</translation>
    </message>
    <message>
        <source>M&amp;odèle :</source>
        <translation>M&amp;odel:</translation>
    </message>
    <message>
        <source>N° de &amp;série :</source>
        <translation>&amp;Serial number:</translation>
    </message>
    <message>
        <source>N° d’&amp;inventaire :</source>
        <translation>&amp;Asset tag:</translation>
    </message>
    <message>
        <source>IM&amp;EI :</source>
        <translation>IM&amp;EI:</translation>
    </message>
    <message>
        <source>É&amp;tat :</source>
        <translation>Con&amp;dition:</translation>
    </message>
    <message>
        <source>&amp;Programme :</source>
        <translation>&amp;Programme:</translation>
    </message>
    <message>
        <source>&amp;Acquis le :</source>
        <translation>Ac&amp;quired on:</translation>
    </message>
    <message>
        <source>&amp;Notes :</source>
        <translation>&amp;Notes:</translation>
    </message>
    <message>
        <source>Statut :</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Historique des remises et prêts</source>
        <translation>History of hand-outs and loans</translation>
    </message>
    <message>
        <source>Nature</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Famille</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Remis le</source>
        <translation>Handed out on</translation>
    </message>
    <message>
        <source>Retour prévu</source>
        <translation>Due back</translation>
    </message>
    <message>
        <source>Rendu le</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <source>Motif</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Historique</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Cet équipement n’a jamais été remis ni prêté.</source>
        <translation>This device has never been handed out or lent.</translation>
    </message>
    <message>
        <source>Ligne de connexion</source>
        <translation>Connectivity line</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Enregistrer (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>famille</source>
        <translation>family</translation>
    </message>
    <message>
        <source>en cours</source>
        <translation>out</translation>
    </message>
    <message>
        <source>Aucune ligne n’est rattachée à cet équipement.</source>
        <translation>No line is attached to this device.</translation>
    </message>
    <message>
        <source>, fin le {day}</source>
        <translation>, ends on {day}</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Matériel</source>
        <extracomment>Open generated PDFs with the system viewer (tests switch it off).</extracomment>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>Scannez l’étiquette de chaque équipement (ou cochez-le dans la liste), puis les accessoires et la connexion.</source>
        <translation>Scan the tag of each device (or tick it in the list), then the accessories and the connection.</translation>
    </message>
    <message>
        <source>Scannez ou tapez le n° d’inventaire, puis Entrée</source>
        <translation>Scan or type the asset tag, then Enter</translation>
    </message>
    <message>
        <source>&amp;N° d’inventaire :</source>
        <translation>&amp;Asset tag:</translation>
    </message>
    <message>
        <source>Équipements en stock</source>
        <translation>Devices in stock</translation>
    </message>
    <message>
        <source>Équipements en &amp;stock :</source>
        <translation>Devices in &amp;stock:</translation>
    </message>
    <message>
        <source>Accessoires remis</source>
        <translation>Accessories handed out</translation>
    </message>
    <message>
        <source>câble réseau, clé USB… (séparés par des virgules)</source>
        <translation>network cable, USB stick… (comma separated)</translation>
    </message>
    <message>
        <source>&amp;Autres :</source>
        <translation>&amp;Others:</translation>
    </message>
    <message>
        <source>Connexion et état</source>
        <translation>Connection and condition</translation>
    </message>
    <message>
        <source>Aucune</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Non vérifié</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>&amp;Ligne internet :</source>
        <translation>Internet &amp;line:</translation>
    </message>
    <message>
        <source>É&amp;tat à la remise :</source>
        <translation>Co&amp;ndition when handed out:</translation>
    </message>
    <message>
        <source>✓ {tag} ajouté (1 équipement choisi).</source>
        <translation>✓ {tag} added (1 device chosen).</translation>
    </message>
    <message>
        <source>✓ {tag} ajouté ({n} équipements choisis).</source>
        <translation>✓ {tag} added ({n} devices chosen).</translation>
    </message>
    <message>
        <source>⚠ Aucun équipement n’a le numéro d’inventaire « {tag} ».</source>
        <translation>⚠ No device has the asset tag “{tag}”.</translation>
    </message>
    <message>
        <source>⚠ L’équipement « {tag} » n’est pas disponible : {status}.</source>
        <translation>⚠ The device “{tag}” is not available: {status}.</translation>
    </message>
    <message>
        <source>Tous les types</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>Tous les statuts</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>N° d’inventaire, n° de série, marque, modèle</source>
        <translation>Asset tag, serial number, brand, model</translation>
    </message>
    <message>
        <source>&amp;Rechercher :</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>T&amp;ype :</source>
        <translation>T&amp;ype:</translation>
    </message>
    <message>
        <source>&amp;Statut :</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>Inventaire du matériel</source>
        <translation>Equipment inventory</translation>
    </message>
    <message>
        <source>Aucun équipement pour l’instant</source>
        <translation>No device yet</translation>
    </message>
    <message>
        <source>&amp;Ajouter des équipements…</source>
        <translation>&amp;Add devices…</translation>
    </message>
    <message>
        <source>Ajouter au stock, au scanner (Ctrl+N)</source>
        <translation>Add to the stock with the scanner (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Importer un fichier CSV…</source>
        <translation>&amp;Import a CSV file…</translation>
    </message>
    <message>
        <source>Remettre ou &amp;prêter…</source>
        <translation>Hand out or &amp;lend…</translation>
    </message>
    <message>
        <source>Remettre ou prêter les équipements choisis à une famille</source>
        <translation>Hand out or lend the chosen devices to a family</translation>
    </message>
    <message>
        <source>&amp;Inventaire</source>
        <translation>&amp;Inventory</translation>
    </message>
    <message>
        <source>Réussite Co&amp;nnectée</source>
        <translation>Réussite Co&amp;nnectée</translation>
    </message>
    <message>
        <source>&amp;Fiche…</source>
        <translation>&amp;Sheet…</translation>
    </message>
    <message>
        <source>&amp;Lignes</source>
        <translation>&amp;Lines</translation>
    </message>
    <message>
        <source>Lignes de connexion (cartes SIM, box 4G)</source>
        <translation>Connectivity lines (SIM cards, 4G boxes)</translation>
    </message>
    <message>
        <source>Aucun équipement ne correspond</source>
        <translation>No device matches</translation>
    </message>
    <message>
        <source>Changez la recherche, le type ou le statut.</source>
        <translation>Change the search, the type or the status.</translation>
    </message>
    <message>
        <source>Ajoutez les ordinateurs, tablettes et box 4G reçus, un par un au scanner ou depuis un fichier CSV.</source>
        <translation>Add the computers, tablets and 4G boxes received, one by one with the scanner or from a CSV file.</translation>
    </message>
    <message>
        <source>Ajouter des équipements…</source>
        <translation>Add devices…</translation>
    </message>
    <message>
        <source>En &amp;retard</source>
        <translation>&amp;Overdue</translation>
    </message>
    <message>
        <source>À rendre sous &amp;7 j</source>
        <translation>Due within &amp;7 d</translation>
    </message>
    <message>
        <source>En &amp;cours</source>
        <translation>&amp;Current</translation>
    </message>
    <message>
        <source>Prêts dont la date de retour est passée</source>
        <translation>Loans past their return date</translation>
    </message>
    <message>
        <source>Prêts à rendre dans les 7 prochains jours</source>
        <translation>Loans due back within 7 days</translation>
    </message>
    <message>
        <source>Remises et prêts en cours</source>
        <translation>Current hand-outs and loans</translation>
    </message>
    <message>
        <source>{n} en stock</source>
        <translation>{n} in stock</translation>
    </message>
    <message>
        <source>Aucun retour en retard ✓</source>
        <translation>No late return ✓</translation>
    </message>
    <message>
        <source>Les prêts dont la date de retour est passée apparaîtront ici.</source>
        <translation>Loans whose return date has passed will appear here.</translation>
    </message>
    <message>
        <source>Aucun prêt à rendre dans les 7 prochains jours</source>
        <translation>No loan due back in the next 7 days</translation>
    </message>
    <message>
        <source>Les prêts à rendre bientôt apparaîtront ici, pour prévenir les familles.</source>
        <translation>Loans due back soon will appear here, so you can remind the families.</translation>
    </message>
    <message>
        <source>Aucune remise en cours</source>
        <translation>No hand-out in progress</translation>
    </message>
    <message>
        <source>Choisissez des équipements dans l’inventaire, puis « Remettre ou prêter… ».</source>
        <translation>Choose devices in the inventory, then “Hand out or lend…”.</translation>
    </message>
    <message>
        <source>1 prêté</source>
        <translation>1 lent</translation>
    </message>
    <message>
        <source>{n} prêtés</source>
        <translation>{n} lent</translation>
    </message>
    <message>
        <source>{n} remis</source>
        <translation>{n} handed out</translation>
    </message>
    <message>
        <source>{n} en réparation</source>
        <translation>{n} in repair</translation>
    </message>
    <message>
        <source>Aucun équipement</source>
        <translation>No device</translation>
    </message>
</context>
<context>
    <name>DocumentPrinter</name>
    <message>
        <source>Imprimer</source>
        <extracomment>Builds the document on the worker thread (it may read the store). Asks which printer (and its settings) to use; ``False`` when the user cancels. Asks where to save a PDF (the parent, the suggested path); ``None`` when cancelled.</extracomment>
        <translation>Print</translation>
    </message>
    <message>
        <source>Enregistrer le PDF</source>
        <translation>Save the PDF</translation>
    </message>
    <message>
        <source>Documents PDF (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>&amp;Imprimer…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Ouvrir</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Ouvrir le &amp;dossier</source>
        <translation>Open the &amp;folder</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Aucune application n’a pu ouvrir le document. Il est enregistré ici :</source>
        <translation>No application could open the document. It is saved here:</translation>
    </message>
    <message>
        <source>Impression en cours…</source>
        <extracomment>The last message shown (saved here, or no viewer), for the caller and tests.</extracomment>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Enregistrement du PDF…</source>
        <translation>Saving the PDF…</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Le PDF est enregistré ici :</source>
        <translation>The PDF is saved here:</translation>
    </message>
</context>
<context>
    <name>EditValueDialog</name>
    <message>
        <source>Modifier la valeur</source>
        <translation>Edit the value</translation>
    </message>
    <message>
        <source>Votre valeur&#xa0;: {mine} — Autre valeur&#xa0;: {theirs}</source>
        <translation>Your value: {mine} — Other value: {theirs}</translation>
    </message>
    <message>
        <source>Oui</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Indiquez une valeur.</source>
        <translation>Enter a value.</translation>
    </message>
</context>
<context>
    <name>EmargementExporter</name>
    <message>
        <source>Préparation de la feuille d’émargement…</source>
        <extracomment>Open the PDF with the desktop&apos;s viewer once written (tests turn it off).</extracomment>
        <translation>Preparing the attendance sheet…</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>EndLineDialog</name>
    <message>
        <source>Terminer la ligne</source>
        <translation>End the line</translation>
    </message>
    <message>
        <source>La ligne {what} ne sera plus proposée pour les prêts ; son historique est conservé.</source>
        <translation>The line {what} will no longer be offered for loans; its history is kept.</translation>
    </message>
    <message>
        <source>— choisir —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <source>&amp;Terminée le :</source>
        <translation>&amp;Ended on:</translation>
    </message>
    <message>
        <source>&amp;Motif :</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Terminer la ligne</source>
        <translation>&amp;End the line</translation>
    </message>
    <message>
        <source>Choisissez le motif de fin de la ligne.</source>
        <translation>Choose why the line ends.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Exporter</source>
        <extracomment>Formats offered for each content (the first is the default). Contents whose small counts are masked (the threshold applies).</extracomment>
        <translation>Export</translation>
    </message>
    <message>
        <source>Accompagnements (modèle La Coop de la médiation numérique)</source>
        <translation>Support sessions (La Coop de la médiation numérique template)</translation>
    </message>
    <message>
        <source>Présences (identifiants, sans nom)</source>
        <translation>Attendance (ids, no names)</translation>
    </message>
    <message>
        <source>Inventaire du matériel</source>
        <translation>Equipment inventory</translation>
    </message>
    <message>
        <source>Remises et prêts (sans nom pour la coordination)</source>
        <translation>Hand-outs and loans (no names for the coordination)</translation>
    </message>
    <message>
        <source>Remises et prêts (avec les noms des familles de la structure)</source>
        <translation>Hand-outs and loans (with the names of the structure’s families)</translation>
    </message>
    <message>
        <source>Bilan (PDF&#xa0;: indicateurs et graphiques)</source>
        <translation>Report (PDF: indicators and charts)</translation>
    </message>
    <message>
        <source>Partenariats et couverture (par structure partenaire)</source>
        <translation>Partnerships and coverage (per partner organisation)</translation>
    </message>
    <message>
        <source>Vue nationale (chaque département et le total)</source>
        <translation>National view (each département and the total)</translation>
    </message>
    <message>
        <source>&amp;Toute la période</source>
        <translation>&amp;Whole period</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Un effectif plus petit est remplacé par « &lt; N » dans le bilan.</source>
        <translation>A smaller number is replaced by “&lt; N” in the report.</translation>
    </message>
    <message>
        <source>&amp;Parcourir…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>&amp;Contenu&#xa0;:</source>
        <translation>&amp;Content:</translation>
    </message>
    <message>
        <source>F&amp;ormat&#xa0;:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>&amp;Du</source>
        <translation>&amp;From</translation>
    </message>
    <message>
        <source>a&amp;u</source>
        <translation>&amp;to</translation>
    </message>
    <message>
        <source>Période&#xa0;:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>&amp;Masquer les effectifs inférieurs à&#xa0;:</source>
        <translation>&amp;Hide numbers below:</translation>
    </message>
    <message>
        <source>Dé&amp;partement :</source>
        <translation>Dé&amp;partement:</translation>
    </message>
    <message>
        <source>S&amp;tructure :</source>
        <translation>S&amp;tructure:</translation>
    </message>
    <message>
        <source>La vue nationale porte sur tous les départements et toutes les structures.</source>
        <translation>The national view covers every département and every structure.</translation>
    </message>
    <message>
        <source>&amp;Fichier&#xa0;:</source>
        <translation>&amp;File:</translation>
    </message>
    <message>
        <source>&amp;Exporter</source>
        <translation>&amp;Export</translation>
    </message>
    <message>
        <source>&amp;Annuler l’export</source>
        <translation>&amp;Cancel the export</translation>
    </message>
    <message>
        <source>&amp;Imprimer…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>Imprimer le bilan de la période</source>
        <translation>Print the report for the period</translation>
    </message>
    <message>
        <source>&amp;Ouvrir le dossier</source>
        <extracomment>« Imprimer… » of the bilan (the print dialog, then the printer).</extracomment>
        <translation>&amp;Open the folder</translation>
    </message>
    <message>
        <source>Fe&amp;rmer</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <source>Excel (XLSX)</source>
        <translation>Excel (XLSX)</translation>
    </message>
    <message>
        <source>CSV pour Excel (point-virgule)</source>
        <translation>CSV for Excel (semicolon)</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Enregistrer l’export</source>
        <translation>Save the export</translation>
    </message>
    <message>
        <source>Fichier {fmt} (*.{ext})</source>
        <translation>{fmt} file (*.{ext})</translation>
    </message>
    <message>
        <source>Choisissez où enregistrer le fichier.</source>
        <translation>Choose where to save the file.</translation>
    </message>
    <message>
        <source>Le dossier « {folder} » n’existe pas.</source>
        <translation>The folder “{folder}” does not exist.</translation>
    </message>
    <message>
        <source>La période commence après sa fin.</source>
        <translation>The period starts after it ends.</translation>
    </message>
    <message>
        <source>Export en cours…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Annulation…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>1 page</source>
        <translation>1 page</translation>
    </message>
    <message>
        <source>Bilan TNE Médiation</source>
        <translation>TNE Médiation report</translation>
    </message>
    <message>
        <source>Impression du bilan…</source>
        <translation>Printing the report…</translation>
    </message>
    <message>
        <source>{n} pages</source>
        <translation>{n} pages</translation>
    </message>
    <message>
        <source>✓ Bilan envoyé à l’imprimante ({what}).</source>
        <translation>✓ Report sent to the printer ({what}).</translation>
    </message>
    <message>
        <source>1 ligne</source>
        <translation>1 line</translation>
    </message>
    <message>
        <source>{n} lignes</source>
        <translation>{n} lines</translation>
    </message>
    <message>
        <source>✓ Export terminé ({what})&#xa0;: {file}</source>
        <translation>✓ Export finished ({what}): {file}</translation>
    </message>
    <message>
        <source>Export annulé&#xa0;: aucun fichier n’a été écrit.</source>
        <translation>Export cancelled: no file was written.</translation>
    </message>
</context>
<context>
    <name>FamilyPage</name>
    <message>
        <source>Famille</source>
        <extracomment>The signed convention is an official document: French whatever the interface&apos;s language. The convention as laid out in the PDF, for « Imprimer… ».</extracomment>
        <translation>Family</translation>
    </message>
    <message>
        <source>Choisissez le ou la responsable légal·e qui signe, puis l’élève.</source>
        <translation>Choose the legal guardian who signs, then the pupil.</translation>
    </message>
    <message>
        <source>Nom, prénom ou téléphone du parent</source>
        <translation>Parent’s name, first name or phone</translation>
    </message>
    <message>
        <source>&amp;Responsable légal·e :</source>
        <translation>Legal &amp;guardian:</translation>
    </message>
    <message>
        <source>Parents trouvés</source>
        <translation>Parents found</translation>
    </message>
    <message>
        <source>Élève</source>
        <translation>Pupil</translation>
    </message>
    <message>
        <source>Non renseigné</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>&amp;Prénom :</source>
        <translation>&amp;First name:</translation>
    </message>
    <message>
        <source>N&amp;om :</source>
        <translation>&amp;Last name:</translation>
    </message>
    <message>
        <source>&amp;Classe :</source>
        <translation>&amp;Class:</translation>
    </message>
    <message>
        <source>É&amp;tablissement :</source>
        <translation>Sc&amp;hool:</translation>
    </message>
    <message>
        <source>Programme Réussite Connectée (suivi par collège : indiquez le collège)</source>
        <translation>Réussite Connectée programme (followed per collège: give the collège)</translation>
    </message>
    <message>
        <source>ℹ Case cochée : « {school} » est un collège et votre structure participe à Réussite Connectée. Décochez-la si cet élève n’en fait pas partie.</source>
        <translation>ℹ Box ticked: “{school}” is a collège and your structure takes part in Réussite Connectée. Untick it if this pupil is not part of it.</translation>
    </message>
    <message>
        <source>ℹ Case décochée : cet établissement n’est pas un collège du programme Réussite Connectée.</source>
        <translation>ℹ Box unticked: this school is not a collège of the Réussite Connectée programme.</translation>
    </message>
    <message>
        <source>Cette remise ne comptera pas pour Réussite Connectée.</source>
        <translation>This hand-out will not count for Réussite Connectée.</translation>
    </message>
    <message>
        <source>✓ Responsable légal·e : {name}</source>
        <translation>✓ Legal guardian: {name}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>&amp;Période</source>
        <extracomment>The page&apos;s one filter bar, above the tabs (review, stock, dashboard, partnerships and the exports read it).</extracomment>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>&amp;Département</source>
        <translation>&amp;Département</translation>
    </message>
    <message>
        <source>S&amp;tructure</source>
        <translation>S&amp;tructure</translation>
    </message>
    <message>
        <source>(sans nom)</source>
        <translation>(no name)</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Bienvenue dans TNE Médiation</source>
        <translation>Welcome to TNE Médiation</translation>
    </message>
    <message>
        <source>Tout ce que vous saisissez est enregistré sur ce poste, même sans internet. Avec un compte TNE, vos données partent aussi vers le serveur de votre département dès qu’une connexion est disponible.</source>
        <translation>Everything you enter is saved on this computer, even without internet. With a TNE account, your data is also sent to your département’s server as soon as a connection is available.</translation>
    </message>
    <message>
        <source>Se &amp;connecter à un serveur TNE</source>
        <translation>&amp;Sign in to a TNE server</translation>
    </message>
    <message>
        <source>Vous avez reçu une adresse de serveur, un e-mail et un mot de passe.</source>
        <translation>You received a server address, an e-mail and a password.</translation>
    </message>
    <message>
        <source>Continuer &amp;hors connexion</source>
        <translation>Continue &amp;offline</translation>
    </message>
    <message>
        <source>Commencez tout de suite&#xa0;; vous pourrez vous connecter plus tard depuis Paramètres, et choisir alors d’envoyer ce que vous aurez saisi avec votre compte.</source>
        <translation>Start right away; you can sign in later from Settings, and then choose to send what you entered with your account.</translation>
    </message>
    <message>
        <source>&amp;Quitter</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Se connecter à un serveur TNE</source>
        <translation>Sign in to a TNE server</translation>
    </message>
    <message>
        <source>&amp;Retour</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>Se &amp;connecter</source>
        <translation>&amp;Sign in</translation>
    </message>
    <message>
        <source>Continuer hors connexion</source>
        <translation>Continue offline</translation>
    </message>
    <message>
        <source>Votre nom et votre structure figurent sur les feuilles d’émargement et les bilans. Rien ne quitte ce poste tant que vous n’êtes pas connecté·e.</source>
        <translation>Your name and your organisation appear on the attendance sheets and reports. Nothing leaves this computer until you sign in.</translation>
    </message>
    <message>
        <source>par exemple&#xa0;: Centre social Les Doucettes</source>
        <translation>for example: Centre social Les Doucettes</translation>
    </message>
    <message>
        <source>&amp;Votre nom&#xa0;:</source>
        <translation>&amp;Your name:</translation>
    </message>
    <message>
        <source>&amp;Structure&#xa0;:</source>
        <translation>&amp;Organisation:</translation>
    </message>
    <message>
        <source>&amp;Commencer</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>Indiquez votre nom.</source>
        <translation>Enter your name.</translation>
    </message>
    <message>
        <source>Indiquez la structure pour laquelle vous intervenez.</source>
        <translation>Enter the organisation you work for.</translation>
    </message>
</context>
<context>
    <name>HandoutList</name>
    <message>
        <source>Enregistrer le &amp;retour…</source>
        <translation>Record the &amp;return…</translation>
    </message>
</context>
<context>
    <name>HandoutWizard</name>
    <message>
        <source>Remettre ou prêter du matériel</source>
        <translation>Hand out or lend equipment</translation>
    </message>
    <message>
        <source>&lt; &amp;Précédent</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>&amp;Suivant &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&amp;Enregistrer et imprimer</source>
        <translation>&amp;Save and print</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Enregistrement…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>La remise est enregistrée, mais la convention n’a pas pu être écrite en PDF ({why}).</source>
        <translation>The handout is saved, but the agreement could not be written as PDF ({why}).</translation>
    </message>
    <message>
        <source>La convention est enregistrée ici :</source>
        <translation>The agreement is saved here:</translation>
    </message>
</context>
<context>
    <name>HealthTab</name>
    <message>
        <source>L’état des postes est demandé au serveur à l’ouverture de cet onglet.</source>
        <translation>The state of the computers is asked from the server when this tab opens.</translation>
    </message>
    <message>
        <source>&amp;Actualiser</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>jamais</source>
        <translation>never</translation>
    </message>
    <message>
        <source>Personne</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>Poste</source>
        <translation>Computer</translation>
    </message>
    <message>
        <source>Dernière synchronisation</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>En attente</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Mises de côté</source>
        <translation>Set aside</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Alertes</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>Santé des synchronisations</source>
        <translation>Sync health</translation>
    </message>
    <message>
        <source>« En attente » et « Mises de côté » sont les chiffres envoyés par chaque poste à sa dernière synchronisation. Une modification mise de côté attend une décision sur le poste (écran « À traiter »).</source>
        <translation>“Waiting” and “Set aside” are the numbers each computer sent at its last sync. A change set aside waits for a decision on that computer (“To handle” screen).</translation>
    </message>
    <message>
        <source>⚠ aucune synchronisation depuis {n} jours</source>
        <translation>⚠ no sync for {n} days</translation>
    </message>
    <message>
        <source>⚠ jamais synchronisé</source>
        <translation>⚠ never synced</translation>
    </message>
    <message>
        <source>⚠ modifications mises de côté</source>
        <translation>⚠ changes set aside</translation>
    </message>
    <message>
        <source>✓ à jour</source>
        <translation>✓ up to date</translation>
    </message>
    <message>
        <source>Interrogation du serveur…</source>
        <translation>Asking the server…</translation>
    </message>
    <message>
        <source>{n} poste</source>
        <translation>{n} computer</translation>
    </message>
    <message>
        <source>{n} postes</source>
        <translation>{n} computers</translation>
    </message>
    <message>
        <source>{n} à surveiller</source>
        <translation>{n} to watch</translation>
    </message>
    <message>
        <source>{devices} · {flagged} · état du serveur à {when}</source>
        <translation>{devices} · {flagged} · server state at {when}</translation>
    </message>
    <message>
        <source>Hors connexion&#xa0;: l’état des synchronisations est connu du serveur seulement. Il s’affichera dès que la connexion reviendra (bouton « Actualiser »).</source>
        <translation>Offline: only the server knows the sync state. It will show as soon as the connection is back (“Refresh” button).</translation>
    </message>
    <message>
        <source>Connexion au serveur nécessaire{sp}: {message}</source>
        <translation>Connection to the server needed: {message}</translation>
    </message>
    <message>
        <source>État des postes indisponible.</source>
        <translation>State of the computers unavailable.</translation>
    </message>
</context>
<context>
    <name>HomePage</name>
    <message>
        <source>Accueil</source>
        <extracomment>Notices shown on Accueil; the others are counted (all are in « À traiter »).</extracomment>
        <translation>Home</translation>
    </message>
    <message>
        <source>atelier aujourd’hui</source>
        <translation>workshop today</translation>
    </message>
    <message>
        <source>modification en attente de connexion</source>
        <translation>change waiting for a connection</translation>
    </message>
    <message>
        <source>élément à traiter</source>
        <translation>item to handle</translation>
    </message>
    <message>
        <source>prêt en retard</source>
        <translation>overdue loan</translation>
    </message>
    <message>
        <source>&amp;Ouvrir « À traiter »</source>
        <translation>&amp;Open “To handle”</translation>
    </message>
    <message>
        <source>Ateliers d’aujourd’hui et à venir</source>
        <translation>Today’s and upcoming workshops</translation>
    </message>
    <message>
        <source>Jour</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Atelier</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Matériel à rendre</source>
        <translation>Equipment to return</translation>
    </message>
    <message>
        <source>Famille</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Retour</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>ateliers aujourd’hui</source>
        <translation>workshops today</translation>
    </message>
    <message>
        <source>modifications en attente de connexion</source>
        <translation>changes waiting for a connection</translation>
    </message>
    <message>
        <source>éléments à traiter</source>
        <translation>items to handle</translation>
    </message>
    <message>
        <source>prêts en retard</source>
        <translation>overdue loans</translation>
    </message>
    <message>
        <source>Une modification demande votre décision.</source>
        <translation>One change needs your decision.</translation>
    </message>
    <message>
        <source>Pour information</source>
        <translation>For information</translation>
    </message>
    <message>
        <source>{n} modifications demandent votre décision.</source>
        <translation>{n} changes need your decision.</translation>
    </message>
    <message>
        <source>Un avis à lire.</source>
        <translation>One notice to read.</translation>
    </message>
    <message>
        <source>{n} avis à lire.</source>
        <translation>{n} notices to read.</translation>
    </message>
    <message>
        <source>… et un autre avis dans « À traiter ».</source>
        <translation>… and one more notice in “To handle”.</translation>
    </message>
    <message>
        <source>… et {n} autres avis dans « À traiter ».</source>
        <translation>… and {n} more notices in “To handle”.</translation>
    </message>
    <message>
        <source>Votre valeur&#xa0;: {mine} — valeur gardée&#xa0;: {theirs}</source>
        <translation>Your value: {mine} — value kept: {theirs}</translation>
    </message>
    <message>
        <source>Rétablir ma valeur</source>
        <translation>Restore my value</translation>
    </message>
    <message>
        <source>C’est bon</source>
        <translation>That’s fine</translation>
    </message>
    <message>
        <source>Aucun atelier prévu dans les 14 jours.</source>
        <translation>No workshop planned in the next 14 days.</translation>
    </message>
    <message>
        <source>Aucun retour prévu cette semaine.</source>
        <translation>No return due this week.</translation>
    </message>
    <message>
        <source>Aujourd’hui</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Demain</source>
        <translation>Tomorrow</translation>
    </message>
    <message>
        <source>Sans limite · {n} inscrit·e</source>
        <translation>No limit · {n} registered</translation>
    </message>
    <message>
        <source>Sans limite · {n} inscrit·es</source>
        <translation>No limit · {n} registered</translation>
    </message>
    <message>
        <source>Complet</source>
        <translation>Full</translation>
    </message>
    <message>
        <source> · {n} en attente</source>
        <translation> · {n} waiting</translation>
    </message>
    <message>
        <source>{n} place restante</source>
        <translation>{n} place left</translation>
    </message>
    <message>
        <source>{n} places restantes</source>
        <translation>{n} places left</translation>
    </message>
    <message>
        <source>Famille sans nom</source>
        <translation>Family without a name</translation>
    </message>
    <message>
        <source>{n} équipement</source>
        <translation>{n} device</translation>
    </message>
    <message>
        <source>{n} équipements</source>
        <translation>{n} devices</translation>
    </message>
    <message>
        <source>en retard de {n} jour</source>
        <translation>{n} day overdue</translation>
    </message>
    <message>
        <source>en retard de {n} jours</source>
        <translation>{n} days overdue</translation>
    </message>
    <message>
        <source>à rendre aujourd’hui</source>
        <translation>due today</translation>
    </message>
    <message>
        <source>à rendre demain</source>
        <translation>due tomorrow</translation>
    </message>
    <message>
        <source>à rendre dans {n} jours</source>
        <translation>due in {n} days</translation>
    </message>
    <message>
        <source>Dernière synchronisation&#xa0;: {when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <source>dddd d MMMM &apos;à&apos; HH:mm</source>
        <extracomment>A QLocale date format: keep the letters, translate the quoted word.</extracomment>
        <translation>dddd d MMMM &apos;at&apos; HH:mm</translation>
    </message>
    <message>
        <source>Données en lecture seule&#xa0;: consultation uniquement.</source>
        <translation>Read-only data: viewing only.</translation>
    </message>
    <message>
        <source>Pas encore de synchronisation&#xa0;: tout ce que vous saisissez est enregistré sur ce poste et partira vers le serveur dès qu’une connexion sera disponible.</source>
        <translation>No sync yet: everything you enter is saved on this computer and will be sent to the server as soon as a connection is available.</translation>
    </message>
</context>
<context>
    <name>LineDialog</name>
    <message>
        <source>Nouvelle ligne de connexion</source>
        <extracomment>The &quot;no date&quot; of an optional date field (shown as « non fixée »).</extracomment>
        <translation>New connectivity line</translation>
    </message>
    <message>
        <source>Modifier la ligne de connexion</source>
        <translation>Edit the connectivity line</translation>
    </message>
    <message>
        <source>ex. 07 00 00 00 00</source>
        <translation>e.g. 07 00 00 00 00</translation>
    </message>
    <message>
        <source>18 à 22 chiffres, au dos de la carte SIM</source>
        <translation>18 to 22 digits, on the back of the SIM card</translation>
    </message>
    <message>
        <source>non fixée</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>&amp;Opérateur :</source>
        <translation>&amp;Operator:</translation>
    </message>
    <message>
        <source>&amp;Type :</source>
        <translation>&amp;Type:</translation>
    </message>
    <message>
        <source>&amp;Numéro de ligne :</source>
        <translation>Line &amp;number:</translation>
    </message>
    <message>
        <source>&amp;ICCID (n° de la carte SIM) :</source>
        <translation>&amp;ICCID (SIM card number):</translation>
    </message>
    <message>
        <source>&amp;Forfait :</source>
        <translation>&amp;Plan:</translation>
    </message>
    <message>
        <source>&amp;Début :</source>
        <translation>&amp;Start:</translation>
    </message>
    <message>
        <source>Fin &amp;prévue :</source>
        <translation>Planned en&amp;d:</translation>
    </message>
    <message>
        <source>Dans l’é&amp;quipement :</source>
        <translation>In the de&amp;vice:</translation>
    </message>
    <message>
        <source>Prêtée &amp;avec :</source>
        <translation>Lent &amp;with:</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>aucun</source>
        <translation>none</translation>
    </message>
    <message>
        <source>aucun prêt</source>
        <translation>no loan</translation>
    </message>
    <message>
        <source>{family}, remis le {day} ({devices})</source>
        <translation>{family}, handed out on {day} ({devices})</translation>
    </message>
    <message>
        <source>famille</source>
        <translation>family</translation>
    </message>
    <message>
        <source>Indiquez l’opérateur.</source>
        <translation>Enter the operator.</translation>
    </message>
</context>
<context>
    <name>LineImportDialog</name>
    <message>
        <source>Importer la liste des lignes de l’opérateur</source>
        <translation>Import the operator’s list of lines</translation>
    </message>
    <message>
        <source>Une ligne d’en-tête puis une ligne de connexion par ligne, séparées par « ; » ou « , ». Colonnes : operateur (obligatoire), numero_ligne et/ou iccid (l’un des deux), type (SIM data, box 4G, autre), forfait, date_debut, date_fin (jj/mm/aaaa), numero_inventaire (l’équipement où se trouve la carte SIM).</source>
        <translation>A header row, then one connectivity line per row, separated by “;” or “,”. Columns: operateur (required), numero_ligne and/or iccid (one of them), type (SIM data, box 4G, autre), forfait, date_debut, date_fin (dd/mm/yyyy), numero_inventaire (the device the SIM card sits in).</translation>
    </message>
    <message>
        <source>Choisir la liste des lignes</source>
        <translation>Choose the list of lines</translation>
    </message>
    <message>
        <source>{n} ligne importée</source>
        <translation>{n} line imported</translation>
    </message>
    <message>
        <source>{n} lignes importées</source>
        <translation>{n} lines imported</translation>
    </message>
</context>
<context>
    <name>LinesView</name>
    <message>
        <source>Opérateur</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Numéro</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Équipement ou prêt</source>
        <translation>Device or loan</translation>
    </message>
    <message>
        <source>Début</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Fin prévue</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Lignes de connexion</source>
        <translation>Connectivity lines</translation>
    </message>
    <message>
        <source>Aucune ligne de connexion pour l’instant</source>
        <translation>No connectivity line yet</translation>
    </message>
    <message>
        <source>Ajoutez les cartes SIM et box 4G une par une, ou importez la liste de l’opérateur.</source>
        <translation>Add the SIM cards and 4G boxes one by one, or import the operator’s list.</translation>
    </message>
    <message>
        <source>Nouvelle ligne…</source>
        <translation>New line…</translation>
    </message>
    <message>
        <source>Afficher les lignes termin&amp;ées</source>
        <translation>Show &amp;ended lines</translation>
    </message>
    <message>
        <source>&amp;Nouvelle ligne…</source>
        <translation>&amp;New line…</translation>
    </message>
    <message>
        <source>Importer la liste de l’&amp;opérateur…</source>
        <translation>Import the &amp;operator’s list…</translation>
    </message>
    <message>
        <source>&amp;Modifier…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>&amp;Terminer la ligne…</source>
        <translation>En&amp;d the line…</translation>
    </message>
    <message>
        <source>SIM …{end}</source>
        <translation>SIM …{end}</translation>
    </message>
    <message>
        <source>famille</source>
        <translation>family</translation>
    </message>
    <message>
        <source>prêtée à {who}</source>
        <translation>lent to {who}</translation>
    </message>
    <message>
        <source>fin dépassée</source>
        <translation>past its end</translation>
    </message>
    <message>
        <source>fin aujourd’hui</source>
        <translation>ends today</translation>
    </message>
    <message>
        <source>fin dans {n} j</source>
        <translation>ends in {n} d</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Se connecter au serveur TNE</source>
        <translation>Sign in to the TNE server</translation>
    </message>
    <message>
        <source>Ce que vous avez saisi sur ce poste est conservé et partira vers le serveur avec votre compte juste après la connexion. Chaque compte a ses propres données sur ce poste&#xa0;: une autre personne qui se connecte ici ne voit pas les vôtres.</source>
        <translation>What you entered on this computer is kept and will be sent to the server with your account right after signing in. Each account has its own data on this computer: someone else who signs in here does not see yours.</translation>
    </message>
    <message>
        <source>Se &amp;connecter</source>
        <translation>&amp;Sign in</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <source>&amp;Adresse du serveur&#xa0;:</source>
        <extracomment>The question about offline work while it is asked (tests answer it).</extracomment>
        <translation>Server &amp;address:</translation>
    </message>
    <message>
        <source>&amp;E-mail&#xa0;:</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>&amp;Mot de passe&#xa0;:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <source>Connexion en cours…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Indiquez l’adresse du serveur.</source>
        <translation>Enter the server address.</translation>
    </message>
    <message>
        <source>Indiquez votre adresse e-mail de connexion.</source>
        <translation>Enter your sign-in e-mail address.</translation>
    </message>
    <message>
        <source>Indiquez votre mot de passe.</source>
        <translation>Enter your password.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Accueil</source>
        <extracomment>Below this window width (device-independent pixels) the sidebar shows its icons only, its labels in tooltips: 1280×720 and 1366×768 at 150 % leave 853 and 910.</extracomment>
        <translation>Home</translation>
    </message>
    <message>
        <source>Votre semaine en un coup d’œil.</source>
        <translation>Your week at a glance.</translation>
    </message>
    <message>
        <source>Ateliers</source>
        <translation>Workshops</translation>
    </message>
    <message>
        <source>Ateliers, cafés des parents, inscriptions et présences.</source>
        <translation>Workshops, parents’ cafés, registrations and attendance.</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Les familles que vous accompagnez.</source>
        <translation>The families you support.</translation>
    </message>
    <message>
        <source>Matériel</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>Ordinateurs, tablettes et box 4G&#xa0;: stock, remises et prêts.</source>
        <translation>Computers, tablets and 4G boxes: stock, handouts and loans.</translation>
    </message>
    <message>
        <source>À traiter</source>
        <translation>To handle</translation>
    </message>
    <message>
        <source>Les modifications qui demandent votre décision.</source>
        <translation>The changes that need your decision.</translation>
    </message>
    <message>
        <source>Coordination</source>
        <translation>Coordination</translation>
    </message>
    <message>
        <source>Relecture, santé de la synchronisation, matériel et bilans du département.</source>
        <translation>Review, sync health, equipment and reports of the département.</translation>
    </message>
    <message>
        <source>Paramètres</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Votre compte, vos données et leur sauvegarde.</source>
        <translation>Your account, your data and its backup.</translation>
    </message>
    <message>
        <source>Sections</source>
        <extracomment>The modules of the pages built on first show, imported once the window&apos;s first reads are back (one per turn of the event loop), so the first click on a section finds them loaded without their import being on the start path. A section opened meanwhile pauses them for ``LATER_PAUSE_MS``, so they do not hold up that page&apos;s first rows. Everything a finished sync may have changed, for the screens to refresh.</extracomment>
        <translation>Sections</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Synchroniser maintenant</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Envoyer et recevoir les modifications (F5)</source>
        <translation>Send and receive changes (F5)</translation>
    </message>
    <message>
        <source>Nouvel atelier</source>
        <translation>New workshop</translation>
    </message>
    <message>
        <source>Rechercher</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Enregistrer</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>{label}&#xa0;: {n} élément(s)</source>
        <translation>{label}: {n} item(s)</translation>
    </message>
    <message>
        <source>Synchronisation en cours…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Le serveur a été restauré depuis une sauvegarde : ce poste lui a renvoyé {n} fiche(s) ou modification(s) qu’il n’avait plus. Rien n’est perdu.</source>
        <translation>The server was restored from a backup: this computer sent it back {n} record(s) or change(s) it no longer had. Nothing is lost.</translation>
    </message>
</context>
<context>
    <name>NationalSection</name>
    <message>
        <source>Par département</source>
        <translation>By département</translation>
    </message>
    <message>
        <source>Chiffres par département</source>
        <translation>Figures by département</translation>
    </message>
    <message>
        <source>Calcul en cours…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>Indicateur</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>Total national</source>
        <translation>National total</translation>
    </message>
    <message>
        <source>Les effectifs inférieurs à {n} sont masqués (« &lt; {n} »).</source>
        <translation>Counts under {n} are masked (“&lt; {n}”).</translation>
    </message>
    <message>
        <source>Aucun département dans les données de ce poste.</source>
        <translation>No département in this computer’s data.</translation>
    </message>
</context>
<context>
    <name>ParentsRessourceDialog</name>
    <message>
        <source>Parents Ressource</source>
        <extracomment>Open the folder of a written file (tests switch it off).</extracomment>
        <translation>Resource parents</translation>
    </message>
    <message>
        <source>Les parents bénévoles de la structure : depuis quand, combien d’ateliers réalisés ils ont co-animés et le dernier. Cliquez sur un titre de colonne pour trier.</source>
        <translation>The structure’s volunteer parents: since when, how many held workshops they co-facilitated, and the last one. Click a column title to sort.</translation>
    </message>
    <message>
        <source>Liste des Parents Ressource</source>
        <translation>List of Resource parents</translation>
    </message>
    <message>
        <source>Exporter en E&amp;xcel (XLSX)</source>
        <translation>Export to E&amp;xcel (XLSX)</translation>
    </message>
    <message>
        <source>Exporter en &amp;CSV</source>
        <translation>Export to &amp;CSV</translation>
    </message>
    <message>
        <source>&amp;Fermer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>{n} Parent Ressource</source>
        <translation>{n} Resource parent</translation>
    </message>
    <message>
        <source>{n} Parents Ressource</source>
        <translation>{n} Resource parents</translation>
    </message>
    <message>
        <source>ℹ Aucun Parent Ressource pour l’instant : cochez « Parent Ressource » sur la fiche d’un parent bénévole.</source>
        <translation>ℹ No Resource parent yet: tick “Resource parent” on a volunteer parent’s record.</translation>
    </message>
    <message>
        <source>✓ Liste enregistrée ({n} lignes) : {file}</source>
        <translation>✓ List saved ({n} rows): {file}</translation>
    </message>
</context>
<context>
    <name>ParentsRessourceModel</name>
    <message>
        <source>Parent Ressource</source>
        <translation>Resource parent</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>Recruté·e le</source>
        <translation>Recruited on</translation>
    </message>
    <message>
        <source>Ateliers co-animés</source>
        <translation>Workshops co-facilitated</translation>
    </message>
    <message>
        <source>Dernière co-animation</source>
        <translation>Last co-facilitation</translation>
    </message>
    <message>
        <source>Ateliers suivis</source>
        <translation>Workshops attended</translation>
    </message>
</context>
<context>
    <name>ParticipantDetail</name>
    <message>
        <source>&amp;Modifier</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>E&amp;xporter ses données</source>
        <translation>E&amp;xport their data</translation>
    </message>
    <message>
        <source>A&amp;nonymiser…</source>
        <translation>A&amp;nonymise…</translation>
    </message>
    <message>
        <source>E&amp;ffacer…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Ateliers suivis</source>
        <translation>Workshops attended</translation>
    </message>
    <message>
        <source>Matériel remis ou prêté</source>
        <translation>Equipment handed out or lent</translation>
    </message>
    <message>
        <source>Aucun parent sélectionné</source>
        <translation>No parent selected</translation>
    </message>
    <message>
        <source>Choisissez un parent dans la liste pour voir sa fiche et son historique.</source>
        <translation>Choose a parent in the list to see their record and history.</translation>
    </message>
    <message>
        <source>Personne anonymisée « anonymisé »</source>
        <translation>Anonymised person “anonymised”</translation>
    </message>
    <message>
        <source>Commune : {c}</source>
        <translation>Town: {c}</translation>
    </message>
    <message>
        <source>1 enfant</source>
        <translation>1 child</translation>
    </message>
    <message>
        <source>{n} enfants</source>
        <translation>{n} children</translation>
    </message>
    <message>
        <source>Parent Ressource</source>
        <translation>Resource parent</translation>
    </message>
    <message>
        <source>Consentement : {c}</source>
        <translation>Consent: {c}</translation>
    </message>
    <message>
        <source>Données conservées jusqu’au {d}</source>
        <translation>Data kept until {d}</translation>
    </message>
    <message>
        <source>Notes : {n}</source>
        <translation>Notes: {n}</translation>
    </message>
    <message>
        <source>Aucun atelier pour l’instant.</source>
        <translation>No workshop yet.</translation>
    </message>
    <message>
        <source>Ateliers suivis (1 présence)</source>
        <translation>Workshops attended (1 attendance)</translation>
    </message>
    <message>
        <source>Ateliers suivis ({n} présences)</source>
        <translation>Workshops attended ({n} attendances)</translation>
    </message>
    <message>
        <source>1 équipement</source>
        <translation>1 device</translation>
    </message>
    <message>
        <source>{n} équipements</source>
        <translation>{n} devices</translation>
    </message>
    <message>
        <source>rendu le {d}</source>
        <translation>returned on {d}</translation>
    </message>
    <message>
        <source>donné</source>
        <translation>given</translation>
    </message>
    <message>
        <source>en cours, retour prévu le {d}</source>
        <translation>current, return due on {d}</translation>
    </message>
    <message>
        <source>Aucun matériel.</source>
        <translation>No equipment.</translation>
    </message>
</context>
<context>
    <name>ParticipantEditor</name>
    <message>
        <source>Nouveau parent</source>
        <translation>New parent</translation>
    </message>
    <message>
        <source>Modifier la fiche</source>
        <translation>Edit the record</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Fiches qui ressemblent</source>
        <translation>Similar records</translation>
    </message>
    <message>
        <source>&amp;Ouvrir la fiche existante</source>
        <translation>&amp;Open the existing record</translation>
    </message>
    <message>
        <source>Créer &amp;quand même</source>
        <translation>Create &amp;anyway</translation>
    </message>
    <message>
        <source>Identité et contact</source>
        <translation>Identity and contact</translation>
    </message>
    <message>
        <source>06 12 34 56 78</source>
        <translation>06 12 34 56 78</translation>
    </message>
    <message>
        <source>&amp;Prénom :</source>
        <translation>&amp;First name:</translation>
    </message>
    <message>
        <source>&amp;Nom :</source>
        <translation>&amp;Last name:</translation>
    </message>
    <message>
        <source>&amp;Téléphone :</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>&amp;E-mail :</source>
        <translation>&amp;E-mail:</translation>
    </message>
    <message>
        <source>Co&amp;mmune :</source>
        <translation>&amp;Town:</translation>
    </message>
    <message>
        <source>Profil (facultatif, pour les statistiques)</source>
        <translation>Profile (optional, for the statistics)</translation>
    </message>
    <message>
        <source>Non renseigné</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>français, arabe, tamoul…</source>
        <translation>French, Arabic, Tamil…</translation>
    </message>
    <message>
        <source>Besoin d’un·e &amp;interprète</source>
        <translation>Needs an &amp;interpreter</translation>
    </message>
    <message>
        <source>Parent &amp;Ressource (aide d’autres parents, co-anime)</source>
        <translation>&amp;Resource parent (helps other parents, co-leads)</translation>
    </message>
    <message>
        <source>&amp;Genre :</source>
        <translation>&amp;Gender:</translation>
    </message>
    <message>
        <source>Tranche d’â&amp;ge :</source>
        <translation>A&amp;ge band:</translation>
    </message>
    <message>
        <source>&amp;Situation :</source>
        <translation>&amp;Situation:</translation>
    </message>
    <message>
        <source>&amp;Langues parlées :</source>
        <translation>&amp;Languages spoken:</translation>
    </message>
    <message>
        <source>Parent Ressource de&amp;puis le :</source>
        <translation>Parent Ressource &amp;since:</translation>
    </message>
    <message>
        <source>&amp;Consentement recueilli</source>
        <translation>&amp;Consent collected</translation>
    </message>
    <message>
        <source>Cochez quand la personne a accepté que ses données soient enregistrées.</source>
        <translation>Tick when the person agreed that their data be recorded.</translation>
    </message>
    <message>
        <source>Finalités acceptées :</source>
        <translation>Purposes accepted:</translation>
    </message>
    <message>
        <source>Recueilli :</source>
        <translation>Collected:</translation>
    </message>
    <message>
        <source>à l’&amp;oral</source>
        <translation>&amp;orally</translation>
    </message>
    <message>
        <source>par é&amp;crit</source>
        <translation>in &amp;writing</translation>
    </message>
    <message>
        <source>formulaire si&amp;gné</source>
        <translation>si&amp;gned form</translation>
    </message>
    <message>
        <source>La version de la notice d’information remise ou lue à la personne.</source>
        <translation>The version of the information notice given or read to the person.</translation>
    </message>
    <message>
        <source>&amp;Date :</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>&amp;Version de la notice :</source>
        <translation>Notice &amp;version:</translation>
    </message>
    <message>
        <source>Enfants</source>
        <translation>Children</translation>
    </message>
    <message>
        <source>Aucun enfant indiqué.</source>
        <translation>No child given.</translation>
    </message>
    <message>
        <source>&amp;Ajouter un enfant</source>
        <translation>&amp;Add a child</translation>
    </message>
    <message>
        <source>Notes de suivi</source>
        <translation>Follow-up notes</translation>
    </message>
    <message>
        <source>N&amp;otes :</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <source>{n} / {max} caractères</source>
        <translation>{n} / {max} characters</translation>
    </message>
    <message>
        <source>même nom</source>
        <translation>same name</translation>
    </message>
    <message>
        <source>même téléphone</source>
        <translation>same phone</translation>
    </message>
    <message>
        <source>⚠ Cette personne est peut-être déjà enregistrée (1 fiche ressemblante)&#xa0;:</source>
        <translation>⚠ This person may already be recorded (1 similar record):</translation>
    </message>
    <message>
        <source>⚠ Cette personne est peut-être déjà enregistrée ({n} fiches ressemblantes)&#xa0;:</source>
        <translation>⚠ This person may already be recorded ({n} similar records):</translation>
    </message>
</context>
<context>
    <name>ParticipantsPage</name>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Participants</source>
        <extracomment>Open exported files with the system viewer (tests switch it off).</extracomment>
        <translation>Participants</translation>
    </message>
    <message>
        <source>&amp;Rechercher :</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>Nom, prénom, commune ou téléphone</source>
        <translation>Name, first name, town or phone</translation>
    </message>
    <message>
        <source>Afficher les fiches a&amp;nonymisées</source>
        <translation>Show a&amp;nonymised records</translation>
    </message>
    <message>
        <source>Parents Ressou&amp;rce seulement</source>
        <translation>Parents Ressou&amp;rce only</translation>
    </message>
    <message>
        <source>Les parents bénévoles qui co-animent des ateliers avec la structure</source>
        <translation>The volunteer parents who co-facilitate workshops with the structure</translation>
    </message>
    <message>
        <source>&amp;Liste des Parents Ressource…</source>
        <translation>&amp;List of Resource parents…</translation>
    </message>
    <message>
        <source>Qui, depuis quand, combien d’ateliers co-animés ; export Excel ou CSV</source>
        <translation>Who, since when, how many workshops co-facilitated; Excel or CSV export</translation>
    </message>
    <message>
        <source>Nouveau &amp;parent</source>
        <translation>New &amp;parent</translation>
    </message>
    <message>
        <source>Créer une fiche (Ctrl+N)</source>
        <translation>Create a record (Ctrl+N)</translation>
    </message>
    <message>
        <source>Liste des parents</source>
        <translation>List of parents</translation>
    </message>
    <message>
        <source>Aucun parent pour l’instant</source>
        <translation>No parent yet</translation>
    </message>
    <message>
        <source>Export en cours…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Anonymiser la fiche</source>
        <translation>Anonymise the record</translation>
    </message>
    <message>
        <source>Anonymiser la fiche de {name}&#xa0;?</source>
        <translation>Anonymise the record of {name}?</translation>
    </message>
    <message>
        <source>Son nom, son prénom, son téléphone, son e-mail, les notes et les prénoms de ses enfants seront effacés définitivement, sur ce poste puis sur le serveur. Ses venues aux ateliers restent comptées dans les statistiques, sans que personne puisse savoir qu’il s’agit d’elle ou de lui.

Cette action ne peut pas être annulée.</source>
        <translation>Their last name, first name, phone, e-mail, notes and their children’s first names will be erased for good, on this computer then on the server. Their visits to workshops stay counted in the statistics, without anyone being able to tell it was them.

This cannot be undone.</translation>
    </message>
    <message>
        <source>&amp;Anonymiser définitivement</source>
        <translation>&amp;Anonymise for good</translation>
    </message>
    <message>
        <source>La fiche a été anonymisée.</source>
        <translation>The record was anonymised.</translation>
    </message>
    <message>
        <source>cette personne</source>
        <translation>this person</translation>
    </message>
    <message>
        <source>Effacer la fiche</source>
        <translation>Delete the record</translation>
    </message>
    <message>
        <source>Effacer la fiche de {name}&#xa0;?</source>
        <translation>Delete the record of {name}?</translation>
    </message>
    <message>
        <source>La fiche disparaît de ce poste puis du serveur : nom, coordonnées, notes et enfants sont effacés. Ses inscriptions aux ateliers à venir sont annulées (la place revient à la liste d’attente). Ses présences passées restent comptées dans les statistiques, sans nom.

Si un équipement lui est encore prêté, enregistrez d’abord son retour.

Cette action ne peut pas être annulée.</source>
        <translation>The record disappears from this computer then from the server: name, contact details, notes and children are erased. Their registrations to upcoming workshops are cancelled (the place goes to the waiting list). Their past attendance stays counted in the statistics, without a name.

If a device is still lent to them, record its return first.

This cannot be undone.</translation>
    </message>
    <message>
        <source>&amp;Effacer définitivement</source>
        <translation>&amp;Delete for good</translation>
    </message>
    <message>
        <source>La fiche a été effacée.</source>
        <translation>The record was deleted.</translation>
    </message>
    <message>
        <source>1 parent</source>
        <translation>1 parent</translation>
    </message>
    <message>
        <source>{n} parents</source>
        <translation>{n} parents</translation>
    </message>
    <message>
        <source>Aucun parent ne correspond</source>
        <translation>No parent matches</translation>
    </message>
    <message>
        <source>Vérifiez l’orthographe, ou cherchez par téléphone ou par commune.</source>
        <translation>Check the spelling, or search by phone or by town.</translation>
    </message>
    <message>
        <source>Ajoutez une famille ici, ou inscrivez-la directement depuis un atelier.</source>
        <translation>Add a family here, or register it directly from a workshop.</translation>
    </message>
    <message>
        <source>Nouveau parent</source>
        <translation>New parent</translation>
    </message>
    <message>
        <source>Données exportées dans &lt;a href=&apos;{url}&apos;&gt;{folder}&lt;/a&gt;&#xa0;: {json} et {pdf}.</source>
        <translation>Data exported to &lt;a href=&apos;{url}&apos;&gt;{folder}&lt;/a&gt;: {json} and {pdf}.</translation>
    </message>
</context>
<context>
    <name>PartnershipDialog</name>
    <message>
        <source>Nouvelle convention</source>
        <extracomment>How schools reached are counted by kind (singular, plural).</extracomment>
        <translation>New agreement</translation>
    </message>
    <message>
        <source>Convention</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>Signée le</source>
        <translation>Signed on</translation>
    </message>
    <message>
        <source>ex. : 12 000,00</source>
        <translation>e.g. 12,000.00</translation>
    </message>
    <message>
        <source>ex. : convention signée, dossier partagé « Partenariats 2025 »</source>
        <translation>e.g. signed agreement, shared folder “Partnerships 2025”</translation>
    </message>
    <message>
        <source>Structure &amp;partenaire</source>
        <translation>&amp;Partner organisation</translation>
    </message>
    <message>
        <source>&amp;Année scolaire</source>
        <translation>School &amp;year</translation>
    </message>
    <message>
        <source>&amp;Intitulé</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>É&amp;tat</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>ateliers</source>
        <translation>workshops</translation>
    </message>
    <message>
        <source>écoles</source>
        <translation>schools</translation>
    </message>
    <message>
        <source>personnes formées</source>
        <translation>people trained</translation>
    </message>
    <message>
        <source>Objectifs :</source>
        <translation>Objectives:</translation>
    </message>
    <message>
        <source>&amp;Subvention (€)</source>
        <translation>&amp;Grant (€)</translation>
    </message>
    <message>
        <source>&amp;Documents</source>
        <translation>&amp;Documents</translation>
    </message>
    <message>
        <source>&amp;Notes</source>
        <translation>&amp;Notes</translation>
    </message>
    <message>
        <source>Échéance</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Libellé</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Montant</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>État</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Versements</source>
        <translation>Instalments</translation>
    </message>
    <message>
        <source>Versements :</source>
        <translation>Instalments:</translation>
    </message>
    <message>
        <source>montant (€)</source>
        <translation>amount (€)</translation>
    </message>
    <message>
        <source>Ajouter le &amp;versement</source>
        <translation>Add the &amp;instalment</translation>
    </message>
    <message>
        <source>Marquer &amp;versé</source>
        <translation>Mark &amp;paid</translation>
    </message>
    <message>
        <source>Enregistrez la convention pour y ajouter ses versements.</source>
        <translation>Save the agreement to add its instalments.</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>&amp;Fermer</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>⚠ Choisissez d’abord un versement dans la liste.</source>
        <translation>⚠ First choose an instalment in the list.</translation>
    </message>
    <message>
        <source>⚠ Ce versement est déjà marqué versé.</source>
        <translation>⚠ This instalment is already marked paid.</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Toutes les dates</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>Cette année scolaire</source>
        <translation>This school year</translation>
    </message>
    <message>
        <source>30 derniers jours</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <source>Période choisie</source>
        <translation>Chosen period</translation>
    </message>
    <message>
        <source>Début de la période</source>
        <translation>Start of the period</translation>
    </message>
    <message>
        <source>Fin de la période</source>
        <translation>End of the period</translation>
    </message>
    <message>
        <source>au</source>
        <translation>to</translation>
    </message>
</context>
<context>
    <name>ProgrammeTab</name>
    <message>
        <source>Année &amp;scolaire :</source>
        <extracomment>The coordination page&apos;s filter: its département and partner, and the school year holding its period&apos;s end.</extracomment>
        <translation>School &amp;year:</translation>
    </message>
    <message>
        <source>&amp;Nouvelle convention…</source>
        <translation>&amp;New agreement…</translation>
    </message>
    <message>
        <source>&amp;Ouvrir la convention…</source>
        <translation>&amp;Open the agreement…</translation>
    </message>
    <message>
        <source>&amp;Importer les écoles ciblées…</source>
        <translation>&amp;Import the target schools…</translation>
    </message>
    <message>
        <source>Ateliers réalisés</source>
        <translation>Workshops held</translation>
    </message>
    <message>
        <source>Ateliers programmés</source>
        <translation>Workshops planned</translation>
    </message>
    <message>
        <source>Écoles atteintes</source>
        <translation>Schools reached</translation>
    </message>
    <message>
        <source>Écoles ciblées atteintes</source>
        <translation>Target schools reached</translation>
    </message>
    <message>
        <source>Partenaires actifs</source>
        <translation>Active partners</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Convention</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>Ateliers / objectif</source>
        <translation>Workshops / objective</translation>
    </message>
    <message>
        <source>Programmés</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>Écoles / objectif</source>
        <translation>Schools / objective</translation>
    </message>
    <message>
        <source>Versé / prévu</source>
        <translation>Paid / planned</translation>
    </message>
    <message>
        <source>Suivi des partenariats</source>
        <translation>Partnership follow-up</translation>
    </message>
    <message>
        <source>Département</source>
        <translation>Département</translation>
    </message>
    <message>
        <source>Réalisés</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Par département</source>
        <translation>By département</translation>
    </message>
    <message>
        <source>Écoles ciblées atteintes, mois après mois</source>
        <translation>Target schools reached, month by month</translation>
    </message>
    <message>
        <source>aucune école ciblée : importez la liste</source>
        <translation>no target school: import the list</translation>
    </message>
    <message>
        <source>{n} convention(s)</source>
        <translation>{n} agreement(s)</translation>
    </message>
    <message>
        <source>Aucune convention ni école ciblée pour cette année scolaire. Créez les conventions des structures partenaires et importez la liste des écoles à couvrir (fichier de l’annuaire de l’Éducation nationale).</source>
        <translation>No agreement and no target school for this school year. Create the partner organisations’ agreements and import the list of schools to cover (the national school directory’s file).</translation>
    </message>
    <message>
        <source>⚠ Choisissez d’abord une structure dans la liste.</source>
        <translation>⚠ First choose an organisation in the list.</translation>
    </message>
    <message>
        <source>Liste des écoles ciblées</source>
        <translation>List of target schools</translation>
    </message>
    <message>
        <source>Fichiers CSV (*.csv);;Tous les fichiers (*)</source>
        <translation>CSV files (*.csv);;All files (*)</translation>
    </message>
    <message>
        <source>⚠ Ce fichier ne peut pas être lu.</source>
        <translation>⚠ This file cannot be read.</translation>
    </message>
    <message>
        <source>⚠ Ce fichier est trop gros pour une liste d’écoles (plus de 50 Mo).</source>
        <translation>⚠ This file is too large for a list of schools (over 50 MB).</translation>
    </message>
    <message>
        <source>Import des écoles ciblées…</source>
        <translation>Importing the target schools…</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Import annulé : aucune école n’a été ajoutée.</source>
        <translation>Import cancelled: no school was added.</translation>
    </message>
    <message>
        <source>{a} école(s) ajoutée(s), {u} mise(s) à jour.</source>
        <translation>{a} school(s) added, {u} updated.</translation>
    </message>
    <message>
        <source>Lignes non importées :</source>
        <translation>Lines not imported:</translation>
    </message>
    <message>
        <source>… et {n} autre(s).</source>
        <translation>… and {n} more.</translation>
    </message>
</context>
<context>
    <name>ProposeSchoolDialog</name>
    <message>
        <source>Proposer une école</source>
        <extracomment>Structure kinds offered by the school picker.</extracomment>
        <translation>Propose a school</translation>
    </message>
    <message>
        <source>L’école sera enregistrée comme «&#xa0;proposée&#xa0;» jusqu’à ce que la coordination la confirme.</source>
        <translation>The school is saved as “proposed” until the coordination confirms it.</translation>
    </message>
    <message>
        <source>facultatif, ex.&#xa0;: 0951399E</source>
        <translation>optional, e.g. 0951399E</translation>
    </message>
    <message>
        <source>&amp;Nom</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Commune</source>
        <translation>&amp;Town</translation>
    </message>
    <message>
        <source>Code &amp;UAI</source>
        <translation>&amp;UAI code</translation>
    </message>
    <message>
        <source>Proposer</source>
        <translation>Propose</translation>
    </message>
</context>
<context>
    <name>RegistrationTableModel</name>
    <message>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Inscription</source>
        <translation>Registration</translation>
    </message>
    <message>
        <source>Canal</source>
        <translation>Channel</translation>
    </message>
</context>
<context>
    <name>RegistrationsPanel</name>
    <message>
        <source>En attente · rang {rank}</source>
        <translation>Waiting · position {rank}</translation>
    </message>
    <message>
        <source>Inscriptions</source>
        <extracomment>A registration was written (the list&apos;s counts changed).</extracomment>
        <translation>Registrations</translation>
    </message>
    <message>
        <source>Annuler l’&amp;inscription…</source>
        <translation>Cancel the &amp;registration…</translation>
    </message>
    <message>
        <source>Inscription rapide (nom et téléphone)</source>
        <translation>Quick registration (name and phone)</translation>
    </message>
    <message>
        <source>Prénom et nom</source>
        <translation>First and last name</translation>
    </message>
    <message>
        <source>06 12 34 56 78</source>
        <translation>06 12 34 56 78</translation>
    </message>
    <message>
        <source>N&amp;om&#xa0;:</source>
        <translation>&amp;Last name:</translation>
    </message>
    <message>
        <source>&amp;Téléphone&#xa0;:</source>
        <translation>&amp;Phone:</translation>
    </message>
    <message>
        <source>&amp;Inscrire</source>
        <translation>&amp;Register</translation>
    </message>
    <message>
        <source>Inscrire (Entrée)</source>
        <translation>Register (Enter)</translation>
    </message>
    <message>
        <source>Inscrire un &amp;parent connu&#xa0;:</source>
        <translation>Register a known &amp;parent:</translation>
    </message>
    <message>
        <source>Nom, prénom ou téléphone…</source>
        <translation>Name, first name or phone…</translation>
    </message>
    <message>
        <source>Parents trouvés</source>
        <translation>Parents found</translation>
    </message>
    <message>
        <source>Choisissez un atelier dans la liste.</source>
        <translation>Choose a workshop in the list.</translation>
    </message>
    <message>
        <source>{names} passe de la liste d’attente aux inscrits.</source>
        <translation>{names} moves from the waiting list to the registered.</translation>
    </message>
    <message>
        <source>Inscription de « {name} » annulée.</source>
        <translation>Registration of “{name}” cancelled.</translation>
    </message>
    <message>
        <source>« {name} » est en liste d’attente (rang {rank}).</source>
        <translation>“{name}” is on the waiting list (position {rank}).</translation>
    </message>
    <message>
        <source>« {name} » est inscrit·e.</source>
        <translation>“{name}” is registered.</translation>
    </message>
    <message>
        <source>{n} inscrit·e</source>
        <translation>{n} registered</translation>
    </message>
    <message>
        <source>{n} inscrit·es</source>
        <translation>{n} registered</translation>
    </message>
    <message>
        <source>Sans limite de places · {registered}</source>
        <translation>No place limit · {registered}</translation>
    </message>
    <message>
        <source>Capacité&#xa0;: {cap} · {left} · {registered}</source>
        <translation>Capacity: {cap} · {left} · {registered}</translation>
    </message>
    <message>
        <source>{n} place</source>
        <translation>{n} place</translation>
    </message>
    <message>
        <source>{n} places</source>
        <translation>{n} places</translation>
    </message>
    <message>
        <source>{n} en liste d’attente</source>
        <translation>{n} on the waiting list</translation>
    </message>
    <message>
        <source>Annuler l’inscription</source>
        <translation>Cancel the registration</translation>
    </message>
    <message>
        <source>Annuler l’inscription de « {name} »&#xa0;?</source>
        <translation>Cancel the registration of “{name}”?</translation>
    </message>
    <message>
        <source>Aucun parent trouvé.</source>
        <translation>No parent found.</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Enregistrer un retour</source>
        <translation>Record a return</translation>
    </message>
    <message>
        <source>retour prévu le {d}</source>
        <translation>return due on {d}</translation>
    </message>
    <message>
        <source>sans date de retour</source>
        <translation>no return date</translation>
    </message>
    <message>
        <source>{nature} à {family} le {handed} ({due})&#xa0;: {tags}</source>
        <translation>{nature} to {family} on {handed} ({due}): {tags}</translation>
    </message>
    <message>
        <source>une famille anonymisée</source>
        <translation>an anonymised family</translation>
    </message>
    <message>
        <source>Accessoires à récupérer&#xa0;: {a}.</source>
        <translation>Accessories to collect: {a}.</translation>
    </message>
    <message>
        <source>Non vérifié</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>Choisissez le motif…</source>
        <translation>Choose the reason…</translation>
    </message>
    <message>
        <source>&amp;Motif de fin :</source>
        <translation>&amp;Reason for ending:</translation>
    </message>
    <message>
        <source>É&amp;tat au retour :</source>
        <translation>Co&amp;ndition on return:</translation>
    </message>
    <message>
        <source>&amp;Date du retour :</source>
        <translation>&amp;Return date:</translation>
    </message>
    <message>
        <source>Annuler</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Enregistrer le retour</source>
        <translation>&amp;Record the return</translation>
    </message>
    <message>
        <source>Les équipements passeront au statut « Perdu ».</source>
        <translation>The devices will get the status “Lost”.</translation>
    </message>
    <message>
        <source>Les équipements passeront au statut « Volé ». Demandez à la famille le récépissé de dépôt de plainte.</source>
        <translation>The devices will get the status “Stolen”. Ask the family for the police report receipt.</translation>
    </message>
    <message>
        <source>Les équipements reviendront en stock.</source>
        <translation>The devices will go back to stock.</translation>
    </message>
    <message>
        <source>Indiquez le motif de fin du prêt.</source>
        <translation>Give the reason for ending the loan.</translation>
    </message>
</context>
<context>
    <name>ReussiteTab</name>
    <message>
        <source>Année sc&amp;olaire :</source>
        <translation>Sch&amp;ool year:</translation>
    </message>
    <message>
        <source>Dans chaque collège : 1 atelier de formation aux outils numériques du collège et 2 cafés des parents réalisés. Les ateliers comptés sont ceux dont l’école est le collège de l’élève.</source>
        <translation>In each collège: 1 training workshop on the collège’s digital tools and 2 cafés des parents held. The workshops counted are those whose school is the pupil’s collège.</translation>
    </message>
    <message>
        <source>élèves équipés</source>
        <translation>pupils equipped</translation>
    </message>
    <message>
        <source>collèges</source>
        <translation>collèges</translation>
    </message>
    <message>
        <source>collèges au complet</source>
        <translation>complete collèges</translation>
    </message>
    <message>
        <source>équipements remis</source>
        <translation>devices handed out</translation>
    </message>
    <message>
        <source>connexions (lignes)</source>
        <translation>connections (lines)</translation>
    </message>
    <message>
        <source>rendus / perdus ou volés</source>
        <translation>returned / lost or stolen</translation>
    </message>
    <message>
        <source>Collège</source>
        <translation>Collège</translation>
    </message>
    <message>
        <source>Commune</source>
        <translation>Town</translation>
    </message>
    <message>
        <source>UAI</source>
        <translation>UAI</translation>
    </message>
    <message>
        <source>Lignes</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>Rendus</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Élèves</source>
        <translation>Pupils</translation>
    </message>
    <message>
        <source>Matériel</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Perdus</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>Ateliers</source>
        <translation>Workshops</translation>
    </message>
    <message>
        <source>Cafés</source>
        <translation>Cafés</translation>
    </message>
    <message>
        <source>Rendez-vous</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <source>Collèges Réussite Connectée</source>
        <translation>Réussite Connectée collèges</translation>
    </message>
    <message>
        <source>Complet</source>
        <translation>Full</translation>
    </message>
    <message>
        <source>{n} atelier de formation</source>
        <translation>{n} training workshop</translation>
    </message>
    <message>
        <source>{n} ateliers de formation</source>
        <translation>{n} training workshops</translation>
    </message>
    <message>
        <source>{n} café des parents</source>
        <translation>{n} café des parents</translation>
    </message>
    <message>
        <source>{n} cafés des parents</source>
        <translation>{n} cafés des parents</translation>
    </message>
    <message>
        <source>Manque {missing}</source>
        <translation>Missing {missing}</translation>
    </message>
    <message>
        <source> et </source>
        <translation> and </translation>
    </message>
    <message>
        <source>{p} élève(s) équipé(s) dans {c} collège(s) ; {k} collège(s) ont tenu leurs trois rendez-vous.</source>
        <translation>{p} pupil(s) equipped in {c} collège(s); {k} collège(s) held their three meetings.</translation>
    </message>
    <message>
        <source>Aucune remise Réussite Connectée cette année scolaire. Lors d’une remise ou d’un prêt, cochez « Réussite Connectée » et indiquez le collège de l’élève.</source>
        <translation>No Réussite Connectée hand-out this school year. When handing out or lending, tick “Réussite Connectée” and give the pupil’s collège.</translation>
    </message>
    <message>
        <source>⚠ {n} remise(s) sans collège connu de ce poste : synchronisez.</source>
        <translation>⚠ {n} hand-out(s) without a collège known to this computer: synchronise.</translation>
    </message>
</context>
<context>
    <name>ReviewTab</name>
    <message>
        <source>Tous</source>
        <extracomment>Workshops to review whatever the filters (the tab&apos;s title says them all).</extracomment>
        <translation>All</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Médiateur·&amp;rice</source>
        <translation>&amp;Mediator</translation>
    </message>
    <message>
        <source>T&amp;hématique</source>
        <translation>T&amp;heme</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>État de vérification</source>
        <translation>Review state</translation>
    </message>
    <message>
        <source>Ateliers à vérifier</source>
        <translation>Workshops to review</translation>
    </message>
    <message>
        <source>Aucun atelier sélectionné</source>
        <translation>No workshop selected</translation>
    </message>
    <message>
        <source>Choisissez un atelier dans la liste pour le vérifier.</source>
        <translation>Choose a workshop in the list to check it.</translation>
    </message>
    <message>
        <source>Détail de l’atelier</source>
        <translation>Workshop details</translation>
    </message>
    <message>
        <source>Choisissez un atelier dans la liste.</source>
        <translation>Choose a workshop in the list.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Médiateur·rice</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <source>Structure organisatrice</source>
        <translation>Organising structure</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>École</source>
        <translation>School</translation>
    </message>
    <message>
        <source>Thématiques</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Vérification</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Dernier commentaire</source>
        <translation>Last comment</translation>
    </message>
    <message>
        <source>&amp;Commentaire pour la correction</source>
        <translation>&amp;Comment for the correction</translation>
    </message>
    <message>
        <source>Ce qu’il faut corriger (envoyé au·à la médiateur·rice)</source>
        <translation>What needs correcting (sent to the mediator)</translation>
    </message>
    <message>
        <source>&amp;Valider</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>Renvoyer pour &amp;correction</source>
        <translation>Send back for &amp;correction</translation>
    </message>
    <message>
        <source>&amp;Validation ({n} à vérifier)</source>
        <translation>&amp;Review ({n} to check)</translation>
    </message>
    <message>
        <source>&amp;Validation</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>Aucun atelier ne correspond à ces filtres.</source>
        <translation>No workshop matches these filters.</translation>
    </message>
    <message>
        <source>ℹ {n} autre atelier à vérifier est hors de ces filtres.</source>
        <translation>ℹ {n} more workshop to check is outside these filters.</translation>
    </message>
    <message>
        <source>ℹ {n} autres ateliers à vérifier sont hors de ces filtres.</source>
        <translation>ℹ {n} more workshops to check are outside these filters.</translation>
    </message>
    <message>
        <source>(sans nom)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <source>(sans titre)</source>
        <translation>(no title)</translation>
    </message>
    <message>
        <source>(inconnu)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>(inconnue)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <source>{present} présent·es identifié·es, {anon} anonymes, {reg} inscrit·es</source>
        <translation>{present} identified present, {anon} anonymous, {reg} registered</translation>
    </message>
    <message>
        <source>Atelier validé.</source>
        <translation>Workshop approved.</translation>
    </message>
    <message>
        <source>Atelier renvoyé pour correction.</source>
        <translation>Workshop sent back for correction.</translation>
    </message>
</context>
<context>
    <name>ReviewTableModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Atelier</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Médiateur·rice</source>
        <translation>Mediator</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <source>Vérification</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>(inconnu)</source>
        <translation>(unknown)</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Paramètres</source>
        <extracomment>Under this retention (in months), lowering it asks for a confirmation first. Another store of the data folder is to open (Path): « Ouvrir les données gardées à part ».</extracomment>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Compte</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Lecture du compte…</source>
        <translation>Reading the account…</translation>
    </message>
    <message>
        <source>Se &amp;connecter…</source>
        <translation>&amp;Sign in…</translation>
    </message>
    <message>
        <source>Se &amp;déconnecter</source>
        <translation>Sign &amp;out</translation>
    </message>
    <message>
        <source>Ouvrir les données &amp;gardées à part</source>
        <translation>Open the data &amp;kept apart</translation>
    </message>
    <message>
        <source>Ce qui a été saisi hors connexion et gardé à part lors d’une connexion&#xa0;: il reste sur ce poste et ne part vers aucun compte sans votre accord.</source>
        <translation>What was entered offline and kept apart at a sign-in: it stays on this computer and goes to no account without your consent.</translation>
    </message>
    <message>
        <source>Données de ce poste</source>
        <translation>Data on this computer</translation>
    </message>
    <message>
        <source>Dossier des données&#xa0;:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <source>Sauvegardes automatiques&#xa0;:</source>
        <translation>Automatic backups:</translation>
    </message>
    <message>
        <source>Journal technique&#xa0;:</source>
        <translation>Technical log:</translation>
    </message>
    <message>
        <source>Une copie des données est faite chaque jour (les 7 dernières sont gardées) et avant chaque mise à jour.</source>
        <translation>A copy of the data is made every day (the last 7 are kept) and before every update.</translation>
    </message>
    <message>
        <source>&amp;Ouvrir le dossier des données</source>
        <translation>&amp;Open the data folder</translation>
    </message>
    <message>
        <source>Ouvrir les &amp;sauvegardes</source>
        <translation>Open the &amp;backups</translation>
    </message>
    <message>
        <source>&amp;Rapport pour le support…</source>
        <translation>Report for &amp;support…</translation>
    </message>
    <message>
        <source>Un fichier ZIP avec le journal technique et l’état des données, sans nom, adresse ni numéro de téléphone.</source>
        <translation>A ZIP file with the technical log and the state of the data, without any name, address or phone number.</translation>
    </message>
    <message>
        <source>Confidentialité, bilans et langue</source>
        <translation>Privacy, reports and language</translation>
    </message>
    <message>
        <source> mois</source>
        <translation> months</translation>
    </message>
    <message>
        <source>&amp;Conservation des fiches sans contact&#xa0;:</source>
        <translation>&amp;Keep records without contact for:</translation>
    </message>
    <message>
        <source>Une famille sans contact depuis cette durée est anonymisée&#xa0;: son nom et ses coordonnées sont effacés, les statistiques restent.</source>
        <translation>A family without contact for that long is anonymised: its name and contact details are erased, the statistics remain.</translation>
    </message>
    <message>
        <source>&amp;Masquer dans les bilans les effectifs sous&#xa0;:</source>
        <translation>&amp;Hide numbers in reports below:</translation>
    </message>
    <message>
        <source>&amp;Langue de l’interface&#xa0;:</source>
        <translation>Interface &amp;language:</translation>
    </message>
    <message>
        <source>La langue choisie s’applique au prochain démarrage de TNE Médiation.</source>
        <translation>The chosen language applies the next time TNE Médiation starts.</translation>
    </message>
    <message>
        <source>✓ Connecté·e en tant que {who}</source>
        <translation>✓ Signed in as {who}</translation>
    </message>
    <message>
        <source>Serveur&#xa0;: {server}</source>
        <translation>Server: {server}</translation>
    </message>
    <message>
        <source>• Non connecté·e&#xa0;: ce que vous saisissez reste enregistré sur ce poste et sera envoyé au serveur après la connexion.</source>
        <translation>• Not signed in: what you enter stays saved on this computer and will be sent to the server after signing in.</translation>
    </message>
    <message>
        <source>Utilisatrice ou utilisateur&#xa0;: {name}</source>
        <translation>User: {name}</translation>
    </message>
    <message>
        <source>• Non connecté·e&#xa0;: vos données restent sur ce poste et partiront vers le serveur après la connexion.</source>
        <translation>• Not signed in: your data stays on this computer and will go to the server after signing in.</translation>
    </message>
    <message>
        <source>Dernier serveur utilisé&#xa0;: {server}</source>
        <translation>Last server used: {server}</translation>
    </message>
    <message>
        <source>Ce poste n’a pas de coffre-fort de mots de passe : votre connexion ne sera pas mémorisée et il faudra vous reconnecter à chaque démarrage. Vos données restent enregistrées sur ce poste.</source>
        <translation>This computer has no password vault: your sign-in will not be remembered and you will have to sign in again at each start. Your data stays saved on this computer.</translation>
    </message>
    <message>
        <source>Durée de conservation très courte</source>
        <translation>Very short retention period</translation>
    </message>
    <message>
        <source>Les données des familles sans contact depuis plus de {n} mois seront effacées (nom et coordonnées)&#xa0;; cela ne peut pas être annulé.

Confirmer&#xa0;?</source>
        <translation>The data of families with no contact for more than {n} months will be erased (name and contact details); this cannot be undone.

Confirm?</translation>
    </message>
    <message>
        <source>✓ Langue enregistrée&#xa0;: redémarrez TNE Médiation pour l’appliquer. (Restart TNE Médiation to apply it.)</source>
        <translation>✓ Language saved: restart TNE Médiation to apply it. (Redémarrez TNE Médiation pour l’appliquer.)</translation>
    </message>
    <message>
        <source>Enregistrer le rapport pour le support</source>
        <translation>Save the report for support</translation>
    </message>
    <message>
        <source>Archive ZIP (*.zip)</source>
        <translation>ZIP archive (*.zip)</translation>
    </message>
    <message>
        <source>Préparation du rapport…</source>
        <translation>Preparing the report…</translation>
    </message>
    <message>
        <source>✓ Rapport enregistré&#xa0;: {path}. Il ne contient aucun nom, adresse ni numéro de téléphone.</source>
        <translation>✓ Report saved: {path}. It contains no name, address or phone number.</translation>
    </message>
</context>
<context>
    <name>SignatureCanvas</name>
    <message>
        <source>Signez ici avec la souris, le stylet ou le doigt</source>
        <translation>Sign here with the mouse, a stylus or a finger</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>Zone de signature</source>
        <translation>Signature area</translation>
    </message>
    <message>
        <source>Dessinez la signature avec la souris, un stylet ou le doigt. Sans souris, cochez « Signature recueillie sur papier ».</source>
        <translation>Draw the signature with the mouse, a stylus or a finger. Without a mouse, tick “Signature collected on paper”.</translation>
    </message>
    <message>
        <source>&amp;Effacer</source>
        <translation>&amp;Clear</translation>
    </message>
    <message>
        <source>Effacer la signature et recommencer</source>
        <translation>Clear the signature and start again</translation>
    </message>
    <message>
        <source>Signature recueillie sur &amp;papier</source>
        <translation>Signature collected on &amp;paper</translation>
    </message>
    <message>
        <source>La famille signe la convention imprimée ; gardez l’exemplaire signé dans le dossier.</source>
        <translation>The family signs the printed agreement; keep the signed copy in the file.</translation>
    </message>
</context>
<context>
    <name>SignaturePage</name>
    <message>
        <source>Signature</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>Faites signer {name} ({capacity}) dans le cadre ci-dessous, puis cliquez sur « Enregistrer et imprimer ».</source>
        <translation>Have {name} ({capacity}) sign in the box below, then click “Save and print”.</translation>
    </message>
    <message>
        <source>Empreinte du texte signé : {sha}</source>
        <translation>Fingerprint of the signed text: {sha}</translation>
    </message>
</context>
<context>
    <name>StockTab</name>
    <message>
        <source>Inventaire du département</source>
        <translation>Inventory of the département</translation>
    </message>
    <message>
        <source>non fixé</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>Bénéficiaire</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <source>famille</source>
        <translation>family</translation>
    </message>
    <message>
        <source>Équipements</source>
        <translation>Devices</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>Remis le</source>
        <translation>Handed out on</translation>
    </message>
    <message>
        <source>Retour prévu</source>
        <translation>Due back</translation>
    </message>
    <message>
        <source>Retard</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>{n} jour</source>
        <translation>{n} day</translation>
    </message>
    <message>
        <source>{n} jours</source>
        <translation>{n} days</translation>
    </message>
    <message>
        <source>Actives</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Fin sous 30 jours</source>
        <translation>Ending within 30 days</translation>
    </message>
    <message>
        <source>Fin dépassée</source>
        <translation>Past their end</translation>
    </message>
    <message>
        <source>Retours en retard</source>
        <translation>Overdue returns</translation>
    </message>
    <message>
        <source>Prêts en cours</source>
        <translation>Current loans</translation>
    </message>
    <message>
        <source>Lignes de connexion par lieu</source>
        <translation>Connectivity lines by place</translation>
    </message>
    <message>
        <source>Les noms des familles ne sont pas transmis à la coordination&#xa0;: les prêts apparaissent au nom de « famille ».</source>
        <translation>Family names are not sent to the coordination: loans appear under the name “family”.</translation>
    </message>
    <message>
        <source>Prêt en cours ({n})</source>
        <translation>Current loan ({n})</translation>
    </message>
    <message>
        <source>Prêts en cours ({n})</source>
        <translation>Current loans ({n})</translation>
    </message>
    <message>
        <source>⚠ Retour en retard ({n})</source>
        <translation>⚠ Overdue return ({n})</translation>
    </message>
    <message>
        <source>⚠ Retours en retard ({n})</source>
        <translation>⚠ Overdue returns ({n})</translation>
    </message>
    <message>
        <source>Aucun retour en retard</source>
        <translation>No overdue return</translation>
    </message>
    <message>
        <source>Lignes de connexion : {n} se termine dans les {d} jours ou est échue</source>
        <translation>Connectivity lines: {n} ends within {d} days or is past its end</translation>
    </message>
    <message>
        <source>Lignes de connexion : {n} se terminent dans les {d} jours ou sont échues</source>
        <translation>Connectivity lines: {n} end within {d} days or are past their end</translation>
    </message>
</context>
<context>
    <name>SyncChip</name>
    <message>
        <source>Lecture des données…</source>
        <translation>Reading the data…</translation>
    </message>
    <message>
        <source>{n} élément à traiter</source>
        <translation>{n} item to handle</translation>
    </message>
    <message>
        <source>{n} éléments à traiter</source>
        <translation>{n} items to handle</translation>
    </message>
    <message>
        <source>{n} modification enregistrée sur ce poste (non connecté)</source>
        <translation>{n} change saved on this computer (not signed in)</translation>
    </message>
    <message>
        <source>{n} modifications enregistrées sur ce poste (non connecté)</source>
        <translation>{n} changes saved on this computer (not signed in)</translation>
    </message>
    <message>
        <source>{n} modification en attente de connexion</source>
        <translation>{n} change waiting for a connection</translation>
    </message>
    <message>
        <source>{n} modifications en attente de connexion</source>
        <translation>{n} changes waiting for a connection</translation>
    </message>
    <message>
        <source>Synchronisation incomplète · la suite au prochain essai</source>
        <translation>Sync incomplete · the rest at the next attempt</translation>
    </message>
    <message>
        <source>Enregistré sur ce poste · jamais synchronisé</source>
        <translation>Saved on this computer · never synced</translation>
    </message>
    <message>
        <source>Non connecté · dernière synchronisation {ago}</source>
        <translation>Signed out · last synchronised {ago}</translation>
    </message>
    <message>
        <source>Tout est synchronisé · {ago}</source>
        <translation>Everything is synced · {ago}</translation>
    </message>
    <message>
        <source>à l’instant</source>
        <translation>just now</translation>
    </message>
    <message>
        <source>il y a {n} min</source>
        <translation>{n} min ago</translation>
    </message>
    <message>
        <source>il y a {n} h</source>
        <translation>{n} h ago</translation>
    </message>
    <message>
        <source>il y a {n} jour</source>
        <translation>{n} day ago</translation>
    </message>
    <message>
        <source>il y a {n} jours</source>
        <translation>{n} days ago</translation>
    </message>
    <message>
        <source>État de la synchronisation&#xa0;: {text}</source>
        <translation>Sync status: {text}</translation>
    </message>
    <message>
        <source>Cliquez pour ouvrir « À traiter ».</source>
        <translation>Click to open “To handle”.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Synchronisation en cours…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>La synchronisation a rencontré un problème inattendu&#xa0;; elle sera retentée. Vos données sont en sécurité sur ce poste.</source>
        <translation>The sync ran into an unexpected problem; it will be tried again. Your data is safe on this computer.</translation>
    </message>
</context>
<context>
    <name>UnsavedChanges</name>
    <message>
        <source>Modifications non enregistrées</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Vous avez fait des modifications qui ne sont pas enregistrées. Les abandonner ?</source>
        <translation>You have changes that are not saved. Discard them?</translation>
    </message>
</context>
<context>
    <name>WorkshopEditor</name>
    <message>
        <source>Nouvel atelier</source>
        <translation>New workshop</translation>
    </message>
    <message>
        <source>Modifier l’atelier</source>
        <translation>Edit the workshop</translation>
    </message>
    <message>
        <source>Ex.&#xa0;: Découvrir Pronote avec son enfant</source>
        <translation>E.g.: Discovering Pronote with your child</translation>
    </message>
    <message>
        <source>&#xa0;min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>— Non précisé —</source>
        <translation>— Not stated —</translation>
    </message>
    <message>
        <source>Niveau de l’atelier, comme dans La Coop</source>
        <translation>The workshop’s level, as in La Coop</translation>
    </message>
    <message>
        <source>La structure pour laquelle vous animez&#xa0;: elle seule voit les familles.</source>
        <translation>The organisation you work for: only it sees the families.</translation>
    </message>
    <message>
        <source>Choisissez un lieu ou tapez une adresse</source>
        <translation>Choose a place or type an address</translation>
    </message>
    <message>
        <source>— Adresse libre ou lieu à préciser —</source>
        <translation>— Free address or place to be decided —</translation>
    </message>
    <message>
        <source>Nom, commune ou code UAI</source>
        <translation>Name, town or UAI code</translation>
    </message>
    <message>
        <source>— Aucune école —</source>
        <translation>— No school —</translation>
    </message>
    <message>
        <source>Pro&amp;poser…</source>
        <translation>Pro&amp;pose…</translation>
    </message>
    <message>
        <source>L’école n’est pas dans la liste&#xa0;: la proposer à la coordination</source>
        <translation>The school is not in the list: propose it to the coordination</translation>
    </message>
    <message>
        <source>sans limite</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>Thématiques</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>Aucune thématique choisie</source>
        <translation>No theme chosen</translation>
    </message>
    <message>
        <source>Outils abordés</source>
        <translation>Tools covered</translation>
    </message>
    <message>
        <source>Noms séparés par des virgules (collègues, Parents Ressource…)</source>
        <translation>Comma-separated names (colleagues, resource parents…)</translation>
    </message>
    <message>
        <source>Séparés par des virgules (ex.&#xa0;: TNE 95)</source>
        <translation>Separated by commas (e.g. TNE 95)</translation>
    </message>
    <message>
        <source>Les tags de La Coop : projet, dispositif, partenaire…</source>
        <translation>La Coop’s tags: project, scheme, partner…</translation>
    </message>
    <message>
        <source>Ex.&#xa0;: arabe, anglais</source>
        <translation>E.g.: Arabic, English</translation>
    </message>
    <message>
        <source>A&amp;vec interprète</source>
        <translation>&amp;With interpreter</translation>
    </message>
    <message>
        <source>&amp;à l’heure</source>
        <translation>&amp;at</translation>
    </message>
    <message>
        <source>C&amp;P</source>
        <translation>&amp;Postcode</translation>
    </message>
    <message>
        <source>Code postal</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>&amp;Format</translation>
    </message>
    <message>
        <source>&amp;Modalité</source>
        <translation>&amp;Mode</translation>
    </message>
    <message>
        <source>&amp;Titre</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>Nivea&amp;u</source>
        <translation>Le&amp;vel</translation>
    </message>
    <message>
        <source>Du&amp;rée</source>
        <translation>Du&amp;ration</translation>
    </message>
    <message>
        <source>Pu&amp;blic</source>
        <translation>Audi&amp;ence</translation>
    </message>
    <message>
        <source>Pla&amp;ces</source>
        <translation>Pla&amp;ces</translation>
    </message>
    <message>
        <source>Professionnels
formés</source>
        <translation>Professionals
trained</translation>
    </message>
    <message>
        <source>Or&amp;ganisé par</source>
        <translation>Or&amp;ganised by</translation>
    </message>
    <message>
        <source>T&amp;ype de lieu</source>
        <translation>Venue t&amp;ype</translation>
    </message>
    <message>
        <source>&amp;Lieu</source>
        <translation>&amp;Venue</translation>
    </message>
    <message>
        <source>Comm&amp;une</source>
        <translation>To&amp;wn</translation>
    </message>
    <message>
        <source>Matériel</source>
        <translation>Equipment</translation>
    </message>
    <message>
        <source>É&amp;cole</source>
        <translation>S&amp;chool</translation>
    </message>
    <message>
        <source>T&amp;hématiques</source>
        <translation>T&amp;hemes</translation>
    </message>
    <message>
        <source>&amp;Outils abordés</source>
        <translation>T&amp;ools covered</translation>
    </message>
    <message>
        <source>Co-a&amp;nimation</source>
        <translation>Co-&amp;leading</translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation>Ta&amp;gs</translation>
    </message>
    <message>
        <source>Lan&amp;gues</source>
        <translation>Lan&amp;guages</translation>
    </message>
    <message>
        <source>Note&amp;s</source>
        <translation>Note&amp;s</translation>
    </message>
    <message>
        <source>Dupl&amp;iquer…</source>
        <translation>Dupl&amp;icate…</translation>
    </message>
    <message>
        <source>Annuler l’&amp;atelier…</source>
        <translation>Cancel the &amp;workshop…</translation>
    </message>
    <message>
        <source>Mar&amp;quer comme réalisé</source>
        <translation>Mar&amp;k as held</translation>
    </message>
    <message>
        <source>&amp;Enregistrer</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Enregistrer (Ctrl+S)</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Fermer sans enregistrer (Échap)</source>
        <translation>Close without saving (Esc)</translation>
    </message>
    <message>
        <source>Enseignants</source>
        <translation>Teachers</translation>
    </message>
    <message>
        <source>Animateurs, éducateurs</source>
        <translation>Youth workers, educators</translation>
    </message>
    <message>
        <source>Travailleurs sociaux</source>
        <translation>Social workers</translation>
    </message>
    <message>
        <source>Agents de collectivité</source>
        <translation>Local authority staff</translation>
    </message>
    <message>
        <source>Bénévoles</source>
        <translation>Volunteers</translation>
    </message>
    <message>
        <source>Autres</source>
        <translation>Others</translation>
    </message>
    <message>
        <source>Total&#xa0;: {n} professionnel(s) formé(s) — de 0 à {max} par fonction</source>
        <translation>Total: {n} professional(s) trained — from 0 to {max} per role</translation>
    </message>
    <message>
        <source>⚠ Ce format ne compte pas de professionnels formés&#xa0;: les {n} comptés seront retirés à l’enregistrement.</source>
        <translation>⚠ This format does not count trained professionals: the {n} counted will be removed when saving.</translation>
    </message>
    <message>
        <source>Lieu enregistré</source>
        <translation>Saved venue</translation>
    </message>
    <message>
        <source>École enregistrée</source>
        <translation>School saved</translation>
    </message>
    <message>
        <source>(pas de commentaire)</source>
        <translation>(no comment)</translation>
    </message>
    <message>
        <source>⚠ À corriger — commentaire de la coordination&#xa0;: {comment}</source>
        <translation>⚠ To correct — coordination’s comment: {comment}</translation>
    </message>
    <message>
        <source>Ma structure (précisée à la première connexion)</source>
        <translation>My organisation (set at the first sign-in)</translation>
    </message>
    <message>
        <source>Ma structure</source>
        <translation>My organisation</translation>
    </message>
    <message>
        <source>Annuler l’atelier</source>
        <translation>Cancel the workshop</translation>
    </message>
    <message>
        <source>Annuler l’atelier du {day}&#xa0;? Les inscriptions sont gardées pour que vous puissiez prévenir les familles.</source>
        <translation>Cancel the workshop of {day}? Registrations are kept so that you can tell the families.</translation>
    </message>
</context>
<context>
    <name>WorkshopTableModel</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Heure</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Titre</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Lieu</source>
        <translation>Venue</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Inscrits</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Présents</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Synchro</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>{n} personne en liste d’attente</source>
        <translation>{n} person on the waiting list</translation>
    </message>
    <message>
        <source>{n} personnes en liste d’attente</source>
        <translation>{n} people on the waiting list</translation>
    </message>
    <message>
        <source>{p} parent(s) identifié(s), {a} participant(s) anonyme(s)</source>
        <translation>{p} identified parent(s), {a} anonymous participant(s)</translation>
    </message>
</context>
<context>
    <name>WorkshopsPage</name>
    <message>
        <source>Liste des ateliers</source>
        <extracomment>The detail card shows this workshop (``None``: nothing selected). « Imprimer… » and « Enregistrer le PDF… » of the sign-in sheet.</extracomment>
        <translation>List of workshops</translation>
    </message>
    <message>
        <source>&amp;Fiche</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>&amp;Inscriptions</source>
        <extracomment>The *Inscriptions* tab (the panel in its scroll area).</extracomment>
        <translation>&amp;Registrations</translation>
    </message>
    <message>
        <source>Ateliers</source>
        <translation>Workshops</translation>
    </message>
    <message>
        <source>&amp;Nouvel atelier</source>
        <translation>&amp;New workshop</translation>
    </message>
    <message>
        <source>Nouvel atelier (Ctrl+N)</source>
        <translation>New workshop (Ctrl+N)</translation>
    </message>
    <message>
        <source>Titre, commune ou notes…</source>
        <translation>Title, town or notes…</translation>
    </message>
    <message>
        <source>&amp;Rechercher&#xa0;:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>&amp;Période</source>
        <translation>&amp;Period</translation>
    </message>
    <message>
        <source>a&amp;u</source>
        <translation>&amp;to</translation>
    </message>
    <message>
        <source>Tous les formats</source>
        <translation>All formats</translation>
    </message>
    <message>
        <source>F&amp;ormat</source>
        <translation>F&amp;ormat</translation>
    </message>
    <message>
        <source>Tous</source>
        <translation>All</translation>
    </message>
    <message>
        <source>À corriger</source>
        <translation>To correct</translation>
    </message>
    <message>
        <source>&amp;Statut</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>Toutes</source>
        <translation>All</translation>
    </message>
    <message>
        <source>&amp;Thématique</source>
        <translation>&amp;Theme</translation>
    </message>
    <message>
        <source>Tous les lieux</source>
        <translation>All venues</translation>
    </message>
    <message>
        <source>Toutes les dates</source>
        <translation>All dates</translation>
    </message>
    <message>
        <source>Cette semaine</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Ce mois-ci</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>À venir</source>
        <translation>Upcoming</translation>
    </message>
    <message>
        <source>Passés</source>
        <translation>Past</translation>
    </message>
    <message>
        <source>Personnalisée…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>Aucun atelier pour l’instant</source>
        <translation>No workshop yet</translation>
    </message>
    <message>
        <source>Choisissez un atelier dans la liste pour voir sa fiche, ou créez-en un (Ctrl+N).</source>
        <translation>Choose a workshop in the list to see its card, or create one (Ctrl+N).</translation>
    </message>
    <message>
        <source>&amp;Lieu</source>
        <translation>&amp;Venue</translation>
    </message>
    <message>
        <source>D&amp;u</source>
        <translation>Fro&amp;m</translation>
    </message>
    <message>
        <source>Réinitialiser</source>
        <translation>Reset</translation>
    </message>
    <message>
        <source>Effacer la recherche et les filtres</source>
        <translation>Clear the search and the filters</translation>
    </message>
    <message>
        <source>&amp;Modifier…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>Modifier l’atelier (Entrée dans la liste)</source>
        <translation>Edit the workshop (Enter in the list)</translation>
    </message>
    <message>
        <source>Émargement et &amp;présences</source>
        <translation>Sign-in and &amp;attendance</translation>
    </message>
    <message>
        <source>Feuille d’é&amp;margement (PDF)</source>
        <translation>Attendance &amp;sheet (PDF)</translation>
    </message>
    <message>
        <source>&amp;Imprimer la feuille…</source>
        <translation>&amp;Print the sheet…</translation>
    </message>
    <message>
        <source>Enregistrer le P&amp;DF…</source>
        <translation>Save the P&amp;DF…</translation>
    </message>
    <message>
        <source>Feuille d’émargement</source>
        <translation>Attendance sheet</translation>
    </message>
    <message>
        <source>Recherche…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>Préparation de la feuille d’émargement…</source>
        <translation>Preparing the attendance sheet…</translation>
    </message>
    <message>
        <source>Feuille d’émargement — {title}</source>
        <translation>Sign-in sheet — {title}</translation>
    </message>
    <message>
        <source>Impression de la feuille d’émargement…</source>
        <translation>Printing the sign-in sheet…</translation>
    </message>
    <message>
        <source>{n} atelier</source>
        <translation>{n} workshop</translation>
    </message>
    <message>
        <source>{n} ateliers</source>
        <translation>{n} workshops</translation>
    </message>
    <message>
        <source>({n} affichés, la suite en descendant)</source>
        <translation>({n} shown, scroll down for more)</translation>
    </message>
    <message>
        <source>Créez votre premier atelier ou café des parents&#xa0;: il est enregistré sur ce poste et envoyé au serveur à la prochaine synchronisation.</source>
        <translation>Create your first workshop or parents’ café: it is saved on this computer and sent to the server at the next sync.</translation>
    </message>
    <message>
        <source>Nouvel atelier</source>
        <translation>New workshop</translation>
    </message>
    <message>
        <source>Aucun atelier ne correspond</source>
        <translation>No workshop matches</translation>
    </message>
    <message>
        <source>Changez la période, les filtres ou la recherche.</source>
        <translation>Change the period, the filters or the search.</translation>
    </message>
    <message>
        <source>Réinitialiser les filtres</source>
        <translation>Reset the filters</translation>
    </message>
    <message>
        <source>Aucun atelier sélectionné</source>
        <translation>No workshop selected</translation>
    </message>
    <message>
        <source> à {time}</source>
        <translation> at {time}</translation>
    </message>
    <message>
        <source>{n} inscrit·e</source>
        <translation>{n} registered</translation>
    </message>
    <message>
        <source>{n} inscrit·es</source>
        <translation>{n} registered</translation>
    </message>
    <message>
        <source>{n} présent·e</source>
        <translation>{n} present</translation>
    </message>
    <message>
        <source>{n} présent·es</source>
        <translation>{n} present</translation>
    </message>
    <message>
        <source>Quand</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Où</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Thématiques</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Places</translation>
    </message>
    <message>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Outils</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Co-animation</source>
        <translation>Co-leading</translation>
    </message>
    <message>
        <source>avec interprète</source>
        <translation>with interpreter</translation>
    </message>
    <message>
        <source>Langues</source>
        <translation>Languages</translation>
    </message>
    <message>
        <source>⚠ À corriger — commentaire de la coordination&#xa0;: {c}</source>
        <translation>⚠ To correct — coordination’s comment: {c}</translation>
    </message>
    <message>
        <source>(pas de commentaire)</source>
        <translation>(no comment)</translation>
    </message>
    <message>
        <source>✓ Feuille d’émargement envoyée à l’imprimante ({n} page).</source>
        <translation>✓ Sign-in sheet sent to the printer ({n} page).</translation>
    </message>
    <message>
        <source>✓ Feuille d’émargement envoyée à l’imprimante ({n} pages).</source>
        <translation>✓ Sign-in sheet sent to the printer ({n} pages).</translation>
    </message>
    <message>
        <source>✓ Feuille d’émargement enregistrée&#xa0;: {path}</source>
        <translation>✓ Attendance sheet saved: {path}</translation>
    </message>
</context>
<context>
    <name>WriteOp</name>
    <message>
        <source>TNE Médiation</source>
        <extracomment>What a screen asks: one service call (or a few in one task), returning its ``Result``. A long write: the same, given the task&apos;s token (progress, cancel).</extracomment>
        <translation>TNE Médiation</translation>
    </message>
</context>
<context>
    <name>_ChildRow</name>
    <message>
        <source>Prénom (facultatif)</source>
        <translation>First name (optional)</translation>
    </message>
    <message>
        <source>Prénom de l’enfant {n}</source>
        <translation>First name of child {n}</translation>
    </message>
    <message>
        <source>Niveau ?</source>
        <translation>Level?</translation>
    </message>
    <message>
        <source>Niveau scolaire de l’enfant {n}</source>
        <translation>School level of child {n}</translation>
    </message>
    <message>
        <source>École de l’enfant {n}</source>
        <translation>School of child {n}</translation>
    </message>
    <message>
        <source>Établissement ?</source>
        <translation>School?</translation>
    </message>
    <message>
        <source>Retirer</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Retirer l’enfant {n}</source>
        <translation>Remove child {n}</translation>
    </message>
</context>
<context>
    <name>accessories</name>
    <message>
        <source>Chargeur</source>
        <translation>Charger</translation>
    </message>
    <message>
        <source>Housse</source>
        <translation>Sleeve</translation>
    </message>
    <message>
        <source>Souris</source>
        <translation>Mouse</translation>
    </message>
    <message>
        <source>Sacoche</source>
        <translation>Bag</translation>
    </message>
    <message>
        <source>Casque</source>
        <translation>Headset</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>Opération annulée.</source>
        <translation>Operation cancelled.</translation>
    </message>
    <message>
        <source>Caractère invalide (caractère nul ou caractère Unicode isolé).</source>
        <translation>Invalid character (null character or lone Unicode surrogate).</translation>
    </message>
    <message>
        <source>Valeur invalide pour ce champ.</source>
        <translation>Invalid value for this field.</translation>
    </message>
    <message>
        <source>Trop de champs dans ce changement (au plus {max_fields}).</source>
        <translation>Too many fields in this change (at most {max_fields}).</translation>
    </message>
    <message>
        <source>Nom de champ invalide.</source>
        <translation>Invalid field name.</translation>
    </message>
    <message>
        <source>Nombre hors des limites acceptées.</source>
        <translation>Number outside the accepted limits.</translation>
    </message>
    <message>
        <source>Texte trop long (au plus {limit} caractères).</source>
        <translation>Text too long (at most {limit} characters).</translation>
    </message>
    <message>
        <source>Trop d’éléments dans la liste (au plus {limit}).</source>
        <translation>Too many items in the list (at most {limit}).</translation>
    </message>
    <message>
        <source>Image trop volumineuse (au plus {limit} ko).</source>
        <translation>Image too large (at most {limit} kB).</translation>
    </message>
    <message>
        <source>Indiquez l’année scolaire sous la forme 2025-2026.</source>
        <translation>Enter the school year as 2025-2026.</translation>
    </message>
    <message>
        <source>Le montant de la subvention n’est pas valide.</source>
        <translation>The grant amount is not valid.</translation>
    </message>
    <message>
        <source>Les notes sont limitées à 2 000 caractères.</source>
        <translation>Notes are limited to 2,000 characters.</translation>
    </message>
    <message>
        <source>Les références des documents sont limitées à 2 000 caractères.</source>
        <translation>Document references are limited to 2,000 characters.</translation>
    </message>
    <message>
        <source>Indiquez un montant supérieur à 0 €.</source>
        <translation>Enter an amount greater than €0.</translation>
    </message>
    <message>
        <source>Indiquez la date du versement.</source>
        <translation>Enter the date of the payment.</translation>
    </message>
    <message>
        <source>Un versement daté est « versé ».</source>
        <translation>A dated instalment is “paid”.</translation>
    </message>
    <message>
        <source>L’objectif doit être compris entre 0 et {max_objective}.</source>
        <translation>The objective must be between 0 and {max_objective}.</translation>
    </message>
    <message>
        <source>Un atelier collectif réalisé doit avoir au moins un participant présent ou un nombre de participants anonymes.</source>
        <translation>A collective workshop that was held must have at least one participant present or a number of anonymous participants.</translation>
    </message>
    <message>
        <source>Les professionnels formés ne se comptent que pour une « Formation de professionnels ».</source>
        <translation>Trained professionals are only counted for a “Professional training”.</translation>
    </message>
    <message>
        <source>Seul·e la coordination du département peut valider un atelier ou le renvoyer pour correction.</source>
        <translation>Only the département&apos;s coordination can validate a workshop or send it back for correction.</translation>
    </message>
    <message>
        <source>Seule la coordination du département peut modifier les partenariats et les écoles ciblées.</source>
        <translation>Only the département&apos;s coordination can change partnerships and target schools.</translation>
    </message>
    <message>
        <source>Le nombre de personnes déjà accompagnées ne peut pas dépasser le total.</source>
        <translation>The number of people already supported cannot exceed the total.</translation>
    </message>
    <message>
        <source>La répartition par genres ({declared}) dépasse le total de participants anonymes ({total}).</source>
        <translation>The breakdown by gender ({declared}) exceeds the total of anonymous participants ({total}).</translation>
    </message>
    <message>
        <source>La répartition par tranches d’âge ({declared}) dépasse le total de participants anonymes ({total}).</source>
        <translation>The breakdown by age group ({declared}) exceeds the total of anonymous participants ({total}).</translation>
    </message>
    <message>
        <source>La répartition par statuts ({declared}) dépasse le total de participants anonymes ({total}).</source>
        <translation>The breakdown by status ({declared}) exceeds the total of anonymous participants ({total}).</translation>
    </message>
    <message>
        <source>Cochez au moins une finalité du consentement.</source>
        <translation>Tick at least one purpose of the consent.</translation>
    </message>
    <message>
        <source>Indiquez la version de la notice d’information remise.</source>
        <translation>Enter the version of the information notice handed over.</translation>
    </message>
    <message>
        <source>Indiquez la date du consentement.</source>
        <translation>Enter the date of the consent.</translation>
    </message>
    <message>
        <source>Le nombre de places doit être d’au moins 1.</source>
        <translation>The number of places must be at least 1.</translation>
    </message>
    <message>
        <source>Il y a déjà {registered} personnes inscrites : la capacité ne peut pas être inférieure.</source>
        <translation>{registered} people are already registered: the capacity cannot be lower.</translation>
    </message>
    <message>
        <source>Cet atelier est prévu le {on} : il ne peut pas encore être marqué comme réalisé.</source>
        <translation>This workshop is planned for {on}: it cannot be marked as held yet.</translation>
    </message>
    <message>
        <source>{role} : indiquez un nombre entier.</source>
        <translation>{role}: enter a whole number.</translation>
    </message>
    <message>
        <source>Le nombre doit être compris entre 0 et {max_count}.</source>
        <translation>The number must be between 0 and {max_count}.</translation>
    </message>
    <message>
        <source>La date du consentement ne peut pas être dans le futur.</source>
        <translation>The date of the consent cannot be in the future.</translation>
    </message>
    <message>
        <source>{role} : le nombre doit être compris entre 0 et {max}.</source>
        <translation>{role}: the number must be between 0 and {max}.</translation>
    </message>
    <message>
        <source>Indiquez le nom du lieu.</source>
        <translation>Enter the name of the place.</translation>
    </message>
    <message>
        <source>Le code UAI doit comporter 7 chiffres suivis d’une lettre de contrôle (par exemple 0950001K).</source>
        <translation>The UAI code must have 7 digits followed by a check letter (for example 0950001K).</translation>
    </message>
    <message>
        <source>Le code postal doit comporter 5 chiffres.</source>
        <translation>The postcode must have 5 digits.</translation>
    </message>
    <message>
        <source>Donnez un titre à l’atelier.</source>
        <translation>Give the workshop a title.</translation>
    </message>
    <message>
        <source>Choisissez au moins une thématique.</source>
        <translation>Choose at least one theme.</translation>
    </message>
    <message>
        <source>La date doit être postérieure au 1er janvier 2020.</source>
        <translation>The date must be after 1 January 2020.</translation>
    </message>
    <message>
        <source>La durée doit être comprise entre 1 minute et 24 heures.</source>
        <translation>The duration must be between 1 minute and 24 hours.</translation>
    </message>
    <message>
        <source>Choisissez le lieu de l’atelier ou saisissez son adresse.</source>
        <translation>Choose the workshop&apos;s place or enter its address.</translation>
    </message>
    <message>
        <source>Indiquez la commune.</source>
        <translation>Enter the town.</translation>
    </message>
    <message>
        <source>Indiquez au moins un nom ou un prénom.</source>
        <translation>Enter at least a last name or a first name.</translation>
    </message>
    <message>
        <source>Ce numéro de téléphone n’est pas un numéro français valide.</source>
        <translation>This phone number is not a valid French number.</translation>
    </message>
    <message>
        <source>Cette adresse e-mail n’est pas valide.</source>
        <translation>This e-mail address is not valid.</translation>
    </message>
    <message>
        <source>Indiquez comment le consentement a été recueilli.</source>
        <translation>Enter how the consent was collected.</translation>
    </message>
    <message>
        <source>Les notes sont limitées à 500 caractères : notez seulement ce qui est nécessaire au suivi, sans jugement ni donnée sensible.</source>
        <translation>Notes are limited to 500 characters: write only what the follow-up needs, without judgement or sensitive data.</translation>
    </message>
    <message>
        <source>Indiquez le nom de la personne à inscrire.</source>
        <translation>Enter the name of the person to register.</translation>
    </message>
    <message>
        <source>Une inscription en liste d’attente doit avoir un rang.</source>
        <translation>A waitlisted registration must have a rank.</translation>
    </message>
    <message>
        <source>Indiquez le numéro de série.</source>
        <translation>Enter the serial number.</translation>
    </message>
    <message>
        <source>Indiquez le numéro d’inventaire (étiquette).</source>
        <translation>Enter the inventory number (tag).</translation>
    </message>
    <message>
        <source>L’IMEI doit comporter 15 chiffres.</source>
        <translation>The IMEI must have 15 digits.</translation>
    </message>
    <message>
        <source>Indiquez l’opérateur.</source>
        <translation>Enter the operator.</translation>
    </message>
    <message>
        <source>L’ICCID doit comporter entre 18 et 22 chiffres.</source>
        <translation>The ICCID must have between 18 and 22 digits.</translation>
    </message>
    <message>
        <source>Le numéro de ligne doit comporter entre 6 et 15 chiffres.</source>
        <translation>The line number must have between 6 and 15 digits.</translation>
    </message>
    <message>
        <source>La date de fin doit suivre la date de début.</source>
        <translation>The end date must come after the start date.</translation>
    </message>
    <message>
        <source>Choisissez la famille (responsable légal).</source>
        <translation>Choose the family (legal guardian).</translation>
    </message>
    <message>
        <source>Choisissez au moins un équipement.</source>
        <translation>Choose at least one device.</translation>
    </message>
    <message>
        <source>Un prêt doit avoir une date de retour prévue.</source>
        <translation>A loan must have an expected return date.</translation>
    </message>
    <message>
        <source>La date de retour prévue doit suivre la date de remise.</source>
        <translation>The expected return date must come after the hand-out date.</translation>
    </message>
    <message>
        <source>La date de retour doit suivre la date de remise.</source>
        <translation>The return date must come after the hand-out date.</translation>
    </message>
    <message>
        <source>Indiquez le collège de l’élève : Réussite Connectée se suit par collège.</source>
        <translation>Enter the pupil&apos;s collège: Réussite Connectée is followed by collège.</translation>
    </message>
    <message>
        <source>Un Parent Ressource qui co-anime l’atelier y est présent.</source>
        <translation>A Parent Ressource who co-facilitates the workshop is present at it.</translation>
    </message>
    <message>
        <source>La date de recrutement ne concerne qu’un Parent Ressource.</source>
        <translation>The recruitment date only applies to a Parent Ressource.</translation>
    </message>
    <message>
        <source>Indiquez pourquoi la ligne se termine.</source>
        <translation>Enter why the line ends.</translation>
    </message>
    <message>
        <source>Seule une ligne terminée a un motif de fin.</source>
        <translation>Only an ended line has an end reason.</translation>
    </message>
    <message>
        <source>La date de recrutement ne peut pas être future.</source>
        <translation>The recruitment date cannot be in the future.</translation>
    </message>
    <message>
        <source>Indiquez la date de fin de la ligne.</source>
        <translation>Enter the line&apos;s end date.</translation>
    </message>
    <message>
        <source>Vous n’avez pas les droits pour modifier cette fiche.</source>
        <translation>You do not have the rights to change this record.</translation>
    </message>
    <message>
        <source>Le serveur a refusé cette fiche : elle n’est pas complète ou pas valide.</source>
        <translation>The server refused this record: it is incomplete or not valid.</translation>
    </message>
    <message>
        <source>La fiche à laquelle ce changement se rattache a été supprimée.</source>
        <translation>The record this change belongs to has been deleted.</translation>
    </message>
    <message>
        <source>La fiche à laquelle ce changement se rattache n’a pas été acceptée par le serveur.</source>
        <translation>The record this change belongs to was not accepted by the server.</translation>
    </message>
    <message>
        <source>Cette fiche a été supprimée sur le serveur entre-temps.</source>
        <translation>This record was deleted on the server in the meantime.</translation>
    </message>
    <message>
        <source>Ce changement a déjà été numéroté : il a été mis de côté.</source>
        <translation>This change was already numbered: it has been set aside.</translation>
    </message>
    <message>
        <source>Type de fiche inconnu du serveur.</source>
        <translation>Record type unknown to the server.</translation>
    </message>
    <message>
        <source>Cette information a été modifiée ailleurs en même temps.</source>
        <translation>This information was changed elsewhere at the same time.</translation>
    </message>
    <message>
        <source>Cette fiche a été supprimée ailleurs alors que vous la modifiiez.</source>
        <translation>This record was deleted elsewhere while you were editing it.</translation>
    </message>
    <message>
        <source>Cet équipement est déjà chez une autre famille (prêt ou don en cours) : enregistrez son retour avant de le confier à nouveau.</source>
        <translation>This device is already with another family (loan or gift in progress): record its return before handing it out again.</translation>
    </message>
    <message>
        <source>L’atelier est complet : l’inscription a été mise en liste d’attente.</source>
        <translation>The workshop is full: the registration was put on the waiting list.</translation>
    </message>
    <message>
        <source>Ce parent a été noté absent : il n’est plus compté comme co-animateur de cet atelier (Parent Ressource).</source>
        <translation>This parent was marked absent: they no longer count as a co-facilitator of this workshop (Parent Ressource).</translation>
    </message>
    <message>
        <source>Le serveur n’a pas pu traiter ce changement ; il a été mis de côté.</source>
        <translation>The server could not process this change; it has been set aside.</translation>
    </message>
    <message>
        <source>Ces données de référence ne se modifient que sur le serveur.</source>
        <translation>This reference data can only be changed on the server.</translation>
    </message>
    <message>
        <source>Ce changement est trop volumineux pour être envoyé au serveur : il a été mis de côté, les suivants partent sans lui. Raccourcissez le texte de la fiche (notes, convention) ou refaites la signature, puis renvoyez-le.</source>
        <translation>This change is too large to be sent to the server: it has been set aside and the following ones go without it. Shorten the record&apos;s text (notes, agreement) or redo the signature, then send it again.</translation>
    </message>
    <message>
        <source>Ce changement dépasse les limites acceptées par le serveur (texte trop long, liste trop grande, caractère invalide) : il a été mis de côté, les suivants partent sans lui. Corrigez la fiche, puis renvoyez-le.</source>
        <translation>This change exceeds the limits the server accepts (text too long, list too large, invalid character): it has been set aside and the following ones go without it. Correct the record, then send it again.</translation>
    </message>
    <message>
        <source>Le serveur a refusé ce changement.</source>
        <translation>The server refused this change.</translation>
    </message>
    <message>
        <source>Le dossier des données n’est pas accessible en écriture (droits du dossier, disque ou clé USB protégés en écriture) : vos données sont affichées en lecture seule, rien ne peut être modifié ni synchronisé. Pour travailler, rendez le dossier modifiable (ou demandez-le à la personne qui gère ce poste), puis relancez TNE Médiation.</source>
        <translation>The data folder cannot be written to (folder permissions, or a write-protected disk or USB stick): your data is shown read-only and nothing can be changed or synchronised. To work, make the folder writable (or ask the person who manages this computer), then restart TNE Médiation.</translation>
    </message>
    <message>
        <source>Le dossier des données n’est pas accessible en écriture et ne contient pas encore de données : TNE Médiation ne peut pas les créer. Choisissez un dossier modifiable (--data-dir ou MEDIATOR_DATA_DIR) ou rendez celui-ci modifiable, puis relancez.</source>
        <translation>The data folder cannot be written to and holds no data yet: TNE Médiation cannot create it. Choose a writable folder (--data-dir or MEDIATOR_DATA_DIR) or make this one writable, then restart.</translation>
    </message>
    <message>
        <source>Ces données ont été enregistrées par une version plus récente de TNE Médiation. Elles sont ouvertes en lecture seule : installez la dernière version pour les modifier.</source>
        <translation>This data was saved by a newer version of TNE Médiation. It is opened read-only: install the latest version to change it.</translation>
    </message>
    <message>
        <source>Le fichier de données est illisible. Restaurez une sauvegarde du dossier « {backup_dirname} » ou contactez le support.</source>
        <translation>The data file cannot be read. Restore a backup from the “{backup_dirname}” folder or contact support.</translation>
    </message>
    <message>
        <source>Le fichier de données est endommagé. Restaurez une sauvegarde du dossier « {backup_dirname} » ou contactez le support.</source>
        <translation>The data file is damaged. Restore a backup from the “{backup_dirname}” folder or contact support.</translation>
    </message>
    <message>
        <source>{newer} {read_only}</source>
        <translation>{newer} {read_only}</translation>
    </message>
    <message>
        <source>{message} ({exc})</source>
        <translation>{message} ({exc})</translation>
    </message>
    <message>
        <source>Volume inconnu : « {scale} » (test, demo ou bench).</source>
        <translation>Unknown size: “{scale}” (test, demo or bench).</translation>
    </message>
    <message>
        <source>Les données de démonstration sont déjà présentes sur ce poste.</source>
        <translation>The demo data is already on this computer.</translation>
    </message>
    <message>
        <source>Cet atelier est annulé : on ne peut pas y noter de présences.</source>
        <translation>This workshop is cancelled: attendance cannot be recorded.</translation>
    </message>
    <message>
        <source>Cette présence a été supprimée sur un autre poste : synchronisez, puis réessayez.</source>
        <translation>This attendance was deleted on another computer: synchronise, then try again.</translation>
    </message>
    <message>
        <source>Cette fiche parent n’existe plus (elle a peut-être été fusionnée).</source>
        <translation>This parent record no longer exists (it may have been merged).</translation>
    </message>
    <message>
        <source>Cette inscription est déjà liée à une fiche parent.</source>
        <translation>This registration is already linked to a parent record.</translation>
    </message>
    <message>
        <source>Cet équipement est déjà chez une autre famille : votre remise n’a pas été enregistrée et n’apparaît plus dans les prêts en cours. Refaites-la avec un autre équipement ; ce que vous aviez saisi reste visible ici.</source>
        <translation>This device is already with another family: your hand-out was not recorded and no longer appears among current loans. Redo it with another device; what you had entered stays visible here.</translation>
    </message>
    <message>
        <source>{held} : votre remise n’a pas été enregistrée et n’apparaît plus dans les prêts en cours. Choisissez un autre équipement pour cette famille, ou annulez votre remise.</source>
        <translation>{held}: your hand-out was not recorded and no longer appears among current loans. Choose another device for this family, or cancel your hand-out.</translation>
    </message>
    <message>
        <source>{held} : son statut suit ce prêt tant qu’il n’est pas rendu ; la valeur notée sur ce poste (par exemple le retour d’une remise que le serveur n’a pas enregistrée) ne peut pas être gardée.</source>
        <translation>{held}: its status follows that loan until it is returned; the value noted on this computer (for example the return of a hand-out the server did not record) cannot be kept.</translation>
    </message>
    <message>
        <source>L’équipement</source>
        <translation>The device</translation>
    </message>
    <message>
        <source>Une personne</source>
        <translation>A person</translation>
    </message>
    <message>
        <source>{field} : un autre poste a enregistré une autre valeur après vous ; c’est la sienne qui a été gardée. Vous pouvez rétablir la vôtre.</source>
        <translation>{field}: another computer saved another value after you; theirs was kept. You can restore yours.</translation>
    </message>
    <message>
        <source>Cette information a été modifiée sur un autre poste en même temps que sur le vôtre. Quelle valeur est la bonne ?</source>
        <translation>This information was changed on another computer at the same time as on yours. Which value is right?</translation>
    </message>
    <message>
        <source>Cette fiche a été supprimée sur un autre poste alors que vous la modifiiez. Votre modification est conservée ici.</source>
        <translation>This record was deleted on another computer while you were editing it. Your change is kept here.</translation>
    </message>
    <message>
        <source>Ce changement entre en conflit avec une autre fiche.</source>
        <translation>This change conflicts with another record.</translation>
    </message>
    <message>
        <source>L’atelier était complet : l’inscription est passée en liste d’attente.</source>
        <translation>The workshop was full: the registration moved to the waiting list.</translation>
    </message>
    <message>
        <source>L’ordinateur</source>
        <translation>The laptop</translation>
    </message>
    <message>
        <source>La tablette</source>
        <translation>The tablet</translation>
    </message>
    <message>
        <source>La box 4G</source>
        <translation>The 4G box</translation>
    </message>
    <message>
        <source>La clé 4G</source>
        <translation>The 4G dongle</translation>
    </message>
    <message>
        <source>La carte SIM</source>
        <translation>The SIM card</translation>
    </message>
    <message>
        <source>L’accessoire</source>
        <translation>The accessory</translation>
    </message>
    <message>
        <source>{person} est passée en liste d’attente pour l’atelier {workshop} : complet (un autre poste avait déjà rempli les places).</source>
        <translation>{person} moved to the waiting list for the workshop {workshop}: full (another computer had already filled the places).</translation>
    </message>
    <message>
        <source>{person} est passé en liste d’attente pour l’atelier {workshop} : complet (un autre poste avait déjà rempli les places).</source>
        <translation>{person} moved to the waiting list for the workshop {workshop}: full (another computer had already filled the places).</translation>
    </message>
    <message>
        <source>{person} est passé·e en liste d’attente pour l’atelier {workshop} : complet (un autre poste avait déjà rempli les places).</source>
        <translation>{person} moved to the waiting list for the workshop {workshop}: full (another computer had already filled the places).</translation>
    </message>
    <message>
        <source>{person} ne co-anime plus l’atelier {workshop} : un autre poste l’a notée absente.</source>
        <translation>{person} no longer co-facilitates the workshop {workshop}: another computer marked her absent.</translation>
    </message>
    <message>
        <source>{person} ne co-anime plus l’atelier {workshop} : un autre poste l’a noté absent.</source>
        <translation>{person} no longer co-facilitates the workshop {workshop}: another computer marked him absent.</translation>
    </message>
    <message>
        <source>{person} ne co-anime plus l’atelier {workshop} : un autre poste l’a noté·e absent·e.</source>
        <translation>{person} no longer co-facilitates the workshop {workshop}: another computer marked them absent.</translation>
    </message>
    <message>
        <source>{what} {tag} est déjà remis à une autre famille depuis le {since}</source>
        <translation>{what} {tag} has already been given to another family since {since}</translation>
    </message>
    <message>
        <source>{what} {tag} est déjà prêté à une autre famille depuis le {since}</source>
        <translation>{what} {tag} has already been lent to another family since {since}</translation>
    </message>
    <message>
        <source>Mme {name}</source>
        <translation>Mrs {name}</translation>
    </message>
    <message>
        <source>M. {name}</source>
        <translation>Mr {name}</translation>
    </message>
    <message>
        <source>Cet élément a déjà été traité.</source>
        <translation>This item has already been dealt with.</translation>
    </message>
    <message>
        <source>Cet élément ne porte pas sur une information à choisir.</source>
        <translation>This item is not about a value to choose.</translation>
    </message>
    <message>
        <source>La fiche concernée n’existe plus sur ce poste.</source>
        <translation>The record concerned no longer exists on this computer.</translation>
    </message>
    <message>
        <source>Cet équipement est chez une famille : son statut suit ce prêt. Enregistrez d’abord son retour depuis la fiche de l’équipement.</source>
        <translation>This device is with a family: its status follows that loan. First record its return from the device&apos;s sheet.</translation>
    </message>
    <message>
        <source>Cet élément ne porte pas sur une remise refusée.</source>
        <translation>This item is not about a refused hand-out.</translation>
    </message>
    <message>
        <source>Choisissez « Renvoyer » ou « Mettre de côté ».</source>
        <translation>Choose “Send again” or “Set aside”.</translation>
    </message>
    <message>
        <source>Cet élément ne porte pas sur une valeur à rétablir.</source>
        <translation>This item is not about a value to restore.</translation>
    </message>
    <message>
        <source>Cet élément demande une décision.</source>
        <translation>This item needs a decision.</translation>
    </message>
    <message>
        <source>Seules les modifications refusées peuvent être renvoyées.</source>
        <translation>Only refused changes can be sent again.</translation>
    </message>
    <message>
        <source>{field} : {message}</source>
        <translation>{field}: {message}</translation>
    </message>
    <message>
        <source>Le numéro de série « {serial_number} » est déjà utilisé par l’équipement {device}.</source>
        <translation>The serial number “{serial_number}” is already used by the device {device}.</translation>
    </message>
    <message>
        <source>Le numéro d’inventaire « {asset_tag} » est déjà utilisé par un autre équipement ({model}, n° de série {serial_number}).</source>
        <translation>The inventory number “{asset_tag}” is already used by another device ({model}, serial number {serial_number}).</translation>
    </message>
    <message>
        <source>L’ICCID « {iccid} » est déjà enregistré pour une autre ligne.</source>
        <translation>The ICCID “{iccid}” is already recorded for another line.</translation>
    </message>
    <message>
        <source>Le numéro de ligne « {line_number} » est déjà enregistré pour une autre ligne en cours.</source>
        <translation>The line number “{line_number}” is already recorded for another current line.</translation>
    </message>
    <message>
        <source>L’équipement choisi n’existe plus.</source>
        <translation>The chosen device no longer exists.</translation>
    </message>
    <message>
        <source>Le statut d’un équipement se change avec « Changer le statut » ou par un prêt.</source>
        <translation>A device&apos;s status is changed with “Change the status” or by a loan.</translation>
    </message>
    <message>
        <source>Le statut « {status} » est donné par une remise ou un prêt, pas à la main.</source>
        <translation>The status “{status}” comes from a hand-out or a loan, not by hand.</translation>
    </message>
    <message>
        <source>Le fichier est vide.</source>
        <translation>The file is empty.</translation>
    </message>
    <message>
        <source>L’équipement {device} est chez une famille : enregistrez d’abord son retour (ou sa perte / son vol) dans le prêt.</source>
        <translation>The device {device} is with a family: first record its return (or its loss / theft) in the loan.</translation>
    </message>
    <message>
        <source>L’équipement {device} a un historique de prêts : réformez-le plutôt que de le supprimer.</source>
        <translation>The device {device} has a loan history: retire it rather than delete it.</translation>
    </message>
    <message>
        <source>Import annulé : rien n’a été enregistré.</source>
        <translation>Import cancelled: nothing was saved.</translation>
    </message>
    <message>
        <source>sans modèle</source>
        <translation>no model</translation>
    </message>
    <message>
        <source>Le fichier « {name} » ne peut pas être lu ({strerror}).</source>
        <translation>The file “{name}” cannot be read ({strerror}).</translation>
    </message>
    <message>
        <source>Colonnes manquantes dans le fichier : {missing}. Colonnes attendues : {columns}.</source>
        <translation>Columns missing from the file: {missing}. Expected columns: {columns}.</translation>
    </message>
    <message>
        <source>Le modèle de convention contient un champ inconnu : {names}. Faites corriger le modèle par la coordination.</source>
        <translation>The agreement template contains an unknown field: {names}. Have the coordination correct the template.</translation>
    </message>
    <message>
        <source>La convention « {title} » (version {template_version}) n’est pas en vigueur le {day} : choisissez la version en cours.</source>
        <translation>The agreement “{title}” (version {template_version}) is not in force on {day}: choose the current version.</translation>
    </message>
    <message>
        <source>La convention doit être signée par le responsable légal.</source>
        <translation>The agreement must be signed by the legal guardian.</translation>
    </message>
    <message>
        <source>Indiquez le nom de la personne qui signe.</source>
        <translation>Enter the name of the person signing.</translation>
    </message>
    <message>
        <source>Indiquez si la personne signe comme parent ou tuteur.</source>
        <translation>Say whether the person signs as parent or guardian.</translation>
    </message>
    <message>
        <source>Cette famille n’existe plus sur ce poste.</source>
        <translation>This family no longer exists on this computer.</translation>
    </message>
    <message>
        <source>Un même équipement est choisi deux fois.</source>
        <translation>The same device is chosen twice.</translation>
    </message>
    <message>
        <source>Ce prêt n’existe plus (il a peut-être été supprimé).</source>
        <translation>This loan no longer exists (it may have been deleted).</translation>
    </message>
    <message>
        <source>Choisissez le modèle de convention.</source>
        <translation>Choose the agreement template.</translation>
    </message>
    <message>
        <source>Ce modèle de convention n’existe plus.</source>
        <translation>This agreement template no longer exists.</translation>
    </message>
    <message>
        <source>Le texte de la convention a changé depuis qu’il a été affiché : relisez-le avec la famille et faites signer à nouveau.</source>
        <translation>The agreement&apos;s text changed since it was shown: read it again with the family and have it signed again.</translation>
    </message>
    <message>
        <source>Ce prêt est déjà clos depuis le {day}.</source>
        <translation>This loan has been closed since {day}.</translation>
    </message>
    <message>
        <source>L’équipement {device} est déjà chez une famille (prêt ou remise en cours) : enregistrez son retour avant de le confier à nouveau.</source>
        <translation>The device {device} is already with a family (loan or hand-out in progress): record its return before handing it out again.</translation>
    </message>
    <message>
        <source>L’équipement {device} n’est pas disponible : {status}.</source>
        <translation>The device {device} is not available: {status}.</translation>
    </message>
    <message>
        <source>Seul un Parent Ressource peut co-animer un atelier : cochez « Parent Ressource » sur sa fiche d’abord.</source>
        <translation>Only a Parent Ressource can co-facilitate a workshop: tick “Parent Ressource” on their record first.</translation>
    </message>
    <message>
        <source>Cette fiche a été anonymisée : elle ne peut plus être modifiée.</source>
        <translation>This record was anonymised: it can no longer be changed.</translation>
    </message>
    <message>
        <source>Choisissez deux fiches différentes à fusionner.</source>
        <translation>Choose two different records to merge.</translation>
    </message>
    <message>
        <source>Une fiche anonymisée ne peut pas être fusionnée.</source>
        <translation>An anonymised record cannot be merged.</translation>
    </message>
    <message>
        <source>Cette personne a encore un équipement prêté : enregistrez d’abord son retour, puis effacez la fiche.</source>
        <translation>This person still has a device on loan: first record its return, then erase the record.</translation>
    </message>
    <message>
        <source>Cette fiche est déjà anonymisée.</source>
        <translation>This record is already anonymised.</translation>
    </message>
    <message>
        <source>Cette personne a encore un équipement prêté : enregistrez d’abord son retour, puis anonymisez la fiche.</source>
        <translation>This person still has a device on loan: first record its return, then anonymise the record.</translation>
    </message>
    <message>
        <source>Cette fiche n’existe plus (elle a peut-être été effacée).</source>
        <translation>This record no longer exists (it may have been erased).</translation>
    </message>
    <message>
        <source>La structure partenaire d’une convention ne se change pas : créez une nouvelle convention.</source>
        <translation>An agreement&apos;s partner structure cannot be changed: create a new agreement.</translation>
    </message>
    <message>
        <source>Cette structure a déjà une convention pour l’année scolaire {school_year}.</source>
        <translation>This structure already has an agreement for the school year {school_year}.</translation>
    </message>
    <message>
        <source>Cet atelier est annulé : il n’accepte plus d’inscriptions.</source>
        <translation>This workshop is cancelled: it no longer accepts registrations.</translation>
    </message>
    <message>
        <source>Cette personne est déjà inscrite à cet atelier.</source>
        <translation>This person is already registered for this workshop.</translation>
    </message>
    <message>
        <source>Cette inscription est déjà annulée.</source>
        <translation>This registration is already cancelled.</translation>
    </message>
    <message>
        <source>Cette fiche n’existe plus (elle a peut-être été supprimée).</source>
        <translation>This record no longer exists (it may have been deleted).</translation>
    </message>
    <message>
        <source>Expliquez ce qu’il faut corriger : le commentaire est envoyé au·à la médiateur·rice.</source>
        <translation>Explain what needs correcting: the comment is sent to the mediator.</translation>
    </message>
    <message>
        <source>Un atelier déjà réalisé ne peut pas être annulé.</source>
        <translation>A workshop already held cannot be cancelled.</translation>
    </message>
    <message>
        <source>Impossible d’enregistrer sur ce poste (disque plein ou fichier occupé). Réessayez ; si le problème continue, contactez le support.</source>
        <translation>Cannot save on this computer (disk full or file busy). Try again; if the problem persists, contact support.</translation>
    </message>
    <message>
        <source>{field} : {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>Rattacher les {participants} participants saisis hors connexion au compte de {who}&#xa0;?</source>
        <translation>Attach the {participants} participants entered offline to {who}&apos;s account?</translation>
    </message>
    <message>
        <source>Rattacher les modifications saisies hors connexion au compte de {who}&#xa0;?</source>
        <translation>Attach the changes entered offline to {who}&apos;s account?</translation>
    </message>
    <message>
        <source>Rattacher les {workshops} ateliers et {participants} participants saisis hors connexion au compte de {who}&#xa0;?</source>
        <translation>Attach the {workshops} workshops and {participants} participants entered offline to {who}&apos;s account?</translation>
    </message>
    <message>
        <source>Rattacher 1 atelier saisi hors connexion au compte de {who}&#xa0;?</source>
        <translation>Attach 1 workshop entered offline to {who}&apos;s account?</translation>
    </message>
    <message>
        <source>Rattacher les {workshops} ateliers saisis hors connexion au compte de {who}&#xa0;?</source>
        <translation>Attach the {workshops} workshops entered offline to {who}&apos;s account?</translation>
    </message>
    <message>
        <source>Rattacher 1 participant saisi hors connexion au compte de {who}&#xa0;?</source>
        <translation>Attach 1 participant entered offline to {who}&apos;s account?</translation>
    </message>
    <message>
        <source>Trop de dossiers de comptes sur ce poste.</source>
        <translation>Too many account folders on this computer.</translation>
    </message>
    <message>
        <source>Rattacher 1 atelier et 1 participant saisis hors connexion au compte de {who}&#xa0;?</source>
        <translation>Attach 1 workshop and 1 participant entered offline to {who}&apos;s account?</translation>
    </message>
    <message>
        <source>Rattacher 1 atelier et {participants} participants saisis hors connexion au compte de {who}&#xa0;?</source>
        <translation>Attach 1 workshop and {participants} participants entered offline to {who}&apos;s account?</translation>
    </message>
    <message>
        <source>Rattacher les {workshops} ateliers et 1 participant saisis hors connexion au compte de {who}&#xa0;?</source>
        <translation>Attach the {workshops} workshops and 1 participant entered offline to {who}&apos;s account?</translation>
    </message>
    <message>
        <source>La liste des comptes de ce poste n’a pas pu être lue : vérifiez le dossier des données, puis relancez TNE Médiation.</source>
        <translation>The list of accounts on this computer could not be read: check the data folder, then restart TNE Médiation.</translation>
    </message>
    <message>
        <source>La liste des comptes de ce poste n’a pas pu être enregistrée (dossier en lecture seule, disque plein ?). Rien n’a été perdu.</source>
        <translation>The list of accounts on this computer could not be saved (read-only folder, disk full?). Nothing was lost.</translation>
    </message>
    <message>
        <source>Le dossier du compte ne peut pas être créé dans le dossier des données.</source>
        <translation>The account&apos;s folder cannot be created in the data folder.</translation>
    </message>
    <message>
        <source>Réseau indisponible : vos modifications restent enregistrées sur ce poste et partiront dès que la connexion reviendra.</source>
        <translation>Network unavailable: your changes stay saved on this computer and will be sent as soon as the connection is back.</translation>
    </message>
    <message>
        <source>Une mise à jour de TNE Médiation est nécessaire pour synchroniser. Vos modifications restent enregistrées sur ce poste en attendant.</source>
        <translation>An update of TNE Médiation is needed to synchronise. Your changes stay saved on this computer meanwhile.</translation>
    </message>
    <message>
        <source>Le serveur a envoyé une réponse que cette version de TNE Médiation ne sait pas lire : la synchronisation s’est arrêtée. Vos modifications restent enregistrées sur ce poste et partiront au prochain essai ; si cela se reproduit, prévenez votre coordinateur·rice.</source>
        <translation>The server sent an answer this version of TNE Médiation cannot read: synchronisation stopped. Your changes stay saved on this computer and will be sent at the next attempt; if this happens again, tell your coordinator.</translation>
    </message>
    <message>
        <source>La synchronisation a pris trop de temps (le serveur répond trop lentement) : elle s’est arrêtée. Vos modifications restent enregistrées sur ce poste et partiront au prochain essai.</source>
        <translation>Synchronisation took too long (the server answers too slowly): it stopped. Your changes stay saved on this computer and will be sent at the next attempt.</translation>
    </message>
    <message>
        <source>Le serveur a envoyé une réponse trop volumineuse (plus de {mb} Mo) : la synchronisation s’est arrêtée. Vos modifications restent enregistrées sur ce poste ; si cela se reproduit, prévenez votre coordinateur·rice.</source>
        <translation>The server sent an answer that is too large (more than {mb} MB): synchronisation stopped. Your changes stay saved on this computer; if this happens again, tell your coordinator.</translation>
    </message>
    <message>
        <source>Réseau indisponible : la connexion semble demander une identification (portail wifi). Ouvrez un navigateur pour vous connecter au wifi, puis réessayez.</source>
        <translation>Network unavailable: the connection seems to ask you to sign in (Wi-Fi portal). Open a web browser to sign in to the Wi-Fi, then try again.</translation>
    </message>
    <message>
        <source>Resynchronisation complète nécessaire.</source>
        <translation>Full resynchronisation needed.</translation>
    </message>
    <message>
        <source>Adresse du serveur invalide : elle doit commencer par https:// (par exemple https://tne.exemple.fr).</source>
        <translation>Invalid server address: it must start with https:// (for example https://tne.exemple.fr).</translation>
    </message>
    <message>
        <source>Pour protéger les données des familles, la connexion au serveur doit être chiffrée : utilisez une adresse en https://.</source>
        <translation>To protect families&apos; data, the connection to the server must be encrypted: use an https:// address.</translation>
    </message>
    <message>
        <source>Vous n’êtes pas connecté·e au serveur : connectez-vous pour synchroniser.</source>
        <translation>You are not signed in to the server: sign in to synchronise.</translation>
    </message>
    <message>
        <source>Session expirée.</source>
        <translation>Session expired.</translation>
    </message>
    <message>
        <source>Ce poste doit être de nouveau enregistré auprès du serveur.</source>
        <translation>This computer must be registered with the server again.</translation>
    </message>
    <message>
        <source>Lot trop volumineux.</source>
        <translation>Batch too large.</translation>
    </message>
    <message>
        <source>Réponse inattendue du serveur ({status}).</source>
        <translation>Unexpected answer from the server ({status}).</translation>
    </message>
    <message>
        <source>Votre session a expiré : reconnectez-vous pour synchroniser. Vos modifications restent enregistrées sur ce poste.</source>
        <translation>Your session has expired: sign in again to synchronise. Your changes stay saved on this computer.</translation>
    </message>
    <message>
        <source>La connexion sécurisée au serveur a échoué (certificat non reconnu). Vérifiez l’adresse du serveur ou contactez votre coordinateur·rice.</source>
        <translation>The secure connection to the server failed (certificate not recognised). Check the server address or contact your coordinator.</translation>
    </message>
    <message>
        <source>Ce poste n’est plus autorisé à synchroniser : contactez votre coordinateur·rice.</source>
        <translation>This computer is no longer allowed to synchronise: contact your coordinator.</translation>
    </message>
    <message>
        <source>Requête refusée.</source>
        <translation>Request refused.</translation>
    </message>
    <message>
        <source>Le serveur est momentanément indisponible ; nouvel essai automatique plus tard. Vos modifications sont en sécurité sur ce poste.</source>
        <translation>The server is temporarily unavailable; it will be tried again automatically later. Your changes are safe on this computer.</translation>
    </message>
    <message>
        <source>Trop de tentatives de connexion : réessayez dans quelques minutes.</source>
        <translation>Too many sign-in attempts: try again in a few minutes.</translation>
    </message>
    <message>
        <source>Le serveur refuse nos envois comme trop volumineux, même un petit changement seul : la synchronisation s’est arrêtée. Vos modifications restent enregistrées sur ce poste ; prévenez votre coordinateur·rice (réglage du serveur à vérifier).</source>
        <translation>The server refuses our sends as too large, even a single small change: synchronisation stopped. Your changes stay saved on this computer; tell your coordinator (a server setting to check).</translation>
    </message>
    <message>
        <source>Ces données appartiennent à un autre compte de ce serveur : elles ne peuvent pas être envoyées avec le vôtre. Connectez-vous depuis l’écran de connexion de TNE Médiation, qui ouvre les données de votre compte.</source>
        <translation>This data belongs to another account of this server: it cannot be sent with yours. Sign in from TNE Médiation&apos;s sign-in screen, which opens your account&apos;s data.</translation>
    </message>
    <message>
        <source>Ce poste n’a pas de coffre-fort de mots de passe : votre connexion ne sera pas mémorisée et il faudra vous reconnecter à chaque démarrage. Vos données restent enregistrées sur ce poste.</source>
        <translation>This computer has no password vault: your sign-in will not be remembered and you will have to sign in again at each start. Your data stays saved on this computer.</translation>
    </message>
    <message>
        <source>Connectez-vous au serveur TNE pour synchroniser. Vos données restent enregistrées sur ce poste en attendant.</source>
        <translation>Sign in to the TNE server to synchronise. Your data stays saved on this computer meanwhile.</translation>
    </message>
    <message>
        <source>La fiche n’a pas été enregistrée :
{lines}</source>
        <translation>The record was not saved:
{lines}</translation>
    </message>
</context>
<context>
    <name>french</name>
    <message>
        <source>{text}&#xa0;:</source>
        <translation>{text}:</translation>
    </message>
    <message>
        <source>sans limite</source>
        <translation>no limit</translation>
    </message>
    <message>
        <source>complet</source>
        <translation>full</translation>
    </message>
    <message>
        <source>{n} place restante</source>
        <translation>{n} place left</translation>
    </message>
    <message>
        <source>{n} places restantes</source>
        <translation>{n} places left</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Médiateur·rice numérique</source>
        <translation>Digital mediator</translation>
    </message>
    <message>
        <source>Référent·e famille</source>
        <translation>Family referent</translation>
    </message>
    <message>
        <source>Coordinateur·rice départemental·e</source>
        <translation>Département coordinator</translation>
    </message>
    <message>
        <source>Administrateur·rice</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>École</source>
        <translation>School</translation>
    </message>
    <message>
        <source>Collège</source>
        <translation>Collège</translation>
    </message>
    <message>
        <source>Lycée</source>
        <translation>Lycée</translation>
    </message>
    <message>
        <source>Centre social</source>
        <translation>Community centre</translation>
    </message>
    <message>
        <source>Médiathèque</source>
        <translation>Media library</translation>
    </message>
    <message>
        <source>Association</source>
        <translation>Association</translation>
    </message>
    <message>
        <source>France services</source>
        <translation>France services</translation>
    </message>
    <message>
        <source>Mairie</source>
        <translation>Town hall</translation>
    </message>
    <message>
        <source>Autre</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Diagnostic numérique</source>
        <translation>Digital skills assessment</translation>
    </message>
    <message>
        <source>Prendre en main du matériel</source>
        <translation>Getting started with equipment</translation>
    </message>
    <message>
        <source>Maintenance de matériel</source>
        <translation>Equipment maintenance</translation>
    </message>
    <message>
        <source>Gérer ses contenus numériques</source>
        <translation>Managing one’s digital content</translation>
    </message>
    <message>
        <source>Navigation sur internet</source>
        <translation>Browsing the internet</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Bureautique</source>
        <translation>Office software</translation>
    </message>
    <message>
        <source>Réseaux sociaux communication</source>
        <translation>Social media and communication</translation>
    </message>
    <message>
        <source>Santé</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>Banque et achats en ligne</source>
        <translation>Online banking and shopping</translation>
    </message>
    <message>
        <source>Accompagner un professionnel</source>
        <translation>Supporting a professional</translation>
    </message>
    <message>
        <source>Insertion professionnelle</source>
        <translation>Getting into work</translation>
    </message>
    <message>
        <source>Prévention en sécurité numérique</source>
        <translation>Online safety awareness</translation>
    </message>
    <message>
        <source>Parentalité</source>
        <translation>Parenting</translation>
    </message>
    <message>
        <source>Scolarité et numérique</source>
        <translation>School and digital life</translation>
    </message>
    <message>
        <source>Créer avec le numérique</source>
        <translation>Creating with digital tools</translation>
    </message>
    <message>
        <source>Culture numérique</source>
        <translation>Digital culture</translation>
    </message>
    <message>
        <source>Intelligence artificielle (IA)</source>
        <translation>Artificial intelligence (AI)</translation>
    </message>
    <message>
        <source>Aide aux démarches administratives</source>
        <translation>Help with official procedures</translation>
    </message>
    <message>
        <source>Papiers - Élections - Citoyenneté</source>
        <translation>Documents - Elections - Citizenship</translation>
    </message>
    <message>
        <source>Famille - Scolarité</source>
        <translation>Family - Schooling</translation>
    </message>
    <message>
        <source>Social - Santé</source>
        <translation>Social - Health</translation>
    </message>
    <message>
        <source>Travail - Formation - Entreprise</source>
        <translation>Work - Training - Business</translation>
    </message>
    <message>
        <source>Logement</source>
        <translation>Housing</translation>
    </message>
    <message>
        <source>Transports - Mobilité</source>
        <translation>Transport - Mobility</translation>
    </message>
    <message>
        <source>Argent - Impôts</source>
        <translation>Money - Taxes</translation>
    </message>
    <message>
        <source>Justice</source>
        <translation>Justice</translation>
    </message>
    <message>
        <source>Étrangers - Europe</source>
        <translation>Foreign nationals - Europe</translation>
    </message>
    <message>
        <source>Loisirs - Sports - Culture</source>
        <translation>Leisure - Sports - Culture</translation>
    </message>
    <message>
        <source>Associations</source>
        <translation>Associations</translation>
    </message>
    <message>
        <source>ENT</source>
        <translation>ENT (school digital workspace)</translation>
    </message>
    <message>
        <source>Pronote</source>
        <translation>Pronote</translation>
    </message>
    <message>
        <source>ÉduConnect</source>
        <translation>ÉduConnect</translation>
    </message>
    <message>
        <source>Contrôle parental</source>
        <translation>Parental controls</translation>
    </message>
    <message>
        <source>Réseaux sociaux</source>
        <translation>Social media</translation>
    </message>
    <message>
        <source>Café des parents</source>
        <translation>Parents’ café</translation>
    </message>
    <message>
        <source>Atelier</source>
        <translation>Workshop</translation>
    </message>
    <message>
        <source>Réunion d’information</source>
        <translation>Information meeting</translation>
    </message>
    <message>
        <source>Permanence</source>
        <translation>Drop-in session</translation>
    </message>
    <message>
        <source>Accompagnement individuel</source>
        <translation>One-to-one support</translation>
    </message>
    <message>
        <source>Webinaire</source>
        <translation>Webinar</translation>
    </message>
    <message>
        <source>Événement</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Formation de professionnels</source>
        <translation>Training of professionals</translation>
    </message>
    <message>
        <source>Atelier collectif</source>
        <translation>Group workshop</translation>
    </message>
    <message>
        <source>Lieu d’activité</source>
        <translation>Activity venue</translation>
    </message>
    <message>
        <source>À domicile</source>
        <translation>At home</translation>
    </message>
    <message>
        <source>À distance</source>
        <translation>Remote</translation>
    </message>
    <message>
        <source>Autre lieu</source>
        <translation>Other place</translation>
    </message>
    <message>
        <source>Parents</source>
        <translation>Parents</translation>
    </message>
    <message>
        <source>Parents et enfants</source>
        <translation>Parents and children</translation>
    </message>
    <message>
        <source>Enfants</source>
        <translation>Children</translation>
    </message>
    <message>
        <source>Professionnels</source>
        <translation>Professionals</translation>
    </message>
    <message>
        <source>Maternelle</source>
        <translation>Nursery school</translation>
    </message>
    <message>
        <source>Élémentaire</source>
        <translation>Primary school</translation>
    </message>
    <message>
        <source>Ordinateur</source>
        <translation>Computer</translation>
    </message>
    <message>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Tablette</source>
        <translation>Tablet</translation>
    </message>
    <message>
        <source>Pas de matériel</source>
        <translation>No equipment</translation>
    </message>
    <message>
        <source>Débutant</source>
        <translation>Beginner</translation>
    </message>
    <message>
        <source>Intermédiaire</source>
        <translation>Intermediate</translation>
    </message>
    <message>
        <source>Avancé</source>
        <translation>Advanced</translation>
    </message>
    <message>
        <source>Prévu</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>Réalisé</source>
        <translation>Held</translation>
    </message>
    <message>
        <source>Annulé</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>À vérifier</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>Validé</source>
        <translation>Validated</translation>
    </message>
    <message>
        <source>À corriger</source>
        <translation>To correct</translation>
    </message>
    <message>
        <source>Féminin</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Masculin</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Non communiqué</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>Moins de 12 ans</source>
        <translation>Under 12</translation>
    </message>
    <message>
        <source>12 - 17 ans</source>
        <translation>12 - 17</translation>
    </message>
    <message>
        <source>18 - 24 ans</source>
        <translation>18 - 24</translation>
    </message>
    <message>
        <source>25 - 39 ans</source>
        <translation>25 - 39</translation>
    </message>
    <message>
        <source>40 - 59 ans</source>
        <translation>40 - 59</translation>
    </message>
    <message>
        <source>60 - 69 ans</source>
        <translation>60 - 69</translation>
    </message>
    <message>
        <source>70 ans et plus</source>
        <translation>70 and over</translation>
    </message>
    <message>
        <source>Scolarisé</source>
        <translation>In education</translation>
    </message>
    <message>
        <source>Sans emploi</source>
        <translation>Unemployed</translation>
    </message>
    <message>
        <source>En emploi</source>
        <translation>Employed</translation>
    </message>
    <message>
        <source>Retraité</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>Non communiqué ou hétérogène</source>
        <translation>Not given or mixed</translation>
    </message>
    <message>
        <source>Oral</source>
        <translation>Oral</translation>
    </message>
    <message>
        <source>Écrit</source>
        <translation>Written</translation>
    </message>
    <message>
        <source>Signé</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Suivi de l’accompagnement</source>
        <translation>Follow-up of the support</translation>
    </message>
    <message>
        <source>Être recontacté·e</source>
        <translation>To be contacted again</translation>
    </message>
    <message>
        <source>Statistiques</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>Prêt de matériel</source>
        <translation>Equipment loan</translation>
    </message>
    <message>
        <source>Inscrit·e</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Liste d’attente</source>
        <translation>Waiting list</translation>
    </message>
    <message>
        <source>Annulée</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Sur place</source>
        <translation>On site</translation>
    </message>
    <message>
        <source>En ligne</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Présent·e</source>
        <translation>Present</translation>
    </message>
    <message>
        <source>Absent·e</source>
        <translation>Absent</translation>
    </message>
    <message>
        <source>Excusé·e</source>
        <translation>Excused</translation>
    </message>
    <message>
        <source>Ordinateur portable</source>
        <translation>Laptop</translation>
    </message>
    <message>
        <source>Box 4G</source>
        <translation>4G box</translation>
    </message>
    <message>
        <source>Clé 4G</source>
        <translation>4G dongle</translation>
    </message>
    <message>
        <source>Carte SIM</source>
        <translation>SIM card</translation>
    </message>
    <message>
        <source>Accessoire</source>
        <translation>Accessory</translation>
    </message>
    <message>
        <source>Neuf</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Bon état</source>
        <translation>Good condition</translation>
    </message>
    <message>
        <source>Usé</source>
        <translation>Worn</translation>
    </message>
    <message>
        <source>Hors service</source>
        <translation>Out of order</translation>
    </message>
    <message>
        <source>En stock</source>
        <translation>In stock</translation>
    </message>
    <message>
        <source>Remis</source>
        <translation>Handed out</translation>
    </message>
    <message>
        <source>Prêté</source>
        <translation>On loan</translation>
    </message>
    <message>
        <source>En réparation</source>
        <translation>In repair</translation>
    </message>
    <message>
        <source>Perdu</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>Volé</source>
        <translation>Stolen</translation>
    </message>
    <message>
        <source>Réformé</source>
        <translation>Retired</translation>
    </message>
    <message>
        <source>Carte SIM data</source>
        <translation>Data SIM card</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Suspendue</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>Résiliée</source>
        <translation>Terminated</translation>
    </message>
    <message>
        <source>Fin de contrat</source>
        <translation>End of contract</translation>
    </message>
    <message>
        <source>Perte</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>Résiliation</source>
        <translation>Cancellation</translation>
    </message>
    <message>
        <source>Restitution</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Prêt</source>
        <translation>Loan</translation>
    </message>
    <message>
        <source>Don</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>Réussite Connectée</source>
        <translation>Réussite Connectée</translation>
    </message>
    <message>
        <source>Fin de scolarité</source>
        <translation>End of schooling</translation>
    </message>
    <message>
        <source>Départ de l’établissement</source>
        <translation>Left the school</translation>
    </message>
    <message>
        <source>Panne</source>
        <translation>Breakdown</translation>
    </message>
    <message>
        <source>Vol</source>
        <translation>Theft</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>Tuteur·rice</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <source>En préparation</source>
        <translation>In preparation</translation>
    </message>
    <message>
        <source>Signée</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Terminée</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Versé</source>
        <translation>Paid</translation>
    </message>
    <message>
        <source>Enregistré sur ce poste</source>
        <translation>Saved on this computer</translation>
    </message>
    <message>
        <source>Synchronisé</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>À traiter</source>
        <translation>To handle</translation>
    </message>
    <message>
        <source>titre</source>
        <translation>title</translation>
    </message>
    <message>
        <source>date</source>
        <translation>date</translation>
    </message>
    <message>
        <source>heure de début</source>
        <translation>start time</translation>
    </message>
    <message>
        <source>durée (min)</source>
        <translation>duration (min)</translation>
    </message>
    <message>
        <source>structure</source>
        <translation>structure</translation>
    </message>
    <message>
        <source>structure organisatrice</source>
        <translation>organising structure</translation>
    </message>
    <message>
        <source>lieu</source>
        <translation>venue</translation>
    </message>
    <message>
        <source>adresse du lieu</source>
        <translation>venue address</translation>
    </message>
    <message>
        <source>école</source>
        <translation>school</translation>
    </message>
    <message>
        <source>commune</source>
        <translation>commune</translation>
    </message>
    <message>
        <source>code postal</source>
        <translation>postcode</translation>
    </message>
    <message>
        <source>statut</source>
        <translation>status</translation>
    </message>
    <message>
        <source>nombre de places</source>
        <translation>number of places</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>notes</translation>
    </message>
    <message>
        <source>signature</source>
        <translation>signature</translation>
    </message>
    <message>
        <source>thématiques</source>
        <translation>themes</translation>
    </message>
    <message>
        <source>outils abordés</source>
        <translation>tools covered</translation>
    </message>
    <message>
        <source>format</source>
        <translation>format</translation>
    </message>
    <message>
        <source>prénom</source>
        <translation>first name</translation>
    </message>
    <message>
        <source>nom</source>
        <translation>last name</translation>
    </message>
    <message>
        <source>téléphone</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>e-mail</translation>
    </message>
    <message>
        <source>nombre d’enfants</source>
        <translation>number of children</translation>
    </message>
    <message>
        <source>statut de validation</source>
        <translation>review status</translation>
    </message>
    <message>
        <source>commentaire de validation</source>
        <translation>review comment</translation>
    </message>
    <message>
        <source>équipements</source>
        <translation>equipment</translation>
    </message>
    <message>
        <source>famille</source>
        <translation>family</translation>
    </message>
    <message>
        <source>date de remise</source>
        <translation>hand-out date</translation>
    </message>
    <message>
        <source>date de retour</source>
        <translation>return date</translation>
    </message>
    <message>
        <source>retour prévu</source>
        <translation>expected return</translation>
    </message>
    <message>
        <source>numéro de série</source>
        <translation>serial number</translation>
    </message>
    <message>
        <source>numéro d’inventaire</source>
        <translation>asset tag</translation>
    </message>
    <message>
        <source>opérateur</source>
        <translation>operator</translation>
    </message>
    <message>
        <source>numéro de ligne</source>
        <translation>line number</translation>
    </message>
    <message>
        <source>motif de fin</source>
        <translation>end reason</translation>
    </message>
    <message>
        <source>nombre total</source>
        <translation>total number</translation>
    </message>
    <message>
        <source>département</source>
        <translation>département</translation>
    </message>
    <message>
        <source>intervenant·e</source>
        <translation>practitioner</translation>
    </message>
    <message>
        <source>modèle de convention</source>
        <translation>agreement template</translation>
    </message>
    <message>
        <source>ressource</source>
        <translation>resource</translation>
    </message>
    <message>
        <source>atelier</source>
        <translation>workshop</translation>
    </message>
    <message>
        <source>participants anonymes</source>
        <translation>anonymous participants</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>parent</translation>
    </message>
    <message>
        <source>inscription</source>
        <translation>registration</translation>
    </message>
    <message>
        <source>présence</source>
        <translation>attendance</translation>
    </message>
    <message>
        <source>équipement</source>
        <translation>equipment item</translation>
    </message>
    <message>
        <source>ligne internet</source>
        <translation>internet line</translation>
    </message>
    <message>
        <source>remise de matériel</source>
        <translation>equipment hand-out</translation>
    </message>
    <message>
        <source>élément à traiter</source>
        <translation>item to handle</translation>
    </message>
    <message>
        <source>(vide)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>non</source>
        <translation>no</translation>
    </message>
</context>
</TS>
