"""Les états et les sortes : des identifiants ASCII (pour --json), un seul mot français par valeur (pour l'écran)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from reconversion.core import engine, followup, plan_calendar, schemas, timeline
from reconversion.core.guide_loader import load_guide
from reconversion.core.plan_svg import steps_figure

TABLES = [
    (schemas.StepState, engine.STATE_LABELS),
    (schemas.ActionStatus, followup.STATUS_LABELS),
    (schemas.FollowUpStatus, followup.FOLLOW_UP_LABELS),
    (schemas.EntryKind, timeline.KIND_MARKS),
    (schemas.EventKind, plan_calendar.KIND_LABELS),
]


@pytest.mark.parametrize(("vocabulary", "table"), TABLES)
def test_each_value_has_exactly_one_display(vocabulary: object, table: dict[str, str]) -> None:
    values = get_args(vocabulary)
    assert tuple(table) == values  # ni valeur oubliée à l'affichage, ni mot sans valeur
    assert all(value.isascii() and value.replace("_", "").isalpha() for value in values)


def test_the_words_shown_stay_the_french_ones() -> None:
    assert list(engine.STATE_LABELS.values()) == ["à faire", "en cours", "terminée"]
    assert list(followup.STATUS_LABELS.values()) == ["en retard", "aujourd'hui", "à faire", "faite"]
    assert list(followup.FOLLOW_UP_LABELS.values()) == ["en retard", "aujourd'hui", "bientôt", "plus tard"]
    assert get_args(schemas.ActionSource) == (followup.SOURCE_GUIDE, followup.SOURCE_PERSONAL)


def test_the_plan_picture_says_the_state_in_words(mini_guide_path: Path) -> None:
    step = load_guide(mini_guide_path).steps[0]
    started = steps_figure([engine.StepProgress(step, 2, 1, None)], [])
    done = steps_figure([engine.StepProgress(step, 2, 2, None)], [])
    assert "50 % · en cours" in started and "(50 %), en cours" in started
    assert "100 % · terminée" in done
    assert "started" not in started and "done" not in done


def test_the_types_cost_nothing_at_run_time() -> None:
    """`core/schemas.py` n'est lu que par mypy : aucune commande ne l'importe."""
    code = (
        "import sys\n"
        "import reconversion.cli\n"
        "from reconversion.commands import actions, calendrier, contacts, experiences, jobs, status, export\n"
        "from reconversion.adapters.storage import followup_store, backup_store\n"
        "from reconversion.adapters.screen import status_view\n"
        "from reconversion.adapters.rome import skills_reports\n"
        "from reconversion.core import backup, plan_svg, timeline\n"
        "print('reconversion.core.schemas' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_plurals_are_written_by_count_of() -> None:
    """« 3 réponses » passe par `core.french_count.count_of`, jamais par un « s » ajouté sur place."""
    import re

    root = Path(__file__).resolve().parents[1] / "src" / "reconversion"
    inline = re.compile(r"""['"]s['"] if [^'"\n]*(?:> ?1|!= ?1|>= ?2)""")  # un « s » qui dépend d'un nombre
    found = [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if inline.search(line)
    ]
    assert found == []
