"""Les doublures des collaborateurs d'une séance (`sessions/`) : des invites qui rejouent des
réponses et un écran qui retient ce qu'on lui demande d'afficher. Partagées par les tests du choix
des métiers, de ses compétences et du mode simple, pour qu'ils regardent les mêmes choses."""

from __future__ import annotations

from typing import Any

from reconversion.core.model import Question, Validation

METIERS_QUESTION = Question(
    id="metiers_cibles",
    type="multiselect",
    prompt="Choisis jusqu'à trois métiers :",
    choices_from="metiers",
    required=False,
    validate=Validation(max_choices=3),
)


class FakePrompter:
    """Rejoue des réponses (`replies` aux questions, `texts` aux recherches, `choices` aux menus) et
    garde ce qui a été proposé : les listes (`offered` : valeurs ; `labelled` : valeur et libellé),
    les réponses de départ (`starts`), les textes préremplis (`prefilled`) et les menus (`menus`)."""

    simple = False  # les consignes parlent des flèches et d'Espace, comme `Prompter`

    def __init__(self, replies: list[Any], texts: list[str] = (), choices: list[Any] = ()) -> None:
        self.io: dict[str, Any] = {}
        self.replies, self.texts, self.choices = list(replies), list(texts), list(choices)
        self.offered: list[list[Any]] = []
        self.labelled: list[list[tuple[Any, str]]] = []
        self.searchable: list[bool] = []
        self.starts: list[Any] = []
        self.prefilled: list[str] = []
        self.menus: list[tuple[str, list[str]]] = []

    def ask(
        self, question: Question, default: Any, *, can_go_back: bool, choices: Any = None, searchable: bool = False
    ) -> Any:
        self.offered.append([c.value for c in choices or ()])  # sans liste : une saisie libre
        self.labelled.append([(c.value, c.label) for c in choices or ()])
        self.searchable.append(searchable)
        self.starts.append(default)
        return self.replies.pop(0)

    def text(self, message: str, default: str = "") -> str:
        self.prefilled.append(default)
        return self.texts.pop(0)

    def choose(self, message: str, options: list[tuple[str, Any]]) -> Any:
        self.menus.append((message, [label for label, _ in options]))
        return self.choices.pop(0)


class RecordingScreen:
    """Un écran qui retient ce que le choix des métiers lui demande d'afficher."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.results: list[tuple[Any, list[Any]]] = []

    def notice(self, message: str) -> None:
        self.lines.append(message)

    def interest_results(self, test: Any, result: Any, suggestions: list[Any]) -> None:
        self.results.append((result, suggestions))
