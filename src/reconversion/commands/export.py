"""`reconversion export` : le plan rassemblé une fois, rendu dans le format demandé, puis écrit.

Le chemin d'un export : `common/plan_reading.read_plan` lit le profil et rassemble le plan
(`core.plan_data`), `core.export_formats` choisit le rendu, `common/delivery.deliver` écrit.
Comme dans `cli.py`, seuls typer, la bibliothèque standard et les erreurs sont importés au
chargement du module. Les erreurs sont levées, jamais affichées ici : `cli._Group` s'en charge.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from reconversion.adapters.screen.relaunch import hint, program
from reconversion.commands.common.delivery import STDOUT, ForceOption, OutputOption, deliver
from reconversion.commands.common.options import GuideOption, ProfileOption
from reconversion.commands.common.profile_access import load_guide
from reconversion.commands.common.today import plan_date
from reconversion.core.export_formats import export_choices, find_format
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.errors import ReconversionError, UsageError

if TYPE_CHECKING:
    from pathlib import Path

    from reconversion.core.export_formats import ExportFormat
    from reconversion.core.model import Guide
    from reconversion.core.plan_data import Plan
    from reconversion.core.schemas import BackupDocument

# Ce que dit un format qui demande un profil existant, quand il n'existe pas encore.
NOTHING_TO_WRITE = {"json": "rien à sauvegarder", "ics": "aucune échéance à mettre dans un agenda"}


def _format_help() -> str:
    names = [f"{f.name} ({f.what})" for f in export_choices()]
    return ", ".join(names[:-1]) + " ou " + names[-1] + "."


def export(
    format_name: Annotated[str, typer.Option("--format", "-f", help=_format_help())] = "markdown",
    output: OutputOption = None,
    force: ForceOption = False,
    profile: ProfileOption = DEFAULT_PROFILE,
    guide_path: GuideOption = None,
    include_contacts: Annotated[
        bool,
        typer.Option(
            "--include-contacts",
            help="Ajouter tes contacts au plan, Markdown ou HTML (ce sont les données d'autres personnes : "
            "partage avec soin).",
        ),
    ] = False,
    open_browser: Annotated[
        bool,
        typer.Option("--open", help="Avec --format html : ouvrir le plan dans ton navigateur une fois écrit."),
    ] = False,
) -> None:
    """Exporter ton plan en Markdown ou en HTML, ta sauvegarde complète en JSON, ou tes échéances en agenda (ics)."""
    from reconversion.adapters.storage.locations import check_profile
    from reconversion.commands.common.plan_reading import read_plan, warn_unread

    check_profile(profile)
    chosen = find_format(format_name)
    if chosen is None or not chosen.in_export:
        names = [f"« {f.name} »" for f in export_choices()]
        raise UsageError(f"Format inconnu « {format_name} » : choisis {', '.join(names[:-1])} ou {names[-1]}.")
    if open_browser and chosen.name != "html":
        raise UsageError("--open ne sert qu'avec --format html : c'est le plan HTML que ton navigateur affiche.")
    if open_browser and output == STDOUT:
        raise UsageError("--open ouvre le fichier écrit : il ne va pas avec -o - (affichage dans le terminal).")
    guide = load_guide(guide_path)
    today = plan_date()
    plan = read_plan(
        guide,
        profile,
        today,
        include_contacts=include_contacts,
        nothing=NOTHING_TO_WRITE.get(chosen.name),
        salvage=chosen.name == "ics",
    )
    if chosen.name != "ics":  # l'agenda ne montre que des échéances : rien d'illisible à signaler
        warn_unread(plan, backup=chosen.name == "json")
    text = _render(chosen, plan)
    path = deliver(text, output, chosen.file_name.format(day=today.isoformat()), force=force, private=chosen.private)
    if path is not None:
        _written(chosen, path, open_browser=open_browser)


def _render(chosen: ExportFormat, plan: Plan) -> str:
    """Le texte du format ; un agenda sans aucune échéance est refusé avec ce qu'il faut faire."""
    from reconversion.core.export_formats import render

    if chosen.name == "json":
        return _backup_text(plan)
    if chosen.name != "ics":  # seul l'agenda peut être vide : le plan n'importe pas calendar_ics (ni dataclasses)
        return render(chosen, plan)
    from reconversion.core.calendar_ics import EmptyCalendar

    try:
        return render(chosen, plan)
    except EmptyCalendar:
        raise ReconversionError(
            "Aucune échéance à mettre dans un agenda : donne une date à une action "
            f"({hint('actions edit ID', plan.profile)} --due +7j) ou une relance à un contact "
            f"({hint('contacts edit ID', plan.profile)} --follow-up +2s)."
        ) from None


def _written(chosen: ExportFormat, path: Path, *, open_browser: bool) -> None:
    """Ce qui est dit une fois le fichier écrit."""
    if chosen.name == "json":
        print(f"Sauvegarde écrite : {path}")
        print(f"Pour la restaurer plus tard : {program()} import {path}")
    elif chosen.name == "ics":
        print(f"Ton agenda est prêt : {path}")
        print("Importe-le dans ton agenda (Google Agenda, Outlook, Calendrier, Thunderbird…).")
    else:
        print(f"Ton plan est prêt : {path}")
    if chosen.name == "html":
        _show_html(path, open_browser=open_browser)


def _show_html(path: Path, *, open_browser: bool) -> None:
    """Le conseil d'impression, et le navigateur si demandé (seulement après une écriture réussie)."""
    if not open_browser:
        print("Ouvre-le dans ton navigateur pour le lire, ou pour l'imprimer (Ctrl+P) ou l'enregistrer en PDF.")
        return
    import webbrowser

    if not webbrowser.open(path.resolve().as_uri()):
        print(f"Je n'ai pas trouvé de navigateur à ouvrir : ouvre toi-même {path}.")


def _backup_text(plan: Plan) -> str:
    """La sauvegarde (le rendu `core.backup.render_backup`, document construit une seule fois) : vérifiée
    comme `import` le fera, puis écrite seulement si `import` saura la relire (adapters/storage/backup_store)."""
    from reconversion.adapters.storage.backup_store import export_text
    from reconversion.core.backup import dumps, plan_backup

    document = plan_backup(plan)
    _warn_not_restorable(plan.guide, document)
    return export_text(lambda: dumps(document))


def _warn_not_restorable(guide: Guide, document: BackupDocument) -> None:
    """Vérifie la sauvegarde comme `import` le fera : une valeur entrée avant les bornes actuelles
    (texte avec caractère de contrôle, date hors bornes…) est signalée dès l'export, avec son chemin."""
    from reconversion.core.backup import validate

    check = validate(
        document,
        guide_id=guide.id,
        guide_version=guide.version,
        question_types={q.id: q.type for q in guide.questions},
    )
    if check.ok:
        return
    print(
        "Attention : cette sauvegarde contient des valeurs qu'« import » refusera tant qu'elles ne sont pas "
        "corrigées (dans le fichier, ou dans ton carnet avant un nouvel export) :\n"
        + "\n".join(f"  - {line}" for line in check.problems),
        file=sys.stderr,
    )
