"""Où vivent les données de la personne : un dossier à elle seule, un fichier par profil."""

from __future__ import annotations

import os
import re
from pathlib import Path

from reconversion.errors import UsageError

HOME_VARIABLE = "RECONVERSION_HOME"
DEFAULT_PROFILE = "defaut"
_PROFILE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


def data_home() -> Path:
    """`$RECONVERSION_HOME` s'il est défini, sinon le dossier de données de l'utilisateur."""
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("reconversion", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Crée le dossier en 0700 (lisible par sa seule propriétaire) s'il n'existe pas."""
    if not path.exists():
        path.mkdir(mode=0o700, parents=True)
        os.chmod(path, 0o700)
    return path


def check_profile(name: str) -> str:
    """Un nom de profil sûr pour un nom de fichier (pas de « / », pas de « .. »)."""
    if not _PROFILE.match(name):
        raise UsageError(
            f"Nom de profil invalide « {name} » : utilise des minuscules, des chiffres, « - » ou « _ » "
            "(40 caractères au plus), par exemple « perso »."
        )
    return name


def profile_path(home: Path, profile: str) -> Path:
    return home / f"{check_profile(profile)}.sqlite3"
