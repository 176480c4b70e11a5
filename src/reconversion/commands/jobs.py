"""`reconversion jobs …` : chercher un métier, afficher sa fiche, comparer les compétences, importer le ROME.

Importé au démarrage de `cli.py` : au niveau du module, seulement typer et la bibliothèque
standard. `jobs search` est chronométré ; quand le ROME est importé, il ne charge ni
YAML ni rich : l'index de recherche est déjà prêt dans la base (`adapters/rome/rome_store.py`).
Pas de `from __future__ import annotations` ici : typer lit alors les annotations déjà
évaluées au lieu de les réévaluer à chaque démarrage (deux fois plus rapide).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconversion.adapters.screen.relaunch import program
from reconversion.commands.common.options import JsonOption
from reconversion.errors import UsageError

if TYPE_CHECKING:
    from reconversion.adapters.rome.rome_store import RomeStore
    from reconversion.core.catalogue import Catalogue
    from reconversion.core.schemas import FicheReport, JobHit, JobSearchReport
    from reconversion.core.search import Hit

jobs_app = typer.Typer(
    help="Chercher un métier, lire sa fiche, comparer les compétences, importer le ROME complet de France Travail.",
    no_args_is_help=True,
)


def _open_rome() -> "RomeStore | None":
    from reconversion.adapters.rome.rome_store import RomeStore
    from reconversion.adapters.storage.locations import data_home

    return RomeStore.open(data_home())


def _catalogue() -> "Catalogue":
    from reconversion.adapters.content import metiers_files

    return metiers_files.catalogue()


# --- search -----------------------------------------------------------------------------------


@jobs_app.command("search")
def search_command(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar="MOTS",
            help="Le nom du métier, même approximatif, en un ou plusieurs mots, sans guillemets "
            "(« conseillere insertion », « devlopeur »).",
        ),
    ],
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Nombre de résultats au plus.")] = 10,
) -> None:
    """Chercher un métier par son nom (sans te soucier des accents ni des fautes de frappe)."""
    from reconversion.adapters.content.metiers_files import synonyms
    from reconversion.core.search import query_words, search

    text = " ".join(words)

    if limit < 1 or limit > 500:
        raise UsageError("--limit doit être un nombre entre 1 et 500.")
    if not query_words(text):
        raise UsageError(f"Écris au moins un mot de deux lettres, par exemple : {program()} jobs search infirmier")
    rome = _open_rome()
    version: str | None = None
    if rome is not None:
        try:
            version = rome.meta().get("version")
            hits = search(rome.corpus(), text, limit, synonyms())
        finally:
            rome.close()
    else:
        from reconversion.adapters.content.metiers_files import catalogue_corpus

        hits = search(catalogue_corpus(_catalogue()), text, limit, synonyms())
    source = "rome" if rome is not None else "catalogue"
    if as_json:
        results: list[JobHit] = [
            {"code": h.code, "title": h.title, "label": h.label, "riasec": h.riasec, "in_catalogue": h.featured}
            for h in hits
        ]
        report: JobSearchReport = {"query": text, "source": source, "rome_version": version, "results": results}
        from reconversion.adapters.screen.json_output import print_json

        print_json(report)
        return
    _print_hits(text, hits, source)


def _print_hits(text: str, hits: "list[Hit]", source: str) -> None:
    if not hits:
        print(
            f"Aucun métier ne ressemble à « {text} ». Essaie un autre mot, ou un mot plus court (« soign », « bois »)."
        )
    else:
        from reconversion.adapters.screen.terminal import simple_mode

        words = simple_mode()  # un lecteur d'écran : « (fiche détaillée) » plutôt que « ★ »
        print(f"Métiers pour « {text} » :")
        for hit in hits:
            featured = hit.featured and source == "rome"
            star = ("  (fiche détaillée)" if words else "  ★") if featured else ""
            letters = f"  [{hit.riasec}]" if hit.riasec else ""
            print(f"  {hit.code}  {hit.title}{letters}{star}")
            if hit.via_appellation:
                print(f"         aussi appelé : {hit.label}")
        print(f"Pour lire une fiche : {program()} jobs show {hits[0].code}")
        if source == "rome" and any(h.featured for h in hits) and not words:
            print("★ : fiche détaillée (voies d'accès, durée de formation) dans le catalogue intégré.")
        if any(h.riasec for h in hits):
            print(f"Entre crochets : les intérêts du métier ({_riasec_legend()}).")
    if source == "catalogue":
        print(
            "Recherche faite dans le catalogue intégré. Pour chercher parmi tous les métiers et appellations "
            f"du ROME : {program()} jobs import DOSSIER (voir le README)."
        )


def _riasec_legend() -> str:
    """« R réaliste, I investigateur… » : les noms des lettres, tirés du test d'intérêts livré."""
    from reconversion.adapters.content.metiers_files import interest_test

    return ", ".join(f"{d.code} {d.name.casefold()}" for d in interest_test().dimensions)


# --- show ---------------------------------------------------------------------------------------


@jobs_app.command("show")
def show_command(
    code: Annotated[str, typer.Argument(help="Le code ROME du métier, par exemple M1805.")],
    as_json: JsonOption = False,
    every: Annotated[
        bool, typer.Option("--toutes", help="Lister aussi les certifications expirées ou qui ne sont plus délivrées.")
    ] = False,
) -> None:
    """Afficher la fiche d'un métier : description, voies d'accès, certifications, liens, métiers proches."""
    wanted = _code_argument(code)
    from reconversion.adapters.content.metiers_files import fiche_report

    catalogue = _catalogue()
    rome = _open_rome()
    try:
        report = fiche_report(wanted, catalogue, rome)
    finally:
        if rome is not None:
            rome.close()
    hidden = _add_certifications(report, every)
    if as_json:
        from reconversion.adapters.screen.json_output import print_json

        print_json(report)
        return
    from reconversion.adapters.content import metiers_files
    from reconversion.adapters.screen.jobs_view import print_fiche

    names = {d.code: d.name for d in metiers_files.interest_test().dimensions}
    print_fiche(report, names, hidden_certifications=hidden)


def _add_certifications(report: "FicheReport", every: bool) -> int:
    """Les certifications importées qui mènent au métier (actives, ou toutes) ; rend le nombre de celles cachées."""
    from reconversion.adapters.certifications.rncp_reports import summary_json
    from reconversion.adapters.certifications.rncp_store import CertStore
    from reconversion.adapters.storage.locations import data_home
    from reconversion.commands.common.today import plan_date

    store = CertStore.open(data_home())
    if store is None:
        return 0
    try:
        items = [summary_json(item, plan_date()) for item in store.for_rome(report["code"])]
    finally:
        store.close()
    shown = [item for item in items if every or item["active"]]
    report["certifications"] = shown
    return len(items) - len(shown)


def _code_argument(code: str) -> str:
    from reconversion.core.catalogue import CODE_PATTERN

    wanted = code.strip().upper()
    if not CODE_PATTERN.match(wanted):
        raise UsageError(
            f"Code ROME invalide « {code} » : une lettre de A à N suivie de 4 chiffres, par exemple M1805. "
            f"Pour trouver un code : {program()} jobs search MOT"
        )
    return wanted


# --- compare et bridges (compétences transférables) -----------------------------------------------


@jobs_app.command("compare")
def compare_command(
    source: Annotated[str, typer.Argument(metavar="DE", help="Le code ROME de ton métier actuel, par exemple J1501.")],
    target: Annotated[str, typer.Argument(metavar="VERS", help="Le code ROME du métier visé, par exemple J1506.")],
    as_json: JsonOption = False,
) -> None:
    """Comparer deux métiers : les compétences que tu as déjà et celles à acquérir (ROME importé)."""
    from reconversion.adapters.rome.skills_reports import comparison_report

    codes = _code_argument(source), _code_argument(target)
    _skills_report(lambda rome: comparison_report(rome, *codes), as_json, "print_comparison")


@jobs_app.command("bridges")
def bridges_command(
    source: Annotated[str, typer.Argument(metavar="DE", help="Le code ROME de ton métier actuel, par exemple J1501.")],
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Nombre de métiers au plus.")] = 10,
    riasec: Annotated[
        str,
        typer.Option("--riasec", help="Seulement les métiers de cette lettre RIASEC majeure (S, ou SA pour S ou A)."),
    ] = "",
    domain: Annotated[
        str, typer.Option("--domain", help="Seulement ce domaine : une lettre (J : santé) ou trois caractères (J15).")
    ] = "",
) -> None:
    """Passerelles : les métiers dont tu as déjà le plus de compétences, depuis ton métier actuel."""
    import re

    from reconversion.adapters.rome.skills_reports import bridges_report

    if limit < 1 or limit > 500:
        raise UsageError("--limit doit être un nombre entre 1 et 500.")
    letters = riasec.strip().upper()
    if letters and not re.fullmatch(r"[RIASEC]{1,6}", letters):
        raise UsageError(f"--riasec « {riasec} » : des lettres parmi R, I, A, S, E, C (par exemple S ou SA).")
    wanted_domain = domain.strip().upper()
    if wanted_domain and not re.fullmatch(r"[A-N]([0-9]{2})?", wanted_domain):
        raise UsageError(
            f"--domain « {domain} » : une lettre de A à N (grand domaine) ou une lettre et deux chiffres (J15)."
        )
    code = _code_argument(source)
    _skills_report(
        lambda rome: bridges_report(rome, code, letters=letters, domain=wanted_domain, limit=limit),
        as_json,
        "print_bridges",
    )


def _skills_report(build: Any, as_json: bool, view: str) -> None:
    """Ouvre le ROME importé, calcule le rapport, puis l'affiche (`skills_view.<view>`) ou l'écrit en JSON."""
    from reconversion.adapters.rome.skills_reports import open_rome
    from reconversion.adapters.storage.locations import data_home

    rome = open_rome(data_home())
    try:
        report = build(rome)
    finally:
        rome.close()
    if as_json:
        from reconversion.adapters.screen.json_output import print_json

        print_json(report)
        return
    from reconversion.adapters.screen import skills_view

    getattr(skills_view, view)(report)


# --- import ---------------------------------------------------------------------------------------


@jobs_app.command("import")
def import_command(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DOSSIER_OU_ZIP",
            help="L'archive RefRomeCsv.zip telle que téléchargée, ou le dossier où tu l'as décompressée.",
        ),
    ],
) -> None:
    """Importer le ROME complet (export CSV de France Travail) : tous les métiers et leurs compétences."""
    from reconversion.adapters.rome.rome_import import import_folder
    from reconversion.adapters.storage.locations import data_home

    summary = import_folder(folder.expanduser(), data_home(), featured=_catalogue().codes)
    print(
        f"ROME importé : {summary.fiches} fiches métier, {summary.appellations} appellations, "
        f"{summary.mobilites} liens entre métiers proches, {summary.skills} compétences et savoirs "
        f"(fichiers v{summary.version})."
    )
    print(f"Enregistré dans {summary.path}. La recherche couvre maintenant tous les métiers et leurs appellations.")
    command = program()
    command = program()
    print(f"Pour comparer deux métiers : {command} jobs compare DE VERS. Tes passerelles : {command} jobs bridges DE")
    print(summary.attribution)
