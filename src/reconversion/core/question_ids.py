"""Les questions du guide que le code lit par leur identifiant : une seule définition.

Le guide (`guide_data/guide.yaml`) peut réécrire ses textes librement ; ces identifiants-là, des calculs
les lisent (dates du rétroplanning, financement, certifications, choix des métiers, synthèse du plan).
Un module à part, sans rien d'autre : l'assistant les connaît sans importer ces calculs avant sa
première question. `tests/test_question_ids.py` vérifie que le guide livré les a toutes.
"""

SITUATION = "situation"  # étape 1 : salarié·e du privé, agent·e public·que, demandeur·euse d'emploi…
AGE_BAND = "tranche_age"
DIPLOMA_QUESTION = "diplome_niveau"  # le plus haut diplôme
CURRENT_JOB_TEXT = "metier_actuel"  # le métier actuel en mots
CURRENT_JOB_CODE = "metier_actuel_rome"  # le même, relié à sa fiche ROME
JOB_IDEA = "piste_metier"  # l'idée de métier, en mots
TRAINING_QUESTION = "besoin_formation"  # diplôme, formation courte, VAE…
CHOSEN_CERTIFICATION = "certification_visee"  # étape « Se former »
COST_QUESTION = "cout_formation"
MONTHS_QUESTION = "duree_formation"
START_QUESTION = "date_debut_formation"
TARGET_QUESTION = "date_cible"  # la date à partir de laquelle la personne veut exercer son nouveau métier
