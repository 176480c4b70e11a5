"""Où vivent les données de la personne : un dossier à elle seule, un fichier par profil."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from reconversion.core.profile_name import DEFAULT_PROFILE  # noqa: F401  (réexporté)
from reconversion.errors import StoreError, UsageError

HOME_VARIABLE = "RECONVERSION_HOME"
_PROFILE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
# Noms que Windows réserve à des périphériques : un carnet « nul.sqlite3 » y serait inutilisable.
_RESERVED = frozenset({"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)})


def data_home() -> Path:
    """`$RECONVERSION_HOME` s'il est défini, sinon le dossier de données de l'utilisateur."""
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("reconversion", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Le dossier, créé en 0700 niveau par niveau s'il manque, puis vérifié (`check_private_dir`).

    Chaque niveau créé reçoit 0700 quel que soit le umask : un dossier intermédiaire ouvert à
    tous laisserait un autre compte remplacer ce qu'il contient.
    """
    missing: list[Path] = []
    current = path
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass  # une autre commande l'a créé au même instant : il est vérifié ci-dessous
        except OSError as exc:
            raise StoreError(f"Impossible de créer le dossier {folder} ({exc.strerror}).") from None
        else:
            os.chmod(folder, 0o700)
    return check_private_dir(path)


def check_private_dir(path: Path) -> Path:
    """Refuse un dossier de données qui n'est pas à la personne, ou que d'autres peuvent modifier.

    Un dossier à elle mais lisible par d'autres est resserré en 0700 ; un dossier d'un autre
    compte, ou modifiable par d'autres, n'est jamais adopté : on ne pourrait pas garantir que
    personne n'y a déposé ou n'y lira un fichier.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise StoreError(f"Dossier de données {path} inaccessible ({exc.strerror}).") from None
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(f"{path} n'est pas un dossier : choisis un autre dossier de données ({HOME_VARIABLE}).")
    if _foreign(info):
        raise StoreError(
            f"Le dossier de données {path} appartient à un autre compte : je ne m'en sers pas, pour que "
            f"tes données ne soient lisibles que par toi. Choisis un dossier à toi ({HOME_VARIABLE})."
        )
    _keep_private(path, info, "Le dossier de données", 0o700)
    return path


def refuse_link(path: Path) -> None:
    """Refuse un lien symbolique à l'intérieur du dossier de données (`sauvegardes/`, verrou…).

    Suivre un lien planté là ferait écrire, resserrer ou effacer ailleurs que chez la personne ;
    on ne le suit jamais, on le dit. (Le dossier de données lui-même peut être un lien : c'est
    la personne qui le choisit avec RECONVERSION_HOME.)
    """
    if os.path.islink(path):
        raise StoreError(
            f"{path} est un lien symbolique : je ne suis pas les liens pour tes données. "
            "Remplace-le par le dossier ou le fichier lui-même (ou efface le lien), puis relance la commande."
        )


def check_private_file(path: Path, info: os.stat_result) -> None:
    """Un fichier de données doit être un vrai fichier, à la personne, modifiable par elle seule.

    Un fichier lisible par d'autres mais à elle est resserré en 0600 ; sinon il est refusé.
    """
    if stat.S_ISLNK(info.st_mode):
        raise StoreError(
            f"{path} est un lien symbolique : je ne suis pas les liens pour tes données. "
            "Remplace-le par le fichier lui-même."
        )
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path} n'est pas un fichier ordinaire (tube, périphérique…) : je ne m'en sers pas.")
    if _foreign(info):
        raise StoreError(
            f"Le fichier {path} appartient à un autre compte : je ne m'en sers pas, pour que tes données "
            "ne puissent pas être lues par quelqu'un d'autre. Mets-le de côté ou choisis un autre profil."
        )
    _keep_private(path, info, "Le fichier", 0o600)


def _keep_private(path: Path, info: os.stat_result, what: str, mode: int) -> None:
    """Refuse ce que d'autres comptes peuvent modifier ; resserre (`mode`) ce qu'ils peuvent seulement lire.

    Sous Windows, les bits de droits POSIX ne disent rien des autres comptes (les ACL le font) :
    la vérification n'y a pas de sens et n'est pas faite.
    """
    if os.name == "nt":  # pragma: no cover - Windows
        return
    if info.st_mode & 0o022:
        raise StoreError(
            f"{what} {path} peut être modifié par d'autres comptes (droits {stat.filemode(info.st_mode)}) : "
            f"je ne m'en sers pas. Vérifie son contenu, puis rends-le privé avec « chmod {mode:o} {path} »."
        )
    if info.st_mode & 0o077:
        try:
            os.chmod(path, mode)
        except OSError as exc:
            raise StoreError(f"Impossible de rendre {path} privé ({exc.strerror}).") from None


def _foreign(info: os.stat_result) -> bool:
    """Vrai si l'entrée appartient à un autre compte (sans objet là où les uid n'existent pas)."""
    getuid = getattr(os, "getuid", None)
    return getuid is not None and info.st_uid != getuid()


def check_profile(name: str) -> str:
    """Un nom de profil sûr pour un nom de fichier (pas de « / », pas de « .. »)."""
    if not _PROFILE.match(name) or name in _RESERVED:
        raise UsageError(
            f"Nom de profil invalide « {name} » : utilise des minuscules, des chiffres, « - » ou « _ » "
            "(40 caractères au plus), par exemple « perso »."
        )
    return name


def profile_path(home: Path, profile: str) -> Path:
    return home / f"{check_profile(profile)}.sqlite3"
