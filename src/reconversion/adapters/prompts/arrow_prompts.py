"""Les questions posées à l'écran, avec questionary. Importé seulement par `start` (et `reset`, `interests`).

Chaque type de question devient une invite adaptée ; partout on peut revenir à la question
précédente : une entrée « ↩ Question précédente » dans les listes, « < » dans les champs libres.
Ctrl-C lève KeyboardInterrupt (`unsafe_ask`) : c'est l'appelant qui dit comment reprendre.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import questionary
from questionary import Choice, Separator

from reconversion.adapters.prompts.asker import (
    BACK,
    BACK_KEY,
    BACK_LABEL,
    SEARCH,
    SEARCH_LABEL,
    SKIP,
    SKIP_LABEL,
    QuestionAsker,
    Reply,
    picked_reply,
    skip_place,
    typed_back,
)
from reconversion.adapters.prompts.asker import start_index as _start_index
from reconversion.adapters.prompts.choice_list import SEPARATOR, Row, choice_list
from reconversion.core import model
from reconversion.core.question_types import as_text, kind_of

if TYPE_CHECKING:
    from reconversion.core.catalogue import InterestTest, Item

PREVIOUS_ITEM_LABEL = "↩ Activité précédente"

_ARROWS = "(flèches ↑ ↓ puis Entrée)"
_SCALE_KEYS = "(touche 1 à 5 ou flèches ↑ ↓, puis Entrée)"
_CHECKED_SKIP = (
    "Tu as coché des choix : décoche-les (Espace) pour passer la question, ou valide-les avec Entrée sur l'un d'eux."
)
_CHECKED_BACK = (
    "Tu as coché des choix : valide-les d'abord avec Entrée sur l'un d'eux, "
    "ou décoche-les (Espace) pour revenir à la question précédente."
)
_NOTHING_REQUIRED = "Coche au moins une réponse avec Espace, puis valide avec Entrée."
_NOTHING_OPTIONAL = "Rien n'est coché : coche une réponse avec Espace, ou choisis « Passer cette question »."


class Prompter(QuestionAsker):
    """Pose les questions ; `io` (input, output) sert aux tests, comme dans ceux de questionary."""

    simple = False  # listes à flèches ; le mode simple est `plain_prompts.PlainPrompter`

    def __init__(self, *, today: dt.date | None = None, **io: Any) -> None:
        self.io = io
        self.today = today

    def _select(
        self,
        question: model.Question,
        default: Any,
        can_go_back: bool,
        choices: Sequence[model.Choice] | None,
    ) -> Reply:
        """Un choix dans une liste ; le curseur part de la réponse enregistrée ou du défaut, sinon de nulle part.

        Une question sensible met « Passer cette question » en tête : c'est là que part le curseur.
        """
        options = list(choices if choices is not None else kind_of(question).choices(question))
        rows: list[Row | None] = [Row(c.label, c.value) for c in options]
        skip = Row(SKIP_LABEL, SKIP, action=True, answered="passée")
        back = Row(BACK_LABEL, BACK, action=True, answered="retour à la question précédente")
        place = skip_place(question)
        extras = ([skip] if place == "last" else []) + ([back] if can_go_back else [])
        if place == "first":
            rows = [skip, SEPARATOR, *rows]
        if extras:
            rows += [SEPARATOR, *extras]
        start = _start_index(rows, default)
        if start is None and question.sensitive:
            start = 0
        picked = choice_list(
            question.prompt, rows, start=start, instruction="(flèches ↑ ↓ puis Entrée)", **self.io
        ).unsafe_ask()
        return picked_reply(picked.value)

    def _multi(
        self,
        question: model.Question,
        default: Any,
        can_go_back: bool,
        choices: Sequence[model.Choice] | None,
        searchable: bool = False,
    ) -> Reply:
        """Une liste à cocher ; « Chercher », « Passer » et « Question précédente » s'exécutent avec Entrée.

        Passer ou revenir alors que des cases sont cochées est refusé (rien n'est jeté en silence) ;
        une liste validée sans case cochée est refusée aussi : passer se choisit.
        """
        options = list(choices if choices is not None else question.choices)
        selected = default if isinstance(default, list) else []
        rows: list[Row | None] = [Row(c.label, c.value) for c in options]
        extras: list[Row | None] = []
        if searchable:
            extras.append(Row(SEARCH_LABEL, SEARCH, action=True, answered="recherche d'un métier"))
        skip = Row(SKIP_LABEL, SKIP, action=True, answered="passée", refuse_when_checked=_CHECKED_SKIP)
        place = skip_place(question)
        if place == "last":
            extras.append(skip)
        if can_go_back:
            extras.append(
                Row(
                    BACK_LABEL,
                    BACK,
                    action=True,
                    answered="retour à la question précédente",
                    refuse_when_checked=_CHECKED_BACK,
                )
            )
        if extras:
            rows += [SEPARATOR, *extras] if rows else extras
        if place == "first":  # « Passer » en tête, et le curseur dessus tant que rien n'est coché
            rows = [skip, SEPARATOR, *rows]
        if place == "first" and not selected:
            start = 0
        elif default is model.SKIPPED and not question.required:
            start = rows.index(next(r for r in rows if r is not None and r.value is SKIP))
        elif not options and searchable:
            start = 0
        else:
            start = next((i for i, r in enumerate(rows) if r is not None and r.value in selected), 0)
        nothing = _NOTHING_OPTIONAL if not question.required else _NOTHING_REQUIRED

        def validate(values: list[Any]) -> str | None:
            return self.refusal(question, values) if values else nothing

        picked = choice_list(
            question.prompt,
            rows,
            multi=True,
            start=start,
            checked=selected,
            validate=validate,
            instruction="(Espace pour cocher, Entrée pour valider)",
            **self.io,
        ).unsafe_ask()
        return picked_reply(picked.value, picked.checked)

    def _text(self, question: model.Question, default: Any, can_go_back: bool) -> Reply:
        hints = []
        if can_go_back:
            hints.append(f"« {BACK_KEY} » pour revenir")
        if not question.required:
            hints.append("Entrée seule pour passer")
        if kind_of(question).hint:
            hints.insert(0, kind_of(question).hint)

        def validate(text: str) -> bool | str:
            if typed_back(text, can_go_back):
                return True
            return self.refusal(question, text) or True

        answer = whole_errors(
            questionary.text(
                wrapped(question.prompt, f"({' · '.join(hints)})" if hints else ""),
                default=as_text(question, default),
                validate=validate,
                **self.io,
            )
        ).unsafe_ask()
        if typed_back(answer, can_go_back):
            return Reply(back=True)
        return Reply(answer)

    def choose(self, message: str, options: Sequence[tuple[str, Any]]) -> Any:
        """Un choix simple hors questionnaire (continuer, relire une étape…)."""
        entries = [Choice(label, value=value) for label, value in options]
        return questionary.select(
            wrapped(message, "", room=len(_ARROWS) + 3), choices=entries, instruction=_ARROWS, **self.io
        ).unsafe_ask()

    def text(self, message: str, default: str = "") -> str:
        """Une saisie libre hors questionnaire (mot à chercher…), éventuellement préremplie."""
        return str(questionary.text(wrapped(message, ""), default=default, **self.io).unsafe_ask())

    def interest_asker(self, test: InterestTest) -> Callable[[Item, int, int, int | None, bool], Any]:
        """Le test d'intérêts (`sessions.interests.Ask`) : une activité = un choix sur l'échelle
        (touche 1 à 5 ou flèches, puis Entrée).

        Sans note déjà donnée, le curseur part du milieu de l'échelle, pour ne pousser vers
        aucun extrême.
        """
        values = test.scale_values
        middle = values[len(values) // 2]

        def ask(item: Item, number: int, total: int, current: int | None, can_go_back: bool) -> Any:
            choices: list[Any] = [Choice(point.label, value=point.value) for point in test.scale]
            if can_go_back:
                choices += [Separator(), Choice(PREVIOUS_ITEM_LABEL, value=BACK)]
            wanted = current if current is not None else middle
            start = next((c for c in choices if isinstance(c, Choice) and c.value == wanted), None)
            return questionary.select(
                wrapped(f"({number}/{total}) {item.text}", "", room=len(_SCALE_KEYS) + 3),
                choices=choices,
                default=start,
                use_shortcuts=True,
                instruction=_SCALE_KEYS,
                **self.io,
            ).unsafe_ask()

        return ask


def wrapped(message: str, instruction: str, *, room: int = 0) -> str:
    """La question (et sa consigne) coupée entre les mots à la largeur du terminal.

    questionary coupe au milieu des mots ; `room` réserve la place d'une consigne affichée
    à part (elle passe alors à la ligne si la dernière ligne est trop pleine).
    """
    import shutil
    import textwrap

    from reconversion.core.text_wrap import french_spacing

    width = max(20, shutil.get_terminal_size().columns - 3)
    # Espaces insécables à la française : jamais « « » seul en fin de ligne, ni « ? » en début.
    text = french_spacing(f"{message} {instruction}".strip())
    lines = textwrap.wrap(text, width, break_on_hyphens=False) or [""]
    if room and len(lines[-1]) + room > width:
        lines.append("")
    return "\n".join(lines)


def whole_errors(question: Any) -> Any:
    """Le message d'une réponse refusée en entier, sur autant de lignes qu'il faut.

    prompt_toolkit l'affiche dans une barre d'une seule ligne : à 60 colonnes, « n'est pas une
    date valide : écris-la JJ/MM/A » perdait la fin, exemples compris. Ici la barre prend la
    hauteur de son texte et coupe ses lignes.
    """
    from prompt_toolkit.filters import to_filter
    from prompt_toolkit.layout.controls import FormattedTextControl

    for window in question.application.layout.find_all_windows():
        control = window.content
        text = getattr(control, "text", None)
        if isinstance(control, FormattedTextControl) and "ValidationToolbar" in getattr(text, "__qualname__", ""):
            window.height = None
            window.wrap_lines = to_filter(True)
            control.text = _between_words(text)
    return question


def _between_words(fragments_of: Any) -> Any:
    """Le message de la barre coupé entre les mots, à la largeur du terminal."""
    from reconversion.adapters.screen.terminal import width
    from reconversion.core.text_wrap import french_spacing, wrap_text

    def wrapped() -> Any:
        fragments = fragments_of()
        if not fragments:
            return fragments
        text = "".join(fragment[1] for fragment in fragments)
        return [(fragments[0][0], wrap_text(french_spacing(text), width() - 1)[0])]

    return wrapped
