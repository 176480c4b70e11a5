"""`reconversion import` : restaurer une sauvegarde JSON dans un profil.

Rien n'est modifié tant que la sauvegarde n'est pas entièrement vérifiée (`core.backup.validate`) ;
avec --force, ce qui est remplacé est d'abord gardé dans une copie de sécurité. Comme dans
`cli.py`, seuls typer, la bibliothèque standard et les erreurs sont importés au chargement.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconversion.adapters.screen.relaunch import program
from reconversion.commands.common.options import GuideOption, ProfileOption
from reconversion.commands.common.profile_access import load_guide
from reconversion.core.french_count import count_of
from reconversion.core.profile_name import DEFAULT_PROFILE, profile_suffix
from reconversion.errors import ReconversionError

if TYPE_CHECKING:
    from reconversion.core.model import Guide
    from reconversion.core.schemas import ProfileData


def import_backup(
    file: Annotated[
        Path, typer.Argument(help="La sauvegarde JSON à restaurer (écrite par « reconversion export -f json »).")
    ],
    profile: ProfileOption = DEFAULT_PROFILE,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Remplacer les données du profil (une copie de sécurité est gardée), ou accepter un autre guide.",
        ),
    ] = False,
    guide_path: GuideOption = None,
) -> None:
    """Restaurer une sauvegarde JSON dans un profil (vide, ou avec --force)."""
    from reconversion.adapters.storage.locations import check_profile
    from reconversion.core.backup import validate

    check_profile(profile)
    backup = _load_backup(file)
    guide = load_guide(guide_path)
    check = validate(
        backup,
        guide_id=guide.id,
        guide_version=guide.version,
        allow_other_guide=force,
        question_types={q.id: q.type for q in guide.questions},
        interest_scale=_interest_scale(),
    )
    if not check.ok:
        raise ReconversionError(
            f"Sauvegarde {file} refusée ({count_of(len(check.problems), 'problème')}), rien n'a été modifié :\n"
            + "\n".join(f"  - {line}" for line in check.problems)
        )
    safety_copy = _restore(backup, profile, guide, force=force)
    for note in check.notes:
        print(note)
    if safety_copy is not None:
        print(f"Les données remplacées sont gardées dans {safety_copy}.")
    print(f"Sauvegarde restaurée dans le profil « {profile} » : {_summary(backup)}.")
    suffix = profile_suffix(profile)
    print(f"Pour voir où tu en es : {program()} status{suffix}")


def _interest_scale() -> tuple[int, ...] | None:
    """Les notes possibles du test d'intérêts livré ; None s'il est illisible (seules les bornes comptent alors)."""
    from reconversion.adapters.content import metiers_files

    try:
        return tuple(metiers_files.interest_test().scale_values)
    except ReconversionError:
        return None


def _load_backup(file: Path) -> Any:
    """Les données JSON du fichier ; une erreur claire si ce n'est pas une sauvegarde lisible."""
    from reconversion.core.backup import MAX_BYTES, BackupFileProblem, parse

    def refuse(message: str) -> ReconversionError:
        return ReconversionError(f"Sauvegarde {file} refusée, rien n'a été modifié : {message}.")

    from reconversion.core.yaml_source import InputFileError, read_bounded

    try:
        raw = read_bounded(file, MAX_BYTES)
    except InputFileError as exc:
        raise refuse(exc.reason) from None
    try:
        return parse(raw)
    except BackupFileProblem as exc:
        raise refuse(exc.message) from None


def _restore(backup: dict[str, Any], profile: str, guide: Guide, *, force: bool) -> Path | None:
    """Restaure sous le verrou du profil ; avec --force, garde d'abord une copie de ce qui est remplacé.

    La lecture, la copie de sécurité et le remplacement se font dans la même transaction
    (`backup_store.restore`) : une action ajoutée pendant l'import attend, elle n'est pas perdue.
    """
    from reconversion.adapters.storage.backup_store import restore
    from reconversion.adapters.storage.locations import data_home, ensure_private_dir
    from reconversion.adapters.storage.store import Store
    from reconversion.commands.common.profile_access import lock

    home = ensure_private_dir(data_home())
    kept: list[Path] = []
    with lock(profile):
        store = Store.open(home, profile)
        try:
            restore(
                store,
                backup,
                replace=force,
                keep=lambda current: kept.append(_safety_copy(home, profile, guide, current)),
            )
        finally:
            store.close()
    if kept:
        from reconversion.adapters.storage.safety_copies import prune

        prune(home, profile)
    return kept[0] if kept else None


def _safety_copy(home: Path, profile: str, guide: Guide, current: ProfileData) -> Path:
    """Une sauvegarde de ce que --force va remplacer : rien de ce que la personne a saisi n'est perdu."""
    from reconversion.adapters.storage.backup_store import safety_copy_text
    from reconversion.adapters.storage.files import write_atomic
    from reconversion.adapters.storage.safety_copies import new_copy_path
    from reconversion.commands.common.today import now_utc
    from reconversion.core.backup import backup_of

    text = safety_copy_text(backup_of(current, guide, profile=profile, now=now_utc()), profile)  # restaurable
    path = new_copy_path(home, profile)
    write_atomic(path, text)
    return path


def _summary(backup: dict[str, Any]) -> str:
    answers = backup["answers"]
    archived = sum(1 for row in answers if row["archived"])
    parts = [count_of(len(answers) - archived, "réponse")]
    if archived:
        parts.append(count_of(archived, "réponse archivée"))
    for table, one, many in (
        ("actions", "action", "actions"),
        ("interest_answers", "réponse au test d'intérêts", "réponses au test d'intérêts"),
        ("experiences", "expérience", "expériences"),
        ("contacts", "contact", "contacts"),
    ):
        if backup[table]:
            parts.append(count_of(len(backup[table]), one, many))
    return ", ".join(parts)
