"""Applique un fichier de réponses (`start --answers`) : tout est vérifié avant d'écrire quoi que ce soit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reconversion.core import model
from reconversion.core.conditions import holds
from reconversion.core.limits import MAX_QUESTIONS, show
from reconversion.core.question_types import normalize
from reconversion.errors import AnswerError


@dataclass
class AnswersFileResult:
    accepted: dict[str, tuple[str, Any]] = field(default_factory=dict)  # id -> (étape, valeur)
    ignored: list[str] = field(default_factory=list)  # questions qui ne s'appliquent pas
    problems: list[str] = field(default_factory=list)  # « id : raison »


def check_answers(
    guide: model.Guide, existing: Mapping[str, Any], given: Mapping[str, Any], today: dt.date | None = None
) -> AnswersFileResult:
    """Valide chaque réponse du fichier, dans l'ordre du guide, comme si elle était tapée.

    L'applicabilité tient compte des réponses déjà enregistrées ET de celles du fichier.
    """
    result = AnswersFileResult()
    if len(given) > MAX_QUESTIONS:  # un guide en a au plus autant : inutile de tout passer en revue
        result.problems.append(
            f"le fichier donne {len(given)} réponses ; un guide compte au plus {MAX_QUESTIONS} questions"
        )
        return result
    known = {q.id for q in guide.questions}
    for question_id in given:
        if str(question_id) not in known:
            result.problems.append(f"{show(str(question_id))} : question inconnue dans ce guide")
    merged: dict[str, Any] = dict(existing)
    effective: dict[str, Any] = {}
    for question in guide.questions:
        applies = holds(question.when, effective)
        if question.id in given:
            if not applies:
                result.ignored.append(question.id)
                continue
            try:
                value = normalize(question, given[question.id], today)
            except AnswerError as exc:
                result.problems.append(f"{question.id} : {exc.message}")
                continue
            refused = _not_offered(question, value, effective)
            if refused:
                result.problems.append(f"{question.id} : {refused}")
                continue
            merged[question.id] = value
            result.accepted[question.id] = (question.step_id, value)
        if applies and question.id in merged:
            effective[question.id] = merged[question.id]
    return result


def _not_offered(question: model.Question, value: Any, effective: Mapping[str, Any]) -> str | None:
    """Un choix dont la condition `when` n'est pas remplie n'est pas proposé : le fichier ne peut pas le donner."""
    hidden = {c.value: c.label for c in question.choices if not holds(c.when, effective)}
    chosen = value if isinstance(value, list) else [value]
    names = [hidden[v] for v in chosen if v in hidden]
    if not names:
        return None
    return f"« {names[0]} » n'est pas proposé dans ta situation (vu tes autres réponses)"
