"""Compétences transférables : ce qu'un métier apporte vers un autre, sur les compétences du ROME 4.0.

Règles (expliquées aussi dans le README, pour que chacun·e puisse refaire le calcul) :

- **Les compétences d'une fiche** : ses savoir-faire, savoir-être et savoirs dans le ROME
  importé (les contextes de travail, comme « travail le samedi », n'en font pas partie).
- **Comparer DE et VERS** : chaque compétence de VERS est soit **déjà acquise** (la fiche DE
  la demande aussi, même code ROME `code_ogr`), soit **à acquérir**. Les deux listes se
  partagent exactement les compétences de VERS. La **couverture** est la part des compétences
  de VERS déjà acquises (0 à 1). Les diplômes, titres et habilitations que le ROME range parmi
  les savoirs n'en sont pas : ce sont des voies d'accès, montrées à part (`is_route`).
- **Passerelles depuis DE** : toutes les autres fiches qui partagent au moins une compétence
  avec DE, classées par couverture décroissante ; à couverture égale, le plus de compétences
  partagées d'abord, puis les mobilités proposées par le ROME, puis le code.

Pur : les données arrivent déjà lues (voir `adapters/rome/rome_store.py`).
"""

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from reconversion.core.french_count import count_of
from reconversion.core.search import normalize

if TYPE_CHECKING:
    from reconversion.core.model import Guide
    from reconversion.core.schemas import SkillJson

SAVOIR_FAIRE = "savoir-faire"
SAVOIR_ETRE = "savoir-être"
SAVOIR = "savoir"
KINDS = (SAVOIR_FAIRE, SAVOIR_ETRE, SAVOIR)
RIASEC_LETTERS = "RIASEC"
KIND_TITLES = {SAVOIR_FAIRE: "Savoir-faire", SAVOIR_ETRE: "Savoir-être professionnels", SAVOIR: "Savoirs"}


class Skill(NamedTuple):
    """Un élément de compétence du ROME : `code` est son `code_ogr` ; `group`, sa macro-compétence ou catégorie."""

    code: str
    label: str
    kind: str
    group: str = ""


# La catégorie de savoirs du ROME qui liste diplômes, titres et habilitations (« Diplôme d'État
# d'assistant de service social », « DUT … », « CACES ») : des voies d'accès, souvent au choix
# (« l'un de ces diplômes »), jamais des compétences à cumuler. Elles ne comptent ni dans les
# compétences à acquérir ni dans la couverture ; elles sont montrées une fois, à part (revue S3).
ROUTES_GROUP = "Certifications et habilitations"


def is_route(skill: Skill) -> bool:
    """Un diplôme, un titre ou une habilitation cité par le ROME : une voie d'accès, pas une compétence."""
    return skill.kind == SAVOIR and normalize(skill.group) == normalize(ROUTES_GROUP)


class Comparison(NamedTuple):
    """Les compétences de VERS, partagées en deux : déjà acquises par DE, et à acquérir.

    `routes` : les diplômes, titres et habilitations que le ROME cite pour VERS, à part (voir `is_route`).
    """

    shared: tuple[Skill, ...]
    to_acquire: tuple[Skill, ...]
    routes: tuple[Skill, ...] = ()

    @property
    def total(self) -> int:
        return len(self.shared) + len(self.to_acquire)

    @property
    def coverage(self) -> float:
        """La part des compétences de VERS déjà acquises (0.0 si VERS n'en liste aucune)."""
        return len(self.shared) / self.total if self.total else 0.0


class Candidate(NamedTuple):
    """Une fiche vue depuis DE : combien de ses `total` compétences DE partage (`shared`)."""

    code: str
    title: str
    riasec: str
    shared: int
    total: int


class Bridge(NamedTuple):
    """Une passerelle classée : couverture, et si le ROME la propose aussi comme mobilité."""

    code: str
    title: str
    riasec: str
    shared: int
    total: int
    coverage: float
    mobilite: bool


def held_words(held: int, total: int) -> str:
    """« 1 compétence sur 40 déjà acquise », « 12 compétences sur 40 déjà acquises » : accordé au nombre acquis."""
    return count_of(held, f"compétence sur {total} déjà acquise", f"compétences sur {total} déjà acquises")


def sort_key(skill: Skill) -> tuple[int, str, str, str]:
    """Savoir-faire, puis savoir-être, puis savoirs ; par groupe, puis par libellé (sans accents)."""
    rank = KINDS.index(skill.kind) if skill.kind in KINDS else len(KINDS)
    return (rank, normalize(skill.group), normalize(skill.label), skill.code)


def compare(held: Iterable[Skill], wanted: Iterable[Skill]) -> Comparison:
    """Partage les compétences de VERS (`wanted`) selon qu'elles figurent ou non dans celles de DE (`held`)."""
    held_codes = {skill.code for skill in held}
    unique = {skill.code: skill for skill in wanted}
    ordered = sorted(unique.values(), key=sort_key)
    counted = [s for s in ordered if not is_route(s)]
    return Comparison(
        tuple(s for s in counted if s.code in held_codes),
        tuple(s for s in counted if s.code not in held_codes),
        tuple(s for s in ordered if is_route(s)),
    )


def grouped(skills: Sequence[Skill]) -> list[tuple[str, str, list[Skill]]]:
    """Les compétences rangées par (genre, groupe), dans l'ordre de `sort_key`."""
    result: list[tuple[str, str, list[Skill]]] = []
    for skill in sorted(skills, key=sort_key):
        if result and result[-1][0] == skill.kind and result[-1][1] == skill.group:
            result[-1][2].append(skill)
        else:
            result.append((skill.kind, skill.group, [skill]))
    return result


def rank_bridges(
    source: str,
    candidates: Iterable[Candidate],
    mobilites: Collection[str],
    *,
    letters: str = "",
    domain: str = "",
    limit: int | None = None,
) -> list[Bridge]:
    """Les passerelles depuis `source`, classées (voir le docstring du module).

    `letters` garde les fiches dont la lettre RIASEC majeure en fait partie ; `domain`, celles
    dont le code commence ainsi (« J » pour un grand domaine, « J15 » pour un domaine professionnel).
    """
    result = []
    for candidate in candidates:
        if candidate.code == source or candidate.shared <= 0 or candidate.total <= 0:
            continue
        if letters and (not candidate.riasec or candidate.riasec[0] not in letters):
            continue
        if domain and not candidate.code.startswith(domain):
            continue
        coverage = min(candidate.shared, candidate.total) / candidate.total
        result.append(Bridge(*candidate, coverage=coverage, mobilite=candidate.code in mobilites))
    result.sort(key=lambda b: (-b.coverage, -b.shared, not b.mobilite, b.code))
    return result if limit is None else result[:limit]


def skill_dict(skill: Skill) -> "SkillJson":
    """La forme JSON d'une compétence (`jobs compare --json`)."""
    return {"code": skill.code, "label": skill.label, "kind": skill.kind, "group": skill.group}


# --- le métier actuel épinglé, l'écran « Se former » et le plan ----------------------------------

TRAINING_LINKS = 3
_TRAINING_ORDER = ("Certifications et habilitations",)


def pinned_code(guide: "Guide", answers: Mapping[str, Any]) -> str | None:
    """Le métier actuel rattaché à une fiche ROME : la réponse à une question `select` + `choices_from: metiers`."""
    from reconversion.core.engine import effective_answers
    from reconversion.core.question_types import kind_of

    effective = effective_answers(guide, answers)
    for question in guide.questions:
        if question.choices_from == "metiers" and not kind_of(question).many:
            value = effective.get(question.id)
            if isinstance(value, str) and value:
                return value
    return None


def training_links(to_acquire: Iterable[Mapping[str, str]], limit: int = TRAINING_LINKS) -> list[dict[str, str]]:
    """Des recherches de formations France Travail sur les compétences à acquérir.

    Les certifications d'abord (« Diplôme d'État d'infirmier »), puis les autres savoirs, puis
    les savoir-faire ; jamais les savoir-être, qui ne s'apprennent pas en formation.
    """
    from urllib.parse import quote_plus

    from reconversion.core.catalogue import FT_TRAINING_URL, search_words

    def rank(item: Mapping[str, str]) -> int:
        if item["kind"] == SAVOIR:
            return 0 if item.get("group") in _TRAINING_ORDER else 1
        return 2

    wanted = sorted((i for i in to_acquire if i["kind"] in (SAVOIR, SAVOIR_FAIRE)), key=rank)
    links: list[dict[str, str]] = []
    for item in wanted:
        words = search_words(item["label"])
        if words and all(link["words"] != words for link in links):
            links.append({"words": words})
        if len(links) == limit:
            break
    return [
        {
            "label": f"Formations « {link['words']} » (France Travail)",
            "url": FT_TRAINING_URL.format(words=quote_plus(link["words"])),
            "hint": "",
        }
        for link in links
    ]


def with_skills(
    summaries: Sequence[Mapping[str, Any]], comparisons: Mapping[str, Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Les métiers visés (`catalogue.metier_summaries`), avec leurs compétences vues depuis le métier actuel.

    `comparisons` : par code visé, le rapport de `jobs compare` (métier actuel → métier visé).
    Ajoute `skills` (`from`, `from_title`, `coverage`, `held`, `to_develop`) et des liens de
    recherche de formations construits sur les compétences à acquérir.
    """
    result = []
    for summary in summaries:
        item = dict(summary)
        report = comparisons.get(str(summary["code"]))
        if report is not None and (report["shared"] or report["to_acquire"]):  # sans compétence : rien à dire
            item["skills"] = {
                "from": report["from"],
                "from_title": report["from_title"],
                "coverage": report["coverage"],
                "held": list(report["shared"]),
                "to_develop": list(report["to_acquire"]),
                "routes": list(report.get("routes", [])),
            }
            item["links"] = [*summary.get("links", []), *training_links(report["to_acquire"])]
        result.append(item)
    return result
