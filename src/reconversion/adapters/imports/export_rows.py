"""Les lignes CSV d'un export téléchargé (ROME, certifications), lues bornées, et les problèmes relevés.

Chaque import dit la forme de ses fichiers (`CsvDialect` : séparateur, longueur de ligne) et ses
colonnes ; la lecture, elle, est la même : en-tête vérifié (une première ligne qui n'a rien d'un
en-tête n'est jamais recopiée dans un message), lignes vides sautées, nombre de champs vérifié,
chaque problème situé `fichier:ligne`. Avec un budget (`core.limits.ImportBudget`), chaque octet et
chaque ligne comptent dans les bornes de tout l'import : `ImportTooBig` arrête tout, comme `TooBig`
(un fichier au-delà de son plafond) ; à l'import de dire, dans ses mots, pourquoi il s'arrête.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reconversion.adapters.imports.export_files import READ_ERRORS, Member, Metered
from reconversion.core.french_count import count_of
from reconversion.core.limits import ImportBudget
from reconversion.core.text_safety import one_line
from reconversion.errors import ReconversionError

MAX_PROBLEMS = 20


class Problems:
    """Les problèmes relevés, chacun « où : quoi » sur une ligne (les premiers seulement, pour rester lisible)."""

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


class ExportRefused(ReconversionError):
    """Un export manquant, douteux ou mal formé : rien n'a été modifié. `what` nomme l'import (« du ROME »)."""

    what = "des données"

    def __init__(self, source: Path, problems: list[str], hidden: int = 0) -> None:
        self.problems = problems
        lines = [f"Import {self.what} impossible depuis {one_line(str(source))} (rien n'a été modifié) :"]
        lines += [f"  - {p}" for p in problems]
        if hidden:
            lines.append(f"  … et {count_of(hidden, 'autre problème')}.")
        super().__init__("\n".join(lines))

    @classmethod
    def from_problems(cls, source: Path, problems: Problems) -> ExportRefused:
        return cls(source, problems.lines, problems.hidden)


@dataclass(frozen=True)
class CsvDialect:
    """La forme des CSV d'un export : séparateur (et son nom dans les messages), nom de l'export,
    forme d'un nom de colonne (seul recopié dans un message), longueur maximale d'une ligne (None :
    seulement la borne des champs du module csv)."""

    delimiter: str
    separators: str  # « des virgules »
    export: str  # « l'export du ROME »
    column_name: re.Pattern[str]
    max_line: int | None = None


class _LineTooLong(Exception):
    pass


def _lines(handle: io.TextIOBase, limit: int) -> Iterator[str]:
    """Les lignes du fichier, chacune d'au plus `limit` caractères (jamais lue entière au-delà)."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) > limit:
            raise _LineTooLong
        yield line


def csv_rows(
    member: Member,
    dialect: CsvDialect,
    required: Sequence[str],
    problems: Problems,
    budget: ImportBudget | None = None,
    *,
    optional: Sequence[str] = (),
    header_only: bool = False,
) -> Iterator[tuple[int, dict[str, str]]]:
    """Les lignes d'un CSV en dictionnaires (cellules sans blancs autour), avec leur numéro de ligne.

    L'en-tête est lu sans tenir compte des majuscules ; les colonnes `required` et `optional`
    prennent le nom donné ici, les autres celui de l'en-tête. Une colonne `required` absente est
    un problème (`header_only` : ne lire que l'en-tête). `TooBig` et `ImportTooBig` sont levées.
    """
    name = member.name
    line = 0  # la dernière ligne lue en entier
    try:
        raw = member.open()
        source = io.BufferedReader(Metered(raw, budget.bytes_read)) if budget is not None else raw  # type: ignore[arg-type]
        with io.TextIOWrapper(source, encoding="utf-8-sig", newline="") as handle:
            lines = _lines(handle, dialect.max_line) if dialect.max_line is not None else handle
            reader = csv.reader(lines, delimiter=dialect.delimiter, quotechar='"')
            header = [cell.strip() for cell in next(reader, [])]
            line = reader.line_num
            known = {column.casefold(): column for column in (*optional, *required)}
            keys = [known.get(cell.casefold(), cell) for cell in header]
            missing = [column for column in required if column not in keys]
            if missing:
                what = "colonnes manquantes" if len(missing) > 1 else "colonne manquante"
                problems.add(
                    f"{name}:1",
                    f"{what} : {', '.join(missing)} ({_found_columns(header, dialect)}). "
                    f"Le fichier doit être un CSV séparé par {dialect.separators}, avec sa ligne d'en-tête.",
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
                yield line, {key: cell.strip() for key, cell in zip(keys, row, strict=True)}
    except UnicodeDecodeError:
        problems.add(f"{name}:{line + 1}", "le fichier n'est pas encodé en UTF-8")
    except _LineTooLong:
        problems.add(
            f"{name}:{line + 1}",
            f"ligne trop longue (plus de {dialect.max_line} caractères) : ce n'est pas {dialect.export}",
        )
    except csv.Error as exc:
        problems.add(f"{name}:{line + 1}", f"CSV mal formé ({exc})")
    except OSError as exc:
        problems.add(name, f"fichier illisible ({exc.strerror or exc})")
    except READ_ERRORS as exc:
        problems.add(f"{name}:{line + 1}", f"archive abîmée ({exc}) : télécharge-la à nouveau")


def _found_columns(header: list[str], dialect: CsvDialect) -> str:
    """Les colonnes trouvées, seulement si ce sont des noms de colonnes : une première ligne qui n'en
    est pas une (un autre fichier, peut-être secret) n'est jamais recopiée dans le message."""
    if not header:
        return "aucune colonne trouvée"
    if len(header) <= 60 and all(dialect.column_name.match(column) for column in header):
        return f"colonnes trouvées : {', '.join(header)}"
    return f"la première ligne n'est pas une ligne d'en-tête de {dialect.export}"
