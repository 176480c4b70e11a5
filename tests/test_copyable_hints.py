"""Les conseils qui nomment une commande la donnent entière, telle que la personne lance l'outil :
recopiée depuis l'écran ou le plan, elle marche (jamais « commande « funding » » seule)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import ok
from reconversion.core.funding_loader import load_funding
from reconversion.core.funding_text import heading, recap_lines, stored_result
from reconversion.core.guide_loader import load_guide

DATA = Path(__file__).resolve().parents[1] / "guide_data"
TODAY = dt.date(2026, 12, 7)
PRICED = {"situation": "salarie_prive", "contrat": "cdi", "cout_formation": 4500, "duree_formation": 9}


def _funding() -> tuple[object, object]:
    guide = load_guide(DATA / "guide.yaml")
    return guide, load_funding(DATA / "financement.yaml", guide)


def test_recap_names_the_funding_command_as_given() -> None:
    guide, funding = _funding()
    command = ".venv/bin/reconversion funding --profile perso"
    for answers in (PRICED, {"situation": "salarie_prive"}):
        text = "\n".join(recap_lines(funding, guide, answers, TODAY, command))  # type: ignore[arg-type]
        assert command in text, text
        assert "commande «" not in text


def test_heading_says_plainly_which_check_is_the_oldest() -> None:
    guide, funding = _funding()
    result = stored_result(funding, guide, PRICED, TODAY)  # type: ignore[arg-type]
    assert result is not None
    text = heading(result).replace("\u00a0", " ")
    assert "au plus tôt" not in text
    assert "la plus ancienne vérification date du" in text


def test_plan_writes_whole_commands(home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "reponses.yaml"
    answers.write_text(
        "situation: salarie_prive\ncontrat: cdi\nmetiers_cibles: [M1855]\ncout_formation: 4500\nduree_formation: 9\n",
        encoding="utf-8",
    )
    ok("start", "--answers", str(answers))
    plan = ok("export", "-o", "-").replace("\u00a0", " ")
    assert "commande «" not in plan
    assert "reconversion funding`" in plan
    assert "reconversion certifications import FICHIER`" in plan


def test_status_says_once_what_the_action_identifiers_are_for(home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "reponses.yaml"
    answers.write_text("situation: salarie_prive\ncontrat: cdi\n", encoding="utf-8")
    ok("start", "--answers", str(answers))
    shown = ok("status").replace("\u00a0", " ")
    actions = shown.split("Prochaines actions", 1)[1]
    first = actions.split("\n")[1].split()[-1]  # l'identifiant en fin de ligne
    assert first.isidentifier()
    assert shown.count("actions done ID") == 1
    assert f"où ID est l'identifiant écrit en fin de ligne (par exemple {first})" in shown
