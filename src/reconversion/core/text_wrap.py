"""Couper les lignes comme un texte français : entre les mots, jamais dans un mot ni avant « ? ».

Un terminal coupe une ligne trop longue au dernier caractère qui tient, au milieu d'un mot
(« 1er décemb / re »). Ici on coupe aux espaces ordinaires seulement : les espaces
insécables de la typographie française (U+00A0 avant « : » et dans « », U+202F avant
« ; ! ? ») collent ce qu'elles relient. `french_spacing` pose ces espaces dans un texte qui
ne les a pas (messages du programme), pour qu'aucune ligne ne commence par « ? » ou « » »
ni ne finisse par « « ». Les séquences de couleur (SGR) ne comptent pas dans la largeur.
"""

from __future__ import annotations

import unicodedata

from reconversion.core.lazy_pattern import LazyPattern

NBSP = "\u00a0"
NNBSP = "\u202f"
_SGR = LazyPattern(r"\x1b\[[0-9;]*m")
_BEFORE_COLON = LazyPattern(r" (?=:(?:\s|$))")
_BEFORE_PUNCT = LazyPattern(r" (?=[;!?](?:\s|$|»))")
_AFTER_OPEN = LazyPattern(r"« ")
_BEFORE_CLOSE = LazyPattern(r" »")
_HANGING = LazyPattern(r"^(\s*(?:[•☐☑⚠☎→✗ℹ*-]\s|\d{1,3}[.)]\s)?)")
_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
# Un mot suivi d'une espace qui ne se coupe pas, sans rien changer au texte : un nombre et ce qu'il
# compte (« 6 décembre », « 150 h », « 3 actions »), un mois et son année (« décembre 2026 »), une
# option et sa valeur (« --due +7j », « -f json »). Une espace insécable le ferait aussi, mais une commande
# recopiée depuis l'écran ne marcherait plus : le shell ne coupe pas à U+00A0.
GLUED = (
    r"(?:[(«]?(?:\d(?:[\d.,]*\d)?|1er)(?= \S)"
    rf"|(?:{_MONTHS})(?= \d)"
    r"|--?[a-z][\w-]*(?= [^\s-]))"
    " "
)
_GLUED = LazyPattern(rf"(?<!\S){GLUED}")
# Une commande conseillée (« .venv/bin/reconversion start --step bilan ») : jamais coupée, pour qu'on la
# recopie d'un coup ; elle s'arrête au premier mot de phrase (« pour », « puis »…) ou à une ponctuation.
_SUBCOMMANDS = (
    "start|status|reset|actions|experiences|contacts|export|calendrier|import|jobs|profiles|interests|guide"
    "|funding|certifications"
)
_PROSE = "pour|puis|et|ou|qui|avec|dans|sur|la|le|les|de|du|des|en|à|au|aux|si|tu|te|ton|ta|tes|un|une|ce|pas"
COMMAND = (
    rf"\S*reconversion (?:{_SUBCOMMANDS})\b"
    rf"(?: (?!(?:{_PROSE})\b|[A-ZÀ-Ý][a-zà-ÿ'’])(?:--?[a-z][\w-]*|[\w+/=-](?:[\w.+/=-]*[\w+/=-])?)(?=[\s),»;:.]|$))*"
)
_COMMAND = LazyPattern(rf"(?<![^\s«(]){COMMAND}")
_JOINED = "\ue000"  # le temps de couper : une espace collée (caractère à usage privé, absent des textes)


_ORDINARY_SPACES = LazyPattern(r"[ \t\r\n]+")


def squash_spaces(text: str) -> str:
    """Les blancs ordinaires (retours à la ligne du YAML compris) réduits à une espace ; les espaces
    insécables restent, pour que « 1 600 € » ne soit jamais coupé (`str.split()` les perdrait)."""
    return _ORDINARY_SPACES.sub(" ", text).strip(" ")


def french_spacing(text: str) -> str:
    """Les espaces ordinaires autour de « : ; ! ? « » » deviennent insécables (typographie française)."""
    if ":" not in text and ";" not in text and "!" not in text and "?" not in text and "«" not in text:
        return text
    text = _BEFORE_COLON.sub(NBSP, text)
    text = _BEFORE_PUNCT.sub(NNBSP, text)
    text = _AFTER_OPEN.sub("«" + NBSP, text)
    return _BEFORE_CLOSE.sub(NBSP + "»", text)


def visible_width(text: str) -> int:
    """La largeur à l'écran : sans les codes de couleur, les caractères larges (CJK, emoji) comptant double."""
    plain = _SGR.sub("", text)
    if plain.isascii():
        return len(plain)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in plain)


def wrap_line(line: str, width: int, start_column: int = 0) -> list[str]:
    """Une ligne logique en lignes d'écran de `width` colonnes au plus, coupées aux espaces ordinaires.

    Les lignes suivantes reprennent le retrait de la première (et de sa puce : « • », « 1. »…).
    Un mot plus long que la ligne (une adresse web) reste entier sur sa propre ligne.
    """
    if line.endswith(" "):  # une invite qui attend la réponse : une colonne pour sa première lettre (« [o/N] n »)
        width -= 1
    if width < 10 or start_column + visible_width(line) <= width:
        return [line]
    indent = hanging_indent(line) if start_column == 0 else ""
    body = line.lstrip(" ")
    margin = line[: len(line) - len(body)]  # le retrait de tête reste sur la première ligne
    glued = _JOINED not in body
    if glued:
        if "reconversion " in body:
            body = _COMMAND.sub(lambda match: match.group(0).replace(" ", _JOINED), body)
        body = _GLUED.sub(lambda match: match.group(0)[:-1] + _JOINED, body)
    words = body.split(" ")
    words[0] = margin + words[0]
    lines: list[str] = []
    current = ""
    used = start_column
    for word in words:
        size = visible_width(word)
        if not current:
            current, used = word, used + size
            continue
        if used + 1 + size <= width:
            current += " " + word
            used += 1 + size
            continue
        lines.append(current)
        current = indent + word
        used = len(indent) + size
    lines.append(current)
    return [text.replace(_JOINED, " ") for text in lines] if glued else lines


def hanging_indent(line: str) -> str:
    """Le retrait des lignes suivantes : celui de la première, puce comprise (« • », « 1. », « ☐ »)."""
    lead = _HANGING.match(_SGR.sub("", line))
    return " " * visible_width(lead.group(1)) if lead else ""


def line_pieces(line: str, width: int) -> list[tuple[int, int, str]]:
    """Où couper une ligne sans codes de couleur (`wrap_line`) : (début, fin, retrait) de chaque ligne
    d'écran, pour couper un texte mis en forme (rich) aux mêmes endroits sans perdre ses styles."""
    wrapped = wrap_line(line, width)
    indent = hanging_indent(line) if len(wrapped) > 1 else ""
    pieces: list[tuple[int, int, str]] = []
    start = 0
    for number, text in enumerate(wrapped):
        prefix = indent if number else ""
        end = start + len(text) - len(prefix)
        pieces.append((start, end, prefix))
        start = end + 1  # l'espace où la ligne a été coupée
    return pieces


def wrap_text(text: str, width: int, start_column: int = 0) -> tuple[str, int]:
    """Tout un texte (plusieurs lignes) coupé à `width` ; renvoie aussi la colonne où il s'arrête."""
    out: list[str] = []
    column = start_column
    parts = text.split("\n")
    for index, part in enumerate(parts):
        wrapped = wrap_line(part, width, column) if part else [part]
        out.append("\n".join(wrapped))
        if index < len(parts) - 1:
            column = 0
        else:
            last = wrapped[-1]
            column = (column if len(wrapped) == 1 else 0) + visible_width(last)
    return "\n".join(out), column
