"""Ce qu'on recopie depuis l'écran reste entier : une adresse ou une commande plus longue que la ligne
est seule sur sa ligne, jamais coupée (« …evolution-profe » / « ssionnelle-cep ») ; les lignes
suivantes d'une ressource ou d'un récapitulatif sont en retrait sous leur puce (en processus)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from reconversion.adapters.screen.linear_console import LinearConsole
from reconversion.adapters.screen.wizard_screen import Screen
from reconversion.core.guide_loader import load_guide
from reconversion.core.text_wrap import wrap_line

DATA = Path(__file__).resolve().parents[1] / "guide_data"
CEP = "https://travail-emploi.gouv.fr/le-conseil-en-evolution-professionnelle-cep"


def _recap(width: int) -> list[str]:
    guide = load_guide(DATA / "guide.yaml")
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    screen = Screen(console=console)
    answers = {
        "situation": "salarie_prive",
        "contrat": "cdi",
        "competences_transferables": "Gestion de budget, relation client, organisation d'équipes sur plusieurs sites",
    }
    screen.step_recap(guide, guide.steps[0], answers)
    screen.lines(["  • CPF seul : reste à ta charge 3 000 € ; pour vivre : 2 200 € par mois pendant 9 mois"])
    return console.file.getvalue().splitlines()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [60, 120])
def test_recap_keeps_addresses_whole_and_indents_under_the_bullet(width: int) -> None:
    lines = _recap(width)
    assert any(line.strip() == CEP or line.endswith(f"— {CEP}") for line in lines), lines
    headings = {"Ressources utiles", "À faire"}
    indent: int | None = None
    for line in lines:
        assert len(line) <= width or "://" in line, line
        stripped = line.lstrip()
        if not stripped or line in headings or stripped.startswith("─"):
            indent = None
        elif stripped.startswith(("• ", "☐ ")):
            indent = len(line) - len(stripped) + 2
        elif indent is not None:  # une ligne qui continue une puce est en retrait sous son texte
            assert line.startswith(" " * indent), (width, line)
    if width == 60:  # la réponse longue et la ligne du financement se continuent en retrait
        assert "  relation client, organisation d'équipes sur plusieurs" in lines
        assert any(line.startswith("    2 200 € par mois") for line in lines), lines


def test_a_long_address_is_never_folded_by_rich() -> None:
    url = "https://www.data.gouv.fr/fr/datasets/repertoire-national-des-certifications-professionnelles/"
    console = LinearConsole(file=io.StringIO(), width=60, color_system=None, highlight=False)
    console.print(f"  [link={url}]{url}[/link]")
    console.print(f"• Fiche métier — {url}")
    shown = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert shown == [f"  {url}", "• Fiche métier —", f"  {url}"]


def test_a_command_stays_whole_at_the_end_of_a_hint() -> None:
    program = "/home/awa/reconversion/.venv/bin/reconversion"
    line = f"  • où tu en es et tes prochaines actions : {program} status"
    assert wrap_line(line, 60) == ["  • où tu en es et tes prochaines actions :", f"    {program} status"]
    hint = f"Pour continuer : {program} start --step bilan --profile perso pour voir"
    assert f"{program} start --step bilan --profile perso" in wrap_line(hint, 60)


def test_search_addresses_are_shown_readable_but_keep_their_meaning() -> None:
    from reconversion.core.spoken import readable_url

    url = "https://candidat.francetravail.fr/formations/recherche?quoi=D%C3%A9veloppeur+web&x=C%2B%2B%20a%26b"
    shown = readable_url(url)
    assert shown == "https://candidat.francetravail.fr/formations/recherche?quoi=Développeur+web&x=C%2B%2B%20a%26b"
    assert readable_url("https://x.fr/?q=%E2%80%AE") == "https://x.fr/?q=%E2%80%AE"  # invisible : encodé
    assert readable_url("https://x.fr/?q=%C3") == "https://x.fr/?q=%C3"  # UTF-8 incomplet : tel quel


def test_the_job_sheet_shows_its_search_address_readable(home: Path) -> None:
    """`jobs show` comme le récapitulatif de l'assistant : « quoi=Développeur », pas « quoi=D%C3%A9veloppeur »."""
    from helpers import ok

    shown = ok("jobs", "show", "M1805")
    assert "recherche?quoi=Développeur+informatique" in shown
    assert "%C3%A9" not in shown
