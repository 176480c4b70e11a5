"""Le plan HTML imprimé par un vrai navigateur : la synthèse seule sur la première page A4, aucune page
presque vide. Sauté sans Chromium ou sans poppler (`pdftotext`) : jamais réussi à vide.

Le profil est celui de la revue du plan HTML (`shared/reviews/2026-12-06-plan-html.md`, « claire ») :
une assistante comptable en CDI qui vise trois métiers, PTP, immersion, dix actions à elle, des
contacts avec relances, le test d'intérêts fini ; le ROME de démonstration des tests (`rome_mini`).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROME_MINI, run  # ROME_MINI : le ROME de démonstration, sous les noms officiels
from reconversion.adapters.content import metiers_files
from reconversion.adapters.storage import interests_store
from reconversion.adapters.storage.store import Store
from reconversion.core.plan_synthesis import SYNTHESIS_TITLE

BROWSER = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = pytest.mark.skipif(
    BROWSER is None or PDFTOTEXT is None, reason="Chromium ou pdftotext (poppler-utils) absent de cette machine"
)
ANSWERS = """\
situation: salarie_prive
contrat: cdi
statut_cadre: false
tranche_age: de_30_a_49
rqth: false
metier_actuel: "Assistante comptable"
metier_actuel_rome: J1501
annees_experience: 12
satisfaction_actuelle: 2
motivations: [sens, evolution]
parcours_apprecie: "J'ai aimé aider les collègues.\\nEt organiser."
competences_transferables: [organisation, relation_client, gestion_budget]
cep_rencontre: true
bilan_deja_fait: jamais
journee_ideale: "Auprès des patients, en équipe."
valeurs: [utilite, contact, stabilite]
environnement: public
contraintes: [revenu_minimum, proches_a_charge]
test_orientation: true
creation_entreprise: false
piste_metier: "Infirmière"
metiers_cibles: [J1506, N9999]
certitude_projet: 4
date_cible: 2030-09-01
besoin_formation: diplome
cpf_consulte: true
solde_cpf: 3240
parle_employeur: true
ptp_envisage: true
format_formation: [presentiel, temps_plein]
budget_formation: 150
date_debut_formation: 2027-09-06
ptp_formation_longue: true
experience_domaine: 1
experience_testee: false
types_experience: [immersion, benevolat]
heures_semaine: 4
structure_accueil: "Centre hospitalier de Tours"
freins_experience: [temps, garde]
date_debut_immersion: 2027-03-15
reseau_actuel: 2
canaux_reseau: [entourage, evenements, linkedin]
linkedin_profil: ancien
rencontre_pro: true
personnes_ressources: "Ma cousine, infirmière au CHU."
nb_contacts: 3
presentation_projet: "Assistante comptable depuis 12 ans, je prépare l'entrée en IFSI."
recherche_employeur: false
"""
OWN_ACTIONS = [
    ("bilan", "2026-12-20", "Demander mon relevé de carrière"),
    ("metiers", "2027-01-10", "Visiter l'IFSI de Tours à la journée portes ouvertes"),
    ("formation", "2027-01-31", "S'inscrire sur Parcoursup pour l'IFSI"),
    ("formation", "2027-02-15", "Préparer l'entretien de sélection"),
    ("experience", "2027-02-01", "Appeler le service RH du CH de Tours"),
    ("experience", "2027-04-30", "Bénévolat à la Croix-Rouge, samedi matin"),
    ("reseau", "2027-01-15", "Déjeuner avec ma cousine au CHU"),
    ("reseau", "2027-03-01", "Salon Infirmier à Paris"),
]


@pytest.fixture
def rich(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECONVERSION_TODAY", "2026-12-06")
    assert run("jobs", "import", str(ROME_MINI)).exit_code == 0
    answers = tmp_path / "reponses.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    started = run("start", "--answers", str(answers))
    assert started.exit_code == 0, started.output
    for step, due, text in OWN_ACTIONS:
        assert run("actions", "add", text, "--step", step, "--due", due).exit_code == 0
    assert run("actions", "add", "Lire le référentiel de formation infirmier", "--step", "formation").exit_code == 0
    assert run("actions", "done", "p1").exit_code == 0
    for name, day in (("Sophie Martin", "2027-01-15"), ("Karim Benali", "2027-02-10"), ("Marc Petit", "2027-03-05")):
        assert run("contacts", "add", name, "--follow-up", day).exit_code == 0
    store = Store.open(home, "defaut")
    assert store is not None
    for item in metiers_files.interest_test().items:
        interests_store.save_answer(store, item.id, 5 if item.dimension in "SIC" else 2)
    store.close()
    return home


def printed_pages(page: Path, tmp_path: Path) -> list[str]:
    """Le texte de chaque page A4 du PDF imprimé par Chromium (sans en-tête ni pied de page du navigateur)."""
    pdf = tmp_path / "plan.pdf"
    profile = tmp_path / "profil-navigateur"
    profile.mkdir()
    command = [
        str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=180, check=False)
    if not pdf.exists():
        pytest.skip("Chromium n'a pas pu imprimer ici")
    text = subprocess.run([str(PDFTOTEXT), "-layout", str(pdf), "-"], capture_output=True, check=True, text=True)
    return text.stdout.split("\f")[:-1]


def test_synthesis_alone_on_the_first_printed_page_and_no_near_empty_page(rich: Path, tmp_path: Path) -> None:
    page = tmp_path / "plan.html"
    assert run("export", "-f", "html", "-o", str(page)).exit_code == 0
    pages = printed_pages(page, tmp_path)
    first = " ".join(pages[0].split())
    assert SYNTHESIS_TITLE in first
    for part in ("D'où tu pars", "Où tu vas", "Ta formation", "Ton financement", "Tes dates clés",
                 "Tes prochaines actions", "Tes relances"):  # fmt: skip
        assert part in first, part  # toute la synthèse tient sur la première page…
    assert "Ton avancement" not in first and "Étape 1" not in first  # … et elle y est seule
    assert " ".join(pages[1].split()).startswith("Ton avancement")
    for number, text in enumerate(pages[:-1], start=1):
        lines = [line for line in text.splitlines() if line.strip()]
        assert len(lines) >= 6, f"page {number} presque vide : {lines}"
