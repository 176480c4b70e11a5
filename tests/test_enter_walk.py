"""Parcourir tout le guide livré en appuyant seulement sur Entrée : aucune réponse sensible n'est enregistrée.

Chaque invite reçoit d'abord Entrée seule ; si Entrée ne suffit pas (rien n'est pointé, champ
obligatoire vide), la personne fait le minimum : première ligne de la liste, premier choix coché,
un texte ou un nombre. Les questions sensibles doivent alors finir « passées », jamais « Oui ».
"""

from __future__ import annotations

import io
from typing import Any

from prompt_toolkit.input.defaults import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from helpers import DOWN, ENTER
from reconversion.adapters.content import guide_files
from reconversion.adapters.prompts.arrow_prompts import Prompter
from reconversion.adapters.screen.wizard_screen import Screen
from reconversion.core import engine
from reconversion.sessions import wizard

FALLBACK = {
    "select": DOWN + ENTER,
    "confirm": DOWN + ENTER,
    "scale": DOWN + ENTER,
    "multiselect": " " + ENTER,
    "number": "1" + ENTER,
    "text": "Une réponse écrite pour avancer dans le guide" + ENTER,
    "long_text": "Une réponse écrite pour avancer dans le guide" + ENTER,
    "date": ENTER,
}


class EnterFirst(Prompter):
    """Un clavier neuf par invite : Entrée, puis le minimum si Entrée ne suffisait pas."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def _keyboard(self, keys: str) -> Any:
        self._opened = create_pipe_input()  # garder le gestionnaire : le perdre fermerait le tube
        pipe = self._opened.__enter__()
        pipe.send_text(keys)
        self.io = {"input": pipe, "output": DummyOutput()}
        return pipe

    def ask(self, question, default, *, can_go_back, choices=None, searchable=False):  # type: ignore[no-untyped-def]
        self.asked.append(question.id)
        pipe = self._keyboard(ENTER + FALLBACK[question.type])
        try:
            return super().ask(question, default, can_go_back=can_go_back, choices=choices, searchable=searchable)
        finally:
            pipe.close()

    def choose(self, message: str, options: Any) -> Any:
        pipe = self._keyboard(ENTER)
        try:
            return super().choose(message, options)
        finally:
            pipe.close()


class Sink:
    def __init__(self) -> None:
        self.saved: dict[str, Any] = {}

    def save_answer(self, question_id: str, step_id: str, value: Any) -> None:
        self.saved[question_id] = value

    def complete_step(self, step_id: str) -> None:
        pass


def test_pressing_only_enter_through_the_whole_guide_records_no_sensitive_answer() -> None:
    guide = guide_files.load(None)
    sensitive = [q.id for q in guide.questions if q.sensitive]
    assert "rqth" in sensitive
    sink, prompter = Sink(), EnterFirst()
    screen = Screen(Console(file=io.StringIO(), width=80))
    assert wizard.run(guide, {}, sink, prompter, screen) is True
    applicable = {q.id for q in engine.applicable_questions(guide, sink.saved)}
    assert "agent_prioritaire" not in applicable  # posée aux seuls agents publics
    for question_id in (q for q in sensitive if q in applicable):
        assert question_id in prompter.asked
        assert sink.saved[question_id] is None, f"{question_id} enregistrée sans avoir été choisie"
    # Entrée seule n'a rien choisi ailleurs non plus : un oui/non sans défaut a demandé une flèche.
    assert sink.saved["situation"] == "salarie_prive"  # première ligne, atteinte par ↓
