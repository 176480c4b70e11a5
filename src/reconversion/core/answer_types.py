"""Valide et normalise une réponse selon le type de sa question.

Le même code sert aux réponses tapées dans l'assistant et à celles d'un fichier
`--answers`, pour qu'une réponse refusée ici le soit partout, avec le même message.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from reconversion.core.dates import TooFar, french_date, parse_date, unreadable
from reconversion.core.limits import answer_problem
from reconversion.core.model import AnswerValue, Question
from reconversion.errors import AnswerError

_ROME_CODE = re.compile(r"[A-N]\d{4}")
# Ce qu'on retire d'un nombre écrit à la française : espaces (simples, insécables, fines), unité.
_NUMBER_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
_NUMBER_UNIT = re.compile(r"(?:€|eur|euros?|h|heures?|ans?)$")
__all__ = ["display", "display_items", "french_date", "is_blank", "normalize", "parse_date", "scale_text"]
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1"}
_FALSE = {"non", "n", "no", "false", "faux", "0"}


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def normalize(question: Question, raw: Any, today: dt.date | None = None) -> AnswerValue:
    """La réponse normalisée, ou None pour une question facultative laissée vide.

    `today` sert aux dates relatives (« demain », « +2m ») et à la règle `after: today` ;
    sans lui, on prend la date du jour (l'assistant, un fichier de réponses).
    Lève `AnswerError` avec un message en français qui dit quoi corriger.
    """
    if is_blank(raw):
        if question.required:
            raise AnswerError("une réponse est nécessaire pour continuer")
        return None
    if question.type == "date":
        value = _date(question, raw, today or dt.date.today())
    else:
        value = _HANDLERS[question.type](question, raw)
    problem = answer_problem(value)  # mêmes bornes que les sauvegardes : tout ce qui est écrit se relit
    if problem:
        raise AnswerError(problem)
    return value


def _fail(question: Question, default: str) -> AnswerError:
    return AnswerError(question.validate.message or default)


def _text(question: Question, raw: Any) -> str:
    if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
        raise AnswerError("un texte est attendu")
    value = str(raw).strip()
    rules = question.validate
    if rules.min_length is not None and len(value) < rules.min_length:
        raise _fail(question, f"au moins {rules.min_length} caractères, s'il te plaît")
    if rules.max_length is not None and len(value) > rules.max_length:
        raise _fail(question, f"{rules.max_length} caractères au plus (tu en as écrit {len(value)})")
    if rules.pattern is not None and not _matches(rules.pattern, value):
        raise _fail(question, "la réponse n'a pas la forme attendue")
    return value


def _matches(pattern: str, value: str) -> bool:
    """La forme attendue, vérifiée en temps linéaire (RE2 : un motif ne peut pas figer l'assistant)."""
    from reconversion.core.safe_regex import PatternError, full_match

    try:
        return full_match(pattern, value)
    except PatternError:
        return False  # un guide non validé : la réponse ne peut pas être vérifiée, on la refuse


def _choice_value(question: Question, raw: Any) -> Any:
    """Accepte la valeur d'un choix, ou son libellé (sans tenir compte de la casse)."""
    if question.choices_from == "metiers":
        code = str(raw).strip().upper()
        if not _ROME_CODE.fullmatch(code):
            raise AnswerError(
                f"« {raw} » n'est pas un code ROME (une lettre de A à N suivie de quatre chiffres, par exemple J1506)"
            )
        return code  # son existence est vérifiée par l'adaptateur qui connaît le catalogue
    for choice in question.choices:
        if raw == choice.value:
            return choice.value
    text = str(raw).strip().casefold()
    for choice in question.choices:
        if text in (str(choice.value).casefold(), choice.label.casefold()):
            return choice.value
    possible = ", ".join(str(c.value) for c in question.choices)
    raise AnswerError(f"« {raw} » n'est pas un choix possible (choix : {possible})")


def _select(question: Question, raw: Any) -> Any:
    if isinstance(raw, (list, dict)):
        raise AnswerError("un seul choix est attendu")
    return _choice_value(question, raw)


def _multiselect(question: Question, raw: Any) -> list[Any]:
    items = raw if isinstance(raw, list) else [raw]
    values: list[Any] = []
    for item in items:
        if isinstance(item, (list, dict)):
            raise AnswerError("une liste de choix simples est attendue")
        value = _choice_value(question, item)
        if value not in values:
            values.append(value)
    rules = question.validate
    if question.required and not values:
        raise AnswerError("choisis au moins une réponse")
    if rules.min_choices is not None and len(values) < rules.min_choices:
        raise _fail(question, f"choisis au moins {rules.min_choices} réponses")
    if rules.max_choices is not None and len(values) > rules.max_choices:
        raise _fail(question, f"choisis au plus {rules.max_choices} réponses (tu en as choisi {len(values)})")
    return values


def _confirm(question: Question, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise AnswerError("réponds par oui ou par non")


def _number(question: Question, raw: Any) -> int | float:
    if isinstance(raw, bool):
        raise AnswerError("un nombre est attendu")
    if isinstance(raw, (int, float)):
        value: float = raw
    else:
        text = _NUMBER_UNIT.sub("", str(raw).translate(_NUMBER_SPACES).casefold()).replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise AnswerError(f"« {raw} » n'est pas un nombre (exemples : 12, 3,5 ou 3 200 €)") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise AnswerError("un nombre fini est attendu")
    rules = question.validate
    if rules.min is not None and value < rules.min:
        raise _fail(question, f"le nombre doit être au moins {_show(rules.min)}")
    if rules.max is not None and value > rules.max:
        raise _fail(question, f"le nombre doit être au plus {_show(rules.max)}")
    return int(value) if float(value).is_integer() else value


def _scale(question: Question, raw: Any) -> int:
    low, high = question.validate.min, question.validate.max
    try:
        value = int(str(raw).strip()) if not isinstance(raw, bool) else None
    except ValueError:
        value = None
    if value is None or (isinstance(raw, float) and not raw.is_integer()):
        raise AnswerError(f"choisis un nombre entier de {low} à {high}")
    if not low <= value <= high:
        raise _fail(question, f"choisis un nombre de {low} à {high}")
    return value


def _date(question: Question, raw: Any, today: dt.date) -> str:
    try:
        iso = parse_date(str(raw), today) if not isinstance(raw, bool) else None
    except TooFar:
        iso = None
    if iso is None:
        raise unreadable(raw)
    rules = question.validate
    if rules.after == "today" and iso <= today.isoformat():
        raise _fail(question, f"la date doit être après aujourd'hui ({french_date(today.isoformat())})")
    if rules.min is not None and iso < rules.min:
        raise _fail(question, f"la date doit être le {french_date(rules.min)} ou après")
    if rules.max is not None and iso > rules.max:
        raise _fail(question, f"la date doit être le {french_date(rules.max)} ou avant")
    return iso


def _show(number: float) -> str:
    """« 3 200 » ou « 3 200,5 » : virgule décimale, espace fine insécable entre les milliers."""
    sign, size = ("-" if number < 0 else ""), abs(number)
    text = f"{int(size):,}".replace(",", "\u202f")
    if not float(size).is_integer():
        text += "," + (f"{size:.10f}".rstrip("0").split(".")[1] or "0")
    return sign + text


_HANDLERS = {
    "text": _text,
    "long_text": _text,
    "select": _select,
    "multiselect": _multiselect,
    "confirm": _confirm,
    "number": _number,
    "scale": _scale,
}


def display(question: Question, value: AnswerValue) -> str:
    """Une réponse écrite pour être lue : libellés, « Oui »/« Non », dates en français.

    Un choix multiple tient sur une ligne, ses libellés séparés par « ; » (ils contiennent
    des virgules) ; pour un choix par ligne, voir `display_items`.
    """
    if value is None:
        return "(passée)"
    if question.type == "multiselect" and isinstance(value, list):
        return " ; ".join(display_items(question, value)) or "(aucune)"
    if question.type == "confirm":
        return "Oui" if value else "Non"
    if question.type == "date" and isinstance(value, str):
        return french_date(value)
    if question.type == "select":
        return question.label_for(value)
    if question.type == "number" and isinstance(value, (int, float)):
        return _show(value)
    if question.type == "scale":
        return scale_text(question, value)
    return str(value)


def display_items(question: Question, value: list[Any]) -> list[str]:
    """Les libellés d'un choix multiple, un par élément."""
    return [question.label_for(v) for v in value]


def scale_text(question: Question, value: Any) -> str:
    """« 1 sur 5 — Aucune » : le libellé de l'échelle quand le guide en donne un pour cette note."""
    text = f"{value} sur {question.validate.max}"
    labels = question.scale_labels
    if labels and value == question.validate.min:
        return f"{text} — {labels[0]}"
    if labels and value == question.validate.max:
        return f"{text} — {labels[1]}"
    return text
