"""Toute l'aide en français, par le vrai point d'entrée : chaque commande, chaque groupe."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import run_program
from reconversion.cli import app, register

register()  # l'application entière, dès la collecte : les paramètres en dépendent

ENGLISH = re.compile(
    r"\b(Usage|COMMAND|ARGS|TEXT|PATH|INTEGER|FLOAT|FILE|DIRECTORY|NAME|Show this message|default|required|env var)\b"
    r"|<\w+>"
)


def all_commands() -> list[list[str]]:
    """Chaque commande et sous-commande de l'application, comme on les tape."""
    found: list[list[str]] = [[]]
    for info in app.registered_commands:
        found.append([info.name or info.callback.__name__.replace("_", "-")])  # type: ignore[union-attr]
    for group in app.registered_groups:
        assert group.name and group.typer_instance is not None
        found.append([group.name])
        for info in group.typer_instance.registered_commands:
            found.append([group.name, info.name or info.callback.__name__.replace("_", "-")])  # type: ignore[union-attr]
    return found


@pytest.mark.parametrize("command", all_commands(), ids=lambda c: " ".join(c) or "reconversion")
def test_help_has_no_english_word(command: list[str], tmp_path: Path) -> None:
    result = run_program(*command, "--help", home=tmp_path / "h", env={"COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    assert "Utilisation : reconversion" in result.stdout
    found = ENGLISH.findall(result.stdout)
    assert not found, (command, found)


@pytest.mark.parametrize("group", [[]] + [[g.name] for g in app.registered_groups if g.name in ("jobs", "guide")])
def test_a_group_alone_shows_its_help_and_succeeds(group: list[str], tmp_path: Path) -> None:
    result = run_program(*group, home=tmp_path / "h", env={"COLUMNS": "100"})
    assert result.returncode == 0
    assert "Utilisation : reconversion" in result.stdout
    assert "Erreur" not in result.stderr and result.stderr == ""
