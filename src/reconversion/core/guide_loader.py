"""Charge un guide YAML et le valide strictement, en relevant TOUS ses problèmes d'un coup.

Chaque problème est situé (`FICHIER:LIGNE:COL: chemin: message`) pour que l'auteur d'un
guide corrige tout en une fois. Le chargeur ne lit que le fichier demandé ; il n'affiche
rien : il renvoie un `Guide` ou lève `GuideError`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reconversion.core import model, sourcing
from reconversion.core.content_fields import ContentReader
from reconversion.core.limits import MAX_QUESTIONS, MAX_STEPS
from reconversion.core.question_types import KINDS, QuestionKind, kind_of, names_with
from reconversion.core.text_safety import inert
from reconversion.core.yaml_source import (
    Problem,
    YamlSourceError,
    compose,
    identifier_problem,
    join,
    read_text,
)
from reconversion.errors import GuideError

# Clés connues par objet : True = obligatoire.
_GUIDE_KEYS = {
    "id": True,
    "version": True,
    "language": True,
    "title": True,
    "intro": False,
    "checked": False,
    "steps": True,
    "resources": True,
    "messages": False,
}
_STEP_KEYS = {
    "id": True,
    "title": True,
    "intro": True,
    "questions": True,
    "resources": False,
    "actions": False,
    "show_chosen_metiers": False,
    "sources": False,
}
_QUESTION_KEYS = {
    "id": True,
    "type": True,
    "prompt": True,
    "help": False,
    "choices": False,
    "default": False,
    "required": False,
    "validate": False,
    "when": False,
    "scale_labels": False,
    "choices_from": False,
    "sources": False,
    "label": False,
    "sensitive": False,
    "not_before": False,
    "prompt_plural": False,
    "unit": False,
    "help_variants": False,
}
_HELP_VARIANT_KEYS = {"text": True, "when": True}
_VALIDATE_KEYS = dict.fromkeys(
    ("pattern", "min", "max", "min_length", "max_length", "min_choices", "max_choices", "message", "after"),
    False,
)
_RESOURCE_KEYS = {
    "id": True,
    "title": True,
    "url": True,
    "description": False,
    "tags": False,
    "when": False,
    "sources": False,
}
_ACTION_KEYS = {
    "id": True,
    "text": True,
    "when": False,
    "due_in_days": False,
    "due": False,
    "missed": False,
    "sources": False,
}
_DUE_ANCHORS = ("before", "after")
_DUE_COUNTS = ("days", "working_days", "months")
_CHOICE_KEYS = {"value": True, "label": True, "when": False}
_DATE_AFTER = ("today",)
_SCALE_LABEL_KEYS = {"min": True, "max": True}
_CHOICE_SOURCES = ("metiers",)
_CONDITION_KEYS = ("question", "not", "all", "any", "fact")
# Faits que l'outil connaît sans les demander (voir `model.FACTS`), pour `when: {fact: …}`.
_CONDITION_TESTS = ("equals", "in", "answered")


@dataclass
class _DueReference:
    """L'ancre d'une échéance (`due`) ; vérifiée quand toutes les questions et actions sont connues."""

    action: str
    node: yaml.Node
    path: str
    anchor: str


@dataclass
class _Reference:
    """Une condition qui nomme une question ; vérifiée quand toutes les questions sont connues."""

    node: yaml.Node
    path: str
    question: str
    owner: str | None  # la question qui porte la condition (None : ressource ou action)
    values: tuple[Any, ...] = ()
    value_nodes: tuple[yaml.Node, ...] = ()


def load_guide(path: Path, display_name: str | None = None) -> model.Guide:
    """Lit et valide un guide ; lève `GuideError` avec la liste complète des problèmes."""
    name = display_name or str(path)
    try:
        text = read_text(path)
    except YamlSourceError as exc:
        raise GuideError([exc.problem.render(name)]) from None
    return parse_guide(text, name)


def parse_guide(text: str, filename: str) -> model.Guide:
    """Valide le texte YAML d'un guide (sans accès disque)."""
    try:
        root = compose(text)
    except YamlSourceError as exc:
        raise GuideError([exc.problem.render(filename)]) from None
    if root is None:
        raise GuideError([Problem(1, 1, "", "le fichier est vide").render(filename)])
    checker = _GuideChecker()
    guide = checker.guide(root, filename)
    if checker.problems or guide is None:
        problems = sorted(checker.problems, key=lambda p: (p.line, p.column))
        raise GuideError([p.render(filename) for p in problems])
    return guide


class _GuideChecker(ContentReader):
    def __init__(self) -> None:
        super().__init__()
        self.references: list[_Reference] = []
        self.due_references: list[_DueReference] = []
        self.question_order: dict[str, int] = {}
        self.questions: dict[str, model.Question] = {}
        self.ids: dict[str, set[str]] = {"step": set(), "resource": set(), "action": set()}
        self.date_links: list[tuple[yaml.Node, str, str]] = []  # (nœud, chemin, question visée) de `not_before`

    # --- briques génériques -------------------------------------------------

    def text(self, node: yaml.Node | None, path: str, *, allow_numbers: bool = False) -> str | None:
        """Un texte non vide (les nombres sont acceptés pour `version`)."""
        if node is None:
            return None
        ok, value = self.scalar_value(node, path)
        if not ok:
            return None
        if isinstance(value, bool) or value is None or (not allow_numbers and not isinstance(value, str)):
            self.report(node, path, "texte attendu")
            return None
        value = str(value)
        if not value.strip():
            self.report(node, path, "texte vide : écris quelque chose")
            return None
        if inert(value) != value:
            self.report(node, path, "caractère de contrôle ou séquence d'échappement interdits dans un texte")
            return None
        return value.strip() if "\n" not in value else value.rstrip()

    def identifier(self, node: yaml.Node | None, path: str, kind: str) -> str | None:
        value = self.text(node, path)
        if value is None or node is None:
            return None
        if problem := identifier_problem(value):
            self.report(node, path, problem)
            return None
        if kind in self.ids:
            if value in self.ids[kind]:
                self.report(node, path, f"identifiant en double « {value} »")
                return None
            self.ids[kind].add(value)
        return value

    def sequence(self, node: yaml.Node | None, path: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not self.visit(node, path):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, path, "liste attendue (éléments précédés de « - »)")
            return []
        return list(node.value)

    def boolean(self, node: yaml.Node | None, path: str, default: bool) -> bool:
        if node is None:
            return default
        ok, value = self.scalar_value(node, path)
        if ok and not isinstance(value, bool):
            self.report(node, path, "true ou false attendu")
            return default
        return value if ok else default

    def integer(self, node: yaml.Node | None, path: str, minimum: int = 0) -> int | None:
        if node is None:
            return None
        ok, value = self.scalar_value(node, path)
        if not ok:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(node, path, "nombre entier attendu")
            return None
        if value < minimum:
            self.report(node, path, f"nombre entier d'au moins {minimum} attendu")
            return None
        return value

    # --- le guide -------------------------------------------------------------

    def guide(self, root: yaml.Node, filename: str) -> model.Guide | None:
        if not isinstance(root, yaml.MappingNode):
            self.report(root, "", "le guide doit être un dictionnaire (id, version, title, steps…)")
            return None
        f = self.fields(root, "", _GUIDE_KEYS, "le guide")
        if f is None:
            return None
        guide_id = self.identifier(f.get("id"), "id", "guide")
        version = self.text(f.get("version"), "version", allow_numbers=True)
        language = self.text(f.get("language"), "language")
        title = self.text(f.get("title"), "title")
        intro = self.text(f.get("intro"), "intro") or ""
        checked = self.checked_date(f.get("checked"), "checked") or ""
        messages = self.messages(f.get("messages"))
        resources = self.resources(f.get("resources"))
        if not self.within_counts(f.get("steps")):
            return None
        steps = [
            step
            for i, node in enumerate(self.sequence(f.get("steps"), "steps"))
            if (step := self.step(node, f"steps[{i}]")) is not None
        ]
        if isinstance(f.get("steps"), yaml.SequenceNode) and not f["steps"].value:
            self.report(f["steps"], "steps", "le guide doit avoir au moins une étape")
        self.check_references()
        anchor_kinds = self.check_dues(steps)
        self.check_date_links()
        self.check_step_resources(f.get("steps"), resources)
        if self.problems or guide_id is None or version is None or language is None or title is None:
            return None
        steps = [_with_anchor_kinds(step, anchor_kinds) for step in steps]
        return model.Guide(
            id=guide_id,
            version=version,
            language=language,
            title=title,
            steps=tuple(steps),
            resources=resources,
            intro=intro,
            source=filename,
            checked=checked,
            messages=messages,
        )

    def messages(self, node: yaml.Node | None) -> tuple[tuple[str, str], ...]:
        """`messages:` : un texte par message connu (`model.MESSAGE_FIELDS`), avec ses seuls trous à lui."""
        if node is None:
            return ()
        if not self.visit(node, "messages") or not isinstance(node, yaml.MappingNode):
            self.report(node, "messages", "dictionnaire attendu (identifiant : texte)")
            return ()
        import string

        found = []
        for message_id, key_node, value_node in self.mapping_items(node, "messages"):
            path = join("messages", message_id)
            text = self.text(value_node, path)
            if message_id not in model.MESSAGE_FIELDS:
                known = ", ".join(sorted(model.MESSAGE_FIELDS))
                self.report(key_node, path, f"message inconnu « {message_id} » (possibles : {known})")
                continue
            if text is None:
                continue
            allowed = model.MESSAGE_FIELDS[message_id]
            try:
                parts = list(string.Formatter().parse(text))
            except ValueError:  # « { » seul
                parts = [("", "{", "", None)]
            holes = [(name, spec, conv) for _, name, spec, conv in parts if name is not None]
            wrong = sorted({name for name, spec, conv in holes if name not in allowed or spec or conv})
            if wrong:
                self.report(
                    value_node,
                    path,
                    f"trou inconnu {', '.join(f'« {{{name}}} »' for name in wrong)} "
                    f"(possibles : {', '.join(f'{{{name}}}' for name in sorted(allowed))} ; "
                    "une accolade seule s'écrit {{ ou }})",
                )
                continue
            found.append((message_id, text))
        return tuple(found)

    def within_counts(self, steps: yaml.Node | None) -> bool:
        """Au plus `MAX_STEPS` étapes et `MAX_QUESTIONS` questions : compté avant toute vérification,
        pour qu'un guide démesuré soit refusé tout de suite au lieu de ralentir chaque commande."""
        if not isinstance(steps, yaml.SequenceNode):
            return True
        if len(steps.value) > MAX_STEPS:
            self.report(steps, "steps", f"trop d'étapes ({len(steps.value)}) : un guide en compte au plus {MAX_STEPS}")
            return False
        total = 0
        for i, step in enumerate(steps.value):
            if not isinstance(step, yaml.MappingNode):
                continue
            for key, value in step.value:
                if key.value == "questions" and isinstance(value, yaml.SequenceNode):
                    total += len(value.value)
                    if total > MAX_QUESTIONS:
                        self.report(
                            value,
                            f"steps[{i}].questions",
                            f"trop de questions : un guide en compte au plus {MAX_QUESTIONS} en tout",
                        )
                        return False
        return True

    def resources(self, node: yaml.Node | None) -> dict[str, model.Resource]:
        result: dict[str, model.Resource] = {}
        for i, item in enumerate(self.sequence(node, "resources")):
            path = f"resources[{i}]"
            f = self.fields(item, path, _RESOURCE_KEYS, "une ressource")
            if f is None:
                continue
            rid = self.identifier(f.get("id"), join(path, "id"), "resource")
            title = self.text(f.get("title"), join(path, "title"))
            url = self.url(f.get("url"), join(path, "url"))
            description = self.text(f.get("description"), join(path, "description")) or ""
            tags = tuple(
                tag
                for j, tag_node in enumerate(self.sequence(f.get("tags"), join(path, "tags")))
                if (tag := self.text(tag_node, f"{path}.tags[{j}]")) is not None
            )
            when = self.condition(f.get("when"), join(path, "when"), owner=None)
            sources = self.sources(f.get("sources"), join(path, "sources"))
            self.require_sources(f, path, ("title", "description"), sources, "cette ressource")
            if rid and title and url:
                result[rid] = model.Resource(rid, title, url, description, tags, when, sources)
        return result

    def step(self, node: yaml.Node, path: str) -> model.Step | None:
        f = self.fields(node, path, _STEP_KEYS, "une étape")
        if f is None:
            return None
        step_id = self.identifier(f.get("id"), join(path, "id"), "step")
        title = self.text(f.get("title"), join(path, "title"))
        intro = self.text(f.get("intro"), join(path, "intro"))
        questions = [
            q
            for i, q_node in enumerate(self.sequence(f.get("questions"), join(path, "questions")))
            if (q := self.question(q_node, f"{path}.questions[{i}]", step_id or "")) is not None
        ]
        resource_ids = tuple(
            rid
            for j, r_node in enumerate(self.sequence(f.get("resources"), join(path, "resources")))
            if (rid := self.text(r_node, f"{path}.resources[{j}]")) is not None
        )
        actions = [
            a
            for j, a_node in enumerate(self.sequence(f.get("actions"), join(path, "actions")))
            if (a := self.action(a_node, f"{path}.actions[{j}]", step_id or "")) is not None
        ]
        show_metiers = self.boolean(f.get("show_chosen_metiers"), join(path, "show_chosen_metiers"), False)
        sources = self.sources(f.get("sources"), join(path, "sources"))
        self.require_sources(f, path, ("title", "intro"), sources, "cette étape")
        if step_id is None or title is None or intro is None:
            return None
        return model.Step(step_id, title, intro, tuple(questions), resource_ids, tuple(actions), show_metiers, sources)

    def action(self, node: yaml.Node, path: str, step_id: str) -> model.Action | None:
        f = self.fields(node, path, _ACTION_KEYS, "une action")
        if f is None:
            return None
        aid = self.identifier(f.get("id"), join(path, "id"), "action")
        text = self.text(f.get("text"), join(path, "text"))
        when = self.condition(f.get("when"), join(path, "when"), owner=None)
        due = self.integer(f.get("due_in_days"), join(path, "due_in_days"))
        anchored = self.due(f.get("due"), join(path, "due"), aid)
        missed = self.text(f.get("missed"), join(path, "missed")) or ""
        if anchored is not None and due is not None:
            self.report(
                f["due_in_days"],
                join(path, "due_in_days"),
                "une action a soit « due » (échéance ancrée), soit « due_in_days », pas les deux",
            )
        if anchored is not None and anchored.before and not missed:
            self.report(
                f["due"],
                join(path, "due"),
                "une échéance « before » doit dire quoi faire si le délai ne peut plus être tenu : "
                "ajoute « missed » (déplacer la date, formation plus courte, autre financement…)",
            )
        if "missed" in f and anchored is None and "due" not in f:
            self.report(f["missed"], join(path, "missed"), "« missed » n'a de sens qu'avec une échéance « due »")
        sources = self.sources(f.get("sources"), join(path, "sources"))
        self.require_sources(f, path, ("text", "missed"), sources, "cette action")
        if aid is None or text is None:
            return None
        return model.Action(aid, text, step_id, when, due, sources, anchored, missed)

    def due(self, node: yaml.Node | None, path: str, action_id: str | None) -> model.Due | None:
        """`{before|after: ANCRE, days|working_days|months: N}` ; l'ancre est vérifiée plus tard."""
        if node is None:
            return None
        if not self.visit(node, path):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.report(
                node,
                path,
                "échéance attendue sous forme de dictionnaire, par exemple {before: date_debut_formation, days: 120}",
            )
            return None
        items = {key: (key_node, value) for key, key_node, value in self.mapping_items(node, path)}
        for key, (key_node, _value) in items.items():
            if key not in _DUE_ANCHORS + _DUE_COUNTS:
                hint = difflib.get_close_matches(key, _DUE_ANCHORS + _DUE_COUNTS, n=1, cutoff=0.6)
                suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
                self.report(key_node, join(path, key), f"clé inconnue « {key} »{suggestion}")
        anchors = [k for k in _DUE_ANCHORS if k in items]
        counts = [k for k in _DUE_COUNTS if k in items]
        if len(anchors) != 1:
            self.report(node, path, "une échéance contient exactement une de ces clés : before, after")
        if len(counts) != 1:
            self.report(node, path, "une échéance contient exactement une de ces clés : days, working_days, months")
        if len(anchors) != 1 or len(counts) != 1:
            return None
        anchor_key, count_key = anchors[0], counts[0]
        anchor_node = items[anchor_key][1]
        anchor = self.text(anchor_node, join(path, anchor_key))
        count = self.integer(items[count_key][1], join(path, count_key))
        if anchor is None or count is None:
            return None
        if action_id is not None:
            self.due_references.append(_DueReference(action_id, anchor_node, join(path, anchor_key), anchor))
        return model.Due(anchor, anchor_key == "before", "question", **{count_key: count})

    def check_dues(self, steps: list[model.Step]) -> dict[str, str]:
        """Chaque ancre existe : question de type date ou action du guide ; aucune boucle entre actions.

        Renvoie la sorte de chaque ancre valide (« question » ou « action »), par id d'action.
        """
        action_ids = {a.id for step in steps for a in step.actions}
        kinds: dict[str, str] = {}
        edges: dict[str, str] = {}
        for ref in self.due_references:
            if ref.anchor in self.question_order:
                question = self.questions.get(ref.anchor)
                if question is not None and not kind_of(question).dated:
                    self.report(
                        ref.node,
                        ref.path,
                        f"la question « {ref.anchor} » est de type {question.type} : une échéance ne peut "
                        f"s'ancrer que sur une question de type {names_with('dated')}",
                    )
                    continue
                kinds[ref.action] = "question"
            elif ref.anchor in action_ids:
                if ref.anchor == ref.action:
                    self.report(ref.node, ref.path, f"l'échéance de « {ref.action} » ne peut pas dépendre d'elle-même")
                    continue
                kinds[ref.action] = "action"
                edges[ref.action] = ref.anchor
            else:
                known = list(self.question_order) + sorted(action_ids)
                hint = difflib.get_close_matches(ref.anchor, known, n=1, cutoff=0.7)
                suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
                self.report(
                    ref.node, ref.path, f"ancre inconnue « {ref.anchor} » : ni une question ni une action{suggestion}"
                )
        for ref in self.due_references:
            if ref.action not in edges:
                continue
            chain = [ref.action]
            current = edges[ref.action]
            while current in edges and current not in chain:
                chain.append(current)
                current = edges[current]
            if current == ref.action:
                loop = " → ".join([*chain, ref.action])
                self.report(ref.node, ref.path, f"boucle d'échéances : {loop}")
        return kinds

    # --- les sources (lues par `content_fields.ContentReader.sources`) -----------

    def require_sources(
        self,
        fields: dict[str, yaml.Node],
        path: str,
        keys: tuple[str, ...],
        sources: tuple[model.Source, ...],
        what: str,
    ) -> None:
        """Un texte qui énonce un montant, une durée, un seuil, une date ou un article de loi doit être sourcé."""
        if sources or "sources" in fields:
            return
        for key in keys:
            for node, node_path in _text_nodes(fields.get(key), join(path, key)):
                fact = sourcing.first_fact(str(node.value))
                if fact is not None:
                    self.report(
                        node,
                        node_path,
                        f"« {fact} » : un montant, une durée, un seuil, une date ou un article de loi "
                        f"doit être sourcé ; ajoute une clé « sources » à {what}",
                    )
                    return

    # --- les questions --------------------------------------------------------

    def question(self, node: yaml.Node, path: str, step_id: str) -> model.Question | None:
        f = self.fields(node, path, _QUESTION_KEYS, "une question")
        if f is None:
            return None
        qid = self.text(f.get("id"), join(path, "id"))
        if qid is not None and (problem := identifier_problem(qid)):
            self.report(f["id"], join(path, "id"), problem)
            qid = None
        if qid is not None and qid in self.question_order:
            self.report(f["id"], join(path, "id"), f"identifiant de question en double « {qid} »")
            qid = None
        if qid is not None:
            self.question_order[qid] = len(self.question_order)
        kind = self.question_type(f.get("type"), join(path, "type"))
        prompt = self.text(f.get("prompt"), join(path, "prompt"))
        help_text = self.text(f.get("help"), join(path, "help")) or ""
        help_variants = self.help_variants(f.get("help_variants"), join(path, "help_variants"), qid)
        required = self.boolean(f.get("required"), join(path, "required"), True)
        choices_from = self.choices_from(f.get("choices_from"), join(path, "choices_from"), kind)
        choices = self.choices(f.get("choices"), join(path, "choices"), kind, choices_from, node, path, qid)
        validate = self.validation(f.get("validate"), join(path, "validate"), kind)
        scale_labels = self.scale_labels(f.get("scale_labels"), join(path, "scale_labels"), kind)
        default = self.default(f.get("default"), join(path, "default"), kind, choices, validate)
        when = self.condition(f.get("when"), join(path, "when"), owner=qid)
        sources = self.sources(f.get("sources"), join(path, "sources"))
        self.require_sources(f, path, ("prompt", "help", "help_variants", "choices"), sources, "cette question")
        label = self.text(f.get("label"), join(path, "label")) or ""
        prompt_plural = self.text(f.get("prompt_plural"), join(path, "prompt_plural")) or ""
        unit = self.text(f.get("unit"), join(path, "unit")) or ""
        if unit and kind is not None and kind.name != "number":
            self.report(f["unit"], join(path, "unit"), "unit n'a de sens que pour une question number")
            unit = ""
        not_before = self.text(f.get("not_before"), join(path, "not_before"))
        if not_before is not None:
            if kind is None or not kind.dated:
                self.report(
                    f["not_before"],
                    join(path, "not_before"),
                    f"not_before n'a de sens que pour une question {names_with('dated')}",
                )
                not_before = None
            else:
                self.date_links.append((f["not_before"], join(path, "not_before"), not_before))
        sensitive = self.boolean(f.get("sensitive"), join(path, "sensitive"), False)
        if sensitive and f.get("default") is not None:
            self.report(
                f["default"],
                join(path, "default"),
                "une question sensible (sensitive: true) ne peut pas avoir de réponse par défaut",
            )
            default = None
        if sensitive and required:
            self.report(
                f["sensitive"],
                join(path, "sensitive"),
                "une question sensible doit pouvoir être passée : ajoute « required: false »",
            )
        if qid is None or kind is None or prompt is None:
            return None
        question = model.Question(
            id=qid,
            type=kind.name,
            prompt=prompt,
            help=help_text,
            choices=choices,
            default=default,
            required=required,
            validate=validate,
            when=when,
            scale_labels=scale_labels,
            choices_from=choices_from,
            step_id=step_id,
            sources=sources,
            label=label,
            sensitive=sensitive,
            not_before=not_before,
            prompt_plural=prompt_plural,
            unit=unit,
            help_variants=help_variants,
        )
        self.questions[qid] = question
        return question

    def help_variants(self, node: yaml.Node | None, path: str, owner: str | None) -> tuple[model.HelpVariant, ...]:
        """Les paragraphes d'aide ciblés : chacun un texte et une condition sur des questions précédentes."""
        if node is None:
            return ()
        empty = "la liste des variantes d'aide est vide"
        found: list[model.HelpVariant] = []
        for item_path, f in self.records(node, path, _HELP_VARIANT_KEYS, "une variante d'aide", empty):
            text = self.text(f.get("text"), join(item_path, "text"))
            when = self.condition(f.get("when"), join(item_path, "when"), owner=owner)
            if text is not None and when is not None:
                found.append(model.HelpVariant(text, when))
        return tuple(found)

    def question_type(self, node: yaml.Node | None, path: str) -> QuestionKind | None:
        value = self.text(node, path)
        if value is None or node is None:
            return None
        if value not in KINDS:
            hint = difflib.get_close_matches(value, list(KINDS), n=1, cutoff=0.6)
            suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
            self.report(
                node,
                path,
                f"type inconnu « {value} »{suggestion} ; types possibles : {', '.join(KINDS)}",
            )
            return None
        return KINDS[value]

    def choices_from(self, node: yaml.Node | None, path: str, kind: QuestionKind | None) -> str | None:
        value = self.text(node, path)
        if value is None or node is None:
            return None
        if value not in _CHOICE_SOURCES:
            self.report(node, path, f"source de choix inconnue « {value} » (possible : {', '.join(_CHOICE_SOURCES)})")
            return None
        if kind is None or not kind.has_choices:
            self.report(node, path, f"choices_from n'a de sens que pour {names_with('has_choices')}")
            return None
        return value

    def choices(
        self,
        node: yaml.Node | None,
        path: str,
        kind: QuestionKind | None,
        choices_from: str | None,
        question_node: yaml.Node,
        question_path: str,
        owner: str | None = None,
    ) -> tuple[model.Choice, ...]:
        if node is None:
            if kind is not None and kind.has_choices and choices_from is None:
                self.report(question_node, question_path, f"une question {kind.name} doit avoir des choix (choices)")
            return ()
        if kind is not None and not kind.has_choices:
            self.report(node, path, f"choices n'a de sens que pour {names_with('has_choices')}")
            return ()
        items = self.filled_list(node, path, "la liste des choix est vide")
        result: list[model.Choice] = []
        seen: set[Any] = set()
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            if isinstance(item, yaml.ScalarNode):
                label = self.text(item, item_path)
                choice = model.Choice(label, label) if label is not None else None
            else:
                f = self.fields(item, item_path, _CHOICE_KEYS, "un choix")
                if f is None:
                    continue
                ok, value = self.scalar_value(f["value"], join(item_path, "value")) if "value" in f else (False, None)
                label = self.text(f.get("label"), join(item_path, "label"))
                if ok and (value is None or isinstance(value, (list, dict))):
                    self.report(f["value"], join(item_path, "value"), "valeur de choix vide")
                    ok = False
                when = self.condition(f.get("when"), join(item_path, "when"), owner=owner)
                choice = model.Choice(value, label, when) if ok and label is not None else None
            if choice is None:
                continue
            if choice.value in seen:
                self.report(item, item_path, f"valeur de choix en double « {choice.value} »")
                continue
            seen.add(choice.value)
            result.append(choice)
        return tuple(result)

    def validation(self, node: yaml.Node | None, path: str, kind: QuestionKind | None) -> model.Validation:
        bounds = kind.bounds if kind is not None else None
        if node is None:
            return model.Validation(min=bounds[0], max=bounds[1]) if bounds else model.Validation()
        f = self.fields(node, path, _VALIDATE_KEYS, "validate")
        if f is None:
            return model.Validation()
        values: dict[str, Any] = {}
        if "pattern" in f:
            pattern = self.text(f["pattern"], join(path, "pattern"))
            if pattern is not None:
                from reconversion.core.safe_regex import PatternError, compile_pattern

                try:
                    compile_pattern(pattern)
                    values["pattern"] = pattern
                except PatternError as exc:
                    self.report(f["pattern"], join(path, "pattern"), f"expression régulière refusée : {exc}")
        for key in ("min_length", "max_length", "min_choices", "max_choices"):
            if key in f:
                values[key] = self.integer(f[key], join(path, key))
        for key in ("min", "max"):
            if key in f:
                values[key] = self.bound(f[key], join(path, key), kind)
        if "message" in f:
            values["message"] = self.text(f["message"], join(path, "message"))
        if "after" in f:
            after = self.text(f["after"], join(path, "after"))
            if kind is None or not kind.dated:
                self.report(
                    f["after"], join(path, "after"), f"after n'a de sens que pour une question {names_with('dated')}"
                )
            elif after not in _DATE_AFTER and after is not None:
                self.report(f["after"], join(path, "after"), f"« {after} » : seule la valeur « today » est possible")
            else:
                values["after"] = after
        if bounds:
            values.setdefault("min", bounds[0])
            values.setdefault("max", bounds[1])
        for low, high in (("min", "max"), ("min_length", "max_length"), ("min_choices", "max_choices")):
            lo, hi = values.get(low), values.get(high)
            if lo is not None and hi is not None and lo > hi:
                self.report(f.get(low) or node, join(path, low), f"{low} ({lo}) est plus grand que {high} ({hi})")
        return model.Validation(**values)

    def bound(self, node: yaml.Node, path: str, kind: QuestionKind | None) -> Any:
        ok, value = self.scalar_value(node, path)
        if not ok:
            return None
        value, problem = (kind or QuestionKind).read_bound(value)
        if problem:
            self.report(node, path, problem)
        return value

    def scale_labels(self, node: yaml.Node | None, path: str, kind: QuestionKind | None) -> tuple[str, str] | None:
        if node is None:
            return None
        if kind is not None and kind.bounds is None:
            self.report(node, path, f"scale_labels n'a de sens que pour une question {names_with('bounds')}")
            return None
        f = self.fields(node, path, _SCALE_LABEL_KEYS, "scale_labels")
        if f is None:
            return None
        low = self.text(f.get("min"), join(path, "min"))
        high = self.text(f.get("max"), join(path, "max"))
        return (low, high) if low and high else None

    def default(
        self,
        node: yaml.Node | None,
        path: str,
        kind: QuestionKind | None,
        choices: tuple[model.Choice, ...],
        validate: model.Validation,
    ) -> Any:
        if node is None or kind is None:
            return None
        if kind.many:
            result = []
            for i, item in enumerate(self.sequence(node, path)):
                ok, value = self.scalar_value(item, f"{path}[{i}]")
                value, problem = kind.read_default(value, choices, validate) if ok else (None, None)
                if problem:
                    self.report(item, f"{path}[{i}]", problem)
                elif ok:
                    result.append(value)
            return result
        ok, value = self.scalar_value(node, path)
        if not ok:
            return None
        value, problem = kind.read_default(value, choices, validate)
        if problem:
            self.report(node, path, problem)
            return None
        return value

    # --- les conditions ---------------------------------------------------------

    def condition(self, node: yaml.Node | None, path: str, owner: str | None) -> model.Condition | None:
        if node is None:
            return None
        if not self.visit(node, path):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.report(node, path, "condition attendue sous forme de dictionnaire (question: …, equals: …)")
            return None
        items = {key: (key_node, value) for key, key_node, value in self.mapping_items(node, path)}
        kinds = [k for k in items if k in _CONDITION_KEYS]
        unknown = [k for k in items if k not in _CONDITION_KEYS and k not in _CONDITION_TESTS]
        for key in unknown:
            hint = difflib.get_close_matches(key, _CONDITION_KEYS + _CONDITION_TESTS, n=1, cutoff=0.7)
            suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
            self.report(items[key][0], join(path, key), f"clé inconnue « {key} »{suggestion}")
        if len(kinds) != 1:
            self.report(node, path, "une condition contient exactement une de ces clés : question, not, all, any, fact")
            return None
        kind = kinds[0]
        value_node = items[kind][1]
        if kind == "fact":
            self.no_tests(items, path)
            name = self.text(value_node, join(path, "fact"))
            if name is not None and name not in model.FACTS:
                self.report(
                    value_node, join(path, "fact"), f"fait inconnu « {name} » (possible : {', '.join(model.FACTS)})"
                )
                return None
            return model.Equals(model.FACT_PREFIX + name, True) if name else None
        if kind == "not":
            self.no_tests(items, path)
            inner = self.condition(value_node, join(path, "not"), owner)
            return model.Not(inner) if inner else None
        if kind in ("all", "any"):
            self.no_tests(items, path)
            parts = [
                self.condition(child, f"{path}.{kind}[{i}]", owner)
                for i, child in enumerate(self.sequence(value_node, join(path, kind)))
            ]
            if not parts and isinstance(value_node, yaml.SequenceNode):
                self.report(value_node, join(path, kind), "liste de conditions vide")
            conditions = tuple(p for p in parts if p is not None)
            if len(conditions) != len(parts):
                return None
            return model.All(conditions) if kind == "all" else model.AnyOf(conditions)
        return self.question_test(items, node, path, owner)

    def no_tests(self, items: dict[str, tuple[yaml.Node, yaml.Node]], path: str) -> None:
        for key in _CONDITION_TESTS:
            if key in items:
                self.report(items[key][0], join(path, key), f"« {key} » ne va qu'avec « question »")

    def question_test(
        self,
        items: dict[str, tuple[yaml.Node, yaml.Node]],
        node: yaml.Node,
        path: str,
        owner: str | None,
    ) -> model.Condition | None:
        ref_node = items["question"][1]
        ref = self.text(ref_node, join(path, "question"))
        tests = [k for k in _CONDITION_TESTS if k in items]
        if len(tests) != 1:
            self.report(node, path, "avec « question », indique exactement un test : equals, in ou answered")
            return None
        test = tests[0]
        test_node = items[test][1]
        test_path = join(path, test)
        result: model.Condition | None
        values: tuple[Any, ...] = ()
        value_nodes: tuple[yaml.Node, ...] = ()
        if test == "equals":
            ok, value = self.scalar_value(test_node, test_path)
            result = model.Equals(ref, value) if ok and ref else None
            values, value_nodes = ((value,), (test_node,)) if ok else ((), ())
        elif test == "in":
            nodes = self.sequence(test_node, test_path)
            pairs = [(n, self.scalar_value(n, f"{test_path}[{i}]")) for i, n in enumerate(nodes)]
            values = tuple(v for _, (ok, v) in pairs if ok)
            value_nodes = tuple(n for n, (ok, _) in pairs if ok)
            if not nodes and isinstance(test_node, yaml.SequenceNode):
                self.report(test_node, test_path, "liste de valeurs vide")
            result = model.InValues(ref, values) if ref and len(values) == len(nodes) and nodes else None
        else:
            answered = self.boolean(test_node, test_path, True)
            result = model.Answered(ref, answered) if ref else None
        if ref:
            self.references.append(_Reference(ref_node, join(path, "question"), ref, owner, values, value_nodes))
        return result

    def check_references(self) -> None:
        """Une condition ne peut viser qu'une question existante, et antérieure pour une question."""
        for ref in self.references:
            if ref.owner is not None and ref.question == ref.owner:
                self.report(ref.node, ref.path, f"la condition porte sur la question elle-même « {ref.question} »")
                continue
            if ref.question not in self.question_order:
                hint = difflib.get_close_matches(ref.question, list(self.question_order), n=1, cutoff=0.7)
                suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
                self.report(ref.node, ref.path, f"question inconnue « {ref.question} »{suggestion}")
                continue
            if (
                ref.owner is not None
                and ref.owner in self.question_order
                and (self.question_order[ref.question] > self.question_order[ref.owner])
            ):
                self.report(
                    ref.node,
                    ref.path,
                    f"la question « {ref.question} » vient plus loin : une condition ne peut porter "
                    "que sur une question précédente",
                )
                continue
            target = self.questions.get(ref.question)
            if target is None:
                continue
            for value, value_node in zip(ref.values, ref.value_nodes, strict=True):
                problem = kind_of(target).condition_problem(target, value)
                if problem:
                    self.report(value_node, ref.path.rsplit(".", 1)[0], problem)

    def check_date_links(self) -> None:
        """`not_before` doit nommer une question date du guide."""
        for node, path, target_id in self.date_links:
            target = self.questions.get(target_id)
            if target is None:
                hint = difflib.get_close_matches(target_id, list(self.question_order), n=1, cutoff=0.7)
                suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
                self.report(node, path, f"question inconnue « {target_id} »{suggestion}")
            elif not kind_of(target).dated:
                self.report(node, path, f"la question « {target_id} » n'est pas une date")

    def check_step_resources(self, steps_node: yaml.Node | None, resources: dict[str, model.Resource]) -> None:
        if not isinstance(steps_node, yaml.SequenceNode):
            return
        known = self.ids["resource"]
        for i, step_node in enumerate(steps_node.value):
            if not isinstance(step_node, yaml.MappingNode):
                continue
            for key_node, value_node in step_node.value:
                if key_node.value != "resources" or not isinstance(value_node, yaml.SequenceNode):
                    continue
                for j, r_node in enumerate(value_node.value):
                    if isinstance(r_node, yaml.ScalarNode) and r_node.value not in known:
                        hint = difflib.get_close_matches(r_node.value, sorted(known), n=1, cutoff=0.7)
                        suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
                        self.report(
                            r_node, f"steps[{i}].resources[{j}]", f"ressource inconnue « {r_node.value} »{suggestion}"
                        )


def _with_anchor_kinds(step: model.Step, kinds: dict[str, str]) -> model.Step:
    """Les actions de l'étape, avec la sorte de leur ancre (question ou action) résolue."""
    actions = tuple(
        a._replace(due=a.due._replace(anchor_kind=kinds[a.id])) if a.due is not None and a.id in kinds else a
        for a in step.actions
    )
    return step._replace(actions=actions)


def _text_nodes(node: yaml.Node | None, path: str) -> list[tuple[yaml.ScalarNode, str]]:
    """Les textes d'une valeur : elle-même, ou les libellés d'une liste de choix, ou les textes des variantes d'aide."""
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
        return [(node, path)]
    if not isinstance(node, yaml.SequenceNode):
        return []
    found = []
    for i, item in enumerate(node.value):
        if isinstance(item, yaml.ScalarNode):
            found.append((item, f"{path}[{i}]"))
        elif isinstance(item, yaml.MappingNode):
            for key_node, value_node in item.value:
                if key_node.value in ("label", "text") and isinstance(value_node, yaml.ScalarNode):
                    found.append((value_node, f"{path}[{i}].{key_node.value}"))
    return found
