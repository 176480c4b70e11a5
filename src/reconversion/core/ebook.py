"""Le guide entier en livre Markdown : à lire, à imprimer, à remplir à la main.

C'est la réponse de l'outil au « livre électronique gratuit » : chaque étape avec ses
explications, ses questions sous forme de fiche à compléter au stylo, ses actions, et
toutes les ressources avec leurs liens. Pur : un `Guide` en entrée, du texte en sortie.
Tout le contenu vient du guide YAML ; ici ne vivent que la mise en page et les libellés.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from reconversion.core import model
from reconversion.core.dates import french_date
from reconversion.core.markdown_text import escape_inline, link, resource_link
from reconversion.core.question_types import kind_of
from reconversion.core.sourcing import unique_sources

if TYPE_CHECKING:
    from reconversion.core.plan_data import Plan

EBOOK_TITLE = "Guide complet de la reconversion professionnelle"
CONTENTS_TITLE = "Sommaire"
RESOURCES_TITLE = "Toutes les ressources"
DEPENDS = "(selon ta situation)"
SOURCES_TITLE = "Sources de cette étape"
_LINE = "_" * 40
# Une ligne faite seulement de « _ » serait un trait horizontal : on échappe le premier.
_BLANK_LINE = "\\" + _LINE
_SLUG_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def render_guide_book(plan: Plan) -> str:
    """Le livre du guide du plan (le même pour tous les profils : seules les questions comptent)."""
    return render_ebook(plan.guide)


def render_ebook(guide: model.Guide) -> str:
    """Le livre complet, en CommonMark (cases à cocher GitHub pour les choix)."""
    blocks = [f"# {EBOOK_TITLE}", f"*{escape_inline(guide.title)}* — version {escape_inline(guide.version)}"]
    if guide.intro:
        blocks.append(escape_inline(guide.intro))
    blocks.append(
        "Chaque étape commence par ses explications, puis une fiche à remplir à la main. "
        "Tu peux aussi y répondre dans ton terminal avec `reconversion start` : ton plan personnel "
        "s'obtient ensuite avec `reconversion export`."
    )
    headings = [_step_heading(guide, step) for step in guide.steps] + [RESOURCES_TITLE]
    blocks += [f"## {CONTENTS_TITLE}", "\n".join(f"{i}. [{h}](#{slug(h)})" for i, h in enumerate(headings, 1))]
    for step in guide.steps:
        blocks += _step(guide, step)
    blocks += _all_resources(guide)
    return "\n\n".join(blocks) + "\n"


def slug(heading: str) -> str:
    """L'ancre qu'attribue GitHub à un titre : minuscules, ponctuation retirée, espaces en « - »."""
    text = unicodedata.normalize("NFC", heading).strip().lower()
    return _SLUG_DROP.sub("", text).replace(" ", "-")


def _step_heading(guide: model.Guide, step: model.Step) -> str:
    return f"Étape {guide.step_number(step.id)} — {escape_inline(step.title)}"


def _step(guide: model.Guide, step: model.Step) -> list[str]:
    blocks = [f"## {_step_heading(guide, step)}", escape_inline(step.intro)]
    if step.questions:
        blocks.append("### Ta fiche à remplir")
        for number, question in enumerate(step.questions, start=1):
            blocks += _question(number, question)
    if step.actions:
        blocks.append("### Les actions possibles")
        blocks.append("\n".join(_action(guide, action) for action in step.actions))
    resources = [guide.resources[rid] for rid in step.resources if rid in guide.resources]
    if resources:
        blocks.append("### Ressources utiles")
        blocks.append("\n".join(f"- {_resource(resource)}" for resource in resources))
    sources = unique_sources(_step_sources(step, resources))
    if sources:
        blocks.append(f"### {SOURCES_TITLE}")
        blocks.append("\n".join(f"- {source_line(source)}" for source in sources))
    return blocks


def _step_sources(step: model.Step, resources: list[model.Resource]) -> list[model.Source]:
    """Les sources de tout ce que la section montre : intro, questions, actions, ressources."""
    found = list(step.sources)
    for question in step.questions:
        found += question.sources
    for action in step.actions:
        found += action.sources
    for resource in resources:
        found += resource.sources
    return found


def source_line(source: model.Source) -> str:
    """« [Titre](adresse) — vérifiée le 1er décembre 2026 »."""
    return f"{link(source.title, source.url)} — vérifiée le {french_date(source.checked)}"


def _question(number: int, question: model.Question) -> list[str]:
    notes = []
    if question.when is not None:
        notes.append(DEPENDS)
    if not question.required:
        notes.append("(facultatif)")
    suffix = f" *{' '.join(notes)}*" if notes else ""
    if question.label:
        blocks = [f"**{number}. {escape_inline(question.label)}**{suffix}", escape_inline(question.prompt)]
    else:
        blocks = [f"**{number}. {escape_inline(question.prompt)}**{suffix}"]
    if question.help:
        blocks.append(f"> *{escape_inline(question.help)}*")
    for variant in question.help_variants:  # le livret est pour tout le monde : chaque variante, signalée
        blocks.append(f"> *{DEPENDS}* *{escape_inline(variant.text)}*")
    blocks.append(_answer_space(question))
    return blocks


def _answer_space(question: model.Question) -> str:
    """De quoi répondre au stylo : cases pour les choix, lignes pour le texte, échelle pour les notes."""
    kind = kind_of(question)
    choices = kind.choices(question) if kind.paper == "boxes" else []
    if choices:
        boxes = "\n".join(
            f"- [ ] {escape_inline(choice.label)}" + (f" *{DEPENDS}*" if choice.when is not None else "")
            for choice in choices
        )
        if kind.many:
            most = question.validate.max_choices
            hint = f"Plusieurs réponses possibles ({most} au plus)." if most else "Plusieurs réponses possibles."
            return f"{hint}\n\n{boxes}"
        return boxes
    if kind.paper == "scale":
        low = int(question.validate.min if question.validate.min is not None else 1)
        high = int(question.validate.max if question.validate.max is not None else 5)
        line = "Entoure ta note : " + " — ".join(str(n) for n in range(low, high + 1))
        if question.scale_labels:
            bottom, top = (escape_inline(label) for label in question.scale_labels)
            line += f" ({low} = {bottom}, {high} = {top})"
        return line
    if kind.paper == "date":
        return "Date : ____ / ____ / ________"
    if question.choices_from:
        most = question.validate.max_choices if kind.many else 1
        return f"Note ici {'ton choix' if most == 1 else 'tes choix'} : {_LINE}"
    if kind.paper == "lines":
        return "\\\n".join([f"Ta réponse : {_LINE}", _BLANK_LINE, _BLANK_LINE, _BLANK_LINE])
    return f"Ta réponse : {_LINE}"


def _action(guide: model.Guide, action: model.Action) -> str:
    details = []
    if action.due_in_days is not None:
        details.append(f"dans les {action.due_in_days} jours")
    if action.due is not None:
        from reconversion.core.deadlines import rule_text

        details.append(f"au plus tard {escape_inline(rule_text(guide, action, None))}")
    if action.when is not None:
        details.append("selon ta situation")
    suffix = f" *({', '.join(details)})*" if details else ""
    return f"- [ ] {escape_inline(action.text)}{suffix}"


def _resource(resource: model.Resource) -> str:
    line = resource_link(resource)
    return f"{line} *{DEPENDS}*" if resource.when is not None else line


def _all_resources(guide: model.Guide) -> list[str]:
    lines = []
    for resource in guide.resources.values():
        lines.append(f"- {_resource(resource)}")
        lines += [f"  - Source : {source_line(source)}" for source in resource.sources]
    return [f"## {RESOURCES_TITLE}", "\n".join(lines)] if lines else [f"## {RESOURCES_TITLE}", "Aucune ressource."]
