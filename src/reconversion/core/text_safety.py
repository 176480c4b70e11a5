"""Ce qui rend un texte inerte à l'écran et dans les fichiers : une seule définition.

Un texte venu des données (saisie, sauvegarde importée, fichier du ROME, guide donné avec
--guide) ne doit rien pouvoir faire d'autre que s'afficher : ni séquence d'échappement
(ESC, CSI, OSC : titre de fenêtre, effacement, faux liens), ni caractère de contrôle C0 ou
C1 (cloche, retour arrière, NUL), ni inversion du sens d'écriture. `adapters/screen/terminal.py`
s'en sert pour tout ce qui s'affiche ; les rendus de fichiers (plan, agenda) aussi.
"""

from __future__ import annotations

import re
import unicodedata

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
# Contrôles C0 (sauf tabulation et fin de ligne), DEL, C1, et les caractères qui inversent le sens d'écriture
# (dont U+061C, la marque de lettre arabe).
_CONTROLS = LazyPattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Séparateurs de ligne et de paragraphe Unicode : certains terminaux et éditeurs passent à la ligne.
_SEPARATORS = LazyPattern("[\u2028\u2029]")
# Tout ce qui passe à la ligne dans une donnée qui doit tenir sur la sienne (nom, texte d'action…).
_LINE_BREAKS = LazyPattern("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
LINE_BREAK_MARK = " ↵ "
_SURROGATES = LazyPattern("[\ud800-\udfff]")
# Tout ce que les trois expressions ci-dessus retirent ou remplacent commence par l'un de ces caractères.
_ANY_DANGER = LazyPattern(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ud800-\udfff]"
)


def _harmless_blanks_only(value: str) -> bool:
    """Vrai quand ce qui rend `value` non imprimable (`str.isprintable`) n'est que tabulations et espaces
    insécables (typographie française : « : », « ? ») : rien à retirer ni à remplacer. Quelques
    `str.replace` évitent de compiler `_ANY_DANGER` et `_LINE_BREAKS` (≈ 6 M d'instructions au lancement
    de `start`, dont l'accueil et l'aide ont de ces espaces)."""
    return value.replace("\u00a0", "").replace("\u202f", "").replace("\t", "").isprintable()


def inert(text: object) -> str:
    """Le texte sans rien qui puisse piloter un terminal ; les fins de ligne et tabulations restent."""
    value = str(text)
    if value.isprintable() or _harmless_blanks_only(value.replace("\n", "")) or _ANY_DANGER.search(value) is None:
        return value  # le cas courant (espaces insécables, fins de ligne) : aucune substitution
    value = _ESCAPES.sub("", value)
    value = _SEPARATORS.sub(" ", value)
    value = _CONTROLS.sub("", value)
    return _SURROGATES.sub("\ufffd", value)


def one_line(text: object) -> str:
    """Une donnée qui tient sur sa ligne : chaque passage à la ligne qu'elle contient devient « ↵ ».

    Un nom de contact « Awa⏎☎ Relance URGENTE… » importé d'une sauvegarde ne peut donc pas
    fabriquer une ligne qui ressemble à celles de l'outil ; le texte reste lisible, et entier.
    """
    value = str(text)
    if value.isprintable() or _harmless_blanks_only(value):
        return value
    return inert(_LINE_BREAKS.sub(LINE_BREAK_MARK, value))


# Un libellé d'un export importé : les C1 sont des restes d'un autre encodage (« l\x92'étranger » dans le
# ROME v460), retirés ; les autres contrôles et les séparateurs Unicode deviennent des espaces.
_LABEL_C1 = LazyPattern("[\x80-\x9f]")
_LABEL_CONTROLS = LazyPattern("[\x00-\x1f\x7f\u2028\u2029]")


def clean_label(text: str) -> str:
    """Un libellé d'un export importé (ROME, certifications) sur une ligne, aux apostrophes simples.

    Les exports viennent d'Internet : leurs textes ne doivent rien pouvoir faire d'autre que
    s'afficher. Certains doublent les apostrophes (« l''entretien ») ; les accents décomposés sont
    recomposés (NFC), pour que l'écran et la recherche les voient pareil. Appelé pour chaque champ
    d'un import : les étapes inutiles sont sautées (un champ est presque toujours déjà propre).
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _LABEL_C1.search(text):
        text = _LABEL_C1.sub("", text)
    if "''" in text:
        text = text.replace("''", "'")
    if _LABEL_CONTROLS.search(text):
        text = _LABEL_CONTROLS.sub(" ", text)
    return " ".join(text.split())
