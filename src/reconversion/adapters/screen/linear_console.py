"""Une console rich dont le coût reste linéaire, même pour une ligne immense.

rich coupe une ligne trop large en lignes d'écran, puis redécoupe le texte obtenu en
recopiant à chaque fois tout ce qui reste (`Segment.split_and_crop_lines`) : pour un texte
de n caractères, le travail croît comme n² / largeur (un texte d'action de 4 Mio prenait
plus d'une minute). Au-delà de `LONG_LINE` caractères, la ligne est donc écrite telle
quelle (`soft_wrap`) et c'est le terminal qui la replie : même contenu, coût linéaire.
Importé seulement par les commandes qui affichent avec rich.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console

LONG_LINE = 2_000  # caractères : en dessous, rich coupe entre les mots (25 lignes de 80 colonnes au plus)


class LinearConsole(Console):
    """`Console` qui laisse le terminal replier les lignes de plus de `LONG_LINE` caractères."""

    def print(self, *objects: Any, **options: Any) -> None:  # type: ignore[override]
        if "soft_wrap" not in options and any(isinstance(o, str) and len(o) > LONG_LINE for o in objects):
            options["soft_wrap"] = True
        super().print(*objects, **options)
