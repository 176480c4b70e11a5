"""`reconversion interests` : résultats en JSON, sans terminal, reprise après une pause, et `status --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import answered, run, spawn
from reconversion.adapters.content.metiers_files import interest_test
from reconversion.adapters.prompts.arrow_prompts import Prompter
from reconversion.adapters.storage import interests_store
from reconversion.adapters.storage.store import Store
from reconversion.commands import interests as interests_command
from reconversion.sessions.interests import BACK, ask_items


@pytest.fixture(scope="module")
def test_items():
    return interest_test()


def prefill(home: Path, ratings: dict[str, int], profile: str = "defaut") -> None:
    store = Store.open(home, profile)
    assert store is not None
    try:
        for item_id, value in ratings.items():
            interests_store.save_answer(store, item_id, value)
    finally:
        store.close()


def social_ratings(test) -> dict[str, int]:
    """S au maximum, E juste derrière, C ensuite, le reste au minimum."""
    levels = {"S": 5, "E": 4, "C": 3}
    return {item.id: levels.get(item.dimension, 1) for item in test.items}


def test_json_without_any_answer(home: Path, test_items):
    result = run("interests", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["answered"] == 0 and report["total"] == len(test_items.items)
    assert report["complete"] is False and report["code"] is None and report["metiers"] == []
    assert not (home / "defaut.sqlite3").exists(), "regarder ses résultats ne crée pas de profil"


def test_json_on_a_partial_test(home: Path, test_items):
    first = {item.id: 4 for item in test_items.items[:7]}
    prefill(home, first)
    report = json.loads(run("interests", "--json").output)
    assert report["answered"] == 7 and report["complete"] is False
    assert report["code"] is None and report["metiers"] == []
    answered_dims = {item.dimension for item in test_items.items[:7]}
    for code, value in report["scores"].items():
        assert value == (4.0 if code in answered_dims else None)


def test_json_on_a_complete_test(home: Path, test_items):
    prefill(home, social_ratings(test_items))
    report = json.loads(run("interests", "--json").output)
    assert report["complete"] is True and report["answered"] == report["total"]
    assert report["code"] == "SEC"
    assert report["scores"]["S"] == 5.0 and report["scores"]["R"] == 1.0
    assert 0 < len(report["metiers"]) <= 10
    top = report["metiers"][0]
    assert top["riasec"] == "SE" and top["points"] == 8
    assert top["url"] == f"https://candidat.francetravail.fr/metierscope/fiche-metier/{top['code']}"
    assert report["disclaimer"] == test_items.disclaimer


def test_without_terminal_an_incomplete_test_is_explained(home: Path, test_items):
    prefill(home, {test_items.items[0].id: 3}, profile="perso")
    result = run("interests", "--profile", "perso")
    assert result.exit_code == 2
    assert "n'est pas terminé (1/" in result.stderr
    assert "reconversion interests --profile perso" in result.stderr
    assert "« reconversion interests --json --profile perso »" in result.stderr  # le profil, partout
    assert "Traceback" not in result.output


def test_without_terminal_a_complete_test_shows_its_results(home: Path, test_items):
    prefill(home, social_ratings(test_items))
    result = run("interests")
    assert result.exit_code == 0, result.output
    assert "Ton code : SEC" in result.output
    assert "█" in result.output and "5,0/5" in result.output and "1,0/5" in result.output
    assert "fiche-metier/" in result.output
    assert "pas un verdict" in result.output


def test_status_json_includes_the_interest_test(home: Path, test_items):
    prefill(home, {})  # profil créé, test pas commencé
    assert json.loads(run("status", "--json").output)["interests"] is None
    prefill(home, {test_items.items[0].id: 5})
    partial = json.loads(run("status", "--json").output)["interests"]
    assert partial["answered"] == 1 and partial["complete"] is False and partial["code"] is None
    assert set(partial) == {"answered", "total", "complete", "scores", "code"}
    prefill(home, social_ratings(test_items))
    complete = json.loads(run("status", "--json").output)["interests"]
    assert complete["complete"] is True and complete["code"] == "SEC"


def test_reset_needs_yes_without_terminal(home: Path, test_items):
    prefill(home, social_ratings(test_items))
    refused = run("interests", "--reset")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert json.loads(run("interests", "--json").output)["complete"] is True
    done = run("interests", "--reset", "--yes", "--json")
    assert done.exit_code == 0
    assert "60 notes effacées" in done.output and "(s)" not in done.output
    assert json.loads(run("interests", "--json").output)["answered"] == 0


# --- la séance interactive, avec des invites simulées ----------------------------------------------


class FakeAsker:
    """Répond à la place de la personne ; s'interrompt (Ctrl-C) après `stop_after` réponses."""

    def __init__(self, value: int = 4, stop_after: int | None = None) -> None:
        self.value = value
        self.stop_after = stop_after
        self.asked: list[int] = []

    def __call__(self, item, number, total, current, can_go_back):
        if self.stop_after is not None and len(self.asked) >= self.stop_after:
            raise KeyboardInterrupt
        self.asked.append(number)
        return self.value


def test_interrupted_test_is_saved_and_resumes(home: Path, test_items, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(interests_command, "has_terminal", lambda: True)
    first = FakeAsker(stop_after=5)
    monkeypatch.setattr(Prompter, "interest_asker", lambda self, test: first)
    result = run("interests")
    assert result.exit_code == 130
    assert "Tes notes sont enregistrées (5 sur 60)" in result.stderr
    assert "reconversion interests" in result.stderr
    assert first.asked == [1, 2, 3, 4, 5]
    assert json.loads(run("interests", "--json").output)["answered"] == 5

    second = FakeAsker(value=5)
    monkeypatch.setattr(Prompter, "interest_asker", lambda self, test: second)
    result = run("interests")
    assert result.exit_code == 0, result.output
    assert second.asked == list(range(6, len(test_items.items) + 1))  # reprise à la 6e activité
    assert "On reprend là où tu t'étais arrêté·e : 5 activités notées sur 60." in result.output
    assert "Ton code" in result.output and "pas un verdict" in result.output


def test_ask_items_going_back_corrects_the_previous_answer(test_items):
    saved: list[tuple[str, int]] = []
    replies = iter([2, BACK, 5])
    seen: list[tuple[int, int | None, bool]] = []

    def ask(item, number, total, current, can_go_back):
        seen.append((number, current, can_go_back))
        try:
            return next(replies)
        except StopIteration:
            return 3

    answers: dict[str, int] = {}
    ask_items(test_items, answers, ask, lambda item_id, value: saved.append((item_id, value)))
    first_id = test_items.items[0].id
    assert seen[:3] == [(1, None, False), (2, None, True), (1, 2, False)]
    assert saved[:2] == [(first_id, 2), (first_id, 5)]  # la note corrigée remplace l'ancienne
    assert answers[first_id] == 5 and len(answers) == len(test_items.items)
    assert seen[3][0] == 2  # puis on reprend à la première activité sans note


def test_ask_items_only_asks_missing_items(test_items):
    items = test_items.items
    answers = {item.id: 3 for item in items if item.id != items[10].id}
    asked: list[int] = []
    ask_items(test_items, answers, lambda item, n, t, c, b: asked.append(n) or 4, lambda i, v: None)
    assert asked == [11]


# --- le vrai programme dans un pseudo-terminal ---------------------------------------------------------


def test_real_terminal_keys_pause_and_resume(tmp_path: Path, test_items):
    pexpect = pytest.importorskip("pexpect")
    home = tmp_path / "home"
    total = len(test_items.items)
    child = spawn("interests", home=home)
    child.expect(f"\\(1/{total}\\)")
    child.send("5\r")  # touche 5 puis Entrée : « J'aimerais beaucoup »
    child.expect(f"\\(2/{total}\\)")
    child.send("\r")  # Entrée seule : le curseur part du milieu de l'échelle
    child.expect(f"\\(3/{total}\\)")
    child.send("\x03")  # Ctrl-C
    child.expect("Pause\u202f!")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    store = Store.open(home, "defaut", create=False)
    assert store is not None
    try:
        assert interests_store.load_answers(store) == {test_items.items[0].id: 5, test_items.items[1].id: 3}
    finally:
        store.close()
    child = spawn("interests", home=home)
    child.expect("On reprend")
    child.expect(f"\\(3/{total}\\)")
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()


def test_status_screen_mentions_the_interest_test(tmp_path, monkeypatch) -> None:
    from reconversion.adapters.content import metiers_files
    from reconversion.adapters.storage import interests_store
    from reconversion.adapters.storage.store import Store

    monkeypatch.setenv("RECONVERSION_HOME", str(tmp_path / "h"))
    answered({"situation": "autre"})
    store = Store.open(tmp_path / "h", "defaut")
    items = metiers_files.interest_test().items
    interests_store.save_answer(store, items[0].id, 4)
    assert "Test d'intérêts : en cours, 1/60 activités notées" in run("status").stdout
    for item in items:
        interests_store.save_answer(store, item.id, 5 if item.dimension == "A" else 1)
    store.close()
    assert "Test d'intérêts : code A" in run("status").stdout


def test_finishing_the_builtin_test_removes_the_take_a_test_action(home: Path, test_items, tmp_path: Path) -> None:
    answered({"situation": "autre", "test_orientation": False})

    def action_ids() -> set[str]:
        listed = run("actions", "--json")
        assert listed.exit_code == 0, listed.output
        return {a["id"] for a in json.loads(listed.output)["actions"]}

    assert "metiers_test_orientation" in action_ids()
    prefill(home, dict(list(social_ratings(test_items).items())[:30]))
    assert "metiers_test_orientation" in action_ids()  # à moitié fait : toujours proposé
    prefill(home, social_ratings(test_items))
    assert "metiers_test_orientation" not in action_ids()
    plan = run("export", "-o", "-")
    assert plan.exit_code == 0 and "Passer un test d'orientation" not in plan.output
