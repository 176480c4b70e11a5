"""Sauvegarde d'un carnet abîmé (audit D17) et sauvegarde prise pendant un import (audit D10)."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from helpers import filled_profile, run
from reconversion.adapters.storage import followup_store
from reconversion.adapters.storage.backup_store import read_profile
from reconversion.adapters.storage.store import Store
from reconversion.core import backup as bk


def fill(home: Path) -> None:
    """Trois actions, deux contacts, une expérience, et aucune réponse : les numéros que `corrupt` vise."""
    filled_profile(
        home,
        answers={},
        actions=["Un", "Deux", "Trois"],
        contacts=[("Awa", "--notes", "à rappeler", "--follow-up", "+3j"), "Ben"],
        experiences=[("--kind", "stage", "--org", "Mairie")],
    )


def corrupt(home: Path) -> None:
    """Des cellules qui passent `quick_check` mais ne se décodent plus (octets invalides, JSON cassé)."""
    with sqlite3.connect(home / "defaut.sqlite3") as db:
        db.execute(
            "INSERT INTO answers VALUES ('situation', 'bilan', 'pas du json', 0, "
            "'2027-01-01T10:00:00+00:00', '2027-01-01T10:00:00+00:00')"
        )
        db.execute("UPDATE actions SET text = CAST(X'41FF42' AS TEXT) WHERE id = 2")
        db.execute("UPDATE contacts SET notes = CAST(X'C3' AS TEXT) WHERE id = 1")
        db.execute("UPDATE experiences SET organisation = X'4DFF' WHERE id = 1")  # octets bruts (BLOB)


def test_an_answer_stored_as_a_blob_is_salvaged_too(home: Path) -> None:
    fill(home)
    with sqlite3.connect(home / "defaut.sqlite3") as db:
        db.execute("INSERT INTO answers VALUES ('situation', 'bilan', X'FF', 0, 'x', 'x')")  # octets bruts
        db.execute("UPDATE contacts SET name = X'4177C3A9' WHERE id = 2")  # « Awé », en octets mais lisible
    store = Store.open(home, "defaut", create=False)
    assert store is not None
    try:
        data = read_profile(store)
    finally:
        store.close()
    assert data["answers"] == [] and len(data["actions"]) == 3
    assert [c["name"] for c in data["contacts"]] == ["Awa", "Awé"]  # jamais des octets dans la sauvegarde
    assert data["unreadable"] == [
        {
            "table": "answers",
            "key": "situation",
            "column": "value",
            "problem": "texte illisible (ce n'est pas de l'UTF-8 valide)",
            "recovered": "\ufffd",
        }
    ]


def test_a_corrupt_cell_never_blocks_the_backup(home: Path, tmp_path: Path) -> None:
    fill(home)
    corrupt(home)
    target = tmp_path / "sauvegarde.json"
    result = run("export", "-f", "json", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert "4 valeurs abîmées" in result.stderr and "illisible" in result.stderr
    backup = json.loads(target.read_text(encoding="utf-8"))
    assert [a["text"] for a in backup["actions"]] == ["Un", "Trois"]  # tout ce qui se lit est gardé
    assert [c["name"] for c in backup["contacts"]] == ["Ben"]
    assert backup["experiences"] == []
    lost = {(e["table"], e["key"], e["column"]): e for e in backup[bk.UNREADABLE_KEY]}
    assert set(lost) == {
        ("answers", "situation", "value"),
        ("actions", 2, "text"),
        ("contacts", 1, "notes"),
        ("experiences", 1, "organisation"),
    }
    assert lost[("actions", 2, "text")]["recovered"] == "A\ufffdB"
    assert lost[("answers", "situation", "value")]["recovered"] == "pas du json"
    # La sauvegarde de secours se restaure, avec une remarque sur ce qui manque.
    restored = run("import", str(target), "--profile", "secours")
    assert restored.exit_code == 0, restored.stderr
    assert "4 valeurs illisibles" in restored.stdout
    assert run("actions", "--json", "--profile", "secours").exit_code == 0


def test_list_commands_mark_or_skip_corrupt_cells_instead_of_failing(home: Path) -> None:
    fill(home)
    followup_store._damage.update(seen=False, said=False)
    assert followup_store.damaged_warning() not in run("contacts").stderr
    corrupt(home)
    for command in (["actions"], ["actions", "--json"], ["contacts"], ["contacts", "--json"]):
        followup_store._damage.update(seen=False, said=False)  # un processus neuf par commande, en vrai
        result = run(*command)
        assert result.exit_code == 0, (command, result.stderr)
        assert result.stderr.count(followup_store.damaged_warning()) == 1, (command, result.stderr)
    shown = run("experiences")
    assert shown.exit_code == 0 and "M\ufffd" in shown.stdout
    listed = json.loads(run("actions", "--json").stdout)["actions"]
    assert [a["text"] for a in listed] == ["Un", "A\ufffdB", "Trois"]
    assert "\ufffd" in run("contacts").stdout
    assert run("export", "-f", "ics", "-o", "-").exit_code == 0
    plan = run("export", "-o", "-")
    assert plan.exit_code == 0 and "Elles manquent à ce plan" in plan.stderr


# --- une sauvegarde ne mélange jamais deux états (D10) ---------------------------------------------


def test_the_backup_is_read_in_one_transaction(home: Path) -> None:
    """Un écrivain qui tente de valider entre la lecture de deux tables doit attendre la fin de la lecture."""
    fill(home)
    store = Store.open(home, "defaut", create=False)
    assert store is not None
    writer = sqlite3.connect(home / "defaut.sqlite3", timeout=0.05, isolation_level=None)
    outcome: list[str] = []

    def between_tables(statement: str) -> None:
        if "FROM contacts" in statement and not outcome:
            try:
                writer.execute("DELETE FROM contacts")  # ce que ferait un import concurrent
                outcome.append("écrit")
            except sqlite3.OperationalError as exc:
                outcome.append(str(exc))

    store.connection.set_trace_callback(between_tables)
    try:
        data = read_profile(store)
    finally:
        store.connection.set_trace_callback(None)
        store.close()
    assert outcome == ["database is locked"]
    assert [c["name"] for c in data["contacts"]] == ["Awa", "Ben"]
    writer.execute("DELETE FROM contacts")  # une fois la lecture finie, l'écriture passe
    writer.close()


def _backup_of(marker: str, count: int) -> dict[str, Any]:
    stamp = "2027-01-01T10:00:00+00:00"
    data: dict[str, Any] = {"profile_info": {"created_at": stamp}, **{t: [] for t in bk.TABLES}}
    data["actions"] = [
        {"id": i, "guide_action_id": None, "step_id": None, "text": f"{marker} {i}", "due_date": None,
         "done_at": None, "removed": False, "created_at": stamp, "updated_at": stamp, "due_by_hand": False}
        for i in range(1, count + 1)
    ]  # fmt: skip
    data["contacts"] = [
        {"id": i, "name": f"{marker} {i}", "organisation": "", "role": "", "met_how": "", "notes": "",
         "follow_up": None, "created_at": stamp, "updated_at": stamp}
        for i in range(1, count + 1)
    ]  # fmt: skip
    return bk.build_backup(data, guide_id="reconversion-fr", guide_version="2026.1", profile="defaut",
                           exported_at=stamp, tool_version="0.1.0")  # fmt: skip


def test_backups_taken_during_imports_are_never_torn(home: Path, tmp_path: Path) -> None:
    """Des imports --force de A et B (processus séparés) pendant des exports : chaque export est A ou B."""
    seed = int(os.environ.get("RECONVERSION_TEST_SEED", random.randrange(10**6)))
    print(f"graine : RECONVERSION_TEST_SEED={seed}")
    rng = random.Random(seed)
    files = {}
    for marker in ("A", "B"):
        files[marker] = tmp_path / f"{marker}.json"
        files[marker].write_text(bk.dumps(_backup_of(marker, 3000)), encoding="utf-8")
    assert run("import", str(files["A"])).exit_code == 0
    env = dict(os.environ, RECONVERSION_HOME=str(home))
    order = [rng.choice("AB") for _ in range(4)]
    importer = subprocess.Popen(
        [sys.executable, "-c", _IMPORT_LOOP, *(str(files[m]) for m in order)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen: set[str] = set()
    exports = 0
    deadline = time.monotonic() + 60  # borne de sécurité : la boucle s'arrête avec les imports
    while importer.poll() is None and time.monotonic() < deadline:
        store = Store.open(home, "defaut", create=False)
        assert store is not None
        try:
            data = read_profile(store)
        except Exception as exc:  # occupé : l'export attend ou renonce, il ne mélange jamais
            assert "occupé" in str(exc) or "locked" in str(exc), exc
            continue
        finally:
            store.close()
        markers = {row["text"].split()[0] for row in data["actions"]} | {
            row["name"].split()[0] for row in data["contacts"]
        }
        assert len(markers) == 1 and len(data["actions"]) == len(data["contacts"]) == 3000, markers
        seen |= markers
        exports += 1
    _, errors = importer.communicate(timeout=60)
    assert importer.returncode == 0, errors.decode()
    assert exports > 0 and seen


_IMPORT_LOOP = """
import sys
from typer.testing import CliRunner
from reconversion.cli import app, register
register()
runner = CliRunner()
for path in sys.argv[1:]:
    result = runner.invoke(app, ["import", path, "--force"])
    if result.exit_code != 0:
        sys.exit(result.stderr)
"""


def test_dates_stored_by_older_versions_do_not_break_the_lists(home: Path) -> None:
    """Un carnet rempli avant les bornes (import d'une sauvegarde hostile) : les listes s'affichent."""
    fill(home)
    with sqlite3.connect(home / "defaut.sqlite3") as db:
        db.execute("UPDATE actions SET due_date = '2027-02-30' WHERE id = 1")
        db.execute("UPDATE actions SET due_date = '9999-12-31' WHERE id = 2")
        db.execute("UPDATE contacts SET follow_up = 'bientôt' WHERE id = 1")
        db.execute("UPDATE experiences SET start_date = 'x' WHERE id = 1")
    for command in (["actions"], ["actions", "--json"], ["contacts"], ["contacts", "--json"], ["experiences"]):
        followup_store._damage.update(seen=False, said=False)
        result = run(*command)
        assert result.exit_code == 0, (command, result.stderr)
        assert followup_store.damaged_warning() in result.stderr
    calendar = run("export", "-f", "ics", "-o", "-")
    assert calendar.exit_code == 1 and "Aucune échéance" in calendar.stderr  # les seules dates étaient illisibles
    plan = run("export", "--include-contacts", "-o", "-")
    assert plan.exit_code == 0, plan.stderr
    backup = run("export", "-f", "json", "-o", "-")
    assert backup.exit_code == 0 and "actions[0].due_date" in backup.stderr  # gardée, et signalée
    assert json.loads(backup.stdout)["actions"][0]["due_date"] == "2027-02-30"
