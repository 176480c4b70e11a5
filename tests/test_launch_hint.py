"""Les conseils montrent la commande telle que la personne l'a lancée (`.venv/bin/reconversion` hors du PATH)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reconversion.adapters.screen import relaunch as options


@pytest.fixture
def script(tmp_path: Path) -> Path:
    folder = tmp_path / ".venv" / "bin"
    folder.mkdir(parents=True)
    launcher = folder / "reconversion"
    launcher.write_text("#!/bin/sh\n", encoding="utf-8")
    launcher.chmod(0o755)
    return launcher


def _program(monkeypatch: pytest.MonkeyPatch, argv0: str, path: str) -> str:
    options.program.cache_clear()
    monkeypatch.setattr(sys, "argv", [argv0, "start"])
    monkeypatch.setenv("PATH", path)
    try:
        return options.program()
    finally:
        options.program.cache_clear()


def test_a_launcher_outside_the_path_is_shown_as_typed(
    monkeypatch: pytest.MonkeyPatch, script: Path, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _program(monkeypatch, ".venv/bin/reconversion", "/usr/bin") == ".venv/bin/reconversion"
    options.program.cache_clear()
    monkeypatch.setattr(sys, "argv", [".venv/bin/reconversion"])
    monkeypatch.setenv("PATH", "/usr/bin")
    assert options.hint("start", "marie") == ".venv/bin/reconversion start --profile marie"
    options.program.cache_clear()


def test_the_launcher_found_in_the_path_is_just_reconversion(
    monkeypatch: pytest.MonkeyPatch, script: Path, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _program(monkeypatch, str(script), f"/usr/bin:{script.parent}") == "reconversion"
    assert _program(monkeypatch, "reconversion", "/usr/bin") == "reconversion"  # trouvé par le shell
    assert _program(monkeypatch, "/x/bin/pytest", "/usr/bin") == "reconversion"  # lancé autrement


def test_a_path_with_spaces_is_quoted(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert _program(monkeypatch, "/mes docs/.venv/bin/reconversion", "/usr/bin") == "'/mes docs/.venv/bin/reconversion'"


def test_the_real_launcher_outside_the_path_prints_itself(tmp_path: Path) -> None:
    import os
    import subprocess

    root = Path(__file__).parents[1]
    launcher = Path(".venv") / "bin" / "reconversion"
    if not (root / launcher).exists():
        pytest.skip("pas de .venv/bin/reconversion dans ce dépôt (installation du README)")
    env = {"PATH": "/usr/bin:/bin", "RECONVERSION_HOME": str(tmp_path / "h"), "LANG": "C.UTF-8"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    done = subprocess.run(
        [str(launcher), "status"], cwd=root, env={**env, "HOME": os.environ.get("HOME", str(tmp_path))},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "« .venv/bin/reconversion start »" in done.stdout
