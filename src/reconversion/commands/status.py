"""`reconversion status` : où tu en es, étape par étape, et ce qui t'attend (retards, relances).

Une commande de lecture : elle ne crée ni le carnet ni son dossier s'ils n'existent pas encore.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconversion.adapters.screen.relaunch import hint
from reconversion.commands.common.options import GuideOption, ProfileOption
from reconversion.commands.common.profile_access import load_guide, opened, other_profiles
from reconversion.core.french_count import count_of
from reconversion.core.profile_name import DEFAULT_PROFILE

if TYPE_CHECKING:
    from reconversion.adapters.storage.store import Store
    from reconversion.core.schemas import FollowUpSummary, InterestsSummary, StepRow


def status(
    profile: ProfileOption = DEFAULT_PROFILE,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON (format décrit dans le README).")] = False,
    guide_path: GuideOption = None,
) -> None:
    """Où tu en es : chaque étape, la prochaine question, les prochaines actions."""
    from reconversion.adapters.storage.locations import data_home, profile_path
    from reconversion.core.status import build_status

    guide = load_guide(guide_path)
    answers: dict[str, Any] = {}
    steps: dict[str, StepRow] = {}
    followup: FollowUpSummary | None = None
    interests: InterestsSummary | None = None
    path = profile_path(data_home(), profile)
    with opened(profile, mention_others=False) as store:  # dit plus bas, après « pas commencé »
        if store is not None:
            answers, steps = store.answers(), store.step_rows()
            if store.unreadable:
                print(_unreadable_warning(store.unreadable, profile), file=sys.stderr)
            from reconversion.commands.common.followup_state import followup_report

            interests, interest_facts = _interests(store)
            followup = followup_report(store, guide, interest_facts=interest_facts)
    report = build_status(
        guide, answers, steps, profile=profile, store_path=str(path), followup=followup, interests=interests
    )
    if as_json:
        from reconversion.adapters.screen.json_output import print_json

        print_json(report)
        return
    if not report["started"]:
        print(f"Tu n'as pas encore commencé. Lance « {hint('start', profile)} » pour répondre aux premières questions.")
        if note := other_profiles(profile):
            print(note)
        if report["overdue_actions"] or report["followups_due"]:
            from reconversion.adapters.screen.status_view import print_followup

            print_followup(report)
        return
    from reconversion.adapters.screen.status_view import print_status

    print_status(report, resume=hint("start", profile), check=hint("actions done ID", profile))
    for sentence in _late_trainings(guide, answers):
        print(f"\nAttention : {sentence}")


def _interests(store: Store) -> tuple[InterestsSummary | None, dict[str, bool]]:
    """Le résumé du test d'intérêts et ses faits (test terminé ?), d'une seule lecture de `interets.yaml`.

    Sans aucune note, le test n'est pas lu : None et « pas terminé », comme `interests_store.facts`.
    """
    from reconversion.adapters.storage import interests_store
    from reconversion.core.model import INTEREST_TEST_DONE

    answers = interests_store.load_answers(store)
    if not answers:
        return None, {INTEREST_TEST_DONE: False}
    from reconversion.adapters.content import metiers_files
    from reconversion.core.riasec import facts, score

    test = metiers_files.interest_test()
    return score(test, answers).summary(), facts(test, answers)


def _late_trainings(guide: Any, answers: dict[str, Any]) -> list[str]:
    """A14 : une formation visée qui ne peut pas finir avant la date cible, redite à chaque `status`."""
    from reconversion.core.engine import catalogue_choices
    from reconversion.core.question_ids import TARGET_QUESTION

    codes = catalogue_choices(guide, answers, "metiers")
    if not codes or answers.get(TARGET_QUESTION) is None:  # sans date cible, rien à comparer
        return []
    from reconversion.adapters.content.metiers_files import training_facts
    from reconversion.commands.common.today import plan_date
    from reconversion.core.training_fit import late_training_sentences

    titles, durations = training_facts()  # intitulés et durées seulement, pas tout le catalogue
    metiers = [{"code": c, "title": titles[c], "training_duration": durations.get(c)} for c in codes if c in titles]
    return list(late_training_sentences(guide, metiers, answers, plan_date()))


def _unreadable_warning(unreadable: list[str], profile: str) -> str:
    """Des réponses abîmées ne bloquent pas `status` : elles sont signalées, et reposées par `start`."""
    damaged = count_of(len(unreadable), "réponse abîmée")
    if len(unreadable) == 1:
        read, again = "n'a pas pu être lue", "elle te sera reposée"
    else:
        read, again = "n'ont pas pu être lues", "elles te seront reposées"
    names = ", ".join(unreadable[:5])
    return f"Attention : {damaged} dans ton carnet {read} ({names}) ; {again} par « {hint('start', profile)} »."
