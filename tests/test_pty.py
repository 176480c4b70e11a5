"""Le vrai programme dans un pseudo-terminal (pexpect) : une étape entière, un retour, Ctrl-C puis reprise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import CTRL_C, DOWN, ENTER, answered, finish, run, spawn, stored_answers

pexpect = pytest.importorskip("pexpect")


def checked_answers(home: Path, guide: Path) -> dict[str, object]:
    """Les réponses enregistrées, après avoir vérifié que `status` relit le carnet sans erreur."""
    result = run("status", "--json", "--guide", str(guide), env={"RECONVERSION_HOME": str(home)})
    assert result.exit_code == 0, result.output
    return stored_answers(home)


def test_walk_a_whole_step_going_back_once(tmp_path: Path, mini_guide_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn("start", "--guide", str(mini_guide_path), home=home)
    child.expect("Étape 1/2 — Première étape")
    child.expect("Ta situation")
    child.send(DOWN + ENTER)  # Salarié·e (rien n'est pointé au départ)
    child.expect("Ton prénom")
    child.send("<" + ENTER)  # retour à la question précédente
    child.expect("Ta situation")
    child.send(ENTER)  # on garde « Salarié·e » (proposé par défaut)
    child.expect("Ton prénom")
    child.send("Ana" + ENTER)
    child.expect("Ton envie")
    child.send(DOWN * 3 + ENTER)  # 3 (la première flèche mène à 1)
    child.expect("Étape «\u00a0Première étape\u00a0» terminée")
    child.expect("Mon Compte Formation")
    child.expect("Parler à ton employeur")
    child.expect("On continue")
    child.send(DOWN + ENTER)  # m'arrêter là
    child.expect("À bientôt")
    assert finish(child) == 0
    assert checked_answers(home, mini_guide_path) == {"situation": "salarie", "prenom": "Ana", "note": 3}


def test_ctrl_c_keeps_answers_and_start_resumes_at_the_right_question(tmp_path: Path, mini_guide_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn("start", "--guide", str(mini_guide_path), home=home)
    child.expect("Ta situation")
    child.send(DOWN + ENTER)
    child.expect("Ton prénom")
    child.send("Ana" + ENTER)
    child.expect("Ton envie")
    child.send(CTRL_C)
    child.expect("Tes réponses sont enregistrées")
    child.expect("reconversion start")
    assert finish(child) == 130
    assert checked_answers(home, mini_guide_path) == {"situation": "salarie", "prenom": "Ana"}

    again = spawn("start", "--guide", str(mini_guide_path), home=home)
    again.expect("Étape 1/2 — Première étape")
    index = again.expect(["Ton envie", "Ta situation", "Ton prénom"])
    assert index == 0, "la reprise doit se faire à la première question sans réponse"
    again.send(DOWN + ENTER)  # 1
    again.expect("On continue")
    again.send(ENTER)  # continuer
    again.expect("Étape 2/2 — Deuxième étape")
    again.expect("Quand")
    again.send(CTRL_C)
    assert finish(again) == 130
    assert checked_answers(home, mini_guide_path) == {"situation": "salarie", "prenom": "Ana", "note": 1}


def test_builtin_guide_first_question_appears(tmp_path: Path) -> None:
    child = spawn("start", home=tmp_path / "home")
    child.expect("Étape 1/5")
    child.expect("Salarié·e du privé")
    child.send(CTRL_C)
    assert finish(child) == 130
    assert (tmp_path / "home" / "defaut.sqlite3").exists()


ALL_TYPES_GUIDE = """\
id: tous-types
version: "1"
language: fr
title: Tous les types
steps:
  - id: t1
    title: Chaque type de question
    intro: Une question de chaque type.
    questions:
      - {id: choix, type: select, prompt: Ton choix ?, choices: [{value: a, label: Premier}, {value: b, label: Second}]}
      - {id: handicap, type: confirm, sensitive: true, required: false, prompt: Une RQTH ?}
      - {id: envies, type: multiselect, prompt: Tes envies ?, choices: [Soin, Bois, Code]}
      - {id: note, type: scale, prompt: Ta note ?, scale_labels: {min: Faible, max: Forte}}
      - {id: montant, type: number, label: Ton solde, prompt: Ton solde en euros ?}
      - {id: quand, type: date, prompt: Quand commencer ?, validate: {after: today}}
      - {id: nom, type: text, prompt: Ton prénom ?}
      - {id: recit, type: long_text, prompt: Raconte ?}
    resources: [r]
resources:
  - {id: r, title: Une ressource, url: "https://example.org"}
"""
ENGLISH = re.compile(
    r"\b(done|selections?|Use arrow|toggle|invert|Answer|Description|Please|Invalid|input|Yes|No|y/N)\b"
)


@pytest.mark.parametrize("columns", [60, 120])
def test_every_question_type_speaks_french_only(tmp_path: Path, columns: int) -> None:
    guide = tmp_path / "tous.yaml"
    guide.write_text(ALL_TYPES_GUIDE, encoding="utf-8")
    home = tmp_path / "home"
    child = spawn("start", "--guide", str(guide), home=home)
    child.setwinsize(40, columns)
    transcript: list[str] = []

    def expect(text: str) -> None:
        child.expect(text)
        transcript.append(child.before + child.after)

    expect("Ton choix")
    child.send(ENTER)  # rien n'est pointé : message, pas de réponse
    expect("flèches")
    child.send(DOWN + ENTER)
    expect("Une RQTH")
    child.send(ENTER)  # question sensible : « Passer » est en tête et pointé
    expect("Tes envies")
    child.send(ENTER)  # rien de coché : refusé, en français
    expect("Coche au moins")
    child.send(" " + "\x1b[B" + " " + ENTER)
    expect("Ta note")
    child.send(DOWN * 5 + ENTER)
    expect("Ton solde")
    child.send("3 200 €" + ENTER)
    expect("Quand commencer")
    child.send("01/01/2020" + ENTER)  # passée : refusée avec un message français
    expect("après aujourd'hui")
    child.send("\x15" + "+2m" + ENTER)  # Ctrl-U efface la ligne
    expect("Ton prénom")
    child.send("Ana" + ENTER)
    expect("Raconte")
    child.send("Une histoire" + ENTER)
    expect("terminée")
    child.expect(pexpect.EOF)
    transcript.append(child.before)
    child.close()
    screen = "".join(transcript)
    assert "Forte" in screen and "Soin ; Bois" in screen
    found = ENGLISH.findall(screen.replace("example.org", ""))
    assert not found, f"anglais à l'écran : {found}"
    answers = checked_answers(home, guide)
    assert answers["handicap"] is None and answers["montant"] == 3200 and answers["envies"] == ["Soin", "Bois"]


def test_first_start_welcomes_then_later_starts_say_where_they_resume(tmp_path: Path, mini_guide_path: Path) -> None:
    home = tmp_path / "home"
    child = spawn("start", "--guide", str(mini_guide_path), home=home)
    child.expect("Mini guide")  # le titre du guide, puis où sont les données et comment circuler
    child.expect("rien n'est envoyé")
    child.expect("Ctrl-C met en")
    child.expect("Ta situation")
    child.send(DOWN + ENTER)
    child.expect("Ton prénom")
    child.send(CTRL_C)
    assert finish(child) == 130
    again = spawn("start", "--guide", str(mini_guide_path), home=home)
    index = again.expect(["Reprise\u00a0: étape 1/2, question 2 sur 3", "rien n'est envoyé"])
    assert index == 0, "pas de second accueil : une ligne dit où l'on reprend"
    again.send(CTRL_C)
    assert finish(again) == 130


def test_the_end_of_the_guide_says_what_to_do_next(tmp_path: Path, mini_guide_path: Path) -> None:
    home = tmp_path / "home"
    answered({"situation": "autre", "note": 2, "date_cible": "01/09/2030"}, mini_guide_path, home=home)
    child = spawn("start", "--guide", str(mini_guide_path), home=home)
    child.expect("Tes envies")
    child.send(" " + ENTER)
    child.expect("Tu as parcouru tout le guide")
    child.expect("status")
    child.expect("export")
    child.expect("actions")
    assert finish(child) == 0


def test_finishing_one_step_with_step_option_does_not_claim_the_whole_guide(
    tmp_path: Path, mini_guide_path: Path
) -> None:
    """`start --step s2` sur un profil dont l'étape 1 est vide : l'étape est finie, pas le guide."""
    home = tmp_path / "home"
    answered({"date_cible": "01/09/2030"}, mini_guide_path, home=home)
    child = spawn("start", "--step", "s2", "--guide", str(mini_guide_path), home=home)
    child.expect("Tes envies")
    child.send(" " + ENTER)
    index = child.expect(["L'étape «\u00a0Deuxième étape\u00a0» est terminée", "Tu as parcouru tout le guide"])
    assert index == 0
    child.expect("à l'étape 1/2")
    child.expect("start")
    assert finish(child) == 0


def test_ctrl_c_during_a_review_gives_the_command_for_that_step(tmp_path: Path, mini_guide_path: Path) -> None:
    home = tmp_path / "home"
    answered(
        {"situation": "autre", "note": 2, "date_cible": "01/09/2030", "envies": ["Bois"]}, mini_guide_path, home=home
    )
    child = spawn("start", "--guide", str(mini_guide_path), home=home)
    child.expect("Relire l'étape")
    child.send(DOWN + ENTER)  # étape 2
    child.expect("Quand")
    child.send(CTRL_C)
    child.expect("Pour relire de nouveau «\u00a0Deuxième étape\u00a0»")
    child.expect("start --step s2")
    assert finish(child) == 130


def test_start_question_asks_only_that_question(tmp_path: Path, mini_guide_path: Path) -> None:
    home = tmp_path / "home"
    answered({"situation": "autre", "note": 2}, mini_guide_path, home=home)
    child = spawn("start", "--question", "note", "--guide", str(mini_guide_path), home=home)
    child.expect("Ton envie")
    child.send(DOWN + ENTER)  # de 2 à 3
    child.expect("Réponse enregistrée")
    assert finish(child) == 0
    assert checked_answers(home, mini_guide_path)["note"] == 3
