"""`reconversion interests` : le test d'intérêts RIASEC, à son rythme, puis ses résultats.

Chaque note est enregistrée dès qu'elle est donnée (table `interest_answers` du profil) :
Ctrl-C interrompt sans rien perdre, et la commande reprend à la première activité sans
note. Sans terminal (ou avec --json), on montre seulement les résultats.

Importé au démarrage de `cli.py` : au niveau du module, seulement typer et la bibliothèque
standard ; la séance (`sessions/interests.py`) et questionary ne sont importés que pour poser
les questions. Pas de `from __future__ import annotations` : typer lit les annotations déjà
évaluées au lieu de les réévaluer à chaque démarrage.
"""

from typing import TYPE_CHECKING, Annotated

import typer

from reconversion.adapters.screen.relaunch import hint
from reconversion.commands.common.options import ProfileOption
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.errors import Interrupted, UsageError

if TYPE_CHECKING:
    from reconversion.adapters.storage.store import Store
    from reconversion.core.catalogue import InterestTest

SUGGESTIONS = 10


def has_terminal() -> bool:
    """Peut-on poser des questions ? (Remplacé dans les tests.)"""
    from reconversion.adapters.screen.terminal import can_ask

    return can_ask()


def interests(
    profile: ProfileOption = DEFAULT_PROFILE,
    reset: Annotated[
        bool, typer.Option("--reset", help="Effacer tes notes et repasser le test depuis le début.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Avec --reset : ne pas demander de confirmation.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Résultats en JSON (format décrit dans le README).")] = False,
    simple: Annotated[
        bool,
        typer.Option(
            "--simple", help="Mode simple : activités en lignes numérotées, sans flèches ni couleurs (comme start)."
        ),
    ] = False,
) -> None:
    """Le test d'intérêts (RIASEC) : note des activités, découvre ton code et des métiers à explorer."""
    from reconversion.adapters.content import metiers_files
    from reconversion.adapters.screen.terminal import prompt_style
    from reconversion.adapters.storage import interests_store
    from reconversion.adapters.storage.locations import check_profile
    from reconversion.commands.common.profile_access import lock, opened

    check_profile(profile)
    again = "interests --simple" if simple else "interests"  # reprendre comme on a commencé
    simple = prompt_style(simple) == "simple"  # les résultats aussi s'affichent alors sans couleur ni trait
    test = metiers_files.interest_test()
    interactive = has_terminal() and not as_json
    if reset and not yes and not interactive:
        raise UsageError("Pour effacer tes notes du test sans terminal interactif, ajoute --yes (c'est définitif).")
    answers: dict[str, int] = {}
    with opened(profile, create=interactive) as store:
        if store is not None:
            if reset:
                _reset(store, profile, confirm=not yes)
            answers = interests_store.load_answers(store)
        if interactive:
            assert store is not None
            with lock(profile):
                answers = _take_test(test, store, answers, profile, simple=simple, again=again)
    _show(test, answers, profile, as_json=as_json, interactive=interactive)


def _reset(store: "Store", profile: str, *, confirm: bool) -> None:
    from reconversion.adapters.prompts.confirm import confirm as ask
    from reconversion.adapters.storage import interests_store

    refusal = "Pour effacer tes notes du test sans terminal interactif, ajoute --yes (c'est définitif)."
    if not ask(f"Effacer tes notes du test d'intérêts (profil « {profile} ») ?", yes=not confirm, refusal=refusal):
        print("Rien n'a été effacé.")
        raise typer.Exit(0)
    count = interests_store.reset(store)
    notes = "1 note effacée" if count == 1 else f"{count} notes effacées"
    print(f"{notes} : le test repart de zéro.")


def _take_test(
    test: "InterestTest",
    store: "Store",
    answers: dict[str, int],
    profile: str,
    *,
    simple: bool = False,
    again: str = "interests",
) -> dict[str, int]:
    from reconversion.adapters.storage import interests_store
    from reconversion.core.riasec import valid_answers
    from reconversion.sessions.interests import ask_items

    answers = valid_answers(test, answers)
    if len(answers) >= len(test.items):
        return answers
    print(f"\n{test.title}")
    if answers:
        print(f"On reprend là où tu t'étais arrêté·e : {len(answers)} activités notées sur {len(test.items)}.")
    else:
        print(test.intro)
    print("Ctrl-C pour faire une pause : tes notes sont enregistrées au fur et à mesure.\n")
    if simple:
        from reconversion.adapters.prompts.plain_prompts import PlainPrompter

        asker = PlainPrompter().interest_asker(test)
    else:
        from reconversion.adapters.prompts.arrow_prompts import Prompter

        asker = Prompter().interest_asker(test)
    try:
        ask_items(test, answers, asker, lambda i, v: interests_store.save_answer(store, i, v))
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(
            f"\nPause ! Tes notes sont enregistrées ({len(answers)} sur {len(test.items)}). "
            f"Pour reprendre le test : {hint(again, profile)}"
        ) from None
    return answers


def _show(test: "InterestTest", answers: dict[str, int], profile: str, *, as_json: bool, interactive: bool) -> None:
    from reconversion.adapters.content import metiers_files
    from reconversion.core.riasec import results_report, score, suggest_metiers

    result = score(test, answers)
    suggestions = suggest_metiers(metiers_files.catalogue(), result, SUGGESTIONS)
    if as_json:
        from reconversion.adapters.screen.json_output import print_json

        print_json(results_report(test, result, suggestions, profile))
        return
    if not result.complete and not interactive:
        raise UsageError(
            f"Le test d'intérêts n'est pas terminé ({result.answered}/{result.total} activités notées), et il faut "
            f"un terminal interactif pour y répondre : lance « {hint('interests', profile)} » dans un terminal. "
            f"Pour voir où tu en es : « {hint('interests --json', profile)} »."
        )
    from reconversion.adapters.screen.interests_view import print_results

    print_results(test, result, suggestions)
    if interactive:
        print(f"\nPour repasser le test : {hint('interests', profile)} --reset")
