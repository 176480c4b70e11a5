"""Les mois à venir du plan : ce qui est daté (échéances d'actions, dates visées), mois par mois.

Pur : les données du carnet et la date du plan en entrée, des mois en sortie. Le dessin est
fait ailleurs (`plan_svg.calendar_svg`). Un événement a un genre (`kind`) : les actions à faire
(et les relances de contacts, comptées comme des actions) et les dates répondues dans le guide.
Les échéances des actions sont celles du rétroplanning (`core.deadlines`, via
`followup.action_items`) : les mêmes que `reconversion calendrier`, le plan Markdown et l'agenda.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from reconversion.core import engine, model
from reconversion.core.dates import french_date, month_index
from reconversion.core.followup import ActionItem
from reconversion.core.question_types import kind_of

if TYPE_CHECKING:
    from reconversion.core.schemas import EventKind

KIND_ACTION: Final = "action"
KIND_TARGET: Final = "target"
# Le mot qui dit la sorte d'un évènement, dans la description de l'image du plan.
KIND_LABELS: Final[dict[EventKind, str]] = {KIND_ACTION: "action", KIND_TARGET: "date visée"}
MAX_MONTHS = 60  # cinq ans : au-delà, le calendrier deviendrait illisible ; le reste est cité « plus tard »


class CalendarEvent(NamedTuple):
    day: dt.date
    kind: EventKind
    label: str


class Month(NamedTuple):
    """Un mois du calendrier et ce qui y tombe (`overdue` : actions en retard, comptées au mois courant)."""

    year: int
    month: int
    events: tuple[CalendarEvent, ...]
    overdue: int = 0

    @property
    def actions(self) -> int:
        return sum(1 for event in self.events if event.kind == KIND_ACTION)

    @property
    def targets(self) -> tuple[CalendarEvent, ...]:
        return tuple(event for event in self.events if event.kind == KIND_TARGET)


class Calendar(NamedTuple):
    months: tuple[Month, ...]
    later: tuple[CalendarEvent, ...]  # après MAX_MONTHS

    @property
    def empty(self) -> bool:
        return not self.months


def plan_events(
    guide: model.Guide,
    answers: Mapping[str, Any],
    actions: Iterable[ActionItem],
    contacts: Iterable[Mapping[str, Any]] = (),
) -> list[CalendarEvent]:
    """Les échéances des actions pas encore faites, les relances datées des `contacts` (seulement si
    la personne a choisi de les inclure) et les dates répondues aux questions de type date."""
    events = [CalendarEvent(a.due, KIND_ACTION, a.text) for a in actions if a.due is not None and not a.done]
    for row in contacts:
        if row.get("follow_up"):
            events.append(
                CalendarEvent(dt.date.fromisoformat(row["follow_up"]), KIND_ACTION, f"Relancer {row['name']}")
            )
    for question in engine.applicable_questions(guide, answers):
        if not kind_of(question).dated or not isinstance(answers.get(question.id), str):
            continue
        try:
            day = dt.date.fromisoformat(answers[question.id])
        except ValueError:
            continue  # une valeur ancienne illisible : le plan Markdown l'affiche telle quelle, ici on l'ignore
        events.append(CalendarEvent(day, KIND_TARGET, question.title))
    return sorted(events, key=lambda e: (e.day, e.kind, e.label))


def months_ahead(today: dt.date, events: Sequence[CalendarEvent], max_months: int = MAX_MONTHS) -> Calendar:
    """Du mois en cours au mois du dernier événement (au plus `max_months` mois).

    Les actions en retard comptent dans le mois en cours ; une date visée déjà passée n'est plus
    « à venir » et n'est pas montrée. Sans rien de daté à venir ni en retard : calendrier vide.
    """
    overdue = sum(1 for e in events if e.kind == KIND_ACTION and e.day < today)
    ahead = [e for e in events if e.day >= today]
    if not ahead and not overdue:
        return Calendar((), ())
    first = month_index(today)
    last = max([first, *(month_index(e.day) for e in ahead)])
    end = min(last, first + max_months - 1)
    months = []
    for index in range(first, end + 1):
        year, month = divmod(index, 12)
        inside = tuple(e for e in ahead if month_index(e.day) == index)
        months.append(Month(year, month + 1, inside, overdue if index == first else 0))
    later = tuple(e for e in ahead if month_index(e.day) > end)
    return Calendar(tuple(months), later)


def month_name(year: int, month: int) -> str:
    """« mars 2027 » (les noms de mois viennent de `dates.french_date`, seule source)."""
    return french_date(dt.date(year, month, 1).isoformat()).split(" ", 1)[1]
