"""Les certifications importées (`certifications import`), lues en lecture seule.

L'import lui-même vit dans `rncp_import.py` : ce module-ci reste court parce que
`certifications search` et `jobs show` l'importent à chaque fois. Le fichier s'appelle
`certifications.db` (et non `.sqlite3`, l'extension des carnets des profils : un profil nommé
« certifications » ne doit pas pouvoir tomber dessus). Il contient l'index de recherche tout prêt.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from reconversion.adapters.screen.relaunch import program
from reconversion.core.certifications import Summary, replacement_chain
from reconversion.core.search import Entry
from reconversion.errors import StoreError

CERTIF_FILE = "certifications.db"
DB_VERSION = 1  # PRAGMA user_version : structure de la base et de l'index de recherche
APPLICATION_ID = 0x524E4350  # « RNCP » : marque le fichier comme répertoire importé, pas comme carnet
_CHUNK = 500


def certif_path(home: Path) -> Path:
    return home / CERTIF_FILE


class Fiche(NamedTuple):
    """Une fiche complète, telle que `certifications show` la montre."""

    code: str
    title: str
    abbrev: str
    level: int | None
    level_raw: str
    active: bool
    end: dt.date | None
    registration: str
    partial: bool
    vae: bool
    certifiers: list[str]
    routes: list[str]
    blocks: list[tuple[str, str]]
    romes: list[tuple[str, str]]  # (code ROME, libellé dans l'export)
    replaces: list[str]  # les fiches que celle-ci remplace
    chain: list[str]  # celles qui la remplacent, jusqu'au bout


class CertStore:
    """Le répertoire importé, ouvert en lecture seule."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls, home: Path) -> CertStore | None:
        """Le répertoire importé, ou None si aucun import n'a été fait."""
        path = certif_path(home)
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
                f"Les certifications importées ({path}) viennent d'une autre version de reconversion : "
                f"relance « {program()} certifications import ZIP » pour les reconstruire."
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
        rows = self.query(
            "SELECT code, title, abbrev, level, level_raw, active, end_date, registration, partial, vae "
            "FROM fiches WHERE code = ?",
            (code,),
        )
        if not rows:
            return None
        code, title, abbrev, level, raw, active, end, registration, partial, vae = rows[0]
        return Fiche(
            code,
            title,
            abbrev,
            level,
            raw,
            bool(active),
            dt.date.fromisoformat(end) if end else None,
            registration,
            bool(partial),
            bool(vae),
            [name for (name,) in self.query("SELECT name FROM certifiers WHERE code = ? ORDER BY rank", (code,))],
            [route for (route,) in self.query("SELECT route FROM routes WHERE code = ? ORDER BY rank", (code,))],
            self.query("SELECT block, label FROM blocks WHERE code = ? ORDER BY block", (code,)),
            self.query("SELECT rome, label FROM fiche_rome WHERE code = ? ORDER BY rome", (code,)),
            [old for (old,) in self.query("SELECT old FROM replacements WHERE new = ? ORDER BY old", (code,))],
            self.chain(code),
        )

    def chain(self, code: str) -> list[str]:
        """Les fiches qui remplacent `code`, de proche en proche (voir `core.certifications.replacement_chain`)."""
        successors: dict[str, list[str]] = {}
        frontier = [code]
        while frontier and len(successors) < 100:
            current = frontier.pop()
            if current in successors:
                continue
            successors[current] = [n for (n,) in self.query("SELECT new FROM replacements WHERE old = ?", (current,))]
            frontier.extend(successors[current])
        return replacement_chain(code, successors)

    def titles(self, codes: Collection[str]) -> dict[str, tuple[str, bool, str | None]]:
        """Pour chaque code connu : (intitulé, active, fin ISO) ; les codes absents de l'export n'y sont pas."""
        result: dict[str, tuple[str, bool, str | None]] = {}
        for chunk in _chunks(list(codes)):
            marks = ",".join("?" * len(chunk))
            for code, title, active, end in self.query(
                f"SELECT code, title, active, end_date FROM fiches WHERE code IN ({marks})", chunk
            ):
                result[code] = (title, bool(active), end)
        return result

    def summaries(self, codes: Iterable[str]) -> list[Summary]:
        wanted = list(dict.fromkeys(codes))
        found: dict[str, Summary] = {}
        for chunk in _chunks(wanted):
            marks = ",".join("?" * len(chunk))
            for code, title, level, vae, active, end in self.query(
                f"SELECT code, title, level, vae, active, end_date FROM fiches WHERE code IN ({marks})", chunk
            ):
                end_date = dt.date.fromisoformat(end) if end else None
                found[code] = Summary(code, title, level, bool(vae), bool(active), end_date)
        return [found[code] for code in wanted if code in found]

    def for_rome(self, rome: str) -> list[Summary]:
        """Les certifications qui mènent au métier `rome`, chacune avec le bout de sa chaîne de remplacements."""
        codes = [code for (code,) in self.query("SELECT code FROM fiche_rome WHERE rome = ? ORDER BY code", (rome,))]
        result = []
        for item in self.summaries(codes):
            chain = self.chain(item.code)
            result.append(item._replace(successor=chain[-1]) if chain else item)
        return result

    def corpus(self) -> CertCorpus:
        return CertCorpus(self)


class CertCorpus:
    """L'index de recherche précalculé, lu à la demande (voir `core.search.Corpus`).

    `featured` vaut « active » : à pertinence égale, les fiches actives passent devant.
    """

    def __init__(self, store: CertStore) -> None:
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
            for entry_id, code, label, is_title, title, active in self._store.query(
                "SELECT e.id, e.code, e.label, e.is_title, f.title, f.active "
                f"FROM search_entries e JOIN fiches f ON f.code = e.code WHERE e.id IN ({marks})",
                chunk,
            ):
                result[entry_id] = Entry(code, label, title, "", bool(is_title), bool(active))
        return result


def _chunks(values: list, size: int = _CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _damaged(path: Path) -> StoreError:
    return StoreError(
        f"Les certifications importées ({path}) sont illisibles. Relance « {program()} certifications import ZIP » "
        "pour les reconstruire (tes profils ne sont pas concernés)."
    )
