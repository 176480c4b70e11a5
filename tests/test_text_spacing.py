"""La mise en page du terminal (`french_spacing`, `squash_spaces`, le retrait des puces, les codes de couleur)
écrite sans expression régulière, dont la compilation pesait sur la première question de `start` :
chaque fonction comparée à sa définition en expressions régulières, sur des milliers de textes tirés au sort."""

from __future__ import annotations

import random
import re

import pytest

from reconversion.core.text_wrap import french_spacing, squash_spaces

ALPHABET = [" ", " ", ":", ";", "!", "?", "»", "«", "*", ")", "a", "é", "\n", "\r", "\t", "\u00a0", "\u202f"]


def texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14))) for _ in range(4000)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ta situation : salarié·e ?", "Ta situation\u00a0: salarié·e\u202f?"),
        ("« Agent·e public·que »", "«\u00a0Agent·e public·que\u00a0»"),
        ("10 h 30 : rendez-vous", "10 h 30\u00a0: rendez-vous"),
        ("https://exemple.fr :8080", "https://exemple.fr :8080"),  # « : » collé à la suite : pas une ponctuation
        ("Vraiment ?» fin", "Vraiment\u202f?» fin"),
        ("rien à changer", "rien à changer"),
    ],
)
def test_french_spacing_ties_what_french_ties(text: str, expected: str) -> None:
    assert french_spacing(text) == expected


def test_french_spacing_agrees_with_its_regular_expression_definition() -> None:
    reference = [
        (re.compile(r" (?=:(?:\s|$))"), "\u00a0"),
        (re.compile(r" (?=[;!?](?:\s|$|»))"), "\u202f"),
        (re.compile("« "), "«\u00a0"),
        (re.compile(" »"), "\u00a0»"),
    ]
    for text in texts(7):
        expected = text
        for pattern, replacement in reference:
            expected = pattern.sub(replacement, expected)
        assert french_spacing(text) == expected, repr(text)


def test_squash_spaces_agrees_with_its_regular_expression_definition() -> None:
    ordinary = re.compile(r"[ \t\r\n]+")
    for text in texts(8):
        assert squash_spaces(text) == ordinary.sub(" ", text).strip(" "), repr(text)
    assert squash_spaces("  1\u00a0600 €\n  par  mois ") == "1\u00a0600 € par mois"  # l'insécable reste


def test_hanging_indent_agrees_with_its_regular_expression_definition() -> None:
    from reconversion.core.text_wrap import hanging_indent, visible_width

    pattern = re.compile(r"^(\s*(?:[•☐☑⚠☎→✗ℹ*-]\s|\d{1,3}[.)]\s)?)")
    rng = random.Random(9)
    alphabet = [" ", " ", "\u00a0", "\t", "•", "☐", "ℹ", "-", "*", "1", "2", "٣", "²", ".", ")", "a", "é"]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9))) for _ in range(5000)]
    samples += ["  • puce", "12. douze", "1234. trop", "3) trois", "☐ case", "\x1b[1m• gras\x1b[0m"]
    for line in samples:
        lead = pattern.match(re.sub(r"\x1b\[[0-9;]*m", "", line))
        assert lead is not None
        assert hanging_indent(line) == " " * visible_width(lead.group(1)), repr(line)


def test_without_colors_agrees_with_its_regular_expression_definition() -> None:
    from reconversion.core.text_wrap import without_colors

    sgr = re.compile(r"\x1b\[[0-9;]*m")
    rng = random.Random(10)
    alphabet = ["\x1b", "[", "\x1b[", "1", ";", "m", "a", " ", "é"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert without_colors(text) == sgr.sub("", text), repr(text)


def test_glue_words_agrees_with_the_glued_expression() -> None:
    from reconversion.core.text_wrap import _JOINED, GLUED, glue_words

    glued = re.compile(rf"(?<!\S){GLUED}")
    rng = random.Random(11)
    alphabet = [
        " ", " ", " ", "\u00a0", "1", "2", "٣", ".", ",", "(", "«", "1er", "mars", "décembre", "-", "--",
        "f", "x", "_", "é", "é", "h", "€", "\ue000",
    ]  # fmt: skip
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10))) for _ in range(20000)]
    samples += ["le 6 décembre 2026 à 10 h", "--due +7j -f json", "(12 mois) 1 600 € « 3 actions »", "1er mars"]
    for text in samples:
        expected = glued.sub(lambda match: match.group(0)[:-1] + _JOINED, text)
        assert glue_words(text) == expected, repr(text)
