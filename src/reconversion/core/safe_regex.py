"""Les expressions régulières des guides, vérifiées en temps linéaire (RE2).

Un guide peut fixer la forme d'une réponse (`validate: {pattern: …}`). Avec le moteur `re` de
Python, un motif comme `(a+)+$` fait exploser le temps de vérification (retour arrière
exponentiel) : l'assistant se fige à chaque touche et Ctrl-C n'agit plus. RE2 garantit un
temps proportionnel à la longueur du texte, quel que soit le motif ; les constructions qu'il
ne sait pas faire en temps linéaire (références arrière, assertions avant/arrière) sont
refusées par `guide validate`. Le module n'est importé que pour vérifier un motif.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


class PatternError(ValueError):
    """Un motif que RE2 refuse ; le message dit pourquoi, en français quand on le peut."""


@lru_cache(maxsize=64)
def compile_pattern(pattern: str) -> Any:
    """Le motif compilé par RE2 ; `PatternError` s'il est invalide ou non linéaire."""
    import re2

    options = re2.Options()
    options.log_errors = False  # sinon RE2 écrit ses propres messages (en anglais) sur stderr
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(
            f"{detail} (seules les expressions vérifiables en temps linéaire sont acceptées : "
            "pas de référence arrière comme \\1, ni d'assertion (?=…), (?!…), (?<=…))"
        ) from None


def full_match(pattern: str, text: str) -> bool:
    """Vrai si tout le texte a la forme du motif (le motif a déjà été validé avec le guide)."""
    return compile_pattern(pattern).fullmatch(text) is not None
