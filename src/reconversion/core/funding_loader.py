"""Charge `guide_data/financement.yaml` et le valide strictement, comme le guide.

Mêmes briques que `guide_loader` (lecture sûre, positions, conditions `when`, sources) : chaque
problème est situé `FICHIER:LIGNE:COL: chemin: message`, et tous sont listés d'un coup. Les
conditions ne peuvent viser que des questions du guide, les délais que des actions du guide
(leurs échéances du rétroplanning). Tout montant doit être sourcé : chaque dispositif et chaque
référence porte au moins une source.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path
from typing import Any

import yaml

from reconversion.core import funding_model as fm
from reconversion.core import model, sourcing
from reconversion.core.guide_loader import _GuideChecker
from reconversion.core.question_ids import AGE_BAND
from reconversion.core.yaml_source import Problem, YamlSourceError, compose, join, read_text
from reconversion.errors import GuideError

_TOP_KEYS = {
    "id": True,
    "version": True,
    "language": True,
    "recap_after_step": False,
    "references": True,
    "schemes": True,
    "routes": True,
}
_REFERENCE_KEYS = {
    "label": True,
    "amount": True,
    "estimate": False,
    "valid_from": True,
    "valid_until": False,
    "sources": True,
}
_SCHEME_KEYS = {
    "id": True,
    "label": True,
    "decision": True,
    "decided_by": True,
    "requires": False,
    "meant_for": False,
    "costs": False,
    "income": False,
    "participation": False,
    "conditions": False,
    "deadlines": False,
    "valid_from": True,
    "valid_until": False,
    "sources": True,
}
_REQUIREMENT_KEYS = {"when": True, "reason": True}
_COSTS_KEYS = {"rule": True, "caps": False, "exempts_participation": False}
_INCOME_KEYS = {
    "rule": True,
    "basis": True,
    "percent": False,
    "months": False,
    "estimate": False,
    "gross": False,
    "amount": False,
    "amounts": False,
    "percents": False,
    "threshold_smic": False,
    "below_percent": False,
    "above_percent": False,
    "above_months": False,
    "later_percent": False,
    "floor_smic": False,
}
# Les paramètres obligatoires de chaque règle de revenu.
_INCOME_NEEDS = {
    "salary": ("percent",),
    "salary_bands": (
        "threshold_smic",
        "below_percent",
        "above_percent",
        "above_months",
        "later_percent",
        "floor_smic",
    ),
    "allowance": (),
    "by_age": ("amounts",),
    "smic_by_age": ("percents",),
    "differential": ("amount",),
}
_PARTICIPATION_KEYS = {"amount": True, "exempt": False}
_ROUTE_KEYS = {
    "id": True,
    "label": True,
    "funders": True,
    "income": False,
    "notes": False,
    "main": False,
    "participation": False,
}
_SMIC_REFERENCES = ("smic_brut", "smic_net")


def load_funding(path: Path, guide: model.Guide, display_name: str | None = None) -> fm.Funding:
    """Lit et valide le fichier des financements face au guide ; lève `GuideError` avec tous les problèmes."""
    name = display_name or str(path)
    try:
        text = read_text(path)
    except YamlSourceError as exc:
        raise GuideError([exc.problem.render(name)]) from None
    return parse_funding(text, name, guide)


def parse_funding(text: str, filename: str, guide: model.Guide) -> fm.Funding:
    """Valide le texte YAML du fichier des financements (sans accès disque)."""
    try:
        root = compose(text)
    except YamlSourceError as exc:
        raise GuideError([exc.problem.render(filename)]) from None
    if root is None:
        raise GuideError([Problem(1, 1, "", "le fichier est vide").render(filename)])
    checker = _FundingChecker(guide)
    funding = checker.funding(root, filename)
    if checker.problems or funding is None:
        problems = sorted(checker.problems, key=lambda p: (p.line, p.column))
        raise GuideError([p.render(filename) for p in problems])
    return funding


def funding_warnings(funding: fm.Funding, today: dt.date) -> list[str]:
    """Ce qui est peut-être périmé : règles après leur `valid_until`, sources vérifiées il y a plus de 12 mois.

    Des avertissements (le fichier reste valide), situés `FICHIER:LIGNE:COL` pour les sources.
    """
    warnings: list[str] = []
    for scheme in funding.schemes.values():
        if scheme.valid_until is not None and dt.date.fromisoformat(scheme.valid_until) < today:
            warnings.append(
                f"{funding.source}: schemes.{scheme.id}.valid_until: règle valable jusqu'au "
                f"{scheme.valid_until} : à revérifier, ses chiffres sont peut-être dépassés"
            )
    for reference in funding.references.values():
        if reference.valid_until is not None and dt.date.fromisoformat(reference.valid_until) < today:
            warnings.append(
                f"{funding.source}: references.{reference.id}.valid_until: valable jusqu'au "
                f"{reference.valid_until} : à revérifier"
            )
    for source in all_sources(funding):
        age = sourcing.checked_age(source, today)
        if age is not None:
            why = "vérifiée il y a plus de 12 mois" if age == "stale" else "date de vérification dans le futur"
            where = f"{funding.source}:{source.line}:{source.column}: {source.path}"
            warnings.append(f"{where}: « {source.title} » {why} ({source.checked})")
    return warnings


def all_sources(funding: fm.Funding) -> list[model.Source]:
    sources = [s for r in funding.references.values() for s in r.sources]
    sources += [s for scheme in funding.schemes.values() for s in scheme.sources]
    return sources


class _FundingChecker(_GuideChecker):
    """Les vérifications du guide (textes, conditions, sources), appliquées au fichier des financements."""

    def __init__(self, guide: model.Guide) -> None:
        super().__init__()
        self.known_guide = guide
        for question in guide.questions:
            self.question_order[question.id] = len(self.question_order)
            self.questions[question.id] = question
        self.action_ids = {action.id for action in guide.actions}
        self.scheme_nodes: dict[str, yaml.Node] = {}
        self.ids["scheme"] = set()
        self.ids["route"] = set()

    def funding(self, root: yaml.Node, filename: str) -> fm.Funding | None:
        f = self.fields(root, "", _TOP_KEYS, "le fichier des financements")
        if f is None:
            return None
        fid = self.identifier(f.get("id"), "id", "funding")
        version = self.text(f.get("version"), "version", allow_numbers=True)
        self.text(f.get("language"), "language")
        recap = self.text(f.get("recap_after_step"), "recap_after_step")
        if recap is not None and recap not in {s.id for s in self.known_guide.steps}:
            self.report(f["recap_after_step"], "recap_after_step", f"étape inconnue « {recap} »")
        references = self.reference_table(f.get("references"))
        schemes: dict[str, fm.Scheme] = {}
        for i, node in enumerate(self.sequence(f.get("schemes"), "schemes")):
            scheme = self.scheme(node, f"schemes[{i}]")
            if scheme is not None:
                schemes[scheme.id] = scheme
        routes = [
            route
            for i, node in enumerate(self.sequence(f.get("routes"), "routes"))
            if (route := self.route(node, f"routes[{i}]", schemes)) is not None
        ]
        if any(s.income is not None and s.income.rule in ("salary_bands", "smic_by_age") for s in schemes.values()):
            for name in _SMIC_REFERENCES:
                if name not in references and "references" in f:
                    self.report(f["references"], "references", f"référence manquante « {name} » (utilisée par le SMIC)")
        self.check_references()
        if self.problems or fid is None or version is None:
            return None
        return fm.Funding(fid, version, recap, references, schemes, tuple(routes), filename)

    # --- briques -------------------------------------------------------------

    def number(self, node: yaml.Node | None, path: str, *, allow_null: bool = False) -> float | None:
        if node is None:
            return None
        ok, value = self.scalar_value(node, path)
        if not ok:
            return None
        if value is None and allow_null:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            self.report(node, path, "nombre positif ou nul attendu (un montant en euros, un pourcentage…)")
            return None
        return float(value)

    def texts(self, node: yaml.Node | None, path: str) -> tuple[str, ...]:
        return tuple(
            text for i, item in enumerate(self.sequence(node, path)) if (text := self.text(item, f"{path}[{i}]"))
        )

    def one_of(self, node: yaml.Node | None, path: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, path)
        if value is None or node is None:
            return None
        if value not in allowed:
            hint = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
            suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
            self.report(node, path, f"valeur inconnue « {value} »{suggestion} ; possibles : {', '.join(allowed)}")
            return None
        return value

    def by_age(self, node: yaml.Node | None, path: str) -> tuple[tuple[str, float | None], ...]:
        """`{tranche: montant ou null}` : chaque tranche est un choix de la question `tranche_age`."""
        if node is None:
            return ()
        if not self.visit(node, path):
            return ()
        if not isinstance(node, yaml.MappingNode):
            self.report(node, path, "dictionnaire attendu {tranche_age: montant}")
            return ()
        question = self.questions.get(AGE_BAND)
        known = {c.value for c in question.choices} if question is not None else set()
        result = []
        for key, key_node, value_node in self.mapping_items(node, path):
            if key not in known:
                self.report(key_node, join(path, key), f"tranche d'âge inconnue « {key} » (question {AGE_BAND})")
                continue
            result.append((key, self.number(value_node, join(path, key), allow_null=True)))
        missing = known - {k for k, _ in result}
        if missing:
            self.report(node, path, f"tranches d'âge manquantes : {', '.join(sorted(missing))}")
        return tuple(result)

    # --- les objets ------------------------------------------------------------

    def reference_table(self, node: yaml.Node | None) -> dict[str, fm.Reference]:
        result: dict[str, fm.Reference] = {}
        if node is None:
            return result
        if not self.visit(node, "references"):
            return result
        if not isinstance(node, yaml.MappingNode):
            self.report(node, "references", "dictionnaire attendu (nom: {label, amount, sources…})")
            return result
        for key, _key_node, value in self.mapping_items(node, "references"):
            path = join("references", key)
            f = self.fields(value, path, _REFERENCE_KEYS, "une référence")
            if f is None:
                continue
            label = self.text(f.get("label"), join(path, "label"))
            amount = self.number(f.get("amount"), join(path, "amount"))
            estimate = self.boolean(f.get("estimate"), join(path, "estimate"), False)
            valid_from = self.day(f.get("valid_from"), join(path, "valid_from"))
            valid_until = self.day(f.get("valid_until"), join(path, "valid_until"))
            sources = self.sources(f.get("sources"), join(path, "sources"))
            if label and amount is not None and valid_from and sources:
                result[key] = fm.Reference(key, label, amount, estimate, valid_from, valid_until, sources)
        return result

    def scheme(self, node: yaml.Node, path: str) -> fm.Scheme | None:
        f = self.fields(node, path, _SCHEME_KEYS, "un dispositif")
        if f is None:
            return None
        sid = self.identifier(f.get("id"), join(path, "id"), "scheme")
        label = self.text(f.get("label"), join(path, "label"))
        decision = self.one_of(f.get("decision"), join(path, "decision"), fm.DECISIONS)
        decided_by = self.text(f.get("decided_by"), join(path, "decided_by"))
        requires = tuple(
            req
            for i, item in enumerate(self.sequence(f.get("requires"), join(path, "requires")))
            if (req := self.requirement(item, f"{path}.requires[{i}]")) is not None
        )
        meant_for = (
            self.condition(f.get("meant_for"), join(path, "meant_for"), owner=None) if "meant_for" in f else None
        )
        costs = self.costs(f.get("costs"), join(path, "costs"))
        income = self.income(f.get("income"), join(path, "income"))
        participation = self.participation(f.get("participation"), join(path, "participation"))
        conditions = self.texts(f.get("conditions"), join(path, "conditions"))
        deadlines = self.deadlines(f.get("deadlines"), join(path, "deadlines"))
        valid_from = self.day(f.get("valid_from"), join(path, "valid_from"))
        valid_until = self.day(f.get("valid_until"), join(path, "valid_until"))
        if valid_from and valid_until and valid_until < valid_from:
            self.report(f["valid_until"], join(path, "valid_until"), "valid_until est avant valid_from")
        sources = self.sources(f.get("sources"), join(path, "sources"))
        if sid is not None:
            self.scheme_nodes[sid] = node
        if None in (sid, label, decision, decided_by, valid_from) or not sources:
            return None
        return fm.Scheme(
            sid,  # type: ignore[arg-type]
            label,  # type: ignore[arg-type]
            decision,  # type: ignore[arg-type]
            decided_by,  # type: ignore[arg-type]
            requires,
            costs,
            income,
            participation,
            conditions,
            deadlines,
            valid_from,  # type: ignore[arg-type]
            valid_until,
            sources,
            meant_for,
        )

    def requirement(self, node: yaml.Node, path: str) -> fm.Requirement | None:
        f = self.fields(node, path, _REQUIREMENT_KEYS, "une condition d'accès")
        if f is None:
            return None
        when = self.condition(f.get("when"), join(path, "when"), owner=None)
        reason = self.text(f.get("reason"), join(path, "reason"))
        return fm.Requirement(when, reason) if when is not None and reason else None

    def costs(self, node: yaml.Node | None, path: str) -> fm.Costs | None:
        if node is None:
            return None
        f = self.fields(node, path, _COSTS_KEYS, "costs")
        if f is None:
            return None
        rule = self.one_of(f.get("rule"), join(path, "rule"), fm.COST_RULES)
        caps: list[tuple[str, float]] = []
        caps_node = f.get("caps")
        if caps_node is not None and self.visit(caps_node, join(path, "caps")):
            if isinstance(caps_node, yaml.MappingNode):
                for key, key_node, value in self.mapping_items(caps_node, join(path, "caps")):
                    if key not in fm.NATURES:
                        self.report(
                            key_node, join(path, f"caps.{key}"), f"nature inconnue « {key} » ({', '.join(fm.NATURES)})"
                        )
                        continue
                    amount = self.number(value, join(path, f"caps.{key}"))
                    if amount is not None:
                        caps.append((key, amount))
            else:
                self.report(caps_node, join(path, "caps"), "dictionnaire attendu {nature: plafond}")
        exempts = self.boolean(f.get("exempts_participation"), join(path, "exempts_participation"), False)
        return fm.Costs(rule, tuple(caps), exempts) if rule else None

    def income(self, node: yaml.Node | None, path: str) -> fm.Income | None:
        if node is None:
            return None
        f = self.fields(node, path, _INCOME_KEYS, "income")
        if f is None:
            return None
        rule = self.one_of(f.get("rule"), join(path, "rule"), fm.INCOME_RULES)
        basis = self.text(f.get("basis"), join(path, "basis"))
        if rule is None or basis is None:
            return None
        for key in _INCOME_NEEDS[rule]:
            if key not in f:
                self.report(node, path, f"la règle « {rule} » demande la clé « {key} »")
        values: dict[str, Any] = {}
        for key in (
            "percent",
            "amount",
            "threshold_smic",
            "below_percent",
            "above_percent",
            "later_percent",
            "floor_smic",
        ):
            if key in f:
                values[key] = self.number(f[key], join(path, key))
        for key in ("months", "above_months"):
            if key in f:
                values[key] = self.integer(f[key], join(path, key), minimum=1)
        table = f.get("amounts") if rule == "by_age" else f.get("percents")
        if table is not None:
            values["by_age"] = self.by_age(table, join(path, "amounts" if rule == "by_age" else "percents"))
        return fm.Income(
            rule,
            basis,
            estimate=self.boolean(f.get("estimate"), join(path, "estimate"), False),
            gross=self.boolean(f.get("gross"), join(path, "gross"), False),
            **values,
        )

    def participation(self, node: yaml.Node | None, path: str) -> fm.Participation | None:
        if node is None:
            return None
        f = self.fields(node, path, _PARTICIPATION_KEYS, "participation")
        if f is None:
            return None
        amount = self.number(f.get("amount"), join(path, "amount"))
        exempt = self.condition(f.get("exempt"), join(path, "exempt"), owner=None)
        return fm.Participation(amount, exempt) if amount is not None else None

    def deadlines(self, node: yaml.Node | None, path: str) -> tuple[str, ...]:
        """Des actions du guide : leurs échéances (`due`) sont celles du rétroplanning."""
        result = []
        for i, item in enumerate(self.sequence(node, path)):
            action_id = self.text(item, f"{path}[{i}]")
            if action_id is None:
                continue
            if action_id not in self.action_ids:
                hint = difflib.get_close_matches(action_id, sorted(self.action_ids), n=1, cutoff=0.7)
                suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
                self.report(item, f"{path}[{i}]", f"action inconnue dans le guide « {action_id} »{suggestion}")
                continue
            result.append(action_id)
        return tuple(result)

    def route(self, node: yaml.Node, path: str, schemes: dict[str, fm.Scheme]) -> fm.Route | None:
        f = self.fields(node, path, _ROUTE_KEYS, "une voie")
        if f is None:
            return None
        rid = self.identifier(f.get("id"), join(path, "id"), "route")
        label = self.text(f.get("label"), join(path, "label"))
        lists = {key: self.scheme_ids(f.get(key), join(path, key), schemes) for key in ("funders", "income", "notes")}
        for i, sid in enumerate(lists["funders"]):
            scheme = schemes.get(sid)
            if scheme is not None and scheme.costs is None:
                self.report(f["funders"], f"{path}.funders[{i}]", f"« {sid} » ne paie pas de frais (pas de clé costs)")
        for i, sid in enumerate(lists["income"]):
            scheme = schemes.get(sid)
            if scheme is not None and scheme.income is None:
                self.report(f["income"], f"{path}.income[{i}]", f"« {sid} » ne verse pas de revenu (pas de clé income)")
        main = self.text(f.get("main"), join(path, "main"))
        if main is not None and main not in schemes:
            if main not in self.scheme_nodes:
                self.report(f["main"], join(path, "main"), f"dispositif inconnu « {main} »")
            main = None
        participation = self.boolean(f.get("participation"), join(path, "participation"), True)
        if isinstance(f.get("funders"), yaml.SequenceNode) and not f["funders"].value:
            self.report(f["funders"], join(path, "funders"), "une voie a au moins un financeur")
        if rid is None or label is None:
            return None
        return fm.Route(rid, label, lists["funders"], lists["income"], lists["notes"], main, participation)

    def scheme_ids(self, node: yaml.Node | None, path: str, schemes: dict[str, fm.Scheme]) -> tuple[str, ...]:
        result = []
        for i, item in enumerate(self.sequence(node, path)):
            sid = self.text(item, f"{path}[{i}]")
            if sid is None:
                continue
            if sid not in schemes:
                if sid not in self.scheme_nodes:
                    hint = difflib.get_close_matches(sid, sorted(self.scheme_nodes), n=1, cutoff=0.7)
                    suggestion = f" (voulais-tu dire « {hint[0]} » ?)" if hint else ""
                    self.report(item, f"{path}[{i}]", f"dispositif inconnu « {sid} »{suggestion}")
                continue
            result.append(sid)
        return tuple(result)
