"""Une base de référence importée (ROME, certifications), ouverte en lecture seule, et son index de recherche.

Le ROME (`rome/rome_store.py`) et les certifications (`certifications/rncp_store.py`) ont chacun
leur base, construite d'un coup par leur import (`reference_build.py`) : même ouverture (lecture
seule, version et marque vérifiées), mêmes erreurs (base illisible ou d'une autre version : relancer
l'import, les profils ne sont pas concernés), même index de recherche. Ce module reste léger :
`jobs search`, dont le démarrage est chronométré, l'importe à chaque fois.
"""

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

from reconversion.adapters.screen.relaunch import program
from reconversion.core.search import Entry
from reconversion.errors import StoreError

_CHUNK = 500  # valeurs par requête `IN (…)`, loin de la limite de SQLite
_Db = TypeVar("_Db", bound="ReferenceDb")


class ReferenceKind(NamedTuple):
    """Une sorte de base importée : son fichier, sa structure, et ce que ses messages en disent.

    `outdated` et `damaged` sont des phrases complètes (l'accord en genre et en nombre dépend de
    la base) où `{path}` et `{rebuild}` sont remplacés ; `written` complète « Écriture … impossible ».
    Une NamedTuple plutôt qu'une dataclass figée : cinq fois moins chère à définir, et ce module est
    importé à chaque `jobs search` et à chaque export.
    """

    file: str
    version: int  # PRAGMA user_version : structure de la base et de l'index de recherche
    application_id: int  # PRAGMA application_id : marque le fichier comme base importée, pas comme carnet
    command: str  # la commande qui la reconstruit, sans le programme (« jobs import DOSSIER »)
    outdated: str
    damaged: str
    written: str

    def path(self, home: Path) -> Path:
        return home / self.file

    def rebuild(self) -> str:
        return f"{program()} {self.command}"

    def damaged_error(self, path: Path) -> StoreError:
        return StoreError(self.damaged.format(path=path, rebuild=self.rebuild()))


class ReferenceDb:
    """Une base importée ouverte en lecture seule ; chaque erreur de SQLite y devient un message clair."""

    kind: ReferenceKind

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    def open(cls: type[_Db], home: Path) -> _Db | None:
        """La base importée, ou None si aucun import n'a été fait ; version et marque vérifiées."""
        kind = cls.kind
        path = kind.path(home)
        if not path.exists():
            return None
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        except sqlite3.Error:
            raise kind.damaged_error(path) from None
        if version != kind.version or app_id != kind.application_id:
            connection.close()
            raise StoreError(kind.outdated.format(path=path, rebuild=kind.rebuild()))
        return cls(connection, path)

    def close(self) -> None:
        self._db.close()

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error:
            raise self.kind.damaged_error(self.path) from None

    def meta(self) -> dict[str, str]:
        return dict(self.query("SELECT key, value FROM meta WHERE key NOT IN ('vocabulary', 'route_counts')"))

    def query_in(self, sql: str, values: Iterable[object]) -> Iterator[tuple]:
        """Les lignes de `sql` dont le `IN ({marks})` parcourt `values`, par paquets."""
        listed = list(values)
        for start in range(0, len(listed), _CHUNK):
            chunk = listed[start : start + _CHUNK]
            yield from self.query(sql.format(marks=",".join("?" * len(chunk))), chunk)


class SearchIndex:
    """L'index de recherche précalculé d'une base importée, lu à la demande (voir `core.search.Corpus`).

    Le vocabulaire normalisé est une seule valeur de `meta`, lue d'un coup ; pour chaque mot, les
    libellés qui le contiennent. Chaque base dit seulement comment lire ses entrées (`entries`).
    """

    def __init__(self, store: ReferenceDb) -> None:
        self._store = store
        self._vocabulary: list[str] | None = None

    def vocabulary(self) -> Sequence[str]:
        if self._vocabulary is None:
            rows = self._store.query("SELECT value FROM meta WHERE key = 'vocabulary'")
            if not rows:
                raise self._store.kind.damaged_error(self._store.path)
            self._vocabulary = rows[0][0].split("\n")
        return self._vocabulary

    def postings(self, words: Collection[str]) -> Mapping[str, Iterable[int]]:
        result: dict[str, list[int]] = {}
        for word, entry_id in self._store.query_in(
            "SELECT w.word, p.entry_id FROM search_words w JOIN search_postings p ON p.word_id = w.id "
            "WHERE w.word IN ({marks})",
            words,
        ):
            result.setdefault(word, []).append(entry_id)
        return result

    def entries(self, ids: Collection[int]) -> Mapping[int, Entry]:
        raise NotImplementedError
