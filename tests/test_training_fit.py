"""A14 : la durée de formation d'un métier visé, comparée à la date cible de la personne."""

from __future__ import annotations

import datetime as dt

import pytest

from reconversion.core.training_fit import late_trainings, shortest_months

TODAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("6 mois à 2 ans", 6),
        ("1 à 2 ans", 12),
        ("3 à 6 mois", 3),
        ("18 mois", 18),
        ("2 ans de formation rémunérée après la licence", 24),
        ("Concours + 6 mois de formation", 6),
        ("2 à 3 semaines", 1),
        ("12 à 18 mois (1 407 h, moins avec des allègements ou la VAE)", 12),
        ("Quelques semaines à 1 an", None),
        ("120 heures", None),
        ("300 heures sur 2 à 3 ans", None),
        ("Variable selon ton projet", None),
    ],
)
def test_the_shortest_length_is_read_from_the_catalogue_words(text: str, months: int | None) -> None:
    assert shortest_months(text) == months


def test_kevin_training_cannot_end_before_his_target_date() -> None:
    """Formation le 1er mars 2027, « 6 mois à 1 an », métier visé dès le 1er septembre 2027 : c'est dit."""
    metiers = [
        {"code": "M1855", "title": "Développeur / Développeuse web", "training_duration": "6 mois à 1 an"},
        {"code": "K1801", "title": "Conseiller", "training_duration": "3 à 6 mois"},
    ]
    answers = {"date_debut_formation": "2027-03-01", "date_cible": "2027-09-01"}
    late = late_trainings(metiers, answers, TODAY)
    assert [item.title for item in late] == ["Développeur / Développeuse web"]
    sentence = late[0].sentence("{metier} : {duree}, du {debut} au {fin} ; cible {cible}.")
    assert sentence == (
        "Développeur / Développeuse web : 6 mois à 1 an, du 1er mars 2027 au 1er septembre 2027 ; "
        "cible 1er septembre 2027."
    )


def test_without_a_start_date_the_training_starts_today_and_no_target_means_no_warning() -> None:
    metiers = [{"title": "Infirmier", "training_duration": "3 ans"}]
    assert late_trainings(metiers, {"date_cible": "2028-01-01"}, TODAY)[0].start == TODAY
    assert late_trainings(metiers, {}, TODAY) == []
    assert late_trainings(metiers, {"date_cible": "2030-01-01"}, TODAY) == []


def test_status_says_a_training_that_cannot_end_in_time(tmp_path) -> None:
    from helpers import run_program

    home = tmp_path / "home"
    answers = tmp_path / "r.yaml"
    answers.write_text(
        "metiers_cibles: [M1805]\ndate_cible: 01/09/2027\ndate_debut_formation: 01/03/2027\n", encoding="utf-8"
    )
    env = {"RECONVERSION_TODAY": "2026-12-06"}
    assert run_program("start", "--answers", str(answers), home=home, env=env).returncode == 0
    shown = " ".join(run_program("status", home=home, env=env).stdout.split())
    assert "cette formation ne peut pas finir avant ta date cible" in shown
    assert "elle finirait au plus tôt le 1er septembre 2027, alors que tu vises le 1er septembre 2027" in shown


KEVIN = {
    "situation": "demandeur_emploi",
    "metiers_cibles": ["M1855", "D1102"],  # « 6 mois à 2 ans », « 1 an »
    "date_debut_formation": "2027-03-01",
    "date_cible": "2027-12-01",
}


def _plan(answers: dict) -> object:
    from helpers import plan_of
    from reconversion.adapters.content import guide_files, metiers_files
    from reconversion.core.plan_data import PlanLookups

    lookups = PlanLookups(catalogue=metiers_files.catalogue)
    return plan_of(guide_files.load(), answers, today=TODAY, lookups=lookups)


def test_the_plan_gathers_the_warning_once_and_each_format_says_it() -> None:
    """A14 : un champ du plan (`late_trainings`), dit en entier sous « À vérifier », en une ligne dans la synthèse,
    en Markdown comme en HTML ; les mots viennent du guide (`messages`)."""
    from helpers import plain_spaces
    from reconversion.core.plan_html import render_plan_html
    from reconversion.core.plan_markdown import render_plan

    plan = _plan(KEVIN)
    [sentence] = plan.late_trainings  # M1855 finirait au plus tôt le 1er septembre 2027 : il tient
    assert plain_spaces(sentence).startswith("« Boulanger / Boulangère » : cette formation ne peut pas finir avant")
    assert "commencée le 1er mars 2027, elle finirait au plus tôt le 1er mars 2028" in plain_spaces(sentence)
    markdown = plain_spaces(render_plan(plan))
    checks = markdown.split("## À vérifier", 1)[1].split("\n## ", 1)[0]
    assert plain_spaces(sentence) in checks
    synthesis = markdown.split("**Ta formation**", 1)[1].split("\n\n", 1)[0]
    assert "⚠ « Boulanger / Boulangère » : cette formation ne peut pas finir avant ta date cible" in synthesis
    assert "Développeur" not in synthesis
    html = plain_spaces(render_plan_html(plan))
    assert "elle finirait au plus tôt le 1er mars 2028" in html and "(détails dans « À vérifier »)" in html


def test_a_plan_whose_training_fits_says_nothing() -> None:
    from reconversion.core.plan_markdown import render_plan

    plan = _plan({**KEVIN, "date_cible": "2029-09-01"})
    assert plan.late_trainings == () and plan.synthesis.late_trainings == ()
    assert "ne peut pas finir avant" not in render_plan(plan)


def test_the_guide_says_the_words_and_the_loader_checks_their_holes(tmp_path) -> None:
    from helpers import write
    from reconversion.adapters.content import guide_files
    from reconversion.core.guide_loader import load_guide
    from reconversion.core.model import LATE_TRAINING_MESSAGE, LATE_TRAINING_SHORT_MESSAGE
    from reconversion.errors import GuideError

    guide = guide_files.load()
    assert "{metier}" in guide.message(LATE_TRAINING_MESSAGE) and "{cible}" in guide.message(LATE_TRAINING_MESSAGE)
    assert "{metier}" in guide.message(LATE_TRAINING_SHORT_MESSAGE)
    shipped = (guide_files.data_dir() / "guide.yaml").read_text(encoding="utf-8")
    broken = shipped.replace("{cible}", "{date_cible}", 1) + "  inconnu: Un texte.\n"
    with pytest.raises(GuideError) as caught:
        load_guide(write(tmp_path, "guide.yaml", broken))
    problems = "\n".join(caught.value.problems)
    assert "messages.formation_trop_longue: trou inconnu « {date_cible} »" in problems, problems
    assert "messages.inconnu: message inconnu « inconnu »" in problems, problems


def test_the_wizard_says_it_as_soon_as_the_target_date_is_given(tmp_path) -> None:
    """A14 dans l'assistant (vrai terminal, mode simple) : les mots du guide, dès la date cible répondue."""
    pexpect = pytest.importorskip("pexpect")
    from helpers import finish, run_program, spawn, transcript

    home = tmp_path / "home"
    answers = tmp_path / "r.yaml"
    answers.write_text("metiers_cibles: [D1102]\ndate_debut_formation: 01/03/2027\n", encoding="utf-8")
    env = {"RECONVERSION_TODAY": "2026-12-06"}
    assert run_program("start", "--answers", str(answers), home=home, env=env).returncode == 0
    child = spawn("start", "--simple", "--question", "date_cible", home=home, env=env, columns=60, rows=40)
    child.expect("exercer ton nouveau")
    child.expect(r"Ta\sréponse")
    child.sendline("01/12/2027")
    child.expect(r"ne\s+peut\s+pas\s+finir\s+avant\s+ta\s+date\s+cible")
    child.expect(pexpect.EOF)
    finish(child)
    flat = " ".join(transcript(child).split()).replace("\u00a0", " ")
    assert "« Boulanger / Boulangère » : cette formation ne peut pas finir avant ta date cible" in flat, flat
    assert "elle finirait au plus tôt le 1er mars 2028, alors que tu vises le 1er décembre 2027" in flat
