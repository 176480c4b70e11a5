"""Instructions exécutées (valgrind/callgrind) par les commandes courantes, rapportées à `import typer`.

Usage (depuis la racine du dépôt, avec l'environnement où l'outil est installé, et valgrind) :

    .venv/bin/python benchmarks/instructions.py

Pourquoi : sur une machine partagée, le temps mesuré par `run.py` bouge avec la charge des autres ;
le nombre d'instructions d'un processus, lui, ne dépend pas d'eux (à 0,1 % près d'un passage à
l'autre). C'est l'outil pour savoir si une modification fait gagner ou perdre, et combien ; les
objectifs, eux, restent ceux de `run.py`, en temps (une instruction n'a pas toujours le même coût :
les lectures de fichiers et les défauts de page n'y comptent pas). Compter sous valgrind est lent
(~10 s par commande) : ce banc ne mesure qu'une fois chaque ligne, après une exécution d'échauffement
(bytecode et cache du contenu prêts), sur le même profil réaliste que `run.py`.

La première question de `start` se compte dans un pseudo-terminal : callgrind écrit son total au
moment où la question s'affiche (`callgrind_control -d`), pour un profil neuf ; sa référence est le
« plancher questionary » de `run.py` (importer questionary et poser une question), compté de même.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # le banc voisin : profil réaliste, outil, environnement

_TOTAL = re.compile(r"^(?:summary|totals):\s+(\d+)", re.MULTILINE)


def instructions(argv: list[str], env: dict[str, str], work: Path) -> int:
    """Les instructions de `argv` sous callgrind, après une exécution d'échauffement."""
    subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=True)
    out = work / "callgrind.out"
    subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=True,
    )
    match = _TOTAL.search(out.read_text(encoding="utf-8", errors="replace"))
    out.unlink()
    if match is None:
        raise run.BenchError(f"callgrind n'a pas donné de total pour « {' '.join(argv)} »")
    return int(match[1])


def instructions_until(argv: list[str], env: dict[str, str], work: Path, pattern: str) -> int:
    """Les instructions de `argv` jusqu'à ce que `pattern` s'affiche dans un pseudo-terminal, après un
    échauffement (bytecode et cache du contenu prêts) sur un autre profil : le compté part d'un profil neuf."""
    for _ in range(2):  # le premier lancement dans un dossier neuf, arrêté à la question, n'a pas tout mis en cache
        run.pty_until(argv, {**env, "RECONVERSION_PROFILE": "echauffement"}, pattern)
    import pexpect

    out = work / "callgrind-pty.out"
    child = pexpect.spawn(
        "valgrind",
        ["--tool=callgrind", f"--callgrind-out-file={out}", *argv],
        env={**env, "TERM": "xterm"},
        encoding="utf-8",
        timeout=300,
        dimensions=(50, 160),
        echo=False,
    )
    try:
        while child.expect([pattern, re.escape("\x1b[6n")]) == 1:  # répondre à la demande de position du curseur
            child.send("\x1b[1;1R")
        subprocess.run(["callgrind_control", "-d", str(child.pid)], capture_output=True, check=True)
        for _ in range(100):  # le fichier du total écrit à la demande
            dumps = sorted(work.glob(out.name + ".*"))
            if dumps and _TOTAL.search(dumps[0].read_text(encoding="utf-8", errors="replace")):
                break
            time.sleep(0.1)
        else:
            raise run.BenchError(f"callgrind n'a pas écrit de total pour « {' '.join(argv)} »")
    except (pexpect.EOF, pexpect.TIMEOUT) as exc:
        raise run.BenchError(f"« {' '.join(argv)} » n'a pas affiché « {pattern} » ({type(exc).__name__})") from None
    finally:
        child.terminate(force=True)
    match = _TOTAL.search(dumps[0].read_text(encoding="utf-8", errors="replace"))
    for dump in work.glob(out.name + "*"):
        dump.unlink()
    assert match is not None
    return int(match[1])


def profile(work: Path, tool: list[str]) -> Path:
    """Le profil réaliste de `run.py` (réponses, 1 000 actions, 500 contacts…), sans ROME ni certifications."""
    from reconversion.adapters.content import guide_files
    from reconversion.adapters.storage.locations import profile_path

    home = work / "profil"
    today = dt.date.today()
    answers, _ = run.guide_answers(today)
    answers_file = work / "reponses.json"
    answers_file.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    run.run_checked([*tool, "start", "--answers", str(answers_file)], run.environment(home), "préparation du profil")
    steps = [step.id for step in guide_files.load().steps]
    run.fill_followup(profile_path(home, "defaut"), steps, today, random.Random(7))
    return home


def main() -> int:
    if shutil.which("valgrind") is None:
        print("valgrind est introuvable : installe-le (apt-get install valgrind) pour compter les instructions.")
        return 2
    tool, _ = run.tool_command()
    work = Path(tempfile.mkdtemp(prefix="reconversion-instructions-"))
    run.use_bytecode_cache(work / "pycache", enabled=True)
    try:
        home = profile(work, tool)
        env = run.environment(home)
        reference = instructions(run.BASELINE, env, work)
        print(f"Référence `import typer` : {reference / 1e6:.1f} M d'instructions")
        print("\n| commande | M d'instructions | rapport à import typer |\n|---|---:|---:|")
        for name, args in (
            ("status", ["status"]),
            ("status --json", ["status", "--json"]),
            ("export -o FICHIER --force", ["export", "-o", str(work / "plan.md"), "--force"]),
            ("export -f json -o FICHIER --force", ["export", "-f", "json", "-o", str(work / "plan.json"), "--force"]),
        ):
            count = instructions([*tool, *args], env, work)
            print(f"| {name} | {count / 1e6:.1f} | {count / reference:.2f}× |")
        _, first_prompt = run.guide_answers(dt.date.today())
        floor = instructions_until(run.QUESTIONARY_FLOOR, env, work, run.QUESTIONARY_PROMPT)
        fresh = run.environment(work / "neufs")
        start = instructions_until([*tool, "start"], fresh, work, re.escape(first_prompt[:30]))
        print(f"\nPlancher questionary (une question) : {floor / 1e6:.1f} M d'instructions")
        print(f"| start, première question (profil neuf) | {start / 1e6:.1f} | {start / floor:.2f}× le plancher |")
    except (run.BenchError, subprocess.CalledProcessError) as exc:
        print(f"ÉCHEC : {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
