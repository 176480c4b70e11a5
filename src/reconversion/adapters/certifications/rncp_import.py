"""Importe l'export open data du RNCP et du RS (France compétences) : `certifications import ZIP|DOSSIER`.

Mêmes garanties que l'import du ROME (`rome_import.py`) :

- l'archive n'est jamais extraite sur le disque ; on lit en mémoire, un fichier à la fois, les
  seules tables utiles, et l'import ENTIER est borné (`core/limits.py` : éléments, octets
  décompressés, lignes) ;
- un élément au chemin qui sortirait du dossier, un lien symbolique, un fichier spécial ou
  chiffré fait refuser toute l'archive (dans un dossier : un lien ou un fichier spécial qui
  porte le nom d'une table) ;
- tout est vérifié AVANT d'écrire ; chaque problème nomme le fichier et la ligne ;
- la base est construite dans un temporaire du même dossier puis mise en place d'un coup
  (`os.replace`) : un import raté ou tué laisse l'import précédent intact.

Le format lu est décrit dans `docs/certifications-format.md`.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import os
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from reconversion.adapters.certifications.rncp_store import CERTIFICATIONS, certif_path
from reconversion.adapters.imports.reference_build import new_database, replace_reference, write_search_index
from reconversion.core import limits
from reconversion.core.certifications import (
    DOWNLOAD_URL,
    clean_label,
    folded,
    is_vae_route,
    normalize_code,
    parse_date,
    parse_level,
)
from reconversion.core.french_count import count_of
from reconversion.core.limits import ImportBudget, ImportTooBig
from reconversion.core.text_safety import one_line
from reconversion.errors import ReconversionError

MAX_PROBLEMS = 20
_UNIX = 3  # ZipInfo.create_system : l'archive dit les types de fichiers à la façon d'Unix
_UTF8_FLAG = 0x800  # bit 11 des drapeaux zip : le nom est en UTF-8
_READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)
_ROME_CODE = re.compile(r"^[A-N][0-9]{4}$")
_NAME = re.compile(r"^export_fiches_csv_(?P<table>[a-z_]+?)(?:_(?P<date>[0-9]{4}[_-][0-9]{2}[_-][0-9]{2}))?\.csv$")


@dataclass(frozen=True)
class _Table:
    key: str  # le nom de la table, sans accents ni majuscules (`voixdacces`)
    shown: str  # tel que France compétences l'écrit
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


TABLES = (
    _Table(
        "standard",
        "Standard",
        ("Numero_Fiche", "Intitule", "Nomenclature_Europe_Niveau", "Date_Fin_Enregistrement", "Actif"),
        ("Abrege_Libelle", "Type_Enregistrement", "Validation_Partielle"),
    ),
    _Table("rome", "Rome", ("Numero_Fiche", "Codes_Rome_Code"), ("Codes_Rome_Libelle",)),
    _Table("voixdacces", "VoixdAccès", ("Numero_Fiche", "Si_Jury")),
    _Table("certificateurs", "Certificateurs", ("Numero_Fiche", "Nom_Certificateur")),
    _Table(
        "blocs_de_competences",
        "Blocs_De_Compétences",
        ("Numero_Fiche", "Bloc_Competences_Code"),
        ("Bloc_Competences_Libelle",),
    ),
    _Table(
        "ancienne_nouvelle_certification",
        "Ancienne_Nouvelle_Certification",
        ("Numero_Fiche", "Ancienne_Certification", "Nouvelle_Certification"),
    ),
)
_BY_KEY = {table.key: table for table in TABLES}


class CertificationsImportError(ReconversionError):
    """Un export manquant, douteux ou mal formé : rien n'a été modifié."""

    def __init__(self, source: Path, problems: list[str], hidden: int = 0) -> None:
        self.problems = problems
        lines = [f"Import des certifications impossible depuis {one_line(str(source))} (rien n'a été modifié) :"]
        lines += [f"  - {p}" for p in problems]
        if hidden:
            lines.append(f"  … et {count_of(hidden, 'autre problème')}.")
        super().__init__("\n".join(lines))


class _Refused(Exception):
    """L'archive ou le dossier est refusé en entier ; `problem` dit pourquoi."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class _TooMuch(Exception):
    """Une borne de l'import est dépassée en cours de lecture."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _budget() -> ImportBudget:
    """Les bornes d'ensemble partagées avec l'import du ROME (`limits.ImportBudget`), aux valeurs du RNCP.

    L'export du RNCP est plus gros que le ROME (environ 20 000 fiches et leurs blocs) : les bornes
    communes (64 Mio, 400 000 lignes) le couperaient ; il a les siennes (`limits.CERTIF_*`).
    """
    return ImportBudget(limits.CERTIF_MAX_TOTAL_BYTES, limits.CERTIF_MAX_ROWS)


class _Capped(io.RawIOBase):
    """Un flux qui s'arrête (`_TooMuch`) au plafond du fichier ou à celui de tout l'import."""

    def __init__(self, raw: BinaryIO, budget: ImportBudget) -> None:
        super().__init__()
        self._raw = raw
        self._budget = budget
        self._file_left = limits.CERTIF_MAX_FILE_BYTES

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        self._file_left -= len(data)
        if self._file_left < 0:
            raise _TooMuch(
                f"un fichier de plus de {limits.CERTIF_MAX_FILE_BYTES // limits.MIB} Mio : bien plus qu'un export "
                "officiel. Vérifie que c'est le bon fichier"
            )
        try:
            self._budget.bytes_read(len(data))
        except ImportTooBig as exc:
            raise _TooMuch(exc.message) from None
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


@dataclass(frozen=True)
class _Member:
    """Un fichier de l'export : son nom (sans dossier, en NFC), de quoi l'ouvrir en binaire."""

    name: str
    open: Callable[[], BinaryIO]


@dataclass
class CertData:
    """Le contenu vérifié d'un export, prêt à écrire."""

    date: str | None
    # code → (titre, abrégé, niveau, niveau brut, active, fin ISO, type d'enregistrement, validation partielle)
    fiches: dict[str, tuple[str, str, int | None, str, bool, str | None, str, bool]] = field(default_factory=dict)
    romes: dict[tuple[str, str], str] = field(default_factory=dict)  # (fiche, code ROME) → libellé
    routes: dict[tuple[str, str], None] = field(default_factory=dict)  # (fiche, voie d'accès), dans l'ordre
    certifiers: dict[tuple[str, str], None] = field(default_factory=dict)
    blocks: dict[tuple[str, str], str] = field(default_factory=dict)  # (fiche, code du bloc) → libellé
    replacements: set[tuple[str, str]] = field(default_factory=set)  # (ancienne, nouvelle)


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    date: str | None
    fiches: int
    active: int
    rome_links: int
    replacements: int


class _Problems:
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


# --- l'archive ou le dossier ---------------------------------------------------------------------


def _member_name(info: zipfile.ZipInfo) -> str:
    """Le nom de l'élément, relu en UTF-8 quand l'archive a oublié de le dire (lu sinon comme du CP437)."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return unicodedata.normalize("NFC", name)


def _zip_problem(info: zipfile.ZipInfo, name: str) -> str | None:
    parts = PurePosixPath(name).parts
    if name.startswith(("/", "\\")) or "\\" in name or ":" in name or ".." in parts or "\x00" in name:
        return "chemin qui sortirait du dossier de l'archive"
    mode = info.external_attr >> 16
    if info.create_system == _UNIX and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "ce n'est pas un fichier ordinaire (lien symbolique ou fichier spécial)"
    if info.flag_bits & 0x1:
        return "fichier chiffré"
    return None


@contextlib.contextmanager
def _zip_members(path: Path, budget: ImportBudget) -> Iterator[list[_Member]]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, *_READ_ERRORS) as exc:
        raise _Refused(f"archive zip illisible ({exc})") from None
    with archive:
        infos = archive.infolist()
        too_many = limits.members_problem(len(infos))
        if too_many:
            raise _Refused(too_many)
        members = []
        for info in infos:
            name = _member_name(info)
            problem = _zip_problem(info, name)
            if problem:
                raise _Refused(f"élément « {name} » refusé ({problem})")
            if info.is_dir():
                continue

            def opener(info: zipfile.ZipInfo = info) -> BinaryIO:
                return io.BufferedReader(_Capped(archive.open(info), budget))  # type: ignore[arg-type]

            members.append(_Member(PurePosixPath(name).name, opener))
        yield members


def _folder_members(folder: Path, budget: ImportBudget) -> list[_Member]:
    """Les fichiers du dossier (sans descendre) ; un lien ou un fichier spécial au nom d'une table est refusé."""
    try:
        children = sorted(folder.iterdir())
    except OSError as exc:
        raise _Refused(f"dossier illisible ({exc.strerror})") from None
    too_many = limits.members_problem(len(children))
    if too_many:
        raise _Refused(too_many)
    members = []
    for child in children:
        name = unicodedata.normalize("NFC", child.name)
        try:
            info = child.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        if not stat.S_ISREG(info.st_mode):
            if _table_of(name) is not None:
                raise _Refused(f"« {name} » n'est pas un fichier ordinaire (lien symbolique ou fichier spécial)")
            continue

        def opener(path: Path = child) -> BinaryIO:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # remplacé entre-temps par autre chose
                os.close(fd)
                raise _Refused(f"« {path.name} » n'est pas un fichier ordinaire")
            return io.BufferedReader(_Capped(os.fdopen(fd, "rb"), budget))  # type: ignore[arg-type]

        members.append(_Member(name, opener))
    return members


def _table_of(name: str) -> tuple[str, str] | None:
    """(table, date) d'un nom de fichier de l'export, sans tenir compte des accents ni des majuscules."""
    match = _NAME.match(folded(name))
    if not match:
        return None
    return match.group("table"), (match.group("date") or "").replace("-", "_")


# --- lecture -------------------------------------------------------------------------------------


def read_export(source: Path) -> CertData:
    """Lit et vérifie un export complet (dossier ou archive zip) ; lève `CertificationsImportError`."""
    budget = _budget()
    try:
        if source.is_dir():
            return _read_members(source, _folder_members(source, budget), "ce dossier", budget)
        if not source.is_file():
            raise CertificationsImportError(source, [f"{source} : ni un dossier ni une archive zip à ce nom"])
        if not zipfile.is_zipfile(source):
            raise CertificationsImportError(
                source,
                [
                    f"{source.name} : ce fichier n'est pas une archive zip. Donne le fichier "
                    "« export-fiches-csv-AAAA-MM-JJ.zip » tel que téléchargé, ou le dossier où tu l'as décompressé."
                ],
            )
        with _zip_members(source, budget) as members:
            return _read_members(source, members, "cette archive", budget)
    except _Refused as exc:
        raise CertificationsImportError(source, [f"{source.name} : {exc.problem}"]) from None


def _find_tables(members: list[_Member], problems: _Problems, where: str) -> tuple[str | None, dict[str, _Member]]:
    found: dict[str, _Member] = {}
    dates: set[str] = set()
    for member in members:
        recognised = _table_of(member.name)
        if recognised is None or recognised[0] not in _BY_KEY:
            continue  # table inconnue (Nsf, Formacode, CCN, Partenaires…) ou autre fichier : ignorés
        key, date = recognised
        if key in found:
            shown = _BY_KEY[key].shown
            problems.add(member.name, f"table {shown} présente deux fois dans {where} : garde un seul export")
            continue
        found[key] = member
        dates.add(date)
    if not found:
        problems.add(
            where,
            "aucun fichier de l'export du RNCP (comme export_fiches_CSV_Standard_AAAA_MM_JJ.csv). "
            f"Télécharge « export-fiches-csv-AAAA-MM-JJ.zip » sur {DOWNLOAD_URL}",
        )
        return None, found
    if len(dates) > 1:
        shown = ", ".join(sorted(d or "sans date" for d in dates))
        problems.add(where, f"fichiers de plusieurs exports ({shown}) : garde un seul export dans {where}")
    for table in TABLES:
        if table.key not in found:
            problems.add(
                f"export_fiches_CSV_{table.shown}_<date>.csv",
                f"fichier manquant dans {where}. Télécharge l'export complet sur {DOWNLOAD_URL}",
            )
    single = next(iter(dates)) if len(dates) == 1 else ""
    return (single.replace("_", "-") or None), found


def _rows(
    member: _Member, table: _Table, problems: _Problems, budget: ImportBudget, *, header_only: bool = False
) -> Iterator[tuple[int, dict[str, str]]]:
    """Les lignes d'une table en dictionnaires (colonnes lues seulement), avec le numéro de leur première ligne."""
    name = member.name
    line = 1
    try:
        with io.TextIOWrapper(member.open(), encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle, delimiter=";", quotechar='"')
            header = [clean_label(cell).casefold() for cell in next(reader, [])]
            wanted = table.required + table.optional
            missing = [column for column in table.required if column.casefold() not in header]
            if missing:
                what = "colonnes manquantes" if len(missing) > 1 else "colonne manquante"
                seen = ", ".join(header) if header else "aucune"
                problems.add(
                    f"{name}:1",
                    f"{what} : {', '.join(missing)} (colonnes trouvées : {seen}). "
                    "Le fichier doit être un CSV séparé par des points-virgules, avec sa ligne d'en-tête.",
                )
                return
            if header_only:
                return
            positions = {column: header.index(column.casefold()) for column in wanted if column.casefold() in header}
            width = len(header)
            while True:
                line = reader.line_num + 1
                row = next(reader, None)
                if row is None:
                    return
                try:
                    budget.row()
                except ImportTooBig as exc:
                    raise _TooMuch(exc.message) from None
                if not row or all(not cell.strip() for cell in row):
                    continue
                if len(row) != width:
                    problems.add(f"{name}:{line}", f"{count_of(len(row), 'champ')} au lieu de {width}")
                    continue
                yield line, {column: row[index] for column, index in positions.items()}
    except UnicodeDecodeError:
        problems.add(f"{name}:{line}", "le fichier n'est pas encodé en UTF-8")
    except csv.Error as exc:
        problems.add(f"{name}:{line}", f"CSV mal formé ({exc})")
    except OSError as exc:
        problems.add(name, f"fichier illisible ({exc.strerror or exc})")
    except _READ_ERRORS as exc:
        problems.add(f"{name}:{line}", f"archive abîmée ({exc}) : télécharge-la à nouveau")


def _read_members(source: Path, members: list[_Member], where: str, budget: ImportBudget) -> CertData:
    problems = _Problems()
    date, found = _find_tables(members, problems, where)
    if problems:
        raise CertificationsImportError(source, problems.lines, problems.hidden)
    try:
        for key, member in found.items():  # d'abord les en-têtes de toutes les tables, signalés ensemble
            for _ in _rows(member, _BY_KEY[key], problems, budget, header_only=True):
                pass
        if problems:
            raise CertificationsImportError(source, problems.lines, problems.hidden)
        data = CertData(date)
        _read_standard(found["standard"], data, problems, budget)
        if problems:  # les autres tables renvoient aux fiches : inutile de les lire sans elles
            raise CertificationsImportError(source, problems.lines, problems.hidden)
        _read_links(found, data, problems, budget)
    except _TooMuch as exc:
        raise CertificationsImportError(source, [f"{source.name} : import arrêté, {exc.what}"]) from None
    if problems:
        raise CertificationsImportError(source, problems.lines, problems.hidden)
    return data


def _fiche_code(value: str, name: str, line: int, column: str, problems: _Problems) -> str | None:
    code = normalize_code(value)
    if code is None:
        shown = clean_label(value)[:40]
        problems.add(
            f"{name}:{line}", f"numéro de fiche invalide « {shown} » (colonne {column} : RNCP ou RS et des chiffres)"
        )
    return code


def _read_standard(member: _Member, data: CertData, problems: _Problems, budget: ImportBudget) -> None:
    for line, row in _rows(member, _BY_KEY["standard"], problems, budget):
        where = f"{member.name}:{line}"
        code = _fiche_code(row["Numero_Fiche"], member.name, line, "Numero_Fiche", problems)
        if code is None:
            continue
        title = clean_label(row["Intitule"])
        actif = clean_label(row["Actif"]).upper()
        raw_level = clean_label(row["Nomenclature_Europe_Niveau"])
        try:
            end = parse_date(clean_label(row["Date_Fin_Enregistrement"]))
        except ValueError:
            problems.add(
                where,
                f"date de fin invalide « {clean_label(row['Date_Fin_Enregistrement'])[:40]} » (JJ/MM/AAAA attendu)",
            )
            continue
        if not title:
            problems.add(where, f"intitulé vide pour la fiche {code}")
        elif actif not in ("ACTIVE", "INACTIVE"):
            problems.add(where, f"valeur « {actif[:40]} » dans la colonne Actif (ACTIVE ou INACTIVE attendu)")
        elif code in data.fiches:
            problems.add(where, f"fiche {code} en double")
        else:
            data.fiches[code] = (
                title,
                clean_label(row.get("Abrege_Libelle", "")),
                parse_level(raw_level),
                raw_level[:40],
                actif == "ACTIVE",
                end.isoformat() if end else None,
                clean_label(row.get("Type_Enregistrement", "")),
                folded(row.get("Validation_Partielle", "")) == "oui",
            )
    if not data.fiches and not problems:
        problems.add(member.name, "aucune fiche dans ce fichier")


def _read_links(found: dict[str, _Member], data: CertData, problems: _Problems, budget: ImportBudget) -> None:
    """Les tables qui renvoient aux fiches ; une ligne d'une fiche absente du Standard est ignorée."""
    fiches = data.fiches
    member = found["rome"]
    for line, row in _rows(member, _BY_KEY["rome"], problems, budget):
        code = _fiche_code(row["Numero_Fiche"], member.name, line, "Numero_Fiche", problems)
        rome = row["Codes_Rome_Code"].strip().upper()
        if code is None:
            continue
        if not _ROME_CODE.match(rome):
            rome = clean_label(rome)
            problems.add(
                f"{member.name}:{line}", f"code ROME invalide « {rome[:40]} » (une lettre A à N et 4 chiffres)"
            )
        elif code in fiches:
            data.romes.setdefault((code, rome), clean_label(row.get("Codes_Rome_Libelle", "")))
    member = found["voixdacces"]
    for line, row in _rows(member, _BY_KEY["voixdacces"], problems, budget):
        code = _fiche_code(row["Numero_Fiche"], member.name, line, "Numero_Fiche", problems)
        route = clean_label(row["Si_Jury"])
        if code in fiches and route:
            data.routes[(code, route)] = None
    member = found["certificateurs"]
    for line, row in _rows(member, _BY_KEY["certificateurs"], problems, budget):
        code = _fiche_code(row["Numero_Fiche"], member.name, line, "Numero_Fiche", problems)
        name = clean_label(row["Nom_Certificateur"])
        if code in fiches and name:
            data.certifiers[(code, name)] = None
    member = found["blocs_de_competences"]
    for line, row in _rows(member, _BY_KEY["blocs_de_competences"], problems, budget):
        code = _fiche_code(row["Numero_Fiche"], member.name, line, "Numero_Fiche", problems)
        block = clean_label(row["Bloc_Competences_Code"])
        if code in fiches and block:
            data.blocks.setdefault((code, block), clean_label(row.get("Bloc_Competences_Libelle", "")))
    member = found["ancienne_nouvelle_certification"]
    for line, row in _rows(member, _BY_KEY["ancienne_nouvelle_certification"], problems, budget):
        code = _fiche_code(row["Numero_Fiche"], member.name, line, "Numero_Fiche", problems)
        if code is None:
            continue
        for column, edge in (("Ancienne_Certification", "old"), ("Nouvelle_Certification", "new")):
            value = clean_label(row[column])
            if not value:
                continue
            other = _fiche_code(value, member.name, line, column, problems)
            if other is not None and other != code:
                data.replacements.add((other, code) if edge == "old" else (code, other))


# --- écriture ------------------------------------------------------------------------------------

# Les tables propres aux certifications ; `meta` et l'index de recherche viennent de
# `imports/reference_build.py`.
_SCHEMA = """
CREATE TABLE fiches (
    code TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    abbrev TEXT NOT NULL,
    level INTEGER,
    level_raw TEXT NOT NULL,
    active INTEGER NOT NULL,
    end_date TEXT,
    registration TEXT NOT NULL,
    partial INTEGER NOT NULL,
    vae INTEGER NOT NULL
);
CREATE TABLE fiche_rome (
    code TEXT NOT NULL,
    rome TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (rome, code)
) WITHOUT ROWID;
CREATE INDEX fiche_rome_by_code ON fiche_rome (code);
CREATE TABLE routes (code TEXT NOT NULL, rank INTEGER NOT NULL, route TEXT NOT NULL, PRIMARY KEY (code, rank));
CREATE TABLE certifiers (code TEXT NOT NULL, rank INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (code, rank));
CREATE TABLE blocks (code TEXT NOT NULL, block TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (code, block));
CREATE TABLE replacements (old TEXT NOT NULL, new TEXT NOT NULL, PRIMARY KEY (old, new)) WITHOUT ROWID;
CREATE INDEX replacements_by_new ON replacements (new);
"""


def import_export(source: Path, home: Path) -> ImportSummary:
    """Vérifie l'export (dossier ou archive zip) puis remplace d'un coup les certifications importées."""
    data = read_export(source)
    replace_reference(CERTIFICATIONS, home, lambda path: _write(path, data))
    return ImportSummary(
        certif_path(home),
        data.date,
        len(data.fiches),
        sum(1 for fiche in data.fiches.values() if fiche[4]),
        len(data.romes),
        len(data.replacements),
    )


def _write(path: Path, data: CertData) -> None:
    meta = {"imported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    if data.date:
        meta["export_date"] = data.date
    vae = {code for code, route in data.routes if is_vae_route(route)}
    with new_database(path, CERTIFICATIONS, _SCHEMA) as connection:
        connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        connection.executemany(
            "INSERT INTO fiches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (code, title, abbrev, level, raw, int(active), end, registration, int(partial), int(code in vae))
                for code, (title, abbrev, level, raw, active, end, registration, partial) in data.fiches.items()
            ],
        )
        connection.executemany(
            "INSERT INTO fiche_rome (rome, code, label) VALUES (?, ?, ?)",  # dans l'ordre de la clé
            sorted((rome, code, label) for (code, rome), label in data.romes.items()),
        )
        connection.executemany("INSERT INTO routes VALUES (?, ?, ?)", _ranked(data.routes))
        connection.executemany("INSERT INTO certifiers VALUES (?, ?, ?)", _ranked(data.certifiers))
        connection.executemany(
            "INSERT INTO blocks VALUES (?, ?, ?)",
            [(code, block, label) for (code, block), label in data.blocks.items()],
        )
        connection.executemany(
            "INSERT INTO replacements VALUES (?, ?)",
            sorted((old, new) for old, new in data.replacements if old in data.fiches or new in data.fiches),
        )
        write_search_index(connection, _index_labels(data))


def _ranked(pairs: dict[tuple[str, str], None]) -> list[tuple[str, int, str]]:
    ranks: dict[str, int] = {}
    rows = []
    for code, value in pairs:
        ranks[code] = ranks.get(code, 0) + 1
        rows.append((code, ranks[code], value))
    return rows


def _index_labels(data: CertData) -> list[tuple[str, str, bool]]:
    """Les intitulés, puis les libellés abrégés qui en diffèrent (code, libellé, est-ce le titre ?)."""
    labels: list[tuple[str, str, bool]] = [(code, fiche[0], True) for code, fiche in data.fiches.items()]
    for code, fiche in data.fiches.items():
        abbrev = fiche[1]
        if abbrev and abbrev.casefold() != fiche[0].casefold():
            labels.append((code, abbrev, False))
    return labels
