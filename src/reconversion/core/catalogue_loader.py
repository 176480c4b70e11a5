"""Lit et valide `metiers.yaml` et `interets.yaml` (objets définis dans `catalogue.py`).

Comme pour le guide, tous les problèmes d'un fichier sont relevés d'un coup et situés
(`FICHIER:LIGNE:COL: chemin: message`), pour qu'une personne qui enrichit le contenu
corrige tout en une fois. Ce module lit seulement le fichier demandé et n'affiche rien.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from reconversion.core.catalogue import (
    CODE_PATTERN,
    RIASEC,
    Catalogue,
    CatalogueError,
    Dimension,
    InterestTest,
    Item,
    Metier,
    ScalePoint,
)
from reconversion.core.content_fields import ContentReader
from reconversion.core.yaml_source import (
    Problem,
    YamlSourceError,
    compose,
    identifier_problem,
    join,
    read_text,
)

_RIASEC_PATTERN = re.compile(r"^[RIASEC]{1,2}$")

_METIER_KEYS = {
    "code": True,
    "title": True,
    "riasec": True,
    "domain": True,
    "description": True,
    "access": True,
    "training_duration": True,
    "sources": False,
}
_SOURCE_KEYS = {"url": True, "title": True, "checked": True}  # sans `valid_until` : rien ne le relirait
# Une voie d'accès qui énonce une obligation légale (diplôme d'État, carte, agrément…) est un fait
# réglementé : comme tout fait du guide, elle dit d'où elle vient (clé `sources` du métier).
REGULATED_ACCESS = re.compile(
    r"obligatoire|exigée?s?\b|diplôme d'État|carte professionnelle|agrément|autorisation|"
    r"permis d'exploitation|Ordre des|habilitation",
    re.IGNORECASE,
)
_TEST_KEYS = {"title": True, "intro": True, "disclaimer": True, "scale": True, "dimensions": True, "items": True}
_SCALE_KEYS = {"value": True, "label": True}
_DIMENSION_KEYS = {"code": True, "name": True, "description": True}
_ITEM_KEYS = {"id": True, "dimension": True, "text": True}


def load_catalogue(path: Path, display_name: str | None = None) -> Catalogue:
    """Lit et valide `metiers.yaml` ; lève `CatalogueError` avec tous ses problèmes."""
    name = display_name or str(path)
    checker = _Checker()
    root = _root(path, name, "Le catalogue des métiers")
    metiers: list[Metier] = []
    domains: dict[str, str] = {}
    if isinstance(root, yaml.MappingNode):
        fields = checker.fields(root, "", {"domaines": False, "metiers": True}) or {}
        domains = checker.domains(fields.get("domaines"))
        seen: dict[str, str] = {}
        for i, node in enumerate(checker.sequence(fields.get("metiers"), "metiers")):
            metier = checker.metier(node, f"metiers[{i}]", seen)
            if metier is not None:
                metiers.append(metier)
                if domains and metier.domain not in domains:
                    unnamed = f"le domaine « {metier.domain} » n'a pas de nom dans « domaines »"
                    checker.report(node, f"metiers[{i}]", unnamed)
        if not metiers and not checker.problems:
            checker.report(root, "metiers", "le catalogue ne contient aucun métier")
    else:
        checker.report(root, "", "le fichier doit contenir une clé « metiers » suivie d'une liste")
    checker.raise_problems(name, "Le catalogue des métiers")
    return Catalogue(tuple(metiers), name, tuple(sorted(domains.items())))


def load_interest_test(path: Path, display_name: str | None = None) -> InterestTest:
    """Lit et valide `interets.yaml` ; lève `CatalogueError` avec tous ses problèmes."""
    name = display_name or str(path)
    checker = _Checker()
    what = "Le test d'intérêts"
    root = _root(path, name, what)
    if not isinstance(root, yaml.MappingNode):
        checker.report(root, "", "le fichier doit être un dictionnaire (title, intro, scale, dimensions, items…)")
        checker.raise_problems(name, what)
    f = checker.fields(root, "", _TEST_KEYS) or {}
    title = checker.text(f.get("title"), "title")
    intro = checker.text(f.get("intro"), "intro")
    disclaimer = checker.text(f.get("disclaimer"), "disclaimer")
    scale = checker.scale(f.get("scale"))
    dimensions = checker.dimensions(f.get("dimensions"))
    items = checker.items(f.get("items"))
    checker.raise_problems(name, what)
    assert title is not None and intro is not None and disclaimer is not None
    return InterestTest(title, intro, disclaimer, scale, dimensions, items, name)


def _root(path: Path, name: str, what: str) -> yaml.Node:
    try:
        root = compose(read_text(path))
    except YamlSourceError as exc:
        raise CatalogueError(what, [exc.problem.render(name)]) from None
    if root is None:
        raise CatalogueError(what, [Problem(1, 1, "", "le fichier est vide").render(name)])
    return root


class _Checker(ContentReader):
    """Les contrôles communs : clés attendues, textes non vides, listes."""

    def raise_problems(self, name: str, what: str) -> None:
        if self.problems:
            ordered = sorted(self.problems, key=lambda p: (p.line, p.column))
            raise CatalogueError(what, [p.render(name) for p in ordered])

    def value(self, node: yaml.Node | None, path: str) -> Any:
        return None if node is None else self.plain(node, path)

    def text(self, node: yaml.Node | None, path: str) -> str | None:
        if node is None:
            return None
        value = self.plain(node, path)
        if not isinstance(value, str):
            self.report(node, path, "texte attendu")
            return None
        if not value.strip():
            self.report(node, path, "texte vide : écris quelque chose")
            return None
        return value.strip()

    def sequence(self, node: yaml.Node | None, path: str) -> list[yaml.Node]:
        if node is None:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, path, "liste attendue (éléments précédés de « - »)")
            return []
        if not self.visit(node, path):
            return []
        return list(node.value)

    # --- metiers.yaml ---------------------------------------------------------------

    def domains(self, node: yaml.Node | None) -> dict[str, str]:
        """`domaines:` : le nom de chaque grand domaine du ROME (`K: Services à la personne…`)."""
        if node is None:
            return {}
        if not self.visit(node, "domaines") or not isinstance(node, yaml.MappingNode):
            self.report(node, "domaines", "dictionnaire attendu (une lettre : son nom)")
            return {}
        found = {}
        for letter, key_node, value_node in self.mapping_items(node, "domaines"):
            name = self.text(value_node, join("domaines", letter))
            if len(letter) != 1 or not "A" <= letter <= "N":
                self.report(key_node, join("domaines", letter), f"« {letter} » : une lettre de A à N attendue")
            elif name is not None:
                found[letter] = name
        return found

    def metier(self, node: yaml.Node, path: str, seen: dict[str, str]) -> Metier | None:
        f = self.fields(node, path, _METIER_KEYS) or {}
        if not f:
            return None
        code = self.text(f.get("code"), join(path, "code"))
        if code is not None and not CODE_PATTERN.match(code):
            self.report(
                f["code"], join(path, "code"), f"code ROME invalide « {code} » (une lettre A à N et 4 chiffres)"
            )
            code = None
        if code is not None and code in seen:
            self.report(f["code"], join(path, "code"), f"code en double « {code} » (déjà à {seen[code]})")
            code = None
        if code is not None:
            seen[code] = path
        title = self.text(f.get("title"), join(path, "title"))
        riasec = self.text(f.get("riasec"), join(path, "riasec"))
        if riasec is not None and (not _RIASEC_PATTERN.match(riasec) or len(set(riasec)) != len(riasec)):
            self.report(
                f["riasec"],
                join(path, "riasec"),
                f"lettres RIASEC invalides « {riasec} » (une ou deux lettres distinctes parmi R, I, A, S, E, C)",
            )
            riasec = None
        domain = self.text(f.get("domain"), join(path, "domain"))
        if domain is not None and code is not None and domain != code[0]:
            self.report(
                f["domain"], join(path, "domain"), f"le domaine « {domain} » doit être la lettre du code ({code[0]})"
            )
            domain = None
        description = self.text(f.get("description"), join(path, "description"))
        duration = self.text(f.get("training_duration"), join(path, "training_duration"))
        access = self.text_list(f.get("access"), join(path, "access"))
        sources = self.sources(f.get("sources"), join(path, "sources"), _SOURCE_KEYS)
        if access is not None and not sources and "sources" not in f:
            self.require_sources(f["access"], join(path, "access"), access)
        if None in (code, title, riasec, domain, description, duration, access):
            return None
        return Metier(code, title, riasec, domain, description, access, duration, sources)  # type: ignore[arg-type]

    def require_sources(self, node: yaml.Node, path: str, access: tuple[str, ...]) -> None:
        """Une voie d'accès réglementée sans source : signalée à l'endroit du premier texte concerné."""
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        for i, (text, item) in enumerate(zip(access, items, strict=False)):
            found = REGULATED_ACCESS.search(text)
            if found:
                self.report(
                    item,
                    f"{path}[{i}]",
                    f"« {found.group(0)} » : une voie d'accès réglementée doit être sourcée ; "
                    "ajoute une clé « sources » à ce métier",
                )
                return

    def text_list(self, node: yaml.Node | None, path: str) -> tuple[str, ...] | None:
        if node is None:
            return None
        items = self.filled_list(node, path, "la liste est vide")
        if not items:
            return None
        texts = [self.text(item, f"{path}[{i}]") for i, item in enumerate(items)]
        if any(t is None for t in texts):
            return None
        return tuple(t for t in texts if t is not None)

    # --- interets.yaml ---------------------------------------------------------------

    def scale(self, node: yaml.Node | None) -> tuple[ScalePoint, ...]:
        points: list[ScalePoint] = []
        for i, item in enumerate(self.sequence(node, "scale")):
            path = f"scale[{i}]"
            f = self.fields(item, path, _SCALE_KEYS) or {}
            value = self.value(f.get("value"), join(path, "value"))
            label = self.text(f.get("label"), join(path, "label"))
            if "value" in f and (isinstance(value, bool) or not isinstance(value, int)):
                self.report(f["value"], join(path, "value"), "nombre entier attendu")
                continue
            if points and isinstance(value, int) and value <= points[-1].value:
                self.report(f["value"], join(path, "value"), "les valeurs de l'échelle doivent aller en croissant")
                continue
            if isinstance(value, int) and label is not None:
                points.append(ScalePoint(value, label))
        if node is not None and len(points) < 2 and not self.problems:
            self.report(node, "scale", "l'échelle doit avoir au moins deux niveaux")
        return tuple(points)

    def dimensions(self, node: yaml.Node | None) -> tuple[Dimension, ...]:
        result: list[Dimension] = []
        for i, item in enumerate(self.sequence(node, "dimensions")):
            path = f"dimensions[{i}]"
            f = self.fields(item, path, _DIMENSION_KEYS) or {}
            code = self.text(f.get("code"), join(path, "code"))
            name = self.text(f.get("name"), join(path, "name"))
            description = self.text(f.get("description"), join(path, "description"))
            if code is not None and (code not in RIASEC or len(code) != 1):
                self.report(f["code"], join(path, "code"), f"dimension inconnue « {code} » (R, I, A, S, E ou C)")
                continue
            if code is not None and any(d.code == code for d in result):
                self.report(f["code"], join(path, "code"), f"dimension en double « {code} »")
                continue
            if code and name and description:
                result.append(Dimension(code, name, description))
        missing = [c for c in RIASEC if all(d.code != c for d in result)]
        if node is not None and missing and isinstance(node, yaml.SequenceNode):
            self.report(
                node,
                "dimensions",
                f"{'dimensions manquantes' if len(missing) > 1 else 'dimension manquante'} : {', '.join(missing)}",
            )
        order = {c: i for i, c in enumerate(RIASEC)}
        return tuple(sorted(result, key=lambda d: order[d.code]))

    def items(self, node: yaml.Node | None) -> tuple[Item, ...]:
        result: list[Item] = []
        seen: set[str] = set()
        for i, item in enumerate(self.sequence(node, "items")):
            path = f"items[{i}]"
            f = self.fields(item, path, _ITEM_KEYS) or {}
            item_id = self.text(f.get("id"), join(path, "id"))
            if item_id is not None and (problem := identifier_problem(item_id)):
                self.report(f["id"], join(path, "id"), problem)
                item_id = None
            if item_id is not None and item_id in seen:
                self.report(f["id"], join(path, "id"), f"identifiant en double « {item_id} »")
                item_id = None
            dimension = self.text(f.get("dimension"), join(path, "dimension"))
            if dimension is not None and (dimension not in RIASEC or len(dimension) != 1):
                self.report(f["dimension"], join(path, "dimension"), f"dimension inconnue « {dimension} »")
                dimension = None
            text = self.text(f.get("text"), join(path, "text"))
            if item_id and dimension and text:
                seen.add(item_id)
                result.append(Item(item_id, dimension, text))
        if node is not None and isinstance(node, yaml.SequenceNode):
            empty = [c for c in RIASEC if all(it.dimension != c for it in result)]
            if empty and not self.problems:
                self.report(node, "items", f"aucune activité pour la ou les dimensions : {', '.join(empty)}")
        return tuple(result)
