"""Le calendrier du suivi au format iCalendar (RFC 5545), pour l'importer dans un agenda.

Pur : reçoit les actions, les contacts et l'instant de l'export ; rend le texte du fichier.
Chaque échéance devient un évènement « journée entière » (VEVENT avec DTSTART en VALUE=DATE) :
c'est la forme que les agendas courants importent tous, contrairement aux tâches VTODO.
Les UID sont stables (`action-<id>.<profil>@reconversion.local`) : réimporter le fichier met
à jour les évènements au lieu de les dupliquer. Les notes des contacts n'y figurent pas :
un agenda est souvent synchronisé en ligne, et ce sont les données d'autres personnes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reconversion.core import model
from reconversion.core.dates import from_iso
from reconversion.core.followup import ActionItem, public_id, step_title
from reconversion.core.profile_name import profile_suffix

if TYPE_CHECKING:
    from reconversion.core.plan_data import Plan

PRODID = "-//reconversion//Suivi de reconversion//FR"
UID_DOMAIN = "reconversion.local"


@dataclass(frozen=True)
class CalendarEntry:
    """Un évènement d'une journée : identifiant stable, jour, titre, description."""

    uid: str
    day: dt.date
    summary: str
    description: str = ""


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def calendar_entries(
    items: Sequence[ActionItem],
    contacts: Sequence[Mapping[str, Any]],
    guide: model.Guide,
    *,
    profile: str,
    program: str = "reconversion",
) -> list[CalendarEntry]:
    """Les actions datées encore à faire, puis les relances datées, par date ; `program` : l'outil tel que
    la personne le lance, dans les commandes rappelées (C3)."""
    entries: list[CalendarEntry] = []
    advice = {action.id: action.missed for action in guide.actions}
    for item in items:
        if item.done or item.due is None:
            continue
        # Un délai légal qui ne peut plus être tenu le dit aussi dans l'agenda, avec le conseil du guide.
        # Une préparation qui n'a plus sa marge prend le conseil commun du guide (`messages`).
        said = guide.message(model.SQUEEZED_ADVICE_MESSAGE) if item.squeezed_by else advice.get(item.id, "")
        missed = f"Délai impossible à tenir : {said}\n" if item.missed else ""
        entries.append(
            CalendarEntry(
                uid=f"action-{item.id}.{profile}@{UID_DOMAIN}",
                day=item.due,
                summary=_one_line(item.text),
                description=(
                    f"{step_title(guide, item.step_id)}\n{missed}"
                    f"Une fois faite : {program} actions done {item.id}{_profile_flag(profile)}"
                ),
            )
        )
    for row in contacts:
        day = from_iso(row.get("follow_up"))
        if day is None:
            continue
        identifier = public_id("c", int(row["id"]))
        organisation = _one_line(row.get("organisation") or "")
        role = _one_line(row.get("role") or "")
        about = ", ".join(part for part in (role, organisation) if part)
        entries.append(
            CalendarEntry(
                uid=f"contact-{identifier}.{profile}@{UID_DOMAIN}",
                day=day,
                summary=f"Relancer {_one_line(row['name'])}" + (f" ({organisation})" if organisation else ""),
                description=(
                    (f"{about}\n" if about else "")
                    + f"Prochaine relance à noter : {program} contacts edit {identifier} --follow-up +2s"
                    + _profile_flag(profile)
                ),
            )
        )
    return sorted(entries, key=lambda e: (e.day, e.uid))


def _profile_flag(profile: str) -> str:
    return profile_suffix(profile)


def build_calendar(entries: Sequence[CalendarEntry], *, now: dt.datetime, name: str) -> str:
    """Le fichier .ics complet (lignes terminées par CRLF, comme le veut la RFC 5545).

    `now` (horodatage DTSTAMP) est fourni par l'appelant : deux exports du même jour sont identiques.
    icalendar (et dateutil, ctypes…) n'est importé qu'ici : `export` en Markdown importe ce module pour
    `EmptyCalendar` et ne paie pas ~40 ms d'imports.
    """
    from icalendar import Calendar, Event

    stamp = now.astimezone(dt.timezone.utc).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + dt.timedelta(days=1))
        event.add("summary", entry.summary)
        if entry.description:
            event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical.decode("utf-8")


class EmptyCalendar(ValueError):
    """Aucune échéance : la RFC 5545 veut au moins un évènement, un agenda vide serait refusé."""


def render_calendar(plan: Plan) -> str:
    """L'agenda des actions datées encore à faire et des relances de tous les contacts du plan."""
    entries = calendar_entries(
        plan.actions, plan.contacts, plan.guide, profile=plan.profile, program=plan.synthesis.command
    )
    if not entries:
        raise EmptyCalendar
    return build_calendar(entries, now=plan.now, name=f"Reconversion — {plan.profile}")
