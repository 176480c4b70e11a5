"""La séance interactive du test d'intérêts : une activité après l'autre, chaque note enregistrée aussitôt.

Comme `wizard.py`, ce module relie les invites et le carnet sans rien savoir de leur
fonctionnement : `ask` pose une activité, `save` enregistre la note AVANT de passer à la
suite. Un Ctrl-C (KeyboardInterrupt) ne perd donc que la note en cours.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reconversion.core.catalogue import InterestTest, Item

BACK_LABEL = "↩ Activité précédente"


class _Back:
    def __repr__(self) -> str:
        return "BACK"


BACK = _Back()

# (activité, numéro, total, note déjà donnée, retour possible) -> note, ou BACK
Ask = Callable[[Item, int, int, "int | None", bool], Any]


def ask_items(test: InterestTest, answers: dict[str, int], ask: Ask, save: Callable[[str, int], None]) -> None:
    """Pose les activités sans note, dans l'ordre du test ; `answers` est complété au fur et à mesure.

    « Activité précédente » permet de corriger la note d'avant ; on reprend ensuite à la
    première activité encore sans note.
    """
    items = list(test.items)

    def next_unanswered(start: int) -> int | None:
        for index in [*range(start, len(items)), *range(0, start)]:
            if items[index].id not in answers:
                return index
        return None

    index = next_unanswered(0)
    while index is not None:
        item = items[index]
        reply = ask(item, index + 1, len(items), answers.get(item.id), index > 0)
        if reply is BACK:
            index -= 1
            continue
        save(item.id, reply)
        answers[item.id] = reply
        index = next_unanswered(index + 1)


def questionary_asker(test: InterestTest, **io: Any) -> Ask:
    """Une activité = un choix sur l'échelle (touche 1 à 5 ou flèches, puis Entrée) ; `io` sert aux tests.

    Sans note déjà donnée, le curseur part du milieu de l'échelle, pour ne pousser vers
    aucun extrême.
    """
    import questionary
    from questionary import Choice, Separator

    values = test.scale_values
    middle = values[len(values) // 2]

    def ask(item: Item, number: int, total: int, current: int | None, can_go_back: bool) -> Any:
        choices: list[Any] = [Choice(point.label, value=point.value) for point in test.scale]
        if can_go_back:
            choices += [Separator(), Choice(BACK_LABEL, value=BACK)]
        wanted = current if current is not None else middle
        start = next((c for c in choices if isinstance(c, Choice) and c.value == wanted), None)
        return questionary.select(
            f"({number}/{total}) {item.text}",
            choices=choices,
            default=start,
            use_shortcuts=True,
            instruction="(touche 1 à 5 ou flèches ↑ ↓, puis Entrée)",
            **io,
        ).unsafe_ask()

    return ask
