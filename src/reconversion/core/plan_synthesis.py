"""« Ton projet en une page » : la synthèse qui ouvre le plan, pour un conseiller qui lit une minute.

D'où la personne part, où elle va (avec les compétences déjà là et à acquérir), par quelle
formation, financée comment, pour quand (dates visées, délais légaux, ceux déjà dépassés dits en
clair), ses trois prochaines actions et ses relances. Ce qui n'est pas encore connu dit quoi
faire pour le savoir, avec la commande telle que la personne lance l'outil (`command`).

Deux temps, comme le reste du plan : `gather_synthesis` réunit les faits (une valeur, rien de
mis en forme), `synthesis_markdown` les écrit. Le financement et la certification viennent de
leurs propres calculs (ceux de `reconversion funding` et de `reconversion certifications`, faits
dans `plan_data.gather_plan`) : tant qu'ils ne sont pas connus, la synthèse dit quoi répondre,
avec la commande ; un guide qui ne les demande pas les dit « à venir ».

Pur : aucune entrée-sortie. Tout texte venu de la personne ou du ROME passe par `markdown_text`.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from reconversion.core import engine, model
from reconversion.core.dates import french_date
from reconversion.core.deadlines import answer_day, iso_day, missed_deadlines
from reconversion.core.followup import ActionItem
from reconversion.core.french_count import count_of
from reconversion.core.markdown_text import escape_inline
from reconversion.core.markdown_text import link as markdown_link
from reconversion.core.profile_name import DEFAULT_PROFILE, profile_suffix
from reconversion.core.question_ids import (
    CHOSEN_CERTIFICATION,
    COST_QUESTION,
    CURRENT_JOB_TEXT,
    TRAINING_QUESTION,
)
from reconversion.core.question_types import kind_of

SYNTHESIS_TITLE = "Ton projet en une page"
NEXT_ACTIONS = 3
FOLLOW_UPS = 3
# Les questions qui disent d'où la personne part (celles qui existent dans le guide et s'appliquent).
SITUATION_QUESTIONS = ("situation", "contrat", "versant_fonction_publique", "statut_agent", "activite_independant")
SHORT_TEXT = 72  # une action longue est coupée à ce nombre de caractères : la synthèse tient sur une page


class Target(NamedTuple):
    """Un métier visé ; `held`/`to_acquire` : None quand les compétences ne sont pas comparées."""

    code: str
    title: str
    held: int | None = None
    to_acquire: int | None = None


class KeyDate(NamedTuple):
    day: dt.date
    label: str


class Deadline(NamedTuple):
    """Un délai légal du guide (échéance ancrée à une date) ; `missed` : il ne peut plus être tenu."""

    day: dt.date
    text: str
    missed: bool = False
    advice: str = ""


class FollowUp(NamedTuple):
    day: dt.date
    name: str  # vide quand les contacts ne sont pas inclus dans le plan (les données d'autres personnes)


class Synthesis(NamedTuple):
    """Les faits de la synthèse. `funding` et `certification` : une phrase déjà écrite, ou None (pas encore connus)."""

    situation: tuple[str, ...]
    current_job: str | None
    current_code: str | None
    current_title: str | None
    current_link: str | None
    targets: tuple[Target, ...]
    skills_compared: bool
    training: str | None
    dates: tuple[KeyDate, ...]
    deadlines: tuple[Deadline, ...]
    next_actions: tuple[ActionItem, ...]
    pending_actions: int
    follow_ups: tuple[FollowUp, ...]
    follow_ups_total: int
    certification: str | None = None
    funding: str | None = None
    certification_asked: bool = False  # le guide pose la question de la certification visée
    funding_asked: bool = False  # le guide demande le prix de la formation (le financement se calcule alors)
    command: str = "reconversion"  # le programme tel que la personne le lance (« .venv/bin/reconversion »)
    profile_suffix: str = ""  # « --profile NOM » à rappeler dans chaque commande (vide : profil par défaut)
    late_trainings: tuple[str, ...] = ()  # une formation visée qui ne peut pas finir avant la date cible (A14)


def gather_synthesis(
    guide: model.Guide,
    answers: Mapping[str, Any],
    actions: Sequence[ActionItem],
    *,
    today: dt.date,
    chosen_metiers: Sequence[Mapping[str, Any]] = (),
    metier_titles: Mapping[str, str] | None = None,
    contacts: Sequence[Mapping[str, Any]] = (),
    include_contacts: bool = False,
    certification: str | None = None,
    funding: str | None = None,
    command: str = "reconversion",
    profile: str = DEFAULT_PROFILE,
    late_trainings: Sequence[str] = (),
) -> Synthesis:
    """Les faits de la synthèse, tirés des mêmes données que le reste du plan.

    `actions` : celles du plan (`followup.action_items`, avec les mêmes réponses) ; `chosen_metiers` :
    les métiers visés (`catalogue.metier_summaries`, avec `skills` si comparés) ; `metier_titles` :
    le titre de chaque code ROME connu (celui du métier actuel, s'il est relié à sa fiche) ;
    `contacts` : tous les contacts (seules leurs dates comptent si `include_contacts` est faux).
    """
    from reconversion.core.catalogue import FICHE_URL
    from reconversion.core.skills import pinned_code

    applicable = {q.id: q for q in engine.applicable_questions(guide, answers)}
    situation = tuple(
        _shown(applicable[qid], answers[qid]) for qid in SITUATION_QUESTIONS if qid in applicable and qid in answers
    )
    job = answers.get(CURRENT_JOB_TEXT) if CURRENT_JOB_TEXT in applicable else None
    training = _answered(applicable, answers, TRAINING_QUESTION)
    targets = tuple(
        Target(
            str(m["code"]),
            str(m["title"]),
            len(m["skills"]["held"]) if m.get("skills") else None,
            len(m["skills"]["to_develop"]) if m.get("skills") else None,
        )
        for m in chosen_metiers
    )
    dates = tuple(
        sorted(
            KeyDate(day, question.title)
            for question in applicable.values()
            if kind_of(question).dated and (day := answer_day(answers, question.id)) is not None
        )
    )
    pending = sorted((a for a in actions if not a.done), key=lambda a: (a.due is None, a.due or today, a.order))
    follow_ups = sorted(
        FollowUp(day, str(row.get("name", "")) if include_contacts else "")
        for row in contacts
        if (day := iso_day(row.get("follow_up"))) is not None
    )
    code = pinned_code(guide, answers)
    return Synthesis(
        situation=situation,
        current_job=str(job) if job else None,
        current_code=code,
        current_title=(metier_titles or {}).get(code, code) if code else None,
        current_link=FICHE_URL.format(code=code) if code else None,
        targets=targets,
        skills_compared=any(t.held is not None for t in targets),
        training=training,
        dates=dates,
        deadlines=_deadlines(guide, answers, actions),
        next_actions=tuple(pending[:NEXT_ACTIONS]),
        pending_actions=len(pending),
        follow_ups=tuple(follow_ups[:FOLLOW_UPS]),
        follow_ups_total=len(follow_ups),
        certification=certification or _answered(applicable, answers, CHOSEN_CERTIFICATION),
        funding=funding,
        certification_asked=CHOSEN_CERTIFICATION in applicable,
        funding_asked=COST_QUESTION in applicable,
        command=command,
        profile_suffix=profile_suffix(profile),
        late_trainings=tuple(late_trainings),
    )


def _answered(applicable: Mapping[str, model.Question], answers: Mapping[str, Any], qid: str) -> str | None:
    """La réponse lisible à une question qui s'applique, ou None (pas posée, pas répondue, vide)."""
    if qid not in applicable or answers.get(qid) in (None, "", []):
        return None
    return _shown(applicable[qid], answers[qid])


def funding_words(result: Mapping[str, Any] | None) -> str | None:
    """La phrase de la synthèse tirée du calcul de `reconversion funding` : chaque voie ouverte et son
    reste à charge (« reste à charge selon la voie (estimations) : CPF seul 17 760 € ; PTP 0 € »),
    la moins chère d'abord ; None sans voie ouverte. Le détail est dans la section « Financement »."""
    routes = list((result or {}).get("routes") or [])
    if not routes:
        return None
    routes.sort(key=lambda r: (r.get("remaining") is None, r.get("remaining") or 0))
    parts = []
    for route in routes:
        remaining = route.get("remaining")
        euros = "à chiffrer" if remaining is None else f"{round(remaining):,}".replace(",", "\u202f") + "\u00a0€"
        parts.append(f"{route['label']} {euros}")
    return "reste à charge selon la voie (estimations) : " + " ; ".join(parts)


def _shown(question: model.Question, value: Any) -> str:
    from reconversion.core.question_types import display

    try:
        return display(question, value)
    except (ValueError, TypeError, AttributeError):
        return str(value)


def _deadlines(guide: model.Guide, answers: Mapping[str, Any], actions: Sequence[ActionItem]) -> tuple[Deadline, ...]:
    """Les délais légaux : les actions du guide dont l'échéance est ancrée à une date, pas encore faites."""
    missed = {m.id: m for m in missed_deadlines(guide, actions, answers)}
    anchored = {a.id for a in guide.actions if a.due is not None}
    found = []
    for item in actions:
        if item.done or item.due is None or item.guide_action_id not in anchored:
            continue
        info = missed.get(item.id)
        found.append(Deadline(item.due, item.text, info is not None, info.advice if info else ""))
    found += [Deadline(m.due, m.text, True, m.advice) for m in missed.values() if m.squeezed]  # préparations sans marge
    return tuple(sorted(found, key=lambda d: (not d.missed, d.day, d.text)))


# --- le texte --------------------------------------------------------------------------------------------


def synthesis_markdown(synthesis: Synthesis, *, today: dt.date) -> str:
    """La section « Ton projet en une page » (titre compris), en Markdown.

    Chaque commande conseillée est écrite comme la personne lance l'outil, avec son profil.
    """

    def run(arguments: str) -> str:
        return f"`{synthesis.command} {arguments}{synthesis.profile_suffix}`"

    blocks = [f"## {SYNTHESIS_TITLE}"]
    blocks.append(_bold_line("D'où tu pars", _origin(synthesis, run)))
    blocks.append(_targets(synthesis, run))
    training = (
        escape_inline(synthesis.training)
        if synthesis.training
        else _todo("dis de quoi tu as besoin", run("start --question besoin_formation"))
    )
    if synthesis.certification:
        certification = escape_inline(synthesis.certification)
    elif synthesis.certification_asked:
        certification = _todo("pas encore choisie", run("start --question certification_visee"))
    else:
        certification = _todo(
            "pas encore choisie, cherche-la parmi les certifications enregistrées", run("certifications search MOT")
        )
    blocks.append(
        "\n".join([
            "**Ta formation**",
            f"- Besoin : {training}",
            f"- Certification visée : {certification}",
            *(f"- ⚠ {escape_inline(sentence)}" for sentence in synthesis.late_trainings),
        ])
    )  # fmt: skip
    if synthesis.funding:
        funding = escape_inline(synthesis.funding)
    elif synthesis.funding_asked:
        funding = _todo(
            "pas encore calculé, réponds au prix et à la durée de ta formation", run("start --step formation")
        )
    else:
        funding = _todo("à venir, calcule ta voie de financement et ton reste à charge", run("funding"))
    blocks.append(_bold_line("Ton financement", funding))
    blocks.append(_dates(synthesis, today, run))
    blocks.append(_next(synthesis, today, run))
    if synthesis.follow_ups_total:
        blocks.append(_follow_ups(synthesis))
    return "\n\n".join(blocks)


def _bold_line(title: str, text: str) -> str:
    return f"**{title} :** {text}"


def _todo(what: str, command: str) -> str:
    """Ce qu'on ne sait pas encore, et la commande pour le savoir."""
    return f"*{what}* : {command}"


def _origin(synthesis: Synthesis, run: Any) -> str:
    parts = [escape_inline(", ".join(synthesis.situation))] if synthesis.situation else []
    if synthesis.current_job:
        parts.append(escape_inline(synthesis.current_job))
    if synthesis.current_code and synthesis.current_title:
        fiche = f"fiche ROME {escape_inline(synthesis.current_code)}, {escape_inline(synthesis.current_title)}"
        parts.append(markdown_link(fiche, synthesis.current_link) if synthesis.current_link else fiche)
    elif synthesis.current_job:
        parts.append(_todo("relie-le à sa fiche ROME", run("start --question metier_actuel_rome")))
    if not parts:
        return _todo("pas encore dit", run("start --step bilan"))
    return " — ".join(parts)


def _targets(synthesis: Synthesis, run: Any) -> str:
    title = "Où tu vas"
    if not synthesis.targets:
        return _bold_line(title, _todo("choisis jusqu'à trois métiers", run("start --question metiers_cibles")))
    lines = [f"**{title}**"]
    for target in synthesis.targets:
        name = f"{escape_inline(target.title)}, {escape_inline(target.code)}"
        if target.held is not None and target.to_acquire is not None:
            total = target.held + target.to_acquire
            from reconversion.core.skills import held_words

            lines.append(f"- {name} : {held_words(target.held, total)}, {target.to_acquire} à acquérir")
        else:
            lines.append(f"- {name}")
    if not synthesis.skills_compared:
        if synthesis.current_code:
            hint = _todo("pour compter tes compétences, importe le ROME complet", run("jobs import DOSSIER_OU_ZIP"))
        else:
            hint = _todo(
                "pour compter tes compétences, relie ton métier actuel au ROME",
                run("start --question metier_actuel_rome"),
            )
        lines.append(f"- {hint}")
    return "\n".join(lines)


def _dates(synthesis: Synthesis, today: dt.date, run: Any) -> str:
    """Les délais dépassés d'abord, en clair ; puis dates visées (★, comme l'image des mois) et délais, dans l'ordre."""
    lines = ["**Tes dates clés**"]
    for deadline in (d for d in synthesis.deadlines if d.missed):
        lines.append(
            f"- ⚠ **{_day(deadline.day)} : délai dépassé.** {escape_inline(_short(deadline.text))} "
            f"{escape_inline(deadline.advice)}"
        )
    timeline: list[tuple[dt.date, int, str]] = [
        (key.day, 0, f"★ {escape_inline(key.label)}{' (passée)' if key.day < today else ''}") for key in synthesis.dates
    ]
    timeline += [
        (d.day, 1, f"au plus tard : {escape_inline(_short(d.text))}{' (en retard)' if d.day < today else ''}")
        for d in synthesis.deadlines
        if not d.missed
    ]
    lines += [f"- {_day(day)} — {text}" for day, _, text in sorted(timeline)]
    if not synthesis.dates:
        lines.append(f"- {_todo('ta date visée, pas encore choisie', run('start --question date_cible'))}")
    return "\n".join(lines)


def _next(synthesis: Synthesis, today: dt.date, run: Any) -> str:
    if not synthesis.next_actions:
        return _bold_line("Tes prochaines actions", _todo("aucune en attente", run("actions add TEXTE")))
    lines = ["**Tes prochaines actions**"]
    for number, action in enumerate(synthesis.next_actions, start=1):
        when = f"{_day(action.due)} — " if action.due else "sans date — "
        late = " (en retard)" if action.due and action.due < today else ""
        lines.append(f"{number}. {when}{escape_inline(_short(action.text))}{late}")
    rest = synthesis.pending_actions - len(synthesis.next_actions)
    if rest > 0:
        lines.append(f"\nEt {count_of(rest, 'autre action')} : {run('actions')}.")
    return "\n".join(lines)


def _follow_ups(synthesis: Synthesis) -> str:
    total = synthesis.follow_ups_total
    if synthesis.follow_ups[0].name:
        shown = " ; ".join(f"{escape_inline(f.name)} le {_day(f.day)}" for f in synthesis.follow_ups)
        more = f", et {total - len(synthesis.follow_ups)} autres" if total > len(synthesis.follow_ups) else ""
        return _bold_line("Tes relances", shown + more)
    first = synthesis.follow_ups[0]
    return _bold_line(
        "Tes relances",
        f"{count_of(total, 'relance prévue', 'relances prévues')}, la prochaine le {_day(first.day)} "
        "(les noms de tes contacts restent hors du plan, sauf avec `--include-contacts`)",
    )


def _day(day: dt.date) -> str:
    return french_date(day)


def _short(text: str) -> str:
    """Une action longue réduite à sa première proposition, ou coupée entre deux mots : la synthèse tient
    sur une page, le texte entier est dans l'étape."""
    text = " ".join(text.split())
    if len(text) <= SHORT_TEXT:
        return text
    for mark in (" (", " : ", ", ", " ; "):
        head = text.split(mark, 1)[0]
        if 30 <= len(head) <= SHORT_TEXT:
            return head + "…"
    return text[: SHORT_TEXT - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
