"""Le plan personnel en Markdown : ce que la personne lit, imprime et montre à son conseiller CEP.

Pur et déterministe : à données égales et même date du jour, le texte est identique à
l'octet près (c'est ce qui permet de vérifier qu'une sauvegarde restaurée ne perd rien).
Aucune heure n'y figure, seulement la date du plan, passée en paramètre.

Tout texte venu de la personne ou d'une sauvegarde passe par `markdown_text` : il ne peut
pas ajouter de titre, de lien, d'image ni de HTML au document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from reconversion.core import engine, model
from reconversion.core.certifications import NO_CERTIFICATIONS
from reconversion.core.dates import french_date
from reconversion.core.ebook import source_line
from reconversion.core.followup import ActionItem
from reconversion.core.french_count import count_of
from reconversion.core.markdown_text import escape_block, escape_inline, resource_link
from reconversion.core.markdown_text import link as markdown_link
from reconversion.core.profile_name import profile_suffix
from reconversion.core.question_types import display
from reconversion.core.text_wrap import NBSP, NNBSP, tie_before

if TYPE_CHECKING:
    from reconversion.core.certifications import PlanCertifications
    from reconversion.core.plan_data import Plan
    from reconversion.core.schemas import ChosenCertificationJson, MetierCertificationsJson

NEXT_ACTIONS_LIMIT = 5
NEXT_STEPS_TITLE = "Prochaines étapes"
OTHER_ACTIONS_TITLE = "Tes autres actions"
CALENDAR_TITLE = "Calendrier"
FUNDING_TITLE = "Financement"
PROGRESS_TITLE = "Ton avancement"  # après la synthèse : le résumé chiffré (et, en HTML, ses images)
CHECKS_TITLE = "À vérifier"  # dates qui se contredisent, formation trop longue : en tête du plan
_AFTER_MARK = "»*)"  # après un signe de ponctuation (outre un blanc ou la fin) : guillemet, gras, parenthèse


INTERESTS_TITLE = "Tes intérêts (test RIASEC)"
EXPERIENCES_TITLE = "Tes expériences"
CONTACTS_TITLE = "Ton réseau"


def render_plan(plan: Plan) -> str:
    """Le plan complet en Markdown (CommonMark + cases à cocher GitHub), tiré du plan rassemblé.

    Il s'ouvre sur la synthèse (`plan_synthesis`, « Ton projet en une page »), puis l'avancement
    chiffré. Les métiers choisis (`plan.chosen_metiers`) sont rappelés avec leurs voies d'accès dans les
    étapes marquées `show_chosen_metiers`. Après les étapes : les actions sans étape, le test
    d'intérêts commencé, les expériences, les contacts (seulement sur demande), le calendrier mois
    par mois (avec leurs relances, s'ils sont montrés) ; puis les prochaines étapes.
    """
    from reconversion.core.plan_synthesis import synthesis_markdown

    guide, today, actions = plan.guide, plan.today, plan.actions
    title, made, summary = _header(guide, plan.progress, actions, today, plan.content_checked)
    blocks = [title, made, synthesis_markdown(plan.synthesis, today=today), f"## {PROGRESS_TITLE}", summary]
    blocks += _conflicts(guide, plan.answers, plan.late_trainings)
    for number, item in enumerate(plan.progress, start=1):
        section = _step_section(
            guide, item, number, plan.answers, actions, today, plan.profile, plan.choice_labels, plan.synthesis.command
        )
        if item.step.show_chosen_metiers and plan.chosen_metiers:
            heading = "### Ton métier visé" if len(plan.chosen_metiers) == 1 else "### Tes métiers visés"
            metiers = _metiers_block(plan.chosen_metiers, plan.certifications, plan.synthesis.command)
            section[2:2] = [heading, metiers]  # après l'état
        if item.step.show_chosen_metiers and plan.certifications.chosen:
            chosen = _chosen_certification(plan.certifications.chosen, imported=plan.certifications.imported)
            section[2:2] = ["### La certification que tu vises", chosen]
        blocks += section
    loose = [a for a in actions if a.step_id is None or guide.step(a.step_id) is None]
    if loose:
        blocks += [f"## {OTHER_ACTIONS_TITLE}", _task_list(loose, today)]
    blocks += _funding_section(plan)
    for title, markdown in _notebook_sections(plan):
        blocks += [f"## {escape_inline(title)}", markdown.strip("\n")]
    from reconversion.core.timeline import build_timeline, timeline_markdown

    calendar = timeline_markdown(build_timeline(guide, plan.answers, actions, plan.shared_contacts, today))
    if calendar:
        blocks += [f"## {CALENDAR_TITLE}", calendar.strip("\n")]
    blocks += _next_steps(guide, plan.progress, actions, today, plan.profile, plan.synthesis.command)
    return french_spaces("\n\n".join(block for block in blocks if block) + "\n")


def french_spaces(markdown: str) -> str:
    """Les espaces de la typographie française, insécables : jamais une ligne qui commence par « ; » ou « : ».

    Espace fine insécable avant « ; ! ? », insécable avant « : » et à l'intérieur des guillemets ;
    aussi quand le signe est échappé (« \\! ») ou suivi d'un gras qui se ferme (« **Ta situation :** »).
    """
    for mark in (":", "\\:"):
        markdown = tie_before(markdown, mark, NBSP, _AFTER_MARK)
    for mark in (";", "!", "?", "\\;", "\\!", "\\?"):
        markdown = tie_before(markdown, mark, NNBSP, _AFTER_MARK)
    return markdown.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


def _funding_section(plan: Plan) -> list[str]:
    """« Financement » : les voies ouvertes en tableau (mêmes chiffres que `funding` et le récapitulatif
    de l'étape 3), avec la date de vérification des règles ; les sources, les dispositifs fermés et leur
    raison restent dans `funding`, pour qu'un plan ne nomme pas ce qui ne concerne pas la personne. Seulement quand
    le prix et la durée de la formation sont répondus : le récapitulatif de l'étape les demande."""
    result = plan.funding
    if result is None:
        return []
    from reconversion.core import funding_text as text

    labels = text.question_labels(plan.guide)
    rows = ["| Voie | Qui paie, dans l'ordre | Reste à ta charge | Pour vivre pendant la formation (estimation) |"]
    rows.append("|---|---|---|---|")
    for route in result["routes"]:
        payers = " ; puis ".join(escape_inline(text.funder_line(f, labels)) for f in route["funders"])
        living = " ; ".join(escape_inline(f"{i['label']} : {text.monthly(i)}") for i in route["income"]) or "—"
        rows.append(
            f"| {escape_inline(route['label'])} | {payers} | {escape_inline(text.remaining(route))} | {living} |"
        )
    blocks = [f"## {FUNDING_TITLE}", escape_inline(text.heading(result))]
    blocks.append("\n".join(rows) if result["routes"] else escape_inline(text.NO_ROUTE))
    command = f"{plan.synthesis.command} funding{profile_suffix(plan.profile)}"
    blocks.append(f"{escape_inline(text.detail('').rstrip())} `{command}`")
    return blocks


def _notebook_sections(plan: Plan) -> list[tuple[str, str]]:
    """Les sections tirées du carnet : test d'intérêts, expériences, contacts (sur demande)."""
    from reconversion.core.followup import contacts_markdown, experiences_markdown

    sections = []
    if plan.interests is not None:
        from reconversion.core.riasec import results_markdown

        interests = plan.interests
        sections.append((INTERESTS_TITLE, results_markdown(interests.test, interests.result, interests.suggestions)))
    if plan.experiences:
        sections.append((EXPERIENCES_TITLE, experiences_markdown(plan.experiences)))
    if plan.shared_contacts:
        sections.append((CONTACTS_TITLE, contacts_markdown(plan.shared_contacts)))
    return sections


# --- en-tête ------------------------------------------------------------------------


def _header(
    guide: model.Guide,
    progress: list[engine.StepProgress],
    actions: list[ActionItem],
    today: dt.date,
    content_checked: str = "",
) -> list[str]:
    day = french_date(today)
    answered = sum(s.answered for s in progress)
    applicable = sum(s.applicable for s in progress)
    finished = sum(1 for s in progress if s.state == engine.STATE_DONE and s.applicable)
    done = sum(1 for a in actions if a.done)
    summary = [
        f"- Avancement : {engine.overall_percent(progress)} % (questions répondues : {answered} sur {applicable})",
        f"- Étapes terminées : {finished} sur {len(progress)}",
        f"- Actions faites : {done} sur {len(actions)}",
    ]
    title, version = escape_inline(guide.title), escape_inline(guide.version)
    made = f"Plan établi le {day} avec le guide « {title} » (version {version})."
    if content_checked:  # « Contenu vérifié le … », et la mise en garde si le guide a vieilli
        made += f" {escape_inline(content_checked)}"
    return [
        f"# Ton plan de reconversion — {day}",
        made,
        "\n".join(summary),
    ]


def _conflicts(guide: model.Guide, answers: Mapping[str, Any], late_trainings: Sequence[str] = ()) -> list[str]:
    """Les dates qui se contredisent, et les formations qui ne peuvent pas finir avant la date cible,
    dites en tête du plan."""
    found = [engine.conflict_text(conflict) for conflict in engine.date_conflicts(guide, answers)]
    found += late_trainings
    if not found:
        return []
    return [f"## {CHECKS_TITLE}", "\n".join(f"- ⚠ {escape_inline(sentence)}" for sentence in found)]


# --- une étape ------------------------------------------------------------------------


def step_title(number: int, step: model.Step) -> str:
    """Le titre (texte lu) de la section d'une étape, tel que `_step_section` l'écrit."""
    return f"Étape {number} — {step.title}"


def _step_section(
    guide: model.Guide,
    item: engine.StepProgress,
    number: int,
    answers: Mapping[str, Any],
    actions: list[ActionItem],
    today: dt.date,
    profile: str,
    labels: Mapping[str, Mapping[str, str]],
    program: str = "reconversion",
) -> list[str]:
    step = item.step
    blocks = [f"## Étape {number} — {escape_inline(step.title)}", _step_state(item, profile, program)]  # step_title
    answered = [q for q in engine.applicable_questions(guide, answers, step.id) if q.id in answers]
    if answered:
        lines = [_answer_item(q, answers[q.id], labels) for q in answered]
        blocks += ["### Tes réponses", "\n".join(lines)]
    mine = [a for a in actions if a.step_id == step.id]
    if mine:
        blocks += ["### Tes actions", _task_list(mine, today)]
    resources = engine.applicable_resources(guide, step, answers)
    if resources:
        lines = []
        for resource in resources:
            lines.append(f"- {resource_link(resource)}")
            lines += [f"  - Source : {source_line(source)}" for source in resource.sources]
        blocks += ["### Ressources utiles", "\n".join(lines)]
    return blocks


def _step_state(item: engine.StepProgress, profile: str, program: str = "reconversion") -> str:
    command = f"`{_start_command(item.step.id, profile, program)}`"
    if item.applicable == 0:
        return "Aucune question de cette étape ne te concerne pour l'instant."
    if item.answered == 0:
        return f"Étape pas encore commencée. Pour la commencer : {command}."
    if item.done:
        return f"Étape terminée : {count_of(item.answered, 'réponse')} sur {item.applicable}."
    return f"Étape en cours : {count_of(item.answered, 'réponse')} sur {item.applicable}. Pour continuer : {command}."


def _answer_item(question: model.Question, value: Any, labels: Mapping[str, Mapping[str, str]]) -> str:
    """Une réponse lisible : libellés, « oui »/« non », dates en français, listes en listes."""
    head = f"- **{escape_inline(question.label)} :**" if question.label else f"- **{escape_inline(question.prompt)}**"
    if isinstance(value, list):
        names = [_choice_label(question, v, labels) for v in value]
        if not names:
            return f"{head} (aucune)"
        return head + "".join(f"\n  - {escape_inline(name)}" for name in names)
    if question.choices_from and value is not None:
        return f"{head} {escape_inline(_choice_label(question, value, labels))}"
    if isinstance(value, str) and "\n" in value.strip():
        body = escape_block(value, indent="  ")
        if body:
            return f"{head}\\\n  {body}"
    return f"{head} {escape_inline(_display(question, value))}"


def _choice_label(question: model.Question, value: Any, labels: Mapping[str, Mapping[str, str]]) -> str:
    if question.choices_from:
        title = labels.get(question.choices_from, {}).get(str(value))
        return f"{title} ({value})" if title else str(value)
    return question.label_for(value)


def _display(question: model.Question, value: Any) -> str:
    """Comme `question_types.display`, sans jamais échouer sur une valeur inattendue (sauvegarde ancienne)."""
    try:
        return display(question, value)
    except (ValueError, TypeError, AttributeError):
        return str(value)


def _metiers_block(
    metiers: Sequence[Mapping[str, Any]],
    certifications: PlanCertifications = NO_CERTIFICATIONS,
    program: str = "reconversion",
) -> str:
    """Chaque métier visé : voies d'accès, durée de formation, liens, compétences, certifications à portée.

    Les commandes conseillées sont écrites telles que la personne lance l'outil (`program`, C3)."""
    lines = []
    if not certifications.imported:
        lines.append(
            "Les diplômes et titres qui mènent à ces métiers, à ton niveau, s'affichent ici une fois importé "
            "l'export du RNCP et du RS de France compétences (fichier «\u00a0export-fiches-csv-AAAA-MM-JJ.zip\u00a0» "
            f"sur data.gouv.fr, puis `{program} certifications import FICHIER`).\n"
        )
    for metier in metiers:
        length = metier.get("training_duration")
        duration = f" — formation : {escape_inline(length)}" if length else ""
        lines.append(f"- **{escape_inline(metier['title'])}** ({escape_inline(metier['code'])}){duration}")
        lines += [f"  - {escape_inline(route)}" for route in metier.get("access", [])]
        for link in metier.get("links", []):
            hint = f" ({escape_inline(link['hint'])})" if link.get("hint") else ""
            lines.append(f"  - {markdown_link(link['label'], link['url'])}{hint}")
        if metier.get("skills"):
            lines += _skills_lines(metier["skills"])
        advice = certifications.by_metier.get(str(metier["code"]))
        if advice is not None:
            lines += _certification_lines(advice, f"{program} jobs show {metier['code']}")
    return "\n".join(lines)


def _certification_lines(advice: MetierCertificationsJson, show_command: str = "reconversion jobs show") -> list[str]:
    """Les certifications actives à portée (niveau ±1), et la VAE quand le métier actuel est en lien."""
    from reconversion.core.certifications import FRANCE_VAE_URL, official_url, summary_text

    if not advice["items"]:
        return ["  - Aucune certification active de l'export importé à ton niveau pour ce métier."]
    near = " à ta portée" if advice["person_level"] is not None else ""
    lines = [f"  - Diplômes et titres{near} (RNCP, RS) :"]
    for item in advice["items"]:
        lines.append(f"    - {markdown_link(summary_text(item), official_url(item['code']))}")
    if advice["hidden"]:
        lines.append(f"    - … et {advice['hidden']} autres, plus loin de ton niveau (`{show_command}`)")
    for code in advice["vae_with_experience"]:
        lines.append(
            f"  - {escape_inline(code)} vise aussi ton métier actuel : ton expérience peut compter pour l'obtenir "
            f"par la VAE, sans refaire toute la formation ({markdown_link('France VAE', FRANCE_VAE_URL)})."
        )
    return lines


def _chosen_certification(chosen: ChosenCertificationJson, *, imported: bool) -> str:
    """La certification visée : son intitulé, son niveau, la VAE et la fiche officielle quand l'export la connaît."""
    from reconversion.core.certifications import summary_text

    details = chosen["details"]
    text = summary_text(details) if details is not None else chosen["text"]
    line = f"- {escape_inline(text)}"
    if chosen["url"]:
        line += f" — {markdown_link('fiche officielle (France compétences)', chosen['url'])}"
    if details is None and chosen["code"] and imported:
        line += " (absente de l'export importé : vérifie le numéro)"
    return line


def _skills_lines(skills: Mapping[str, Any]) -> list[str]:
    """Les compétences du métier visé vues depuis le métier actuel : déjà acquises, à développer (par genre)."""
    held, missing = skills["held"], skills["to_develop"]
    total = len(held) + len(missing)
    if not total:
        return []
    # Seulement quand le plan montre des compétences.
    from reconversion.core.skills import KIND_TITLES, KINDS, held_words

    source = f"{escape_inline(skills['from_title'])} ({escape_inline(skills['from'])})"
    lines = [
        f"  - Depuis ton métier actuel, {source} : {held_words(len(held), total)} ({round(skills['coverage'] * 100)} %)"
    ]
    for title, items in (("Déjà acquises", held), ("À développer", missing)):
        if not items:
            continue
        lines.append(f"    - {title} :")
        for kind in KINDS:
            labels = [escape_inline(item["label"]) for item in items if item["kind"] == kind]
            if labels:
                lines.append(f"      - {KIND_TITLES[kind]} : {' ; '.join(labels)}")
    return lines


# --- actions -----------------------------------------------------------------------------


def _task_list(actions: Sequence[ActionItem], today: dt.date) -> str:
    lines = []
    for action in actions:
        box = "[x]" if action.done else "[ ]"
        suffix = "" if action.done else _due_suffix(action.due, today, missed=action.missed)
        lines.append(f"- {box} {escape_inline(action.text)}{suffix}")
    return "\n".join(lines)


def _due_suffix(due: dt.date | None, today: dt.date, *, missed: bool = False) -> str:
    if due is None:
        return ""
    late = " — en retard" if due < today else ""
    if missed:
        late = f" — délai impossible à tenir, voir « {CALENDAR_TITLE} »"
    return f" (à faire avant le {french_date(due)}{late})"


def _next_steps(
    guide: model.Guide,
    progress: list[engine.StepProgress],
    actions: list[ActionItem],
    today: dt.date,
    profile: str,
    program: str = "reconversion",
) -> list[str]:
    """Les actions à faire, les plus proches d'abord, puis l'étape à reprendre."""
    pending = [a for a in actions if not a.done]
    pending.sort(key=lambda a: (a.due is None, a.due or today, a.order))
    blocks = [f"## {NEXT_STEPS_TITLE}"]
    if pending:
        lines = []
        for number, action in enumerate(pending[:NEXT_ACTIONS_LIMIT], start=1):
            where = ""
            if action.step_id is not None:
                step = guide.step(action.step_id)
                where = f" — étape « {escape_inline(step.title)} »" if step else ""
            lines.append(
                f"{number}. {escape_inline(action.text)}{_due_suffix(action.due, today, missed=action.missed)}{where}"
            )
        blocks.append("\n".join(lines))
        rest = len(pending) - NEXT_ACTIONS_LIMIT
        if rest > 0:
            blocks.append(f"Et {count_of(rest, 'autre action')} à retrouver dans les étapes ci-dessus.")
    else:
        blocks.append("Aucune action en attente pour le moment.")
    unfinished = next((s for s in progress if not s.done), None)
    if unfinished is not None:
        command = _start_command(unfinished.step.id, profile, program)
        blocks.append(
            f"Pour continuer à répondre aux questions (étape « {escape_inline(unfinished.step.title)} ») : `{command}`."
        )
    return blocks


# --- petites aides --------------------------------------------------------------------------


def _start_command(step_id: str, profile: str, program: str = "reconversion") -> str:
    """La commande telle que la personne lance l'outil (`plan.synthesis.command`), comme dans la synthèse (C3)."""
    suffix = profile_suffix(profile)
    return f"{program} start --step {step_id}{suffix}"
