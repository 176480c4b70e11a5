"""Les champs des formulaires de suivi (`contacts add`, `experiences add`), posés selon le terminal.

Deux façons de poser le même champ, choisies une fois (`form_prompts`) :
- `ArrowForm` : questionary (champ éditable, liste à flèches), comme l'assistant ;
- `PlainForm` : le mode simple (`--simple`, RECONVERSION_SIMPLE=1, TERM=dumb) : la question, puis
  sa consigne, puis « Ta réponse : » lu ligne à ligne ; une liste est numérotée et le choix redit.
  Ni flèche, ni couleur, ni déplacement du curseur : rien qu'un lecteur d'écran ou un afficheur
  braille ne sache lire. questionary n'est alors pas importé.

Les règles sont les mêmes (les `validate` reçus) ; Ctrl-C ou la fin de l'entrée annulent tout
le formulaire (rien n'est enregistré).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from reconversion.errors import Interrupted

Validate = Callable[[str], "bool | str"]
ANSWER_PROMPT = "Ta réponse : "
CANCELLED = "\nFormulaire annulé : rien n'a été enregistré."


class Form(Protocol):
    def text(self, message: str, *, validate: Validate, instruction: str = "") -> str: ...
    def select(self, message: str, options: Sequence[tuple[str, str]]) -> str: ...


def form_prompts() -> Form:
    """Le formulaire qui convient au terminal : lignes numérotées en mode simple, sinon questionary."""
    from reconversion.adapters.screen.terminal import simple_mode

    return PlainForm() if simple_mode() else ArrowForm()


class ArrowForm:
    """Les champs posés avec questionary (importé seulement ici)."""

    def text(self, message: str, *, validate: Validate, instruction: str = "") -> str:
        import questionary

        from reconversion.adapters.prompts.arrow_prompts import whole_errors, wrapped

        # La consigne dans la question, coupée entre les mots (questionary la collait après deux espaces).
        asked = questionary.text(wrapped(message, instruction), validate=validate)
        return str(_asked(whole_errors(asked)))

    def select(self, message: str, options: Sequence[tuple[str, str]]) -> str:
        import questionary

        choices = [questionary.Choice(label, value=value) for label, value in options]
        return str(_asked(questionary.select(message, choices=choices, instruction="(flèches ↑ ↓ puis Entrée)")))


def _asked(question: Any) -> Any:
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted(CANCELLED) from None


class PlainForm:
    """Les champs en lignes : la question d'abord, sa consigne ensuite, puis la réponse tapée."""

    def _read(self) -> str:
        from reconversion.adapters.screen.terminal import read_line

        try:
            line = read_line(ANSWER_PROMPT)
        except (KeyboardInterrupt, EOFError):
            raise Interrupted(CANCELLED) from None
        except UnicodeDecodeError:
            return "\ufffd"
        print()
        return line.strip()

    def text(self, message: str, *, validate: Validate, instruction: str = "") -> str:
        while True:
            print(message)
            if instruction:
                said = instruction.strip("()")
                print(said[:1].upper() + said[1:] + ".")
            line = self._read()
            verdict = validate(line)
            if verdict is True:
                return line
            print(f"Attention : {verdict}.".replace("..", "."))

    def select(self, message: str, options: Sequence[tuple[str, str]]) -> str:
        count = len(options)
        while True:
            print(message)
            for number, (label, _) in enumerate(options, start=1):
                print(f"  {number}. {label}")
            print("Tape le numéro de ta réponse, puis Entrée.")
            line = self._read()
            if line.isdigit() and 1 <= int(line) <= count:
                label, value = options[int(line) - 1]
                print(f"Ton choix : {label}.")
                return value
            shown = f"« {line} » n'est pas un numéro de la liste" if line else "Aucun numéro tapé"
            print(f"Attention : {shown} : tape un numéro entre 1 et {count}, puis Entrée.")
