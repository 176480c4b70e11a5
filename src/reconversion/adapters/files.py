"""Écriture atomique : un fichier est soit l'ancien, soit le nouveau, jamais à moitié écrit."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from reconversion.errors import ReconversionError


def write_atomic(path: Path, data: str, *, overwrite: bool = False, mode: int = 0o600) -> None:
    """Écrit dans un fichier temporaire voisin puis le renomme : aucune lecture ne voit un demi-fichier.

    Sans `overwrite`, un fichier existant est laissé intact et l'appel échoue.
    """
    if path.exists() and not overwrite:
        raise ReconversionError(
            f"Le fichier {path} existe déjà : je ne l'écrase pas. Ajoute --force pour le remplacer, "
            "ou choisis un autre nom avec -o."
        )
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ReconversionError(f"Le dossier {directory} n'existe pas : crée-le ou choisis un autre chemin.")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ReconversionError(f"Impossible d'écrire dans {directory} ({exc.strerror}).") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        if not overwrite and path.exists():
            raise ReconversionError(f"Le fichier {path} vient d'apparaître : je ne l'écrase pas.")
        os.replace(tmp_name, path)
    except OSError as exc:
        raise ReconversionError(f"Impossible d'écrire {path} ({exc.strerror}).") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
