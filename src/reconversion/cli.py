"""L'application `reconversion` : elle assemble les commandes de `commands/` et n'en implémente aucune.

Les erreurs connues (`ReconversionError`), les erreurs d'usage et Ctrl-C sont transformés en
message français et en code de sortie à un seul endroit : la classe `_Group`. Chaque lancement
n'importe que le module de sa commande (`register`) ; les modules lourds (questionary, rich, le
chargeur de guide) ne le sont que par les commandes qui s'en servent.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer
from typer.exceptions import TyperException

from reconversion import __version__
from reconversion.core.french_count import count_of
from reconversion.errors import (
    BROKEN_PIPE,
    BUSY,
    FAILURE,
    INTERNAL_ERROR,
    INTERRUPTED,
    USAGE,
    GuideError,
    ReconversionError,
)


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
            sys.exit(FAILURE)
        except TyperException as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `reconversion`, `reconversion jobs` : l'aide, et c'est tout
                help_text = exc.format_message() if hasattr(exc, "format_message") else ""
                if help_text.strip():
                    print(help_text)
                sys.exit(0)
            from reconversion.adapters.screen.typer_french import usage_error

            _err(usage_error(exc))
            sys.exit(getattr(exc, "exit_code", USAGE))
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GuideError as exc:
            _err(f"Le guide contient {count_of(len(exc.problems), 'problème')} :")
            for line in exc.problems:
                _err(line)
            raise typer.Exit(exc.exit_code) from None
        except ReconversionError as exc:
            _err(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            _err("\nInterrompu. Ce que tu as déjà enregistré est conservé.")
            raise typer.Exit(INTERRUPTED) from None
        except (typer.Exit, typer.Abort, TyperException):  # messages d'usage de typer, codes de sortie
            raise
        except BrokenPipeError:  # `| head` : le lecteur est parti, il n'y a plus personne à qui parler
            from reconversion.adapters.screen.terminal import silence_stdout

            silence_stdout()
            raise typer.Exit(BROKEN_PIPE) from None
        except OSError as exc:  # l'environnement de la personne (droits, disque), pas un défaut de l'outil
            _err(_environment_message(exc))
            raise typer.Exit(FAILURE) from None
        except Exception as exc:  # un bug : une ligne claire plutôt qu'une trace, sauf en mode débogage
            if type(exc).__module__ == "sqlite3":
                _err(_sqlite_message(exc))
                raise typer.Exit(BUSY if _busy(exc) else FAILURE) from None
            if os.environ.get("RECONVERSION_DEBUG"):
                raise
            _err(
                f"Erreur inattendue ({type(exc).__name__} : {exc}). Ce que tu as déjà enregistré est conservé. "
                "C'est un défaut de l'outil : relance avec RECONVERSION_DEBUG=1 pour voir le détail et signale-le."
            )
            raise typer.Exit(INTERNAL_ERROR) from None


def _err(message: str) -> None:
    from reconversion.core.text_safety import inert

    print(inert(message), file=sys.stderr)


def _environment_message(exc: OSError) -> str:
    """Un problème de l'environnement (droits, disque plein, dossier absent), dit avec le fichier en cause."""
    where = f" {exc.filename}" if exc.filename else ""
    reason = exc.strerror or str(exc)
    if isinstance(exc, PermissionError):
        return f"Accès refusé à{where} ({reason}) : vérifie les droits de ce fichier ou de son dossier."
    return f"Opération impossible sur{where or ' un fichier'} ({reason}). Rien de ce que tu as enregistré n'est perdu."


def _busy(exc: Exception) -> bool:
    """Une erreur SQLite qui dit seulement qu'une autre commande tient le profil."""
    return "locked" in str(exc) or "busy" in str(exc)


def _sqlite_message(exc: Exception) -> str:
    text = str(exc)
    if _busy(exc):
        return "Le profil est occupé par une autre commande : réessaie dans un instant. Rien n'a été modifié."
    from reconversion.adapters.screen.relaunch import program

    return (
        f"Le carnet n'a pas pu être lu ou écrit ({text}). Rien de ce que tu as enregistré n'est perdu ; "
        f"si cela se reproduit, fais une sauvegarde avec « {program()} export --format json »."
    )


app = typer.Typer(
    cls=_Group,
    help="Ton compagnon de reconversion professionnelle, étape par étape, sur ta machine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version() -> None:
    """La version de l'outil, puis le jour où son contenu a été vérifié (et s'il a vieilli)."""
    print(f"reconversion {__version__}")
    try:
        from reconversion.adapters.content.guide_files import freshness_dates
        from reconversion.commands.common.today import plan_date
        from reconversion.core.sourcing import freshness_text

        line = freshness_text(*freshness_dates(), plan_date())
    except ReconversionError:  # guide illisible, RECONVERSION_TODAY invalide : la version suffit
        line = ""
    if line:
        print(line)


def _version(value: bool) -> None:
    if value:
        _print_version()
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Afficher la version et quitter."),
    ] = False,
) -> None:
    """Ton compagnon de reconversion professionnelle, étape par étape, sur ta machine."""


# --- les commandes (commands/*.py), assemblées à la demande ----------------------------------

# Nom tapé -> (module, objet, groupe ou commande, options). Un lancement n'importe que le module de sa commande ;
# l'aide générale et les tests assemblent tout (`register()`). L'ordre est celui de l'aide.
_LAZY: dict[str, tuple[str, str, bool, dict[str, Any]]] = {
    "start": ("reconversion.commands.start", "start", False, {}),
    "status": ("reconversion.commands.status", "status", False, {}),
    "reset": ("reconversion.commands.reset", "reset", False, {}),
    "actions": ("reconversion.commands.actions", "actions_app", True, {}),
    "experiences": ("reconversion.commands.experiences", "experiences_app", True, {}),
    "contacts": ("reconversion.commands.contacts", "contacts_app", True, {}),
    "export": ("reconversion.commands.export", "export", False, {}),
    "calendrier": ("reconversion.commands.calendrier", "calendrier", False, {}),
    "plan": ("reconversion.commands.calendrier", "calendrier", False, {"hidden": True}),  # alias proposé par l'issue
    "import": ("reconversion.commands.import_backup", "import_backup", False, {}),
    "jobs": ("reconversion.commands.jobs", "jobs_app", True, {}),
    "profiles": ("reconversion.commands.profiles", "profiles_app", True, {}),
    "interests": ("reconversion.commands.interests", "interests", False, {}),
    "funding": ("reconversion.commands.funding", "funding", False, {"context_settings": {"allow_extra_args": True}}),
    "guide": ("reconversion.commands.guide", "guide_app", True, {}),
    "certifications": ("reconversion.commands.certifications", "certifications_app", True, {}),
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
    if name in _LAZY:
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
            sys.exit(FAILURE)


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
        _print_version()
        return
    from reconversion.adapters.screen import terminal

    if terminal.stdout_closed():
        if sys.stderr is not None:
            print("La sortie standard est fermée : je ne pourrais rien t'afficher, je ne fais rien.", file=sys.stderr)
        sys.exit(FAILURE)
    terminal.install()
    _check_arguments(args)
    args = _simple_option(args)
    if _shows_help(args):
        register()
        from reconversion.adapters.screen.typer_french import french_help

        french_help()
    # Les objets créés jusqu'ici (modules, typer) vivent jusqu'à la fin du processus : gc.freeze() les
    # sort des collectes du ramasse-miettes, celles de la commande et la dernière, à la sortie, qui les
    # parcourait tous (−27 M d'instructions sur `status`). Les objets créés ensuite restent collectés.
    import gc

    gc.freeze()
    app_for(args)(args=args, prog_name="reconversion")


def _simple_option(args: list[str]) -> list[str]:
    """`--simple` vaut pour toutes les commandes (lecteur d'écran, braille, terminal minimal), comme
    RECONVERSION_SIMPLE=1 et TERM=dumb : choisi ici une fois pour toute la commande. `start` et
    `interests` le gardent dans leurs options (pour le redire dans « reprendre avec… »)."""
    from reconversion.adapters.screen import terminal

    options = args[: args.index("--")] if "--" in args else args
    wanted = "--simple" in options
    terminal.prompt_style(wanted)
    if not wanted:
        return args
    first = args.index("--simple")
    rest = args[:first] + args[first + 1 :]
    command = next((arg for arg in rest if not arg.startswith("-")), None)
    if command in _OWN_SIMPLE_OPTION:
        return [*rest[: rest.index(command) + 1], "--simple", *rest[rest.index(command) + 1 :]]
    return rest


_OWN_SIMPLE_OPTION = ("start", "interests")  # ces commandes le redisent dans « pour reprendre : … --simple »
