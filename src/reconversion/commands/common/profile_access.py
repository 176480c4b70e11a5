"""Le guide et le carnet d'un profil, ouverts de la même façon par toutes les commandes.

Les modules lourds (chargeur de guide, SQLite) ne sont importés qu'à l'appel : ce module est
chargé au démarrage de chaque commande.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeVar, overload

if TYPE_CHECKING:
    from reconversion.adapters.storage.profile_lock import ProfileLock
    from reconversion.adapters.storage.store import Store
    from reconversion.core.model import Guide
    from reconversion.errors import ReconversionError

Row = TypeVar("Row")


def load_guide(path: Path | None) -> Guide:
    """Le guide livré (depuis son cache) ou celui de `--guide`, validé ; sinon `GuideError`."""
    from reconversion.adapters.content import guide_files

    return guide_files.load(path)


@overload
def opened(profile: str, *, create: Literal[True]) -> AbstractContextManager[Store]: ...
@overload
def opened(profile: str, *, missing: ReconversionError) -> AbstractContextManager[Store]: ...
@overload
def opened(
    profile: str, *, create: bool = ..., missing: ReconversionError | None = ..., mention_others: bool = ...
) -> AbstractContextManager[Store | None]: ...
def opened(
    profile: str, *, create: bool = False, missing: ReconversionError | None = None, mention_others: bool = True
) -> AbstractContextManager[Store | None]:
    """Le carnet du profil, fermé à la sortie du `with` quoi qu'il arrive.

    S'il n'existe pas encore (et que `create` est faux) : l'erreur `missing` si elle est donnée (la
    commande n'a rien sur quoi travailler), sinon None (une commande de lecture montre un carnet vide).
    """
    return _opened(profile, create=create, missing=missing, mention_others=mention_others)


@contextmanager
def _opened(
    profile: str, *, create: bool, missing: ReconversionError | None, mention_others: bool
) -> Iterator[Store | None]:
    store = open_store(profile, create=create, mention_others=mention_others)
    if store is None and missing is not None:
        raise missing
    try:
        yield store
    finally:
        if store is not None:
            store.close()


@overload
def open_store(profile: str, *, create: Literal[True], mention_others: bool = ...) -> Store: ...
@overload
def open_store(profile: str, *, create: bool, mention_others: bool = ...) -> Store | None: ...
def open_store(profile: str, *, create: bool, mention_others: bool = True) -> Store | None:
    """Le carnet du profil ; None s'il n'existe pas encore et que `create` est faux (commande de lecture).

    Dans ce cas, si d'autres profils existent, la commande le dit (sur la sortie d'erreur) : la
    personne a sans doute oublié `--profile`, son travail n'est pas perdu.
    """
    from reconversion.adapters.storage.locations import data_home
    from reconversion.adapters.storage.store import Store

    store = Store.open(data_home(), profile, create=create)
    if store is None and mention_others:
        note = other_profiles(profile)
        if note:
            import sys

            print(note, file=sys.stderr)
    return store


def other_profiles(profile: str) -> str | None:
    """« Tu as un profil « kevin » : ajoute --profile kevin. » quand `profile` n'est pas le seul possible."""
    import re

    from reconversion.adapters.storage.locations import data_home

    home = data_home()
    valid = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}\.sqlite3$")
    try:
        names = sorted(path.stem for path in home.iterdir() if valid.match(path.name) and path.stem != profile)
    except OSError:
        return None
    if not names:
        return None
    if len(names) == 1:
        return f"Tu as un profil « {names[0]} » : ajoute --profile {names[0]}."
    listed = ", ".join(f"« {name} »" for name in names[:5]) + (" …" if len(names) > 5 else "")
    return f"Tu as d'autres profils ({listed}) : ajoute --profile NOM (la liste : « profiles »)."


def read_rows(profile: str, reader: Callable[[Store], list[Row]]) -> list[Row]:
    """Les lignes lues par `reader` dans le carnet du profil ; aucune s'il n'existe pas encore."""
    with opened(profile) as store:
        return reader(store) if store is not None else []


def lock(profile: str) -> ProfileLock:
    """Le verrou du profil, à prendre avec `with` : une seule commande qui écrit à la fois."""
    from reconversion.adapters.storage.locations import data_home, profile_path
    from reconversion.adapters.storage.profile_lock import ProfileLock

    return ProfileLock(profile_path(data_home(), profile).with_suffix(".lock"), profile)
