"""`reconversion guide validate` et `reconversion guide export` : vérifier un guide, ou l'exporter en livre.

`validate` liste tous les problèmes d'un guide YAML (FICHIER:LIGNE:COL) et les sources à revérifier ;
`export` vit dans `commands/guide_export.py` et n'est rattaché ici qu'au groupe.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reconversion.commands.common.profile_access import load_guide
from reconversion.commands.guide_export import guide_export
from reconversion.core.french_count import count_of

if TYPE_CHECKING:
    from reconversion.core.model import Guide

guide_app = typer.Typer(help="Vérifier ou exporter un guide.", no_args_is_help=True)


@guide_app.command("validate")
def validate(
    path: Annotated[Path | None, typer.Argument(help="Le guide à vérifier (par défaut : celui livré).")] = None,
) -> None:
    """Vérifier un guide YAML et lister tous ses problèmes."""
    guide = load_guide(path)
    counts = [
        count_of(len(guide.steps), "étape"),
        count_of(len(guide.questions), "question"),
        count_of(len(guide.resources), "ressource"),
        count_of(len(guide.actions), "action"),
    ]
    print(f"Guide valide : {guide.source} — {', '.join(counts)}.")
    from reconversion.commands.common.today import plan_date
    from reconversion.core.sourcing import source_warnings

    warnings = source_warnings(guide, plan_date())
    warnings += _funding_warnings(guide, path)
    if warnings:
        heading = f"{count_of(len(warnings), 'source')} à revérifier (avertissement, le guide reste valide) :"
        print(heading, file=sys.stderr)
        for line in warnings:
            print(line, file=sys.stderr)


guide_app.command("export")(guide_export)


def _funding_warnings(guide: Guide, path: Path | None) -> list[str]:
    """Le fichier des financements livré (ou posé à côté du guide vérifié), validé face à ce guide.

    Ses problèmes font échouer la commande comme ceux du guide ; ses règles périmées et ses
    sources anciennes sont des avertissements.
    """
    from reconversion.adapters.content.guide_files import FUNDING_FILE, load_funding
    from reconversion.commands.common.today import plan_date
    from reconversion.core.funding_loader import funding_warnings

    if path is not None and not (path.parent / FUNDING_FILE).is_file():
        return []
    funding = load_funding(guide, path)
    counts = [count_of(len(funding.schemes), "dispositif"), count_of(len(funding.routes), "voie")]
    print(f"Financements valides : {funding.source} — {', '.join(counts)}.")
    return funding_warnings(funding, plan_date())
