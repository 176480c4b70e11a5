"""Les identifiants de questions que le code lit (`core/question_ids.py`) existent dans le guide livré.

Renommer une question dans `guide_data/guide.yaml` sans changer ce module ferait taire un calcul
(financement, dates, certifications) sans la moindre erreur : ce test le dit avant.
"""

from __future__ import annotations

from pathlib import Path

from reconversion.core import question_ids
from reconversion.core.guide_loader import load_guide

GUIDE = Path(__file__).resolve().parents[1] / "guide_data" / "guide.yaml"


def test_every_question_the_code_reads_is_in_the_shipped_guide() -> None:
    known = {question.id for question in load_guide(GUIDE).questions}
    ids = {name: value for name, value in vars(question_ids).items() if name.isupper()}
    assert len(ids) >= 12  # le module n'a pas été vidé
    missing = {name: value for name, value in ids.items() if value not in known}
    assert missing == {}


def test_each_question_id_is_defined_once() -> None:
    values = [value for name, value in vars(question_ids).items() if name.isupper()]
    assert len(values) == len(set(values))
