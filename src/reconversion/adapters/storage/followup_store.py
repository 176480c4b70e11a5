"""Le suivi dans le carnet SQLite : actions, expériences, contacts (tables du schéma 3).

Chaque écriture passe par `store.transaction()` : elle est entière ou n'a pas lieu.
Les actions du guide n'ont une ligne qu'une fois cochées, modifiées ou retirées
(clé `guide_action_id`) ; les actions personnelles ont `guide_action_id` NULL.

Les lectures tolèrent une cellule abîmée : un texte qui n'est pas de l'UTF-8 est montré avec
des « \ufffd » à la place des octets illisibles, une réponse qui n'est pas du JSON est ignorée
(la sauvegarde, elle, les décrit : voir `backup_store`), et un avertissement le dit une fois,
sur la sortie d'erreur. Les écritures vérifient les textes et
les dates (`core/limits.py`) : tout ce qui est écrit se relit, s'affiche et s'exporte.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from itertools import chain
from typing import TYPE_CHECKING, Any, Final, cast

from reconversion.adapters.storage.store import Store, now
from reconversion.core import limits
from reconversion.core.followup import NEXT_ACTIONS_LIMIT
from reconversion.errors import StoreError, UsageError

if TYPE_CHECKING:
    from reconversion.core.schemas import (
        ActionChanges,
        ActionRow,
        AnswerStartRow,
        ContactChanges,
        ContactRow,
        ExperienceRow,
        GuideActionValues,
        NewContact,
    )

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
CONTACT_FIELDS: Final = ("name", "organisation", "role", "met_how", "notes", "follow_up")
# Les colonnes qu'une commande peut changer (les clés de `schemas.ActionChanges`, vérifié par un test) :
# seuls ces noms entrent dans le texte des requêtes UPDATE.
ACTION_CHANGES: Final = ("step_id", "text", "due_date", "done_at", "removed", "due_by_hand")


# Ce que la personne voit nommé dans un refus : colonne -> nom du champ.
_FIELD_NAMES = {
    "text": "le texte de l'action",
    "name": "le nom",
    "organisation": "l'organisation",
    "role": "le rôle",
    "met_how": "la rencontre",
    "notes": "les notes",
    "learnt": "ce que tu en retiens",
    "kind": "la sorte d'expérience",
    "due_date": "l'échéance",
    "follow_up": "la relance",
    "start_date": "la date de début",
    "end_date": "la date de fin",
}
_DATE_FIELDS = ("due_date", "follow_up", "start_date", "end_date")


def damaged_warning() -> str:
    """Dit une fois par commande ; la commande de sauvegarde telle que la personne lance l'outil (C3)."""
    from reconversion.adapters.screen.relaunch import program

    return (
        "Attention : une partie de ton carnet est abîmée (texte illisible, montré avec « \ufffd » ; réponse ou "
        f"date illisible, ignorée). Garde dès maintenant une sauvegarde de tout ce qui se lit : {program()} export "
        "-f json"
    )


_damage = {"seen": False, "said": False}


def _lenient(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        _damage["seen"] = True
        return raw.decode("utf-8", "replace")


@contextmanager
def _reading(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Lit les textes sans s'arrêter sur une cellule abîmée (octets illisibles remplacés par U+FFFD),
    et le dit une fois par commande sur la sortie d'erreur."""
    factory = db.text_factory
    db.text_factory = _lenient
    try:
        yield db
    finally:
        db.text_factory = factory
        if _damage["seen"] and not _damage["said"]:
            _damage["said"] = True
            print(damaged_warning(), file=sys.stderr)


def _rows(
    db: sqlite3.Connection, table: str, columns: tuple[str, ...], where: str = "1", params: Any = ()
) -> list[dict[str, Any]]:
    query = f"SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY id"
    try:  # d'abord sans décodeur Python (une cellule illisible lève OperationalError) : 2 fois moins d'appels
        values = db.execute(query, params).fetchall()
    except sqlite3.OperationalError:
        values = None
    with _reading(db):
        if values is None:  # une cellule n'est pas en UTF-8 : relue avec le décodeur qui la répare
            values = db.execute(query, params).fetchall()
        rows = [dict(zip(columns, row, strict=True)) for row in values]
        if bytes in set(map(type, chain.from_iterable(values))):  # des octets bruts là où il faut du texte (rare)
            for row in rows:
                for column, value in row.items():
                    if isinstance(value, bytes):
                        row[column] = _lenient(value)
        for column in [name for name in _DATE_FIELDS if name in columns]:
            for row in rows:
                # Une date qui n'existe pas (carnet d'une version plus ancienne, sans bornes) : ignorée,
                # pour que la liste s'affiche ; la sauvegarde JSON la garde telle quelle.
                if isinstance(row[column], str) and limits.date_problem(row[column]):
                    row[column] = None
                    _damage["seen"] = True
        return rows


def check_fields(values: Mapping[str, object]) -> None:
    """Refuse un texte trop long ou qui contient un caractère de contrôle, et une date hors bornes.

    Appelée avant chaque écriture de suivi : ce que la personne tape suit les mêmes règles
    qu'une sauvegarde importée (`core/limits.py`).
    """
    for column, value in values.items():
        if not isinstance(value, str):
            continue
        if column in _DATE_FIELDS:
            problem = limits.date_problem(value)
        elif column in _FIELD_NAMES:  # textes libres
            problem = limits.text_problem(value)
        else:
            continue
        if problem:
            label = _FIELD_NAMES.get(column, column)
            raise UsageError(f"Refusé, rien n'a été enregistré : {label} — {problem}.")


def answer_starts(store: Store) -> list[AnswerStartRow]:
    """Les dates de réponse par étape, pour `core.followup.step_start_days`."""
    with _reading(store.connection) as db:
        rows = db.execute("SELECT step_id, answered_at, archived FROM answers").fetchall()
    return [{"step_id": s, "answered_at": a, "archived": r} for s, a, r in rows]


def readable_answers(store: Store) -> dict[str, Any]:
    """Les réponses actives, comme `Store.answers()`, sans celles dont la cellule est abîmée."""
    answers: dict[str, Any] = {}
    with _reading(store.connection) as db:
        for question_id, value in db.execute("SELECT question_id, value FROM answers WHERE archived = 0").fetchall():
            try:
                answers[question_id] = json.loads(value)
            except ValueError:
                _damage["seen"] = True
    return answers


def _checked_id(row_id: int) -> int:
    """Le numéro d'une ligne ajoutée ; au-delà de `limits.MAX_ID`, l'ajout est annulé (la sauvegarde le refuserait)."""
    if row_id > limits.MAX_ID:
        raise StoreError(
            f"Plus de numéro libre dans ce carnet (au-delà de {limits.MAX_ID}) : rien n'a été ajouté. "
            "Exporte ta sauvegarde et signale ce cas."
        )
    return row_id


# --- actions ---------------------------------------------------------------------------------------


def action_rows(store: Store, *, alerts_on: dt.date | None = None) -> list[ActionRow]:
    """Les lignes d'actions (toutes, ou seulement ce qu'il faut pour les alertes de `status`).

    Avec `alerts_on` (le jour) : toutes les lignes d'actions du guide (elles décident de ce que
    le guide propose), et parmi les actions personnelles encore à faire, les retards et, pour
    les « prochaines actions », les plus proches échéances et les premières sans date.
    """
    if alerts_on is None:
        return cast("list[ActionRow]", _rows(store.connection, "actions", _ACTION_COLUMNS))
    pending = "guide_action_id IS NULL AND done_at IS NULL AND removed = 0"
    where = (
        f"guide_action_id IS NOT NULL OR ({pending} AND due_date < :day) "
        f"OR id IN (SELECT id FROM actions WHERE {pending} AND due_date >= :day ORDER BY due_date, id LIMIT :next) "
        f"OR id IN (SELECT id FROM actions WHERE {pending} AND due_date IS NULL ORDER BY id LIMIT :next)"
    )
    params = {"day": alerts_on.isoformat(), "next": NEXT_ACTIONS_LIMIT}
    return cast("list[ActionRow]", _rows(store.connection, "actions", _ACTION_COLUMNS, where, params))


def add_action(store: Store, text: str, step_id: str | None, due: dt.date | None) -> int:
    """Ajoute une action personnelle ; renvoie son numéro de ligne."""
    check_fields({"text": text, "due_date": due.isoformat() if due else None})
    stamp = now()
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO actions (guide_action_id, step_id, text, due_date, created_at, updated_at) "
            "VALUES (NULL, ?, ?, ?, ?, ?)",
            (step_id, text, due.isoformat() if due else None, stamp, stamp),
        )
        return _checked_id(int(cursor.lastrowid or 0))


def save_guide_action(store: Store, guide_action_id: str, values: GuideActionValues) -> None:
    """Crée ou met à jour la ligne d'une action du guide.

    `values` contient toutes les colonnes (step_id, text, due_date, done_at, removed, due_by_hand) :
    l'appelant part de l'action telle qu'elle est affichée et n'en change que ce qui est demandé.
    `due_by_hand` vaut 1 seulement si la personne a fixé l'échéance elle-même : sinon la date
    écrite n'est qu'un relevé, et l'échéance continue de suivre ses dates (rétroplanning).
    """
    check_fields(values)
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
                int(values["due_by_hand"]),
                stamp,
                stamp,
            ),
        )


def update_action(store: Store, row_id: int, changes: ActionChanges) -> None:
    """Change des colonnes d'une ligne existante ; seules celles d'`ACTION_CHANGES` s'écrivent."""
    _update(store, "actions", ACTION_CHANGES, row_id, changes)


def delete_action(store: Store, row_id: int) -> None:
    with store.transaction() as db:
        db.execute("DELETE FROM actions WHERE id = ? AND guide_action_id IS NULL", (row_id,))


# --- expériences --------------------------------------------------------------------------------


def experience_rows(store: Store) -> list[ExperienceRow]:
    return cast("list[ExperienceRow]", _rows(store.connection, "experiences", _EXPERIENCE_COLUMNS))


def add_experience(
    store: Store, kind: str, organisation: str, start: dt.date | None, end: dt.date | None, learnt: str
) -> int:
    dates = {"start_date": start.isoformat() if start else None, "end_date": end.isoformat() if end else None}
    check_fields({"kind": kind, "organisation": organisation, "learnt": learnt, **dates})
    with store.transaction() as db:
        cursor = db.execute(
            "INSERT INTO experiences (kind, organisation, start_date, end_date, learnt, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (kind, organisation, dates["start_date"], dates["end_date"], learnt, now()),
        )
        return _checked_id(int(cursor.lastrowid or 0))


def delete_experience(store: Store, row_id: int) -> bool:
    with store.transaction() as db:
        return db.execute("DELETE FROM experiences WHERE id = ?", (row_id,)).rowcount > 0


# --- contacts ----------------------------------------------------------------------------------------


def contact_rows(store: Store, *, follow_up_by: dt.date | None = None) -> list[ContactRow]:
    """Les contacts ; avec `follow_up_by`, seulement ceux dont la relance tombe ce jour-là ou avant."""
    if follow_up_by is not None:
        where, params = "follow_up IS NOT NULL AND follow_up <= ?", (follow_up_by.isoformat(),)
        return cast("list[ContactRow]", _rows(store.connection, "contacts", _CONTACT_COLUMNS, where, params))
    return cast("list[ContactRow]", _rows(store.connection, "contacts", _CONTACT_COLUMNS))


def add_contact(store: Store, values: NewContact) -> int:
    """Ajoute un contact, tous ses champs donnés (vides : "", relance : None)."""
    stamp = now()
    record = {field: values[field] for field in CONTACT_FIELDS}
    check_fields(record)
    with store.transaction() as db:
        cursor = db.execute(
            f"INSERT INTO contacts ({', '.join(CONTACT_FIELDS)}, created_at, updated_at) "
            f"VALUES ({', '.join('?' for _ in CONTACT_FIELDS)}, ?, ?)",
            (*record.values(), stamp, stamp),
        )
        return _checked_id(int(cursor.lastrowid or 0))


def update_contact(store: Store, row_id: int, changes: ContactChanges) -> bool:
    """Change des champs d'un contact ; seuls ceux de `CONTACT_FIELDS` s'écrivent. Faux si le contact n'existe pas."""
    return _update(store, "contacts", CONTACT_FIELDS, row_id, changes)


def _update(store: Store, table: str, columns: tuple[str, ...], row_id: int, changes: Mapping[str, object]) -> bool:
    """`UPDATE` des colonnes de `changes` ; le texte de la requête ne contient que des noms de `columns`,
    jamais une clé venue d'ailleurs (les types `*Changes` disent lesquelles une commande peut donner).
    """
    given = [column for column in columns if column in changes]
    if not given:
        return True
    check_fields(changes)
    assignments = ", ".join(f"{column} = ?" for column in given)
    with store.transaction() as db:
        cursor = db.execute(
            f"UPDATE {table} SET {assignments}, updated_at = ? WHERE id = ?",
            (*(changes[column] for column in given), now(), row_id),
        )
        return cursor.rowcount > 0


def delete_contact(store: Store, row_id: int) -> bool:
    with store.transaction() as db:
        return db.execute("DELETE FROM contacts WHERE id = ?", (row_id,)).rowcount > 0
