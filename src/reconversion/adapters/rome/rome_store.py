"""Le ROME complet importé (`jobs import`), lu en lecture seule : fiches, appellations, mobilités, compétences.

L'import lui-même (lecture et vérification des CSV, écriture atomique) vit dans
`rome_import.py` : ce module-ci reste court parce que `jobs search`, dont le démarrage est
chronométré, l'importe à chaque fois.

Le fichier s'appelle `rome.db` et non `rome.sqlite3` : les carnets des profils sont des
`<profil>.sqlite3` dans le même dossier, et un profil nommé « rome » ne doit pas pouvoir
tomber sur le référentiel (ni une sauvegarde le prendre pour un profil).

La base contient l'index de recherche tout prêt : le vocabulaire normalisé (une seule
valeur de `meta`, lue d'un coup) et, pour chaque mot, les libellés qui le contiennent.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from reconversion.adapters.screen.relaunch import program
from reconversion.core.search import Entry, normalize
from reconversion.core.skills import Candidate, Skill
from reconversion.errors import StoreError

ROME_FILE = "rome.db"
DB_VERSION = 2  # PRAGMA user_version : structure de la base et de l'index de recherche (2 : compétences)
APPLICATION_ID = 0x524F4D45  # « ROME » : marque le fichier comme référentiel, pas comme carnet
_CHUNK = 500


def rome_path(home: Path) -> Path:
    return home / ROME_FILE


def attribution(meta: Mapping[str, str]) -> str:
    """La mention de source demandée par la Licence Ouverte ROME."""
    title = meta.get("version_title") or f"ROME (fichiers v{meta.get('version', '?')})"
    published = meta.get("published")
    date = f" du {published}" if published else ""
    return f"Source : France Travail (ex Pôle emploi), {title}{date}."


class Fiche(NamedTuple):
    code: str
    title: str
    riasec: str
    featured: bool


class RomeStore:
    """Le référentiel importé, ouvert en lecture seule."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, home: Path) -> RomeStore | None:
        """Le référentiel importé, ou None si aucun import n'a été fait."""
        path = rome_path(home)
        if not path.exists():
            return None
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.Error:
            raise _damaged(path) from None
        if version != DB_VERSION or app_id != APPLICATION_ID:
            connection.close()
            raise StoreError(
                f"Le référentiel ROME importé ({path}) vient d'une autre version de reconversion : "
                f"relance « {program()} jobs import DOSSIER » pour le reconstruire."
            )
        return cls(connection, path)

    def close(self) -> None:
        self._db.close()

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error:
            raise _damaged(self.path) from None

    def meta(self) -> dict[str, str]:
        return dict(self.query("SELECT key, value FROM meta WHERE key != 'vocabulary'"))

    def fiche(self, code: str) -> Fiche | None:
        rows = self.query("SELECT code, title, riasec, featured FROM fiches WHERE code = ?", (code,))
        return Fiche(rows[0][0], rows[0][1], rows[0][2], bool(rows[0][3])) if rows else None

    def domain_label(self, letter: str) -> str | None:
        rows = self.query("SELECT label FROM domains WHERE letter = ?", (letter,))
        return rows[0][0] if rows else None

    def appellations(self, code: str) -> list[str]:
        """Les autres noms du métier (sans son titre) : les courants d'abord, puis par ordre alphabétique."""
        rows = self.query(
            "SELECT a.label, a.rare FROM appellations a JOIN fiches f ON f.code = a.code "
            "WHERE a.code = ? AND a.label != f.title",
            (code,),
        )
        return [label for label, _ in sorted(rows, key=lambda row: (row[1], normalize(row[0]), row[0]))]

    def mobilites(self, code: str) -> list[Fiche]:
        """Les « métiers proches » que le ROME propose depuis ce métier, dans son ordre."""
        rows = self.query(
            "SELECT f.code, f.title, f.riasec, f.featured FROM mobilites m JOIN fiches f ON f.code = m.target "
            "WHERE m.code = ? ORDER BY m.rank, f.code",
            (code,),
        )
        return [Fiche(c, t, r, bool(f)) for c, t, r, f in rows]

    def skills(self, code: str) -> list[Skill]:
        """Les savoir-faire, savoir-être et savoirs de la fiche (sans les contextes de travail)."""
        rows = self.query(
            "SELECT s.ogr, s.label, s.kind, s.grp FROM fiche_skills l JOIN skills s ON s.ogr = l.ogr WHERE l.code = ?",
            (code,),
        )
        return [Skill(str(ogr), label, kind, group) for ogr, label, kind, group in rows]

    def bridge_candidates(self, code: str) -> list[Candidate]:
        """Les fiches qui partagent au moins une compétence avec `code`, avec les deux comptes."""
        rows = self.query(
            "SELECT f.code, f.title, f.riasec, COUNT(*), f.skills FROM fiche_skills a "
            "JOIN fiche_skills b ON b.ogr = a.ogr AND b.code != a.code JOIN fiches f ON f.code = b.code "
            "WHERE a.code = ? GROUP BY f.code",
            (code,),
        )
        return [Candidate(*row) for row in rows]

    def corpus(self) -> SqliteCorpus:
        return SqliteCorpus(self)


class SqliteCorpus:
    """L'index de recherche précalculé, lu à la demande (voir `core.search.Corpus`)."""

    def __init__(self, store: RomeStore) -> None:
        self._store = store
        self._vocabulary: list[str] | None = None

    def vocabulary(self) -> Sequence[str]:
        if self._vocabulary is None:
            rows = self._store.query("SELECT value FROM meta WHERE key = 'vocabulary'")
            if not rows:
                raise _damaged(self._store.path)
            self._vocabulary = rows[0][0].split("\n")
        return self._vocabulary

    def postings(self, words: Collection[str]) -> Mapping[str, Iterable[int]]:
        result: dict[str, list[int]] = {}
        for chunk in _chunks(list(words)):
            marks = ",".join("?" * len(chunk))
            for word, entry_id in self._store.query(
                "SELECT w.word, p.entry_id FROM search_words w JOIN search_postings p ON p.word_id = w.id "
                f"WHERE w.word IN ({marks})",
                chunk,
            ):
                result.setdefault(word, []).append(entry_id)
        return result

    def entries(self, ids: Collection[int]) -> Mapping[int, Entry]:
        result: dict[int, Entry] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for entry_id, code, label, is_title, title, riasec, featured in self._store.query(
                "SELECT e.id, e.code, e.label, e.is_title, f.title, f.riasec, f.featured "
                f"FROM search_entries e JOIN fiches f ON f.code = e.code WHERE e.id IN ({marks})",
                chunk,
            ):
                result[entry_id] = Entry(code, label, title, riasec, bool(is_title), bool(featured))
        return result


def _chunks(values: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _damaged(path: Path) -> StoreError:
    return StoreError(
        f"Le référentiel ROME importé ({path}) est illisible. Relance « {program()} jobs import DOSSIER » "
        "pour le reconstruire (tes profils ne sont pas concernés)."
    )
