"""Écriture atomique : un fichier est soit l'ancien, soit le nouveau, jamais à moitié écrit.

Le fichier temporaire reste verrouillé (flock) tant que son écriture est en cours : un
temporaire orphelin, laissé par un arrêt brutal, se reconnaît à ce qu'on peut le verrouiller,
et `remove_stale_temporaries` l'efface au passage suivant.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import time
from pathlib import Path

from reconversion.errors import ReconversionError, UsageError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TEMP_SUFFIX = ".tmp"
# Un temporaire plus jeune que ceci peut appartenir à une écriture qui démarre : on n'y touche pas.
_STALE_AFTER_S = 60.0


def check_output_target(path: Path, *, overwrite: bool) -> None:
    """Refuse d'écrire par-dessus ce qui n'est pas un fichier ordinaire, et sans --force un fichier existant.

    Un lien symbolique (même cassé), un tube, un périphérique ou un dossier ne sont jamais
    remplacés : le renommage final les détruirait (jusqu'à /dev/null, pour root).
    """
    if not str(path) or str(path) == ".":
        raise UsageError("Nom de fichier vide : donne un nom avec -o, ou -o - pour afficher le résultat.")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ReconversionError(f"Impossible de vérifier {path} ({exc.strerror}).") from None
    if stat.S_ISLNK(info.st_mode):
        raise ReconversionError(
            f"{path} est un lien symbolique : je ne le remplace pas et je n'écris pas à travers. "
            "Donne le chemin du fichier lui-même, ou un autre nom avec -o."
        )
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{path} est un dossier : donne un nom de fichier avec -o.")
    if not stat.S_ISREG(info.st_mode):
        raise ReconversionError(
            f"{path} n'est pas un fichier ordinaire (tube, périphérique…) : je n'écris pas dessus. "
            "Pour afficher le résultat, utilise -o -."
        )
    if not overwrite:
        raise ReconversionError(
            f"Le fichier {path} existe déjà : je ne l'écrase pas. Ajoute --force pour le remplacer, "
            "ou choisis un autre nom avec -o."
        )


def write_atomic(path: Path, data: str, *, overwrite: bool = False, mode: int = 0o600) -> None:
    """Écrit dans un fichier temporaire voisin puis le renomme : aucune lecture ne voit un demi-fichier.

    Sans `overwrite`, un fichier existant est laissé intact et l'appel échoue.
    """
    check_output_target(path, overwrite=overwrite)
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ReconversionError(f"Le dossier {directory} n'existe pas : crée-le ou choisis un autre chemin.")
    remove_stale_temporaries(directory, prefix=f".{path.name}.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=directory)
    except OSError as exc:
        raise ReconversionError(f"Impossible d'écrire dans {directory} ({exc.strerror}).") from None
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)  # « écriture en cours » pour remove_stale_temporaries
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(tmp_name, mode)
            check_output_target(path, overwrite=overwrite)  # apparu pendant l'écriture ?
            os.replace(tmp_name, path)
    except OSError as exc:
        raise ReconversionError(f"Impossible d'écrire {path} ({exc.strerror}).") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)


def hold_while_writing(fd: int) -> None:
    """Verrouille un temporaire ouvert : tant que son descripteur vit, il n'est pas « orphelin »."""
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def remove_stale_temporaries(directory: Path, prefix: str = ".") -> list[Path]:
    """Efface les temporaires orphelins (`<prefix>….tmp`) : plus verrouillés et vieux d'une minute.

    Ils ne sont jamais au nom final : ce ne sont que des copies à moitié écrites, parfois
    volumineuses et pleines de données personnelles, laissées par un arrêt brutal.
    """
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(directory) if n.startswith(prefix) and n.endswith(TEMP_SUFFIX)]
    except OSError:
        return removed
    limit = time.time() - _STALE_AFTER_S
    for name in names:
        path = directory / name
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_mtime > limit:
                continue
            if fcntl is not None:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # une écriture est en cours
            for leftover in (path, Path(f"{path}-journal")):  # SQLite écrit aussi un journal à côté
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(leftover)
                    removed.append(leftover)
        finally:
            os.close(fd)
    return removed
