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
from itertools import pairwise

from reconversion.core.lazy_pattern import LazyPattern

NBSP = "\u00a0"
NNBSP = "\u202f"
_BULLETS = "•☐☑⚠☎→✗ℹ*-"  # une puce suivie d'un blanc : les lignes suivantes s'alignent après elle
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
_MONTH_NAMES = frozenset(_MONTHS.split("|"))
_OPTION_START = frozenset("abcdefghijklmnopqrstuvwxyz")
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


def squash_spaces(text: str) -> str:
    """Les blancs ordinaires (retours à la ligne du YAML compris) réduits à une espace ; les espaces
    insécables restent, pour que « 1 600 € » ne soit jamais coupé (`str.split()` les perdrait)."""
    if "\n" in text or "\t" in text or "\r" in text:
        text = text.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return " ".join(filter(None, text.split(" ")))  # les suites d'espaces, et celles des deux bouts, disparaissent


def french_spacing(text: str) -> str:
    """Les espaces ordinaires autour de « : ; ! ? « » » deviennent insécables (typographie française) :
    devant « : » suivi d'un blanc ou de la fin, devant « ; ! ? » suivis d'un blanc, de la fin ou de « » »."""
    text = tie_before(text, ":", NBSP, "")
    for mark in ";!?":
        text = tie_before(text, mark, NNBSP, "»")
    return text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


def tie_before(text: str, mark: str, space: str, enders: str) -> str:
    """Chaque espace ordinaire devant `mark` qui finit un mot (suivi d'un blanc, de la fin du texte ou d'un
    caractère de `enders`) devient `space`.

    Découper le texte sur « espace + signe » plutôt que chercher avec une expression régulière : une
    recherche de sous-chaîne en C, puis une boucle sur les seuls signes trouvés (sur un grand plan, l'expression
    essayait chaque espace du texte ; au lancement de `start`, elle coûtait sa compilation).
    """
    pieces = text.split(" " + mark)
    if len(pieces) == 1:
        return text
    out = [pieces[0]]
    for piece in pieces[1:]:
        # Un morceau vide : le signe est suivi d'une autre « espace + signe », ou de la fin du texte.
        ends = not piece or piece[0].isspace() or piece[0] in enders
        out.append((space if ends else " ") + mark + piece)
    return "".join(out)


def without_colors(text: str) -> str:
    """Le texte sans ses codes de couleur (SGR : ESC [ chiffres et « ; » puis « m »), sans expression
    régulière à compiler au lancement."""
    pieces = text.split("\x1b[")
    out = [pieces[0]]
    for piece in pieces[1:]:
        body = piece.lstrip("0123456789;")
        out.append(body[1:] if body.startswith("m") else "\x1b[" + piece)
    return "".join(out)


def visible_width(text: str) -> int:
    """La largeur à l'écran : sans les codes de couleur, les caractères larges (CJK, emoji) comptant double."""
    plain = without_colors(text) if "\x1b" in text else text
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
        body = glue_words(body)
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


def glue_words(text: str) -> str:
    """`text` où chaque espace qui suit un mot de `GLUED` (un nombre, un mois, une option) devient `_JOINED`.

    La même règle que l'expression `(?<!\\S)GLUED` (qui reste celle de rich, dans `adapters/screen/terminal.py`,
    et la référence de tests/test_text_spacing.py), mot par mot : elle coûtait ≈ 2,5 M d'instructions à
    compiler au lancement de `start`.
    """
    words = text.split(" ")
    out = [words[0]]
    for word, following in pairwise(words):
        out.append(_JOINED if _glued(word, following) else " ")
        out.append(following)
    return "".join(out)


def _glued(word: str, following: str) -> bool:
    if not word or not following or following[0].isspace() or word[-1].isspace():
        return False
    token = word.split()[-1]  # le mot commence après le dernier blanc (une espace insécable…)
    number = token[1:] if token[0] in "(«" else token
    if number == "1er" or (
        number[:1].isdecimal() and number[-1].isdecimal() and all(c.isdecimal() or c in ".," for c in number)
    ):
        return True
    if token in _MONTH_NAMES:
        return following[0].isdecimal()
    if token[0] == "-":
        name = token[2:] if token.startswith("--") else token[1:]
        return name[:1] in _OPTION_START and all(c.isalnum() or c in "_-" for c in name[1:]) and following[0] != "-"
    return False


def hanging_indent(line: str) -> str:
    """Le retrait des lignes suivantes : celui de la première, puce comprise (« • », « 1. », « ☐ »)."""
    plain = without_colors(line) if "\x1b" in line else line
    return " " * visible_width(_lead(plain))


def _lead(line: str) -> str:
    """Les blancs de tête, puis une puce (« • », « ☐ », « - »…) ou un numéro (« 12. », « 3) ») suivis d'un
    blanc. Écrit à la main : l'expression équivalente, `^(\\s*(?:[•☐☑⚠☎→✗ℹ*-]\\s|\\d{1,3}[.)]\\s)?)`,
    coûtait ≈ 2 M d'instructions à compiler au lancement de `start` (tests/test_text_spacing.py la garde
    comme référence)."""
    start = len(line) - len(line.lstrip())
    rest = line[start:]
    if len(rest) >= 2 and rest[0] in _BULLETS and rest[1].isspace():
        return line[: start + 2]
    digits = 0
    while digits < len(rest) and rest[digits].isdecimal():
        digits += 1
    if 1 <= digits <= 3 and rest[digits : digits + 1] in (".", ")") and rest[digits + 1 : digits + 2].isspace():
        return line[: start + digits + 2]
    return line[:start]


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
