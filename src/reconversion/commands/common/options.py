"""Ce que partagent toutes les commandes : leurs options communes (profil, guide, JSON…) et la
façon d'écrire une commande à relancer pour le bon profil, définies une seule fois."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

T = TypeVar("T")

ProfileOption = Annotated[
    str,
    typer.Option("--profile", "-p", envvar="RECONVERSION_PROFILE", help="Nom du profil (un carnet séparé par profil)."),
]
GuideOption = Annotated[
    Path | None,
    typer.Option("--guide", help="Utiliser un autre guide YAML que celui livré avec l'outil."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Sortie JSON (format décrit dans le README).")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Ne pas demander de confirmation.")]
DueOption = Annotated[
    str | None,
    typer.Option(
        "--due", help="Échéance : 15/09/2027, 1er septembre 2027, demain, +10j, +3s ou +2m (« aucune » pour l'enlever)."
    ),
]
StepIdOption = Annotated[str | None, typer.Option("--step", help="L'étape du guide à laquelle la rattacher (son id).")]


def inherit(ctx: typer.Context, name: str, value: T) -> T:
    """Une option donnée avant la sous-commande (« actions --profile perso add … ») vaut pour elle."""
    parent = ctx.parent
    if parent is None or _source(ctx, name) not in ("DEFAULT", None):
        return value
    if _source(parent, name) == "COMMANDLINE":
        return parent.params.get(name, value)  # type: ignore[no-any-return]
    return value


def _source(ctx: Any, name: str) -> str | None:  # typer.Context, ou le contexte parent (click)
    """D'où vient la valeur d'une option (ligne de commande, variable d'environnement, défaut)."""
    source = ctx.get_parameter_source(name)
    return source.name if source is not None else None
