"""Les options communes des commandes (profil, guide, JSON…), définies une seule fois."""

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
