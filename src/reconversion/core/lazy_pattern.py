"""Une expression régulière compilée à sa première utilisation, pas à l'import du module.

Compiler une grande expression coûte une fraction de milliseconde ; au démarrage de `status`,
une dizaine d'entre elles, dont la plupart ne servent pas, pèsent sur le temps de réponse.
"""

from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """Comme `re.compile(pattern, flags)`, compilée au premier appel de l'une de ses méthodes."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._pattern, self._flags)
        return getattr(compiled, name)
