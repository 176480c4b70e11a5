"""Le catalogue des métiers et le test d'intérêts livrés avec l'outil, et la fiche d'un métier.

`find_metiers()` choisit où chercher un métier : dans le ROME complet s'il a été importé
(`jobs import`), sinon dans le catalogue intégré. C'est ce qu'appellent `jobs search` et
l'assistant (choix des métiers cibles) ; `fiche_report()` sert `jobs show`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reconversion.adapters.content.content_cache import cached
from reconversion.adapters.screen.relaunch import program
from reconversion.errors import ReconversionError

if TYPE_CHECKING:
    from reconversion.adapters.rome.rome_store import RomeStore
    from reconversion.core.catalogue import Catalogue, InterestTest
    from reconversion.core.schemas import FicheReport
    from reconversion.core.search import Hit, MemoryCorpus, Synonyms

METIERS_FILE = "metiers.yaml"
INTERETS_FILE = "interets.yaml"
SYNONYMS_FILE = "synonymes.yaml"


def _data_dir() -> Path:
    from reconversion.adapters.content.guide_files import data_dir

    return data_dir()


def catalogue(path: Path | None = None) -> Catalogue:
    """Le catalogue intégré (ou un autre fichier, pour les tests)."""
    target = path or _data_dir() / METIERS_FILE

    def build() -> Catalogue:
        from reconversion.core.catalogue_loader import load_catalogue  # PyYAML n'est importé qu'ici

        return load_catalogue(target, display_name=str(target))

    return cached("catalogue", target, build)


def training_facts(path: Path | None = None) -> tuple[dict[str, str], dict[str, str | None]]:
    """`code -> intitulé` et `code -> durée de formation` : ce que `status` lit du catalogue (formation trop
    longue, A14), rangé à part dans le cache : relire ces 332 paires coûte dix fois moins que tout le catalogue,
    et deux dictionnaires de textes se relisent sans être parcourus en Python (`content_cache._decode`)."""
    target = path or _data_dir() / METIERS_FILE

    def build() -> tuple[dict[str, str], dict[str, str | None]]:
        metiers = catalogue(target).metiers
        return {m.code: m.title for m in metiers}, {m.code: m.training_duration for m in metiers}

    return cached("durees", target, build)


def interest_test(path: Path | None = None) -> InterestTest:
    target = path or _data_dir() / INTERETS_FILE

    def build() -> InterestTest:
        from reconversion.core.catalogue_loader import load_interest_test  # PyYAML n'est importé qu'ici

        return load_interest_test(target, display_name=str(target))

    return cached("interets", target, build)


def synonyms(path: Path | None = None) -> Synonyms:
    """Les synonymes de la recherche (`synonymes.yaml`) ; un fichier abîmé est dit avec son nom."""
    target = path or _data_dir() / SYNONYMS_FILE

    def build() -> tuple[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], ...]:
        import yaml  # PyYAML n'est importé qu'ici

        from reconversion.core.search import read_synonyms
        from reconversion.core.yaml_source import read_text

        try:
            return tuple(read_synonyms(yaml.safe_load(read_text(target))).items())
        except (ValueError, yaml.YAMLError, OSError) as exc:
            raise ReconversionError(f"{target} : {exc}") from None

    return dict(cached("synonymes", target, build))


def catalogue_corpus(source: Catalogue) -> MemoryCorpus:
    """Les titres du catalogue, cherchables (tous « du catalogue », donc sans bonus entre eux)."""
    from reconversion.core.search import Entry, MemoryCorpus

    return MemoryCorpus(Entry(m.code, m.title, m.title, m.riasec) for m in source.metiers)


def find_metiers(query: str, limit: int = 10, home: Path | None = None) -> list[Hit]:
    """Chercher un métier par son nom : dans le ROME importé s'il existe, sinon dans le catalogue."""
    from reconversion.adapters.rome.rome_store import RomeStore
    from reconversion.adapters.storage.locations import data_home
    from reconversion.core.search import search

    rome = RomeStore.open(home or data_home())
    if rome is None:
        return search(catalogue_corpus(catalogue()), query, limit, synonyms())
    try:
        return search(rome.corpus(), query, limit, synonyms())
    finally:
        rome.close()


def unknown_codes(codes: list[str], home: Path | None = None) -> list[str]:
    """Les codes ROME absents du catalogue intégré et du ROME importé (pour `start --answers`)."""
    from reconversion.adapters.rome.rome_store import RomeStore
    from reconversion.adapters.storage.locations import data_home

    known = catalogue().codes
    missing = [code for code in codes if code not in known]
    if not missing:
        return []
    rome = RomeStore.open(home or data_home())
    if rome is None:
        return missing
    try:
        return [code for code in missing if rome.fiche(code) is None]
    finally:
        rome.close()


def fiche_report(code: str, catalogue: Catalogue, rome: RomeStore | None) -> FicheReport:
    """La fiche d'un métier en données simples : catalogue intégré, complété par le ROME importé."""
    from reconversion.adapters.rome.rome_store import attribution
    from reconversion.core.catalogue import links

    metier = catalogue.get(code)
    fiche = rome.fiche(code) if rome is not None else None
    if metier is None and fiche is None:
        where = "ni dans le catalogue intégré ni dans le ROME importé" if rome else "dans le catalogue intégré"
        hint = "" if rome else f" Pour tous les métiers du ROME : {program()} jobs import DOSSIER."
        raise ReconversionError(
            f"Aucun métier avec le code {code} {where}. Cherche-le par son nom : {program()} jobs search MOT.{hint}"
        )
    title = metier.title if metier else fiche.title  # type: ignore[union-attr]
    meta = rome.meta() if rome is not None else {}
    report: FicheReport = {
        "code": code,
        "title": title,
        "riasec": metier.riasec if metier else fiche.riasec,  # type: ignore[union-attr]
        "domain": code[0],
        "domain_label": (rome.domain_label(code[0]) if rome is not None else None) or catalogue.domain_name(code[0]),
        "in_catalogue": metier is not None,
        "description": metier.description if metier else None,
        "access": list(metier.access) if metier else [],
        "training_duration": metier.training_duration if metier else None,
        "links": [{"label": link.label, "url": link.url, "hint": link.hint} for link in links(code, title)],
        "rome_version": meta.get("version"),
        "rome_title": fiche.title if fiche else None,
        "appellations": rome.appellations(code) if fiche is not None and rome is not None else None,
        "mobilites": (
            [{"code": m.code, "title": m.title, "riasec": m.riasec} for m in rome.mobilites(code)]
            if fiche is not None and rome is not None
            else None
        ),
        "source": attribution(meta) if meta else None,
        "certifications": None,  # rempli par `jobs show` quand les certifications sont importées
    }
    return report
