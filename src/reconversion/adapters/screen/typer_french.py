"""L'aide et les erreurs d'usage de typer, en français.

typer (et le click qu'il embarque) n'a pas de traduction : ses titres d'aide (« Usage »,
« Options », « Show this message and exit. ») et ses erreurs d'usage (« No such option »)
sont en anglais. Les erreurs d'usage sont traduites ici à partir de leur texte ; l'aide est
francisée en remplaçant quelques constantes de typer, seulement quand une aide est demandée
(pour ne rien coûter aux autres commandes). typer est limité à la série 0.28 dans
`pyproject.toml` : ces noms y sont stables, et les tests vérifient le résultat.
"""

from __future__ import annotations

import re
from typing import Any

HELP_TEXT = "Afficher cette aide et quitter."

# Les noms des valeurs, montrés en majuscules dans l'aide (`--due DATE`, `reconversion jobs show CODE`).
_ARGUMENT_NAMES = {
    "text": "TEXTE",
    "word": "MOT",
    "words": "MOTS",
    "code": "CODE",
    "identifier": "ID",
    "name": "NOM",
    "file": "FICHIER",
    "path": "FICHIER",
    "folder": "DOSSIER",
    "source": "SOURCE",
    "de": "DE",
    "vers": "VERS",
}
_TYPE_NAMES = {
    "str": "TEXTE",
    "text": "TEXTE",
    "string": "TEXTE",
    "path": "CHEMIN",
    "file": "FICHIER",
    "directory": "DOSSIER",
    "integer": "NOMBRE",
    "int": "NOMBRE",
    "float": "NOMBRE",
    "choice": "CHOIX",
}
_USAGE_PIECES = (("COMMAND [ARGS]...", "COMMANDE [ARGUMENTS]..."), ("[ARGS]...", "[ARGUMENTS]..."))

_HELP_CONSTANTS = {
    "DEPRECATED_STRING": "(obsolète) ",
    "DEFAULT_STRING": "[par défaut : {}]",
    "ENVVAR_STRING": "[variable d'environnement : {}]",
    "REQUIRED_LONG_STRING": "[obligatoire]",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commandes",
    "ERRORS_PANEL_TITLE": "Erreur",
    "ABORTED_TEXT": "Abandon.",
    "RICH_HELP": "Pour l'aide : [blue]'{command_path} {help_option}'[/]",
}

_VALUE_PROBLEMS = [
    (r"'(.*)' is not a valid int(?:eger)?\.?", "« {0} » n'est pas un nombre entier"),
    (r"'(.*)' is not a valid float\.?", "« {0} » n'est pas un nombre"),
    (r"'(.*)' is not a valid boolean.*", "« {0} » n'est ni oui ni non"),
    (r"'(.*)' is not one of (.*)\.", "« {0} » n'est pas l'une des valeurs possibles : {1}"),
    (r"(?:File|Path|Directory) '(.*)' does not exist\.?", "« {0} » n'existe pas"),
    (r"(?:File|Path) '(.*)' is a directory\.?", "« {0} » est un dossier"),
    (r"Directory '(.*)' is a file\.?", "« {0} » est un fichier"),
]

_USAGE_PROBLEMS = [
    (r"No such option: (\S+?)\.? Did you mean (\S+?)\?", "option inconnue {0} (voulais-tu dire {1} ?)"),
    (r"No such option: (\S+?)\.? \(Possible options: (.*)\)", "option inconnue {0} (possibles : {1})"),
    (r"No such option: (\S+)", "option inconnue {0}"),
    (r"No such command '(.*)'\.? Did you mean (.*)\?", "commande inconnue « {0} » (voulais-tu dire {1} ?)"),
    (r"No such command '(.*)'\.?", "commande inconnue « {0} »"),
    (r"Missing command\.?", "il manque le nom d'une commande"),
    (r"Missing argument '(.*)'\.?", "il manque l'argument {0}"),
    (r"Missing option '(.*)'\.?", "il manque l'option {0}"),
    (r"Missing parameter: (.*)", "il manque {0}"),
    (r"Option '(.*)' requires an argument\.?", "l'option {0} attend une valeur"),
    (r"Option '(.*)' does not take a value\.?", "l'option {0} ne prend pas de valeur"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", "argument en trop : {0}"),
    (r"Invalid value for (.*?): (.*)", "valeur invalide pour {0} : {1}"),
    (r"Invalid value: (.*)", "valeur invalide : {0}"),
]


def _translate(message: str, table: list[tuple[str, str]]) -> str | None:
    for pattern, french in table:
        match = re.fullmatch(pattern, message.strip(), flags=re.DOTALL)
        if match:
            return french.format(*(_value(part) for part in match.groups()))
    return None


def _value(text: str) -> str:
    """Une partie de message : traduite si c'est un problème de valeur connu, sans guillemets anglais."""
    translated = _translate(text, _VALUE_PROBLEMS)
    if translated is not None:
        return translated
    return text.replace("'", "") if text.startswith("'") else text


def usage_error(exc: Any) -> str:
    """Le message d'une erreur d'usage de typer, en français, avec la commande pour obtenir l'aide."""
    message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    french = _translate(message, _USAGE_PROBLEMS) or _translate(message, _VALUE_PROBLEMS) or message
    from reconversion.adapters.screen.relaunch import program

    ctx = getattr(exc, "ctx", None)
    path = str(ctx.command_path) if ctx is not None else "reconversion"
    rest = path[len("reconversion") :] if path.startswith("reconversion") else ""
    where = f"{program()}{rest} --help"  # tel que la personne l'a lancé
    return f"Erreur : {french.rstrip('.')}.\nPour l'aide : {where}"


def french_type(metavar: str) -> str:
    """Un nom de type de typer (`<str>`, `TEXT`, `<path>`…) en français (`TEXTE`, `CHEMIN`…)."""
    key = metavar.strip("<>[]{}").lower()
    return _TYPE_NAMES.get(key, metavar)


def _without_boxes(rich_utils: Any) -> None:
    """Mode simple : l'aide sans cadre ni couleur (un lecteur d'écran lit « │ » à chaque ligne).

    Chaque panneau devient son titre suivi de « : », puis ses lignes en retrait ; les tableaux
    n'ont plus de bordure.
    """
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    def plain_panel(renderable: Any, *, title: Any = None, **_: Any) -> Any:
        heading = Text(f"{title} :" if title else "")
        return Group(heading, Padding(renderable, (0, 0, 1, 1)))

    rich_utils.Panel = plain_panel
    rich_utils.STYLE_OPTIONS_TABLE_BOX = ""
    rich_utils.STYLE_COMMANDS_TABLE_BOX = ""
    rich_utils.COLOR_SYSTEM = None
    rich_utils.FORCE_TERMINAL = False


def french_help() -> None:
    """Francise l'aide de typer (à appeler seulement quand une aide va s'afficher)."""
    from typer import core as typer_core
    from typer import rich_utils
    from typer._click import core, formatting

    for name, text in _HELP_CONSTANTS.items():
        setattr(rich_utils, name, text)
    from reconversion.adapters.screen.terminal import simple_mode

    if simple_mode():
        _without_boxes(rich_utils)
    original_write_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, french in _USAGE_PIECES:
            args = args.replace(english, french)
        original_write_usage(self, prog, args, "Utilisation : " if prefix is None else prefix)

    original_argument_init = typer_core.TyperArgument.__init__

    def argument_init(self: Any, *args: Any, **kwargs: Any) -> None:
        original_argument_init(self, *args, **kwargs)
        if self.metavar is None:
            self.metavar = _ARGUMENT_NAMES.get(self.name or "", (self.name or "").upper())

    typer_core.TyperArgument.__init__ = argument_init  # type: ignore[method-assign]
    original_option_metavar = typer_core.TyperOption.make_metavar

    def option_metavar(self: Any, ctx: Any) -> str:
        return french_type(original_option_metavar(self, ctx))

    typer_core.TyperOption.make_metavar = option_metavar  # type: ignore[method-assign]
    from typer._click import types

    original_type_metavar = types.ParamType.get_metavar

    def type_metavar(self: Any, *args: Any, **kwargs: Any) -> str | None:
        found = original_type_metavar(self, *args, **kwargs)
        return found if found is not None else _TYPE_NAMES.get(str(self.name).lower())

    types.ParamType.get_metavar = type_metavar  # type: ignore[method-assign]
    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    original_help_option = core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help_option(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    core.Command.get_help_option = get_help_option  # type: ignore[method-assign]
