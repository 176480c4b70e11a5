"""`reconversion export`, `reconversion import` et `reconversion guide export`.

Ce que la personne emporte : son plan en Markdown, une sauvegarde complète de son carnet
(et sa restauration), et le guide entier sous forme de livre. Comme dans `cli.py`, seuls
typer, la bibliothèque standard et les erreurs sont importés au chargement du module : le
reste l'est dans les commandes, pour garder `reconversion --version` rapide. Les erreurs
sont levées (`ReconversionError`), jamais affichées ici : `cli._Group` s'en charge.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

from reconversion.adapters.screen.relaunch import hint, program
from reconversion.commands.common.options import GuideOption, ProfileOption
from reconversion.commands.common.profile_access import load_guide, open_store
from reconversion.commands.common.today import plan_date
from reconversion.core.french_count import count_of
from reconversion.core.profile_name import DEFAULT_PROFILE, profile_suffix
from reconversion.errors import ReconversionError, UsageError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from reconversion.core.model import Guide
    from reconversion.core.schemas import BackupDocument, ProfileData, UnreadableCell

STDOUT = "-"
EBOOK_FILE = "guide-complet-reconversion.md"
FORMATS = {"markdown": "markdown", "md": "markdown", "json": "json", "ics": "ics", "ical": "ics", "html": "html"}
INTERESTS_TITLE = "Tes intérêts (test RIASEC)"

OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", help="Fichier à écrire (« - » pour l'afficher dans le terminal)."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Remplacer le fichier s'il existe déjà.")]


# --- export ----------------------------------------------------------------------------


def export(
    format_name: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="markdown (ton plan, par défaut), html (ton plan à imprimer, avec images), "
            "json (sauvegarde complète) ou ics (agenda).",
        ),
    ] = "markdown",
    output: OutputOption = None,
    force: ForceOption = False,
    profile: ProfileOption = DEFAULT_PROFILE,
    guide_path: GuideOption = None,
    include_contacts: Annotated[
        bool,
        typer.Option(
            "--include-contacts",
            help="Ajouter tes contacts au plan, Markdown ou HTML (ce sont les données d'autres personnes : "
            "partage avec soin).",
        ),
    ] = False,
    open_browser: Annotated[
        bool,
        typer.Option("--open", help="Avec --format html : ouvrir le plan dans ton navigateur une fois écrit."),
    ] = False,
) -> None:
    """Exporter ton plan en Markdown ou en HTML, ta sauvegarde complète en JSON, ou tes échéances en agenda (ics)."""
    from reconversion.adapters.storage.locations import check_profile

    check_profile(profile)
    kind = FORMATS.get(format_name.strip().lower())
    if kind is None:
        raise UsageError(f"Format inconnu « {format_name} » : choisis « markdown », « html », « json » ou « ics ».")
    if open_browser and kind != "html":
        raise UsageError("--open ne sert qu'avec --format html : c'est le plan HTML que ton navigateur affiche.")
    if open_browser and output == STDOUT:
        raise UsageError("--open ouvre le fichier écrit : il ne va pas avec -o - (affichage dans le terminal).")
    guide = load_guide(guide_path)
    today = plan_date()
    if kind == "ics":
        _export_calendar(guide, profile, today, output, force=force)
        return
    data = _read_profile(profile, required=kind == "json")
    if data.get("unreadable"):
        _warn_unreadable(data["unreadable"], backup=kind == "json")
    if kind == "json":
        backup = _backup(guide, data, profile)
        _warn_not_restorable(guide, backup)
        text = _dumps(backup)
        name = f"sauvegarde-reconversion-{today.isoformat()}.json"
    elif kind == "html":
        text = _plan_html(guide, data, profile, today, include_contacts=include_contacts)
        name = f"plan-reconversion-{today.isoformat()}.html"
    else:
        text = _plan_text(guide, _plan_data(data), profile, today, include_contacts=include_contacts)
        name = f"plan-reconversion-{today.isoformat()}.md"
    path = _deliver(text, output, name, force=force)
    if path is None:
        return
    if kind == "json":
        print(f"Sauvegarde écrite : {path}")
        print(f"Pour la restaurer plus tard : {program()} import {path}")
    else:
        print(f"Ton plan est prêt : {path}")
    if kind == "html":
        _show_html(path, open_browser=open_browser)


def _show_html(path: Path, *, open_browser: bool) -> None:
    """Le conseil d'impression, et le navigateur si demandé (seulement après une écriture réussie)."""
    if not open_browser:
        print("Ouvre-le dans ton navigateur pour le lire, ou pour l'imprimer (Ctrl+P) ou l'enregistrer en PDF.")
        return
    import webbrowser

    if not webbrowser.open(path.resolve().as_uri()):
        print(f"Je n'ai pas trouvé de navigateur à ouvrir : ouvre toi-même {path}.")


def _warn_unreadable(entries: list[UnreadableCell], *, backup: bool) -> None:
    """Dit sur la sortie d'erreur ce qui n'a pas pu être lu dans le carnet (l'export continue, code 0)."""
    from reconversion.core.backup import UNREADABLE_KEY
    from reconversion.core.limits import show

    count = len(entries)
    plural = "s" if count > 1 else ""
    where = ", ".join(f"{e['table']} {show(str(e['key']), 30)} ({e['column']})" for e in entries[:5])
    more = f" et {count - 5} autre{'s' if count > 6 else ''}" if count > 5 else ""
    kept = (
        f"Elles sont décrites sous la clé « {UNREADABLE_KEY} » de la sauvegarde, avec ce qui a pu en être lu."
        if backup
        else "Elles manquent à ce plan ; une sauvegarde (export -f json) les décrit avec ce qui a pu en être lu."
    )
    print(
        f"Attention : {count} valeur{plural} abîmée{plural} dans ton carnet n'{'ont' if count > 1 else 'a'} "
        f"pas pu être lue{plural} : {where}{more}. Tout le reste est exporté. {kept}",
        file=sys.stderr,
    )


def _plan_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """Le carnet à mettre dans le plan : une date illisible (carnet d'une version plus ancienne) est
    ignorée, et dite sur la sortie d'erreur, au lieu d'empêcher tout le plan."""
    from reconversion.core.backup import without_bad_dates

    shown, bad = without_bad_dates(data)
    if bad:
        print(
            f"Attention : {len(bad)} date{'s' if len(bad) > 1 else ''} illisible{'s' if len(bad) > 1 else ''} "
            f"ignorée{'s' if len(bad) > 1 else ''} dans ce plan : {', '.join(bad[:5])}"
            f"{' …' if len(bad) > 5 else ''}. Pour leur redonner une date : « {program()} actions edit ID --due … » "
            f"ou « {program()} contacts edit ID --follow-up … ».",
            file=sys.stderr,
        )
    return shown


def _warn_not_restorable(guide: Guide, backup: BackupDocument) -> None:
    """Vérifie la sauvegarde comme `import` le fera : une valeur entrée avant les bornes actuelles
    (texte avec caractère de contrôle, date hors bornes…) est signalée dès l'export, avec son chemin."""
    from reconversion.core.backup import validate

    check = validate(
        backup,
        guide_id=guide.id,
        guide_version=guide.version,
        question_types={q.id: q.type for q in guide.questions},
    )
    if check.ok:
        return
    print(
        "Attention : cette sauvegarde contient des valeurs qu'« import » refusera tant qu'elles ne sont pas "
        "corrigées (dans le fichier, ou dans ton carnet avant un nouvel export) :\n"
        + "\n".join(f"  - {line}" for line in check.problems),
        file=sys.stderr,
    )


def _export_calendar(guide: Guide, profile: str, today: dt.date, output: str | None, *, force: bool) -> None:
    """L'agenda .ics des actions datées et des relances (construit par `commands/common/followup_state.py`)."""
    from reconversion.commands.common.followup_state import export_ics

    store = open_store(profile, create=False)
    if store is None:
        raise ReconversionError(
            f"Le profil « {profile} » n'existe pas encore : aucune échéance à mettre dans un agenda. "
            f"Commence par « {hint('start', profile)} » ou « {hint('actions add', profile)} »."
        )
    try:
        text = export_ics(store, guide, today)
    finally:
        store.close()
    path = _deliver(text, output, f"agenda-reconversion-{today.isoformat()}.ics", force=force)
    if path is not None:
        print(f"Ton agenda est prêt : {path}")
        print("Importe-le dans ton agenda (Google Agenda, Outlook, Calendrier, Thunderbird…).")


def _read_profile(profile: str, *, required: bool) -> ProfileData:
    """Tout le carnet ; un carnet vide si le profil n'existe pas (sauf pour une sauvegarde)."""
    from reconversion.adapters.storage.backup_store import read_profile
    from reconversion.core.backup import TABLES

    store = open_store(profile, create=False)
    if store is None:
        if required:
            raise ReconversionError(
                f"Le profil « {profile} » n'existe pas encore : rien à sauvegarder. "
                f"Commence par « {hint('start', profile)} »."
            )
        empty: dict[str, object] = {"profile_info": {}, **{table: [] for table in TABLES}, "unreadable": []}
        return cast("ProfileData", empty)
    try:
        return read_profile(store)
    finally:
        store.close()


def _backup_text(guide: Guide, data: ProfileData, profile: str) -> str:
    return _dumps(_backup(guide, data, profile))


def _backup(guide: Guide, data: ProfileData, profile: str) -> BackupDocument:
    from reconversion import __version__
    from reconversion.adapters.storage.store import now
    from reconversion.core.backup import build_backup

    return build_backup(
        data,
        guide_id=guide.id,
        guide_version=guide.version,
        profile=profile,
        exported_at=now(),
        tool_version=__version__,
    )


def _dumps(backup: BackupDocument) -> str:
    from reconversion.core.backup import dumps

    return dumps(backup)


def _plan_text(guide: Guide, data: Mapping[str, Any], profile: str, today: dt.date, *, include_contacts: bool) -> str:
    from reconversion.adapters.content.metiers_files import interest_test
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
        sections.append((INTERESTS_TITLE, _interests_markdown(data["interest_answers"], catalogue)))
    if data["experiences"]:
        sections.append(("Tes expériences", experiences_markdown(data["experiences"])))
    if include_contacts and data["contacts"]:
        sections.append(("Ton réseau", contacts_markdown(data["contacts"])))
    labels = {m.code: m.title for m in catalogue.metiers} if catalogue is not None else {}
    comparisons, titles = _skills_data(guide, answers, codes)
    for code, title in titles.items():
        labels.setdefault(code, title)
    summaries = _metier_summaries(catalogue, codes, titles)
    if comparisons:
        from reconversion.core.skills import with_skills

        summaries = with_skills(summaries, comparisons)
    return render_plan(
        guide,
        answers,
        data["actions"],
        today=today,
        step_starts=step_start_days(data["answers"]),
        profile=profile,
        choice_labels={"metiers": labels},
        chosen_metiers=summaries,
        extra_sections=sections,
        # Les relances n'y figurent qu'avec --include-contacts : ce sont les données d'autres personnes.
        calendar_contacts=data["contacts"] if include_contacts else [],
    )


def _catalogue() -> Any:
    """Le catalogue livré ; None s'il est illisible : le plan s'exporte quand même, codes seuls."""
    from reconversion.adapters.content import metiers_files

    try:
        return metiers_files.catalogue()
    except ReconversionError:
        return None


def _metier_summaries(catalogue: Any, codes: list[str], titles: dict[str, str] | None = None) -> list[dict[str, Any]]:
    if catalogue is None or not codes:
        return []
    from reconversion.core.catalogue import metier_summaries

    return metier_summaries(catalogue, codes, titles)


def _skills_data(guide: Guide, answers: dict[str, Any], codes: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Avec le métier actuel rattaché au ROME importé : sa comparaison à chaque métier visé, et les titres ROME."""
    from reconversion.core.skills import pinned_code

    pinned = pinned_code(guide, answers)
    if pinned is None:
        return {}, {}
    from reconversion.adapters.rome.skills_reports import target_comparisons
    from reconversion.adapters.storage.locations import data_home

    return target_comparisons(data_home(), pinned, codes)


def _interests_markdown(rows: list[dict[str, Any]], catalogue: Any) -> str:
    from reconversion.core.riasec import results_markdown, suggest_metiers

    test, result = _interest_result(rows)
    return results_markdown(test, result, suggest_metiers(catalogue, result, 8))


def _interest_result(rows: list[dict[str, Any]]) -> tuple[Any, Any]:
    """Le test livré et le résultat des réponses du carnet (le même calcul pour le texte et pour l'image)."""
    from reconversion.adapters.content import metiers_files
    from reconversion.core.riasec import score

    test = metiers_files.interest_test()
    return test, score(test, {row["item_id"]: row["value"] for row in rows})


def _plan_html(guide: Guide, data: Mapping[str, Any], profile: str, today: dt.date, *, include_contacts: bool) -> str:
    """Le plan Markdown (seule source du contenu) rendu en page HTML, avec les images tirées des mêmes données."""
    from reconversion.core import engine
    from reconversion.core.backup import active_answers
    from reconversion.core.followup import action_items, step_start_days
    from reconversion.core.plan_calendar import months_ahead, plan_events
    from reconversion.core.plan_html import Figure, render_document
    from reconversion.core.plan_svg import calendar_figure, interests_figure, steps_figure

    markdown = _plan_text(guide, data, profile, today, include_contacts=include_contacts)
    answers = active_answers(data)
    actions = action_items(
        guide, answers, data["actions"], base_day=today, today=today, step_starts=step_start_days(data["answers"])
    )
    contacts = data["contacts"] if include_contacts else []  # les données d'autres personnes : sur demande
    figures = [
        Figure(steps_figure(engine.progress(guide, answers), actions)),
        Figure(calendar_figure(months_ahead(today, plan_events(guide, answers, actions, contacts)))),
    ]
    if f"\n## {INTERESTS_TITLE}\n" in markdown:  # la section n'existe que si le test a été commencé
        test, result = _interest_result(data["interest_answers"])
        figures.append(Figure(interests_figure(test, result), INTERESTS_TITLE))
    return render_document(markdown, figures=figures, step_sections=len(guide.steps))


def _deliver(text: str, output: str | None, default_name: str, *, force: bool, mode: int = 0o600) -> Path | None:
    """Écrit le texte (atomiquement, sans écraser sans --force) ou l'affiche si `-o -`."""
    from reconversion.adapters.storage.files import write_atomic

    if output == STDOUT:
        from reconversion.adapters.screen.terminal import json_safe, write_data

        write_data(json_safe(text) if default_name.endswith(".json") else text)
        return None
    if output is not None and not output.strip():
        raise UsageError("Nom de fichier vide après -o : donne un nom, ou -o - pour afficher le résultat.")
    path = Path(output).expanduser() if output else Path.cwd() / default_name
    if path.is_dir() and not path.is_symlink():
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
        assert store is not None
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
    from reconversion.adapters.storage.files import write_atomic
    from reconversion.adapters.storage.safety_copies import new_copy_path

    path = new_copy_path(home, profile)
    write_atomic(path, _backup_text(guide, current, profile))
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


# --- guide export ------------------------------------------------------------------------------------


def guide_export(
    output: OutputOption = None,
    force: ForceOption = False,
    guide_path: GuideOption = None,
) -> None:
    """Exporter tout le guide en livre Markdown à lire, imprimer et remplir à la main."""
    from reconversion.core.ebook import render_ebook

    guide = load_guide(guide_path)
    path = _deliver(render_ebook(guide), output, EBOOK_FILE, force=force, mode=0o644)
    if path is not None:
        print(f"Le guide complet est prêt : {path}")
