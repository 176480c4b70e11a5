"""Écrire un export : dans un fichier (atomiquement, sans écraser sans --force) ou à l'écran (`-o -`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from reconversion.errors import UsageError

STDOUT = "-"

OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Fichier à écrire (« - » pour l'afficher dans le terminal)."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe déjà.")]


def deliver(text: str, output: str | None, default_name: str, *, force: bool, private: bool = True) -> Path | None:
    """Écrit le texte et rend son chemin, ou l'affiche si `-o -` (et rend None).

    `private` : lisible par la personne seule (0600) ; le livre du guide, sans donnée personnelle, en 0644.
    """
    from reconversion.adapters.storage.files import write_atomic

    if output == STDOUT:
        from reconversion.adapters.screen.terminal import json_safe, write_data

        write_data(json_safe(text) if default_name.endswith(".json") else text)
        return None
    if output is not None and not output.strip():
        raise UsageError("Nom de fichier vide après -o : donne un nom, ou -o - pour afficher le résultat.")
    path = Path(output).expanduser() if output else Path.cwd() / default_name
    if path.is_dir() and not path.is_symlink():
        raise UsageError(
            f"{path} est un dossier : donne un nom de fichier avec -o, par exemple -o {path / default_name}."
        )
    write_atomic(path, text, overwrite=force, mode=0o600 if private else 0o644)
    return path
