"""Lancer le programme depuis les tests, de trois façons, chacune avec un environnement connu.

- `run` : dans le processus de la suite, par le CliRunner de typer. Le plus rapide ; pas de
  terminal, sorties standard et d'erreur séparées.
- `run_program` : un vrai processus (`python -m reconversion`), pour ce que le CliRunner ne
  montre pas : démarrage, encodages, signaux, verrous entre processus, fichiers spéciaux.
- `spawn` puis `finish` : le vrai programme dans un pseudo-terminal (pexpect), pour les écrans
  interactifs ; `transcript` rend tout ce qu'il a écrit.

Les tests l'importent comme `conftest` (`from helpers import run`) : sans `__init__.py`, pytest
met le dossier `tests/` dans `sys.path`. Dans `env`, une valeur None retire la variable.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner, Result

from reconversion.cli import app

if TYPE_CHECKING:
    import pexpect

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
