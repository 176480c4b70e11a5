"""L'aide et les erreurs d'usage en français, par le vrai point d'entrée (sous-processus)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reconversion.adapters.screen.typer_french import usage_error


def reconversion(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    code = f"import sys; sys.argv = ['reconversion', *{list(args)!r}]; from reconversion.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"RECONVERSION_HOME": str(home), "PATH": "/usr/bin:/bin", "COLUMNS": "100"},
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export", "--formt", "json"], "Erreur : option inconnue --formt (possibles : --force, --format)."),
        (["zzz"], "Erreur : commande inconnue « zzz »."),
        (["nimporte"], "Erreur : commande inconnue « nimporte » (voulais-tu dire import ?)."),
        (["jobs", "show"], "Erreur : il manque l'argument code."),
        (["status", "en-trop"], "Erreur : argument en trop : en-trop."),
        (
            ["jobs", "search", "infi", "--limit", "abc"],
            "Erreur : valeur invalide pour --limit / -n : « abc » n'est pas un nombre entier.",
        ),
    ],
)
def test_usage_errors_are_in_french(tmp_path: Path, args: list[str], expected: str) -> None:
    done = reconversion(*args, home=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0] == expected
    assert lines[1].startswith("Pour l'aide : reconversion")
    assert "Traceback" not in done.stderr and "Usage" not in done.stderr


def test_help_is_in_french(tmp_path: Path) -> None:
    done = reconversion("status", "--help", home=tmp_path)
    assert done.returncode == 0
    assert "Utilisation : reconversion status" in done.stdout
    assert "Afficher cette aide et quitter." in done.stdout
    assert "[par défaut : defaut]" in done.stdout
    for english in ("Usage:", "Show this message", "[default:", "Commands"):
        assert english not in done.stdout
    top = reconversion("--help", home=tmp_path)
    assert "Commandes" in top.stdout and "export" in top.stdout
    group = reconversion("jobs", home=tmp_path)  # un groupe seul affiche son aide
    assert "Utilisation : reconversion jobs" in group.stdout and "Usage:" not in group.stdout


def test_unknown_messages_are_kept_rather_than_lost() -> None:
    class Strange(Exception):
        def format_message(self) -> str:
            return "Something new happened"

    assert usage_error(Strange()) == "Erreur : Something new happened.\nPour l'aide : reconversion --help"
