"""Une personne par situation parcourt tout le guide livré (`start --answers`), puis exporte son plan.

Pour chacune : ce qui n'est écrit que pour une autre situation n'apparaît ni dans son plan, ni
dans l'aide qu'elle lit avant chaque question ; ses propres voies y sont. Les réponses couvrent
toutes les questions qui s'appliquent à elle (le test le vérifie), pour que le plan soit celui
d'un parcours complet et pas d'un profil à moitié rempli.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml

from helpers import ok
from reconversion.adapters.content.guide_files import load as load_guide
from reconversion.core import engine

TODAY = dt.date(2026, 12, 7)

# Les réponses communes à tout le monde ; chaque personne y ajoute ou remplace les siennes.
COMMON: dict[str, Any] = {
    "metier_actuel": "Assistante administrative",
    "metier_actuel_rome": None,  # passée
    "diplome_niveau": "niv4",
    "rqth": None,  # passée : question sensible
    "annees_experience": 12,
    "satisfaction_actuelle": 2,
    "motivations": ["sens"],
    "parcours_apprecie": "J'ai aimé accueillir le public et organiser des dossiers compliqués.",
    "competences_transferables": ["organisation", "relation_client"],
    "cep_rencontre": False,
    "bilan_deja_fait": "jamais",
    "journee_ideale": "Au contact des gens, dans une équipe, avec des horaires réguliers.",
    "valeurs": ["utilite", "contact"],
    "environnement": "public",
    "contraintes": ["mobilite"],
    "test_orientation": False,
    "creation_entreprise": False,
    "piste_metier": "conseillère en insertion",
    "metiers_cibles": ["K1801"],
    "certitude_projet": 3,
    "date_cible": "2028-06-01",
    "besoin_formation": "diplome",
    "certification_visee": None,  # passée
    "cpf_consulte": False,
    "format_formation": ["presentiel"],
    "budget_formation": 50,
    "cout_formation": 4500,
    "duree_formation": 9,
    "date_debut_formation": "2027-09-01",
    "experience_domaine": 2,
    "experience_testee": False,
    "types_experience": ["immersion", "benevolat"],
    "heures_semaine": 4,
    "structure_accueil": "Mission locale du quartier",
    "freins_experience": ["temps"],
    "date_debut_immersion": "2027-03-01",
    "reseau_actuel": 2,
    "canaux_reseau": ["entourage", "evenements"],
    "linkedin_profil": "aucun",
    "rencontre_pro": False,
    "personnes_ressources": "Une voisine qui travaille à France Travail.",
    "nb_contacts": 3,
    "presentation_projet": "Assistante depuis douze ans, je me forme au métier de conseillère en insertion.",
    "recherche_employeur": True,
}

# Des marques de contenu qui ne valent que pour certaines situations.
PRIVATE_ONLY = (  # salarié·es du privé seulement
    "C2P",
    "PTP",
    "projet de transition professionnelle",
    "Transitions Pro",
    "démission-reconversion",
    "période de reconversion",
)
NOT_FOR_AGENTS = (  # droit privé, Mon Compte Formation, France Travail : pas pour un·e agent·e public·que
    *PRIVATE_ONLY,
    "FranceConnect",
    "Immersion Facilitée",
    "prescrire une immersion",
    "participation forfaitaire de",
    "Vérifier ton solde CPF sur moncompteformation",
    "sur Mon Compte Formation et comparer",
    "proposition de commande",
    "inscription à France Travail",
    "ACRE",
    "Agefiph",
    "Mon Compte Formation (CPF)",  # le lien de chaque métier : un CPF en heures ne s'y achète pas
)
JOB_SEEKER_ONLY = ("aide individuelle à la formation", "AIF", "POEI")
# Les départs de la fonction publique, selon le statut (question `statut_agent`).
PUBLIC_RUPTURE = "indemnité spécifique de rupture conventionnelle"  # fonctionnaires et contractuel·les en CDI
CONTRACT_END = "ton attestation employeur le précise"  # l'ARE des contractuel·les, versée par qui
AGENT_CPF = "tu n'achètes pas ta formation toi-même"  # le CPF en heures, demandé à l'administration
# Le congé de formation professionnelle : celui des fonctionnaires, celui des contractuel·les (leurs
# conditions diffèrent : 36 mois sous contrat de droit public, dont 12 chez l'employeur).
TITULAR_CFP = "Congé de formation professionnelle (fonctionnaires) :"
CONTRACT_CFP = "Congé de formation professionnelle (contractuel·les) :"
AGENT_ONLY = (
    PUBLIC_RUPTURE,
    CONTRACT_END,
    AGENT_CPF,
    "congé de formation professionnelle",
    "congé de transition professionnelle",
    "heures de CPF",
    "fonction publique",
    "CNFPT",
    "détachement",
    "disponibilité",
)


class Persona(NamedTuple):
    name: str
    answers: dict[str, Any]
    in_plan: tuple[str, ...]  # ses propres voies : doivent figurer dans le plan
    never: tuple[str, ...]  # écrit pour d'autres : ni dans le plan, ni dans l'aide lue


PERSONAS = (
    Persona(
        "salariee_privee_cdi",
        {
            "situation": "salarie_prive",
            "contrat": "cdi",
            "statut_cadre": False,
            "tranche_age": "de_30_a_49",
            "salaire_net": 2100,
            "parle_employeur": True,
            "ptp_envisage": True,
            "ptp_formation_longue": True,
            "demission_envisagee": False,
            "solde_cpf": 1800,
        },
        (
            "projet de transition professionnelle",
            "Transitions Pro",
            "période de reconversion",
            "positionnement préalable",
            "120 jours",
            "Mon Compte Formation (CPF)",
        ),
        (*AGENT_ONLY, *JOB_SEEKER_ONLY, "référente RSA", "Contacter la mission locale"),
    ),
    Persona(
        "agente_territoriale_55_ans",
        {
            "situation": "agent_public",
            "versant_fonction_publique": "territoriale",
            "statut_agent": "fonctionnaire",
            "services_effectifs": True,
            "salaire_net": 1750,
            "tranche_age": "plus_50",
            "conge_formation_envisage": True,
            "agent_prioritaire": True,
            "creation_entreprise": True,
            "date_debut_activite": "2028-01-15",
        },
        (
            "congé de formation professionnelle",
            "90 jours",
            "congé de transition professionnelle",
            "CNFPT",
            "détachement",
            "disponibilité",
            "heures de CPF",
            "période d'immersion professionnelle",
            "Choisir le service public",
            "ce que ton expérience prouve",
            PUBLIC_RUPTURE,
            AGENT_CPF,
            TITULAR_CFP,
        ),
        (*NOT_FOR_AGENTS, *JOB_SEEKER_ONLY, CONTRACT_END, CONTRACT_CFP),
    ),
    Persona(
        "agent_hospitalier",
        {
            "situation": "agent_public",
            "versant_fonction_publique": "hospitaliere",
            "statut_agent": "contractuel_cdd",
            "services_effectifs": True,
            "salaire_net": 1900,
            "tranche_age": "de_30_a_49",
            "conge_formation_envisage": True,
            "agent_prioritaire": False,
        },
        (
            "60 jours avant le début de la formation (fonction publique hospitalière)",
            CONTRACT_END,
            AGENT_CPF,
            CONTRACT_CFP,
        ),
        (
            *NOT_FOR_AGENTS,
            TITULAR_CFP,
            *JOB_SEEKER_ONLY,
            "CNFPT",
            "congé de transition professionnelle au moins",
            PUBLIC_RUPTURE,
            "disponibilité",  # une position des fonctionnaires, pas des contractuel·les
            "accessibles par détachement",  # le détachement aussi
        ),
    ),
    Persona(
        "agente_de_l_etat",
        {
            "situation": "agent_public",
            "versant_fonction_publique": "etat",
            "statut_agent": "fonctionnaire",
            "services_effectifs": True,
            "salaire_net": 2300,
            "tranche_age": "de_30_a_49",
            "conge_formation_envisage": True,
            "agent_prioritaire": False,
        },
        (
            "120 jours avant le début de la formation (fonction publique de l'État)",
            "heures de CPF",
            PUBLIC_RUPTURE,
            TITULAR_CFP,
        ),
        (
            *NOT_FOR_AGENTS,
            CONTRACT_CFP,
            *JOB_SEEKER_ONLY,
            "CNFPT",
            "(fonction publique territoriale)",
            "(fonction publique hospitalière)",
            CONTRACT_END,
        ),
    ),
    Persona(
        "contractuelle_territoriale_cdi",
        {
            "situation": "agent_public",
            "versant_fonction_publique": "territoriale",
            "statut_agent": "contractuel_cdi",
            "services_effectifs": False,
            "salaire_net": 1650,
            "tranche_age": "de_30_a_49",
            "conge_formation_envisage": False,
            "agent_prioritaire": False,
        },
        (PUBLIC_RUPTURE, CONTRACT_END, AGENT_CPF, "CNFPT", "heures de CPF"),
        (
            *NOT_FOR_AGENTS,
            *JOB_SEEKER_ONLY,
            "(fonction publique hospitalière)",
            "(fonction publique de l'État)",
            "disponibilité",  # une position des fonctionnaires, pas des contractuel·les
            "accessibles par détachement",  # le détachement aussi
            "| Congé de transition professionnelle |",  # non prioritaire, territoriale : pas de CTP
            CONTRACT_CFP,  # moins de 36 mois de services : pas de congé de formation
            TITULAR_CFP,
        ),
    ),
    Persona(
        "jeune_au_rsa",
        {
            "situation": "demandeur_emploi",
            "statut_cadre": False,
            "inscrit_france_travail": True,
            "tranche_age": "moins_26",
            "beneficiaire_rsa": True,
            "allocation_chomage": False,
            "aif_evoquee": False,
            "format_formation": ["presentiel", "alternance"],
        },
        (
            "Contacter la mission locale",
            "aide individuelle à la formation",
            "POEI",
            "Carif-Oref",
            "RSA",
            "Immersion Facilitée",
            "contrat d'alternance",
            "aide à la mobilité",
            "référente RSA",
            "rémunération des formations sans allocation chômage",
        ),
        (
            *PRIVATE_ONLY,
            *AGENT_ONLY,
            "Faire ton inscription à France Travail",
            "tu continues en général à toucher ton allocation chômage",
            "Ton allocation chômage continue",
            "rémunération de fin de formation",
            "participation forfaitaire de",
        ),
    ),
    Persona(
        "demandeur_sans_are",
        {
            "situation": "demandeur_emploi",
            "statut_cadre": False,
            "inscrit_france_travail": False,
            "tranche_age": "de_30_a_49",
            "beneficiaire_rsa": False,
            "allocation_chomage": False,
            "aif_evoquee": False,
            "creation_entreprise": True,
            "date_debut_activite": "2027-06-01",
        },
        (
            "Faire ton inscription à France Travail",
            "aide individuelle à la formation",
            "ACRE",
            "60 jours après le début de ton activité",
            "rémunérer comme stagiaire",
            "rémunération des formations sans allocation chômage",
        ),
        (
            *PRIVATE_ONLY,
            *AGENT_ONLY,
            "Contacter la mission locale",
            "participation forfaitaire de",
            "rémunération de fin de formation",
        ),
    ),
    Persona(
        "independant_artisan",
        {
            "situation": "independant",
            "activite_independant": "artisanat",
            "tranche_age": "de_30_a_49",
            "faf_contacte": False,
        },
        ("FAFCEA", "attestation de contribution à la formation", "mon-cep.org"),
        (*PRIVATE_ONLY, *AGENT_ONLY, *JOB_SEEKER_ONLY, "inscription à France Travail"),
    ),
    Persona(
        "salarie_rqth",
        {
            "situation": "salarie_prive",
            "contrat": "cdd",
            "statut_cadre": False,
            "tranche_age": "de_30_a_49",
            "rqth": True,
            "salaire_net": 1600,
            "parle_employeur": False,
            "ptp_envisage": False,
        },
        ("Cap emploi", "Agefiph"),
        (*AGENT_ONLY, *JOB_SEEKER_ONLY, "FIPHFP —", "[Démission-reconversion]("),
    ),
    Persona(
        "demandeuse_de_plus_de_50_ans",
        {
            "situation": "demandeur_emploi",
            "statut_cadre": True,
            "inscrit_france_travail": True,
            "tranche_age": "plus_50",
            "beneficiaire_rsa": False,
            "allocation_chomage": True,
            "aif_evoquee": True,
            "freins_experience": ["age"],
        },
        ("ce que ton expérience prouve", "Apec", "rémunération de fin de formation"),
        (
            *PRIVATE_ONLY,
            *AGENT_ONLY,
            "Contacter la mission locale",
            "service civique",
            "sans allocation chômage",
        ),
    ),
)


@pytest.fixture(autouse=True)
def fixed_day(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECONVERSION_TODAY", TODAY.isoformat())
    monkeypatch.setenv("COLUMNS", "200")
    return home


def walk(tmp_path: Path, persona: Persona) -> tuple[str, dict[str, Any]]:
    """Répond à tout le guide pour cette personne ; rend le plan Markdown et ses réponses."""
    answers = {**COMMON, **persona.answers}
    path = tmp_path / f"{persona.name}.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    ok("start", "--answers", str(path))
    return ok("export", "-o", "-"), answers


# Les questions qui demandent la situation elle-même : leur aide décrit chaque réponse possible,
# avant que l'outil la connaisse (le service civique pour l'âge, le CNFPT pour le versant…).
ASKS_THE_SITUATION = ("situation", "tranche_age", "versant_fonction_publique", "statut_agent")


def helps_read(answers: dict[str, Any]) -> dict[str, str]:
    """L'aide que cette personne lit avant chaque question qui s'applique à elle."""
    guide = load_guide(None)
    return {
        q.id: engine.worded(guide, q, answers).help
        for q in engine.applicable_questions(guide, answers)
        if q.help and q.id not in ASKS_THE_SITUATION
    }


def without_not_for_you(plan: str) -> str:
    """Le plan sans la liste « Pas pour toi, et pourquoi » du financement : elle nomme exprès les
    dispositifs des autres situations, chacun avec la raison pour laquelle il n'est pas pour elle."""
    start = plan.find("**Pas pour toi, et pourquoi**")
    if start < 0:
        return plan
    end = plan.find("**Sources**", start)
    return plan[:start] + (plan[end:] if end >= 0 else "")


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_each_situation_gets_its_routes_and_nothing_written_for_another(tmp_path: Path, persona: Persona) -> None:
    plan, answers = walk(tmp_path, persona)
    guide = load_guide(None)
    unanswered = [q.id for q in engine.applicable_questions(guide, answers) if q.id not in answers]
    assert unanswered == [], f"{persona.name} : questions sans réponse {unanswered}"
    flat = " ".join(without_not_for_you(plan).split())
    for wanted in persona.in_plan:
        assert wanted in flat, f"{persona.name} : « {wanted} » manque au plan"
    for unwanted in persona.never:
        assert unwanted not in flat, f"{persona.name} : « {unwanted} » dans le plan"
    for question_id, text in helps_read(answers).items():
        for unwanted in persona.never:
            assert unwanted not in text, f"{persona.name} : « {unwanted} » dans l'aide de {question_id}"


def test_the_short_ptp_branch_appears_in_the_plan_with_its_own_dates(tmp_path: Path) -> None:
    persona = PERSONAS[0]._replace(answers={**PERSONAS[0].answers, "ptp_formation_longue": False})
    plan, _ = walk(tmp_path, persona)
    flat = " ".join(plan.split())
    assert "au moins 60 jours avant le début de ta formation" in flat
    assert "120 jours avant le début de la formation, car" not in flat


class _Chooser:
    """Le choix des métiers, en doublure : un métier et ses liens, comme `metier_summaries` les fait."""

    def chosen_metiers(self, codes: list[str]) -> list[dict[str, Any]]:
        from reconversion.adapters.content import metiers_files
        from reconversion.core.catalogue import metier_summaries

        return metier_summaries(metiers_files.catalogue(), codes)

    def ask(self, question: Any, default: Any, *, can_go_back: bool) -> Any:  # pragma: no cover - jamais posée
        raise AssertionError(question.id)

    def facts(self) -> dict[str, bool]:
        return {}


class _Screen:
    def __init__(self) -> None:
        self.shown: list[list[dict[str, Any]]] = []

    def step_header(self, guide: Any, step: Any) -> None: ...
    def question_help(self, question: Any) -> None: ...
    def error(self, message: str) -> None: ...
    def notice(self, message: str) -> None: ...
    def step_recap(self, guide: Any, step: Any, answers: Any) -> None: ...

    def chosen_metiers(self, metiers: list[dict[str, Any]]) -> None:
        self.shown.append(metiers)


class _Prompts:
    def ask(self, question: Any, default: Any, *, can_go_back: bool, choices: Any = None) -> Any:
        from reconversion.adapters.prompts.asker import Reply

        return Reply("diplome")

    def choose(self, message: str, options: Any) -> Any:
        return "stop"


class _Sink:
    def save_answer(self, question_id: str, step_id: str, value: Any) -> None: ...
    def complete_step(self, step_id: str) -> None: ...


@pytest.mark.parametrize(("situation", "shown"), [("salarie_prive", True), ("agent_public", False)])
def test_the_wizard_shows_the_cpf_link_of_each_metier_only_where_it_applies(situation: str, shown: bool) -> None:
    """L'écran de l'étape « Se former » suit la même règle que le plan (ressource `mcf_formations` du guide)."""
    from reconversion.sessions import wizard

    guide = load_guide(None)
    screen = _Screen()
    answers: dict[str, Any] = {"situation": situation, "metiers_cibles": ["K1801"]}
    wizard.run(guide, answers, _Sink(), _Prompts(), screen, metiers=_Chooser(), question_id="besoin_formation")
    labels = [link["label"] for link in screen.shown[0][0]["links"]]
    assert ("Mon Compte Formation (CPF)" in labels) is shown
    assert "Fiche métier France Travail" in labels  # les autres liens restent
