"""Les chiffres d'autres écritures sont refusés exprès, avec la date ou le nombre en chiffres
0-9 à taper, au lieu d'être lus en silence (« ٢٠٢٨-٠٩-٠١ » → 2028-09-01, « ๓๒๐๐ » → 3200) ;
et une saisie d'un mégaoctet n'est pas recopiée entière dans le message d'erreur."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from helpers import run_program
from reconversion.core.dates import parse_date
from reconversion.core.question_types import KINDS
from reconversion.errors import AnswerError

FOREIGN_DATES = {
    "٢٠٢٨-٠٩-٠١": "2028-09-01",  # chiffres arabes-indiens
    "２０２８-０９-０１": "2028-09-01",  # pleine chasse
    "𝟐𝟎𝟐𝟖-𝟎𝟗-𝟎𝟏": "2028-09-01",  # mathématiques gras
    "१५/०९/२०२८": "15/09/2028",  # devanagari
    "+٣j": "+3j",
}


@pytest.mark.parametrize("text", FOREIGN_DATES)
def test_a_date_in_other_digits_is_not_read_silently(text: str) -> None:
    assert parse_date(text, dt.date(2026, 12, 7)) is None


@pytest.mark.parametrize(("text", "latin"), FOREIGN_DATES.items())
def test_the_refusal_gives_the_date_to_type_in_latin_digits(tmp_path: Path, text: str, latin: str) -> None:
    result = run_program(
        "actions", "add", "Appeler le CEP", "--due", text, home=tmp_path / "h", env={"RECONVERSION_TODAY": "2026-12-07"}
    )
    assert result.returncode == 2, result.stdout
    assert "chiffres" in result.stderr and latin in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("text", ["๓๒๐๐", "٣٢٠٠ €", "３２００", "1_000", "3\u0663"])
def test_a_number_in_other_digits_or_with_underscores_is_refused(text: str) -> None:
    question = _question("number")
    with pytest.raises(AnswerError) as refused:
        KINDS["number"].normalize(question, text, dt.date(2026, 12, 7))
    assert "chiffres" in refused.value.message or "n'est pas un nombre" in refused.value.message, refused.value.message


@pytest.mark.parametrize("text", ["٣", "３"])
def test_a_scale_in_other_digits_is_refused(text: str) -> None:
    with pytest.raises(AnswerError):
        KINDS["scale"].normalize(_question("scale"), text, dt.date(2026, 12, 7))


def test_an_identifier_in_other_digits_is_not_read(tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert run_program("actions", "add", "Appeler le CEP", home=home).returncode == 0
    result = run_program("actions", "done", "p١", home=home)
    assert result.returncode != 0
    assert "introuvable" in result.stderr or "identifiant" in result.stderr


def test_answers_file_with_thai_digits_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "r.yaml"
    answers.write_text('situation: salarie_prive\nannees_experience: "๓๒"\n', encoding="utf-8")
    result = run_program("start", "--answers", str(answers), home=tmp_path / "h")
    assert result.returncode != 0
    assert "« 32 »" in result.stderr and "chiffres" in result.stderr


def test_a_megabyte_input_is_not_echoed_whole(tmp_path: Path) -> None:
    huge = "9" * 120_000 + "-01-01"  # une option de ligne de commande : au plus 128 Kio
    result = run_program("actions", "add", "x", "--due", huge, home=tmp_path / "h")
    assert result.returncode == 2
    assert len(result.stderr) < 2_000
    answers = tmp_path / "r.yaml"
    answers.write_text(f'situation: salarie_prive\nannees_experience: "{"1" * 1_000_000}x"\n', encoding="utf-8")
    refused = run_program("start", "--answers", str(answers), home=tmp_path / "h")
    assert refused.returncode != 0
    assert len(refused.stderr) < 2_000, len(refused.stderr)


def _question(kind: str):
    from reconversion.core.guide_loader import parse_guide

    text = f"""\
id: t
version: "1"
language: fr
title: T
steps:
  - id: s1
    title: S
    intro: I
    questions:
      - id: q
        type: {kind}
        prompt: Q ?
resources: []
"""
    return parse_guide(text, "t.yaml").questions[0]


def test_an_unknown_step_or_identifier_shows_the_culprit_escaped_and_cut(tmp_path: Path) -> None:
    """Le message montre ce qui a été tapé, contrôles en \\uXXXX (au lieu de les taire), coupé s'il est long."""
    home = tmp_path / "h"
    step = run_program("actions", "add", "x", "--step", "\x1b[2Jbilan", home=home)
    assert step.returncode == 2 and "\\u001b[2Jbilan" in step.stderr
    long_id = run_program("contacts", "edit", "c" + "9" * 100_000, "--role", "r", home=home)
    assert long_id.returncode == 2 and len(long_id.stderr) < 2_000
