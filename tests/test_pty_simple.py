"""Le mode simple dans un vrai pseudo-terminal : une étape entière en tapant des lignes, sans séquence d'écran."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import pytest

from helpers import CTRL_C, finish, run, spawn, stored_answers, transcript

pexpect = pytest.importorskip("pexpect")


def simple_spawn(*args: str, home: Path, columns: int = 100, env: dict[str, str] | None = None) -> pexpect.spawn:
    """Une fenêtre de 40 lignes (100 colonnes sauf mention), sans variable qui choisirait le mode ou les couleurs."""
    return spawn(*args, home=home, env=env, rows=40, columns=columns)


def words(text: str) -> str:
    """Un motif qui accepte les espaces insécables que l'affichage met à la française (« : », « ? »)."""
    return r"\s".join(re.escape(part) for part in text.split(" "))


ANSWER = r"Ta\sr[ée]ponse\s:\s"  # « é » devient « e » sur un terminal ASCII


def answer(child: pexpect.spawn, line: str) -> None:
    child.expect(ANSWER)
    child.sendline(line)


@pytest.mark.parametrize("columns", [60, 120])
def test_a_whole_step_typed_as_lines_with_a_step_back(tmp_path: Path, mini_guide_path: Path, columns: int) -> None:
    home = tmp_path / "home"
    child = simple_spawn("start", "--simple", "--guide", str(mini_guide_path), home=home, columns=columns)
    child.expect(words("Étape 1/2 — Première étape"))
    child.expect(words("Aide : Elle oriente la suite."))
    child.expect(words("1. Salarié ou salariée"))
    child.expect(words("2. Autre"))
    answer(child, "")  # question obligatoire sans défaut : redemandée
    child.expect(words("Tape le numéro d'une réponse"))
    answer(child, "1")
    child.expect(words("Ton prénom"))
    answer(child, "<")
    child.expect(words("Ta situation"))
    child.expect(words("choisir « Salarié ou salariée »"))
    answer(child, "")  # Entrée garde la réponse enregistrée
    child.expect(words("Ton prénom"))
    answer(child, "Ana")
    child.expect(words("Ton envie"))
    answer(child, "3")
    child.expect(words("Étape « Première étape » terminée"))
    child.expect(words("Mon Compte Formation"))
    child.expect(words("On continue"))
    answer(child, "2")
    child.expect(words("À bientôt"))
    assert finish(child) == 0
    assert stored_answers(home) == {"situation": "salarie", "prenom": "Ana", "note": 3}
    # les mêmes réponses données par fichier (`--answers`) enregistrent exactement la même chose
    other = tmp_path / "autre"
    answers = tmp_path / "reponses.yaml"
    answers.write_text("situation: salarie\nprenom: Ana\nnote: 3\n", encoding="utf-8")
    args = ["start", "--answers", str(answers), "--guide", str(mini_guide_path)]
    result = run(*args, env={"RECONVERSION_HOME": str(other)})
    assert result.exit_code == 0, result.output
    assert stored_answers(other) == stored_answers(home)
    screen = transcript(child)
    assert "\x1b" not in screen, "aucune séquence d'échappement : ni couleur, ni curseur, ni effacement"
    assert "─" not in screen and "↩" not in screen


def test_each_answer_is_saved_at_once_and_ctrl_c_pauses_with_the_resume_hint(
    tmp_path: Path, mini_guide_path: Path
) -> None:
    home = tmp_path / "home"
    child = simple_spawn("start", "--simple", "--guide", str(mini_guide_path), home=home)
    answer(child, "1")
    answer(child, "Ana")
    child.expect(words("Ton envie"))
    child.expect(ANSWER)
    child.kill(signal.SIGKILL)  # arrêt brutal au milieu de l'étape
    child.close()
    assert stored_answers(home) == {"situation": "salarie", "prenom": "Ana"}

    again = simple_spawn("start", "--simple", "--guide", str(mini_guide_path), home=home)
    again.expect(words("Reprise : étape 1/2"))
    again.expect(words("Ton envie"))
    again.expect(ANSWER)
    again.send(CTRL_C)
    again.expect(words("Pause ! Tes réponses sont enregistrées"))
    again.expect(r"reconversion\s+start\s+--simple")  # reprendre en mode simple, comme on a commencé
    assert finish(again) == 130
    assert "\x1b" not in transcript(again)


def test_term_dumb_switches_to_simple_mode(tmp_path: Path, mini_guide_path: Path) -> None:
    home = tmp_path / "home"
    child = simple_spawn("start", "--guide", str(mini_guide_path), home=home, env={"TERM": "dumb"}, columns=50)
    child.expect(words("1. Salarié ou salariée"))
    answer(child, "2")
    child.expect(words("Ton envie"))
    child.expect(words("6. Passer cette question"))
    answer(child, "")  # facultative : Entrée la passe
    child.expect(words("On continue"))
    answer(child, "2")
    assert finish(child) == 0
    assert stored_answers(home) == {"situation": "autre", "note": None}
    screen = transcript(child)
    assert "\x1b" not in screen
    # rich compterait 80 colonnes sur un terminal « dumb » : tout est coupé à la largeur de la fenêtre
    too_long = [line for line in screen.splitlines() if len(line.rstrip()) > 50 and " " in line.strip()]
    assert not too_long, too_long


def test_the_interest_test_typed_as_numbers_then_paused(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = simple_spawn("interests", home=home, env={"RECONVERSION_SIMPLE": "1"})
    child.expect(words("Activité 1 sur"))
    answer(child, "5")
    child.expect(words("Activité 2 sur"))
    answer(child, "<")  # retour à la première activité
    child.expect(words("Activité 1 sur"))
    child.expect(words("garder"))
    answer(child, "")
    child.expect(words("Activité 2 sur"))
    answer(child, "1")
    child.expect(words("Activité 3 sur"))
    answer(child, "4")
    child.expect(words("Activité 4 sur"))
    child.expect(ANSWER)
    child.send(CTRL_C)
    child.expect(words("Tes notes sont enregistrées (3 sur"))
    child.expect(r"reconversion\s+interests\r?\n")  # lancé par RECONVERSION_SIMPLE : la variable suffit
    assert finish(child) == 130
    assert "\x1b" not in transcript(child)

    from reconversion.adapters.storage import interests_store
    from reconversion.adapters.storage.store import Store

    store = Store.open(home, "defaut", create=False)
    assert store is not None
    try:
        assert sorted(interests_store.load_answers(store).values()) == [1, 4, 5]
    finally:
        store.close()


@pytest.mark.parametrize(
    "encoding",
    [{"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}, {"PYTHONIOENCODING": "ascii"}],
)
def test_accents_typed_in_any_locale_are_kept(tmp_path: Path, mini_guide_path: Path, encoding: dict) -> None:
    home = tmp_path / "home"
    child = simple_spawn("start", "--simple", "--guide", str(mini_guide_path), home=home, env=encoding)
    child.codec_errors = "replace"
    answer(child, "1")
    answer(child, "Léa")  # le terminal envoie de l'UTF-8 même quand Python croit à l'ASCII
    child.expect("Ton envie")
    child.expect(ANSWER)
    child.send(CTRL_C)
    assert finish(child) == 130
    assert stored_answers(home) == {"situation": "salarie", "prenom": "Léa"}


def test_interests_with_the_flag_resumes_with_the_flag(tmp_path: Path) -> None:
    child = simple_spawn("interests", "--simple", home=tmp_path / "home")
    child.expect(words("Activité 1 sur"))
    answer(child, "3")
    child.expect(words("Activité 2 sur"))
    child.expect(ANSWER)
    child.send(CTRL_C)
    child.expect(r"reconversion\s+interests\s+--simple")
    assert finish(child) == 130
    assert "\x1b" not in transcript(child)


def test_the_whole_interest_test_under_term_dumb_says_each_choice_in_words(tmp_path: Path) -> None:
    """A15 : sous TERM=dumb, chaque note est redite en mots (« Ton choix : J'aimerais beaucoup. »), le
    rang se lit « Activité 2 sur 60 » ; les octets écrits ne contiennent ni échappement, ni barre, ni cadre."""
    from reconversion.adapters.content.metiers_files import interest_test

    test = interest_test()
    child = spawn("interests", home=tmp_path / "home", env={"TERM": "dumb"}, rows=40, columns=60, encoding=None)
    for number in range(1, len(test.items) + 1):
        child.expect(rf"Activit\xc3\xa9 {number} sur {len(test.items)}".encode())
        child.expect(rb"Ta r\xc3\xa9ponse(?:\s|\xc2\xa0):\s")
        child.sendline(b"5" if number % 2 else b"2")
    child.expect(rb"Pour repasser le test")
    assert finish(child) == 0
    raw = transcript(child)
    assert isinstance(raw, bytes)
    assert b"\x1b" not in raw
    text = raw.decode("utf-8").replace("\u00a0", " ").replace("\u202f", " ")
    assert text.count(f"Ton choix : {test.scale[4].label}.") == len(test.items) // 2
    assert text.count(f"Ton choix : {test.scale[1].label}.") == len(test.items) // 2
    assert not re.search(r"\(\d+/\d+\)", text), "« (2/60) » se lit « 2 barre 60 »"
    assert not set(text) & set("█░▓▒─│╭╮╰╯━·"), sorted(set(text) & set("█░▓▒─│╭╮╰╯━·"))
    assert "sur 5" in text and not re.search(r"\d,\d/5", text), "« 3,2/5 » se lit « 3,2 barre 5 »"
    assert "fiche-metier" not in text and "[" not in text, "ni dix adresses ni crochets lus à voix haute"


def test_the_public_service_choice_is_said_naturally(tmp_path: Path) -> None:
    """« Agent·e public·que » se lisait « Agent ou agente public ou publique » : dit ici en mots naturels."""
    child = simple_spawn("start", "--simple", home=tmp_path / "home", columns=200)
    child.expect(words("Quelle est ta situation professionnelle"))
    child.expect(words("choisis « Agent ou agente de la fonction publique »"))
    child.expect(words("3. Agent ou agente de la fonction publique"))
    child.expect(ANSWER)
    assert "public ou publique" not in child.before
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
