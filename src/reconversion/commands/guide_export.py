"""`reconversion guide export` : le guide entier en livre Markdown, un format du registre des exports."""

from __future__ import annotations

from reconversion.commands.common.delivery import ForceOption, OutputOption, deliver
from reconversion.commands.common.options import GuideOption
from reconversion.commands.common.profile_access import load_guide


def guide_export(
    output: OutputOption = None,
    force: ForceOption = False,
    guide_path: GuideOption = None,
) -> None:
    """Exporter tout le guide en livre Markdown à lire, imprimer et remplir à la main."""
    from reconversion.commands.common.today import plan_date
    from reconversion.core.export_formats import find_format, render
    from reconversion.core.plan_data import gather_plan

    book = find_format("livre")
    assert book is not None  # une ligne de la table `core.export_formats.FORMATS`
    plan = gather_plan(load_guide(guide_path), today=plan_date())  # le livre ne lit aucun carnet
    path = deliver(render(book, plan), output, book.file_name, force=force, private=book.private)
    if path is not None:
        print(f"Le guide complet est prêt : {path}")
