"""`reconversion certifications …` : importer le RNCP et le RS, chercher une certification, lire sa fiche.

Au niveau du module, seulement typer et la bibliothèque standard : ni rich, ni YAML, ni
questionary. `search` ne charge que l'index déjà prêt dans la base (`adapters/certifications/rncp_store.py`).
Pas de `from __future__ import annotations` ici (voir `commands/jobs.py`).
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from reconversion.adapters.screen.relaunch import program
from reconversion.errors import UsageError

if TYPE_CHECKING:
    from reconversion.adapters.certifications.rncp_store import CertStore
    from reconversion.adapters.rome.rome_store import RomeStore

TitleLookup = Callable[[str], "tuple[str | None, bool | None]"]

certifications_app = typer.Typer(
    help="Diplômes, titres et certifications (RNCP et RS de France compétences) : importer, chercher, lire une fiche.",
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Sortie JSON (format décrit dans le README).")]


def _open() -> "CertStore":
    from reconversion.adapters.certifications.rncp_reports import open_certifications
    from reconversion.adapters.storage.locations import data_home

    return open_certifications(data_home())


def current_title_lookup() -> "tuple[TitleLookup, RomeStore | None]":
    """De quoi dire, pour un code ROME de l'export, le métier actuel : (fonction, ROME ouvert à fermer)."""
    from reconversion.adapters.rome.rome_store import RomeStore
    from reconversion.adapters.storage.locations import data_home

    rome = RomeStore.open(data_home())
    catalogue = None

    def lookup(code: str) -> tuple[str | None, bool | None]:
        nonlocal catalogue
        if rome is not None:
            fiche = rome.fiche(code)
            return (fiche.title, True) if fiche else (None, False)
        if catalogue is None:
            from reconversion.adapters.content import metiers_files

            catalogue = metiers_files.catalogue()
        metier = catalogue.get(code)
        return (metier.title, True) if metier else (None, None)

    return lookup, rome


# --- import ---------------------------------------------------------------------------------------


@certifications_app.command("import")
def import_command(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="ZIP_OU_DOSSIER",
            help="L'archive export-fiches-csv-AAAA-MM-JJ.zip telle que téléchargée, ou son dossier décompressé.",
        ),
    ],
) -> None:
    """Importer le RNCP et le RS (export open data de France compétences) : les diplômes et titres de chaque métier."""
    from reconversion.adapters.certifications.rncp_import import import_export
    from reconversion.adapters.storage.locations import data_home

    summary = import_export(source.expanduser(), data_home())
    date = f" (export du {summary.date})" if summary.date else ""
    print(
        f"Certifications importées{date} : {summary.fiches} fiches dont {summary.active} actives, "
        f"{summary.rome_links} liens vers des métiers du ROME, {summary.replacements} remplacements."
    )
    print(f"Enregistré dans {summary.path}. L'import précédent, s'il y en avait un, est remplacé.")
    print(
        f"Pour chercher : {program()} certifications search MOT. Les fiches des métiers "
        f"({program()} jobs show CODE) listent maintenant les diplômes et titres qui y mènent."
    )
    print("Source : France compétences, RNCP et RS en données ouvertes (Licence Ouverte 2.0).")


# --- search ---------------------------------------------------------------------------------------


@certifications_app.command("search")
def search_command(
    text: Annotated[
        list[str], typer.Argument(metavar="MOT…", help="Des mots de l'intitulé, même approximatifs (« electricien »).")
    ],
    level: Annotated[
        int | None, typer.Option("--niveau", help="Seulement ce niveau (3 : CAP … 8 : doctorat).", show_default=False)
    ] = None,
    vae: Annotated[bool, typer.Option("--vae", help="Seulement celles qu'on peut obtenir par la VAE.")] = False,
    as_json: JsonOption = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Nombre de résultats au plus.")] = 15,
) -> None:
    """Chercher une certification par son intitulé (sans te soucier des accents ni des fautes de frappe)."""
    from reconversion.adapters.certifications.rncp_reports import level_choices, search_report
    from reconversion.commands.common.today import plan_date
    from reconversion.core.certifications import LEVEL_MEANINGS
    from reconversion.core.search import query_words

    query = " ".join(text)
    if level is not None and level not in LEVEL_MEANINGS:
        raise UsageError(f"--niveau {level} : un niveau entre 3 et 8 ({level_choices()}).")
    if limit < 1 or limit > 500:
        raise UsageError("--limit doit être un nombre entre 1 et 500.")
    if not query_words(query):
        raise UsageError(
            f"Écris au moins un mot de deux lettres, par exemple : {program()} certifications search electricien"
        )
    store = _open()
    try:
        report = search_report(store, query, plan_date(), level=level, vae=vae, limit=limit)
    finally:
        store.close()
    if as_json:
        from reconversion.adapters.screen.json_output import print_json

        print_json(report)
        return
    from reconversion.adapters.screen.certifications_view import print_search

    print_search(report)


# --- show -----------------------------------------------------------------------------------------


@certifications_app.command("show")
def show_command(
    code: Annotated[str, typer.Argument(help="Le numéro de la fiche : RNCP34692 ou RS5063.")],
    as_json: JsonOption = False,
) -> None:
    """Lire la fiche d'une certification : niveau, certificateur, VAE, blocs, fin, remplacement, lien officiel."""
    from reconversion.adapters.certifications.rncp_reports import show_report
    from reconversion.commands.common.today import plan_date
    from reconversion.core.certifications import normalize_code

    wanted = normalize_code(code)
    if wanted is None:
        raise UsageError(
            f"Numéro de fiche invalide « {code} » : RNCP ou RS suivi de chiffres, par exemple RNCP34692 ou RS5063. "
            f"Pour trouver un numéro : {program()} certifications search MOT"
        )
    store = _open()
    lookup, rome = current_title_lookup()
    try:
        report = show_report(store, wanted, plan_date(), lookup)
    finally:
        store.close()
        if rome is not None:
            rome.close()
    if as_json:
        from reconversion.adapters.screen.json_output import print_json

        print_json(report)
        return
    from reconversion.adapters.screen.certifications_view import print_show

    print_show(report)
