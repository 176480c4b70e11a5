"""Le carnet de la personne : un fichier SQLite par profil, sur sa machine seulement.

Chaque réponse est validée (commit) dans sa propre transaction dès qu'elle est donnée :
un arrêt brutal ne perd au plus que la réponse en cours de frappe. Le schéma porte sa
version dans `PRAGMA user_version` ; les migrations vers l'avant s'appliquent à
l'ouverture, et un fichier d'une version plus récente de l'outil est refusé sans y toucher.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reconversion.adapters.locations import ensure_private_dir, profile_path
from reconversion.errors import StoreError

_SQLITE_HEADER = b"SQLite format 3\x00"

# Une entrée par version du schéma ; ne jamais modifier une entrée publiée, en ajouter une.
MIGRATIONS: tuple[str, ...] = (
    # 1 : réponses, étapes, informations du profil
    """
    CREATE TABLE profile (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE answers (
        question_id TEXT PRIMARY KEY,
        step_id TEXT NOT NULL,
        value TEXT NOT NULL,
        archived INTEGER NOT NULL DEFAULT 0,
        answered_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE steps (
        step_id TEXT PRIMARY KEY,
        completed_at TEXT,
        last_activity_at TEXT
    );
    """,
    # 2 : test d'intérêts RIASEC (une note par item ; les résultats en sont déduits)
    """
    CREATE TABLE interest_answers (
        item_id TEXT PRIMARY KEY,
        value INTEGER NOT NULL,
        answered_at TEXT NOT NULL
    );
    """,
    # 3 : suivi dans la durée : actions (du guide ou personnelles), expériences, contacts
    """
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        guide_action_id TEXT UNIQUE,
        step_id TEXT,
        text TEXT NOT NULL,
        due_date TEXT,
        done_at TEXT,
        removed INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE experiences (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        organisation TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        learnt TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    );
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        organisation TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT '',
        met_how TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        follow_up TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def now() -> str:
    """L'instant présent en UTC, à la seconde, au format ISO."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """Accès au fichier d'un profil. Toujours ouvrir avec `Store.open` et fermer avec `close`."""

    def __init__(self, connection: sqlite3.Connection, path: Path, profile: str) -> None:
        self._db = connection
        self.path = path
        self.profile = profile

    # --- ouverture ------------------------------------------------------------

    @classmethod
    def open(cls, home: Path, profile: str, *, create: bool = True) -> Store | None:
        """Ouvre (et crée si besoin) le fichier du profil ; None s'il n'existe pas et `create` est faux."""
        path = profile_path(home, profile)
        if not path.exists():
            if not create:
                return None
            ensure_private_dir(home)
            try:
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                pass
            except OSError as exc:
                raise StoreError(f"Impossible de créer {path} ({exc.strerror}).") from None
        version = inspect(path)
        connection = _connect(path)
        store = cls(connection, path, profile)
        if version < SCHEMA_VERSION:
            store._migrate(version)
        return store

    def _migrate(self, current: int) -> None:
        try:
            with self.transaction() as db:
                for number in range(current, SCHEMA_VERSION):
                    for statement in _statements(MIGRATIONS[number]):
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("INSERT OR IGNORE INTO profile (key, value) VALUES ('created_at', ?)", (now(),))
        except sqlite3.Error as exc:
            raise StoreError(f"Mise à jour du fichier {self.path} impossible : {exc}.") from None

    def close(self) -> None:
        self._db.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """La connexion, pour les dépôts voisins (intérêts, suivi) ; écrire via `transaction()`."""
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Une transaction courte : tout est écrit, ou rien."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            raise StoreError(
                f"Le profil « {self.profile} » est occupé par une autre commande : réessaie dans un instant."
            ) from None
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

    # --- informations du profil ---------------------------------------------------

    def info(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM profile").fetchall())

    def _set_info(self, db: sqlite3.Connection, key: str, value: str) -> None:
        db.execute(
            "INSERT INTO profile (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def has_data(self) -> bool:
        row = self._db.execute("SELECT COUNT(*) FROM answers").fetchone()
        return bool(row[0])

    # --- réponses ------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """Les réponses actives : `id de question -> valeur` (None = question passée)."""
        rows = self._db.execute("SELECT question_id, value FROM answers WHERE archived = 0")
        return {qid: json.loads(value) for qid, value in rows}

    def answer_rows(self, *, archived: bool = False) -> list[dict[str, Any]]:
        """Les réponses avec leurs dates, pour les sauvegardes."""
        rows = self._db.execute(
            "SELECT question_id, step_id, value, answered_at, updated_at FROM answers "
            "WHERE archived = ? ORDER BY question_id",
            (int(archived),),
        )
        return [
            {"question": q, "step": s, "value": json.loads(v), "answered_at": a, "updated_at": u}
            for q, s, v, a, u in rows
        ]

    def save_answer(self, question_id: str, step_id: str, value: Any) -> None:
        """Enregistre une réponse, dans sa propre transaction, avant de passer à la suite."""
        self.save_answers({question_id: (step_id, value)})

    def _touch(self, db: sqlite3.Connection, step_id: str | None, stamp: str) -> None:
        db.execute("INSERT OR IGNORE INTO profile (key, value) VALUES ('first_answer_at', ?)", (stamp,))
        self._set_info(db, "last_activity_at", stamp)
        if step_id:
            db.execute(
                "INSERT INTO steps (step_id, last_activity_at) VALUES (?, ?) "
                "ON CONFLICT(step_id) DO UPDATE SET last_activity_at = excluded.last_activity_at",
                (step_id, stamp),
            )

    def save_answers(self, answers: dict[str, tuple[str, Any]]) -> None:
        """Enregistre plusieurs réponses d'un coup (fichier --answers) : toutes ou aucune."""
        stamp = now()
        with self.transaction() as db:
            for question_id, (step_id, value) in answers.items():
                db.execute(
                    "INSERT INTO answers (question_id, step_id, value, archived, answered_at, updated_at) "
                    "VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT(question_id) DO UPDATE SET "
                    "step_id = excluded.step_id, value = excluded.value, archived = 0, "
                    "updated_at = excluded.updated_at",
                    (question_id, step_id, json.dumps(value, ensure_ascii=False), stamp, stamp),
                )
                self._touch(db, step_id, stamp)

    # --- étapes -----------------------------------------------------------------------

    def complete_step(self, step_id: str) -> None:
        stamp = now()
        with self.transaction() as db:
            db.execute(
                "INSERT INTO steps (step_id, completed_at, last_activity_at) VALUES (?, ?, ?) "
                "ON CONFLICT(step_id) DO UPDATE SET completed_at = excluded.completed_at",
                (step_id, stamp, stamp),
            )

    def step_rows(self) -> dict[str, dict[str, str | None]]:
        rows = self._db.execute("SELECT step_id, completed_at, last_activity_at FROM steps")
        return {s: {"completed_at": c, "last_activity_at": a} for s, c, a in rows}

    # --- guide ----------------------------------------------------------------------------

    def sync_guide(self, guide_id: str, guide_version: str, question_ids: set[str]) -> list[str]:
        """Aligne le profil sur le guide : réponses à des questions disparues archivées, jamais effacées.

        Renvoie les ids nouvellement archivés. Une question qui revient retrouve sa réponse.
        """
        with self.transaction() as db:
            rows = db.execute("SELECT question_id, archived FROM answers").fetchall()
            to_archive = [q for q, archived in rows if not archived and q not in question_ids]
            to_restore = [q for q, archived in rows if archived and q in question_ids]
            db.executemany("UPDATE answers SET archived = 1 WHERE question_id = ?", [(q,) for q in to_archive])
            db.executemany("UPDATE answers SET archived = 0 WHERE question_id = ?", [(q,) for q in to_restore])
            self._set_info(db, "guide_id", guide_id)
            self._set_info(db, "guide_version", guide_version)
        return to_archive

    # --- remise à zéro ----------------------------------------------------------------------

    def reset(self, step_id: str | None = None) -> int:
        """Efface les réponses (d'une étape, ou toutes) ; renvoie leur nombre."""
        with self.transaction() as db:
            if step_id is None:
                count = db.execute("DELETE FROM answers").rowcount
                db.execute("DELETE FROM steps")
                db.execute("DELETE FROM profile WHERE key NOT IN ('created_at')")
            else:
                count = db.execute("DELETE FROM answers WHERE step_id = ?", (step_id,)).rowcount
                db.execute("DELETE FROM steps WHERE step_id = ?", (step_id,))
        return count


def inspect(path: Path) -> int:
    """Vérifie, en lecture seule, qu'un fichier est une base lisible ; renvoie sa version de schéma.

    Un fichier abîmé, étranger ou trop récent est refusé sans être modifié.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as exc:
        raise StoreError(f"Impossible de lire {path} ({exc.strerror}).") from None
    if not header:
        return 0
    damaged = StoreError(
        f"Le fichier {path} n'est pas un carnet reconversion lisible (il est abîmé ou vient d'un "
        "autre programme). Je ne l'ai pas modifié : mets-le de côté (renomme-le) pour repartir "
        "d'un carnet neuf, ou restaure une sauvegarde avec « reconversion import »."
    )
    if header != _SQLITE_HEADER:
        raise damaged
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            check = connection.execute("PRAGMA quick_check").fetchone()
            version = connection.execute("PRAGMA user_version").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise damaged from None
    if check is None or check[0] != "ok":
        raise damaged
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"Le fichier {path} a été écrit par une version plus récente de reconversion "
            f"(schéma {version}, cette version connaît le schéma {SCHEMA_VERSION}). "
            "Mets l'outil à jour : tes données n'ont pas été modifiées."
        )
    return version


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, timeout=5.0, isolation_level=None)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise StoreError(f"Impossible d'ouvrir {path} : {exc}.") from None
    return connection


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
