"""Lire tout un carnet en données simples, et y restaurer une sauvegarde d'un seul coup.

Les colonnes viennent de `core.backup.TABLES` : une table ajoutée au schéma sans être
ajoutée là serait oubliée des sauvegardes, et un test le vérifie. La restauration se fait
dans UNE transaction : soit tout le carnet est remplacé, soit rien ne change.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Mapping
from typing import Any

from reconversion.adapters.store import Store
from reconversion.core.backup import ANSWER, BOOLEAN, PROFILE_TABLE, TABLES, Column, has_data
from reconversion.errors import StoreError


def read_profile(store: Store) -> dict[str, Any]:
    """Tout le carnet : `profile_info` puis, par table, ses lignes triées (valeurs JSON)."""
    db = store.connection
    try:
        data: dict[str, Any] = {
            "profile_info": dict(db.execute(f"SELECT key, value FROM {PROFILE_TABLE} ORDER BY key").fetchall())
        }
        for table, columns in TABLES.items():
            names = [c.name for c in columns]
            rows = db.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {names[0]}").fetchall()
            data[table] = _rows(columns, names, rows)
    except sqlite3.Error as exc:
        raise StoreError(f"Lecture du profil « {store.profile} » impossible : {exc}.") from None
    return data


def profile_has_data(store: Store) -> bool:
    """Vrai si le carnet contient au moins une réponse, étape, note, action, expérience ou contact."""
    return has_data(read_profile(store))


def restore(
    store: Store,
    backup: Mapping[str, Any],
    *,
    replace: bool,
    keep: Callable[[dict[str, Any]], object] | None = None,
) -> None:
    """Remplace tout le carnet par la sauvegarde (déjà validée), horodatages compris.

    Tout se passe dans UNE transaction d'écriture : la lecture de ce qui est remplacé, la copie
    de sécurité (`keep`, appelée avec ces données) et le remplacement. Une autre commande qui
    écrit pendant ce temps attend la fin : rien de ce qu'elle a confirmé ne peut être perdu.
    Sans `replace`, un carnet qui contient déjà des données est refusé.
    """
    try:
        with store.transaction() as db:
            current = read_profile(store)
            if has_data(current):
                if not replace:
                    raise StoreError(
                        f"Le profil « {store.profile} » contient déjà des données : je ne les remplace pas. "
                        "Ajoute --force pour les remplacer par la sauvegarde (une copie de sécurité sera gardée), "
                        "ou choisis un autre profil avec --profile."
                    )
                if keep is not None:
                    keep(current)
            db.execute(f"DELETE FROM {PROFILE_TABLE}")
            db.executemany(
                f"INSERT INTO {PROFILE_TABLE} (key, value) VALUES (?, ?)", list(backup["profile_info"].items())
            )
            for table, columns in TABLES.items():
                db.execute(f"DELETE FROM {table}")
                names = ", ".join(c.name for c in columns)
                marks = ", ".join("?" for _ in columns)
                db.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({marks})",
                    [tuple(_to_sql(c.kind, row.get(c.name, c.default)) for c in columns) for row in backup[table]],
                )
    except sqlite3.Error as exc:
        raise StoreError(f"Restauration impossible, rien n'a été modifié : {exc}.") from None


def _rows(columns: tuple[Column, ...], names: list[str], rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Les lignes en dictionnaires ; seules les colonnes JSON et booléennes sont converties
    (un gros carnet compte des milliers de cellules : on ne touche pas aux autres)."""
    answers = [c.name for c in columns if c.kind == ANSWER]
    booleans = [c.name for c in columns if c.kind == BOOLEAN]
    result = [dict(zip(names, values, strict=True)) for values in rows]
    for row in result:
        for name in answers:
            row[name] = json.loads(row[name])
        for name in booleans:
            row[name] = bool(row[name])
    return result


def _to_sql(kind: str, value: Any) -> Any:
    if kind == ANSWER:
        return json.dumps(value, ensure_ascii=False)
    if kind == BOOLEAN:
        return int(value)
    return value
