"""Le plan d'une personne, rassemblé une seule fois : ce que chaque format d'export met en forme.

Markdown, HTML, agenda, sauvegarde et livre du guide lisent tous ce `Plan` (voir
`core/export_formats.py`) : une action, un métier ou une date n'est calculé qu'ici, si bien que
le texte et les images d'un même plan comptent toujours les mêmes choses. Pur : ce qui vient du
disque (catalogue, test d'intérêts, ROME importé) arrive par les fonctions de `PlanLookups`,
appelées seulement quand le plan en a besoin.
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from reconversion.core import engine, model
from reconversion.core.backup import TABLES, active_answers, without_bad_dates
from reconversion.core.certifications import NO_CERTIFICATIONS, PlanCertifications
from reconversion.core.followup import ActionItem, action_items, step_start_days
from reconversion.core.plan_synthesis import Synthesis, funding_words, gather_synthesis
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.core.question_ids import CHOSEN_CERTIFICATION, COST_QUESTION, MONTHS_QUESTION
from reconversion.core.sourcing import freshness_line

if TYPE_CHECKING:
    from reconversion.core.catalogue import Catalogue, InterestTest
    from reconversion.core.funding import FundingResult
    from reconversion.core.funding_model import Funding
    from reconversion.core.riasec import InterestResult, Suggestion

# Les compétences du métier actuel comparées à chaque métier visé, et les titres ROME des codes.
Comparisons = tuple[dict[str, Any], dict[str, str]]
INTEREST_SUGGESTIONS = 8  # métiers suggérés par le test d'intérêts dans le plan


class PlanLookups(NamedTuple):
    """Ce que le plan lit hors du carnet ; chaque fonction rend None (ou rien) si c'est illisible."""

    catalogue: "Callable[[], Catalogue | None]" = lambda: None
    interest_test: "Callable[[], InterestTest | None]" = lambda: None
    compare: Callable[[str, list[str]], Comparisons] = lambda pinned, codes: ({}, {})
    # Les certifications importées (RNCP, RS) des métiers visés et celle visée : voir `core/certifications`.
    certifications: Callable[[list[str], Mapping[str, Any], dt.date], PlanCertifications] = (
        lambda codes, answers, today: NO_CERTIFICATIONS
    )
    funding: "Callable[[model.Guide], Funding | None]" = lambda guide: None


class Interests(NamedTuple):
    """Le test d'intérêts commencé : le test, son résultat et les métiers qu'il suggère."""

    test: "InterestTest"
    result: "InterestResult"
    suggestions: "list[Suggestion]"


class Plan(NamedTuple):
    """Tout ce que montrent les exports, calculé une fois.

    `notebook` : le carnet tel qu'il a été lu, pour la sauvegarde (le reste du plan écarte les
    dates illisibles, nommées dans `bad_dates`) ; `answers` : les
    réponses actives et les faits tirés du test d'intérêts ; `actions` : la liste fusionnée des
    actions du guide et de la personne, la même pour le texte, les images et l'agenda ;
    `contacts` : tous les contacts (l'agenda les relance) et `shared_contacts` ceux que le plan
    montre (seulement sur demande : ce sont les données d'autres personnes).
    """

    guide: model.Guide
    profile: str
    today: dt.date
    now: dt.datetime
    notebook: Mapping[str, Any]
    answers: Mapping[str, Any]
    progress: list[engine.StepProgress]
    actions: list[ActionItem]
    choice_labels: Mapping[str, Mapping[str, str]]
    chosen_metiers: list[dict[str, Any]]
    interests: Interests | None
    experiences: Sequence[Mapping[str, Any]]
    contacts: Sequence[Mapping[str, Any]]
    shared_contacts: Sequence[Mapping[str, Any]]
    bad_dates: list[str]
    unreadable: Sequence[Mapping[str, Any]]
    synthesis: Synthesis  # « Ton projet en une page », tirée des mêmes réponses, actions et métiers
    certifications: PlanCertifications = NO_CERTIFICATIONS
    funding: "FundingResult | None" = None  # le calcul de `reconversion funding` sur les réponses de l'étape 3
    content_checked: str = ""  # « Contenu vérifié le … », et s'il a vieilli (`sourcing.freshness_line`)
    late_trainings: tuple[str, ...] = ()  # les formations visées qui ne peuvent pas finir avant la date cible


def empty_notebook() -> dict[str, Any]:
    """Le carnet d'un profil qui n'existe pas encore : aucune ligne dans aucune table."""
    return {"profile_info": {}, **{table: [] for table in TABLES}, "unreadable": []}


def gather_plan(
    guide: model.Guide,
    notebook: Mapping[str, Any] | None = None,
    *,
    today: dt.date,
    now: dt.datetime | None = None,
    profile: str = DEFAULT_PROFILE,
    lookups: PlanLookups | None = None,
    include_contacts: bool = False,
    base_day: dt.date | None = None,
    command: str = "reconversion",
) -> Plan:
    """Rassemble le plan à partir du guide, du carnet (`backup_store.read_profile`) et du jour.

    Une date illisible (carnet d'une version plus ancienne) est écartée et nommée dans
    `bad_dates` au lieu d'empêcher tout le plan ; c'est à la commande de le dire. `command` : le
    programme tel que la personne le lance, pour les commandes que conseille la synthèse.
    """
    lookups = lookups or PlanLookups()
    notebook = notebook if notebook is not None else empty_notebook()
    shown, bad_dates = without_bad_dates(notebook)
    interest_rows = shown.get("interest_answers", [])
    answers: dict[str, Any] = active_answers(shown)
    test = lookups.interest_test()
    if test is not None:
        from reconversion.core.riasec import facts

        answers.update(facts(test, {row["item_id"]: row["value"] for row in interest_rows}))
    actions = action_items(
        guide,
        answers,
        shown.get("actions", []),
        base_day=base_day or today,
        today=today,
        step_starts=step_start_days(shown.get("answers", [])),
    )
    codes = engine.catalogue_choices(guide, answers, "metiers")
    catalogue = lookups.catalogue() if codes or interest_rows else None
    labels, metiers = _metiers(guide, answers, codes, catalogue, lookups.compare)
    contacts = list(shown.get("contacts", []))

    funding = None
    if answers.get(COST_QUESTION) is not None and answers.get(MONTHS_QUESTION) is not None:
        funding_data = lookups.funding(guide)  # lu seulement quand le prix et la durée sont répondus
        if funding_data is not None:
            from reconversion.core.funding_text import stored_result

            funding = stored_result(funding_data, guide, answers, today)
    certifications = (
        lookups.certifications([m["code"] for m in metiers], answers, today)
        if metiers or answers.get(CHOSEN_CERTIFICATION)
        else NO_CERTIFICATIONS
    )
    from reconversion.core.training_fit import late_training_sentences

    late_trainings = late_training_sentences(guide, metiers, answers, today)  # en entier dans « À vérifier »
    late_short = late_training_sentences(guide, metiers, answers, today, model.LATE_TRAINING_SHORT_MESSAGE)
    synthesis = gather_synthesis(
        guide,
        answers,
        actions,
        today=today,
        chosen_metiers=metiers,
        metier_titles=labels,
        contacts=contacts,
        include_contacts=include_contacts,
        certification=_chosen_words(certifications),
        funding=funding_words(funding),
        command=command,
        profile=profile,
        late_trainings=late_short,
    )
    return Plan(
        guide=guide,
        profile=profile,
        today=today,
        now=now or dt.datetime.combine(today, dt.time(), tzinfo=dt.timezone.utc),
        notebook=notebook,
        answers=answers,
        progress=engine.progress(guide, answers),
        actions=actions,
        choice_labels={"metiers": labels},
        chosen_metiers=metiers,
        interests=_interests(test, interest_rows, catalogue),
        experiences=list(shown.get("experiences", [])),
        contacts=contacts,
        shared_contacts=contacts if include_contacts else [],
        bad_dates=bad_dates,
        unreadable=list(shown.get("unreadable", [])),
        synthesis=synthesis,
        certifications=certifications,
        funding=funding,
        content_checked=freshness_line(guide, today),
        late_trainings=late_trainings,
    )


def _chosen_words(certifications: PlanCertifications) -> str | None:
    """La certification visée pour la synthèse : intitulé et niveau quand l'export la connaît, sinon la réponse."""
    chosen = certifications.chosen
    if chosen is None:
        return None
    from reconversion.core.certifications import summary_text

    return summary_text(chosen["details"]) if chosen["details"] is not None else chosen["text"]


def _metiers(
    guide: model.Guide,
    answers: Mapping[str, Any],
    codes: list[str],
    catalogue: "Catalogue | None",
    compare: Callable[[str, list[str]], Comparisons],
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Les libellés des métiers choisis et leur résumé (voies d'accès, compétences à acquérir)."""
    from reconversion.core.skills import pinned_code

    labels = {m.code: m.title for m in catalogue.metiers} if catalogue is not None else {}
    pinned = pinned_code(guide, answers)
    comparisons, titles = compare(pinned, codes) if pinned is not None else ({}, {})
    for code, title in titles.items():
        labels.setdefault(code, title)
    if catalogue is None or not codes:
        return labels, []
    from reconversion.core.catalogue import CPF_RESOURCE, metier_summaries, with_cpf_link
    from reconversion.core.engine import resource_applies

    cpf = resource_applies(guide, CPF_RESOURCE, answers)  # pas pour un·e agent·e public·que (CPF en heures)
    summaries = with_cpf_link(metier_summaries(catalogue, codes, titles), cpf)
    if comparisons:
        from reconversion.core.skills import with_skills

        summaries = with_skills(summaries, comparisons)
    return labels, summaries


def _interests(
    test: "InterestTest | None", rows: Sequence[Mapping[str, Any]], catalogue: "Catalogue | None"
) -> Interests | None:
    """Le test d'intérêts, seulement s'il a été commencé et que le test et le catalogue se lisent."""
    if test is None or not rows or catalogue is None:
        return None
    from reconversion.core.riasec import score, suggest_metiers

    result = score(test, {row["item_id"]: row["value"] for row in rows})
    return Interests(test, result, suggest_metiers(catalogue, result, INTEREST_SUGGESTIONS))
