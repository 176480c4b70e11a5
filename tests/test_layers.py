"""Les dépendances entre les pièces vont dans un seul sens (voir docs/architecture.md) :
cli → commands → sessions → adapters → core. Le cœur reste pur ; les séances ne parlent au
terminal, au carnet et aux fichiers que par les adaptateurs qu'on leur donne."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reconversion"
ORDER = ["core", "adapters", "sessions", "commands", "cli"]  # chacun n'importe que ce qui le précède
TERMINAL_LIBRARIES = ("questionary", "prompt_toolkit", "rich")
# Les adaptateurs qui ouvrent des fichiers : le carnet, le ROME importé, le contenu livré.
FILE_ADAPTERS = ("reconversion.adapters.storage", "reconversion.adapters.rome", "reconversion.adapters.content")


def imported_modules(path: Path) -> set[str]:
    """Tout ce qu'un module importe, au chargement comme dans ses fonctions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "reconversion" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in ORDER else None


@pytest.mark.parametrize("layer", ORDER[:-1])
def test_a_layer_never_imports_a_layer_above_it(layer: str) -> None:
    above = set(ORDER[ORDER.index(layer) + 1 :])
    wrong = sorted(
        f"{path.relative_to(PACKAGE)} importe {module}"
        for path in (PACKAGE / layer).rglob("*.py")
        for module in imported_modules(path)
        if layer_of(module) in above
    )
    assert wrong == []


@pytest.mark.parametrize("layer", ["core", "sessions"])
def test_core_and_sessions_know_no_terminal_library(layer: str) -> None:
    wrong = sorted(
        f"{path.relative_to(PACKAGE)} importe {module}"
        for path in (PACKAGE / layer).rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in TERMINAL_LIBRARIES
    )
    assert wrong == []


def test_sessions_import_no_storage_adapter() -> None:
    """Une séance reçoit son carnet, le contenu et le ROME (`commands/start.py` les branche) : elle n'ouvre rien."""
    wrong = sorted(
        f"{path.relative_to(PACKAGE)} importe {module}"
        for path in (PACKAGE / "sessions").rglob("*.py")
        for module in imported_modules(path)
        if module.startswith(FILE_ADAPTERS)
    )
    assert wrong == []


def test_the_layer_check_sees_a_wrong_import(tmp_path: Path) -> None:
    """Le contrôle lui-même : un import vers le haut, même dans une fonction, est vu."""
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from reconversion.commands.common.options import hint\n", encoding="utf-8")
    assert {layer_of(name) for name in imported_modules(module)} == {"commands"}
