"""Les rapports de `certifications search/show` et la liste de `jobs show`, lus dans l'export importé.

Même forme pour `--json`, l'affichage et le plan : des dictionnaires simples (voir `core/shapes.py`).
Les codes ROME de l'export peuvent être plus anciens que ceux de l'outil : chaque code dit le
métier actuel quand il existe encore (ROME importé, sinon catalogue intégré), et qu'il n'existe
plus quand le ROME importé ne le connaît pas.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reconversion.adapters.certifications.rncp_store import CertStore
from reconversion.adapters.screen.relaunch import program
from reconversion.core.certifications import (
    DOWNLOAD_URL,
    LEVEL_MEANINGS,
    Summary,
    kind_of,
    level_text,
    official_url,
    state,
)
from reconversion.errors import ReconversionError

if TYPE_CHECKING:
    from reconversion.core.schemas import (
        CertificationJson,
        CertificationReport,
        CertificationSearchReport,
        ChosenCertificationJson,
        MetierCertificationsJson,
        RomeLinkJson,
    )

KIND_NAMES = {
    "RNCP": "Répertoire national des certifications professionnelles (RNCP)",
    "RS": "Répertoire spécifique (RS)",
}
LICENCE = "Source : France compétences, RNCP et RS en données ouvertes (Licence Ouverte 2.0)"


def missing_import_parts() -> tuple[str, str, str]:
    """Ce qu'il faut télécharger, où (l'adresse seule, pour qu'elle ne soit jamais coupée), et la commande."""
    return (
        "Les certifications (RNCP et RS) ne sont pas encore importées. Télécharge le fichier le plus récent "
        "«\u00a0export-fiches-csv-AAAA-MM-JJ.zip\u00a0» du jeu de données «\u00a0Répertoire national des "
        "certifications professionnelles et répertoire spécifique\u00a0» de France compétences, sur "
        "data.gouv.fr\u00a0:",
        DOWNLOAD_URL,
        f"puis lance : {program()} certifications import export-fiches-csv-AAAA-MM-JJ.zip",
    )


def missing_import_text() -> str:
    """Le même conseil en un seul message (erreur de `certifications search/show`)."""
    intro, url, command = missing_import_parts()
    return f"{intro}\n  {url}\n{command[0].upper()}{command[1:]}"


def open_certifications(home: Path) -> CertStore:
    """Le répertoire importé, ou l'erreur qui dit comment l'obtenir."""
    store = CertStore.open(home)
    if store is None:
        raise ReconversionError(missing_import_text())
    return store


def source_text(meta: dict[str, str]) -> str:
    date = meta.get("export_date")
    return f"{LICENCE}, export du {date}." if date else f"{LICENCE}."


def summary_json(item: Summary, today: dt.date) -> CertificationJson:
    return {
        "code": item.code,
        "title": item.title,
        "level": item.level,
        "vae": item.vae,
        "active": state(item.active, item.end, today) == "active",
        "end": item.end.isoformat() if item.end else None,
        "replaced_by": item.successor,
    }


def rome_links(
    romes: Iterable[tuple[str, str]], current_title: Callable[[str], tuple[str | None, bool | None]]
) -> list[RomeLinkJson]:
    """Chaque code ROME de la fiche, avec le métier actuel (`exists` : None si on ne peut pas savoir)."""
    links: list[RomeLinkJson] = []
    for code, label in romes:
        title, exists = current_title(code)
        links.append({"code": code, "label": label, "current_title": title, "exists": exists})
    return links


def show_report(
    store: CertStore,
    code: str,
    today: dt.date,
    current_title: Callable[[str], tuple[str | None, bool | None]],
) -> CertificationReport:
    fiche = store.fiche(code)
    if fiche is None:
        raise ReconversionError(
            f"Aucune certification {code} dans l'export importé. Cherche-la par son nom : "
            f"{program()} certifications search MOT (ou vérifie le numéro sur le site de France compétences)."
        )
    known = store.titles([*fiche.chain, *fiche.replaces])
    chain_end = fiche.chain[-1] if fiche.chain else None
    end_state = None
    if chain_end and chain_end in known:
        _, active, end = known[chain_end]
        end_state = state(active, dt.date.fromisoformat(end) if end else None, today)
    return {
        "code": fiche.code,
        "kind": kind_of(fiche.code),
        "title": fiche.title,
        "abbrev": fiche.abbrev,
        "level": fiche.level,
        "level_raw": fiche.level_raw,
        "level_label": level_text(fiche.level),
        "state": state(fiche.active, fiche.end, today),
        "end": fiche.end.isoformat() if fiche.end else None,
        "registration": fiche.registration,
        "certifiers": fiche.certifiers,
        "routes": fiche.routes,
        "vae": fiche.vae,
        "partial_validation": fiche.partial,
        "blocks": [{"code": block, "title": label} for block, label in fiche.blocks],
        "romes": rome_links(fiche.romes, current_title),
        "replaces": [{"code": c, "title": known[c][0] if c in known else None} for c in fiche.replaces],
        "replaced_by": [{"code": c, "title": known[c][0] if c in known else None} for c in fiche.chain],
        "chain_end": chain_end,
        "chain_end_state": end_state,
        "url": official_url(fiche.code),
        "source": source_text(store.meta()),
    }


def search_report(
    store: CertStore, text: str, today: dt.date, *, level: int | None, vae: bool, limit: int
) -> CertificationSearchReport:
    """Les fiches dont l'intitulé ressemble à `text` (recherche de `core/search.py`), filtrées puis coupées."""
    from reconversion.core.search import search

    hits = search(store.corpus(), text, limit=100_000 if (level is not None or vae) else limit)
    summaries = {s.code: s for s in store.summaries(hit.code for hit in hits)}
    results: list[CertificationJson] = []
    for hit in hits:
        item = summaries.get(hit.code)
        if item is None or (level is not None and item.level != level) or (vae and not item.vae):
            continue
        results.append(summary_json(item, today))
        if len(results) >= limit:
            break
    return {"query": text, "level": level, "vae_only": vae, "results": results, "source": source_text(store.meta())}


def level_choices() -> str:
    return ", ".join(str(level) for level in LEVEL_MEANINGS)


def metier_advice(
    store: CertStore, code: str, person_level: int | None, current_rome: str | None, today: dt.date
) -> MetierCertificationsJson:
    """Pour un métier visé (assistant, étape « Se former », et plan) : les certifications à portée, la VAE."""
    from reconversion.core.certifications import SHOWN_FOR_METIER, for_person

    experienced = {item.code for item in store.for_rome(current_rome)} if current_rome else set()
    ranked, vae, others = for_person(store.for_rome(code), person_level, experienced, today)
    return {
        "person_level": person_level,
        "items": [summary_json(item, today) for item in ranked[:SHOWN_FOR_METIER]],
        "hidden": max(0, len(ranked) - SHOWN_FOR_METIER) + others,
        "vae_with_experience": [c for c in vae if c in {item.code for item in ranked[:SHOWN_FOR_METIER]}],
    }


def chosen_certification(store: CertStore | None, answer: object, today: dt.date) -> ChosenCertificationJson | None:
    """La certification visée (réponse `certification_visee`) : complétée par l'export quand c'est un numéro connu."""
    from reconversion.core.certifications import normalize_code

    if not isinstance(answer, str) or not answer.strip():
        return None
    code = normalize_code(answer)
    found = store.summaries([code]) if store is not None and code else []
    if not found:
        return {"text": answer.strip(), "code": code, "details": None, "url": official_url(code) if code else None}
    item = found[0]
    chain = store.chain(item.code) if store is not None else []
    details = summary_json(item._replace(successor=chain[-1] if chain else None), today)
    return {"text": answer.strip(), "code": item.code, "details": details, "url": official_url(item.code)}


def certification_choices(
    home: Path, metiers: list[str], answers: Mapping[str, Any], today: dt.date
) -> list[CertificationJson] | None:
    """Les certifications à proposer pour `certification_visee` : reliées aux métiers choisis (codes ROME).

    None sans import (la question reste une saisie libre). Le niveau vient de `diplome_niveau`.
    """
    from reconversion.core.certifications import diploma_level, to_offer
    from reconversion.core.question_ids import DIPLOMA_QUESTION

    store = CertStore.open(home)
    if store is None:
        return None
    try:
        level = diploma_level(answers.get(DIPLOMA_QUESTION))
        offered = to_offer([store.for_rome(code) for code in metiers], level, today)
        return [summary_json(item, today) for item in offered]
    finally:
        store.close()


def with_certifications(
    summaries: list[dict[str, Any]], answers: Mapping[str, Any], today: dt.date, home: Path
) -> list[dict[str, Any]]:
    """Les métiers visés, chacun avec `certifications` : à portée de la personne, ou None sans import.

    Le niveau vient de `diplome_niveau`, le métier actuel de `metier_actuel_rome` (pour dire quand
    la VAE est en lien avec son expérience).
    """
    from reconversion.core.certifications import diploma_level

    store = CertStore.open(home)
    if store is None:
        return [{**summary, "certifications": None} for summary in summaries]
    level = diploma_level(answers.get("diplome_niveau"))
    current = answers.get("metier_actuel_rome")
    current_rome = current if isinstance(current, str) and current else None
    try:
        return [
            {**summary, "certifications": metier_advice(store, str(summary["code"]), level, current_rome, today)}
            for summary in summaries
        ]
    finally:
        store.close()
