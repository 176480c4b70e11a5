"""`reconversion profiles` : tes carnets, et le droit à l'effacement en une commande.

`profiles` liste les profils (nom, dernière activité, avancement, copies de sécurité) ;
`profiles delete NOM` efface **tous** les fichiers du profil : le carnet, son journal SQLite,
son verrou, les copies de sécurité gardées par `import --force` et leurs temporaires, après une
confirmation qui nomme chaque fichier ; puis il dit ce qu'il ne peut pas connaître : les fichiers
que la personne a exportés elle-même ailleurs. Le verrou du profil est pris d'abord : un assistant ouvert sur ce
profil empêche l'effacement.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import typer

from reconversion.adapters.screen.relaunch import hint
from reconversion.adapters.storage.safety_copies import erase_files, not_tracked
from reconversion.commands.common.options import GuideOption, JsonOption, YesOption
from reconversion.core.french_count import count_of
from reconversion.errors import ReconversionError

profiles_app = typer.Typer(
    help="Tes profils (un carnet par profil) : les lister, en effacer un entièrement.",
    invoke_without_command=True,
)


@profiles_app.callback()
def profiles_main(ctx: typer.Context, as_json: JsonOption = False, guide_path: GuideOption = None) -> None:
    """Lister tes profils : dernière activité, avancement, copies de sécurité."""
    if ctx.invoked_subcommand is None:
        _list_profiles(as_json, guide_path)


@profiles_app.command("list")
def profiles_list(as_json: JsonOption = False, guide_path: GuideOption = None) -> None:
    """Lister tes profils (comme « reconversion profiles »)."""
    _list_profiles(as_json, guide_path)


@profiles_app.command("delete")
def profiles_delete(
    name: str = typer.Argument(..., metavar="NOM", help="Le profil à effacer entièrement."),
    yes: YesOption = False,
) -> None:
    """Effacer un profil et tous ses fichiers (carnet, journal, copies de sécurité) : c'est définitif."""
    from reconversion.adapters.prompts.confirm import confirm
    from reconversion.adapters.storage.locations import check_profile, data_home, profile_path
    from reconversion.adapters.storage.profile_lock import ProfileLock

    check_profile(name)
    home = data_home()
    files = profile_files(home, name)
    if not files:
        print(f"Aucun fichier pour le profil « {name} » : rien à effacer.")
        return
    listed = "\n".join(f"  - {path}" for path in files)
    these = "ce fichier" if len(files) == 1 else f"ces {count_of(len(files), 'fichier')}"
    question = f"Effacer définitivement le profil « {name} » et {these} ?\n{listed}\n"
    refusal = f"Pour effacer le profil « {name} » sans terminal interactif, ajoute --yes (c'est définitif)."
    if not confirm(question.rstrip("\n"), yes=yes, refusal=refusal):
        print("Rien n'a été effacé.")
        return
    lock = profile_path(home, name).with_suffix(".lock")
    with ProfileLock(lock, name):
        # le verrou pris à l'instant n'est pas un fichier de la personne : compté seulement s'il était listé
        removed = [path for path in erase_files(profile_files(home, name)) if path != lock or lock in files]
    with contextlib.suppress(FileNotFoundError):
        lock.unlink()
    print(f"Profil « {name} » effacé : {count_of(len(removed), 'fichier supprimé', 'fichiers supprimés')} dans {home}.")
    print(not_tracked())


def profile_files(home: Path, name: str) -> list[Path]:
    """Tous les fichiers d'un profil : carnet, journal et WAL de SQLite, verrou, copies de sécurité
    et leurs temporaires (une copie interrompue par un arrêt brutal est pleine de données personnelles)."""
    from reconversion.adapters.storage import safety_copies
    from reconversion.adapters.storage.locations import profile_path
    from reconversion.adapters.storage.store import companions

    database = profile_path(home, name)
    files = [database] if os.path.lexists(database) else []
    files += companions(database)
    lock = database.with_suffix(".lock")
    if os.path.lexists(lock):
        files.append(lock)
    return files + safety_copies.copies(home, name) + safety_copies.temporaries(home, name)


# L'état d'un profil dans `profiles --json` : "ok", ou "unreadable" (affiché « illisible », avec la raison).
READABLE = "ok"
UNREADABLE = "unreadable"


def _list_profiles(as_json: bool, guide_path: Any) -> None:
    from reconversion.adapters.storage.locations import data_home

    home = data_home()
    rows = [_describe(home, path.stem, guide_path) for path in _profile_databases(home)]
    if as_json:
        from reconversion.adapters.screen.json_output import print_json

        print_json({"home": str(home), "profiles": rows})
        return
    if not rows:
        print(f"Aucun profil pour l'instant (dossier : {home}). Pour commencer : {hint('start', 'defaut')}")
        return
    from reconversion.core.dates import french_date
    from reconversion.core.french_count import count_of

    print(f"Tes profils (dossier : {home})")
    for row in rows:
        if row["state"] == UNREADABLE:
            print(f"  {row['name']} — illisible : {row['problem']}")
            continue
        copies = f", {count_of(row['safety_copies'], 'copie')} de sécurité" if row["safety_copies"] else ""
        last = french_date(row["last_activity"]) if row["last_activity"] else "aucune"
        steps = "étape terminée" if row["steps_done"] <= 1 else "étapes terminées"
        print(
            f"  {row['name']} — {row['steps_done']}/{row['steps_total']} {steps}, "
            f"{count_of(row['answers'], 'réponse')}, dernière activité : {last}{copies}"
        )
    print(f"Pour effacer un profil et tous ses fichiers : {hint('profiles delete NOM', 'defaut')}")


def _profile_databases(home: Path) -> list[Path]:
    import re

    if not home.is_dir():
        return []
    valid = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}\.sqlite3$")
    return sorted(p for p in home.iterdir() if valid.match(p.name))


def _describe(home: Path, name: str, guide_path: Any) -> dict[str, Any]:
    from reconversion.adapters.storage import safety_copies
    from reconversion.adapters.storage.store import Store
    from reconversion.commands.common.profile_access import load_guide

    row: dict[str, Any] = {"name": name, "safety_copies": len(safety_copies.copies(home, name))}
    try:
        store = Store.open(home, name, create=False)
    except ReconversionError as exc:
        return {**row, "state": UNREADABLE, "problem": exc.message.splitlines()[0]}
    if store is None:
        return {**row, "state": UNREADABLE, "problem": "fichier disparu"}
    try:
        info, steps, answers = store.info(), store.step_rows(), store.answers()
    finally:
        store.close()
    from reconversion.core.engine import progress

    guide = load_guide(guide_path)
    done = sum(1 for step in guide.steps if (state := steps.get(step.id)) is not None and state["completed_at"])
    stamp = info.get("last_activity_at")
    return {
        **row,
        "state": READABLE,
        "steps_done": done,
        "steps_total": len(guide.steps),
        # Comptées comme `status` : chaque question qui s'applique et a une réponse, « passée » comprise.
        "answers": sum(step.answered for step in progress(guide, answers)),
        "last_activity": local_iso_day(stamp) if stamp else None,
    }


def local_iso_day(stamp: str) -> str | None:
    """Un horodatage UTC ISO rendu en date locale ISO (« 2026-12-06 ») ; None s'il est illisible."""
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(stamp).astimezone().date().isoformat()
    except ValueError:
        return None
