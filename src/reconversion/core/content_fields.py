"""Les champs que le guide, le catalogue des métiers et le fichier des financements écrivent pareil.

Une valeur simple, une adresse https://, une date AAAA-MM-JJ et surtout la liste `sources:`
(`{url, title, checked: AAAA-MM-JJ, valid_until: AAAA-MM-JJ}`), lues et vérifiées ici une seule
fois : les trois chargeurs (`guide_loader`, `catalogue_loader`, `funding_loader`) en héritent, et
une source mal écrite reçoit le même message où qu'elle soit. Pur : ne lit que des nœuds YAML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import yaml

from reconversion.core.model import Source
from reconversion.core.yaml_source import NodeReader, join, position

# Les clés d'une source : True = obligatoire.
SOURCE_KEYS = {"url": True, "title": True, "checked": True, "valid_until": False}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_iso_day(text: str) -> bool:
    """Vrai pour une date du calendrier écrite AAAA-MM-JJ (« 2026-02-30 » ne l'est pas)."""
    if not _ISO_DAY.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


class ContentReader(NodeReader):
    """Les champs communs aux fichiers de contenu ; chaque chargeur dit ce qu'est un texte et une liste."""

    def text(self, node: yaml.Node | None, path: str) -> str | None:
        raise NotImplementedError

    def sequence(self, node: yaml.Node | None, path: str) -> list[yaml.Node]:
        raise NotImplementedError

    def filled_list(self, node: yaml.Node, path: str, empty: str) -> list[yaml.Node]:
        """Les éléments d'une liste qui, écrite, ne doit pas être vide (sinon le problème `empty`)."""
        items = self.sequence(node, path)
        if not items and isinstance(node, yaml.SequenceNode):
            self.report(node, path, empty)
        return items

    def records(
        self, node: yaml.Node, path: str, keys: dict[str, bool], what: str, empty: str
    ) -> Iterator[tuple[str, dict[str, yaml.Node]]]:
        """Chaque dictionnaire d'une liste écrite non vide, avec son chemin (`sources[2]`) ; un élément
        mal formé est signalé par `fields` et sauté, pour que les autres soient tous lus."""
        for i, item in enumerate(self.filled_list(node, path, empty)):
            item_path = f"{path}[{i}]"
            found = self.fields(item, item_path, keys, what)
            if found is not None:
                yield item_path, found

    def scalar_value(self, node: yaml.Node, path: str) -> tuple[bool, Any]:
        """(True, valeur) pour une valeur simple ; (False, None) et un problème sinon."""
        if not self.visit(node, path):
            return False, None
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, path, "valeur simple attendue, pas une liste ni un dictionnaire")
            return False, None
        return True, self.scalar(node)

    def url(self, node: yaml.Node | None, path: str) -> str | None:
        value = self.text(node, path)
        if value is None or node is None:
            return None
        parsed = urlparse(value)
        if parsed.scheme != "https" or not parsed.netloc or " " in value:
            self.report(node, path, f"adresse refusée « {value} » : seules les adresses https:// sont acceptées")
            return None
        return value

    def day(self, node: yaml.Node | None, path: str, what: str = "date") -> str | None:
        """Une date AAAA-MM-JJ ; sinon « {what} invalide … »."""
        if node is None:
            return None
        ok, value = self.scalar_value(node, path)
        if not ok:
            return None
        text = "" if isinstance(value, bool) else str(value)
        if not is_iso_day(text):
            self.report(node, path, f"{what} invalide « {value} » : écris-la AAAA-MM-JJ")
            return None
        return text

    def checked_date(self, node: yaml.Node | None, path: str) -> str | None:
        return self.day(node, path, "date de vérification")

    def sources(self, node: yaml.Node | None, path: str, keys: dict[str, bool] = SOURCE_KEYS) -> tuple[Source, ...]:
        """La liste `sources:` d'un objet (`keys` : les clés permises, `SOURCE_KEYS` ou une partie)."""
        if node is None:
            return ()
        empty = "liste de sources vide : retire la clé ou ajoute une source"
        result = []
        for item_path, f in self.records(node, path, keys, "une source", empty):
            url = self.url(f.get("url"), join(item_path, "url"))
            title = self.text(f.get("title"), join(item_path, "title"))
            checked = self.checked_date(f.get("checked"), join(item_path, "checked"))
            valid_until = self.checked_date(f.get("valid_until"), join(item_path, "valid_until")) or ""
            if url and title and checked:
                line, column = position(f["checked"])
                result.append(Source(url, title, checked, line, column, join(item_path, "checked"), valid_until))
        return tuple(result)
