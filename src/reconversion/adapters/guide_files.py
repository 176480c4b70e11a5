"""Trouve les fichiers de contenu livrés avec l'outil (guide, métiers, test d'intérêts)."""

from __future__ import annotations

from pathlib import Path

from reconversion.core.guide_loader import load_guide
from reconversion.core.model import Guide

GUIDE_FILE = "guide.yaml"


def data_dir() -> Path:
    """`guide_data/` : dans le paquet installé, ou à la racine du dépôt en développement."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "guide_data"
    if installed.is_dir():
        return installed
    return package.parents[1] / "guide_data"


def load(path: Path | None = None) -> Guide:
    """Le guide demandé (`--guide`), ou celui livré avec l'outil."""
    if path is not None:
        return load_guide(path)
    builtin = data_dir() / GUIDE_FILE
    return load_guide(builtin, display_name=str(builtin))
