"""Construire une base de référence importée (ROME, certifications) et la mettre en place d'un coup.

La base est écrite dans un temporaire privé du même dossier, puis mise à la place de l'ancienne
par `os.replace` : un import raté, ou tué en pleine écriture (kill -9), laisse l'import précédent
intact ; ses temporaires orphelins sont effacés au suivant. Chaque import ne fournit que ses tables
et les libellés de son index de recherche (lu par `reference_db.SearchIndex`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from reconversion.adapters.imports.reference_db import ReferenceKind
from reconversion.adapters.storage.files import hold_while_writing, remove_stale_temporaries
from reconversion.adapters.storage.locations import ensure_private_dir
from reconversion.core.search import words
from reconversion.errors import StoreError

_T = TypeVar("_T")

_COMMON_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE search_entries (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    is_title INTEGER NOT NULL
);
CREATE TABLE search_words (id INTEGER PRIMARY KEY, word TEXT NOT NULL UNIQUE);
CREATE TABLE search_postings (
    word_id INTEGER NOT NULL,
    entry_id INTEGER NOT NULL,
    PRIMARY KEY (word_id, entry_id)
) WITHOUT ROWID;
"""


def replace_reference(kind: ReferenceKind, home: Path, write: Callable[[Path], _T]) -> _T:
    """Écrit la base par `write(temporaire)` puis la met en place d'un coup ; renvoie ce que `write` renvoie."""
    ensure_private_dir(home)
    prefix = f".{kind.file}."
    remove_stale_temporaries(home, prefix=prefix)  # laissés par un import interrompu
    target = kind.path(home)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=home)
    except OSError as exc:
        raise StoreError(f"Impossible d'écrire dans {home} ({exc.strerror}).") from None
    hold_while_writing(fd)  # le descripteur reste ouvert et verrouillé jusqu'à la fin (voir files.py)
    try:
        os.chmod(tmp_name, 0o600)
        result = write(Path(tmp_name))
        os.replace(tmp_name, target)
    except sqlite3.Error as exc:
        raise StoreError(f"Écriture {kind.written} impossible ({exc}) : l'import précédent est intact.") from None
    except OSError as exc:
        raise StoreError(f"Écriture de {target} impossible ({exc.strerror}) : l'import précédent est intact.") from None
    finally:
        os.close(fd)
        for leftover in (tmp_name, f"{tmp_name}-journal"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)
    return result


@contextlib.contextmanager
def new_database(path: Path, kind: ReferenceKind, schema: str) -> Iterator[sqlite3.Connection]:
    """Une base neuve avec `schema`, la table `meta` et les tables de l'index de recherche, en une
    transaction ; marquée de sa version et de sa sorte seulement si tout s'est écrit."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("PRAGMA journal_mode = OFF")  # un temporaire : rien à protéger avant os.replace
            connection.executescript(_COMMON_SCHEMA + schema)
            yield connection
            connection.execute(f"PRAGMA user_version = {kind.version}")
            connection.execute(f"PRAGMA application_id = {kind.application_id}")
    finally:
        connection.close()


def write_search_index(connection: sqlite3.Connection, labels: Iterable[tuple[str, str, bool]]) -> None:
    """L'index de recherche : chaque libellé (code, libellé, est-ce le titre ?) découpé en mots
    normalisés (`core/search`), le vocabulaire rangé en une valeur de `meta`."""
    entries = list(labels)
    vocabulary: dict[str, int] = {}
    postings: list[tuple[int, int]] = []
    for entry_id, (_, label, _) in enumerate(entries, start=1):
        for word in dict.fromkeys(words(label)):
            word_id = vocabulary.setdefault(word, len(vocabulary) + 1)
            postings.append((word_id, entry_id))
    connection.execute("INSERT INTO meta VALUES ('vocabulary', ?)", ("\n".join(vocabulary),))
    connection.executemany(
        "INSERT INTO search_entries VALUES (?, ?, ?, ?)",
        [(i, code, label, int(is_title)) for i, (code, label, is_title) in enumerate(entries, start=1)],
    )
    connection.executemany("INSERT INTO search_words VALUES (?, ?)", [(i, w) for w, i in vocabulary.items()])
    connection.executemany("INSERT INTO search_postings VALUES (?, ?)", sorted(postings))  # dans l'ordre de la clé
