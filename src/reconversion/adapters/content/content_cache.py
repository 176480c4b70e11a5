"""Un cache des fichiers de contenu déjà validés (guide, catalogue des métiers, test d'intérêts).

Lire et valider `guide.yaml` coûte 35 à 45 ms à chaque commande (import de PyYAML, analyse,
validation) ; relire le résultat validé depuis le cache coûte 1 à 3 ms.

Sûreté : le cache ne contient que des données inertes. Il est écrit avec `marshal` à partir de
types simples (texte, nombres, tuples, listes, dictionnaires) et des NamedTuple du modèle,
marqués par leur nom ; à la relecture, tout autre type (objet de code, etc.) fait rejeter
l'entrée, et seuls les NamedTuple de `core.model` et `core.catalogue` peuvent être reconstruits.
Rien n'y est jamais exécuté. De plus, le dossier (0700) et le fichier (0600) doivent appartenir
à la personne, sinon le cache est ignoré : on relit alors le YAML.

La clé couvre ce dont dépend le résultat : le fichier de contenu (chemin, taille, date de
modification), la version de l'outil, et chaque module Python du paquet (taille et date).
Une entrée remplacée efface les anciennes du même genre.

Le cache vit dans le dossier de cache de l'utilisateur (`~/.cache/reconversion` sous Linux),
dans `$RECONVERSION_HOME/cache` quand `RECONVERSION_HOME` est défini, ou dans
`$RECONVERSION_CACHE`. Il ne contient que du contenu publié, rien de personnel.
"""

import contextlib
import marshal
import os
import stat
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from reconversion import __version__

T = TypeVar("T")

_PACKAGE = Path(__file__).resolve().parents[2]  # le paquet reconversion
_SUFFIX = ".cache"
_TAG = b"nt"  # marque d'un NamedTuple ; le contenu YAML ne produit jamais d'octets
_MAX_BYTES = 32 * 1024 * 1024
_MODEL_MODULES = ("reconversion.core.model", "reconversion.core.catalogue", "reconversion.core.funding_model")
_PLAIN = (str, int, float, bool, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)
_tuple_new = tuple.__new__


def cache_dir() -> Path:
    """`$RECONVERSION_CACHE` (tests) ; sinon `$RECONVERSION_HOME/cache` quand tout l'outil vit dans ce
    dossier ; sinon le dossier de cache de l'utilisateur."""
    configured = os.environ.get("RECONVERSION_CACHE")
    if configured:
        return Path(configured).expanduser()
    home = os.environ.get("RECONVERSION_HOME")
    if home:
        return Path(home).expanduser() / "cache"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("reconversion", appauthor=False))


def cached(kind: str, path: Path, build: Callable[[], T], *, also: Path | None = None) -> T:
    """Le contenu validé de `path` : depuis le cache s'il est à jour et sûr, sinon `build()` (puis mis en cache).

    `build` lève ses propres erreurs (fichier absent, YAML invalide) : rien n'est alors mis en cache.
    `also` : un autre fichier dont dépend la validation (le guide, pour le fichier des financements).
    """
    try:
        info = path.stat()
        other = also.stat() if also is not None else None
    except OSError:
        return build()
    key = _key(kind, path, info.st_size, info.st_mtime_ns)
    if also is not None and other is not None:
        key += f"\0{also.resolve()}\0{other.st_size}\0{other.st_mtime_ns}"
    folder = cache_dir()
    target = folder / f"{kind}-{zlib.crc32(key.encode('utf-8', 'surrogatepass')):08x}{_SUFFIX}"
    value = _read(folder, target, key)
    if value is not None:
        return value  # type: ignore[no-any-return]
    value = build()
    if _may_create(folder):
        _store(folder, target, kind, key, value)
    return value


def _may_create(folder: Path) -> bool:
    """Le cache se range dans `$RECONVERSION_HOME/cache` seulement si ce dossier de données existe
    déjà : une commande qui ne fait que lire (`status` sur un profil neuf) ne crée rien chez la personne."""
    home = os.environ.get("RECONVERSION_HOME")
    if home and not os.environ.get("RECONVERSION_CACHE") and folder == Path(home).expanduser() / "cache":
        return Path(home).expanduser().is_dir()
    return True


def _key(kind: str, path: Path, size: int, mtime_ns: int) -> str:
    parts = [kind, __version__, str(path.resolve()), str(size), str(mtime_ns)]
    parts.extend(_code_stamps())
    return "\0".join(parts)


_STAMPS: list[list[str]] = []  # une fois par processus : `export` lit quatre fichiers de contenu


def _code_stamps() -> list[str]:
    """Taille et date de chaque module du paquet : une modification du code invalide le cache.

    Parcouru une fois par processus (le code chargé ne change plus), pas une fois par fichier lu.
    """
    if not _STAMPS:
        _STAMPS.append(_scan_code())
    return _STAMPS[0]


def _scan_code() -> list[str]:
    stamps: list[str] = []
    folders = [_PACKAGE]
    while folders:
        folder = folders.pop()
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False) and entry.name not in ("__pycache__", "guide_data"):
                    folders.append(Path(entry.path))
                elif entry.name.endswith(".py"):
                    info = entry.stat()
                    stamps.append(f"{entry.path}:{info.st_size}:{info.st_mtime_ns}")
    return stamps


def _owned_private(info: os.stat_result, mode_mask: int) -> bool:
    if os.name == "nt":  # pragma: no cover - Windows : pas de bits de droits POSIX ni d'uid
        return True
    getuid = getattr(os, "getuid", None)
    return (getuid is None or info.st_uid == getuid()) and not info.st_mode & mode_mask


def _read(folder: Path, target: Path, key: str) -> Any:
    """La valeur rangée sous `key`, ou None (absente, périmée, abîmée, pas à nous, pas sûre)."""
    try:
        folder_info = os.stat(folder)
        if not stat.S_ISDIR(folder_info.st_mode) or not _owned_private(folder_info, 0o077):
            return None
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _owned_private(info, 0o077) or info.st_size > _MAX_BYTES:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            stored_key, payload = marshal.loads(handle.read(_MAX_BYTES + 1))
        if stored_key != key:  # la clé complète est rangée avec la valeur : pas de collision possible
            return None
        return _decode(payload, _model_types())
    except Exception:  # abîmé, d'une autre version, ou contenant un type interdit : on relit le YAML
        return None
    finally:
        os.close(fd)


def _store(folder: Path, target: Path, kind: str, key: str, value: object) -> None:
    """Écriture atomique (fichier temporaire puis renommage) en 0600 ; toute erreur est ignorée."""
    import tempfile

    try:
        payload = marshal.dumps((key, _encode(value)))
        if not folder.exists():
            from reconversion.adapters.storage.locations import ensure_private_dir

            ensure_private_dir(folder)
        folder_info = os.stat(folder)
        if not _owned_private(folder_info, 0o077):
            return  # un dossier qui n'est pas à nous seuls : on n'y dépose rien
        from reconversion.adapters.storage.files import remove_stale_temporaries

        remove_stale_temporaries(folder, prefix=".tmp-")  # laissés par une écriture interrompue
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        _remove_old(folder, kind, keep=target.name)
    except Exception:
        return


def _remove_old(folder: Path, kind: str, keep: str) -> None:
    """Efface les entrées périmées du même genre, et les anciens caches au format pickle."""
    for entry in os.scandir(folder):
        stale = entry.name.startswith(f"{kind}-") and entry.name.endswith(_SUFFIX) and entry.name != keep
        if stale or entry.name.endswith(".pickle"):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _model_types() -> dict[str, type]:
    """Les seules classes que la relecture peut reconstruire : les NamedTuple du modèle (remplies à la demande)."""
    return _ModelTypes()


class _ModelTypes(dict):  # type: ignore[type-arg]
    """`nom complet -> classe`, seulement pour les NamedTuple définis dans `_MODEL_MODULES`."""

    def __missing__(self, name: str) -> type:
        module_name, _, class_name = name.rpartition(".")
        if module_name not in _MODEL_MODULES:
            raise KeyError(name)
        import importlib

        module = importlib.import_module(module_name)
        cls = getattr(module, class_name, None)
        if not (isinstance(cls, type) and issubclass(cls, tuple) and hasattr(cls, "_fields")):
            raise KeyError(name)
        if cls.__module__ != module_name:
            raise KeyError(name)
        self[name] = cls
        return cls


def _encode(value: Any) -> Any:
    if isinstance(value, _PLAIN):
        return value
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        kind = type(value)
        return (_TAG, f"{kind.__module__}.{kind.__qualname__}", tuple(_encode(v) for v in value))
    if isinstance(value, tuple):
        return tuple(_encode(v) for v in value)
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {_encode(k): _encode(v) for k, v in value.items()}
    if isinstance(value, frozenset):
        return frozenset(_encode(v) for v in value)
    raise TypeError(f"type non mis en cache : {type(value).__name__}")


def _decode(value: Any, types: dict[str, type]) -> Any:
    """La valeur reconstruite ; tout type hors de la liste blanche fait rejeter l'entrée (TypeError, KeyError).

    Les feuilles simples (texte, nombres, None), de loin les plus nombreuses, ne coûtent pas d'appel ;
    un conteneur dont tous les éléments sont simples (une source, une condition, un tuple vide…) est
    vérifié d'un seul `issuperset` (parcours en C) et gardé tel que `marshal` l'a lu : la relecture
    du guide coûte un tiers de moins.
    """
    kind = type(value)
    if kind in _PLAIN_TYPES:
        return value
    plain = _PLAIN_TYPES
    if kind is tuple:
        if len(value) == 3 and type(value[0]) is bytes and value[0] == _TAG:
            cls = types[value[1]]  # KeyError : une classe inconnue fait rejeter l'entrée
            fields = value[2]
            if not plain.issuperset(map(type, fields)):
                fields = [v if type(v) in plain else _decode(v, types) for v in fields]
            if len(fields) != len(cls._fields):  # type: ignore[attr-defined]
                raise TypeError(f"{value[1]} : {len(fields)} champs")
            # tuple.__new__ plutôt que cls(*fields) : pas d'appel au __new__ Python de la NamedTuple
            # (−15 % sur la relecture du guide), et tous les champs sont là (vérifié ci-dessus).
            return _tuple_new(cls, fields)
        if plain.issuperset(map(type, value)):
            return value
        return tuple([v if type(v) in plain else _decode(v, types) for v in value])
    if kind is list:
        if plain.issuperset(map(type, value)):
            return value
        return [v if type(v) in plain else _decode(v, types) for v in value]
    if kind is dict:
        if plain.issuperset(map(type, value)) and plain.issuperset(map(type, value.values())):
            return value
        return {
            (k if type(k) in plain else _decode(k, types)): (v if type(v) in plain else _decode(v, types))
            for k, v in value.items()
        }
    if kind is frozenset:
        if plain.issuperset(map(type, value)):
            return value
        return frozenset([v if type(v) in plain else _decode(v, types) for v in value])
    raise TypeError(f"type refusé dans le cache : {kind.__name__}")
