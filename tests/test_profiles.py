"""Effacer sans ambiguïté : `reset` dit ce qu'il garde, `reset --all` et `profiles delete` ne
laissent rien derrière eux, et rien ne s'efface sous un assistant ouvert (audit D20)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from helpers import filled_profile, run_program
from reconversion.adapters.storage.profile_lock import ProfileLock


def test_reset_says_what_it_keeps_and_keeps_it(tmp_path: Path) -> None:
    home = tmp_path / "h"
    filled_profile(home)
    result = run_program("reset", "--yes", home=home)
    assert result.returncode == 0
    assert "2 réponses effacées" in result.stdout and "sont gardés" in result.stdout
    assert json.loads(run_program("actions", "--json", home=home).stdout)["actions"]
    assert "Awa Diallo" in run_program("contacts", "--json", home=home).stdout


def test_reset_all_erases_everything_the_profile_holds(tmp_path: Path) -> None:
    home = tmp_path / "h"
    filled_profile(home)
    result = run_program("reset", "--all", "--yes", home=home)
    assert result.returncode == 0, result.stderr
    backup = json.loads(run_program("export", "--format", "json", "-o", "-", home=home).stdout)
    for table in ("answers", "actions", "contacts", "experiences", "interest_answers"):
        assert backup[table] == [], table
    assert "created_at" in backup["profile_info"]


def test_reset_waits_for_no_one_but_refuses_under_an_open_wizard(tmp_path: Path) -> None:
    home = tmp_path / "h"
    filled_profile(home)
    with ProfileLock(home / "defaut.lock", "defaut"):  # comme un « reconversion start » ouvert
        result = run_program("reset", "--yes", home=home)
    assert result.returncode == 1
    assert "déjà ouvert" in result.stderr
    assert json.loads(run_program("export", "-f", "json", "-o", "-", home=home).stdout)["answers"]


def test_profiles_lists_each_profile_with_its_progress(tmp_path: Path) -> None:
    home = tmp_path / "h"
    filled_profile(home, "perso")
    run_program("actions", "add", "Autre", "--profile", "travail", home=home)
    listed = json.loads(run_program("profiles", "--json", home=home).stdout)
    names = {row["name"]: row for row in listed["profiles"]}
    assert set(names) == {"perso", "travail"}
    assert names["perso"]["answers"] == 2 and names["perso"]["steps_total"] == 5
    assert {row["state"] for row in listed["profiles"]} == {"ok"}
    text = run_program("profiles", home=home).stdout
    assert "perso" in text and "travail" in text
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", names["perso"]["last_activity"])  # C14 : une date ISO en JSON
    assert "(s)" not in text and "2 réponses" in text  # C4 : le pluriel s'accorde


def test_profiles_counts_answers_like_status(tmp_path: Path) -> None:
    """C11 : une question passée compte comme répondue, dans `profiles` comme dans `status`."""
    home = tmp_path / "h"
    answers = tmp_path / "r.yaml"
    answers.write_text("situation: salarie_prive\ncontrat: cdi\nrqth: null\n", encoding="utf-8")
    assert run_program("start", "--answers", str(answers), home=home).returncode == 0
    status = json.loads(run_program("status", "--json", home=home).stdout)
    listed = json.loads(run_program("profiles", "--json", home=home).stdout)["profiles"][0]
    assert listed["answers"] == sum(step["answered"] for step in status["steps"]) == 3


def test_an_unreadable_profile_is_said_in_words_and_named_by_an_identifier_in_json(tmp_path: Path) -> None:
    home = tmp_path / "h"
    filled_profile(home, "perso")
    (home / "casse.sqlite3").write_bytes(b"pas une base SQLite" * 100)
    listed = json.loads(run_program("profiles", "--json", home=home).stdout)
    states = {row["name"]: row["state"] for row in listed["profiles"]}
    assert states == {"casse": "unreadable", "perso": "ok"}
    text = run_program("profiles", home=home).stdout
    assert "casse — illisible : Le fichier" in text and "— unreadable" not in text


def test_profiles_delete_removes_every_file_of_the_profile_and_nothing_else(tmp_path: Path) -> None:
    home = tmp_path / "h"
    filled_profile(home)
    filled_profile(home, "autre")
    backup = tmp_path / "s.json"
    backup.write_text(run_program("export", "-f", "json", "-o", "-", home=home).stdout, encoding="utf-8")
    assert run_program("import", str(backup), "--force", home=home).returncode == 0  # une copie de sécurité
    (home / "defaut.sqlite3-journal").write_bytes(b"")  # comme après un arrêt brutal
    assert list((home / "sauvegardes").glob("defaut-avant-import-*.json"))

    refused = run_program("profiles", "delete", "defaut", home=home)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert (home / "defaut.sqlite3").exists()

    result = run_program("profiles", "delete", "defaut", "--yes", home=home)
    assert result.returncode == 0, result.stderr
    leftovers = [p.name for p in home.rglob("*") if p.name.startswith("defaut")]
    assert leftovers == []
    assert (home / "autre.sqlite3").exists()


def test_profiles_delete_refuses_under_an_open_wizard(tmp_path: Path) -> None:
    home = tmp_path / "h"
    filled_profile(home)
    with ProfileLock(home / "defaut.lock", "defaut"):
        result = run_program("profiles", "delete", "defaut", "--yes", home=home)
    assert result.returncode == 1 and "déjà ouvert" in result.stderr
    assert (home / "defaut.sqlite3").exists()


def test_safety_copies_are_kept_to_a_bounded_number(tmp_path: Path) -> None:
    from reconversion.adapters.storage import safety_copies

    home = tmp_path / "h"
    (home / "sauvegardes").mkdir(parents=True, mode=0o700)
    for n in range(8):
        path = home / "sauvegardes" / f"defaut-avant-import-2026120{n}-101010.json"
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (1_000_000_000 + n, 1_000_000_000 + n))
    (home / "sauvegardes" / "defaut-bis-avant-import-20261201-101010.json").write_text("{}", encoding="utf-8")
    removed = safety_copies.prune(home, "defaut")
    assert len(removed) == 3
    assert [p.name[-20:-5] for p in safety_copies.copies(home, "defaut")] == [f"2026120{n}-101010" for n in range(3, 8)]
    assert (home / "sauvegardes" / "defaut-bis-avant-import-20261201-101010.json").exists()


def test_a_refused_answers_file_creates_no_profile(tmp_path: Path) -> None:
    """C10 : un `start --answers` refusé ne laisse pas de profil vide que `profiles` listerait."""
    home = tmp_path / "h"
    answers = tmp_path / "r.yaml"
    answers.write_text("situation: pilote_de_ligne\n", encoding="utf-8")
    result = run_program("start", "--answers", str(answers), "--profile", "ans", home=home)
    assert result.returncode != 0 and "rien n'a été enregistré" in result.stderr
    assert not (home / "ans.sqlite3").exists()
    assert json.loads(run_program("profiles", "--json", home=home).stdout)["profiles"] == []


def test_a_forgotten_profile_option_is_pointed_out(tmp_path: Path) -> None:
    """A2 : Kevin oublie --profile ; `status`, `export` et les listes lui disent où est son travail."""
    home = tmp_path / "h"
    filled_profile(home, "kevin")
    status = run_program("status", home=home)
    assert "Tu as un profil « kevin » : ajoute --profile kevin." in status.stdout
    export = run_program("export", "--format", "ics", "-o", "-", home=home)
    assert export.returncode != 0 and "ajoute --profile kevin" in export.stderr
    assert "ajoute --profile kevin" in run_program("contacts", home=home).stderr
    assert "ajoute --profile" not in run_program("status", "--profile", "kevin", home=home).stdout
