"""Le suivi dans la durée : la liste d'actions, les expériences, les contacts, en données simples.

Pur : reçoit le guide, les réponses, les lignes lues dans le carnet et la date du jour ;
ne lit ni n'écrit rien. Les actions du guide qui s'appliquent aux réponses n'existent dans
le carnet qu'à partir du moment où la personne les coche ou les modifie. Leur échéance est
calculée par `deadlines.resolve_dues` (à rebours depuis les dates de la personne, ou depuis le
jour de départ de l'étape) ; une ligne du carnet ne la fige que si la personne l'a fixée à la
main (`due_by_hand`).

Identifiants montrés à la personne (stables d'une fois sur l'autre) :
- une action du guide garde l'id du guide (`bilan_rdv_cep`) ;
- une action personnelle est `p` + le numéro de sa ligne (`p1`, `p2`…, jamais réutilisé) ;
- une expérience est `e` + son numéro (`e1`…), un contact `c` + son numéro (`c1`…).
"""

import datetime as dt
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from reconversion.core import engine, model
from reconversion.core.dates import SOON_DAYS, due_label, french_date, from_iso, is_due_soon, is_overdue
from reconversion.core.lazy_pattern import LazyPattern
from reconversion.core.limits import MAX_ID
from reconversion.errors import AnswerError

if TYPE_CHECKING:
    from reconversion.core.schemas import (
        ActionJson,
        ActionSource,
        ActionStatus,
        ContactChanges,
        ContactJson,
        ExperienceJson,
        FollowUpDue,
        FollowUpStatus,
        FollowUpSummary,
        MissedDeadline,
        NextAction,
        OverdueAction,
    )

# Des identifiants (valeurs de `--json`) ; le mot montré à la personne est dans les tables `*_LABELS`.
SOURCE_GUIDE: Final = "guide"
SOURCE_PERSONAL: Final = "own"

STATUS_OVERDUE: Final = "overdue"
STATUS_TODAY: Final = "today"
STATUS_TODO: Final = "todo"
STATUS_DONE: Final = "done"
STATUS_LABELS: "Final[dict[ActionStatus, str]]" = {
    STATUS_OVERDUE: "en retard",
    STATUS_TODAY: "aujourd'hui",
    STATUS_TODO: "à faire",
    STATUS_DONE: "faite",
}

# La relance d'un contact : en retard, aujourd'hui, dans les 7 jours, plus tard.
FOLLOW_UP_OVERDUE: Final = "overdue"
FOLLOW_UP_TODAY: Final = "today"
FOLLOW_UP_SOON: Final = "soon"
FOLLOW_UP_LATER: Final = "later"
FOLLOW_UP_LABELS: "Final[dict[FollowUpStatus, str]]" = {
    FOLLOW_UP_OVERDUE: "en retard",
    FOLLOW_UP_TODAY: "aujourd'hui",
    FOLLOW_UP_SOON: "bientôt",
    FOLLOW_UP_LATER: "plus tard",
}

OTHER_GROUP_TITLE = "Autres actions"
NEXT_ACTIONS_LIMIT = 5

# Les sortes d'expériences (étape 4) : clé enregistrée -> libellé affiché.
EXPERIENCE_KINDS: dict[str, str] = {
    "stage": "Stage",
    "immersion": "Immersion professionnelle (PMSMP)",
    "benevolat": "Bénévolat",
    "projet": "Projet personnel",
    "mission": "Mission",
    "emploi": "Emploi",
}
_KIND_ALIASES = {"pmsmp": "immersion", "projet personnel": "projet", "immersion pmsmp": "immersion"}

_PREFIXED_ID = LazyPattern(r"([pec])([0-9]{1,16})")  # jusqu'à limits.MAX_ID (16 chiffres)


# --- identifiants -------------------------------------------------------------------------


def public_id(prefix: str, row_id: int) -> str:
    """`p3`, `e2`, `c1` : le numéro de ligne précédé d'une lettre qui dit de quelle liste il s'agit."""
    return f"{prefix}{row_id}"


def parse_row_id(text: str, prefix: str) -> int | None:
    """Le numéro de ligne d'un identifiant `p3` (ou `3` pour les expériences et contacts) ; None sinon."""
    raw = text.strip().casefold()
    match = _PREFIXED_ID.fullmatch(raw)
    if match and match[1] == prefix:
        return _in_range(int(match[2]))
    if prefix != "p" and raw.isascii() and raw.isdigit() and len(raw) <= 16:
        return _in_range(int(raw))
    return None


def _in_range(row_id: int) -> int | None:
    """Un numéro de ligne possible (`core/limits.py`) : tout numéro affiché se tape."""
    return row_id if 1 <= row_id <= MAX_ID else None


# --- actions ------------------------------------------------------------------------------------


class ActionItem(NamedTuple):
    """Une action telle que la personne la voit : du guide ou à elle, avec son état du jour."""

    id: str
    source: "ActionSource"
    step_id: str | None
    text: str
    due: dt.date | None
    done_at: str | None
    status: "ActionStatus"
    row_id: int | None = None
    guide_action_id: str | None = None
    order: int = 0
    due_by_hand: bool = False  # échéance fixée à la main (`actions edit --due`) : elle ne suit plus les dates
    missed: bool = False  # délai du guide qui ne peut plus être tenu (voir `deadlines.is_missed`)
    # une préparation qui n'a plus sa marge : (événement qu'elle prépare, question de la date), voir `deadlines`
    squeezed_by: "tuple[dt.date, str] | None" = None

    @property
    def done(self) -> bool:
        return self.done_at is not None


def step_start_days(answer_rows: Sequence[Mapping[str, Any]]) -> dict[str, dt.date]:
    """Le jour (local) de la première réponse de chaque étape, d'après les lignes `answers` du carnet.

    Les échéances des actions du guide partent de là : une action de l'étape 4 n'est pas
    « en retard » avant que la personne n'ait commencé l'étape 4.
    """
    starts: dict[str, dt.date] = {}
    for row in answer_rows:
        if row.get("archived"):
            continue
        try:
            day = dt.datetime.fromisoformat(str(row["answered_at"])).astimezone().date()
        except (KeyError, ValueError):
            continue
        step_id = str(row.get("step_id"))
        if step_id not in starts or day < starts[step_id]:
            starts[step_id] = day
    return starts


def action_status(due: dt.date | None, done_at: str | None, today: dt.date) -> "ActionStatus":
    if done_at is not None:
        return STATUS_DONE
    if is_overdue(due, today):
        return STATUS_OVERDUE
    if due == today:
        return STATUS_TODAY
    return STATUS_TODO


def action_items(
    guide: model.Guide,
    answers: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]],
    *,
    base_day: dt.date,
    today: dt.date,
    step_starts: Mapping[str, dt.date] | None = None,
    ordered: bool = True,
) -> list[ActionItem]:
    """Fusionne les actions du guide qui s'appliquent et les lignes du carnet ; trié (voir `sort_items`).

    L'échéance par défaut d'une action du guide part du premier jour de son étape
    (`step_starts`, voir `step_start_days`) : tant que l'étape n'est pas commencée, l'action
    n'a pas encore de date. Sans `step_starts`, toutes partent de `base_day`. `ordered=False`
    évite le tri quand l'appelant trie lui-même (résumé de `status`).

    Une ligne d'action du guide qui ne s'applique plus reste cachée (sans être effacée),
    sauf si elle est faite : ce qui a été fait ne disparaît pas de l'historique.
    Une action retirée (`removed`) n'apparaît plus. Sans aucune réponse, seules les actions
    personnelles sont listées.
    """
    from reconversion.core.deadlines import is_missed, resolve_dues, row_by_hand

    by_guide_id = {row["guide_action_id"]: row for row in rows if row.get("guide_action_id")}
    known = {action.id: action for action in guide.actions}
    # Tant que la personne n'a rien répondu, le guide ne lui propose encore rien (comme `status`).
    applicable = (
        engine.applicable_action_ids(guide, answers)
        if any(not key.startswith(model.FACT_PREFIX) for key in answers)  # les faits seuls ne comptent pas
        else set()
    )
    squeezed: dict[str, tuple[dt.date, str]] = {}
    dues = resolve_dues(
        guide,
        answers,
        by_guide_id,
        step_starts=step_starts,
        base_day=base_day,
        applicable=applicable,
        squeezed=squeezed,
    )
    items: list[ActionItem] = []
    for order, action in enumerate(guide.actions):
        row = by_guide_id.get(action.id)
        if row is None:
            if action.id in applicable:
                due = dues.get(action.id)
                items.append(
                    ActionItem(
                        id=action.id,
                        source=SOURCE_GUIDE,
                        step_id=action.step_id,
                        text=action.text,
                        due=due,
                        done_at=None,
                        status=action_status(due, None, today),
                        guide_action_id=action.id,
                        order=order,
                        missed=is_missed(action, due, done=False, by_hand=False, today=today) or action.id in squeezed,
                        squeezed_by=squeezed.get(action.id),
                    )
                )
            continue
        if row.get("removed") or (action.id not in applicable and not row.get("done_at")):
            continue
        item = _from_row(row, action.id, today, order, step_id=row.get("step_id") or action.step_id)
        by_hand = row_by_hand(row)
        due = item.due if by_hand else dues.get(action.id)
        squeeze = None if by_hand or item.done else squeezed.get(action.id)
        items.append(
            item._replace(
                due=due,
                status=action_status(due, item.done_at, today),
                due_by_hand=by_hand,
                missed=is_missed(action, due, done=item.done, by_hand=by_hand, today=today) or squeeze is not None,
                squeezed_by=squeeze,
            )
        )
    items = _only_first_missed(items, known)
    extra = len(known)
    for row in rows:
        guide_id = row.get("guide_action_id")
        if row.get("removed") or guide_id in known:
            continue
        identifier = guide_id or public_id("p", int(row["id"]))
        items.append(_from_row(row, identifier, today, extra + int(row["id"]), step_id=row.get("step_id")))
    return sort_items(items, guide) if ordered else items


def _only_first_missed(items: list[ActionItem], known: Mapping[str, model.Action]) -> list[ActionItem]:
    """Un délai n'est « impossible » que pour sa propre règle : une action datée depuis une action
    déjà impossible (le positionnement avant la demande d'absence, par exemple) reste un simple retard,
    pour ne pas répéter deux fois la même mauvaise nouvelle."""
    missed = {item.id for item in items if item.missed}
    result = []
    for item in items:
        action = known.get(item.guide_action_id or "")
        due = action.due if action is not None else None
        if item.missed and due is not None and due.anchor_kind == "action" and due.anchor in missed:
            item = item._replace(missed=False)
        result.append(item)
    return result


def _from_row(
    row: Mapping[str, Any], identifier: str, today: dt.date, order: int, *, step_id: str | None
) -> ActionItem:
    due = from_iso(row.get("due_date"))
    done_at = row.get("done_at")
    return ActionItem(
        id=identifier,
        source=SOURCE_GUIDE if row.get("guide_action_id") else SOURCE_PERSONAL,
        step_id=step_id,
        text=str(row["text"]),
        due=due,
        done_at=done_at,
        status=action_status(due, done_at, today),
        row_id=int(row["id"]),
        guide_action_id=row.get("guide_action_id"),
        order=order,
        due_by_hand=not row.get("guide_action_id"),  # une action à toi : sa date est toujours la tienne
    )


def sort_items(items: Sequence[ActionItem], guide: model.Guide) -> list[ActionItem]:
    """Par étape dans l'ordre du guide (actions sans étape à la fin), puis dans chaque étape :
    à faire avant faites ; parmi celles à faire, les retards d'abord puis par date, sans date en dernier."""
    ranks = {step.id: index for index, step in enumerate(guide.steps)}
    unknown, loose = len(ranks), len(ranks) + 1  # étape inconnue de ce guide, puis sans étape

    def key(item: ActionItem) -> tuple[Any, ...]:
        step = item.step_id
        group = (ranks[step], "") if step in ranks else ((unknown, step) if step is not None else (loose, ""))
        if item.done:
            within = (2, item.done_at or "", "")
        elif item.due is not None:
            within = (0, item.due.isoformat(), "")
        else:
            within = (1, "", "")
        return (*group, *within, item.order)

    return sorted(items, key=key)


_step_index: tuple[model.Guide, dict[str, tuple[int, model.Step]]] | None = None


def _steps_by_id(guide: model.Guide) -> dict[str, tuple[int, model.Step]]:
    """`id d'étape -> (numéro, étape)`, gardé pour le dernier guide vu : un titre par action
    reste en temps constant (chercher l'étape dans la liste rendait `actions` quadratique)."""
    global _step_index
    if _step_index is None or _step_index[0] is not guide:
        _step_index = (guide, {step.id: (number, step) for number, step in enumerate(guide.steps, start=1)})
    return _step_index[1]


def step_title(guide: model.Guide, step_id: str | None) -> str:
    found = _steps_by_id(guide).get(step_id) if step_id else None
    if found is not None:
        return f"{found[0]}. {found[1].title}"
    return OTHER_GROUP_TITLE if step_id is None else f"Étape « {step_id} »"


def groups(items: Sequence[ActionItem], guide: model.Guide) -> list[tuple[str | None, str, list[ActionItem]]]:
    """Les actions (déjà triées) regroupées par étape : (id d'étape, titre, actions)."""
    result: list[tuple[str | None, str, list[ActionItem]]] = []
    for item in items:
        if not result or result[-1][0] != item.step_id:
            result.append((item.step_id, step_title(guide, item.step_id), []))
        result[-1][2].append(item)
    return result


def find_action(items: Sequence[ActionItem], identifier: str) -> ActionItem | None:
    wanted = identifier.strip()
    for item in items:
        if item.id == wanted or item.id.casefold() == wanted.casefold():
            return item
    return None


def action_json(item: ActionItem, guide: model.Guide, today: dt.date) -> "ActionJson":
    """Une action pour `--json` : les dates en ISO, l'état en identifiant et en toutes lettres."""
    return {
        "id": item.id,
        "source": item.source,
        "step": item.step_id,
        "step_title": step_title(guide, item.step_id),
        "text": item.text,
        "due": item.due.isoformat() if item.due else None,
        "status": item.status,
        "status_label": STATUS_LABELS[item.status],
        "overdue": item.status == STATUS_OVERDUE,
        "missed": item.missed,
        "due_by_hand": item.due_by_hand,
        "done": item.done,
        "done_at": item.done_at,
    }


# --- contacts ---------------------------------------------------------------------------------------


def contact_changes(
    *,
    name: str | None = None,
    organisation: str | None = None,
    role: str | None = None,
    met_how: str | None = None,
    notes: str | None = None,
) -> "ContactChanges":
    """Les champs donnés d'un contact, tels qu'on les enregistre : sur une ligne aux espaces simples
    (nom, organisation, rôle, rencontre), les notes sans blancs autour. Les champs non donnés (None)
    restent absents : `contacts edit` ne change qu'eux. Une seule règle pour l'ajout, le formulaire
    et la modification."""
    changes: ContactChanges = {}
    if name is not None:
        changes["name"] = " ".join(name.split())
    if organisation is not None:
        changes["organisation"] = " ".join(organisation.split())
    if role is not None:
        changes["role"] = " ".join(role.split())
    if met_how is not None:
        changes["met_how"] = " ".join(met_how.split())
    if notes is not None:
        changes["notes"] = notes.strip()
    return changes


def contact_status(follow_up: dt.date | None, today: dt.date) -> "FollowUpStatus | None":
    """L'état d'une relance : en retard, aujourd'hui, bientôt (7 jours), plus tard ; None sans date."""
    if follow_up is None:
        return None
    if is_overdue(follow_up, today):
        return FOLLOW_UP_OVERDUE
    if follow_up == today:
        return FOLLOW_UP_TODAY
    return FOLLOW_UP_SOON if is_due_soon(follow_up, today) else FOLLOW_UP_LATER


def follow_up_due(follow_up: dt.date | None, today: dt.date) -> bool:
    """Une relance à faire : date passée (jamais reportée) ou dans les 7 jours."""
    return follow_up is not None and (is_overdue(follow_up, today) or is_due_soon(follow_up, today))


def sort_contacts(rows: Sequence[Mapping[str, Any]], today: dt.date) -> list[Mapping[str, Any]]:
    """Les relances à faire d'abord (la plus ancienne en tête), puis les autres par date, puis sans date."""

    def key(row: Mapping[str, Any]) -> tuple[Any, ...]:
        follow_up = from_iso(row.get("follow_up"))
        rank = 0 if follow_up_due(follow_up, today) else (1 if follow_up else 2)
        return (rank, follow_up.isoformat() if follow_up else "", str(row["name"]).casefold(), int(row["id"]))

    return sorted(rows, key=key)


def contact_json(row: Mapping[str, Any], today: dt.date) -> "ContactJson":
    follow_up = from_iso(row.get("follow_up"))
    status = contact_status(follow_up, today)
    return {
        "id": public_id("c", int(row["id"])),
        "name": row["name"],
        "organisation": row.get("organisation") or "",
        "role": row.get("role") or "",
        "met_how": row.get("met_how") or "",
        "notes": row.get("notes") or "",
        "follow_up": follow_up.isoformat() if follow_up else None,
        "follow_up_status": status,
        "follow_up_status_label": FOLLOW_UP_LABELS[status] if status else None,
        "follow_up_due": follow_up_due(follow_up, today),
    }


# --- expériences -----------------------------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def parse_kind(text: str) -> str:
    """La clé d'une sorte d'expérience, depuis sa clé ou son libellé (« Bénévolat », « benevolat », « PMSMP »)."""
    wanted = _fold(text)
    for key, label in EXPERIENCE_KINDS.items():
        if wanted in (key, _fold(label)):
            return key
    if wanted in _KIND_ALIASES:
        return _KIND_ALIASES[wanted]
    possible = ", ".join(EXPERIENCE_KINDS)
    raise AnswerError(f"« {text.strip()} » n'est pas une sorte d'expérience connue (choix : {possible})")


def kind_label(kind: str) -> str:
    return EXPERIENCE_KINDS.get(kind, kind)


def period_text(start: str | None, end: str | None) -> str:
    """« du 10 janvier 2027 au 20 janvier 2027 », « depuis le … », « jusqu'au … » ou « »."""
    if start and end:
        if start == end:
            return f"le {french_date(start)}"
        return f"du {french_date(start)} au {french_date(end)}"
    if start:
        return f"depuis le {french_date(start)}"
    if end:
        return f"jusqu'au {french_date(end)}"
    return ""


def sort_experiences(rows: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Les plus récentes d'abord (date de début, sinon de fin) ; sans date à la fin."""

    def day(row: Mapping[str, Any]) -> str:
        return str(row.get("start_date") or row.get("end_date") or "")

    dated = sorted((r for r in rows if day(r)), key=lambda r: (day(r), int(r["id"])), reverse=True)
    undated = sorted((r for r in rows if not day(r)), key=lambda r: int(r["id"]), reverse=True)
    return dated + undated


def experience_json(row: Mapping[str, Any]) -> "ExperienceJson":
    return {
        "id": public_id("e", int(row["id"])),
        "kind": row["kind"],
        "kind_label": kind_label(str(row["kind"])),
        "organisation": row["organisation"],
        "start": row.get("start_date"),
        "end": row.get("end_date"),
        "learnt": row.get("learnt") or "",
    }


# --- résumé pour `status` ---------------------------------------------------------------------


def followup_summary(
    items: Sequence[ActionItem],
    contacts: Sequence[Mapping[str, Any]],
    today: dt.date,
    *,
    within_days: int = SOON_DAYS,
    guide: model.Guide | None = None,
    answers: Mapping[str, Any] | None = None,
) -> "FollowUpSummary":
    """Ce que `status` signale : les délais du guide qui ne peuvent plus être tenus (avec le conseil
    du guide, si `guide` est donné), les autres actions en retard, les relances passées ou dans
    les 7 jours, et les prochaines actions à faire (hors retards, les plus proches d'abord)."""
    missed: list[MissedDeadline] = []
    if guide is not None:
        from reconversion.core.deadlines import missed_deadlines

        missed = [
            {
                "id": m.id,
                "text": m.text,
                "due": m.due.isoformat(),
                "rule": m.rule,
                "advice": m.advice,
                "squeezed": m.squeezed,
            }
            for m in missed_deadlines(guide, items, answers)
        ]
    overdue: list[OverdueAction] = [
        {
            "id": item.id,
            "step": item.step_id,
            "text": item.text,
            "due": item.due.isoformat(),
            "days_late": (today - item.due).days,
        }
        for item in sorted(items, key=lambda i: (i.due or today, i.order))
        if not item.done and item.due is not None and is_overdue(item.due, today) and not (guide and item.missed)
    ]
    followups: list[FollowUpDue] = []
    for row in sort_contacts(contacts, today):
        follow_up = from_iso(row.get("follow_up"))
        if follow_up is None or not (is_overdue(follow_up, today) or is_due_soon(follow_up, today, within_days)):
            continue
        followups.append(
            {
                "id": public_id("c", int(row["id"])),
                "name": row["name"],
                "organisation": row.get("organisation") or "",
                "follow_up": follow_up.isoformat(),
                "late": is_overdue(follow_up, today),
                "label": due_label(follow_up, today),
            }
        )
    pending = sorted(
        (i for i in items if not i.done and not (i.due is not None and is_overdue(i.due, today))),
        key=lambda i: (i.due is None, i.due or today, i.order),
    )
    upcoming: list[NextAction] = [
        {"id": i.id, "step": i.step_id, "text": i.text, "due": i.due.isoformat() if i.due else None, "missed": i.missed}
        for i in pending[:NEXT_ACTIONS_LIMIT]
    ]
    return {
        "missed_deadlines": missed,
        "overdue_actions": overdue,
        "followups_due": followups,
        "next_actions": upcoming,
    }


# --- Markdown (pour le plan exporté) ---------------------------------------------------------------


def experiences_markdown(rows: Sequence[Mapping[str, Any]]) -> str:
    """Le corps de la section « Tes expériences » du plan (sans titre) ; « » s'il n'y en a aucune."""
    if not rows:
        return ""
    from reconversion.core.markdown_text import escape_block, escape_inline  # seulement pour le plan

    lines = []
    for row in sort_experiences(rows):
        period = period_text(row.get("start_date"), row.get("end_date"))
        suffix = f" ({period})" if period else ""
        kind = escape_inline(kind_label(str(row["kind"])))
        lines.append(f"- **{kind}** — {escape_inline(str(row['organisation']))}{suffix}")
        learnt = escape_block(row.get("learnt") or "", indent="    ")
        if learnt:
            lines.append(f"  - Ce que tu en retiens : {learnt}")
    lines.append("")
    return "\n".join(lines)


def contacts_markdown(rows: Sequence[Mapping[str, Any]]) -> str:
    """Le corps de la section « Ton réseau » du plan (sans titre, seulement avec --include-contacts)."""
    if not rows:
        return ""
    from reconversion.core.markdown_text import escape_block, escape_inline  # seulement pour le plan

    lines = []
    for row in sorted(rows, key=lambda r: (str(r["name"]).casefold(), int(r["id"]))):
        details = [str(row.get(key) or "").strip() for key in ("role", "organisation")]
        where = ", ".join(escape_inline(d) for d in details if d)
        lines.append(f"- **{escape_inline(str(row['name']))}**" + (f" — {where}" if where else ""))
        if (row.get("met_how") or "").strip():
            lines.append(f"  - Rencontre : {escape_inline(row['met_how'])}")
        if row.get("follow_up"):
            lines.append(f"  - Prochaine relance : {french_date(str(row['follow_up']))}")
        notes = escape_block(row.get("notes") or "", indent="    ")
        if notes:
            lines.append(f"  - Notes : {notes}")
    lines.append("")
    return "\n".join(lines)
