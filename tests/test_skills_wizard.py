"""L'assistant et les compétences : relier son métier actuel, passerelles suggérées, compétences à acquérir."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from fakes import METIERS_QUESTION, FakePrompter, RecordingScreen
from helpers import ROME_MINI, answered, run, spawn
from reconversion.adapters.prompts.arrow_prompts import SEARCH, Reply
from reconversion.adapters.screen.wizard_screen import Screen
from reconversion.adapters.storage.store import Store
from reconversion.commands.start import metier_chooser
from reconversion.core.model import Question
from reconversion.core.question_ids import CURRENT_JOB_CODE, CURRENT_JOB_TEXT
from reconversion.sessions.metier_choice import CHOOSE_NOW

CURRENT = Question(
    id=CURRENT_JOB_CODE,
    type="select",
    prompt="Veux-tu relier ton métier actuel à une fiche du ROME ?",
    choices_from="metiers",
    required=False,
)
TARGETS = METIERS_QUESTION


@pytest.fixture
def store(home: Path) -> Store:
    """Le carnet du profil, dans un dossier de données où le mini-ROME est importé."""
    assert run("jobs", "import", str(ROME_MINI)).exit_code == 0
    opened = Store.open(home, "defaut")
    assert opened is not None
    yield opened
    opened.close()


def test_pin_current_job_starts_from_the_free_text_answer(store: Store) -> None:
    store.save_answer(CURRENT_JOB_TEXT, "profil", "aide soignante")
    prompter = FakePrompter([Reply(SEARCH), Reply("D1102")], texts=["boulanger"])
    reply = metier_chooser(store, prompter, RecordingScreen()).ask(CURRENT, None, can_go_back=True)
    assert reply == Reply("D1102")
    first = prompter.labelled[0]
    assert first[0] == ("J1501", "Aide-soignant / Aide-soignante (J1501)")  # l'intitulé libre, déjà cherché
    assert first[-1] == (SEARCH, "🔎 Chercher ton métier par son nom…")
    assert prompter.labelled[1][0][0] == "D1102"  # le résultat de la recherche, en tête
    assert store.answers()[CURRENT_JOB_TEXT] == "aide soignante"  # la réponse libre reste


def test_pin_current_job_keeps_an_existing_choice_and_can_be_skipped(store: Store) -> None:
    prompter = FakePrompter([Reply(None)])
    reply = metier_chooser(store, prompter, RecordingScreen()).ask(CURRENT, "J1506", can_go_back=False)
    assert reply == Reply(None)
    assert [value for value, _ in prompter.labelled[0]] == ["J1506", SEARCH]


def test_targets_list_adds_bridges_from_the_pinned_job(store: Store) -> None:
    store.save_answer(CURRENT_JOB_CODE, "profil", "J1501")
    prompter = FakePrompter([Reply(["J1506"])], choices=[CHOOSE_NOW])
    notes = RecordingScreen()
    metier_chooser(store, prompter, notes).ask(TARGETS, None, can_go_back=True)
    offered = prompter.labelled[0]
    assert [value for value, _ in offered] == ["J1506", "K2111", "A1203", "D1102", "M1805"]
    labels = dict(offered)
    assert labels["J1506"].endswith("(J1506) — proche de ton métier actuel (71 % de ses compétences)")
    assert labels["A1203"].endswith("(A1203) — proche de ton métier actuel (50 % de ses compétences)")
    assert any("proches de ton métier actuel" in line for line in notes.lines)


def test_no_bridges_without_pinned_job(store: Store) -> None:
    prompter = FakePrompter([Reply([])], choices=[CHOOSE_NOW])
    metier_chooser(store, prompter, RecordingScreen()).ask(TARGETS, None, can_go_back=True)
    assert prompter.labelled[0] == []


def test_training_step_shows_skills_to_acquire_and_links_built_on_them(store: Store) -> None:
    store.save_answer(CURRENT_JOB_CODE, "profil", "J1501")
    chooser = metier_chooser(store, FakePrompter([]), RecordingScreen())
    nurse, tester = chooser.chosen_metiers(["J1506", "N9999"])
    assert nurse["skills"]["coverage"] == round(5 / 7, 4)
    assert [s["code"] for s in nurse["skills"]["to_develop"]] == ["107715", "107736"]
    assert nurse["links"][-2]["url"].endswith("quoi=R%C3%A9aliser+des+soins+infirmiers")
    assert tester["title"] == "Testeur / Testeuse de référentiel" and "skills" not in tester
    console = Console(record=True, width=200, color_system=None)
    Screen(console).chosen_metiers([nurse, tester])
    text = console.export_text()
    assert "Depuis ton métier actuel : 5 compétences sur 7 déjà acquises (71 %). À acquérir :" in text
    assert "  • Réaliser des soins infirmiers" in text
    assert "→ Formations « Réaliser des soins infirmiers » (France Travail)" in text


def test_skills_on_screen_cannot_drive_the_terminal(store: Store) -> None:
    nurse = {
        "code": "J1506",
        "title": "Infirmier\x1b]0;piège\x07",
        "access": [],
        "training_duration": None,
        "links": [{"label": "Formations « \x1b[2J »", "url": "https://example.org", "hint": ""}],
        "skills": {
            "from": "J1501",
            "coverage": 0.0,
            "held": [],
            "to_develop": [{"code": "1", "label": "Soigner\x1b[31m", "kind": "savoir-faire", "group": ""}],
        },
    }
    console = Console(record=True, width=200, color_system=None)
    Screen(console).chosen_metiers([nurse])
    text = console.export_text()
    assert "\x1b" not in text and "\x07" not in text
    assert "Soigner" in text and "[31m" not in text  # la séquence entière disparaît


def test_pin_current_job_in_the_real_wizard(store: Store, home: Path, tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    answered(
        "situation: salarie_prive\ncontrat: cdi\nstatut_cadre: false\ntranche_age: de_30_a_49\nrqth: false\n"
        "metier_actuel: aide soignante\n"
    )
    child = spawn("start", home=home, rows=60)
    child.expect("relier ton métier actuel")
    child.expect("Chercher ton métier par son nom")  # la liste : l'intitulé libre déjà cherché, puis la recherche
    child.send("\x1b[B\r")  # aucune ligne n'est présélectionnée : flèche vers le premier résultat (J1501), Entrée
    child.expect("années")
    child.send("\x03")
    child.expect(pexpect.EOF)
    reopened = Store.open(home, "defaut")
    assert reopened is not None
    try:
        assert reopened.answers()[CURRENT_JOB_CODE] == "J1501"
        assert reopened.answers()[CURRENT_JOB_TEXT] == "aide soignante"
    finally:
        reopened.close()


def test_recap_shows_the_pinned_job_title_never_the_bare_code() -> None:
    from rich.console import Console

    from reconversion.adapters.content import guide_files
    from reconversion.adapters.screen.wizard_screen import Screen

    guide = guide_files.load()
    question = guide.question(CURRENT_JOB_CODE)
    assert question is not None
    console = Console(record=True, width=200, color_system=None)
    Screen(console, metier_label=lambda code: f"Aide-soignant / Aide-soignante ({code})").answer_line(question, "J1501")
    line = console.export_text()
    assert "Ta fiche métier actuelle (ROME) : Aide-soignant / Aide-soignante (J1501)" in line


def test_the_questions_the_metier_choice_reads_are_in_the_shipped_guide() -> None:
    from reconversion.adapters.content import guide_files
    from reconversion.core.question_ids import JOB_IDEA

    guide = guide_files.load()
    kinds = {
        qid: (q.type, q.choices_from)
        for qid in (CURRENT_JOB_TEXT, CURRENT_JOB_CODE, JOB_IDEA)
        if (q := guide.question(qid))
    }
    assert kinds == {
        CURRENT_JOB_TEXT: ("text", None),
        CURRENT_JOB_CODE: ("select", "metiers"),
        JOB_IDEA: ("text", None),
    }
