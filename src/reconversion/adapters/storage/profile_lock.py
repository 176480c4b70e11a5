"""Un verrou par profil : deux assistants ouverts sur le même profil ne se mélangent pas."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from types import TracebackType

from reconversion.errors import StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


class ProfileLock:
    """Verrou exclusif non bloquant sur `<profil>.lock`, libéré à la fermeture du processus."""

    def __init__(self, path: Path, profile: str) -> None:
        self.path = path
        self.profile = profile
        self._fd: int | None = None

    def __enter__(self) -> ProfileLock:
        fd = self._open()
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover - Windows
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            os.close(fd)
            raise StoreError(
                f"Le profil « {self.profile} » est déjà ouvert dans une autre fenêtre de reconversion. "
                "Termine d'abord cette séance-là, puis relance la commande."
            ) from None
        self._fd = fd
        return self

    def _open(self) -> int:
        """Le fichier du verrou, créé en 0600 ; jamais à travers un lien symbolique (O_NOFOLLOW)."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            if exc.errno == errno.ELOOP or os.path.islink(self.path):
                raise StoreError(
                    f"{self.path} est un lien symbolique : je ne suis pas les liens pour tes données. "
                    "Efface ce lien (le verrou sera recréé), puis relance la commande."
                ) from None
            raise  # droits, disque : dits par `cli` comme toute erreur de l'environnement
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise StoreError(f"{self.path} n'est pas un fichier ordinaire : efface-le, puis relance la commande.")
        return fd

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)  # fermer le descripteur libère le verrou
            self._fd = None
