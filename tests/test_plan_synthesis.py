"""« Ton projet en une page » : les faits réunis (`gather_synthesis`) et leur texte (`synthesis_markdown`).

Le guide livré, des réponses comme celles de la revue du plan HTML (une assistante comptable qui
vise le métier d'infirmière, PTP, immersion), et les mêmes actions que le plan.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reconversion.adapters.content import guide_files
from reconversion.core.followup import action_items
from reconversion.core.plan_synthesis import SYNTHESIS_TITLE, gather_synthesis, synthesis_markdown

TODAY = dt.date(2026, 12, 6)
ANSWERS = {
    "situation": "salarie_prive",
    "contrat": "cdi",
    "metier_actuel": "Assistante comptable",
    "metier_actuel_rome": "M1213",
    "metiers_cibles": ["J1506", "J1507"],
    "besoin_formation": "diplome",
    "ptp_envisage": True,
    "ptp_formation_longue": True,
    "date_debut_formation": "2027-09-06",
    "types_experience": ["immersion"],
    "date_debut_immersion": "2027-03-15",
    "date_cible": "2030-09-01",
}
TITLES = {"M1213": "Assistant / Assistante comptable"}


def skill(label: str) -> dict[str, str]:
    return {"label": label, "kind": "savoir_faire"}


METIERS: list[dict[str, Any]] = [
    {
        "code": "J1506",
        "title": "Infirmier / Infirmière",
        "skills": {"held": [skill("a")], "to_develop": [skill("b")] * 39},
    },
    {"code": "J1507", "title": "Puériculteur / Puéricultrice", "skills": {"held": [skill("a")] * 3, "to_develop": []}},
]
CONTACTS = [
    {"id": 1, "name": "Sophie Martin", "follow_up": "2027-01-15"},
    {"id": 2, "name": "Karim Benali", "follow_up": "2027-02-10"},
    {"id": 3, "name": "Sans relance", "follow_up": None},
]


def gathered(today: dt.date = TODAY, **options: Any) -> Any:
    guide = guide_files.load()
    actions = action_items(guide, ANSWERS, [], base_day=TODAY, today=today)
    values = {"chosen_metiers": METIERS, "metier_titles": TITLES, "contacts": CONTACTS, **options}
    return gather_synthesis(guide, ANSWERS, actions, today=today, **values), actions


def text(synthesis: Any, today: dt.date = TODAY) -> str:
    return synthesis_markdown(synthesis, today=today)


def test_where_they_come_from_and_where_they_go() -> None:
    synthesis, _ = gathered()
    assert synthesis.situation == ("Salarié·e du privé", "CDI")
    assert (synthesis.current_job, synthesis.current_code) == ("Assistante comptable", "M1213")
    assert [(t.code, t.held, t.to_acquire) for t in synthesis.targets] == [("J1506", 1, 39), ("J1507", 3, 0)]
    markdown = text(synthesis)
    assert markdown.startswith(f"## {SYNTHESIS_TITLE}\n")
    assert (
        "**D'où tu pars :** Salarié·e du privé, CDI — Assistante comptable — [fiche ROME M1213, Assistant" in markdown
    )
    assert "(https://candidat.francetravail.fr/metierscope/fiche-metier/M1213)" in markdown
    assert "- Infirmier / Infirmière, J1506 : 1 compétence sur 40 déjà acquise, 39 à acquérir" in markdown
    assert "- Puériculteur / Puéricultrice, J1507 : 3 compétences sur 3 déjà acquises, 0 à acquérir" in markdown
    assert "Besoin : D'un diplôme ou d'un titre professionnel complet" in markdown


def test_key_dates_deadlines_and_the_next_three_actions_in_order() -> None:
    synthesis, actions = gathered()
    assert [d.label for d in synthesis.dates] == [
        "Début de ton immersion",
        "Début de formation souhaité",
        "Date visée pour exercer ton nouveau métier",
    ]
    assert synthesis.deadlines and not any(d.missed for d in synthesis.deadlines)
    absence = next(d for d in synthesis.deadlines if "autorisation d'absence" in d.text)
    assert absence.day == dt.date(2027, 9, 6) - dt.timedelta(days=120)
    pending = sorted((a for a in actions if not a.done), key=lambda a: (a.due is None, a.due or TODAY, a.order))
    assert list(synthesis.next_actions) == pending[:3]
    markdown = text(synthesis)
    assert "- 9 mai 2027 — au plus tard : Envoyer ta demande d'autorisation d'absence" in markdown
    assert "- 1er septembre 2030 — ★ Date visée pour exercer ton nouveau métier" in markdown
    dates = markdown.split("**Tes dates clés**", 1)[1].split("**Tes prochaines actions**", 1)[0]
    assert dates.index("15 mars 2027") < dates.index("9 mai 2027") < dates.index("6 septembre 2027")
    assert f"Et {len(pending) - 3} autres actions : `reconversion actions`." in markdown


def test_missed_deadlines_come_first_in_plain_words() -> None:
    late = dt.date(2027, 5, 20)
    synthesis, _ = gathered(today=late)
    missed = [d for d in synthesis.deadlines if d.missed]
    assert missed and all(d.advice for d in missed)
    markdown = text(synthesis, today=late)
    dates = markdown.split("**Tes dates clés**\n", 1)[1]
    assert dates.startswith("- ⚠ **")
    assert "9 mai 2027 : délai dépassé.** Envoyer ta demande d'autorisation d'absence" in dates
    assert "Le délai de 120\u00a0jours ne peut plus être tenu" in dates
    assert "★ Début de ton immersion (passée)" in dates


def test_follow_ups_are_counted_and_named_only_when_contacts_are_included() -> None:
    hidden, _ = gathered()
    assert hidden.follow_ups_total == 2 and [f.name for f in hidden.follow_ups] == ["", ""]
    assert "Sophie" not in text(hidden)
    assert "2 relances prévues, la prochaine le 15 janvier 2027" in text(hidden)
    shown, _ = gathered(include_contacts=True)
    assert "**Tes relances :** Sophie Martin le 15 janvier 2027 ; Karim Benali le 10 février 2027" in text(shown)


def test_what_is_not_known_says_how_to_know_it_as_the_person_launched_the_tool() -> None:
    guide = guide_files.load()
    empty = gather_synthesis(guide, {}, [], today=TODAY, command=".venv/bin/reconversion", profile="lou")
    markdown = text(empty)
    for command in (
        "start --step bilan",
        "start --question metiers_cibles",
        "start --question besoin_formation",
        "certifications search MOT",
        "start --step formation",
        "start --question date_cible",
        "actions add TEXTE",
    ):
        assert f"`.venv/bin/reconversion {command} --profile lou`" in markdown, command
    assert "Ton financement :** *pas encore calculé" in markdown


def test_funding_and_certification_are_shown_when_known() -> None:
    synthesis, _ = gathered(funding="Projet de transition professionnelle ; reste à charge : 0 €",
                            certification="Diplôme d'État d'infirmier, niveau 6")  # fmt: skip
    markdown = text(synthesis)
    assert "**Ton financement :** Projet de transition professionnelle ; reste à charge : 0 €" in markdown
    assert "Certification visée : Diplôme d'État d'infirmier, niveau 6" in markdown
    assert "à venir" not in markdown


def test_skills_not_compared_say_what_to_do() -> None:
    plain = [{"code": m["code"], "title": m["title"]} for m in METIERS]
    with_pin, _ = gathered(chosen_metiers=plain)
    assert "importe le ROME complet* : `reconversion jobs import DOSSIER_OU_ZIP`" in text(with_pin)
    guide = guide_files.load()
    unpinned = {k: v for k, v in ANSWERS.items() if k != "metier_actuel_rome"}
    without_pin = gather_synthesis(guide, unpinned, [], today=TODAY, chosen_metiers=plain)
    assert "relie ton métier actuel au ROME* : `reconversion start --question metier_actuel_rome`" in text(without_pin)


def test_person_text_stays_inert() -> None:
    guide = guide_files.load()
    answers = {**ANSWERS, "metier_actuel": "[clic](https://pistage.example) <b>x</b> # titre"}
    synthesis = gather_synthesis(guide, answers, [], today=TODAY)
    markdown = text(synthesis)
    assert "\\[clic\\]" in markdown and "\\<b\\>" in markdown and "\n#" not in markdown


def test_the_certification_answer_is_used_until_a_computation_gives_it() -> None:
    """Quand le guide pose « certification_visee », sa réponse est la certification de la synthèse."""
    from reconversion.core.model import Question

    guide = guide_files.load()
    asked = Question("certification_visee", "text", "Quelle certification ?", step_id="formation", label="Certif")
    steps = tuple(s._replace(questions=(*s.questions, asked)) if s.id == "formation" else s for s in guide.steps)
    guide = guide._replace(steps=steps)
    unanswered = gather_synthesis(guide, ANSWERS, [], today=TODAY)
    assert "Certification visée : *pas encore choisie* : `reconversion start --question certification_visee`" in (
        text(unanswered)
    )
    answered = gather_synthesis(guide, {**ANSWERS, "certification_visee": "RNCP38565"}, [], today=TODAY)
    assert "Certification visée : RNCP38565" in text(answered)


def test_funding_words_from_the_funding_computation() -> None:
    from reconversion.core.plan_synthesis import funding_words

    assert funding_words(None) is None and funding_words({"routes": []}) is None
    routes = [
        {"label": "CPF seul", "remaining": 1234.4},
        {"label": "Projet de transition professionnelle (PTP)", "remaining": 0.0},
        {"label": "Autre", "remaining": None},
    ]
    assert funding_words({"routes": routes}) == (
        "reste à charge selon la voie (estimations) : Projet de transition professionnelle (PTP) 0\u00a0€ ; "
        "CPF seul 1\u202f234\u00a0€ ; Autre à chiffrer"
    )


def test_the_plan_gives_the_synthesis_the_chosen_certification_with_its_level() -> None:
    """Quand l'export RNCP connaît la certification visée, la synthèse dit son intitulé et son niveau."""
    from reconversion.core.certifications import PlanCertifications
    from reconversion.core.plan_data import PlanLookups, gather_plan

    details = {"code": "RNCP38565", "title": "Diplôme d'État d'infirmier", "level": 6, "vae": False,
               "active": True, "end": None, "replaced_by": None}  # fmt: skip
    chosen = {"text": "RNCP38565", "code": "RNCP38565", "details": details, "url": None}
    lookups = PlanLookups(certifications=lambda codes, answers, today: PlanCertifications(True, {}, chosen))
    notebook_answers = [
        {"question_id": key, "value": value, "archived": False, "answered_at": "2026-12-01T10:00:00+00:00"}
        for key, value in {**ANSWERS, "certification_visee": "RNCP38565"}.items()
    ]
    plan = gather_plan(guide_files.load(), {"answers": notebook_answers}, today=TODAY, lookups=lookups)
    line = text(plan.synthesis).split("Certification visée : ", 1)[1].split("\n", 1)[0]
    assert "Diplôme d'État d'infirmier" in line and "niveau 6" in line


def test_the_funding_route_and_what_remains_come_from_the_funding_computation(home: Any, tmp_path: Any) -> None:
    """Le prix et la durée répondus : la synthèse cite la première voie de `reconversion funding`."""
    from helpers import run

    answers = tmp_path / "r.yaml"
    answers.write_text(
        "situation: salarie_prive\ncontrat: cdi\nbesoin_formation: diplome\ncpf_consulte: true\nsolde_cpf: 3240\n"
        "cout_formation: 4500\nduree_formation: 9\n",
        encoding="utf-8",
    )
    started = run("start", "--answers", str(answers))
    assert started.exit_code == 0, started.output
    funding = run("funding", "--json")
    assert funding.exit_code == 0, funding.output
    import json

    routes = json.loads(funding.stdout)["routes"]
    plan = run("export", "-o", "-").stdout
    line = plan.split("**Ton financement\u00a0:** ", 1)[1].split("\n", 1)[0]
    assert line.startswith("reste à charge selon la voie (estimations)") and len(routes) >= 1
    assert all(route["label"] in line for route in routes)
    assert "start --step formation" not in line


def test_an_agent_public_reads_their_versant_and_their_status() -> None:
    """Fonctionnaire ou contractuel·le : le statut change les façons de partir, la synthèse le dit."""
    guide = guide_files.load()
    answers = {
        "situation": "agent_public",
        "versant_fonction_publique": "territoriale",
        "statut_agent": "contractuel_cdi",
    }
    synthesis = gather_synthesis(guide, answers, [], today=TODAY)
    assert synthesis.situation[0] == "Agent·e public·que"
    assert synthesis.situation[-1] == "Contractuel·le en CDI"
    assert "Fonction publique territoriale" in synthesis.situation[1]
