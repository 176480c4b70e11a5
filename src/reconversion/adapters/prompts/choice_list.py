"""Une liste à l'écran, un choix ou plusieurs, entièrement en français ; importé seulement par `prompts`.

Pourquoi pas `questionary.select` / `questionary.checkbox` tels quels : ils affichent de
l'anglais (« done (2 selections) »), mettent toujours le curseur sur une ligne (Entrée
enregistre alors une réponse que personne n'a choisie), et dans une liste à cocher les
lignes « Question précédente », « Passer » ou « Chercher » se cochent comme des choix.
Ici on garde les briques de questionary (le contrôle de liste, le style), mais :
- sans réponse enregistrée ni défaut déclaré, aucune ligne n'est pointée ; Entrée demande
  d'abord de choisir ;
- les lignes d'action (`Row(action=True)`) ne se cochent pas : Entrée les exécute, et une
  action qui contredirait des cases cochées (passer, revenir) est refusée avec un message ;
- une fois répondu, la ligne de la question montre le libellé choisi, ou « 2 choix ».
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.filters import Condition, IsDone
from prompt_toolkit.formatted_text import FormattedText
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import ConditionalContainer, FormattedTextControl, HSplit, Layout, Window
from prompt_toolkit.shortcuts.prompt import PromptSession
from questionary import Choice, Separator
from questionary.prompts.common import InquirerControl
from questionary.question import Question
from questionary.styles import merge_styles_default

POINTER = "»"
CHECKED = "●"
UNCHECKED = "○"
ANSWER_MAX = 60  # au-delà, la ligne répondue dit « 3 choix » plutôt que les libellés


def wrap_tokens(tokens: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
    """Coupe des morceaux de texte stylés entre les mots (prompt_toolkit, lui, coupe au milieu d'un mot)."""
    result: list[tuple[str, str]] = []
    column = 0
    for style, text in tokens:
        for word in re.split(r"(?<= )", text):
            if column and column + len(word.rstrip()) > width:
                result.append(("", "\n"))
                column = 0
                word = word.lstrip()
            result.append((style, word))
            column += len(word)
    return result


def _no_blank_line_under(session: PromptSession) -> None:
    """Comme questionary : la ligne de la question ne réserve pas de ligne vide sous elle.

    questionary le fait avec une fonction privée (`_fix_unecessary_blank_lines`) ; on l'appelle
    si elle existe, sans en dépendre.
    """
    from questionary.prompts import common

    fix = getattr(common, "_fix_unecessary_blank_lines", None)
    if fix is not None:
        fix(session)


def _width() -> int:
    return max(20, get_app().output.get_size().columns - 1)


class Row(NamedTuple):
    """Une ligne de la liste ; `action` : elle s'exécute avec Entrée et ne se coche jamais."""

    label: str
    value: Any
    action: bool = False
    refuse_when_checked: str = ""  # message si on l'exécute avec des cases cochées ("" : permis)
    answered: str = ""  # ce que montre la ligne de la question une fois l'action choisie


SEPARATOR = None  # dans une liste de `Row`, une ligne de séparation


class Picked(NamedTuple):
    """La ligne validée (un choix, ou une action) et, pour une liste à cocher, les cases cochées."""

    value: Any
    checked: list[Any]
    action: bool


class _Control(InquirerControl):
    """Le contrôle de questionary, avec un état « rien n'est pointé » et des lignes d'action."""

    def __init__(self, rows: Sequence[Row | None], multi: bool, start: int | None, checked: Sequence[Any]) -> None:
        self.rows = list(rows)
        self.multi = multi
        self.unpointed = start is None
        entries = [Separator() if row is None else Choice(row.label, value=index) for index, row in enumerate(rows)]
        super().__init__(entries, None, pointer=POINTER, use_indicator=False, show_description=False)
        if start is not None:
            self.pointed_at = start
        # Les cases cochées sont gardées par indice de ligne (les valeurs peuvent être True/1…).
        self.selected_options = [i for i, row in enumerate(rows) if row and not row.action and row.value in checked]

    def row(self) -> Row | None:
        return None if self.unpointed else self.rows[self.pointed_at]

    def checked_values(self) -> list[Any]:
        return [self.rows[i].value for i in sorted(self.selected_options)]  # type: ignore[union-attr]

    def move(self, step: int) -> None:
        selectable = [i for i, row in enumerate(self.rows) if row is not None]
        if self.unpointed:
            self.pointed_at = selectable[0] if step > 0 else selectable[-1]
            self.unpointed = False
            return
        index = self.pointed_at
        while True:
            index = (index + step) % len(self.rows)
            if self.rows[index] is not None:
                self.pointed_at = index
                return

    def _get_choice_tokens(self) -> list[tuple[str, str]]:
        tokens: list[tuple[str, str]] = []
        for index, row in enumerate(self.rows):
            pointed = not self.unpointed and index == self.pointed_at
            if pointed:
                tokens += [("class:pointer", f" {POINTER} "), ("[SetCursorPosition]", "")]
            else:
                tokens.append(("class:text", "   "))
            if row is None:
                tokens.append(("class:separator", "―" * 15))
            else:
                checked = index in self.selected_options
                if self.multi and not row.action:
                    tokens.append(
                        ("class:selected" if checked else "class:text", f"{CHECKED if checked else UNCHECKED} ")
                    )
                style = "class:highlighted" if pointed else "class:selected" if checked else "class:text"
                indent = 5 if self.multi and not row.action else 3
                lines = textwrap.wrap(row.label, max(10, _width() - indent)) or [""]
                tokens.append((style, ("\n" + " " * indent).join(lines)))
            tokens.append(("", "\n"))
        if tokens:
            tokens.pop()
        return tokens


def choice_list(
    message: str,
    rows: Sequence[Row | None],
    *,
    multi: bool = False,
    start: int | None = None,
    checked: Sequence[Any] = (),
    validate: Callable[[list[Any]], str | None] | None = None,
    instruction: str = "",
    unpointed_message: str = "Choisis une réponse avec les flèches ↑ ↓, puis appuie sur Entrée.",
    **io: Any,
) -> Question:
    """Une liste prête à être posée (`unsafe_ask()` rend un `Picked`).

    `start` : l'indice de la ligne pointée au départ (None : aucune) ; `checked` : les valeurs
    déjà cochées ; `validate` : reçoit les valeurs cochées, rend un message d'erreur ou None.
    """
    control = _Control(rows, multi, start, checked)
    answer: list[str] = []

    def prompt_tokens() -> list[tuple[str, str]]:
        tokens = [("class:qmark", "?"), ("class:question", f" {message} ")]
        if control.is_answered:
            tokens.append(("class:answer", answer[0] if answer else ""))
        elif instruction:
            tokens.append(("class:instruction", instruction))
        return wrap_tokens(tokens, _width())

    def fail(text: str) -> None:
        control.error_message = FormattedText([("class:validation-toolbar", text)])  # type: ignore[assignment]

    def finish(event: Any, picked: Picked, shown: str) -> None:
        answer.append(shown)
        control.is_answered = True
        event.app.exit(result=picked)

    bindings = KeyBindings()

    @bindings.add(Keys.ControlC, eager=True)
    @bindings.add(Keys.ControlQ, eager=True)
    def _interrupt(event: Any) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

    @bindings.add(Keys.Down, eager=True)
    @bindings.add(Keys.ControlN, eager=True)
    def _down(_event: Any) -> None:
        control.move(1)
        control.error_message = None

    @bindings.add(Keys.Up, eager=True)
    @bindings.add(Keys.ControlP, eager=True)
    def _up(_event: Any) -> None:
        control.move(-1)
        control.error_message = None

    @bindings.add(" ", eager=True)
    def _toggle(_event: Any) -> None:
        row = control.row()
        if not multi:
            return
        if row is None:
            fail("Descends sur un choix avec ↓, puis appuie sur Espace pour le cocher.")
        elif row.action:
            fail(f"Cette ligne ne se coche pas : appuie sur Entrée pour « {row.label} ».")
        else:
            index = control.pointed_at
            if index in control.selected_options:
                control.selected_options.remove(index)
            else:
                control.selected_options.append(index)
            control.error_message = None

    @bindings.add(Keys.ControlM, eager=True)
    def _enter(event: Any) -> None:
        row = control.row()
        checked_now = control.checked_values() if multi else []
        if row is None:
            fail(unpointed_message)
            return
        if row.action:
            if checked_now and row.refuse_when_checked:
                fail(row.refuse_when_checked)
                return
            finish(event, Picked(row.value, checked_now, True), row.answered or row.label)
            return
        if not multi:
            finish(event, Picked(row.value, [], False), row.label)
            return
        problem = validate(checked_now) if validate else None
        if problem:
            fail(problem)
            return
        labels = [control.rows[i].label for i in sorted(control.selected_options)]  # type: ignore[union-attr]
        shown = " ; ".join(labels)
        if len(shown) > ANSWER_MAX or not labels:
            shown = f"{len(labels)} choix" if labels else "aucun choix"
        finish(event, Picked(None, checked_now, False), shown)

    @bindings.add(Keys.Any)
    def _other(_event: Any) -> None:
        """Les autres touches ne font rien (pas de saisie dans une liste)."""

    question_line: PromptSession[str] = PromptSession(prompt_tokens, reserve_space_for_menu=0, **io)  # type: ignore[arg-type]
    _no_blank_line_under(question_line)
    layout = Layout(
        HSplit(
            [
                question_line.layout.container,
                ConditionalContainer(Window(control, wrap_lines=True, dont_extend_height=True), filter=~IsDone()),
                ConditionalContainer(
                    # Le message juste sous la liste, coupé entre les mots ; pas la barre du bas de
                    # prompt_toolkit, invisible quand le terminal ne donne pas sa hauteur.
                    Window(FormattedTextControl(lambda: wrap_tokens(control.error_message or [], _width()))),  # type: ignore[arg-type, return-value]
                    filter=Condition(lambda: control.error_message is not None) & ~IsDone(),
                ),
            ]
        )
    )
    app_io = {key: value for key, value in io.items() if key in ("input", "output")}
    return Question(Application(layout=layout, key_bindings=bindings, style=merge_styles_default([]), **app_io))
