"""Un carnet écrit par la première version du schéma se met à jour sur place, sans rien perdre."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from helpers import run
from reconversion.adapters.storage import followup_store
from reconversion.adapters.storage.store import MIGRATIONS, SCHEMA_VERSION, Store

STAMP = "2026-01-15T09:30:00+00:00"
ANSWERS = {
    "situation": ("bilan", "salarie_prive"),
    "metiers_cibles": ("metiers", ["K2111", "H2206"]),
    "motivation": ("bilan", "Faire un métier qui a du sens, « vraiment »"),
    "passee": ("bilan", None),
}


def make_v1_database(path: Path) -> None:
    """Le fichier tel que l'écrivait la version 1 : seulement la première migration, via SQL brut."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    try:
        db.executescript(MIGRATIONS[0])
        db.execute("PRAGMA user_version = 1")
        db.executemany(
            "INSERT INTO profile (key, value) VALUES (?, ?)",
            [("created_at", STAMP), ("first_answer_at", STAMP), ("last_activity_at", STAMP), ("guide_id", "x")],
        )
        for question, (step, value) in ANSWERS.items():
            db.execute(
                "INSERT INTO answers (question_id, step_id, value, archived, answered_at, updated_at) "
                "VALUES (?, ?, ?, 0, ?, ?)",
                (question, step, json.dumps(value, ensure_ascii=False), STAMP, STAMP),
            )
        db.execute(
            "INSERT INTO answers (question_id, step_id, value, archived, answered_at, updated_at) "
            "VALUES ('ancienne', 'bilan', '\"gardée\"', 1, ?, ?)",
            (STAMP, STAMP),
        )
        db.execute("INSERT INTO steps (step_id, completed_at, last_activity_at) VALUES ('bilan', ?, ?)", (STAMP, STAMP))
        db.commit()
    finally:
        db.close()
    path.chmod(0o600)


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_v1_database_upgrades_in_place_without_losing_anything(home: Path) -> None:
    path = home / "defaut.sqlite3"
    make_v1_database(path)
    assert "actions" not in tables(path)

    store = Store.open(home, "defaut", create=False)
    assert store is not None
    try:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert store.answers() == {question: value for question, (_step, value) in ANSWERS.items()}
        assert [row["question"] for row in store.answer_rows(archived=True)] == ["ancienne"]
        assert store.answer_rows()[0]["answered_at"] == STAMP
        assert store.step_rows() == {"bilan": {"completed_at": STAMP, "last_activity_at": STAMP}}
        info = store.info()
        assert info["created_at"] == STAMP and info["first_answer_at"] == STAMP and info["guide_id"] == "x"

        # Les nouvelles tables fonctionnent.
        assert followup_store.action_rows(store) == []
        row_id = followup_store.add_action(store, "Appeler la CCI", None, None)
        followup_store.save_guide_action(
            store,
            "bilan_rdv_cep",
            {
                "step_id": "bilan",
                "text": "RDV CEP",
                "due_date": "2026-02-01",
                "done_at": STAMP,
                "removed": 0,
                "due_by_hand": 0,
            },
        )
        exp_id = followup_store.add_experience(store, "stage", "Mairie", None, None, "Oui")
        contact = {"name": "Awa", "organisation": "", "role": "", "met_how": "", "notes": "", "follow_up": "2026-02-10"}
        contact_id = followup_store.add_contact(store, contact)
        assert [r["text"] for r in followup_store.action_rows(store)] == ["Appeler la CCI", "RDV CEP"]
        assert row_id == 1 and exp_id == 1 and contact_id == 1
        assert followup_store.experience_rows(store)[0]["organisation"] == "Mairie"
        assert followup_store.contact_rows(store)[0]["follow_up"] == "2026-02-10"
    finally:
        store.close()
    assert {"interest_answers", "actions", "experiences", "contacts"} <= tables(path)

    # Réouvrir ne rejoue pas les migrations et ne touche à rien.
    again = Store.open(home, "defaut", create=False)
    assert again is not None
    try:
        assert len(followup_store.action_rows(again)) == 2
        assert again.answers()["motivation"] == "Faire un métier qui a du sens, « vraiment »"
    finally:
        again.close()


def test_v1_database_works_through_the_cli(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "2026-03-01")
    make_v1_database(home / "defaut.sqlite3")
    added = run("contacts", "add", "Awa", "--follow-up", "+3j")
    assert added.exit_code == 0, added.output
    report = json.loads(run("status", "--json").stdout)
    assert report["started"] is True
    assert [f["name"] for f in report["followups_due"]] == ["Awa"]
    # Les actions du guide ont pour départ la première réponse (15 janvier 2026) : certaines sont en retard.
    assert report["overdue_actions"], report
    assert all(action["due"] < "2026-03-01" for action in report["overdue_actions"])
