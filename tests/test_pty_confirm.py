"""A3, C13 : une confirmation se coupe entre les mots et propose une commande qui marche."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import finish, run_program, spawn, transcript

pexpect = pytest.importorskip("pexpect")


@pytest.mark.parametrize("profile", ["defaut", "kevin"])
def test_reset_all_confirmation_wraps_between_words_and_names_the_profile(tmp_path: Path, profile: str) -> None:
    home = tmp_path / "home"
    assert run_program("actions", "add", "Appeler le CEP", "--profile", profile, home=home).returncode == 0
    child = spawn("reset", "--all", "--profile", profile, home=home, columns=60, rows=30)
    child.expect(r"\[o/N\]")
    child.sendline("n")
    child.expect("Rien n'a été effacé")
    assert finish(child) == 0
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", transcript(child)).replace("\r\n", "\n")
    lines = [line for line in screen.split("\n") if line.strip()]
    assert all(len(line) <= 60 for line in lines), lines
    flat = " ".join(" ".join(lines).split()).replace("\u00a0", " ")
    assert f"profiles delete {profile}. C'est définitif." in flat  # le nom, et un point avant la suite
    assert "--profile kevin" not in flat.split("pour l'effacer")[1]
    for word in ("l'effacer", "expériences", "d'intérêts", "définitif."):  # jamais « l / 'effacer »
        assert any(word in line for line in lines), (word, lines)
    assert not any(line.startswith("'") for line in lines)


@pytest.mark.parametrize("extra_files", [False, True])
def test_profiles_delete_counts_its_files_in_words_and_names_what_it_leaves(tmp_path: Path, extra_files: bool) -> None:
    """A13, C4 : « ces 2 fichiers », « ce fichier » (jamais « fichier(s) », « supprimé(s) ») ; puis ce qui reste."""
    home = tmp_path / "home"
    assert run_program("actions", "add", "Appeler le CEP", home=home).returncode == 0
    for path in home.iterdir():  # le carnet seul, ou le carnet et deux compagnons de SQLite
        if path.name != "defaut.sqlite3" and path.is_file():
            path.unlink()
    if extra_files:
        for suffix in ("-wal", "-shm"):
            (home / f"defaut.sqlite3{suffix}").write_bytes(b"")
    count = 3 if extra_files else 1
    child = spawn("profiles", "delete", "defaut", home=home, columns=60, rows=30)
    child.expect(r"\[o/N\]")
    child.sendline("o")
    child.expect(pexpect.EOF)
    assert finish(child) == 0
    flat = " ".join(re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", transcript(child)).split()).replace("\u00a0", " ")
    assert "(s)" not in flat, flat
    assert ("et ces 3 fichiers ?" if extra_files else "et ce fichier ?") in flat, flat
    assert ("3 fichiers supprimés" if count == 3 else "1 fichier supprimé") in flat, flat
    assert "Je n'efface pas ce que tu as exporté toi-même" in flat and "plan-reconversion-AAAA-MM-JJ.md" in flat
