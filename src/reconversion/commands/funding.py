"""`reconversion funding` : ce que coûterait la formation visée, qui paie quoi, ce qui reste à ta charge
et de quoi tu vivrais pendant la formation, pour ta situation ; chaque chiffre avec sa source.

Une commande de lecture : elle ne crée ni n'écrit rien. Le prix et la durée viennent des options
(`--cout`, `--duree`), sinon des réponses de l'étape 3, sinon d'une question posée dans le terminal
(sans questionary : une simple ligne lue par la couture du terminal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from reconversion.adapters.screen.relaunch import hint
from reconversion.commands.common.options import GuideOption, JsonOption, ProfileOption
from reconversion.commands.common.profile_access import load_guide, opened
from reconversion.core.profile_name import DEFAULT_PROFILE
from reconversion.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from pathlib import Path

    from reconversion.core.funding import FundingResult
    from reconversion.core.funding_model import Funding as FundingData
    from reconversion.core.model import Guide, Step
    from reconversion.core.schemas import ChosenCertificationJson


def funding(
    ctx: typer.Context,
    profile: ProfileOption = DEFAULT_PROFILE,
    cout: Annotated[
        str | None,
        typer.Option(
            "--cout", help='Prix de la formation en euros, par exemple 4500 (ou "4 500 €", entre guillemets).'
        ),
    ] = None,
    duree: Annotated[
        str | None, typer.Option("--duree", help='Durée de la formation en mois, par exemple 9 (ou "9 mois", "1 an").')
    ] = None,
    nature: Annotated[
        str | None,
        typer.Option("--nature", help="bilan, rs ou permis : applique le plafond du CPF pour ce type de formation."),
    ] = None,
    as_json: JsonOption = False,
    guide_path: GuideOption = None,
) -> None:
    """Qui peut payer ta formation, ce qui reste à ta charge et de quoi tu vivrais pendant ce temps."""
    from reconversion.core import funding as calc
    from reconversion.core.funding_model import NATURES
    from reconversion.core.question_ids import COST_QUESTION, MONTHS_QUESTION, SITUATION

    if ctx.args:  # « --cout 4 500 € » sans guillemets : le terminal a coupé le montant aux espaces
        raise UsageError(
            f"« {' '.join(ctx.args)} » : un prix ou une durée qui contient des espaces s'écrit entre guillemets, "
            'par exemple --cout "4 500 €" --duree "9 mois" (ou --cout 4500 --duree 9).'
        )

    cost = calc.parse_cost(cout) if cout is not None else None
    months = calc.parse_months(duree) if duree is not None else None
    if nature is not None and nature not in NATURES:
        raise UsageError(f"--nature « {nature} » : choisis bilan, rs ou permis (ou n'indique rien).")
    guide = load_guide(guide_path)
    from reconversion.adapters.content.guide_files import load_funding

    data = load_funding(guide, guide_path)
    answers = _answers(profile)
    if answers.get(SITUATION) is None:
        raise UsageError(
            "Pour calculer ton financement, il faut d'abord connaître ta situation : "
            f"réponds à la question « {_label(guide, SITUATION)} » "
            f"avec « {hint('start --question situation', profile)} »."
        )
    _refuse_hours_with_cents(answers, guide, profile)
    if cost is None:
        cost = _stored_or_asked(
            answers,
            COST_QUESTION,
            "Prix de la formation, en euros (par exemple 4 500 €) : ",
            calc.parse_cost,
            "--cout",
        )
    if months is None:
        months = int(
            _stored_or_asked(
                answers,
                MONTHS_QUESTION,
                "Durée de la formation, en mois (par exemple 9 mois) : ",
                calc.parse_months,
                "--duree",
            )
        )
    from reconversion.commands.common.today import plan_date

    result = calc.compute(data, guide, answers, cost=float(cost), months=months, today=plan_date(), nature=nature)
    chosen = _chosen_certification(answers, plan_date())
    if as_json:
        from reconversion.adapters.screen.json_output import print_json

        print_json({**result, "certification": chosen})
        return
    _recall_certification(chosen, nature)
    _show(result, guide, profile)


def _chosen_certification(answers: dict[str, Any], today: Any) -> ChosenCertificationJson | None:
    """La certification visée (réponse `certification_visee`), complétée par l'export importé s'il la connaît."""
    from reconversion.core.question_ids import CHOSEN_CERTIFICATION

    if not answers.get(CHOSEN_CERTIFICATION):
        return None
    from reconversion.adapters.certifications.rncp_reports import chosen_certification
    from reconversion.adapters.certifications.rncp_store import CertStore
    from reconversion.adapters.storage.locations import data_home
    from reconversion.errors import StoreError

    try:
        store = CertStore.open(data_home())
    except StoreError:
        store = None
    try:
        return chosen_certification(store, answers.get(CHOSEN_CERTIFICATION), today)
    finally:
        if store is not None:
            store.close()


def _recall_certification(chosen: ChosenCertificationJson | None, nature: str | None) -> None:
    """La certification visée, rappelée avant les voies ; le plafond du RS signalé (issue 22)."""
    from reconversion.core.certifications import summary_text

    if chosen is None:
        return
    shown = summary_text(chosen["details"]) if chosen["details"] is not None else chosen["text"]
    print(f"La certification que tu vises : {shown}")
    if chosen["code"] and chosen["code"].startswith("RS") and nature is None:
        print("  Elle est inscrite au Répertoire spécifique : ajoute --nature rs pour appliquer le plafond du CPF.")


def _answers(profile: str) -> dict[str, Any]:
    with opened(profile) as store:
        return store.answers() if store is not None else {}


def _label(guide: Guide, question_id: str) -> str:
    question = guide.question(question_id)
    return (question.label or question.prompt) if question is not None else question_id


def _refuse_hours_with_cents(answers: dict[str, Any], guide: Guide, profile: str) -> None:
    """Un CPF en heures se compte en heures entières : une réponse avec des décimales est refusée, pas arrondie."""
    from reconversion.core.funding import CPF_HOURS

    hours = answers.get(CPF_HOURS)
    if isinstance(hours, float) and not hours.is_integer():
        shown = f"{hours:g}".replace(".", ",")
        raise UsageError(
            f"Tes heures de CPF ({shown}) : un nombre entier d'heures est attendu (le CPF des agents publics se "
            f"compte en heures). Corrige-le avec « {hint('start --question ' + CPF_HOURS, profile)} »."
        )


def _stored_or_asked(answers: dict[str, Any], question: str, prompt: str, parse: Any, option: str) -> float:
    """La réponse enregistrée, sinon une ligne demandée dans le terminal, sinon l'option à donner."""
    stored = answers.get(question)
    if isinstance(stored, (int, float)) and not isinstance(stored, bool):
        return float(parse(str(stored)))
    from reconversion.adapters.screen.terminal import can_ask, read_line

    if not can_ask():
        what, example = ("le prix", "4 500 €") if option == "--cout" else ("la durée", "9 mois")
        raise UsageError(f'Indique {what} de la formation avec {option} (par exemple {option} "{example}").')
    try:
        return float(parse(read_line(prompt)))
    except EOFError:
        raise UsageError(f"Rien n'a été saisi : indique-le avec {option}.") from None


def _show(result: FundingResult, guide: Guide, profile: str) -> None:
    from reconversion.core import funding_text as text
    from reconversion.core.model import OTHER_SITUATIONS_MESSAGE

    labels = text.question_labels(guide)
    print(text.heading(result))
    if not result["routes"]:
        print("\nAucune voie de financement ne ressort de tes réponses : parles-en à un conseiller CEP.")
    for number, route in enumerate(result["routes"], start=1):
        print(f"\n{number}. {route['label']}")
        for line in text.route_lines(route, labels, hint("calendrier", profile)):
            print(f"   {line}")
    if result["not_for_you"]:
        print("\nPas pour toi, et pourquoi :")
        for closed in result["not_for_you"]:
            print(f"  - {closed['label']} : {closed['reason']}")
    others = guide.message(OTHER_SITUATIONS_MESSAGE) if result["other_situations"] else ""
    if others:  # les dispositifs d'une autre situation : comptés, pas listés
        print(("  " if result["not_for_you"] else "\n") + others.format(nombre=len(result["other_situations"])))
    missing = text.missing_line(result, labels)
    if missing:
        print(f"\n{missing}")
    print(
        "\nCe sont des estimations, pas des décisions : chaque financeur décide pour ce qui le concerne. "
        "Chaque voie donne ses sources et la date où elles ont été vérifiées."
    )


def recap_hook(
    guide: Guide,
    guide_path: Path | None,
    today: dt.date,
    show: Callable[[list[str]], None],
    profile: str = DEFAULT_PROFILE,
) -> Callable[[Step, dict[str, Any]], None] | None:
    """Après le récapitulatif de l'étape désignée par le fichier des financements : les voies ouvertes,
    avec les mêmes chiffres que `funding`. None quand il n'y a pas de fichier des financements pour ce guide.

    Le fichier n'est lu qu'à la fin d'une étape : la première question de `start` n'attend pas PyYAML.
    """
    from reconversion.adapters.content.guide_files import FUNDING_FILE, load_funding

    if guide_path is not None and not (guide_path.parent / FUNDING_FILE).is_file():
        return None

    loaded: list[FundingData] = []  # lu à la première fin d'étape, puis gardé

    def after(step: Step, answers: dict[str, Any]) -> None:
        if not loaded:
            loaded.append(load_funding(guide, guide_path))
        data = loaded[0]
        if step.id == data.recap_after_step:
            from reconversion.core.funding_text import recap_lines

            show(recap_lines(data, guide, answers, today, hint("funding", profile)))

    return after
