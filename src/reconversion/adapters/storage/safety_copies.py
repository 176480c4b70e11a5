"""Les copies de sécurité que `import --force` garde de ce qu'il remplace.

Elles contiennent tout un carnet (notes sur les contacts comprises) : elles vivent dans le
dossier privé `sauvegardes/`, sont listées par `reconversion profiles`, limitées en nombre
(`KEEP` par profil, les plus récentes) et effacées avec le profil par `profiles delete`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

from reconversion.adapters.storage.files import remove_stale_temporaries
from reconversion.adapters.storage.locations import ensure_private_dir

FOLDER = "sauvegardes"
KEEP = 5


def folder(home: Path) -> Path:
    return home / FOLDER


def new_copy_path(home: Path, profile: str) -> Path:
    """Un nom libre et daté pour la prochaine copie (`<profil>-avant-import-AAAAMMJJ-HHMMSS.json`)."""
    target = ensure_private_dir(folder(home))
    remove_stale_temporaries(target)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = target / f"{profile}-avant-import-{stamp}.json"
    number = 1
    while path.exists():
        number += 1
        path = target / f"{profile}-avant-import-{stamp}-{number}.json"
    return path


def copies(home: Path, profile: str) -> list[Path]:
    """Les copies d'un profil, de la plus ancienne à la plus récente."""
    pattern = re.compile(rf"^{re.escape(profile)}-avant-import-\d{{8}}-\d{{6}}(-\d+)?\.json$")
    place = folder(home)
    if not place.is_dir():
        return []
    found = [p for p in place.iterdir() if pattern.match(p.name) and p.is_file()]
    return sorted(found, key=lambda p: (p.stat().st_mtime_ns, p.name))


def prune(home: Path, profile: str, keep: int = KEEP) -> list[Path]:
    """Garde les `keep` copies les plus récentes du profil ; renvoie celles qui ont été effacées."""
    old = copies(home, profile)[:-keep] if keep else copies(home, profile)
    for path in old:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    return old
