"""Coût borné (audit D18) : compté en opérations et en tailles, jamais en secondes.

Un guide démesuré est refusé d'emblée ; dans les bornes, `status` et `actions` passent un
nombre de fois proportionnel à la taille du guide sur ses étapes et ses conditions (avant,
chaque étape refaisait un passage sur tout le guide). Une ligne immense est repliée par le
terminal, pas par rich (dont le découpage recopie le reste du texte à chaque ligne).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from rich.console import Console

from reconversion.adapters.screen.linear_console import LONG_LINE, LinearConsole
from reconversion.core import engine, followup, limits, model, status
from reconversion.core.guide_loader import parse_guide
from reconversion.errors import GuideError

DAY = dt.date(2027, 3, 1)


class CountingSteps(tuple):
    """Les étapes d'un guide, qui comptent combien d'étapes ont été parcourues en tout."""

    visited = 0

    def __iter__(self):  # type: ignore[override]
        CountingSteps.visited += len(self)
        return super().__iter__()


def big_guide(steps: int) -> model.Guide:
    return model.Guide(
        "g",
        "1",
        "fr",
        "Grand guide",
        CountingSteps(
            model.Step(
                f"s{i}",
                f"Étape {i}",
                "",
                (model.Question(id=f"q{i}", type="text", prompt="?", step_id=f"s{i}"),),
                (),
                (model.Action(f"a{i}", "Faire", f"s{i}", model.Answered("q0"), 3),),
            )
            for i in range(steps)
        ),
        {},
    )


def work(steps: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """(étapes parcourues, conditions évaluées) pour le statut et la liste d'actions d'un guide de `steps` étapes."""
    calls = [0]
    real = engine.holds

    def counting(condition, answers):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return real(condition, answers)

    monkeypatch.setattr(engine, "holds", counting)
    monkeypatch.setattr(followup.engine, "holds", counting)
    guide = big_guide(steps)
    answers = {"q0": "oui"}
    CountingSteps.visited = 0
    status.build_status(guide, answers, {}, profile="p", store_path="x")
    items = followup.action_items(guide, answers, [], base_day=DAY, today=DAY)
    assert len(items) == steps
    [followup.action_json(item, guide, DAY) for item in items]
    followup.groups(items, guide)
    return CountingSteps.visited, calls[0]


def test_status_and_actions_cost_grows_linearly_with_the_guide(monkeypatch: pytest.MonkeyPatch) -> None:
    small = work(100, monkeypatch)
    large = work(400, monkeypatch)  # 4 fois plus d'étapes : 4 fois plus de travail, pas 16
    assert large[0] <= 4.5 * small[0], (small, large)
    assert large[1] <= 4.5 * small[1], (small, large)


def guide_text(steps: int, questions_per_step: int = 1) -> str:
    lines = ["id: grand", 'version: "1"', "language: fr", "title: Grand", "resources: []", "steps:"]
    for i in range(steps):
        lines += [f"  - id: s{i}", f"    title: Étape {i}", "    intro: Intro.", "    questions:"]
        lines += [f"      - {{id: q{i}_{j}, type: text, prompt: Question ?}}" for j in range(questions_per_step)]
    return "\n".join(lines) + "\n"


def test_a_guide_with_too_many_steps_is_refused_with_its_position() -> None:
    with pytest.raises(GuideError) as refused:
        parse_guide(guide_text(limits.MAX_STEPS + 1), "grand.yaml")
    assert refused.value.problems == [
        f"grand.yaml:7:3: steps: trop d'étapes ({limits.MAX_STEPS + 1}) : un guide en compte au plus {limits.MAX_STEPS}"
    ]


def test_a_guide_with_too_many_questions_is_refused_where_the_limit_is_crossed() -> None:
    with pytest.raises(GuideError) as refused:
        parse_guide(guide_text(100, 21), "grand.yaml")  # 2 100 questions : la 2 001e est dans l'étape 95
    (problem,) = refused.value.problems
    line = 6 + 95 * (4 + 21) + 5
    assert problem == (
        f"grand.yaml:{line}:7: steps[95].questions: trop de questions : un guide en compte au plus "
        f"{limits.MAX_QUESTIONS} en tout"
    )


def test_a_guide_at_the_limits_is_accepted() -> None:
    guide = parse_guide(guide_text(limits.MAX_STEPS, limits.MAX_QUESTIONS // limits.MAX_STEPS), "grand.yaml")
    assert len(guide.steps) == limits.MAX_STEPS and len(guide.questions) == limits.MAX_QUESTIONS


def render(console_class: type[Console], text: str) -> str:
    console = console_class(file=io.StringIO(), width=80, highlight=False, color_system=None)
    console.print(f"  ☐ [bold]p1[/bold]  {text} — demain")
    return console.file.getvalue()


def test_a_huge_line_is_written_once_and_wrapped_by_the_terminal() -> None:
    text = "mot " * 50_000  # 200 000 caractères
    shown = render(LinearConsole, text)
    assert shown.count("\n") == 1 and text.strip() in shown  # une seule ligne : aucun découpage par rich
    assert render(Console, text).count("\n") > 2_000  # rich seul la découpe (en recopiant le reste à chaque fois)


def test_ordinary_lines_are_still_wrapped_between_words() -> None:
    text = "mot " * (LONG_LINE // 8)
    shown = render(LinearConsole, text)
    assert shown.split() == render(Console, text).split() and shown.count("\n") > 5
    assert all(len(line) <= 80 for line in shown.splitlines())
    assert all(line.startswith("    mot") for line in shown.splitlines()[1:])  # en retrait sous « ☐ »


def test_an_action_text_is_capped_at_input(tmp_path: Path) -> None:
    from reconversion.adapters.storage.followup_store import check_fields
    from reconversion.errors import UsageError

    check_fields({"text": "x" * limits.MAX_TEXT})
    with pytest.raises(UsageError, match="texte trop long"):
        check_fields({"text": "x" * (limits.MAX_TEXT + 1)})
