"""Les règles des champs des formulaires interactifs (`contacts add`, `experiences add`…).

Posés par `adapters/form_prompts` (questionary, ou des lignes en mode simple).

Les règles sont celles des options de la ligne de commande (`option_values`) et de
l'enregistrement (`core.limits`), dites pendant la frappe plutôt qu'après.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from reconversion.commands.common.today import plan_date
from reconversion.errors import AnswerError

if TYPE_CHECKING:
    from reconversion.adapters.prompts.form_prompts import Form


def date_validator(*, after: dt.date | None = None, future: bool = False) -> Callable[[str], bool | str]:
    """Une date facultative, lisible, et après `after` s'il est donné (la fin après le début)."""
    from reconversion.core import dates

    def validate(text: str) -> bool | str:
        try:
            day = dates.parse_optional_due(text, plan_date(), not_before_today=future)
        except AnswerError as exc:
            return exc.message
        if day is not None and after is not None and day < after:
            return "la date de fin doit être après la date de début"
        return True

    return validate


def ask_date(
    form: Form, message: str, *, instruction: str, after: dt.date | None = None, future: bool = False
) -> dt.date | None:
    """Un champ date facultatif : vérifié pendant la frappe (`date_validator`), redit en toutes lettres
    une fois compris (`echo_date`) ; None s'il est passé."""
    from reconversion.core import dates

    text = form.text(message, validate=date_validator(after=after, future=future), instruction=instruction)
    echo_date(text)
    return dates.parse_optional_due(text, plan_date())


def echo_date(text: str) -> None:
    """La date comprise, redite en toutes lettres (« = samedi 6 mars 2027 ») ; rien pour un champ passé."""
    from reconversion.core import dates

    try:
        day = dates.parse_optional_due(text, plan_date())
    except AnswerError:
        return
    said = dates.understood(day.isoformat(), text) if day else None
    if said:
        print(f"  {said}")


def required_text(text: str) -> bool | str:
    """Un champ obligatoire : non vide, et dans les bornes de l'enregistrement."""
    return optional_text(text) if text.strip() else "une réponse est nécessaire"


def optional_text(text: str) -> bool | str:
    """Un champ libre du formulaire : mêmes bornes qu'à l'enregistrement, dites pendant la frappe."""
    from reconversion.core.limits import text_problem

    return text_problem(text.strip()) or True
