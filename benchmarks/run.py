"""Banc d'essai de `reconversion` : temps de démarrage, temps de réponse et mémoire des commandes courantes.

Usage (depuis la racine du dépôt, avec l'environnement où l'outil est installé) :

    .venv/bin/python benchmarks/run.py              # tableau Markdown, 15 mesures par commande
    .venv/bin/python benchmarks/run.py --runs 31    # plus de mesures (moins de bruit)
    .venv/bin/python benchmarks/run.py --json       # les mesures brutes, en JSON
    .venv/bin/python benchmarks/run.py --check      # code de sortie 1 si un objectif est dépassé

Pourquoi un rapport à `python -c "import typer"` : la machine, sa charge et la version de Python
font varier les millisecondes ; le plancher (l'interpréteur plus typer) varie avec elles. Chaque
exécution mesurée d'une commande alterne avec une exécution de cette référence, et le rapport
utilise la médiane des références mesurées en alternance avec CETTE commande.

Dépendances : la bibliothèque standard, pexpect (extra « test ») et le paquet `reconversion`
lui-même (pour parcourir le guide avec le moteur pur et fabriquer un profil réaliste).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# Comme les tests : RECONVERSION_ROME_DIR (le dossier qui contient raw_v460), sinon ../shared à côté du dépôt.
ROME_DIR = Path(os.environ.get("RECONVERSION_ROME_DIR", ROOT.parent / "shared" / "reference" / "rome")) / "raw_v460"
BASELINE = [sys.executable, "-c", "import typer"]
# Le plancher des lignes `start` : importer questionary et afficher une seule question, dans le
# même pseudo-terminal (qui répond aux demandes de position du curseur, comme un vrai terminal).
QUESTIONARY_FLOOR = [sys.executable, "-c", "import questionary; questionary.text('Plancher questionary ?').ask()"]
QUESTIONARY_PROMPT = "Plancher questionary"
ACTIONS = 1000
CONTACTS = 500
EXPERIENCES = 20
SEARCH_WORD = "infirmiere"

# Objectifs de l'issue 7 (sur ce banc, pas dans les tests chronométrés).
TARGET_STATUS_RATIO = 1.6
TARGET_VERSION_RATIO = 1.15
TARGET_START_RATIO = 1.3  # × le plancher questionary, profil neuf dans un dossier déjà utilisé
TARGET_START_COLD_RATIO = 2.0  # × le plancher questionary, tout premier lancement (aucun cache)
TARGET_EXPORT_RATIO = 2.0
TARGET_ROME_SEARCH_RATIO = 1.8
TARGET_STATUS_RSS_MIB = 40.0
# Objectifs de l'issue 15 : compétences transférables.
TARGET_SKILLS_RATIO = 1.8
TARGET_IMPORT_MS = 10_000.0
IMPORT_RUNS = 3  # un import complet dure quelques secondes : trois mesures suffisent
SKILLS_FROM, SKILLS_TO = "J1501", "J1506"
# Objectifs de l'issue 22 : certifications (export RNCP/RS synthétique, de la taille du vrai).
CERTIF_FICHES = 20_000
TARGET_CERTIF_IMPORT_MS = 15_000.0
CERTIF_SEARCH_FACTOR = 1.5  # × le rapport mesuré de `jobs search` (ROME importé, sinon catalogue)
CERTIF_SEARCH = SEARCH_WORD  # le même mot que `jobs search` : ~700 intitulés dans l'export synthétique


class BenchError(RuntimeError):
    """Une commande a échoué pendant la préparation ou la mesure : le banc s'arrête et le dit."""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- l'outil -------------------------------------------------------------------------------------


def tool_command() -> tuple[list[str], str]:
    """Le script `reconversion` installé à côté de l'interpréteur (ce que les gens lancent), sinon `-m`."""
    script = Path(sys.executable).parent / "reconversion"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)], f"script console `{script}`"
    return [sys.executable, "-m", "reconversion"], f"`{sys.executable} -m reconversion` (script console absent)"


def environment(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["RECONVERSION_HOME"] = str(home)
    for name in ("RECONVERSION_PROFILE", "RECONVERSION_TODAY"):
        env.pop(name, None)
    return env


def run_checked(argv: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    """Lance une commande de préparation ; en cas d'échec, arrête tout avec sa sortie d'erreur."""
    result = subprocess.run(argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    if result.returncode != 0:
        raise BenchError(
            f"{what} : « {' '.join(argv)} » a échoué (code {result.returncode}).\n"
            f"--- stderr ---\n{result.stderr}\n--- stdout ---\n{result.stdout[-2000:]}"
        )
    return result


# --- le profil réaliste ------------------------------------------------------------------------------


def sample_answer(question: Any, codes: list[str], today: dt.date) -> Any:
    """Une réponse valide et plausible pour une question du guide (avant normalisation)."""
    rules = question.validate
    kind = question.type
    if kind == "select":
        return codes[1] if question.choices_from else question.choices[0].value  # métier actuel : J1501
    if kind == "multiselect":
        wanted = 3 if question.choices_from else 2
        if rules.max_choices is not None:
            wanted = min(wanted, rules.max_choices)
        if rules.min_choices is not None:
            wanted = max(wanted, rules.min_choices)
        pool = codes if question.choices_from else [c.value for c in question.choices]
        return pool[:wanted]
    if kind == "confirm":
        return True
    if kind in ("number", "scale"):
        low = rules.min if rules.min is not None else 0
        high = rules.max if rules.max is not None else low + 10
        return int(low + (high - low) * 2 // 3)
    if kind == "date":
        day = (today + dt.timedelta(days=400)).isoformat()
        if rules.min is not None and day < rules.min:
            day = rules.min
        if rules.max is not None and day > rules.max:
            day = rules.max
        return day
    if kind in ("text", "long_text"):
        sentence = (
            "Aide-soignante depuis douze ans, j'aime le contact avec les patients et le travail en équipe ; "
            "je voudrais évoluer vers un métier du soin avec plus de responsabilités. "
        )
        text = sentence * (4 if kind == "long_text" else 1)
        low = rules.min_length or 0
        high = rules.max_length or len(text)
        text = text[:high].strip()
        if len(text) < low:
            raise BenchError(f"Impossible de fabriquer une réponse de {low} caractères pour « {question.id} ».")
        return text
    raise BenchError(f"Type de question inconnu du banc : {kind} ({question.id}).")


def guide_answers(today: dt.date) -> tuple[dict[str, Any], str]:
    """Parcourt le guide livré avec le moteur pur : une réponse valide à chaque question applicable."""
    from reconversion.adapters.content import guide_files, metiers_files
    from reconversion.core import engine
    from reconversion.core.question_types import normalize
    from reconversion.errors import AnswerError

    guide = guide_files.load()
    known = sorted(metiers_files.catalogue().codes)
    preferred = [code for code in ("J1506", "J1501", "K2111") if code in known]
    codes = preferred + [code for code in known if code not in preferred]
    answers: dict[str, Any] = {}
    while (question := engine.next_question(guide, answers)) is not None:
        raw = sample_answer(question, codes, today)
        try:
            answers[question.id] = normalize(question, raw)
        except AnswerError as exc:
            raise BenchError(f"Réponse fabriquée refusée pour « {question.id} » : {exc.message}") from None
    first = engine.next_question(guide, {})
    assert first is not None, "le guide livré n'a aucune question"
    return answers, first.prompt


def fill_followup(database: Path, step_ids: list[str], today: dt.date, rng: random.Random) -> None:
    """Actions personnelles, contacts, expériences et test d'intérêts, écrits directement dans SQLite.

    Les lignes ont la forme de celles qu'écrivent `adapters/storage/followup_store.py` et
    `adapters/storage/interests_store.py` (schéma 3) : dates ISO, horodatages UTC à la seconde.
    """
    from reconversion.adapters.content.metiers_files import interest_test
    from reconversion.core.followup import EXPERIENCE_KINDS

    stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    iso = stamp.isoformat(timespec="seconds")
    tasks = (
        "Appeler l'IFSI de Lyon",
        "Relancer le conseiller CEP",
        "Lire la fiche métier J1506",
        "Mettre à jour mon CV",
        "M'inscrire à un atelier France Travail",
        "Écrire à une infirmière rencontrée au salon",
    )
    actions = []
    for number in range(1, ACTIONS + 1):
        due = today + dt.timedelta(days=rng.randint(-180, 180)) if rng.random() < 0.8 else None
        done = (stamp - dt.timedelta(days=rng.randint(0, 90))).isoformat(timespec="seconds")
        step = rng.choice([*step_ids, None])
        text = f"{rng.choice(tasks)} (n°{number})"
        actions.append((step, text, due.isoformat() if due else None, done if rng.random() < 0.3 else None, iso, iso))
    organisations = ("CHU de Lyon", "EHPAD Les Tilleuls", "Clinique du Parc", "France Travail", "Mairie")
    contacts = []
    for number in range(1, CONTACTS + 1):
        follow = today + dt.timedelta(days=rng.randint(-90, 90)) if rng.random() < 0.6 else None
        contacts.append(
            (
                f"Personne {number}",
                rng.choice(organisations),
                "Infirmière cadre",
                "Salon de l'emploi",
                "Connaît bien le métier ; prête à me parler de son parcours.",
                follow.isoformat() if follow else None,
                iso,
                iso,
            )
        )
    kinds = list(EXPERIENCE_KINDS)
    experiences = [
        (
            kinds[number % len(kinds)],
            rng.choice(organisations),
            (today - dt.timedelta(days=30 * number)).isoformat(),
            (today - dt.timedelta(days=30 * number - 5)).isoformat(),
            "Une journée d'observation très concrète.",
            iso,
        )
        for number in range(1, EXPERIENCES + 1)
    ]
    test = interest_test()
    interests = [(item.id, rng.choice(test.scale_values), iso) for item in test.items]
    connection = sqlite3.connect(database)
    try:
        with connection:
            connection.executemany(
                "INSERT INTO actions (guide_action_id, step_id, text, due_date, done_at, removed, created_at, "
                "updated_at) VALUES (NULL, ?, ?, ?, ?, 0, ?, ?)",
                actions,
            )
            connection.executemany(
                "INSERT INTO contacts (name, organisation, role, met_how, notes, follow_up, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                contacts,
            )
            connection.executemany(
                "INSERT INTO experiences (kind, organisation, start_date, end_date, learnt, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                experiences,
            )
            connection.executemany(
                "INSERT INTO interest_answers (item_id, value, answered_at) VALUES (?, ?, ?)", interests
            )
    finally:
        connection.close()


@dataclass
class Setup:
    home: Path  # le profil réaliste
    rome_home: Path | None  # un dossier de données avec le ROME complet importé
    rome_note: str
    start_homes: Path  # un dossier neuf par mesure de `start`
    export_file: Path
    certif_export: Path  # un export RNCP/RS synthétique (jamais dans le dépôt)
    certif_home: Path  # un dossier de données où il est importé
    first_prompt: str
    answered: int
    steps: int


def prepare(work: Path, tool: list[str]) -> Setup:
    from reconversion.adapters.content import guide_files
    from reconversion.adapters.storage.locations import profile_path

    today = dt.date.today()
    home = work / "profil"
    env = environment(home)
    answers, first_prompt = guide_answers(today)
    answers_file = work / "reponses.yaml"
    answers_file.write_text(json.dumps(answers, ensure_ascii=False, indent=2), encoding="utf-8")  # JSON est du YAML
    log(f"Profil réaliste : {len(answers)} réponses au guide via « start --answers »…")
    done = run_checked([*tool, "start", "--answers", str(answers_file)], env, "préparation du profil")
    if f"{len(answers)} réponses enregistrées" not in done.stdout:
        raise BenchError(f"start --answers n'a pas tout enregistré :\n{done.stdout}")
    database = profile_path(home, "defaut")
    steps = [step.id for step in guide_files.load().steps]
    log(f"… plus {ACTIONS} actions, {CONTACTS} contacts, {EXPERIENCES} expériences et le test d'intérêts (SQLite).")
    fill_followup(database, steps, today, random.Random(7))
    report = json.loads(run_checked([*tool, "status", "--json"], env, "vérification du profil").stdout)
    unfinished = [s["id"] for s in report["steps"] if not s["done"]]
    if unfinished or report["interests"] is None:
        raise BenchError(f"Profil incomplet : étapes non terminées {unfinished}, intérêts {report['interests']}.")
    rome_home: Path | None = None
    if ROME_DIR.is_dir():
        rome_home = work / "rome"
        log(f"Import du ROME complet depuis {ROME_DIR}…")
        run_checked([*tool, "jobs", "import", str(ROME_DIR)], environment(rome_home), "import du ROME")
        rome_note = ""
    else:
        rome_note = f"ignoré : {ROME_DIR} absent"
    start_homes = work / "start"
    start_homes.mkdir()
    sys.path.insert(0, str(ROOT / "tests"))
    from certif_factory import synthetic_export  # le même générateur que le test d'arrêt brutal

    log(f"Export RNCP/RS synthétique de {CERTIF_FICHES} fiches, puis son import…")
    certif_export = synthetic_export(work / "certifications-export", CERTIF_FICHES)
    certif_home = work / "certifications"
    run_checked([*tool, "certifications", "import", str(certif_export)], environment(certif_home), "import RNCP/RS")
    return Setup(
        home=home,
        rome_home=rome_home,
        rome_note=rome_note,
        start_homes=start_homes,
        export_file=work / "plan.md",
        certif_export=certif_export,
        certif_home=certif_home,
        first_prompt=first_prompt,
        answered=len(answers),
        steps=len(steps),
    )


# --- les mesures ---------------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    argv: list[str]
    env: dict[str, str]
    ratio_target: float | None = None
    ms_target: float | None = None
    rss_target: float | None = None
    check: Callable[[str], str | None] | None = None  # contrôle de la sortie : message d'erreur ou None
    pty_pattern: str | None = None  # mesure dans un pseudo-terminal jusqu'à ce motif (référence : questionary)
    fresh_home: Path | None = None  # dossier des mesures de `start` (profil neuf à chaque mesure)
    cold: bool = False  # un RECONVERSION_HOME neuf à chaque mesure : aucun cache, comme au tout premier lancement
    note: str = ""
    runs: int | None = None  # moins de mesures que les autres lignes (commande longue)
    relative_to: str | None = None  # objectif = CERTIF_SEARCH_FACTOR × le rapport mesuré de cette ligne
    samples: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    rss_mib: float | None = None

    @property
    def skipped(self) -> bool:
        return not self.argv


def timed_run(argv: list[str], env: dict[str, str]) -> float:
    """Durée (s) d'une exécution, sortie standard jetée ; échec = arrêt du banc."""
    started = time.perf_counter()
    result = subprocess.run(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise BenchError(
            f"« {' '.join(argv)} » a échoué pendant la mesure (code {result.returncode}).\n"
            f"--- stderr ---\n{result.stderr.decode(errors='replace')}"
        )
    return elapsed


# Lancé par un interpréteur neuf et petit (`python -S`) : il forke, exécute la commande et l'attend
# avec `os.wait4`. Attendre la commande directement depuis ce banc fausserait la mesure : sous Linux,
# `ru_maxrss` garde au travers d'`exec` le maximum de la mémoire du processus qui a forké (ici le banc,
# qui a chargé le guide, le catalogue et YAML : ~25 Mio) ; `Popen` + `os.wait4` renverrait donc la
# mémoire du banc pour toute commande plus petite que lui.
_RSS_HELPER = """
import os, sys
argv = sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execv(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def rusage_run(argv: list[str], env: dict[str, str], work: Path) -> tuple[float, str]:
    """Une exécution de plus, attendue avec `os.wait4` : la mémoire maximale (Mio) de CE processus."""
    out_path, err_path, rss_path = work / "rss.out", work / "rss.err", work / "rss.kib"
    rss_path.unlink(missing_ok=True)
    with out_path.open("wb") as out, err_path.open("wb") as err:
        code = subprocess.run(
            [sys.executable, "-S", "-c", _RSS_HELPER, str(rss_path), *argv],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            check=False,
        ).returncode
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    if code != 0 or not rss_path.exists():
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
        raise BenchError(
            f"« {' '.join(argv)} » a échoué (code {code}).\n--- stderr ---\n{stderr}\n--- stdout ---\n{stdout[-2000:]}"
        )
    return int(rss_path.read_text()) / 1024, stdout  # ru_maxrss est en Kio sous Linux


def peak_rss_mib(pid: int) -> float | None:
    """VmHWM : la mémoire résidente maximale d'un processus encore vivant (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def pty_run(case: Case, counter: list[int]) -> tuple[float, float | None]:
    """Lance `start` dans un pseudo-terminal sur un profil neuf ; temps jusqu'à la première question."""
    assert case.fresh_home is not None and case.pty_pattern is not None
    counter[0] += 1
    if case.cold:
        env = environment(case.fresh_home / f"froid{counter[0]}")
    else:  # un profil neuf dans un dossier de données déjà utilisé : le cas courant
        env = environment(case.fresh_home / "chaud")
        env["RECONVERSION_PROFILE"] = f"neuf{counter[0]}"
    return pty_until(case.argv, env, case.pty_pattern)


def pty_until(argv: list[str], env: dict[str, str], pattern: str) -> tuple[float, float | None]:
    """Temps jusqu'à ce que `pattern` s'affiche dans un pseudo-terminal qui répond comme un vrai.

    prompt_toolkit demande la position du curseur (ESC [6n) : on répond aussitôt, comme le ferait
    un émulateur de terminal, plutôt que de désactiver la question avec PROMPT_TOOLKIT_NO_CPR.
    """
    import pexpect

    env = {**env, "TERM": "xterm"}
    env.pop("PROMPT_TOOLKIT_NO_CPR", None)
    started = time.perf_counter()
    child = pexpect.spawn(argv[0], argv[1:], env=env, encoding="utf-8", timeout=30, dimensions=(50, 160), echo=False)
    try:
        while child.expect([pattern, re.escape("\x1b[6n")]) == 1:
            child.send("\x1b[1;1R")
        elapsed = time.perf_counter() - started
        rss = peak_rss_mib(child.pid)
    except (pexpect.EOF, pexpect.TIMEOUT) as exc:
        raise BenchError(
            f"« {' '.join(argv)} » n'a pas affiché « {pattern} » ({type(exc).__name__}).\n"
            f"--- sortie ---\n{child.before}"
        ) from None
    finally:
        if child.isalive():
            child.kill(signal.SIGKILL)
        child.close(force=True)
    return elapsed, rss


def measure(case: Case, runs: int, work: Path) -> None:
    """Validation (+ mémoire), puis `runs` mesures alternées avec la référence `import typer`."""
    counter = [0]
    if case.pty_pattern is not None:
        _, case.rss_mib = pty_run(case, counter)  # échauffement, et mémoire au moment de la question
        one = lambda: pty_run(case, counter)[0]  # noqa: E731
    else:
        case.rss_mib, stdout = rusage_run(case.argv, case.env, work)
        problem = case.check(stdout) if case.check else None
        if problem:
            raise BenchError(f"Sortie inattendue de « {' '.join(case.argv)} » : {problem}\n{stdout[:2000]}")
        one = lambda: timed_run(case.argv, case.env)  # noqa: E731
    if case.pty_pattern is not None:  # la référence de `start` : questionary seul, dans le même terminal
        floor = lambda: pty_until(QUESTIONARY_FLOOR, case.env, QUESTIONARY_PROMPT)[0]  # noqa: E731
    else:
        floor = lambda: timed_run(BASELINE, case.env)  # noqa: E731
    for index in range(case.runs or runs):
        # L'ordre change à chaque tour : ni la commande ni la référence ne profitent toujours d'un cache chaud.
        if index % 2 == 0:
            case.baseline.append(floor())
            case.samples.append(one())
        else:
            case.samples.append(one())
            case.baseline.append(floor())


def expect_json(key: str) -> Callable[[str], str | None]:
    def check(stdout: str) -> str | None:
        try:
            data = json.loads(stdout)
        except ValueError:
            return "JSON illisible"
        return None if key in data else f"clé « {key} » absente"

    return check


def expect_text(*needles: str) -> Callable[[str], str | None]:
    def check(stdout: str) -> str | None:
        missing = [n for n in needles if n not in stdout]
        return f"texte attendu absent : {missing}" if missing else None

    return check


def build_cases(setup: Setup, tool: list[str]) -> list[Case]:
    env = environment(setup.home)
    out = str(setup.export_file)
    cases = [
        Case("reconversion --version", [*tool, "--version"], env, TARGET_VERSION_RATIO, check=expect_text("0.")),
        Case("reconversion --help", [*tool, "--help"], env, check=expect_text("status", "export")),
        Case(
            "status",
            [*tool, "status"],
            env,
            TARGET_STATUS_RATIO,
            rss_target=TARGET_STATUS_RSS_MIB,
            check=expect_text("Avancement global"),
        ),
        Case("status --json", [*tool, "status", "--json"], env, TARGET_STATUS_RATIO, check=expect_json("steps")),
        Case(
            f"export -o FICHIER --force ({ACTIONS} actions, {CONTACTS} contacts)",
            [*tool, "export", "-o", out, "--force"],
            env,
            TARGET_EXPORT_RATIO,
            check=expect_text("Ton plan est prêt"),
        ),
        Case(
            f"export -f html -o FICHIER --force ({ACTIONS} actions, {CONTACTS} contacts)",
            [*tool, "export", "-f", "html", "-o", str(setup.export_file.with_suffix(".html")), "--force"],
            env,
            check=expect_text("Ton plan est prêt"),
        ),
        Case(
            f"jobs search {SEARCH_WORD} (catalogue intégré)",
            [*tool, "jobs", "search", SEARCH_WORD],
            env,
            check=expect_text("J1506"),
        ),
    ]
    rome_name = f"jobs search {SEARCH_WORD} (ROME complet importé)"
    if setup.rome_home is not None:
        cases.append(
            Case(
                rome_name,
                [*tool, "jobs", "search", SEARCH_WORD],
                environment(setup.rome_home),
                TARGET_ROME_SEARCH_RATIO,
                check=expect_text("J1506", "J1511"),
            )
        )
    else:
        cases.append(Case(rome_name, [], env, TARGET_ROME_SEARCH_RATIO, note=setup.rome_note))
    cases += skills_cases(setup, tool)
    cases += certification_cases(setup, tool, rome_name if setup.rome_home is not None else cases[-1].name)
    cases.append(
        Case(
            "start : première question (pty, profil neuf)",
            [*tool, "start"],
            env,
            TARGET_START_RATIO,
            pty_pattern=re.escape(setup.first_prompt[:30]),
            fresh_home=setup.start_homes,
        )
    )
    cases.append(
        Case(
            "start : première question, tout premier lancement (sans cache)",
            [*tool, "start"],
            env,
            TARGET_START_COLD_RATIO,
            pty_pattern=re.escape(setup.first_prompt[:30]),
            fresh_home=setup.start_homes,
            cold=True,
        )
    )
    return cases


def skills_cases(setup: Setup, tool: list[str]) -> list[Case]:
    """Import complet du ROME (compétences comprises), `jobs compare` et `jobs bridges` (issue 15)."""
    import_name = f"jobs import raw_v460 (ROME complet, compétences comprises ; {IMPORT_RUNS} mesures)"
    compare_name = f"jobs compare {SKILLS_FROM} {SKILLS_TO} (ROME complet importé)"
    bridges_name = f"jobs bridges {SKILLS_FROM} (ROME complet importé)"
    if setup.rome_home is None:
        env = environment(setup.home)
        return [
            Case(import_name, [], env, ms_target=TARGET_IMPORT_MS, note=setup.rome_note),
            Case(compare_name, [], env, TARGET_SKILLS_RATIO, note=setup.rome_note),
            Case(bridges_name, [], env, TARGET_SKILLS_RATIO, note=setup.rome_note),
        ]
    env = environment(setup.rome_home)
    return [
        Case(
            import_name,
            [*tool, "jobs", "import", str(ROME_DIR)],
            environment(setup.rome_home.parent / "rome-import"),
            ms_target=TARGET_IMPORT_MS,
            runs=IMPORT_RUNS,
            check=expect_text("1584 fiches métier", "compétences et savoirs"),
        ),
        Case(
            compare_name,
            [*tool, "jobs", "compare", SKILLS_FROM, SKILLS_TO],
            env,
            TARGET_SKILLS_RATIO,
            check=expect_text("Ce qu'il te reste à acquérir"),
        ),
        Case(
            bridges_name,
            [*tool, "jobs", "bridges", SKILLS_FROM],
            env,
            TARGET_SKILLS_RATIO,
            check=expect_text("Passerelles depuis", SKILLS_TO),
        ),
    ]


def certification_cases(setup: Setup, tool: list[str], search_case: str) -> list[Case]:
    """Import d'un export RNCP/RS de la taille du vrai, et la recherche d'une certification (issue 22)."""
    return [
        Case(
            f"certifications import (export synthétique, {CERTIF_FICHES} fiches ; {IMPORT_RUNS} mesures)",
            [*tool, "certifications", "import", str(setup.certif_export)],
            environment(setup.certif_home.parent / "certifications-import"),
            ms_target=TARGET_CERTIF_IMPORT_MS,
            runs=IMPORT_RUNS,
            check=expect_text(f"{CERTIF_FICHES} fiches"),
        ),
        Case(
            f"certifications search {CERTIF_SEARCH} ({CERTIF_FICHES} fiches importées)",
            [*tool, "certifications", "search", *CERTIF_SEARCH.split()],
            environment(setup.certif_home),
            check=expect_text("Certifications pour"),
            relative_to=search_case,
        ),
    ]


def relative_targets(cases: list[Case]) -> None:
    """L'objectif d'une ligne relative : CERTIF_SEARCH_FACTOR × le rapport mesuré de sa ligne de référence."""
    by_name = {case.name: case for case in cases}
    for case in cases:
        reference = by_name.get(case.relative_to or "")
        if reference is None or reference.skipped or not reference.samples or case.skipped:
            continue
        ratio = statistics.median(reference.samples) / statistics.median(reference.baseline)
        case.ratio_target = round(CERTIF_SEARCH_FACTOR * ratio, 2)
        case.note = f"objectif : {CERTIF_SEARCH_FACTOR:g} × {ratio:.2f} (« {reference.name} »)"


# --- le rapport -----------------------------------------------------------------------------------------


def ms(seconds: float) -> float:
    return seconds * 1000


def summary(case: Case) -> dict[str, Any]:
    row: dict[str, Any] = {"name": case.name, "argv": case.argv, "note": case.note}
    if case.skipped:
        row.update(verdict="—", checks=[])
        return row
    median, base = statistics.median(case.samples), statistics.median(case.baseline)
    ratio = median / base
    checks = []
    if case.ratio_target is not None:
        checks.append({"what": "ratio", "target": case.ratio_target, "value": ratio, "ok": ratio <= case.ratio_target})
    if case.ms_target is not None:
        checks.append({"what": "ms", "target": case.ms_target, "value": ms(median), "ok": ms(median) <= case.ms_target})
    if case.rss_target is not None and case.rss_mib is not None:
        ok = case.rss_mib <= case.rss_target
        checks.append({"what": "rss_mib", "target": case.rss_target, "value": case.rss_mib, "ok": ok})
    row.update(
        samples_ms=[round(ms(s), 2) for s in case.samples],
        baseline_ms=[round(ms(s), 2) for s in case.baseline],
        median_ms=round(ms(median), 1),
        min_ms=round(ms(min(case.samples)), 1),
        baseline_median_ms=round(ms(base), 1),
        baseline_min_ms=round(ms(min(case.baseline)), 1),
        ratio=round(ratio, 3),
        ratio_of_mins=round(min(case.samples) / min(case.baseline), 3),
        peak_rss_mib=round(case.rss_mib, 1) if case.rss_mib is not None else None,
        checks=checks,
        verdict=("OK" if all(c["ok"] for c in checks) else "DÉPASSÉ") if checks else "—",
    )
    return row


def target_text(case: Case) -> str:
    parts = []
    if case.ratio_target is not None:
        parts.append(f"≤ {case.ratio_target:g}×")
    if case.ms_target is not None:
        parts.append(f"≤ {case.ms_target:g} ms")
    if case.rss_target is not None:
        parts.append(f"≤ {case.rss_target:g} Mio")
    return " ; ".join(parts) or "—"


def markdown(cases: list[Case], rows: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    lines = [
        f"Banc reconversion — {meta['date']} — Python {meta['python']} — {meta['cpus']} cœurs — "
        f"charge {meta['load_before']} → {meta['load_after']}",
        f'Outil : {meta["tool"]} ; {meta["runs"]} mesures par ligne, alternées avec `python -c "import typer"` '
        f"(référence : médiane {meta['baseline_median_ms']} ms, min {meta['baseline_min_ms']} ms).",
        f"Profil : {meta['profile']} ; {meta['bytecode']}.",
        "",
        "| commande | médiane ms | min ms | rapport à import typer | objectif | RSS max Mio | verdict |",
        "|---|---:|---:|---:|---|---:|---|",
    ]
    for case, row in zip(cases, rows, strict=True):
        if case.skipped:
            lines.append(f"| {case.name} | — | — | — | {target_text(case)} | — | {case.note} |")
            continue
        rss = f"{row['peak_rss_mib']:.1f}" if row["peak_rss_mib"] is not None else "—"
        lines.append(
            f"| {case.name} | {row['median_ms']:.0f} | {row['min_ms']:.0f} | {row['ratio']:.2f}× "
            f"(mins : {row['ratio_of_mins']:.2f}×) | {target_text(case)} | {rss} | {row['verdict']} |"
        )
    lines += [
        "",
        "Rapport = médiane de la commande / médiane des références mesurées en alternance avec elle ; "
        "« mins » = meilleur temps / meilleure référence (moins sensible à la charge de la machine). "
        "Pour les lignes `start`, la référence est le plancher questionary (import de questionary et une "
        "question affichée, dans le même pseudo-terminal), mesuré lui aussi en alternance.",
    ]
    return "\n".join(lines)


def use_bytecode_cache(folder: Path, *, enabled: bool) -> str:
    """Le bytecode des commandes mesurées va dans un cache temporaire (hérité via l'environnement).

    Une installation par pip compile les .pyc : c'est ce que vivent les gens. Un
    PYTHONDONTWRITEBYTECODE=1 ambiant ferait recompiler toutes les sources à chaque exécution
    (plusieurs dizaines de ms) ; le cache à part évite aussi d'écrire des __pycache__ dans le dépôt.
    """
    if not enabled:
        os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
        os.environ.pop("PYTHONPYCACHEPREFIX", None)
        return "sans cache de bytecode (--no-pyc : sources recompilées à chaque exécution)"
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder)
    return "bytecode en cache (comme après pip install)"


def load_text() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="mesures par commande (15 par défaut)")
    parser.add_argument("--json", action="store_true", help="afficher les mesures brutes en JSON")
    parser.add_argument("--check", action="store_true", help="code de sortie 1 si un objectif est dépassé")
    parser.add_argument(
        "--no-pyc", action="store_true", help="sans cache de bytecode : chaque exécution recompile les sources"
    )
    options = parser.parse_args(argv)
    if options.runs < 1:
        parser.error("--runs doit valoir au moins 1")
    tool, tool_text = tool_command()
    started = time.perf_counter()
    load_before = load_text()
    work = Path(tempfile.mkdtemp(prefix="reconversion-bench-"))
    bytecode = use_bytecode_cache(work / "pycache", enabled=not options.no_pyc)
    try:
        setup = prepare(work, tool)
        cases = build_cases(setup, tool)
        timed_run(BASELINE, environment(setup.home))  # échauffement : bytecode de typer en cache
        for case in cases:
            if case.skipped:
                log(f"{case.name} : {case.note}")
                continue
            log(f"Mesure : {case.name}…")
            measure(case, options.runs, work)
    except BenchError as exc:
        log(f"ÉCHEC DU BANC : {exc}")
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)
    relative_targets(cases)
    rows = [summary(case) for case in cases]
    all_baselines = [s for case in cases for s in case.baseline]
    meta = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "tool": tool_text,
        "bytecode": bytecode,
        "runs": options.runs,
        "load_before": load_before,
        "load_after": load_text(),
        "baseline_median_ms": round(ms(statistics.median(all_baselines)), 1),
        "baseline_min_ms": round(ms(min(all_baselines)), 1),
        "profile": (
            f"{setup.answered} réponses ({setup.steps} étapes terminées), {ACTIONS} actions, {CONTACTS} contacts, "
            f"{EXPERIENCES} expériences, test d'intérêts complet"
        ),
        "duration_s": round(time.perf_counter() - started, 1),
    }
    if options.json:
        print(json.dumps({"meta": meta, "results": rows}, ensure_ascii=False, indent=2))
    else:
        print(markdown(cases, rows, meta))
        log(f"(banc terminé en {meta['duration_s']} s)")
    missed = [row["name"] for row in rows if row["verdict"] == "DÉPASSÉ"]
    return 1 if options.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
