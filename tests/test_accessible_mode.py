"""S4 : le mode simple hors de l'assistant, dans un vrai pseudo-terminal, octet par octet.

`--simple`, RECONVERSION_SIMPLE=1 et TERM=dumb donnent la même chose partout : des questions
en lignes (la question, sa consigne, « Ta réponse : »), des listes numérotées, aucun octet
d'échappement (ni couleur, ni curseur, ni collage), ni cadre ni barre.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import finish, run_program, spawn, transcript

pexpect = pytest.importorskip("pexpect")

TODAY = "2026-12-06"
BOX_AND_BARS = re.compile("[█░▓▒│┃║╭╮╯╰┌┐└┘─━═☐☎⚠→★◆]")
MODES = {
    "option": ((), {}),
    "variable": ((), {"RECONVERSION_SIMPLE": "1"}),
    "dumb": ((), {"TERM": "dumb"}),
}


def simple_child(
    mode: str, *args: str, home: Path, columns: int = 60, extra: dict[str, str] | None = None
) -> pexpect.spawn:
    """La commande dans un terminal de `columns` colonnes, en octets, dans le mode simple demandé."""
    flags = ("--simple",) if mode == "option" else ()
    env = {"RECONVERSION_TODAY": TODAY, **MODES[mode][1], **(extra or {})}
    return spawn(*args, *flags, home=home, env=env, columns=columns, rows=40, encoding=None)


def said(child: pexpect.spawn) -> str:
    raw = transcript(child)
    assert isinstance(raw, bytes)
    assert b"\x1b" not in raw, "aucun octet d'échappement"
    text = raw.decode("utf-8").replace("\r\n", "\n")
    assert not BOX_AND_BARS.search(text), BOX_AND_BARS.search(text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def words(text: str) -> bytes:
    """Le motif d'un texte dont les espaces peuvent être insécables (« : », « ? »)."""
    return r"\s".join(re.escape(part) for part in text.split(" ")).replace(r"\s", r"[\s\xc2\xa0\xe2\x80\xaf]+").encode()


def answer(child: pexpect.spawn, text: str, *, after: str | None = None) -> None:
    """Attend `after` (la question, une consigne, une erreur) s'il est donné, puis « Ta réponse : », et tape `text`."""
    if after is not None:
        child.expect(words(after))
    child.expect(words("Ta réponse :"))
    child.sendline(text)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("columns", [60, 120])
def test_contacts_add_is_a_series_of_plain_questions(tmp_path: Path, mode: str, columns: int) -> None:
    home = tmp_path / "home"
    child = simple_child(mode, "contacts", "add", home=home, columns=columns)
    answer(child, "", after="Son nom ?")
    answer(child, "Claire Martin", after="Attention : une réponse est nécessaire")
    for _ in range(4):  # entreprise, métier, rencontre, notes : passés
        answer(child, "", after="Entrée pour passer.")
    answer(child, "dans 2 semaines", after="Quand la ou le relancer ?")
    child.expect(words("Soit le dimanche 20 décembre 2026"))
    child.expect(words("Contact c1 noté : Claire Martin."))
    assert finish(child) == 0
    text = said(child)
    assert text.index("Son nom") < text.index("Ta réponse")  # la question, puis la réponse
    listed = json.loads(run_program("contacts", "--json", home=home).stdout)["contacts"][0]
    assert listed["follow_up"] == "2026-12-20"


@pytest.mark.parametrize("mode", list(MODES))
def test_experiences_add_numbers_its_list_and_repeats_the_choice(tmp_path: Path, mode: str) -> None:
    home = tmp_path / "home"
    child = simple_child(mode, "experiences", "add", home=home)
    child.expect(words("Quelle sorte d'expérience ?"))
    answer(child, "9", after="2. Immersion professionnelle (PMSMP)")
    answer(child, "2", after="tape un numéro entre 1 et 6")
    answer(child, "Boulangerie Martin", after="Ton choix : Immersion professionnelle (PMSMP).")
    answer(child, "31/02/2027", after="Date de début ?")
    answer(child, "15/01", after="le 31 février 2027 n'existe pas")
    child.expect(words("Soit le vendredi 15 janvier 2027"))
    answer(child, "", after="Date de fin ?")
    answer(child, "")  # ce que tu as appris : passé
    child.expect(words("Expérience e1 notée"))
    assert finish(child) == 0
    text = said(child)
    assert "flèches" not in text
    experience = json.loads(run_program("experiences", "--json", home=home).stdout)["experiences"][0]
    assert (experience["kind"], experience["start"]) == ("immersion", "2027-01-15")


@pytest.mark.parametrize("mode", list(MODES))
def test_actions_add_without_text_is_a_plain_form_too(tmp_path: Path, mode: str) -> None:
    """S4 : « actions add » seul disait « il manque l'argument text » ; il pose ses questions comme contacts add."""
    home = tmp_path / "home"
    child = simple_child(mode, "actions", "add", home=home)
    answer(child, "", after="Que veux-tu faire ?")
    answer(child, "Appeler la CCI de Lyon", after="Attention : une réponse est nécessaire")
    answer(child, "dans 10 jours", after="Pour quand ?")
    child.expect(words("Soit le mercredi 16 décembre 2026"))
    child.expect(words("Action p1 ajoutée, échéance le 16 décembre 2026 : Appeler la CCI de Lyon"))
    assert finish(child) == 0
    said(child)
    [action] = [a for a in json.loads(run_program("actions", "--json", home=home).stdout)["actions"] if a["id"] == "p1"]
    assert (action["text"], action["due"]) == ("Appeler la CCI de Lyon", "2026-12-16")
    refused = run_program("actions", "add", home=home)  # sans terminal : la commande à taper, en entier
    assert refused.returncode == 2 and 'actions add "Appeler la CCI" --due +7j' in refused.stderr


def test_ctrl_c_in_a_plain_form_saves_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    child = simple_child("dumb", "contacts", "add", home=home)
    answer(child, "Claire")
    child.expect(words("Ta réponse :"))
    child.sendintr()
    child.expect(words("Formulaire annulé : rien n'a été enregistré."))
    assert finish(child) != 0
    assert json.loads(run_program("contacts", "--json", home=home).stdout)["contacts"] == []


@pytest.mark.parametrize("mode", list(MODES))
def test_status_says_progress_in_words_without_bars(tmp_path: Path, mode: str) -> None:
    home = tmp_path / "home"
    answers = tmp_path / "r.yaml"
    answers.write_text("situation: salarie_prive\ncontrat: cdi\n", encoding="utf-8")
    assert run_program("start", "--answers", str(answers), home=home).returncode == 0
    assert run_program("actions", "add", "Appeler le CEP", "--due", "+3j", home=home).returncode == 0
    child = simple_child(mode, "status", home=home)
    assert finish(child) == 0
    text = said(child)
    assert re.search(r"2 réponses sur \d+ questions, soit \d+ %", text)
    assert "À faire : Appeler le CEP" in text
    assert "/" not in text.split("Avancement")[1].split("\n")[3]  # plus de « 2/14 » sans unité


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize("command", [(), ("contacts", "add")])
def test_help_has_no_box_and_no_colour(tmp_path: Path, mode: str, command: tuple[str, ...]) -> None:
    child = simple_child(mode, *command, "--help", home=tmp_path / "home", extra={"FORCE_COLOR": "1"})
    assert finish(child) == 0
    text = said(child)
    assert "Options :" in text and "Utilisation" in text
    assert not re.search(r"[ \t]\n", text), "ni espaces de remplissage en fin de ligne (cases vides en braille)"


def test_a_screen_reader_walk_writes_no_escape_byte(tmp_path: Path) -> None:
    """Sous TERM=dumb : actions, calendrier, profils, test d'intérêts et recherche, octet par octet."""
    home = tmp_path / "home"
    assert run_program("actions", "add", "Appeler le CEP", "--due", "+3j", home=home).returncode == 0
    commands = (
        ("actions",),
        ("calendrier",),
        ("profiles",),
        ("jobs", "search", "mediatheque"),
        ("jobs", "show", "K1603"),
    )
    for command in (*commands, ("status",)):
        child = simple_child("dumb", *command, home=home)
        assert finish(child) == 0, command
        assert not re.search(r"[ \t]\n", said(child)), command
