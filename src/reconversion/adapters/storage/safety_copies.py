"""Les copies de sécurité que `import --force` garde de ce qu'il remplace.

Elles contiennent tout un carnet (notes sur les contacts comprises) : elles vivent dans le
dossier privé `sauvegardes/`, sont listées par `reconversion profiles`, limitées en nombre
(`KEEP` par profil, les plus récentes) et effacées avec le profil par `profiles delete` et
`reset --all`, avec leurs temporaires (une copie interrompue par un arrêt brutal). Le dossier
lui-même n'est jamais un lien symbolique : on ne suit pas les liens pour les données.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from pathlib import Path

from reconversion.adapters.storage.files import TEMP_SUFFIX, remove_stale_temporaries
from reconversion.adapters.storage.locations import ensure_private_dir, refuse_link
from reconversion.errors import ReconversionError

FOLDER = "sauvegardes"
KEEP = 5


def not_tracked() -> str:
    """Ce que l'outil n'efface pas parce qu'il ne le connaît pas : ce que la personne a exporté elle-même,
    nommé comme `export` l'écrit par défaut (les noms viennent de `core/export_formats`)."""
    from reconversion.core.export_formats import export_choices

    names = ", ".join(f.file_name.replace("{day}", "AAAA-MM-JJ") for f in export_choices())
    return (
        "Je n'efface pas ce que tu as exporté toi-même : l'outil ne garde pas la trace de ces fichiers. "
        f"Par défaut, « export » les écrit dans le dossier d'où tu l'as lancé ({names}), ou là où tu l'as "
        "demandé avec -o. Efface-les toi-même s'il ne doit rien rester de ce profil."
    )


def folder(home: Path) -> Path:
    return home / FOLDER


def new_copy_path(home: Path, profile: str) -> Path:
    """Un nom libre et daté pour la prochaine copie (`<profil>-avant-import-AAAAMMJJ-HHMMSS.json`)."""
    refuse_link(folder(home))
    target = ensure_private_dir(folder(home))
    remove_stale_temporaries(target)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = target / f"{profile}-avant-import-{stamp}.json"
    number = 1
    while os.path.lexists(path):
        number += 1
        path = target / f"{profile}-avant-import-{stamp}-{number}.json"
    return path


def copies(home: Path, profile: str) -> list[Path]:
    """Les copies d'un profil, de la plus ancienne à la plus récente."""
    pattern = re.compile(rf"^{_stem(profile)}\.json$")
    return sorted(_matching(home, pattern), key=lambda p: (p.lstat().st_mtime_ns, p.name))


def temporaries(home: Path, profile: str) -> list[Path]:
    """Les temporaires d'une copie du profil (`.<profil>-avant-import-….json.XXXX.tmp`) et leur journal."""
    pattern = re.compile(rf"^\.{_stem(profile)}\.json\.[^/]+{re.escape(TEMP_SUFFIX)}(-journal)?$")
    return sorted(_matching(home, pattern))


def _stem(profile: str) -> str:
    return rf"{re.escape(profile)}-avant-import-\d{{8}}-\d{{6}}(-\d+)?"


def _matching(home: Path, pattern: re.Pattern[str]) -> list[Path]:
    place = folder(home)
    refuse_link(place)
    try:
        names = os.listdir(place)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as exc:
        raise ReconversionError(f"Impossible de lire le dossier {place} ({exc.strerror}).") from None
    found = []
    for name in names:
        path = place / name
        if pattern.match(name) and _is_file(path):
            found.append(path)
    return found


def _is_file(path: Path) -> bool:
    """Un fichier ordinaire ou un lien (effacé, jamais suivi) ; ni dossier ni disparu."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return False
    return stat.S_ISREG(mode) or stat.S_ISLNK(mode)


def prune(home: Path, profile: str, keep: int = KEEP) -> list[Path]:
    """Garde les `keep` copies les plus récentes du profil ; renvoie celles qui ont été effacées."""
    old = copies(home, profile)[:-keep] if keep else copies(home, profile)
    return erase_files(old)


def erase_all(home: Path, profile: str) -> list[Path]:
    """Efface toutes les copies du profil et leurs temporaires (`reset --all`) ; renvoie ce qui l'a été."""
    return erase_files(copies(home, profile) + temporaries(home, profile))


def erase_files(paths: list[Path]) -> list[Path]:
    """Efface chaque fichier (un lien est effacé, jamais suivi) ; renvoie ceux qui l'ont été."""
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise ReconversionError(
                f"Impossible d'effacer {path} ({exc.strerror}) : le reste est déjà effacé."
            ) from None
        removed.append(path)
    return removed
