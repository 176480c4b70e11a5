"""Le calendrier de la reconversion : d'aujourd'hui à la date visée, tout ce qui est daté, mois par mois.

Pur : reçoit le guide, les réponses, les actions (déjà fusionnées par `followup.action_items`)
et les contacts ; rend des données simples, les mêmes pour le terminal, `--json` et la section
« Calendrier » du plan Markdown. Les retards viennent d'abord ; un délai légal qui ne peut plus
être tenu est signalé avec ce que le guide conseille de faire (`missed`), jamais comme un
simple retard silencieux.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from reconversion.core import engine, model
from reconversion.core.dates import french_date, month_index
from reconversion.core.deadlines import answer_day, iso_day, missed_deadlines
from reconversion.core.followup import ActionItem, public_id
from reconversion.core.question_ids import TARGET_QUESTION
from reconversion.core.question_types import kind_of

if TYPE_CHECKING:
    from reconversion.core.schemas import EntryJson, EntryKind, TimelineJson

# La sorte d'un évènement : un identifiant (valeur de `calendrier --json`), montré par sa marque (`KIND_MARKS`).
KIND_DATE: Final = "date"  # une date donnée par la personne (début de formation, démission…)
KIND_GUIDE: Final = "guide"  # une action du guide
KIND_OWN: Final = "own"  # une action de la personne
KIND_FOLLOW_UP: Final = "follow_up"  # la relance d'un contact
MAX_MONTHS = 120  # dix ans : au-delà (une date tapée en 2099), les évènements sont rangés dans « later »


class Entry(NamedTuple):
    day: dt.date
    kind: "EntryKind"
    id: str
    text: str
    overdue: bool = False
    missed: bool = False
    advice: str = ""  # que faire quand un délai ne peut plus être tenu (texte du guide)
    rule: str = ""  # la règle en mots (`deadlines.rule_text`), pour un délai impossible


def person_dates(guide: model.Guide, answers: Mapping[str, Any]) -> list[Entry]:
    """Les dates répondues aux questions de type date qui s'appliquent."""
    entries = []
    for question in engine.applicable_questions(guide, answers):
        day = answer_day(answers, question.id) if kind_of(question).dated else None
        if day is not None:
            entries.append(Entry(day, KIND_DATE, question.id, question.title))
    return entries


def build_timeline(
    guide: model.Guide,
    answers: Mapping[str, Any],
    items: Sequence[ActionItem],
    contacts: Sequence[Mapping[str, Any]],
    today: dt.date,
) -> dict[str, Any]:
    """Le calendrier : retards d'abord, puis les mois d'aujourd'hui à la date visée (ou au dernier évènement).

    Renvoie `{today, target, missed, overdue, months: [{year, month, title, entries}], later, undated}` ;
    `later` : ce qui tombe au-delà de `MAX_MONTHS` mois.
    """
    missed = {m.id: m for m in missed_deadlines(guide, items, answers)}
    entries: list[Entry] = person_dates(guide, answers)
    undated: list[Entry] = []
    for item in items:
        if item.done:
            continue
        kind: EntryKind = KIND_GUIDE if item.guide_action_id else KIND_OWN
        if item.due is None:
            undated.append(Entry(today, kind, item.id, item.text))
            continue
        info = missed.get(item.id)
        entries.append(
            Entry(
                item.due,
                kind,
                item.id,
                item.text,
                overdue=item.due < today,
                missed=item.missed,  # aussi une préparation qui n'a plus sa marge (dite une fois par date)
                advice=info.advice if info else "",
                rule=info.rule if info else "",
            )
        )
    for row in contacts:
        day = iso_day(row.get("follow_up"))
        if day is not None:
            label = str(row["name"]) + (f" ({row['organisation']})" if row.get("organisation") else "")
            entries.append(Entry(day, KIND_FOLLOW_UP, public_id("c", int(row["id"])), label, overdue=day < today))
    overdue = sorted((e for e in entries if e.overdue), key=_order)
    ahead = sorted((e for e in entries if e.day >= today), key=_order)
    target = answer_day(answers, TARGET_QUESTION)
    last = max([today, *(e.day for e in ahead)])
    end = max(target, last) if target else last
    end_index = min(month_index(end), month_index(today) + MAX_MONTHS - 1)
    by_month: dict[int, list[Entry]] = {}
    for entry in ahead:
        by_month.setdefault(month_index(entry.day), []).append(entry)
    months = []
    for index in range(month_index(today), end_index + 1):
        year, month = divmod(index, 12)
        inside = by_month.get(index, [])
        months.append(
            {
                "year": year,
                "month": month + 1,
                "title": french_date(dt.date(year, month + 1, 1).isoformat()).split(" ", 1)[1],
                "entries": inside,
            }
        )
    return {
        "today": today,
        "target": target,
        "missed": list(missed.values()),
        "overdue": overdue,
        "months": months,
        "later": [e for e in ahead if month_index(e.day) > end_index],
        "undated": undated,
    }


def _order(entry: Entry) -> tuple[Any, ...]:
    rank = {KIND_DATE: 0, KIND_GUIDE: 1, KIND_OWN: 2, KIND_FOLLOW_UP: 3}[entry.kind]
    return (entry.day, rank, entry.id)


def entry_json(entry: Entry) -> "EntryJson":
    return {
        "date": entry.day.isoformat(),
        "kind": entry.kind,
        "id": entry.id,
        "text": entry.text,
        "overdue": entry.overdue,
        "missed": entry.missed,
        "advice": entry.advice or None,
        "rule": entry.rule or None,
    }


def timeline_json(timeline: Mapping[str, Any]) -> "TimelineJson":
    """Le calendrier pour `--json` : dates ISO, une liste par mois."""
    return {
        "today": timeline["today"].isoformat(),
        "target": timeline["target"].isoformat() if timeline["target"] else None,
        "missed": [
            {
                "id": m.id,
                "text": m.text,
                "due": m.due.isoformat(),
                "rule": m.rule,
                "advice": m.advice,
                "squeezed": m.squeezed,
            }
            for m in timeline["missed"]
        ],
        "overdue": [entry_json(e) for e in timeline["overdue"]],
        "months": [
            {
                "month": f"{m['year']:04d}-{m['month']:02d}",
                "title": m["title"],
                "entries": [entry_json(e) for e in m["entries"]],
            }
            for m in timeline["months"]
        ],
        "later": [entry_json(e) for e in timeline["later"]],
        "undated": [{"kind": e.kind, "id": e.id, "text": e.text} for e in timeline["undated"]],
    }


# --- Markdown (section « Calendrier » du plan) ----------------------------------------------------

# La marque d'un évènement, à l'écran (`calendrier`) comme dans le plan.
KIND_MARKS: "Final[dict[EntryKind, str]]" = {KIND_DATE: "•", KIND_GUIDE: "☐", KIND_OWN: "☐", KIND_FOLLOW_UP: "☎"}


# Dans le plan, une date visée porte l'étoile de l'image des mois (« • » y doublait la puce de la liste).
_PLAN_MARKS: "Final[dict[EntryKind, str]]" = {KIND_DATE: "★"}


def timeline_markdown(timeline: Mapping[str, Any]) -> str:
    """Le corps de la section « Calendrier » (sans titre) : délais dépassés, retards, puis mois par mois."""
    from reconversion.core.markdown_text import escape_inline  # seulement pour le plan

    blocks = []
    if timeline["missed"]:
        lines = []
        for m in timeline["missed"]:
            when = french_date(m.due.isoformat())
            lines.append(
                f"- ⚠ **{escape_inline(m.text)}** — à faire au plus tard le {when} "
                f"({escape_inline(m.rule)}) : ce délai ne peut plus être tenu. {escape_inline(m.advice)}"
            )
        blocks += ["### Délais impossibles à tenir", "\n".join(lines)]
    late = [e for e in timeline["overdue"] if not e.missed]
    if late:
        lines = [f"- ⚠ {french_date(e.day.isoformat())} — {escape_inline(entry_label(e))} (en retard)" for e in late]
        blocks += ["### En retard", "\n".join(lines)]
    for month in timeline["months"]:
        if not month["entries"]:
            continue
        lines = [
            f"- {_day_text(e.day)} — {entry_mark(e, _PLAN_MARKS.get(e.kind))} {escape_inline(entry_label(e))}"
            for e in month["entries"]
        ]
        blocks += [f"### {month['title'].capitalize()}", "\n".join(lines)]
    if timeline["later"]:
        lines = [f"- {french_date(e.day.isoformat())} — {escape_inline(entry_label(e))}" for e in timeline["later"]]
        blocks += ["### Plus tard", "\n".join(lines)]
    if not blocks:
        return ""
    return "\n\n".join(blocks) + "\n"


def entry_label(entry: Entry) -> str:
    """Ce qu'on lit pour un évènement : « Relancer Lou (CCI) », « Ta date : … », ou le texte de l'action
    (suivi de « délai impossible à tenir » pour une préparation qui n'a plus sa marge, à faire quand même)."""
    if entry.kind == KIND_FOLLOW_UP:
        return f"Relancer {entry.text}"
    if entry.kind == KIND_DATE:
        return f"Ta date : {entry.text}"
    return f"{entry.text} — délai impossible à tenir" if entry.missed else entry.text


def entry_mark(entry: Entry, mark: str | None = None) -> str:
    """La marque d'un évènement : « ⚠ » pour un délai impossible à tenir, sinon `mark` ou celle de sa sorte."""
    return "⚠" if entry.missed else mark or KIND_MARKS[entry.kind]


def _day_text(day: dt.date) -> str:
    """« 3 mars » (le mois est déjà dans le titre de la section)."""
    return french_date(day.isoformat()).rsplit(" ", 1)[0]
