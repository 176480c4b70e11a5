"""Choisir ses métiers cibles dans l'assistant (questions `choices_from: metiers`).

À l'étape « Identifier les métiers », on propose d'abord le test d'intérêts (ou on en
rappelle les résultats), puis une liste à cocher : les métiers déjà choisis, ceux que le
test suggère, et une entrée « chercher par nom ». Les choix sont enregistrés par code ROME.
À une étape marquée `show_chosen_metiers`, on rappelle ces métiers avec leurs voies d'accès
et les liens pour chercher une formation.
"""

from __future__ import annotations

from typing import Any

from reconversion.adapters import interests_store, metiers_files
from reconversion.adapters.prompts import Prompter, Reply
from reconversion.adapters.store import Store
from reconversion.core import model
from reconversion.core.catalogue import Catalogue, metier_summaries
from reconversion.core.riasec import score, suggest_metiers, valid_answers

SUGGESTIONS = 8
SEARCH_RESULTS = 8
TAKE_TEST = "test"
CHOOSE_NOW = "choisir"


class MetierChooser:
    """Le lien entre l'assistant et le catalogue : test d'intérêts, suggestions, recherche."""

    def __init__(self, store: Store, prompter: Prompter, screen: Any) -> None:
        self.store = store
        self.prompter = prompter
        self.screen = screen
        self._catalogue: Catalogue | None = None
        self._test_offered = False
        self._labels: dict[str, str] = {}

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            self._catalogue = metiers_files.catalogue()
        return self._catalogue

    def label(self, code: str) -> str:
        metier = self.catalogue.get(code)
        title = metier.title if metier else self._labels.get(code, code)
        return f"{title} ({code})"

    def ask(self, question: model.Question, default: Any, *, can_go_back: bool) -> Reply:
        """Pose la question des métiers cibles, avec le test d'intérêts et la recherche par nom."""
        self._offer_test()
        chosen = [str(code) for code in default] if isinstance(default, list) else []
        offered = list(dict.fromkeys([*chosen, *self._suggested_codes()]))
        if not offered:
            self.screen.notice(
                "Pas encore de suggestion : appuie sur Entrée sur « Chercher un autre métier par son nom »."
            )
        start: Any = model.SKIPPED if default is model.SKIPPED else chosen
        idea = self._idea()
        while True:
            choices = [model.Choice(code, self.label(code)) for code in offered]
            reply = self.prompter.ask(question, start, can_go_back=can_go_back, choices=choices, searchable=True)
            if not reply.search:
                return reply
            chosen = list(reply.value)
            start = chosen
            found = self._search(idea)
            idea = ""
            offered = list(dict.fromkeys([*chosen, *found, *offered]))

    def _idea(self) -> str:
        """L'idée de métier écrite plus tôt (`piste_metier`), pour préremplir la première recherche."""
        value = self.store.answers().get("piste_metier")
        return " ".join(value.split())[:80] if isinstance(value, str) else ""

    def _suggested_codes(self) -> list[str]:
        test = metiers_files.interest_test()
        result = score(test, interests_store.load_answers(self.store))
        return [s.metier.code for s in suggest_metiers(self.catalogue, result, SUGGESTIONS)]

    def _search(self, idea: str = "") -> list[str]:
        query = self.prompter.text(
            "Tape le nom d'un métier (ou un mot, par exemple « soin » ou « bois ») :", default=idea
        )
        if not query.strip():
            return []
        hits = metiers_files.find_metiers(query, SEARCH_RESULTS)
        if not hits:
            self.screen.notice(f"Aucun métier trouvé pour « {query.strip()} ». Essaie un autre mot.")
            return []
        for hit in hits:
            self._labels[hit.code] = hit.title
        if len(hits) == 1:
            self.screen.notice("1 métier trouvé : il est ajouté en tête de la liste (coche-le avec Espace).")
        else:
            self.screen.notice(
                f"{len(hits)} métiers trouvés : ils sont ajoutés en tête de la liste (coche-les avec Espace)."
            )
        return [hit.code for hit in hits]

    def _offer_test(self) -> None:
        """Une fois par séance : passer le test d'intérêts, ou en rappeler les résultats."""
        if self._test_offered:
            return
        self._test_offered = True
        test = metiers_files.interest_test()
        answers = valid_answers(test, interests_store.load_answers(self.store))
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
                    "Il suggère des métiers proches de tes goûts (environ 5 minutes)."
                )
                take = "Oui, je passe le test maintenant"
            choice = self.prompter.choose(message, [(take, TAKE_TEST), ("Non, je choisis directement", CHOOSE_NOW)])
            if choice != TAKE_TEST:
                return
            from reconversion.interests_session import ask_items, questionary_asker

            self.screen.notice(test.intro)
            ask_items(
                test,
                answers,
                questionary_asker(test, **self.prompter.io),
                lambda item_id, value: interests_store.save_answer(self.store, item_id, value),
            )
        from reconversion.adapters.interests_view import print_results

        result = score(test, answers)
        print_results(test, result, suggest_metiers(self.catalogue, result, SUGGESTIONS))

    def facts(self) -> dict[str, bool]:
        """Les faits du guide tirés du test d'intérêts (terminé ou non), pour cibler les actions."""
        return interests_store.facts(self.store)

    def chosen_metiers(self, codes: list[str]) -> list[dict[str, Any]]:
        """Les métiers choisis, avec voies d'accès et liens (pour l'écran de l'étape « Se former »)."""
        return metier_summaries(self.catalogue, codes, self._labels)
