"""La documentation dit vrai : l'exemple du format est valide, le CI lance la commande de test du README."""

from __future__ import annotations

import re
from pathlib import Path

from reconversion.core.guide_loader import parse_guide

ROOT = Path(__file__).resolve().parents[1]


def code_blocks(path: Path, language: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def test_guide_format_example_is_a_valid_guide() -> None:
    example = code_blocks(ROOT / "docs" / "guide-format.md", "yaml")[-1]
    guide = parse_guide(example, "exemple.yaml")
    assert [q.type for q in guide.questions] == ["select", "confirm", "scale", "date"]


def test_readme_starts_with_exactly_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    before_usage = readme.split("## ", 1)[0]
    commands = code_blocks(ROOT / "README.md", "sh")[:2]
    assert len(re.findall(r"^```sh$", before_usage, flags=re.MULTILINE)) == 2
    assert "reconversion start" in commands[0]
    assert "pytest" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1].strip() in ci.splitlines()


def test_architecture_map_matches_the_tree() -> None:
    """La carte du code reste vraie : chaque dossier de src/reconversion/ a sa section, qui nomme
    exactement ses modules (un module ajouté, déplacé ou retiré doit y être reporté)."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    package = ROOT / "src" / "reconversion"
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    named: dict[str, set[str]] = {}
    for section in sections:
        heading, body = section.split("\n", 1)
        folder = re.match(r"`([^`]+)`", heading)
        assert folder, heading
        key = folder.group(1).removeprefix("src/reconversion/").rstrip("/")
        modules = set(re.findall(r"`([a-z_]+\.py)`", body.split("\n## ", 1)[0]))
        assert (package / key).is_dir(), f"dossier inconnu : {key}"
        if modules:  # un dossier qui ne fait que regrouper des sous-dossiers n'a pas de module
            named[key] = modules
    actual: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        if path.name == "__init__.py" or "__pycache__" in path.parts:
            continue
        folder = str(path.parent.relative_to(package)).replace(".", "")
        actual.setdefault(folder, set()).add(path.name)
    assert named == actual
