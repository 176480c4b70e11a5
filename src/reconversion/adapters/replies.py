"""Ce que rendent les deux façons de poser les questions : listes à flèches (`prompts`) et mode simple.

Les marqueurs (revenir, passer, chercher), la réponse `Reply` et les règles de départ (quelle
ligne est proposée, quel texte est prérempli) ; sans questionary ni prompt_toolkit, pour que le
mode simple (`plain_prompts`) ne les importe pas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reconversion.core import model

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
    search: bool = False  # Entrée sur « Chercher un autre métier par son nom » dans la liste des métiers


def start_index(rows: Sequence[Any], default: Any) -> int | None:
    """La ligne de la réponse enregistrée (ou « Passer » si elle a été passée), sinon aucune.

    `rows` : des lignes qui ont `value` et `action` (None : un séparateur).
    """
    for index, row in enumerate(rows):
        if row is None:
            continue
        if default is model.SKIPPED and row.value is SKIP:
            return index
        same_kind = isinstance(default, bool) == isinstance(row.value, bool)
        if (
            not row.action
            and default is not None
            and default is not model.SKIPPED
            and row.value == default
            and same_kind
        ):
            return index
    return None


def choices_for(question: model.Question) -> list[model.Choice]:
    """Les choix d'une question : Oui/Non, les points d'une échelle, ou ceux du guide."""
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


def as_text(question: model.Question, value: Any) -> str:
    """La réponse existante, réécrite pour être modifiée dans un champ libre."""
    if value is None or value is model.SKIPPED:
        return ""
    if question.type == "date" and isinstance(value, str):
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    if question.type == "number" and isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)


class QuestionAsker:
    """Ce que partagent les deux façons de poser une question (listes à flèches, lignes numérotées) :
    le choix de la forme selon le type de la question. Chaque sous-classe fournit `_select`
    (un choix parmi plusieurs, oui/non, échelle), `_multi` (plusieurs choix) et `_text` (saisie)."""

    def ask(
        self,
        question: model.Question,
        default: Any,
        *,
        can_go_back: bool,
        choices: Sequence[model.Choice] | None = None,
        searchable: bool = False,
    ) -> Reply:
        """Pose une question du guide ; `searchable` ajoute « chercher par nom » à une liste à cocher."""
        if question.type in ("select", "confirm", "scale"):
            return self._select(question, default, can_go_back, choices)
        if question.type == "multiselect":
            return self._multi(question, default, can_go_back, choices, searchable)
        return self._text(question, default, can_go_back)

    def _select(
        self, question: model.Question, default: Any, can_go_back: bool, choices: Sequence[model.Choice] | None
    ) -> Reply:
        raise NotImplementedError

    def _multi(
        self,
        question: model.Question,
        default: Any,
        can_go_back: bool,
        choices: Sequence[model.Choice] | None,
        searchable: bool,
    ) -> Reply:
        raise NotImplementedError

    def _text(self, question: model.Question, default: Any, can_go_back: bool) -> Reply:
        raise NotImplementedError
