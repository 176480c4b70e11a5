"""Un verrou par profil : deux assistants ouverts sur le même profil ne se mélangent pas."""

from __future__ import annotations

import os
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
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
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

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            os.close(self._fd)  # fermer le descripteur libère le verrou
            self._fd = None
