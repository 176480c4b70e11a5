"""A1 : dans l'assistant à flèches, une date comme on la dit, et un refus lisible en entier à 60 colonnes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import finish, spawn, stored_answers

pexpect = pytest.importorskip("pexpect")

ENTER = "\r"


def loose(text: str) -> str:
    """Le motif d'un texte coupé sur plusieurs lignes d'écran (espaces, retours, séquences de couleur)."""
    gap = r"(?:\s|\x1b\[[0-9;?]*[A-Za-z])+"
    return gap.join(re.escape(part) for part in text.split(" "))


@pytest.mark.parametrize("columns", [60, 120])
def test_a_refused_date_is_shown_whole_then_a_spoken_date_is_echoed(
    tmp_path: Path, mini_guide_path: Path, columns: int
) -> None:
    home = tmp_path / "home"
    child = spawn(
        "start", "--guide", str(mini_guide_path), "--step", "s2",
        home=home, env={"RECONVERSION_TODAY": "2026-12-06"}, columns=columns, rows=30,
    )  # fmt: skip
    child.expect("Quand")
    child.send("le 32 decembre" + ENTER)
    child.expect(loose("dans 3 mois ou dans 2 semaines)"))  # la fin du message, exemples compris
    child.send("\x15" + "fin mars" + ENTER)  # Ctrl-U efface la ligne
    child.expect(loose("= mercredi 31 mars 2027"))
    child.expect("Tes envies")
    child.send("\x03")
    finish(child)
    assert stored_answers(home)["date_cible"] == "2027-03-31"


LONG_HELP_GUIDE = """\
id: aides
version: "1"
language: fr
title: Aides longues
resources: []
steps:
  - id: s1
    title: Un
    intro: Début.
    questions:
      - id: q1
        type: text
        prompt: Première ?
        help: Une aide assez longue pour tenir sur plusieurs lignes à soixante colonnes, avec des mots.
  - id: s2
    title: Deux
    intro: Suite.
    questions:
      - id: q2
        type: text
        prompt: Seconde ?
        help: Une autre aide assez longue pour tenir sur plusieurs lignes à soixante colonnes, elle aussi.
"""


def test_help_keeps_its_hanging_indent_after_a_step_recap(tmp_path: Path) -> None:
    """C7 : après « Continuer avec l'étape suivante », l'aide garde son retrait suspendu."""
    guide = tmp_path / "aides.yaml"
    guide.write_text(LONG_HELP_GUIDE, encoding="utf-8")
    child = spawn("start", "--guide", str(guide), home=tmp_path / "home", columns=60, rows=40)
    child.expect("Première")
    child.send("un" + ENTER)
    child.expect("On continue")
    child.send(ENTER)  # « Continuer avec l'étape suivante »
    child.expect("Seconde")
    child.send("\x03")
    finish(child)
    from helpers import transcript

    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", transcript(child)).replace("\r\n", "\n")
    second = screen[screen.index("Une autre aide") :].split("\n")
    assert second[1].startswith("  ") and second[1].strip(), second[:3]  # la suite de l'aide, en retrait
