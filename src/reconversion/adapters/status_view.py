"""Affiche l'état d'avancement (`reconversion status`) avec rich."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rich.console import Console
from rich.markup import escape

from reconversion.core.answer_types import french_date

_BAR_WIDTH = 20
_STATE_STYLE = {"à faire": "dim", "en cours": "yellow", "terminée": "green"}


def bar(answered: int, applicable: int) -> str:
    filled = round(_BAR_WIDTH * answered / applicable) if applicable else _BAR_WIDTH
    return "█" * filled + "░" * (_BAR_WIDTH - filled)


def local_day(stamp: str | None) -> str:
    """Un horodatage UTC ISO rendu en date française locale (« 3 mars 2027 »)."""
    if not stamp:
        return "—"
    moment = dt.datetime.fromisoformat(stamp).astimezone()
    return french_date(moment.date().isoformat())


def print_status(report: dict[str, Any], *, resume: str, console: Console | None = None) -> None:
    console = console or Console(highlight=False)
    console.print(f"[bold]Ta reconversion — profil « {escape(report['profile'])} »[/bold]")
    console.print(f"Avancement global : [bold]{report['percent']} %[/bold]\n")
    for number, step in enumerate(report["steps"], start=1):
        style = _STATE_STYLE.get(step["state"], "")
        console.print(f"[bold]{number}. {escape(step['title'])}[/bold]  [{style}]{step['state']}[/{style}]")
        console.print(
            f"   {bar(step['answered'], step['applicable'])} {step['answered']}/{step['applicable']}"
            f"   dernière activité : {local_day(step['last_activity'])}"
        )
        if step["next_question"]:
            console.print(f"   Prochaine question : {escape(step['next_question']['prompt'])}", style="dim")
    interests = report.get("interests")
    if interests:
        if interests["complete"]:
            line = f"code [bold]{escape(str(interests['code']))}[/bold] (détails : reconversion interests)"
        else:
            line = f"en cours, {interests['answered']}/{interests['total']} activités notées (reconversion interests)"
        console.print(f"\nTest d'intérêts : {line}")
    if report["next_actions"]:
        console.print("\n[bold]Prochaines actions[/bold]")
        for action in report["next_actions"]:
            due = f" [dim](avant le {french_date(action['due'])})[/dim]" if action.get("due") else ""
            console.print(f"☐ {escape(action['text'])}{due}  [dim]{escape(action['id'])}[/dim]")
    print_followup(report, console=console)
    if not report["complete"]:
        console.print(f"\nPour continuer : [bold]{escape(resume)}[/bold]")


def print_followup(report: dict[str, Any], *, console: Console | None = None) -> None:
    """Les actions en retard (en rouge) et les relances de contacts à faire (en jaune, en rouge si passées)."""
    console = console or Console(highlight=False)
    overdue = report.get("overdue_actions") or []
    followups = report.get("followups_due") or []
    if overdue:
        console.print("\n[bold red]Actions en retard[/bold red]")
        for action in overdue:
            days = action["days_late"]
            console.print(
                f"[red]⚠ {escape(action['text'])} — en retard de {days} jour{'s' if days > 1 else ''} "
                f"({french_date(action['due'])})[/red]  [dim]{escape(action['id'])}[/dim]"
            )
    if followups:
        console.print("\n[bold yellow]Relances à faire[/bold yellow]")
        for contact in followups:
            style = "red" if contact["late"] else "yellow"
            where = f" ({escape(contact['organisation'])})" if contact["organisation"] else ""
            console.print(
                f"[{style}]☎ {escape(contact['name'])}{where} — {escape(contact['label'])}[/{style}]"
                f"  [dim]{escape(contact['id'])}[/dim]"
            )
