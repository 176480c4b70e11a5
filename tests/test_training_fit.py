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
    sentence = late[0].sentence()
    assert "au plus tôt le 1er septembre 2027" in sentence and "date cible du 1er septembre 2027" in sentence


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
    assert "elle finirait au plus tôt le 1er septembre 2027, pas avant ta date cible" in shown
