"""Écrire du texte dans un document Markdown sans qu'il puisse en changer la structure.

Le plan exporté contient du texte tapé par la personne (réponses libres, actions
personnelles) ou lu dans une sauvegarde importée : un prénom comme `<script>` ou
`[clic](javascript:…)` doit rester du texte, jamais devenir un titre, un lien, une image,
du HTML, une liste, une case à cocher, du code ou un tableau. On échappe donc, avec la
barre oblique inverse de CommonMark, chaque caractère qui pourrait ouvrir une construction
Markdown (et les extensions courantes de GitHub : tableaux, barré, liens nus, maths).

On n'échappe que le nécessaire, pour que le fichier reste lisible tel quel dans un éditeur.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from reconversion.core.model import Resource
from reconversion.core.text_safety import inert

# Toujours dangereux, où qu'ils soient : code, emphase, liens et images, HTML, tableaux,
# barré (GFM), maths (GitHub), et la barre oblique inverse elle-même.
_ALWAYS = frozenset("\\`*_[]<>|~$")
# Dangereux en début de ligne seulement : titres, citations, listes, soulignés setext.
_LINE_START = frozenset("#>-+=")
_ORDERED_MARKER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")  # « 1. » ou « 2) » suivis d'un blanc
_ENTITY = re.compile(r"&(#\d+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
# Liens nus reconnus par GitHub (« https://… », « www.… ») : on casse le motif reconnu.
_BARE_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):(?=//)")
_BARE_WWW = re.compile(r"\b([wW]{3})\.")
_SAFE_SCHEMES = ("https", "http")
# Blancs ordinaires seulement : les espaces insécables (U+00A0, U+202F) de la typographie française restent.
_BREAKING_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# Une expression plutôt que `str.translate` : sur du texte accentué, translate passe par un chemin
# lent (environ 6 µs par ligne, contre moins d'une µs ici quand rien n'est à échapper, le cas courant).
_ALWAYS_CHARS = re.compile("[" + re.escape("".join(sorted(_ALWAYS))) + "]")
_URL_CONTROLS = re.compile("[\x00-\x1f\x7f]")


def _backslashed(match: re.Match[str]) -> str:
    return "\\" + match.group(0)


def _escape_line(line: str) -> str:
    """Une ligne (sans retour à la ligne) rendue inerte : ni Markdown, ni caractère de contrôle."""
    # Le cas courant (texte imprimable, rien à échapper) ne passe que par des tests en C : `inert` rend
    # déjà un texte imprimable tel quel, et une recherche coûte moins qu'une substitution qui ne trouve rien.
    out = (line if line.isprintable() else inert(line)).strip()
    if _ALWAYS_CHARS.search(out) is not None:
        out = _ALWAYS_CHARS.sub(_backslashed, out)
    if "&" in out:
        out = _ENTITY.sub(lambda m: "\\" + m.group(0), out)
    if ":" in out:
        out = _BARE_SCHEME.sub(lambda m: m.group(1) + "\\:", out)
    if "." in out:
        out = _BARE_WWW.sub(lambda m: m.group(1) + "\\.", out)
    if out[:1] in _LINE_START:
        out = "\\" + out
    marker = _ORDERED_MARKER.match(out) if out[:1].isdecimal() else None  # \d : un chiffre décimal (Nd)
    if marker:
        out = marker.group(1) + "\\" + marker.group(2) + out[marker.end() :]
    return out


def escape_inline(text: object) -> str:
    """Un texte sur une seule ligne (titre, case à cocher, libellé) : les retours deviennent des espaces."""
    value = str(text)
    if "  " in value or not value.isprintable():  # sinon (le cas courant), aucun blanc à réduire
        value = _BREAKING_SPACES.sub(" ", value)
    return _escape_line(value.strip(" "))


def escape_lines(text: object) -> list[str]:
    """Un texte de plusieurs lignes : chaque ligne non vide, échappée (les lignes vides sont omises)."""
    return [_escape_line(line) for line in str(text).splitlines() if line.strip()]


def escape_block(text: object, indent: str = "") -> str:
    """Un texte de plusieurs lignes gardant ses retours à la ligne (sauts de ligne forcés `\\`).

    `indent` est ajouté devant chaque ligne après la première, pour rester dans un élément de liste.
    """
    lines = escape_lines(text)
    return ("\\\n" + indent).join(lines)


def safe_url(url: str) -> str | None:
    """L'adresse prête à mettre entre parenthèses, ou None si son schéma n'est pas http(s).

    Les guides n'acceptent déjà que https ; on revérifie ici pour qu'un guide modifié à la main
    ne puisse pas glisser un `javascript:` dans le plan.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    cleaned = url.strip()
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ("\\", "%5C")):
        cleaned = cleaned.replace(char, code)
    if _URL_CONTROLS.search(cleaned):  # une expression : pas une fonction Python par caractère de l'adresse
        return None
    return cleaned


def link(title: str, url: str) -> str:
    """`[titre](adresse)` ; le titre seul (inerte) si l'adresse n'est pas sûre."""
    target = safe_url(url)
    text = escape_inline(title)
    if target is None:
        return text
    return f"[{text}]({target})"


def resource_link(resource: Resource) -> str:
    """Le lien Markdown d'une ressource du guide, suivi de sa description s'il y en a une."""
    line = link(resource.title, resource.url)
    if resource.description:
        line += " — " + escape_inline(resource.description)
    return line
