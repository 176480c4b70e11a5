"""Le modèle typé d'un guide : ce que le chargeur produit et ce que tout le reste lit.

Les objets sont immuables : un guide validé ne change plus, ce qui permet de le partager
entre le moteur, les rendus et les adaptateurs sans copie défensive. Ce sont des NamedTuple
plutôt que des dataclasses figées : créer une dataclass figée coûte environ 1 ms au
démarrage (génération de code), une NamedTuple dix fois moins, et ces modules sont importés
par presque chaque commande (mesuré avec `python -X importtime`). Même choix dans
`engine`, `followup`, `catalogue` et `riasec`.

Sans `from __future__ import annotations` : avec lui, chaque annotation de champ est un texte
que `typing.NamedTuple` compile (ForwardRef) à l'import, ~0,05 ms par champ, 4 ms pour ce module ;
seules les références en avant (`Condition`) restent entre guillemets.
"""

from typing import Any, NamedTuple

# Des faits que l'outil connaît sans poser de question, utilisables dans `when: {fact: NOM}` ;
# ils voyagent avec les réponses sous la clé « @NOM » (jamais un identifiant de question).
FACT_PREFIX = "@"
INTEREST_TEST_FINISHED = "test_interets_termine"  # le test d'intérêts intégré est terminé
FACTS = (INTEREST_TEST_FINISHED,)
INTEREST_TEST_DONE = FACT_PREFIX + INTEREST_TEST_FINISHED


class _Skipped:
    """Point de départ d'une invite dont la réponse enregistrée est « passée »."""

    def __repr__(self) -> str:
        return "SKIPPED"


SKIPPED = _Skipped()

# Une réponse enregistrée : texte, nombre, booléen, liste de valeurs, ou None (question passée).
AnswerValue = str | int | float | bool | list[str | int | float | bool] | None


class Equals(NamedTuple):
    """Vraie si la réponse vaut `value` (ou la contient, pour un choix multiple)."""

    question: str
    value: Any


class InValues(NamedTuple):
    """Vraie si la réponse est l'une des valeurs (ou en contient une, pour un choix multiple)."""

    question: str
    values: tuple[Any, ...]


class Answered(NamedTuple):
    """Vraie si la question a reçu une réponse (`answered: true`) ou non (`false`)."""

    question: str
    answered: bool = True


class Not(NamedTuple):
    condition: "Condition"


class All(NamedTuple):
    conditions: tuple["Condition", ...]


class AnyOf(NamedTuple):
    conditions: tuple["Condition", ...]


Condition = Equals | InValues | Answered | Not | All | AnyOf


class Choice(NamedTuple):
    value: Any
    label: str
    when: Condition | None = None  # proposé seulement si la condition est remplie


class HelpVariant(NamedTuple):
    """Un paragraphe d'aide qui ne s'affiche que si `when` est remplie (sur des questions précédentes).

    Pour qu'aucune personne ne lise un conseil écrit pour une autre situation : l'aide commune
    reste dans `help`, ce qui ne vaut que pour un statut (agent public, RSA…) va dans une variante.
    """

    text: str
    when: Condition


class Validation(NamedTuple):
    pattern: str | None = None
    min: Any = None
    max: Any = None
    min_length: int | None = None
    max_length: int | None = None
    min_choices: int | None = None
    max_choices: int | None = None
    message: str | None = None
    after: str | None = None  # date : « today » (strictement après le jour de la réponse)


class Source(NamedTuple):
    """D'où vient un fait du guide, et quand on l'a vérifié (`checked`, AAAA-MM-JJ).

    `line`, `column` et `path` situent la date dans le fichier, pour l'avertissement
    « source à revérifier » de `guide validate`. `valid_until` (AAAA-MM-JJ, facultatif) : le
    dernier jour où la règle qu'elle fonde vaut (un montant revu chaque 1er janvier…).
    """

    url: str
    title: str
    checked: str
    line: int = 0
    column: int = 0
    path: str = ""
    valid_until: str = ""


class Question(NamedTuple):
    id: str
    type: str  # le nom d'un type de `question_types.KINDS`, qui sait lire, montrer et vérifier ses réponses
    prompt: str
    help: str = ""
    choices: tuple[Choice, ...] = ()
    default: Any = None
    required: bool = True
    validate: Validation = Validation()
    when: Condition | None = None
    scale_labels: tuple[str, str] | None = None
    choices_from: str | None = None
    step_id: str = ""
    sources: tuple[Source, ...] = ()
    label: str = ""  # titre court pour les récapitulatifs, `status`, le plan et le livret
    sensitive: bool = False  # santé, handicap… : jamais de réponse par défaut, « Passer » proposé en premier
    not_before: str | None = None  # date : signaler si elle tombe avant la réponse à cette autre question
    prompt_plural: str = ""  # l'invite quand plusieurs métiers sont choisis (« les métiers visés »)
    unit: str = ""  # nombre : l'unité dite avec lui (« € », « h », « € par mois ») dans les récapitulatifs et le plan
    help_variants: tuple[HelpVariant, ...] = ()  # paragraphes d'aide ajoutés selon la situation

    @property
    def title(self) -> str:
        """Le titre court (`label`) s'il existe, sinon l'invite complète."""
        return self.label or self.prompt

    def label_for(self, value: Any) -> str:
        """Le libellé lisible d'une valeur de choix (la valeur elle-même si inconnue)."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return str(value)


class Resource(NamedTuple):
    id: str
    title: str
    url: str
    description: str = ""
    tags: tuple[str, ...] = ()
    when: Condition | None = None
    sources: tuple[Source, ...] = ()


class Due(NamedTuple):
    """Une échéance datée à rebours (ou après) d'une date de la personne ou d'une autre action.

    `anchor` nomme une question de type `date` ou une action du guide (`anchor_kind`) ;
    `before` : l'échéance tombe avant l'ancre, sinon après. Un seul compte parmi `days`
    (jours calendaires), `working_days` (jours ouvrés) et `months` (mois de date à date).
    """

    anchor: str
    before: bool
    anchor_kind: str = "question"  # « question » ou « action »
    days: int | None = None
    working_days: int | None = None
    months: int | None = None


class Action(NamedTuple):
    id: str
    text: str
    step_id: str
    when: Condition | None = None
    due_in_days: int | None = None
    sources: tuple[Source, ...] = ()
    due: Due | None = None
    missed: str = ""  # que faire si le délai ne peut plus être tenu (obligatoire avec `due: {before: …}`)


class Step(NamedTuple):
    id: str
    title: str
    intro: str
    questions: tuple[Question, ...]
    resources: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    show_chosen_metiers: bool = False
    sources: tuple[Source, ...] = ()


# Les messages que le programme compose avec les données de la personne : leur texte est dans le guide
# (clé `messages`), seuls les noms de leurs trous sont ici. `formation_trop_longue` : une formation
# visée qui ne peut pas finir avant la date cible (`core/training_fit`).
# `formation_trop_longue_court` : la même chose en une ligne, dans la synthèse du plan.
LATE_TRAINING_MESSAGE = "formation_trop_longue"
LATE_TRAINING_SHORT_MESSAGE = "formation_trop_longue_court"
# `preparation_trop_tardive` (et `_regle`, `_conseil`) : les actions sans ancre qui préparent une date
# de la personne et n'ont plus leur marge (`core/deadlines.squeezed_missed`), dites en un délai manqué.
SQUEEZED_MESSAGE = "preparation_trop_tardive"
SQUEEZED_RULE_MESSAGE = "preparation_trop_tardive_regle"
SQUEEZED_ADVICE_MESSAGE = "preparation_trop_tardive_conseil"
# `financement_autres_situations` : après « Pas pour toi » (`funding`), combien de dispositifs, réservés à une
# autre situation que la tienne (`meant_for` du fichier des financements), ne sont pas listés.
OTHER_SITUATIONS_MESSAGE = "financement_autres_situations"
MESSAGE_FIELDS: dict[str, frozenset[str]] = {
    LATE_TRAINING_MESSAGE: frozenset({"metier", "duree", "debut", "fin", "cible"}),
    LATE_TRAINING_SHORT_MESSAGE: frozenset({"metier", "duree", "debut", "fin", "cible"}),
    SQUEEZED_MESSAGE: frozenset({"date", "jour", "actions"}),
    SQUEEZED_RULE_MESSAGE: frozenset({"marge", "echeance"}),
    SQUEEZED_ADVICE_MESSAGE: frozenset(),
    OTHER_SITUATIONS_MESSAGE: frozenset({"nombre"}),
}


class Guide(NamedTuple):
    id: str
    version: str
    language: str
    title: str
    steps: tuple[Step, ...]
    resources: dict[str, Resource]
    intro: str = ""
    source: str = ""
    checked: str = ""  # AAAA-MM-JJ : le jour où tout le contenu a été revérifié (« contenu vérifié le … »)
    messages: tuple[tuple[str, str], ...] = ()  # (identifiant, texte à trous) : clé `messages`, voir MESSAGE_FIELDS

    def message(self, message_id: str) -> str:
        """Le texte à trous d'un message du guide (`{metier}`…), ou "" si le guide ne l'a pas."""
        return dict(self.messages).get(message_id, "")

    @property
    def questions(self) -> tuple[Question, ...]:
        """Toutes les questions, dans l'ordre du guide."""
        return tuple(q for step in self.steps for q in step.questions)

    def question(self, question_id: str) -> Question | None:
        for q in self.questions:
            if q.id == question_id:
                return q
        return None

    def step(self, step_id: str) -> Step | None:
        for step in self.steps:
            if step.id == step_id:
                return step
        return None

    def step_number(self, step_id: str) -> int:
        """Numéro (à partir de 1) d'une étape, pour les en-têtes « Étape 2/5 »."""
        return [s.id for s in self.steps].index(step_id) + 1

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for step in self.steps for a in step.actions)


# Deux objets du modèle ne sont égaux que s'ils sont de la même sorte : sans cela, un NamedTuple se
# compare comme un simple tuple, et `Equals("q", True) == Answered("q", True)` serait vrai.
def _same_kind_eq(self: tuple[object, ...], other: object) -> bool:
    return type(self) is type(other) and tuple.__eq__(self, other) is True


def _same_kind_ne(self: tuple[object, ...], other: object) -> bool:
    return not _same_kind_eq(self, other)


def _same_kind_hash(self: tuple[object, ...]) -> int:
    return hash((type(self).__name__, tuple.__hash__(self)))


def compare_by_kind(*kinds: type[tuple[Any, ...]]) -> None:
    """Chaque NamedTuple de `kinds` n'est plus égal qu'à un objet de sa sorte (ni à un simple tuple).

    Appelé une fois, sous les classes, par chaque module qui définit un modèle (ici, `catalogue`).
    """
    for kind in kinds:
        kind.__eq__ = _same_kind_eq  # type: ignore[method-assign]
        kind.__ne__ = _same_kind_ne  # type: ignore[method-assign,assignment]
        kind.__hash__ = _same_kind_hash  # type: ignore[method-assign]


compare_by_kind(
    Equals,
    InValues,
    Answered,
    Not,
    All,
    AnyOf,
    Choice,
    HelpVariant,
    Validation,
    Source,
    Question,
    Resource,
    Due,
    Action,
    Step,
    Guide,
)
