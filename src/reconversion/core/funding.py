"""Le calcul du financement : pour la situation de la personne, les voies ouvertes, qui paie quoi, ce
qui reste à sa charge et de quoi elle vit pendant la formation ; les dispositifs fermés, avec la raison.

Pur : reçoit le fichier des financements validé, le guide, les réponses, le prix et la durée de la
formation et le jour ; ne lit ni n'écrit rien. Tous les chiffres viennent de `financement.yaml` ;
ici ne vivent que les règles de calcul, dont celle de la participation forfaitaire : elle fait partie
du prix, le CPF paie au plus le prix moins la participation, et la personne paie le plus grand des
deux, l'écart ou la participation (texte de Mon Compte Formation, repris dans les sources).
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from reconversion.core import engine, model
from reconversion.core import funding_model as fm
from reconversion.core.conditions import holds
from reconversion.core.lazy_pattern import LazyPattern
from reconversion.core.question_ids import AGE_BAND
from reconversion.errors import UsageError

# Bornes des entrées de la commande (une formation, pas un chiffre absurde) ; le guide a les mêmes.
MAX_COST = 100_000
MAX_MONTHS = 60
CPF_BALANCE = "solde_cpf"
CPF_HOURS = "heures_cpf"
NET_PAY = "salaire_net"


class FunderLine(TypedDict):
    id: str
    label: str
    amount: float | None
    unit: str  # « € » ou « h » (CPF des agents publics)
    decision: str  # « droit » ou « accord »
    decided_by: str
    missing: str | None  # la question dont la réponse manque pour chiffrer ce montant


class IncomeLine(TypedDict):
    id: str
    label: str
    monthly: float | None
    months: int
    basis: str
    estimate: bool
    gross: bool


class DeadlineLine(TypedDict):
    action: str
    text: str
    due: str | None


class SourceLine(TypedDict):
    url: str
    title: str
    checked: str


class RouteResult(TypedDict):
    id: str
    label: str
    funders: list[FunderLine]
    participation: float
    remaining: float | None
    income: list[IncomeLine]
    conditions: list[str]
    deadlines: list[DeadlineLine]
    outdated: bool
    checked: str
    sources: list[SourceLine]


class ClosedScheme(TypedDict):
    id: str
    label: str
    reason: str


class FundingResult(TypedDict):
    cost: float
    months: int
    routes: list[RouteResult]
    not_for_you: list[ClosedScheme]  # fermés pour une raison qui te concerne (ancienneté, contrat, réponse…)
    other_situations: list[ClosedScheme]  # fermés parce qu'ils s'adressent à une autre situation (`meant_for`)
    missing: list[str]
    checked: str


# --- les entrées de la commande, écrites à la française ---------------------------------------

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009")
_AMOUNT = LazyPattern(r"^(\d+(?:[.,]\d{1,2})?)(?:€|eur|euros?)?$")
_DURATION = LazyPattern(r"^(\d+(?:[.,]\d+)?)(mois|m|ans?|années?)?$")


def parse_cost(text: str) -> float:
    """Un prix en euros : `4 500 €`, `4500`, `4 500,50` ; refusé s'il est négatif, absurde ou illisible."""
    cleaned = str(text).translate(_SPACES).casefold()
    found = _AMOUNT.match(cleaned)
    if found is None:
        raise UsageError(f'« {text} » n\'est pas un prix en euros : écris par exemple --cout "4 500 €" ou --cout 4500.')
    value = float(found.group(1).replace(",", "."))
    if value > MAX_COST:
        raise UsageError(f"« {text} » : un prix de formation va de 0 à 100 000 € ; vérifie le montant.")
    return value


def parse_months(text: str) -> int:
    """Une durée en mois : `9 mois`, `9`, `1 an`, `2 ans` ; de 1 à 60 mois, en mois entiers."""
    cleaned = str(text).translate(_SPACES).casefold()
    found = _DURATION.match(cleaned)
    if found is None:
        raise UsageError(f'« {text} » n\'est pas une durée : écris par exemple --duree "9 mois" ou --duree "2 ans".')
    value = float(found.group(1).replace(",", "."))
    unit = found.group(2) or "mois"
    months = value * 12 if unit.startswith("an") else value
    if not months.is_integer():
        raise UsageError(f"« {text} » : indique la durée en mois entiers (par exemple 9 mois).")
    if not 1 <= months <= MAX_MONTHS:
        raise UsageError(f"« {text} » : une durée de formation va de 1 à 60 mois.")
    return int(months)


# --- le calcul --------------------------------------------------------------------------------


def is_open(scheme: fm.Scheme, answers: Mapping[str, Any]) -> str | None:
    """None si le dispositif est ouvert à la personne ; sinon la raison de la première condition manquée."""
    for requirement in scheme.requires:
        if not holds(requirement.when, answers):
            return requirement.reason
    return None


def compute(
    funding: fm.Funding,
    guide: model.Guide,
    answers: Mapping[str, Any],
    *,
    cost: float,
    months: int,
    today: dt.date,
    nature: str | None = None,
) -> FundingResult:
    """Les voies ouvertes, dans l'ordre du fichier, et les dispositifs fermés avec leur raison."""
    effective = engine.effective_answers(guide, answers)
    closed = {sid: reason for sid, s in funding.schemes.items() if (reason := is_open(s, effective)) is not None}
    missing: list[str] = []
    deadlines = _deadline_days(guide, effective, today)
    routes: list[RouteResult] = []
    for route in funding.routes:
        needed = [*route.funders, *([route.main] if route.main else [])]
        if any(sid in closed for sid in needed):
            continue
        routes.append(_route(funding, route, effective, closed, cost, months, today, nature, missing, deadlines))
    not_for_you: list[ClosedScheme] = []
    other_situations: list[ClosedScheme] = []
    for sid, reason in closed.items():
        scheme = funding.schemes[sid]
        meant = scheme.meant_for is None or holds(scheme.meant_for, effective)
        (not_for_you if meant else other_situations).append(ClosedScheme(id=sid, label=scheme.label, reason=reason))
    checked = min((r["checked"] for r in routes), default=_oldest(funding.schemes.values()))
    return FundingResult(
        cost=cost,
        months=months,
        routes=routes,
        not_for_you=not_for_you,
        other_situations=other_situations,
        missing=_unique(missing),
        checked=checked,
    )


def _route(
    funding: fm.Funding,
    route: fm.Route,
    answers: Mapping[str, Any],
    closed: Mapping[str, str],
    cost: float,
    months: int,
    today: dt.date,
    nature: str | None,
    missing: list[str],
    deadlines: Mapping[str, tuple[str, str | None]],
) -> RouteResult:
    schemes = funding.schemes
    funders = [schemes[sid] for sid in route.funders]
    participation = _participation(funding, route, funders, answers, closed)
    left: float | None = cost
    lines: list[FunderLine] = []
    for scheme in funders:
        assert scheme.costs is not None  # vérifié au chargement
        rule, unit = scheme.costs.rule, "€"
        amount: float | None
        lacking = None
        if rule == "cpf_euros":
            balance = _number(answers, CPF_BALANCE, missing)
            lacking = CPF_BALANCE if balance is None else None
            cap = dict(scheme.costs.caps).get(nature or "", None)
            amount = (
                None
                if balance is None
                else min(balance, cap if cap is not None else balance, max(cost - participation, 0))
            )
        elif rule == "cpf_hours":
            amount, unit = _number(answers, CPF_HOURS, missing), "h"
            lacking = CPF_HOURS if amount is None else None
            left = None  # l'administration décide et paie : le reste n'est pas chiffrable ici
        elif rule == "rest":
            amount = None if left is None else max(left - participation, 0)
        elif rule == "all":
            amount = left
        else:  # "unknown" : un complément fixé au cas par cas
            amount = None
        if unit == "€" and amount is not None and left is not None:
            amount = round(amount, 2)
            left = round(left - amount, 2)
        elif unit == "€" and amount is None and rule != "unknown":
            left = None
        lines.append(
            FunderLine(
                id=scheme.id,
                label=scheme.label,
                amount=amount,
                unit=unit,
                decision=scheme.decision,
                decided_by=scheme.decided_by,
                missing=lacking,
            )
        )
    used = [*funders, *[schemes[sid] for sid in (route.main,) if sid], *_open(schemes, route.income, closed)]
    used += _open(schemes, route.notes, closed)
    income = _income(funding, route, answers, closed, months, missing)
    return RouteResult(
        id=route.id,
        label=route.label,
        funders=lines,
        participation=participation,
        remaining=left,
        income=income,
        conditions=_unique([text for scheme in used for text in scheme.conditions]),
        deadlines=[
            DeadlineLine(action=action, text=deadlines[action][0], due=deadlines[action][1])
            for action in _unique([a for scheme in used for a in scheme.deadlines])
            if action in deadlines
        ],
        outdated=any(_outdated(scheme, today) for scheme in used),
        checked=_oldest(used),
        sources=_sources(used),
    )


def _participation(
    funding: fm.Funding,
    route: fm.Route,
    funders: Sequence[fm.Scheme],
    answers: Mapping[str, Any],
    closed: Mapping[str, str],
) -> float:
    """La participation forfaitaire due sur cette voie : seulement quand le CPF en euros paie, sauf exonération."""
    if not route.participation or not any(s.costs is not None and s.costs.rule == "cpf_euros" for s in funders):
        return 0.0
    if any(s.costs is not None and s.costs.exempts_participation for s in funders):
        return 0.0
    for scheme in funding.schemes.values():
        rule = scheme.participation
        if rule is not None and scheme.id not in closed:
            return 0.0 if rule.exempt is not None and holds(rule.exempt, answers) else rule.amount
    return 0.0


def _income(
    funding: fm.Funding,
    route: fm.Route,
    answers: Mapping[str, Any],
    closed: Mapping[str, str],
    months: int,
    missing: list[str],
) -> list[IncomeLine]:
    lines: list[IncomeLine] = []
    for scheme in _open(funding.schemes, route.income, closed):
        rule = scheme.income
        assert rule is not None  # vérifié au chargement

        def line(
            monthly: float | None, span: int, basis: str = rule.basis, *, scheme: fm.Scheme = scheme
        ) -> IncomeLine:
            rounded = None if monthly is None else round(monthly, 2)
            return IncomeLine(
                id=scheme.id,
                label=scheme.label,
                monthly=rounded,
                months=span,
                basis=basis,
                estimate=True,
                gross=bool(scheme.income and scheme.income.gross),
            )

        if rule.rule == "salary":
            pay = _number(answers, NET_PAY, missing)
            paid = min(months, rule.months) if rule.months else months
            lines.append(line(None if pay is None else pay * (rule.percent or 0) / 100, paid))
            if paid < months:
                lines.append(line(0.0, months - paid, "au-delà, plus d'indemnité"))
        elif rule.rule == "salary_bands":
            lines += _bands(funding, rule, _number(answers, NET_PAY, missing), months, line)
        elif rule.rule == "allowance":
            lines.append(line(None, months))
        elif rule.rule == "by_age":
            band = _answer(answers, AGE_BAND, missing)
            lines.append(line(dict(rule.by_age).get(band) if band else None, months))
        elif rule.rule == "smic_by_age":
            band = _answer(answers, AGE_BAND, missing)
            percent = dict(rule.by_age).get(band) if band else None
            smic = funding.references["smic_brut"].amount
            lines.append(line(None if percent is None else smic * percent / 100, months))
        else:  # "differential" : le RSA complète les autres revenus de la formation
            others = [entry["monthly"] for entry in lines]
            rest = None if any(m is None for m in others) else (rule.amount or 0) - sum(m or 0 for m in others)
            lines.append(line(None if rest is None else max(rest, 0.0), months))
    return lines


def _bands(funding: fm.Funding, rule: fm.Income, pay: float | None, months: int, line: Any) -> list[IncomeLine]:
    """Le PTP : tout le salaire jusqu'au seuil (en SMIC), au-delà un pourcentage la 1re année puis un autre."""
    if pay is None:
        return [line(None, months)]
    smic = funding.references["smic_net"].amount
    if pay <= (rule.threshold_smic or 0) * smic:
        return [line(pay * (rule.below_percent or 0) / 100, months)]
    first = min(months, rule.above_months or months)
    result = [line(pay * (rule.above_percent or 0) / 100, first)]
    if months > first:
        later = max(pay * (rule.later_percent or 0) / 100, (rule.floor_smic or 0) * smic)
        result.append(line(later, months - first))
    return result


def _deadline_days(guide: model.Guide, answers: Mapping[str, Any], today: dt.date) -> dict[str, tuple[str, str | None]]:
    """Pour chaque action du guide qui s'applique : son texte et son échéance du rétroplanning.

    Seules les échéances ancrées (`due`, sur une date répondue ou une autre action) sont dites :
    ce sont les mêmes partout (calendrier, plan, récapitulatif), quel que soit le jour du calcul.
    """
    from reconversion.core.deadlines import resolve_dues

    applicable = engine.applicable_action_ids(guide, answers)
    days = resolve_dues(guide, answers, {}, step_starts=None, base_day=today, applicable=applicable)
    result: dict[str, tuple[str, str | None]] = {}
    for action in guide.actions:
        if action.id in applicable:
            day = days.get(action.id) if action.due is not None else None
            result[action.id] = (action.text, day.isoformat() if day else None)
    return result


def _open(schemes: Mapping[str, fm.Scheme], ids: Sequence[str], closed: Mapping[str, str]) -> list[fm.Scheme]:
    return [schemes[sid] for sid in ids if sid not in closed]


def _number(answers: Mapping[str, Any], question: str, missing: list[str]) -> float | None:
    value = answers.get(question)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        missing.append(question)
        return None
    return float(value)


def _answer(answers: Mapping[str, Any], question: str, missing: list[str]) -> str | None:
    value = answers.get(question)
    if not isinstance(value, str):
        missing.append(question)
        return None
    return value


def _outdated(scheme: fm.Scheme, today: dt.date) -> bool:
    return scheme.valid_from > today.isoformat() or (
        scheme.valid_until is not None and scheme.valid_until < today.isoformat()
    )


def _oldest(schemes: Any) -> str:
    return min((source.checked for scheme in schemes for source in scheme.sources), default="")


def _sources(schemes: Sequence[fm.Scheme]) -> list[SourceLine]:
    seen: dict[str, SourceLine] = {}
    for scheme in schemes:
        for source in scheme.sources:
            seen.setdefault(source.url, SourceLine(url=source.url, title=source.title, checked=source.checked))
    return list(seen.values())


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
