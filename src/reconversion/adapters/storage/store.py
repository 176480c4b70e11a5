"""Le carnet de la personne : un fichier SQLite par profil, sur sa machine seulement.

Chaque réponse est validée (commit) dans sa propre transaction dès qu'elle est donnée :
un arrêt brutal ne perd au plus que la réponse en cours de frappe. Le schéma porte sa
version dans `PRAGMA user_version` ; les migrations vers l'avant s'appliquent à
l'ouverture, et un fichier d'une version plus récente de l'outil est refusé sans y toucher.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

from reconversion.adapters.screen.relaunch import program
from reconversion.adapters.storage.locations import (
    check_private_dir,
    check_private_file,
    ensure_private_dir,
    profile_path,
)
from reconversion.errors import StoreBusyError, StoreError

if TYPE_CHECKING:
    from reconversion.core.schemas import AnswerRow, StepRow

# La marque de nos fichiers (`PRAGMA application_id`, « RCV1 ») : un fichier SQLite qui ne la
# porte pas et n'a pas exactement nos tables vient d'un autre programme, et n'est jamais modifié.
APPLICATION_ID = 0x52435631
# Combien de temps attendre qu'une autre commande libère le profil avant de dire « occupé ».
BUSY_TIMEOUT_S = 10.0
# Les tables que chaque version du schéma a créées : de quoi reconnaître nos fichiers d'avant la marque.
_TABLES_BY_VERSION: tuple[frozenset[str], ...] = (
    frozenset(),
    frozenset({"profile", "answers", "steps"}),
    frozenset({"profile", "answers", "steps", "interest_answers"}),
    frozenset({"profile", "answers", "steps", "interest_answers", "actions", "experiences", "contacts"}),
    frozenset({"profile", "answers", "steps", "interest_answers", "actions", "experiences", "contacts"}),
)

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
    # 4 : rétroplanning ; une échéance d'action du guide fixée à la main ne suit plus les dates de
    # la personne. Les lignes déjà là gardent leur date (1) : rien d'écrit ne bouge sans la personne.
    """
    ALTER TABLE actions ADD COLUMN due_by_hand INTEGER NOT NULL DEFAULT 1;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def now() -> str:
    """L'instant présent en UTC, à la seconde, au format ISO."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """Accès au fichier d'un profil. Toujours ouvrir avec `Store.open` et fermer avec `close`."""

    def __init__(
        self, connection: sqlite3.Connection, path: Path, profile: str, identity: tuple[int, int] | None = None
    ) -> None:
        self._db = connection
        self.path = path
        self.profile = profile
        self.identity = identity  # (appareil, inode) du fichier ouvert : s'il change, le profil a été effacé
        self.unreadable: list[str] = []  # réponses dont la cellule est abîmée (voir `answers`)

    # --- ouverture ------------------------------------------------------------

    @overload
    @classmethod
    def open(cls, home: Path, profile: str, *, create: Literal[True] = ...) -> Store: ...
    @overload
    @classmethod
    def open(cls, home: Path, profile: str, *, create: bool) -> Store | None: ...
    @classmethod
    def open(cls, home: Path, profile: str, *, create: bool = True) -> Store | None:
        """Ouvre (et crée si besoin) le fichier du profil ; None s'il n'existe pas et `create` est faux.

        Le dossier et le fichier doivent être à la personne (`check_private_*`). L'ouverture se
        fait en lecture-écriture pour que SQLite puisse finir de défaire une écriture interrompue
        (journal « chaud » après un arrêt brutal) ; rien d'autre n'est écrit dans un fichier qui
        n'est pas le nôtre ou qui vient d'une version plus récente.
        """
        path = profile_path(home, profile)
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            if not create:
                if os.path.isdir(home):
                    check_private_dir(home)
                return None
            ensure_private_dir(home)
            _create_private(path)
            info = os.lstat(path)
        except OSError as exc:
            raise StoreError(f"Impossible de lire {path} ({exc.strerror}).") from None
        else:
            check_private_dir(home)
        check_private_file(path, info)
        identity = (info.st_dev, info.st_ino)
        connection = _connect(path, identity, profile)
        try:
            version = identify(connection, path, identity, profile)
            store = cls(connection, path, profile, identity)
            if version < SCHEMA_VERSION or _application_id(connection) != APPLICATION_ID:
                store._migrate()
        except BaseException:
            connection.close()
            raise
        return store

    def _migrate(self) -> None:
        """Crée ou met à jour le schéma, et pose la marque ; une seule commande le fait (transaction)."""
        with self.transaction() as db:
            current = db.execute("PRAGMA user_version").fetchone()[0]  # relu sous verrou : une autre
            for number in range(current, SCHEMA_VERSION):  # commande a pu le faire entre-temps
                for statement in _statements(MIGRATIONS[number]):
                    db.execute(statement)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("INSERT OR IGNORE INTO profile (key, value) VALUES ('created_at', ?)", (now(),))

    def close(self) -> None:
        self._db.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """La connexion, pour les dépôts voisins (intérêts, suivi) ; écrire via `transaction()`."""
        return self._db

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Une transaction courte : tout est écrit, ou rien.

        Une autre commande qui écrit est attendue (`BUSY_TIMEOUT_S`) ; une erreur d'écriture
        (disque plein, lecture seule) est dite telle quelle, après avoir tout défait.
        """
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self.failure(exc) from None
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self.failure(exc) from None
            raise

    def failure(self, exc: sqlite3.Error) -> StoreError:
        """L'erreur à dire pour un échec de SQLite : « effacé pendant la commande » si le fichier a
        disparu ou a été remplacé depuis l'ouverture (`profiles delete`), sinon sa vraie cause."""
        if was_deleted(self.path, self.identity):
            return deleted_error(self.profile)
        return write_error(exc, self.path, self.profile)

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
        """Les réponses actives : `id de question -> valeur` (None = question passée).

        Une cellule abîmée (octets qui ne sont pas de l'UTF-8, valeur qui n'est pas du JSON) est
        laissée de côté et notée dans `unreadable` : la question sera reposée, et la nouvelle
        réponse remplacera la cellule. Rien d'autre ne s'arrête pour autant.
        """
        factory = self._db.text_factory
        self._db.text_factory = bytes
        try:
            rows = self._db.execute("SELECT question_id, value FROM answers WHERE archived = 0").fetchall()
        finally:
            self._db.text_factory = factory
        answers: dict[str, Any] = {}
        for raw_id, raw_value in rows:
            question_id = raw_id.decode("utf-8", "replace") if isinstance(raw_id, bytes) else str(raw_id)
            try:
                text = raw_value.decode("utf-8") if isinstance(raw_value, bytes) else raw_value
                answers[question_id] = json.loads(text)
            except (UnicodeDecodeError, ValueError, TypeError):
                if question_id not in self.unreadable:
                    self.unreadable.append(question_id)
        return answers

    def answer_rows(self, *, archived: bool = False) -> list[AnswerRow]:
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

    def step_rows(self) -> dict[str, StepRow]:
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

    def reset(self, step_id: str | None = None, *, everything: bool = False) -> int:
        """Efface les réponses (d'une étape, ou toutes) ; avec `everything`, tout le contenu du profil.

        Renvoie le nombre de réponses effacées.
        """
        with self.transaction() as db:
            if step_id is None:
                count = db.execute("DELETE FROM answers").rowcount
                db.execute("DELETE FROM steps")
                db.execute("DELETE FROM profile WHERE key NOT IN ('created_at')")
                if everything:
                    for table in ("interest_answers", "actions", "experiences", "contacts"):
                        db.execute(f"DELETE FROM {table}")
                    db.execute("DELETE FROM sqlite_sequence")  # les numéros p1, c1… repartent de 1
            else:
                count = db.execute("DELETE FROM answers WHERE step_id = ?", (step_id,)).rowcount
                db.execute("DELETE FROM steps WHERE step_id = ?", (step_id,))
        if everything:  # les pages libérées gardent l'ancien texte : le fichier est réécrit sans elles
            try:
                self._db.execute("VACUUM")
            except sqlite3.Error as exc:
                raise self.failure(exc) from None
        return count


def identify(db: sqlite3.Connection, path: Path, identity: tuple[int, int] | None = None, profile: str = "") -> int:
    """Reconnaît un carnet reconversion lisible et renvoie sa version de schéma, sans rien y écrire.

    La première lecture laisse SQLite défaire une transaction interrompue par un arrêt brutal :
    c'est ce qui rend le carnet à son dernier état complet. Un fichier abîmé, étranger, trop
    récent ou occupé est refusé avec un message qui ne conseille rien qui puisse perdre des données.
    """
    try:
        db.execute("PRAGMA query_only = ON")
        try:
            check = db.execute("PRAGMA quick_check").fetchone()
            version = db.execute("PRAGMA user_version").fetchone()[0]
            application = _application_id(db)
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            db.execute("PRAGMA query_only = OFF")
    except sqlite3.Error as exc:
        raise _opening_error(exc, path, identity, profile) from None
    if check is None or check[0] != "ok":
        raise damaged_error(path)
    tables.discard("sqlite_sequence")
    if application not in (0, APPLICATION_ID):
        raise foreign_error(path)
    if version > SCHEMA_VERSION and (application == APPLICATION_ID or _TABLES_BY_VERSION[1] <= tables):
        raise StoreError(
            f"Le fichier {path} a été écrit par une version plus récente de reconversion "
            f"(schéma {version}, cette version connaît le schéma {SCHEMA_VERSION}). "
            "Mets l'outil à jour : tes données n'ont pas été modifiées."
        )
    if application == 0:
        fresh = version == 0 and not tables
        ours_before_mark = 0 < version <= SCHEMA_VERSION and tables == _TABLES_BY_VERSION[version]
        if not (fresh or ours_before_mark):
            raise foreign_error(path)
    return version


def _application_id(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA application_id").fetchone()[0])


def _create_private(path: Path) -> None:
    """Crée le fichier vide en 0600 ; s'il est apparu entre-temps (autre commande), il est vérifié après."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0), 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(f"Impossible de créer {path} ({exc.strerror}).") from None


def _connect(path: Path, identity: tuple[int, int] | None = None, profile: str = "") -> sqlite3.Connection:
    """La connexion au fichier déjà créé et vérifié ; jamais un fichier recréé par SQLite (`mode=rw`) :
    s'il a disparu entre-temps, c'est que le profil vient d'être effacé, et on le dit."""
    try:
        uri = f"{path.absolute().as_uri()}?mode=rw"
        connection = sqlite3.connect(uri, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=True)
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise _opening_error(exc, path, identity, profile) from None
    return connection


def _opening_error(exc: sqlite3.Error, path: Path, identity: tuple[int, int] | None, profile: str) -> StoreError:
    """Un carnet que SQLite n'a pas pu ouvrir ou lire : occupé, effacé entre-temps, sinon abîmé."""
    if is_busy(exc):
        return busy_error(path.stem)
    if was_deleted(path, identity):
        return deleted_error(profile or path.stem)
    return damaged_error(path)


def was_deleted(path: Path, identity: tuple[int, int] | None) -> bool:
    """Vrai si le fichier ouvert n'est plus là : disparu, ou remplacé par un autre (profil effacé puis recréé)."""
    if identity is None:
        return False
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return (info.st_dev, info.st_ino) != identity


def deleted_error(profile: str) -> StoreError:
    return StoreError(
        f"Le profil « {profile} » a été effacé pendant cette commande (par « profiles delete », dans une "
        "autre fenêtre) : ce que tu viens de faire n'a pas été enregistré. Si tu veux le garder, relance "
        "la commande : elle repartira d'un profil neuf."
    )


def companions(path: Path) -> list[Path]:
    """Les fichiers que SQLite tient à côté du carnet et qui en font partie (journal, WAL)."""
    return [Path(f"{path}{suffix}") for suffix in ("-journal", "-wal", "-shm") if os.path.lexists(f"{path}{suffix}")]


def damaged_error(path: Path) -> StoreError:
    """Le message d'un carnet illisible : le garder, avec son journal, sans jamais le séparer de lui."""
    files = [path, *companions(path)]
    listed = " ".join(str(f) for f in files)
    if len(files) == 1:
        what = "déplace-le dans un autre dossier (garde-le : il pourra peut-être être réparé)"
    else:
        names = ", ".join(f"« {f.name} »" for f in files)
        what = f"déplace ensemble {names} dans un autre dossier (ne les sépare jamais : le journal en fait partie)"
    return StoreError(
        f"Le fichier {path} est abîmé : SQLite ne peut pas le lire. Je ne l'ai pas modifié.\n"
        f"Pour repartir d'un carnet neuf sans rien perdre, {what}, par exemple :\n"
        f"  mkdir -p ~/reconversion-a-reparer && mv {listed} ~/reconversion-a-reparer/\n"
        f"Tu pourras ensuite restaurer une sauvegarde avec « {program()} import »."
    )


def foreign_error(path: Path) -> StoreError:
    return StoreError(
        f"Le fichier {path} n'a pas été créé par reconversion (c'est une base d'un autre programme) : "
        "je n'y touche pas. Choisis un autre nom de profil avec --profile, ou range ce fichier ailleurs."
    )


def is_busy(exc: BaseException) -> bool:
    """Vrai pour « base verrouillée / occupée » : une autre commande écrit, rien n'est abîmé."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def busy_error(profile: str) -> StoreBusyError:
    return StoreBusyError(
        f"Le profil « {profile} » est occupé par une autre commande (un import, une sauvegarde…). "
        "Réessaie dans un instant : rien n'a été modifié."
    )


def write_error(exc: sqlite3.Error, path: Path, profile: str) -> StoreError:
    """Une écriture refusée par SQLite, dite avec sa vraie cause ; la transaction est déjà défaite."""
    if is_busy(exc):
        return busy_error(profile)
    text = str(exc).lower()
    if "full" in text:
        return StoreError(
            f"Écriture impossible dans {path} : le disque est plein (ou le carnet a atteint sa taille "
            "maximale). Rien n'a été modifié ; libère de la place puis recommence."
        )
    if "readonly" in text or "read-only" in text or "permission" in text:
        return StoreError(
            f"Écriture impossible dans {path} : le fichier ou son dossier est en lecture seule pour toi. "
            "Rien n'a été modifié ; vérifie les droits de ce dossier."
        )
    return StoreError(f"Écriture impossible dans {path} ({exc}) : rien n'a été modifié.")


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
