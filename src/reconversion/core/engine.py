"""Le moteur de l'assistant : quelle question vient ensuite, où en est chaque étape.

Pur : il lit le guide et les réponses, ne demande rien, n'affiche rien, n'écrit rien.
Les réponses sont un dictionnaire `id de question -> valeur` (None pour une question
facultative passée). Une réponse à une question qui ne s'applique plus est gardée mais
ignorée ; elle compte de nouveau si la question s'applique de nouveau.
"""

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, NamedTuple

from reconversion.core import model
from reconversion.core.conditions import holds
from reconversion.core.question_types import normalize

if TYPE_CHECKING:
    from reconversion.core.schemas import StepState

# L'état d'une étape : un identifiant (valeur de `status --json`), jamais le mot affiché.
STATE_TODO: Final = "todo"
STATE_STARTED: Final = "started"
STATE_DONE: Final = "done"
# Le mot montré à la personne (écran, plan, image du plan) : une seule table, pour toutes les vues.
STATE_LABELS: "Final[dict[StepState, str]]" = {STATE_TODO: "à faire", STATE_STARTED: "en cours", STATE_DONE: "terminée"}


def effective_answers(guide: model.Guide, answers: Mapping[str, object]) -> dict[str, object]:
    """Les réponses des seules questions qui s'appliquent, dans l'ordre du guide.

    Une condition ne vise que des questions antérieures : un seul passage suffit.
    """
    effective: dict[str, object] = {k: v for k, v in answers.items() if k.startswith(model.FACT_PREFIX)}
    for question in guide.questions:
        if question.id in answers and holds(question.when, effective):
            effective[question.id] = answers[question.id]
    return effective


def applicable_questions(
    guide: model.Guide, answers: Mapping[str, object], step_id: str | None = None
) -> list[model.Question]:
    """Les questions qui s'appliquent à cette personne (d'une étape, ou de tout le guide)."""
    effective: dict[str, object] = {k: v for k, v in answers.items() if k.startswith(model.FACT_PREFIX)}
    result: list[model.Question] = []
    for question in guide.questions:
        if not holds(question.when, effective):
            continue
        if question.id in answers:
            effective[question.id] = answers[question.id]
        if step_id is None or question.step_id == step_id:
            result.append(question)
    return result


def next_question(
    guide: model.Guide, answers: Mapping[str, object], step_id: str | None = None
) -> model.Question | None:
    """La première question applicable sans réponse (dans l'étape donnée, ou dans tout le guide)."""
    for question in applicable_questions(guide, answers, step_id):
        if question.id not in answers:
            return question
    return None


def previous_question(
    guide: model.Guide, answers: Mapping[str, object], current_id: str | None
) -> model.Question | None:
    """La question applicable juste avant `current_id` (la dernière si `current_id` est None)."""
    questions = applicable_questions(guide, answers)
    ids = [q.id for q in questions]
    if current_id is None:
        return questions[-1] if questions else None
    if current_id in ids:
        index = ids.index(current_id)
        return questions[index - 1] if index > 0 else None
    # La question courante ne s'applique plus : on revient à la dernière qui la précède.
    order = [q.id for q in guide.questions]
    position = order.index(current_id)
    before = [q for q in questions if order.index(q.id) < position]
    return before[-1] if before else None


class StepProgress(NamedTuple):
    step: model.Step
    applicable: int
    answered: int
    next_question: model.Question | None

    @property
    def done(self) -> bool:
        return self.answered == self.applicable

    @property
    def state(self) -> "StepState":
        if self.done and self.applicable > 0:
            return STATE_DONE
        if self.answered == 0:
            return STATE_TODO if self.applicable else STATE_DONE
        return STATE_STARTED


def progress(guide: model.Guide, answers: Mapping[str, object]) -> list[StepProgress]:
    """Pour chaque étape : questions applicables, répondues, et la prochaine à poser."""
    by_step: dict[str, list[model.Question]] = {step.id: [] for step in guide.steps}
    for question in applicable_questions(guide, answers):  # un seul passage : linéaire en taille du guide
        by_step.setdefault(question.step_id, []).append(question)
    result = []
    for step in guide.steps:
        mine = by_step[step.id]
        answered = [q for q in mine if q.id in answers]
        pending = next((q for q in mine if q.id not in answers), None)
        result.append(StepProgress(step, len(mine), len(answered), pending))
    return result


class Position(NamedTuple):
    """Où reprend la séance : « étape 2/5, question 4 sur 10 »."""

    step_number: int
    step_count: int
    question_number: int
    question_count: int


def resume_position(guide: model.Guide, answers: Mapping[str, object]) -> Position | None:
    """La position de la prochaine question sans réponse ; None si tout est répondu."""
    question = next_question(guide, answers)
    if question is None:
        return None
    mine = [q.id for q in applicable_questions(guide, answers, question.step_id)]
    number = guide.step_number(question.step_id)
    return Position(number, len(guide.steps), mine.index(question.id) + 1, len(mine))


def overall_percent(steps: list[StepProgress]) -> int:
    applicable = sum(s.applicable for s in steps)
    answered = sum(s.answered for s in steps)
    return round(100 * answered / applicable) if applicable else 100


def catalogue_choices(guide: model.Guide, answers: Mapping[str, object], source: str) -> list[str]:
    """Les valeurs choisies dans les questions `choices_from: source` qui s'appliquent (codes ROME…)."""
    effective = effective_answers(guide, answers)
    chosen: list[str] = []
    for question in guide.questions:
        value = effective.get(question.id)
        if question.choices_from == source and isinstance(value, list):
            chosen += [str(item) for item in value if str(item) not in chosen]
    return chosen


def offered_choices(
    guide: model.Guide, question: model.Question, answers: Mapping[str, object]
) -> tuple[model.Choice, ...]:
    """Les choix proposés à cette personne : ceux dont la condition `when` est remplie."""
    if all(choice.when is None for choice in question.choices):
        return question.choices
    effective = effective_answers(guide, answers)
    return tuple(c for c in question.choices if holds(c.when, effective))


def worded(guide: model.Guide, question: model.Question, answers: Mapping[str, object]) -> model.Question:
    """La question telle que cette personne la lit : l'invite au pluriel (`prompt_plural`) quand
    plusieurs métiers sont choisis, et l'aide avec les seuls paragraphes de sa situation."""
    if question.help_variants:
        question = question._replace(help=help_for(guide, question, answers), help_variants=())
    if question.prompt_plural and len(catalogue_choices(guide, answers, "metiers")) > 1:
        return question._replace(prompt=question.prompt_plural)
    return question


def help_for(guide: model.Guide, question: model.Question, answers: Mapping[str, object]) -> str:
    """L'aide commune suivie des variantes (`help_variants`) dont la condition est remplie."""
    if not question.help_variants:
        return question.help
    effective = effective_answers(guide, answers)
    parts = [question.help] if question.help else []
    parts += [variant.text for variant in question.help_variants if holds(variant.when, effective)]
    return " ".join(parts)


def starting_point(question: model.Question, answers: Mapping[str, object]) -> object:
    """Où une invite commence : la réponse enregistrée (`SKIPPED` si passée), sinon le défaut déclaré.

    Une question sensible n'a jamais de défaut ; sans rien de tout cela, rien n'est présélectionné (None).
    """
    if question.id in answers:
        value = answers[question.id]
        return model.SKIPPED if value is None else value
    return None if question.sensitive else question.default


class DateConflict(NamedTuple):
    """Deux dates qui se contredisent : `early` tombe avant `late` alors que le guide dit l'inverse."""

    question: model.Question
    value: str
    other: model.Question
    other_value: str


def date_conflicts(guide: model.Guide, answers: Mapping[str, object]) -> list[DateConflict]:
    """Les dates qui tombent avant celle qu'elles ne doivent pas précéder (clé `not_before` du guide)."""
    effective = effective_answers(guide, answers)
    found = []
    for question in guide.questions:
        other = guide.question(question.not_before) if question.not_before else None
        value, other_value = effective.get(question.id), effective.get(other.id) if other else None
        if other and isinstance(value, str) and isinstance(other_value, str) and value < other_value:
            found.append(DateConflict(question, value, other, other_value))
    return found


def conflict_text(conflict: DateConflict) -> str:
    """La contradiction dite simplement, pour le récapitulatif et le plan."""
    from reconversion.core.dates import french_date

    return (
        f"« {conflict.question.title} » ({french_date(conflict.value)}) tombe avant "
        f"« {conflict.other.title} » ({french_date(conflict.other_value)}) : l'une des deux dates est à revoir."
    )


def applicable_resources(guide: model.Guide, step: model.Step, answers: Mapping[str, object]) -> list[model.Resource]:
    effective = effective_answers(guide, answers)
    resources = (guide.resources[rid] for rid in step.resources if rid in guide.resources)
    return [r for r in resources if holds(r.when, effective)]


def resource_applies(guide: model.Guide, resource_id: str, answers: Mapping[str, object]) -> bool:
    """La ressource `resource_id` du guide s'adresse-t-elle à la personne (sa condition `when`) ?

    Vrai si le guide n'a pas cette ressource : rien ne dit alors de la cacher.
    """
    resource = guide.resources.get(resource_id)
    return resource is None or holds(resource.when, effective_answers(guide, answers))


def applicable_actions(guide: model.Guide, step: model.Step, answers: Mapping[str, object]) -> list[model.Action]:
    effective = effective_answers(guide, answers)
    return [a for a in step.actions if holds(a.when, effective)]


def applicable_action_ids(guide: model.Guide, answers: Mapping[str, object]) -> set[str]:
    """Les ids des actions de TOUT le guide qui s'appliquent, avec un seul calcul des réponses effectives
    (appeler `applicable_actions` étape par étape referait ce calcul à chaque étape)."""
    effective = effective_answers(guide, answers)
    return {a.id for step in guide.steps for a in step.actions if holds(a.when, effective)}


class Session:
    """Une séance de questions : la question courante, avancer, passer, revenir.

    Elle ne sauvegarde rien : l'appelant enregistre la réponse normalisée (`check`)
    puis la consigne ici (`record`), pour qu'aucune réponse ne soit tenue pour acquise
    avant d'être sur le disque.
    """

    def __init__(
        self,
        guide: model.Guide,
        answers: Mapping[str, object],
        step_id: str | None = None,
        today: dt.date | None = None,
    ):
        self.guide = guide
        self.today = today
        self.answers: dict[str, object] = dict(answers)
        self.step_id = step_id
        self.reviewing = False
        self.single = False  # une seule question à reposer (`start --question`)
        # Après un ou plusieurs retours : la question d'où l'on est reparti. Jusqu'à elle, chaque
        # question est reposée dans l'ordre, même déjà répondue (sinon on sauterait celles qu'on
        # est revenu voir).
        self.rewound_from: str | None = None
        self.current: model.Question | None = next_question(guide, self.answers, step_id)

    def review(self, step_id: str) -> None:
        """Relit une étape depuis sa première question, réponses actuelles en défaut."""
        self.step_id = step_id
        self.reviewing = True
        questions = applicable_questions(self.guide, self.answers, step_id)
        self.current = questions[0] if questions else None

    def only(self, question_id: str) -> None:
        """Ne repose qu'une question (relecture ciblée) ; lève `UsageError` si elle ne s'applique pas."""
        from reconversion.errors import UsageError

        question = self.guide.question(question_id)
        if question is None:
            known = ", ".join(q.id for q in self.guide.questions)
            raise UsageError(f"Question inconnue « {question_id} ». Questions possibles : {known}.")
        if question not in applicable_questions(self.guide, self.answers):
            raise UsageError(f"La question « {question_id} » ne te concerne pas, vu tes autres réponses.")
        self.step_id = question.step_id
        self.reviewing = True
        self.single = True
        self.current = question

    def check(self, raw: object) -> model.AnswerValue:
        """Valide une réponse à la question courante (lève AnswerError si refusée)."""
        assert self.current is not None, "aucune question en cours"
        return normalize(self.current, raw, self.today)

    def record(self, value: model.AnswerValue) -> None:
        """Consigne la réponse déjà enregistrée, puis avance.

        En relecture on passe à la question suivante de l'étape, même déjà répondue ;
        sinon à la première question applicable encore sans réponse.
        """
        assert self.current is not None, "aucune question en cours"
        self.answers[self.current.id] = value
        if self.single:
            self.current = None
        elif self.reviewing:
            questions = applicable_questions(self.guide, self.answers, self.step_id)
            ids = [q.id for q in questions]
            index = ids.index(self.current.id) if self.current.id in ids else len(ids)
            self.current = questions[index + 1] if index + 1 < len(ids) else None
        elif (following := self._before_rewind_point()) is not None:
            self.current = following
        else:
            self.rewound_from = None
            self.current = next_question(self.guide, self.answers, self.step_id)

    def _before_rewind_point(self) -> model.Question | None:
        """La question suivante dans l'ordre, si elle vient avant celle d'où l'on était revenu."""
        if self.rewound_from is None or self.current is None:
            return None
        order = {q.id: i for i, q in enumerate(self.guide.questions)}
        limit = order.get(self.rewound_from, -1)
        here = order.get(self.current.id, len(order))
        for question in applicable_questions(self.guide, self.answers, self.step_id):
            if here < order[question.id] < limit:
                return question
        return None

    def back(self) -> bool:
        """Revient à la question précédente ; False s'il n'y en a pas."""
        current_id = self.current.id if self.current else None
        previous = previous_question(self.guide, self.answers, current_id)
        if previous is None or (self.step_id is not None and previous.step_id != self.step_id):
            return False
        if current_id is not None and not self.reviewing:
            order = [q.id for q in self.guide.questions]
            if self.rewound_from is None or order.index(current_id) > order.index(self.rewound_from):
                self.rewound_from = current_id
        self.current = previous
        return True
