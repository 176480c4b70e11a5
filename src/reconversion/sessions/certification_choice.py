"""La certification visée (question `certification_visee`) : une liste, quand les certifications sont importées.

Avec le RNCP et le RS importés (`certifications import`), la question propose les certifications
actives reliées aux métiers choisis (par leur code ROME), les plus à portée du niveau de la
personne d'abord ; puis « une autre » (son numéro ou son intitulé, écrit librement) et « je ne
sais pas encore ». Sans import, sans métier choisi ou sans certification reliée, la question reste
la saisie libre du guide. La réponse enregistrée ne change pas de forme : un numéro (`RNCP34692`),
un intitulé, ou rien.

La séance ne fait que converser : la recherche des certifications lui est donnée par la commande
(`commands/start.py`), comme au choix des métiers ; elle n'ouvre aucun fichier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from reconversion.adapters.prompts.asker import QuestionAsker, Reply
from reconversion.core import model
from reconversion.errors import ReconversionError

if TYPE_CHECKING:
    from reconversion.core.schemas import CertificationJson

OTHER = "autre"
NOT_YET = "pas_encore"
OTHER_LABEL = "Une autre : je l'écris (son numéro ou son intitulé)"
NOT_YET_LABEL = "Je ne sais pas encore"
LIST_PROMPT = "Quelle certification vises-tu ? Celles qui mènent à tes métiers, ou une autre"

# (codes ROME des métiers choisis, réponses, jour) -> les certifications à proposer ; None : rien d'importé.
CertificationOptions = Callable[[list[str], Mapping[str, Any], dt.date], "list[CertificationJson] | None"]


class ChoiceScreen(Protocol):
    def notice(self, message: str) -> None: ...


class CertificationChooser:
    """Pose la question de la certification visée : liste des certifications des métiers choisis, ou saisie libre."""

    def __init__(
        self, prompter: QuestionAsker, screen: ChoiceScreen, *, options: CertificationOptions, question_id: str
    ) -> None:
        self.prompter = prompter
        self.screen = screen
        self.options = options
        self.question_id = question_id

    def handles(self, question: model.Question) -> bool:
        return question.id == self.question_id

    def ask(
        self,
        question: model.Question,
        default: Any,
        *,
        can_go_back: bool,
        metiers: list[str],
        answers: Mapping[str, Any],
        today: dt.date,
    ) -> Reply:
        """La liste quand il y a de quoi la remplir ; sinon la question telle que le guide l'écrit."""
        offered = self._offered(metiers, answers, today)
        if not offered:
            return self.prompter.ask(question, default, can_go_back=can_go_back)
        from reconversion.core.certifications import normalize_code, summary_text

        choices = [model.Choice(item["code"], summary_text(item)) for item in offered]
        choices += [model.Choice(OTHER, OTHER_LABEL), model.Choice(NOT_YET, NOT_YET_LABEL)]
        picker = question._replace(type="select", prompt=LIST_PROMPT, choices=tuple(choices), required=True)
        codes = {item["code"] for item in offered}
        written = default.strip() if isinstance(default, str) else ""
        listed = normalize_code(written) if written else None
        free_text = written if written and listed not in codes else None  # une réponse écrite hors de la liste
        start: Any = NOT_YET if default is model.SKIPPED else None
        if written:
            start = listed if listed in codes else OTHER
        while True:
            reply = self.prompter.ask(picker, start, can_go_back=can_go_back, choices=choices)
            if reply.back or reply.value in codes:
                return reply
            if reply.value == NOT_YET:
                return Reply(value=None)
            typed = self.prompter.ask(question, free_text, can_go_back=True)
            if not typed.back:
                return typed
            start = OTHER  # « revenir » depuis la saisie : retour à la liste, pas à la question d'avant

    def _offered(self, metiers: list[str], answers: Mapping[str, Any], today: dt.date) -> list[CertificationJson]:
        if not metiers:
            return []
        try:
            offered = self.options(metiers, answers, today)
        except ReconversionError:  # export illisible : la question reste une saisie libre
            return []
        if offered == []:
            self.screen.notice(
                "Aucune certification active de l'export importé ne mène à tes métiers : "
                "écris son numéro ou son intitulé, ou laisse vide."
            )
        return offered or []
