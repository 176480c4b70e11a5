"""`reconversion experiences` : tes expériences de terrain (étape 4) et ce que tu en retiens."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from reconversion.adapters.screen.json_output import print_json
from reconversion.adapters.screen.relaunch import hint
from reconversion.adapters.screen.terminal import can_ask, console
from reconversion.adapters.storage import followup_store
from reconversion.commands.common.form_fields import ask_date, optional_text, required_text
from reconversion.commands.common.notebook_rows import RowKind, notebook_app, remove_row
from reconversion.commands.common.option_values import clean_text, date_option, parse_id
from reconversion.commands.common.options import ProfileOption, YesOption, inherit
from reconversion.commands.common.profile_access import opened, read_rows
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.errors import AnswerError, UsageError

EXPERIENCE = RowKind(
    prefix="e",
    title="Expérience",
    the="l'expérience",
    none="Aucune expérience",
    erased="effacée",
    command="experiences",
    rows=followup_store.experience_rows,
    delete=followup_store.delete_experience,
)


def _list_experiences(profile: str, as_json: bool) -> None:
    from reconversion.core.followup import experience_json, kind_label, period_text, public_id, sort_experiences

    rows = read_rows(profile, followup_store.experience_rows)
    ordered = sort_experiences(rows)
    if as_json:
        print_json({"profile": profile, "experiences": [experience_json(r) for r in ordered]})
        return
    from reconversion.adapters.screen.terminal import inline

    out = console()
    if not ordered:
        out.print(
            "Aucune expérience notée pour l'instant. Une immersion, un stage, du bénévolat ? "
            f"Note-la avec : {inline(hint('experiences add', profile))}"
        )
        return
    out.print(f"[bold]Tes expériences — profil « {inline(profile)} »[/bold]")
    for row in ordered:
        period = period_text(row["start_date"], row["end_date"])
        out.print(
            f"\n[bold]{public_id('e', row['id'])}[/bold]  [bold]{inline(kind_label(row['kind']))}[/bold] — "
            f"{inline(row['organisation'])}" + (f" ({period})" if period else "")
        )
        if (row["learnt"] or "").strip():
            out.print(f"    {inline(row['learnt'].strip())}", style="dim")


experiences_app = notebook_app(
    "Tes expériences de terrain (stage, immersion, bénévolat…) et ce que tu en retiens.",
    _list_experiences,
    list_help="Lister tes expériences, les plus récentes d'abord.",
)


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
    profile: ProfileOption = DEFAULT_PROFILE,
) -> None:
    """Noter une expérience : un formulaire dans le terminal, ou tout en options pour les scripts."""
    from reconversion.core.followup import kind_label, parse_kind, public_id

    profile = inherit(ctx, "profile", profile)
    if all(value is None for value in (kind, organisation, start, end, learnt)):
        if not can_ask():
            raise UsageError(
                "Pas de terminal interactif pour le formulaire : donne au moins --kind et --organisation, "
                f'par exemple « {hint("experiences add", profile)} --kind immersion --organisation "Boulangerie '
                'Martin" --start 10/01/2027 --end 20/01/2027 --learnt "Le contact client me plaît" ».'
            )
        values = _experience_form()
    else:
        missing = [name for name, value in (("--kind", kind), ("--organisation", organisation)) if value is None]
        if missing:
            raise UsageError(
                f"Il manque {' et '.join(missing)}, par exemple « {hint('experiences add', profile)} --kind stage "
                '--organisation "Mairie de Lyon" ».'
            )
        assert kind is not None and organisation is not None
        try:
            kind_key = parse_kind(kind)
        except AnswerError as exc:
            raise UsageError(f"--kind : {exc.message}.") from None
        values = {
            "kind": kind_key,
            "organisation": clean_text(organisation, "--organisation", "Boulangerie Martin"),
            "start": date_option(start, "--start", allow_clear=True),
            "end": date_option(end, "--end", allow_clear=True),
            "learnt": (learnt or "").strip(),
        }
    if values["start"] and values["end"] and values["end"] < values["start"]:
        raise UsageError("La date de fin (--end) est avant la date de début (--start) : vérifie-les.")
    with opened(profile, create=True) as store:
        row_id = followup_store.add_experience(
            store, values["kind"], values["organisation"], values["start"], values["end"], values["learnt"]
        )
    print(f"Expérience {public_id('e', row_id)} notée : {kind_label(values['kind'])} — {values['organisation']}.")


def _experience_form() -> dict[str, Any]:
    """Le formulaire interactif : questionary, ou des lignes numérotées en mode simple."""
    from reconversion.adapters.prompts.form_prompts import form_prompts
    from reconversion.core.followup import EXPERIENCE_KINDS

    form = form_prompts()
    kind = form.select("Quelle sorte d'expérience ?", [(label, key) for key, label in EXPERIENCE_KINDS.items()])
    organisation = form.text("Où (entreprise, association, lieu) ?", validate=required_text)
    when = "(JJ/MM/AAAA, « fin mars » ou « dans 2 semaines » ; Entrée pour passer)"
    start = ask_date(form, "Date de début ?", instruction=when)
    end = ask_date(form, "Date de fin ?", instruction=when, after=start)
    learnt = form.text(
        "Qu'as-tu appris, ou qu'est-ce que cette expérience a confirmé ?",
        instruction="(Entrée pour passer)",
        validate=optional_text,
    )
    return {
        "kind": kind,
        "organisation": " ".join(organisation.split()),
        "start": start,
        "end": end,
        "learnt": learnt.strip(),
    }


@experiences_app.command("remove")
def experiences_remove(
    ctx: typer.Context,
    identifier: Annotated[str, typer.Argument(metavar="ID", help="L'identifiant de l'expérience (e1…).")],
    yes: YesOption = False,
    profile: ProfileOption = DEFAULT_PROFILE,
) -> None:
    """Effacer une expérience (après confirmation)."""
    from reconversion.core.followup import kind_label

    profile = inherit(ctx, "profile", profile)
    row_id = parse_id(identifier, "e", "d'expérience", "experiences", profile)
    remove_row(
        EXPERIENCE, row_id, profile, lambda row: f"« {kind_label(row['kind'])} — {row['organisation']} »", yes=yes
    )
