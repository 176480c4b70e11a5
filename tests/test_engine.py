"""Le moteur pur : conditions, question suivante, retour, passage, avancement."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconversion.core import engine
from reconversion.core.conditions import holds
from reconversion.core.guide_loader import load_guide
from reconversion.core.model import All, Answered, AnyOf, Equals, Guide, InValues, Not
from reconversion.errors import AnswerError


@pytest.fixture
def guide(mini_guide_path: Path) -> Guide:
    return load_guide(mini_guide_path)


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (Equals("q", "a"), {"q": "a"}, True),
        (Equals("q", "a"), {"q": "b"}, False),
        (Equals("q", "a"), {}, False),
        (Equals("q", "a"), {"q": ["b", "a"]}, True),
        (Equals("q", True), {"q": True}, True),
        (Equals("q", True), {"q": False}, False),
        (InValues("q", ("a", "b")), {"q": "b"}, True),
        (InValues("q", ("a", "b")), {"q": "c"}, False),
        (InValues("q", ("a", "b")), {"q": ["c", "b"]}, True),
        (Answered("q"), {"q": "x"}, True),
        (Answered("q"), {"q": None}, False),
        (Answered("q", answered=False), {}, True),
        (Not(Equals("q", "a")), {"q": "a"}, False),
        (All((Equals("q", "a"), Answered("r"))), {"q": "a", "r": 1}, True),
        (All((Equals("q", "a"), Answered("r"))), {"q": "a"}, False),
        (AnyOf((Equals("q", "a"), Answered("r"))), {"r": 1}, True),
        (AnyOf((Equals("q", "a"), Answered("r"))), {}, False),
        (None, {}, True),
    ],
)
def test_conditions(condition: object, answers: dict, expected: bool) -> None:
    assert holds(condition, answers) is expected  # type: ignore[arg-type]


def test_next_question_follows_conditions(guide: Guide) -> None:
    assert engine.next_question(guide, {}).id == "situation"
    assert engine.next_question(guide, {"situation": "salarie"}).id == "prenom"
    assert engine.next_question(guide, {"situation": "autre"}).id == "note"


def test_answer_to_a_question_that_stops_applying_is_kept_but_ignored(guide: Guide) -> None:
    answers = {"situation": "autre", "prenom": "Ana"}
    assert "prenom" not in engine.effective_answers(guide, answers)
    assert [q.id for q in engine.applicable_questions(guide, answers, "s1")] == ["situation", "note"]
    answers["situation"] = "salarie"
    assert engine.effective_answers(guide, answers)["prenom"] == "Ana"


def test_progress_counts_applicable_and_answered(guide: Guide) -> None:
    steps = engine.progress(guide, {"situation": "salarie", "prenom": "Ana"})
    first, second = steps
    assert (first.applicable, first.answered, first.done, first.state) == (3, 2, False, "en cours")
    assert first.next_question is not None and first.next_question.id == "note"
    assert (second.applicable, second.answered, second.state) == (2, 0, "à faire")
    assert engine.overall_percent(steps) == 40


def test_skipped_optional_question_counts_as_answered(guide: Guide) -> None:
    steps = engine.progress(guide, {"situation": "autre", "note": None})
    assert steps[0].done and steps[0].state == "terminée"


def test_resources_and_actions_depend_on_answers(guide: Guide) -> None:
    s1, s2 = guide.steps
    assert [a.id for a in engine.applicable_actions(guide, s1, {"situation": "salarie"})] == ["a1", "a2"]
    assert [a.id for a in engine.applicable_actions(guide, s1, {"situation": "autre"})] == ["a1"]
    assert engine.applicable_resources(guide, s2, {"situation": "salarie"}) == []
    assert [r.id for r in engine.applicable_resources(guide, s2, {"situation": "autre"})] == ["ft"]


def test_session_goes_forward_back_and_skips(guide: Guide) -> None:
    session = engine.Session(guide, {})
    assert session.current.id == "situation"
    session.record(session.check("salarie"))
    assert session.current.id == "prenom"
    assert session.back() is True
    assert session.current.id == "situation"
    session.record(session.check("Autre"))  # le libellé est accepté aussi
    assert session.answers["situation"] == "autre"
    assert session.current.id == "note"  # « prenom » ne s'applique plus
    session.record(session.check(""))  # question facultative passée
    assert session.answers["note"] is None
    assert session.current.id == "date_cible"


def test_session_cannot_skip_a_required_question(guide: Guide) -> None:
    session = engine.Session(guide, {})
    with pytest.raises(AnswerError, match="une réponse est nécessaire"):
        session.check("  ")


def test_back_from_the_first_question_is_refused(guide: Guide) -> None:
    session = engine.Session(guide, {})
    assert session.back() is False
    assert session.current.id == "situation"


def test_after_going_back_the_session_returns_to_the_first_unanswered(guide: Guide) -> None:
    session = engine.Session(guide, {"situation": "salarie", "prenom": "Ana", "note": 3})
    assert session.current.id == "date_cible"
    session.back()
    session.back()
    assert session.current.id == "prenom"
    session.record(session.check("Léa"))
    assert session.current.id == "date_cible"


def test_review_walks_every_question_of_a_step(guide: Guide) -> None:
    answers = {"situation": "salarie", "prenom": "Ana", "note": 3, "date_cible": "2027-01-01", "envies": ["Soin"]}
    session = engine.Session(guide, answers)
    assert session.current is None
    session.review("s1")
    seen = []
    while session.current is not None:
        seen.append(session.current.id)
        session.record(session.answers[session.current.id])
    assert seen == ["situation", "prenom", "note"]


def test_session_limited_to_one_step(guide: Guide) -> None:
    session = engine.Session(guide, {}, step_id="s2")
    assert session.current.id == "date_cible"
    assert session.back() is False  # pas de retour vers une autre étape
