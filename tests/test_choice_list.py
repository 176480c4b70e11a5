"""Les listes de l'assistant, en mémoire : rien de présélectionné, actions non cochables, tout en français."""

from __future__ import annotations

from typing import Any

import pytest
from prompt_toolkit.input.defaults import create_pipe_input
from prompt_toolkit.output import DummyOutput

from helpers import DOWN, ENTER, SPACE, UP, keyboard
from reconversion.adapters.prompts.arrow_prompts import Prompter, Reply
from reconversion.core.model import SKIPPED, Choice, Question


def ask(question: Question, keys: str, default: Any = None, **kwargs: Any) -> Reply:
    with keyboard(keys) as prompter:
        return prompter.ask(question, default, can_go_back=kwargs.pop("can_go_back", True), **kwargs)


def interrupted_after(question: Question, keys: str, default: Any = None) -> None:
    """Les touches ne suffisent pas à répondre : la liste reste ouverte jusqu'à la fin de la saisie."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with pytest.raises((EOFError, KeyboardInterrupt)):
            Prompter(input=pipe, output=DummyOutput()).ask(question, default, can_go_back=True)


RQTH = Question(id="rqth", type="confirm", prompt="As-tu une RQTH ?", required=False, sensitive=True)
OPTIONAL_CONFIRM = Question(id="parle", type="confirm", prompt="En as-tu parlé ?", required=False)
CHOICES = (Choice("soin", "Soin, santé"), Choice("bois", "Bois"), Choice("code", "Code"))
MULTI = Question(id="envies", type="multiselect", prompt="Tes envies ?", choices=CHOICES, required=False)


def test_enter_alone_records_nothing_when_nothing_was_chosen() -> None:
    # B2 : sans réponse ni défaut, aucune ligne n'est pointée ; Entrée seule ne répond pas « Oui ».
    interrupted_after(OPTIONAL_CONFIRM, ENTER)
    assert ask(OPTIONAL_CONFIRM, ENTER + DOWN + ENTER) == Reply(True)


def test_a_declared_default_is_where_enter_lands() -> None:
    cadre = Question(id="cadre", type="confirm", prompt="Cadre ?", default=False)
    assert ask(cadre, ENTER, default=False) == Reply(False)


def test_a_sensitive_question_starts_on_skip() -> None:
    assert ask(RQTH, ENTER) == Reply(None)
    assert ask(RQTH, DOWN + ENTER) == Reply(True)  # « Passer », séparateur, puis « Oui »


def test_review_keeps_a_skipped_answer_with_enter() -> None:
    assert ask(OPTIONAL_CONFIRM, ENTER, default=SKIPPED) == Reply(None)
    assert ask(RQTH, ENTER, default=SKIPPED) == Reply(None)
    assert ask(OPTIONAL_CONFIRM, ENTER, default=False) == Reply(False)


def test_multiselect_skip_and_back_are_actions_not_checkboxes() -> None:
    # B9 : Espace sur « Passer » ne coche rien ; Entrée l'exécute.
    assert ask(MULTI, DOWN * 3 + SPACE + ENTER) == Reply(None)
    assert ask(MULTI, DOWN * 4 + ENTER) == Reply(back=True)


def test_checked_choices_block_skip_and_back_instead_of_being_dropped() -> None:
    # Deux cases cochées puis Entrée sur « Question précédente » : refusé ; on revient valider.
    keys = SPACE + DOWN + SPACE + DOWN * 3 + ENTER + UP * 4 + ENTER
    assert ask(MULTI, keys) == Reply(["soin", "bois"])
    # Même chose avec « Passer » : rien n'est jeté.
    keys = SPACE + DOWN * 3 + ENTER + UP * 3 + ENTER
    assert ask(MULTI, keys) == Reply(["soin"])


def test_an_empty_optional_list_is_not_saved_as_skipped_by_enter() -> None:
    interrupted_after(MULTI, ENTER)  # rien de coché : on demande de cocher ou de choisir « Passer »
    assert ask(MULTI, ENTER + SPACE + ENTER) == Reply(["soin"])


def test_enter_on_search_opens_the_search_keeping_the_checks() -> None:
    # B1 : Entrée sur « Chercher un autre métier… » ouvre la recherche, avec ou sans case cochée.
    metiers = Question(id="m", type="multiselect", prompt="Métiers ?", choices_from="metiers", required=False)
    offered = [Choice("J1506", "Infirmier"), Choice("M1805", "Développeur")]
    assert ask(metiers, DOWN * 2 + ENTER, choices=offered, searchable=True) == Reply([], search=True)
    keys = SPACE + DOWN * 2 + ENTER
    assert ask(metiers, keys, choices=offered, searchable=True) == Reply(["J1506"], search=True)
    # Sans suggestion, la ligne de recherche est pointée : Entrée suffit.
    assert ask(metiers, ENTER, choices=[], searchable=True) == Reply([], search=True)


def test_review_of_a_skipped_list_starts_on_skip() -> None:
    assert ask(MULTI, ENTER, default=SKIPPED) == Reply(None)
    assert ask(MULTI, ENTER, default=["bois"]) == Reply(["bois"])
