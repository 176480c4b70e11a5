"""Outil d'auteur : pose les espaces insécables qu'exige `test_typography.py` dans un fichier de contenu.

    python -m tests.typography_fix guide_data/guide.yaml

Seuls les textes sont touchés (mêmes nœuds que le test), directement dans le fichier source :
clés, identifiants, adresses, conditions et mise en forme restent tels quels. Quand l'espace à
rendre insécable tombe sur un retour à la ligne d'un bloc `>-`, les deux lignes sont jointes.
Refuse d'écrire si le sens d'un texte changerait (comparaison des valeurs, blancs mis à part).
Pas importé par le programme : c'est un outil pour les personnes qui écrivent le contenu.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml
from tests.test_typography import NBSP, NNBSP, UNITS, _texts, file_violations

_BLANK = r"(?:[ \u00a0\u202f]|\n[ \t]*)"  # un blanc, ou un retour à la ligne et son indentation
_FIXES = (
    (re.compile(rf"(?<=[^\s\u202f?!]){_BLANK}?(?=[;!?])"), NNBSP),
    (re.compile(rf"(?<=[^\s\u00a0]){_BLANK}?(?=:(?:\s|$|\"))"), NBSP),
    (re.compile(rf"«(?!\u00a0){_BLANK}?"), "«" + NBSP),
    (re.compile(rf"(?<=[^\s\u00a0]){_BLANK}?»"), NBSP + "»"),
    (re.compile(rf"(?<=\d){_BLANK}(?=(?:{'|'.join(UNITS)})(?!\w))", re.IGNORECASE), NBSP),
    (re.compile(rf"(?<=\d){_BLANK}(?=\d{{3}}(?!\d))"), NNBSP),
)
_URL = re.compile(r"https?://\S+")


def fix_raw(raw: str) -> str:
    """Le texte source d'un scalaire, corrigé (les adresses ne sont jamais modifiées)."""
    for pattern, replacement in _FIXES:
        urls = [m.span() for m in _URL.finditer(raw)]

        def substitute(match: re.Match[str], urls: list[tuple[int, int]] = urls, replacement: str = replacement) -> str:
            inside_url = any(start <= match.start() < end for start, end in urls)
            return match.group(0) if inside_url else replacement

        raw = pattern.sub(substitute, raw)
    return raw


def fix_source(source: str) -> str:
    """Tout le fichier, textes corrigés, du dernier au premier pour garder les positions."""
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    for node in sorted(_texts(root), key=lambda n: n.start_mark.index, reverse=True):
        start, end = node.start_mark.index, node.end_mark.index
        raw = source[start:end]
        if node.style in (">", "|"):
            indicator, _, body = raw.partition("\n")
            fixed = indicator + "\n" + fix_raw(body)
        else:
            fixed = fix_raw(raw)
        source = source[:start] + fixed + source[end:]
    return source


def _meaning(value: Any) -> Any:
    """Une valeur sans ses choix d'espaces, pour vérifier que la correction n'a rien changé d'autre."""
    if isinstance(value, str):
        text = re.sub(r"\s+", " ", value.replace(NBSP, " ").replace(NNBSP, " "))
        return re.sub(r" (?=[;:!?»])|(?<=«) ", "", text).strip()
    if isinstance(value, list):
        return [_meaning(item) for item in value]
    if isinstance(value, dict):
        return {key: _meaning(item) for key, item in value.items()}
    return value


def main(path: Path) -> int:
    before = path.read_text(encoding="utf-8")
    after = fix_source(before)
    if _meaning(yaml.safe_load(before)) != _meaning(yaml.safe_load(after)):
        print(f"{path} : la correction changerait un texte, rien n'est écrit.", file=sys.stderr)
        return 1
    path.write_text(after, encoding="utf-8")
    left = file_violations(path)
    print(f"{path} : {len(left)} faute(s) restante(s).")
    for line in left:
        print(line)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
