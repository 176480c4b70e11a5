"""Des lignes coupées comme un texte : à 40, 60 et 100 colonnes, aucune commande ne coupe un mot,
et aucune ligne ne commence par « ; : ! ? » » ni ne finit par « « » (vrai programme, vrai terminal)."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
COMMANDS = [
    ["status"],
    ["actions"],
    ["contacts"],
    ["experiences"],
    ["jobs", "search", "infirmier"],
    ["jobs", "show", "J1506"],
    ["profiles"],
]


def screen(args: list[str], columns: int, home: Path) -> list[str]:
    """Les lignes telles que le terminal les affiche, sans les codes de couleur."""
    env = {**os.environ, "RECONVERSION_HOME": str(home), "TERM": "xterm", "COLUMNS": str(columns)}
    child = pexpect.spawn(
        sys.executable, ["-m", "reconversion", *args], env=env, dimensions=(500, columns), encoding="utf-8", timeout=60
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, (args, child.before)
    return ANSI.sub("", child.before).replace("\r\n", "\n").split("\n")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import subprocess

    folder = tmp_path_factory.mktemp("wrap") / "h"
    answers = folder.parent / "r.yaml"
    answers.write_text("situation: salarie_prive\ncontrat: cdi\n", encoding="utf-8")
    env = {**os.environ, "RECONVERSION_HOME": str(folder)}
    for command in (
        ["start", "--answers", str(answers)],
        ["actions", "add", "Appeler la conseillère en évolution professionnelle pour un rendez-vous", "--due", "+2j"],
        ["contacts", "add", "Awa Diallo", "--organisation", "Chambre de commerce et d'industrie", "--follow-up", "+3j"],
        ["experiences", "add", "--kind", "immersion", "--organisation", "Boulangerie artisanale du quartier"],
    ):
        subprocess.run([sys.executable, "-m", "reconversion", *command], env=env, check=True, capture_output=True)
    return folder


def words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


@pytest.mark.skipif(shutil.which("sh") is None, reason="pas de shell")
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("columns", [40, 60, 100])
def test_no_word_is_cut_and_french_punctuation_stays_attached(home: Path, command: list[str], columns: int) -> None:
    wide = screen(command, 1000, home)
    narrow = screen(command, columns, home)
    for line in narrow:
        long_word = len(line.split()) <= 2 and "://" in line  # une adresse plus longue que la ligne reste entière
        assert len(line) <= columns or long_word, (columns, line)
        assert not re.match(r"^[;:!?»]", line.strip()), line
        assert not line.rstrip().endswith("«"), line
    assert words(narrow) == words(wide)


SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("command", [["status"], ["actions"], ["jobs", "show", "J1506"]], ids=lambda c: " ".join(c))
def test_no_color_and_dumb_terminals_get_no_colour(home: Path, command: list[str]) -> None:
    for extra in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        env = {**os.environ, "RECONVERSION_HOME": str(home), "TERM": "xterm", **extra}
        child = pexpect.spawn(sys.executable, ["-m", "reconversion", *command], env=env, encoding="utf-8", timeout=60)
        child.expect(pexpect.EOF)
        assert not SGR.search(child.before), (extra, command)


def test_force_color_colours_even_a_pipe(home: Path) -> None:
    import subprocess

    env = {**os.environ, "RECONVERSION_HOME": str(home), "FORCE_COLOR": "1"}
    env.pop("NO_COLOR", None)
    coloured = subprocess.run([sys.executable, "-m", "reconversion", "status"], env=env, capture_output=True, text=True)
    assert SGR.search(coloured.stdout)
    env.pop("FORCE_COLOR")
    plain = subprocess.run([sys.executable, "-m", "reconversion", "status"], env=env, capture_output=True, text=True)
    assert not SGR.search(plain.stdout)
