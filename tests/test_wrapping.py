"""Des lignes coupées comme un texte : à 40, 60 et 100 colonnes, aucune commande ne coupe un mot,
et aucune ligne ne commence par « ; : ! ? » » ni ne finit par « « » (vrai programme, vrai terminal)."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest

from helpers import filled_profile, run_program, spawn

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
    child = spawn(*args, home=home, env={"COLUMNS": str(columns)}, rows=500, columns=columns, timeout=60)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, (args, child.before)
    return ANSI.sub("", child.before).replace("\r\n", "\n").split("\n")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wrap") / "h"
    filled_profile(
        folder,
        actions=[("Appeler la conseillère en évolution professionnelle pour un rendez-vous", "--due", "+2j")],
        contacts=[("Awa Diallo", "--organisation", "Chambre de commerce et d'industrie", "--follow-up", "+3j")],
        experiences=[("--kind", "immersion", "--organisation", "Boulangerie artisanale du quartier")],
    )
    return folder


@pytest.fixture(scope="module")
def wide_screens() -> dict[tuple[str, ...], list[str]]:
    """Chaque commande vue une fois à 1000 colonnes (le carnet ne change pas) : la référence des trois largeurs."""
    return {}


def words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


@pytest.mark.skipif(shutil.which("sh") is None, reason="pas de shell")
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
@pytest.mark.parametrize("columns", [40, 60, 100])
def test_no_word_is_cut_and_french_punctuation_stays_attached(
    home: Path, wide_screens: dict[tuple[str, ...], list[str]], command: list[str], columns: int
) -> None:
    if tuple(command) not in wide_screens:
        wide_screens[tuple(command)] = screen(command, 1000, home)
    wide = wide_screens[tuple(command)]
    narrow = screen(command, columns, home)
    for line in narrow:
        # une adresse web ou un chemin plus long que la ligne reste entier, seul sur sa ligne
        long_word = 1 <= len(line.split()) <= 2 and ("://" in line or "/" in line.split()[-1])
        # une commande conseillée plus longue que la ligne reste entière, seule sur sa ligne (recopiable)
        whole_command = line.split()[0].endswith("reconversion") if line.split() else False
        assert len(line) <= columns or long_word or whole_command, (columns, line)
        assert not re.match(r"^[;:!?»]", line.strip()), line
        assert not line.rstrip().endswith("«"), line
    assert words(narrow) == words(wide)


SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("command", [["status"], ["actions"], ["jobs", "show", "J1506"]], ids=lambda c: " ".join(c))
def test_no_color_and_dumb_terminals_get_no_colour(home: Path, command: list[str]) -> None:
    for extra in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        child = spawn(*command, home=home, env=extra, rows=24, columns=80, timeout=60)
        child.expect(pexpect.EOF)
        assert not SGR.search(child.before), (extra, command)


def test_force_color_colours_even_a_pipe(home: Path) -> None:
    coloured = run_program("status", home=home, env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert SGR.search(coloured.stdout)
    plain = run_program("status", home=home, env={"FORCE_COLOR": None, "NO_COLOR": None})
    assert not SGR.search(plain.stdout)


def test_arrow_questions_never_leave_a_guillemet_alone(monkeypatch) -> None:
    """C4 : « (« < » / » pour revenir) » coupait un guillemet seul en fin de ligne."""
    from reconversion.adapters.prompts.arrow_prompts import wrapped

    hint = "(JJ/MM/AAAA, « fin mars » ou « dans 3 mois » · « < » pour revenir · Entrée seule pour passer)"
    for columns in range(40, 121):
        monkeypatch.setenv("COLUMNS", str(columns))
        for line in wrapped("À partir de quelle date aimerais-tu exercer ton nouveau métier ?", hint).split("\n"):
            assert not line.rstrip().endswith("«"), (columns, line)
            assert not line.lstrip().startswith(("»", "?", ":")), (columns, line)


MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
SPLIT_PAIRS = [
    (re.compile(r"(?:^|\s)(?:\d+|1er)$"), re.compile(rf"^\s*(?:{MONTHS})\b")),  # « 6 / décembre »
    (re.compile(rf"(?:{MONTHS})$"), re.compile(r"^\s*\d{4}\b")),  # « décembre / 2026 »
    (re.compile(r"(?:^|\s)--?[a-z][\w-]*$"), re.compile(r"^\s*[^\s-]")),  # « --due / +7j », « -f / json »
]


def split_pairs(lines: list[str]) -> list[tuple[str, str]]:
    """Les coupures qui séparent un nombre de ce qu'il compte, un mois de son année, une option de sa valeur."""
    found = []
    for before, after in itertools.pairwise(lines):
        for end, start in SPLIT_PAIRS:
            if end.search(before.rstrip()) and start.match(after):
                found.append((before, after))
    return found


def test_split_pairs_sees_what_it_looks_for() -> None:
    assert split_pairs(["dernière activité : 6", "décembre 2026"])
    assert split_pairs(['ajoute : actions add "Appeler" --due', "+7j"])
    assert not split_pairs(["dernière activité :", "6 décembre 2026"])


@pytest.mark.parametrize("columns", [44, 52, 60, 68])
def test_dates_numbers_and_option_values_stay_whole(tmp_path: Path, home: Path, columns: int) -> None:
    """C4 : à 60 colonnes, « 6 / décembre » et « --due / +7j » étaient coupés (status, actions vides)."""
    empty = tmp_path / "vide"
    filled_profile(empty, answers={}, actions=(), contacts=("Awa Diallo",), experiences=())
    screens = [screen(["actions"], columns, empty), *(screen([name], columns, home) for name in ("status", "actions"))]
    for lines in screens:
        assert not split_pairs(lines), (columns, split_pairs(lines))
    assert any("--due +7j" in line for line in screens[0]), screens[0]


def test_wrap_line_keeps_glued_words_and_changes_no_character() -> None:
    from reconversion.core.text_wrap import wrap_line

    text = (
        'Ajoute la tienne : reconversion actions add "Appeler la CCI" --due +7j, avant le 6 décembre 2026 (150 h) ; '
        "sauvegarde : reconversion export -f json."
    )
    for width in range(20, len(text) + 1):
        lines = wrap_line(text, width)
        assert " ".join(lines) == text, width  # rien d'ajouté : une commande recopiée marche
        assert not split_pairs(lines), (width, lines)


@pytest.mark.parametrize("columns", [60, 120])
def test_the_job_sheet_bullets_hang(tmp_path: Path, columns: int) -> None:
    """C7 : sur la fiche d'un métier, la suite d'une ligne à puce s'aligne sous le texte, pas sous « • »."""
    lines = [line.rstrip() for line in screen(["jobs", "show", "K1801"], columns, tmp_path / "h")]
    bulleted = [i for i, line in enumerate(lines) if line.startswith("• ")]
    assert len(bulleted) >= 5
    # la suite d'une phrase coupée (minuscule, parenthèse) collée à la marge : la puce ne pend pas
    continued = [lines[i + 1] for i in bulleted if lines[i + 1][:1].islower() or lines[i + 1].startswith("(")]
    assert continued == [], continued
    if columns == 60:
        assert "• Titre professionnel Conseiller en insertion" in lines
        assert lines[lines.index("• Titre professionnel Conseiller en insertion") + 1].startswith("  professionnelle")
