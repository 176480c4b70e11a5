"""Trouve les fichiers de contenu livrés avec l'outil et charge le guide (validé, ou depuis le cache)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reconversion.adapters.content.content_cache import cached

if TYPE_CHECKING:
    from reconversion.core.model import Guide

GUIDE_FILE = "guide.yaml"


def data_dir() -> Path:
    """`guide_data/` : dans le paquet installé, ou à la racine du dépôt en développement."""
    package = Path(__file__).resolve().parents[2]  # src/reconversion (adapters/content/ en dessous)
    installed = package / "guide_data"
    if installed.is_dir():
        return installed
    return package.parents[1] / "guide_data"


def load(path: Path | None = None) -> Guide:
    """Le guide demandé (`--guide`), ou celui livré avec l'outil."""
    target = path if path is not None else data_dir() / GUIDE_FILE

    def build() -> Guide:
        from reconversion.core.guide_loader import load_guide  # PyYAML n'est importé qu'ici

        return load_guide(target, display_name=str(target))

    return cached("guide", target, build)
