"""La section « Financement » des plans Markdown et HTML : les mêmes chiffres que `funding` et que le
récapitulatif de l'étape 3, tirés d'un seul calcul (`Plan.funding`, rassemblé par `gather_plan`)."""

from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path

from helpers import ok
from reconversion.core.funding_loader import load_funding
from reconversion.core.funding_text import euros, funder_line, monthly, question_labels, recap_lines, remaining
from reconversion.core.guide_loader import load_guide
from reconversion.core.plan_data import PlanLookups, gather_plan

DATA = Path(__file__).resolve().parents[1] / "guide_data"
ANSWERS = (
    "situation: demandeur_emploi\ninscrit_france_travail: true\nallocation_chomage: false\n"
    "beneficiaire_rsa: true\ntranche_age: de_30_a_49\ncpf_consulte: true\nsolde_cpf: 800\n"
    "cout_formation: 2000\nduree_formation: 6\n"
)


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_same_figures_in_funding_recap_and_both_plans(home: Path, tmp_path: Path) -> None:
    answers = tmp_path / "reponses.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    ok("start", "--answers", str(answers))
    data = json.loads(ok("funding", "--json"))
    markdown = _plain(ok("export", "-o", "-"))
    ok("export", "-f", "html", "-o", str(tmp_path / "plan.html"))
    page = _plain(html.unescape((tmp_path / "plan.html").read_text(encoding="utf-8")))
    guide = load_guide(DATA / "guide.yaml")
    funding = load_funding(DATA / "financement.yaml", guide)
    stored = {"situation": "demandeur_emploi", "inscrit_france_travail": True, "allocation_chomage": False}
    stored |= {"beneficiaire_rsa": True, "tranche_age": "de_30_a_49", "cpf_consulte": True, "solde_cpf": 800}
    stored |= {"cout_formation": 2000, "duree_formation": 6}
    recap = _plain("\n".join(recap_lines(funding, guide, stored, dt.date.today())))
    assert "## Financement" in markdown and ">Financement</h2>" in page
    assert [r["id"] for r in data["routes"]][:3] == ["cpf_seul", "cpf_aif", "region"]
    for route in data["routes"]:
        row = next(line for line in markdown.splitlines() if line.startswith(f"| {route['label']} |"))
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert cells[2] == _plain(remaining(route))
        assert cells[1] == " ; puis ".join(_plain(funder_line(f, question_labels(guide))) for f in route["funders"])
        for income in route["income"]:
            assert _plain(monthly(income)) in cells[3]
        assert f"<td>{_plain(remaining(route))}</td>" in page
        assert f"{route['label']} : reste à ta charge {_plain(remaining(route))}" in recap
    # calculé à la main : RSA dès 26 ans, 769,49 € de rémunération de stage > 652,33 € : le RSA tombe à 0
    region = next(line for line in markdown.splitlines() if line.startswith("| Formation payée par la Région |"))
    assert "769,49 € par mois pendant 6 mois" in region and "RSA pendant la formation : 0 € par mois" in region
    cpf = next(line for line in markdown.splitlines() if line.startswith("| CPF seul |"))
    assert "(CPF) : 800 € (un droit) | 1 200 € |" in cpf  # demandeur d'emploi : pas de participation
    # ce qui ne concerne pas la personne reste dans `funding`, pas dans son plan
    assert "Allocation chômage pendant la formation (AREF)" not in markdown
    assert "aref" in {c["id"] for c in data["not_for_you"]}
    assert euros(652.33).replace("\u00a0", " ") in cpf


def test_plan_gathers_funding_only_with_price_and_duration() -> None:
    guide = load_guide(DATA / "guide.yaml")
    funding = load_funding(DATA / "financement.yaml", guide)
    reads: list[str] = []
    lookups = PlanLookups(funding=lambda g: reads.append(g.id) or funding)
    rows = [{"question_id": "situation", "step_id": "bilan", "value": "salarie_prive", "archived": 0}]
    without = gather_plan(guide, {"answers": rows}, today=dt.date(2026, 12, 7), lookups=lookups)
    assert without.funding is None
    assert reads == []  # sans prix ni durée, l'export ne lit même pas le fichier des financements
    rows += [
        {"question_id": "cout_formation", "step_id": "formation", "value": 3000, "archived": 0},
        {"question_id": "duree_formation", "step_id": "formation", "value": 6, "archived": 0},
    ]
    plan = gather_plan(guide, {"answers": rows}, today=dt.date(2026, 12, 7), lookups=lookups)
    assert plan.funding is not None and plan.funding["cost"] == 3000 and plan.funding["months"] == 6
    assert plan.funding["routes"][0]["id"] == "cpf_seul"
    assert gather_plan(guide, {"answers": rows}, today=dt.date(2026, 12, 7)).funding is None  # sans le fichier
