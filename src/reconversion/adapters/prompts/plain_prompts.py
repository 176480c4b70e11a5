"""Le mode simple (`start --simple`) : les mêmes questions que `Prompter`, en lignes numérotées.

Pour un lecteur d'écran (Orca, NVDA), un afficheur braille ou le terminal le plus simple : la
question, sa consigne et les choix numérotés s'écrivent ligne après ligne, puis on lit une ligne
tapée (`terminal.read_line`). Ni flèches, ni réaffichage, ni déplacement du curseur, ni couleur.
On tape un numéro ; plusieurs, séparés par des espaces ou des virgules, pour une liste à cocher ;
« < » pour revenir ; Entrée seule garde la réponse déjà enregistrée (ou le défaut du guide),
ou passe une question facultative. Mêmes règles (`replies`), même validation (`core.question_types`)
et mêmes réponses (`Reply`) que les listes à flèches : le moteur et les séances ne voient pas la
différence. N'importe ni questionary ni prompt_toolkit (plus de 0,1 s au démarrage).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TextIO

from reconversion.adapters.prompts.asker import (
    BACK,
    BACK_KEY,
    SEARCH,
    SEARCH_LABEL,
    SKIP,
    SKIP_LABEL,
    QuestionAsker,
    Reply,
    picked_reply,
    skip_place,
    start_index,
    typed_back,
)
from reconversion.adapters.screen import terminal
from reconversion.adapters.screen.relaunch import as_launched
from reconversion.core import model
from reconversion.core.question_types import as_text, kind_of
from reconversion.core.text_wrap import squash_spaces

CLEAR_KEY = "-"  # dans un champ facultatif déjà rempli : le vider, donc passer la question
SHOWN_TEXT = 60  # au-delà, la réponse gardée est rappelée tronquée
ANSWER_PROMPT = "Ta réponse : "
_SPLIT = re.compile(r"[\s,;]+")


class _Entry(NamedTuple):
    """Une ligne numérotée : un choix, ou une action (passer, chercher) qui se choisit seule."""

    label: str
    value: Any
    action: bool = False


class PlainPrompter(QuestionAsker):
    """Même interface que `prompts.Prompter` ; `stdin`/`stdout` servent aux tests (sinon ceux du programme)."""

    simple = True

    def __init__(
        self, stdin: TextIO | None = None, stdout: TextIO | None = None, *, today: dt.date | None = None
    ) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.today = today
        self._helped: str | None = None  # la question dont l'aide a déjà été dite

    # --- lecture et écriture -----------------------------------------------------------

    def _say(self, text: str = "") -> None:
        print(text, file=self.stdout)

    def _read(self, prompt: str = ANSWER_PROMPT) -> str:
        """La ligne tapée, puis une ligne vide : chaque question forme un bloc, lu d'un trait."""
        while True:
            try:
                line = terminal.read_line(prompt, stdin=self.stdin, stdout=self.stdout).strip()
            except UnicodeDecodeError:
                self._say("Caractère illisible pour ce terminal : tape ta réponse de nouveau.")
                continue
            self._say()
            return line

    def _show(self, message: str, entries: Sequence[_Entry], marked: Sequence[int] = (), help_text: str = "") -> None:
        self._say(message)
        if help_text:
            self._say(help_text)
        for number, entry in enumerate(entries, start=1):
            label = _without_number(entry.label, number)
            suffix = " (déjà choisi)" if number - 1 in marked else ""
            self._say(f"  {number}.{' ' if label else ''}{label}{suffix}")

    # --- l'interface des séances -------------------------------------------------------

    def _help_once(self, question: model.Question) -> str:
        """L'aide de la question, dite après elle et une seule fois (pas à chaque réponse refusée)."""
        if not question.help or self._helped == question.id:
            return ""
        self._helped = question.id
        return f"Aide : {as_launched(squash_spaces(question.help))}"

    def _chosen(self, labels: Sequence[str]) -> None:
        """Le choix redit en mots : « Ton choix : Demandeur ou demandeuse d'emploi. » (pas « 2 »)."""
        shown = " ; ".join(_said_choice(label) for label in labels)
        self._say(f"{'Ton choix' if len(labels) == 1 else 'Tes choix'} : {shown}.")

    def _select(
        self, question: model.Question, default: Any, can_go_back: bool, choices: Sequence[model.Choice] | None
    ) -> Any:
        """Un seul numéro ; Entrée garde la réponse enregistrée ou le défaut, sinon passe si c'est permis."""
        options = list(choices if choices is not None else kind_of(question).choices(question))
        entries = [_Entry(c.label, c.value, action=c.value is SEARCH) for c in options]
        skip_entry = _Entry(SKIP_LABEL, SKIP, action=True)
        place = skip_place(question)
        _place_skip(entries, skip_entry, place)
        start = start_index(entries, default)
        if start is None and place is not None:
            start = entries.index(skip_entry)
        if start is not None and entries[start].value is SKIP:
            keep = "Entrée seule : passer la question."
        elif start is not None:
            keep = f"Entrée seule : choisir « {_said_choice(entries[start].label)} »."  # dit comme l'écho
        else:
            keep = ""
        hint = _hint("Tape le numéro de ta réponse, puis Entrée.", keep, can_go_back)
        while True:
            self._show(question.prompt, entries, help_text=self._help_once(question))
            self._say(hint)
            line = self._read()
            if typed_back(line, can_go_back):
                return Reply(back=True)
            if not line:
                if start is None:
                    self._say("Tape le numéro d'une réponse de la liste, puis Entrée.")
                    continue
                picked = entries[start]
            else:
                numbers, problem = _numbers(line, len(entries), can_go_back)
                if problem or len(numbers) != 1:
                    self._say(problem or "Une seule réponse ici : tape un seul numéro.")
                    continue
                picked = entries[numbers[0]]
            if picked.value is not SEARCH:
                self._chosen([picked.label])
            return picked_reply(picked.value)

    def _multi(
        self,
        question: model.Question,
        default: Any,
        can_go_back: bool,
        choices: Sequence[model.Choice] | None,
        searchable: bool,
    ) -> Any:
        """Plusieurs numéros ; « Passer » se choisit seul, « Chercher » garde les numéros tapés avec lui."""
        options = list(choices if choices is not None else question.choices)
        selected = list(default) if isinstance(default, list) else []
        entries = [_Entry(c.label, c.value) for c in options]
        skip_entry = _Entry(SKIP_LABEL, SKIP, action=True)
        if searchable:
            entries.append(_Entry(SEARCH_LABEL, SEARCH, action=True))
        place = skip_place(question)
        _place_skip(entries, skip_entry, place)
        marked = [i for i, e in enumerate(entries) if not e.action and e.value in selected]
        if marked:
            listed = ", ".join(str(i + 1) for i in marked)
            keep = f"Entrée seule : garder tes choix ({listed})."
        elif place is not None and (default is model.SKIPPED or question.sensitive or not selected):
            keep = "Entrée seule : passer la question."
        else:
            keep = ""
        hint = _hint("Tape les numéros de tes réponses (par exemple « 1 3 »), puis Entrée.", keep, can_go_back)
        while True:
            self._show(question.prompt, entries, marked, help_text=self._help_once(question))
            self._say(hint)
            line = self._read()
            if typed_back(line, can_go_back):
                return Reply(back=True)
            if not line:
                if marked:
                    values = [entries[i].value for i in marked]
                elif keep:
                    return Reply(value=None)
                else:
                    self._say("Tape au moins un numéro de la liste, puis Entrée.")
                    continue
            else:
                numbers, problem = _numbers(line, len(entries), can_go_back)
                if problem:
                    self._say(problem)
                    continue
                picked = [entries[i] for i in numbers]
                if any(e.value is SKIP for e in picked):
                    if len(picked) > 1:
                        self._say(f"« {SKIP_LABEL} » se choisit seul : tape seulement son numéro.")
                        continue
                    return Reply(value=None)
                values = [e.value for e in picked if not e.action]
                if any(e.value is SEARCH for e in picked):
                    carried = values if len(picked) > 1 else [entries[i].value for i in marked]
                    return Reply(value=carried, search=True)
            refused = self.refusal(question, values)
            if refused:
                self._say(refused)
                continue
            self._chosen([e.label for e in entries if not e.action and e.value in values])
            return Reply(value=values)

    def _text(self, question: model.Question, default: Any, can_go_back: bool) -> Any:
        """Une réponse écrite ; Entrée seule garde la réponse enregistrée, ou passe une question facultative."""
        current = as_text(question, default)
        hints = []
        if kind_of(question).hint:
            hints.append(f"Format : {kind_of(question).hint}.")
        clear = bool(current) and not question.required  # vider le champ, comme avec les flèches
        if current:
            shown = current if len(current) <= SHOWN_TEXT else current[: SHOWN_TEXT - 1].rstrip() + "…"
            hints.append(f"Entrée seule : garder « {shown} ».")
        elif not question.required:
            hints.append("Entrée seule : passer la question.")
        if clear:
            hints.append(f"« {CLEAR_KEY} » seul : passer la question.")
        if can_go_back:
            hints.append(f"« {BACK_KEY} » puis Entrée : question précédente.")
        while True:
            self._say(question.prompt)
            if help_text := self._help_once(question):
                self._say(help_text)
            if hints:
                self._say(" ".join(hints))
            line = self._read()
            if typed_back(line, can_go_back):
                return Reply(back=True)
            answer = "" if clear and line == CLEAR_KEY else line or current
            refused = self.refusal(question, answer)
            if refused:
                self._say(refused)
                continue
            if question.type == "number" and answer:  # redit compris, avec l'unité, comme un choix
                from reconversion.core.question_types import display, normalize

                self._say(f"Ta réponse : {display(question, normalize(question, answer, self.today))}.")
            return Reply(value=answer)

    def choose(self, message: str, options: Sequence[tuple[str, Any]]) -> Any:
        """Un choix simple hors questionnaire (continuer, relire une étape…) : un numéro, obligatoire."""
        entries = [_Entry(label, value) for label, value in options]
        while True:
            self._show(message, entries)
            self._say("Tape le numéro de ton choix, puis Entrée.")
            numbers, problem = _numbers(self._read(), len(entries), False)
            if problem or len(numbers) != 1:
                self._say(problem or "Tape un seul numéro, puis Entrée.")
                continue
            return entries[numbers[0]].value

    def text(self, message: str, default: str = "") -> str:
        """Une saisie libre hors questionnaire (mot à chercher…) ; Entrée seule garde `default`."""
        self._say(message)
        if default:
            self._say(f"Entrée seule : utiliser « {default} ».")
        return self._read() or default

    def interest_asker(self, test: Any) -> Callable[..., Any]:
        """Le test d'intérêts en lignes : un chiffre de l'échelle par activité, « < » pour l'activité précédente.

        L'échelle complète s'affiche à la première activité (et après une erreur) ; aux deux suivantes,
        une ligne rappelle ses deux bouts et le retour ; ensuite, « De 1 à 5. » seulement, les deux bouts
        revenant toutes les dix activités : soixante fois la même consigne serait lue en entier.
        """
        entries = [_Entry(point.label, point.value) for point in test.scale]
        count = len(entries)
        scale = f"Tape un chiffre de 1 ({entries[0].label}) à {count} ({entries[-1].label}), puis Entrée."
        short = f"De 1 à {count}."
        since_full = [-1]  # activités posées depuis l'échelle complète ; -1 : pas encore montrée

        def ask(item: Any, number: int, total: int, current: int | None, can_go_back: bool) -> Any:
            kept = next((e for e in entries if e.value == current), None)
            keep = f"Entrée seule : garder « {_said_choice(kept.label)} »." if kept is not None else ""
            while True:
                title = f"Activité {number} sur {total} : {item.text}"  # « (2/60) » se lit « 2 barre 60 »
                learning = since_full[0] < 2
                back = f"« {BACK_KEY} » puis Entrée : activité précédente." if can_go_back and learning else ""
                if since_full[0] < 0:
                    self._show(title, entries)
                    how = f"Tape un chiffre de 1 à {count}, puis Entrée."
                else:
                    self._say(title)
                    how = scale if learning or number % 10 == 1 else short
                self._say(" ".join(p for p in (how, keep, back) if p))
                line = self._read()
                since_full[0] += 1
                if typed_back(line, can_go_back):
                    return BACK
                if not line and kept is not None:
                    self._chosen([kept.label])
                    return current
                numbers, problem = _numbers(line, count, can_go_back) if line else ([], "")
                if problem or len(numbers) != 1:
                    self._say(problem or f"Tape un seul chiffre, de 1 à {count}.")
                    since_full[0] = -1
                    continue
                self._chosen([entries[numbers[0]].label])  # comme l'assistant : le choix redit en mots
                return entries[numbers[0]].value

        return ask


def _without_number(label: str, number: int) -> str:
    """Le libellé à lire : sans symbole de tête (« 🔎 » se lit « loupe »), ni le chiffre d'une échelle
    quand c'est déjà le numéro tapé (« 5 — Beaucoup » → « Beaucoup »)."""
    text = str(label)
    while text and unicodedata.category(text[0]) == "So":
        text = text[1:].lstrip()
    if text == str(number):
        return ""
    prefix = f"{number} — "
    return text[len(prefix) :] if text.startswith(prefix) else text


def _place_skip(entries: list[_Entry], skip: _Entry, place: str | None) -> None:
    """« Passer cette question » à sa place (`asker.skip_place`) : en tête, à la fin, ou nulle part."""
    if place == "first":
        entries.insert(0, skip)
    elif place == "last":
        entries.append(skip)


def _said_choice(label: str) -> str:
    """Un choix redit : « 2 — Plutôt pas » se dit « Plutôt pas (2) », le mot d'abord, sans tiret à lire."""
    text = _without_number(label, -1)
    number, dash, words = text.partition(" — ")
    return f"{words} ({number})" if dash and number.isdigit() else text


def _hint(how: str, keep: str, can_go_back: bool) -> str:
    back = f"« {BACK_KEY} » puis Entrée : question précédente." if can_go_back else ""
    return " ".join(part for part in (how, keep, back) if part)


def _numbers(line: str, count: int, can_go_back: bool) -> tuple[list[int], str]:
    """Les indices (à partir de 0) des numéros tapés, sans doublon ; ou un message qui dit quoi corriger."""
    if line == BACK_KEY and not can_go_back:
        return [], "Pas de question précédente ici : tape le numéro d'une réponse."
    found: list[int] = []
    for token in _SPLIT.split(line.strip()):
        if not token:
            continue
        if not token.isdigit():
            return [], f"« {token} » n'est pas un numéro : tape un numéro entre 1 et {count}, puis Entrée."
        number = int(token)
        if not 1 <= number <= count:
            return [], f"Il n'y a pas de numéro {number} : tape un numéro entre 1 et {count}, puis Entrée."
        if number - 1 not in found:
            found.append(number - 1)
    if not found:
        return [], f"Tape un numéro entre 1 et {count}, puis Entrée."
    return found, ""
