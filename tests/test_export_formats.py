"""Les formats d'export : une table, un rendu du plan rassemblé une fois par format."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from helpers import plan_of, run
from reconversion.adapters.content import guide_files, metiers_files
from reconversion.core.export_formats import FORMATS, ExportFormat, export_choices, find_format, render
from reconversion.core.plan_data import Plan, PlanLookups
from reconversion.core.plan_html import render_plan_html
from reconversion.core.plan_markdown import render_plan

TODAY = dt.date(2027, 3, 1)
ANSWERS = {"situation": "salarie_prive", "contrat": "cdi", "metiers_cibles": ["M1805"], "date_cible": "2028-09-01"}
DATED = {"id": 1, "guide_action_id": None, "step_id": "reseau", "text": "Appeler Paul", "due_date": "2027-03-10",
         "done_at": None, "removed": False}  # fmt: skip


def full_plan() -> Plan:
    lookups = PlanLookups(catalogue=metiers_files.catalogue, interest_test=metiers_files.interest_test)
    return plan_of(guide_files.load(), ANSWERS, [DATED], today=TODAY, lookups=lookups)


@pytest.mark.parametrize("export_format", FORMATS, ids=lambda f: f.name)
def test_every_registered_format_renders_the_gathered_plan(export_format: ExportFormat) -> None:
    text = render(export_format, full_plan())
    assert text.endswith("\n") and len(text) > 200
    assert export_format.file_name.format(day="2027-03-01") != export_format.file_name or "{day}" not in (
        export_format.file_name
    )


def test_names_and_aliases_find_their_format_once() -> None:
    seen = [name for f in FORMATS for name in (f.name, *f.aliases)]
    assert len(seen) == len(set(seen))
    assert find_format(" MD ") == find_format("markdown")
    assert find_format("ical") == find_format("ics")
    assert find_format("pdf") is None


def test_the_help_and_the_refusal_name_exactly_the_registered_formats() -> None:
    names = [f.name for f in export_choices()]
    refused = run("export", "--format", "pdf")
    assert refused.exit_code != 0
    assert re.findall(r"« (\w+) »", refused.stderr)[1:] == names  # le premier est le format refusé
    assert "livre" not in names  # le livre du guide a sa commande, `guide export`
    help_text = " ".join(run("export", "--help").stdout.split())
    for export_format in export_choices():
        assert export_format.name in help_text


def test_text_and_charts_count_the_same_actions() -> None:
    """Le résumé du plan, ses cases à cocher et la figure des étapes lisent la même liste d'actions."""
    plan = full_plan()
    markdown = render_plan(plan)
    summary = re.search(r"Actions faites\s*:\s*(\d+) sur (\d+)", markdown)
    assert summary is not None and int(summary.group(2)) == len(plan.actions)
    tasks = re.findall(r"^\s*- \[[ x]\] ", markdown, flags=re.MULTILINE)
    assert len(tasks) == len(plan.actions)
    page = render_plan_html(plan)
    steps_description = re.search(r"<desc[^>]*>(.*?)</desc>", page, flags=re.DOTALL)  # la première figure
    assert steps_description is not None
    per_step = re.findall(r"actions faites\s*:\s*\d+ sur (\d+)", steps_description.group(1))
    assert sum(int(count) for count in per_step) == len(plan.actions)
