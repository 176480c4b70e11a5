"""Compter à la française : « 1 réponse », « 3 réponses enregistrées », jamais « réponse(s) »."""

from __future__ import annotations


def count_of(number: int, words: str, plural: str | None = None) -> str:
    """Le nombre suivi de ses mots, chacun au pluriel à partir de 2 (« 2 autres actions »).

    `plural` donne le pluriel quand il n'est pas régulier (« 2 travaux »).
    """
    if number <= 1:
        return f"{number} {words}"
    return f"{number} {plural or ' '.join(word + 's' for word in words.split())}"
