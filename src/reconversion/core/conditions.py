"""Évalue les conditions `when` sur les réponses : uniquement des comparaisons déclarées.

Pas d'`eval`, pas de gabarit : un guide ne peut rien exécuter, seulement comparer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reconversion.core import model


def holds(condition: model.Condition | None, answers: Mapping[str, Any]) -> bool:
    """Vraie si la condition est remplie ; une condition absente est toujours remplie.

    `answers` ne contient que les réponses effectives (questions qui s'appliquent) ;
    une question passée y vaut None et ne compte pas comme répondue.
    """
    if condition is None:
        return True
    if isinstance(condition, model.Equals):
        return _matches(answers.get(condition.question), (condition.value,))
    if isinstance(condition, model.InValues):
        return _matches(answers.get(condition.question), condition.values)
    if isinstance(condition, model.Answered):
        return (answers.get(condition.question) is not None) == condition.answered
    if isinstance(condition, model.Not):
        return not holds(condition.condition, answers)
    if isinstance(condition, model.All):
        return all(holds(c, answers) for c in condition.conditions)
    if isinstance(condition, model.AnyOf):
        return any(holds(c, answers) for c in condition.conditions)
    raise TypeError(f"condition inconnue : {condition!r}")  # pragma: no cover


def _matches(answer: Any, values: tuple[Any, ...]) -> bool:
    if answer is None:
        return False
    if isinstance(answer, list):
        return any(item in values for item in answer)
    return answer in values
