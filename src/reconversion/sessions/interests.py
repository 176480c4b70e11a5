"""La séance interactive du test d'intérêts : une activité après l'autre, chaque note enregistrée aussitôt.

Comme `wizard.py`, ce module relie les invites et le carnet sans rien savoir de leur
fonctionnement : `ask` pose une activité, `save` enregistre la note AVANT de passer à la
suite. Un Ctrl-C (KeyboardInterrupt) ne perd donc que la note en cours.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reconversion.adapters.prompts.asker import BACK
from reconversion.core.catalogue import InterestTest, Item

# (activité, numéro, total, note déjà donnée, retour possible) -> note, ou BACK (l'activité précédente) ;
# les invites le fournissent : `Prompter.interest_asker`, `PlainPrompter.interest_asker`.
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
