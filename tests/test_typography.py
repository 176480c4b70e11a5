"""Typographie française de tout le contenu livré : espaces insécables là où le français les veut.

Un test par fichier de `guide_data/` (liste `CONTENT_FILES`), pour voir d'un coup d'œil lequel
passe. Chaque texte (valeur de type chaîne, hors identifiants, adresses, conditions et codes)
est lu tel que YAML le rend, puis chaque faute est située `fichier:ligne`.

Les règles :
- espace fine insécable (U+202F) avant « ; », « ! » et « ? » ;
- espace insécable (U+00A0) avant « : » suivi d'un blanc ou en fin de texte (pas dans « https:// »
  ni « 10:30 ») ;
- espace insécable (U+00A0) après « « » et avant « » » ;
- espace insécable (U+00A0) entre un nombre en chiffres et son unité (« 24 mois », « 85 % ») ;
- espace fine insécable (U+202F) entre les groupes de milliers (« 1 600 »).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reconversion.core.sourcing import FACT_UNITS

ROOT = Path(__file__).resolve().parents[1]
# Les trois fichiers de contenu ; chacun a son propre test (paramétré).
CONTENT_FILES = ("guide.yaml", "metiers.yaml", "interets.yaml", "financement.yaml")

NBSP = "\u00a0"
NNBSP = "\u202f"
# Clés dont la valeur n'est pas un texte lu par la personne.
NOT_TEXT_KEYS = frozenset(
    {
        "id",
        "url",
        "when",
        "tags",
        "type",
        "value",
        "checked",
        "choices_from",
        "version",
        "language",
        "code",
        "riasec",
        "domain",
        "dimension",
        "default",
        "resources",
    }
)
# Sous `validate`, seul `message` est un texte (pattern, min, max sont des règles).
VALIDATE_TEXT_KEYS = frozenset({"message"})
UNITS = (*FACT_UNITS, "minutes?")

_BREAKING = f"[ \t\n{NBSP}]"  # ce qui n'est pas l'espace attendue
_RULES = (
    (re.compile(rf"(?:(?<=[^\s{NNBSP}?!])|{_BREAKING}+)(?=[;!?])"), "espace fine insécable (U+202F) attendue avant"),
    (re.compile(rf"(?:(?<=[^\s{NBSP}])|[ \t\n{NNBSP}]+)(?=:(?:\s|$))"), "espace insécable (U+00A0) attendue avant"),
    (re.compile(rf"(?<=«)(?:[ \t\n{NNBSP}]+|(?=[^\s{NBSP}]))"), "espace insécable (U+00A0) attendue après"),
    (re.compile(rf"(?:(?<=[^\s{NBSP}])|[ \t\n{NNBSP}]+)(?=»)"), "espace insécable (U+00A0) attendue avant"),
    (
        re.compile(rf"(?<=\d)[ \t\n{NNBSP}]+(?=(?:{'|'.join(UNITS)})(?!\w))", re.IGNORECASE),
        "espace insécable (U+00A0) attendue entre le nombre et son unité",
    ),
    (re.compile(rf"(?<=\d)[ \t\n{NBSP}](?=\d{{3}}(?!\d))"), "espace fine insécable (U+202F) attendue dans"),
)
_URL = re.compile(r"https?://\S+")


def violations(text: str) -> list[tuple[int, str]]:
    """Les fautes d'un texte : (position dans le texte, message)."""
    found = []
    urls = [m.span() for m in _URL.finditer(text)]
    for pattern, message in _RULES:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in urls):
                continue  # une adresse n'est pas du texte
            end = match.end()
            context = text[max(0, match.start() - 12) : end + 8].replace("\n", " ")
            found.append((match.start(), f"{message} : « {context} »"))
    return sorted(found)


def _texts(node: yaml.Node, key: str = "", parent: str = "") -> list[yaml.ScalarNode]:
    """Les nœuds de texte d'un document, dans l'ordre du fichier."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag != "tag:yaml.org,2002:str" or key in NOT_TEXT_KEYS:
            return []
        if parent == "validate" and key not in VALIDATE_TEXT_KEYS:
            return []
        return [node]
    if isinstance(node, yaml.SequenceNode):
        return [t for child in node.value for t in _texts(child, key, parent)]
    found = []
    for key_node, value_node in node.value:
        child_key = str(key_node.value)
        # `resources` est une liste d'identifiants dans une étape, mais une liste de ressources (avec
        # leurs textes) au niveau du guide : on ne saute que ses valeurs simples (voir plus haut).
        if child_key not in NOT_TEXT_KEYS or child_key == "resources":
            found += _texts(value_node, child_key, key)
    return found


def _line_of(source: str, node: yaml.ScalarNode, value: str, offset: int) -> int:
    """La ligne du fichier où se trouve le caractère `offset` de la valeur (blocs `>` et `|` compris)."""
    first = node.start_mark.line + 1
    if node.style not in (">", "|"):
        return first + value.count("\n", 0, offset)
    raw_lines = source[node.start_mark.index : node.end_mark.index].split("\n")[1:]
    position = 0
    for index, raw in enumerate(raw_lines):
        position += len(raw.strip()) + 1
        if offset < position:
            return first + 1 + index
    return first


def file_violations(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    problems = []
    for node in _texts(root):
        value = yaml.safe_load(source[node.start_mark.index : node.end_mark.index]) if node.style else node.value
        if not isinstance(value, str):
            value = node.value
        for offset, message in violations(value):
            problems.append(f"{path.name}:{_line_of(source, node, value, offset)}: {message}")
    return problems


@pytest.mark.parametrize("name", CONTENT_FILES)
def test_content_file_follows_french_typography(name: str) -> None:
    problems = file_violations(ROOT / "guide_data" / name)
    assert not problems, f"{len(problems)} faute(s) de typographie :\n" + "\n".join(problems[:40])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Quelle est ta situation ?", ["espace fine insécable (U+202F) attendue avant"]),
        (f"Quelle est ta situation{NBSP}?", ["espace fine insécable (U+202F) attendue avant"]),
        ("Vraiment?!", ["espace fine insécable (U+202F) attendue avant"]),
        ("Trois points : un", ["espace insécable (U+00A0) attendue avant"]),
        ("Trois points: un", ["espace insécable (U+00A0) attendue avant"]),
        ("« bonjour »", ["espace insécable (U+00A0) attendue après", "espace insécable (U+00A0) attendue avant"]),
        ("24 mois", ["espace insécable (U+00A0) attendue entre le nombre et son unité"]),
        (
            f"1 600{NBSP}€",
            ["espace fine insécable (U+202F) attendue dans"],
        ),
        ("85\n%", ["espace insécable (U+00A0) attendue entre le nombre et son unité"]),
    ],
)
def test_each_rule_catches_its_fault(text: str, expected: list[str]) -> None:
    assert [message.split(" : ")[0] for _, message in violations(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        f"Quelle est ta situation{NNBSP}?",
        f"Vraiment{NNBSP}?!",
        f"Trois points{NBSP}: un",
        f"«{NBSP}bonjour{NBSP}»",
        f"1{NNBSP}600{NBSP}€ sur 24{NBSP}mois, 85{NBSP}%",
        "https://example.org/?q=1 et 10:30",
        "entre 2026 et 2036, le code M1805, 13 et 24",
        "trois ans, un an",
    ],
)
def test_correct_texts_pass(text: str) -> None:
    assert violations(text) == []


def test_lines_are_found_inside_folded_blocks(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(
        "id: x\n"  # 1
        "help: >-\n"  # 2
        "  Première ligne correcte,\n"  # 3
        "  deuxième ligne fautive ?\n"  # 4
        "url: https://example.org/a?b\n"  # 5
        'title: "Titre : faux"\n'  # 6
        "steps:\n"  # 7
        "  - resources: [a, b]\n"  # 8
        "resources:\n"  # 9
        "  - id: r1\n"  # 10
        "    description: Une ressource ; fautive\n",  # 11
        encoding="utf-8",
    )
    problems = file_violations(path)
    assert [p.split(": ")[0] for p in problems] == ["g.yaml:4", "g.yaml:6", "g.yaml:11"]


def test_author_fixer_leaves_no_fault_and_touches_only_texts(tmp_path: Path) -> None:
    from tests.typography_fix import fix_source

    source = (
        "id: a:b\n"
        "url: https://example.org/?q=1\n"
        "help: >-\n"
        "  Il faut 1 600\n"
        "  € ; vraiment ?\n"
        'title: "Titre : « citation »"\n'
    )
    fixed = fix_source(source)
    path = tmp_path / "g.yaml"
    path.write_text(fixed, encoding="utf-8")
    assert file_violations(path) == []
    assert fix_source(fixed) == fixed  # rien de plus à corriger
    data = yaml.safe_load(fixed)
    assert data["id"] == "a:b" and data["url"] == "https://example.org/?q=1"
    assert data["help"] == f"Il faut 1{NNBSP}600{NBSP}€{NNBSP}; vraiment{NNBSP}?"
    assert data["title"] == f"Titre{NBSP}: «{NBSP}citation{NBSP}»"
