"""Les fichiers d'un export du ROME, lus dans un dossier ou directement dans l'archive `RefRomeCsv.zip`.

L'archive vient d'Internet : on ne l'extrait jamais sur le disque. On lit en mémoire, un
fichier à la fois, les seuls éléments utiles, chacun plafonné à `cap` octets (une « bombe »
zip qui annonce 1 Kio et en décompresse 10 Gio s'arrête au plafond). Un élément au chemin
douteux (absolu, avec `..`), un lien symbolique, un fichier spécial ou chiffré fait refuser
toute l'archive : l'export officiel n'en contient pas, ce n'est donc pas lui.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from reconversion.adapters.screen.terminal_style import clean

MAX_MEMBERS = 2000
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
    """Les fichiers ordinaires du dossier (sans descendre dans les sous-dossiers)."""

    def _opener(path: Path) -> Callable[[], BinaryIO]:
        return lambda: path.open("rb")

    members = []
    for child in folder.iterdir():
        if child.is_file():
            members.append(Member(child.name, child.stat().st_size, _opener(child)))
    return members


@contextmanager
def zip_members(path: Path, cap: int) -> Iterator[list[Member]]:
    """Les fichiers de l'archive, ouverts à la demande et plafonnés ; `ArchiveRefused` si elle est douteuse."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, *READ_ERRORS) as exc:
        raise ArchiveRefused(f"archive zip illisible ({clean(exc)})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ArchiveRefused(f"{len(infos)} éléments dans l'archive : bien plus qu'un export du ROME")
        members = []
        for info in infos:
            problem = _member_problem(info)
            if problem:
                raise ArchiveRefused(f"élément « {clean(info.filename)} » refusé ({problem})")
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
