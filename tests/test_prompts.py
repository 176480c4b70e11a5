"""L'adaptateur questionary, en mémoire : clavier simulé par un tube, comme dans les tests de questionary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from prompt_toolkit.input.defaults import create_pipe_input
from prompt_toolkit.output import DummyOutput

from helpers import BACKSPACE, CTRL_C, DOWN, ENTER, SPACE, keyboard
from reconversion.adapters.prompts.arrow_prompts import Prompter, Reply
from reconversion.core.model import Choice, Question, Validation


def ask(question: Question, keys: str, default: Any = None, can_go_back: bool = True, **kwargs: Any) -> Reply:
    with keyboard(keys) as prompter:
        return prompter.ask(question, default, can_go_back=can_go_back, **kwargs)


SELECT = Question(
    id="situation",
    type="select",
    prompt="Ta situation ?",
    choices=(Choice("salarie", "Salarié·e"), Choice("demandeur", "Demandeur·se d'emploi"), Choice("autre", "Autre")),
)


def test_select_returns_the_value_of_the_chosen_label() -> None:
    # Rien n'est pointé au départ : la première flèche mène au premier choix.
    assert ask(SELECT, DOWN * 2 + ENTER) == Reply("demandeur")


def test_select_starts_on_the_current_answer() -> None:
    assert ask(SELECT, ENTER, default="autre") == Reply("autre")


def test_select_has_a_previous_question_entry() -> None:
    assert ask(SELECT, DOWN * 4 + ENTER) == Reply(back=True)


def test_select_without_back_entry_on_the_first_question() -> None:
    # Sans entrée « ↩ », la cinquième flèche revient en haut de la liste (3 choix).
    assert ask(SELECT, DOWN * 4 + ENTER, can_go_back=False) == Reply("salarie")


def test_optional_select_can_be_skipped() -> None:
    optional = Question(id="q", type="select", prompt="?", choices=SELECT.choices, required=False)
    assert ask(optional, DOWN * 4 + ENTER) == Reply(None)


def test_confirm_is_a_yes_no_list_with_back() -> None:
    confirm = Question(id="cep", type="confirm", prompt="As-tu vu un CEP ?")
    assert ask(confirm, DOWN * 2 + ENTER) == Reply(False)
    assert ask(confirm, DOWN * 3 + ENTER) == Reply(back=True)


def test_scale_offers_each_number() -> None:
    scale = Question(
        id="envie", type="scale", prompt="Ton envie ?", validate=Validation(min=1, max=5), scale_labels=("peu", "très")
    )
    assert ask(scale, DOWN * 4 + ENTER) == Reply(4)


def test_multiselect_checks_several_and_validates_the_maximum() -> None:
    multi = Question(
        id="envies",
        type="multiselect",
        prompt="Tes envies ?",
        choices=SELECT.choices,
        validate=Validation(max_choices=2),
    )
    # Trois cochées : refusé par la validation ; on décoche la troisième puis on valide.
    keys = SPACE + DOWN + SPACE + DOWN + SPACE + ENTER + SPACE + ENTER
    assert ask(multi, keys) == Reply(["salarie", "demandeur"])


def test_multiselect_keeps_previous_choices_checked() -> None:
    multi = Question(id="envies", type="multiselect", prompt="?", choices=SELECT.choices)
    assert ask(multi, ENTER, default=["autre"]) == Reply(["autre"])


def test_multiselect_back_entry() -> None:
    multi = Question(id="envies", type="multiselect", prompt="?", choices=SELECT.choices)
    assert ask(multi, DOWN * 3 + SPACE + ENTER) == Reply(back=True)


def test_multiselect_with_choices_from_the_caller() -> None:
    multi = Question(id="metiers", type="multiselect", prompt="?", choices_from="metiers", required=False)
    offered = [Choice("J1506", "Infirmier / Infirmière"), Choice("M1805", "Développeur")]
    assert ask(multi, DOWN + SPACE + ENTER, choices=offered) == Reply(["M1805"])


def test_text_answer_and_back_key() -> None:
    text = Question(id="prenom", type="text", prompt="Ton prénom ?")
    assert ask(text, "Ana" + ENTER) == Reply("Ana")
    assert ask(text, "<" + ENTER) == Reply(back=True)


def test_text_is_validated_before_leaving_the_prompt() -> None:
    number = Question(id="annees", type="number", prompt="Combien d'années ?", validate=Validation(max=50))
    # « 99 » est refusé (au plus 50) : la saisie reste ouverte ; on corrige en « 9 ».
    assert ask(number, "99" + ENTER + BACKSPACE + ENTER) == Reply("9")


def test_date_default_is_shown_in_french_order() -> None:
    date = Question(id="quand", type="date", prompt="Quand ?")
    assert ask(date, ENTER, default="2027-09-15") == Reply("15/09/2027")


def test_after_today_is_checked_against_the_day_the_prompter_is_given() -> None:
    """Avec `RECONVERSION_TODAY`, la règle « après aujourd'hui » part de ce jour, comme le moteur."""
    date = Question(id="quand", type="date", prompt="Quand ?", validate=Validation(after="today"))
    with create_pipe_input() as pipe:
        pipe.send_text("01/03/2027" + ENTER + BACKSPACE * 10 + "01/09/2027" + ENTER)
        prompter = Prompter(today=dt.date(2027, 6, 1), input=pipe, output=DummyOutput())
        assert prompter.ask(date, None, can_go_back=False) == Reply("01/09/2027")


def test_ctrl_c_raises_keyboard_interrupt() -> None:
    text = Question(id="prenom", type="text", prompt="Ton prénom ?")
    with pytest.raises(KeyboardInterrupt):
        ask(text, "An" + CTRL_C)


def test_choose_helper() -> None:
    with keyboard(DOWN + ENTER) as prompter:
        assert prompter.choose("On continue ?", [("Oui", "go"), ("Non", "stop")]) == "stop"


def test_interest_test_asker_starts_in_the_middle_and_offers_the_previous_item() -> None:
    """Le test d'intérêts à flèches : sans note, le curseur part du milieu ; « Activité précédente » rend BACK."""
    from reconversion.adapters.content.metiers_files import interest_test
    from reconversion.adapters.prompts.asker import BACK

    test = interest_test()
    item = test.items[1]
    middle = test.scale_values[len(test.scale_values) // 2]
    with keyboard(ENTER) as prompter:
        assert prompter.interest_asker(test)(item, 2, len(test.items), None, True) == middle
    with keyboard("1" + ENTER) as prompter:
        assert prompter.interest_asker(test)(item, 2, len(test.items), None, True) == test.scale_values[0]
    with keyboard(DOWN * 3 + ENTER) as prompter:  # 3 → 4 → 5 → « ↩ Activité précédente »
        assert prompter.interest_asker(test)(item, 2, len(test.items), None, True) is BACK
