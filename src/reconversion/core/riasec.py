"""Le test d'intérêts RIASEC : scores, code de Holland et métiers dont les lettres correspondent.

Les règles sont fixes et expliquées dans le README, pour que chacun·e puisse refaire le calcul :

- **Score d'une dimension** : la moyenne des notes (1 à 5) données à ses activités. La
  moyenne plutôt que la somme garde des scores comparables quand une dimension compte plus
  d'activités qu'une autre, ou quand le test est en cours.
- **Code de Holland** : les trois dimensions au score le plus haut, seulement quand le
  test est complet. En cas d'égalité, passe devant la dimension qui a le plus d'activités
  notées au maximum (« j'aimerais beaucoup ») : un vrai coup de cœur dit plus qu'une
  moyenne. Si l'égalité persiste, l'ordre fixe R, I, A, S, E, C décide.
- **Métiers proches** : chaque lettre du métier rapporte (3, 2 ou 1 selon qu'elle est ta
  1re, 2e ou 3e lettre) × (2 pour la lettre majeure du métier, 1 pour sa lettre mineure).
  Le maximum, 8, revient au métier « SE » pour le code « SEC ». Les métiers sans aucun
  point sont écartés ; à points égaux, l'ordre alphabétique du titre (sans accents), puis
  le code, décide.
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from reconversion.core.catalogue import FICHE_URL, RIASEC, Catalogue, InterestTest, Metier

if TYPE_CHECKING:
    from reconversion.core.schemas import InterestsSummary

CODE_LENGTH = 3
_PERSON_WEIGHTS = (3, 2, 1)
_METIER_WEIGHTS = (2, 1)


class DimensionScore(NamedTuple):
    """Les notes d'une dimension : combien d'activités notées, leur somme, les notes maximales."""

    code: str
    answered: int
    items: int
    total: int
    top_count: int

    @property
    def mean(self) -> float | None:
        """La moyenne des notes. Deux moyennes égales en fractions (10/4 et 5/2) donnent exactement
        le même flottant (la division est correctement arrondie) : pas d'égalité faussée ici."""
        return self.total / self.answered if self.answered else None


class InterestResult(NamedTuple):
    answered: int
    total: int
    dimensions: tuple[DimensionScore, ...]
    code: str | None

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.answered >= self.total

    def scores(self) -> dict[str, float | None]:
        """Les moyennes arrondies au centième (None : aucune activité notée dans la dimension)."""
        return {d.code: (round(float(d.mean), 2) if d.mean is not None else None) for d in self.dimensions}

    def summary(self) -> "InterestsSummary":
        """Le résumé pour `status --json` : {answered, total, complete, scores, code}."""
        return {
            "answered": self.answered,
            "total": self.total,
            "complete": self.complete,
            "scores": self.scores(),
            "code": self.code,
        }


class Suggestion(NamedTuple):
    metier: Metier
    points: int


def valid_answers(test: InterestTest, answers: Mapping[str, Any]) -> dict[str, int]:
    """Les réponses qui comptent : activités du test actuel, notes de l'échelle (le reste est ignoré)."""
    allowed = set(test.scale_values)
    known = {item.id for item in test.items}
    return {
        item_id: value
        for item_id, value in answers.items()
        if item_id in known and isinstance(value, int) and not isinstance(value, bool) and value in allowed
    }


def score(test: InterestTest, answers: Mapping[str, Any]) -> InterestResult:
    """Les scores des six dimensions, et le code de Holland quand toutes les activités sont notées."""
    valid = valid_answers(test, answers)
    top = max(test.scale_values)
    dimensions = []
    for code in RIASEC:
        items = [item for item in test.items if item.dimension == code]
        values = [valid[item.id] for item in items if item.id in valid]
        dimensions.append(DimensionScore(code, len(values), len(items), sum(values), values.count(top)))
    result = tuple(dimensions)
    complete = len(test.items) > 0 and len(valid) == len(test.items)
    return InterestResult(len(valid), len(test.items), result, holland_code(result) if complete else None)


def ranking(dimensions: tuple[DimensionScore, ...]) -> list[DimensionScore]:
    """Les dimensions de la plus forte à la plus faible, avec la règle d'égalité du module."""
    order = {c: i for i, c in enumerate(RIASEC)}
    return sorted(
        dimensions,
        key=lambda d: (-(d.mean if d.mean is not None else 0.0), -d.top_count, order[d.code]),
    )


# En dessous de cet écart entre la moyenne la plus haute et la plus basse, le profil est « plat » :
# un code tiré de scores presque égaux ne dirait rien de sûr (60 fois Entrée donne 3,0 partout).
FLAT_SPREAD = 0.5


class CodeDoubts(NamedTuple):
    """Ce qui rend un code incertain : scores plats, ou lettres à égalité autour du code."""

    flat: bool
    ties: tuple[tuple[str, ...], ...]  # chaque groupe de lettres à égalité qui touche le code

    @property
    def any(self) -> bool:
        return self.flat or bool(self.ties)


def code_doubts(result: InterestResult) -> CodeDoubts:
    """Dit si le code a été départagé par la règle d'égalité plutôt que par les notes."""
    means = [d for d in result.dimensions if d.mean is not None]
    if not result.code or not means:
        return CodeDoubts(False, ())
    values = [float(d.mean) for d in means if d.mean is not None]
    flat = max(values) - min(values) < FLAT_SPREAD
    groups: dict[float, list[str]] = {}
    for dimension in ranking(result.dimensions):
        if dimension.mean is not None:
            groups.setdefault(float(dimension.mean), []).append(dimension.code)
    ties = tuple(
        tuple(letters)
        for letters in groups.values()
        if len(letters) > 1 and any(letter in result.code for letter in letters)
    )
    return CodeDoubts(flat, ties)


def holland_code(dimensions: tuple[DimensionScore, ...], length: int = CODE_LENGTH) -> str:
    return "".join(d.code for d in ranking(dimensions)[:length])


def match_points(person_code: str, metier_riasec: str) -> int:
    """Les points d'un métier pour un code de Holland (voir la règle du module)."""
    points = 0
    for metier_position, letter in enumerate(metier_riasec[: len(_METIER_WEIGHTS)]):
        person_position = person_code.find(letter)
        if 0 <= person_position < len(_PERSON_WEIGHTS):
            points += _PERSON_WEIGHTS[person_position] * _METIER_WEIGHTS[metier_position]
    return points


def suggest_metiers(
    catalogue: Catalogue,
    interests: InterestResult | str | None,
    limit: int = 10,
) -> list[Suggestion]:
    """Les métiers du catalogue les plus proches d'un résultat (ou d'un code comme « SEC »).

    Sans résultat complet, rien à suggérer : on renvoie une liste vide (l'appelant propose
    alors la recherche par nom).
    """
    code = interests.code if isinstance(interests, InterestResult) else interests
    if not code or limit <= 0:
        return []
    scored = [Suggestion(m, match_points(code, m.riasec)) for m in catalogue.metiers]
    kept = sorted((s for s in scored if s.points > 0), key=lambda s: -s.points)
    if len(kept) > limit:  # seuls les ex æquo du dernier rang gardé comptent pour l'ordre des titres
        kept = [s for s in kept if s.points >= kept[limit - 1].points]
    from reconversion.core.search import normalize  # seulement pour suggérer : `status` n'en a pas besoin

    kept.sort(key=lambda s: (-s.points, normalize(s.metier.title), s.metier.code))
    return kept[:limit]


def results_report(
    test: InterestTest, result: InterestResult, suggestions: list[Suggestion], profile: str
) -> dict[str, Any]:
    """Les résultats en données simples (`interests --json`) : le résumé de `status`, plus le détail."""
    report: dict[str, Any] = {"profile": profile, **result.summary()}
    scores = result.scores()
    report["dimensions"] = [
        {
            "code": d.code,
            "name": test.dimension(d.code).name,
            "score": scores[d.code],
            "answered": d.answered,
            "items": d.items,
            "top_ratings": d.top_count,
        }
        for d in result.dimensions
    ]
    report["metiers"] = [
        {
            "code": s.metier.code,
            "title": s.metier.title,
            "riasec": s.metier.riasec,
            "points": s.points,
            "url": FICHE_URL.format(code=s.metier.code),
        }
        for s in suggestions
    ]
    doubts = code_doubts(result)
    report["flat"] = doubts.flat
    report["ties"] = ["".join(group) for group in doubts.ties]
    report["disclaimer"] = test.disclaimer
    return report


def results_markdown(test: InterestTest, result: InterestResult, suggestions: list[Suggestion]) -> str:
    """Le corps de la section « Tes intérêts » du plan : scores, code, métiers, avertissement."""
    from reconversion.core.markdown_text import escape_inline, link

    high = max(test.scale_values)
    lines = []
    if not result.complete:
        lines += [f"Test en cours : {result.answered} activités notées sur {result.total}.", ""]
    for dimension in result.dimensions:
        name = escape_inline(test.dimension(dimension.code).name)
        mean = dimension.mean
        value = f"{float(mean):.1f}".replace(".", ",") + f" sur {high}" if mean is not None else "pas encore noté"
        lines.append(f"- **{dimension.code} — {name}** : {value}")
    if result.code:
        names = ", ".join(escape_inline(test.dimension(letter).name) for letter in result.code)
        lines += ["", f"Ton code : **{result.code}** ({names})."]
    if suggestions:
        lines += ["", "Des métiers à explorer :", ""]
        for item in suggestions:
            url = FICHE_URL.format(code=item.metier.code)
            lines.append(f"- {link(item.metier.title, url)} ({item.metier.code}, {item.metier.riasec})")
    lines += ["", f"*{escape_inline(test.disclaimer)}*"]
    return "\n".join(lines)


def facts(test: InterestTest, answers: Mapping[str, Any]) -> dict[str, bool]:
    """Les faits du guide (`when: {fact: …}`) que donne le test d'intérêts : est-il terminé ?"""
    from reconversion.core.model import INTEREST_TEST_DONE

    return {INTEREST_TEST_DONE: len(valid_answers(test, answers)) == len(test.items)}
