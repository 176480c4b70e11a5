"""Compter des jours comme le droit français : jours calendaires et jours ouvrés (les mois : `dates.add_months`).

Pur et sans dépendance : les jours fériés français se calculent en quelques lignes (dates
fixes, plus Pâques et ce qui en découle), ce qui évite d'ajouter une bibliothèque au
démarrage. Un jour ouvré est un jour du lundi au vendredi qui n'est pas férié (c'est le sens
retenu par la Caisse des dépôts pour le délai d'inscription au CPF). Le calendrier appliqué est
celui de la métropole hors Alsace-Moselle : le Vendredi saint et la Saint-Étienne, fériés
seulement là-bas, ne sont pas comptés (compter moins de jours fériés donne une échéance
plus tôt, jamais trop tard).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

# Jours fériés à date fixe (mois, jour) : 1er janvier, 1er mai, 8 mai, 14 juillet,
# 15 août, 1er novembre, 11 novembre, 25 décembre (Code du travail, art. L3133-1).
_FIXED_HOLIDAYS = ((1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25))
# Décalages depuis le dimanche de Pâques : lundi de Pâques, Ascension, lundi de Pentecôte.
_EASTER_OFFSETS = (1, 39, 50)


def easter_sunday(year: int) -> dt.date:
    """Le dimanche de Pâques (calendrier grégorien, algorithme dit « anonyme » de Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[dt.date]:
    """Les onze jours fériés légaux d'une année en France métropolitaine (hors Alsace-Moselle)."""
    easter = easter_sunday(year)
    fixed = {dt.date(year, month, day) for month, day in _FIXED_HOLIDAYS}
    moving = {easter + dt.timedelta(days=offset) for offset in _EASTER_OFFSETS}
    return frozenset(fixed | moving)


def is_working_day(day: dt.date) -> bool:
    """Du lundi au vendredi, et pas un jour férié."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


def add_working_days(day: dt.date, count: int) -> dt.date:
    """Le jour situé `count` jours ouvrés après `day` (avant si `count` est négatif).

    `day` lui-même ne compte pas : 1 jour ouvré après un vendredi, c'est le lundi suivant
    (ou le mardi si le lundi est férié).
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    current = day
    while remaining:
        current += dt.timedelta(days=step)
        if is_working_day(current):
            remaining -= 1
    return current
