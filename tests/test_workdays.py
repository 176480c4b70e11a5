"""Compter les jours comme le droit : Pâques, jours fériés, jours ouvrés, mois de date à date."""

from __future__ import annotations

import datetime as dt

import pytest

from reconversion.core import model
from reconversion.core.deadlines import shift
from reconversion.core.workdays import (
    add_working_days,
    easter_sunday,
    is_working_day,
    public_holidays,
)

D = dt.date


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2000, D(2000, 4, 23)), (2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)),
     (2027, D(2027, 3, 28)), (2028, D(2028, 4, 16)), (2038, D(2038, 4, 25)), (2285, D(2285, 3, 22))],
)  # fmt: skip
def test_easter_sunday_matches_the_published_dates(year: int, expected: dt.date) -> None:
    assert easter_sunday(year) == expected


def test_the_eleven_french_public_holidays_of_2026() -> None:
    assert sorted(public_holidays(2026)) == [
        D(2026, 1, 1), D(2026, 4, 6), D(2026, 5, 1), D(2026, 5, 8), D(2026, 5, 14), D(2026, 5, 25),
        D(2026, 7, 14), D(2026, 8, 15), D(2026, 11, 1), D(2026, 11, 11), D(2026, 12, 25),
    ]  # fmt: skip


def test_working_days_skip_weekends_and_public_holidays() -> None:
    assert is_working_day(D(2026, 12, 4))  # vendredi
    assert not is_working_day(D(2026, 12, 5))  # samedi
    assert not is_working_day(D(2026, 5, 1))  # fête du Travail, un vendredi
    # Jeudi 30 avril 2026 + 1 jour ouvré : le vendredi 1er mai est férié, le lundi 4 mai suit.
    assert add_working_days(D(2026, 4, 30), 1) == D(2026, 5, 4)
    # Ascension (jeudi 14 mai 2026) : du mercredi 13 au vendredi 15, un seul jour ouvré.
    assert add_working_days(D(2026, 5, 13), 1) == D(2026, 5, 15)
    assert add_working_days(D(2026, 12, 4), 0) == D(2026, 12, 4)


def test_working_days_backwards_across_the_new_year() -> None:
    # Lundi 4 janvier 2027 - 1 jour ouvré : le vendredi 1er janvier est férié → jeudi 31 décembre.
    assert add_working_days(D(2027, 1, 4), -1) == D(2026, 12, 31)
    assert add_working_days(D(2027, 1, 4), -2) == D(2026, 12, 30)
    # 11 jours ouvrés avant le lundi 1er février 2027 (délai CPF) : le vendredi 15 janvier.
    assert add_working_days(D(2027, 2, 1), -11) == D(2027, 1, 15)


def test_calendar_days_cross_the_leap_day() -> None:
    due = model.Due("date_debut_formation", True, days=120)
    assert shift(D(2028, 3, 1), due) == D(2027, 11, 2)  # 29 février 2028 compté
    assert shift(D(2027, 9, 1), due) == D(2027, 5, 4)  # le cas de la revue : début mai, pas mi-janvier
    after = model.Due("demission_attestation", False, "action", months=6)
    assert shift(D(2027, 8, 31), after) == D(2028, 2, 29)
    working = model.Due("date_debut_formation", True, working_days=11)
    assert shift(D(2027, 2, 1), working) == D(2027, 1, 15)
