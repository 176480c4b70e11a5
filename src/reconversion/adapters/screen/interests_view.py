"""Affiche les résultats du test d'intérêts avec rich : barres des six scores, code, métiers, avertissement."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from reconversion.adapters.screen.jobs_view import bullet
from reconversion.adapters.screen.relaunch import program
from reconversion.adapters.screen.terminal import console as safe_console
from reconversion.adapters.screen.terminal import simple_mode
from reconversion.core.catalogue import FICHE_URL, InterestTest
from reconversion.core.riasec import InterestResult, Suggestion, code_doubts

BAR_WIDTH = 25


def french_number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def score_bar(mean: float | None, low: int, high: int, width: int = BAR_WIDTH) -> str:
    """Une barre de `width` cases : vide pour la note la plus basse, pleine pour la plus haute."""
    if mean is None or high <= low:
        return "·" * width
    filled = round(width * (mean - low) / (high - low))
    return "█" * filled + "░" * (width - filled)


def print_results(
    test: InterestTest,
    result: InterestResult,
    suggestions: list[Suggestion],
    *,
    console: Console | None = None,
) -> None:
    console = console or safe_console()
    low, high = min(test.scale_values), max(test.scale_values)
    console.print()
    console.rule(f"[bold]{escape(test.title)} — tes résultats")
    if not result.complete:
        console.print(f"Test en cours : {result.answered}/{result.total} activités notées.", style="yellow")
    width = max(len(d.name) for d in test.dimensions)
    top = set(result.code or "")
    for score in result.dimensions:
        name = test.dimension(score.code).name
        mean = float(score.mean) if score.mean is not None else None
        over = f" sur {high}" if simple_mode() else f"/{high}"  # « 3,2/5 » se lit « 3,2 barre 5 »
        value = f"{french_number(mean)}{over}" if mean is not None else "—"
        style = "bold green" if score.code in top else ""
        bar = "" if simple_mode() else f"{score_bar(mean, low, high)}  "  # une barre se lit case par case
        line = f"{score.code}  {name.ljust(width)}  {bar}{value}"
        console.print(f"[{style}]{escape(line)}[/{style}]" if style else escape(line))
    if result.code:
        names = ", ".join(test.dimension(letter).name for letter in result.code)
        console.print(f"\nTon code : [bold]{result.code}[/bold] ({escape(names)})")
        doubt = doubt_sentence(result)
        if doubt:
            console.print(escape(doubt), style="yellow")
        for letter in result.code:
            dimension = test.dimension(letter)
            bullet(console, f"[bold]{escape(dimension.name)}[/bold] : {escape(dimension.description)}")
    if suggestions:
        console.print("\n[bold]Des métiers à explorer[/bold] (lettres RIASEC proches des tiennes)")
        for item in suggestions:
            metier = item.metier
            if simple_mode():  # ni crochets ni dix adresses lues en entier : la fiche est à une commande
                console.print(f"• {metier.code}  {escape(metier.title)} ({metier.riasec})")
                continue
            url = FICHE_URL.format(code=metier.code)
            console.print(f"• {metier.code}  {escape(metier.title)}  [dim]\\[{metier.riasec}][/dim]")
            console.print(f"  [link={url}][blue]{url}[/blue][/link]", soft_wrap=True)
        console.print(f"Détails d'un métier : {program()} jobs show CODE", style="dim")
    console.print()
    console.print(f"[italic]{escape(test.disclaimer)}[/italic]")


def doubt_sentence(result: InterestResult) -> str | None:
    """« Tes scores sont presque égaux… » ou « A et E sont à égalité… » : le code n'est pas sûr."""
    doubts = code_doubts(result)
    if doubts.flat:
        return (
            "Attention : tes scores sont presque tous au même niveau, ce code ne dit donc pas grand-chose. "
            "Refais le test en te demandant, pour chaque activité, si elle te plairait vraiment, "
            "ou parles-en avec un conseiller ou une conseillère en évolution professionnelle."
        )
    if doubts.ties:
        groups = " ; ".join(" et ".join(group) if len(group) == 2 else ", ".join(group) for group in doubts.ties)
        return (
            f"Attention : certaines lettres sont à égalité ({groups}). Leur ordre dans ton code a été choisi "
            "par une règle fixe, pas par tes notes : regarde les descriptions de chacune."
        )
    return None
