"""Les échéances du suivi : lire une date tapée par la personne, dire si elle est passée.

Pur : « aujourd'hui » est toujours passé en paramètre, pour que les tests et les démos
puissent fixer la date, et pour que la règle des bornes soit la même partout :
une échéance est en retard quand elle est strictement avant aujourd'hui (le jour même,
c'est « aujourd'hui », pas un retard) ; elle est proche quand elle tombe entre
aujourd'hui et aujourd'hui + 7 jours, bornes comprises.
"""

from __future__ import annotations

import datetime as dt
import re

from reconversion.core.answer_types import french_date, parse_date
from reconversion.errors import AnswerError

SOON_DAYS = 7
EXAMPLES = "15/09/2027, 2027-09-15, +10j (dans 10 jours) ou +3s (dans 3 semaines)"
# Mots qui effacent une échéance dans `edit` (« --due aucune »).
NO_DATE_WORDS = frozenset({"", "-", "aucune", "aucun", "sans", "rien"})

_RELATIVE = re.compile(r"\+\s*(\d{1,4})\s*([jJsS])")
_UNIT_DAYS = {"j": 1, "s": 7}


def parse_due(text: str, today: dt.date) -> dt.date:
    """Une échéance : `AAAA-MM-JJ`, `JJ/MM/AAAA`, ou relative à `today` (`+10j`, `+3s`).

    Lève `AnswerError` avec un exemple quand la date est illisible ou n'existe pas.
    """
    raw = text.strip()
    relative = _RELATIVE.fullmatch(raw)
    if relative:
        days = int(relative[1]) * _UNIT_DAYS[relative[2].lower()]
        try:
            return today + dt.timedelta(days=days)
        except OverflowError:
            raise AnswerError(f"« {raw} » nous emmène trop loin dans le temps (exemples : {EXAMPLES})") from None
    iso = parse_date(raw)
    if iso is None:
        raise AnswerError(f"« {raw} » n'est pas une date valide (exemples : {EXAMPLES})")
    return dt.date.fromisoformat(iso)


def parse_optional_due(text: str, today: dt.date) -> dt.date | None:
    """Comme `parse_due`, mais « aucune » (ou un texte vide) veut dire : pas d'échéance."""
    if text.strip().casefold() in NO_DATE_WORDS:
        return None
    return within_bounds(parse_due(text, today), text)


def within_bounds(day: dt.date, text: str) -> dt.date:
    """La date si elle tombe dans les bornes du carnet (`core/limits.py`), sinon `AnswerError`."""
    from reconversion.core.limits import date_range_text, year_in_range

    if not year_in_range(day.year):
        raise AnswerError(f"« {text.strip()} » : la date doit tomber {date_range_text()}")
    return day


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    """En retard : l'échéance est strictement passée (le jour même ne compte pas)."""
    return due is not None and due < today


def is_due_soon(due: dt.date | None, today: dt.date, days: int = SOON_DAYS) -> bool:
    """À faire bientôt : entre aujourd'hui et aujourd'hui + `days`, bornes comprises."""
    return due is not None and today <= due <= today + dt.timedelta(days=days)


def due_label(due: dt.date | None, today: dt.date) -> str:
    """L'échéance dite simplement : « en retard de 3 jours », « aujourd'hui », « dans 5 jours »."""
    if due is None:
        return "sans date"
    delta = (due - today).days
    if delta < 0:
        late = -delta
        return f"en retard de {late} jour{'s' if late > 1 else ''} ({french_date(due.isoformat())})"
    if delta == 0:
        return "aujourd'hui"
    if delta == 1:
        return "demain"
    if delta <= SOON_DAYS:
        return f"dans {delta} jours ({french_date(due.isoformat())})"
    return f"le {french_date(due.isoformat())}"


def from_iso(text: str | None) -> dt.date | None:
    """Une date ISO lue dans le carnet ; None si absente ou illisible.

    Une sauvegarde restaurée ne vérifie que le type des colonnes : une date abîmée
    (« bientôt ») ne doit pas faire tomber `actions`, `status` ou le calendrier.
    """
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
