"""Ce que `contacts` et `experiences` font de la même façon : le groupe de commandes qui, seul ou avec
`list`, montre la liste ; et pour une ligne de leur carnet, la retrouver par son identifiant (`c3`,
`e2`), dire qu'elle n'existe pas, l'effacer après confirmation."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import typer

from reconversion.adapters.prompts.confirm import confirm
from reconversion.adapters.screen.relaunch import hint
from reconversion.commands.common.options import JsonOption, ProfileOption, inherit
from reconversion.commands.common.profile_access import opened
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.errors import ReconversionError

if TYPE_CHECKING:
    from reconversion.adapters.storage.store import Store


class RowKind(NamedTuple):
    """Une sorte de ligne du carnet, et les mots pour en parler (« le contact », « l'expérience »)."""

    prefix: str  # « c » pour c1, c2…
    title: str  # « Contact », « Expérience » : en tête de phrase
    the: str  # « le contact », « l'expérience »
    none: str  # « Aucun contact », « Aucune expérience »
    erased: str  # « effacé », « effacée »
    command: str  # la commande qui liste ces lignes
    rows: Callable[[Store], Sequence[Mapping[str, Any]]]  # `followup_store.contact_rows`…
    delete: Callable[[Store, int], object]


def notebook_app(help_text: str, show: Callable[[str, bool], None], *, list_help: str) -> typer.Typer:
    """Le groupe d'une table du carnet : seul ou avec `list`, il appelle `show(profil, json)` ; --profile
    et --json se donnent au groupe (« contacts --json ») ou à `list` (« contacts --profile perso list »)."""
    app = typer.Typer(help=help_text, invoke_without_command=True)

    @app.callback()
    def main(ctx: typer.Context, profile: ProfileOption = DEFAULT_PROFILE, as_json: JsonOption = False) -> None:
        if ctx.invoked_subcommand is None:
            show(profile, as_json)

    @app.command("list", help=list_help)
    def list_rows(ctx: typer.Context, profile: ProfileOption = DEFAULT_PROFILE, as_json: JsonOption = False) -> None:
        show(inherit(ctx, "profile", profile), as_json)

    return app


def missing(kind: RowKind, row_id: int, profile: str) -> ReconversionError:
    """L'erreur d'un identifiant qui ne nomme aucune ligne du profil, avec la commande qui les liste."""
    from reconversion.core.followup import public_id

    return ReconversionError(
        f"{kind.none} {public_id(kind.prefix, row_id)} dans le profil « {profile} ». "
        f"La liste : {hint(kind.command, profile)}"
    )


def remove_row(
    kind: RowKind, row_id: int, profile: str, describe: Callable[[Mapping[str, Any]], str], *, yes: bool
) -> None:
    """Efface une ligne après une confirmation qui la nomme (`describe` : « Awa Diallo » et tes notes)."""
    from reconversion.core.followup import public_id

    shown = public_id(kind.prefix, row_id)
    with opened(profile, missing=missing(kind, row_id, profile)) as store:
        row = next((r for r in kind.rows(store) if r["id"] == row_id), None)
        if row is None:
            raise missing(kind, row_id, profile)
        if not confirm(
            f"Effacer {kind.the} {shown} {describe(row)} ? C'est définitif.",
            yes=yes,
            refusal=f"Pour effacer {kind.the} {shown} sans terminal interactif, ajoute --yes.",
        ):
            print("Rien n'a été effacé.")
            return
        kind.delete(store, row_id)
    print(f"{kind.title} {shown} {kind.erased}.")
