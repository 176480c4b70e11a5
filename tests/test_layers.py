"""Les dépendances entre les pièces vont dans un seul sens (voir docs/architecture.md) :
cli → commands → sessions → adapters → core. Le cœur reste pur ; les séances ne parlent au
terminal, au carnet et aux fichiers que par les adaptateurs qu'on leur donne."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "reconversion"
ORDER = ["core", "adapters", "sessions", "commands", "cli"]  # chacun n'importe que ce qui le précède
TERMINAL_LIBRARIES = ("questionary", "prompt_toolkit", "rich")
# Les adaptateurs qui ouvrent des fichiers : le carnet, le ROME importé, le contenu livré, les imports.
FILE_ADAPTERS = (
    "reconversion.adapters.storage",
    "reconversion.adapters.rome",
    "reconversion.adapters.content",
    "reconversion.adapters.imports",
)


def imported_modules(path: Path) -> set[str]:
    """Tout ce qu'un module importe, au chargement comme dans ses fonctions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def module_graph(package: Path, name: str = "reconversion") -> dict[str, set[str]]:
    """Qui importe qui parmi les modules du paquet : au chargement, dans les fonctions et sous
    `TYPE_CHECKING` (un import pour les types seulement est un lien comme un autre)."""
    modules: dict[str, Path] = {}
    for path in package.rglob("*.py"):
        parts = [name, *path.relative_to(package).with_suffix("").parts]
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names if alias.name in modules)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:  # `from paquet import module` comme `from module import nom`
                    target = f"{node.module}.{alias.name}"
                    if target in modules:
                        edges.add(target)
                    elif node.module in modules:
                        edges.add(node.module)
        graph[module] = edges - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Les groupes de modules qui s'importent en boucle (composantes fortement connexes, Tarjan)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for target in sorted(graph[module]):
            if target not in order:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], order[target])
        if low[module] == order[module]:
            group = [stack.pop()]
            while group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(graph) + 100))
    for module in sorted(graph):
        if module not in order:
            visit(module)
    return sorted(found)


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


def test_no_import_cycle_of_any_kind() -> None:
    """Aucune boucle d'imports, même par un import dans une fonction ou pour les types seulement."""
    assert cycles(module_graph(PACKAGE)) == []


def test_the_cycle_check_sees_lazy_and_type_only_loops(tmp_path: Path) -> None:
    """Le contrôle lui-même : une boucle faite d'un import dans une fonction et d'un import sous
    TYPE_CHECKING est vue, et des imports en chaîne sans retour n'en sont pas une."""
    package = tmp_path / "paquet"
    (package / "sous").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "sous" / "__init__.py").write_text("", encoding="utf-8")
    (package / "a.py").write_text("def f():\n    from paquet.sous import b\n", encoding="utf-8")
    (package / "sous" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from paquet.a import f\n", encoding="utf-8"
    )
    (package / "c.py").write_text("import paquet.a\n", encoding="utf-8")
    graph = module_graph(package, "paquet")
    assert graph["paquet.c"] == {"paquet.a"}
    assert cycles(graph) == [["paquet.a", "paquet.sous.b"]]
