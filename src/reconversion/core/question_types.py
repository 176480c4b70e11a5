"""Les types de question, chacun à un seul endroit.

Chaque type (`text`, `select`, `date`…) est une petite classe qui sait lire une réponse
(`normalize`), l'écrire pour être lue (`display`) ou modifiée (`as_text`), dire comment on la
demande (`widget`) et sur le livret papier (`paper`), donner ses choix, et vérifier une valeur
venue d'ailleurs : réponse par défaut du guide, valeur d'une condition, réponse d'une sauvegarde.
Le chargeur du guide, les invites et les rendus demandent au type au lieu de comparer son nom :
ajouter un type, c'est une classe ici (et sa place dans `KINDS`), plus le schéma de
`guide_loader` s'il apporte de nouvelles clés, plus `docs/guide-format.md`.

Le même code sert aux réponses tapées dans l'assistant et à celles d'un fichier `--answers`,
pour qu'une réponse refusée ici le soit partout, avec le même message.

Pur, et léger à importer (des classes simples, sans dataclass) : presque chaque commande le charge.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reconversion.core.dates import PROMPT_FORMAT, TooFar, french_date, parse_date, unreadable
from reconversion.core.lazy_pattern import LazyPattern
from reconversion.core.limits import answer_problem, describe, latin_digits
from reconversion.core.limits import show as show_value
from reconversion.core.model import SKIPPED, AnswerValue, Choice, Question, Validation
from reconversion.errors import AnswerError

__all__ = [
    "KINDS",
    "QuestionKind",
    "as_text",
    "display",
    "display_items",
    "is_blank",
    "kind_of",
    "names_with",
    "normalize",
    "scale_text",
]

_ROME_CODE = LazyPattern(r"[A-N][0-9]{4}")
# Ce qu'on retire d'un nombre écrit à la française : espaces (simples, insécables, fines), unité.
_NUMBER_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
_NUMBER_UNIT = LazyPattern(
    r"(?:€|eur|euros?|h|heures?|ans?|années?|jours?|mois|personnes?|contacts?)?"
    r"(?:/mois|/semaine|/sem|parmois|parsemaine|paran)?$"
)
_NOTHING = frozenset({"rien", "aucun", "aucune", "zéro", "zero", "néant"})
_SPELLED = {
    word: number
    for number, words in enumerate(
        (
            "",
            "un une",
            "deux",
            "trois",
            "quatre",
            "cinq",
            "six",
            "sept",
            "huit",
            "neuf",
            "dix",
            "onze",
            "douze",
            "treize",
            "quatorze",
            "quinze",
            "seize",
            "dix-sept",
            "dix-huit",
            "dix-neuf",
            "vingt",
        )
    )
    for word in words.split()
} | {"trente": 30, "quarante": 40, "cinquante": 50}
_UNIT_WORDS = {"h": "heures", "€": "euros"}
_TRUE = {"oui", "o", "yes", "y", "true", "vrai", "1"}
_FALSE = {"non", "n", "no", "false", "faux", "0"}


class QuestionKind:
    """Ce que sait un type de question ; chaque type ne redéfinit que ce qui le distingue."""

    name = ""
    # Comment on le demande : « list » (un choix dans une liste), « checkboxes » (plusieurs
    # choix), « line » (une saisie). Les invites ne connaissent que ces trois formes.
    widget = "line"
    # Sur le livret papier (`ebook`) : « boxes » (cases), « scale », « date », « line » ou « lines ».
    paper = "line"
    many = False  # la réponse est une liste de valeurs
    has_choices = False  # accepte `choices` ou `choices_from`, et exige l'un des deux
    dated = False  # une date : `after`, `not_before`, bornes AAAA-MM-JJ, ancre d'échéance, calendrier
    bounds: tuple[int, int] | None = None  # une échelle : bornes entières, celles-ci sans `validate`
    hint = ""  # l'aide qui accompagne la saisie d'une ligne

    def __repr__(self) -> str:
        return f"<type de question {self.name}>"

    def normalize(self, question: Question, raw: Any, today: dt.date) -> AnswerValue:
        """La réponse lue et vérifiée (jamais vide) ; lève `AnswerError` avec le message à montrer."""
        raise NotImplementedError

    def display(self, question: Question, value: Any) -> str:
        """Une réponse (jamais None) écrite pour être lue."""
        return str(value)

    def text_of(self, question: Question, value: Any) -> str:
        """Une réponse (jamais None) réécrite pour être modifiée dans une saisie libre."""
        return str(value)

    def choices(self, question: Question) -> list[Choice]:
        """Les lignes proposées quand on le demande dans une liste."""
        return list(question.choices)

    def value_problem(self, value: Any) -> str | None:
        """Une réponse enregistrée (une sauvegarde importée) a-t-elle la forme de ce type ?"""
        if isinstance(value, list):
            return f"une seule valeur attendue {_found(value)}"
        return self.single_problem(value)

    def single_problem(self, value: Any) -> str | None:
        return None

    def read_default(self, value: Any, choices: tuple[Choice, ...], validate: Validation) -> tuple[Any, str | None]:
        """La réponse par défaut écrite dans le guide (un élément, pour un choix multiple), et son problème."""
        return value, None

    def condition_problem(self, question: Question, value: Any) -> str | None:
        """Une condition compare-t-elle la question à une valeur qu'elle ne peut pas avoir ?"""
        if question.choices and value not in {c.value for c in question.choices}:
            possible = ", ".join(str(c.value) for c in question.choices)
            return f"valeur « {value} » impossible pour la question « {question.id} » (choix : {possible})"
        return None

    @staticmethod
    def read_bound(value: Any) -> tuple[Any, str | None]:
        """Une borne `min`/`max` de `validate` (un nombre, sauf pour une date), et son problème."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None, "nombre attendu"
        return value, None


class Text(QuestionKind):
    name = "text"

    def normalize(self, question: Question, raw: Any, today: dt.date) -> str:
        if isinstance(raw, bool) or not isinstance(raw, (str, int, float)):
            raise AnswerError("un texte est attendu")
        value = str(raw).strip()
        rules = question.validate
        if rules.min_length is not None and len(value) < rules.min_length:
            raise _fail(question, f"au moins {rules.min_length} caractères, s'il te plaît")
        if rules.max_length is not None and len(value) > rules.max_length:
            raise _fail(question, f"{rules.max_length} caractères au plus (tu en as écrit {len(value)})")
        if rules.pattern is not None and not _matches(rules.pattern, value):
            raise _fail(question, "la réponse n'a pas la forme attendue")
        return value

    def value_problem(self, value: Any) -> str | None:
        return None if isinstance(value, str) else f"texte attendu {_found(value)}"

    def read_default(self, value: Any, choices: tuple[Choice, ...], validate: Validation) -> tuple[Any, str | None]:
        return value, None if isinstance(value, str) else "texte attendu"


class LongText(Text):
    name = "long_text"
    paper = "lines"


class _ChoiceKind(QuestionKind):
    """Ce que partagent `select` et `multiselect` : les choix du guide (ou les métiers du ROME)."""

    paper = "boxes"
    has_choices = True

    def choice_value(self, question: Question, raw: Any) -> Any:
        """Accepte la valeur d'un choix, ou son libellé (sans tenir compte de la casse)."""
        if question.choices_from == "metiers":
            code = str(raw).strip().upper()
            if not _ROME_CODE.fullmatch(code):
                raise AnswerError(
                    f"« {raw} » n'est pas un code ROME "
                    "(une lettre de A à N suivie de quatre chiffres, par exemple J1506)"
                )
            return code  # son existence est vérifiée par l'adaptateur qui connaît le catalogue
        for choice in question.choices:
            if raw == choice.value:
                return choice.value
        text = str(raw).strip().casefold()
        for choice in question.choices:
            if text in (str(choice.value).casefold(), choice.label.casefold()):
                return choice.value
        possible = ", ".join(str(c.value) for c in question.choices)
        raise AnswerError(f"« {raw} » n'est pas un choix possible (choix : {possible})")

    def read_default(self, value: Any, choices: tuple[Choice, ...], validate: Validation) -> tuple[Any, str | None]:
        if choices and value not in {c.value for c in choices}:
            return value, f"la valeur par défaut « {value} » n'est pas l'un des choix"
        return value, None


class Select(_ChoiceKind):
    name = "select"
    widget = "list"

    def normalize(self, question: Question, raw: Any, today: dt.date) -> AnswerValue:
        if isinstance(raw, (list, dict)):
            raise AnswerError("un seul choix est attendu")
        value: AnswerValue = self.choice_value(question, raw)
        return value

    def display(self, question: Question, value: Any) -> str:
        return question.label_for(value)


class MultiSelect(_ChoiceKind):
    name = "multiselect"
    widget = "checkboxes"
    many = True

    def normalize(self, question: Question, raw: Any, today: dt.date) -> list[Any]:
        items = raw if isinstance(raw, list) else [raw]
        values: list[Any] = []
        for item in items:
            if isinstance(item, (list, dict)):
                raise AnswerError("une liste de choix simples est attendue")
            value = self.choice_value(question, item)
            if value not in values:
                values.append(value)
        rules = question.validate
        if question.required and not values:
            raise AnswerError("choisis au moins une réponse")
        if rules.min_choices is not None and len(values) < rules.min_choices:
            raise _fail(question, f"choisis au moins {rules.min_choices} réponses")
        if rules.max_choices is not None and len(values) > rules.max_choices:
            raise _fail(question, f"choisis au plus {rules.max_choices} réponses (tu en as choisi {len(values)})")
        return values

    def display(self, question: Question, value: Any) -> str:
        """Sur une ligne, les libellés séparés par « ; » (ils contiennent des virgules)."""
        if isinstance(value, list):
            return " ; ".join(display_items(question, value)) or "(aucune)"
        return str(value)

    def value_problem(self, value: Any) -> str | None:
        return None if isinstance(value, list) else f"liste de choix attendue {_found(value)}"


class Confirm(QuestionKind):
    name = "confirm"
    widget = "list"
    paper = "boxes"

    def normalize(self, question: Question, raw: Any, today: dt.date) -> bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().casefold()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise AnswerError("réponds par oui ou par non")

    def display(self, question: Question, value: Any) -> str:
        return "Oui" if value else "Non"

    def choices(self, question: Question) -> list[Choice]:
        return [Choice(True, "Oui"), Choice(False, "Non")]

    def single_problem(self, value: Any) -> str | None:
        return None if isinstance(value, bool) else f"booléen (true ou false) attendu {_found(value)}"

    def read_default(self, value: Any, choices: tuple[Choice, ...], validate: Validation) -> tuple[Any, str | None]:
        return value, None if isinstance(value, bool) else "true ou false attendu pour une question confirm"

    def condition_problem(self, question: Question, value: Any) -> str | None:
        if not isinstance(value, bool):
            return f"la question « {question.id} » attend true ou false, pas « {value} »"
        return super().condition_problem(question, value)


class Number(QuestionKind):
    name = "number"

    def normalize(self, question: Question, raw: Any, today: dt.date) -> int | float:
        if isinstance(raw, bool):
            raise AnswerError("un nombre est attendu")
        if isinstance(raw, (int, float)):
            value: float = raw
        elif str(raw).strip().casefold() in _NOTHING:
            value = 0
        elif (spelled := _spelled(str(raw))) is not None:
            value = spelled
        else:
            squeezed = str(raw).translate(_NUMBER_SPACES).casefold()
            text = _NUMBER_UNIT.sub("", squeezed).replace(",", ".")
            latin = latin_digits(str(raw))
            if latin is not None:
                raise AnswerError(
                    f"« {show_value(str(raw))} » : écris le nombre avec les chiffres 0 à 9, "
                    f"par exemple « {show_value(latin)} »"
                )
            try:
                if "_" in text or not text.isascii():  # float() lirait « 1_000 » et d'autres écritures
                    raise ValueError(text)
                value = float(text)
            except ValueError:
                raise AnswerError(f"« {show_value(str(raw))} » n'est pas un nombre ({_examples(question)})") from None
            if _other_unit(question, squeezed[len(text) :]):
                counted = _UNIT_WORDS.get(question.unit.split(" ")[0], question.unit)
                raise AnswerError(f"« {show_value(str(raw))} » : ici, on compte en {counted} ({_examples(question)})")
        if value != value or value in (float("inf"), float("-inf")):
            raise AnswerError("un nombre fini est attendu")
        rules = question.validate
        if rules.min is not None and value < rules.min:
            raise _fail(question, f"le nombre doit être au moins {_show(rules.min)}{_unit(question)}")
        if rules.max is not None and value > rules.max:
            raise _fail(question, f"le nombre doit être au plus {_show(rules.max)}{_unit(question)}")
        return int(value) if float(value).is_integer() else value

    def display(self, question: Question, value: Any) -> str:
        """« 3 200 € », « 150 h », « 50 € par mois » : le nombre et son unité, insécables."""
        if not isinstance(value, (int, float)):
            return str(value)
        euros = question.unit.startswith("€") and not float(value).is_integer()
        shown = f"{value:.2f}".replace(".", ",") if euros else _show(value)  # 480,50 €
        return f"{shown}{_unit(question, value)}"

    def text_of(self, question: Question, value: Any) -> str:
        """La virgule décimale, comme on l'a tapée."""
        return str(value).replace(".", ",") if isinstance(value, float) else str(value)

    def single_problem(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"nombre attendu {_found(value)}"
        return None

    def read_default(self, value: Any, choices: tuple[Choice, ...], validate: Validation) -> tuple[Any, str | None]:
        return value, _not_a_number(value)


class Date(QuestionKind):
    name = "date"
    paper = "date"
    dated = True
    hint = f"{PROMPT_FORMAT}, « fin mars » ou « dans 3 mois »"

    def normalize(self, question: Question, raw: Any, today: dt.date) -> str:
        try:
            iso = parse_date(str(raw), today) if not isinstance(raw, bool) else None
        except TooFar:
            iso = None
        if iso is None:
            raise unreadable(raw)
        rules = question.validate
        if rules.after == "today" and iso <= today.isoformat():
            raise _fail(question, f"la date doit être après aujourd'hui ({french_date(today.isoformat())})")
        if rules.min is not None and iso < rules.min:
            raise _fail(question, f"la date doit être le {french_date(rules.min)} ou après")
        if rules.max is not None and iso > rules.max:
            raise _fail(question, f"la date doit être le {french_date(rules.max)} ou avant")
        return iso

    def display(self, question: Question, value: Any) -> str:
        return french_date(value) if isinstance(value, str) else str(value)

    def text_of(self, question: Question, value: Any) -> str:
        """JJ/MM/AAAA, le format que montre l'invite."""
        if isinstance(value, str):
            year, month, day = value.split("-")
            return f"{day}/{month}/{year}"
        return str(value)

    def single_problem(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return f"date AAAA-MM-JJ attendue {_found(value)}"
        try:
            if dt.date.fromisoformat(value).isoformat() == value:
                return None
        except ValueError:
            pass
        return f"« {show_value(value)} » n'est pas une date AAAA-MM-JJ qui existe"

    def read_default(self, value: Any, choices: tuple[Choice, ...], validate: Validation) -> tuple[Any, str | None]:
        iso = parse_date(str(value))
        return iso, None if iso else "date attendue au format AAAA-MM-JJ"

    @staticmethod
    def read_bound(value: Any) -> tuple[Any, str | None]:
        iso = parse_date(str(value)) if isinstance(value, str) else None
        return iso, None if iso is not None else "date attendue au format AAAA-MM-JJ"


class Scale(QuestionKind):
    name = "scale"
    widget = "list"
    paper = "scale"
    bounds = (1, 5)

    def normalize(self, question: Question, raw: Any, today: dt.date) -> int:
        low, high = question.validate.min, question.validate.max
        try:
            text = str(raw).strip()
            value = int(text) if not isinstance(raw, bool) and text.isascii() and "_" not in text else None
        except ValueError:
            value = None
        if value is None or (isinstance(raw, float) and not raw.is_integer()):
            raise AnswerError(f"choisis un nombre entier de {low} à {high}")
        if not low <= value <= high:
            raise _fail(question, f"choisis un nombre de {low} à {high}")
        return value

    def display(self, question: Question, value: Any) -> str:
        return scale_text(question, value)

    def choices(self, question: Question) -> list[Choice]:
        """Les points de l'échelle, chacun nommé : les mots du guide aux deux bouts, « Plutôt pas »… entre."""
        low, high = question.validate.min, question.validate.max
        result = []
        for number in range(low, high + 1):
            name = point_name(question, number)
            result.append(Choice(number, f"{number} — {name}" if name else str(number)))
        return result

    def single_problem(self, value: Any) -> str | None:
        is_int = isinstance(value, int) and not isinstance(value, bool)
        return None if is_int else f"nombre entier attendu {_found(value)}"

    def read_default(self, value: Any, choices: tuple[Choice, ...], validate: Validation) -> tuple[Any, str | None]:
        problem = _not_a_number(value)
        if validate.min is None or validate.max is None:  # une borne refusée : son problème est déjà dit
            return value, problem
        if problem is None and not (validate.min <= value <= validate.max):
            problem = f"la valeur par défaut doit être entre {validate.min} et {validate.max}"
        return value, problem

    @staticmethod
    def read_bound(value: Any) -> tuple[Any, str | None]:
        value, problem = QuestionKind.read_bound(value)
        if problem is None and not isinstance(value, int):
            return None, "nombre entier attendu pour une échelle"
        return value, problem


# Dans l'ordre où les messages d'erreur et la documentation les citent.
KINDS: dict[str, QuestionKind] = {
    kind.name: kind for kind in (Text(), LongText(), Select(), MultiSelect(), Confirm(), Number(), Date(), Scale())
}


def kind_of(question: Question) -> QuestionKind:
    """Le type d'une question du guide (toujours l'un de `KINDS` : le chargeur refuse les autres)."""
    return KINDS[question.type]


def names_with(flag: str) -> str:
    """Les noms des types qui ont ce drapeau (`has_choices`, `dated`…) : « select et multiselect »."""
    names = [name for name, kind in KINDS.items() if getattr(kind, flag)]
    return " et ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == []


def normalize(question: Question, raw: Any, today: dt.date | None = None) -> AnswerValue:
    """La réponse normalisée, ou None pour une question facultative laissée vide.

    `today` sert aux dates relatives (« demain », « +2m ») et à la règle `after: today` ;
    sans lui, on prend la date du jour (l'assistant, un fichier de réponses).
    Lève `AnswerError` avec un message en français qui dit quoi corriger.
    """
    if is_blank(raw):
        if question.required:
            raise AnswerError("une réponse est nécessaire pour continuer")
        return None
    value = kind_of(question).normalize(question, raw, today or dt.date.today())
    problem = answer_problem(value)  # mêmes bornes que les sauvegardes : tout ce qui est écrit se relit
    if problem:
        raise AnswerError(problem)
    return value


def display(question: Question, value: AnswerValue) -> str:
    """Une réponse écrite pour être lue : libellés, « Oui »/« Non », dates en français.

    Un choix multiple tient sur une ligne, ses libellés séparés par « ; » (ils contiennent
    des virgules) ; pour un choix par ligne, voir `display_items`.
    """
    if value is None:  # « (passée) » seul se lirait « date passée » après une date
        return "(question passée)"
    return kind_of(question).display(question, value)


def display_items(question: Question, value: list[Any]) -> list[str]:
    """Les libellés d'un choix multiple, un par élément."""
    return [question.label_for(v) for v in value]


def as_text(question: Question, value: Any) -> str:
    """La réponse existante, réécrite pour être modifiée dans un champ libre."""
    if value is None or value is SKIPPED:
        return ""
    return kind_of(question).text_of(question, value)


# Les points du milieu d'une échelle de 5 dont le guide nomme les deux bouts : un lecteur d'écran
# lit « 2 — Plutôt pas » plutôt que « 2 » seul (le sens d'un chiffre nu se perd en route).
_MIDDLE_POINTS = ("Plutôt pas", "Entre les deux", "Plutôt oui")


def point_name(question: Question, value: Any) -> str:
    """Le nom d'un point de l'échelle : les mots du guide aux bouts, ceux de `_MIDDLE_POINTS` entre ; ou rien."""
    labels = question.scale_labels
    low, high = question.validate.min, question.validate.max
    if not labels:
        return ""
    if value == low:
        return labels[0]
    if value == high:
        return labels[1]
    if isinstance(low, int) and isinstance(high, int) and high - low == len(_MIDDLE_POINTS) + 1:
        return _MIDDLE_POINTS[int(value) - low - 1] if low < value < high else ""
    return ""


def scale_text(question: Question, value: Any) -> str:
    """« 1 sur 5 — Aucune », « 2 sur 5 — Plutôt pas » : la note et le nom de son point."""
    text = f"{value} sur {question.validate.max}"
    name = point_name(question, value)
    return f"{text} — {name}" if name else text


def _unit(question: Question, value: float = 2) -> str:
    """L'unité précédée d'une espace insécable ; « an », « personne » au singulier sous 2."""
    if not question.unit:
        return ""
    first, _, rest = question.unit.partition(" ")
    if abs(value) < 2 and first.endswith("s") and first != "mois":
        first = first[:-1]
    return "\u00a0" + " ".join(part for part in (first, rest) if part)


def _spelled(raw: str) -> int | None:
    """« deux », « trente ans », « cinq personnes » : un nombre écrit en lettres (jusqu'à cinquante)."""
    words = raw.strip().casefold().split()
    if not words or (words[1:] and not _NUMBER_UNIT.fullmatch("".join(words[1:]))):
        return None  # « deux cents » n'est pas « deux »
    return _SPELLED.get(words[0])


def _other_unit(question: Question, typed: str) -> bool:
    """« 150 € » tapé pour des heures (ou l'inverse) : refusé plutôt que pris pour 150 h."""
    euros, hours = typed.startswith(("€", "eur")), typed.startswith("h")
    unit = question.unit.casefold()
    return (euros and unit.startswith("h")) or (hours and unit.startswith("€"))


def _examples(question: Question) -> str:
    """Des exemples dans l'unité demandée et dans les bornes : « exemple : 137 h » plutôt que « 3 200 € »."""
    low = question.validate.min if question.validate.min is not None else 0
    high = question.validate.max if question.validate.max is not None else 48
    example = _show(max(low, round(low + (high - low) / 4)))
    if question.unit:
        return f"exemple : {example}\u00a0{question.unit}"
    return f"exemples : {example} ou 3,5"


def _fail(question: Question, default: str) -> AnswerError:
    return AnswerError(question.validate.message or default)


def _found(value: Any) -> str:
    return f"(trouvé : {describe(value)})"


def _not_a_number(value: Any) -> str | None:
    return "nombre attendu" if isinstance(value, bool) or not isinstance(value, (int, float)) else None


def _matches(pattern: str, value: str) -> bool:
    """La forme attendue, vérifiée en temps linéaire (RE2 : un motif ne peut pas figer l'assistant)."""
    from reconversion.core.safe_regex import PatternError, full_match

    try:
        return full_match(pattern, value)
    except PatternError:
        return False  # un guide non validé : la réponse ne peut pas être vérifiée, on la refuse


def _show(number: float) -> str:
    """« 3 200 » ou « 3 200,5 » : virgule décimale, espace fine insécable entre les milliers."""
    sign, size = ("-" if number < 0 else ""), abs(number)
    text = f"{int(size):,}".replace(",", "\u202f")
    if not float(size).is_integer():
        text += "," + (f"{size:.10f}".rstrip("0").split(".")[1] or "0")
    return sign + text
