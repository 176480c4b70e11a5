"""Le texte tel qu'un lecteur d'écran doit le lire (mode simple) : des mots, pas des symboles.

Une synthèse vocale lit « ☐ » « case vide », « → » « flèche droite », « salarié·es »
« salarié point es ». En mode simple, tout ce qui s'affiche passe par `spoken` (à la couture
du terminal) : les symboles deviennent des mots ou disparaissent, l'écriture inclusive à point
médian est dite en entier (« salarié ou salariée »), une adresse web est raccourcie et lisible
(`short_url`). Pur : du texte en entrée, du texte en sortie.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote_plus, urlsplit

from reconversion.core.lazy_pattern import LazyPattern

# Les symboles en tête de ligne (après un éventuel retrait) et leur lecture.
_LEADING = {
    "☐": "À faire :",
    "☑": "Fait :",
    "✓": "Fait :",
    "✔": "Fait :",
    "⚠": "Attention :",
    "☎": "Relance :",
    "✗": "Attention :",
    "ℹ": "Aide :",
    "•": "",
    "→": "",
    "🔎": "",
    "↩": "",
    "–": "",
}
# Le symbole peut suivre les balises de style de rich (« [yellow]⚠ … », « [red][bold]⚠ … »).
_LEAD = LazyPattern(r"^([ \t]*(?:\[/?[a-z ]+\])*)([☐☑✓✔⚠☎✗ℹ•→🔎↩–])\ufe0f?[ \t\u00a0]*", re.MULTILINE)
_INLINE = LazyPattern(r"(?<=\s)([☐☑✓✔⚠☎✗ℹ•🔎↩])\ufe0f?[ \t\u00a0]+")
_ARROW = LazyPattern(r"\s*[→⇒]\s*")
_DROPPED = LazyPattern(r"[ \t]*[◆★█░▓▒│┃║─━═╭╮╯╰┌┐└┘]+")
_SEPARATOR = LazyPattern(r"\s+·\s+")
_INCLUSIVE = LazyPattern(r"\b(\w+)·(\w+)(?:·(s))?\b")
# Les groupes que la règle mot à mot rend lourds à l'oreille, et leur forme dite.
# « Agent·e public·que » donnait « Agent ou agente public ou publique ».
_PHRASES = LazyPattern(r"\b([Aa])gent·e public·que\b")
_PHRASE_SAID = r"\1gent ou agente de la fonction publique"
_URL = LazyPattern(r"https?://[^\s)»\[\]]+")
_UNDERSTOOD = LazyPattern(r"^([ \t]*)= (?=\w)", re.MULTILINE)  # la date comprise : « = lundi 21 décembre »


def spoken(text: str) -> str:
    """Le texte sans symbole à épeler : « ☐ Appeler » → « À faire : Appeler », « ami·es » → « amis ou amies »."""
    if text.isascii() and "://" not in text and "= " not in text:
        return text
    text = _LEAD.sub(lambda m: m.group(1) + (_LEADING[m.group(2)] + " " if _LEADING[m.group(2)] else ""), text)
    text = _INLINE.sub(lambda m: _LEADING[m.group(1)].lower() + (" " if _LEADING[m.group(1)] else ""), text)
    text = _ARROW.sub(" : ", text) if ("→" in text or "⇒" in text) else text
    text = _UNDERSTOOD.sub(r"\1Soit le ", text) if "= " in text else text  # « égal lundi » se lit mal
    text = _DROPPED.sub("", text)
    text = _SEPARATOR.sub(", ", text)
    if "·" in text:
        text = _PHRASES.sub(_PHRASE_SAID, text)
        text = _INCLUSIVE.sub(_both_forms, text)
    if "://" in text:  # une adresse encodée (« %C3%A9 ») ne se lit pas : courte et décodée
        text = _URL.sub(lambda m: short_url(m.group()), text)
    return text


def _both_forms(match: re.Match[str]) -> str:
    """« Demandeur·euse » → « Demandeur ou demandeuse » ; « ami·es » → « amis ou amies »."""
    base, suffix = match.group(1), match.group(2) + (match.group(3) or "")
    plural = suffix.endswith("s") and not base.endswith("s")
    masculine = base + ("s" if plural else "")
    feminine = _feminine(base, suffix)
    return f"{masculine} ou {feminine[:1].lower() + feminine[1:]}"


def _feminine(base: str, suffix: str) -> str:
    plain = _bare(base)
    if plain.endswith("eur") and suffix.startswith("rice"):  # directeur·rice
        return base[:-3] + suffix
    if plain.endswith("eur") and suffix.startswith("euse"):  # demandeur·euse
        return base[:-3] + suffix
    if plain.endswith("er") and _bare(suffix).startswith("ere"):  # conseiller·ère
        return base[:-2] + suffix
    if plain.endswith("f") and suffix.startswith("ve"):  # sportif·ve
        return base[:-1] + suffix
    if plain.endswith("c") and suffix.startswith("que"):  # public·que
        return base[:-1] + suffix
    if plain.endswith("x") and suffix.startswith("se"):  # heureux·se
        return base[:-1] + suffix
    if plain.endswith("et") and suffix == "e":  # concret·e, complet·e
        return base[:-2] + "ète"
    return base + suffix  # salarié·e, ancien·nes, professionnel·les, ami·es


def _bare(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def short_url(url: str) -> str:
    """Une adresse à lire : sans « https:// » ni « www. », décodée (« quoi=Développeur web »), sans « / » final."""
    try:
        parts = urlsplit(url)
    except ValueError:  # une adresse mal formée : telle quelle plutôt qu'une erreur
        return url
    host = parts.netloc.removeprefix("www.")
    path = unquote_plus(parts.path).rstrip("/")
    query = f"?{unquote_plus(parts.query)}" if parts.query else ""
    return f"{host}{path}{query}" if host else url


_ENCODED_LETTERS = LazyPattern(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def readable_url(url: str) -> str:
    """L'adresse à montrer : les lettres accentuées décodées (« quoi=Développeur+web »), le reste intact.

    Seuls les octets UTF-8 non ASCII sont décodés : un navigateur les réencode de lui-même quand on colle
    l'adresse, donc le lien recopié marche encore ; « %26 », « %2B » ou « %20 » gardent leur sens et restent
    écrits tels quels. Un décodage qui donnerait un caractère invisible ou une espace est laissé encodé.
    """

    def letters(match: re.Match[str]) -> str:
        try:
            text = bytes.fromhex(match.group(0).replace("%", "")).decode("utf-8")
        except ValueError:
            return match.group(0)
        if any(unicodedata.category(c)[0] in "CZ" for c in text):
            return match.group(0)
        return text

    if "%" not in url:
        return url
    return _ENCODED_LETTERS.sub(letters, url)
