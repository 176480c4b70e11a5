"""Un peu de couleur dans le terminal, sans rich : `status` doit rester instantané.

Importer rich coûte à lui seul plus du tiers du temps d'import de typer ; pour quelques mots
en gras ou en couleur, les codes ANSI suffisent. Pas de couleur quand la sortie n'est pas un
terminal, quand `NO_COLOR` est défini (https://no-color.org) ou avec `TERM=dumb`.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34"}


class Style:
    """`style("texte", "bold", "red")` : le texte entouré de codes ANSI, si la couleur est permise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *names: str) -> str:
        if not self.enabled or not names:
            return text
        codes = ";".join(_CODES[name] for name in names)
        return f"\x1b[{codes}m{text}\x1b[0m"


def style_for(stream: TextIO | None = None) -> Style:
    """Couleurs seulement vers un terminal, sauf `NO_COLOR` (jamais), `TERM=dumb` (jamais) ou
    `FORCE_COLOR` (toujours, même dans un tube) : les conventions que rich suit aussi."""
    return Style(colour_enabled(stream or sys.stdout))


def colour_enabled(stream: TextIO) -> bool:
    from reconversion.adapters.screen.terminal import simple_mode

    if simple_mode() or os.environ.get("NO_COLOR"):  # le mode simple (`start --simple`) : jamais
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty() and os.environ.get("TERM") != "dumb"
