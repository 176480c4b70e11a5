"""Le suivi dans le carnet SQLite : actions, expériences, contacts (tables du schéma 3).

Chaque écriture passe par `store.transaction()` : elle est entière ou n'a pas lieu.
Les actions du guide n'ont une ligne qu'une fois cochées, modifiées ou retirées
(clé `guide_action_id`) ; les actions personnelles ont `guide_action_id` NULL.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any

from reconversion.adapters.store import Store, now
from reconversion.core.followup import NEXT_ACTIONS_LIMIT

_ACTION_COLUMNS = (
    "id",
    "guide_action_id",
    "step_id",
    "text",
    "due_date",
    "done_at",
    "removed",
    "created_at",
    "updated_at",
    "due_by_hand",
)
_EXPERIENCE_COLUMNS = ("id", "kind", "organisation", "start_date", "end_date", "learnt", "created_at")
_CONTACT_COLUMNS = ("id", "name", "organisation", "role", "met_how", "notes", "follow_up", "created_at", "updated_at")
CONTACT_FIELDS = ("name", "organisation", "role", "met_how", "notes", "follow_up")


def _rows(
    db: sqlite3.Connection, table: str, columns: tuple[str, ...], where: str = "1", params: tuple[Any, ...] = ()
) -> list[dict[str, Any]]:
    cursor = db.execute(f"SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY id", params)
    return [dict(zip(columns, row, strict=True)) for row in cursor]


def answer_starts(store: Store) -> list[dict[str, Any]]:
    """Les dates de réponse par étape, pour `core.followup.step_start_days`."""
    rows = store.connection.execute("SELECT step_id, answered_at, archived FROM answers")
    return [{"step_id": s, "answered_at": a, "archived": r} for s, a, r in rows]


# --- actions ---------------------------------------------------------------------------------------


def action_rows(store: Store, *, alerts_on: dt.date | None = None) -> list[dict[str, Any]]:
    """Les lignes d'actions (toutes, ou seulement ce qu'il faut pour les alertes de `status`).

    Avec `alerts_on` (le jour) : toutes les lignes d'actions du guide (elles décident de ce que
    le guide propose), et parmi les actions personnelles encore à faire, les retards et, pour
    les « prochaines actions », les plus proches échéances et les premières sans date.
    """
    if alerts_on is None:
        return _rows(store.connection, "actions", _ACTION_COLUMNS)
    pending = "guide_action_id IS NULL AND done_at IS NULL AND removed = 0"
    where = (
        f"guide_action_id IS NOT NULL OR ({pending} AND due_date < :day) "
        f"OR id IN (SELECT id FROM actions WHERE {pending} AND due_date >= :day ORDER BY due_date, id LIMIT :next) "
        f"OR id IN (SELECT id FROM actions WHERE {pending} AND due_date IS NULL ORDER BY id LIMIT :next)"
    )
    cursor = store.connection.execute(
        f"SELECT {', '.join(_ACTION_COLUMNS)} FROM actions WHERE {where} ORDER BY id",
        {"day": alerts_on.isoformat(), "next": NEXT_ACTIONS_LIMIT},
    )
    return [dict(zip(_ACTION_COLUMNS, row, strict=True)) for row in cursor]


def add_action(store: Store, text: str, step_id: str | None, due: dt.date | None) -> int:
    """Ajoute une action personnelle ; renvoie son numéro de ligne."""
    stamp = now()
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO actions (guide_action_id, step_id, text, due_date, created_at, updated_at) "
            "VALUES (NULL, ?, ?, ?, ?, ?)",
            (step_id, text, due.isoformat() if due else None, stamp, stamp),
        )
        return int(cursor.lastrowid or 0)


def save_guide_action(store: Store, guide_action_id: str, values: dict[str, Any]) -> None:
    """Crée ou met à jour la ligne d'une action du guide.

    `values` contient toutes les colonnes (step_id, text, due_date, done_at, removed, due_by_hand) :
    l'appelant part de l'action telle qu'elle est affichée et n'en change que ce qui est demandé.
    `due_by_hand` vaut 1 seulement si la personne a fixé l'échéance elle-même : sinon la date
    écrite n'est qu'un relevé, et l'échéance continue de suivre ses dates (rétroplanning).
    """
    stamp = now()
    with store.transaction() as db:
        db.execute(
            "INSERT INTO actions (guide_action_id, step_id, text, due_date, done_at, removed, due_by_hand, "
            "created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(guide_action_id) DO UPDATE SET "
            "step_id = excluded.step_id, text = excluded.text, due_date = excluded.due_date, "
            "done_at = excluded.done_at, removed = excluded.removed, due_by_hand = excluded.due_by_hand, "
            "updated_at = excluded.updated_at",
            (
                guide_action_id,
                values["step_id"],
                values["text"],
                values["due_date"],
                values["done_at"],
                int(values["removed"]),
                int(values.get("due_by_hand", 1)),
                stamp,
                stamp,
            ),
        )


def update_action(store: Store, row_id: int, changes: dict[str, Any]) -> None:
    """Change des colonnes d'une ligne existante (step_id, text, due_date, done_at, removed)."""
    allowed = {"step_id", "text", "due_date", "done_at", "removed", "due_by_hand"}
    unknown = set(changes) - allowed
    assert not unknown, f"colonnes inconnues : {unknown}"
    if not changes:
        return
    assignments = ", ".join(f"{column} = ?" for column in changes)
    with store.transaction() as db:
        db.execute(
            f"UPDATE actions SET {assignments}, updated_at = ? WHERE id = ?",
            (*changes.values(), now(), row_id),
        )


def delete_action(store: Store, row_id: int) -> None:
    with store.transaction() as db:
        db.execute("DELETE FROM actions WHERE id = ? AND guide_action_id IS NULL", (row_id,))


# --- expériences --------------------------------------------------------------------------------


def experience_rows(store: Store) -> list[dict[str, Any]]:
    return _rows(store.connection, "experiences", _EXPERIENCE_COLUMNS)


def add_experience(
    store: Store, kind: str, organisation: str, start: dt.date | None, end: dt.date | None, learnt: str
) -> int:
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO experiences (kind, organisation, start_date, end_date, learnt, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (kind, organisation, start.isoformat() if start else None, end.isoformat() if end else None, learnt, now()),
        )
        return int(cursor.lastrowid or 0)


def delete_experience(store: Store, row_id: int) -> bool:
    with store.transaction() as db:
        return db.execute("DELETE FROM experiences WHERE id = ?", (row_id,)).rowcount > 0


# --- contacts ----------------------------------------------------------------------------------------


def contact_rows(store: Store, *, follow_up_by: dt.date | None = None) -> list[dict[str, Any]]:
    """Les contacts ; avec `follow_up_by`, seulement ceux dont la relance tombe ce jour-là ou avant."""
    if follow_up_by is not None:
        where, params = "follow_up IS NOT NULL AND follow_up <= ?", (follow_up_by.isoformat(),)
        return _rows(store.connection, "contacts", _CONTACT_COLUMNS, where, params)
    return _rows(store.connection, "contacts", _CONTACT_COLUMNS)


def add_contact(store: Store, values: dict[str, Any]) -> int:
    """Ajoute un contact ; `values` : name (obligatoire) et les autres champs de `CONTACT_FIELDS`."""
    stamp = now()
    record = {field: values.get(field) for field in CONTACT_FIELDS}
    for field in ("organisation", "role", "met_how", "notes"):
        record[field] = record[field] or ""
    with store.transaction() as db:
        cursor = db.execute(
            f"INSERT INTO contacts ({', '.join(CONTACT_FIELDS)}, created_at, updated_at) "
            f"VALUES ({', '.join('?' for _ in CONTACT_FIELDS)}, ?, ?)",
            (*record.values(), stamp, stamp),
        )
        return int(cursor.lastrowid or 0)


def update_contact(store: Store, row_id: int, changes: dict[str, Any]) -> bool:
    unknown = set(changes) - set(CONTACT_FIELDS)
    assert not unknown, f"champs inconnus : {unknown}"
    if not changes:
        return True
    assignments = ", ".join(f"{field} = ?" for field in changes)
    with store.transaction() as db:
        cursor = db.execute(
            f"UPDATE contacts SET {assignments}, updated_at = ? WHERE id = ?", (*changes.values(), now(), row_id)
        )
        return cursor.rowcount > 0


def delete_contact(store: Store, row_id: int) -> bool:
    with store.transaction() as db:
        return db.execute("DELETE FROM contacts WHERE id = ?", (row_id,)).rowcount > 0
