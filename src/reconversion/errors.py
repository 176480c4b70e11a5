"""Erreurs connues de l'outil : chacune porte un message français et un code de sortie.

`cli.py` est le seul endroit qui les transforme en texte affiché et en code de sortie,
pour qu'aucune trace Python n'atteigne la personne. Tous les codes de sortie du programme sont
définis ici, et seulement ici (les conventions de `sysexits.h` et des shells).
"""

from __future__ import annotations

FAILURE = 1  # une erreur expliquée à la personne (fichier illisible, réponse refusée…)
USAGE = 2  # une commande mal employée (option inconnue, pas de terminal…), comme typer et click
INTERNAL_ERROR = 70  # EX_SOFTWARE : un défaut de l'outil, pas une erreur de la personne
BUSY = 75  # EX_TEMPFAIL : le profil est occupé ; un script peut réessayer
INTERRUPTED = 130  # 128 + SIGINT : Ctrl-C
BROKEN_PIPE = 141  # 128 + SIGPIPE : le lecteur d'un tube (`| head`) est parti


class ReconversionError(Exception):
    """Une erreur attendue, expliquée en français ; code de sortie 1 par défaut."""

    exit_code = FAILURE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ProblemsError(ReconversionError):
    """Une erreur faite de plusieurs problèmes : `problems` en contient un par ligne, tous dits d'un coup."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class GuideError(ProblemsError):
    """Un guide YAML invalide : un problème par ligne, avec FICHIER:LIGNE:COL."""


class UsageError(ReconversionError):
    """Une commande mal employée (option manquante, pas de terminal…) : code 2."""

    exit_code = USAGE


class StoreError(ReconversionError):
    """Le fichier de données est illisible, trop récent ou déjà utilisé."""


class StoreBusyError(StoreError):
    """Le profil est occupé par une autre commande : rien n'est abîmé, il suffit de réessayer.

    Code 75 (EX_TEMPFAIL) : un script peut le distinguer d'une vraie erreur et réessayer.
    """

    exit_code = BUSY


class AnswerError(ReconversionError):
    """Une réponse refusée ; le message dit pourquoi, sans nommer la question."""


class AnswersFileError(ProblemsError):
    """Un fichier de réponses (--answers) contient des valeurs refusées."""


class Interrupted(ReconversionError):
    """Ctrl-C pendant une question : tout ce qui a été répondu est déjà enregistré."""

    exit_code = INTERRUPTED
