"""Ce que partagent toutes les commandes : leurs options communes (profil, guide, JSON…) et la
façon d'écrire une commande à relancer pour le bon profil, définies une seule fois."""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from reconversion.core.profile_name import DEFAULT_PROFILE, profile_suffix

T = TypeVar("T")

ProfileOption = Annotated[
    str,
    typer.Option("--profile", "-p", envvar="RECONVERSION_PROFILE", help="Nom du profil (un carnet séparé par profil)."),
]
GuideOption = Annotated[
    Path | None,
    typer.Option("--guide", help="Utiliser un autre guide YAML que celui livré avec l'outil."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Sortie JSON (pour les scripts).")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Ne pas demander de confirmation.")]
DueOption = Annotated[
    str | None,
    typer.Option(
        "--due", help="Échéance : 15/09/2027, 1er septembre 2027, demain, +10j, +3s ou +2m (« aucune » pour l'enlever)."
    ),
]
StepIdOption = Annotated[str | None, typer.Option("--step", help="L'étape du guide à laquelle la rattacher (son id).")]


def hint(command: str, profile: str = DEFAULT_PROFILE) -> str:
    """La commande à taper pour continuer, avec `--profile` seulement s'il n'est pas celui par défaut."""
    suffix = profile_suffix(profile)
    return f"{program()} {command}{suffix}"


@cache
def program() -> str:
    """Le programme tel que la personne l'a lancé : « reconversion » s'il est trouvé dans le PATH.

    Après la commande d'installation du README, `reconversion` est dans `.venv/bin` sans que
    l'environnement soit activé : les conseils montrent alors le chemin tapé
    (`.venv/bin/reconversion`), pour qu'on puisse les recopier tels quels.
    """
    launched = sys.argv[0] if sys.argv else ""
    if Path(launched).stem != "reconversion" or os.sep not in launched:
        return "reconversion"
    real = os.path.realpath(launched)
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(folder or ".", Path(launched).name)
        if os.path.realpath(candidate) == real and os.access(candidate, os.X_OK):
            return "reconversion"
    return launched if " " not in launched else f"'{launched}'"


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
