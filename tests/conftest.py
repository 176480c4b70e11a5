"""Outils partagés des tests : un compte privé pour toute la suite, un dossier de données neuf par test, un mini-guide.

Avant toute collecte et toute fixture, `pytest_configure` pointe HOME, les dossiers XDG et
RECONVERSION_HOME vers un dossier temporaire propre à la session : les tests, et tout ce qu'ils
lancent (sous-processus, pseudo-terminaux : `helpers.environment` part de cet environnement),
ne voient jamais les vrais dossiers de la personne qui lance la suite. Rien n'observe donc les
vrais dossiers : un autre programme peut s'en servir pendant la suite sans la faire échouer.
Le dossier est effacé en fin de session.

Pour lancer le programme (CliRunner, sous-processus, pseudo-terminal), les tests importent
`helpers.py` (`from helpers import run, run_program, spawn, finish`) : des fonctions, pas des
fixtures, pour qu'un test les appelle avec ses propres paramètres.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Tout ce qui dit au programme (et à platformdirs) où est le compte : pointé vers la session.
_ISOLATED = ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "RECONVERSION_HOME")
# Ce que la personne qui lance la suite aurait pu régler pour elle-même : retiré.
_INHERITED = ("RECONVERSION_PROFILE", "RECONVERSION_CACHE", "RECONVERSION_TODAY", "RECONVERSION_DEBUG")
_SANDBOX = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    """Isole la suite entière avant tout le reste (fixtures de module comprises)."""
    sandbox = Path(tempfile.mkdtemp(prefix="reconversion-tests-"))
    config.stash[_SANDBOX] = sandbox
    for name in _ISOLATED:
        folder = sandbox / name.lower()
        folder.mkdir(mode=0o700)
        os.environ[name] = str(folder)
    for name in _INHERITED:
        os.environ.pop(name, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Le compte privé de la session ne survit pas à la suite."""
    sandbox = config.stash.get(_SANDBOX, None)
    if sandbox is not None:
        shutil.rmtree(sandbox, ignore_errors=True)


@pytest.fixture(autouse=True, scope="session")
def full_application() -> None:
    """Les tests parlent à toute l'application (`cli.app`) : on l'assemble d'un coup, comme pour l'aide."""
    from reconversion import cli

    cli.register()


MINI_GUIDE = """\
id: mini
version: "1"
language: fr
title: Mini guide
steps:
  - id: s1
    title: Première étape
    intro: Pour commencer.
    questions:
      - id: situation
        type: select
        prompt: Ta situation ?
        help: Elle oriente la suite.
        choices:
          - {value: salarie, label: Salarié·e}
          - {value: autre, label: Autre}
      - id: prenom
        type: text
        prompt: Ton prénom ?
        when: {question: situation, equals: salarie}
      - id: note
        type: scale
        prompt: Ton envie ?
        required: false
        validate: {min: 1, max: 5}
    resources: [mcf]
    actions:
      - id: a1
        text: Faire un premier pas
        due_in_days: 10
      - id: a2
        text: Parler à ton employeur
        when: {question: situation, equals: salarie}
  - id: s2
    title: Deuxième étape
    intro: Pour continuer.
    questions:
      - id: date_cible
        type: date
        prompt: Quand ?
      - id: envies
        type: multiselect
        prompt: Tes envies ?
        choices: [Soin, Bois, Code]
        validate: {max_choices: 2}
    resources: [ft]
resources:
  - id: mcf
    title: Mon Compte Formation
    url: https://www.moncompteformation.gouv.fr
  - id: ft
    title: France Travail
    url: https://www.francetravail.fr
    when: {question: situation, equals: autre}
"""


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Le cache des contenus validés de chaque test reste dans un dossier temporaire."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("RECONVERSION_CACHE", str(folder))
    return folder


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Un RECONVERSION_HOME vide, propre à chaque test."""
    folder = tmp_path / "donnees"
    monkeypatch.setenv("RECONVERSION_HOME", str(folder))
    monkeypatch.delenv("RECONVERSION_PROFILE", raising=False)
    return folder


@pytest.fixture
def mini_guide_path(tmp_path: Path) -> Path:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_GUIDE, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fresh_prompt_style(monkeypatch: pytest.MonkeyPatch) -> None:
    """Le mode simple est choisi une fois par commande (état du module `terminal`) : chaque test
    repart du mode à flèches, sans hériter du `--simple` d'un test précédent du même processus."""
    from reconversion.adapters.screen import terminal

    monkeypatch.setattr(terminal, "_simple_mode", False)
    monkeypatch.setattr(terminal, "_simple_flag", False)
