"""Une console rich dont le coût reste linéaire, même pour une ligne immense.

rich coupe une ligne trop large en lignes d'écran, puis redécoupe le texte obtenu en
recopiant à chaque fois tout ce qui reste (`Segment.split_and_crop_lines`) : pour un texte
de n caractères, le travail croît comme n² / largeur (un texte d'action de 4 Mio prenait
plus d'une minute). Au-delà de `LONG_LINE` caractères, la ligne est donc écrite telle
quelle (`soft_wrap`) et c'est le terminal qui la replie : même contenu, coût linéaire.
Importé seulement par les commandes qui affichent avec rich.

Une ligne de texte seule est coupée comme celles de la couture (`core.text_wrap`) : entre les mots,
les lignes suivantes en retrait sous leur puce, et un mot plus long que la ligne (une adresse, une
commande conseillée) entier sur sa propre ligne — replié par le terminal, jamais coupé par rich
(« …evolution-profe » / « ssionnelle-cep »), pour qu'on le recopie tel quel.
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
        elif len(objects) == 1 and isinstance(objects[0], str) and set(options) <= {"style"}:
            print_wrapped(self, objects[0], options.get("style"))
            return
        super().print(*objects, **options)


def print_wrapped(console: Console, markup: str, style: Any = None) -> None:
    """Le balisage rendu par la console, coupé aux endroits que choisit `text_wrap.line_pieces`, styles gardés."""
    from rich.text import Text

    from reconversion.core.text_wrap import line_pieces

    if len(markup) > LONG_LINE:
        Console.print(console, markup, style=style, soft_wrap=True)
        return
    rendered = console.render_str(markup, style=style or "")
    for line in rendered.split("\n", allow_blank=True):
        for start, end, indent in line_pieces(line.plain, console.width):
            Console.print(console, Text(indent) + line[start:end], soft_wrap=True)
