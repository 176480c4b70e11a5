"""Les liens symboliques dans le dossier de données ne sont jamais suivis (audit N4, N6) : un
`sauvegardes/` ou un `<profil>.lock` liés ailleurs, un fichier lié dans un dossier ROME
décompressé sont refusés avec un message, et une erreur ne montre jamais le contenu d'un
fichier que l'outil n'avait pas à lire."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers import ROME_MINI, big_backup, run_program, write_compact


def rome_codes(tmp_path: Path) -> Path:
    """Le fichier des codes d'une copie du mini-export du ROME (dossier « RefRomeCsv »), à abîmer."""
    folder = tmp_path / "RefRomeCsv"
    shutil.copytree(ROME_MINI, folder)
    return folder / "unix_referentiel_code_rome_v999_utf8.csv"


def profile(home: Path, tmp_path: Path, name: str = "perso") -> None:
    source = write_compact(tmp_path / "base.json", big_backup(20_000))
    assert run_program("import", str(source), "--profile", name, home=home).returncode == 0


def test_a_linked_backup_folder_is_refused_by_profiles_delete(tmp_path: Path) -> None:
    home = tmp_path / "h"
    profile(home, tmp_path)
    outside = tmp_path / "ailleurs" / "saves"
    outside.mkdir(parents=True, mode=0o755)
    planted = outside / "perso-avant-import-20270101-000000.json"
    planted.write_text("x\n", encoding="utf-8")
    shutil.rmtree(home / "sauvegardes", ignore_errors=True)
    (home / "sauvegardes").symlink_to(outside)
    result = run_program("profiles", "delete", "perso", "--yes", home=home)
    assert result.returncode == 1
    assert "lien symbolique" in result.stderr and "sauvegardes" in result.stderr
    assert "Traceback" not in result.stderr
    assert planted.exists()
    assert outside.stat().st_mode & 0o777 == 0o755  # pas resserré : on n'y a pas touché


def test_a_linked_backup_folder_is_refused_by_import_force(tmp_path: Path) -> None:
    home = tmp_path / "h"
    profile(home, tmp_path)
    outside = tmp_path / "ailleurs" / "saves"
    outside.mkdir(parents=True)
    shutil.rmtree(home / "sauvegardes", ignore_errors=True)
    (home / "sauvegardes").symlink_to(outside)
    other = write_compact(tmp_path / "b.json", big_backup(10_000, marker="B"))
    result = run_program("import", str(other), "--force", "--profile", "perso", home=home)
    assert result.returncode == 1
    assert "lien symbolique" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_linked_lock_file_is_refused_and_its_target_never_created(tmp_path: Path) -> None:
    home = tmp_path / "h"
    profile(home, tmp_path)
    target = tmp_path / "ailleurs2" / "created_by_lock"
    target.parent.mkdir()
    (home / "perso.lock").unlink(missing_ok=True)
    (home / "perso.lock").symlink_to(target)
    answers = tmp_path / "reponses.yaml"
    answers.write_text("situation: salarie_prive\n", encoding="utf-8")
    result = run_program("start", "--profile", "perso", "--answers", str(answers), home=home)
    assert result.returncode == 1
    assert "lien symbolique" in result.stderr and "perso.lock" in result.stderr
    assert not target.exists()


def test_a_linked_file_in_an_unzipped_rome_folder_is_refused_without_reading_it(tmp_path: Path) -> None:
    home = tmp_path / "h"
    codes = rome_codes(tmp_path)
    secret = tmp_path / "netrc"
    secret.write_text("machine bank.example login alice password S3cr3t-Passw0rd\n", encoding="utf-8")
    codes.unlink()
    codes.symlink_to(secret)
    result = run_program("jobs", "import", str(codes.parent), home=home)
    assert result.returncode == 1
    assert "S3cr3t" not in result.stdout + result.stderr and "alice" not in result.stdout + result.stderr
    assert "lien symbolique" in result.stderr and codes.name in result.stderr
    assert not (home / "rome.db").exists()


def test_a_missing_column_error_does_not_echo_a_whole_foreign_header(tmp_path: Path) -> None:
    """Même sans lien : un CSV qui n'a rien d'un export du ROME n'est pas recopié dans le message."""
    home = tmp_path / "h"
    codes = rome_codes(tmp_path)
    codes.write_text("machine bank.example login alice password S3cr3t-Passw0rd\n", encoding="utf-8")
    result = run_program("jobs", "import", str(codes.parent), home=home)
    assert result.returncode == 1
    assert "colonne" in result.stderr
    assert "S3cr3t" not in result.stderr
