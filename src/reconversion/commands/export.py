"""`reconversion export`, `reconversion import` et `reconversion guide export`.

Ce que la personne emporte : son plan en Markdown, une sauvegarde complète de son carnet
(et sa restauration), et le guide entier sous forme de livre. Comme dans `cli.py`, seuls
typer, la bibliothèque standard et les erreurs sont importés au chargement du module : le
reste l'est dans les commandes, pour garder `reconversion --version` rapide. Les erreurs
sont levées (`ReconversionError`), jamais affichées ici : `cli._Group` s'en charge.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconversion.commands.options import GuideOption, ProfileOption, program
from reconversion.errors import ReconversionError, UsageError

if TYPE_CHECKING:
    from reconversion.core.model import Guide

TODAY_VARIABLE = "RECONVERSION_TODAY"
STDOUT = "-"
EBOOK_FILE = "guide-complet-reconversion.md"
FORMATS = {"markdown": "markdown", "md": "markdown", "json": "json", "ics": "ics", "ical": "ics"}

OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Fichier à écrire (« - » pour l'afficher dans le terminal)."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe déjà.")]


def plan_date() -> dt.date:
    """La date du plan : aujourd'hui, ou `$RECONVERSION_TODAY` (AAAA-MM-JJ) pour un export reproductible.

    Elle ne sert qu'à dater le plan (titre, nom de fichier, échéances calculées), jamais aux
    horodatages du carnet.
    """
    configured = os.environ.get(TODAY_VARIABLE, "").strip()
    if not configured:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(configured)
    except ValueError:
        raise UsageError(
            f"{TODAY_VARIABLE}=« {configured} » n'est pas une date AAAA-MM-JJ (exemple : 2027-03-01)."
        ) from None


# --- export ----------------------------------------------------------------------------


def export(
    format_name: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="markdown (ton plan, par défaut), json (sauvegarde complète) ou ics (agenda)."
        ),
    ] = "markdown",
    output: OutputOption = None,
    force: ForceOption = False,
    profile: ProfileOption = "defaut",
    guide_path: GuideOption = None,
    include_contacts: Annotated[
        bool,
        typer.Option(
            "--include-contacts",
            help="Ajouter tes contacts au plan Markdown (ce sont les données d'autres personnes : partage avec soin).",
        ),
    ] = False,
) -> None:
    """Exporter ton plan en Markdown, ta sauvegarde complète en JSON, ou tes échéances en agenda (ics)."""
    from reconversion.adapters import guide_files
    from reconversion.adapters.locations import check_profile

    check_profile(profile)
    kind = FORMATS.get(format_name.strip().lower())
    if kind is None:
        raise UsageError(f"Format inconnu « {format_name} » : choisis « markdown », « json » ou « ics ».")
    guide = guide_files.load(guide_path)
    today = plan_date()
    if kind == "ics":
        _export_calendar(guide, profile, today, output, force=force)
        return
    data = _read_profile(profile, required=kind == "json")
    if kind == "json":
        text = _backup_text(guide, data, profile)
        name = f"sauvegarde-reconversion-{today.isoformat()}.json"
    else:
        text = _plan_text(guide, data, profile, today, include_contacts=include_contacts)
        name = f"plan-reconversion-{today.isoformat()}.md"
    path = _deliver(text, output, name, force=force)
    if path is None:
        return
    if kind == "json":
        print(f"Sauvegarde écrite : {path}")
        print(f"Pour la restaurer plus tard : {program()} import {path}")
    else:
        print(f"Ton plan est prêt : {path}")


def _export_calendar(guide: Guide, profile: str, today: dt.date, output: str | None, *, force: bool) -> None:
    """L'agenda .ics des actions datées et des relances (construit par `commands/followup.py`)."""
    from reconversion.adapters.locations import data_home
    from reconversion.adapters.store import Store
    from reconversion.commands.followup import export_ics

    store = Store.open(data_home(), profile, create=False)
    if store is None:
        raise ReconversionError(
            f"Le profil « {profile} » n'existe pas encore : aucune échéance à mettre dans un agenda. "
            "Commence par « reconversion start » ou « reconversion actions add »."
        )
    try:
        text = export_ics(store, guide, today)
    finally:
        store.close()
    path = _deliver(text, output, f"agenda-reconversion-{today.isoformat()}.ics", force=force)
    if path is not None:
        print(f"Ton agenda est prêt : {path}")
        print("Importe-le dans ton agenda (Google Agenda, Outlook, Calendrier, Thunderbird…).")


def _read_profile(profile: str, *, required: bool) -> dict[str, Any]:
    """Tout le carnet ; un carnet vide si le profil n'existe pas (sauf pour une sauvegarde)."""
    from reconversion.adapters.backup_store import read_profile
    from reconversion.adapters.locations import data_home
    from reconversion.adapters.store import Store
    from reconversion.core.backup import TABLES

    store = Store.open(data_home(), profile, create=False)
    if store is None:
        if required:
            raise ReconversionError(
                f"Le profil « {profile} » n'existe pas encore : rien à sauvegarder. "
                "Commence par « reconversion start »."
            )
        return {"profile_info": {}, **{table: [] for table in TABLES}}
    try:
        return read_profile(store)
    finally:
        store.close()


def _backup_text(guide: Guide, data: dict[str, Any], profile: str) -> str:
    from reconversion import __version__
    from reconversion.adapters.store import now
    from reconversion.core.backup import build_backup, dumps

    backup = build_backup(
        data,
        guide_id=guide.id,
        guide_version=guide.version,
        profile=profile,
        exported_at=now(),
        tool_version=__version__,
    )
    return dumps(backup)


def _plan_text(guide: Guide, data: dict[str, Any], profile: str, today: dt.date, *, include_contacts: bool) -> str:
    from reconversion.adapters.metiers_files import interest_test
    from reconversion.core.backup import active_answers
    from reconversion.core.engine import catalogue_choices
    from reconversion.core.followup import contacts_markdown, experiences_markdown, step_start_days
    from reconversion.core.plan_markdown import render_plan
    from reconversion.core.riasec import facts

    notes = {row["item_id"]: row["value"] for row in data["interest_answers"]}
    answers = {**active_answers(data), **facts(interest_test(), notes)}
    codes = catalogue_choices(guide, answers, "metiers")
    catalogue = _catalogue() if codes or data["interest_answers"] else None
    sections = []
    if data["interest_answers"] and catalogue is not None:
        sections.append(("Tes intérêts (test RIASEC)", _interests_markdown(data["interest_answers"], catalogue)))
    if data["experiences"]:
        sections.append(("Tes expériences", experiences_markdown(data["experiences"])))
    if include_contacts and data["contacts"]:
        sections.append(("Ton réseau", contacts_markdown(data["contacts"])))
    labels = {m.code: m.title for m in catalogue.metiers} if catalogue is not None else {}
    return render_plan(
        guide,
        answers,
        data["actions"],
        today=today,
        step_starts=step_start_days(data["answers"]),
        profile=profile,
        choice_labels={"metiers": labels},
        chosen_metiers=_metier_summaries(catalogue, codes),
        extra_sections=sections,
    )


def _catalogue() -> Any:
    """Le catalogue livré ; None s'il est illisible : le plan s'exporte quand même, codes seuls."""
    from reconversion.adapters import metiers_files

    try:
        return metiers_files.catalogue()
    except ReconversionError:
        return None


def _metier_summaries(catalogue: Any, codes: list[str]) -> list[dict[str, Any]]:
    if catalogue is None or not codes:
        return []
    from reconversion.core.catalogue import metier_summaries

    return metier_summaries(catalogue, codes)


def _interests_markdown(rows: list[dict[str, Any]], catalogue: Any) -> str:
    from reconversion.adapters import metiers_files
    from reconversion.core.riasec import results_markdown, score, suggest_metiers

    test = metiers_files.interest_test()
    result = score(test, {row["item_id"]: row["value"] for row in rows})
    return results_markdown(test, result, suggest_metiers(catalogue, result, 8))


def _deliver(text: str, output: str | None, default_name: str, *, force: bool, mode: int = 0o600) -> Path | None:
    """Écrit le texte (atomiquement, sans écraser sans --force) ou l'affiche si `-o -`."""
    from reconversion.adapters.files import write_atomic

    if output == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return None
    path = Path(output).expanduser() if output else Path.cwd() / default_name
    if path.is_dir():
        raise UsageError(
            f"{path} est un dossier : donne un nom de fichier avec -o, par exemple -o {path / default_name}."
        )
    write_atomic(path, text, overwrite=force, mode=mode)
    return path


# --- import ------------------------------------------------------------------------------------


def import_backup(
    file: Annotated[
        Path, typer.Argument(help="La sauvegarde JSON à restaurer (écrite par « reconversion export -f json »).")
    ],
    profile: ProfileOption = "defaut",
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
    from reconversion.adapters import guide_files
    from reconversion.adapters.locations import check_profile
    from reconversion.core.backup import validate

    check_profile(profile)
    backup = _load_backup(file)
    guide = guide_files.load(guide_path)
    check = validate(backup, guide_id=guide.id, guide_version=guide.version, allow_other_guide=force)
    if not check.ok:
        count = len(check.problems)
        raise ReconversionError(
            f"Sauvegarde {file} refusée ({count} problème{'s' if count > 1 else ''}), rien n'a été modifié :\n"
            + "\n".join(f"  - {line}" for line in check.problems)
        )
    safety_copy = _restore(backup, profile, guide, force=force)
    for note in check.notes:
        print(note)
    if safety_copy is not None:
        print(f"Les données remplacées sont gardées dans {safety_copy}.")
    print(f"Sauvegarde restaurée dans le profil « {profile} » : {_summary(backup)}.")
    suffix = "" if profile == "defaut" else f" --profile {profile}"
    print(f"Pour voir où tu en es : {program()} status{suffix}")


def _load_backup(file: Path) -> Any:
    """Les données JSON du fichier ; une erreur claire si ce n'est pas une sauvegarde lisible."""
    from reconversion.core.backup import MAX_BYTES, BackupFileProblem, parse

    def refuse(message: str) -> ReconversionError:
        return ReconversionError(f"Sauvegarde {file} refusée, rien n'a été modifié : {message}.")

    try:
        if file.is_dir():
            raise refuse("c'est un dossier, pas un fichier")
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise refuse(
                f"le fichier est trop gros ({size // (1024 * 1024)} Mio ; une sauvegarde fait au plus "
                f"{MAX_BYTES // (1024 * 1024)} Mio)"
            )
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise refuse("fichier introuvable") from None
    except OSError as exc:
        raise refuse(f"fichier illisible ({exc.strerror})") from None
    try:
        return parse(raw)
    except BackupFileProblem as exc:
        raise refuse(exc.message) from None


def _restore(backup: dict[str, Any], profile: str, guide: Guide, *, force: bool) -> Path | None:
    """Restaure sous le verrou du profil ; avec --force, garde d'abord une copie de ce qui est remplacé."""
    from reconversion.adapters.backup_store import read_profile, restore
    from reconversion.adapters.locations import data_home, ensure_private_dir, profile_path
    from reconversion.adapters.profile_lock import ProfileLock
    from reconversion.adapters.store import Store
    from reconversion.core.backup import has_data
    from reconversion.errors import StoreError

    home = ensure_private_dir(data_home())
    with ProfileLock(profile_path(home, profile).with_suffix(".lock"), profile):
        try:
            existing = Store.open(home, profile, create=False)
        except StoreError as exc:
            raise StoreError(
                f"{exc.message}\nPour restaurer la sauvegarde dans ce profil, renomme d'abord ce fichier "
                "(il restera intact), puis relance « reconversion import »."
            ) from None
        safety_copy = None
        if existing is not None:
            try:
                current = read_profile(existing)
            finally:
                existing.close()
            if has_data(current):
                if not force:
                    raise ReconversionError(
                        f"Le profil « {profile} » contient déjà des données : je ne les remplace pas. "
                        f"Ajoute --force pour les remplacer par la sauvegarde (une copie de sécurité sera gardée), "
                        f"ou choisis un autre profil avec --profile."
                    )
                safety_copy = _safety_copy(home, profile, guide, current)
        store = Store.open(home, profile)
        assert store is not None
        try:
            restore(store, backup, replace=force)
        finally:
            store.close()
    return safety_copy


def _safety_copy(home: Path, profile: str, guide: Guide, current: dict[str, Any]) -> Path:
    """Une sauvegarde de ce que --force va remplacer : rien de ce que la personne a saisi n'est perdu."""
    from reconversion.adapters.files import write_atomic
    from reconversion.adapters.locations import ensure_private_dir

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = ensure_private_dir(home / "sauvegardes")
    path = folder / f"{profile}-avant-import-{stamp}.json"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{profile}-avant-import-{stamp}-{number}.json"
    write_atomic(path, _backup_text(guide, current, profile))
    return path


def _summary(backup: dict[str, Any]) -> str:
    answers = backup["answers"]
    archived = sum(1 for row in answers if row["archived"])
    parts = [_count(len(answers) - archived, "réponse")]
    if archived:
        parts.append(_count(archived, "réponse archivée", "réponses archivées"))
    for table, one, many in (
        ("actions", "action", "actions"),
        ("interest_answers", "réponse au test d'intérêts", "réponses au test d'intérêts"),
        ("experiences", "expérience", "expériences"),
        ("contacts", "contact", "contacts"),
    ):
        if backup[table]:
            parts.append(_count(len(backup[table]), one, many))
    return ", ".join(parts)


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number <= 1 else (many or one + 's')}"


# --- guide export ------------------------------------------------------------------------------------


def guide_export(
    output: OutputOption = None,
    force: ForceOption = False,
    guide_path: GuideOption = None,
) -> None:
    """Exporter tout le guide en livre Markdown à lire, imprimer et remplir à la main."""
    from reconversion.adapters import guide_files
    from reconversion.core.ebook import render_ebook

    guide = guide_files.load(guide_path)
    path = _deliver(render_ebook(guide), output, EBOOK_FILE, force=force, mode=0o644)
    if path is not None:
        print(f"Le guide complet est prêt : {path}")
