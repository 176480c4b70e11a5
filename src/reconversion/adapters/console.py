"""L'affichage dans le terminal, avec rich : en-têtes d'étape, aides, récapitulatifs, état.

Tout texte de contenu vient du guide ; ce module ne fait que le mettre en forme.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape

from reconversion.adapters.terminal import console as safe_console
from reconversion.adapters.terminal import simple_mode
from reconversion.adapters.terminal_style import clean
from reconversion.core import engine, model
from reconversion.core.answer_types import display, display_items
from reconversion.core.dates import french_date

SHOWN_SKILLS = 8


class Screen:
    """Ce que l'assistant affiche entre deux questions."""

    def __init__(
        self,
        console: Console | None = None,
        metier_label: Callable[[str], str] | None = None,
        *,
        today: dt.date | None = None,
    ) -> None:
        self.console = console or safe_console()
        self.metier_label = metier_label  # code ROME -> « Infirmier / Infirmière (J1506) »
        self.today = today or dt.date.today()  # le jour des échéances du récapitulatif (RECONVERSION_TODAY)

    def step_header(self, guide: model.Guide, step: model.Step) -> None:
        number = guide.step_number(step.id)
        self.console.print()
        self.console.rule(f"[bold]Étape {number}/{len(guide.steps)} — {escape(step.title)}")
        self.console.print(escape(step.intro), style="dim")
        self.console.print()

    def welcome(self, guide: model.Guide, data_path: str) -> None:
        """Premier lancement d'un profil : l'intro du guide, où sont gardées les données, comment circuler."""
        self.console.rule(f"[bold]{escape(guide.title)}")
        if guide.intro:
            self.console.print(escape(guide.intro))
        self.console.print(
            "\n• Tes réponses restent sur cette machine, dans "
            f"[bold]{escape(data_path)}[/bold] ; rien n'est envoyé sur Internet."
            "\n• Chaque réponse est enregistrée aussitôt : Ctrl-C met en pause sans rien perdre."
            + (
                "\n• Pour répondre, tape le numéro d'une réponse puis Entrée ; pour revenir à la question "
                "précédente, « < » puis Entrée."
                if simple_mode()
                else "\n• Pour revenir à la question précédente : « ↩ Question précédente » dans une liste, "
                "ou « < » puis Entrée dans un champ à écrire."
            )
        )

    def question_help(self, question: model.Question) -> None:
        if question.help:  # en mode simple, des mots plutôt qu'un symbole (lu « information » ou pas du tout)
            mark = "Aide :" if simple_mode() else "[cyan]ℹ[/cyan]"
            self.console.print(f"{mark} {escape(question.help)}")

    def error(self, message: str) -> None:
        mark = "Attention :" if simple_mode() else "✗"
        self.console.print(f"[red]{mark} {escape(message)}[/red]")

    def notice(self, message: str) -> None:
        self.console.print(escape(message))

    def step_recap(
        self,
        guide: model.Guide,
        step: model.Step,
        answers: dict[str, Any],
    ) -> None:
        """Fin d'étape : les réponses, puis les ressources et actions qui s'appliquent."""
        self.console.print()
        self.console.rule(f"[green]Étape « {escape(step.title)} » terminée")
        for question in engine.applicable_questions(guide, answers, step.id):
            if question.id in answers:
                self.answer_line(question, answers[question.id])
        for conflict in engine.date_conflicts(guide, answers):
            if step.id in (conflict.question.step_id, conflict.other.step_id):
                self.console.print(f"[yellow]⚠ {escape(engine.conflict_text(conflict))}[/yellow]")
        resources = engine.applicable_resources(guide, step, answers)
        if resources:
            self.console.print("\n[bold]Ressources utiles[/bold]")
            for resource in resources:
                self.resource_line(resource)
        actions = engine.applicable_actions(guide, step, answers)
        if actions:
            self._actions_with_deadlines(guide, step, answers)
        self.console.print()

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
        self.console.print("\n[bold]À faire[/bold]")
        for item in items:
            late = " — date passée" if item.due and item.due < self.today else ""
            due = f" (au plus tard le {french_date(item.due.isoformat())}{late})" if item.due else ""
            self.console.print(f"☐ {escape(item.text)}{due}")
        for missed in missed_deadlines(guide, items, answers):
            self.console.print(
                f"\n[red][bold]⚠ Délai impossible à tenir[/bold] : {escape(missed.text)} — il fallait "
                f"le faire au plus tard le {french_date(missed.due.isoformat())} ({escape(missed.rule)}).[/red]"
            )
            if missed.advice:
                self.console.print(f"  {escape(missed.advice)}")

    def answer_line(self, question: model.Question, value: Any) -> None:
        """« • Titre court : réponse » ; un choix multiple donne une ligne par choix."""
        if isinstance(value, list) and value:
            if question.choices_from == "metiers" and self.metier_label is not None:
                items = [self.metier_label(str(code)) for code in value]
            else:
                items = display_items(question, value)
            self.console.print(f"• {escape(question.title)} :")
            for item in items:
                self.console.print(f"    – [bold]{escape(item)}[/bold]")
            return
        self.console.print(f"• {escape(question.title)} : [bold]{escape(display(question, value))}[/bold]")

    def resource_line(self, resource: model.Resource) -> None:
        """Titre cliquable (lien hypertexte là où le terminal le permet) et adresse en clair."""
        url = escape(resource.url)
        self.console.print(f"• [link={resource.url}]{escape(resource.title)}[/link] — [blue]{url}[/blue]")
        if resource.description:
            self.console.print(f"  {escape(resource.description)}", style="dim")

    def chosen_metiers(self, metiers: Sequence[dict[str, Any]]) -> None:
        """Rappel des métiers choisis : voies d'accès, durée, liens pour chercher une formation."""
        if not metiers:
            return
        self.console.print("[bold]Ton métier visé[/bold]" if len(metiers) == 1 else "[bold]Tes métiers visés[/bold]")
        for metier in metiers:
            self.console.print(f"\n[bold]{escape(clean(metier['title']))}[/bold] ({escape(metier['code'])})")
            if metier["access"]:
                length = metier["training_duration"]
                duration = f" — formation : {escape(length)}" if length else ""
                self.console.print(f"  Pour y accéder{duration} :")
                for route in metier["access"]:
                    self.console.print(f"  • {escape(route)}")
            if metier.get("skills"):
                self._skills(metier["code"], metier["skills"])
            for link in metier["links"]:
                hint = f" ({escape(link['hint'])})" if link["hint"] else ""
                url = link["url"]
                label = escape(clean(link["label"]))
                self.console.print(f"  → [link={url}]{label}[/link] : [blue]{escape(url)}[/blue]{hint}")
        self.console.print()

    def _skills(self, code: str, skills: dict[str, Any]) -> None:
        """Les compétences à acquérir depuis le métier actuel (textes du ROME : nettoyés, échappés)."""
        held, missing = skills["held"], skills["to_develop"]
        total = len(held) + len(missing)
        if not total:
            return
        self.console.print(
            f"  Depuis ton métier actuel : {len(held)} compétences sur {total} déjà acquises "
            f"({round(skills['coverage'] * 100)} %)." + (" À acquérir :" if missing else "")
        )
        for item in missing[:SHOWN_SKILLS]:
            self.console.print(f"  • {escape(clean(item['label']))}")
        if len(missing) > SHOWN_SKILLS:
            command = f"reconversion jobs compare {skills['from']} {code}"
            self.console.print(f"  … et {len(missing) - SHOWN_SKILLS} autres : {escape(command)}", style="dim")

    def lines(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.console.print(escape(line))
