"""Les formats d'export, dans une seule table : un format = un rendu du plan rassemblé + une ligne ici.

Chaque rendu est une fonction pure `Plan -> str` (voir `core/plan_data.py`), nommée par son
chemin (`module:fonction`) et importée seulement quand on s'en sert : le rendu HTML charge
markdown-it-py, l'agenda icalendar, et `reconversion export` sans option ne paie que le Markdown.
L'aide de `--format`, le message d'un format inconnu et le nom du fichier viennent d'ici.
"""

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, cast

if TYPE_CHECKING:
    from reconversion.core.plan_data import Plan


class ExportFormat(NamedTuple):
    """Un format : son nom, ses autres noms acceptés, ce qu'il contient, son fichier et son rendu.

    `file_name` reçoit la date du jour (`{day}`) ; `needs_profile` : sans profil, rien à écrire
    (une sauvegarde ou un agenda vides n'auraient pas de sens, un plan vide dit par où commencer) ;
    `in_export` : proposé par `reconversion export --format` (le livre du guide a sa commande).
    """

    name: str
    aliases: tuple[str, ...]
    what: str
    file_name: str
    renderer: str
    needs_profile: bool = False
    in_export: bool = True
    private: bool = True  # fichier lisible par la personne seule (le livre du guide n'a rien de personnel)


FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat("markdown", ("md",), "ton plan, par défaut", "plan-reconversion-{day}.md",
                 "reconversion.core.plan_markdown:render_plan"),
    ExportFormat("html", ("htm",), "ton plan à imprimer, avec images", "plan-reconversion-{day}.html",
                 "reconversion.core.plan_html:render_plan_html"),
    ExportFormat("json", (), "sauvegarde complète", "sauvegarde-reconversion-{day}.json",
                 "reconversion.core.backup:render_backup", needs_profile=True),
    ExportFormat("ics", ("ical",), "agenda", "agenda-reconversion-{day}.ics",
                 "reconversion.core.calendar_ics:render_calendar", needs_profile=True),
    ExportFormat("livre", (), "le guide entier, à lire et remplir à la main", "guide-complet-reconversion.md",
                 "reconversion.core.ebook:render_guide_book", in_export=False, private=False),
)  # fmt: skip


def export_choices() -> list[ExportFormat]:
    """Les formats proposés par `reconversion export`, dans l'ordre de l'aide."""
    return [f for f in FORMATS if f.in_export]


def find_format(name: str) -> ExportFormat | None:
    """Le format nommé (nom ou autre nom, sans tenir compte de la casse ni des espaces autour)."""
    wanted = name.strip().lower()
    return next((f for f in FORMATS if wanted == f.name or wanted in f.aliases), None)


def renderer(export_format: ExportFormat) -> "Callable[[Plan], str]":
    """La fonction de rendu du format, importée à l'usage."""
    module, function = export_format.renderer.split(":")
    return cast("Callable[[Plan], str]", getattr(importlib.import_module(module), function))


def render(export_format: ExportFormat, plan: "Plan") -> str:
    """Le texte du fichier de ce format pour ce plan."""
    return renderer(export_format)(plan)
