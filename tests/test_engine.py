"""Le moteur pur : conditions, question suivante, retour, passage, avancement."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import help_variants_guide
from reconversion.core import engine
from reconversion.core.conditions import holds
from reconversion.core.guide_loader import load_guide
from reconversion.core.model import SKIPPED, All, Answered, AnyOf, Equals, Guide, InValues, Not
from reconversion.errors import AnswerError, UsageError


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
    assert (first.applicable, first.answered, first.done, first.state) == (3, 2, False, "started")
    assert first.next_question is not None and first.next_question.id == "note"
    assert (second.applicable, second.answered, second.state) == (2, 0, "todo")
    assert engine.overall_percent(steps) == 40


def test_skipped_optional_question_counts_as_answered(guide: Guide) -> None:
    steps = engine.progress(guide, {"situation": "autre", "note": None})
    assert steps[0].done and steps[0].state == "done"


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


def test_after_going_back_twice_each_question_in_between_is_asked_again(guide: Guide) -> None:
    """A5 : revenir de deux questions puis répondre repose la question du milieu, puis reprend."""
    session = engine.Session(guide, {"situation": "salarie", "prenom": "Ana", "note": 3})
    assert session.current.id == "date_cible"
    session.back()
    session.back()
    assert session.current.id == "prenom"
    session.record(session.check("Léa"))
    assert session.current.id == "note"
    session.record(session.check("4"))
    assert session.current.id == "date_cible"
    session.record(session.check("01/02/2030"))
    assert session.current.id == "envies"  # et la suite reprend normalement


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


# --- ce que le guide livré cible, et où commence chaque invite -------------------------------------


@pytest.fixture(scope="module")
def builtin() -> Guide:
    return load_guide(Path(__file__).parents[1] / "guide_data" / "guide.yaml")


def _values(guide: Guide, question_id: str, answers: dict) -> list:
    question = guide.question(question_id)
    assert question is not None
    return [c.value for c in engine.offered_choices(guide, question, answers)]


@pytest.mark.parametrize(
    ("age", "rqth", "offered"),
    [
        ("moins_26", None, True),
        ("de_26_a_29", True, True),
        ("de_26_a_29", False, False),
        ("de_30_a_49", True, False),
        ("plus_50", None, False),
    ],
)
def test_service_civique_is_offered_by_age(builtin: Guide, age: str, rqth: bool | None, offered: bool) -> None:
    answers = {"situation": "salarie_prive", "tranche_age": age, "rqth": rqth}
    assert ("service_civique" in _values(builtin, "types_experience", answers)) is offered
    assert "immersion" in _values(builtin, "types_experience", answers)


def _resource_ids(guide: Guide, step_id: str, answers: dict) -> set[str]:
    step = guide.step(step_id)
    assert step is not None
    return {r.id for r in engine.applicable_resources(guide, step, answers)}


def test_online_course_sites_are_not_suggested_for_a_full_diploma(builtin: Guide) -> None:
    diploma = _resource_ids(builtin, "formation", {"besoin_formation": "diplome"})
    short = _resource_ids(builtin, "formation", {"besoin_formation": "formation_courte"})
    assert not {"coursera", "udemy"} & diploma
    assert {"coursera", "udemy"} <= short


def test_resignation_resource_only_when_resigning_is_considered(builtin: Guide) -> None:
    base = {"situation": "salarie_prive", "contrat": "cdi"}
    assert "demission_reconversion" not in _resource_ids(builtin, "formation", {**base, "demission_envisagee": False})
    assert "demission_reconversion" in _resource_ids(builtin, "formation", {**base, "demission_envisagee": True})


def test_health_and_disability_questions_are_sensitive_without_default(builtin: Guide) -> None:
    for question_id in ("rqth", "contraintes"):
        question = builtin.question(question_id)
        assert question is not None and question.sensitive and not question.required
        assert engine.starting_point(question, {}) is None


def test_starting_point_is_the_record_then_the_declared_default(builtin: Guide) -> None:
    cadre = builtin.question("statut_cadre")
    rqth = builtin.question("rqth")
    assert cadre is not None and rqth is not None
    assert engine.starting_point(cadre, {}) is False  # `default: false` déclaré
    assert engine.starting_point(cadre, {"statut_cadre": True}) is True
    assert engine.starting_point(rqth, {"rqth": None}) is SKIPPED  # passée : on repart de « Passer »
    assert engine.starting_point(rqth, {}) is None


def test_target_date_before_training_start_is_reported(builtin: Guide) -> None:
    answers = {"date_cible": "2026-02-01", "date_debut_formation": "2027-09-01"}
    [conflict] = engine.date_conflicts(builtin, answers)
    assert engine.conflict_text(conflict) == (
        "« Date visée pour exercer ton nouveau métier » (1er février 2026) tombe avant "
        "« Début de formation souhaité » (1er septembre 2027) : l'une des deux dates est à revoir."
    )
    assert engine.date_conflicts(builtin, {**answers, "date_cible": "2028-01-01"}) == []
    assert engine.date_conflicts(builtin, {"date_cible": "2026-02-01"}) == []


def test_resume_position_counts_within_the_step(guide: Guide) -> None:
    assert engine.resume_position(guide, {}) == engine.Position(1, 2, 1, 2)  # « prénom » dépend de la situation
    assert engine.resume_position(guide, {"situation": "salarie"}) == engine.Position(1, 2, 2, 3)
    assert engine.resume_position(guide, {"situation": "autre"}) == engine.Position(1, 2, 2, 2)
    done = {"situation": "autre", "note": None, "date_cible": "2027-01-01", "envies": ["Bois"]}
    assert engine.resume_position(guide, done) is None


def test_session_can_ask_a_single_question(guide: Guide) -> None:
    session = engine.Session(guide, {"situation": "salarie", "prenom": "Ana", "note": 2})
    session.only("prenom")
    assert session.current is not None and session.current.id == "prenom"
    session.record("Léa")
    assert session.current is None
    with pytest.raises(UsageError, match="ne te concerne pas"):
        engine.Session(guide, {"situation": "autre"}).only("prenom")
    with pytest.raises(UsageError, match="Question inconnue « nom »"):
        engine.Session(guide, {}).only("nom")


def test_prompts_follow_the_number_of_chosen_metiers(builtin: Guide) -> None:
    question = builtin.question("besoin_formation")
    assert question is not None
    one = engine.worded(builtin, question, {"metiers_cibles": ["J1506"]})
    two = engine.worded(builtin, question, {"metiers_cibles": ["J1506", "M1805"]})
    assert one.prompt == "De quoi as-tu besoin pour accéder au métier visé\u202f?"
    assert two.prompt == "De quoi as-tu besoin pour accéder aux métiers visés\u202f?"


def test_orientation_test_action_disappears_once_the_builtin_test_is_done(builtin: Guide) -> None:
    step = builtin.step("metiers")
    assert step is not None
    answers = {"test_orientation": False}
    ids = {a.id for a in engine.applicable_actions(builtin, step, answers)}
    assert "metiers_test_orientation" in ids
    done = {**answers, "@test_interets_termine": True}
    assert "metiers_test_orientation" not in {a.id for a in engine.applicable_actions(builtin, step, done)}
    half = {**answers, "@test_interets_termine": False}
    assert "metiers_test_orientation" in {a.id for a in engine.applicable_actions(builtin, step, half)}


def test_an_answers_file_cannot_give_a_choice_that_is_not_offered(builtin: Guide) -> None:
    from reconversion.core.answers_file import check_answers

    given = {
        "situation": "salarie_prive",
        "tranche_age": "plus_50",
        "types_experience": ["immersion", "service_civique"],
    }
    result = check_answers(builtin, {}, given)
    assert result.problems == [
        "types_experience : « Un service civique (de 16 à 25\u00a0ans, jusqu'à 30\u00a0ans avec une RQTH) » "
        "n'est pas proposé dans ta situation (vu tes autres réponses)"
    ]
    young = check_answers(builtin, {}, {**given, "tranche_age": "moins_26"})
    assert young.problems == [] and young.accepted["types_experience"][1] == ["immersion", "service_civique"]


def test_model_objects_of_different_kinds_are_never_equal() -> None:
    from reconversion.core.model import Answered, Equals

    assert Equals("q", True) != Answered("q", True)
    assert Equals("q", True) == Equals("q", True)
    assert len({Equals("q", True), Answered("q", True)}) == 2
    assert Equals("q", True) != ("q", True)


def test_help_variants_show_only_the_paragraphs_of_the_person_situation() -> None:
    from reconversion.core import model
    from reconversion.core.guide_loader import parse_guide

    guide = parse_guide(help_variants_guide("Pour le privé.", "Pour le public."), "g.yaml")
    suite = guide.question("suite")
    assert isinstance(suite, model.Question)
    assert engine.worded(guide, suite, {"statut": "prive"}).help == "Pour tout le monde. Pour le privé."
    assert engine.worded(guide, suite, {"statut": "public"}).help == "Pour tout le monde. Pour le public."
    assert engine.worded(guide, suite, {}).help == "Pour tout le monde."


def test_after_the_built_in_test_no_stale_orientation_answer_nor_jobmi() -> None:
    """C12 : le test d'intérêts de l'outil terminé, le récapitulatif ne dit plus « Test d'orientation
    déjà fait : Non » et ne recommande plus un autre test."""
    from reconversion.adapters.content.guide_files import load
    from reconversion.core.model import INTEREST_TEST_DONE

    shipped = load()
    answers = {"situation": "demandeur_emploi", "test_orientation": False}
    step = shipped.step(shipped.question("test_orientation").step_id)
    before = [r.id for s in shipped.steps for r in engine.applicable_resources(shipped, s, answers)]
    assert "jobmi_test" in before
    assert shipped.question("test_orientation") in engine.applicable_questions(shipped, answers, step.id)
    done = {**answers, INTEREST_TEST_DONE: True}
    assert shipped.question("test_orientation") not in engine.applicable_questions(shipped, done, step.id)
    assert "jobmi_test" not in [r.id for s in shipped.steps for r in engine.applicable_resources(shipped, s, done)]


def test_every_shipped_question_has_a_short_label() -> None:
    """C2 : sans `label`, le récapitulatif et le calendrier montraient l'invite entière (« Ta date : Si tu as
    déjà une date, quand ton immersion commencera-t-elle ? »)."""
    from reconversion.adapters.content.guide_files import load

    missing = [q.id for q in load().questions if not q.label]
    assert missing == []
