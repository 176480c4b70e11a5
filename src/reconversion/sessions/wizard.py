"""La séance interactive de `reconversion start` : relie le moteur, les invites, l'écran et le carnet.

Chaque réponse est enregistrée dans le carnet AVANT que la séance n'avance ; un Ctrl-C
ne perd donc que la réponse en cours de frappe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Protocol

from reconversion.core import engine, model
from reconversion.core.question_ids import START_QUESTION, TARGET_QUESTION
from reconversion.errors import AnswerError


class Prompts(Protocol):
    def ask(self, question: model.Question, default: Any, *, can_go_back: bool, choices: Any = None) -> Any: ...
    def choose(self, message: str, options: list[tuple[str, Any]]) -> Any: ...


class Screen(Protocol):
    def step_header(self, guide: model.Guide, step: model.Step) -> None: ...
    def question_help(self, question: model.Question) -> None: ...
    def error(self, message: str) -> None: ...
    def notice(self, message: str) -> None: ...
    def step_recap(self, guide: model.Guide, step: model.Step, answers: dict[str, Any]) -> None: ...
    def chosen_metiers(self, metiers: list[dict[str, Any]]) -> None: ...


class ChoiceSource(Protocol):
    """Pose les questions `choices_from` (métiers) et rappelle les choix au début d'une étape."""

    def ask(self, question: model.Question, default: Any, *, can_go_back: bool) -> Any: ...
    def chosen_metiers(self, codes: list[str]) -> list[dict[str, Any]]: ...
    def facts(self) -> dict[str, bool]: ...


class TextChoices(Protocol):
    """Propose une liste pour une question à saisie libre (la certification visée : `certification_choice`)."""

    def handles(self, question: model.Question) -> bool: ...
    def ask(
        self, question: model.Question, default: Any, *, can_go_back: bool, metiers: list[str], answers: Any, today: Any
    ) -> Any: ...


class AnswerSink(Protocol):
    def save_answer(self, question_id: str, step_id: str, value: Any) -> None: ...
    def complete_step(self, step_id: str) -> None: ...


CONTINUE = "continuer"
STOP = "stop"


class Paused(KeyboardInterrupt):
    """Ctrl-C pendant la séance ; dit si c'était pendant la relecture d'une étape (et laquelle)."""

    def __init__(self, review_step: str | None) -> None:
        super().__init__()
        self.review_step = review_step


def run(
    guide: model.Guide,
    answers: dict[str, Any],
    store: AnswerSink,
    prompts: Prompts,
    screen: Screen,
    *,
    step_id: str | None = None,
    metiers: ChoiceSource | None = None,
    question_id: str | None = None,
    today: dt.date | None = None,
    after_recap: Callable[[model.Step, dict[str, Any]], None] | None = None,
    certifications: TextChoices | None = None,
) -> bool:
    """Pose les questions jusqu'à la fin (True) ou jusqu'à ce que la personne s'arrête (False).

    `question_id` : ne reposer que cette question (`start --question`). `today` : le jour des dates
    relatives (« +2m », `after: today`), celui de `RECONVERSION_TODAY`. `after_recap` : ce qui
    suit le récapitulatif d'une étape (les voies de financement). `certifications` : la liste de la
    certification visée (certifications importées). Ctrl-C lève `Paused`.
    """
    session = engine.Session(guide, answers, step_id, today=today)
    if question_id is not None:
        session.only(question_id)
    elif session.current is None and not _offer_review(guide, session, prompts, screen, step_id):
        return True
    try:
        return _ask_all(guide, session, store, prompts, screen, metiers, after_recap, certifications)
    except KeyboardInterrupt:
        raise Paused(session.step_id if session.reviewing else None) from None


def _ask_all(
    guide: model.Guide,
    session: engine.Session,
    store: AnswerSink,
    prompts: Prompts,
    screen: Screen,
    metiers: ChoiceSource | None,
    after_recap: Callable[[model.Step, dict[str, Any]], None] | None = None,
    certifications: TextChoices | None = None,
) -> bool:
    shown_step: str | None = None
    while session.current is not None:
        question = session.current
        if question.step_id != shown_step:
            step = guide.step(question.step_id)
            assert step is not None
            screen.step_header(guide, step)
            if step.show_chosen_metiers and metiers is not None:
                from reconversion.core.catalogue import CPF_RESOURCE, with_cpf_link

                codes = engine.catalogue_choices(guide, session.answers, "metiers")
                cpf = engine.resource_applies(guide, CPF_RESOURCE, session.answers)
                screen.chosen_metiers(with_cpf_link(metiers.chosen_metiers(codes), cpf))
            shown_step = question.step_id
        offered = engine.offered_choices(guide, question, session.answers)
        question = engine.worded(guide, question, session.answers)  # l'aide de sa situation seulement
        screen.question_help(question)
        previous = engine.previous_question(guide, session.answers, question.id)
        can_go_back = previous is not None and session.step_id in (None, previous.step_id) and not session.single
        default = engine.starting_point(question, session.answers)
        if question.choices_from == "metiers" and metiers is not None:
            reply = metiers.ask(question, default, can_go_back=can_go_back)
            session.answers.update(metiers.facts())  # le test d'intérêts a pu être passé entre-temps
        elif certifications is not None and certifications.handles(question):
            codes = engine.catalogue_choices(guide, session.answers, "metiers")
            day = session.today or dt.date.today()
            reply = certifications.ask(
                question, default, can_go_back=can_go_back, metiers=codes, answers=session.answers, today=day
            )
        elif offered != question.choices:
            reply = prompts.ask(question, default, can_go_back=can_go_back, choices=offered)
        else:
            reply = prompts.ask(question, default, can_go_back=can_go_back)
        if reply.back:
            session.back()
            continue
        try:
            value = session.check(reply.value)
        except AnswerError as exc:
            screen.error(exc.message)
            continue
        store.save_answer(question.id, question.step_id, value)
        _echo_date(question, reply.value, value, screen)
        session.record(value)
        if question.id in (START_QUESTION, TARGET_QUESTION) and metiers is not None:
            _warn_late_trainings(guide, session, metiers, screen)
        if _step_finished(guide, session, question.step_id):
            step = guide.step(question.step_id)
            assert step is not None
            store.complete_step(step.id)
            screen.step_recap(guide, step, session.answers)
            if after_recap is not None:
                after_recap(step, session.answers)
            if session.current is not None:
                choice = prompts.choose(
                    "On continue ?",
                    [("Continuer avec l'étape suivante", CONTINUE), ("M'arrêter là pour aujourd'hui", STOP)],
                )
                if choice == STOP:
                    return False
    return True


def _echo_date(question: model.Question, typed: Any, value: Any, screen: Screen) -> None:
    """Une date tapée « dans 3 mois » ou « fin mars » est redite en toutes lettres : « = samedi 6 mars 2027 »."""
    from reconversion.core.dates import understood
    from reconversion.core.question_types import kind_of

    if kind_of(question).dated and isinstance(value, str) and isinstance(typed, str):
        said = understood(value, typed)
        if said:
            screen.notice(said)


def _warn_late_trainings(guide: model.Guide, session: engine.Session, metiers: ChoiceSource, screen: Screen) -> None:
    """Une formation visée qui ne peut pas finir avant la date cible est dite dès que les dates sont là."""
    from reconversion.core.training_fit import late_training_sentences

    codes = engine.catalogue_choices(guide, session.answers, "metiers")
    if not codes:
        return
    today = session.today or dt.date.today()
    for sentence in late_training_sentences(guide, metiers.chosen_metiers(codes), session.answers, today):
        screen.notice(sentence)


def _step_finished(guide: model.Guide, session: engine.Session, step_id: str) -> bool:
    """L'étape vient-elle de se terminer (plus rien à y répondre, et la séance la quitte) ?"""
    if session.current is not None and session.current.step_id == step_id:
        return False
    return engine.next_question(guide, session.answers, step_id) is None


def _offer_review(
    guide: model.Guide,
    session: engine.Session,
    prompts: Prompts,
    screen: Screen,
    step_id: str | None,
) -> bool:
    """Tout est répondu : proposer de relire une étape. False si la personne n'en veut pas."""
    if step_id is not None:
        session.review(step_id)
        return session.current is not None
    screen.notice("Tu as répondu à toutes les questions du guide. Bravo pour ce chemin parcouru !")
    options: list[tuple[str, Any]] = [
        (f"Relire l'étape {i}/{len(guide.steps)} — {step.title}", step.id)
        for i, step in enumerate(guide.steps, start=1)
    ]
    options.append(("Non merci, c'est bon pour aujourd'hui", None))
    choice = prompts.choose("Veux-tu relire et modifier une étape ?", options)
    if choice is None:
        return False
    session.review(choice)
    return session.current is not None
