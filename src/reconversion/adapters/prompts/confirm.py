"""Demander « oui ou non » avant une action définitive, en français, sans questionary.

`typer.confirm` attend « y/n » et répond « Aborted! » à Ctrl-C ; ici on accepte « o », « oui »,
« n », « non », et Ctrl-C remonte jusqu'au point de sortie unique de `cli.py` (code 130).
"""

from __future__ import annotations

from reconversion.errors import UsageError

_YES = frozenset({"o", "oui", "y", "yes"})
_NO = frozenset({"", "n", "non", "no"})


def _interactive() -> bool:
    """Un terminal où l'on peut poser la question (remplacé dans les tests)."""
    from reconversion.adapters.screen.terminal import can_ask

    return can_ask()


def confirm(question: str, *, yes: bool, refusal: str) -> bool:
    """Vrai si la personne confirme (ou `--yes`) ; sans terminal, refuse avec `refusal` (code 2)."""
    if yes:
        return True
    if not _interactive():
        raise UsageError(refusal)
    from reconversion.adapters.screen.terminal import read_line

    # Par la couture du terminal (et non `input`, qui écrit l'invite sans la couper) : la question
    # se coupe entre les mots ; après une liste de fichiers, « [o/N] » va sur sa propre ligne.
    prompt = f"{question}\n[o/N] " if "\n" in question else f"{question} [o/N] "
    while True:
        try:
            reply = read_line(prompt).strip().casefold()
        except EOFError:
            return False
        if reply in _YES:
            return True
        if reply in _NO:
            return False
        print("Réponds par « o » (oui) ou « n » (non).")
