"""Les échéances du suivi : dates tapées (absolues, relatives, fausses) et bornes du retard."""

from __future__ import annotations

import datetime as dt

import pytest

from reconversion.core import dates
from reconversion.errors import AnswerError

TODAY = dt.date(2027, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2027-09-15", dt.date(2027, 9, 15)),
        ("2027-9-5", dt.date(2027, 9, 5)),
        ("15/09/2027", dt.date(2027, 9, 15)),
        ("5/9/2027", dt.date(2027, 9, 5)),
        ("  29/02/2028 ", dt.date(2028, 2, 29)),
        ("+10j", dt.date(2027, 3, 20)),
        ("+10J", dt.date(2027, 3, 20)),
        ("+ 10 j", dt.date(2027, 3, 20)),
        ("+0j", TODAY),
        ("+1j", dt.date(2027, 3, 11)),
        ("+3s", dt.date(2027, 3, 31)),
        ("+1S", dt.date(2027, 3, 17)),
        ("+22j", dt.date(2027, 4, 1)),  # passage de mois
        ("demain", dt.date(2027, 3, 11)),
        ("Demain", dt.date(2027, 3, 11)),
        ("aujourd'hui", TODAY),
        ("+10 jours", dt.date(2027, 3, 20)),
        ("+1 jour", dt.date(2027, 3, 11)),
        ("+3 semaines", dt.date(2027, 3, 31)),
        ("+2m", dt.date(2027, 5, 10)),
        ("+2 mois", dt.date(2027, 5, 10)),
        ("+12m", dt.date(2028, 3, 10)),
        ("1er septembre 2027", dt.date(2027, 9, 1)),
        ("15 Septembre 2027", dt.date(2027, 9, 15)),
        ("septembre 2027", dt.date(2027, 9, 1)),
        ("fevrier 2028", dt.date(2028, 2, 1)),
        ("1er\u00a0août 2027", dt.date(2027, 8, 1)),
    ],
)
def test_parse_due_accepts_every_form(text: str, expected: dt.date) -> None:
    assert dates.parse_due(text, TODAY) == expected


def test_relative_dates_cross_the_year_from_the_given_today() -> None:
    assert dates.parse_due("+2s", dt.date(2027, 12, 25)) == dt.date(2028, 1, 8)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hier",
        "31 février 2027",
        "15 brumaire 2027",
        "32/01/2027",
        "29/02/2027",
        "2027-13-01",
        "15-09-2027",
        "10j",
        "+10",
        "+10 siècles",
        "-3j",
        "+j",
        "15-09-27",
        "dans trois siècles",
        "mi-brumaire",
    ],
)
def test_wrong_dates_get_a_french_message_with_examples(text: str) -> None:
    with pytest.raises(AnswerError) as caught:
        dates.parse_due(text, TODAY)
    message = caught.value.message
    assert any(words in message for words in ("écris-la JJ/MM/AAAA", "n'existe pas", "pas de mois numéro"))
    assert "15/09/2027" in message


def test_absurdly_far_relative_date_is_refused_cleanly() -> None:
    with pytest.raises(AnswerError) as caught:
        dates.parse_due("+9999s", dt.date(9990, 1, 1))
    assert "trop loin" in caught.value.message


@pytest.mark.parametrize("text", ["", "  ", "aucune", "Aucune", "-", "sans"])
def test_optional_due_words_clear_the_date(text: str) -> None:
    assert dates.parse_optional_due(text, TODAY) is None


def test_optional_due_still_parses_and_refuses() -> None:
    assert dates.parse_optional_due("+1s", TODAY) == dt.date(2027, 3, 17)
    with pytest.raises(AnswerError):
        dates.parse_optional_due("bientôt", TODAY)


# --- bornes : hier, aujourd'hui, demain, +7, +8 -----------------------------------------------------

YESTERDAY = TODAY - dt.timedelta(days=1)
TOMORROW = TODAY + dt.timedelta(days=1)
IN_7 = TODAY + dt.timedelta(days=7)
IN_8 = TODAY + dt.timedelta(days=8)


@pytest.mark.parametrize(
    ("due", "overdue", "soon"),
    [
        (YESTERDAY, True, False),
        (TODAY, False, True),
        (TOMORROW, False, True),
        (IN_7, False, True),
        (IN_8, False, False),
        (None, False, False),
    ],
)
def test_overdue_and_due_soon_at_day_boundaries(due: dt.date | None, overdue: bool, soon: bool) -> None:
    assert dates.is_overdue(due, TODAY) is overdue
    assert dates.is_due_soon(due, TODAY) is soon


@pytest.mark.parametrize(
    ("due", "label"),
    [
        (YESTERDAY, "en retard de 1 jour (9 mars 2027)"),
        (TODAY - dt.timedelta(days=9), "en retard de 9 jours (1er mars 2027)"),
        (TODAY, "aujourd'hui"),
        (TOMORROW, "demain"),
        (IN_7, "dans 7 jours (17 mars 2027)"),
        (IN_8, "le 18 mars 2027"),
        (None, "sans date"),
    ],
)
def test_due_label_in_french(due: dt.date | None, label: str) -> None:
    assert dates.due_label(due, TODAY) == label


def test_months_added_stop_at_the_end_of_a_short_month() -> None:
    assert dates.parse_due("+1m", dt.date(2027, 1, 31)) == dt.date(2027, 2, 28)
    assert dates.parse_due("+1m", dt.date(2028, 1, 31)) == dt.date(2028, 2, 29)
    assert dates.parse_due("+1m", dt.date(2027, 12, 15)) == dt.date(2028, 1, 15)


def test_deadlines_can_refuse_the_past_but_keep_today() -> None:
    assert dates.parse_due("10/03/2027", TODAY, not_before_today=True) == TODAY
    with pytest.raises(AnswerError) as caught:
        dates.parse_due("09/03/2027", TODAY, not_before_today=True)
    assert (
        caught.value.message == "le 9 mars 2027 est déjà passé : indique une date à partir d'aujourd'hui (10 mars 2027)"
    )
    assert dates.parse_due("09/03/2027", TODAY) == dt.date(
        2027, 3, 9
    )  # une date de début d'expérience peut être passée


# --- les dates comme on les dit (le 6 décembre 2026, un dimanche) --------------------------------

SUNDAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dans 3 mois", dt.date(2027, 3, 6)),
        ("dans 6 mois", dt.date(2027, 6, 6)),
        ("dans 18 mois", dt.date(2028, 6, 6)),
        ("dans 2 semaines", dt.date(2026, 12, 20)),
        ("dans 10 jours", dt.date(2026, 12, 16)),
        ("dans deux mois", dt.date(2027, 2, 6)),
        ("dans un an", dt.date(2027, 12, 6)),
        ("15 décembre", dt.date(2026, 12, 15)),
        ("15 decembre", dt.date(2026, 12, 15)),
        ("le 15 mars", dt.date(2027, 3, 15)),
        ("3 décembre", dt.date(2027, 12, 3)),  # déjà passé cette année : l'an prochain
        ("15/12", dt.date(2026, 12, 15)),
        ("1/3", dt.date(2027, 3, 1)),
        ("15/09/27", dt.date(2027, 9, 15)),
        ("mi-janvier", dt.date(2027, 1, 15)),
        ("mi janvier", dt.date(2027, 1, 15)),
        ("fin mars", dt.date(2027, 3, 31)),
        ("fin février 2028", dt.date(2028, 2, 29)),
        ("début mars", dt.date(2027, 3, 1)),
        ("fin décembre", dt.date(2026, 12, 31)),
        ("début 2028", dt.date(2028, 1, 1)),
        ("mi-2028", dt.date(2028, 7, 1)),
        ("fin 2028", dt.date(2028, 12, 31)),
        ("septembre", dt.date(2027, 9, 1)),
        ("la semaine prochaine", dt.date(2026, 12, 13)),
        ("le mois prochain", dt.date(2027, 1, 6)),
        ("29/02", dt.date(2028, 2, 29)),
        ("+1 an", dt.date(2027, 12, 6)),
    ],
)
def test_dates_as_people_say_them(text: str, expected: dt.date) -> None:
    assert dates.parse_due(text, SUNDAY) == expected


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("31/02/2027", "le 31 février 2027 n'existe pas : février 2027 a 28 jours"),
        ("30 février 2028", "le 30 février 2028 n'existe pas : février 2028 a 29 jours"),
        ("2027-04-31", "le 31 avril 2027 n'existe pas : avril 2027 a 30 jours"),
        ("15/13/2027", "il n'y a pas de mois numéro 13"),
    ],
)
def test_a_well_written_day_that_does_not_exist_is_said_so(text: str, said: str) -> None:
    with pytest.raises(AnswerError) as caught:
        dates.parse_due(text, SUNDAY)
    assert said in caught.value.message
    assert "n'est pas une date valide" not in caught.value.message


def test_the_understood_date_is_echoed_with_its_weekday() -> None:
    assert dates.understood("2027-03-06", "dans 3 mois") == "= samedi 6 mars 2027"
    assert dates.understood("2027-03-31", "fin mars") == "= mercredi 31 mars 2027"
    assert dates.understood("2027-03-06", "6 mars 2027") is None  # déjà dite en toutes lettres


def test_forms_that_need_today_are_not_read_as_guide_bounds() -> None:
    assert dates.parse_date("dans 3 mois") is None
    assert dates.parse_date("fin mars") is None
    assert dates.parse_date("fin 2028") == "2028-12-31"


# --- add_months : la seule règle des mois (dates tapées et échéances du guide) ----------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),  # février court : ramené au dernier jour
        (dt.date(2027, 8, 31), 6, dt.date(2028, 2, 29)),  # année bissextile
        (dt.date(2028, 3, 31), -1, dt.date(2028, 2, 29)),
        (dt.date(2026, 12, 15), 1, dt.date(2027, 1, 15)),  # passage d'année
        (dt.date(2027, 1, 31), 1, dt.date(2027, 2, 28)),
        (dt.date(2026, 6, 30), 6, dt.date(2026, 12, 30)),
    ],
)
def test_months_from_date_to_date_clamp_at_month_end(start: dt.date, months: int, expected: dt.date) -> None:
    assert dates.add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "months"),
    [(dt.date(9999, 12, 1), 1), (dt.date(9999, 7, 31), 6), (dt.date(1, 1, 31), -1), (dt.date(2027, 1, 1), -2027 * 12)],
)
def test_a_month_count_that_leaves_the_calendar_is_too_far_both_ways(start: dt.date, months: int) -> None:
    with pytest.raises(dates.TooFar):
        dates.add_months(start, months)


def test_the_last_months_of_the_calendar_are_still_reached() -> None:
    assert dates.add_months(dt.date(9999, 11, 30), 1) == dt.date(9999, 12, 30)
    assert dates.add_months(dt.date(9999, 1, 31), 11) == dt.date(9999, 12, 31)
    assert dates.add_months(dt.date(1, 2, 28), -1) == dt.date(1, 1, 28)


def test_deadlines_and_typed_dates_share_the_month_rule() -> None:
    from reconversion.core import model
    from reconversion.core.deadlines import shift

    due = model.Due("date_debut_formation", True, months=6)
    assert shift(dt.date(2027, 8, 31), model.Due("date_debut_formation", False, months=6)) == dt.date(2028, 2, 29)
    assert shift(dt.date(2028, 2, 29), due) == dates.add_months(dt.date(2028, 2, 29), -6) == dt.date(2027, 8, 29)
    assert dates.parse_date("+6m", dt.date(2027, 8, 31)) == "2028-02-29"
