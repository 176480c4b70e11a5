"""`reconversion calendrier` : d'aujourd'hui à ta date visée, tes dates, tes actions et tes relances, mois par mois.

Les retards d'abord, et les délais légaux qui ne peuvent plus être tenus dits franchement, avec
ce que le guide conseille. Les dates sont celles de `actions` et de l'agenda exporté
(`export --format ics`) : une seule règle de calcul (`core.followup.action_items`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reconversion.adapters.screen.json_output import print_json
from reconversion.adapters.screen.relaunch import hint
from reconversion.adapters.screen.terminal import console
from reconversion.commands.common.followup_state import action_state
from reconversion.commands.common.options import GuideOption, JsonOption, ProfileOption
from reconversion.commands.common.profile_access import load_guide, opened
from reconversion.commands.common.today import plan_date
from reconversion.core.profile_name import DEFAULT_PROFILE


def calendrier(
    profile: ProfileOption = DEFAULT_PROFILE, as_json: JsonOption = False, guide_path: GuideOption = None
) -> None:
    """Ton calendrier, d'aujourd'hui à ta date visée : retards d'abord, puis mois par mois."""
    from reconversion.adapters.storage import followup_store
    from reconversion.core.timeline import build_timeline, timeline_json

    guide = load_guide(guide_path)
    day = plan_date()
    with opened(profile) as store:
        answers, _rows, items = action_state(guide, store, day)
        contacts = followup_store.contact_rows(store) if store is not None else []
    timeline = build_timeline(guide, answers, items, contacts, day)
    if as_json:
        print_json({"profile": profile, **timeline_json(timeline)})
        return
    _show(timeline, profile, day)


def _show(timeline: dict[str, Any], profile: str, day: dt.date) -> None:
    from reconversion.adapters.screen.terminal import inline
    from reconversion.core.dates import french_date
    from reconversion.core.timeline import KIND_DATE, entry_label, entry_mark

    out = console()
    target = timeline["target"]
    until = f" jusqu'à ta date visée, le {french_date(target.isoformat())}" if target else ""
    title = f"[bold]Ton calendrier — profil « {inline(profile)} »[/bold]"
    out.print(f"{title} (aujourd'hui : {french_date(day.isoformat())}){until}")
    empty = not any(m["entries"] for m in timeline["months"]) and not timeline["overdue"]
    if empty:
        out.print(
            "\nRien de daté pour l'instant. Réponds aux questions du guide (« "
            f"{inline(hint('start', profile))} ») : tes dates (début de formation, démission…) datent tes "
            "démarches à rebours, avec leurs délais légaux."
        )
        return
    for missed in timeline["missed"]:
        out.print(
            f"\n[red][bold]⚠ Délai impossible à tenir[/bold] : {inline(missed.text)} — il fallait le faire au plus "
            f"tard le {french_date(missed.due.isoformat())} ({inline(missed.rule)}).[/red]"
        )
        if missed.advice:
            out.print(f"  {inline(missed.advice)}")
    late = [e for e in timeline["overdue"] if not e.missed]
    if late:
        out.print("\n[bold red]En retard[/bold red]")
        for entry in late:
            line = f"⚠ {french_date(entry.day.isoformat())} — {entry_label(entry)}"
            out.print(f"  [red]{inline(line)}[/red]  [dim]{inline(entry.id)}[/dim]")
    empty_run: list[str] = []
    for month in timeline["months"]:
        if not month["entries"]:
            empty_run.append(month["title"])
            continue
        _quiet_months(out, empty_run)
        empty_run = []
        out.print(f"\n[bold]{inline(month['title'].capitalize())}[/bold]")
        for entry in month["entries"]:
            when = french_date(entry.day.isoformat()).rsplit(" ", 1)[0]
            style = "bold" if entry.kind == KIND_DATE else ""
            line = f"{when} — {entry_mark(entry)} {entry_label(entry)}"
            text = f"[{style}]{inline(line)}[/{style}]" if style else inline(line)
            ref = "" if entry.kind == KIND_DATE else f"  [dim]{inline(entry.id)}[/dim]"  # une date n'a rien à cocher
            out.print(f"  {text}{ref}")
    _quiet_months(out, empty_run)
    if timeline["later"]:
        out.print("\n[bold]Plus tard[/bold]")
        for entry in timeline["later"]:
            line = f"{french_date(entry.day.isoformat())} — {entry_label(entry)}"
            out.print(f"  {inline(line)}  [dim]{inline(entry.id)}[/dim]")
    undated = len(timeline["undated"])
    if undated:
        what = "1 action sans date" if undated == 1 else f"{undated} actions sans date"
        out.print(f"\n[dim]Et {what} : {inline(hint('actions', profile))}[/dim]")


def _quiet_months(out: Any, titles: list[str]) -> None:
    """Des mois sans rien de daté, dits en une ligne : « Mars 2027 à mai 2027 : rien de prévu »."""
    if not titles:
        return
    span = titles[0] if len(titles) == 1 else f"{titles[0]} à {titles[-1]}"
    out.print(f"\n[dim]{span[0].upper()}{span[1:]} : rien de prévu[/dim]")
