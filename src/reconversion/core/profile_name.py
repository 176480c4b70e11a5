"""Le nom du profil par défaut, et la façon de le rappeler dans une commande, écrits une seule fois."""

from __future__ import annotations

DEFAULT_PROFILE = "defaut"


def profile_suffix(profile: str) -> str:
    """`--profile NOM` à ajouter à une commande, sauf pour le profil par défaut."""
    return "" if profile == DEFAULT_PROFILE else f" --profile {profile}"
