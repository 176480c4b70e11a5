"""Les dates telles que les gens les écrivent, et les échéances du suivi.

Un seul lecteur de dates pour l'assistant, les fichiers `--answers` et les commandes de
suivi (`actions add --due`…) : une date acceptée ici l'est partout, avec le même message.
Formes acceptées (liste fermée, d'où un petit lecteur écrit à la main plutôt qu'une
bibliothèque comme dateparser : voir le README, « Dépendances ») :
`JJ/MM/AAAA`, `JJ/MM/AA`, `AAAA-MM-JJ`, `1er septembre 2027`, `15 septembre 2027`, `septembre 2027`
(le 1er), `aujourd'hui`, `demain`, `+10j`, `+10 jours`, `+3s`, `+3 semaines`, `+2m`, `+2 mois` ;
et, relatives au jour donné : `dans 3 mois`, `dans deux semaines`, `dans 10 jours`, `dans 1 an`,
`15 décembre` et `15/12` (la prochaine fois que ce jour arrive), `mi-janvier` (le 15),
`début mars` (le 1er), `fin mars` (le dernier jour), `début 2028`, `mi-2028`, `fin 2028`,
`la semaine prochaine`, `le mois prochain`. Le jour choisi quand il n'est pas donné est
redit à la personne (`understood`).

Pur : « aujourd'hui » est toujours passé en paramètre, pour que les tests et les démos
puissent fixer la date, et pour que la règle des bornes soit la même partout :
une échéance est en retard quand elle est strictement avant aujourd'hui (le jour même,
c'est « aujourd'hui », pas un retard) ; elle est proche quand elle tombe entre
aujourd'hui et aujourd'hui + 7 jours, bornes comprises.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from reconversion.core.french_count import count_of
from reconversion.core.lazy_pattern import LazyPattern
from reconversion.errors import AnswerError

SOON_DAYS = 7
# Le format que montrent les invites ; les messages d'erreur montrent le même.
PROMPT_FORMAT = "JJ/MM/AAAA"
EXAMPLES = "15/09/2027, 15 septembre, fin mars, début 2028, dans 3 mois ou dans 2 semaines"
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
_ISO = LazyPattern(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_SLASHES = LazyPattern(r"([0-9]{1,2})[/.]([0-9]{1,2})[/.]([0-9]{4}|[0-9]{2})")
_WORDS = LazyPattern(r"(?:le\s+)?(?:(1er|[0-9]{1,2})\s+)?([a-zéûè]+)\.?\s+([0-9]{4})")
_RELATIVE = LazyPattern(r"\+\s*([0-9]{1,4})\s*(j|jours?|s|sem|semaines?|m|mois|ans?)")
_IN = LazyPattern(r"dans\s+([0-9]{1,4}|[a-z]+)\s+(jours?|semaines?|mois|ans?|années?)")
_DAY_MONTH = LazyPattern(r"(?:le\s+)?(?:(1er|[0-9]{1,2})\s+)?([a-zéûè]+)\.?")
_SLASH_DAY = LazyPattern(r"([0-9]{1,2})[/.]([0-9]{1,2})")
_PART = LazyPattern(r"(début|debut|mi|fin)(?:\s+|\s*-\s*)(?:d'|de\s+)?([a-zéûè]+|[0-9]{4})(?:\s+([0-9]{4}))?")
_SPELLED = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "quinze": 15,
    "dix-huit": 18,
    "vingt": 20,
}
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
    "an": "a",
    "ans": "a",
    "année": "a",
    "années": "a",
}


class TooFar(ValueError):
    """Une date relative qui sort du calendrier (`+9999s` en l'an 9990)."""


def _plain(text: str) -> str:
    """Minuscules, espaces simples (y compris insécables), apostrophe droite."""
    text = unicodedata.normalize("NFC", text).casefold().replace("\u2019", "'")
    return " ".join(text.split())


def month_index(day: dt.date) -> int:
    """Le rang du mois de `day` depuis l'an 0 : deux mois qui se suivent ont des rangs qui se suivent."""
    return day.year * 12 + day.month - 1


def add_months(day: dt.date, months: int) -> dt.date:
    """Le même quantième `months` mois plus tard (ou plus tôt), ramené au dernier jour d'un mois plus court.

    Le 31 août + 6 mois donne le 28 février (29 les années bissextiles) : un délai « de six
    mois » ne déborde jamais sur le mois suivant. Un résultat hors du calendrier (avant l'an 1,
    après l'an 9999) lève `TooFar`, dans un sens comme dans l'autre. Seule définition du projet :
    les dates tapées (« +2m ») et les échéances du guide (`deadlines.shift`) suivent la même règle.
    """
    year, index = divmod(month_index(day) + months, 12)
    month = index + 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise TooFar(day.isoformat())
    # sans le module calendar : chaque milliseconde compte au démarrage
    last = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def parse_date(text: str, today: dt.date | None = None) -> str | None:
    """Une date lue dans l'une des formes acceptées, rendue en ISO ; None si illisible ou inexistante.

    Sans `today`, seules les formes absolues sont lues (bornes d'un guide, par exemple).
    Lève `TooFar` pour une date relative hors du calendrier.
    """
    day = _read(_plain(text), today)
    return day.isoformat() if day else None


def _read(text: str, today: dt.date | None) -> dt.date | None:
    text = text.replace("1 er ", "1er ")
    try:
        if match := _ISO.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _SLASHES.fullmatch(text):
            year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
            return dt.date(year, int(match[2]), int(match[1]))
        if match := _WORDS.fullmatch(text):
            month = _MONTH_NUMBER.get(match[2])
            if month is None:
                return _part(text, today)
            number = 1 if match[1] in (None, "1er") else int(match[1])
            return dt.date(int(match[3]), month, number)
    except ValueError:
        return None
    if today is None:
        return _part(text, None)
    return _relative(text, today)


def _relative(text: str, today: dt.date) -> dt.date | None:
    """Les formes qui ont besoin du jour : « demain », « +2m », « dans 3 mois », « 15 décembre »."""
    simple = {
        "aujourd'hui": 0,
        "aujourdhui": 0,
        "demain": 1,
        "après-demain": 2,
        "apres-demain": 2,
        "la semaine prochaine": 7,
        "semaine prochaine": 7,
    }
    if text in simple:
        return _shift(today, simple[text], "j")
    if text in ("le mois prochain", "mois prochain"):
        return _shift(today, 1, "m")
    if match := _RELATIVE.fullmatch(text):
        return _shift(today, int(match[1]), _UNITS[match[2]])
    if match := _IN.fullmatch(text):
        count = int(match[1]) if match[1].isdigit() else _SPELLED.get(match[1])
        return None if count is None else _shift(today, count, _UNITS[match[2]])
    if match := _SLASH_DAY.fullmatch(text):
        return _next_day(today, int(match[2]), 1 if match[1] == "1er" else int(match[1]))
    if match := _DAY_MONTH.fullmatch(text):
        month = _MONTH_NUMBER.get(match[2])
        if month is not None:
            return _next_day(today, month, 1 if match[1] in (None, "1er") else int(match[1]))
    return _part(text, today)


def _next_day(today: dt.date, month: int, day: int) -> dt.date | None:
    """Le prochain `day/month` à partir d'aujourd'hui (le 29/02 attend une année bissextile)."""
    for year in range(today.year, today.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def _part(text: str, today: dt.date | None) -> dt.date | None:
    """« début mars », « mi-janvier 2028 », « fin 2028 » : le 1er, le 15 ou le dernier jour."""
    match = _PART.fullmatch(text)
    if match is None:
        return None
    part, what, year_text = match[1], match[2], match[3]
    if what.isdigit():  # une année : début (1er janvier), mi (1er juillet), fin (31 décembre)
        if year_text is not None:
            return None
        year = int(what)
        return {"fin": dt.date(year, 12, 31), "mi": dt.date(year, 7, 1)}.get(part, dt.date(year, 1, 1))
    month = _MONTH_NUMBER.get(what)
    if month is None:
        return None
    if year_text is not None:
        year = int(year_text)
    elif today is None:
        return None
    else:  # la prochaine fois que ce moment du mois arrive
        year = today.year if _in_month(today.year, month, part) >= today else today.year + 1
    return _in_month(year, month, part)


def _in_month(year: int, month: int, part: str) -> dt.date:
    if part == "mi":
        return dt.date(year, month, 15)
    if part == "fin":
        return add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)
    return dt.date(year, month, 1)


def _shift(today: dt.date, count: int, unit: str) -> dt.date:
    try:
        if unit in ("m", "a"):
            return add_months(today, count * (12 if unit == "a" else 1))
        return today + dt.timedelta(days=count * (7 if unit == "s" else 1))
    except OverflowError:
        raise TooFar(str(today)) from None


def french_date(iso: str | dt.date) -> str:
    """« 2027-03-01 » (ou la date elle-même) devient « 1er mars 2027 »."""
    day = dt.date.fromisoformat(iso) if isinstance(iso, str) else iso
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def unreadable(raw: object) -> AnswerError:
    """Le message d'une date illisible : il montre d'abord le format de l'invite (la saisie, coupée si
    elle est longue) ; écrite avec des chiffres d'une autre écriture, il montre la date en chiffres 0-9 ;
    bien écrite mais inexistante (« 31/02/2027 »), il dit que ce jour n'existe pas."""
    from reconversion.core.limits import latin_digits, show

    text = str(raw)
    latin = latin_digits(text)
    if latin is not None:
        return AnswerError(f"« {show(text)} » : écris la date avec les chiffres 0 à 9, par exemple « {show(latin)} »")
    missing = _missing_day(_plain(text))
    if missing:
        return AnswerError(f"« {show(text)} » : {missing} (exemple : {EXAMPLES.split(',')[0]})")
    return AnswerError(f"« {show(text)} » n'est pas une date valide : écris-la {PROMPT_FORMAT} (exemples : {EXAMPLES})")


def _missing_day(text: str) -> str | None:
    """« le 31 février 2027 n'existe pas : février 2027 a 28 jours » si la date est bien formée."""
    day = month = year = None
    if match := _SLASHES.fullmatch(text):
        day, month = int(match[1]), int(match[2])
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
    elif match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    elif (match := _WORDS.fullmatch(text)) and match[1] and match[2] in _MONTH_NUMBER:
        day, month, year = (1 if match[1] == "1er" else int(match[1])), _MONTH_NUMBER[match[2]], int(match[3])
    if day is None or month is None or year is None:
        return None
    if not 1 <= month <= 12:
        return f"il n'y a pas de mois numéro {month}, les mois vont de 1 à 12"
    last = (add_months(dt.date(year, month, 1), 1) - dt.timedelta(days=1)).day if 1 <= year < dt.MAXYEAR else 31
    if 1 <= day <= last:
        return None
    return f"le {day} {MONTHS[month - 1]} {year} n'existe pas : {MONTHS[month - 1]} {year} a {last} jours"


def understood(iso: str, raw: object) -> str | None:
    """« = 6 mars 2027 » : la date comprise, redite quand la personne ne l'a pas écrite en toutes lettres."""
    said = french_date(iso)
    if _plain(str(raw)) == _plain(said):
        return None
    return f"= {_weekday(iso)} {said}"


_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _weekday(iso: str) -> str:
    return _WEEKDAYS[dt.date.fromisoformat(iso).weekday()]


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
        return f"en retard de {count_of(-delta, 'jour')} ({french_date(due.isoformat())})"
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
