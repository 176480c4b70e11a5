"""La séance interactive avec des invites scriptées : sauvegarde immédiate, retour, fin d'étape, arrêt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from helpers import help_variants_guide
from reconversion.adapters.prompts.arrow_prompts import Reply
from reconversion.adapters.storage.store import Store
from reconversion.core.guide_loader import load_guide
from reconversion.core.model import SKIPPED, Guide
from reconversion.sessions import wizard


class ScriptedPrompts:
    """Rejoue des réponses ; note chaque question posée et sa valeur par défaut."""

    def __init__(self, replies: list[Any], choices: list[Any] | None = None) -> None:
        self.replies = list(replies)
        self.choices = list(choices or [])
        self.asked: list[tuple[str, Any, bool]] = []

    def ask(self, question, default, *, can_go_back, choices=None):
        self.asked.append((question.id, default, can_go_back))
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def choose(self, message, options):
        return self.choices.pop(0)


class RecordingScreen:
    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def step_header(self, guide, step) -> None:
        self.events.append(("header", step.id))

    def question_help(self, question) -> None:
        pass

    def error(self, message: str) -> None:
        self.events.append(("error", message))

    def notice(self, message: str) -> None:
        self.events.append(("notice", message))

    def step_recap(self, guide, step, answers) -> None:
        self.events.append(("recap", step.id))


@pytest.fixture
def guide(mini_guide_path: Path) -> Guide:
    return load_guide(mini_guide_path)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path / "home", "defaut")
    assert opened is not None
    yield opened
    opened.close()


def test_walk_a_whole_step_then_stop(guide: Guide, store: Store) -> None:
    prompts = ScriptedPrompts([Reply("salarie"), Reply("Ana"), Reply("4")], choices=[wizard.STOP])
    screen = RecordingScreen()
    finished = wizard.run(guide, {}, store, prompts, screen)
    assert finished is False
    assert store.answers() == {"situation": "salarie", "prenom": "Ana", "note": 4}
    assert store.step_rows()["s1"]["completed_at"] is not None
    assert screen.events == [("header", "s1"), ("recap", "s1")]
    assert [a[2] for a in prompts.asked] == [False, True, True]  # pas de retour sur la toute première question


def test_going_back_changes_an_answer(guide: Guide, store: Store) -> None:
    prompts = ScriptedPrompts([Reply("salarie"), Reply(back=True), Reply("autre"), Reply(None)], choices=[wizard.STOP])
    wizard.run(guide, {}, store, prompts, RecordingScreen())
    assert [a[0] for a in prompts.asked] == ["situation", "prenom", "situation", "note"]
    assert prompts.asked[2][1] == "salarie"  # l'ancienne réponse est proposée par défaut
    assert store.answers() == {"situation": "autre", "note": None}


def test_going_back_twice_asks_again_every_question_in_between(guide: Guide, store: Store) -> None:
    """A5 : deux retours, puis une réponse : la question entre les deux est reposée, dans l'ordre."""
    replies = [
        Reply("salarie"),
        Reply("Ana"),
        Reply(back=True),
        Reply(back=True),
        Reply("salarie"),
        Reply("Léa"),
        Reply("2"),
    ]
    prompts = ScriptedPrompts(replies, choices=[wizard.STOP])
    wizard.run(guide, {}, store, prompts, RecordingScreen())
    assert [a[0] for a in prompts.asked] == ["situation", "prenom", "note", "prenom", "situation", "prenom", "note"]
    assert store.answers() == {"situation": "salarie", "prenom": "Léa", "note": 2}


def test_a_date_said_in_words_is_echoed(guide: Guide, store: Store) -> None:
    prompts = ScriptedPrompts([Reply("fin mars"), Reply(["Soin"])])
    screen = RecordingScreen()
    wizard.run(guide, {}, store, prompts, screen, step_id="s2", today=dt.date(2026, 12, 6))
    assert ("notice", "= mercredi 31 mars 2027") in screen.events
    assert store.answers()["date_cible"] == "2027-03-31"


def test_invalid_answer_is_explained_and_asked_again(guide: Guide, store: Store) -> None:
    prompts = ScriptedPrompts([Reply("pilote"), Reply("autre"), KeyboardInterrupt()])
    screen = RecordingScreen()
    with pytest.raises(KeyboardInterrupt):
        wizard.run(guide, {}, store, prompts, screen)
    assert ("error", "« pilote » n'est pas un choix possible (choix : salarie, autre)") in screen.events
    assert store.answers() == {"situation": "autre"}  # gardée malgré le Ctrl-C


def test_resume_starts_at_the_first_unanswered_question(guide: Guide, store: Store) -> None:
    store.save_answers({"situation": ("s1", "salarie"), "prenom": ("s1", "Ana")})
    prompts = ScriptedPrompts([Reply("2"), Reply("01/02/2027"), Reply(["Soin"])], choices=[wizard.CONTINUE])
    screen = RecordingScreen()
    assert wizard.run(guide, store.answers(), store, prompts, screen) is True
    assert [a[0] for a in prompts.asked] == ["note", "date_cible", "envies"]
    assert screen.events == [
        ("header", "s1"),
        ("recap", "s1"),
        ("header", "s2"),
        ("notice", "= lundi 1er février 2027"),  # la date comprise, redite
        ("recap", "s2"),
    ]
    assert store.answers()["date_cible"] == "2027-02-01"


def test_everything_answered_offers_a_review(guide: Guide, store: Store) -> None:
    answers = {"situation": "autre", "note": 3, "date_cible": "2027-01-01", "envies": ["Code"]}
    store.save_answers({k: (guide.question(k).step_id, v) for k, v in answers.items()})
    prompts = ScriptedPrompts([Reply("2027-03-01"), Reply(["Code", "Bois"])], choices=["s2"])
    screen = RecordingScreen()
    wizard.run(guide, store.answers(), store, prompts, screen)
    assert [a[0] for a in prompts.asked] == ["date_cible", "envies"]
    assert prompts.asked[0][1] == "2027-01-01"
    assert store.answers()["envies"] == ["Code", "Bois"]


def test_declining_the_review_asks_nothing(guide: Guide, store: Store) -> None:
    answers = {"situation": "autre", "note": 3, "date_cible": "2027-01-01", "envies": ["Code"]}
    prompts = ScriptedPrompts([], choices=[None])
    assert wizard.run(guide, answers, store, prompts, RecordingScreen()) is True
    assert prompts.asked == []


def test_step_option_goes_straight_to_a_step(guide: Guide, store: Store) -> None:
    prompts = ScriptedPrompts([Reply("2027-05-05"), Reply(["Bois"])])
    wizard.run(guide, {}, store, prompts, RecordingScreen(), step_id="s2")
    assert [a[0] for a in prompts.asked] == ["date_cible", "envies"]
    assert "situation" not in store.answers()


def test_review_starts_a_skipped_question_on_skip(guide: Guide, store: Store) -> None:
    answers = {"situation": "autre", "note": None, "date_cible": "2027-01-01", "envies": ["Code"]}
    prompts = ScriptedPrompts([Reply("autre"), Reply(None)], choices=["s1", wizard.STOP])
    wizard.run(guide, answers, store, prompts, RecordingScreen())
    assert prompts.asked[1] == ("note", SKIPPED, True)  # Entrée garde « passée », pas un chiffre
    assert store.answers()["note"] is None


def test_ctrl_c_during_a_review_says_which_step(guide: Guide, store: Store) -> None:
    answers = {"situation": "autre", "note": 3, "date_cible": "2027-01-01", "envies": ["Code"]}
    prompts = ScriptedPrompts([KeyboardInterrupt()], choices=["s2"])
    with pytest.raises(wizard.Paused) as caught:
        wizard.run(guide, answers, store, prompts, RecordingScreen())
    assert caught.value.review_step == "s2"
    prompts = ScriptedPrompts([KeyboardInterrupt()])
    with pytest.raises(wizard.Paused) as caught:
        wizard.run(guide, {}, store, prompts, RecordingScreen())
    assert caught.value.review_step is None  # première fois : « reprendre là où tu t'es arrêté·e »


def test_a_single_question_can_be_asked_again(guide: Guide, store: Store) -> None:
    answers = {"situation": "autre", "note": 3, "date_cible": "2027-01-01", "envies": ["Code"]}
    store.save_answers({k: (guide.question(k).step_id, v) for k, v in answers.items()})
    prompts = ScriptedPrompts([Reply("5")])
    assert wizard.run(guide, store.answers(), store, prompts, RecordingScreen(), question_id="note") is True
    assert prompts.asked == [("note", 3, False)]
    assert store.answers()["note"] == 5


def test_the_wizard_shows_only_the_help_paragraphs_of_the_person_situation(tmp_path: Path, store: Store) -> None:
    """L'aide lue avant la question : la partie commune, puis la seule variante de sa situation."""
    path = tmp_path / "variantes.yaml"
    path.write_text(
        help_variants_guide("Projet de transition, privé.", "Congé de formation, public."), encoding="utf-8"
    )
    helps: list[tuple[str, str]] = []

    class HelpScreen(RecordingScreen):
        def question_help(self, question) -> None:
            helps.append((question.id, question.help))

    prompts = ScriptedPrompts([Reply("public"), Reply("Oui")])
    assert wizard.run(load_guide(path), {}, store, prompts, HelpScreen()) is True
    assert helps == [("statut", ""), ("suite", "Pour tout le monde. Congé de formation, public.")]
