"""`reconversion actions` : les actions du guide qui te concernent et les tiennes, avec leurs échéances."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconversion.adapters.prompts.confirm import confirm
from reconversion.adapters.screen.json_output import print_json
from reconversion.adapters.screen.relaunch import hint
from reconversion.adapters.screen.terminal import console
from reconversion.commands.common.followup_state import action_state
from reconversion.commands.common.option_values import clean_text, close_to, date_option, step_option
from reconversion.commands.common.options import (
    DueOption,
    GuideOption,
    JsonOption,
    ProfileOption,
    StepIdOption,
    YesOption,
    inherit,
)
from reconversion.commands.common.profile_access import load_guide, opened
from reconversion.commands.common.today import now_utc, plan_date
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.errors import ReconversionError, UsageError

if TYPE_CHECKING:
    from reconversion.adapters.storage.store import Store
    from reconversion.core.followup import ActionItem
    from reconversion.core.model import Guide
    from reconversion.core.schemas import ActionChanges, ActionRow, ActionSource, ActionStatus, GuideActionValues

actions_app = typer.Typer(
    help="Tes actions : celles du guide qui te concernent et les tiennes, avec leurs échéances.",
    invoke_without_command=True,
)


# --- actions : lecture ----------------------------------------------------------------------------------


def _list_actions(profile: str, guide_path: Any, as_json: bool) -> None:
    from reconversion.core.followup import action_json

    guide = load_guide(guide_path)
    day = plan_date()
    with opened(profile) as store:
        _answers, _rows, items = action_state(guide, store, day)
    if as_json:
        print_json(
            {"profile": profile, "today": day.isoformat(), "actions": [action_json(i, guide, day) for i in items]}
        )
        return
    _show_actions(guide, items, profile, day)


_STATUS_LOOK = {  # état de l'action (`followup.STATUS_*`) -> (marque, style)
    "overdue": ("⚠", "red"),
    "today": ("☐", "yellow"),
    "todo": ("☐", ""),
    "done": ("☑", "dim"),
}


def _show_actions(guide: Guide, items: list[ActionItem], profile: str, day: dt.date) -> None:
    from reconversion.adapters.screen.status_view import local_day
    from reconversion.adapters.screen.terminal import inline
    from reconversion.core.dates import due_label, french_date
    from reconversion.core.followup import STATUS_DONE, groups

    out = console()
    if not items:
        out.print(
            "Aucune action pour l'instant. Réponds aux questions du guide "
            f"(« {inline(hint('start', profile))} ») ou ajoute la tienne : "
            f'{inline(hint("actions add", profile))} "Appeler la CCI" --due +7j'
        )
        return
    out.print(f"[bold]Tes actions — profil « {inline(profile)} »[/bold] (aujourd'hui : {french_date(day.isoformat())})")
    for _step, title, members in groups(items, guide):
        out.print(f"\n[bold]{inline(title)}[/bold]")
        for item in members:
            mark, style = _STATUS_LOOK.get(item.status, ("☐", ""))
            when = f"faite le {local_day(item.done_at)}" if item.status == STATUS_DONE else due_label(item.due, day)
            if item.missed:
                when += f" : délai impossible à tenir (détails et solutions : {hint('calendrier', profile)})"
            line = f"{mark} [bold]{inline(item.id)}[/bold]  {inline(item.text)} — {inline(when)}"
            out.print(f"  [{style}]{line}[/{style}]" if style else f"  {line}")
    out.print(
        f"\nPour cocher une action : {inline(hint('actions done ID', profile))}"
        f' · en ajouter une : {inline(hint("actions add", profile))} "…" --due +10j',
        style="dim",
    )


def _resolve(guide: Guide, rows: list[ActionRow], items: list[ActionItem], identifier: str, profile: str) -> ActionItem:
    """L'action désignée par son identifiant ; une action du guide retirée est retrouvée aussi."""
    from reconversion.core.followup import SOURCE_GUIDE, action_status, find_action

    found = find_action(items, identifier)
    if found is not None:
        return found
    wanted = identifier.strip()
    for row in rows:
        if row["guide_action_id"] == wanted and row["removed"]:
            due = dt.date.fromisoformat(row["due_date"]) if row["due_date"] else None
            return _item_from_row(row, wanted, SOURCE_GUIDE, action_status(due, row["done_at"], plan_date()))
    if any(action.id == wanted for action in guide.actions):
        raise ReconversionError(
            f"L'action « {wanted} » du guide ne s'applique pas à tes réponses actuelles. "
            f"Tes actions : {hint('actions', profile)}"
        )
    known = [action.id for action in guide.actions] + [f"p{row['id']}" for row in rows if not row["guide_action_id"]]
    guess = close_to(wanted, known)
    raise ReconversionError(
        f"Aucune action « {wanted} » dans le profil « {profile} »{guess}. "
        f"Les identifiants (comme p1 ou bilan_rdv_cep) sont affichés par : {hint('actions', profile)}"
    )


def _item_from_row(row: ActionRow, guide_action_id: str, source: ActionSource, status: ActionStatus) -> ActionItem:
    from reconversion.core.followup import ActionItem

    return ActionItem(
        id=guide_action_id,
        source=source,
        step_id=row["step_id"],
        text=row["text"],
        due=dt.date.fromisoformat(row["due_date"]) if row["due_date"] else None,
        done_at=row["done_at"],
        status=status,
        row_id=row["id"],
        guide_action_id=guide_action_id,
        due_by_hand=bool(row.get("due_by_hand", 1)),
    )


def _save(store: Store, item: ActionItem, changes: ActionChanges) -> None:
    """Enregistre un changement : l'action du guide est alors écrite dans le carnet (clé `guide_action_id`)."""
    from reconversion.adapters.storage import followup_store
    from reconversion.core.followup import SOURCE_GUIDE

    if item.source == SOURCE_GUIDE and item.guide_action_id:
        values: GuideActionValues = {
            "step_id": item.step_id,
            "text": item.text,
            "due_date": item.due.isoformat() if item.due else None,
            "done_at": item.done_at,
            "removed": 0,
            "due_by_hand": int(item.due_by_hand),
        }
        values.update(changes)
        followup_store.save_guide_action(store, item.guide_action_id, values)
    else:
        assert item.row_id is not None
        followup_store.update_action(store, item.row_id, changes)


def _with_action(profile: str, guide_path: Any, identifier: str, work: Callable[[Store, ActionItem], str]) -> None:
    """Ouvre le carnet, retrouve l'action, applique `work` et affiche son message."""
    guide = load_guide(guide_path)
    empty = ReconversionError(
        f"Le profil « {profile} » est vide : aucune action à modifier. "
        f'Pour en ajouter une : {hint("actions add", profile)} "…"'
    )
    with opened(profile, missing=empty) as store:
        _answers, rows, items = action_state(guide, store, plan_date())
        item = _resolve(guide, rows, items, identifier, profile)
        message = work(store, item)
    if message:
        print(message)


# --- actions : commandes ---------------------------------------------------------------------------


@actions_app.callback()
def actions_main(
    ctx: typer.Context,
    profile: ProfileOption = DEFAULT_PROFILE,
    as_json: JsonOption = False,
    guide_path: GuideOption = None,
) -> None:
    """Tes actions, par étape : les retards d'abord (en rouge), puis par date.

    Une action du guide garde son id (bilan_rdv_cep) ; les tiennes sont p1, p2…
    """
    if ctx.invoked_subcommand is None:
        _list_actions(profile, guide_path, as_json)


@actions_app.command("list")
def actions_list(
    ctx: typer.Context,
    profile: ProfileOption = DEFAULT_PROFILE,
    as_json: JsonOption = False,
    guide_path: GuideOption = None,
) -> None:
    """Lister tes actions (comme « reconversion actions »)."""
    _list_actions(inherit(ctx, "profile", profile), inherit(ctx, "guide_path", guide_path), as_json)


@actions_app.command("add")
def actions_add(
    ctx: typer.Context,
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXTE",
            help="Ce que tu veux faire, par exemple « Appeler la CCI » (sans texte, dans un terminal : un formulaire).",
        ),
    ] = None,
    step: StepIdOption = None,
    due: DueOption = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    guide_path: GuideOption = None,
) -> None:
    """Ajouter une action à toi (identifiant p1, p2…)."""
    from reconversion.adapters.screen.terminal import can_ask
    from reconversion.adapters.storage import followup_store
    from reconversion.core.dates import french_date
    from reconversion.core.followup import public_id

    profile = inherit(ctx, "profile", profile)
    guide = load_guide(inherit(ctx, "guide_path", guide_path))
    step_id = step_option(guide, step, allow_clear=False)
    if text is None:  # comme `contacts add` : un formulaire (lignes numérotées en mode simple)
        if due is not None or not can_ask():
            raise UsageError(
                f'Il manque le texte de l\'action, par exemple « {hint("actions add", profile)} "Appeler la CCI" '
                "--due +7j »."
            )
        cleaned, due_day = _action_form()
    else:
        cleaned = clean_text(text, "Le texte de l'action", "Appeler la CCI")
        due_day = date_option(due, "--due", allow_clear=True, future=True)
    with opened(profile, create=True) as store:
        row_id = followup_store.add_action(store, cleaned, step_id, due_day)
    when = f", échéance le {french_date(due_day.isoformat())}" if due_day else ""
    print(f"Action {public_id('p', row_id)} ajoutée{when} : {cleaned}")


def _action_form() -> tuple[str, dt.date | None]:
    """Le texte et l'échéance d'une action, demandés comme les champs de `contacts add`."""
    from reconversion.adapters.prompts.form_prompts import form_prompts
    from reconversion.commands.common.form_fields import ask_date, required_text

    form = form_prompts()
    text = form.text("Que veux-tu faire ?", validate=required_text)
    due_day = ask_date(
        form,
        "Pour quand ?",
        instruction="(JJ/MM/AAAA, « dans 2 semaines » ou « fin mars » ; Entrée pour passer)",
        future=True,
    )
    return clean_text(text, "Le texte de l'action", "Appeler la CCI"), due_day


@actions_app.command("done")
def actions_done(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant de l'action (p1, bilan_rdv_cep…).")],
    undo: Annotated[bool, typer.Option("--undo", help="Décocher : l'action redevient à faire.")] = False,
    profile: ProfileOption = DEFAULT_PROFILE,
    guide_path: GuideOption = None,
) -> None:
    """Cocher une action faite (ou la décocher avec --undo)."""

    def work(store: Store, item: ActionItem) -> str:
        if undo:
            if not item.done:
                return f"L'action {item.id} n'était pas cochée : rien à changer."
            _save(store, item, {"done_at": None, "removed": 0})
            return f"☐ Action {item.id} décochée : elle est de nouveau à faire."
        if item.done:
            return f"L'action {item.id} est déjà cochée. (Pour la décocher : --undo)"
        _save(store, item, {"done_at": now_utc().isoformat(timespec="seconds"), "removed": 0})
        return f"☑ Bravo ! Action {item.id} cochée : {item.text}"

    _with_action(inherit(ctx, "profile", profile), inherit(ctx, "guide_path", guide_path), identifier, work)


@actions_app.command("edit")
def actions_edit(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant de l'action (p1, bilan_rdv_cep…).")],
    text: Annotated[str | None, typer.Option("--text", help="Le nouveau texte.")] = None,
    due: DueOption = None,
    step: Annotated[
        str | None, typer.Option("--step", help="L'étape à laquelle la rattacher (« aucune » pour la détacher).")
    ] = None,
    profile: ProfileOption = DEFAULT_PROFILE,
    guide_path: GuideOption = None,
) -> None:
    """Modifier le texte, l'échéance ou l'étape d'une action (une action retirée revient dans ta liste)."""
    if text is None and due is None and step is None:
        raise UsageError(
            "Rien à modifier : indique --text, --due ou --step, par exemple "
            f"« {hint('actions edit p1', inherit(ctx, 'profile', profile))} --due +7j »."
        )
    guide_path = inherit(ctx, "guide_path", guide_path)
    guide = load_guide(guide_path)
    changes: ActionChanges = {"removed": 0}
    if text is not None:
        changes["text"] = clean_text(text, "--text", "Appeler la CCI")
    if due is not None:
        day = date_option(due, "--due", allow_clear=True, future=True)
        changes["due_date"] = day.isoformat() if day else None
        changes["due_by_hand"] = 1  # fixée à la main : elle ne suivra plus tes dates
    if step is not None:
        changes["step_id"] = step_option(guide, step, allow_clear=True)

    def work(store: Store, item: ActionItem) -> str:
        _save(store, item, changes)
        return f"Action {item.id} modifiée."

    _with_action(inherit(ctx, "profile", profile), guide_path, identifier, work)


@actions_app.command("remove")
def actions_remove(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant de l'action (p1, bilan_rdv_cep…).")],
    yes: YesOption = False,
    profile: ProfileOption = DEFAULT_PROFILE,
    guide_path: GuideOption = None,
) -> None:
    """Retirer une action de ta liste (une action à toi est effacée ; une action du guide est mise de côté)."""
    from reconversion.adapters.storage import followup_store
    from reconversion.core.followup import SOURCE_GUIDE

    profile = inherit(ctx, "profile", profile)

    def work(store: Store, item: ActionItem) -> str:
        guide_action = item.source == SOURCE_GUIDE
        what = "la mettre de côté" if guide_action else "l'effacer, c'est définitif"
        if not confirm(
            f"Retirer l'action {item.id} « {item.text} » ({what}) ?",
            yes=yes,
            refusal=f"Pour retirer l'action {item.id} sans terminal interactif, ajoute --yes.",
        ):
            return "Rien n'a été retiré."
        if guide_action:
            _save(store, item, {"removed": 1})
            return (
                f"Action {item.id} retirée de ta liste. Pour la retrouver : "
                f"{hint(f'actions edit {item.id} --due +7j', profile)}"
            )
        assert item.row_id is not None
        followup_store.delete_action(store, item.row_id)
        return f"Action {item.id} effacée."

    _with_action(profile, inherit(ctx, "guide_path", guide_path), identifier, work)
