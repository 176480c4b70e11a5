"""Le rétroplanning : le format `due`, ses erreurs situées, et le calcul des échéances depuis les réponses."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from reconversion.core import engine, followup
from reconversion.core.deadlines import missed_deadlines, resolve_dues
from reconversion.core.guide_loader import parse_guide
from reconversion.core.timeline import build_timeline, timeline_json, timeline_markdown
from reconversion.errors import GuideError

D = dt.date
TODAY = D(2027, 3, 10)

GUIDE = """\
id: retro
version: "1"
language: fr
title: Rétroplanning
steps:
  - id: former
    title: Se former
    intro: Les dates.
    questions:
      - id: situation
        type: select
        prompt: Ta situation ?
        choices: [salarie, autre]
      - id: date_debut_formation
        type: date
        prompt: Début de la formation ?
        required: false
      - id: date_demission
        type: date
        prompt: Date de démission ?
        required: false
    actions:
      - id: demande_absence
        text: Demander l'absence
        due: {before: date_debut_formation, days: 120}
        missed: Décale la date, ou choisis une formation plus courte, ou un autre financement.
      - id: positionnement
        text: Faire le positionnement
        due: {before: demande_absence, days: 15}
        missed: Fais-le tout de suite.
      - id: inscription_cpf
        text: S'inscrire sur Mon Compte Formation
        due: {before: date_debut_formation, working_days: 11}
        missed: Choisis une session suivante.
      - id: attestation
        text: Obtenir l'attestation
        due: {before: date_demission, days: 1}
        missed: Décale ta démission.
      - id: inscription_ft
        text: T'inscrire à France Travail
        due: {after: attestation, months: 6}
      - id: libre
        text: Lire une fiche métier
        due_in_days: 7
resources: []
"""


def guide() -> Any:
    return parse_guide(GUIDE, "retro.yaml")


def items_for(answers: dict[str, Any], rows: list[dict[str, Any]] | None = None, today: dt.date = TODAY) -> dict:
    result = followup.action_items(guide(), answers, rows or [], base_day=today, today=today)
    return {item.id: item for item in result}


def row(action_id: str, **values: Any) -> dict[str, Any]:
    """Une ligne du carnet pour une action du guide (écrite quand la personne la coche ou la modifie)."""
    base = {"id": 1, "guide_action_id": action_id, "step_id": "former", "text": action_id, "due_date": None,
            "done_at": None, "removed": 0, "due_by_hand": 0}  # fmt: skip
    return {**base, **values}


def start_in(days: int) -> dict[str, Any]:
    return {"situation": "salarie", "date_debut_formation": (TODAY + dt.timedelta(days=days)).isoformat()}


# --- le format et ses erreurs --------------------------------------------------------------


def test_due_is_loaded_with_its_anchor_kind() -> None:
    actions = {a.id: a for a in guide().actions}
    assert actions["demande_absence"].due.anchor_kind == "question"
    assert actions["demande_absence"].due.before and actions["demande_absence"].due.days == 120
    assert actions["positionnement"].due.anchor_kind == "action"
    assert actions["inscription_cpf"].due.working_days == 11
    assert actions["inscription_ft"].due.months == 6 and not actions["inscription_ft"].due.before
    assert actions["libre"].due is None and actions["libre"].due_in_days == 7


def problems(text: str) -> list[str]:
    with pytest.raises(GuideError) as caught:
        parse_guide(text, "retro.yaml")
    return caught.value.problems


def one_problem(old: str, new: str) -> str:
    assert old in GUIDE
    found = problems(GUIDE.replace(old, new, 1))
    assert len(found) == 1, found
    assert re.match(r"^retro\.yaml:\d+:\d+: steps\[0\]\.actions\[\d\]", found[0]), found[0]
    return found[0]


def test_unknown_anchor_is_located_with_a_suggestion() -> None:
    message = one_problem("before: date_debut_formation, days: 120", "before: date_debut_formaton, days: 120")
    assert message.startswith("retro.yaml:25:23: steps[0].actions[0].due.before: ancre inconnue")
    assert "voulais-tu dire « date_debut_formation » ?" in message


def test_a_question_anchor_must_be_a_date() -> None:
    message = one_problem("before: date_debut_formation, days: 120", "before: situation, days: 120")
    assert "la question « situation » est de type select" in message and "type date" in message


def test_an_action_cannot_be_its_own_anchor() -> None:
    message = one_problem("before: demande_absence, days: 15", "before: positionnement, days: 15")
    assert "ne peut pas dépendre d'elle-même" in message


def test_a_loop_between_actions_is_refused() -> None:
    text = GUIDE.replace("before: date_debut_formation, days: 120", "after: positionnement, days: 1", 1)
    found = problems(text)
    assert len(found) == 2  # chaque maillon de la boucle est signalé à sa place
    assert all("boucle d'échéances" in p for p in found)
    assert "demande_absence → positionnement → demande_absence" in found[0]


ONE_COUNT = "exactement une de ces clés : days, working_days, months"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("{before: date_debut_formation, days: 120, working_days: 80}", ONE_COUNT),
        ("{before: date_debut_formation}", ONE_COUNT),
        ("{before: date_debut_formation, after: date_demission, days: 3}", "une de ces clés : before, after"),
        ("{before: date_debut_formation, dayz: 120}", "clé inconnue « dayz » (voulais-tu dire « days » ?)"),
        ("{before: date_debut_formation, days: -3}", "nombre entier d'au moins 0 attendu"),
        ("{before: date_debut_formation, days: beaucoup}", "nombre entier attendu"),
        ("date_debut_formation", "échéance attendue sous forme de dictionnaire"),
    ],
)  # fmt: skip
def test_malformed_due_is_reported(new: str, expected: str) -> None:
    found = problems(GUIDE.replace("{before: date_debut_formation, days: 120}", new, 1))
    assert any(expected in p and p.startswith("retro.yaml:") for p in found), found


def test_due_and_due_in_days_together_are_refused() -> None:
    message = one_problem(
        "        due: {before: date_debut_formation, days: 120}\n",
        "        due: {before: date_debut_formation, days: 120}\n        due_in_days: 10\n",
    )
    assert "soit « due » (échéance ancrée), soit « due_in_days », pas les deux" in message


def test_a_before_deadline_must_say_what_to_do_when_it_is_missed() -> None:
    message = one_problem("        missed: Décale ta démission.\n", "")
    assert "steps[0].actions[3].due: une échéance « before » doit dire quoi faire" in message


def test_missed_without_due_is_refused() -> None:
    message = one_problem("        due_in_days: 7\n", "        due_in_days: 7\n        missed: Rien.\n")
    assert "« missed » n'a de sens qu'avec une échéance « due »" in message


# --- le calcul ---------------------------------------------------------------------------------


def test_deadlines_are_counted_back_from_the_persons_date() -> None:
    items = items_for(start_in(300))
    start = TODAY + dt.timedelta(days=300)
    assert items["demande_absence"].due == start - dt.timedelta(days=120)
    assert items["positionnement"].due == start - dt.timedelta(days=135)
    assert items["inscription_cpf"].due == D(2027, 12, 20)  # 11 jours ouvrés avant le mardi 4 janvier 2028
    assert start == D(2028, 1, 4)
    assert items["libre"].due == TODAY + dt.timedelta(days=7)
    assert not any(item.missed for item in items.values())


def test_without_the_anchor_date_the_action_has_no_date_yet() -> None:
    items = items_for({"situation": "salarie"})
    assert items["demande_absence"].due is None and items["attestation"].due is None
    assert items["inscription_ft"].due is None  # son ancre (l'attestation) n'est pas datée non plus


def test_when_the_answer_changes_the_deadlines_move() -> None:
    before = items_for(start_in(300))
    after = items_for(start_in(400))
    for action in ("demande_absence", "positionnement", "inscription_cpf"):
        assert before[action].due is not None and after[action].due is not None
        assert after[action].due > before[action].due
    assert after["demande_absence"].due - before["demande_absence"].due == dt.timedelta(days=100)


def test_an_action_anchor_uses_the_day_it_was_done() -> None:
    answers = {"situation": "salarie", "date_demission": "2027-06-30"}
    assert items_for(answers)["inscription_ft"].due == D(2027, 12, 29)  # attestation prévue le 29 juin + 6 mois
    done = row("attestation", due_date="2027-06-29", done_at="2027-04-15T12:00:00+00:00", due_by_hand=0)
    assert items_for(answers, [done])["inscription_ft"].due == D(2027, 10, 15)


def test_a_deadline_edited_by_hand_stays_when_the_answer_changes() -> None:
    edited = row("demande_absence", due_date="2027-04-01", due_by_hand=1)
    for days in (300, 500):
        items = items_for(start_in(days), [edited])
        assert items["demande_absence"].due == D(2027, 4, 1)
        assert items["demande_absence"].due_by_hand and not items["demande_absence"].missed
        # ce qui dépend d'elle suit la date choisie par la personne
        assert items["positionnement"].due == D(2027, 3, 17)


def test_a_row_written_for_another_reason_keeps_following_the_dates() -> None:
    """Cocher, décocher ou renommer une action écrit sa ligne sans figer son échéance."""
    renamed = row("demande_absence", text="Écrire à la DRH", due_date="2027-04-01", due_by_hand=0)
    items = items_for(start_in(400), [renamed])
    assert items["demande_absence"].text == "Écrire à la DRH"  # le texte changé est gardé
    assert items["demande_absence"].due == TODAY + dt.timedelta(days=280)


def test_rows_from_before_the_retroplanning_keep_their_date() -> None:
    old = row("demande_absence", due_date="2027-04-01")
    del old["due_by_hand"]
    assert items_for(start_in(400), [old])["demande_absence"].due == D(2027, 4, 1)


def test_resolve_dues_survives_a_loop_built_by_hand() -> None:
    g = guide()
    actions = [a for a in g.actions]
    looped = [a._replace(due=a.due._replace(anchor="positionnement", anchor_kind="action", before=False))
              if a.id == "demande_absence" else a for a in actions]  # fmt: skip
    steps = (g.steps[0]._replace(actions=tuple(looped)),)
    dues = resolve_dues(g._replace(steps=steps), start_in(300), {}, step_starts=None, base_day=TODAY)
    assert dues["demande_absence"] is None and dues["positionnement"] is None


# --- les délais impossibles ------------------------------------------------------------------------


def test_a_lead_time_that_can_no_longer_be_met_is_said_with_the_options() -> None:
    answers = start_in(60)
    items = items_for(answers)
    assert items["demande_absence"].missed and items["demande_absence"].status == followup.STATUS_OVERDUE
    # le positionnement dépend d'une demande déjà impossible : simple retard, pas une deuxième alerte
    assert not items["positionnement"].missed and items["positionnement"].status == followup.STATUS_OVERDUE
    assert not items["inscription_cpf"].missed  # 11 jours ouvrés avant : encore possible
    [missed] = missed_deadlines(guide(), list(items.values()), answers)
    assert missed.id == "demande_absence"
    assert missed.due == TODAY - dt.timedelta(days=60)
    assert missed.rule == "120 jours avant le 9 mai 2027, ta réponse à « Début de la formation ? »"
    assert missed.advice.startswith("Décale la date")
    summary = followup.followup_summary(list(items.values()), [], TODAY, guide=guide(), answers=answers)
    assert [m["id"] for m in summary["missed_deadlines"]] == ["demande_absence"]
    assert "demande_absence" not in [o["id"] for o in summary["overdue_actions"]]
    assert "positionnement" in [o["id"] for o in summary["overdue_actions"]]


def test_a_missed_deadline_done_or_set_by_hand_is_not_an_alert() -> None:
    done = row("demande_absence", done_at="2027-01-01T12:00:00+00:00", due_by_hand=0)
    assert not items_for(start_in(60), [done])["demande_absence"].missed
    by_hand = {**done, "done_at": None, "due_date": "2027-03-01", "due_by_hand": 1}
    item = items_for(start_in(60), [by_hand])["demande_absence"]
    assert not item.missed and item.status == followup.STATUS_OVERDUE


# --- le calendrier ----------------------------------------------------------------------------------


def test_timeline_lists_overdue_first_then_every_month_until_the_last_date() -> None:
    answers = {**start_in(60), "date_demission": "2027-08-31"}
    items = list(items_for(answers).values())
    contacts = [{"id": 3, "name": "Lou", "organisation": "CCI", "follow_up": "2027-03-01"}]
    data = timeline_json(build_timeline(guide(), answers, items, contacts, TODAY))
    assert [e["id"] for e in data["overdue"]] == ["positionnement", "demande_absence", "c3"]
    assert data["overdue"][1]["missed"] and data["overdue"][1]["advice"].startswith("Décale")
    assert data["months"][0]["month"] == "2027-03" and data["months"][-1]["month"] == "2028-02"
    days = [e["date"] for m in data["months"] for e in m["entries"]]
    assert days == sorted(days)
    may = next(m for m in data["months"] if m["month"] == "2027-05")
    assert [(e["kind"], e["id"]) for e in may["entries"]] == [("date", "date_debut_formation")]
    april = next(m for m in data["months"] if m["month"] == "2027-04")
    assert ("guide", "inscription_cpf") in [(e["kind"], e["id"]) for e in april["entries"]]
    assert data["months"][-1]["entries"][0]["id"] == "inscription_ft"  # 30 août + 6 mois = 29 février 2028


def test_timeline_markdown_is_month_by_month_and_escapes_data() -> None:
    answers = start_in(60)
    items = list(items_for(answers).values())
    contacts = [{"id": 1, "name": "Lou <b>", "organisation": "", "follow_up": "2027-04-02"}]
    text = timeline_markdown(build_timeline(guide(), answers, items, contacts, TODAY))
    assert text.index("### Délais impossibles à tenir") < text.index("### En retard") < text.index("### Avril 2027")
    assert "- 2 avril — ☎ Relancer Lou \\<b\\>" in text
    assert "### Mai 2027\n\n- 9 mai — ★ Ta date : Début de la formation ?" in text


def test_the_html_calendar_gets_the_same_dates_and_follow_ups_on_request() -> None:
    from reconversion.core.plan_calendar import KIND_ACTION, plan_events

    answers = start_in(300)
    items = list(items_for(answers).values())
    contacts = [{"id": 1, "name": "Lou", "follow_up": "2027-04-02"}]
    events = plan_events(guide(), answers, items, contacts)
    assert (TODAY + dt.timedelta(days=180), KIND_ACTION, "Demander l'absence") in events
    assert (D(2027, 4, 2), KIND_ACTION, "Relancer Lou") in events
    assert not any(e.label.startswith("Relancer") for e in plan_events(guide(), answers, items))


def test_the_printed_guide_states_each_rule_without_a_date() -> None:
    from reconversion.core.ebook import render_ebook

    text = render_ebook(guide())
    assert (
        "Demander l'absence *(au plus tard 120 jours avant la date que tu donnes à « Début de la formation ? »)*"
        in text
    )
    assert "*(au plus tard 6 mois après l'action « Obtenir l'attestation »)*" in text


def test_a_far_away_date_goes_under_later_and_bad_dates_are_ignored() -> None:
    answers = {"situation": "salarie"}
    rows = [
        {**row("p"), "id": 7, "guide_action_id": None, "text": "Prendre ma retraite", "due_date": "2099-01-01"},
        {**row("p"), "id": 8, "guide_action_id": None, "text": "Date abîmée", "due_date": "bientôt"},
    ]
    items = list(items_for(answers, rows).values())
    contacts = [{"id": 2, "name": "Lou", "follow_up": "un jour"}]  # sauvegarde abîmée : ignorée, pas d'erreur
    data = timeline_json(build_timeline(guide(), answers, items, contacts, TODAY))
    assert len(data["months"]) == 120
    assert [e["id"] for e in data["later"]] == ["p7"]
    assert {"kind": "own", "id": "p8", "text": "Date abîmée"} in data["undated"]
    assert "### Plus tard\n\n- 1er janvier 2099 — Prendre ma retraite" in timeline_markdown(
        build_timeline(guide(), answers, items, contacts, TODAY)
    )


# --- actions sans date de référence : étalées sur l'horizon du plan (A7) ----------------------------


def test_undated_actions_are_spread_over_the_horizon_by_step() -> None:
    """Martine : 18 mois devant elle, ses actions ne tombent plus toutes avant Noël."""
    from reconversion.adapters.content.guide_files import load

    shipped = load()
    first = D(2026, 12, 6)
    starts = {step.id: first for step in shipped.steps}
    answers = {"situation": "demandeur_emploi", "date_cible": "2028-06-01"}
    dues = resolve_dues(shipped, answers, {}, step_starts=starts, base_day=first)
    undated = [a for a in shipped.actions if a.due is None and a.due_in_days is not None]
    by_step = {step.id: [dues[a.id] for a in undated if a.step_id == step.id] for step in shipped.steps}
    last_step, first_step = shipped.steps[-1].id, shipped.steps[0].id
    assert max(by_step[first_step]) < D(2027, 4, 1)  # le bilan, tout de suite
    assert min(by_step[last_step]) >= D(2027, 12, 1)  # la dernière étape, dans sa part de l'horizon
    assert all(day <= D(2028, 6, 1) for days in by_step.values() for day in days)
    before_january = [day for days in by_step.values() for day in days if day < D(2027, 1, 6)]
    assert len(before_january) < len(undated) / 2


def test_without_a_target_date_or_with_a_close_one_the_step_delay_stays() -> None:
    from reconversion.adapters.content.guide_files import load

    shipped = load()
    first = D(2026, 12, 6)
    starts = {step.id: first for step in shipped.steps}
    action = next(
        a for a in shipped.actions if a.due is None and a.due_in_days is not None and a.step_id != shipped.steps[0].id
    )
    for answers in ({}, {"date_cible": "2027-01-15"}):
        dues = resolve_dues(shipped, answers, {}, step_starts=starts, base_day=first)
        assert dues[action.id] == first + dt.timedelta(days=action.due_in_days)


# --- actions sans ancre : avant les dates que la personne a données ----------------------------------

PLAN_DAY = D(2026, 12, 7)


def shipped_items(answers: dict[str, Any], today: dt.date = PLAN_DAY) -> dict[str, Any]:
    """Les actions du guide livré pour ces réponses, toutes les étapes commencées aujourd'hui."""
    from reconversion.adapters.content.guide_files import load

    shipped = load()
    starts = {step.id: today for step in shipped.steps}
    items = followup.action_items(shipped, answers, [], base_day=today, today=today, step_starts=starts)
    return {item.id: item for item in items}


def persona_answers(index: int, **changes: Any) -> dict[str, Any]:
    from test_personas import COMMON, PERSONAS

    return {**COMMON, **PERSONAS[index].answers, **changes}


def test_claire_chooses_her_training_before_her_ptp_file_is_due() -> None:
    """Claire : PTP pour une formation courte au 1er septembre 2027, date visée dans 18 mois."""
    answers = persona_answers(0, ptp_formation_longue=False, date_cible="2028-06-07")
    items = shipped_items(answers)
    first_file = items["ptp_positionnement_courte"].due  # 15 jours avant la demande d'absence
    assert first_file == D(2027, 6, 18)
    preparations = ("formation_certification", "formation_comparer", "formation_verifier_cpf", "metiers_choisir_test")
    for action_id in preparations:
        assert items[action_id].due <= first_file - dt.timedelta(days=14), action_id
    assert items["formation_comparer"].due < items["ptp_dossier_courte"].due < D(2027, 9, 1)


def test_nadia_asks_for_her_immersion_before_it_starts() -> None:
    """Nadia : immersion le 15 mars 2027 ; la prescription ne peut pas venir après son bilan."""
    answers = persona_answers(6, date_debut_immersion="2027-03-15")
    items = shipped_items(answers)
    prescription = items["experience_prescription_immersion"].due
    assert prescription <= D(2027, 3, 1)  # deux semaines avant l'immersion
    assert prescription >= PLAN_DAY
    assert prescription < items["experience_bilan_immersion"].due == D(2027, 4, 15)


def test_an_event_inside_the_margin_makes_the_preparation_due_today_never_before() -> None:
    answers = persona_answers(6, date_debut_immersion=(PLAN_DAY + dt.timedelta(days=5)).isoformat())
    items = shipped_items(answers)
    assert items["experience_prescription_immersion"].due == PLAN_DAY
    assert all(item.due is None or item.due >= PLAN_DAY for item in items.values())


def test_a_date_already_past_does_not_pull_everything_to_today() -> None:
    """Une formation dans 50 jours avec un PTP long : la demande d'absence est déjà impossible ;
    les autres actions se rangent avant l'inscription CPF, encore possible, pas toutes aujourd'hui."""
    start = PLAN_DAY + dt.timedelta(days=50)
    answers = persona_answers(0, date_debut_formation=start.isoformat(), date_cible="2028-06-07")
    items = shipped_items(answers)
    assert items["ptp_autorisation_absence"].missed
    compare = items["formation_comparer"].due
    assert PLAN_DAY < compare <= items["formation_inscription_cpf"].due - dt.timedelta(days=14)


def _event(action: Any, items: dict[str, Any], answers: dict[str, Any]) -> dt.date | None:
    """Ce qu'une action ancrée date : son échéance (« avant »), sa date de référence (« après »)."""
    from reconversion.core.deadlines import answer_day

    if action.due.before:
        return items[action.id].due
    if action.due.anchor_kind == "action":
        return items[action.due.anchor].due if action.due.anchor in items else None
    return answer_day(answers, action.due.anchor)


def persona_variants() -> list[tuple[str, dict[str, Any]]]:
    from test_personas import PERSONAS

    variants = []
    for index, persona in enumerate(PERSONAS):
        for target in ("2028-06-01", None):
            for immersion in ("2027-03-01", "2027-10-15"):
                changes = {"date_cible": target, "date_debut_immersion": immersion}
                variants.append((f"{persona.name}-{target}-{immersion}", persona_answers(index, **changes)))
    return variants


@pytest.mark.parametrize("answers", [a for _, a in persona_variants()], ids=[n for n, _ in persona_variants()])
def test_no_preparation_is_due_after_a_date_of_its_step_or_a_later_one(answers: dict[str, Any]) -> None:
    """Pour chaque personne : une action sans ancre de l'étape N tombe au moins deux semaines avant
    chaque événement daté à venir de l'étape N ou d'une suivante (le dossier de PTP, la formation,
    l'immersion, le début d'activité…), sans jamais tomber dans le passé (aujourd'hui au plus tôt
    quand la marge est déjà entamée)."""
    from reconversion.adapters.content.guide_files import load

    shipped = load()
    answers = {key: value for key, value in answers.items() if value is not None}
    items = shipped_items(answers)
    order = {step.id: index for index, step in enumerate(shipped.steps)}
    actions = {action.id: action for action in shipped.actions}
    anchored = [actions[i] for i in items if actions[i].due is not None]
    events = [(order[a.step_id], _event(a, items, answers), a.id) for a in anchored]
    for question_id, value in engine.effective_answers(shipped, answers).items():  # les dates données
        question = shipped.question(question_id)
        if question is not None and question.type == "date" and question_id != "date_cible":
            events.append((order[question.step_id], D.fromisoformat(str(value)), question_id))
    upcoming = [(step, day, name) for step, day, name in events if day is not None and day >= PLAN_DAY]
    assert upcoming  # chaque personne a au moins une date à venir : sinon la propriété ne vérifie rien
    checked = 0
    for item_id, item in items.items():
        action = actions[item_id]
        if action.due is not None or item.due is None:
            continue
        assert item.due >= PLAN_DAY, item_id
        for step, day, name in upcoming:
            if step >= order[action.step_id]:
                assert item.due <= max(day - dt.timedelta(days=14), PLAN_DAY), (item_id, item.due, name, day)
                checked += 1
    assert checked


# --- une fenêtre trop courte : la préparation a manqué sa marge, et c'est dit ------------------------------

PREPARATIONS_1_TO_3 = {  # les actions sans ancre des étapes 1 à 3 de Claire (salariée du privé, PTP long)
    "bilan_rdv_cep", "bilan_chercher_prestataire", "bilan_exemples", "metiers_lire_fiches",
    "metiers_test_orientation", "metiers_offres_locales", "metiers_choisir_test", "formation_verifier_cpf",
    "formation_certification", "formation_comparer", "formation_periode_reconversion",
}  # fmt: skip


def test_a_training_in_20_days_says_its_preparations_missed_their_lead_time() -> None:
    """Claire : formation dans 20 jours. Le dossier OPCO est dû aujourd'hui (20 jours avant) : ce qui
    le prépare devait être fait deux semaines plus tôt. Ces actions restent pour aujourd'hui, mais
    leur délai est manqué, et un seul délai manqué le dit pour la date qu'elles préparent."""
    start = PLAN_DAY + dt.timedelta(days=20)
    answers = persona_answers(0, date_debut_formation=start.isoformat())
    items = shipped_items(answers)
    squeezed = {item_id for item_id, item in items.items() if item.squeezed_by is not None}
    assert squeezed == PREPARATIONS_1_TO_3
    for item_id in squeezed:
        assert items[item_id].due == PLAN_DAY and items[item_id].missed, item_id
        assert items[item_id].squeezed_by == (PLAN_DAY, "date_debut_formation")  # le dossier OPCO, dû ce jour
    assert items["periode_reconversion_opco"].due == PLAN_DAY and not items["periode_reconversion_opco"].missed
    from reconversion.adapters.content.guide_files import load

    missed = missed_deadlines(load(), list(items.values()), answers)
    assert [m.id for m in missed] == ["ptp_autorisation_absence", "date_debut_formation"]
    group = missed[1]
    assert group.squeezed and group.due == PLAN_DAY - dt.timedelta(days=14)
    assert group.text == "Préparer ta date «\u00a0Début de formation souhaité\u00a0» du 27 décembre 2026 (11 actions)"
    assert group.rule == "14 jours avant le 7 décembre 2026, la première échéance liée à cette date"
    assert "fais-les dès aujourd'hui" in group.advice and "décale cette date" in group.advice
    summary = followup.followup_summary(list(items.values()), [], PLAN_DAY, guide=load(), answers=answers)
    assert [m["id"] for m in summary["missed_deadlines"]] == ["ptp_autorisation_absence", "date_debut_formation"]
    assert all(a["missed"] for a in summary["next_actions"])  # les prochaines actions le disent aussi


def test_a_margin_only_begun_keeps_the_preparation_for_today_without_alarm() -> None:
    """Formation courte dans 87 jours : le positionnement est dans 12 jours ; la marge de deux semaines
    est entamée, pas perdue : ce qui le prépare est pour aujourd'hui, sans délai manqué."""
    start = PLAN_DAY + dt.timedelta(days=87)
    answers = persona_answers(0, ptp_formation_longue=False, date_debut_formation=start.isoformat())
    items = shipped_items(answers)
    assert items["ptp_positionnement_courte"].due == PLAN_DAY + dt.timedelta(days=12)
    assert items["formation_comparer"].due == PLAN_DAY
    assert not any(item.squeezed_by or item.missed for item in items.values())


def test_an_immersion_in_five_days_says_its_prescription_is_late() -> None:
    """Nadia : immersion dans 5 jours ; la prescription, pour aujourd'hui, a manqué sa marge."""
    day = PLAN_DAY + dt.timedelta(days=5)
    answers = persona_answers(6, date_debut_immersion=day.isoformat())
    items = shipped_items(answers)
    prescription = items["experience_prescription_immersion"]
    assert prescription.due == PLAN_DAY and prescription.missed
    assert prescription.squeezed_by == (day, "date_debut_immersion")
    from reconversion.adapters.content.guide_files import load

    [group] = [m for m in missed_deadlines(load(), list(items.values()), answers) if m.squeezed]
    assert group.id == "date_debut_immersion" and "Début de ton immersion" in group.text


def test_done_or_hand_dated_preparations_are_not_said_late() -> None:
    start = PLAN_DAY + dt.timedelta(days=20)
    answers = persona_answers(0, date_debut_formation=start.isoformat())
    from reconversion.adapters.content.guide_files import load

    shipped = load()
    rows = [
        {"id": 1, "guide_action_id": "formation_comparer", "text": "x", "due_date": None,
         "done_at": "2026-12-07T09:00:00", "due_by_hand": False, "step_id": "formation"},
        {"id": 2, "guide_action_id": "bilan_exemples", "text": "x", "due_date": "2027-01-20", "done_at": None,
         "due_by_hand": True, "step_id": "bilan"},
    ]  # fmt: skip
    starts = {step.id: PLAN_DAY for step in shipped.steps}
    items = {
        i.id: i
        for i in followup.action_items(shipped, answers, rows, base_day=PLAN_DAY, today=PLAN_DAY, step_starts=starts)
    }
    assert not items["formation_comparer"].missed and items["formation_comparer"].squeezed_by is None
    assert not items["bilan_exemples"].missed and items["bilan_exemples"].due == D(2027, 1, 20)
    [group] = [m for m in missed_deadlines(shipped, list(items.values()), answers) if m.squeezed]
    assert "(9 actions)" in group.text
