"""La règle des sources : quel texte du guide énonce un fait qui doit être sourcé, et quelles sources sont à revérifier.

Un guide de reconversion vieillit vite (montants revalorisés chaque 1er janvier, décrets,
conditions d'âge) : tout texte qui donne un chiffre avec son unité, une date ou un article de
loi doit dire d'où il vient et quand on l'a vérifié. La règle vit ici, en un seul endroit ;
`docs/guide-format.md` la décrit pour les auteurs et le chargeur (`guide_loader`) l'applique.
Pur : la date du jour est toujours passée en paramètre.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from reconversion.core.dates import MONTHS, french_date
from reconversion.core.lazy_pattern import LazyPattern

if TYPE_CHECKING:
    from reconversion.core import model

# Les unités qui font d'un nombre un montant, une durée ou un seuil (« 1 600 € », « 24 mois », « 2 SMIC »).
FACT_UNITS = (
    "€",
    "euros?",
    "%",
    "jours?",
    "semaines?",
    "mois",
    "ans",
    "an",
    "années?",
    "heures?",
    "h",
    "smic",
)
# Nombres écrits en lettres (« trois ans », « six mois ») ; « un » et « une » sont exclus, trop courants.
NUMBER_WORDS = (
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "quinze",
    "vingt",
    "trente",
    "soixante",
    "cent",
)
# Les blancs possibles entre un nombre et son unité : espace, espace insécable, espace fine insécable.
_BLANK = "[ \u00a0\u202f]"
_NUMBER = rf"(?:\d+(?:{_BLANK}\d{{3}})*(?:[,.]\d+)?|{'|'.join(NUMBER_WORDS)})"
_QUANTITY = rf"(?<![\w,.]){_NUMBER}{_BLANK}?(?:{'|'.join(FACT_UNITS)})(?!\w)"
_YEAR = r"(?<![\w,.])(?:19|20)\d{2}(?!\w)"
_DAY_MONTH = rf"(?<![\w,.])(?:1er|\d{{1,2}}){_BLANK}(?:{'|'.join(MONTHS)})(?!\w)"
_LEGAL_ARTICLE = r"(?<![\w-])[LRD]\.?[ \u00a0]?\d{3,4}-\d+(?:-\d+)*(?!\w)"
FACT_PATTERN = LazyPattern("|".join((_QUANTITY, _DAY_MONTH, _YEAR, _LEGAL_ARTICLE)), re.IGNORECASE)

# Une source vérifiée il y a plus de 12 mois est signalée (avertissement, pas erreur).
STALE_MONTHS = 12


def first_fact(text: str) -> str | None:
    """Le premier passage de `text` qui énonce un fait à sourcer (« 1 600 € », « 2026 »…), sinon None."""
    found = FACT_PATTERN.search(text)
    return found.group(0) if found else None


def stale_limit(today: dt.date) -> dt.date:
    """Le jour d'il y a 12 mois : une source vérifiée avant cette date est à revérifier."""
    try:
        return today.replace(year=today.year - STALE_MONTHS // 12)
    except ValueError:  # 29 février
        return today.replace(year=today.year - STALE_MONTHS // 12, day=28)


def all_sources(guide: model.Guide) -> Iterator[model.Source]:
    """Toutes les sources du guide, dans l'ordre du fichier (étapes, questions, actions, puis ressources)."""
    for step in guide.steps:
        yield from step.sources
        for question in step.questions:
            yield from question.sources
        for action in step.actions:
            yield from action.sources
    for resource in guide.resources.values():
        yield from resource.sources


def checked_age(source: model.Source, today: dt.date) -> str | None:
    """`"future"` si la source dit avoir été vérifiée après aujourd'hui, `"stale"` si elle l'a été il y a
    plus de 12 mois (à revérifier), None sinon : la règle du guide et du fichier des financements."""
    checked = dt.date.fromisoformat(source.checked)
    if checked > today:
        return "future"
    return "stale" if checked < stale_limit(today) else None


def source_warnings(guide: model.Guide, today: dt.date) -> list[str]:
    """Les sources à revérifier, une ligne `FICHIER:LIGNE:COL: chemin: message` chacune."""
    limit = stale_limit(today)
    warnings = []
    for source in all_sources(guide):
        age = checked_age(source, today)
        where = f"{guide.source}:{source.line}:{source.column}: {source.path}: "
        if age == "future":
            warnings.append(f"{where}date de vérification dans le futur ({source.checked}) : corrige-la")
        elif age == "stale":
            warnings.append(
                f"{where}source vérifiée le {source.checked}, il y a plus de {STALE_MONTHS} mois : "
                f"revérifie « {source.title} » ({source.url}) et mets à jour la date"
            )
        if source.valid_until and dt.date.fromisoformat(source.valid_until) < today:
            warnings.append(
                f"{where}règle valable jusqu'au {source.valid_until}, échue : revérifie « {source.title} » "
                f"({source.url}), corrige le texte puis la date valid_until"
            )
    if guide.checked and dt.date.fromisoformat(guide.checked) < limit:
        warnings.append(
            f"{guide.source}: checked: contenu vérifié le {guide.checked}, il y a plus de {STALE_MONTHS} mois : "
            "revérifie le guide et mets à jour la date"
        )
    return warnings


def is_stale(guide: model.Guide, today: dt.date) -> bool:
    """Vrai si une règle du guide est échue (`valid_until` passé) ou si le contenu a plus de 12 mois."""
    return dates_are_stale(guide.checked, first_expiry(guide), today)


def first_expiry(guide: model.Guide) -> str | None:
    """La plus proche des dates `valid_until` des sources du guide (AAAA-MM-JJ), ou None."""
    return min((s.valid_until for s in all_sources(guide) if s.valid_until), default=None)


def dates_are_stale(checked: str | None, expiry: str | None, today: dt.date) -> bool:
    """La règle de `is_stale` sur les deux seules dates dont elle dépend : `--version` la lit ainsi
    depuis le cache (`guide_files.freshness_dates`), sans charger tout le guide."""
    if checked and dt.date.fromisoformat(checked) < stale_limit(today):
        return True
    return expiry is not None and dt.date.fromisoformat(expiry) < today


def freshness_line(guide: model.Guide, today: dt.date) -> str:
    """« Contenu vérifié le 7 décembre 2026. », suivi d'une mise en garde quand le guide a vieilli ;
    vide si le guide ne dit pas quand il a été vérifié."""
    return freshness_text(guide.checked, first_expiry(guide), today)


def freshness_text(checked: str | None, expiry: str | None, today: dt.date) -> str:
    """`freshness_line` à partir des deux dates seulement (`--version`)."""
    if not checked:
        return ""
    line = f"Contenu vérifié le {french_date(checked)}."
    if dates_are_stale(checked, expiry, today):
        line += (
            " Certaines informations ont pu changer depuis (règle échue ou vérification de plus d'un an) :"
            " vérifie-les sur les sites officiels ou auprès d'un conseiller ou d'une conseillère."
        )
    return line


def unique_sources(sources: Iterable[model.Source]) -> list[model.Source]:
    """Les sources sans doublon (même adresse), dans leur ordre d'apparition."""
    seen: set[str] = set()
    result = []
    for source in sources:
        if source.url not in seen:
            seen.add(source.url)
            result.append(source)
    return result
