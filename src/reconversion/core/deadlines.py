"""Le rétroplanning : l'échéance de chaque action du guide, calculée depuis les dates de la personne.

Pur : reçoit le guide, les réponses, les lignes d'actions du carnet et les jours de départ des
étapes ; ne lit ni n'écrit rien. Trois façons de dater une action du guide :
- `due: {before|after: QUESTION, …}` : depuis une date répondue (début de formation, démission…) ;
- `due: {before|after: ACTION, …}` : depuis une autre action — le jour où elle a été cochée si
  elle est faite, sinon sa propre échéance ;
- `due_in_days` : depuis le premier jour de l'étape (actions sans date de référence) ; quand la
  personne a donné sa date cible (`date_cible`), ces actions sont étalées sur l'horizon du plan,
  d'aujourd'hui à cette date, selon leur étape (`spread_start`) : l'étape 1 tout de suite,
  l'étape 3 vers le milieu… au lieu de toutes tomber dans les trois semaines qui viennent.

Une action sans ancre prépare ce qui vient après elle : elle ne tombe jamais après une date que la
personne a donnée pour son étape ou une étape suivante. Chaque étape a une limite (`step_limits`) :
le premier événement à venir de cette étape ou d'une étape suivante, moins `MARGIN_DAYS` jours de
marge. Les événements : les dates répondues (début de formation, d'immersion, d'activité… sauf la
date cible, fin de l'horizon), et pour chaque action ancrée qui s'applique (et n'est pas faite) son
échéance pour un délai « avant » (le dossier de PTP, la demande d'absence), sa date de référence
pour un délai « après » (l'immersion elle-même, pas son bilan un mois plus tard). Les actions de
l'étape sont alors étalées dans une fenêtre qui finit à cette limite (les étapes précédentes
gardent leur part avant elle), jamais avant aujourd'hui : si la marge est déjà entamée, l'action
est pour aujourd'hui. Si elle est perdue (l'événement tombe dans moins de `LOST_MARGIN_DAYS` jours),
son délai est de plus manqué : elle est notée dans `squeezed` (avec l'événement et la date de la
personne qu'elle prépare), et `missed_deadlines` le dit, une fois par date, avec les mots du guide
(`messages`). Un événement déjà passé (un délai manqué, dit à part) ne limite rien.

Une échéance changée à la main (`actions edit --due`, colonne `due_by_hand` du carnet) l'emporte
toujours : elle ne bouge plus quand la date de référence change. Les autres suivent les réponses.
"""

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any, NamedTuple, Protocol

from reconversion.core import model
from reconversion.core.question_ids import TARGET_QUESTION


class DatedItem(Protocol):
    """Ce que `missed_deadlines` lit d'une action du jour (`followup.ActionItem` en est une).

    Un protocole plutôt que `ActionItem` : `followup` calcule ses échéances ici, ce module n'a
    donc pas à le connaître (aucun cycle d'import, même pour les types).
    """

    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def due(self) -> dt.date | None: ...
    @property
    def guide_action_id(self) -> str | None: ...
    @property
    def missed(self) -> bool: ...
    @property
    def squeezed_by(self) -> tuple[dt.date, str] | None: ...


MIN_SPREAD_DAYS = 60  # un horizon plus court : les actions gardent leur délai depuis le début de l'étape
MARGIN_DAYS = 14  # une action qui prépare un événement daté est à faire au moins deux semaines avant lui
# Moins d'une semaine avant cet événement, la marge est perdue : la préparation est pour aujourd'hui et
# son délai est dit manqué (`squeezed`) ; entre une et deux semaines avant, elle est simplement pour aujourd'hui.
LOST_MARGIN_DAYS = MARGIN_DAYS // 2


def spread_start(step_index: int, step_count: int, first_day: dt.date, target: dt.date | None) -> dt.date:
    """Le premier jour de la part de l'horizon (de `first_day` à `target`) qui revient à l'étape n° `step_index`.

    L'horizon est partagé en `step_count` parts égales, une par étape, dans l'ordre du guide. Sans
    date cible, ou si elle est trop proche, l'étape commence à `first_day`.
    """
    if target is None or step_count < 1 or (target - first_day).days < MIN_SPREAD_DAYS:
        return first_day
    share = (target - first_day).days / step_count
    return first_day + dt.timedelta(days=round(share * step_index))


def shift(day: dt.date, due: model.Due) -> dt.date:
    """Le jour `day` décalé selon la règle : avant ou après, en jours, jours ouvrés ou mois."""
    sign = -1 if due.before else 1
    if due.working_days is not None:
        from reconversion.core.workdays import add_working_days  # jours fériés : calculés seulement s'il le faut

        return add_working_days(day, sign * due.working_days)
    if due.months is not None:
        from reconversion.core.dates import add_months

        return add_months(day, sign * due.months)
    return day + dt.timedelta(days=sign * (due.days or 0))


def iso_day(value: Any) -> dt.date | None:
    """Une date AAAA-MM-JJ lue dans le carnet ; None si absente ou illisible (sauvegarde ancienne ou abîmée)."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def answer_day(answers: Mapping[str, Any], question_id: str) -> dt.date | None:
    """La date répondue à une question de type date ; None si absente ou illisible (valeur ancienne)."""
    return iso_day(answers.get(question_id))


def row_by_hand(row: Mapping[str, Any]) -> bool:
    """Une ligne du carnet dont l'échéance a été fixée à la main.

    Les lignes d'avant le rétroplanning (sans la colonne) gardent leur date : c'est ce qu'elles
    faisaient déjà, et rien de ce que la personne a écrit ne bouge sans elle.
    """
    return bool(row.get("due_by_hand", True))


def done_day(row: Mapping[str, Any] | None) -> dt.date | None:
    """Le jour (local) où une action a été cochée ; None si elle ne l'est pas."""
    if row is None or not row.get("done_at") or row.get("removed"):
        return None
    try:
        return dt.datetime.fromisoformat(str(row["done_at"])).astimezone().date()
    except ValueError:
        return None


def resolve_dues(
    guide: model.Guide,
    answers: Mapping[str, Any],
    rows: Mapping[str, Mapping[str, Any]],
    *,
    step_starts: Mapping[str, dt.date] | None,
    base_day: dt.date,
    applicable: Collection[str] | None = None,
    squeezed: dict[str, tuple[dt.date, str]] | None = None,
) -> dict[str, dt.date | None]:
    """L'échéance de chaque action du guide (None : pas encore datable).

    `rows` : les lignes du carnet par id d'action du guide. Sans `step_starts`, les actions
    sans ancre partent de `base_day`. `applicable` : les actions qui s'appliquent à la personne
    (calculées ici si l'appelant ne les a pas) ; seules leurs dates limitent les actions sans ancre
    (`step_limits`). Le chargeur a refusé les boucles ; une boucle dans un guide construit à la main
    donnerait simplement None. `squeezed`, si donné, reçoit les actions sans ancre dont la marge est
    déjà entamée : `id -> (événement qu'elles préparent, question de la date dont il dépend)`.
    """
    free = _resolve(guide, answers, rows, step_starts, base_day, {})
    if applicable is None:
        from reconversion.core.engine import applicable_action_ids

        applicable = applicable_action_ids(guide, answers)
    limits = step_limits(guide, answers, rows, free, applicable, base_day)
    return _resolve(guide, answers, rows, step_starts, base_day, limits, squeezed) if limits else free


def step_limits(
    guide: model.Guide,
    answers: Mapping[str, Any],
    rows: Mapping[str, Mapping[str, Any]],
    dues: Mapping[str, dt.date | None],
    applicable: Collection[str],
    base_day: dt.date,
) -> dict[str, tuple[dt.date, dt.date, str]]:
    """Par étape : le dernier jour où ses actions sans ancre peuvent tomber (voir le docstring du module).

    Le premier événement à venir de l'étape ou d'une étape suivante, moins `MARGIN_DAYS` ; une
    étape sans événement après elle n'a pas de limite. Les événements : ceux des actions ancrées
    qui s'appliquent, et les dates répondues aux questions qui s'appliquent (début de formation,
    d'immersion…), sauf la date cible, qui est la fin de l'horizon. Rend `étape -> (limite,
    événement, question de la date de la personne dont l'événement dépend)`.
    """
    first_event: dict[str, tuple[dt.date, str]] = {}
    actions = {action.id: action for action in guide.actions}

    def note(step_id: str, event: dt.date | None, root: str) -> None:
        if event is not None and event >= base_day:
            known = first_event.get(step_id)
            if known is None or event < known[0]:
                first_event[step_id] = (event, root)

    for action in guide.actions:
        if action.due is None or action.id not in applicable or done_day(rows.get(action.id)):
            continue
        row = rows.get(action.id)
        day = dues.get(action.id)
        if action.due.before or (row is not None and row_by_hand(row)):
            event = day
        elif action.due.anchor_kind == "action":
            event = done_day(rows.get(action.due.anchor)) or dues.get(action.due.anchor)
        else:
            event = answer_day(answers, action.due.anchor)
        note(action.step_id, event, root_question(actions, action))
    from reconversion.core.engine import effective_answers

    questions: dict[str, model.Question] = {}
    for listed in guide.questions:  # une fois : `guide.question` par réponse reparcourait tout le guide
        questions.setdefault(listed.id, listed)
    for question_id, value in effective_answers(guide, answers).items():  # les dates répondues elles-mêmes
        question = questions.get(question_id)
        if question is not None and question.type == "date" and question_id != TARGET_QUESTION:
            note(question.step_id, iso_day(value), question_id)
    limits: dict[str, tuple[dt.date, dt.date, str]] = {}
    earliest: tuple[dt.date, str] | None = None
    for step in reversed(guide.steps):
        first = first_event.get(step.id)
        if first is not None and (earliest is None or first[0] < earliest[0]):
            earliest = first
        if earliest is not None:
            limits[step.id] = (earliest[0] - dt.timedelta(days=MARGIN_DAYS), *earliest)
    return limits


def root_question(actions: Mapping[str, model.Action], action: model.Action) -> str:
    """La question de la date dont une action ancrée dépend, en remontant ses ancres d'action en action
    (le positionnement avant la demande d'absence, elle-même avant le début de formation)."""
    for _ in range(len(actions) + 1):  # une boucle construite à la main s'arrête là
        if action.due is None or action.due.anchor_kind != "action" or action.due.anchor not in actions:
            break
        action = actions[action.due.anchor]
    return action.due.anchor if action.due is not None else action.id


def _resolve(
    guide: model.Guide,
    answers: Mapping[str, Any],
    rows: Mapping[str, Mapping[str, Any]],
    step_starts: Mapping[str, dt.date] | None,
    base_day: dt.date,
    limits: Mapping[str, tuple[dt.date, dt.date, str]],
    squeezed: dict[str, tuple[dt.date, str]] | None = None,
) -> dict[str, dt.date | None]:
    """Un passage de `resolve_dues` : les actions sans ancre tiennent dans les limites `limits` de leur étape."""
    actions = {action.id: action for action in guide.actions}
    result: dict[str, dt.date | None] = {}
    visiting: set[str] = set()
    target = answer_day(answers, TARGET_QUESTION)
    first_day = min([base_day, *(step_starts or {}).values()])
    step_index = {step.id: index for index, step in enumerate(guide.steps)}  # une fois : coût linéaire
    step_count = max(len(step_index), 1)
    share = (target - first_day).days // step_count if target else 0
    spreading = target is not None and (target - first_day).days >= MIN_SPREAD_DAYS

    def unanchored(action: model.Action) -> dt.date | None:
        start = base_day if step_starts is None else step_starts.get(action.step_id)
        if start is None or action.due_in_days is None:
            return None
        own = start + dt.timedelta(days=action.due_in_days)
        index = step_index.get(action.step_id, 0)
        spread = spread_start(index, len(step_index), first_day, target)
        step_limit = limits.get(action.step_id)
        limit = step_limit[0] if step_limit is not None else None
        if not spreading:
            day = own  # pas d'étalement : le délai depuis le début de l'étape
        elif limit is None or limit >= spread + dt.timedelta(days=share):
            day = max(own, spread + dt.timedelta(days=min(action.due_in_days, share)))
        else:  # la part de l'étape dépasse sa limite : l'horizon s'arrête à la limite
            span = max((limit - first_day).days, 0)
            window_start = first_day + dt.timedelta(days=span * index // (index + 1))
            room = (limit - window_start).days
            day = max(own, window_start + dt.timedelta(days=max(min(action.due_in_days, room), 0)))
        if step_limit is not None:
            day = min(day, max(step_limit[0], base_day))
            if squeezed is not None and (step_limit[1] - base_day).days < LOST_MARGIN_DAYS:  # marge perdue
                squeezed[action.id] = step_limit[1:]
        return day

    def due_of(action_id: str) -> dt.date | None:
        if action_id in result:
            return result[action_id]
        if action_id in visiting:
            return None
        visiting.add(action_id)
        action = actions[action_id]
        row = rows.get(action_id)
        if row is not None and row_by_hand(row):
            day = iso_day(row.get("due_date"))
        elif action.due is None:
            day = unanchored(action)
        elif action.due.anchor_kind == "action" and action.due.anchor in actions:
            anchor = done_day(rows.get(action.due.anchor)) or due_of(action.due.anchor)
            day = shift(anchor, action.due) if anchor else None
        else:
            anchor = answer_day(answers, action.due.anchor)
            day = shift(anchor, action.due) if anchor else None
        visiting.discard(action_id)
        result[action_id] = day
        return day

    for action_id in actions:
        due_of(action_id)
    return result


def is_missed(action: model.Action | None, due: dt.date | None, *, done: bool, by_hand: bool, today: dt.date) -> bool:
    """Un délai du guide qui ne peut plus être tenu : échéance ancrée, passée, action pas faite.

    Une échéance que la personne a fixée elle-même reste un simple retard.
    """
    return (
        action is not None and action.due is not None and not done and not by_hand and due is not None and due < today
    )


def rule_text(guide: model.Guide, action: model.Action, anchor_day: dt.date | None) -> str:
    """La règle d'une échéance, en mots.

    « 120 jours avant le 1er février 2027, ta réponse à « … » » quand la date est connue (sans
    parenthèses : le plan la cite déjà entre parenthèses) ;
    sans date (livre du guide) : « 120 jours avant la date que tu donnes à « … » ».
    """
    from reconversion.core.dates import french_date

    assert action.due is not None
    words = rule_words(action.due)
    day = french_date(anchor_day.isoformat()) if anchor_day else ""
    question = guide.question(action.due.anchor)
    if question is not None:
        if day:
            return f"{words} le {day}, ta réponse à « {question.title} »"
        return f"{words} la date que tu donnes à « {question.title} »"
    if day:
        return f"{words} l'échéance de l'action {action.due.anchor} ({day})"
    anchor = next((a.text for a in guide.actions if a.id == action.due.anchor), action.due.anchor)
    return f"{words} l'action « {anchor} »"


def rule_words(due: model.Due) -> str:
    """« 120 jours avant », « 11 jours ouvrés avant », « 6 mois après »."""
    if due.working_days is not None:
        count, unit = due.working_days, "jour ouvré" if due.working_days == 1 else "jours ouvrés"
    elif due.months is not None:
        count, unit = due.months, "mois"
    else:
        count = due.days or 0
        unit = "jour" if count == 1 else "jours"
    return f"{count} {unit} {'avant' if due.before else 'après'}"


class Missed(NamedTuple):
    """Un délai du guide qui ne peut plus être tenu, avec ce que le guide conseille."""

    id: str
    text: str
    due: dt.date
    rule: str
    advice: str
    squeezed: bool = False  # des préparations sans marge, dites ensemble (`id` : la question de leur date)


def missed_deadlines(
    guide: model.Guide, items: Sequence[DatedItem], answers: Mapping[str, Any] | None = None
) -> list[Missed]:
    """Les délais impossibles à tenir, du plus ancien au plus récent.

    Les actions sans ancre dont la marge est déjà entamée (`squeezed_by`) sont dites une fois par
    date de la personne qu'elles préparent (`squeezed_missed`), pas une fois chacune.
    """
    actions = {action.id: action for action in guide.actions}
    dues = {item.id: item.due for item in items}
    found = []
    squeezed: dict[str, list[DatedItem]] = {}
    for item in items:
        action = actions.get(item.guide_action_id or "")
        if item.missed and item.squeezed_by is not None:
            squeezed.setdefault(item.squeezed_by[1], []).append(item)
            continue
        if not item.missed or action is None or action.due is None or item.due is None:
            continue
        if action.due.anchor_kind == "action":
            anchor_day = dues.get(action.due.anchor)
        else:
            anchor_day = answer_day(answers or {}, action.due.anchor)
        found.append(Missed(item.id, item.text, item.due, rule_text(guide, action, anchor_day), action.missed))
    found += [squeezed_missed(guide, root, members, answers or {}) for root, members in squeezed.items()]
    return sorted(found, key=lambda m: (m.due, m.id))


def squeezed_missed(guide: model.Guide, root: str, members: Sequence[DatedItem], answers: Mapping[str, Any]) -> Missed:
    """Les actions de préparation d'une même date qui n'ont plus leur marge, dites en un seul délai manqué.

    Son identifiant est celui de la question de cette date (la date que la personne peut décaler) ;
    ses mots viennent du guide (`messages`) : ce qu'elles préparent, la règle, que faire.
    """
    from reconversion.core.dates import french_date
    from reconversion.core.french_count import count_of

    event = min(item.squeezed_by[0] for item in members if item.squeezed_by is not None)
    question = guide.question(root)
    day = answer_day(answers, root)
    text = guide.message(model.SQUEEZED_MESSAGE).format(
        date=question.title if question is not None else root,
        jour=french_date(day.isoformat()) if day else french_date(event.isoformat()),
        actions=count_of(len(members), "action"),
    )
    rule = guide.message(model.SQUEEZED_RULE_MESSAGE).format(
        marge=count_of(MARGIN_DAYS, "jour"), echeance=french_date(event.isoformat())
    )
    advice = guide.message(model.SQUEEZED_ADVICE_MESSAGE)
    return Missed(root, text, event - dt.timedelta(days=MARGIN_DAYS), rule, advice, squeezed=True)
