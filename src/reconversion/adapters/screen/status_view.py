"""Affiche l'état d'avancement (`reconversion status`) en texte, avec un peu de couleur.

Sans rich (voir `terminal_style`) : c'est la commande qu'on lance le plus souvent. Les listes
longues (retards, relances) sont coupées à quelques lignes, avec la commande qui les montre
en entier.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reconversion.adapters.screen.relaunch import program
from reconversion.adapters.screen.terminal import simple_mode, styled_line
from reconversion.adapters.screen.terminal_style import Style, style_for
from reconversion.core.dates import french_date
from reconversion.core.engine import STATE_DONE, STATE_LABELS, STATE_STARTED, STATE_TODO
from reconversion.core.french_count import count_of
from reconversion.core.text_safety import one_line

if TYPE_CHECKING:
    from reconversion.core.schemas import StatusReport

_BAR_WIDTH = 20
_STATE_STYLE = {STATE_TODO: "dim", STATE_STARTED: "yellow", STATE_DONE: "green"}
SHOWN = 5  # lignes montrées par liste d'alertes


def _say(line: str = "") -> None:
    """Une ligne vers le vrai terminal, coupée entre les mots : les couleurs passent, les données sont
    déjà nettoyées (`one_line`)."""
    for part in line.split("\n"):
        styled_line(part)


def bar(answered: int, applicable: int) -> str:
    filled = round(_BAR_WIDTH * answered / applicable) if applicable else _BAR_WIDTH
    return "█" * filled + "░" * (_BAR_WIDTH - filled)


def progress_words(answered: int, applicable: int) -> str:
    """En mode simple, pas de barre (lue case par case) : « 3 réponses sur 13 questions, soit 23 % »."""
    if not applicable:
        return "aucune question pour toi ici"
    percent = round(100 * answered / applicable)
    return f"{count_of(answered, 'réponse')} sur {count_of(applicable, 'question')}, soit {percent} %"


def local_day(stamp: str | None) -> str:
    """Un horodatage UTC ISO rendu en date française locale (« 3 mars 2027 »)."""
    if not stamp:
        return "aucune" if simple_mode() else "—"
    moment = dt.datetime.fromisoformat(stamp).astimezone()
    return french_date(moment.date().isoformat()).replace(" ", "\u00a0")  # jamais « 6 / décembre 2026 »


def print_status(report: StatusReport, *, resume: str, check: str = "", style: Style | None = None) -> None:
    """L'état, étape par étape, puis les actions ; `check` : la commande qui coche une action telle que la
    personne la tape (« reconversion actions done ID »), dite une fois pour que l'identifiant en fin de ligne
    ne soit pas un mot lu sans explication."""
    style = style or style_for()
    _say(style(f"Ta reconversion — profil « {one_line(report['profile'])} »", "bold"))
    _say(f"Avancement global : {style(str(report['percent']) + ' %', 'bold')}\n")
    for number, step in enumerate(report["steps"], start=1):
        state = style(STATE_LABELS[step["state"]], _STATE_STYLE.get(step["state"], "bold"))
        title = f"{number}. {one_line(step['title'])}"
        _say(f"{style(title, 'bold')}  {state}")
        if simple_mode():
            done = progress_words(step["answered"], step["applicable"])
        else:
            done = f"{bar(step['answered'], step['applicable'])} {step['answered']}/{step['applicable']}"
        _say(f"   {done}   dernière activité : {local_day(step['last_activity'])}")
        if step["next_question"]:
            upcoming = step["next_question"]
            _say(style(f"   Prochaine question : {one_line(upcoming.get('label') or upcoming['prompt'])}", "dim"))
    interests = report.get("interests")
    if interests:
        if interests["complete"]:
            line = f"code {style(one_line(interests['code']), 'bold')} (détails : {program()} interests)"
        else:
            line = f"en cours, {interests['answered']}/{interests['total']} activités notées ({program()} interests)"
        _say(f"\nTest d'intérêts : {line}")
    if report["next_actions"]:
        _say("\n" + style("Prochaines actions", "bold"))
        for action in report["next_actions"]:
            day = action["due"]
            late = " — délai impossible à tenir" if action.get("missed") else ""
            due = style(f" (avant le {french_date(day)}{late})", "dim") if day else ""
            _say(f"☐ {one_line(action['text'])}{due}  {style(one_line(action['id']), 'dim')}")
    print_followup(report, style=style)
    shown = [a["id"] for a in report["next_actions"]] + [a["id"] for a in (report.get("overdue_actions") or [])]
    if check and shown:
        _say(style(done_hint(check, one_line(shown[0])), "dim"))
    if not report["complete"]:
        _say(f"\nPour continuer : {style(one_line(resume), 'bold')}")


def done_hint(command: str, example: str) -> str:
    """« Pour cocher une action faite : reconversion actions done ID » (`command`) et ce qu'est l'identifiant,
    avec un exemple."""
    return (
        f"\nPour cocher une action faite : {command}, où ID est l'identifiant écrit en fin de ligne "
        f"(par exemple {example})."
    )


def print_followup(report: StatusReport, *, style: Style | None = None) -> None:
    """Les actions en retard (en rouge) et les relances de contacts à faire (en jaune, en rouge si passées)."""
    style = style or style_for()
    overdue = report.get("overdue_actions") or []
    followups = report.get("followups_due") or []
    missed_deadlines = report.get("missed_deadlines") or []
    if missed_deadlines:
        title = "Délai impossible à tenir" if len(missed_deadlines) == 1 else "Délais impossibles à tenir"
        _say("\n" + style(title, "bold", "red"))
    for missed in missed_deadlines:
        line = (
            f"⚠ {one_line(missed['text'])} — il fallait le faire au plus tard le {french_date(missed['due'])} "
            f"({one_line(missed['rule'])})."
        )
        ref = "" if missed.get("squeezed") else f"  {style(one_line(missed['id']), 'dim')}"  # rien à cocher
        _say(f"{style(line, 'red')}{ref}")
        if missed.get("advice"):
            _say(f"  {one_line(missed['advice'])}")
    if overdue:
        _say("\n" + style("Actions en retard", "bold", "red"))
        for action in overdue[:SHOWN]:
            late = f"en retard de {count_of(action['days_late'], 'jour')} ({french_date(action['due'])})"
            line = f"⚠ {one_line(action['text'])} — {late}"
            _say(f"{style(line, 'red')}  {style(one_line(action['id']), 'dim')}")
        _more(len(overdue), "action en retard", "actions en retard", f"{program()} actions", style)
    if followups:
        _say("\n" + style("Relances à faire", "bold", "yellow"))
        for contact in followups[:SHOWN]:
            colour = "red" if contact["late"] else "yellow"
            where = f" ({one_line(contact['organisation'])})" if contact["organisation"] else ""
            line = f"☎ {one_line(contact['name'])}{where} — {one_line(contact['label'])}"
            _say(f"{style(line, colour)}  {style(one_line(contact['id']), 'dim')}")
        _more(len(followups), "relance", "relances", f"{program()} contacts", style)


def _more(count: int, one: str, many: str, command: str, style: Style) -> None:
    rest = count - SHOWN
    if rest > 0:
        _say(style(f"… et {count_of(rest, f'autre {one}', f'autres {many}')} : {command}", "dim"))
