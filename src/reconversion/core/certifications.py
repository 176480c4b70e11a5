"""Les certifications du RNCP et du RS : niveaux, état, remplacements, sans rien lire ni afficher.

Pur. Les données arrivent déjà lues (voir `adapters/certifications/rncp_store.py`) ; ce module dit ce
qu'elles veulent dire pour la personne : « niveau 5 (bac+2) », « expirée le 31 août 2023 »,
« remplacée par RNCP38000 », lesquelles sont à son niveau. Le format de l'export est décrit
dans `docs/certifications-format.md`.
"""

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from reconversion.core.dates import french_date
from reconversion.core.lazy_pattern import LazyPattern
from reconversion.core.text_safety import clean_label

if TYPE_CHECKING:
    from reconversion.core.schemas import CertificationJson, ChosenCertificationJson, MetierCertificationsJson

# Les niveaux du cadre national des certifications professionnelles (décret n° 2019-14 du
# 8 janvier 2019), dits comme l'Insee les définit : ce qu'ils valent en années d'études.
LEVEL_MEANINGS: Final = {
    3: "CAP, BEP",
    4: "bac",
    5: "bac+2",
    6: "bac+3 ou bac+4",
    7: "bac+5",
    8: "doctorat",
}
LEVELS: Final = tuple(LEVEL_MEANINGS)
RNCP, RS = "RNCP", "RS"
FRANCE_VAE_URL: Final = "https://vae.gouv.fr"
SEARCH_URL: Final = "https://www.francecompetences.fr/recherche_certificationprofessionnelle/"
DOWNLOAD_URL: Final = (
    "https://www.data.gouv.fr/fr/datasets/"
    "repertoire-national-des-certifications-professionnelles-et-repertoire-specifique/"
)
MAX_CHAIN = 50  # une chaîne de remplacements plus longue serait une boucle mal formée

_CODE = LazyPattern(r"^(RNCP|RS)\s*0*([0-9]{1,6})$", re.IGNORECASE)
_LEVEL = LazyPattern(r"^NIV\s*([0-9])$", re.IGNORECASE)
_FRENCH_DATE = LazyPattern(r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$")

State = Literal["active", "expired", "inactive"]
ACTIVE: Final = "active"
EXPIRED: Final = "expired"
INACTIVE: Final = "inactive"
STATE_LABELS: Final[Mapping[str, str]] = {ACTIVE: "active", EXPIRED: "expirée", INACTIVE: "inactive"}


class Summary(NamedTuple):
    """Une certification en une ligne : ce que `jobs show` et le plan en montrent."""

    code: str
    title: str
    level: int | None
    vae: bool
    active: bool  # `Actif` = ACTIVE dans l'export (voir `state` pour la date de fin)
    end: dt.date | None
    successor: str | None = None  # le bout de la chaîne de remplacements, s'il y en a une


@functools.lru_cache(maxsize=65536)  # chaque numéro revient dans chaque table de l'import
def normalize_code(text: str) -> str | None:
    """« rncp 34692 », « RNCP34692 » → « RNCP34692 » ; « RS5063 » → « RS5063 » ; sinon None."""
    match = _CODE.match(text.strip())
    if not match:
        return None
    return f"{match.group(1).upper()}{int(match.group(2))}"


def kind_of(code: str) -> str:
    """RNCP ou RS, d'après le numéro de fiche."""
    return RS if code.startswith(RS) else RNCP


def official_url(code: str) -> str:
    """La fiche sur le site de France compétences (`…/recherche/rncp/34692/`)."""
    kind = kind_of(code)
    return f"https://www.francecompetences.fr/recherche/{kind.lower()}/{code[len(kind) :]}/"


def parse_level(raw: str) -> int | None:
    """`NIV3` à `NIV8` → 3 à 8 ; toute autre valeur (vide, `NIV1`, `NIVEAU V`) → None : on ne devine pas."""
    match = _LEVEL.match(clean_label(raw))
    if not match:
        return None
    level = int(match.group(1))
    return level if level in LEVEL_MEANINGS else None


def level_text(level: int | None) -> str:
    """« niveau 5 (bac+2) », ou « niveau non précisé »."""
    if level is None:
        return "niveau non précisé"
    return f"niveau {level} ({LEVEL_MEANINGS[level]})"


def parse_date(raw: str) -> dt.date | None:
    """`31/08/2023` ou `2023-08-31` → la date ; vide → None ; `ValueError` si ce n'est pas une date."""
    text = raw.strip()
    if not text:
        return None
    match = _FRENCH_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def folded(text: str) -> str:
    """Sans accents ni majuscules, pour comparer des noms de fichiers, de colonnes ou de voies d'accès."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@functools.lru_cache(maxsize=256)
def is_vae_route(route: str) -> bool:
    """La voie d'accès « Par expérience » est la VAE (validation des acquis de l'expérience)."""
    return folded(clean_label(route)) in ("par experience", "par experience (vae)", "vae")


def state(active: bool, end: dt.date | None, today: dt.date) -> State:
    """Active, expirée (date de fin passée) ou inactive (retirée du répertoire)."""
    if not active:
        return INACTIVE
    if end is not None and end < today:
        return EXPIRED
    return ACTIVE


def state_text(active: bool, end: dt.date | None, today: dt.date) -> str:
    """« active jusqu'au 31 août 2028 », « expirée depuis le 31 août 2023 », « inactive »."""
    current = state(active, end, today)
    if current == ACTIVE:
        return f"active jusqu'au {french_date(end)}" if end else "active"
    if current == EXPIRED and end is not None:
        return f"expirée depuis le {french_date(end)}"
    return "inactive (retirée du répertoire)"


def replacement_chain(code: str, successors: Mapping[str, Sequence[str]]) -> list[str]:
    """Les fiches qui remplacent `code`, de proche en proche jusqu'au bout de la chaîne (sans `code`).

    Quand une fiche a plusieurs successeurs, on suit le plus petit numéro (ordre stable) ; une
    boucle arrête la chaîne là où elle revient sur ses pas.
    """
    chain: list[str] = []
    seen = {code}
    current = code
    while len(chain) < MAX_CHAIN:
        following = sorted(s for s in successors.get(current, ()) if s not in seen)
        if not following:
            break
        current = following[0]
        seen.add(current)
        chain.append(current)
    return chain


def by_level(items: Iterable[Summary]) -> list[tuple[int | None, list[Summary]]]:
    """Regroupées par niveau, du plus accessible au plus élevé ; « niveau non précisé » (le RS) à la fin."""
    groups: dict[int | None, list[Summary]] = {}
    for item in items:
        groups.setdefault(item.level, []).append(item)
    ordered = sorted(groups.items(), key=lambda pair: (pair[0] is None, pair[0] or 0))
    return [(level, sorted(group, key=lambda s: (not s.vae, folded(s.title), s.code))) for level, group in ordered]


def near_level(items: Iterable[Summary], person_level: int | None, spread: int = 1) -> list[Summary]:
    """Celles à portée : au niveau de la personne ou à `spread` niveaux près (toutes si son niveau est inconnu).

    Une certification sans niveau (le RS : habilitations, compétences transversales) est toujours
    à portée : elle ne demande pas de diplôme.
    """
    kept = []
    for item in items:
        if person_level is None or item.level is None or abs(item.level - person_level) <= spread:
            kept.append(item)
    return kept


NO_DIPLOMA_LEVEL = 2  # sans diplôme de niveau 3 : les certifications « à portée » commencent au niveau 3


def diploma_level(answer: object) -> int | None:
    """La réponse `diplome_niveau` (« niv5 », « aucun ») → le niveau européen (2 sans diplôme), ou None."""
    if not isinstance(answer, str):
        return None
    if answer.strip() == "aucun":
        return NO_DIPLOMA_LEVEL
    match = re.fullmatch(r"niv([3-8])", answer.strip())
    return int(match.group(1)) if match else None


SHOWN_FOR_METIER = 6  # au plus, par métier visé, dans l'assistant et le plan


def for_person(
    items: Iterable[Summary], person_level: int | None, experienced: Collection[str], today: dt.date
) -> tuple[list[Summary], list[str], int]:
    """Pour un métier visé : les certifications actives à portée de la personne, et celles par VAE.

    Rend (à portée, du niveau le plus proche au plus éloigné puis VAE d'abord ; les codes où la VAE
    est possible ET où l'expérience de la personne est en lien, c'est-à-dire dont un métier ROME est
    son métier actuel ; le nombre des autres actives, hors de portée).
    """
    active = [item for item in items if state(item.active, item.end, today) == ACTIVE]
    near = near_level(active, person_level)
    ranked = sorted(near, key=lambda item: _distance(item, person_level))
    vae = [item.code for item in ranked if item.vae and item.code in experienced]
    return ranked, vae, len(active) - len(near)


def _distance(item: Summary, person_level: int | None) -> tuple[int, bool, str, str]:
    """L'ordre « le plus à portée d'abord » : écart de niveau, VAE possible d'abord, intitulé, numéro.

    Sans niveau (le RS) : à portée, mais après celles du niveau exact de la personne.
    """
    if person_level is None:
        gap = 0
    elif item.level is None:
        gap = 1
    else:
        gap = abs(item.level - person_level)
    return (gap, not item.vae, folded(item.title), item.code)


SHOWN_FOR_CHOICE = 12  # au plus, dans la liste de la question « certification visée »


def to_offer(
    per_metier: Iterable[Iterable[Summary]], person_level: int | None, today: dt.date, limit: int = SHOWN_FOR_CHOICE
) -> list[Summary]:
    """Les certifications proposées pour la certification visée : actives, reliées aux métiers choisis.

    Sans doublon (une fiche peut mener à deux métiers choisis), les plus à portée de la personne
    d'abord (l'ordre de `for_person`), puis les `limit` premières : les autres restent à écrire.
    """
    seen: dict[str, Summary] = {}
    for items in per_metier:
        for item in items:
            if item.code not in seen and state(item.active, item.end, today) == ACTIVE:
                seen[item.code] = item
    return sorted(seen.values(), key=lambda item: _distance(item, person_level))[:limit]


def summary_text(item: "CertificationJson", *, with_level: bool = True) -> str:
    """« RNCP90001  Développeur web et web mobile — niveau 5 (bac+2), VAE possible, jusqu'au … »."""
    parts = []
    if with_level:
        parts.append(level_text(item["level"]) if item["level"] is not None else "sans niveau précisé")
    if item["vae"]:
        parts.append("VAE possible")
    end = ""
    if item["end"] is not None:
        day = french_date(item["end"])
        end = f", jusqu'au {day}" if item["active"] else f", finie le {day}"
    details = (", ".join(parts) + end).removeprefix(", ")
    text = f"{item['code']}  {item['title']} — {details}" if details else f"{item['code']}  {item['title']}"
    if not item["active"]:
        text += " (plus délivrée)"
    if item["replaced_by"]:
        text += f" → remplacée par {item['replaced_by']}"
    return text


class PlanCertifications(NamedTuple):
    """Les certifications du plan : à portée pour chaque métier visé, et celle que la personne vise.

    `imported` : l'export du RNCP est importé (sinon `by_metier` est vide et le plan dit comment
    l'avoir) ; `chosen` : la réponse `certification_visee`, complétée par l'export si c'est un
    numéro connu.
    """

    imported: bool = False
    by_metier: Mapping[str, "MetierCertificationsJson"] = {}
    chosen: "ChosenCertificationJson | None" = None


NO_CERTIFICATIONS: Final = PlanCertifications()
