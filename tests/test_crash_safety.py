"""Arrêts brutaux et écritures concurrentes : le carnet s'ouvre toujours, dans l'ancien état ou
dans le nouveau, et une écriture confirmée n'est jamais perdue (audit D1, D3, D10, D19).

Chaque essai prouve d'abord que l'arrêt a eu lieu (le processus est mort du signal, pas de
lui-même) avant de vérifier ce qui a survécu : un essai où la commande aurait fini avant d'être
tuée ne prouverait rien. Les moments des `kill -9` sont tirés au hasard avec une graine affichée
(`CRASH_SEED=…` pour rejouer), dans la seconde moitié de la durée que la commande met sans être
interrompue : c'est là qu'elle écrit. Le nombre d'essais est borné pour que la suite reste courte.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import PROGRAM, ROME_MINI, bulky_backup, environment, run_program

SEED = int(os.environ.get("CRASH_SEED", random.randrange(1_000_000)))
ROUNDS = int(os.environ.get("CRASH_ROUNDS", "5"))
ATTEMPTS = 12  # par arrêt : assez pour qu'un arrêt tombe pendant la commande, même sur une machine chargée
ACTIONS, CONTACTS = 12_000, 8_000  # un import d'environ une seconde : de quoi l'interrompre en plein milieu


@pytest.fixture(scope="module")
def rng() -> random.Random:
    print(f"\nGraine des arrêts brutaux : CRASH_SEED={SEED}")
    return random.Random(SEED)


def duration(args: list[str], home: Path) -> float:
    """Le temps que la commande met sans être interrompue (elle doit réussir) : la mesure des moments d'arrêt."""
    started = time.monotonic()
    result = run_program(*args, home=home)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


def killed_while_running(
    args: list[str] | Callable[[int], list[str]], home: Path, rng: random.Random, usual: float
) -> float:
    """Lance la commande et la tue (SIGKILL) entre 50 % et 95 % de sa durée habituelle `usual` ;
    rend le moment de l'arrêt, une fois prouvé que le processus est mort du signal.

    Si la commande a fini avant (machine plus rapide à cet instant), elle a tout écrit : l'essai
    ne prouverait rien, on recommence un peu plus tôt. Échoue si aucun arrêt n'a porté. `args` peut
    dépendre du numéro de l'essai (une fonction), pour qu'un essai fini se distingue de l'essai tué.
    """
    for attempt in range(ATTEMPTS):
        delay = rng.uniform(0.5, 0.95) * usual * 0.85**attempt
        command = args(attempt) if callable(args) else args
        process = subprocess.Popen(
            [*PROGRAM, *command], env=environment(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            process.wait(timeout=delay)  # finie plus tôt : inutile d'attendre le reste du délai
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            if process.wait(timeout=60) == -signal.SIGKILL:
                return delay
    pytest.fail(f"{command} n'a jamais été interrompue en {ATTEMPTS} essais : le test ne prouverait rien")


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
        path.write_text(json.dumps(bulky_backup(marker, ACTIONS, CONTACTS)), encoding="utf-8")
        paths[marker] = path
    yield paths
    shutil.rmtree(folder, ignore_errors=True)


def test_kill_during_import_force_leaves_the_old_or_the_new_profile(
    tmp_path: Path, backups: dict[str, Path], rng: random.Random
) -> None:
    home = tmp_path / "h"
    assert run_program("import", str(backups["A"]), home=home).returncode == 0
    usual = duration(["import", str(backups["B"]), "--force"], home)
    current = "B"
    for _ in range(ROUNDS):
        other = "B" if current == "A" else "A"
        killed_while_running(["import", str(backups[other]), "--force"], home, rng, usual)
        data = state(home)
        assert markers(data) in ({"A"}, {"B"}), markers(data)
        current = markers(data).pop()
        assert len(data["actions"]) == ACTIONS and len(data["contacts"]) == CONTACTS


def test_kill_during_answers_file_leaves_all_or_nothing(tmp_path: Path, rng: random.Random) -> None:
    home = tmp_path / "h"
    answers = tmp_path / "reponses.yaml"
    answers.write_text("situation: salarie_prive\ncontrat: cdi\nstatut_cadre: true\n", encoding="utf-8")
    usual = duration(["start", "--answers", str(answers)], tmp_path / "mesure")
    for _ in range(ROUNDS):
        killed_while_running(["start", "--answers", str(answers)], home, rng, usual)
        if not (home / "defaut.sqlite3").exists():
            continue  # tué avant même de créer le carnet : rien d'écrit, rien à relire
        saved = {row["question_id"] for row in state(home)["answers"]}
        assert saved in (set(), {"situation", "contrat", "statut_cadre"}), saved
        if saved:
            run_program("reset", "--yes", home=home)


def test_kill_during_actions_add_never_leaves_a_partial_action(tmp_path: Path, rng: random.Random) -> None:
    home = tmp_path / "h"
    usual = duration(["actions", "add", "Mesure"], tmp_path / "mesure")
    for n in range(ROUNDS):
        killed_while_running(lambda attempt, n=n: ["actions", "add", f"Action {n}.{attempt}"], home, rng, usual)
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
    usual = duration(["export", "--format", "json", "-o", str(tmp_path / "mesure.json")], home)
    for n in range(ROUNDS):
        target = tmp_path / f"sauvegarde-{n}.json"
        killed_while_running(["export", "--format", "json", "-o", str(target)], home, rng, usual)
        if target.exists():
            written = json.loads(target.read_text(encoding="utf-8"))  # complet, sinon illisible
            assert len(written["actions"]) == len(json.loads(reference)["actions"])


def imported_only(home: Path) -> dict:
    """La fiche de N9999, métier inventé que seul le mini-export apporte (absent du catalogue intégré)."""
    shown = run_program("jobs", "show", "N9999", "--json", home=home)
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


def test_kill_during_rome_import_keeps_the_previous_import(tmp_path: Path, rng: random.Random) -> None:
    home = tmp_path / "h"
    assert run_program("jobs", "show", "N9999", "--json", home=home).returncode != 0  # rien sans import
    usual = duration(["jobs", "import", str(ROME_MINI)], home)
    before = imported_only(home)
    assert (before["title"], before["rome_version"]) == ("Testeur / Testeuse de référentiel", "999")
    for _ in range(ROUNDS):
        killed_while_running(["jobs", "import", str(ROME_MINI)], home, rng, usual)
        assert imported_only(home) == before


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
