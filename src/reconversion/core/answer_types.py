"""Valide et normalise une réponse selon le type de sa question.

Le même code sert aux réponses tapées dans l'assistant et à celles d'un fichier
`--answers`, pour qu'une réponse refusée ici le soit partout, avec le même message.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from reconversion.core.limits import answer_problem
from reconversion.core.model import AnswerValue, Question
from reconversion.errors import AnswerError

MONTHS = (  # les mois en français : une seule liste pour tout l'outil
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_ROME_CODE = re.compile(r"[A-N]\d{4}")
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1"}
_FALSE = {"non", "n", "no", "false", "faux", "0"}


def parse_date(text: str) -> str | None:
    """Une date `AAAA-MM-JJ` ou `JJ/MM/AAAA` rendue en ISO ; None si elle n'existe pas."""
    text = text.strip()
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    french = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3])).isoformat()
        if french:
            return dt.date(int(french[3]), int(french[2]), int(french[1])).isoformat()
    except ValueError:
        return None
    return None


def french_date(iso: str) -> str:
    """« 2027-03-01 » devient « 1er mars 2027 »."""
    day = dt.date.fromisoformat(iso)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def normalize(question: Question, raw: Any) -> AnswerValue:
    """La réponse normalisée, ou None pour une question facultative laissée vide.

    Lève `AnswerError` avec un message en français qui dit quoi corriger.
    """
    if is_blank(raw):
        if question.required:
            raise AnswerError("une réponse est nécessaire pour continuer")
        return None
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
            raise AnswerError(f"« {raw} » n'est pas un code ROME (une lettre et quatre chiffres, par exemple J1506)")
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
        text = str(raw).strip().replace(" ", "").replace("\u202f", "").replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise AnswerError(f"« {raw} » n'est pas un nombre (exemple : 12 ou 3,5)") from None
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


def _date(question: Question, raw: Any) -> str:
    iso = parse_date(str(raw)) if not isinstance(raw, bool) else None
    if iso is None:
        raise AnswerError(f"« {raw} » n'est pas une date valide (exemple : 15/09/2027 ou 2027-09-15)")
    rules = question.validate
    if rules.min is not None and iso < rules.min:
        raise _fail(question, f"la date doit être le {french_date(rules.min)} ou après")
    if rules.max is not None and iso > rules.max:
        raise _fail(question, f"la date doit être le {french_date(rules.max)} ou avant")
    return iso


def _show(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number).replace(".", ",")


_HANDLERS = {
    "text": _text,
    "long_text": _text,
    "select": _select,
    "multiselect": _multiselect,
    "confirm": _confirm,
    "number": _number,
    "scale": _scale,
    "date": _date,
}


def display(question: Question, value: AnswerValue) -> str:
    """Une réponse écrite pour être lue : libellés, « oui »/« non », dates en français."""
    if value is None:
        return "(passée)"
    if question.type == "confirm":
        return "oui" if value else "non"
    if question.type == "date" and isinstance(value, str):
        return french_date(value)
    if question.type == "multiselect" and isinstance(value, list):
        return ", ".join(question.label_for(v) for v in value)
    if question.type == "select":
        return question.label_for(value)
    if question.type == "number" and isinstance(value, (int, float)):
        return _show(value)
    if question.type == "scale":
        return f"{value} sur {question.validate.max}"
    return str(value)
