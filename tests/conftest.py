"""Outils partagés des tests : un dossier de données neuf par test, un mini-guide."""

from __future__ import annotations

from pathlib import Path

import pytest

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
