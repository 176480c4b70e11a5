"""Tubes, périphériques et liens : jamais d'attente sans fin, jamais de lecture sans limite, jamais
un fichier spécial remplacé par `export -o` (audit D14, D15)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from helpers import ROME_MINI, run_program

ROOT = hasattr(os, "getuid") and os.getuid() == 0


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "tube"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{input}"],
        ["start", "--answers", "{input}"],
        ["guide", "validate", "{input}"],
        ["status", "--guide", "{input}"],
    ],
    ids=["import", "answers", "guide-validate", "guide-option"],
)
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom"])
def test_special_input_files_are_refused_at_once(tmp_path: Path, fifo: Path, command: list[str], kind: str) -> None:
    source = str(fifo) if kind == "fifo" else kind
    if not os.path.exists(source):
        pytest.skip(f"{source} absent ici")
    args = [part.replace("{input}", source) for part in command]
    result = run_program(*args, home=tmp_path / "h")
    assert result.returncode != 0
    assert "fichier ordinaire" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Erreur inattendue" not in result.stderr


def test_a_file_larger_than_announced_is_still_capped(tmp_path: Path) -> None:
    from reconversion.core.yaml_source import InputFileError, read_bounded

    big = tmp_path / "gros.yaml"
    big.write_bytes(b"a" * 2048)
    assert read_bounded(big, 4096) == b"a" * 2048
    with pytest.raises(InputFileError, match="trop gros"):
        read_bounded(big, 1024)


def _profile_with_an_action(home: Path) -> None:
    assert run_program("actions", "add", "Appeler le CEP", home=home).returncode == 0


def test_export_refuses_to_replace_a_symlink_even_dangling_and_even_with_force(tmp_path: Path) -> None:
    home = tmp_path / "h"
    _profile_with_an_action(home)
    dangling = tmp_path / "lien-casse.md"
    dangling.symlink_to(tmp_path / "nulle-part.md")
    target = tmp_path / "cible.md"
    target.write_text("à garder", encoding="utf-8")
    pointing = tmp_path / "lien.md"
    pointing.symlink_to(target)
    for link in (dangling, pointing):
        for extra in ([], ["--force"]):
            result = run_program("export", "-o", str(link), *extra, home=home)
            assert result.returncode == 1, (link, extra)
            assert "lien symbolique" in result.stderr
            assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == "à garder"
    assert not (tmp_path / "nulle-part.md").exists()


def test_export_refuses_a_fifo_target_and_never_replaces_it(tmp_path: Path, fifo: Path) -> None:
    home = tmp_path / "h"
    _profile_with_an_action(home)
    result = run_program("export", "-o", str(fifo), "--force", home=home)
    assert result.returncode == 1
    assert "n'est pas un fichier ordinaire" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not ROOT, reason="créer un périphérique demande root")
def test_export_never_replaces_a_device(tmp_path: Path) -> None:
    home = tmp_path / "h"
    _profile_with_an_action(home)
    device = tmp_path / "faux-null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # une copie de /dev/null, dans le dossier du test
    result = run_program("export", "-o", str(device), "--force", home=home)
    assert result.returncode == 1
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_an_empty_output_name_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "h"
    _profile_with_an_action(home)
    result = run_program("export", "-o", "", home=home, cwd=tmp_path)
    assert result.returncode == 2
    assert "Nom de fichier vide" in result.stderr
    assert not list(tmp_path.glob("plan-reconversion-*.md"))


def test_stale_temporary_files_are_removed_on_the_next_write(tmp_path: Path) -> None:
    from reconversion.adapters.storage.files import remove_stale_temporaries, write_atomic

    old = tmp_path / ".plan.md.abc123.tmp"
    old.write_text("données personnelles à moitié écrites", encoding="utf-8")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    fresh = tmp_path / ".plan.md.def456.tmp"
    fresh.write_text("écriture en cours", encoding="utf-8")
    write_atomic(tmp_path / "plan.md", "ok")
    assert not old.exists()
    assert fresh.exists()  # trop récent : peut appartenir à une écriture qui démarre
    os.utime(fresh, (1_000_000_000, 1_000_000_000))
    import fcntl

    with fresh.open("r") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # une écriture toujours en cours
        assert remove_stale_temporaries(tmp_path) == []
    assert remove_stale_temporaries(tmp_path) == [fresh]


def test_rome_temporaries_left_by_a_killed_import_are_cleaned(tmp_path: Path) -> None:

    home = tmp_path / "h"
    home.mkdir(mode=0o700)
    for name in (".rome.db.abc.tmp", ".rome.db.abc.tmp-journal"):
        (home / name).write_bytes(b"x" * 1024)
        os.utime(home / name, (1_000_000_000, 1_000_000_000))
    assert run_program("jobs", "import", str(ROME_MINI), home=home).returncode == 0
    assert sorted(p.name for p in home.iterdir() if p.name.startswith(".")) == []
