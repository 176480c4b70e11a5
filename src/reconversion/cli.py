"""Les commandes `reconversion …` : de fines couches qui relient le cœur et les adaptateurs.

Les erreurs connues (`ReconversionError`), les erreurs d'usage et Ctrl-C sont transformés en
message français et en code de sortie à un seul endroit : la classe `_Group`. Les modules lourds (questionary,
rich, le chargeur de guide) ne sont importés que par les commandes qui s'en servent.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.exceptions import TyperException

from reconversion import __version__
from reconversion.commands.options import DEFAULT_PROFILE, GuideOption, ProfileOption, hint, program
from reconversion.errors import GuideError, Interrupted, ReconversionError, UsageError

if TYPE_CHECKING:
    from reconversion.adapters.store import Store
    from reconversion.core.model import Guide


class _Group(typer.core.TyperGroup):
    """Le point de sortie unique : message en français, code de sortie, jamais de trace."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:  # type: ignore[override]
        """Comme typer, mais les erreurs d'usage (option inconnue…) sont dites en français."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[misc]
        except typer.Abort:
            _err("Abandon.")
            sys.exit(1)
        except TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `reconversion`, `reconversion jobs` : l'aide, et c'est tout
                help_text = exc.format_message() if hasattr(exc, "format_message") else ""
                if help_text.strip():
                    print(help_text)
                sys.exit(0)
            from reconversion.adapters.typer_french import usage_error

            _err(usage_error(exc))
            sys.exit(getattr(exc, "exit_code", 2))
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GuideError as exc:
            count = len(exc.problems)
            _err(f"Le guide contient {count} problème{'s' if count > 1 else ''} :")
            for line in exc.problems:
                _err(line)
            raise typer.Exit(exc.exit_code) from None
        except ReconversionError as exc:
            _err(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _err("\nInterrompu. Ce que tu as déjà enregistré est conservé.")
            raise typer.Exit(Interrupted.exit_code) from None
        except (typer.Exit, typer.Abort, TyperException):  # messages d'usage de typer, codes de sortie
            raise
        except BrokenPipeError:  # `| head` : le lecteur est parti, il n'y a plus personne à qui parler
            from reconversion.adapters.terminal import BROKEN_PIPE, silence_stdout

            silence_stdout()
            raise typer.Exit(BROKEN_PIPE) from None
        except OSError as exc:  # l'environnement de la personne (droits, disque), pas un défaut de l'outil
            _err(_environment_message(exc))
            raise typer.Exit(1) from None
        except Exception as exc:  # un bug : une ligne claire plutôt qu'une trace, sauf en mode débogage
            if type(exc).__module__ == "sqlite3":
                _err(_sqlite_message(exc))
                raise typer.Exit(75 if "locked" in str(exc) or "busy" in str(exc) else 1) from None
            if os.environ.get("RECONVERSION_DEBUG"):
                raise
            _err(
                f"Erreur inattendue ({type(exc).__name__} : {exc}). Ce que tu as déjà enregistré est conservé. "
                "C'est un défaut de l'outil : relance avec RECONVERSION_DEBUG=1 pour voir le détail et signale-le."
            )
            raise typer.Exit(INTERNAL_ERROR) from None


INTERNAL_ERROR = 70  # EX_SOFTWARE : un défaut de l'outil, pas une erreur de la personne


def _err(message: str) -> None:
    from reconversion.adapters.terminal import sanitize

    print(sanitize(message), file=sys.stderr)


def _environment_message(exc: OSError) -> str:
    """Un problème de l'environnement (droits, disque plein, dossier absent), dit avec le fichier en cause."""
    where = f" {exc.filename}" if exc.filename else ""
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        return f"Accès refusé à{where} ({reason}) : vérifie les droits de ce fichier ou de son dossier."
    return f"Opération impossible sur{where or ' un fichier'} ({reason}). Rien de ce que tu as enregistré n'est perdu."


def _sqlite_message(exc: Exception) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "Le profil est occupé par une autre commande : réessaie dans un instant. Rien n'a été modifié."
    return (
        f"Le carnet n'a pas pu être lu ou écrit ({text}). Rien de ce que tu as enregistré n'est perdu ; "
        "si cela se reproduit, fais une sauvegarde avec « reconversion export --format json »."
    )


app = typer.Typer(
    cls=_Group,
    help="Ton compagnon de reconversion professionnelle, étape par étape, sur ta machine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
guide_app = typer.Typer(cls=_Group, help="Vérifier ou exporter un guide.", no_args_is_help=True)
app.add_typer(guide_app, name="guide")


def _version(value: bool) -> None:
    if value:
        print(f"reconversion {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Afficher la version et quitter."),
    ] = False,
) -> None:
    """Ton compagnon de reconversion professionnelle, étape par étape, sur ta machine."""


# --- aides communes ---------------------------------------------------------------


def _load_guide(path: Path | None) -> Guide:
    from reconversion.adapters import guide_files

    return guide_files.load(path)


def _open_store(profile: str, *, create: bool = True) -> Store | None:
    from reconversion.adapters.locations import data_home
    from reconversion.adapters.store import Store

    return Store.open(data_home(), profile, create=create)


def _step_or_fail(guide: Guide, step_id: str | None) -> str | None:
    if step_id is not None and guide.step(step_id) is None:
        known = ", ".join(s.id for s in guide.steps)
        raise UsageError(f"Étape inconnue « {step_id} ». Étapes possibles : {known}.")
    return step_id


# --- guide ---------------------------------------------------------------------------


@guide_app.command("validate")
def guide_validate(
    path: Annotated[Path | None, typer.Argument(help="Le guide à vérifier (par défaut : celui livré).")] = None,
) -> None:
    """Vérifier un guide YAML et lister tous ses problèmes."""
    guide = _load_guide(path)
    counts = [
        _count(len(guide.steps), "étape"),
        _count(len(guide.questions), "question"),
        _count(len(guide.resources), "ressource"),
        _count(len(guide.actions), "action"),
    ]
    print(f"Guide valide : {guide.source} — {', '.join(counts)}.")
    from reconversion.commands.today import plan_date
    from reconversion.core.sourcing import source_warnings

    warnings = source_warnings(guide, plan_date())
    if warnings:
        heading = f"{_count(len(warnings), 'source')} à revérifier (avertissement, le guide reste valide) :"
        print(heading, file=sys.stderr)
        for line in warnings:
            print(line, file=sys.stderr)


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number > 1 else ''}"


# --- start ------------------------------------------------------------------------------


@app.command()
def start(
    profile: ProfileOption = DEFAULT_PROFILE,
    step: Annotated[str | None, typer.Option("--step", help="Aller directement à une étape (son id).")] = None,
    question: Annotated[
        str | None, typer.Option("--question", help="Reposer une seule question (son id, voir « guide export »).")
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="Répondre depuis un fichier YAML « id_question: valeur », sans questions."),
    ] = None,
    guide_path: GuideOption = None,
    simple: Annotated[
        bool,
        typer.Option(
            "--simple",
            help="Mode simple : questions en lignes numérotées, sans flèches ni couleurs "
            "(lecteur d'écran, braille, terminal minimal). Aussi avec RECONVERSION_SIMPLE=1 ou TERM=dumb.",
        ),
    ] = False,
) -> None:
    """Répondre aux questions du guide ; tout est enregistré au fur et à mesure."""
    from reconversion.adapters.locations import check_profile, data_home, profile_path
    from reconversion.adapters.profile_lock import ProfileLock

    check_profile(profile)
    guide = _load_guide(guide_path)
    step = _step_or_fail(guide, step)
    from reconversion.adapters.terminal import can_ask

    if answers is None and not can_ask():
        raise UsageError(
            "Pas de terminal interactif pour poser les questions : pour répondre depuis un fichier, "
            f"utilise « {hint('start --answers reponses.yaml', profile)} »."
        )
    home = data_home()
    store = _open_store(profile)
    assert store is not None
    try:
        with ProfileLock(profile_path(home, profile).with_suffix(".lock"), profile):
            archived = store.sync_guide(guide.id, guide.version, {q.id for q in guide.questions})
            if archived:
                print(
                    (
                        "1 réponse à une question retirée du guide est archivée"
                        if len(archived) == 1
                        else f"{len(archived)} réponses à des questions retirées du guide sont archivées"
                    )
                    + f" (rien n'est effacé) : {', '.join(archived)}."
                )
            if answers is not None:
                _apply_answers_file(guide, store, answers)
            else:
                _interactive(guide, store, profile, step, question, profile_path(home, profile), simple=simple)
    finally:
        store.close()


def _apply_answers_file(guide: Guide, store: Store, path: Path) -> None:
    from reconversion.core.answers_file import check_answers
    from reconversion.core.yaml_source import NodeReader, YamlSourceError, compose, read_text
    from reconversion.errors import AnswersFileError

    try:
        root = compose(read_text(path))
    except YamlSourceError as exc:
        raise ReconversionError(f"Fichier de réponses illisible : {exc.problem.render(str(path))}") from None
    reader = NodeReader()
    data = reader.plain(root, "") if root is not None else None
    if reader.problems:
        raise AnswersFileError([p.render(str(path)) for p in reader.problems])
    if not isinstance(data, dict) or not data:
        raise ReconversionError(
            f"{path} : le fichier de réponses doit être un dictionnaire « id_question: valeur », "
            "par exemple « situation: salarie_prive »."
        )
    result = check_answers(guide, store.answers(), data)
    result.problems += _unknown_metiers(guide, result.accepted)
    if result.problems:
        raise AnswersFileError(
            [f"{path} : {_answers(len(result.problems), 'refusée')}, rien n'a été enregistré :"]
            + [f"  - {line}" for line in result.problems]
        )
    store.save_answers(result.accepted)
    for question_id in result.ignored:
        print(f"Ignorée : « {question_id} » ne s'applique pas à ta situation.")
    print(f"{_answers(len(result.accepted), 'enregistrée')} dans le profil « {store.profile} ».")


def _answers(count: int, participle: str = "") -> str:
    """« 1 réponse enregistrée », « 3 réponses enregistrées » (jamais « réponse(s) »)."""
    plural = "s" if count > 1 else ""
    return f"{count} réponse{plural}" + (f" {participle}{plural}" if participle else "")


def _unknown_metiers(guide: Guide, accepted: dict[str, tuple[str, Any]]) -> list[str]:
    """Les codes ROME d'un fichier de réponses qui ne sont ni au catalogue ni dans le ROME importé."""
    problems = []
    for question in guide.questions:
        value = accepted.get(question.id, (None, None))[1]
        if question.choices_from == "metiers" and value:
            from reconversion.adapters.metiers_files import unknown_codes

            for code in unknown_codes(value if isinstance(value, list) else [str(value)]):
                hint = f"cherche-le avec « {program()} jobs search »"
                problems.append(f"{question.id} : code ROME inconnu « {code} » ({hint})")
    return problems


def _interactive(
    guide: Guide, store: Store, profile: str, step: str | None, question: str | None, path: Path, *, simple: bool
) -> None:
    from reconversion import wizard
    from reconversion.adapters import interests_store
    from reconversion.adapters.console import Screen
    from reconversion.adapters.terminal import prompt_style
    from reconversion.commands.today import plan_date
    from reconversion.core import engine
    from reconversion.metier_choice import MetierChooser

    prompter: Any
    if prompt_style(simple) == "simple":  # lignes numérotées : ni questionary ni prompt_toolkit
        from reconversion.adapters.plain_prompts import PlainPrompter

        prompter = PlainPrompter()
    else:
        from reconversion.adapters.prompts import Prompter

        prompter = Prompter()
    screen = Screen(today=plan_date())
    chooser = MetierChooser(store, prompter, screen)
    screen.metier_label = chooser.label
    answers = store.answers()
    if not answers:
        screen.welcome(guide, str(path))
    elif step is None and question is None and (where := engine.resume_position(guide, answers)) is not None:
        screen.notice(
            f"Reprise : étape {where.step_number}/{where.step_count}, "
            f"question {where.question_number} sur {where.question_count}."
        )
    answers.update(interests_store.facts(store))
    again = "start --simple" if simple else "start"  # reprendre comme on a commencé (lecteur d'écran…)
    try:
        finished = wizard.run(
            guide, answers, store, prompter, screen, step_id=step, metiers=chooser, question_id=question
        )
    except (KeyboardInterrupt, EOFError) as exc:
        review = getattr(exc, "review_step", None)
        if review is not None:
            title = guide.step(review).title  # type: ignore[union-attr]
            raise Interrupted(
                f"\nPause ! Les réponses déjà relues sont enregistrées. Pour relire de nouveau « {title} » : "
                f"{hint(f'{again} --step {review}', profile)}"
            ) from None
        raise Interrupted(
            f"\nPause ! Tes réponses sont enregistrées. Pour reprendre là où tu t'es arrêté·e : {hint(again, profile)}"
        ) from None
    if question is not None:
        screen.notice(f"Réponse enregistrée. Ton plan à jour : {hint('status', profile)}")
    elif finished:
        screen.notice(
            "Tu as parcouru tout le guide. Et maintenant :\n"
            f"  • où tu en es et tes prochaines actions : {hint('status', profile)}\n"
            f"  • ton plan complet, à lire ou imprimer : {hint('export -o mon-plan.md', profile)}\n"
            f"  • cocher une action faite ou en ajouter une : {hint('actions', profile)}\n"
            f"  • relire une étape plus tard : {hint(again, profile)}"
        )
    else:
        screen.notice(f"À bientôt ! Pour reprendre : {hint(again, profile)}")


# --- status ---------------------------------------------------------------------------------


@app.command()
def status(
    profile: ProfileOption = DEFAULT_PROFILE,
    as_json: Annotated[bool, typer.Option("--json", help="Sortie JSON (format décrit dans le README).")] = False,
    guide_path: GuideOption = None,
) -> None:
    """Où tu en es : chaque étape, la prochaine question, les prochaines actions."""
    from reconversion.adapters.locations import data_home, profile_path
    from reconversion.core.status import build_status

    guide = _load_guide(guide_path)
    store = _open_store(profile, create=False)
    answers: dict[str, Any] = {}
    steps: dict[str, Any] = {}
    followup: dict[str, Any] | None = None
    interests: dict[str, Any] | None = None
    path = profile_path(data_home(), profile)
    if store is not None:
        try:
            answers, steps = store.answers(), store.step_rows()
            if store.unreadable:
                _err(
                    f"Attention : {len(store.unreadable)} réponse(s) abîmée(s) dans ton carnet n'ont pas pu être lues "
                    f"({', '.join(store.unreadable[:5])}) ; elles te seront reposées par « {hint('start', profile)} »."
                )
            from reconversion.commands.followup import followup_report
            from reconversion.commands.interests import status_summary

            followup = followup_report(store, guide)
            interests = status_summary(store)
        finally:
            store.close()
    report = build_status(
        guide, answers, steps, profile=profile, store_path=str(path), followup=followup, interests=interests
    )
    if as_json:
        from reconversion.adapters.json_output import print_json

        print_json(report)
        return
    if not report["started"]:
        print(f"Tu n'as pas encore commencé. Lance « {hint('start', profile)} » pour répondre aux premières questions.")
        if report["overdue_actions"] or report["followups_due"]:
            from reconversion.adapters.status_view import print_followup

            print_followup(report)
        return
    from reconversion.adapters.status_view import print_status

    print_status(report, resume=hint("start", profile))


# --- reset -------------------------------------------------------------------------------------


@app.command()
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
    from reconversion.adapters.locations import data_home, profile_path
    from reconversion.adapters.profile_lock import ProfileLock

    guide = _load_guide(guide_path)
    step = _step_or_fail(guide, step)
    if step and everything:
        raise UsageError("Choisis --step (une étape) ou --all (tout le profil), pas les deux.")
    store = _open_store(profile, create=False)
    if store is None:
        print(f"Le profil « {profile} » est vide : rien à effacer.")
        return
    try:
        if everything:
            what = "tout le contenu du profil : réponses, actions, expériences, contacts et test d'intérêts"
            kept = "Le fichier du profil reste (vide) ; pour l'effacer lui aussi : " + hint("profiles delete", profile)
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
        from reconversion.adapters.confirm import confirm

        refusal = f"Pour effacer {what} sans terminal interactif, ajoute --yes (c'est définitif)."
        if not confirm(f"Effacer {what} (profil « {profile} ») ? {kept} C'est définitif.", yes=yes, refusal=refusal):
            print("Rien n'a été effacé.")
            return
        with ProfileLock(profile_path(data_home(), profile).with_suffix(".lock"), profile):
            count = store.reset(step, everything=everything)
    finally:
        store.close()
    print(f"{count} réponse{'s' if count > 1 else ''} effacée{'s' if count > 1 else ''} du profil « {profile} ».")
    if everything:
        print("Actions, expériences, contacts et test d'intérêts effacés aussi.")
    else:
        print(kept)


# --- les autres commandes (commands/*.py), assemblées à la demande ----------------------------------

# Nom tapé -> (module, objet, groupe ou commande, options). Un lancement n'importe que le module de sa commande ;
# l'aide générale et les tests assemblent tout (`register()`). L'ordre est celui de l'aide.
_LAZY: dict[str, tuple[str, str, bool, dict[str, Any]]] = {
    "actions": ("reconversion.commands.actions", "actions_app", True, {}),
    "experiences": ("reconversion.commands.experiences", "experiences_app", True, {}),
    "contacts": ("reconversion.commands.contacts", "contacts_app", True, {}),
    "export": ("reconversion.commands.export", "export", False, {}),
    "calendrier": ("reconversion.commands.calendrier", "calendrier", False, {}),
    "plan": ("reconversion.commands.calendrier", "calendrier", False, {"hidden": True}),  # alias proposé par l'issue
    "import": ("reconversion.commands.export", "import_backup", False, {}),
    "jobs": ("reconversion.commands.jobs", "jobs_app", True, {}),
    "profiles": ("reconversion.commands.profiles", "profiles_app", True, {}),
    "interests": ("reconversion.commands.interests", "interests", False, {}),
}
_LAZY_GROUPS = tuple(name for name, (_, _, group, _) in _LAZY.items() if group)
_registered: set[str] = set()


def register(name: str | None = None) -> None:
    """Assemble la commande `name` (toutes si None) : importe son module et l'ajoute à l'application."""
    import importlib

    def wanted(key: str) -> bool:
        return (name is None or name == key) and key not in _registered

    for key, (module, attribute, group, options) in _LAZY.items():
        if wanted(key):
            target = getattr(importlib.import_module(module), attribute)
            if group:
                app.add_typer(target, name=key)
            else:
                app.command(key, **options)(target)
            _registered.add(key)
    if wanted("guide export") or (name == "guide" and "guide export" not in _registered):
        from reconversion.commands.export import guide_export

        guide_app.command("export")(guide_export)
        _registered.add("guide export")


def _command_name(info: typer.models.CommandInfo) -> str:
    return info.name or info.callback.__name__.replace("_", "-")  # type: ignore[union-attr]


def app_for(args: list[str]) -> typer.Typer:
    """L'application réduite à la commande demandée (toute l'application pour l'aide).

    À chaque lancement, typer convertit toutes les commandes enregistrées en commandes click,
    en inspectant leurs signatures : 15 à 25 ms pour les 27 commandes, contre environ 1 ms
    pour une seule. Seul le premier mot qui n'est pas une option compte : c'est le nom de la
    commande (les options générales, `--version` et `--help`, n'en prennent pas).
    """
    name = next((arg for arg in args if not arg.startswith("-")), None)
    if name in (*_LAZY, "guide"):
        register(name)
    elif not any(_command_name(info) == name for info in app.registered_commands):
        register()  # nom inconnu : toute l'application, pour l'aide et les suggestions
    commands = [info for info in app.registered_commands if _command_name(info) == name]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return app
    small = typer.Typer(cls=_Group, add_completion=False, pretty_exceptions_enable=False)
    small.registered_callback = app.registered_callback
    small.registered_commands = commands
    small.registered_groups = groups
    small.info = app.info
    return small


def _check_arguments(args: list[str]) -> None:
    """Refuse un argument qui n'est pas du texte valide (octets d'un autre encodage que celui du terminal)."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            shown = arg.encode("utf-8", "replace").decode("utf-8")
            _err(
                f"L'argument « {shown} » contient des caractères illisibles (un autre encodage que celui "
                "du terminal). Retape-le, ou vérifie que ton terminal est en UTF-8 (LANG=fr_FR.UTF-8)."
            )
            sys.exit(1)


def _shows_help(args: list[str]) -> bool:
    """L'aide va-t-elle s'afficher ? (`--help`, rien du tout, ou un groupe seul comme `jobs`.)"""
    if not args or "--help" in args:
        return True
    if len(args) == 1 and args[0] in _LAZY_GROUPS:
        register(args[0])
    groups = {
        info.name
        for info in app.registered_groups
        if info.typer_instance is not None and info.typer_instance.info.no_args_is_help
    }
    return len(args) == 1 and args[0] in groups


def main() -> None:
    """Point d'entrée de la commande `reconversion`."""
    args = sys.argv[1:]
    if args == ["--version"] and sys.stdout is not None:  # le cas le plus simple : ni couture ni commande
        print(f"reconversion {__version__}")
        return
    from reconversion.adapters import terminal

    if terminal.stdout_closed():
        if sys.stderr is not None:
            print("La sortie standard est fermée : je ne pourrais rien t'afficher, je ne fais rien.", file=sys.stderr)
        sys.exit(1)
    terminal.install()
    _check_arguments(args)
    if _shows_help(args):
        register()
        from reconversion.adapters.typer_french import french_help

        french_help()
    app_for(args)(prog_name="reconversion")
