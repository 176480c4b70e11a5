"""Ce que chaque fichier de l'export du ROME doit contenir, et la lecture bornée de ses lignes.

Une spécification par fichier (`FileSpec`) : son préfixe, ses colonnes, et la fonction qui lit
chacune de ses lignes dans `RomeData`. La table de ces spécifications est dans `rome_import.py`,
les lecteurs des fichiers de compétences dans `rome_skills.py` : tous deux s'appuient sur ce
module-ci, et aucun n'importe l'autre dans ce sens (pas de cycle).

La lecture est bornée dans son ensemble (`core.limits.ImportBudget` : octets et lignes, tous
fichiers compris) et ligne par ligne (`MAX_IMPORT_LINE`) : un fichier démesuré est arrêté dès la
borne atteinte, avant que la mémoire ne suive.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from reconversion.adapters.rome.rome_archive import READ_ERRORS, Member, TooBig
from reconversion.core.french_count import count_of
from reconversion.core.limits import MAX_IMPORT_LINE, ImportBudget, show
from reconversion.core.text_safety import one_line

MAX_FILE_BYTES = 64 * 1024 * 1024  # un seul fichier (le plus gros du ROME v460 : moins de 3 Mo)
MAX_PROBLEMS = 20

_CODE = re.compile(r"^[A-N][0-9]{4}$")
_OGR = re.compile(r"^[0-9]{1,12}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_C1 = re.compile(r"[\x80-\x9f]")  # jamais voulus : des restes d'un autre encodage (« l\x92'étranger » en v460)
_COLUMN_NAME = re.compile(r"^[a-z0-9_]{1,40}$")  # un nom de colonne de l'export (rien d'autre n'est recopié)


@dataclass
class RomeData:
    """Le contenu vérifié d'un export, prêt à écrire (et, pendant la lecture, ce que les fichiers
    suivants consultent : compétences, savoirs, contextes)."""

    version: str
    titles: dict[str, str] = field(default_factory=dict)
    riasec: dict[str, str] = field(default_factory=dict)
    appellations: list[tuple[int, str, str, bool, bool]] = field(default_factory=list)
    seen_ogr: set[int] = field(default_factory=set)
    mobilites: list[tuple[str, str, int]] = field(default_factory=list)
    domains: dict[str, str] = field(default_factory=dict)
    version_info: dict[str, str] = field(default_factory=dict)
    skills: dict[int, tuple[str, str, int | None, str]] = field(default_factory=dict)  # kind, label, macro, group
    fiche_skills: set[tuple[str, int]] = field(default_factory=set)
    competences: dict[int, tuple[str, str, int | None, int]] = field(default_factory=dict)  # + ligne
    savoirs: dict[int, tuple[str, str]] = field(default_factory=dict)
    contexts: set[int] = field(default_factory=set)


class Problems:
    """Les problèmes relevés (les premiers seulement, pour rester lisible)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.hidden = 0

    def add(self, where: str, message: str) -> None:
        if len(self.lines) < MAX_PROBLEMS:
            self.lines.append(one_line(f"{where} : {message}"))
        else:
            self.hidden += 1

    def __bool__(self) -> bool:
        return bool(self.lines)


# Lit une ligne (`where` = « fichier:ligne ») dans les données ; dit ses problèmes.
RowReader = Callable[[RomeData, str, dict[str, str], Problems], None]
# Vérifie un fichier une fois toutes ses lignes lues (`name` = son nom).
FileCheck = Callable[[RomeData, str, Problems], None]


@dataclass(frozen=True)
class FileSpec:
    """Un fichier de l'export : sa clé, son préfixe, ses colonnes, la lecture de ses lignes."""

    key: str
    prefix: str
    columns: tuple[str, ...]
    read_row: RowReader
    required: bool = True
    check: FileCheck | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"^{re.escape(self.prefix)}_v(\d+)_utf8\.csv$")

    def name(self, version: str = "<version>") -> str:
        return f"{self.prefix}_v{version}_utf8.csv"


class _Counted(io.RawIOBase):
    """Un flux dont chaque octet lu est compté dans le budget de tout l'import."""

    def __init__(self, raw: BinaryIO, budget: ImportBudget) -> None:
        super().__init__()
        self._raw = raw
        self._budget = budget

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        self._budget.bytes_read(len(data))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _LineTooLong(Exception):
    pass


def _lines(handle: io.TextIOBase) -> Iterator[str]:
    """Les lignes du fichier, chacune d'au plus `MAX_IMPORT_LINE` caractères (jamais lue entière au-delà)."""
    while True:
        line = handle.readline(MAX_IMPORT_LINE + 1)
        if not line:
            return
        if len(line) > MAX_IMPORT_LINE:
            raise _LineTooLong
        yield line


def rows(
    member: Member, spec: FileSpec, problems: Problems, budget: ImportBudget | None = None, *, header_only: bool = False
) -> Iterator[tuple[int, dict[str, str]]]:
    """Les lignes d'un CSV en dictionnaires, avec leur numéro de ligne ; en-tête vérifié.

    Avec `budget`, chaque octet et chaque ligne comptent dans les bornes de tout l'import
    (`ImportTooBig` arrête tout) ; l'en-tête seul (`header_only`) n'y compte pas.
    """
    name = member.name
    if member.size > MAX_FILE_BYTES:
        problems.add(name, f"fichier trop gros ({member.size} octets) pour un export du ROME")
        return
    line = 1
    try:
        raw = member.open()
        source = io.BufferedReader(_Counted(raw, budget)) if budget is not None else raw
        with io.TextIOWrapper(source, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(_lines(handle))
            header = [column.strip() for column in next(reader, [])]
            missing = [column for column in spec.columns if column not in header]
            if missing:
                what = "colonnes manquantes" if len(missing) > 1 else "colonne manquante"
                problems.add(
                    f"{name}:1",
                    f"{what} : {', '.join(missing)} ({_found_columns(header)}). "
                    "Le fichier doit être un CSV séparé par des virgules, avec sa ligne d'en-tête.",
                )
                return
            if header_only:
                return
            for row in reader:
                line = reader.line_num
                if budget is not None:
                    budget.row()
                if not row or all(not cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    problems.add(f"{name}:{line}", f"{count_of(len(row), 'champ')} au lieu de {len(header)}")
                    continue
                yield line, {column: cell.strip() for column, cell in zip(header, row, strict=True)}
    except UnicodeDecodeError:
        problems.add(f"{name}:{line + 1}", "le fichier n'est pas encodé en UTF-8")
    except _LineTooLong:
        problems.add(
            f"{name}:{line + 1}",
            f"ligne trop longue (plus de {MAX_IMPORT_LINE} caractères) : ce n'est pas un export du ROME",
        )
    except csv.Error as exc:
        problems.add(f"{name}:{line + 1}", f"CSV mal formé ({exc})")
    except OSError as exc:
        problems.add(name, f"fichier illisible ({exc.strerror})")
    except TooBig:
        problems.add(name, f"fichier trop gros (plus de {MAX_FILE_BYTES} octets) pour un export du ROME")
    except READ_ERRORS as exc:
        problems.add(f"{name}:{line + 1}", f"archive abîmée ({exc}) : télécharge-la à nouveau")


def _found_columns(header: list[str]) -> str:
    """Les colonnes trouvées, seulement si ce sont des noms de colonnes : une première ligne qui n'en
    est pas une (un autre fichier, peut-être secret) n'est jamais recopiée dans le message."""
    if not header:
        return "aucune colonne trouvée"
    if len(header) <= 30 and all(_COLUMN_NAME.match(column) for column in header):
        return f"colonnes trouvées : {', '.join(header)}"
    return "la première ligne n'est pas une ligne d'en-tête de l'export du ROME"


def label(text: str) -> str:
    """Un libellé sur une ligne, sans caractère de contrôle, aux apostrophes simples.

    Certains exports doublent les apostrophes (« l''entretien »). Les caractères de contrôle
    (dont les séquences d'échappement qui piloteraient le terminal) deviennent des espaces, ceux
    de la plage C1 disparaissent : le fichier vient d'Internet, ses textes ne doivent rien
    pouvoir faire d'autre que s'afficher.
    """
    return " ".join(_CONTROL.sub(" ", _C1.sub("", text.replace("''", "'"))).split())


def code(value: str, where: str, column: str, problems: Problems) -> str | None:
    if _CODE.match(value):
        return value
    problems.add(
        where, f"code ROME invalide « {show(value)} » dans la colonne {column} (une lettre A à N et 4 chiffres)"
    )
    return None


def ogr(value: str, where: str, column: str, problems: Problems) -> int | None:
    if _OGR.match(value):
        return int(value)
    problems.add(where, f"identifiant invalide « {show(value)} » dans la colonne {column} (des chiffres)")
    return None
