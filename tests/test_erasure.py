"""L'effacement efface tout (audit N2) : `profiles delete` et `reset --all` ne laissent aucun
fichier du profil, temporaires compris, et disent ce qu'ils ne peuvent pas connaître : les
fichiers que la personne a exportés ailleurs. Un arrêt brutal au milieu de la copie de sécurité
d'`import --force` laisse un temporaire plein de données personnelles : il doit partir aussi."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

from helpers import PROGRAM, big_backup, environment, run_program, write_compact


def personal_files(home: Path) -> list[Path]:
    """Tout ce qui reste dans le dossier de données, hors cache et ROME (qui ne sont à aucun profil)."""
    return sorted(p for p in home.rglob("*") if p.is_file() and "cache" not in p.parts and "rome" not in p.name)


def small_profile(home: Path, tmp_path: Path) -> None:
    source = write_compact(tmp_path / "petite.json", big_backup(50_000))
    assert run_program("import", str(source), home=home).returncode == 0
    again = write_compact(tmp_path / "autre.json", big_backup(50_000, marker="B"))
    assert run_program("import", str(again), "--force", home=home).returncode == 0
    assert list((home / "sauvegardes").glob("defaut-avant-import-*.json"))


def plant_partial_copy(home: Path) -> Path:
    """Le temporaire qu'un `import --force` tué pendant sa copie de sécurité laisse derrière lui."""
    partial = home / "sauvegardes" / ".defaut-avant-import-20261207-002157.json.27xb67uo.tmp"
    partial.write_text('{"format": "reconversion-backup", "actions": [{"text": "AAAA secret', encoding="utf-8")
    os.chmod(partial, 0o600)
    return partial


def test_profiles_delete_removes_partial_safety_copies_and_names_what_it_cannot_know(tmp_path: Path) -> None:
    home = tmp_path / "h"
    small_profile(home, tmp_path)
    partial = plant_partial_copy(home)
    result = run_program("profiles", "delete", "defaut", "--yes", home=home)
    assert result.returncode == 0, result.stderr
    assert not partial.exists()
    assert personal_files(home) == []
    assert "Il n'en reste rien" not in result.stdout
    flat = " ".join(result.stdout.split())
    assert "Je n'efface pas ce que tu as exporté toi-même" in flat  # ce qu'elle a exporté elle-même, nommé
    for name in ("plan-reconversion-AAAA-MM-JJ.md", "sauvegarde-reconversion-AAAA-MM-JJ.json", "-o."):
        assert name in flat, name


def test_reset_all_removes_safety_copies_and_their_temporaries(tmp_path: Path) -> None:
    home = tmp_path / "h"
    small_profile(home, tmp_path)
    partial = plant_partial_copy(home)
    result = run_program("reset", "--all", "--yes", home=home)
    assert result.returncode == 0, result.stderr
    assert not partial.exists()
    assert not list((home / "sauvegardes").iterdir())
    assert [p.name for p in personal_files(home) if p.name != "defaut.lock"] == ["defaut.sqlite3"]
    assert not (home / "defaut.lock").exists() or (home / "defaut.lock").stat().st_size == 0  # un verrou, vide
    assert (
        b"AAAA" not in (home / "defaut.sqlite3").read_bytes() and b"B0 " not in (home / "defaut.sqlite3").read_bytes()
    )
    assert "agenda-reconversion-AAAA-MM-JJ.ics" in result.stdout


def test_kill_during_the_safety_copy_then_delete_leaves_nothing(tmp_path: Path) -> None:
    """Le vrai arrêt brutal : `import --force` tué pendant l'écriture de sa copie de sécurité."""
    home = tmp_path / "h"
    first = write_compact(tmp_path / "a.json", big_backup(15_000_000))
    second = write_compact(tmp_path / "b.json", big_backup(1_000_000, marker="B"))
    assert run_program("import", str(first), home=home).returncode == 0
    saves = home / "sauvegardes"
    partial: list[Path] = []
    for _ in range(5):  # le moment est étroit : quelques essais au plus
        process = subprocess.Popen(
            [*PROGRAM, "import", str(second), "--force"],
            env=environment(home),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while process.poll() is None and time.monotonic() < deadline:
            partial = list(saves.glob(".defaut-avant-import-*.tmp")) if saves.is_dir() else []
            if partial and partial[0].stat().st_size > 0:
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
        process.wait(timeout=60)
        if process.returncode == -signal.SIGKILL and partial and partial[0].exists():
            break
        run_program("import", str(first), "--force", home=home)
    assert process.returncode == -signal.SIGKILL, "l'import n'a pas été tué pendant sa copie de sécurité"
    assert partial and partial[0].exists(), "l'arrêt brutal n'a pas laissé de copie partielle"
    result = run_program("profiles", "delete", "defaut", "--yes", home=home)
    assert result.returncode == 0, result.stderr
    assert personal_files(home) == []
    listed = json.loads(run_program("profiles", "--json", home=home).stdout)
    assert listed["profiles"] == []
