"""Le suivi tel qu'il est aujourd'hui : la liste fusionnée des actions (guide et personnelles),
et ce que `status` en montre (retards, relances proches).

Une seule lecture du carnet pour `actions`, `calendrier` et `status` (les exports ont la leur,
`core.plan_data`, qui applique les mêmes règles),
pour que tous montrent les mêmes dates.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from reconversion.commands.common.today import plan_date

if TYPE_CHECKING:
    from reconversion.adapters.storage.store import Store
    from reconversion.core.followup import ActionItem
    from reconversion.core.model import Guide
    from reconversion.core.schemas import ActionRow, FollowUpSummary


def action_state(
    guide: Guide,
    store: Store | None,
    day: dt.date,
    *,
    ordered: bool = True,
    alerts_only: bool = False,
    interest_facts: dict[str, bool] | None = None,
) -> tuple[dict[str, Any], list[ActionRow], list[ActionItem]]:
    """Les réponses, les lignes d'actions du carnet et la liste fusionnée du jour.

    `interest_facts` : les faits du test d'intérêts quand l'appelant les a déjà (`status` lit le test une fois).
    """
    from reconversion.adapters.storage import followup_store
    from reconversion.core.followup import action_items, step_start_days

    if store is None:
        return {}, [], []
    from reconversion.adapters.storage.interests_store import facts

    answers = followup_store.readable_answers(store)
    rows = followup_store.action_rows(store, alerts_on=day if alerts_only else None)
    starts = step_start_days(followup_store.answer_starts(store))
    if interest_facts is None:
        interest_facts = facts(store)
    with_facts = {**answers, **interest_facts}  # les faits (test d'intérêts terminé…) ciblent aussi les actions
    items = action_items(guide, with_facts, rows, base_day=day, today=day, step_starts=starts, ordered=ordered)
    return answers, rows, items


def followup_report(
    store: Store | None, guide: Guide, day: dt.date | None = None, interest_facts: dict[str, bool] | None = None
) -> FollowUpSummary:
    """Les actions en retard et les relances proches d'un profil (vide s'il n'existe pas), pour `status`."""
    from reconversion.adapters.storage import followup_store
    from reconversion.core.followup import followup_summary

    day = day or plan_date()
    if store is None:
        return followup_summary([], [], day)
    from reconversion.core.dates import SOON_DAYS

    # Le résumé ne montre que ce qui reste à faire, et le trie lui-même.
    answers, _rows, items = action_state(
        guide, store, day, ordered=False, alerts_only=True, interest_facts=interest_facts
    )
    contacts = followup_store.contact_rows(store, follow_up_by=day + dt.timedelta(days=SOON_DAYS))
    return followup_summary(items, contacts, day, guide=guide, answers=answers)
