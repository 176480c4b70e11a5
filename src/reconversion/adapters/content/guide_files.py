"""Trouve les fichiers de contenu livrés avec l'outil et charge le guide (validé, ou depuis le cache)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reconversion.adapters.content.content_cache import cached

if TYPE_CHECKING:
    from reconversion.core.funding_model import Funding as FundingData
    from reconversion.core.model import Guide

GUIDE_FILE = "guide.yaml"


def data_dir() -> Path:
    """`guide_data/` : dans le paquet installé, ou à la racine du dépôt en développement."""
    package = Path(__file__).resolve().parents[2]  # src/reconversion (adapters/content/ en dessous)
    installed = package / "guide_data"
    if installed.is_dir():
        return installed
    return package.parents[1] / "guide_data"


def guide_file(path: Path | None = None) -> Path:
    """Le guide demandé (`--guide`), ou celui livré avec l'outil."""
    return path if path is not None else data_dir() / GUIDE_FILE


def load(path: Path | None = None) -> Guide:
    """Le guide validé (`guide_file`), relu du cache quand il est à jour."""
    target = guide_file(path)

    def build() -> Guide:
        from reconversion.core.guide_loader import load_guide  # PyYAML n'est importé qu'ici

        return load_guide(target, display_name=str(target))

    return cached("guide", target, build)


def freshness_dates(path: Path | None = None) -> tuple[str | None, str | None]:
    """Le jour où le guide a été vérifié et la plus proche échéance de ses règles (`core.sourcing`), rangés
    à part dans le cache : `--version` les dit sans relire tout le guide (≈ 40 M d'instructions de moins)."""
    target = guide_file(path)

    def build() -> tuple[str | None, str | None]:
        from reconversion.core.sourcing import first_expiry

        guide = load(path)
        return guide.checked, first_expiry(guide)

    return cached("fraicheur", target, build)


FUNDING_FILE = "financement.yaml"


def load_funding(guide: Guide, guide_path: Path | None = None) -> FundingData:
    """Le fichier des financements, validé face au guide (ou relu depuis le cache) : à côté d'un guide
    donné (`--guide`) s'il y en a un, sinon celui livré avec l'outil."""

    target = data_dir() / FUNDING_FILE
    if guide_path is not None and (guide_path.parent / FUNDING_FILE).is_file():
        target = guide_path.parent / FUNDING_FILE

    def build() -> FundingData:
        from reconversion.core.funding_loader import load_funding as parse  # PyYAML n'est importé qu'ici

        return parse(target, guide, display_name=str(target))

    depends_on = Path(guide.source) if guide.source else None  # sa validation dépend du guide
    return cached("funding", target, build, also=depends_on)
