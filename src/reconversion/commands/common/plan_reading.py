"""Le plan d'un profil lu sur le disque : le carnet, le catalogue, le test d'intérêts, le ROME importé.

La seule lecture du monde avant un export ; le reste est rassemblé une fois par
`core.plan_data.gather_plan`, et chaque format n'en est qu'un rendu. Les avertissements (valeurs
abîmées, dates illisibles) sont dits ici, sur la sortie d'erreur : l'export continue.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

from reconversion.adapters.screen.relaunch import hint, program
from reconversion.commands.common.profile_access import opened
from reconversion.commands.common.today import now_utc
from reconversion.core.french_count import count_of
from reconversion.errors import ReconversionError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from reconversion.core.catalogue import Catalogue, InterestTest
    from reconversion.core.certifications import PlanCertifications
    from reconversion.core.funding_model import Funding
    from reconversion.core.model import Guide
    from reconversion.core.plan_data import Comparisons, Plan, PlanLookups


def read_plan(
    guide: Guide,
    profile: str,
    today: dt.date,
    *,
    include_contacts: bool = False,
    nothing: str | None = None,
    salvage: bool = False,
) -> Plan:
    """Le plan du profil ; `nothing` : ce qu'il faut dire si le profil n'existe pas (sinon, plan vide).

    `salvage` (l'agenda) : les actions et les contacts dont une cellule est abîmée sont gardés, texte
    réparé (comme `actions` et `contacts` les montrent), au lieu d'être écartés comme dans un plan
    ou une sauvegarde : une relance reste une relance même si la note du contact est illisible.
    """
    from reconversion.core.plan_data import gather_plan

    plan = gather_plan(
        guide,
        _read_notebook(profile, nothing=nothing, salvage=salvage),
        today=today,
        now=now_utc(),
        profile=profile,
        lookups=plan_lookups(),
        include_contacts=include_contacts,
        command=program(),
    )
    return plan


def plan_lookups() -> PlanLookups:
    """Le catalogue livré, le test d'intérêts livré et le ROME importé, lus seulement si le plan en a besoin."""
    from reconversion.core.plan_data import PlanLookups

    return PlanLookups(
        catalogue=_catalogue,
        interest_test=_interest_test,
        compare=_compare,
        certifications=_certifications,
        funding=_funding,
    )


def _read_notebook(profile: str, *, nothing: str | None, salvage: bool) -> Mapping[str, Any] | None:
    """Tout le carnet ; None si le profil n'existe pas (une erreur si `nothing` le demande)."""
    from reconversion.adapters.storage import followup_store
    from reconversion.adapters.storage.backup_store import read_profile

    empty = None
    if nothing is not None:
        empty = ReconversionError(
            f"Le profil « {profile} » n'existe pas encore : {nothing}. Commence par « {hint('start', profile)} »."
        )
    with opened(profile, missing=empty) as store:
        if store is None:
            return None
        notebook: dict[str, Any] = dict(read_profile(store))
        if salvage:
            notebook.update(actions=followup_store.action_rows(store), contacts=followup_store.contact_rows(store))
        return notebook


def _catalogue() -> Catalogue | None:
    """Le catalogue livré ; None s'il est illisible : le plan s'exporte quand même, codes seuls."""
    from reconversion.adapters.content import metiers_files

    try:
        return metiers_files.catalogue()
    except ReconversionError:
        return None


def _funding(guide: Guide) -> Funding | None:
    """Le fichier des financements de ce guide ; None s'il n'y en a pas de valide : le plan s'exporte sans."""
    from pathlib import Path

    from reconversion.adapters.content.guide_files import load_funding

    try:
        return load_funding(guide, Path(guide.source) if guide.source else None)
    except ReconversionError:
        return None


def _interest_test() -> InterestTest:
    from reconversion.adapters.content import metiers_files

    return metiers_files.interest_test()


def _compare(pinned: str, codes: list[str]) -> Comparisons:
    """Le métier actuel (rattaché au ROME importé) comparé à chaque métier visé, et les titres ROME."""
    from reconversion.adapters.rome.skills_reports import target_comparisons
    from reconversion.adapters.storage.locations import data_home

    return target_comparisons(data_home(), pinned, codes)


def _certifications(codes: list[str], answers: Mapping[str, Any], today: dt.date) -> PlanCertifications:
    """Les certifications importées à portée pour chaque métier visé, et celle visée (illisibles : comme absentes)."""
    from reconversion.adapters.certifications.rncp_reports import chosen_certification, with_certifications
    from reconversion.adapters.certifications.rncp_store import CertStore
    from reconversion.adapters.storage.locations import data_home
    from reconversion.core.certifications import PlanCertifications
    from reconversion.core.question_ids import CHOSEN_CERTIFICATION
    from reconversion.errors import StoreError

    home = data_home()
    try:
        store = CertStore.open(home)
        if store is None:
            return PlanCertifications(False, {}, chosen_certification(None, answers.get(CHOSEN_CERTIFICATION), today))
        try:
            chosen = chosen_certification(store, answers.get(CHOSEN_CERTIFICATION), today)
        finally:
            store.close()
        enriched = with_certifications([{"code": code} for code in codes], answers, today, home)
    except StoreError:
        return PlanCertifications(False, {}, chosen_certification(None, answers.get(CHOSEN_CERTIFICATION), today))
    return PlanCertifications(True, {item["code"]: item["certifications"] for item in enriched}, chosen)


def warn_unread(plan: Plan, *, backup: bool) -> None:
    """Dit sur la sortie d'erreur ce que le plan n'a pas pu lire du carnet (l'export continue, code 0).

    Une sauvegarde garde tout, dates illisibles comprises ; un plan les écarte et les nomme.
    """
    if plan.unreadable:
        _warn_unreadable(plan.unreadable, backup=backup)
    bad = plan.bad_dates
    if bad and not backup:
        print(
            f"Attention : {count_of(len(bad), 'date illisible ignorée', 'dates illisibles ignorées')} dans ce "
            f"plan : {', '.join(bad[:5])}{' …' if len(bad) > 5 else ''}. Pour leur redonner une date : "
            f"« {program()} actions edit ID --due … » ou « {program()} contacts edit ID --follow-up … ».",
            file=sys.stderr,
        )


def _warn_unreadable(entries: Sequence[Mapping[str, Any]], *, backup: bool) -> None:
    from reconversion.core.backup import UNREADABLE_KEY
    from reconversion.core.limits import show

    count = len(entries)
    where = ", ".join(f"{e['table']} {show(str(e['key']), 30)} ({e['column']})" for e in entries[:5])
    more = f" et {count_of(count - 5, 'autre')}" if count > 5 else ""
    values = count_of(count, "valeur abîmée", "valeurs abîmées")
    verb = "n'ont pas pu être lues" if count > 1 else "n'a pas pu être lue"
    kept = (
        f"Elles sont décrites sous la clé « {UNREADABLE_KEY} » de la sauvegarde, avec ce qui a pu en être lu."
        if backup
        else "Elles manquent à ce plan ; une sauvegarde (export -f json) les décrit avec ce qui a pu en être lu."
    )
    print(
        f"Attention : {values} dans ton carnet {verb} : {where}{more}. Tout le reste est exporté. {kept}",
        file=sys.stderr,
    )
