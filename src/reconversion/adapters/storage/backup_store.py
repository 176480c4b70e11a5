"""Lire tout un carnet en données simples, et y restaurer une sauvegarde d'un seul coup.

Les colonnes viennent de `core.backup.TABLES` : une table ajoutée au schéma sans être
ajoutée là serait oubliée des sauvegardes, et un test le vérifie. La restauration se fait
dans UNE transaction : soit tout le carnet est remplacé, soit rien ne change.

La lecture aussi tient en UNE transaction de lecture : une sauvegarde prise pendant un
import ne mélange jamais deux états du carnet. Une cellule abîmée (texte qui n'est pas de
l'UTF-8, réponse qui n'est pas du JSON) n'empêche pas la sauvegarde : sa ligne est mise de
côté, et décrite dans `unreadable` (table, clé de la ligne, colonne, ce qui a pu en être lu).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, cast

from reconversion.adapters.storage.store import Store, deleted_error, was_deleted
from reconversion.core.backup import (
    ANSWER,
    BOOLEAN,
    INTEGER,
    MAX_BYTES,
    PROFILE_TABLE,
    TABLES,
    TEXT,
    BackupTooBig,
    Column,
    dumps,
    has_data,
)
from reconversion.core.limits import MAX_ANSWER, MIB
from reconversion.errors import ReconversionError, StoreError

if TYPE_CHECKING:
    from reconversion.core.schemas import ProfileData

_PROFILE_COLUMNS = (Column("key", TEXT), Column("value", TEXT))
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def read_profile(store: Store) -> ProfileData:
    """Tout le carnet, lu dans une seule transaction : `profile_info`, puis par table ses lignes
    triées (valeurs JSON), et `unreadable` : les cellules qui n'ont pas pu être lues."""
    db = store.connection
    unreadable: list[dict[str, Any]] = []
    try:
        began = not db.in_transaction  # déjà dans une transaction : elle suffit à la cohérence
        if began:
            db.execute("BEGIN")  # différée : la première lecture pose le verrou partagé, gardé jusqu'au COMMIT
        try:
            pairs = _table(db, PROFILE_TABLE, _PROFILE_COLUMNS, unreadable)
            data: dict[str, Any] = {"profile_info": {row["key"]: row["value"] for row in pairs}}
            for table, columns in TABLES.items():
                data[table] = _table(db, table, columns, unreadable)
        finally:
            if began:
                db.execute("COMMIT")
    except sqlite3.Error as exc:
        if was_deleted(store.path, store.identity):
            raise deleted_error(store.profile) from None
        raise StoreError(f"Lecture du profil « {store.profile} » impossible : {exc}.") from None
    data["unreadable"] = unreadable
    return cast("ProfileData", data)  # lue table par table depuis `TABLES`


def export_text(render: Callable[[], str]) -> str:
    """Le texte d'`export -f json` (rendu par `render`), qu'`import` saura relire ; sinon une erreur,
    et rien n'est écrit. Au-delà de 90 % de la limite, la sortie d'erreur prévient : la prochaine
    sauvegarde pourrait ne plus tenir.
    """
    try:
        text = render()
    except BackupTooBig as exc:
        raise ReconversionError(
            f"Sauvegarde non écrite : elle ferait {exc.problem}, et « import » ne saurait pas la relire. "
            "Ton carnet n'a pas changé, et ton plan s'exporte toujours (export -f markdown ou html). "
            "Pour qu'une sauvegarde tienne, allège le carnet : contacts remove, experiences remove, "
            "ou des textes plus courts (actions edit --text)."
        ) from None
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES * 9 // 10:
        import sys

        shown = f"{size / MIB:.1f}".replace(".", ",")
        print(
            f"Attention : cette sauvegarde fait {shown} Mio, près de la limite de {MAX_BYTES // MIB} Mio "
            "au-delà de laquelle je ne pourrai plus en écrire.",
            file=sys.stderr,
        )
    return text


def safety_copy_text(backup: Mapping[str, Any], profile: str) -> str:
    """Le texte de la copie de sécurité d'`import --force`, toujours restaurable ; sinon l'import est
    refusé (levé dans sa transaction : rien n'est remplacé)."""
    try:
        return dumps(backup)
    except BackupTooBig as exc:
        raise StoreError(
            f"Import refusé, rien n'a été modifié : le profil « {profile} » est trop gros pour que je garde "
            f"une copie de sécurité que je saurais restaurer ({exc.problem}). Restaure plutôt la sauvegarde "
            "dans un autre profil (--profile NOM), ou allège d'abord ce carnet (contacts remove, "
            "experiences remove)."
        ) from None


def _table(
    db: sqlite3.Connection, table: str, columns: tuple[Column, ...], unreadable: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Les lignes d'une table. D'abord la lecture rapide (textes décodés par sqlite3) ; si une cellule
    ne se décode pas, la table est relue octet par octet (`_decoded`) pour sauver tout le reste."""
    names = [c.name for c in columns]
    query = f"SELECT {', '.join(names)} FROM {table} ORDER BY {names[0]}"
    texts = [c.name for c in columns if c.kind in (TEXT, ANSWER)]
    blobs = " OR ".join(f"typeof({name}) = 'blob'" for name in texts)  # des octets bruts, là où il faut du texte
    try:
        if not db.execute(f"SELECT EXISTS (SELECT 1 FROM {table} WHERE {blobs})").fetchone()[0]:
            return _rows(columns, names, db.execute(query).fetchall())
    except (sqlite3.OperationalError, ValueError, TypeError):  # « Could not decode to UTF-8 », JSON abîmé
        pass
    factory = db.text_factory
    db.text_factory = bytes
    try:
        return _decoded(table, columns, db.execute(query).fetchall(), unreadable)
    finally:
        db.text_factory = factory


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


def profile_has_data(store: Store) -> bool:
    """Vrai si le carnet contient au moins une réponse, étape, note, action, expérience ou contact."""
    return has_data(read_profile(store))


def restore(
    store: Store,
    backup: Mapping[str, Any],
    *,
    replace: bool,
    keep: Callable[[ProfileData], object] | None = None,
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


def _decoded(
    table: str, columns: tuple[Column, ...], rows: Any, unreadable: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Les lignes en dictionnaires de valeurs JSON ; une ligne dont une cellule ne se lit pas
    est mise de côté et décrite dans `unreadable` (rien d'autre n'est perdu)."""
    names = [c.name for c in columns]
    result = []
    for values in rows:
        row: dict[str, Any] = {}
        broken: list[tuple[str, str, Any]] = []
        for column, raw in zip(columns, values, strict=True):
            try:
                row[column.name] = _cell(column.kind, raw)
            except (UnicodeDecodeError, ValueError, TypeError) as exc:
                broken.append((column.name, _reason(exc), raw))
        if not broken:
            result.append(row)
            continue
        key = row.get(names[0], _salvage(values[0]))
        for name, reason, raw in broken:
            unreadable.append(
                {"table": table, "key": key, "column": name, "problem": reason, "recovered": _salvage(raw)}
            )
    return result


def _cell(kind: str, raw: Any) -> Any:
    """Une cellule lue en octets (texte) ou en nombre, rendue en valeur JSON ; lève une erreur si elle est abîmée."""
    if raw is None:
        return None
    if kind == INTEGER:
        if not isinstance(raw, int):
            raise TypeError("nombre entier attendu")
        return raw
    if kind == BOOLEAN:
        if not isinstance(raw, int):
            raise TypeError("booléen attendu")
        return bool(raw)
    if not isinstance(raw, bytes):
        raise TypeError("texte attendu")
    text = raw.decode("utf-8")
    return json.loads(text) if kind == ANSWER else text


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "texte illisible (ce n'est pas de l'UTF-8 valide)"
    if isinstance(exc, ValueError):
        return "réponse illisible (ce n'est pas du JSON valide)"
    return str(exc)


def _salvage(raw: Any) -> Any:
    """Ce qui se lit d'une cellule abîmée (octets illisibles et contrôles remplacés par U+FFFD)."""
    if isinstance(raw, bytes):
        text = raw.decode("utf-8", "replace")
        return _CONTROL.sub("\ufffd", text)[:MAX_ANSWER]
    if isinstance(raw, (int, float)) or raw is None:
        return raw
    return None


def _to_sql(kind: str, value: Any) -> Any:
    if kind == ANSWER:
        return json.dumps(value, ensure_ascii=False)
    if kind == BOOLEAN:
        return int(value)
    return value
