"""Un cache des fichiers de contenu déjà validés (guide, catalogue des métiers, test d'intérêts).

Lire et valider `guide.yaml` coûte 35 à 45 ms à chaque commande (import de PyYAML, analyse,
validation) ; relire le résultat validé depuis un pickle coûte environ 1 ms. La clé change
dès que le fichier (taille, date de modification), la version de l'outil ou le code qui
définit le modèle change : un cache périmé n'est jamais relu.

Le cache vit dans le dossier de cache de l'utilisateur (0700 ; `~/.cache/reconversion` sous
Linux), dans `$RECONVERSION_HOME/cache` quand `RECONVERSION_HOME` est défini (tout l'outil tient
alors dans ce dossier), ou dans `$RECONVERSION_CACHE`. Il ne contient que du contenu publié, rien de personnel,
et n'est jamais mêlé aux données de la personne. Un cache illisible ou impossible à écrire est
simplement ignoré : on relit alors le YAML.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from reconversion import __version__

T = TypeVar("T")

_CODE = Path(__file__).resolve().parents[1] / "core"
# Les modules qui définissent ce qui est mis en cache : les modifier invalide le cache.
_CODE_FILES = (
    "model.py",
    "catalogue.py",
    "guide_loader.py",
    "catalogue_loader.py",
    "yaml_source.py",
    "sourcing.py",
)


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


def cached(kind: str, path: Path, build: Callable[[], T]) -> T:
    """Le contenu validé de `path` : depuis le cache s'il est à jour, sinon `build()` (puis mis en cache).

    `build` lève ses propres erreurs (fichier absent, YAML invalide) : rien n'est alors mis en cache.
    """
    try:
        stat = path.stat()
    except OSError:
        return build()
    key = _key(kind, path, stat.st_size, stat.st_mtime_ns)
    target = cache_dir() / f"{kind}-{zlib.crc32(key.encode('utf-8')):08x}.pickle"
    try:
        with target.open("rb") as handle:
            stored_key, value = pickle.load(handle)
        if stored_key == key:  # la clé complète est rangée avec la valeur : pas de collision possible
            return value
    except Exception:  # absent, abîmé ou d'une autre version : on relit le YAML
        pass
    value = build()
    _store(target, (key, value))
    return value


def _key(kind: str, path: Path, size: int, mtime_ns: int) -> str:
    parts = [kind, __version__, str(path.resolve()), str(size), str(mtime_ns)]
    for name in _CODE_FILES:
        with contextlib.suppress(OSError):
            parts.append(f"{name}:{(_CODE / name).stat().st_mtime_ns}")
    return "\0".join(parts)


def _store(target: Path, value: object) -> None:
    """Écriture atomique (fichier temporaire puis renommage) ; toute erreur est ignorée."""
    import tempfile

    try:
        folder = target.parent
        if not folder.exists():
            from reconversion.adapters.locations import ensure_private_dir

            ensure_private_dir(folder.parent)  # le dossier de données, s'il faut le créer : 0700 aussi
            folder.mkdir(mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
    except Exception:
        return
