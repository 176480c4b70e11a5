"""Les accents que le ROME retire aux capitales : « Electricien » redevient « Électricien ».

Les fichiers du ROME écrivent les capitales sans accent (« Educateur », « Etudes »,
« Second oeuvre ») alors que le reste du libellé est accentué. Une règle d'orthographe, sans
liste de métiers : en français, un mot qui commence par « e » suivi d'une seule consonne (ou
de « ch », « th », « ph », d'une consonne et de « l » ou « r ») puis d'une voyelle s'écrit
« é » (« éducateur », « électricien », « établir », « éplucheur ») ; devant deux consonnes,
« x », « m » ou « n » suivis d'une consonne, il reste « e » (« enseignant », « esthéticien »,
« employé », « expert », « ergothérapeute »). Vérifié sur tous les libellés du ROME v460 :
seuls les mots anglais de `_KEPT` et « Etre » échappaient à la règle. Les mots où « oe » se lie
en « œ » sont énumérés (« oeuvre » oui, « moellon » non).
"""

from __future__ import annotations

import re

from reconversion.core.lazy_pattern import LazyPattern

_ONSET = r"(?:ch|th|ph|[bcdfgptv][lr]|[bcdfgjlmnpqrstvz])"
_VOWEL = "[aeiouyéèêëàâîïôûù]"
_CAPITAL_E = LazyPattern(rf"(?<![\w'’-])E(?={_ONSET}{_VOWEL})(\w*)")
_KEPT = frozenset({"Energy", "Ethereum", "Event", "Events"})  # des mots anglais des libellés
_SPECIAL = {"Etre": "Être"}
_LIGATURE_WORDS = (
    "oeuvre|oeuvres|manoeuvre|manoeuvres|manoeuvrer|coeur|coeurs|soeur|soeurs|oeil|oeillet|oeillets|"
    "oeuf|oeufs|noeud|noeuds|voeu|voeux|boeuf|boeufs|oenologie|oenologue|oenologues|foetal|foetale"
)
_LIGATURE = LazyPattern(rf"\b(?:{_LIGATURE_WORDS})\b", re.IGNORECASE)


def with_accents(label: str) -> str:
    """Le libellé avec ses capitales accentuées et ses « œ » ; inchangé s'il n'en a pas besoin."""
    if "E" in label:
        label = _CAPITAL_E.sub(_accented, label)
    if "oe" in label or "Oe" in label:
        label = _LIGATURE.sub(_ligature, label)
    return label


def _accented(match: re.Match[str]) -> str:
    word = match.group(0)
    if word in _KEPT or not word[1:].islower():  # un sigle (« EPI », « ESAT ») garde ses capitales
        return word
    return _SPECIAL.get(word, "É" + word[1:])


def _ligature(match: re.Match[str]) -> str:
    word = match.group(0)
    return word.replace("oe", "œ", 1).replace("Oe", "Œ", 1).replace("OE", "Œ", 1)
