"""Les bornes de ce que le carnet accepte, définies une seule fois.

Pur. Tout ce qui entre dans le carnet (commandes, assistant, fichier --answers, sauvegarde
importée) passe par ces règles, pour que tout ce que l'outil écrit, il sache le relire,
l'afficher et l'exporter : une date reste loin des limites de `datetime` (l'agenda .ics et
les calculs d'échéance ne débordent jamais), un numéro de ligne laisse de la place à
SQLite, un nombre tient dans un flottant, un texte reste d'une taille qu'on affiche vite.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Any

MIN_YEAR = 1900  # dates et horodatages : années 1900 à 2199 comprises
MAX_YEAR = 2199
MAX_ID = 2**53 - 1  # numéro de ligne (actions, expériences, contacts) : 1 à 2^53 − 1
MAX_NUMBER = 2**53 - 1  # un nombre entier d'une réponse, en valeur absolue (exact en flottant)
MAX_TEXT = 10_000  # caractères d'un texte libre (action, note, nom, organisation…)
MAX_IDENTIFIER = 200  # caractères d'un identifiant (question, étape, activité, action du guide)
MAX_ANSWER = 64 * 1024  # caractères d'une réponse, écrite en JSON
MAX_STEPS = 200  # étapes d'un guide
MAX_QUESTIONS = 2_000  # questions d'un guide (toutes étapes comprises)

# Caractères de contrôle (C0 sauf tabulation et retour à la ligne, DEL, C1) et surrogats isolés.
_BAD_CHAR = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"
# Montrés échappés dans un message : tous les contrôles, les surrogats et les marques bidi.
_SHOWN_ESCAPE = "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]"


@functools.cache
def _pattern(expression: str) -> re.Pattern[str]:
    """Compilé au premier usage seulement : `status` importe ce module sans rien vérifier."""
    return re.compile(expression)


def year_in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def date_range_text() -> str:
    return f"entre le 1er janvier {MIN_YEAR} et le 31 décembre {MAX_YEAR}"


def show(text: str, limit: int = 40) -> str:
    """Un texte refusé, montré sans danger dans un message : contrôles et surrogats en \\uXXXX."""
    cut = text[:limit]
    shown = _pattern(_SHOWN_ESCAPE).sub(lambda m: f"\\u{ord(m[0]):04x}", cut)
    return shown + "…" if len(text) > limit else shown


def text_problem(value: str, limit: int = MAX_TEXT) -> str | None:
    """Le problème d'un texte (taille, caractère interdit), ou None s'il convient."""
    if len(value) > limit:
        return f"texte trop long ({len(value)} caractères ; au plus {limit})"
    bad = _pattern(_BAD_CHAR).search(value)
    if bad is None:
        return None
    char, where = bad[0], f"caractère n° {bad.start() + 1}"
    if "\ud800" <= char <= "\udfff":
        return f"caractère invalide U+{ord(char):04X} ({where} ; surrogat isolé : texte mal encodé, pas en UTF-8 ?)"
    name = "NUL" if char == "\0" else f"U+{ord(char):04X}"
    return f"caractère de contrôle {name} interdit ({where})"


def date_problem(value: str) -> str | None:
    """Le problème d'une date `AAAA-MM-JJ` du carnet (échéance, relance, début, fin), ou None."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f"« {show(value)} » n'est pas une date AAAA-MM-JJ qui existe"
    if day.isoformat() != value:
        return f"« {show(value)} » : date attendue sous la forme AAAA-MM-JJ"
    if not year_in_range(day.year):
        return f"« {value} » : la date doit être {date_range_text()}"
    return None


def timestamp_problem(value: str) -> str | None:
    """Le problème d'un horodatage ISO (2027-03-01T09:30:00+00:00), ou None."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return f"« {show(value)} » n'est pas un horodatage ISO (exemple : 2027-03-01T09:30:00+00:00)"
    if not year_in_range(moment.year):
        return f"« {show(value)} » : l'horodatage doit être {date_range_text()}"
    return None


def id_problem(value: int) -> str | None:
    if not 1 <= value <= MAX_ID:
        return f"numéro de ligne hors limites (de 1 à {MAX_ID})"
    return None


def number_problem(value: Any) -> str | None:
    """Le problème d'un nombre (entier ou décimal) d'une réponse, ou None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and abs(value) > MAX_NUMBER:
        return f"nombre trop grand (au plus {MAX_NUMBER} en valeur absolue)"
    if isinstance(value, float) and (not math.isfinite(value) or abs(value) > MAX_NUMBER):
        return f"nombre trop grand (au plus {MAX_NUMBER} en valeur absolue)"
    return None


def describe(value: Any) -> str:
    """Le type d'une valeur JSON, dit en français (« un texte », « une liste »…)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int):
        return "un nombre entier"
    if isinstance(value, float):
        return "un nombre"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, list):
        return "une liste"
    return "un objet"


def answer_problem(value: Any) -> str | None:
    """Le problème d'une valeur de réponse déjà normalisée (texte, nombre, booléen, liste), ou None."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            problem = text_problem(item, MAX_ANSWER)
        elif isinstance(item, (int, float)):
            problem = number_problem(item)
        else:
            problem = None
        if problem:
            return problem
    if isinstance(value, list) and _json_length(value) > MAX_ANSWER:
        return f"réponse trop longue (au plus {MAX_ANSWER} caractères en tout)"
    return None


def _json_length(value: list[Any]) -> int:
    import json  # seulement pour une liste : `limits` reste léger au démarrage

    return len(json.dumps(value, ensure_ascii=False))


# L'import des certifications (`certifications import`) : bornes de l'import ENTIER, pas de chaque
# fichier seulement, pour qu'une archive piégée ne remplisse ni la mémoire ni le disque. Un export
# complet (environ 20 000 fiches, une dizaine de fichiers) en est loin.
CERTIF_MAX_MEMBERS = 200  # éléments de l'archive (ou fichiers du dossier)
CERTIF_MAX_FILE_BYTES = 256 * 1024 * 1024  # octets décompressés d'un fichier lu
CERTIF_MAX_TOTAL_BYTES = 512 * 1024 * 1024  # octets décompressés lus en tout
CERTIF_MAX_ROWS = 3_000_000  # lignes lues en tout, toutes tables comprises
