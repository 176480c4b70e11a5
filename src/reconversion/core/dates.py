"""Les dates telles que les gens les écrivent, et les échéances du suivi.

Un seul lecteur de dates pour l'assistant, les fichiers `--answers` et les commandes de
suivi (`actions add --due`…) : une date acceptée ici l'est partout, avec le même message.
Formes acceptées (liste fermée, d'où un petit lecteur écrit à la main plutôt qu'une
bibliothèque comme dateparser, qui pèse plusieurs mégaoctets et des centaines de
millisecondes d'import pour des formes qu'on n'accepterait pas) :
`JJ/MM/AAAA`, `AAAA-MM-JJ`, `1er septembre 2027`, `15 septembre 2027`, `septembre 2027`
(le 1er), `aujourd'hui`, `demain`, `+10j`, `+10 jours`, `+3s`, `+3 semaines`, `+2m`, `+2 mois`.

Pur : « aujourd'hui » est toujours passé en paramètre, pour que les tests et les démos
puissent fixer la date, et pour que la règle des bornes soit la même partout :
une échéance est en retard quand elle est strictement avant aujourd'hui (le jour même,
c'est « aujourd'hui », pas un retard) ; elle est proche quand elle tombe entre
aujourd'hui et aujourd'hui + 7 jours, bornes comprises.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from reconversion.errors import AnswerError

SOON_DAYS = 7
# Le format que montrent les invites ; les messages d'erreur montrent le même.
PROMPT_FORMAT = "JJ/MM/AAAA"
EXAMPLES = "15/09/2027, 1er septembre 2027, septembre 2027, demain, +10j (dans 10 jours), +3s ou +2m"
# Mots qui effacent une échéance dans `edit` (« --due aucune »).
NO_DATE_WORDS = frozenset({"", "-", "aucune", "aucun", "sans", "rien"})

MONTHS = (
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
_MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update({"fevrier": 2, "aout": 8, "decembre": 12, "févr": 2, "janv": 1, "sept": 9})
# Chiffres 0-9 seulement : ceux d'autres écritures (« ٢٠٢٨ ») sont refusés exprès (`unreadable`).
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_SLASHES = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_WORDS = re.compile(r"(?:(1er|[0-9]{1,2})\s+)?([a-zéûè]+)\.?\s+([0-9]{4})")
_RELATIVE = re.compile(r"\+\s*([0-9]{1,4})\s*(j|jours?|s|sem|semaines?|m|mois)")
_UNITS = {
    "j": "j",
    "jour": "j",
    "jours": "j",
    "s": "s",
    "sem": "s",
    "semaine": "s",
    "semaines": "s",
    "m": "m",
    "mois": "m",
}


class TooFar(ValueError):
    """Une date relative qui sort du calendrier (`+9999s` en l'an 9990)."""


def _plain(text: str) -> str:
    """Minuscules, espaces simples (y compris insécables), apostrophe droite."""
    text = unicodedata.normalize("NFC", text).casefold().replace("\u2019", "'")
    return " ".join(text.split())


def add_months(day: dt.date, months: int) -> dt.date:
    """Même jour du mois `months` plus tard ; le 31 janvier + 1 mois donne le dernier jour de février."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > dt.MAXYEAR:
        raise TooFar(str(day))
    following = dt.date(year + month // 12, month % 12 + 1, 1) if year + month // 12 <= dt.MAXYEAR else None
    last = (following - dt.timedelta(days=1)).day if following else 31
    return dt.date(year, month, min(day.day, last))


def parse_date(text: str, today: dt.date | None = None) -> str | None:
    """Une date lue dans l'une des formes acceptées, rendue en ISO ; None si illisible ou inexistante.

    Sans `today`, seules les formes absolues sont lues (bornes d'un guide, par exemple).
    Lève `TooFar` pour une date relative hors du calendrier.
    """
    day = _read(_plain(text), today)
    return day.isoformat() if day else None


def _read(text: str, today: dt.date | None) -> dt.date | None:
    try:
        if match := _ISO.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _SLASHES.fullmatch(text):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        if match := _WORDS.fullmatch(text):
            month = _MONTH_NUMBER.get(match[2])
            if month is None:
                return None
            number = 1 if match[1] in (None, "1er") else int(match[1])
            return dt.date(int(match[3]), month, number)
    except ValueError:
        return None
    if today is None:
        return None
    if text in ("aujourd'hui", "aujourdhui"):
        return today
    if text == "demain":
        return _shift(today, 1, "j")
    if text == "après-demain":
        return _shift(today, 2, "j")
    if match := _RELATIVE.fullmatch(text):
        return _shift(today, int(match[1]), _UNITS[match[2]])
    return None


def _shift(today: dt.date, count: int, unit: str) -> dt.date:
    try:
        if unit == "m":
            return add_months(today, count)
        return today + dt.timedelta(days=count * (7 if unit == "s" else 1))
    except OverflowError:
        raise TooFar(str(today)) from None


def french_date(iso: str) -> str:
    """« 2027-03-01 » devient « 1er mars 2027 »."""
    day = dt.date.fromisoformat(iso)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def unreadable(raw: object) -> AnswerError:
    """Le message d'une date illisible : il montre d'abord le format de l'invite (la saisie, coupée si
    elle est longue) ; écrite avec des chiffres d'une autre écriture, il montre la date en chiffres 0-9."""
    from reconversion.core.limits import latin_digits, show

    text = str(raw)
    latin = latin_digits(text)
    if latin is not None:
        return AnswerError(f"« {show(text)} » : écris la date avec les chiffres 0 à 9, par exemple « {show(latin)} »")
    return AnswerError(f"« {show(text)} » n'est pas une date valide : écris-la {PROMPT_FORMAT} (exemples : {EXAMPLES})")


def parse_due(text: str, today: dt.date, *, not_before_today: bool = False) -> dt.date:
    """Une échéance dans l'une des formes acceptées (relative à `today` pour `+10j`, `demain`…).

    `not_before_today` refuse une date passée (échéances du suivi).
    Lève `AnswerError` avec des exemples quand la date est illisible, n'existe pas ou est passée.
    """
    raw = text.strip()
    try:
        iso = parse_date(raw, today)
    except TooFar:
        raise AnswerError(f"« {_shown(raw)} » nous emmène trop loin dans le temps (exemples : {EXAMPLES})") from None
    if iso is None:
        raise unreadable(raw)
    day = dt.date.fromisoformat(iso)
    if not_before_today and day < today:
        raise AnswerError(
            f"le {french_date(iso)} est déjà passé : indique une date à partir d'aujourd'hui "
            f"({french_date(today.isoformat())})"
        )
    return day


def parse_optional_due(text: str, today: dt.date, *, not_before_today: bool = False) -> dt.date | None:
    """Comme `parse_due`, mais « aucune » (ou un texte vide) veut dire : pas d'échéance."""
    if text.strip().casefold() in NO_DATE_WORDS:
        return None
    return within_bounds(parse_due(text, today, not_before_today=not_before_today), text)


def within_bounds(day: dt.date, text: str) -> dt.date:
    """La date si elle tombe dans les bornes du carnet (`core/limits.py`), sinon `AnswerError`."""
    from reconversion.core.limits import date_range_text, year_in_range

    if not year_in_range(day.year):
        raise AnswerError(f"« {_shown(text.strip())} » : la date doit tomber {date_range_text()}")
    return day


def _shown(text: str) -> str:
    from reconversion.core.limits import show

    return show(text)


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
