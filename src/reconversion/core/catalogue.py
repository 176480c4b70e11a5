"""Le catalogue des métiers (`metiers.yaml`) et le test d'intérêts (`interets.yaml`), validés.

Ce module définit les objets (sans PyYAML : relire un catalogue depuis le cache reste
rapide) ; la lecture et la validation des fichiers sont dans `catalogue_loader.py`.

Il fabrique aussi les liens d'une fiche métier. Pour Mon Compte Formation, on renvoie
vers la page d'accueil, avec les mots à taper : les adresses de recherche du site
(`/espace-prive/html/#/formation/recherche/resultats?q=<JSON>`) ne sont pas documentées,
passent par l'espace connecté et cassent sans prévenir ; l'accueil, lui, reste stable.
La recherche de formations de France Travail accepte `quoi=<mots>` (paramètre relevé,
non documenté) : s'il était un jour ignoré, le lien ouvrirait quand même la page de
recherche, ce qui reste utile.
"""

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple
from urllib.parse import quote_plus

from reconversion.core.french_count import count_of
from reconversion.core.lazy_pattern import LazyPattern
from reconversion.core.model import Source, compare_by_kind
from reconversion.errors import ReconversionError

RIASEC = "RIASEC"
CODE_PATTERN = LazyPattern(r"^[A-N][0-9]{4}$")
_PARENTHESES = LazyPattern(r"\([^)]*\)")

FICHE_URL = "https://candidat.francetravail.fr/metierscope/fiche-metier/{code}"
MCF_URL = "https://www.moncompteformation.gouv.fr"
FT_TRAINING_URL = "https://candidat.francetravail.fr/formations/recherche?quoi={words}"


class CatalogueError(ReconversionError):
    """Un fichier de contenu (métiers, test d'intérêts) invalide : une ligne par problème."""

    def __init__(self, what: str, problems: list[str]) -> None:
        self.problems = problems
        header = f"{what} contient {count_of(len(problems), 'problème')} :"
        super().__init__("\n".join([header, *problems]))


# --- le modèle -------------------------------------------------------------------------


class Metier(NamedTuple):
    """Une fiche du catalogue intégré (code, titre et lettres RIASEC du ROME officiel)."""

    code: str
    title: str
    riasec: str
    domain: str
    description: str
    access: tuple[str, ...]
    training_duration: str
    sources: tuple[Source, ...] = ()  # d'où viennent les voies d'accès réglementées (obligatoire, agrément…)


class Catalogue(NamedTuple):
    metiers: tuple[Metier, ...]
    source: str = ""
    domains: tuple[tuple[str, str], ...] = ()  # (lettre, nom) des grands domaines du ROME, clé `domaines`

    def domain_name(self, letter: str) -> str | None:
        """« Services à la personne et à la collectivité » pour « K » ; None si le catalogue ne le nomme pas."""
        return dict(self.domains).get(letter)

    def get(self, code: str) -> Metier | None:
        for metier in self.metiers:
            if metier.code == code:
                return metier
        return None

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(m.code for m in self.metiers)


class ScalePoint(NamedTuple):
    value: int
    label: str


class Dimension(NamedTuple):
    code: str
    name: str
    description: str


class Item(NamedTuple):
    id: str
    dimension: str
    text: str


class InterestTest(NamedTuple):
    """Le test d'intérêts : les activités à noter, l'échelle, les six dimensions RIASEC."""

    title: str
    intro: str
    disclaimer: str
    scale: tuple[ScalePoint, ...]
    dimensions: tuple[Dimension, ...]
    items: tuple[Item, ...]
    source: str = ""

    @property
    def scale_values(self) -> tuple[int, ...]:
        return tuple(point.value for point in self.scale)

    def dimension(self, code: str) -> Dimension:
        return next(d for d in self.dimensions if d.code == code)

    def label_for(self, value: int) -> str:
        return next((p.label for p in self.scale if p.value == value), str(value))


class Link(NamedTuple):
    """Un lien utile ; `hint` dit quoi y faire quand l'adresse ne suffit pas."""

    label: str
    url: str
    hint: str = ""


# Une activité du test n'est jamais égale à une dimension de mêmes valeurs (ni à un tuple).
compare_by_kind(Metier, Catalogue, ScalePoint, Dimension, Item, InterestTest, Link)


# --- les liens d'une fiche ---------------------------------------------------------------


def search_words(title: str) -> str:
    """Le titre au masculin seul et sans sigle entre parenthèses, pour une recherche de formations.

    « Conducteur / Conductrice d'engins agricoles » → « Conducteur d'engins agricoles » :
    on garde la première forme et la fin du titre qui suit la seconde. Les moteurs de
    recherche cherchent tous les mots : moins il y en a d'inutiles, plus il y a de réponses.
    """
    title = " ".join(_PARENTHESES.sub(" ", title).split())
    if " / " not in title:
        return title
    first, second = title.split(" / ", 1)
    rest = second.split(" ")[len(first.split(" ")) :]
    return " ".join([first, *rest])


def links(code: str, title: str) -> tuple[Link, ...]:
    """Fiche France Travail, recherche de formations, Mon Compte Formation (voir le docstring du module)."""
    words = search_words(title)
    return (
        Link("Fiche métier France Travail", FICHE_URL.format(code=code)),
        Link("Formations (France Travail)", FT_TRAINING_URL.format(words=quote_plus(words))),
        Link("Mon Compte Formation (CPF)", MCF_URL, f"cherche « {words} »"),
    )


# La ressource du guide dont la condition `when` décide du lien Mon Compte Formation de chaque métier :
# un·e agent·e public·que a un CPF en heures, demandé à son administration, pas acheté sur ce site.
CPF_RESOURCE = "mcf_formations"


def with_cpf_link(summaries: Sequence[Mapping[str, Any]], shown: bool) -> list[dict[str, Any]]:
    """Les métiers visés, sans le lien Mon Compte Formation quand il ne s'adresse pas à la personne (`shown`)."""
    if shown:
        return [dict(summary) for summary in summaries]
    return [
        {**summary, "links": [link for link in summary.get("links", []) if link["url"] != MCF_URL]}
        for summary in summaries
    ]


def metier_summaries(
    catalogue: Catalogue, codes: Sequence[str], titles: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Les métiers choisis avec leurs voies d'accès et liens (étape « Se former », écran et plan).

    Un code absent du catalogue intégré (venu du ROME complet) garde le titre donné dans
    `titles`, sinon son code, et n'a que ses liens.
    """
    result = []
    for code in codes:
        metier = catalogue.get(code)
        title = metier.title if metier else (titles or {}).get(code, code)
        result.append(
            {
                "code": code,
                "title": title,
                "access": list(metier.access) if metier else [],
                "training_duration": metier.training_duration if metier else None,
                "links": [{"label": link.label, "url": link.url, "hint": link.hint} for link in links(code, title)],
            }
        )
    return result
