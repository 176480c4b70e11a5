"""Le modèle (NamedTuple) du fichier des financements, `guide_data/financement.yaml`.

Des données seulement : les montants, taux, plafonds et conditions viennent du fichier ; le
calcul (`core/funding`) ne connaît que les sortes de règles (`COST_RULES`, `INCOME_RULES`).
"""

from typing import NamedTuple

from reconversion.core import model

# Ce qu'un dispositif paie des frais de formation.
COST_RULES = (
    "cpf_euros",  # le CPF en euros : au plus le solde, le plafond de l'action et le prix moins la participation
    "cpf_hours",  # le CPF en heures des agents publics : l'administration paie, le montant se dit en heures
    "rest",  # tout ce qui reste à payer, sous réserve d'accord
    "all",  # toute la formation (l'employeur d'un contrat en alternance et son OPCO)
    "unknown",  # un complément dont le montant est fixé au cas par cas
)
# Ce qu'un dispositif verse pour vivre pendant la formation.
INCOME_RULES = (
    "salary",  # un pourcentage du salaire net déclaré, éventuellement pendant quelques mois
    "salary_bands",  # le PTP : pourcentages selon le salaire comparé au SMIC
    "allowance",  # une allocation dont France Travail calcule le montant (pas d'estimation possible ici)
    "by_age",  # un montant fixe selon la tranche d'âge (None : dépend d'autre chose)
    "smic_by_age",  # un pourcentage du SMIC brut selon la tranche d'âge
    "differential",  # un complément : le montant moins les autres revenus de la formation (RSA)
)
DECISIONS = ("droit", "accord")
# Le mot montré pour chaque décision.
DECISION_LABELS = {"droit": "un droit", "accord": "sous réserve d'accord"}
# La nature d'une formation, pour les plafonds par action du CPF.
NATURES = ("bilan", "rs", "permis")


class Reference(NamedTuple):
    """Un chiffre de référence partagé (le SMIC), avec ses sources."""

    id: str
    label: str
    amount: float
    estimate: bool
    valid_from: str
    valid_until: str | None
    sources: tuple[model.Source, ...]


class Requirement(NamedTuple):
    """Une condition d'accès et la raison dite quand elle n'est pas remplie."""

    when: model.Condition
    reason: str


class Costs(NamedTuple):
    rule: str
    caps: tuple[tuple[str, float], ...] = ()
    exempts_participation: bool = False


class Income(NamedTuple):
    rule: str
    basis: str
    percent: float | None = None
    months: int | None = None
    estimate: bool = False
    gross: bool = False
    amount: float | None = None
    by_age: tuple[tuple[str, float | None], ...] = ()
    threshold_smic: float | None = None
    below_percent: float | None = None
    above_percent: float | None = None
    above_months: int | None = None
    later_percent: float | None = None
    floor_smic: float | None = None


class Participation(NamedTuple):
    amount: float
    exempt: model.Condition | None


class Scheme(NamedTuple):
    """Un dispositif : à qui il s'adresse, ce qu'il paie, qui décide, ses délais et ses sources."""

    id: str
    label: str
    decision: str
    decided_by: str
    requires: tuple[Requirement, ...]
    costs: Costs | None
    income: Income | None
    participation: Participation | None
    conditions: tuple[str, ...]
    deadlines: tuple[str, ...]
    valid_from: str
    valid_until: str | None
    sources: tuple[model.Source, ...]
    # à qui le dispositif s'adresse (situation, statut) : fermé à quelqu'un d'autre, il ne lui est pas
    # présenté comme « pas pour toi », seulement compté (`funding.compute`, `other_situations`)
    meant_for: model.Condition | None = None


class Route(NamedTuple):
    """Une voie : les dispositifs qui paient, dans l'ordre, et ce dont on vit pendant la formation."""

    id: str
    label: str
    funders: tuple[str, ...]
    income: tuple[str, ...]
    notes: tuple[str, ...]
    main: str | None
    participation: bool


class Funding(NamedTuple):
    id: str
    version: str
    recap_after_step: str | None
    references: dict[str, Reference]
    schemes: dict[str, Scheme]
    routes: tuple[Route, ...]
    source: str
