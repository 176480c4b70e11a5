"""Le suivi dans la durée : ce que partagent `actions`, `experiences` et `contacts`.

La date du jour (`today`, une seule règle pour tout le suivi), les aides communes aux trois
groupes de commandes (profil hérité, carnet, identifiants, dates d'options, confirmations,
champs de formulaire), la liste fusionnée des actions (`action_state`), et ce que `status`
et `export --format ics` en tirent (`followup_report`, `export_ics`).

Identifiants montrés à la personne, stables d'une fois sur l'autre :
- action du guide : son id dans le guide (`bilan_rdv_cep`) ; action personnelle : `p1`, `p2`… ;
- expérience : `e1`, `e2`… ; contact : `c1`, `c2`… (le numéro seul est aussi accepté).

Importé au démarrage (par `cli.py`, via les modules de commandes) : au niveau du module, seulement
typer et la bibliothèque standard ; le reste est importé dans les fonctions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import typer

from reconversion.commands.options import hint
from reconversion.errors import AnswerError, Interrupted, ReconversionError, UsageError

if TYPE_CHECKING:
    from reconversion.adapters.store import Store
    from reconversion.core.followup import ActionItem
    from reconversion.core.model import Guide

_NO_STEP_WORDS = frozenset({"aucune", "aucun", "-", ""})


# --- la date du jour ------------------------------------------------------------------------------


def today() -> dt.date:
    """La date du jour, selon la règle unique de `commands/today.py` (`RECONVERSION_TODAY` la fixe)."""
    from reconversion.commands.today import plan_date

    return plan_date()


def now_utc() -> dt.datetime:
    """L'instant présent (UTC), selon la même règle (`commands/today.py`)."""
    from reconversion.commands.today import now_utc as now

    return now()


# --- aides communes ---------------------------------------------------------------------------------


def inherit(ctx: typer.Context, name: str, value: Any) -> Any:
    """Une option donnée avant la sous-commande (« actions --profile perso add … ») vaut pour elle."""
    parent = ctx.parent
    if parent is None or _source(ctx, name) not in ("DEFAULT", None):
        return value
    if _source(parent, name) == "COMMANDLINE":
        return parent.params.get(name, value)
    return value


def _source(ctx: Any, name: str) -> str | None:
    """D'où vient la valeur d'une option (ligne de commande, variable d'environnement, défaut)."""
    source = ctx.get_parameter_source(name)
    return source.name if source is not None else None


def open_store(profile: str, *, create: bool) -> Store | None:
    from reconversion.adapters.locations import data_home
    from reconversion.adapters.store import Store

    return Store.open(data_home(), profile, create=create)


def read_rows(profile: str, reader: Callable[[Store], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Les lignes lues par `reader` dans le carnet du profil ; aucune s'il n'existe pas encore."""
    store = open_store(profile, create=False)
    if store is None:
        return []
    try:
        return reader(store)
    finally:
        store.close()


def load_guide(path: Any) -> Guide:
    from reconversion.adapters import guide_files

    return guide_files.load(path)


def emit_json(data: Any) -> None:
    from reconversion.adapters.json_output import print_json

    print_json(data)


def rich_console() -> Any:
    from reconversion.adapters.terminal import console

    return console()


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
            return dates.parse_optional_due(value, today(), not_before_today=future)
        return dates.within_bounds(dates.parse_due(value, today(), not_before_today=future), value)
    except AnswerError as exc:
        raise UsageError(f"{option} : {exc.message}.") from None


def step_option(guide: Guide, step: str | None, *, allow_clear: bool) -> str | None:
    if step is None or (allow_clear and step.strip().casefold() in _NO_STEP_WORDS):
        return None
    if guide.step(step) is None:
        known = ", ".join(s.id for s in guide.steps)
        raise UsageError(f"Étape inconnue « {step} ». Étapes possibles : {known}.")
    return step


def confirm(question: str, *, yes: bool, refusal: str) -> bool:
    from reconversion.adapters.confirm import confirm

    return confirm(question, yes=yes, refusal=refusal)


def parse_id(identifier: str, prefix: str, what: str, command: str, profile: str) -> int:
    from reconversion.core.followup import parse_row_id

    row_id = parse_row_id(identifier, prefix)
    if row_id is None:
        raise UsageError(
            f"« {identifier} » n'est pas un identifiant {what} (exemple : {prefix}1). "
            f"La liste et ses identifiants : {hint(command, profile)}"
        )
    return row_id


# --- les actions du jour ------------------------------------------------------------


def action_state(
    guide: Guide, store: Store | None, day: dt.date, *, ordered: bool = True, alerts_only: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]], list[ActionItem]]:
    """Les réponses, les lignes d'actions du carnet et la liste fusionnée du jour."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import action_items, step_start_days

    if store is None:
        return {}, [], []
    from reconversion.adapters.interests_store import facts

    answers = followup_store.readable_answers(store)
    rows = followup_store.action_rows(store, alerts_on=day if alerts_only else None)
    starts = step_start_days(followup_store.answer_starts(store))
    with_facts = {**answers, **facts(store)}  # les faits (test d'intérêts terminé…) ciblent aussi les actions
    items = action_items(guide, with_facts, rows, base_day=day, today=day, step_starts=starts, ordered=ordered)
    return answers, rows, items


# --- champs de formulaire (questionary) --------------------------------------------------


def date_validator(*, after: dt.date | None = None, future: bool = False) -> Callable[[str], bool | str]:
    from reconversion.core import dates

    def validate(text: str) -> bool | str:
        try:
            day = dates.parse_optional_due(text, today(), not_before_today=future)
        except AnswerError as exc:
            return exc.message
        if day is not None and after is not None and day < after:
            return "la date de fin doit être après la date de début"
        return True

    return validate


def required_text(text: str) -> bool | str:
    return optional_text(text) if text.strip() else "une réponse est nécessaire"


def optional_text(text: str) -> bool | str:
    """Un champ libre du formulaire : mêmes bornes qu'à l'enregistrement, dites pendant la frappe."""
    from reconversion.core.limits import text_problem

    return text_problem(text.strip()) or True


def ask_field(question: Any) -> Any:
    """Pose une question du formulaire ; Ctrl-C annule le formulaire entier (rien n'est enregistré)."""
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("\nFormulaire annulé : rien n'a été enregistré.") from None


# --- pour `status` et `export` ------------------------------------------------------------------------------


def followup_report(store: Store | None, guide: Guide, day: dt.date | None = None) -> dict[str, list[dict[str, Any]]]:
    """Les actions en retard et les relances proches d'un profil (vide s'il n'existe pas), pour `status`."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import followup_summary

    day = day or today()
    if store is None:
        return followup_summary([], [], day)
    from reconversion.core.dates import SOON_DAYS

    # Le résumé ne montre que ce qui reste à faire, et le trie lui-même.
    answers, _rows, items = action_state(guide, store, day, ordered=False, alerts_only=True)
    contacts = followup_store.contact_rows(store, follow_up_by=day + dt.timedelta(days=SOON_DAYS))
    return followup_summary(items, contacts, day, guide=guide, answers=answers)


def export_ics(store: Store, guide: Guide, today: dt.date, *, now: dt.datetime | None = None) -> str:
    """Le calendrier .ics des actions datées encore à faire et des relances de contacts.

    Lève `ReconversionError` s'il n'y a aucune échéance (un agenda sans évènement n'est pas valide).
    """
    from reconversion.adapters import followup_store
    from reconversion.core.calendar_ics import build_calendar, calendar_entries

    _answers, _rows, items = action_state(guide, store, today)
    entries = calendar_entries(items, followup_store.contact_rows(store), guide, profile=store.profile)
    if not entries:  # la RFC 5545 veut au moins un évènement : un agenda vide serait refusé
        raise ReconversionError(
            "Aucune échéance à mettre dans un agenda : donne une date à une action "
            f"({hint('actions edit ID', store.profile)} --due +7j) ou une relance à un contact "
            f"({hint('contacts edit ID', store.profile)} --follow-up +2s)."
        )
    return build_calendar(entries, now=now or now_utc(), name=f"Reconversion — {store.profile}")
