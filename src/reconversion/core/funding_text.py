"""Le calcul du financement dit en français : les mêmes phrases et les mêmes chiffres pour l'écran
(`funding`), le récapitulatif de l'étape et les plans. Pur : du texte brut, que chaque sortie
échappe à sa façon (la couture du terminal, le Markdown, le HTML).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from reconversion.core.dates import french_date
from reconversion.core.funding import FunderLine, FundingResult, IncomeLine, RouteResult
from reconversion.core.funding_model import DECISION_LABELS, Funding
from reconversion.core.model import Guide

_THIN = "\u202f"  # entre les milliers
_NBSP = "\u00a0"  # entre le nombre et son unité


FUNDING_COMMAND = "reconversion funding"  # écrit par chaque sortie telle que la personne lance l'outil
MISSING_PRICE = (
    "Réponds au prix et à la durée de la formation visée (étape 3) pour voir qui peut la payer "
    "et ce qui resterait à ta charge (ou lance « {command} »)."
)
NO_ROUTE = "Aucune voie ne ressort de tes réponses : parles-en à un conseiller ou une conseillère CEP."
DETAIL = (
    "Ce sont des estimations : chaque financeur décide. Le détail (qui décide, conditions, délais, sources) : {command}"
)


def detail(command: str = FUNDING_COMMAND) -> str:
    """La phrase qui renvoie au détail, avec la commande telle que la personne la tape (recopiable)."""
    return DETAIL.format(command=command)


def euros(value: float) -> str:
    """« 4 500 € », « 103,20 € » : à la française, espaces insécables compris."""
    whole = abs(value) == int(abs(value))
    text = f"{abs(value):,.0f}" if whole else f"{abs(value):,.2f}"
    text = text.replace(",", _THIN).replace(".", ",")
    return f"{'-' if value < 0 else ''}{text}{_NBSP}€"


def amount(value: float | None, unit: str = "€") -> str:
    """Un montant ou des heures ; « montant décidé au cas par cas » quand il n'est pas chiffrable."""
    if value is None:
        return "montant décidé au cas par cas"
    if unit == "h":
        return f"{value:g}{_NBSP}h".replace(".", ",")
    return euros(value)


def question_labels(guide: Guide) -> dict[str, str]:
    """Le nom de chaque question, pour dire à une personne quelle réponse manque (jamais son identifiant)."""
    return {q.id: q.label or q.prompt for q in guide.questions}


def funder_line(funder: FunderLine, labels: Mapping[str, str]) -> str:
    """« Compte personnel de formation (CPF) : 1 500 € (un droit) » ; un montant qui attend une
    réponse nomme la question par son libellé (`question_labels`)."""
    decision = DECISION_LABELS.get(funder["decision"], funder["decision"])
    paid = amount(funder["amount"], funder["unit"])
    if funder["missing"]:
        paid = f"à chiffrer : réponds à « {labels.get(funder['missing'], funder['missing'])} »"
    return f"{funder['label']} : {paid} ({decision})"


def monthly(line: IncomeLine) -> str:
    """« 2 200 €/mois pendant 9 mois » (brut quand c'est un salaire d'alternance)."""
    if line["monthly"] is None:
        return f"montant non chiffrable ici, pendant {line['months']}{_NBSP}mois"
    gross = " brut" if line["gross"] else ""
    return f"{euros(line['monthly'])}{gross} par mois pendant {line['months']}{_NBSP}mois"


def remaining(route: RouteResult) -> str:
    """Ce qui reste à payer, ou pourquoi ce n'est pas chiffrable."""
    if route["remaining"] is not None:
        return euros(route["remaining"])
    if any(f["unit"] == "h" for f in route["funders"]):
        return "à demander à ton administration (elle fixe ses propres plafonds)"
    return "non chiffrable sans les réponses qui manquent"


def heading(result: FundingResult) -> str:
    """Le prix, la durée, et la date de la vérification la plus ancienne parmi les règles utilisées
    (`funding.compute` : `checked` est le minimum des dates de leurs sources)."""
    return (
        f"Pour une formation à {euros(result['cost'])} sur {result['months']}{_NBSP}mois "
        f"(estimation ; règles vérifiées sur leurs sources, la plus ancienne "
        f"vérification date du {french_date(result['checked'])})"
    )


def summary(route: RouteResult) -> str:
    """Une ligne par voie, pour le récapitulatif et le plan : reste à charge et revenu du premier mois."""
    first = route["income"][0] if route["income"] else None
    living = f" ; pour vivre : {monthly(first)} (estimation)" if first else ""
    return f"{route['label']} : reste à ta charge {remaining(route)}{living}"


def route_lines(
    route: RouteResult, labels: Mapping[str, str], calendar_command: str = "reconversion calendrier"
) -> list[str]:
    """Le détail d'une voie : financeurs dans l'ordre, reste à charge, revenus, conditions, délais
    (avec la commande du calendrier telle que la personne lance l'outil)."""
    lines = ["Qui paie, dans l'ordre :"]
    for funder in route["funders"]:
        lines.append(f"  - {funder_line(funder, labels)} — décide : {funder['decided_by']}")
    if route["participation"]:
        lines.append(f"Participation forfaitaire : {euros(route['participation'])}, comprise dans le reste à ta charge")
    lines.append(f"Reste à ta charge : {remaining(route)}")
    if route["income"]:
        lines.append("Pour vivre pendant la formation (estimation) :")
        for line in route["income"]:
            lines.append(f"  - {line['label']} : {monthly(line)} — {line['basis']}")
    if route["conditions"]:
        lines.append("Conditions :")
        lines.extend(f"  - {text}" for text in route["conditions"])
    if route["deadlines"]:
        lines.append(f"Délais (voir aussi {calendar_command}) :")
        for deadline in route["deadlines"]:
            due = f" — au plus tard le {french_date(deadline['due'])}" if deadline["due"] else ""
            lines.append(f"  - {deadline['text']}{due}")
    if route["sources"]:
        lines.append("Sources :")
        lines.extend(
            f"  - {source['title']}, vérifiée le {french_date(source['checked'])} : {source['url']}"
            for source in route["sources"]
        )
    if route["outdated"]:
        lines.append(
            "Attention : une règle de cette voie a dépassé sa date de validité ou n'a pas été revérifiée depuis "
            "plus de 12 mois ; ses chiffres sont peut-être dépassés."
        )
    return lines


def missing_line(result: FundingResult, labels: Mapping[str, str]) -> str | None:
    """Les réponses qui manquent pour tout chiffrer, nommées (jamais devinées)."""
    if not result["missing"]:
        return None
    names = ", ".join(f"« {labels.get(q, q)} » ({q})" for q in result["missing"])
    return f"Pour chiffrer davantage, il manque : {names}."


def recap_lines(
    funding: Funding, guide: Guide, answers: Mapping[str, Any], today: dt.date, command: str = FUNDING_COMMAND
) -> list[str]:
    """Le résumé des voies pour le récapitulatif de l'étape et le plan, depuis les réponses enregistrées.

    Sans situation, prix ou durée, il dit quoi renseigner au lieu de deviner. `command` : la commande
    `funding` telle que la personne lance l'outil (l'écran la donne par `relaunch.hint`).
    """
    result = stored_result(funding, guide, answers, today)
    if result is None:
        return ["Financement : " + MISSING_PRICE[0].lower() + MISSING_PRICE[1:].format(command=command)]
    lines = ["Financement — " + heading(result)[0].lower() + heading(result)[1:] + " :"]
    lines += [f"  • {summary(route)}" for route in result["routes"]]
    if not result["routes"]:
        lines.append("  • " + NO_ROUTE)
    lines.append(f"Le détail (qui décide, conditions, délais, sources) : {command}")
    return lines


def stored_result(funding: Funding, guide: Guide, answers: Mapping[str, Any], today: dt.date) -> FundingResult | None:
    """Le calcul sur les réponses enregistrées (prix et durée de l'étape 3) ; None s'il en manque une."""
    from reconversion.core import engine
    from reconversion.core.funding import compute
    from reconversion.core.question_ids import COST_QUESTION, MONTHS_QUESTION, SITUATION

    effective = engine.effective_answers(guide, answers)
    cost, months = effective.get(COST_QUESTION), effective.get(MONTHS_QUESTION)
    if effective.get(SITUATION) is None or not isinstance(cost, (int, float)) or not isinstance(months, (int, float)):
        return None
    if isinstance(cost, bool) or isinstance(months, bool) or not float(months).is_integer():
        return None
    return compute(funding, guide, answers, cost=float(cost), months=int(months), today=today)
