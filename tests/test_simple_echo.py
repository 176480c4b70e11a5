"""Mode simple : ce que dit « Entrée seule » et l'écho de la réponse parlent de la même façon, et un
nombre est redit compris, avec son unité (« Ta réponse : 2 100 €. »), comme un choix ou une date."""

from __future__ import annotations

import io
from pathlib import Path

from reconversion.adapters.prompts.plain_prompts import PlainPrompter
from reconversion.core.guide_loader import load_guide

DATA = Path(__file__).resolve().parents[1] / "guide_data"


def _asked(question_id: str, typed: str, default: object) -> tuple[object, str]:
    guide = load_guide(DATA / "guide.yaml")
    question = next(q for q in guide.questions if q.id == question_id)
    out = io.StringIO()
    reply = PlainPrompter(stdin=io.StringIO(typed), stdout=out).ask(question, default, can_go_back=False)
    return reply.value, out.getvalue().replace("\u00a0", " ").replace("\u202f", " ")


def test_the_default_of_a_scale_is_said_like_its_echo() -> None:
    value, shown = _asked("satisfaction_actuelle", "\n", 3)
    assert value == 3
    assert "Entrée seule : choisir « Entre les deux (3) »." in shown
    assert "Ton choix : Entre les deux (3)." in shown
    assert "3 — Entre les deux »" not in shown


def test_a_number_is_said_back_with_its_unit() -> None:
    value, shown = _asked("solde_cpf", "2100\n", None)
    assert value == "2100"
    assert shown.rstrip().endswith("Ta réponse : 2 100 €.")
    _, years = _asked("annees_experience", "12\n", None)
    assert years.rstrip().endswith("Ta réponse : 12 ans.")


def test_a_skipped_number_is_not_said_back() -> None:
    value, shown = _asked("solde_cpf", "\n", None)
    assert value == "" and shown.rstrip().endswith("Ta réponse :")
