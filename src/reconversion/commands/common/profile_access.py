"""Le guide et le carnet d'un profil, ouverts de la même façon par toutes les commandes.

Les modules lourds (chargeur de guide, SQLite) ne sont importés qu'à l'appel : ce module est
chargé au démarrage de chaque commande.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from reconversion.adapters.storage.profile_lock import ProfileLock
    from reconversion.adapters.storage.store import Store
    from reconversion.core.model import Guide

Row = TypeVar("Row")


def load_guide(path: Path | None) -> Guide:
    """Le guide livré (depuis son cache) ou celui de `--guide`, validé ; sinon `GuideError`."""
    from reconversion.adapters.content import guide_files

    return guide_files.load(path)


def open_store(profile: str, *, create: bool) -> Store | None:
    """Le carnet du profil ; None s'il n'existe pas encore et que `create` est faux (commande de lecture)."""
    from reconversion.adapters.storage.locations import data_home
    from reconversion.adapters.storage.store import Store

    return Store.open(data_home(), profile, create=create)


def read_rows(profile: str, reader: Callable[[Store], list[Row]]) -> list[Row]:
    """Les lignes lues par `reader` dans le carnet du profil ; aucune s'il n'existe pas encore."""
    store = open_store(profile, create=False)
    if store is None:
        return []
    try:
        return reader(store)
    finally:
        store.close()


def lock(profile: str) -> ProfileLock:
    """Le verrou du profil, à prendre avec `with` : une seule commande qui écrit à la fois."""
    from reconversion.adapters.storage.locations import data_home, profile_path
    from reconversion.adapters.storage.profile_lock import ProfileLock

    return ProfileLock(profile_path(data_home(), profile).with_suffix(".lock"), profile)
