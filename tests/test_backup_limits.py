"""Toute sauvegarde que l'outil écrit, il sait la relire (audit N1) : une seule limite pour
l'export, l'import et la copie de sécurité gardée par `import --force`.

Les sauvegardes sont construites à la taille réelle de la limite (environ 20 Mio) : c'est elle
qu'on vérifie, pas une limite réduite pour le test.
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers import big_backup, run_program, write_compact

MAX_BACKUP_BYTES = 20 * 1024 * 1024  # la limite promise dans le README (« Fiabilité »)


def test_a_profile_just_under_the_limit_exports_a_backup_that_imports_back(tmp_path: Path) -> None:
    """Sa sauvegarde indentée dépasserait la limite : elle doit quand même se restaurer."""
    source = write_compact(tmp_path / "grande.json", big_backup(MAX_BACKUP_BYTES - 600_000))
    assert MAX_BACKUP_BYTES - 1_000_000 < source.stat().st_size <= MAX_BACKUP_BYTES
    home = tmp_path / "h"
    assert run_program("import", str(source), home=home).returncode == 0
    out = tmp_path / "export.json"
    exported = run_program("export", "-f", "json", "-o", str(out), home=home)
    assert exported.returncode == 0, exported.stderr
    assert out.stat().st_size <= MAX_BACKUP_BYTES
    restored = run_program("import", str(out), home=tmp_path / "h2")
    assert restored.returncode == 0, restored.stderr


def test_a_profile_over_the_limit_gets_no_backup_it_could_not_restore(tmp_path: Path) -> None:
    source = write_compact(tmp_path / "grande.json", big_backup(MAX_BACKUP_BYTES - 10_000))
    assert source.stat().st_size <= MAX_BACKUP_BYTES
    home = tmp_path / "h"
    assert run_program("import", str(source), home=home).returncode == 0
    long = "L" * 9_990
    for n in range(4):  # 4 contacts de 50 000 caractères : le carnet dépasse maintenant la limite
        fields = ["--org", long, "--role", long, "--met", long, "--notes", long]
        added = run_program("contacts", "add", f"{n} {long}", *fields, home=home)
        assert added.returncode == 0, added.stderr
    out = tmp_path / "trop.json"
    exported = run_program("export", "-f", "json", "-o", str(out), home=home)
    assert exported.returncode == 1
    assert not out.exists()
    assert "Pour la restaurer" not in exported.stdout
    assert "20 Mio" in exported.stderr and "import" in exported.stderr
    assert "Traceback" not in exported.stderr

    # `import --force` garderait une copie de sécurité trop grosse pour être restaurée : refusé, rien ne change.
    other = write_compact(tmp_path / "petite.json", big_backup(5_000, marker="B"))
    before = (home / "defaut.sqlite3").read_bytes()
    forced = run_program("import", str(other), "--force", home=home)
    assert forced.returncode == 1, forced.stdout
    assert "copie de sécurité" in forced.stderr and "20 Mio" in forced.stderr
    assert (home / "defaut.sqlite3").read_bytes() == before
    assert not list(home.glob("sauvegardes/*avant-import*"))


def test_the_safety_copy_of_import_force_is_always_restorable(tmp_path: Path) -> None:
    source = write_compact(tmp_path / "grande.json", big_backup(MAX_BACKUP_BYTES - 600_000))
    home = tmp_path / "h"
    assert run_program("import", str(source), home=home).returncode == 0
    other = write_compact(tmp_path / "petite.json", big_backup(5_000, marker="B"))
    assert run_program("import", str(other), "--force", home=home).returncode == 0
    [copy] = (home / "sauvegardes").glob("defaut-avant-import-*.json")
    assert copy.stat().st_size <= MAX_BACKUP_BYTES
    back = run_program("import", str(copy), "--force", home=home)
    assert back.returncode == 0, back.stderr
    state = json.loads(run_program("export", "-f", "json", "-o", "-", home=home).stdout)
    texts = {row["text"].split()[0] for row in state["actions"]}
    assert "A0" in texts and "B0" not in texts
