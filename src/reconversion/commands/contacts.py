"""`reconversion contacts` : ton réseau (étape 5) et les relances à faire."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from reconversion.adapters.screen.json_output import print_json
from reconversion.adapters.screen.relaunch import hint
from reconversion.adapters.screen.terminal import can_ask, console
from reconversion.adapters.storage import followup_store
from reconversion.commands.common.form_fields import ask_date, optional_text, required_text
from reconversion.commands.common.notebook_rows import RowKind, missing, notebook_app, remove_row
from reconversion.commands.common.option_values import clean_text, date_option, parse_id
from reconversion.commands.common.options import ProfileOption, YesOption, inherit
from reconversion.commands.common.profile_access import opened, read_rows
from reconversion.commands.common.today import plan_date
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.errors import UsageError

if TYPE_CHECKING:
    from reconversion.core.schemas import ContactJson, NewContact

CONTACT = RowKind(
    prefix="c",
    title="Contact",
    the="le contact",
    none="Aucun contact",
    erased="effacé",
    command="contacts",
    rows=followup_store.contact_rows,
    delete=followup_store.delete_contact,
)


def _list_contacts(profile: str, as_json: bool) -> None:
    from reconversion.core.followup import contact_json, sort_contacts

    day = plan_date()
    rows = read_rows(profile, followup_store.contact_rows)
    ordered = [contact_json(r, day) for r in sort_contacts(rows, day)]
    if as_json:
        print_json({"profile": profile, "today": day.isoformat(), "contacts": ordered})
        return
    _show_contacts(ordered, profile, day)


def _show_contacts(contacts: list[ContactJson], profile: str, day: dt.date) -> None:
    from reconversion.adapters.screen.terminal import inline
    from reconversion.core.dates import due_label
    from reconversion.core.followup import FOLLOW_UP_OVERDUE

    out = console()
    if not contacts:
        out.print(
            "Aucun contact noté pour l'instant. Une personne rencontrée sur un salon, en enquête métier ? "
            f'Note-la avec : {inline(hint("contacts add", profile))} "Prénom Nom" --follow-up +2s'
        )
        return
    out.print(f"[bold]Ton réseau — profil « {inline(profile)} »[/bold]")
    due = [c for c in contacts if c["follow_up_due"]]
    others = [c for c in contacts if not c["follow_up_due"]]
    sections = (("À relancer", due), ("Tes contacts" if not due else "Les autres contacts", others))
    for title, members in sections:
        if not members:
            continue
        out.print(f"\n[bold]{title}[/bold]")
        for contact in members:
            about = ", ".join(part for part in (contact["role"], contact["organisation"]) if part)
            line = f"[bold]{contact['id']}[/bold]  {inline(contact['name'])}" + (f" — {inline(about)}" if about else "")
            out.print(line)
            if contact["follow_up"]:
                label = due_label(dt.date.fromisoformat(contact["follow_up"]), day)
                style = (
                    "red"
                    if contact["follow_up_status"] == FOLLOW_UP_OVERDUE
                    else ("yellow" if contact["follow_up_due"] else "dim")
                )
                out.print(f"    [{style}]relance : {inline(label)}[/{style}]")
            if contact["met_how"]:
                out.print(f"    rencontre : {inline(contact['met_how'])}", style="dim")
            if contact["notes"].strip():
                out.print(f"    {inline(contact['notes'].strip())}", style="dim")
    out.print(
        f"\nAprès une relance, note la suivante : {inline(hint('contacts edit ID', profile))} --follow-up +3s",
        style="dim",
    )


contacts_app = notebook_app(
    "Ton réseau : les personnes rencontrées et les relances à faire.",
    _list_contacts,
    list_help="Lister tes contacts : les relances passées ou dans les 7 jours en tête.",
)


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
    profile: ProfileOption = DEFAULT_PROFILE,
) -> None:
    """Noter une personne de ton réseau (identifiant c1, c2…)."""
    from reconversion.core.followup import public_id

    profile = inherit(ctx, "profile", profile)
    options = (organisation, role, met, notes, follow_up)
    values: NewContact
    if name is None:
        if any(value is not None for value in options) or not can_ask():
            raise UsageError(
                f'Il manque le nom du contact, par exemple « {hint("contacts add", profile)} "Awa Diallo" '
                "--role Boulangère --follow-up +2s »."
            )
        values = _contact_form()
    else:
        day = date_option(follow_up, "--follow-up", allow_clear=True, future=True)
        values = _new_contact(clean_text(name, "Le nom", "Awa Diallo"), organisation, role, met, notes, day)
    with opened(profile, create=True) as store:
        row_id = followup_store.add_contact(store, values)
    name = values["name"]
    print(f"Contact {public_id('c', row_id)} noté : {name}{'' if name.endswith('.') else '.'}")


def _contact_form() -> NewContact:
    """Le formulaire interactif d'un contact : questionary, ou des lignes en mode simple."""
    from reconversion.adapters.prompts.form_prompts import form_prompts

    form = form_prompts()
    skip = "(Entrée pour passer)"
    name = form.text("Son nom ?", validate=required_text)
    organisation = form.text("Son entreprise ou organisme ?", instruction=skip, validate=optional_text)
    role = form.text("Son métier ou sa fonction ?", instruction=skip, validate=optional_text)
    met = form.text("Comment vous êtes-vous rencontrés ?", instruction=skip, validate=optional_text)
    notes = form.text("Tes notes ?", instruction=skip, validate=optional_text)
    follow_up = ask_date(
        form,
        "Quand la ou le relancer ?",
        instruction="(JJ/MM/AAAA, « dans 2 semaines » ou « fin mars » ; Entrée pour passer)",
        future=True,
    )
    return _new_contact(name, organisation, role, met, notes, follow_up)


def _new_contact(
    name: str, organisation: str | None, role: str | None, met: str | None, notes: str | None, day: dt.date | None
) -> NewContact:
    """Un contact complet à ajouter : les champs non donnés sont vides (`followup.contact_changes`)."""
    from reconversion.core.followup import contact_changes

    given = contact_changes(
        name=name, organisation=organisation or "", role=role or "", met_how=met or "", notes=notes or ""
    )
    return {
        "name": given["name"],
        "organisation": given["organisation"],
        "role": given["role"],
        "met_how": given["met_how"],
        "notes": given["notes"],
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
    profile: ProfileOption = DEFAULT_PROFILE,
) -> None:
    """Modifier un contact ; après une relance, note la suivante avec --follow-up."""
    from reconversion.core.followup import contact_changes, public_id

    profile = inherit(ctx, "profile", profile)
    row_id = parse_id(identifier, "c", "de contact", "contacts", profile)
    changes = contact_changes(
        name=None if name is None else clean_text(name, "--name", "Awa Diallo"),
        organisation=organisation,
        role=role,
        met_how=met,
        notes=notes,
    )
    if follow_up is not None:
        day = date_option(follow_up, "--follow-up", allow_clear=True, future=True)
        changes["follow_up"] = day.isoformat() if day else None
    if not changes:
        raise UsageError(
            "Rien à modifier : indique par exemple --follow-up, --notes ou --role "
            f"(« {hint('contacts edit c1', profile)} --follow-up +2s »)."
        )
    with opened(profile) as store:
        updated = store is not None and followup_store.update_contact(store, row_id, changes)
    if not updated:
        raise missing(CONTACT, row_id, profile)
    print(f"Contact {public_id('c', row_id)} modifié.")


@contacts_app.command("remove")
def contacts_remove(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant du contact (c1…).")],
    yes: YesOption = False,
    profile: ProfileOption = DEFAULT_PROFILE,
) -> None:
    """Effacer un contact (après confirmation)."""
    profile = inherit(ctx, "profile", profile)
    row_id = parse_id(identifier, "c", "de contact", "contacts", profile)
    remove_row(CONTACT, row_id, profile, lambda row: f"« {row['name']} » et tes notes", yes=yes)
