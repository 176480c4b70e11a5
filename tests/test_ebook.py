"""Le guide complet en livre Markdown : structure lue avec markdown-it-py, et `reconversion guide export`."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from helpers import run
from reconversion.adapters.content import guide_files
from reconversion.core.ebook import EBOOK_TITLE, RESOURCES_TITLE, render_ebook, slug
from reconversion.core.guide_loader import load_guide


def parse(text: str) -> list:
    return MarkdownIt("commonmark").enable("table").parse(text)


def flat(tokens: list) -> list:
    return [t for token in tokens for t in (token, *(token.children or []))]


def headings(tokens: list, tag: str) -> list[str]:
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == tag]


def section(text: str, title: str) -> str:
    """Le texte d'une section `## title`, jusqu'à la section suivante."""
    return text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


@pytest.fixture(scope="module")
def builtin() -> tuple:
    guide = guide_files.load()
    return guide, render_ebook(guide)


def test_title_contents_and_five_steps_in_order(builtin: tuple) -> None:
    guide, text = builtin
    tokens = parse(text)
    assert headings(tokens, "h1") == [EBOOK_TITLE]
    steps = [f"Étape {i} — {s.title}" for i, s in enumerate(guide.steps, start=1)]
    assert len(steps) == 5
    assert headings(tokens, "h2") == ["Sommaire", *steps, RESOURCES_TITLE]
    contents = [unquote(t.attrGet("href")) for t in flat(parse(section(text, "Sommaire"))) if t.type == "link_open"]
    assert contents == [f"#{slug(h)}" for h in [*steps, RESOURCES_TITLE]]
    assert guide.intro.split()[0] in text


def test_slug_follows_github_anchors() -> None:
    assert slug("Étape 4 — Gagner de l'expérience") == "étape-4--gagner-de-lexpérience"
    assert slug("Toutes les ressources") == "toutes-les-ressources"


def test_every_step_has_its_intro_and_a_worksheet_of_all_its_questions(builtin: tuple) -> None:
    guide, text = builtin
    for number, step in enumerate(guide.steps, start=1):
        body = section(text, f"Étape {number} — {step.title}")
        assert re.sub(r"[ \n]+", " ", step.intro) in body  # les espaces insécables restent
        for index, question in enumerate(step.questions, start=1):
            assert f"**{index}. {question.title}**" in body
            assert question.prompt in body
            for choice in question.choices:
                assert f"- [ ] {choice.label}" in body
        for action in step.actions:
            assert f"- [ ] {action.text}" in body


def test_answer_spaces_are_not_turned_into_rules_or_code(builtin: tuple) -> None:
    _, text = builtin
    kinds = {t.type for t in flat(parse(text))}
    assert "hr" not in kinds and "code_block" not in kinds and "html_block" not in kinds
    assert "Ta réponse : ____" in text
    assert "Entoure ta note : 1 — 2 — 3 — 4 — 5" in text


def test_final_section_links_every_resource(builtin: tuple) -> None:
    guide, text = builtin
    tokens = flat(parse(section(text, RESOURCES_TITLE)))
    hrefs = [t.attrGet("href") for t in tokens if t.type == "link_open"]
    # chaque ressource, suivie des liens de ses sources
    assert hrefs == [url for r in guide.resources.values() for url in (r.url, *(s.url for s in r.sources))]
    conditional = next(r for r in guide.resources.values() if r.when is not None)
    assert f"[{conditional.title}]({conditional.url}) — " in text
    assert "*(selon ta situation)*" in text


def test_mini_guide_worksheet_details(mini_guide_path: Path) -> None:
    text = render_ebook(load_guide(mini_guide_path))
    assert "**2. Ton prénom ?** *(selon ta situation)*" in text
    assert "**3. Ton envie ?** *(facultatif)*" in text
    assert "> *Elle oriente la suite.*" in text
    assert "Plusieurs réponses possibles (2 au plus).\n\n- [ ] Soin\n- [ ] Bois\n- [ ] Code" in text
    assert "- [ ] Faire un premier pas *(dans les 10 jours)*" in text
    assert "- [ ] Parler à ton employeur *(selon ta situation)*" in text
    assert "Date : ____ / ____ / ________" in text


def test_guide_export_command(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builtin: tuple) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("guide", "export")
    assert result.exit_code == 0, result.output
    path = tmp_path / "guide-complet-reconversion.md"
    assert result.stdout.strip() == f"Le guide complet est prêt : {path}"
    assert path.read_text(encoding="utf-8") == builtin[1]
    assert os.stat(path).st_mode & 0o777 == 0o644  # rien de personnel : lisible par tous
    refused = run("guide", "export")
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert run("guide", "export", "--force").exit_code == 0
    out = run("guide", "export", "-o", "-")
    assert out.exit_code == 0 and out.stdout == builtin[1]
    assert not home.exists()
