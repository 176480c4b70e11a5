"""Lancer le programme depuis les tests, de trois façons, chacune avec un environnement connu.

- `run` : dans le processus de la suite, par le CliRunner de typer. Le plus rapide ; pas de
  terminal, sorties standard et d'erreur séparées.
- `run_program` : un vrai processus (`python -m reconversion`), pour ce que le CliRunner ne
  montre pas : démarrage, encodages, signaux, verrous entre processus, fichiers spéciaux.
- `spawn` puis `finish` : le vrai programme dans un pseudo-terminal (pexpect), pour les écrans
  interactifs ; `transcript` rend tout ce qu'il a écrit.

Et ce que plusieurs fichiers de tests préparent de la même façon : un fichier (`write`), des
réponses enregistrées par `start --answers` (`answered`), un carnet rempli (`filled_profile`),
le test d'intérêts fini (`took_interest_test`), le mini-export du ROME (`ROME_MINI`), et le clavier
simulé des invites en mémoire (`keyboard` et les touches `DOWN`, `ENTER`…). Un fichier de tests
n'importe jamais rien d'un autre fichier de tests : ce qu'ils partagent est ici.

Les tests l'importent comme `conftest` (`from helpers import run`) : sans `__init__.py`, pytest
met le dossier `tests/` dans `sys.path`. Dans `env`, une valeur None retire la variable.
"""

from __future__ import annotations

import atexit
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from reconversion.cli import app

if TYPE_CHECKING:
    import pexpect

    from reconversion.adapters.prompts.arrow_prompts import Prompter

PROGRAM = [sys.executable, "-m", "reconversion"]
# Ce qui, hérité de la session qui lance la suite, changerait l'écran d'un pseudo-terminal : sa
# taille vient de `rows`/`columns`, son mode et ses couleurs de ce que le test demande.
_TERMINAL_NOISE = ("RECONVERSION_PROFILE", "RECONVERSION_SIMPLE", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")
_RUNNER = CliRunner()


def environment(
    home: Path | None = None, env: Mapping[str, str | None] | None = None, drop: tuple[str, ...] = ()
) -> dict[str, str]:
    """L'environnement de la suite, sans `drop`, avec RECONVERSION_HOME=`home` (si donné), puis `env`."""
    full = {name: value for name, value in os.environ.items() if name not in drop}
    if home is not None:
        full["RECONVERSION_HOME"] = str(home)
    for name, value in (env or {}).items():
        if value is None:
            full.pop(name, None)
        else:
            full[name] = value
    return full


def run(*args: str, input: str | None = None, env: Mapping[str, str | None] | None = None) -> Result:
    """`reconversion ARGS…` dans le processus de la suite ; `env` ne vaut que le temps de la commande."""
    return _RUNNER.invoke(app, list(args), input=input, env=env)


def ok(*args: str, input: str | None = None) -> str:
    """`run`, qui doit réussir sans trace : rend la sortie standard (sinon l'échec montre toute la sortie)."""
    result = run(*args, input=input)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def stored_answers(home: Path, profile: str = "defaut") -> dict[str, object]:
    """Les réponses telles que le carnet les a sur le disque (ce qu'une séance a vraiment enregistré)."""
    from reconversion.adapters.storage.store import Store

    store = Store.open(home, profile, create=False)
    assert store is not None, f"aucun carnet « {profile} » dans {home}"
    try:
        return store.answers()
    finally:
        store.close()


def run_program(
    *args: str | bytes,
    home: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    input: str | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
    text: bool = True,
) -> subprocess.CompletedProcess:
    """`python -m reconversion ARGS…` dans un processus neuf, sorties capturées.

    L'entrée standard est vide (ou `input`) : jamais le terminal de la personne qui lance la suite.
    `timeout` n'est qu'un garde-fou : une commande bloquée fait échouer le test au lieu de la suite.
    """
    return subprocess.run(
        [*PROGRAM, *args],
        env=environment(home, env),
        input=input,
        stdin=subprocess.DEVNULL if input is None else None,
        cwd=cwd,
        capture_output=True,
        text=text,
        timeout=timeout,
    )


def start_program(*args: str, home: Path | None = None) -> subprocess.Popen[str]:
    """`python -m reconversion ARGS…` lancé sans l'attendre (pour des commandes simultanées), sorties
    capturées en texte : `communicate()` les rend."""
    return subprocess.Popen(
        [*PROGRAM, *args], env=environment(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def spawn(
    *args: str,
    home: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    rows: int = 50,
    columns: int = 160,
    timeout: float = 15,
    encoding: str | None = "utf-8",
) -> pexpect.spawn:
    """`python -m reconversion ARGS…` dans un pseudo-terminal `xterm` de `rows` × `columns`.

    PROMPT_TOOLKIT_NO_CPR : pexpect ne répond pas aux demandes de position du curseur.
    `encoding=None` : le dialogue se fait en octets (pour les terminaux qui ne sont pas en UTF-8).
    Tout ce que le programme écrit est gardé (voir `transcript`).
    """
    pexpect = pytest.importorskip("pexpect")
    terminal: dict[str, str | None] = {"TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1", **(env or {})}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "reconversion", *args],
        env=environment(home, terminal, drop=_TERMINAL_NOISE),
        encoding=encoding,
        timeout=timeout,
        dimensions=(rows, columns),
    )
    child.logfile_read = io.StringIO() if encoding else io.BytesIO()
    return child


def transcript(child: pexpect.spawn) -> str:
    """Tout ce que le programme lancé par `spawn` a écrit jusqu'ici (en texte)."""
    return child.logfile_read.getvalue()


def finish(child: pexpect.spawn) -> int:
    """Attend la fin du programme ; son code de sortie, ou 128 + le signal qui l'a tué (comme un shell)."""
    import pexpect

    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + (child.signalstatus or 0)


def plain_spaces(text: str) -> str:
    """Le texte avec des espaces ordinaires à la place des insécables (U+00A0, U+202F) : pour chercher
    une phrase du plan sans réécrire sa typographie, vérifiée à part (`test_export_plan`)."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def plan_of(
    guide: Any,
    answers: Mapping[str, Any] | None = None,
    actions: Sequence[Mapping[str, Any]] = (),
    *,
    today: dt.date,
    step_starts: Mapping[str, dt.date] | None = None,
    base_day: dt.date | None = None,
    profile: str = "defaut",
    lookups: Any = None,
    experiences: Sequence[Mapping[str, Any]] = (),
) -> Any:
    """Le plan rassemblé (`core.plan_data.gather_plan`) d'un carnet fait de ces réponses et actions.

    `step_starts` : le jour de la première réponse de chaque étape ; sans lui, chaque réponse est
    datée de `base_day` (ou du jour), comme si tout avait été répondu ce jour-là.
    """
    from reconversion.core.plan_data import empty_notebook, gather_plan

    first_day = base_day or today
    notebook = empty_notebook()
    for question_id, value in (answers or {}).items():
        question = guide.question(question_id)
        step_id = question.step_id if question is not None else "inconnue"
        day = step_starts.get(step_id) if step_starts is not None else first_day
        notebook["answers"].append(
            {"question_id": question_id, "value": value, "step_id": step_id, "archived": False,
             "answered_at": f"{day.isoformat()}T09:00:00+00:00" if day else None}
        )  # fmt: skip
    notebook["actions"] = list(actions)
    notebook["experiences"] = list(experiences)
    return gather_plan(guide, notebook, today=today, base_day=base_day, profile=profile, lookups=lookups)


def plan_markdown(
    guide: Any, answers: Mapping[str, Any] | None = None, actions: Sequence[Mapping[str, Any]] = (), **options: Any
) -> str:
    """Le plan Markdown de ces réponses et actions (voir `plan_of`)."""
    from reconversion.core.plan_markdown import render_plan

    return render_plan(plan_of(guide, answers, actions, **options))


# --- fichiers et carnets préparés ------------------------------------------------------------------


def write(folder: Path, name: str, text: str) -> Path:
    """`folder/name` écrit en UTF-8 ; rend son chemin."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def answered(
    answers: Mapping[str, object] | str,
    guide: Path | None = None,
    *,
    home: Path | None = None,
    profile: str | None = None,
) -> str:
    """Enregistre des réponses comme une personne le ferait par fichier : `start --answers`, dans le
    processus de la suite. Doit réussir ; rend la sortie standard.

    `answers` : un dictionnaire, ou le texte YAML du fichier tel quel. Le fichier est écrit à côté
    du dossier de données (`home`, sinon `$RECONVERSION_HOME`), jamais dedans.
    """
    home = home or Path(os.environ["RECONVERSION_HOME"])
    text = answers if isinstance(answers, str) else yaml.safe_dump(dict(answers), allow_unicode=True)
    path = write(home.parent, f"reponses-{profile or 'defaut'}.yaml", text)
    args = ["start", "--answers", str(path)]
    args += ["--guide", str(guide)] if guide else []
    args += ["--profile", profile] if profile else []
    result = run(*args, env={"RECONVERSION_HOME": str(home)})
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


Command = str | tuple[str, ...]


def help_variants_guide(private: str, public: str) -> str:
    """Le YAML d'un guide d'une étape : « statut » (prive ou public), puis « suite », dont l'aide a une
    partie commune (« Pour tout le monde. ») et une variante par statut (`private`, `public`)."""
    return (
        "\n".join(
            [
                "id: g",
                'version: "1"',
                "language: fr",
                "title: G",
                "steps:",
                "  - id: s",
                "    title: S",
                "    intro: I.",
                "    questions:",
                "      - {id: statut, type: select, prompt: Statut ?, choices: [prive, public]}",
                "      - id: suite",
                "        type: text",
                "        prompt: Suite ?",
                "        help: Pour tout le monde.",
                "        help_variants:",
                f"          - {{text: '{private}', when: {{question: statut, equals: prive}}}}",
                f"          - {{text: '{public}', when: {{question: statut, equals: public}}}}",
                "resources: []",
            ]
        )
        + "\n"
    )


def filled_profile(
    home: Path,
    profile: str = "defaut",
    *,
    guide: Path | None = None,
    answers: Mapping[str, object] | None = None,
    actions: Iterable[Command] = ("Appeler le CEP",),
    contacts: Iterable[Command] = (("Awa Diallo", "--notes", "rencontrée au forum"),),
    experiences: Iterable[Command] = (("--kind", "immersion", "--organisation", "Ferme"),),
) -> None:
    """Un carnet rempli par les commandes elles-mêmes : réponses (le guide intégré par défaut),
    puis une ligne (ou celles données) dans les actions, les contacts et les expériences.

    Chaque ligne est le texte d'une action ou le nom d'un contact, ou tous les arguments de
    `actions add` / `contacts add` / `experiences add`. `answers={}` : aucune réponse.
    """
    default = {"situation": "salarie_prive", "contrat": "cdi"} if guide is None else {"situation": "salarie"}
    chosen = default if answers is None else answers
    if chosen:
        answered(chosen, guide, home=home, profile=profile)
    for table, rows in (("actions", actions), ("contacts", contacts), ("experiences", experiences)):
        for row in rows:
            words = (row,) if isinstance(row, str) else row
            result = run(table, "add", *words, "--profile", profile, env={"RECONVERSION_HOME": str(home)})
            assert result.exit_code == 0, (table, words, result.output)


def took_interest_test(home: Path, strong: str, profile: str = "defaut") -> None:
    """Le test d'intérêts intégré fini : 5 aux activités des dimensions `strong` (« SE »…), 2 aux autres."""
    from reconversion.adapters.content import metiers_files
    from reconversion.adapters.storage import interests_store
    from reconversion.adapters.storage.store import Store

    store = Store.open(home, profile)
    assert store is not None
    try:
        for item in metiers_files.interest_test().items:
            interests_store.save_answer(store, item.id, 5 if item.dimension in strong else 2)
    finally:
        store.close()


_STAMP = "2026-12-01T10:00:00+00:00"


def backup_document(
    *,
    format_version: int = 2,
    answers: Sequence[dict] = (),
    actions: Sequence[dict] = (),
    experiences: Sequence[dict] = (),
    contacts: Sequence[dict] = (),
) -> dict:
    """Une sauvegarde du guide intégré (profil « defaut », datée du 1er décembre 2026) faite de ces lignes."""
    return {
        "format": "reconversion-backup",
        "format_version": format_version,
        "exported_at": _STAMP,
        "tool_version": "0.1.0",
        "profile": "defaut",
        "guide": {"id": "reconversion-fr", "version": "2026.1"},
        "profile_info": {"created_at": _STAMP},
        "answers": list(answers),
        "steps": [],
        "interest_answers": [],
        "actions": list(actions),
        "experiences": list(experiences),
        "contacts": list(contacts),
    }


def backup_action(n: int, text: str, **columns: Any) -> dict:
    """L'action personnelle numéro `n + 1` d'une sauvegarde, sans étape ni échéance (ou avec `columns`)."""
    row = {
        "id": n + 1,
        "guide_action_id": None,
        "step_id": None,
        "text": text,
        "due_date": None,
        "done_at": None,
        "removed": False,
        "created_at": _STAMP,
        "updated_at": _STAMP,
    }
    return {**row, **columns}


def backup_contact(n: int, name: str, **columns: Any) -> dict:
    """Le contact numéro `n + 1` d'une sauvegarde, sans autre champ que son nom (ou avec `columns`)."""
    row = {
        "id": n + 1,
        "name": name,
        "organisation": "",
        "role": "",
        "met_how": "",
        "notes": "",
        "follow_up": None,
        "created_at": _STAMP,
        "updated_at": _STAMP,
    }
    return {**row, **columns}


def bulky_backup(marker: str, actions: int, contacts: int) -> dict:
    """Une sauvegarde valide (format 1) de `actions` actions et `contacts` contacts marqués `marker` (« A »…)."""
    situation = {
        "question_id": "situation",
        "step_id": "bilan",
        "value": "salarie_prive" if marker == "A" else "demandeur_emploi",
        "archived": False,
        "answered_at": _STAMP,
        "updated_at": _STAMP,
    }
    return backup_document(
        format_version=1,
        answers=[situation],
        actions=[backup_action(n, f"{marker} action {n} " + "x" * 200) for n in range(actions)],
        contacts=[backup_contact(n, f"{marker} contact {n}", notes="n" * 300) for n in range(contacts)],
    )


def big_backup(target_bytes: int, marker: str = "A") -> dict:
    """Une sauvegarde (format 2) faite d'actions de 300 caractères, d'environ `target_bytes` en JSON compact."""

    def action(n: int) -> dict:
        return backup_action(n, f"{marker}{n} " + "x" * 300, due_by_hand=True)

    per_action = len(json.dumps(action(100_000), separators=(",", ":"))) + 1
    return backup_document(actions=[action(n) for n in range((target_bytes - 1_000) // per_action)])


def write_compact(path: Path, backup: dict) -> Path:
    """La sauvegarde écrite en JSON compact (sans espaces), pour viser une taille de fichier."""
    path.write_text(json.dumps(backup, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


# --- le mini-export du ROME -------------------------------------------------------------------------

ROME_MINI_SOURCE = Path(__file__).resolve().parent / "fixtures" / "rome_mini"
# Comme les tests du catalogue : RECONVERSION_ROME_DIR, sinon ../shared/reference/rome à côté du dépôt.
ROME_DIR = Path(os.environ.get("RECONVERSION_ROME_DIR", Path(__file__).resolve().parents[2] / "shared/reference/rome"))
ROME_REFERENCE = ROME_DIR / "raw_v460"


def rome_export(target: Path) -> Path:
    """Le mini-export copié dans `target` sous les noms de l'export officiel (`unix_<table>_v999_utf8.csv`).

    Dans le dépôt, ses fichiers portent des noms courts (`referentiel_code_rome.csv`…) : ainsi
    rien de ce qui est suivi par git ne peut être pris pour un fichier officiel du ROME.
    """
    target.mkdir(parents=True, exist_ok=True)
    for child in ROME_MINI_SOURCE.iterdir():
        name = f"unix_{child.stem}_v999_utf8.csv" if child.suffix == ".csv" else child.name
        shutil.copy(child, target / name)
    return target


# Une copie pour toute la suite, à ne pas modifier (une copie modifiable : `rome_export(tmp_path / …)`).
ROME_MINI = rome_export(Path(tempfile.mkdtemp(prefix="rome-mini-")))
atexit.register(shutil.rmtree, ROME_MINI, True)


# --- le clavier des invites en mémoire --------------------------------------------------------------

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"
SPACE = " "
BACKSPACE = "\x7f"
CTRL_C = "\x03"


@contextmanager
def keyboard(keys: str) -> Iterator[Prompter]:
    """Les invites flèches (prompt_toolkit) lisant `keys` dans un tube, sans terminal ni écran."""
    from prompt_toolkit.input.defaults import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from reconversion.adapters.prompts.arrow_prompts import Prompter

    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        yield Prompter(input=pipe, output=DummyOutput())
