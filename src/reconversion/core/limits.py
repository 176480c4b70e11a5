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
MIB = 1024 * 1024

# Une sauvegarde JSON : la même limite pour ce qu'`export -f json` écrit, ce qu'`import` relit et la
# copie de sécurité d'`import --force`. Tout ce qui est écrit sous cette limite se restaure.
MAX_BACKUP_BYTES = 20 * MIB

# Un import de données publiques (ROME, certifications), borné dans son ensemble et non fichier par
# fichier : le ROME v460 en utilise environ 170 000 lignes et 12 Mo dans une trentaine de fichiers.
MAX_IMPORT_MEMBERS = 1_000  # fichiers dans une archive ou un dossier
MAX_IMPORT_BYTES = 64 * MIB  # octets lus en tout (décompressés), tous fichiers compris
MAX_IMPORT_ROWS = 400_000  # lignes lues en tout, tous fichiers compris
MAX_IMPORT_LINE = 64 * 1024  # caractères d'une ligne (la plus longue du ROME : environ 600)

# Caractères de contrôle (C0 sauf tabulation et retour à la ligne, DEL, C1) et surrogats isolés.
_BAD_CHAR = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"
# Montrés échappés dans un message : tous les contrôles, les surrogats et les marques bidi.
_SHOWN_ESCAPE = "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u200e\u200f\u202a-\u202e\u2066-\u2069]"


@functools.cache
def _pattern(expression: str) -> re.Pattern[str]:
    """Compilé au premier usage seulement : `status` importe ce module sans rien vérifier."""
    return re.compile(expression)


class ImportTooBig(Exception):
    """Un import dépasse une borne d'ensemble ; `message` le dit en français."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportBudget:
    """Ce qu'un import a déjà lu (octets, lignes), comparé aux bornes d'ensemble.

    Pur : l'adaptateur qui lit appelle `bytes_read` et `row` au fil de la lecture, et arrête
    tout dès la première borne dépassée (`ImportTooBig`), avant que la mémoire ne suive.
    """

    def __init__(self, max_bytes: int = MAX_IMPORT_BYTES, max_rows: int = MAX_IMPORT_ROWS) -> None:
        self.max_bytes, self.max_rows = max_bytes, max_rows
        self.bytes, self.rows = 0, 0

    def bytes_read(self, count: int) -> None:
        self.bytes += count
        if self.bytes > self.max_bytes:
            raise ImportTooBig(
                f"plus de {self.max_bytes // MIB} Mio de données en tout (tous fichiers compris) : "
                "bien plus qu'un export officiel. Vérifie que c'est le bon fichier"
            )

    def row(self) -> None:
        self.rows += 1
        if self.rows > self.max_rows:
            rows = f"{self.max_rows:,}".replace(",", "\u202f")
            raise ImportTooBig(
                f"plus de {rows} lignes en tout (tous fichiers compris) : bien plus qu'un export officiel. "
                "Vérifie que c'est le bon fichier"
            )


def members_problem(count: int) -> str | None:
    """Trop de fichiers dans une archive ou un dossier importé ?"""
    if count > MAX_IMPORT_MEMBERS:
        return f"{count} fichiers : bien plus qu'un export officiel (au plus {MAX_IMPORT_MEMBERS})"
    return None


def backup_size_problem(size: int) -> str | None:
    """Le problème d'une sauvegarde de `size` octets (trop grosse pour être restaurée), ou None."""
    if size > MAX_BACKUP_BYTES:
        return f"{size / MIB:.1f} Mio, au-delà de la limite de {MAX_BACKUP_BYTES // MIB} Mio".replace(".", ",")
    return None


def latin_digits(text: str) -> str | None:
    """Le texte aux chiffres 0-9, s'il contient des chiffres d'une autre écriture (« ٢٠٢٨ », « ３ »,
    « 𝟐 ») ; None sinon. Ces chiffres ne sont jamais lus en silence : on les refuse en montrant
    ce qu'il faut taper (un « ٣ » lu « 3 » à l'insu de la personne serait une surprise)."""
    if text.isascii() or not any(char.isdigit() for char in text):
        return None
    import unicodedata

    converted = "".join(
        str(unicodedata.digit(char)) if not char.isascii() and unicodedata.digit(char, None) is not None else char
        for char in text
    )
    return converted if converted != text else None


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


# L'import des certifications (`certifications import`) : les bornes d'ensemble des imports
# (`ImportBudget`, `members_problem`), à ses propres valeurs. L'export du RNCP (environ 20 000
# fiches, leurs blocs de compétences et voies d'accès, une dizaine de fichiers) dépasserait celles
# du ROME ; un fichier est en plus plafonné à lui seul.
CERTIF_MAX_FILE_BYTES = 256 * MIB  # octets décompressés d'un fichier lu
CERTIF_MAX_TOTAL_BYTES = 512 * MIB  # octets décompressés lus en tout
CERTIF_MAX_ROWS = 3_000_000  # lignes lues en tout, toutes tables comprises
