"""L'affichage dans le terminal : en-têtes d'étape, aides, récapitulatifs, état.

Tout texte de contenu vient du guide ; ce module ne fait que le mettre en forme. Ce qui
précède la première question (accueil, en-tête d'étape, aide, messages) s'écrit sans rich,
en lignes coupées par la couture du terminal : importer rich coûte près de 20 ms, que la
personne attendrait avant de voir la question. rich ne sert qu'aux récapitulatifs (liens,
listes), importé à ce moment-là. Une console passée au constructeur (les tests) sert à tout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from reconversion.adapters.screen.relaunch import as_launched, program
from reconversion.adapters.screen.terminal import console as safe_console
from reconversion.adapters.screen.terminal import simple_mode, styled_line, styled_stdout
from reconversion.adapters.screen.terminal_style import Style, style_for
from reconversion.core import engine, model
from reconversion.core.dates import french_date
from reconversion.core.question_types import display, display_items
from reconversion.core.text_safety import one_line
from reconversion.core.text_wrap import squash_spaces

if TYPE_CHECKING:
    from rich.console import Console

    from reconversion.core.catalogue import InterestTest
    from reconversion.core.riasec import InterestResult, Suggestion

SHOWN_SKILLS = 8


def escape(text: str) -> str:
    """Le texte rendu inerte pour le balisage de rich (importé seulement quand rich sert)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


class Screen:
    """Ce que l'assistant affiche entre deux questions."""

    def __init__(
        self,
        console: Console | None = None,
        metier_label: Callable[[str], str] | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        self._console = console
        self._imposed = console is not None  # une console donnée (tests) sert à tout
        self._style: Style | None = None
        self.metier_label = metier_label  # code ROME -> « Infirmier / Infirmière (J1506) »
        self.today = today or dt.date.today()  # le jour des échéances du récapitulatif (RECONVERSION_TODAY)
        self._pending: list[tuple[str, str]] = []  # mode simple : les adresses à dire en fin de bloc

    @property
    def console(self) -> Console:
        """La console rich, créée (et rich importé) à la première mise en forme riche."""
        if self._console is None:
            self._console = safe_console()
        return self._console

    def _print(self, markup: str = "", style: str | None = None) -> None:
        """Une ligne coupée comme l'aide (`linear_console.print_wrapped`), quelle que soit la console."""
        from reconversion.adapters.screen.linear_console import print_wrapped

        print_wrapped(self.console, markup, style)

    def _line(self, text: str = "", *styles: str) -> None:
        """Une ligne de texte : par la console rich si elle sert déjà (ou a été imposée), sinon en
        lignes simples coupées par la couture du terminal, sans importer rich."""
        if self._imposed and self._console is not None:
            self._print(escape(text), style=" ".join(styles) or None)
            return
        # Même après un récapitulatif (rich chargé), par la couture : le même retrait suspendu
        # (« ℹ » puis ses lignes en retrait) à chaque question, pas seulement avant la première.
        if self._style is None:
            self._style = style_for(styled_stdout())
        for part in text.split("\n"):
            styled_line(self._style(one_line(part), *styles) if part else "")

    def _rule(self, title: str, *styles: str) -> None:
        from reconversion.adapters.screen.terminal import width

        if simple_mode():  # pas de trait : un lecteur d'écran lit « ─ » un à un
            self._line(title)
            return
        if len(title) + 6 > width():  # un trait couperait le titre (« …t… ─ ») : le titre entier, seul
            self._line(title, *styles)
            return
        if self._console is not None:
            style = " ".join(styles)
            self._console.rule(f"[{style}]{escape(title)}[/]" if style else escape(title))
            return
        room = max(width() - len(title) - 2, 2)
        left = room // 2
        self._line(f"{'─' * left} {title} {'─' * (room - left)}", *styles)

    def step_header(self, guide: model.Guide, step: model.Step) -> None:
        number = guide.step_number(step.id)
        self._line()
        self._rule(f"Étape {number}/{len(guide.steps)} — {step.title}", "bold")
        self._line(squash_spaces(step.intro), "dim")
        self._line()

    def welcome(self, guide: model.Guide, data_path: str) -> None:
        """Premier lancement d'un profil : l'intro du guide, où sont gardées les données, comment circuler."""
        points = (
            f"• Tes réponses restent sur cette machine, dans {data_path} ; rien n'est envoyé sur Internet.",
            "• Chaque réponse est enregistrée aussitôt : Ctrl-C met en pause sans rien perdre.",
            "• Pour répondre, tape le numéro d'une réponse puis Entrée ; pour revenir à la question "
            "précédente, « < » puis Entrée."
            if simple_mode()
            else "• Pour revenir à la question précédente : « ↩ Question précédente » dans une liste, "
            "ou « < » puis Entrée dans un champ à écrire.",
        )
        self._rule(guide.title, "bold")
        if guide.intro:
            self._line(squash_spaces(guide.intro))
        self._line()
        for point in points:
            self._line(point)

    def question_help(self, question: model.Question) -> None:
        """L'aide avant la question (à flèches). En mode simple, l'invite la dit après la question :
        un lecteur d'écran lit alors la question d'abord (`plain_prompts`)."""
        if question.help and not simple_mode():
            self._line(f"ℹ {as_launched(squash_spaces(question.help))}")

    def error(self, message: str) -> None:
        self._line(f"{'Attention :' if simple_mode() else '✗'} {message}", "red")

    def notice(self, message: str) -> None:
        self._line(message)

    def step_recap(
        self,
        guide: model.Guide,
        step: model.Step,
        answers: dict[str, Any],
    ) -> None:
        """Fin d'étape : les réponses, puis les ressources et actions qui s'appliquent."""
        self._print()
        self._rule(f"Étape « {step.title} » terminée", "green")
        for question in engine.applicable_questions(guide, answers, step.id):
            if question.id in answers:
                self.answer_line(question, answers[question.id])
        for conflict in engine.date_conflicts(guide, answers):
            if step.id in (conflict.question.step_id, conflict.other.step_id):
                self._print(f"[yellow]⚠ {escape(engine.conflict_text(conflict))}[/yellow]")
        resources = engine.applicable_resources(guide, step, answers)
        if resources:
            self._print("\n[bold]Ressources utiles[/bold]")
            for resource in resources:
                self.resource_line(resource)
        actions = engine.applicable_actions(guide, step, answers)
        if actions:
            self._actions_with_deadlines(guide, step, answers)
        self._addresses()
        self._print()

    def _link(self, label: str, url: str) -> str:
        """À flèches : l'adresse en clair, cliquable. En mode simple : rien ici, l'adresse est dite une
        fois, courte, à la fin du bloc (`_addresses`) : une adresse encodée lue à voix haute ne sert à rien."""
        if simple_mode():
            if (label, url) not in self._pending:
                self._pending.append((label, url))
            return ""
        from reconversion.core.spoken import readable_url

        return f" — [blue]{escape(readable_url(url))}[/blue]"

    def _addresses(self) -> None:
        """Mode simple : les adresses du bloc, une seule fois chacune, courtes et lisibles."""
        from reconversion.core.spoken import short_url

        if not self._pending:
            return
        self._print("\nAdresses :")
        for label, url in self._pending:
            self._print(f"{escape(label)} : {escape(short_url(url))}")
        self._pending.clear()

    def _actions_with_deadlines(self, guide: model.Guide, step: model.Step, answers: dict[str, Any]) -> None:
        """Les actions de l'étape avec leur échéance, puis les délais que ses dates rendent déjà impossibles.

        Mêmes règles que `actions` et `calendrier` (`core.followup.action_items`), sans le carnet :
        le récapitulatif ne connaît que les réponses.
        """
        from reconversion.core.deadlines import missed_deadlines
        from reconversion.core.followup import action_items

        items = [
            item
            for item in action_items(guide, answers, [], base_day=self.today, today=self.today, ordered=False)
            if item.step_id == step.id
        ]
        self._print("\n[bold]À faire[/bold]")
        for item in items:
            late = " — date passée" if item.due and item.due < self.today else ""
            # « avant le », comme `status`, le plan et le calendrier
            due = f" (avant le {french_date(item.due.isoformat())}{late})" if item.due else ""
            self._print(f"☐ {escape(item.text)}{due}")
        for missed in missed_deadlines(guide, items, answers):
            self._print(
                f"\n[red][bold]⚠ Délai impossible à tenir[/bold] : {escape(missed.text)} — il fallait "
                f"le faire au plus tard le {french_date(missed.due.isoformat())} ({escape(missed.rule)}).[/red]"
            )
            if missed.advice:
                self._print(f"  {escape(missed.advice)}")

    def answer_line(self, question: model.Question, value: Any) -> None:
        """« • Titre court : réponse » ; un choix multiple donne une ligne par choix."""
        if isinstance(value, list) and value:
            if question.choices_from == "metiers" and self.metier_label is not None:
                items = [self.metier_label(str(code)) for code in value]
            else:
                items = display_items(question, value)
            self._print(f"• {escape(question.title)} :")
            for item in items:
                self._print(f"    – [bold]{escape(item)}[/bold]")
            return
        if question.choices_from == "metiers" and self.metier_label is not None and isinstance(value, str):
            shown = self.metier_label(value)  # un code ROME seul : son intitulé, jamais le code nu
        else:
            shown = display(question, value)
        self._print(f"• {escape(question.title)} : [bold]{escape(shown)}[/bold]")

    def resource_line(self, resource: model.Resource) -> None:
        """Titre cliquable (lien hypertexte là où le terminal le permet) et adresse en clair."""
        address = self._link(resource.title, resource.url)
        self._print(f"• [link={resource.url}]{escape(resource.title)}[/link]{address}")
        if resource.description:
            self._print(f"  {escape(resource.description)}", style="dim")

    def chosen_metiers(self, metiers: Sequence[dict[str, Any]]) -> None:
        """Rappel des métiers choisis : voies d'accès, durée, liens pour chercher une formation."""
        if not metiers:
            return
        self._print("[bold]Ton métier visé[/bold]" if len(metiers) == 1 else "[bold]Tes métiers visés[/bold]")
        for metier in metiers:
            self._print(f"\n[bold]{escape(one_line(metier['title']))}[/bold] ({escape(metier['code'])})")
            if metier["access"]:
                self._print("  Pour y accéder :")
                for route in metier["access"]:
                    self._print(f"  • {escape(route)}")
            if length := metier.get("training_duration"):  # sur sa ligne : un seul deux-points par ligne
                self._print(f"  Durée de formation indicative : {escape(length)}")
            if metier.get("skills"):
                self._skills(metier["code"], metier["skills"])
            if metier.get("certifications"):
                self._certifications(metier["code"], metier["certifications"])
            for link in metier["links"]:
                hint = f" ({escape(link['hint'])})" if link["hint"] else ""
                url = link["url"]
                label = escape(one_line(link["label"]))
                address = self._link(one_line(link["label"]), url).replace(" — ", " : ", 1)
                self._print(f"  → [link={url}]{label}[/link]{address}{hint}")
        if any("certifications" in m and m["certifications"] is None for m in metiers):
            self._print(
                "\nPour voir les diplômes et titres à ta portée pour ces métiers : télécharge "
                "«\u00a0export-fiches-csv-AAAA-MM-JJ.zip\u00a0» (le RNCP et le RS de France compétences) sur "
                f"data.gouv.fr, puis lance {escape(program())} certifications import FICHIER.",
                style="dim",
            )
        self._addresses()
        self._print()

    def _certifications(self, code: str, advice: dict[str, Any]) -> None:
        """Les certifications actives à portée (niveau ±1), la VAE quand l'expérience est en lien (France VAE)."""
        from reconversion.adapters.screen.certifications_view import summary_line

        items = advice["items"]
        if not items:
            self._print("  Aucune certification active de l'export importé à ton niveau pour ce métier.")
        else:
            near = " à ta portée" if advice["person_level"] is not None else ""
            self._print(f"  Diplômes et titres{near} (RNCP, RS) :")
            for item in items:
                self._print(f"  • {escape(summary_line(item))}")
        if advice["hidden"]:
            self._print(
                f"  … et d'autres ({advice['hidden']}) : {escape(program())} jobs show {escape(code)}", style="dim"
            )
        if advice["vae_with_experience"]:
            codes = ", ".join(advice["vae_with_experience"])
            self._print(
                f"  Ton métier actuel fait partie de ceux que vise {escape(codes)} : ton expérience peut compter "
                "pour l'obtenir par la VAE, sans refaire toute la formation. France VAE : https://vae.gouv.fr"
            )

    def _skills(self, code: str, skills: dict[str, Any]) -> None:
        """Les compétences à acquérir depuis le métier actuel (textes du ROME : nettoyés, échappés)."""
        from reconversion.core.skills import held_words

        held, missing = skills["held"], skills["to_develop"]
        total = len(held) + len(missing)
        if not total:
            return
        self._print(
            f"  Depuis ton métier actuel : {held_words(len(held), total)} "
            f"({round(skills['coverage'] * 100)} %)." + (" À acquérir :" if missing else "")
        )
        for item in missing[:SHOWN_SKILLS]:
            self._print(f"  • {escape(one_line(item['label']))}")
        if len(missing) > SHOWN_SKILLS:
            command = f"{program()} jobs compare {skills['from']} {code}"
            self._print(f"  … et {len(missing) - SHOWN_SKILLS} autres : {escape(command)}", style="dim")

    def lines(self, lines: Sequence[str]) -> None:
        for line in lines:
            self._print(escape(line))

    def interest_results(self, test: InterestTest, result: InterestResult, suggestions: list[Suggestion]) -> None:
        """Les résultats du test d'intérêts, sur la même console que le reste de l'assistant."""
        from reconversion.adapters.screen.interests_view import print_results

        print_results(test, result, suggestions, console=self.console)
