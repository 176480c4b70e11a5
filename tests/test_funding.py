"""Le calcul du financement, persona par persona, avec des résultats calculés à la main depuis les textes.

Règles appliquées à la main (sources dans `guide_data/financement.yaml`) :
- participation forfaitaire P = 103,20 € en 2026, comprise dans le prix (texte de Mon Compte
  Formation : « il vous restera 250 € à payer… la participation est comprise dans ce montant ») :
  CPF = min(solde, plafond, prix − P) ; reste = max(prix − CPF, P) ; P = 0 pour un demandeur
  d'emploi, ou quand l'employeur ou l'OPCO abonde ;
- PTP : 100 % du salaire jusqu'à 2 SMIC ; au-delà 90 % la 1re année puis 60 %, plancher 2 SMIC
  (SMIC net retenu : 1 443,11 €, donc seuil 2 886,22 €) ;
- RSA d'une personne seule : 652,33 €, diminué de la rémunération de stage (769,49 € dès 26 ans) ;
- contrat de professionnalisation et apprentissage dès 26 ans : 100 % du SMIC brut, 1 823,03 € ;
- congé de formation professionnelle : 85 % pendant 12 mois.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from reconversion.core.funding import compute
from reconversion.core.funding_loader import load_funding
from reconversion.core.guide_loader import load_guide

DATA = Path(__file__).resolve().parents[1] / "guide_data"
TODAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def guide() -> Any:
    return load_guide(DATA / "guide.yaml")


@pytest.fixture(scope="module")
def funding(guide: Any) -> Any:
    return load_funding(DATA / "financement.yaml", guide)


SALARIEE_CDI = {
    "situation": "salarie_prive",
    "contrat": "cdi",
    "tranche_age": "de_30_a_49",
    "cpf_consulte": True,
    "solde_cpf": 1500,
    "salaire_net": 2200,
}
DEMANDEUR_ARE = {
    "situation": "demandeur_emploi",
    "inscrit_france_travail": True,
    "allocation_chomage": True,
    "beneficiaire_rsa": False,
    "tranche_age": "de_30_a_49",
    "cpf_consulte": True,
    "solde_cpf": 1200,
}
RSA_JEUNE = {
    "situation": "demandeur_emploi",
    "inscrit_france_travail": True,
    "allocation_chomage": False,
    "beneficiaire_rsa": True,
    "tranche_age": "moins_26",
    "cpf_consulte": True,
    "solde_cpf": 800,
}
AGENT = {
    "situation": "agent_public",
    "services_effectifs": True,
    "tranche_age": "plus_50",
    "cpf_consulte": True,
    "heures_cpf": 150,
    "salaire_net": 1700,
}
INDEPENDANT = {
    "situation": "independant",
    "activite_independant": "commerce",
    "tranche_age": "de_30_a_49",
    "cpf_consulte": True,
    "solde_cpf": 2000,
}
RQTH = {
    "situation": "salarie_prive",
    "contrat": "cdi",
    "tranche_age": "plus_50",
    "rqth": True,
    "cpf_consulte": True,
    "solde_cpf": 3000,
    "salaire_net": 1900,
}

# (persona, réponses, prix, mois, voies attendues dans l'ordre, voies absentes,
#  {voie: (financeurs [(id, montant)], participation, reste, revenus [(id, mensuel, mois)])},
#  {dispositif fermé: début de la raison})
PERSONAS = [
    (
        "salariée du privé en CDI",
        SALARIEE_CDI,
        4500,
        9,
        ["cpf_seul", "cpf_abondement", "ptp", "demission_reconversion"],
        ["cpf_aif", "region", "cpf_agent", "cfp_agent", "ctp_agent", "contrat_pro", "apprentissage", "agefiph"],
        {
            # CPF = min(1 500, 4 500 − 103,20) = 1 500 ; reste = max(3 000, 103,20) = 3 000
            "cpf_seul": ([("cpf", 1500)], 103.2, 3000, [("salaire", 2200, 9)]),
            # l'abondement de l'employeur supprime la participation : CPF 1 500, employeur 3 000
            "cpf_abondement": ([("cpf", 1500), ("abondement_employeur", 3000)], 0, 0, [("salaire", 2200, 9)]),
            # 2 200 € ≤ 2 SMIC : salaire maintenu à 100 %
            "ptp": ([("cpf", 1500), ("ptp", 3000)], 0, 0, [("ptp", 2200, 9)]),
            "demission_reconversion": ([("cpf", 1500)], 0, 3000, [("demission_reconversion", None, 9)]),
        },
        {
            "aif": "réservée aux demandeurs d'emploi",
            "rsa": "tu ne touches pas le RSA",
            "cfp_agent": "réservé aux agents",
        },
    ),
    (
        "demandeur d'emploi indemnisé (ARE)",
        DEMANDEUR_ARE,
        3000,
        6,
        ["cpf_seul", "cpf_aif", "region", "contrat_pro"],
        ["ptp", "cpf_abondement", "demission_reconversion", "cpf_agent", "cfp_agent", "apprentissage"],
        {
            # demandeur d'emploi : pas de participation ; CPF 1 200, reste 1 800
            "cpf_seul": ([("cpf", 1200)], 0, 1800, [("aref", None, 6)]),
            "cpf_aif": ([("cpf", 1200), ("aif", 1800)], 0, 0, [("aref", None, 6)]),
            "region": ([("region", 3000)], 0, 0, [("aref", None, 6)]),
            "contrat_pro": ([("contrat_pro", 3000)], 0, 0, [("contrat_pro", 1823.03, 6)]),
        },
        {
            "ptp": "réservé aux salariés du privé",
            "remuneration_stagiaire": "tu touches l'allocation chômage",
            "rsa": "tu ne touches pas le RSA",
        },
    ),
    (
        "allocataire du RSA, moins de 26 ans",
        RSA_JEUNE,
        2000,
        6,
        ["cpf_seul", "cpf_aif", "region", "contrat_pro", "apprentissage"],
        ["ptp", "demission_reconversion", "cpf_abondement", "cfp_agent"],
        {
            # RSA gardé en entier avec le CPF seul ; pas de participation (inscrit à France Travail)
            "cpf_seul": ([("cpf", 800)], 0, 1200, [("rsa", 652.33, 6)]),
            # la rémunération de stage avant 26 ans n'est pas chiffrée : le RSA différentiel non plus
            "region": ([("region", 2000)], 0, 0, [("remuneration_stagiaire", None, 6), ("rsa", None, 6)]),
        },
        {
            "aref": "elle prolonge l'allocation chômage",
            "rff": "elle prend le relais de l'allocation chômage",
            "ptp": "réservé aux salariés du privé",
            "demission_reconversion": "réservée aux salariés du privé",
        },
    ),
    (
        "allocataire du RSA, 26 ans et plus",
        {**RSA_JEUNE, "tranche_age": "de_30_a_49"},
        2000,
        6,
        ["cpf_seul", "cpf_aif", "region", "contrat_pro"],
        ["apprentissage", "ptp"],
        {
            # 769,49 € de rémunération de stage > 652,33 € : le RSA tombe à 0
            "region": ([("region", 2000)], 0, 0, [("remuneration_stagiaire", 769.49, 6), ("rsa", 0, 6)]),
            # salaire au SMIC brut : plus de RSA
            "contrat_pro": ([("contrat_pro", 2000)], 0, 0, [("contrat_pro", 1823.03, 6), ("rsa", 0, 6)]),
        },
        {"apprentissage": "ouvert jusqu'à 29 ans révolus"},
    ),
    (
        "agente publique, CPF en heures",
        AGENT,
        6000,
        12,
        ["cpf_agent", "cfp_agent", "ctp_agent"],
        ["cpf_seul", "ptp", "demission_reconversion", "cpf_abondement", "contrat_pro", "apprentissage", "vae"],
        {
            # CPF en heures : l'administration décide et paie ; pas de participation, reste non chiffrable
            "cpf_agent": ([("cpf_agent", 150)], 0, None, [("salaire", 1700, 12)]),
            # 85 % × 1 700 = 1 445 pendant 12 mois
            "cfp_agent": ([("cpf_agent", 150)], 0, None, [("cfp_agent", 1445, 12)]),
            "ctp_agent": ([("ctp_agent", 6000)], 0, 0, [("ctp_agent", 1700, 12)]),
        },
        {
            "ptp": "réservé aux salariés du privé",
            "demission_reconversion": "réservée aux salariés du privé",
            "cpf": "dans la fonction publique, le CPF se compte en heures",
            "participation_forfaitaire": "elle ne s'applique pas au CPF en heures",
        },
    ),
    (
        "indépendant",
        INDEPENDANT,
        1500,
        3,
        ["cpf_seul", "faf"],
        ["ptp", "demission_reconversion", "cpf_aif", "cpf_agent", "region", "contrat_pro"],
        {
            # CPF = min(2 000, 1 500 − 103,20) = 1 396,80 ; reste = la participation, 103,20
            "cpf_seul": ([("cpf", 1396.8)], 103.2, 103.2, []),
            # le FAF complète au cas par cas : son montant n'est pas inventé
            "faf": ([("cpf", 1396.8), ("faf", None)], 103.2, 103.2, []),
        },
        {"ptp": "réservé aux salariés du privé", "aif": "réservée aux demandeurs d'emploi"},
    ),
    (
        "salariée avec une RQTH, 50 ans ou plus",
        RQTH,
        2000,
        4,
        ["cpf_seul", "cpf_abondement", "ptp", "demission_reconversion", "agefiph", "apprentissage"],
        ["cpf_aif", "region", "contrat_pro", "cfp_agent"],
        {
            "cpf_seul": ([("cpf", 1896.8)], 103.2, 103.2, [("salaire", 1900, 4)]),
            "agefiph": ([("cpf", 1896.8), ("agefiph", None)], 103.2, 103.2, [("salaire", 1900, 4)]),
            # sans limite d'âge avec une RQTH ; dès 26 ans, 100 % du SMIC brut
            "apprentissage": ([("apprentissage", 2000)], 0, 0, [("apprentissage", 1823.03, 4)]),
        },
        {"contrat_pro": "après 26 ans, il est réservé aux demandeurs d'emploi"},
    ),
]


def _plain(text: str) -> str:
    """Le texte avec des espaces ordinaires (le fichier suit la typographie française)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _routes(result: Any) -> dict[str, Any]:
    return {route["id"]: route for route in result["routes"]}


@pytest.mark.parametrize(
    ("answers", "cost", "months", "expected_ids", "absent", "figures", "closed"),
    [p[1:] for p in PERSONAS],
    ids=[p[0] for p in PERSONAS],
)
def test_personas(
    guide: Any,
    funding: Any,
    answers: dict[str, Any],
    cost: float,
    months: int,
    expected_ids: list[str],
    absent: list[str],
    figures: dict[str, Any],
    closed: dict[str, str],
) -> None:
    result = compute(funding, guide, answers, cost=cost, months=months, today=TODAY)
    routes = _routes(result)
    assert [r["id"] for r in result["routes"]] == expected_ids
    for route_id in absent:
        assert route_id not in routes, f"la voie « {route_id} » ne devrait pas apparaître"
    for route_id, (funders, participation, remaining, income) in figures.items():
        route = routes[route_id]
        assert [(f["id"], f["amount"]) for f in route["funders"]] == funders, route_id
        assert route["participation"] == participation, route_id
        assert route["remaining"] == remaining, route_id
        assert [(i["id"], i["monthly"], i["months"]) for i in route["income"]] == income, route_id
        assert route["sources"] and all(s["url"].startswith("https://") for s in route["sources"])
        assert route["checked"] <= TODAY.isoformat()
    # fermés : ceux qui la concernent (« Pas pour toi ») et ceux d'une autre situation (comptés), chacun sa raison
    reasons = {c["id"]: _plain(c["reason"]) for c in [*result["not_for_you"], *result["other_situations"]]}
    for scheme_id, reason in closed.items():
        assert reasons[scheme_id].startswith(reason), (scheme_id, reasons.get(scheme_id))
    opened = {f["id"] for r in result["routes"] for f in r["funders"]} | {
        i["id"] for r in result["routes"] for i in r["income"]
    }
    assert not opened & set(reasons), "un dispositif fermé apparaît dans une voie"


@pytest.mark.parametrize(
    ("price", "balance", "remaining", "cpf"),
    [
        (1200, 3000, 103.2, 1096.8),  # droits suffisants : seule la participation reste
        (1200, 1150, 103.2, 1096.8),  # 1 200 − 1 150 = 50 < 103,20 : pas 50 + 103,20
        (1200, 800, 400, 800),  # l'écart de 400 € comprend la participation
        (75, 3000, 75, 0),  # formation moins chère que la participation
        (1000, 750, 250, 750),  # l'exemple de Mon Compte Formation
    ],
)
def test_participation_is_part_of_the_price(
    guide: Any, funding: Any, price: float, balance: float, remaining: float, cpf: float
) -> None:
    answers = {**SALARIEE_CDI, "solde_cpf": balance}
    route = _routes(compute(funding, guide, answers, cost=price, months=3, today=TODAY))["cpf_seul"]
    assert route["funders"][0]["amount"] == cpf
    assert route["remaining"] == remaining


def test_cap_per_action_for_a_bilan(guide: Any, funding: Any) -> None:
    """Bilan à 2 000 €, 3 000 € de droits : le CPF paie au plus 1 600 €, il reste 400 € (règle de MCF)."""
    answers = {**RQTH}
    route = _routes(compute(funding, guide, answers, cost=2000, months=3, today=TODAY, nature="bilan"))["cpf_seul"]
    assert route["funders"][0]["amount"] == 1600
    assert route["remaining"] == 400


def test_ptp_above_two_smic(guide: Any, funding: Any) -> None:
    """4 000 € net > 2 × 1 443,11 : 90 % (3 600 €) pendant 12 mois, puis max(60 %, 2 SMIC) = 2 886,22 €."""
    answers = {**SALARIEE_CDI, "salaire_net": 4000}
    route = _routes(compute(funding, guide, answers, cost=9000, months=18, today=TODAY))["ptp"]
    assert [(i["monthly"], i["months"]) for i in route["income"]] == [(3600, 12), (2886.22, 6)]


def test_cfp_pays_twelve_months_only(guide: Any, funding: Any) -> None:
    route = _routes(compute(funding, guide, AGENT, cost=6000, months=18, today=TODAY))["cfp_agent"]
    assert [(i["monthly"], i["months"]) for i in route["income"]] == [(1445, 12), (0, 6)]


@pytest.mark.parametrize(
    ("status", "served", "route", "closed"),
    [
        (
            "fonctionnaire",
            True,
            "cfp_agent",
            {"cfp_contractuel": "réservé aux contractuel·les de la fonction publique"},
        ),
        ("contractuel_cdd", True, "cfp_contractuel", {"cfp_agent": "contractuel·le, tu as tes propres conditions"}),
        (
            "contractuel_cdi",
            False,
            None,
            {"cfp_contractuel": "il faut 36 mois de services sous contrat de droit public"},
        ),
        ("fonctionnaire", False, None, {"cfp_agent": "il faut trois ans de services effectifs"}),
    ],
)
def test_the_training_leave_has_its_own_route_for_contractual_agents(
    guide: Any, funding: Any, status: str, served: bool, route: str | None, closed: dict[str, str]
) -> None:
    """Le congé de formation des contractuel·les : leurs conditions (36 mois, dont 12 chez l'employeur), pas celles
    des fonctionnaires (engagement de servir trois fois) ; sans les services demandés, aucune voie de congé."""
    answers = {**AGENT, "statut_agent": status, "services_effectifs": served}
    result = compute(funding, guide, answers, cost=6000, months=18, today=TODAY)
    leaves = {rid: r for rid, r in _routes(result).items() if rid in ("cfp_agent", "cfp_contractuel")}
    assert list(leaves) == ([route] if route else [])
    closed_ones = [*result["not_for_you"], *result["other_situations"]]
    reasons = {c["id"]: " ".join(c["reason"].split()) for c in closed_ones}  # espaces insécables
    for scheme, reason in closed.items():
        assert reasons[scheme].startswith(reason)
    if route == "cfp_contractuel":
        [leave] = leaves.values()
        assert [(i["id"], i["monthly"], i["months"]) for i in leave["income"]] == [
            ("cfp_contractuel", 1445, 12),
            ("cfp_contractuel", 0, 6),
        ]
        said = " ".join(" ".join(leave["conditions"]).split())
        assert "36 mois de services sous contrat de droit public, consécutifs ou non, dont 12 chez l'employeur" in said
        assert "servir trois fois" not in said


def test_missing_answers_are_named_not_guessed(guide: Any, funding: Any) -> None:
    answers = {"situation": "salarie_prive", "contrat": "cdi"}
    result = compute(funding, guide, answers, cost=3000, months=6, today=TODAY)
    route = _routes(result)["cpf_seul"]
    assert route["funders"][0]["amount"] is None
    assert route["remaining"] is None
    assert route["income"][0]["monthly"] is None
    assert set(result["missing"]) >= {"solde_cpf", "salaire_net"}


def test_ptp_deadlines_come_from_the_retroplanning(guide: Any, funding: Any) -> None:
    """Formation le 1er septembre 2027, absence de six mois ou plus : demande 120 jours avant, le 4 mai 2027."""
    answers = {**SALARIEE_CDI, "ptp_envisage": True, "ptp_formation_longue": True, "date_debut_formation": "2027-09-01"}
    route = _routes(compute(funding, guide, answers, cost=4500, months=9, today=TODAY))["ptp"]
    dues = {d["action"]: d["due"] for d in route["deadlines"]}
    assert dues["ptp_autorisation_absence"] == "2027-05-04"
    assert "ptp_autorisation_absence_courte" not in dues


def test_rules_past_valid_until_are_flagged(guide: Any, funding: Any) -> None:
    later = dt.date(2027, 2, 1)
    result = compute(funding, guide, SALARIEE_CDI, cost=4500, months=9, today=later)
    assert _routes(result)["cpf_seul"]["outdated"] is True
    assert (
        _routes(compute(funding, guide, SALARIEE_CDI, cost=4500, months=9, today=TODAY))["cpf_seul"]["outdated"]
        is False
    )


def test_job_seeker_not_registered_pays_the_participation(guide: Any, funding: Any) -> None:
    """L'exonération suit le statut de demandeur d'emploi reconnu par Mon Compte Formation (inscription)."""
    answers = {**DEMANDEUR_ARE, "inscrit_france_travail": False, "allocation_chomage": False}
    result = compute(funding, guide, answers, cost=3000, months=6, today=TODAY)
    route = _routes(result)["cpf_seul"]
    assert route["participation"] == 103.2
    assert route["remaining"] == 1800  # 3 000 − 1 200 ≥ 103,20 : la participation est comprise dans l'écart
    assert "cpf_aif" not in _routes(result)
    assert {c["id"]: c["reason"] for c in result["not_for_you"]}["aif"].startswith("il faut être inscrit")


# --- « Pas pour toi » : seulement ce qui concerne ta situation ------------------------------------------

AGENT_SCHEMES = {"cpf_agent", "cfp_agent", "cfp_contractuel", "ctp_agent"}
PRIVATE_SCHEMES = {"abondement_employeur", "ptp", "demission_reconversion"}
JOB_SEEKER_SCHEMES = {"aref", "rff", "remuneration_stagiaire"}
SITUATIONS = {
    "salarie_prive_cdi": SALARIEE_CDI,
    "fonctionnaire": {**AGENT, "statut_agent": "fonctionnaire"},
    "contractuel_cdd": {**AGENT, "statut_agent": "contractuel_cdd", "services_effectifs": False},
    "demandeur_emploi": DEMANDEUR_ARE,
    "rsa": RSA_JEUNE,
    "independant": INDEPENDANT,
}
# (jamais dans « Pas pour toi », toujours là avec sa raison)
EXPECTED = {
    "salarie_prive_cdi": (AGENT_SCHEMES | JOB_SEEKER_SCHEMES | {"faf", "aif", "region", "rsa"},
                          {"contrat_pro": "après 26 ans"}),
    "fonctionnaire": (PRIVATE_SCHEMES | JOB_SEEKER_SCHEMES | {"cpf", "contrat_pro", "cfp_contractuel", "faf",
                                                              "agefiph"},
                      {"apprentissage": "c'est un contrat de travail que tu signerais"}),
    "contractuel_cdd": (PRIVATE_SCHEMES | {"cpf", "cfp_agent", "faf"},
                        {"cfp_contractuel": "il faut 36 mois de services"}),
    "demandeur_emploi": (AGENT_SCHEMES | PRIVATE_SCHEMES | {"faf", "salaire"},
                         {"remuneration_stagiaire": "tu touches l'allocation chômage"}),
    "rsa": (AGENT_SCHEMES | PRIVATE_SCHEMES | {"faf", "salaire"},
            {"aref": "elle prolonge l'allocation chômage", "contrat_pro": None}),
    "independant": (AGENT_SCHEMES | PRIVATE_SCHEMES | JOB_SEEKER_SCHEMES | {"aif", "region", "rsa", "salaire"},
                    {"agefiph": "réservées aux personnes reconnues"}),
}  # fmt: skip


@pytest.mark.parametrize("who", list(SITUATIONS))
def test_not_for_you_keeps_what_concerns_you_and_only_counts_other_situations(
    guide: Any, funding: Any, who: str
) -> None:
    """Une salariée ne lit pas le congé des contractuel·les, un agent ne lit pas le PTP : un dispositif
    d'une autre situation (`meant_for`) est compté à part ; ce qui est fermé pour une raison qui te
    concerne (contrat, ancienneté, âge, réponse) reste avec sa raison."""
    result = compute(funding, guide, SITUATIONS[who], cost=4500, months=9, today=TODAY)
    listed = {c["id"]: _plain(c["reason"]) for c in result["not_for_you"]}
    others = {c["id"] for c in result["other_situations"]}
    hidden, kept = EXPECTED[who]
    assert hidden <= others and not hidden & set(listed), (hidden - others, hidden & set(listed))
    for scheme_id, reason in kept.items():
        if reason is None:  # ouvert à cette personne : ni listé, ni compté
            assert scheme_id not in listed and scheme_id not in others
        else:
            assert listed[scheme_id].startswith(reason), (scheme_id, listed.get(scheme_id))
    opened = {f["id"] for r in result["routes"] for f in r["funders"]}
    assert not opened & others  # seul un dispositif fermé est compté à part
    from reconversion.core.conditions import holds
    from reconversion.core.engine import effective_answers

    effective = effective_answers(guide, SITUATIONS[who])
    for scheme_id in others:  # compté à part : c'est sa situation qui l'écarte, pas une autre raison
        meant_for = funding.schemes[scheme_id].meant_for
        assert meant_for is not None and not holds(meant_for, effective), scheme_id


def test_a_contract_type_or_a_missing_answer_stays_said() -> None:
    """Un CDD lit pourquoi la démission-reconversion n'est pas pour lui ; un agent qui n'a pas dit son
    statut lit les deux congés de formation, chacun avec sa condition."""
    guide = load_guide(DATA / "guide.yaml")
    data = load_funding(DATA / "financement.yaml", guide)
    cdd = compute(data, guide, {**SALARIEE_CDI, "contrat": "cdd"}, cost=4500, months=9, today=TODAY)
    assert _plain({c["id"]: c["reason"] for c in cdd["not_for_you"]}["demission_reconversion"]).startswith(
        "réservée aux salariés en CDI"
    )
    unsaid = compute(data, guide, AGENT, cost=4500, months=9, today=TODAY)
    listed = {c["id"] for c in unsaid["not_for_you"]}
    assert {"cfp_contractuel"} <= listed and "cfp_agent" not in {c["id"] for c in unsaid["other_situations"]}
