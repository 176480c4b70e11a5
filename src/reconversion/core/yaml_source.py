"""Lecture sûre d'un fichier YAML, en gardant la position (ligne, colonne) de chaque nœud.

On s'arrête au graphe de nœuds de PyYAML (`compose`) : rien n'est construit, donc aucune
étiquette `!!python/...` ne peut exécuter de code, et chaque valeur garde sa position pour
des messages `FICHIER:LIGNE:COL`. Les alias sont refusés, ce qui écarte aussi les « bombes »
d'alias imbriqués.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # Le chargeur C est bien plus rapide ; PyYAML pur Python reste un repli correct.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - dépend de l'installation de PyYAML
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2 * 1024 * 1024
# Les identifiants du guide et du catalogue (étapes, questions, actions, activités du test…).
IDENTIFIER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

# Les messages de PyYAML sont en anglais : on traduit les plus courants.
_YAML_PROBLEMS = [
    (r"could not find expected ':'", "il manque « : » après une clé"),
    (r"mapping values are not allowed here", "« : » inattendu (une valeur contient-elle « : » sans guillemets ?)"),
    (r"found character '\\t' that cannot start any token", "tabulation interdite : indente avec des espaces"),
    (r"found character .* that cannot start any token", "caractère inattendu en début de valeur"),
    (r"found unexpected end of stream", "fin de fichier inattendue (guillemet ou crochet non fermé ?)"),
    (r"found undefined alias", "alias YAML inconnu"),
    (r"did not find expected key", "clé attendue à cet endroit (indentation incorrecte ?)"),
    (r"did not find expected '-' indicator", "élément de liste attendu (indentation incorrecte ?)"),
    (r"did not find expected ',' or '\]'", "liste entre crochets mal fermée"),
    (r"did not find expected ',' or '\}'", "dictionnaire entre accolades mal fermé"),
    (r"found duplicate anchor", "ancre YAML en double"),
    (r"expected <block end>, but found", "indentation incorrecte"),
    (r"found unknown escape character", "séquence d'échappement inconnue dans une chaîne entre guillemets"),
    (r"expected alphabetic or numeric character", "ancre ou alias YAML mal formé"),
]


@dataclass(frozen=True)
class Problem:
    """Un problème situé dans un fichier : rendu `FICHIER:LIGNE:COL: chemin: message`."""

    line: int
    column: int
    path: str
    message: str

    def render(self, filename: str) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{filename}:{self.line}:{self.column}: {where}{self.message}"


class YamlSourceError(Exception):
    """Le fichier ne peut pas du tout être lu comme YAML ; porte un seul problème."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def position(node: yaml.Node) -> tuple[int, int]:
    """Ligne et colonne (à partir de 1) du début d'un nœud."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Lit un fichier texte UTF-8 en refusant les fichiers trop gros avant de les lire."""
    try:
        data = read_bounded(path, max_bytes)
    except InputFileError as exc:
        raise YamlSourceError(Problem(1, 1, "", exc.reason)) from None
    return decode_utf8(data)


class InputFileError(ValueError):
    """Un fichier donné en entrée qu'on ne lit pas : `reason` dit pourquoi, en français."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """Les octets d'un fichier ordinaire, jamais plus de `max_bytes` : un tube ou un périphérique
    (`/dev/zero`) ne peut ni bloquer la commande ni remplir la mémoire.

    Le fichier est ouvert sans attendre (O_NONBLOCK), son type vérifié sur le descripteur ouvert,
    et la lecture s'arrête à la limite, même si la taille annoncée était fausse.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputFileError("fichier introuvable") from None
    except IsADirectoryError:
        raise InputFileError("c'est un dossier, pas un fichier") from None
    except OSError as exc:
        raise InputFileError(f"fichier illisible ({exc.strerror})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError("c'est un dossier, pas un fichier")
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError("ce n'est pas un fichier ordinaire (tube, périphérique…)")
        if info.st_size > max_bytes:
            raise InputFileError(_too_big(info.st_size, max_bytes))
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise InputFileError(_too_big(total, max_bytes))
        return b"".join(chunks)
    except OSError as exc:
        raise InputFileError(f"fichier illisible ({exc.strerror})") from None
    finally:
        os.close(fd)


def _too_big(size: int, max_bytes: int) -> str:
    mib = max_bytes / (1024 * 1024)
    return f"fichier trop gros ({size} octets) : la limite est de {mib:g} Mio"


def decode_utf8(data: bytes) -> str:
    """Décode en UTF-8 (BOM accepté) ; situe le premier octet invalide."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlSourceError(
            Problem(line, column, "", "le fichier n'est pas encodé en UTF-8 (enregistre-le en UTF-8)")
        ) from None


def compose(text: str) -> yaml.Node | None:
    """Analyse le texte en nœuds YAML, sans rien construire. None si le document est vide."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlSourceError(Problem(line, column, "", _translate(exc.problem or str(exc)))) from None
    except yaml.YAMLError as exc:
        raise YamlSourceError(Problem(1, 1, "", _translate(str(exc)))) from None


def _translate(problem: str) -> str:
    for pattern, french in _YAML_PROBLEMS:
        if re.search(pattern, problem):
            return f"erreur de syntaxe YAML : {french}"
    return f"erreur de syntaxe YAML ({problem})"


class NodeReader:
    """Parcourt un graphe de nœuds en relevant les problèmes au lieu de lever des exceptions.

    Chaque nœud n'est visité qu'une fois : un nœud déjà vu est un alias, refusé.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._constructor = yaml.constructor.SafeConstructor()

    def report(self, node: yaml.Node, path: str, message: str) -> None:
        line, column = position(node)
        self.problems.append(Problem(line, column, path, message))

    def visit(self, node: yaml.Node, path: str) -> bool:
        """Marque le nœud comme lu ; False (et un problème) s'il est interdit."""
        if id(node) in self._seen:
            self.report(node, path, "les ancres et alias YAML (&, *) ne sont pas acceptés")
            return False
        self._seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            self.report(node, path, f"étiquette YAML non autorisée « {node.tag} » (rien n'a été exécuté)")
            return False
        return True

    def mapping_items(self, node: yaml.MappingNode, path: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """Les paires (clé, nœud clé, nœud valeur) d'un dictionnaire ; clés en double signalées."""
        items: list[tuple[str, yaml.Node, yaml.Node]] = []
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.report(key_node, path, "clé invalide : une clé doit être un simple mot")
                continue
            if not self.visit(key_node, path):
                continue
            key = str(key_node.value)
            if key in seen:
                self.report(key_node, join(path, key), f"clé en double « {key} »")
                continue
            seen.add(key)
            items.append((key, key_node, value_node))
        return items

    def fields(
        self, node: yaml.Node, path: str, keys: dict[str, bool], what: str = "cette valeur"
    ) -> dict[str, yaml.Node] | None:
        """Les valeurs d'un dictionnaire (`keys` : clé -> obligatoire), après contrôle des clés
        inconnues (avec la clé la plus proche, sinon la liste des clés possibles) et manquantes."""
        if not self.visit(node, path):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.report(node, path, f"{what} : dictionnaire attendu (clé: valeur)")
            return None
        found: dict[str, yaml.Node] = {}
        for key, key_node, value_node in self.mapping_items(node, path):
            if key not in keys:
                hint = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.7)
                detail = f"voulais-tu dire « {hint[0]} » ?" if hint else f"clés possibles : {', '.join(keys)}"
                self.report(key_node, join(path, key), f"clé inconnue « {key} » ({detail})")
                continue
            found[key] = value_node
        for key, required in keys.items():
            if required and key not in found:
                self.report(node, path, f"clé obligatoire manquante « {key} »")
        return found

    def scalar(self, node: yaml.ScalarNode) -> Any:
        """La valeur Python d'un scalaire (dates ISO rendues en texte AAAA-MM-JJ)."""
        try:
            value = self._constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError):
            return node.value
        if hasattr(value, "isoformat"):
            return value.isoformat()
        return value

    def plain(self, node: yaml.Node, path: str) -> Any:
        """Convertit un sous-arbre en valeurs Python simples (dict, list, scalaires)."""
        if not self.visit(node, path):
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.plain(child, f"{path}[{i}]") for i, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return {key: self.plain(value, join(path, key)) for key, _, value in self.mapping_items(node, path)}


def identifier_problem(value: str) -> str | None:
    """Ce qui ne va pas dans un identifiant du guide ou du catalogue, ou None s'il est valide."""
    if IDENTIFIER.fullmatch(value):
        return None
    return f"identifiant invalide « {value} » (lettres, chiffres, _ et - seulement)"


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
