"""Les valeurs d'options lues et vérifiées de la même façon par toutes les commandes du suivi.

Un texte d'une ligne, une date (« +10j », « 15/09/2027 »…), une étape du guide, un identifiant
(`p1`, `e2`, `c3`) : une valeur illisible devient une erreur d'usage qui dit quoi taper.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reconversion.adapters.screen.relaunch import hint
from reconversion.commands.common.today import plan_date
from reconversion.core.limits import show
from reconversion.errors import AnswerError, UsageError

if TYPE_CHECKING:
    from reconversion.core.model import Guide

_NO_STEP_WORDS = frozenset({"aucune", "aucun", "-", ""})


def clean_text(value: str, option: str, example: str) -> str:
    """Un texte d'une ligne, espaces superflus retirés ; vide = erreur avec un exemple."""
    cleaned = " ".join(value.split())
    if not cleaned:
        raise UsageError(f"{option} est vide : écris quelque chose, par exemple « {example} ».")
    return cleaned


def date_option(value: str | None, option: str, *, allow_clear: bool, future: bool = False) -> dt.date | None:
    """Lit une date d'option ; une date illisible (ou passée, si `future`) devient une erreur d'usage."""
    from reconversion.core import dates

    if value is None:
        return None
    try:
        if allow_clear:
            return dates.parse_optional_due(value, plan_date(), not_before_today=future)
        return dates.within_bounds(dates.parse_due(value, plan_date(), not_before_today=future), value)
    except AnswerError as exc:
        raise UsageError(f"{option} : {exc.message}.") from None


def step_option(guide: Guide, step: str | None, *, allow_clear: bool = False) -> str | None:
    """L'id d'une étape du guide (`--step`) ; avec `allow_clear`, « aucune » la retire."""
    if step is None or (allow_clear and step.strip().casefold() in _NO_STEP_WORDS):
        return None
    if guide.step(step) is None:
        known = ", ".join(s.id for s in guide.steps)
        guess = close_to(step, [s.id for s in guide.steps])
        raise UsageError(f"Étape inconnue « {show(step)} »{guess}. Étapes possibles : {known}.")
    return step


def close_to(typed: str, known: list[str]) -> str:
    """« (voulais-tu dire formation ?) » quand un identifiant connu ressemble à celui tapé ; sinon rien."""
    import difflib

    found = difflib.get_close_matches(typed.strip(), known, n=1, cutoff=0.6)
    return f" (voulais-tu dire {found[0]} ?)" if found else ""


def parse_id(identifier: str, prefix: str, what: str, command: str, profile: str) -> int:
    """Le numéro d'un identifiant montré à la personne (`c3` ou `3` → 3) ; sinon une erreur qui montre la liste."""
    from reconversion.core.followup import parse_row_id

    row_id = parse_row_id(identifier, prefix)
    if row_id is None:
        raise UsageError(
            f"« {show(identifier)} » n'est pas un identifiant {what} (exemple : {prefix}1). "
            f"La liste et ses identifiants : {hint(command, profile)}"
        )
    return row_id
