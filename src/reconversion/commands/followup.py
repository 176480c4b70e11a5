"""Les commandes du suivi : `reconversion actions`, `experiences`, `contacts` (et l'export .ics).

Identifiants montrés à la personne, stables d'une fois sur l'autre :
- action du guide : son id dans le guide (`bilan_rdv_cep`) ; action personnelle : `p1`, `p2`… ;
- expérience : `e1`, `e2`… ; contact : `c1`, `c2`… (le numéro seul est aussi accepté).

« Aujourd'hui » est défini à un seul endroit (`today`) : la date du jour, ou
`RECONVERSION_TODAY=AAAA-MM-JJ` pour les tests et les démonstrations (la règle est
celle de `commands/export.py`, réutilisée ici).

Ce module est importé au démarrage de `cli.py` (pour enregistrer les sous-commandes) :
il n'importe au niveau du module que typer et la bibliothèque standard ; le reste
(rich, le guide, le carnet, questionary pour les formulaires) est importé dans les fonctions.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconversion.errors import AnswerError, Interrupted, ReconversionError, UsageError

if TYPE_CHECKING:
    from reconversion.adapters.store import Store
    from reconversion.core.followup import ActionItem
    from reconversion.core.model import Guide

_NO_STEP_WORDS = frozenset({"aucune", "aucun", "-", ""})


# --- la date du jour ------------------------------------------------------------------------------


def today() -> dt.date:
    """La date du jour ; `RECONVERSION_TODAY=AAAA-MM-JJ` la fixe (tests, démonstrations).

    La règle vit à un seul endroit, `commands/export.py` (`plan_date`) : le plan, le calendrier
    et les listes du suivi voient ainsi toujours le même « aujourd'hui ».
    """
    from reconversion.commands.export import plan_date

    return plan_date()


def now_utc() -> dt.datetime:
    """L'instant présent (UTC) ; midi du jour fixé si `RECONVERSION_TODAY` est défini, pour des exports stables.

    Midi UTC tombe le même jour partout de UTC-11 à UTC+11 : une action cochée « aujourd'hui » le reste.
    """
    from reconversion.commands.export import TODAY_VARIABLE

    if os.environ.get(TODAY_VARIABLE, "").strip():
        return dt.datetime.combine(today(), dt.time(12, 0), tzinfo=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)


# --- sous-applications ------------------------------------------------------------------------------

actions_app = typer.Typer(
    help="Tes actions : celles du guide qui te concernent et les tiennes, avec leurs échéances.",
    invoke_without_command=True,
)
experiences_app = typer.Typer(
    help="Tes expériences de terrain (stage, immersion, bénévolat…) et ce que tu en retiens.",
    invoke_without_command=True,
)
contacts_app = typer.Typer(
    help="Ton réseau : les personnes rencontrées et les relances à faire.",
    invoke_without_command=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Sortie JSON (pour les scripts).")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Ne pas demander de confirmation.")]
DueOption = Annotated[
    str | None,
    typer.Option("--due", help="Échéance : 15/09/2027, 2027-09-15, +10j ou +3s (« aucune » pour l'enlever)."),
]
StepIdOption = Annotated[str | None, typer.Option("--step", help="L'étape du guide à laquelle la rattacher (son id).")]


# --- aides communes ---------------------------------------------------------------------------------


def _inherit(ctx: typer.Context, name: str, value: Any) -> Any:
    """Une option donnée avant la sous-commande (« actions --profile perso add … ») vaut pour elle."""
    parent = ctx.parent
    if parent is None or _source(ctx, name) not in ("DEFAULT", None):
        return value
    if _source(parent, name) == "COMMANDLINE":
        return parent.params.get(name, value)
    return value


def _source(ctx: typer.Context, name: str) -> str | None:
    """D'où vient la valeur d'une option (ligne de commande, variable d'environnement, défaut)."""
    source = ctx.get_parameter_source(name)
    return source.name if source is not None else None


def _open(profile: str, *, create: bool) -> Store | None:
    from reconversion.adapters.locations import data_home
    from reconversion.adapters.store import Store

    return Store.open(data_home(), profile, create=create)


def _load_guide(path: Any) -> Guide:
    from reconversion.adapters import guide_files

    return guide_files.load(path)


def _hint(command: str, profile: str) -> str:
    suffix = "" if profile == "defaut" else f" --profile {profile}"
    return f"reconversion {command}{suffix}"


def _print_json(data: Any) -> None:
    from reconversion.adapters.json_output import print_json

    print_json(data)


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def _text(value: str, option: str, example: str) -> str:
    """Un texte d'une ligne, espaces superflus retirés ; vide = erreur avec un exemple."""
    cleaned = " ".join(value.split())
    if not cleaned:
        raise UsageError(f"{option} est vide : écris quelque chose, par exemple « {example} ».")
    return cleaned


def _date_option(value: str | None, option: str, *, allow_clear: bool) -> dt.date | None:
    """Lit une date d'option ; une date illisible devient une erreur d'usage qui cite l'option."""
    from reconversion.core import dates

    if value is None:
        return None
    try:
        return dates.parse_optional_due(value, today()) if allow_clear else dates.parse_due(value, today())
    except AnswerError as exc:
        raise UsageError(f"{option} : {exc.message}.") from None


def _step_option(guide: Guide, step: str | None, *, allow_clear: bool) -> str | None:
    if step is None or (allow_clear and step.strip().casefold() in _NO_STEP_WORDS):
        return None
    if guide.step(step) is None:
        known = ", ".join(s.id for s in guide.steps)
        raise UsageError(f"Étape inconnue « {step} ». Étapes possibles : {known}.")
    return step


def _interactive() -> bool:
    """Un terminal où l'on peut poser des questions (sinon : scripts, tubes, tests)."""
    return sys.stdin.isatty()


def _confirm(question: str, *, yes: bool, refusal: str) -> bool:
    from reconversion.adapters.confirm import confirm

    return confirm(question, yes=yes, refusal=refusal)


def _row_id(identifier: str, prefix: str, what: str, command: str, profile: str) -> int:
    from reconversion.core.followup import parse_row_id

    row_id = parse_row_id(identifier, prefix)
    if row_id is None:
        raise UsageError(
            f"« {identifier} » n'est pas un identifiant {what} (exemple : {prefix}1). "
            f"La liste et ses identifiants : {_hint(command, profile)}"
        )
    return row_id


# --- actions : lecture ----------------------------------------------------------------------------------


def _action_state(
    guide: Guide, store: Store | None, day: dt.date, *, ordered: bool = True, pending_only: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]], list[ActionItem]]:
    """Les réponses, les lignes d'actions du carnet et la liste fusionnée du jour."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import action_items, step_start_days

    if store is None:
        return {}, [], []
    answers = store.answers()
    rows = followup_store.action_rows(store, pending_only=pending_only)
    starts = step_start_days(followup_store.answer_starts(store))
    items = action_items(guide, answers, rows, base_day=day, today=day, step_starts=starts, ordered=ordered)
    return answers, rows, items


def _list_actions(profile: str, guide_path: Any, as_json: bool) -> None:
    from reconversion.core.followup import action_json

    guide = _load_guide(guide_path)
    day = today()
    store = _open(profile, create=False)
    try:
        _answers, _rows, items = _action_state(guide, store, day)
    finally:
        if store is not None:
            store.close()
    if as_json:
        _print_json(
            {"profile": profile, "today": day.isoformat(), "actions": [action_json(i, guide, day) for i in items]}
        )
        return
    _show_actions(guide, items, profile, day)


_STATUS_LOOK = {
    "en retard": ("⚠", "red"),
    "aujourd'hui": ("☐", "yellow"),
    "à faire": ("☐", ""),
    "faite": ("☑", "dim"),
}


def _show_actions(guide: Guide, items: list[ActionItem], profile: str, day: dt.date) -> None:
    from rich.markup import escape

    from reconversion.adapters.status_view import local_day
    from reconversion.core.answer_types import french_date
    from reconversion.core.dates import due_label
    from reconversion.core.followup import STATUS_DONE, groups

    console = _console()
    if not items:
        console.print(
            "Aucune action pour l'instant. Réponds aux questions du guide "
            f"(« {escape(_hint('start', profile))} ») ou ajoute la tienne : "
            f'{escape(_hint("actions add", profile))} "Appeler la CCI" --due +7j'
        )
        return
    console.print(
        f"[bold]Tes actions — profil « {escape(profile)} »[/bold] (aujourd'hui : {french_date(day.isoformat())})"
    )
    for _step, title, members in groups(items, guide):
        console.print(f"\n[bold]{escape(title)}[/bold]")
        for item in members:
            mark, style = _STATUS_LOOK.get(item.status, ("☐", ""))
            when = f"faite le {local_day(item.done_at)}" if item.status == STATUS_DONE else due_label(item.due, day)
            line = f"{mark} [bold]{escape(item.id)}[/bold]  {escape(item.text)} — {escape(when)}"
            console.print(f"  [{style}]{line}[/{style}]" if style else f"  {line}")
    console.print(
        f"\nPour cocher une action : {escape(_hint('actions done ID', profile))}"
        f' · en ajouter une : {escape(_hint("actions add", profile))} "…" --due +10j',
        style="dim",
    )


def _resolve(
    guide: Guide, rows: list[dict[str, Any]], items: list[ActionItem], identifier: str, profile: str
) -> ActionItem:
    """L'action désignée par son identifiant ; une action du guide retirée est retrouvée aussi."""
    from reconversion.core.followup import SOURCE_GUIDE, action_status, find_action

    found = find_action(items, identifier)
    if found is not None:
        return found
    wanted = identifier.strip()
    for row in rows:
        if row["guide_action_id"] == wanted and row["removed"]:
            due = dt.date.fromisoformat(row["due_date"]) if row["due_date"] else None
            return _item_from_row(row, SOURCE_GUIDE, action_status(due, row["done_at"], today()))
    if any(action.id == wanted for action in guide.actions):
        raise ReconversionError(
            f"L'action « {wanted} » du guide ne s'applique pas à tes réponses actuelles. "
            f"Tes actions : {_hint('actions', profile)}"
        )
    raise ReconversionError(
        f"Aucune action « {wanted} » dans le profil « {profile} ». "
        f"Les identifiants (comme p1 ou bilan_rdv_cep) sont affichés par : {_hint('actions', profile)}"
    )


def _item_from_row(row: dict[str, Any], source: str, status: str) -> ActionItem:
    from reconversion.core.followup import ActionItem

    return ActionItem(
        id=row["guide_action_id"],
        source=source,
        step_id=row["step_id"],
        text=row["text"],
        due=dt.date.fromisoformat(row["due_date"]) if row["due_date"] else None,
        done_at=row["done_at"],
        status=status,
        row_id=row["id"],
        guide_action_id=row["guide_action_id"],
    )


def _save(store: Store, item: ActionItem, changes: dict[str, Any]) -> None:
    """Enregistre un changement : l'action du guide est alors écrite dans le carnet (clé `guide_action_id`)."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import SOURCE_GUIDE

    if item.source == SOURCE_GUIDE and item.guide_action_id:
        values = {
            "step_id": item.step_id,
            "text": item.text,
            "due_date": item.due.isoformat() if item.due else None,
            "done_at": item.done_at,
            "removed": 0,
        }
        values.update(changes)
        followup_store.save_guide_action(store, item.guide_action_id, values)
    else:
        assert item.row_id is not None
        followup_store.update_action(store, item.row_id, changes)


def _with_action(profile: str, guide_path: Any, identifier: str, work: Callable[[Store, ActionItem], str]) -> None:
    """Ouvre le carnet, retrouve l'action, applique `work` et affiche son message."""
    guide = _load_guide(guide_path)
    store = _open(profile, create=False)
    if store is None:
        raise ReconversionError(
            f"Le profil « {profile} » est vide : aucune action à modifier. "
            f'Pour en ajouter une : {_hint("actions add", profile)} "…"'
        )
    try:
        _answers, rows, items = _action_state(guide, store, today())
        item = _resolve(guide, rows, items, identifier, profile)
        message = work(store, item)
    finally:
        store.close()
    if message:
        print(message)


# --- actions : commandes ---------------------------------------------------------------------------


@actions_app.callback()
def actions_main(
    ctx: typer.Context,
    profile: ProfileOption = "defaut",
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
    ctx: typer.Context, profile: ProfileOption = "defaut", as_json: JsonOption = False, guide_path: GuideOption = None
) -> None:
    """Lister tes actions (comme « reconversion actions »)."""
    _list_actions(_inherit(ctx, "profile", profile), _inherit(ctx, "guide_path", guide_path), as_json)


@actions_app.command("add")
def actions_add(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Ce que tu veux faire, par exemple « Appeler la CCI ».")],
    step: StepIdOption = None,
    due: DueOption = None,
    profile: ProfileOption = "defaut",
    guide_path: GuideOption = None,
) -> None:
    """Ajouter une action à toi (identifiant p1, p2…)."""
    from reconversion.adapters import followup_store
    from reconversion.core.answer_types import french_date
    from reconversion.core.followup import public_id

    profile = _inherit(ctx, "profile", profile)
    guide = _load_guide(_inherit(ctx, "guide_path", guide_path))
    cleaned = _text(text, "Le texte de l'action", "Appeler la CCI")
    step_id = _step_option(guide, step, allow_clear=False)
    due_day = _date_option(due, "--due", allow_clear=True)
    store = _open(profile, create=True)
    assert store is not None
    try:
        row_id = followup_store.add_action(store, cleaned, step_id, due_day)
    finally:
        store.close()
    when = f", échéance le {french_date(due_day.isoformat())}" if due_day else ""
    print(f"Action {public_id('p', row_id)} ajoutée{when} : {cleaned}")


@actions_app.command("done")
def actions_done(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant de l'action (p1, bilan_rdv_cep…).")],
    undo: Annotated[bool, typer.Option("--undo", help="Décocher : l'action redevient à faire.")] = False,
    profile: ProfileOption = "defaut",
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

    _with_action(_inherit(ctx, "profile", profile), _inherit(ctx, "guide_path", guide_path), identifier, work)


@actions_app.command("edit")
def actions_edit(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant de l'action (p1, bilan_rdv_cep…).")],
    text: Annotated[str | None, typer.Option("--text", help="Le nouveau texte.")] = None,
    due: DueOption = None,
    step: Annotated[
        str | None, typer.Option("--step", help="L'étape à laquelle la rattacher (« aucune » pour la détacher).")
    ] = None,
    profile: ProfileOption = "defaut",
    guide_path: GuideOption = None,
) -> None:
    """Modifier le texte, l'échéance ou l'étape d'une action (une action retirée revient dans ta liste)."""
    if text is None and due is None and step is None:
        raise UsageError(
            "Rien à modifier : indique --text, --due ou --step, par exemple « reconversion actions edit p1 --due +7j »."
        )
    guide_path = _inherit(ctx, "guide_path", guide_path)
    guide = _load_guide(guide_path)
    changes: dict[str, Any] = {"removed": 0}
    if text is not None:
        changes["text"] = _text(text, "--text", "Appeler la CCI")
    if due is not None:
        day = _date_option(due, "--due", allow_clear=True)
        changes["due_date"] = day.isoformat() if day else None
    if step is not None:
        changes["step_id"] = _step_option(guide, step, allow_clear=True)

    def work(store: Store, item: ActionItem) -> str:
        _save(store, item, changes)
        return f"Action {item.id} modifiée."

    _with_action(_inherit(ctx, "profile", profile), guide_path, identifier, work)


@actions_app.command("remove")
def actions_remove(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant de l'action (p1, bilan_rdv_cep…).")],
    yes: YesOption = False,
    profile: ProfileOption = "defaut",
    guide_path: GuideOption = None,
) -> None:
    """Retirer une action de ta liste (une action à toi est effacée ; une action du guide est mise de côté)."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import SOURCE_GUIDE

    profile = _inherit(ctx, "profile", profile)

    def work(store: Store, item: ActionItem) -> str:
        guide_action = item.source == SOURCE_GUIDE
        what = "la mettre de côté" if guide_action else "l'effacer, c'est définitif"
        if not _confirm(
            f"Retirer l'action {item.id} « {item.text} » ({what}) ?",
            yes=yes,
            refusal=f"Pour retirer l'action {item.id} sans terminal interactif, ajoute --yes.",
        ):
            return "Rien n'a été retiré."
        if guide_action:
            _save(store, item, {"removed": 1})
            return (
                f"Action {item.id} retirée de ta liste. Pour la retrouver : "
                f"{_hint(f'actions edit {item.id} --due +7j', profile)}"
            )
        assert item.row_id is not None
        followup_store.delete_action(store, item.row_id)
        return f"Action {item.id} effacée."

    _with_action(profile, _inherit(ctx, "guide_path", guide_path), identifier, work)


# --- expériences ----------------------------------------------------------------------------------------


def _list_experiences(profile: str, as_json: bool) -> None:
    from reconversion.adapters import followup_store
    from reconversion.core.followup import experience_json, kind_label, period_text, public_id, sort_experiences

    store = _open(profile, create=False)
    rows: list[dict[str, Any]] = []
    if store is not None:
        try:
            rows = followup_store.experience_rows(store)
        finally:
            store.close()
    ordered = sort_experiences(rows)
    if as_json:
        _print_json({"profile": profile, "experiences": [experience_json(r) for r in ordered]})
        return
    from rich.markup import escape

    console = _console()
    if not ordered:
        console.print(
            "Aucune expérience notée pour l'instant. Une immersion, un stage, du bénévolat ? "
            f"Note-la avec : {escape(_hint('experiences add', profile))}"
        )
        return
    console.print(f"[bold]Tes expériences — profil « {escape(profile)} »[/bold]")
    for row in ordered:
        period = period_text(row["start_date"], row["end_date"])
        console.print(
            f"\n[bold]{public_id('e', row['id'])}[/bold]  [bold]{escape(kind_label(row['kind']))}[/bold] — "
            f"{escape(row['organisation'])}" + (f" ({period})" if period else "")
        )
        for line in (row["learnt"] or "").splitlines():
            if line.strip():
                console.print(f"    {escape(line.strip())}", style="dim")


@experiences_app.callback()
def experiences_main(ctx: typer.Context, profile: ProfileOption = "defaut", as_json: JsonOption = False) -> None:
    """Tes expériences de terrain (identifiants e1, e2…)."""
    if ctx.invoked_subcommand is None:
        _list_experiences(profile, as_json)


@experiences_app.command("list")
def experiences_list(ctx: typer.Context, profile: ProfileOption = "defaut", as_json: JsonOption = False) -> None:
    """Lister tes expériences, les plus récentes d'abord."""
    _list_experiences(_inherit(ctx, "profile", profile), as_json)


@experiences_app.command("add")
def experiences_add(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", "-k", help="stage, immersion (PMSMP), benevolat, projet (personnel), mission ou emploi."
        ),
    ] = None,
    organisation: Annotated[
        str | None, typer.Option("--organisation", "--org", help="L'entreprise, l'association ou le lieu.")
    ] = None,
    start: Annotated[str | None, typer.Option("--start", help="Date de début (15/09/2027 ou 2027-09-15).")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Date de fin.")] = None,
    learnt: Annotated[
        str | None, typer.Option("--learnt", help="Ce que tu as appris ou ce que cette expérience a confirmé.")
    ] = None,
    profile: ProfileOption = "defaut",
) -> None:
    """Noter une expérience : un formulaire dans le terminal, ou tout en options pour les scripts."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import kind_label, parse_kind, public_id

    profile = _inherit(ctx, "profile", profile)
    if all(value is None for value in (kind, organisation, start, end, learnt)):
        if not _interactive():
            raise UsageError(
                "Pas de terminal interactif pour le formulaire : donne au moins --kind et --organisation, "
                'par exemple « reconversion experiences add --kind immersion --organisation "Boulangerie '
                'Martin" --start 10/01/2027 --end 20/01/2027 --learnt "Le contact client me plaît" ».'
            )
        values = _experience_form()
    else:
        missing = [name for name, value in (("--kind", kind), ("--organisation", organisation)) if value is None]
        if missing:
            raise UsageError(
                f"Il manque {' et '.join(missing)}, par exemple « reconversion experiences add --kind stage "
                '--organisation "Mairie de Lyon" ».'
            )
        assert kind is not None and organisation is not None
        try:
            kind_key = parse_kind(kind)
        except AnswerError as exc:
            raise UsageError(f"--kind : {exc.message}.") from None
        values = {
            "kind": kind_key,
            "organisation": _text(organisation, "--organisation", "Boulangerie Martin"),
            "start": _date_option(start, "--start", allow_clear=True),
            "end": _date_option(end, "--end", allow_clear=True),
            "learnt": (learnt or "").strip(),
        }
    if values["start"] and values["end"] and values["end"] < values["start"]:
        raise UsageError("La date de fin (--end) est avant la date de début (--start) : vérifie-les.")
    store = _open(profile, create=True)
    assert store is not None
    try:
        row_id = followup_store.add_experience(
            store, values["kind"], values["organisation"], values["start"], values["end"], values["learnt"]
        )
    finally:
        store.close()
    print(f"Expérience {public_id('e', row_id)} notée : {kind_label(values['kind'])} — {values['organisation']}.")


def _date_validator(*, after: dt.date | None = None) -> Callable[[str], bool | str]:
    from reconversion.core import dates

    def validate(text: str) -> bool | str:
        try:
            day = dates.parse_optional_due(text, today())
        except AnswerError as exc:
            return exc.message
        if day is not None and after is not None and day < after:
            return "la date de fin doit être après la date de début"
        return True

    return validate


def _required(text: str) -> bool | str:
    return True if text.strip() else "une réponse est nécessaire"


def _ask(question: Any) -> Any:
    """Pose une question du formulaire ; Ctrl-C annule le formulaire entier (rien n'est enregistré)."""
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("\nFormulaire annulé : rien n'a été enregistré.") from None


def _experience_form() -> dict[str, Any]:
    """Le formulaire interactif (questionary n'est importé qu'ici)."""
    import questionary

    from reconversion.core import dates
    from reconversion.core.followup import EXPERIENCE_KINDS

    day = today()
    kind = _ask(
        questionary.select(
            "Quelle sorte d'expérience ?",
            choices=[questionary.Choice(label, value=key) for key, label in EXPERIENCE_KINDS.items()],
            instruction="(flèches ↑ ↓ puis Entrée)",
        )
    )
    organisation = _ask(questionary.text("Où (entreprise, association, lieu) ?", validate=_required))
    start_text = _ask(
        questionary.text("Date de début ?", validate=_date_validator(), instruction="(JJ/MM/AAAA · Entrée pour passer)")
    )
    start = dates.parse_optional_due(start_text, day)
    end_text = _ask(
        questionary.text(
            "Date de fin ?", validate=_date_validator(after=start), instruction="(JJ/MM/AAAA · Entrée pour passer)"
        )
    )
    learnt = _ask(
        questionary.text(
            "Qu'as-tu appris, ou qu'est-ce que cette expérience a confirmé ?", instruction="(Entrée pour passer)"
        )
    )
    return {
        "kind": kind,
        "organisation": " ".join(organisation.split()),
        "start": start,
        "end": dates.parse_optional_due(end_text, day),
        "learnt": learnt.strip(),
    }


@experiences_app.command("remove")
def experiences_remove(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant de l'expérience (e1…).")],
    yes: YesOption = False,
    profile: ProfileOption = "defaut",
) -> None:
    """Effacer une expérience (après confirmation)."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import kind_label, public_id

    profile = _inherit(ctx, "profile", profile)
    row_id = _row_id(identifier, "e", "d'expérience", "experiences", profile)
    store = _open(profile, create=False)
    try:
        rows = followup_store.experience_rows(store) if store is not None else []
        row = next((r for r in rows if r["id"] == row_id), None)
        if row is None or store is None:
            raise ReconversionError(
                f"Aucune expérience {public_id('e', row_id)} dans le profil « {profile} ». "
                f"La liste : {_hint('experiences', profile)}"
            )
        label = f"{kind_label(row['kind'])} — {row['organisation']}"
        if not _confirm(
            f"Effacer l'expérience {public_id('e', row_id)} « {label} » ? C'est définitif.",
            yes=yes,
            refusal=f"Pour effacer l'expérience {public_id('e', row_id)} sans terminal interactif, ajoute --yes.",
        ):
            print("Rien n'a été effacé.")
            return
        followup_store.delete_experience(store, row_id)
    finally:
        if store is not None:
            store.close()
    print(f"Expérience {public_id('e', row_id)} effacée.")


# --- contacts -----------------------------------------------------------------------------------------------


def _list_contacts(profile: str, as_json: bool) -> None:
    from reconversion.adapters import followup_store
    from reconversion.core.followup import contact_json, sort_contacts

    day = today()
    store = _open(profile, create=False)
    rows: list[dict[str, Any]] = []
    if store is not None:
        try:
            rows = followup_store.contact_rows(store)
        finally:
            store.close()
    ordered = [contact_json(r, day) for r in sort_contacts(rows, day)]
    if as_json:
        _print_json({"profile": profile, "today": day.isoformat(), "contacts": ordered})
        return
    _show_contacts(ordered, profile, day)


def _show_contacts(contacts: list[dict[str, Any]], profile: str, day: dt.date) -> None:
    from rich.markup import escape

    from reconversion.core.dates import due_label

    console = _console()
    if not contacts:
        console.print(
            "Aucun contact noté pour l'instant. Une personne rencontrée sur un salon, en enquête métier ? "
            f'Note-la avec : {escape(_hint("contacts add", profile))} "Prénom Nom" --follow-up +2s'
        )
        return
    console.print(f"[bold]Ton réseau — profil « {escape(profile)} »[/bold]")
    due = [c for c in contacts if c["follow_up_due"]]
    others = [c for c in contacts if not c["follow_up_due"]]
    sections = (("À relancer", due), ("Tes contacts" if not due else "Les autres contacts", others))
    for title, members in sections:
        if not members:
            continue
        console.print(f"\n[bold]{title}[/bold]")
        for contact in members:
            about = ", ".join(part for part in (contact["role"], contact["organisation"]) if part)
            line = f"[bold]{contact['id']}[/bold]  {escape(contact['name'])}" + (f" — {escape(about)}" if about else "")
            console.print(line)
            if contact["follow_up"]:
                label = due_label(dt.date.fromisoformat(contact["follow_up"]), day)
                style = (
                    "red"
                    if contact["follow_up_status"] == "en retard"
                    else ("yellow" if contact["follow_up_due"] else "dim")
                )
                console.print(f"    [{style}]relance : {escape(label)}[/{style}]")
            if contact["met_how"]:
                console.print(f"    rencontre : {escape(contact['met_how'])}", style="dim")
            for note in contact["notes"].splitlines():
                if note.strip():
                    console.print(f"    {escape(note.strip())}", style="dim")
    console.print(
        f"\nAprès une relance, note la suivante : {escape(_hint('contacts edit ID', profile))} --follow-up +3s",
        style="dim",
    )


@contacts_app.callback()
def contacts_main(ctx: typer.Context, profile: ProfileOption = "defaut", as_json: JsonOption = False) -> None:
    """Ton réseau (identifiants c1, c2…) : les relances à faire d'abord."""
    if ctx.invoked_subcommand is None:
        _list_contacts(profile, as_json)


@contacts_app.command("list")
def contacts_list(ctx: typer.Context, profile: ProfileOption = "defaut", as_json: JsonOption = False) -> None:
    """Lister tes contacts : les relances passées ou dans les 7 jours en tête."""
    _list_contacts(_inherit(ctx, "profile", profile), as_json)


OrgOption = Annotated[str | None, typer.Option("--organisation", "--org", help="Son entreprise ou organisme.")]
RoleOption = Annotated[str | None, typer.Option("--role", help="Son métier ou sa fonction.")]
MetOption = Annotated[str | None, typer.Option("--met", help="Comment vous vous êtes rencontrés.")]
NotesOption = Annotated[str | None, typer.Option("--notes", help="Tes notes (ce qui a été dit, conseils…).")]
FollowUpOption = Annotated[
    str | None,
    typer.Option("--follow-up", help="Prochaine relance : 15/09/2027, +10j, +2s (« aucune » pour l'enlever)."),
]


@contacts_app.command("add")
def contacts_add(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Argument(help="Son nom (sans nom, dans un terminal : un formulaire).")] = None,
    organisation: OrgOption = None,
    role: RoleOption = None,
    met: MetOption = None,
    notes: NotesOption = None,
    follow_up: FollowUpOption = None,
    profile: ProfileOption = "defaut",
) -> None:
    """Noter une personne de ton réseau (identifiant c1, c2…)."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import public_id

    profile = _inherit(ctx, "profile", profile)
    options = (organisation, role, met, notes, follow_up)
    if name is None:
        if any(value is not None for value in options) or not _interactive():
            raise UsageError(
                'Il manque le nom du contact, par exemple « reconversion contacts add "Awa Diallo" '
                "--role Boulangère --follow-up +2s »."
            )
        values = _contact_form()
    else:
        day = _date_option(follow_up, "--follow-up", allow_clear=True)
        values = {
            "name": _text(name, "Le nom", "Awa Diallo"),
            "organisation": " ".join((organisation or "").split()),
            "role": " ".join((role or "").split()),
            "met_how": " ".join((met or "").split()),
            "notes": (notes or "").strip(),
            "follow_up": day.isoformat() if day else None,
        }
    store = _open(profile, create=True)
    assert store is not None
    try:
        row_id = followup_store.add_contact(store, values)
    finally:
        store.close()
    print(f"Contact {public_id('c', row_id)} noté : {values['name']}.")


def _contact_form() -> dict[str, Any]:
    """Le formulaire interactif d'un contact (questionary n'est importé qu'ici)."""
    import questionary

    from reconversion.core import dates

    skip = "(Entrée pour passer)"
    name = _ask(questionary.text("Son nom ?", validate=_required))
    organisation = _ask(questionary.text("Son entreprise ou organisme ?", instruction=skip))
    role = _ask(questionary.text("Son métier ou sa fonction ?", instruction=skip))
    met = _ask(questionary.text("Comment vous êtes-vous rencontrés ?", instruction=skip))
    notes = _ask(questionary.text("Tes notes ?", instruction=skip))
    follow_text = _ask(
        questionary.text(
            "Quand la ou le relancer ?",
            validate=_date_validator(),
            instruction="(JJ/MM/AAAA, +10j, +2s · Entrée pour passer)",
        )
    )
    day = dates.parse_optional_due(follow_text, today())
    return {
        "name": " ".join(name.split()),
        "organisation": " ".join(organisation.split()),
        "role": " ".join(role.split()),
        "met_how": " ".join(met.split()),
        "notes": notes.strip(),
        "follow_up": day.isoformat() if day else None,
    }


@contacts_app.command("edit")
def contacts_edit(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant du contact (c1…).")],
    name: Annotated[str | None, typer.Option("--name", help="Son nom.")] = None,
    organisation: OrgOption = None,
    role: RoleOption = None,
    met: MetOption = None,
    notes: NotesOption = None,
    follow_up: FollowUpOption = None,
    profile: ProfileOption = "defaut",
) -> None:
    """Modifier un contact ; après une relance, note la suivante avec --follow-up."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import public_id

    profile = _inherit(ctx, "profile", profile)
    row_id = _row_id(identifier, "c", "de contact", "contacts", profile)
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = _text(name, "--name", "Awa Diallo")
    for field, value in (("organisation", organisation), ("role", role), ("met_how", met)):
        if value is not None:
            changes[field] = " ".join(value.split())
    if notes is not None:
        changes["notes"] = notes.strip()
    if follow_up is not None:
        day = _date_option(follow_up, "--follow-up", allow_clear=True)
        changes["follow_up"] = day.isoformat() if day else None
    if not changes:
        raise UsageError(
            "Rien à modifier : indique par exemple --follow-up, --notes ou --role "
            "(« reconversion contacts edit c1 --follow-up +2s »)."
        )
    store = _open(profile, create=False)
    try:
        updated = store is not None and followup_store.update_contact(store, row_id, changes)
    finally:
        if store is not None:
            store.close()
    if not updated:
        raise ReconversionError(
            f"Aucun contact {public_id('c', row_id)} dans le profil « {profile} ». "
            f"La liste : {_hint('contacts', profile)}"
        )
    print(f"Contact {public_id('c', row_id)} modifié.")


@contacts_app.command("remove")
def contacts_remove(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant du contact (c1…).")],
    yes: YesOption = False,
    profile: ProfileOption = "defaut",
) -> None:
    """Effacer un contact (après confirmation)."""
    from reconversion.adapters import followup_store
    from reconversion.core.followup import public_id

    profile = _inherit(ctx, "profile", profile)
    row_id = _row_id(identifier, "c", "de contact", "contacts", profile)
    store = _open(profile, create=False)
    try:
        rows = followup_store.contact_rows(store) if store is not None else []
        row = next((r for r in rows if r["id"] == row_id), None)
        if row is None or store is None:
            raise ReconversionError(
                f"Aucun contact {public_id('c', row_id)} dans le profil « {profile} ». "
                f"La liste : {_hint('contacts', profile)}"
            )
        if not _confirm(
            f"Effacer le contact {public_id('c', row_id)} « {row['name']} » et tes notes ? C'est définitif.",
            yes=yes,
            refusal=f"Pour effacer le contact {public_id('c', row_id)} sans terminal interactif, ajoute --yes.",
        ):
            print("Rien n'a été effacé.")
            return
        followup_store.delete_contact(store, row_id)
    finally:
        if store is not None:
            store.close()
    print(f"Contact {public_id('c', row_id)} effacé.")


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
    _answers, _rows, items = _action_state(guide, store, day, ordered=False, pending_only=True)
    contacts = followup_store.contact_rows(store, follow_up_by=day + dt.timedelta(days=SOON_DAYS))
    return followup_summary(items, contacts, day)


def export_ics(store: Store, guide: Guide, today: dt.date, *, now: dt.datetime | None = None) -> str:
    """Le calendrier .ics des actions datées encore à faire et des relances de contacts.

    Lève `ReconversionError` s'il n'y a aucune échéance (un agenda sans évènement n'est pas valide).
    """
    from reconversion.adapters import followup_store
    from reconversion.core.calendar_ics import build_calendar, calendar_entries

    _answers, _rows, items = _action_state(guide, store, today)
    entries = calendar_entries(items, followup_store.contact_rows(store), guide, profile=store.profile)
    if not entries:  # la RFC 5545 veut au moins un évènement : un agenda vide serait refusé
        raise ReconversionError(
            "Aucune échéance à mettre dans un agenda : donne une date à une action "
            f"({_hint('actions edit ID', store.profile)} --due +7j) ou une relance à un contact "
            f"({_hint('contacts edit ID', store.profile)} --follow-up +2s)."
        )
    return build_calendar(entries, now=now or now_utc(), name=f"Reconversion — {store.profile}")


# Importé en dernier, exprès : `cli.py` importe ce module pour enregistrer les sous-commandes,
# et typer ne lit les annotations qu'au lancement. Ainsi l'ordre d'import (cli d'abord, ou ce
# module d'abord) n'a pas d'importance.
from reconversion.cli import GuideOption, ProfileOption  # noqa: E402
