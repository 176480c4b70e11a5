"""Ce que rendent les deux façons de poser les questions : listes à flèches (`prompts`) et mode simple.

Les marqueurs (revenir, passer, chercher), la réponse `Reply`, la ligne proposée au départ et
la forme de chaque question (`QuestionAsker`) ; les choix, le texte prérempli et l'aide à la
saisie viennent du type de la question (`core.question_types`). Sans questionary ni
prompt_toolkit, pour que le mode simple (`plain_prompts`) ne les importe pas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reconversion.core import model
from reconversion.core.question_types import kind_of, normalize
from reconversion.errors import AnswerError

if TYPE_CHECKING:
    from reconversion.core.catalogue import InterestTest, Item

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


def skip_place(question: model.Question) -> str | None:
    """Où va « Passer cette question » dans une liste : `"first"` pour une question sensible (le curseur
    y part : ne pas répondre ne demande aucun effort), `"last"` pour une question facultative, None
    pour une question obligatoire (elle ne se passe pas)."""
    if question.sensitive:
        return "first"
    return None if question.required else "last"


def typed_back(line: str, can_go_back: bool) -> bool:
    """Vrai si la ligne tapée demande la question précédente (« < ») et qu'il y en a une."""
    return can_go_back and line.strip() == BACK_KEY


def picked_reply(value: Any, checked: list[Any] | None = None) -> Reply:
    """La réponse d'une ligne choisie dans une liste : revenir, passer, sinon la valeur ; pour une
    liste à cocher (`checked`), les cases cochées, gardées aussi quand on demande une recherche."""
    if value is BACK:
        return Reply(back=True)
    if value is SKIP:
        return Reply(None)
    if checked is None:
        return Reply(value)
    return Reply(checked, search=value is SEARCH)


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


class QuestionAsker:
    """Ce que partagent les deux façons de poser une question (listes à flèches, lignes numérotées) :
    la forme que demande le type de la question (`widget`). Chaque sous-classe fournit `_select`
    (un choix parmi plusieurs, oui/non, échelle), `_multi` (plusieurs choix) et `_text` (saisie)."""

    today: dt.date | None = None  # le jour des dates relatives, comme le moteur (`RECONVERSION_TODAY`)
    simple = False  # vrai pour les lignes numérotées (`plain_prompts`) : les consignes à l'écran changent

    def choose(self, message: str, options: Sequence[tuple[str, Any]]) -> Any:
        """Un choix simple hors questionnaire (continuer, relire une étape, passer le test…)."""
        raise NotImplementedError

    def text(self, message: str, default: str = "") -> str:
        """Une saisie libre hors questionnaire (mot à chercher…), éventuellement préremplie."""
        raise NotImplementedError

    def interest_asker(self, test: InterestTest) -> Callable[[Item, int, int, int | None, bool], Any]:
        """Le test d'intérêts, une activité après l'autre (`sessions.interests.Ask`)."""
        raise NotImplementedError

    def refusal(self, question: model.Question, value: Any) -> str | None:
        """Pourquoi le moteur refuserait `value` (une phrase à afficher), ou None : dit pendant la saisie."""
        try:
            normalize(question, value, self.today)
        except AnswerError as exc:
            return exc.message[:1].upper() + exc.message[1:]
        return None

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
        widget = kind_of(question).widget
        if widget == "list":
            return self._select(question, default, can_go_back, choices)
        if widget == "checkboxes":
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
