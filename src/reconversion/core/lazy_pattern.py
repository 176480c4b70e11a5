"""Une expression régulière compilée à sa première utilisation, pas à l'import du module.

Compiler une grande expression coûte une fraction de milliseconde ; au démarrage de `status`,
une dizaine d'entre elles, dont la plupart ne servent pas, pèsent sur le temps de réponse.
"""

from __future__ import annotations

import re
from collections.abc import Callable


class LazyPattern:
    """Comme `re.compile(pattern, flags)`, compilée au premier usage (`sub`, `match`, `search`…)."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(string, pos)

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.search(string, pos)

    def fullmatch(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos)
