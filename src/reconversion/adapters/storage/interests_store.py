"""Les réponses au test d'intérêts, dans le carnet du profil (table `interest_answers`).

Chaque note est enregistrée dans sa propre transaction dès qu'elle est donnée : le test
peut être interrompu à tout moment et repris là où il s'est arrêté.
"""

from __future__ import annotations

from typing import Any

from reconversion.adapters.storage.store import Store, now
from reconversion.core.model import INTEREST_TEST_DONE


def load_answers(store: Store) -> dict[str, int]:
    """Les notes déjà données : `id de l'activité -> note`."""
    rows = store.connection.execute("SELECT item_id, value FROM interest_answers")
    return {item_id: int(value) for item_id, value in rows}


def save_answer(store: Store, item_id: str, value: int) -> None:
    """Enregistre (ou remplace) la note d'une activité, tout de suite."""
    with store.transaction() as db:
        db.execute(
            "INSERT INTO interest_answers (item_id, value, answered_at) VALUES (?, ?, ?) "
            "ON CONFLICT(item_id) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at",
            (item_id, int(value), now()),
        )


def reset(store: Store) -> int:
    """Efface toutes les notes du test ; renvoie leur nombre."""
    with store.transaction() as db:
        return db.execute("DELETE FROM interest_answers").rowcount


class ProfileNotebook:
    """Le carnet d'un profil tel que le choix des métiers le lit et l'écrit (`sessions.metier_choice.MetierNotebook`) :
    les réponses du guide, les notes du test d'intérêts, les faits qu'on en tire."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def answers(self) -> dict[str, Any]:
        return self.store.answers()

    def interest_answers(self) -> dict[str, int]:
        return load_answers(self.store)

    def save_interest_answer(self, item_id: str, value: int) -> None:
        save_answer(self.store, item_id, value)

    def facts(self) -> dict[str, bool]:
        return facts(self.store)


def facts(store: Store) -> dict[str, bool]:
    """Les faits du guide tirés du test d'intérêts enregistré (voir `riasec.facts`).

    Sans aucune note, le test (`interets.yaml`) n'est pas lu : `status` reste rapide.
    """
    answers = load_answers(store)
    if not answers:
        return {INTEREST_TEST_DONE: False}
    from reconversion.adapters.content import metiers_files
    from reconversion.core.riasec import facts as test_facts

    return test_facts(metiers_files.interest_test(), answers)
