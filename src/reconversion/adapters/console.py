"""L'affichage dans le terminal, avec rich : en-têtes d'étape, aides, récapitulatifs, état.

Tout texte de contenu vient du guide ; ce module ne fait que le mettre en forme.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape

from reconversion.core import engine, model
from reconversion.core.answer_types import display, display_items


class Screen:
    """Ce que l'assistant affiche entre deux questions."""

    def __init__(self, console: Console | None = None, metier_label: Callable[[str], str] | None = None) -> None:
        self.console = console or Console(highlight=False)
        self.metier_label = metier_label  # code ROME -> « Infirmier / Infirmière (J1506) »

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
            "\n• Pour revenir à la question précédente : « ↩ Question précédente » dans une liste, "
            "ou « < » puis Entrée dans un champ à écrire."
        )

    def question_help(self, question: model.Question) -> None:
        if question.help:
            self.console.print(f"[cyan]ℹ[/cyan] {escape(question.help)}")

    def error(self, message: str) -> None:
        self.console.print(f"[red]✗ {escape(message)}[/red]")

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
            self.console.print("\n[bold]À faire[/bold]")
            for action in actions:
                due = f" (dans {action.due_in_days} jours)" if action.due_in_days else ""
                self.console.print(f"☐ {escape(action.text)}{due}")
        self.console.print()

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
            self.console.print(f"\n[bold]{escape(metier['title'])}[/bold] ({escape(metier['code'])})")
            if metier["access"]:
                length = metier["training_duration"]
                duration = f" — formation : {escape(length)}" if length else ""
                self.console.print(f"  Pour y accéder{duration} :")
                for route in metier["access"]:
                    self.console.print(f"  • {escape(route)}")
            for link in metier["links"]:
                hint = f" ({escape(link['hint'])})" if link["hint"] else ""
                url = link["url"]
                self.console.print(f"  → [link={url}]{escape(link['label'])}[/link] : [blue]{escape(url)}[/blue]{hint}")
        self.console.print()

    def lines(self, lines: Sequence[str]) -> None:
        for line in lines:
            self.console.print(escape(line))
