"""Ce que chaque fichier de l'export du ROME doit contenir, et la forme de ses CSV.

Une spécification par fichier (`FileSpec`) : son préfixe, ses colonnes, et la fonction qui lit
chacune de ses lignes dans `RomeData`. La table de ces spécifications est dans `rome_import.py`,
les lecteurs des fichiers de compétences dans `rome_skills.py` : tous deux s'appuient sur ce
module-ci, et aucun n'importe l'autre dans ce sens (pas de cycle).

La lecture (`imports/export_rows.py`, commune avec les certifications) est bornée dans son
ensemble (`core.limits.ImportBudget` : octets et lignes, tous fichiers compris), fichier par
fichier (`MAX_FILE_BYTES`) et ligne par ligne (`MAX_IMPORT_LINE`) : un fichier démesuré est arrêté
dès la borne atteinte, avant que la mémoire ne suive.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from reconversion.adapters.imports.export_rows import CsvDialect, Problems
from reconversion.core.capitals import with_accents
from reconversion.core.limits import MAX_IMPORT_LINE, show
from reconversion.core.text_safety import clean_label

MAX_FILE_BYTES = 64 * 1024 * 1024  # un seul fichier (le plus gros du ROME v460 : moins de 3 Mo)
# Les CSV du ROME : séparés par des virgules, colonnes en minuscules, lignes courtes.
ROME_CSV = CsvDialect(",", "des virgules", "l'export du ROME", re.compile(r"^[a-z0-9_]{1,40}$"), MAX_IMPORT_LINE)

_CODE = re.compile(r"^[A-N][0-9]{4}$")
_OGR = re.compile(r"^[0-9]{1,12}$")


@dataclass
class RomeData:
    """Le contenu vérifié d'un export, prêt à écrire (et, pendant la lecture, ce que les fichiers
    suivants consultent : compétences, savoirs, contextes)."""

    version: str
    titles: dict[str, str] = field(default_factory=dict)
    riasec: dict[str, str] = field(default_factory=dict)
    appellations: list[tuple[int, str, str, bool, bool]] = field(default_factory=list)
    seen_ogr: set[int] = field(default_factory=set)
    mobilites: list[tuple[str, str, int]] = field(default_factory=list)
    domains: dict[str, str] = field(default_factory=dict)
    version_info: dict[str, str] = field(default_factory=dict)
    skills: dict[int, tuple[str, str, int | None, str]] = field(default_factory=dict)  # kind, label, macro, group
    fiche_skills: set[tuple[str, int]] = field(default_factory=set)
    competences: dict[int, tuple[str, str, int | None, int]] = field(default_factory=dict)  # + ligne
    savoirs: dict[int, tuple[str, str]] = field(default_factory=dict)
    contexts: set[int] = field(default_factory=set)


# Lit une ligne (`where` = « fichier:ligne ») dans les données ; dit ses problèmes.
RowReader = Callable[[RomeData, str, dict[str, str], Problems], None]
# Vérifie un fichier une fois toutes ses lignes lues (`name` = son nom).
FileCheck = Callable[[RomeData, str, Problems], None]


@dataclass(frozen=True)
class FileSpec:
    """Un fichier de l'export : sa clé, son préfixe, ses colonnes, la lecture de ses lignes."""

    key: str
    prefix: str
    columns: tuple[str, ...]
    read_row: RowReader
    required: bool = True
    check: FileCheck | None = None

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(rf"^{re.escape(self.prefix)}_v(\d+)_utf8\.csv$")

    def name(self, version: str = "<version>") -> str:
        return f"{self.prefix}_v{version}_utf8.csv"


def label(text: str) -> str:
    """Un libellé du ROME : nettoyé comme tout libellé importé (`text_safety.clean_label` : contrôles,
    restes d'un autre encodage, apostrophes doublées), puis ses capitales retrouvent leur accent
    (« Électricien », `core/capitals`) : le ROME les écrit sans. C'est ici que tout libellé du ROME passe.
    """
    return with_accents(clean_label(text))


def code(value: str, where: str, column: str, problems: Problems) -> str | None:
    if _CODE.match(value):
        return value
    problems.add(
        where, f"code ROME invalide « {show(value)} » dans la colonne {column} (une lettre A à N et 4 chiffres)"
    )
    return None


def ogr(value: str, where: str, column: str, problems: Problems) -> int | None:
    if _OGR.match(value):
        return int(value)
    problems.add(where, f"identifiant invalide « {show(value)} » dans la colonne {column} (des chiffres)")
    return None
