"""Affiche la fiche d'un métier (`reconversion jobs show`) avec rich."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from reconversion.adapters.screen.relaunch import program
from reconversion.adapters.screen.terminal import console as safe_console
from reconversion.core.spoken import readable_url

if TYPE_CHECKING:
    from reconversion.core.schemas import FicheReport

SHOWN_APPELLATIONS = 12
SHOWN_MOBILITES = 12


def bullet(console: Console, markup: str) -> None:
    """« • texte » dont les lignes suivantes s'alignent sous le texte, pas sous la puce (C7) : une grille
    de deux colonnes, que rich coupe entre les mots comme le reste."""
    from reconversion.adapters.screen.terminal import simple_mode

    if simple_mode():  # un lecteur d'écran : ni puce (« point ») ni colonnes remplies d'espaces
        console.print(markup)
        return
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("•", markup)
    console.print(grid)


def riasec_text(letters: str, names: Mapping[str, str]) -> str:
    """« SI » → « S (Social), I (Investigateur) »."""
    return ", ".join(f"{letter} ({names[letter]})" if letter in names else letter for letter in letters)


def print_fiche(
    report: FicheReport, names: Mapping[str, str], console: Console | None = None, *, hidden_certifications: int = 0
) -> None:
    console = console or safe_console()
    console.print(f"[bold]{report['code']} — {escape(report['title'])}[/bold]")
    if report["rome_title"] and report["rome_title"] != report["title"]:
        console.print(
            f"Dans le ROME importé (v{report['rome_version']}) : « {escape(report['rome_title'])} »", style="dim"
        )
    # le nom du grand domaine (ROME importé, sinon catalogue), la lettre entre parenthèses (C9)
    label = report["domain_label"]
    domain = f"{escape(label)} ({report['domain']})" if label else report["domain"]
    letters = riasec_text(report["riasec"], names) if report["riasec"] else "—"
    console.print(f"Intérêts (RIASEC) : {escape(letters)}")
    console.print(f"Domaine : {domain}")
    console.print()
    if report["description"]:
        console.print(escape(report["description"]))
    else:
        console.print(
            "Ce métier n'a pas de fiche détaillée dans le catalogue intégré : la fiche France Travail "
            "ci-dessous le décrit (activités, accès, compétences).",
            style="dim",
        )
    if report["access"]:
        console.print("\n[bold]Voies d'accès[/bold]")
        for route in report["access"]:
            bullet(console, escape(route))
    if report["training_duration"]:
        console.print(f"Durée de formation indicative : {escape(report['training_duration'])}")
    _print_certifications(report, hidden_certifications, console)
    console.print("\n[bold]Liens[/bold]")
    for link in report["links"]:
        hint = f" ({escape(link['hint'])})" if link["hint"] else ""
        bullet(console, f"[link={link['url']}]{escape(link['label'])}[/link]{hint}")
        # L'adresse seule sur sa ligne, jamais coupée par rich : le terminal la replie d'un bloc.
        # lettres accentuées décodées (« quoi=Développeur ») : recopiée, l'adresse marche encore
        console.print(f"  [blue]{escape(readable_url(link['url']))}[/blue]", soft_wrap=True)
    appellations = report["appellations"]
    if appellations:
        console.print(f"\n[bold]Autres appellations[/bold] ({len(appellations)})")
        for label in appellations[:SHOWN_APPELLATIONS]:
            bullet(console, escape(label))
        if len(appellations) > SHOWN_APPELLATIONS:
            rest = len(appellations) - SHOWN_APPELLATIONS
            console.print(f"… et {rest} autres (toutes : {program()} jobs show {report['code']} --json)", style="dim")
    mobilites = report["mobilites"]
    if mobilites:
        console.print("\n[bold]Métiers proches[/bold] (passerelles proposées par le ROME)")
        for item in mobilites[:SHOWN_MOBILITES]:
            bullet(console, f"{item['code']}  {escape(item['title'])}")
        if len(mobilites) > SHOWN_MOBILITES:
            rest = len(mobilites) - SHOWN_MOBILITES
            console.print(f"… et {rest} autres (tous : {program()} jobs show {report['code']} --json)", style="dim")
    if appellations is None:
        console.print(
            "\nPour voir les autres appellations et les métiers proches : importe le ROME complet "
            f"({program()} jobs import DOSSIER).",
            style="dim",
        )
    if report["source"]:
        console.print(f"\n{escape(report['source'])}", style="dim")


def _print_certifications(report: FicheReport, hidden: int, console: Console) -> None:
    """Les diplômes et titres qui mènent au métier, par niveau (certifications importées), ou comment les avoir."""
    from reconversion.adapters.screen.certifications_view import summary_line
    from reconversion.core.certifications import LEVEL_MEANINGS

    items = report["certifications"]
    console.print("\n[bold]Diplômes, titres et certifications[/bold] (RNCP et RS de France compétences)")
    if items is None:
        from reconversion.adapters.certifications.rncp_reports import missing_import_parts

        intro, url, command = missing_import_parts()
        console.print(escape(intro), style="dim")
        console.print(f"  [blue]{escape(url)}[/blue]", soft_wrap=True)
        console.print(escape(command), style="dim")
        return
    if not items:
        console.print("Aucune certification active de l'export importé ne mène à ce métier.")
    levels = sorted({item["level"] for item in items}, key=lambda level: (level is None, level or 0))
    for level in levels:
        title = f"Niveau {level} ({LEVEL_MEANINGS[level]})" if level in LEVEL_MEANINGS else "Sans niveau précisé"
        console.print(title, style="bold")
        for item in sorted((i for i in items if i["level"] == level), key=lambda i: (not i["vae"], i["title"])):
            bullet(console, escape(summary_line(item, with_level=False)))
    if hidden:
        more = "autre, expirée ou plus délivrée" if hidden == 1 else "autres, expirées ou plus délivrées"
        console.print(f"… et {hidden} {more} (toutes avec --toutes)", style="dim")
    if items:
        console.print(
            f"Pour le détail d'une certification : {program()} certifications show {items[0]['code']}", style="dim"
        )
        if any(item["vae"] for item in items):
            console.print(
                "« VAE possible » : ton expérience peut suffire pour l'obtenir, sans refaire toute la formation "
                "(France VAE : https://vae.gouv.fr).",
                style="dim",
            )
