"""L'état d'avancement d'un profil, sous forme de données simples (pour l'écran et pour --json)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reconversion.core import engine, model


def build_status(
    guide: model.Guide,
    answers: Mapping[str, Any],
    step_rows: Mapping[str, Mapping[str, str | None]],
    *,
    profile: str,
    store_path: str,
    followup: Mapping[str, list[dict[str, Any]]] | None = None,
    interests: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Un dictionnaire sérialisable en JSON : le format est documenté dans le README.

    `followup` (voir `core.followup.followup_summary`) apporte les prochaines actions, les
    actions en retard et les relances de contacts passées ou dans les 7 jours ; sans lui
    (profil encore vide), ces listes sont vides.
    """
    steps = engine.progress(guide, answers)
    report_steps = []
    for item in steps:
        row = step_rows.get(item.step.id, {})
        report_steps.append(
            {
                "id": item.step.id,
                "title": item.step.title,
                "answered": item.answered,
                "applicable": item.applicable,
                "done": item.done,
                "state": item.state,
                "state_label": engine.STATE_LABELS[item.state],
                "last_activity": row.get("last_activity_at"),
                "completed_at": row.get("completed_at"),
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
        "next_actions": list((followup or {}).get("next_actions", [])),
        # Délais du guide qui ne peuvent plus être tenus : {id, text, due, rule, advice}.
        "missed_deadlines": list((followup or {}).get("missed_deadlines", [])),
        "overdue_actions": list((followup or {}).get("overdue_actions", [])),
        "followups_due": list((followup or {}).get("followups_due", [])),
        # Test d'intérêts : None s'il n'a pas été commencé, sinon {answered, total, complete, scores, code}.
        "interests": dict(interests) if interests is not None else None,
    }
