"""L'état d'avancement d'un profil, sous forme de données simples (pour l'écran et pour --json)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from reconversion.core import engine, model

if TYPE_CHECKING:
    from reconversion.core.schemas import FollowUpSummary, InterestsSummary, StatusReport, StepReport, StepRow


def build_status(
    guide: model.Guide,
    answers: Mapping[str, Any],
    step_rows: Mapping[str, StepRow],
    *,
    profile: str,
    store_path: str,
    followup: FollowUpSummary | None = None,
    interests: InterestsSummary | None = None,
) -> StatusReport:
    """Un dictionnaire sérialisable en JSON : le format est documenté dans le README (`schemas.StatusReport`).

    `followup` (voir `core.followup.followup_summary`) apporte les prochaines actions, les
    actions en retard et les relances de contacts passées ou dans les 7 jours ; sans lui
    (profil encore vide), ces listes sont vides.
    """
    steps = engine.progress(guide, answers)
    report_steps: list[StepReport] = []
    for item in steps:
        row = step_rows.get(item.step.id)
        report_steps.append(
            {
                "id": item.step.id,
                "title": item.step.title,
                "answered": item.answered,
                "applicable": item.applicable,
                "done": item.done,
                "state": item.state,
                "state_label": engine.STATE_LABELS[item.state],
                "last_activity": row["last_activity_at"] if row else None,
                "completed_at": row["completed_at"] if row else None,
                "next_question": (
                    {
                        "id": item.next_question.id,
                        "prompt": item.next_question.prompt,
                        "label": item.next_question.title,
                    }
                    if item.next_question
                    else None
                ),
            }
        )
    return {
        "profile": profile,
        "store": store_path,
        "guide": {"id": guide.id, "version": guide.version},
        "started": bool(answers),
        "percent": engine.overall_percent(steps),
        "complete": all(s.done for s in steps),
        "steps": report_steps,
        "next_actions": list(followup["next_actions"]) if followup else [],
        # Délais du guide qui ne peuvent plus être tenus : {id, text, due, rule, advice}.
        "missed_deadlines": list(followup["missed_deadlines"]) if followup else [],
        "overdue_actions": list(followup["overdue_actions"]) if followup else [],
        "followups_due": list(followup["followups_due"]) if followup else [],
        # Test d'intérêts : None s'il n'a pas été commencé, sinon {answered, total, complete, scores, code}.
        "interests": interests.copy() if interests is not None else None,
    }
