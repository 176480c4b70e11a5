"""Les fichiers d'un export téléchargé (ROME, certifications), lus dans un dossier ou directement dans l'archive zip.

L'archive vient d'Internet : on ne l'extrait jamais sur le disque. On lit en mémoire, un fichier
à la fois, les seuls éléments utiles, chacun plafonné à `cap` octets (une « bombe » zip qui
annonce 1 Kio et en décompresse 10 Gio s'arrête au plafond : `TooBig`). Un élément au chemin
douteux (absolu, avec `..`), un lien symbolique, un fichier spécial ou chiffré fait refuser toute
l'archive : un export officiel n'en contient pas, ce n'est donc pas lui. Dans un dossier, chaque
fichier est ouvert sans suivre de lien ; un lien ou un fichier spécial dont le nom compte pour
l'import (`guarded`) fait refuser tout le dossier.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from reconversion.core import limits
from reconversion.core.text_safety import one_line

_UNIX = 3  # ZipInfo.create_system : l'archive dit les types de fichiers à la façon d'Unix
_UTF8_FLAG = 0x800  # bit 11 des drapeaux zip : le nom est en UTF-8
READ_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)
_NOT_REGULAR = "ce n'est pas un fichier ordinaire (lien symbolique ou fichier spécial)"


class ArchiveRefused(Exception):
    """L'archive (ou le dossier) ne peut pas être lue telle quelle ; `problem` dit pourquoi."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class TooBig(Exception):
    """Le fichier `name` dépasse le plafond `cap` (taille annoncée, ou mensongère et vue en cours de lecture)."""

    def __init__(self, cap: int, name: str = "") -> None:
        super().__init__(cap, name)
        self.cap = cap
        self.name = name


@dataclass(frozen=True)
class Member:
    """Un fichier de l'export : son nom (sans dossier, en NFC), sa taille annoncée, de quoi l'ouvrir en binaire."""

    name: str
    size: int
    open: Callable[[], BinaryIO]


class Metered(io.RawIOBase):
    """Un flux qui annonce chaque lecture à `count(octets)` ; `count` l'arrête en levant une exception
    (plafond d'un fichier ici, budget de tout l'import dans `export_rows`)."""

    def __init__(self, raw: BinaryIO, count: Callable[[int], None]) -> None:
        super().__init__()
        self._raw = raw
        self._count = count

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._raw.read(len(buffer))
        self._count(len(data))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


class _Capped(Metered):
    """Un flux qui lève `TooBig` dès qu'il a rendu plus de `cap` octets."""

    def __init__(self, raw: BinaryIO, cap: int, name: str = "") -> None:
        super().__init__(raw, self._take)
        self._cap = cap
        self._left = cap
        self._name = name

    def _take(self, count: int) -> None:
        self._left -= count
        if self._left < 0:
            raise TooBig(self._cap, self._name)


def _capped(open_raw: Callable[[], BinaryIO], name: str, size: int, cap: int) -> Callable[[], BinaryIO]:
    def open_capped() -> BinaryIO:
        if size > cap:
            raise TooBig(cap, name)
        return io.BufferedReader(_Capped(open_raw(), cap, name))  # type: ignore[arg-type]

    return open_capped


@contextlib.contextmanager
def export_members(
    source: Path, cap: int, download: str, guarded: Callable[[str], bool] = lambda name: True
) -> Iterator[tuple[list[Member], str]]:
    """Les fichiers de l'export `source`, dossier ou archive zip, et comment en parler (« ce dossier »).

    `download` est le nom du fichier tel que téléchargé, rappelé quand `source` n'est pas une archive.
    """
    if source.is_dir():
        yield folder_members(source, cap, guarded), "ce dossier"
        return
    if not source.is_file():
        raise ArchiveRefused("ce dossier n'existe pas (il n'y a ni un dossier ni une archive zip à ce nom)")
    if not zipfile.is_zipfile(source):
        raise ArchiveRefused(
            f"ce fichier n'est pas une archive zip. Donne le fichier « {download} » tel que téléchargé, "
            "ou le dossier où tu l'as décompressé."
        )
    with zip_members(source, cap) as members:
        yield members, "cette archive"


def folder_members(folder: Path, cap: int, guarded: Callable[[str], bool] = lambda name: True) -> list[Member]:
    """Les fichiers ordinaires du dossier (sans descendre dans les sous-dossiers), triés par nom.

    Un lien symbolique ou un fichier spécial dont le nom est `guarded` fait refuser tout le dossier,
    comme dans une archive : `unzip` recrée les liens qu'elle contient, et suivre l'un d'eux ferait
    lire (et montrer dans un message) un fichier qui n'a rien à voir, un `.netrc` par exemple ; un
    tube bloquerait l'import. Chaque fichier est ouvert sans suivre de lien.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        raise ArchiveRefused(f"dossier illisible ({exc.strerror})") from None
    problem = limits.members_problem(len(entries))
    if problem:
        raise ArchiveRefused(problem)
    members = []
    for entry in entries:
        name = unicodedata.normalize("NFC", entry.name)
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            continue
        if not stat.S_ISREG(info.st_mode):
            if guarded(name):
                raise ArchiveRefused(
                    f"« {one_line(name)} » : {_NOT_REGULAR}, que je ne lis pas : l'export officiel n'en contient "
                    "pas. Remplace-le par le fichier lui-même, ou décompresse à nouveau l'archive"
                )
            continue
        members.append(Member(name, info.st_size, _capped(_no_follow(Path(entry.path)), name, info.st_size, cap)))
    return members


def _no_follow(path: Path) -> Callable[[], BinaryIO]:
    """Ouvre le fichier sans suivre de lien (O_NOFOLLOW) : il a pu être remplacé depuis la liste."""

    def open_file() -> BinaryIO:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise OSError(errno.EINVAL, "ce n'est pas un fichier ordinaire")
        return os.fdopen(fd, "rb")

    return open_file


@contextlib.contextmanager
def zip_members(path: Path, cap: int) -> Iterator[list[Member]]:
    """Les fichiers de l'archive, ouverts à la demande et plafonnés ; `ArchiveRefused` si elle est douteuse."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, *READ_ERRORS) as exc:
        raise ArchiveRefused(f"archive zip illisible ({one_line(str(exc))})") from None
    with archive:
        infos = archive.infolist()
        problem = limits.members_problem(len(infos))
        if problem:
            raise ArchiveRefused(problem)
        members = []
        for info in infos:
            name = _member_name(info)
            problem = _member_problem(info, name)
            if problem:
                raise ArchiveRefused(f"élément « {one_line(name)} » refusé {problem}")
            if info.is_dir():
                continue

            def open_raw(info: zipfile.ZipInfo = info) -> BinaryIO:
                return archive.open(info)  # type: ignore[return-value]

            short = PurePosixPath(name).name
            members.append(Member(short, info.file_size, _capped(open_raw, short, info.file_size, cap)))
        yield members


def _member_name(info: zipfile.ZipInfo) -> str:
    """Le nom de l'élément, relu en UTF-8 quand l'archive a oublié de le dire (lu sinon comme du CP437)."""
    name = info.filename
    if not info.flag_bits & _UTF8_FLAG:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("utf-8")
    return unicodedata.normalize("NFC", name)


def _member_problem(info: zipfile.ZipInfo, name: str) -> str | None:
    """Pourquoi l'élément fait refuser l'archive (« (fichier chiffré) »…), ou None."""
    parts = PurePosixPath(name).parts
    if name.startswith(("/", "\\")) or "\\" in name or ":" in name or ".." in parts or "\x00" in name:
        return "(chemin qui sortirait de l'archive) : une fois décompressé, il sortirait du dossier choisi"
    mode = info.external_attr >> 16
    if info.create_system == _UNIX and stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        return f"({_NOT_REGULAR})"
    if info.flag_bits & 0x1:
        return "(fichier chiffré)"
    return None
