"""Affiche `jobs compare` et `jobs bridges` sans rich (démarrage chronométré, voir `terminal_style`).

Les libellés viennent des fichiers du ROME importés : ils passent tous par `one_line()` avant
d'atteindre le terminal (aucune séquence d'échappement ne peut le piloter).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reconversion.adapters.screen.relaunch import program
from reconversion.adapters.screen.terminal_style import Style, style_for
from reconversion.core.skills import KIND_TITLES, Skill, grouped
from reconversion.core.text_safety import one_line

if TYPE_CHECKING:
    from reconversion.core.schemas import BridgesReport, ComparisonReport, SkillJson


def percent(value: float) -> str:
    return f"{round(value * 100)} %"


def print_comparison(report: ComparisonReport, style: Style | None = None) -> None:
    style = style or style_for()
    source, target = report["from"], report["to"]
    print(style(f"De {source} — {one_line(report['from_title'])}", "bold"))
    print(style(f"vers {target} — {one_line(report['to_title'])}", "bold"))
    shared, missing = report["shared"], report["to_acquire"]
    routes = report.get("routes", [])
    total = len(shared) + len(missing)
    if not total and not routes:
        print("Le ROME importé ne liste aucune compétence pour ce métier : rien à comparer.")
        return
    if total:
        print(
            f"Tu as déjà {len(shared)} des {total} compétences demandées ({percent(report['coverage'])}), "
            f"il t'en reste {len(missing)} à acquérir."
        )
        _section("Ce que tu sais déjà faire", shared, style)
        _section("Ce qu'il te reste à acquérir", missing, style)
    if routes:
        _routes(routes, target, style)
    print(
        style(
            "\nC'est un point de départ pour en parler avec un conseiller ou une conseillère : le ROME décrit "
            "des métiers, pas ton parcours, et une compétence proche n'est pas toujours reconnue sans formation.",
            "dim",
        )
    )
    if report.get("source"):
        print(style(f"\n{one_line(report['source'])}", "dim"))


def _routes(routes: Sequence[SkillJson], target: str, style: Style) -> None:
    """Les diplômes, titres et habilitations cités par le ROME : une fois, à part, sans les compter (revue S3)."""
    print(style(f"\nDiplômes, titres et habilitations cités par le ROME ({len(routes)})", "bold"))
    print(
        "  Ce ne sont pas des compétences à cumuler mais des voies d'accès : le plus souvent, l'un d'eux suffit, "
        "et certains ne sont plus délivrés."
    )
    for item in routes:
        print(f"    • {one_line(item['label'])}")
    print(style(f"  Ceux qui sont délivrés aujourd'hui, leur niveau et la VAE : {program()} jobs show {target}", "dim"))


def _section(title: str, items: Sequence[SkillJson], style: Style) -> None:
    print(style(f"\n{title} ({len(items)})", "bold"))
    if not items:
        print("  (aucune)")
        return
    skills = [Skill(i["code"], i["label"], i["kind"], i["group"]) for i in items]
    kind_shown = None
    for kind, group, members in grouped(skills):
        if kind != kind_shown:
            print(f"  {style(KIND_TITLES.get(kind, kind), 'dim')}")
            kind_shown = kind
        if group and not (len(members) == 1 and members[0].label == group):
            print(f"    {one_line(group)} :")
            indent = "      "
        else:
            indent = "    "
        for skill in members:
            print(f"{indent}• {one_line(skill.label)}")


def print_bridges(report: BridgesReport, style: Style | None = None) -> None:
    style = style or style_for()
    print(style(f"Passerelles depuis {report['from']} — {one_line(report['from_title'])}", "bold"))
    results = report["results"]
    if not results:
        print(
            "Aucun métier ne partage de compétence avec celui-ci, avec ces filtres : essaie sans --riasec ni --domain."
        )
        return
    print("Métiers classés selon la part de leurs compétences que tu as déjà :")
    for item in results:
        mark = "  ◆" if item["mobilite"] else ""
        letters = f"  [{one_line(item['riasec'])}]" if item["riasec"] else ""
        print(
            f"  {percent(item['coverage']):>5}  {item['code']}  {one_line(item['title'])}{letters}"
            f"  ({item['shared']} sur {item['total']}){mark}"
        )
    if any(item["mobilite"] for item in results):
        print("◆ : une mobilité que le ROME propose aussi depuis ton métier.")
    print(f"Pour le détail : {program()} jobs compare {report['from']} {results[0]['code']}")
    if report.get("source"):
        print(style(one_line(report["source"]), "dim"))
