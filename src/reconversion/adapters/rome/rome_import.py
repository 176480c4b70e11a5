"""Importe l'export open data du ROME (CSV « RefRomeCsv » de France Travail) : `jobs import DOSSIER|ZIP`.

On lit, quel que soit leur numéro de version, dans le dossier décompressé ou directement dans
l'archive `RefRomeCsv.zip` (voir `imports/export_files.py`) : fiches, appellations, lettres RIASEC,
mobilités (et les grands domaines, s'ils sont là), puis les compétences (savoir-faire,
savoir-être), les savoirs et leurs liens aux fiches (voir `rome_skills.py`). Tout est vérifié AVANT
d'écrire : présence des fichiers, en-têtes, codes, lignes ; chaque problème nomme le
fichier et la ligne. La base est construite dans un fichier temporaire du même dossier
puis mise en place d'un coup (`os.replace`) : un import raté laisse l'import précédent
intact. On y range aussi l'index de recherche (voir `core/search.py`), calculé une fois ici
pour que chaque recherche démarre vite.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from reconversion.adapters.imports.export_files import (
    READ_ERRORS,
    ArchiveRefused,
    Member,
    TooBig,
    export_members,
)
from reconversion.adapters.imports.export_rows import ExportRefused, Problems, csv_rows
from reconversion.adapters.imports.reference_build import new_database, replace_reference, write_search_index
from reconversion.adapters.rome import rome_rows, rome_skills
from reconversion.adapters.rome.rome_rows import ROME_CSV, FileSpec, RomeData
from reconversion.adapters.rome.rome_rows import code as rome_code
from reconversion.adapters.rome.rome_rows import label as rome_label
from reconversion.adapters.rome.rome_store import ROME, attribution
from reconversion.core.limits import ImportBudget, ImportTooBig, show

DOWNLOAD_URL = "https://francetravail.org/opendata/repertoire-operationnel-des-meti.html"
_RIASEC_LETTERS = frozenset("RIASEC")


class RomeImportError(ExportRefused):
    """Des fichiers ROME manquants ou mal formés : rien n'a été modifié."""

    what = "du ROME"


@dataclass(frozen=True)
class ImportSummary:
    path: Path
    version: str
    fiches: int
    appellations: int
    mobilites: int
    attribution: str
    skills: int = 0


# --- les lignes de chaque fichier -------------------------------------------------------------


def _read_title(data: RomeData, where: str, row: dict[str, str], problems: Problems) -> None:
    fiche = rome_code(row["code_rome"], where, "code_rome", problems)
    title = rome_label(row["libelle_rome"])
    if fiche is None:
        return
    if not title:
        problems.add(where, f"libellé vide pour le code {fiche}")
    elif fiche in data.titles:
        problems.add(where, f"code {fiche} en double")
    else:
        data.titles[fiche] = title


def _check_titles(data: RomeData, name: str, problems: Problems) -> None:
    if not data.titles and not problems:
        problems.add(name, "aucune fiche métier dans ce fichier")


def _read_riasec(data: RomeData, where: str, row: dict[str, str], problems: Problems) -> None:
    fiche = rome_code(row["code_rome"], where, "code_rome", problems)
    major, minor = row["riasec_majeur"].upper(), row["riasec_mineur"].upper()
    if fiche is None:
        return
    if fiche not in data.titles:
        problems.add(where, f"code {fiche} absent du fichier des fiches")
    elif major not in _RIASEC_LETTERS or (minor and (minor not in _RIASEC_LETTERS or minor == major)):
        problems.add(where, f"lettres RIASEC invalides « {show(major)} » / « {show(minor)} » (R, I, A, S, E ou C)")
    else:
        data.riasec[fiche] = major + minor


def _read_appellation(data: RomeData, where: str, row: dict[str, str], problems: Problems) -> None:
    fiche = rome_code(row["code_rome"], where, "code_rome", problems)
    text = rome_label(row["libelle_appellation_long"])
    number = row["code_ogr"]
    if fiche is None:
        return
    if not (number.isascii() and number.isdigit()):
        problems.add(where, f"identifiant d'appellation invalide « {show(number)} » (code_ogr)")
    elif fiche not in data.titles:
        problems.add(where, f"code {fiche} absent du fichier des fiches")
    elif not text:
        problems.add(where, "libellé d'appellation vide")
    elif int(number) in data.seen_ogr:
        problems.add(where, f"appellation {number} en double")
    else:
        data.seen_ogr.add(int(number))
        principal = row["classification"].upper() == "PRINCIPALE"
        data.appellations.append((int(number), fiche, text, principal, row.get("peu_usite", "").upper() == "O"))


def _read_mobilite(data: RomeData, where: str, row: dict[str, str], problems: Problems) -> None:
    source = rome_code(row["code_rome"], where, "code_rome", problems)
    target = rome_code(row["code_rome_cible"], where, "code_rome_cible", problems)
    if source is None or target is None:
        return
    unknown = [c for c in (source, target) if c not in data.titles]
    order = row["numero_ordre"]
    if unknown:
        problems.add(where, f"code {unknown[0]} absent du fichier des fiches")
    elif not (order.isascii() and order.isdigit()):
        problems.add(where, f"numéro d'ordre invalide « {show(order)} »")
    elif source != target:
        data.mobilites.append((source, target, int(order)))


def _read_domain(data: RomeData, where: str, row: dict[str, str], problems: Problems) -> None:
    letter = row["code_grand_domaine"].upper()
    if len(letter) == 1 and "A" <= letter <= "N" and row["libelle_grand_domaine"]:
        data.domains[letter] = rome_label(row["libelle_grand_domaine"])
    else:
        problems.add(where, f"grand domaine invalide « {show(letter)} »")


# La table des fichiers de l'export, dans l'ordre de lecture : les fiches d'abord (les autres y
# renvoient), les compétences avant les savoirs (un code ne sert qu'une fois), les liens à la fin.
SPECS = (
    FileSpec("codes", "unix_referentiel_code_rome", ("code_rome", "libelle_rome"), _read_title, check=_check_titles),
    FileSpec(
        "riasec", "unix_referentiel_code_rome_riasec", ("code_rome", "riasec_majeur", "riasec_mineur"), _read_riasec
    ),
    FileSpec(
        "appellations",
        "unix_referentiel_appellation",
        ("code_ogr", "libelle_appellation_long", "code_rome", "classification"),
        _read_appellation,
    ),
    FileSpec("mobilites", "unix_rubrique_mobilite", ("code_rome", "code_rome_cible", "numero_ordre"), _read_mobilite),
    FileSpec(
        "domaines",
        "unix_grand_domaine",
        ("code_grand_domaine", "libelle_grand_domaine"),
        _read_domain,
        required=False,
    ),
    FileSpec(
        "competences",
        "unix_referentiel_competence",
        ("code_ogr", "nature", "libelle_competence", "code_ogr_macro_comp", "cat_comp"),
        rome_skills.read_competence,
        check=rome_skills.check_macros,
    ),
    FileSpec(
        "savoirs",
        "unix_referentiel_savoir",
        ("code_ogr_savoir", "libelle_savoir", "categorie_savoir"),
        rome_skills.read_savoir,
    ),
    FileSpec("contextes", "unix_referentiel_contexte_travail", ("code_ogr",), rome_skills.read_context),
    FileSpec("liens", "unix_coherence_item", ("code_rome", "code_ogr"), rome_skills.read_link),
)


# --- lecture et vérification ----------------------------------------------------------------------


def find_files(
    members: list[Member], problems: Problems, where: str = "ce dossier"
) -> tuple[str | None, dict[str, Member]]:
    """Repère les fichiers de l'export (une seule version) ; renvoie la version et les fichiers."""
    found: dict[str, dict[str, Member]] = {spec.key: {} for spec in SPECS}
    for member in members:
        for spec in SPECS:
            match = spec.pattern.match(member.name)
            if not match:
                continue
            if match.group(1) in found[spec.key]:
                problems.add(member.name, f"présent deux fois dans {where} : garde un seul exemplaire")
            found[spec.key][match.group(1)] = member
    versions = {v for per_version in found.values() for v in per_version}
    chosen: dict[str, Member] = {}
    if not versions:
        problems.add(
            where,
            f"aucun fichier de l'export du ROME (comme {SPECS[0].name()}). Ce n'est pas l'export "
            f"« RefRomeCsv » : télécharge-le sur {DOWNLOAD_URL}",
        )
        return None, chosen
    if len(versions) > 1:
        listed = ", ".join(f"v{v}" for v in sorted(versions))
        problems.add(where, f"fichiers de plusieurs versions du ROME ({listed}) : garde un seul export dans {where}")
        return None, chosen
    version = next(iter(versions), None)
    for spec in SPECS:
        path = found[spec.key].get(version) if version else None
        if path is not None:
            chosen[spec.key] = path
        elif spec.required:
            problems.add(
                spec.name(version or "<version>"),
                f"fichier manquant dans {where}. Télécharge l'export complet « RefRomeCsv » sur {DOWNLOAD_URL}",
            )
    return version, chosen


def read_export(source: Path) -> RomeData:
    """Lit et vérifie un export complet (dossier ou archive zip) ; lève `RomeImportError` avec les problèmes.

    Tout l'import est borné (`core.limits` : fichiers, octets, lignes) : au-delà, il s'arrête net.
    """
    cap = rome_rows.MAX_FILE_BYTES
    try:
        with export_members(source, cap, "RefRomeCsv.zip") as (members, where):
            return _read_members(source, members, where)
    except ArchiveRefused as exc:
        raise RomeImportError(source, [f"{source.name} : {exc.problem}"]) from None
    except ImportTooBig as exc:
        raise RomeImportError(source, [f"{source.name} : {exc.message}"]) from None
    except TooBig as exc:
        raise RomeImportError(
            source, [f"{exc.name} : fichier trop gros (plus de {cap} octets) pour un export du ROME"]
        ) from None


def _read_members(folder: Path, members: list[Member], where: str) -> RomeData:
    problems = Problems()
    version, paths = find_files(members, problems, where)
    if problems or version is None:
        raise RomeImportError.from_problems(folder, problems)
    data = RomeData(version)
    specs = [spec for spec in SPECS if spec.key in paths]
    for spec in specs:  # d'abord les en-têtes de tous les fichiers, signalés ensemble
        for _ in csv_rows(paths[spec.key], ROME_CSV, spec.columns, problems, header_only=True):
            pass
    if problems:
        raise RomeImportError.from_problems(folder, problems)
    budget = ImportBudget()
    for spec in specs:
        if problems and spec.key == "competences":  # les compétences renvoient aux fiches : lues sur une base saine
            raise RomeImportError.from_problems(folder, problems)
        member = paths[spec.key]
        for line, row in csv_rows(member, ROME_CSV, spec.columns, problems, budget):
            spec.read_row(data, f"{member.name}:{line}", row, problems)
        if spec.check is not None:
            spec.check(data, member.name, problems)
        if problems and spec.key == "codes":  # les autres fichiers renvoient aux fiches : inutile sans elles
            raise RomeImportError.from_problems(folder, problems)
    if problems:
        raise RomeImportError.from_problems(folder, problems)
    rome_skills.link_skills(data)
    version_file = next((m for m in members if m.name == "version.txt"), None)
    data.version_info = _version_info(version_file) if version_file else {}
    return data


def _version_info(member: Member) -> dict[str, str]:
    """Les champs utiles de `version.txt` (facultatif) : numéro, date de publication, titre."""
    wanted = {
        "numero de version": "number",
        "date de publication": "published",
        "titre/commentaire": "title",
    }
    info: dict[str, str] = {}
    if member.size > 1024 * 1024:
        return info
    try:
        with member.open() as handle:
            text = handle.read(1024 * 1024).decode("utf-8", errors="replace")
    except (OSError, TooBig, *READ_ERRORS):
        return info
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        name = wanted.get(key.strip().casefold().replace("é", "e"))
        if sep and name and value.strip() and name not in info:
            info[name] = rome_label(value)
    return info


# --- écriture ------------------------------------------------------------------------------

# Les tables propres au ROME ; `meta` et l'index de recherche viennent de `imports/reference_build.py`.
_SCHEMA = """
CREATE TABLE domains (letter TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE fiches (
    code TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    riasec TEXT NOT NULL,
    featured INTEGER NOT NULL,
    skills INTEGER NOT NULL
);
CREATE TABLE appellations (
    ogr INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    principal INTEGER NOT NULL,
    rare INTEGER NOT NULL
);
CREATE INDEX appellations_by_code ON appellations (code);
CREATE TABLE mobilites (
    code TEXT NOT NULL,
    target TEXT NOT NULL,
    rank INTEGER NOT NULL,
    PRIMARY KEY (code, target)
) WITHOUT ROWID;
CREATE TABLE skills (
    ogr INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    macro INTEGER,
    grp TEXT NOT NULL
);
CREATE TABLE fiche_skills (
    code TEXT NOT NULL,
    ogr INTEGER NOT NULL,
    PRIMARY KEY (code, ogr)
) WITHOUT ROWID;
CREATE INDEX fiche_skills_by_ogr ON fiche_skills (ogr);
"""


def import_folder(folder: Path, home: Path, *, featured: Collection[str] = ()) -> ImportSummary:
    """Vérifie l'export (dossier ou archive zip) puis remplace d'un coup le référentiel importé (ou le crée)."""
    data = read_export(folder)
    meta = replace_reference(ROME, home, lambda path: _write(path, data, frozenset(featured)))
    return ImportSummary(
        ROME.path(home),
        data.version,
        len(data.titles),
        len(data.appellations),
        len(data.mobilites),
        attribution(meta),
        len(data.skills),
    )


def _write(path: Path, data: RomeData, featured: frozenset[str]) -> dict[str, str]:
    meta = {
        "version": data.version,
        "imported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    }
    for source, key in (("number", "version_number"), ("published", "published"), ("title", "version_title")):
        if source in data.version_info:
            meta[key] = data.version_info[source]
    with new_database(path, ROME, _SCHEMA) as connection:
        connection.executemany("INSERT INTO meta VALUES (?, ?)", [*meta.items(), *_route_meta(data).items()])
        connection.executemany("INSERT INTO domains VALUES (?, ?)", data.domains.items())
        counts: dict[str, int] = {}
        for code, _ in data.fiche_skills:
            counts[code] = counts.get(code, 0) + 1
        connection.executemany(
            "INSERT INTO fiches VALUES (?, ?, ?, ?, ?)",
            [(c, t, data.riasec.get(c, ""), int(c in featured), counts.get(c, 0)) for c, t in data.titles.items()],
        )
        connection.executemany(
            "INSERT INTO skills VALUES (?, ?, ?, ?, ?)",
            [(ogr, *values) for ogr, values in data.skills.items()],
        )
        connection.executemany("INSERT INTO fiche_skills VALUES (?, ?)", sorted(data.fiche_skills))
        connection.executemany(
            "INSERT INTO appellations VALUES (?, ?, ?, ?, ?)",
            [(ogr, code, label, int(principal), int(rare)) for ogr, code, label, principal, rare in data.appellations],
        )
        connection.executemany("INSERT OR IGNORE INTO mobilites VALUES (?, ?, ?)", data.mobilites)
        write_search_index(connection, _index_labels(data))
    return meta


def _route_meta(data: RomeData) -> dict[str, str]:
    """Les voies d'accès (diplômes, titres, habilitations : `core.skills.is_route`) comptées une fois ici :
    leurs groupes (une ligne chacun) et, par fiche, combien elle en cite (« J1501:3 J1506:5 … »)."""
    from reconversion.core.skills import Skill, is_route

    routes = {ogr for ogr, (kind, _, _, group) in data.skills.items() if is_route(Skill("", "", kind, group))}
    counts: dict[str, int] = {}
    for code, ogr in data.fiche_skills:
        if ogr in routes:
            counts[code] = counts.get(code, 0) + 1
    groups = sorted({data.skills[ogr][3] for ogr in routes})
    return {
        "route_groups": "\n".join(groups),
        "route_counts": " ".join(f"{code}:{count}" for code, count in sorted(counts.items())),
    }


def _index_labels(data: RomeData) -> list[tuple[str, str, bool]]:
    """Les titres des fiches puis les autres appellations (code, libellé, est-ce le titre ?)."""
    labels: list[tuple[str, str, bool]] = [(code, title, True) for code, title in data.titles.items()]
    known = {(code, title) for code, title, _ in labels}
    for _, code, label, _, _ in sorted(data.appellations, key=lambda a: (a[1], a[2])):
        if (code, label) not in known:
            known.add((code, label))
            labels.append((code, label, False))
    return labels
