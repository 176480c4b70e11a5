"""`reconversion reset` : effacer des réponses (toutes, ou celles d'une étape), ou tout le profil avec `--all`.

Toujours après une confirmation qui dit ce qui est effacé et ce qui est gardé, sous le verrou du profil.
`--all` efface aussi les copies de sécurité d'`import --force` (et leurs temporaires), et le carnet
est compacté (VACUUM) : rien de l'ancien contenu ne reste dans ses pages libres.
"""

from __future__ import annotations

from typing import Annotated

import typer

from reconversion.adapters.prompts.confirm import confirm
from reconversion.adapters.screen.relaunch import program
from reconversion.adapters.storage.safety_copies import erase_all, not_tracked
from reconversion.commands.common.option_values import step_option
from reconversion.commands.common.options import GuideOption, ProfileOption
from reconversion.commands.common.profile_access import load_guide, lock, opened
from reconversion.core.french_count import count_of
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.errors import UsageError


def reset(
    profile: ProfileOption = DEFAULT_PROFILE,
    step: Annotated[str | None, typer.Option("--step", help="N'effacer que les réponses de cette étape.")] = None,
    everything: Annotated[
        bool,
        typer.Option("--all", help="Tout effacer : réponses, actions, expériences, contacts et test d'intérêts."),
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Ne pas demander de confirmation.")] = False,
    guide_path: GuideOption = None,
) -> None:
    """Effacer tes réponses (toutes, ou celles d'une étape) ; avec --all, tout le contenu du profil."""
    guide = load_guide(guide_path)
    step = step_option(guide, step)
    if step and everything:
        raise UsageError("Choisis --step (une étape) ou --all (tout le profil), pas les deux.")
    with opened(profile) as store:
        if store is None:
            print(f"Le profil « {profile} » est vide : rien à effacer.")
            return
        if everything:
            what = (
                "tout le contenu du profil : réponses, actions, expériences, contacts, test d'intérêts "
                "et copies de sécurité"
            )
            kept = (  # le nom du profil est l'argument de `profiles delete`, pas une option --profile
                f"Le fichier du profil reste (vide) ; pour l'effacer lui aussi : {program()} profiles delete {profile}."
            )
        elif step:
            title = (guide.step(step) or guide.steps[0]).title
            what = f"tes réponses de l'étape « {title} »"
            kept = "Tes autres réponses, tes actions, expériences, contacts et ton test d'intérêts sont gardés."
        else:
            what = "toutes tes réponses aux questions du guide"
            kept = (
                "Tes actions personnelles, expériences, contacts et ton test d'intérêts sont gardés "
                "(--all pour tout effacer)."
            )
        refusal = f"Pour effacer {what} sans terminal interactif, ajoute --yes (c'est définitif)."
        if not confirm(f"Effacer {what} (profil « {profile} ») ? {kept} C'est définitif.", yes=yes, refusal=refusal):
            print("Rien n'a été effacé.")
            return
        with lock(profile):
            count = store.reset(step, everything=everything)
            copies = erase_all(store.path.parent, profile) if everything else []
    print(f"{count_of(count, 'réponse effacée')} du profil « {profile} ».")
    if everything:
        print("Actions, expériences, contacts et test d'intérêts effacés aussi.")
        if copies:
            print(f"{count_of(len(copies), 'copie de sécurité effacée', 'copies de sécurité effacées')}.")
        print(not_tracked())
    else:
        print(kept)
