"""Les questions posées à l'écran, avec questionary. Importé seulement par `start` (et `reset`, `interests`).

Chaque type de question devient une invite adaptée ; partout on peut revenir à la question
précédente : une entrée « ↩ Question précédente » dans les listes, « < » dans les champs libres.
Ctrl-C lève KeyboardInterrupt (`unsafe_ask`) : c'est l'appelant qui dit comment reprendre.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import questionary
from questionary import Choice, Separator

from reconversion.core import model
from reconversion.core.answer_types import normalize
from reconversion.errors import AnswerError

BACK_LABEL = "↩ Question précédente"
SKIP_LABEL = "Passer cette question"
BACK_KEY = "<"


class _Back:
    def __repr__(self) -> str:
        return "BACK"


class _Skip:
    def __repr__(self) -> str:
        return "SKIP"


class _Search:
    def __repr__(self) -> str:
        return "SEARCH"


BACK = _Back()
SKIP = _Skip()
SEARCH = _Search()
SEARCH_LABEL = "🔎 Chercher un autre métier par son nom…"


@dataclass(frozen=True)
class Reply:
    """Ce que la personne a fait : répondre (`value`), revenir en arrière (`back`) ou demander une recherche."""

    value: Any = None
    back: bool = False
    search: bool = False  # « chercher par nom » coché dans une liste de métiers


class Prompter:
    """Pose les questions ; `io` (input, output) sert aux tests, comme dans ceux de questionary."""

    def __init__(self, **io: Any) -> None:
        self.io = io

    def ask(
        self,
        question: model.Question,
        default: Any,
        *,
        can_go_back: bool,
        choices: Sequence[model.Choice] | None = None,
        searchable: bool = False,
    ) -> Reply:
        """Pose une question ; `searchable` ajoute l'entrée « chercher par nom » à une liste à cocher."""
        if question.type in ("select", "confirm", "scale"):
            return self._select(question, default, can_go_back, choices)
        if question.type == "multiselect":
            return self._checkbox(question, default, can_go_back, choices, searchable)
        return self._text(question, default, can_go_back)

    def _select(
        self,
        question: model.Question,
        default: Any,
        can_go_back: bool,
        choices: Sequence[model.Choice] | None,
    ) -> Reply:
        options = list(choices if choices is not None else _choices_for(question))
        entries: list[Any] = [Choice(c.label, value=c.value) for c in options]
        extras: list[Any] = []
        if not question.required:
            extras.append(Choice(SKIP_LABEL, value=SKIP))
        if can_go_back:
            extras.append(Choice(BACK_LABEL, value=BACK))
        if extras:
            entries += [Separator(), *extras]
        start = next((e for e in entries if isinstance(e, Choice) and e.value == default), None)
        answer = questionary.select(
            question.prompt,
            choices=entries,
            default=start,
            instruction="(flèches ↑ ↓ puis Entrée)",
            **self.io,
        ).unsafe_ask()
        if answer is BACK:
            return Reply(back=True)
        return Reply(None if answer is SKIP else answer)

    def _checkbox(
        self,
        question: model.Question,
        default: Any,
        can_go_back: bool,
        choices: Sequence[model.Choice] | None,
        searchable: bool = False,
    ) -> Reply:
        options = list(choices if choices is not None else question.choices)
        selected = default if isinstance(default, list) else []
        entries: list[Any] = [Choice(c.label, value=c.value, checked=c.value in selected) for c in options]
        extras = [Choice(SEARCH_LABEL, value=SEARCH)] if searchable else []
        if can_go_back:
            extras.append(Choice(BACK_LABEL, value=BACK))
        if extras:
            entries += [Separator(), *extras]

        def validate(values: list[Any]) -> bool | str:
            if BACK in values or SEARCH in values:
                return True
            try:
                normalize(question, values)
            except AnswerError as exc:
                return exc.message
            return True

        answer = questionary.checkbox(
            question.prompt,
            choices=entries,
            validate=validate,
            instruction="(espace pour cocher, Entrée pour valider)",
            **self.io,
        ).unsafe_ask()
        if BACK in answer:
            return Reply(back=True)
        if SEARCH in answer:
            return Reply([v for v in answer if v is not SEARCH], search=True)
        return Reply(answer)

    def _text(self, question: model.Question, default: Any, can_go_back: bool) -> Reply:
        hints = []
        if can_go_back:
            hints.append(f"« {BACK_KEY} » pour revenir")
        if not question.required:
            hints.append("Entrée seule pour passer")
        if question.type == "date":
            hints.insert(0, "JJ/MM/AAAA")

        def validate(text: str) -> bool | str:
            if can_go_back and text.strip() == BACK_KEY:
                return True
            try:
                normalize(question, text)
            except AnswerError as exc:
                return exc.message
            return True

        answer = questionary.text(
            question.prompt,
            default=_as_text(question, default),
            validate=validate,
            instruction=f"({' · '.join(hints)})" if hints else None,
            **self.io,
        ).unsafe_ask()
        if can_go_back and answer.strip() == BACK_KEY:
            return Reply(back=True)
        return Reply(answer)

    def choose(self, message: str, options: Sequence[tuple[str, Any]]) -> Any:
        """Un choix simple hors questionnaire (continuer, relire une étape…)."""
        entries = [Choice(label, value=value) for label, value in options]
        return questionary.select(
            message, choices=entries, instruction="(flèches ↑ ↓ puis Entrée)", **self.io
        ).unsafe_ask()

    def text(self, message: str) -> str:
        """Une saisie libre hors questionnaire (mot à chercher…)."""
        return str(questionary.text(message, **self.io).unsafe_ask())

    def confirm(self, message: str, default: bool = False) -> bool:
        return bool(questionary.confirm(message, default=default, **self.io).unsafe_ask())


def _choices_for(question: model.Question) -> list[model.Choice]:
    if question.type == "confirm":
        return [model.Choice(True, "Oui"), model.Choice(False, "Non")]
    if question.type == "scale":
        low, high = question.validate.min, question.validate.max
        labels = question.scale_labels or ("", "")
        result = []
        for number in range(low, high + 1):
            suffix = f" — {labels[0]}" if number == low and labels[0] else ""
            suffix = f" — {labels[1]}" if number == high and labels[1] else suffix
            result.append(model.Choice(number, f"{number}{suffix}"))
        return result
    return list(question.choices)


def _as_text(question: model.Question, value: Any) -> str:
    """La réponse existante, réécrite pour être modifiée dans un champ libre."""
    if value is None:
        return ""
    if question.type == "date" and isinstance(value, str):
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    if question.type == "number" and isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)
