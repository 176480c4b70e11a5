"""Les types de question, chacun à un seul endroit : le registre `KINDS` et ce que chaque type sait faire."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from reconversion.adapters.prompts.asker import QuestionAsker, Reply
from reconversion.core import question_types as qt
from reconversion.core.guide_loader import parse_guide
from reconversion.core.model import Choice, Question, Validation
from reconversion.errors import AnswerError, GuideError

TODAY = dt.date(2026, 1, 10)
CHOICES = (Choice("a", "Alpha"), Choice("b", "Bêta"))

# Pour chaque type : une question, une réponse tapée et la valeur qu'elle donne.
SAMPLES: dict[str, tuple[Question, Any, Any]] = {
    "text": (Question("q", "text", "?"), "  Bonjour ", "Bonjour"),
    "long_text": (Question("q", "long_text", "?"), "Une ligne\net une autre", "Une ligne\net une autre"),
    "select": (Question("q", "select", "?", choices=CHOICES), "bêta", "b"),
    "multiselect": (Question("q", "multiselect", "?", choices=CHOICES), ["a", "Bêta"], ["a", "b"]),
    "confirm": (Question("q", "confirm", "?"), "oui", True),
    "number": (Question("q", "number", "?"), "3 200,5 €", 3200.5),
    "date": (Question("q", "date", "?"), "15/09/2027", "2027-09-15"),
    "scale": (Question("q", "scale", "?", validate=Validation(min=1, max=5), scale_labels=("Peu", "Très")), "4", 4),
}
GUIDE = """\
id: g
version: "1"
language: fr
title: Guide
steps:
  - id: s1
    title: Étape
    intro: Intro.
    questions:
      - id: q1
        type: {type}
        prompt: Question ?
resources: []
"""


def test_every_kind_has_a_sample_and_the_registry_keeps_the_documented_order() -> None:
    assert list(qt.KINDS) == ["text", "long_text", "select", "multiselect", "confirm", "number", "date", "scale"]
    assert set(SAMPLES) == set(qt.KINDS)
    for name, kind in qt.KINDS.items():
        assert kind.name == name


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_kind_reads_shows_and_rereads_its_own_value(name: str) -> None:
    question, raw, expected = SAMPLES[name]
    kind = qt.kind_of(question)
    value = qt.normalize(question, raw, TODAY)
    assert value == expected
    assert kind.value_problem(value) is None  # ce qu'il écrit, une sauvegarde le relit
    assert qt.display(question, value) not in ("", "(question passée)")
    if kind.widget == "line":
        assert qt.normalize(question, qt.as_text(question, value), TODAY) == value  # le texte prérempli se relit
    elif kind.widget == "list":
        assert value in [c.value for c in kind.choices(question)]
    else:
        assert kind.many and set(value) <= {c.value for c in kind.choices(question)}


@pytest.mark.parametrize("name", list(SAMPLES))
def test_each_kind_refuses_a_value_of_another_shape(name: str) -> None:
    kind = qt.KINDS[name]
    wrong = {"multiselect": "a"}.get(name, [1, 2])
    problem = kind.value_problem(wrong)
    assert problem is not None and "attendu" in problem


def test_the_forms_are_the_ones_the_prompts_and_the_booklet_know() -> None:
    for kind in qt.KINDS.values():
        assert kind.widget in ("list", "checkboxes", "line")
        assert kind.paper in ("boxes", "scale", "date", "line", "lines")
        assert kind.many == (kind.widget == "checkboxes")
        assert kind.hint == "" or kind.widget == "line"


def test_flags_name_the_kinds_in_messages() -> None:
    assert qt.names_with("has_choices") == "select et multiselect"
    assert qt.names_with("dated") == "date"
    assert qt.names_with("bounds") == "scale"


def test_confirm_and_scale_offer_their_own_choices() -> None:
    assert qt.KINDS["confirm"].choices(SAMPLES["confirm"][0]) == [Choice(True, "Oui"), Choice(False, "Non")]
    points = qt.KINDS["scale"].choices(SAMPLES["scale"][0])
    labels = ["1 — Peu", "2 — Plutôt pas", "3 — Entre les deux", "4 — Plutôt oui", "5 — Très"]
    assert [c.label for c in points] == labels


def test_a_line_is_prefilled_as_it_is_typed() -> None:
    assert qt.as_text(SAMPLES["date"][0], "2027-09-15") == "15/09/2027"
    assert qt.as_text(SAMPLES["number"][0], 3.5) == "3,5"
    assert qt.as_text(SAMPLES["number"][0], None) == ""


def test_the_asker_picks_the_form_from_the_kind_alone() -> None:
    asked: list[str] = []

    class Recorder(QuestionAsker):
        def _select(self, *args: Any) -> Reply:
            asked.append("list")
            return Reply()

        def _multi(self, *args: Any) -> Reply:
            asked.append("checkboxes")
            return Reply()

        def _text(self, *args: Any) -> Reply:
            asked.append("line")
            return Reply()

    for question, _, _ in SAMPLES.values():
        Recorder().ask(question, None, can_go_back=False)
    assert asked == [qt.kind_of(q).widget for q, _, _ in SAMPLES.values()]


def test_an_unknown_type_is_refused_with_the_list_of_kinds() -> None:
    with pytest.raises(GuideError) as caught:
        parse_guide(GUIDE.format(type="email"), "g.yaml")
    assert f"types possibles : {', '.join(qt.KINDS)}" in str(caught.value)


def test_a_new_kind_needs_only_its_class_and_its_place_in_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    class Email(qt.Text):
        name = "email"

        def normalize(self, question: Question, raw: Any, today: dt.date) -> str:
            value = super().normalize(question, raw, today)
            if "@" not in value:
                raise AnswerError("une adresse e-mail est attendue")
            return value

    monkeypatch.setitem(qt.KINDS, "email", Email())
    question = parse_guide(GUIDE.format(type="email"), "g.yaml").questions[0]
    assert question.type == "email"
    assert qt.normalize(question, " awa@example.org ") == "awa@example.org"
    with pytest.raises(AnswerError, match="adresse e-mail"):
        qt.normalize(question, "awa")


def test_the_format_documentation_lists_every_kind() -> None:
    doc = (Path(__file__).resolve().parents[1] / "docs" / "guide-format.md").read_text(encoding="utf-8")
    row = next(line for line in doc.splitlines() if line.startswith("| `type` |"))
    assert all(f"`{name}`" in row for name in qt.KINDS)


@pytest.mark.parametrize(
    ("qtype", "extra", "message"),
    [
        ("text", "choices: [a, b]", ".choices: choices n'a de sens que pour select et multiselect"),
        ("text", "choices_from: metiers", ".choices_from: choices_from n'a de sens que pour select et multiselect"),
        ("select", "required: true", ": une question select doit avoir des choix (choices)"),
        ("text", "validate: {after: today}", ".validate.after: after n'a de sens que pour une question date"),
        ("number", "not_before: q1", ".not_before: not_before n'a de sens que pour une question date"),
        ("text", "scale_labels: {min: a}", ".scale_labels: scale_labels n'a de sens que pour une question scale"),
        ("scale", "validate: {min: 1.5}", ".validate.min: nombre entier attendu pour une échelle"),
        ("date", "validate: {min: bientôt}", ".validate.min: date attendue au format AAAA-MM-JJ"),
        ("number", "validate: {max: beaucoup}", ".validate.max: nombre attendu"),
        ("scale", "default: 7", ".default: la valeur par défaut doit être entre 1 et 5"),
        ("confirm", "default: oui", ".default: true ou false attendu pour une question confirm"),
        ("text", "default: 3", ".default: texte attendu"),
        ("date", "default: bientôt", ".default: date attendue au format AAAA-MM-JJ"),
    ],
)
def test_the_loader_asks_the_kind_which_keys_and_values_fit(qtype: str, extra: str, message: str) -> None:
    prompt = "        prompt: Question ?\n"
    text = GUIDE.format(type=qtype).replace(prompt, f"{prompt}        {extra}\n")
    with pytest.raises(GuideError) as caught:
        parse_guide(text, "g.yaml")
    assert f"steps[0].questions[0]{message}" in str(caught.value)


def test_scale_bounds_default_to_one_to_five() -> None:
    question = parse_guide(GUIDE.format(type="scale"), "g.yaml").questions[0]
    assert (question.validate.min, question.validate.max) == (1, 5)
