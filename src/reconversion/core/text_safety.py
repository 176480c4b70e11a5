"""Ce qui rend un texte inerte à l'écran et dans les fichiers : une seule définition.

Un texte venu des données (saisie, sauvegarde importée, fichier du ROME, guide donné avec
--guide) ne doit rien pouvoir faire d'autre que s'afficher : ni séquence d'échappement
(ESC, CSI, OSC : titre de fenêtre, effacement, faux liens), ni caractère de contrôle C0 ou
C1 (cloche, retour arrière, NUL), ni inversion du sens d'écriture. `adapters/screen/terminal.py`
s'en sert pour tout ce qui s'affiche ; les rendus de fichiers (plan, agenda) aussi.
"""

from __future__ import annotations

import re

from reconversion.core.lazy_pattern import LazyPattern

_ESCAPES = LazyPattern(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]              # CSI : couleurs, déplacements, effacement
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?   # OSC : titre de fenêtre, liens hypertextes
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?      # DCS, SOS, PM, APC
    | \x1b.?                             # tout autre ESC et le caractère qui le suit
    | \u009b[0-?]*[ -/]*[@-~]            # CSI sur 8 bits
    | \u009d[^\x07\u009c]*[\x07\u009c]?  # OSC sur 8 bits
    """,
    re.VERBOSE | re.DOTALL,
)
# Contrôles C0 (sauf tabulation et fin de ligne), DEL, C1, et les caractères qui inversent le sens d'écriture.
_CONTROLS = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SURROGATES = LazyPattern("[\ud800-\udfff]")
# Tout ce que les trois expressions ci-dessus retirent ou remplacent commence par l'un de ces caractères.
_ANY_DANGER = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def inert(text: object) -> str:
    """Le texte sans rien qui puisse piloter un terminal ; les fins de ligne et tabulations restent."""
    value = str(text)
    if value.isprintable() or _ANY_DANGER.search(value) is None:  # le cas courant (espaces insécables, fins
        return value  # de ligne) : une seule recherche, aucune substitution
    value = _ESCAPES.sub("", value)
    value = _CONTROLS.sub("", value)
    return _SURROGATES.sub("\ufffd", value)
