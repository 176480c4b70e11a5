"""Validation et normalisation des réponses, type par type (le même code pour l'écran et les fichiers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reconversion.core.dates import french_date, parse_date
from reconversion.core.model import Choice, Question, Validation
from reconversion.core.question_types import display, normalize
from reconversion.errors import AnswerError


def question(qtype: str, **kwargs: Any) -> Question:
    return Question(id="q", type=qtype, prompt="?", **kwargs)


CHOICES = (Choice("soin", "Soin et santé"), Choice("bois", "Travail du bois"), Choice("code", "Informatique"))


@pytest.mark.parametrize(
    ("qtype", "kwargs", "raw", "expected"),
    [
        ("text", {}, "  Ana  ", "Ana"),
        ("long_text", {"validate": Validation(max_length=10)}, "court", "court"),
        ("text", {"validate": Validation(pattern=r"\d{5}")}, "75011", "75011"),
        ("select", {"choices": CHOICES}, "bois", "bois"),
        ("select", {"choices": CHOICES}, "informatique", "code"),
        ("multiselect", {"choices": CHOICES}, ["soin", "code", "soin"], ["soin", "code"]),
        ("multiselect", {"choices": CHOICES}, "soin", ["soin"]),
        ("confirm", {}, True, True),
        ("confirm", {}, "Oui", True),
        ("confirm", {}, "non", False),
        ("number", {}, "3,5", 3.5),
        ("number", {}, "12", 12),
        ("number", {"validate": Validation(min=0, max=50)}, 50, 50),
        ("date", {}, "15/09/2027", "2027-09-15"),
        ("date", {}, "2027-09-15", "2027-09-15"),
        ("scale", {"validate": Validation(min=1, max=5)}, "4", 4),
        ("scale", {"validate": Validation(min=1, max=5)}, 5, 5),
    ],
)
def test_valid_answers_are_normalised(qtype: str, kwargs: dict, raw: Any, expected: Any) -> None:
    assert normalize(question(qtype, **kwargs), raw) == expected


@pytest.mark.parametrize(
    ("qtype", "kwargs", "raw", "message"),
    [
        ("text", {}, "", "une réponse est nécessaire pour continuer"),
        ("text", {"validate": Validation(min_length=3)}, "ab", "au moins 3 caractères, s'il te plaît"),
        ("text", {"validate": Validation(max_length=3)}, "abcd", "3 caractères au plus (tu en as écrit 4)"),
        ("text", {"validate": Validation(pattern=r"\d{5}")}, "750", "la réponse n'a pas la forme attendue"),
        (
            "text",
            {"validate": Validation(pattern=r"\d{5}", message="Un code postal a 5 chiffres.")},
            "750",
            "Un code postal a 5 chiffres.",
        ),
        ("select", {"choices": CHOICES}, "danse", "« danse » n'est pas un choix possible (choix : soin, bois, code)"),
        ("select", {"choices": CHOICES}, ["soin"], "un seul choix est attendu"),
        ("multiselect", {"choices": CHOICES}, [], "une réponse est nécessaire pour continuer"),
        (
            "multiselect",
            {"choices": CHOICES, "validate": Validation(max_choices=2)},
            ["soin", "bois", "code"],
            "choisis au plus 2 réponses (tu en as choisi 3)",
        ),
        ("multiselect", {"choices": CHOICES, "validate": Validation(min_choices=2)}, ["soin"], "choisis au moins 2"),
        ("confirm", {}, "peut-être", "réponds par oui ou par non"),
        ("number", {}, "une douzaine", "« une douzaine » n'est pas un nombre (exemples : 12 ou 3,5)"),
        ("number", {"validate": Validation(min=0)}, "-1", "le nombre doit être au moins 0"),
        ("number", {"validate": Validation(max=50)}, "51", "le nombre doit être au plus 50"),
        ("number", {}, True, "un nombre est attendu"),
        ("date", {}, "31/02/2027", "« 31/02/2027 » : le 31 février 2027 n'existe pas"),
        ("date", {"validate": Validation(min="2026-01-01")}, "2025-12-31", "la date doit être le 1er janvier 2026"),
        ("scale", {"validate": Validation(min=1, max=5)}, "6", "choisis un nombre de 1 à 5"),
        ("scale", {"validate": Validation(min=1, max=5)}, "beaucoup", "choisis un nombre entier de 1 à 5"),
    ],
)
def test_invalid_answers_say_why(qtype: str, kwargs: dict, raw: Any, message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        normalize(question(qtype, **kwargs), raw)
    assert caught.value.message.startswith(message)


def test_optional_question_left_empty_is_skipped() -> None:
    assert normalize(question("number", required=False), "  ") is None
    assert normalize(question("multiselect", choices=CHOICES, required=False), []) is None


def test_dates() -> None:
    assert parse_date("1/3/2027") == "2027-03-01"
    assert parse_date("2027-13-01") is None
    assert parse_date("demain") is None  # sans « aujourd'hui », pas de date relative
    assert french_date("2027-03-01") == "1er mars 2027"
    assert french_date("2027-08-15") == "15 août 2027"


def test_display_is_readable_french() -> None:
    assert display(question("select", choices=CHOICES), "code") == "Informatique"
    assert display(question("multiselect", choices=CHOICES), ["soin", "bois"]) == "Soin et santé ; Travail du bois"
    assert display(question("confirm"), False) == "Non"
    assert display(question("confirm"), True) == "Oui"
    assert display(question("date"), "2027-09-15") == "15 septembre 2027"
    assert display(question("number"), 3.5) == "3,5"
    assert display(question("scale", validate=Validation(min=1, max=5)), 4) == "4 sur 5"
    labelled = question("scale", validate=Validation(min=1, max=5), scale_labels=("Aucune", "Solide"))
    assert display(labelled, 1) == "1 sur 5 — Aucune"
    assert display(labelled, 5) == "5 sur 5 — Solide"
    assert display(labelled, 3) == "3 sur 5 — Entre les deux"  # A15 : chaque point nommé
    assert display(labelled, 2) == "2 sur 5 — Plutôt pas"
    assert display(question("scale", validate=Validation(min=1, max=5)), 3) == "3 sur 5"
    assert display(question("text"), None) == "(question passée)"


@pytest.mark.parametrize(
    "raw",
    ["3 200 €", "3200€", "3\u00a0200 €", "3\u202f200", "3 200 euros", "3200 EUR"],
)
def test_amounts_as_written_in_france(raw: str) -> None:
    assert normalize(question("number"), raw) == 3200


@pytest.mark.parametrize(("raw", "expected"), [("3 200,50", 3200.5), ("200 h", 200), ("200h", 200), ("35 heures", 35)])
def test_decimals_and_hours_as_written_in_france(raw: str, expected: float) -> None:
    assert normalize(question("number"), raw) == expected


@pytest.mark.parametrize("raw", ["deux cents", "€", "h", "2OO"])
def test_numbers_with_other_words_are_still_refused(raw: str) -> None:
    with pytest.raises(AnswerError):
        normalize(question("number"), raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("3 200 € par mois", 3200), ("50 €/mois", 50), ("rien", 0), ("aucun", 0), ("deux", 2), ("trente ans", 30)],
)
def test_numbers_as_people_say_them(raw: str, expected: int) -> None:
    """A1, C6 : « 50 € par mois », « rien », « deux », « trente ans » sont compris."""
    assert normalize(question("number"), raw) == expected


def test_units_stay_with_numbers_and_errors_give_examples_in_the_unit() -> None:
    """C1, C6 : « 150 h », « 480,50 € », « 1 an » ; « 150 € » n'est pas pris pour des heures."""
    hours = question("number", unit="h", validate=Validation(min=0, max=550))
    euros = question("number", unit="€")
    monthly = question("number", unit="€ par mois")
    years = question("number", unit="ans", validate=Validation(min=0, max=50))
    assert display(hours, 150) == "150\u00a0h"
    assert display(euros, 480.5) == "480,50\u00a0€"
    assert display(monthly, 50) == "50\u00a0€ par mois"
    assert (display(years, 1), display(years, 12)) == ("1\u00a0an", "12\u00a0ans")
    with pytest.raises(AnswerError, match="ici, on compte en heures"):
        normalize(hours, "150 €")
    with pytest.raises(AnswerError) as caught:
        normalize(years, "une trentaine")
    assert caught.value.message == "« une trentaine » n'est pas un nombre (exemple : 12\u00a0ans)"
    with pytest.raises(AnswerError) as caught:
        normalize(hours, "600")
    assert caught.value.message == "le nombre doit être au plus 550\u00a0h"


def test_relative_and_written_dates_use_the_given_day() -> None:
    today = dt.date(2026, 12, 1)
    date = question("date")
    assert normalize(date, "demain", today) == "2026-12-02"
    assert normalize(date, "+2 mois", today) == "2027-02-01"
    assert normalize(date, "septembre 2027", today) == "2027-09-01"
    assert normalize(date, "1er septembre 2027", today) == "2027-09-01"


def test_future_only_dates_refuse_today_and_the_past() -> None:
    today = dt.date(2026, 12, 1)
    future = question("date", validate=Validation(after="today"))
    assert normalize(future, "02/12/2026", today) == "2026-12-02"
    for raw in ("01/12/2026", "01/02/2026"):
        with pytest.raises(AnswerError) as caught:
            normalize(future, raw, today)
        assert "après aujourd'hui (1er décembre 2026)" in caught.value.message


def test_rome_code_message_states_the_real_rule() -> None:
    with pytest.raises(AnswerError) as caught:
        normalize(question("multiselect", choices_from="metiers"), ["Z9999"])
    assert "une lettre de A à N suivie de quatre chiffres" in caught.value.message


def test_numbers_are_shown_the_french_way() -> None:
    assert display(question("number"), 3200) == "3\u202f200"
    assert display(question("number"), 3200.5) == "3\u202f200,5"
    assert display(question("number"), 12) == "12"
