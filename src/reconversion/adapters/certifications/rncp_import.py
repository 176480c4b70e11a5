"""Importe l'export open data du RNCP et du RS (France compétences) : `certifications import ZIP|DOSSIER`.

Mêmes garanties que l'import du ROME (`rome_import.py`), par la même mécanique (`adapters/imports/`) :

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

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reconversion.adapters.certifications.rncp_store import CERTIFICATIONS
from reconversion.adapters.imports.export_files import ArchiveRefused, Member, TooBig, export_members
from reconversion.adapters.imports.export_rows import CsvDialect, ExportRefused, Problems, csv_rows
from reconversion.adapters.imports.reference_build import new_database, replace_reference, write_search_index
from reconversion.core import limits
from reconversion.core.certifications import (
    DOWNLOAD_URL,
    folded,
    is_vae_route,
    normalize_code,
    parse_date,
    parse_level,
)
from reconversion.core.limits import ImportBudget, ImportTooBig
from reconversion.core.text_safety import clean_label

# Les CSV de France compétences : séparés par des points-virgules, colonnes en Majuscules_Et_Soulignés.
RNCP_CSV = CsvDialect(";", "des points-virgules", "l'export du RNCP", re.compile(r"^[A-Za-z0-9_]{1,40}$"))
_ROME_CODE = re.compile(r"^[A-N][0-9]{4}$")
_NAME = re.compile(r"^export_fiches_csv_(?P<table>[a-z_]+?)(?:_(?P<date>[0-9]{4}[_-][0-9]{2}[_-][0-9]{2}))?\.csv$")


class CertificationsImportError(ExportRefused):
    """Un export manquant, douteux ou mal formé : rien n'a été modifié."""

    what = "des certifications"


def _budget() -> ImportBudget:
    """Les bornes d'ensemble partagées avec l'import du ROME (`limits.ImportBudget`), aux valeurs du RNCP.

    L'export du RNCP est plus gros que le ROME (environ 20 000 fiches et leurs blocs) : les bornes
    communes (64 Mio, 400 000 lignes) le couperaient ; il a les siennes (`limits.CERTIF_*`).
    """
    return ImportBudget(limits.CERTIF_MAX_TOTAL_BYTES, limits.CERTIF_MAX_ROWS)


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
    cap = limits.CERTIF_MAX_FILE_BYTES
    try:
        with export_members(source, cap, "export-fiches-csv-AAAA-MM-JJ.zip", _is_table) as (members, where):
            return _read_members(source, members, where, budget)
    except ArchiveRefused as exc:
        raise CertificationsImportError(source, [f"{source.name} : {exc.problem}"]) from None
    except TooBig:
        stopped = f"un fichier de plus de {cap // limits.MIB} Mio : bien plus qu'un export officiel"
        raise CertificationsImportError(
            source, [f"{source.name} : import arrêté, {stopped}. Vérifie que c'est le bon fichier"]
        ) from None
    except ImportTooBig as exc:
        raise CertificationsImportError(source, [f"{source.name} : import arrêté, {exc.message}"]) from None


def _is_table(name: str) -> bool:
    """Le nom d'un fichier de l'export (un lien ou un fichier spécial à ce nom fait refuser le dossier)."""
    return _table_of(name) is not None


def _find_tables(members: list[Member], problems: Problems, where: str) -> tuple[str | None, dict[str, Member]]:
    found: dict[str, Member] = {}
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


def _read_members(source: Path, members: list[Member], where: str, budget: ImportBudget) -> CertData:
    problems = Problems()
    date, found = _find_tables(members, problems, where)
    if problems:
        raise CertificationsImportError.from_problems(source, problems)
    for table in TABLES:  # d'abord les en-têtes de toutes les tables, signalés ensemble
        for _ in csv_rows(found[table.key], RNCP_CSV, table.required, problems, budget, header_only=True):
            pass
    if problems:
        raise CertificationsImportError.from_problems(source, problems)
    data = CertData(date)
    for table in TABLES:
        member = found[table.key]
        for line, row in csv_rows(member, RNCP_CSV, table.required, problems, budget, optional=table.optional):
            where = f"{member.name}:{line}"
            code = _fiche_code(row["Numero_Fiche"], where, "Numero_Fiche", problems)
            if code is not None:
                table.read_row(data, where, code, row, problems)
        if table.key == "standard":
            if not data.fiches and not problems:
                problems.add(member.name, "aucune fiche dans ce fichier")
            if problems:  # les autres tables renvoient aux fiches : inutile de les lire sans elles
                raise CertificationsImportError.from_problems(source, problems)
    if problems:
        raise CertificationsImportError.from_problems(source, problems)
    return data


def _fiche_code(value: str, where: str, column: str, problems: Problems) -> str | None:
    code = normalize_code(value)
    if code is None:
        shown = clean_label(value)[:40]
        problems.add(where, f"numéro de fiche invalide « {shown} » (colonne {column} : RNCP ou RS et des chiffres)")
    return code


# --- les lignes de chaque table ---


def _read_standard(data: CertData, where: str, code: str, row: dict[str, str], problems: Problems) -> None:
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
        return
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


# Les tables suivantes renvoient aux fiches : une ligne d'une fiche absente du Standard est ignorée.


def _read_rome(data: CertData, where: str, code: str, row: dict[str, str], problems: Problems) -> None:
    rome = row["Codes_Rome_Code"].strip().upper()
    if not _ROME_CODE.match(rome):
        problems.add(where, f"code ROME invalide « {clean_label(rome)[:40]} » (une lettre A à N et 4 chiffres)")
    elif code in data.fiches:
        data.romes.setdefault((code, rome), clean_label(row.get("Codes_Rome_Libelle", "")))


def _read_route(data: CertData, where: str, code: str, row: dict[str, str], problems: Problems) -> None:
    route = clean_label(row["Si_Jury"])
    if code in data.fiches and route:
        data.routes[(code, route)] = None


def _read_certifier(data: CertData, where: str, code: str, row: dict[str, str], problems: Problems) -> None:
    name = clean_label(row["Nom_Certificateur"])
    if code in data.fiches and name:
        data.certifiers[(code, name)] = None


def _read_block(data: CertData, where: str, code: str, row: dict[str, str], problems: Problems) -> None:
    block = clean_label(row["Bloc_Competences_Code"])
    if code in data.fiches and block:
        data.blocks.setdefault((code, block), clean_label(row.get("Bloc_Competences_Libelle", "")))


def _read_replacement(data: CertData, where: str, code: str, row: dict[str, str], problems: Problems) -> None:
    for column, edge in (("Ancienne_Certification", "old"), ("Nouvelle_Certification", "new")):
        value = clean_label(row[column])
        if not value:
            continue
        other = _fiche_code(value, where, column, problems)
        if other is not None and other != code:
            data.replacements.add((other, code) if edge == "old" else (code, other))


# Lit une ligne (`where` = « fichier:ligne », `code` = son numéro de fiche, déjà vérifié) dans les données.
RowReader = Callable[[CertData, str, str, dict[str, str], Problems], None]


@dataclass(frozen=True)
class _Table:
    key: str  # le nom de la table, sans accents ni majuscules (`voixdacces`)
    shown: str  # tel que France compétences l'écrit
    required: tuple[str, ...]
    read_row: RowReader
    optional: tuple[str, ...] = ()


# Les tables lues, dans l'ordre : le Standard d'abord (les autres y renvoient).
TABLES = (
    _Table(
        "standard",
        "Standard",
        ("Numero_Fiche", "Intitule", "Nomenclature_Europe_Niveau", "Date_Fin_Enregistrement", "Actif"),
        _read_standard,
        ("Abrege_Libelle", "Type_Enregistrement", "Validation_Partielle"),
    ),
    _Table("rome", "Rome", ("Numero_Fiche", "Codes_Rome_Code"), _read_rome, ("Codes_Rome_Libelle",)),
    _Table("voixdacces", "VoixdAccès", ("Numero_Fiche", "Si_Jury"), _read_route),
    _Table("certificateurs", "Certificateurs", ("Numero_Fiche", "Nom_Certificateur"), _read_certifier),
    _Table(
        "blocs_de_competences",
        "Blocs_De_Compétences",
        ("Numero_Fiche", "Bloc_Competences_Code"),
        _read_block,
        ("Bloc_Competences_Libelle",),
    ),
    _Table(
        "ancienne_nouvelle_certification",
        "Ancienne_Nouvelle_Certification",
        ("Numero_Fiche", "Ancienne_Certification", "Nouvelle_Certification"),
        _read_replacement,
    ),
)
_BY_KEY = {table.key: table for table in TABLES}


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
        CERTIFICATIONS.path(home),
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
