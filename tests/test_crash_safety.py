"""Arrêts brutaux et écritures concurrentes : le carnet s'ouvre toujours, dans l'ancien état ou
dans le nouveau, et une écriture confirmée n'est jamais perdue (audit D1, D3, D10, D19).

Les moments des `kill -9` sont tirés au hasard avec une graine affichée (`CRASH_SEED=…` pour
rejouer) ; le nombre d'essais est borné pour que la suite reste courte.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

from helpers import PROGRAM, environment, run_program

SEED = int(os.environ.get("CRASH_SEED", random.randrange(1_000_000)))
ROUNDS = int(os.environ.get("CRASH_ROUNDS", "5"))
ACTIONS, CONTACTS = 12_000, 8_000  # un import d'environ une seconde : de quoi l'interrompre en plein milieu
ROME_MINI = Path(__file__).resolve().parent / "fixtures" / "rome_mini"


@pytest.fixture(scope="module")
def rng() -> random.Random:
    print(f"\nGraine des arrêts brutaux : CRASH_SEED={SEED}")
    return random.Random(SEED)


def killed_after(args: list[str], home: Path, delay: float) -> bool:
    """Lance la commande et la tue (SIGKILL) après `delay` secondes si elle tourne encore ; vrai si tuée."""
    process = subprocess.Popen(
        [*PROGRAM, *args],
        env=environment(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(timeout=delay)  # finie plus tôt : inutile d'attendre le reste du délai
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        return True


def backup(marker: str, actions: int, contacts: int) -> dict:
    stamp = "2026-12-01T10:00:00+00:00"
    return {
        "format": "reconversion-backup",
        "format_version": 1,
        "exported_at": stamp,
        "tool_version": "0.1.0",
        "profile": "defaut",
        "guide": {"id": "reconversion-fr", "version": "2026.1"},
        "profile_info": {"created_at": stamp},
        "answers": [
            {
                "question_id": "situation",
                "step_id": "bilan",
                "value": "salarie_prive" if marker == "A" else "demandeur_emploi",
                "archived": False,
                "answered_at": stamp,
                "updated_at": stamp,
            }
        ],
        "steps": [],
        "interest_answers": [],
        "actions": [
            {
                "id": n + 1,
                "guide_action_id": None,
                "step_id": None,
                "text": f"{marker} action {n} " + "x" * 200,
                "due_date": None,
                "done_at": None,
                "removed": False,
                "created_at": stamp,
                "updated_at": stamp,
            }
            for n in range(actions)
        ],
        "experiences": [],
        "contacts": [
            {
                "id": n + 1,
                "name": f"{marker} contact {n}",
                "organisation": "",
                "role": "",
                "met_how": "",
                "notes": "n" * 300,
                "follow_up": None,
                "created_at": stamp,
                "updated_at": stamp,
            }
            for n in range(contacts)
        ],
    }


def state(home: Path) -> dict:
    """Tout le carnet, relu par une commande neuve : elle doit réussir après n'importe quel arrêt."""
    result = run_program("export", "--format", "json", "-o", "-", home=home)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def markers(data: dict) -> set[str]:
    found = {row["text"][0] for row in data["actions"]} | {row["name"][0] for row in data["contacts"]}
    return found


@pytest.fixture(scope="module")
def backups() -> dict[str, Path]:
    folder = Path(tempfile.mkdtemp(prefix="crash-backups-"))
    paths = {}
    for marker in ("A", "B"):
        path = folder / f"{marker}.json"
        path.write_text(json.dumps(backup(marker, ACTIONS, CONTACTS)), encoding="utf-8")
        paths[marker] = path
    yield paths
    shutil.rmtree(folder, ignore_errors=True)


def test_kill_during_import_force_leaves_the_old_or_the_new_profile(
    tmp_path: Path, backups: dict[str, Path], rng: random.Random
) -> None:
    home = tmp_path / "h"
    assert run_program("import", str(backups["A"]), home=home).returncode == 0
    current = "A"
    kills = 0
    for _ in range(ROUNDS):
        other = "B" if current == "A" else "A"
        kills += killed_after(["import", str(backups[other]), "--force"], home, rng.uniform(0.2, 1.2))
        data = state(home)
        assert markers(data) in ({"A"}, {"B"}), markers(data)
        current = markers(data).pop()
        assert len(data["actions"]) == ACTIONS and len(data["contacts"]) == CONTACTS
    assert kills, "aucun import n'a été interrompu : le test ne prouverait rien"


def test_kill_during_answers_file_leaves_all_or_nothing(tmp_path: Path, rng: random.Random) -> None:
    home = tmp_path / "h"
    answers = tmp_path / "reponses.yaml"
    answers.write_text("situation: salarie_prive\ncontrat: cdi\nstatut_cadre: true\n", encoding="utf-8")
    for _ in range(ROUNDS):
        killed_after(["start", "--answers", str(answers)], home, rng.uniform(0.05, 0.6))
        if not (home / "defaut.sqlite3").exists():
            continue  # tué avant même de créer le carnet
        saved = {row["question_id"] for row in state(home)["answers"]}
        assert saved in (set(), {"situation", "contrat", "statut_cadre"}), saved
        if saved:
            run_program("reset", "--yes", home=home)


def test_kill_during_actions_add_never_leaves_a_partial_action(tmp_path: Path, rng: random.Random) -> None:
    home = tmp_path / "h"
    for n in range(ROUNDS):
        killed_after(["actions", "add", f"Action {n}"], home, rng.uniform(0.05, 0.5))
        if (home / "defaut.sqlite3").exists():
            texts = [row["text"] for row in state(home)["actions"]]
            assert all(text.startswith("Action ") for text in texts)
            assert len(texts) == len(set(texts))


def test_kill_during_export_leaves_no_partial_file(
    tmp_path: Path, backups: dict[str, Path], rng: random.Random
) -> None:
    home = tmp_path / "h"
    assert run_program("import", str(backups["A"]), home=home).returncode == 0
    reference = run_program("export", "--format", "json", "-o", "-", home=home).stdout
    for n in range(ROUNDS):
        target = tmp_path / f"sauvegarde-{n}.json"
        killed_after(["export", "--format", "json", "-o", str(target)], home, rng.uniform(0.1, 0.8))
        if target.exists():
            written = json.loads(target.read_text(encoding="utf-8"))  # complet, sinon illisible
            assert len(written["actions"]) == len(json.loads(reference)["actions"])


def test_kill_during_rome_import_keeps_the_previous_import(tmp_path: Path, rng: random.Random) -> None:
    home = tmp_path / "h"
    export = tmp_path / "export"
    export.mkdir()
    for child in ROME_MINI.iterdir():
        name = f"unix_{child.stem}_v999_utf8.csv" if child.suffix == ".csv" else child.name
        shutil.copy(child, export / name)
    assert run_program("jobs", "import", str(export), home=home).returncode == 0
    for _ in range(ROUNDS):
        killed_after(["jobs", "import", str(export)], home, rng.uniform(0.05, 0.6))
        shown = run_program("jobs", "show", "J1506", home=home)
        assert shown.returncode == 0, shown.stderr


def test_writes_acknowledged_during_an_import_are_never_lost(tmp_path: Path, backups: dict[str, Path]) -> None:
    home = tmp_path / "h"
    assert run_program("import", str(backups["A"]), home=home).returncode == 0
    importer = subprocess.Popen(
        [*PROGRAM, "import", str(backups["B"]), "--force"],
        env=environment(home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    acknowledged: list[str] = []
    refused_busy = 0
    for n in range(12):
        result = run_program("actions", "add", f"PENDANT {n}", home=home)
        if result.returncode == 0:
            acknowledged.append(f"PENDANT {n}")
        else:
            assert result.returncode == 75, result.stderr  # « occupé » : rien n'a été écrit, rien n'est perdu
            refused_busy += 1
    assert importer.wait(timeout=120) == 0
    for stream in (importer.stdout, importer.stderr):
        if stream:
            stream.close()
    kept = {row["text"] for row in state(home)["actions"]}
    for copy in (home / "sauvegardes").glob("*.json"):
        kept |= {row["text"] for row in json.loads(copy.read_text(encoding="utf-8"))["actions"]}
    lost = [text for text in acknowledged if text not in kept]
    assert lost == [], f"{len(lost)} action(s) confirmée(s) perdue(s) ; {refused_busy} refusée(s) car occupé"
