"""Les rapports de `jobs compare` et `jobs bridges`, lus dans le ROME importé (calculs dans `core/skills.py`).

Même forme pour `--json`, l'affichage, le plan et l'assistant : des dictionnaires simples.
La base du ROME et les calculs ne sont importés qu'à l'appel : l'assistant reçoit `ImportedRome`
dès son lancement, et sa première question n'attend ni l'une ni les autres.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reconversion.adapters.screen.relaunch import program
from reconversion.errors import ReconversionError

if TYPE_CHECKING:
    from reconversion.adapters.rome.rome_store import RomeStore
    from reconversion.core.schemas import BridgeJson, BridgesReport, ComparisonReport


def no_rome() -> str:
    """Comment obtenir le ROME, avec la commande telle que la personne a lancé l'outil."""
    return (
        "Pour comparer les compétences des métiers, importe d'abord le ROME complet de France Travail "
        f"(le fichier RefRomeCsv.zip, gratuit sur francetravail.org) : {program()} jobs import RefRomeCsv.zip"
    )


def open_rome(home: Path) -> RomeStore:
    """Le ROME importé, ou l'erreur qui dit en une phrase comment l'obtenir."""
    from reconversion.adapters.rome.rome_store import RomeStore

    rome = RomeStore.open(home)
    if rome is None:
        raise ReconversionError(no_rome() + ".")
    return rome


def _title(rome: RomeStore, code: str) -> str:
    fiche = rome.fiche(code)
    if fiche is None:
        raise ReconversionError(
            f"Aucun métier avec le code {code} dans le ROME importé. "
            f"Cherche-le par son nom : {program()} jobs search MOT."
        )
    return fiche.title


def comparison_report(rome: RomeStore, source: str, target: str) -> ComparisonReport:
    """`{"from", "to", "shared", "to_acquire", "coverage", …}` : voir `core.skills.compare`."""
    from reconversion.adapters.rome.rome_store import attribution
    from reconversion.core.skills import compare, skill_dict

    source_title, target_title = _title(rome, source), _title(rome, target)
    result = compare(rome.skills(source), rome.skills(target))
    meta = rome.meta()
    return {
        "from": source,
        "from_title": source_title,
        "to": target,
        "to_title": target_title,
        "coverage": round(result.coverage, 4),
        "shared": [skill_dict(s) for s in result.shared],
        "to_acquire": [skill_dict(s) for s in result.to_acquire],
        "routes": [skill_dict(s) for s in result.routes],
        "rome_version": meta.get("version"),
        "source": attribution(meta),
    }


def bridges_report(
    rome: RomeStore, source: str, *, letters: str = "", domain: str = "", limit: int | None = 10
) -> BridgesReport:
    """Les passerelles depuis `source` (voir `core.skills.rank_bridges`)."""
    from reconversion.adapters.rome.rome_store import attribution
    from reconversion.core.skills import rank_bridges

    title = _title(rome, source)
    mobilites = {fiche.code for fiche in rome.mobilites(source)}
    ranked = rank_bridges(
        source, rome.bridge_candidates(source), mobilites, letters=letters, domain=domain, limit=limit
    )
    meta = rome.meta()
    return {
        "from": source,
        "from_title": title,
        "filters": {"riasec": letters or None, "domain": domain or None},
        "results": [
            {
                "code": b.code,
                "title": b.title,
                "riasec": b.riasec,
                "coverage": round(b.coverage, 4),
                "shared": b.shared,
                "total": b.total,
                "mobilite": b.mobilite,
            }
            for b in ranked
        ],
        "rome_version": meta.get("version"),
        "source": attribution(meta),
    }


def target_comparisons(home: Path, pinned: str, codes: list[str]) -> tuple[dict[str, ComparisonReport], dict[str, str]]:
    """Pour le plan et l'assistant : métier actuel → chaque métier visé, et les titres ROME des codes.

    Sans ROME importé (ou illisible), ou si le métier actuel n'y est pas : rien, sans erreur ;
    le plan s'exporte quand même, sans les compétences.
    """
    from reconversion.adapters.rome.rome_store import RomeStore

    try:
        rome = RomeStore.open(home)
    except ReconversionError:
        return {}, {}
    if rome is None:
        return {}, {}
    try:
        titles = {code: fiche.title for code in [pinned, *codes] if (fiche := rome.fiche(code)) is not None}
        if pinned not in titles:
            return {}, titles
        comparisons = {
            code: comparison_report(rome, pinned, code) for code in codes if code in titles and code != pinned
        }
        return comparisons, titles
    except ReconversionError:
        return {}, {}
    finally:
        rome.close()


class ImportedRome:
    """Le ROME importé dans le dossier de données `home`, tel que le choix des métiers le consulte
    (`sessions.metier_choice.RomeLookup`) : ouvert à chaque demande, et rien s'il n'est pas importé."""

    def __init__(self, home: Path) -> None:
        self.home = home

    def bridges(self, code: str, limit: int) -> list[BridgeJson]:
        """Les passerelles depuis `code` ; aucune sans ROME importé. Un ROME illisible lève son erreur."""
        from reconversion.adapters.rome.rome_store import RomeStore

        rome = RomeStore.open(self.home)
        if rome is None:
            return []
        try:
            return bridges_report(rome, code, limit=limit)["results"]
        finally:
            rome.close()

    def comparisons(self, current: str, codes: list[str]) -> tuple[dict[str, ComparisonReport], dict[str, str]]:
        return target_comparisons(self.home, current, codes)
