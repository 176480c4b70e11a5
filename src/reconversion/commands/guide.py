"""`reconversion guide validate` et `reconversion guide export` : vérifier un guide, ou l'exporter en livre.

`validate` liste tous les problèmes d'un guide YAML (FICHIER:LIGNE:COL) et les sources à revérifier ;
`export` vit avec les autres exports (`commands/export.py`) et n'est rattaché ici qu'au groupe.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from reconversion.commands.common.profile_access import load_guide
from reconversion.commands.export import guide_export
from reconversion.core.french_count import count_of

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
    if warnings:
        heading = f"{count_of(len(warnings), 'source')} à revérifier (avertissement, le guide reste valide) :"
        print(heading, file=sys.stderr)
        for line in warnings:
            print(line, file=sys.stderr)


guide_app.command("export")(guide_export)
