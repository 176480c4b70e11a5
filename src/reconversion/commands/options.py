"""Ce que partagent toutes les commandes : leurs options communes (profil, guide, JSON…) et la
façon d'écrire une commande à relancer pour le bon profil, définies une seule fois."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

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
    typer.Option("--due", help="Échéance : 15/09/2027, 2027-09-15, +10j ou +3s (« aucune » pour l'enlever)."),
]
StepIdOption = Annotated[str | None, typer.Option("--step", help="L'étape du guide à laquelle la rattacher (son id).")]


def hint(command: str, profile: str) -> str:
    """La commande à taper pour continuer, avec `--profile` seulement s'il n'est pas celui par défaut."""
    suffix = "" if profile == "defaut" else f" --profile {profile}"
    return f"reconversion {command}{suffix}"
