"""Choisir ses métiers cibles dans l'assistant (questions `choices_from: metiers`).

À l'étape « Identifier les métiers », on propose d'abord le test d'intérêts (ou on en
rappelle les résultats), puis une liste à cocher : les métiers déjà choisis, ceux que trouve
l'idée de métier écrite plus tôt (`piste_metier`), ceux que le test suggère, et une entrée
« chercher par nom ». Les choix sont enregistrés par code ROME.
À une étape marquée `show_chosen_metiers`, on rappelle ces métiers avec leurs voies d'accès
et les liens pour chercher une formation.

Le métier actuel peut aussi être relié à sa fiche ROME (question `select` + `choices_from:
metiers`, facultative) : on cherche d'abord l'intitulé libre déjà donné (`metier_actuel`).
Relié, et avec le ROME complet importé, il ajoute des suggestions « proches de ton métier
actuel » (les passerelles, `core/skills.py`) et, pour chaque métier choisi, les compétences
à acquérir et des recherches de formations construites sur elles ; avec les certifications
importées, celles qui sont à portée de la personne.

La séance ne fait que converser : le carnet, le contenu livré (catalogue, test d'intérêts,
recherche), le ROME et les certifications importés, et les identifiants des questions du guide
qu'elle lit lui sont donnés par la commande (`commands/start.py`), comme l'assistant reçoit ses
invites et son carnet. Elle n'ouvre aucun fichier. Les calculs (`core.riasec`, `core.catalogue`,
`core.skills`) sont importés dans les méthodes qui s'en servent : la première question de
l'assistant n'en a pas besoin.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from reconversion.adapters.prompts.asker import QuestionAsker, Reply
from reconversion.core import model
from reconversion.core.question_types import kind_of
from reconversion.errors import ReconversionError

if TYPE_CHECKING:
    from reconversion.core.catalogue import Catalogue, InterestTest
    from reconversion.core.riasec import InterestResult, Suggestion
    from reconversion.core.schemas import BridgeJson, ComparisonReport
    from reconversion.core.search import Hit

SUGGESTIONS = 8
SEARCH_RESULTS = 8
BRIDGE_SUGGESTIONS = 5
TAKE_TEST = "test"
CHOOSE_NOW = "choisir"
FIND_CURRENT_LABEL = "🔎 Chercher ton métier par son nom…"


class MetierQuestions(NamedTuple):
    """Les questions du guide dont le choix des métiers lit la réponse (leurs identifiants)."""

    current_text: str  # le métier actuel en mots libres, cherché d'abord pour le relier au ROME
    current_code: str  # le métier actuel relié à sa fiche ROME (un code)
    idea: str  # l'idée de métier écrite plus tôt, cherchée d'abord pour remplir la liste


class MetierScreen(Protocol):
    """Ce que le choix des métiers montre, toujours par l'écran de l'assistant qu'on lui donne."""

    def notice(self, message: str) -> None: ...
    def interest_results(self, test: InterestTest, result: InterestResult, suggestions: list[Suggestion]) -> None: ...


class MetierNotebook(Protocol):
    """Ce que le choix des métiers lit et écrit dans le carnet du profil."""

    def answers(self) -> dict[str, Any]: ...
    def interest_answers(self) -> dict[str, int]: ...
    def save_interest_answer(self, item_id: str, value: int) -> None: ...
    def facts(self) -> dict[str, bool]: ...


class MetierCatalogue(Protocol):
    """Le contenu livré : le catalogue des métiers, le test d'intérêts, la recherche par nom."""

    def catalogue(self) -> Catalogue: ...
    def interest_test(self) -> InterestTest: ...
    def find_metiers(self, query: str, limit: int) -> Sequence[Hit]: ...


class RomeLookup(Protocol):
    """Le ROME complet, s'il est importé : sans lui, aucune passerelle et aucune comparaison, sans erreur."""

    def bridges(self, code: str, limit: int) -> list[BridgeJson]: ...
    def comparisons(self, current: str, codes: list[str]) -> tuple[dict[str, ComparisonReport], dict[str, str]]: ...


# Les certifications (RNCP importé) à portée de la personne, ajoutées à chaque métier choisi :
# `(métiers, réponses, jour) -> métiers`, chacun avec sa clé `certifications`.
CertificationLookup = Callable[[list[dict[str, Any]], Mapping[str, Any], dt.date], list[dict[str, Any]]]


class MetierChooser:
    """Le lien entre l'assistant et le catalogue : test d'intérêts, suggestions, recherche."""

    def __init__(
        self,
        notebook: MetierNotebook,
        prompter: QuestionAsker,
        screen: MetierScreen,
        *,
        content: MetierCatalogue,
        rome: RomeLookup,
        certifications: CertificationLookup,
        questions: MetierQuestions,
    ) -> None:
        self.notebook = notebook
        self.prompter = prompter
        self.screen = screen
        self.content = content
        self.rome = rome
        self.certifications = certifications
        self.questions = questions
        self._catalogue: Catalogue | None = None
        self._test_offered = False
        self._labels: dict[str, str] = {}
        self._notes: dict[str, str] = {}

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = self.content.catalogue()
        return self._catalogue

    def label(self, code: str) -> str:
        metier = self.catalogue.get(code)
        title = metier.title if metier else self._labels.get(code, code)
        note = f" — {self._notes[code]}" if code in self._notes else ""
        return f"{title} ({code}){note}"

    def ask(self, question: model.Question, default: Any, *, can_go_back: bool) -> Reply:
        """Pose la question des métiers cibles, avec le test d'intérêts et la recherche par nom."""
        if not kind_of(question).many:  # le métier actuel : un seul choix
            return self._ask_current(question, default, can_go_back=can_go_back)
        self._offer_test()
        chosen = [str(code) for code in default] if isinstance(default, list) else []
        idea = self._idea()
        seeded = self._search(idea, lead=f"Pour ton idée « {idea} »,") if idea else []
        offered = list(dict.fromkeys([*chosen, *seeded, *self._suggested_codes(), *self._bridge_codes()]))
        if seeded:  # l'idée a déjà été cherchée : la recherche par nom part de rien
            idea = ""
        if not offered:
            self.screen.notice(
                "Pas encore de suggestion : tape le numéro de « Chercher un autre métier par son nom »."
                if self.prompter.simple
                else "Pas encore de suggestion : appuie sur Entrée sur « Chercher un autre métier par son nom »."
            )
        start: Any = model.SKIPPED if default is model.SKIPPED else chosen
        while True:
            choices = [model.Choice(code, self.label(code)) for code in offered]
            reply = self.prompter.ask(question, start, can_go_back=can_go_back, choices=choices, searchable=True)
            if not reply.search:
                return reply
            chosen = list(reply.value)
            start = chosen
            found = self._search(idea=idea)
            idea = ""
            offered = list(dict.fromkeys([*chosen, *found, *offered]))

    def _ask_current(self, question: model.Question, default: Any, *, can_go_back: bool) -> Reply:
        """Relier le métier actuel à une fiche : l'intitulé libre est cherché d'abord, puis par nom."""
        from reconversion.adapters.prompts.asker import SEARCH

        offered = [str(default)] if default else []
        free_text = str(self.notebook.answers().get(self.questions.current_text) or "").strip()
        if free_text and not offered:
            offered = self._search(free_text, single=True)
        while True:
            choices = [model.Choice(code, self.label(code)) for code in offered]
            choices.append(model.Choice(SEARCH, FIND_CURRENT_LABEL))
            reply = self.prompter.ask(question, default, can_go_back=can_go_back, choices=choices)
            if reply.back or reply.value is not SEARCH:
                return reply
            offered = list(dict.fromkeys([*self._search(single=True), *offered]))

    def _bridge_codes(self) -> list[str]:
        """Les passerelles depuis le métier actuel relié (ROME complet importé), notées dans la liste."""
        pinned = self.notebook.answers().get(self.questions.current_code)
        if not isinstance(pinned, str) or not pinned:
            return []
        try:
            results = self.rome.bridges(pinned, BRIDGE_SUGGESTIONS)
        except ReconversionError:  # ROME illisible : le choix continue sans passerelles
            return []
        for item in results:
            self._labels[item["code"]] = item["title"]
            self._notes[item["code"]] = (
                f"proche de ton métier actuel ({round(item['coverage'] * 100)} % de ses compétences)"
            )
        if results:
            self.screen.notice(
                "Métiers proches de ton métier actuel : ajoutés à la liste, avec la part de compétences que tu as déjà."
            )
        return [item["code"] for item in results]

    def _idea(self) -> str:
        """L'idée de métier écrite plus tôt (`questions.idea`) : cherchée d'abord, comme le métier actuel.

        Ses résultats remplissent la liste sans attendre que la personne ouvre la recherche ; si elle
        ne trouve rien, elle préremplit la première recherche, pour être reformulée.
        """
        value = self.notebook.answers().get(self.questions.idea)
        return " ".join(value.split())[:80] if isinstance(value, str) else ""

    def _suggested_codes(self) -> list[str]:
        from reconversion.core.riasec import score, suggest_metiers

        result = score(self.content.interest_test(), self.notebook.interest_answers())
        return [s.metier.code for s in suggest_metiers(self.catalogue, result, SUGGESTIONS)]

    def _search(self, query: str | None = None, idea: str = "", *, single: bool = False, lead: str = "") -> list[str]:
        """Les codes trouvés pour un mot tapé (ou `query`), annoncés selon la liste : à cocher, ou à choisir.

        `lead` dit d'où vient une recherche que la personne n'a pas tapée (« Pour ton idée « … », »).
        """
        if query is None:
            query = self.prompter.text(
                "Tape le nom d'un métier (ou un mot, par exemple « soin » ou « bois ») :", default=idea
            )
        if not query.strip():
            return []
        hits = self.content.find_metiers(query, SEARCH_RESULTS)
        if not hits:
            self.screen.notice(f"Aucun métier trouvé pour « {query.strip()} ». Essaie un autre mot.")
            return []
        for hit in hits:
            self._labels[hit.code] = hit.title
        lead = f"{lead} " if lead else ""
        if self.prompter.simple:  # la consigne suit la liste, numéros compris
            found = "1 métier trouvé : il est" if len(hits) == 1 else f"{len(hits)} métiers trouvés : ils sont"
            self.screen.notice(f"{lead}{found} en tête de la liste ci-dessous.")
            return [hit.code for hit in hits]
        how = "choisis avec les flèches puis Entrée" if single else "coche avec Espace"
        if len(hits) == 1:
            self.screen.notice(f"{lead}1 métier trouvé : il est ajouté en tête de la liste ({how}).")
        else:
            self.screen.notice(f"{lead}{len(hits)} métiers trouvés : ils sont ajoutés en tête de la liste ({how}).")
        return [hit.code for hit in hits]

    def _offer_test(self) -> None:
        """Une fois par séance : passer le test d'intérêts, ou en rappeler les résultats."""
        from reconversion.core.riasec import score, suggest_metiers, valid_answers

        if self._test_offered:
            return
        self._test_offered = True
        test = self.content.interest_test()
        answers = valid_answers(test, self.notebook.interest_answers())
        if len(answers) < len(test.items):
            if answers:
                message = (
                    f"Tu as commencé le test d'intérêts ({len(answers)}/{len(test.items)} activités notées). "
                    "Veux-tu le reprendre avant de choisir ?"
                )
                take = "Oui, je reprends le test là où je l'ai laissé"
            else:
                message = (
                    "Avant de choisir, veux-tu passer le test d'intérêts ? "
                    "Il suggère des métiers proches de tes goûts (entre 5 et 10 minutes)."
                )
                take = "Oui, je passe le test maintenant"
            choice = self.prompter.choose(message, [(take, TAKE_TEST), ("Non, je choisis directement", CHOOSE_NOW)])
            if choice != TAKE_TEST:
                return
            from reconversion.sessions.interests import ask_items

            self.screen.notice(test.intro)
            ask_items(
                test,
                answers,
                self.prompter.interest_asker(test),
                self.notebook.save_interest_answer,
            )
        result = score(test, answers)
        self.screen.interest_results(test, result, suggest_metiers(self.catalogue, result, SUGGESTIONS))

    def facts(self) -> dict[str, bool]:
        """Les faits du guide tirés du test d'intérêts (terminé ou non), pour cibler les actions."""
        return self.notebook.facts()

    def chosen_metiers(self, codes: list[str]) -> list[dict[str, Any]]:
        """Les métiers choisis, avec voies d'accès et liens (pour l'écran de l'étape « Se former »).

        Avec le métier actuel relié et le ROME importé : les compétences à acquérir pour chacun, et
        des recherches de formations construites sur elles (`core.skills.with_skills`).
        """
        from reconversion.core.catalogue import metier_summaries

        answers = self.notebook.answers()
        today = getattr(self.screen, "today", None) or dt.date.today()  # celui de l'écran : RECONVERSION_TODAY
        pinned = answers.get(self.questions.current_code)
        if not isinstance(pinned, str) or not pinned:
            summaries = metier_summaries(self.catalogue, codes, self._labels)
        else:
            from reconversion.core.skills import with_skills

            comparisons, titles = self.rome.comparisons(pinned, codes)
            summaries = with_skills(metier_summaries(self.catalogue, codes, {**titles, **self._labels}), comparisons)
        return self.certifications(summaries, answers, today)  # diplômes et titres à sa portée
