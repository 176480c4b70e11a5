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
