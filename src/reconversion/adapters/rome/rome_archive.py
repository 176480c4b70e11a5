"""Les fichiers d'un export du ROME, lus dans un dossier ou directement dans l'archive `RefRomeCsv.zip`.

L'archive vient d'Internet : on ne l'extrait jamais sur le disque. On lit en mémoire, un
fichier à la fois, les seuls éléments utiles, chacun plafonné à `cap` octets (une « bombe »
zip qui annonce 1 Kio et en décompresse 10 Gio s'arrête au plafond). Un élément au chemin
douteux (absolu, avec `..`), un lien symbolique, un fichier spécial ou chiffré fait refuser
toute l'archive : l'export officiel n'en contient pas, ce n'est donc pas lui.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from reconversion.core.limits import members_problem
from reconversion.core.text_safety import one_line

_UNIX = 3  # ZipInfo.create_system : l'archive dit les types de fichiers à la façon d'Unix
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)


class ArchiveRefused(Exception):
    """L'archive (ou le dossier) ne peut pas être lue telle quelle ; `problem` dit pourquoi."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class TooBig(Exception):
    """Un fichier dépasse le plafond en cours de lecture (taille annoncée mensongère)."""


@dataclass(frozen=True)
class Member:
    """Un fichier de l'export : son nom (sans dossier), sa taille annoncée, de quoi l'ouvrir en binaire."""

    name: str
    size: int
    open: Callable[[], BinaryIO]


class _Capped(io.RawIOBase):
    """Un flux qui lève `TooBig` dès qu'il a rendu plus de `cap` octets."""

    def __init__(self, raw: BinaryIO, cap: int) -> None:
        super().__init__()
        self._raw = raw
        self._left = cap

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        self._left -= len(data)
        if self._left < 0:
            raise TooBig
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


def folder_members(folder: Path) -> list[Member]:
    """Les fichiers ordinaires du dossier (sans descendre dans les sous-dossiers).

    Un lien symbolique fait refuser tout le dossier, comme dans une archive : `unzip` recrée les
    liens qu'elle contient, et suivre l'un d'eux ferait lire (et montrer dans un message) un fichier
    qui n'a rien à voir, un `.netrc` par exemple. Chaque fichier est ouvert sans suivre de lien.
    """
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        raise ArchiveRefused(f"dossier illisible ({exc.strerror})") from None
    problem = members_problem(len(entries))
    if problem:
        raise ArchiveRefused(problem)
    members = []
    for entry in entries:
        if entry.is_symlink():
            raise ArchiveRefused(
                f"« {one_line(entry.name)} » est un lien symbolique : je ne suis pas les liens (l'export officiel "
                "n'en contient pas). Remplace-le par le fichier lui-même, ou décompresse à nouveau l'archive"
            )
        if entry.is_file(follow_symlinks=False):
            members.append(Member(entry.name, entry.stat(follow_symlinks=False).st_size, _opener(Path(entry.path))))
    return members


def _opener(path: Path) -> Callable[[], BinaryIO]:
    """Ouvre le fichier sans suivre de lien (O_NOFOLLOW) : il a pu être remplacé depuis la liste."""

    def open_file() -> BinaryIO:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(errno.EINVAL, "ce n'est pas un fichier ordinaire")
        return os.fdopen(fd, "rb")

    return open_file


@contextmanager
def zip_members(path: Path, cap: int) -> Iterator[list[Member]]:
    """Les fichiers de l'archive, ouverts à la demande et plafonnés ; `ArchiveRefused` si elle est douteuse."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, *READ_ERRORS) as exc:
        raise ArchiveRefused(f"archive zip illisible ({one_line(exc)})") from None
    with archive:
        infos = archive.infolist()
        problem = members_problem(len(infos))
        if problem:
            raise ArchiveRefused(problem)
        members = []
        for info in infos:
            problem = _member_problem(info)
            if problem:
                raise ArchiveRefused(f"élément « {one_line(info.filename)} » refusé ({problem})")
            if info.is_dir():
                continue
            members.append(
                Member(
                    PurePosixPath(info.filename).name,
                    info.file_size,
                    lambda info=info: io.BufferedReader(_Capped(archive.open(info), cap)),  # type: ignore[misc, arg-type]
                )
            )
        yield members


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    parts = PurePosixPath(name).parts
    if name.startswith(("/", "\\")) or "\\" in name or ":" in name or ".." in parts or "\x00" in name:
        return "chemin qui sortirait de l'archive"
    mode = info.external_attr >> 16
    if info.create_system == _UNIX and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        return "ce n'est pas un fichier ordinaire (lien symbolique ou fichier spécial)"
    if info.flag_bits & 0x1:
        return "fichier chiffré"
    return None
