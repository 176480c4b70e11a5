"""Les voies de financement à la fin de l'étape 3 de l'assistant : mêmes chiffres que `funding`.

La séance tourne en vrai (moteur, carnet SQLite) avec des invites scriptées ; le récapitulatif est
suivi des lignes de `recap_hook`, celles que `start` affiche.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from helpers import ok
from reconversion.adapters.prompts.arrow_prompts import Reply
from reconversion.adapters.storage.store import Store
from reconversion.commands.funding import recap_hook
from reconversion.core.funding_text import euros
from reconversion.core.guide_loader import load_guide
from reconversion.sessions import wizard

DATA = Path(__file__).resolve().parents[1] / "guide_data"
TODAY = dt.date(2026, 12, 7)
EARLIER = {
    "situation": "salarie_prive",
    "contrat": "cdi",
    "tranche_age": "de_30_a_49",
}
STEP3 = {
    "besoin_formation": "diplome",
    "cpf_consulte": True,
    "solde_cpf": 1500,
    "salaire_net": 2200,
    "ptp_envisage": True,
    "demission_envisagee": False,
    "format_formation": ["temps_plein"],
    "cout_formation": 4500,
    "duree_formation": 9,
    "ptp_formation_longue": True,
}


class ByIdPrompts:
    """Répond à chaque question par son id (None : passée), et « m'arrêter là » à la fin de l'étape."""

    def __init__(self, replies: dict[str, Any]) -> None:
        self.replies = replies
        self.asked: list[str] = []

    def ask(self, question: Any, default: Any, *, can_go_back: bool, choices: Any = None) -> Any:
        self.asked.append(question.id)
        return Reply(self.replies.get(question.id))

    def choose(self, message: str, options: list[tuple[str, Any]]) -> Any:
        return wizard.STOP


class QuietScreen:
    def __init__(self) -> None:
        self.recaps: list[str] = []

    def step_header(self, guide: Any, step: Any) -> None:
        pass

    def question_help(self, question: Any) -> None:
        pass

    def error(self, message: str) -> None:
        raise AssertionError(message)

    def notice(self, message: str) -> None:
        pass

    def step_recap(self, guide: Any, step: Any, answers: Any) -> None:
        self.recaps.append(step.id)

    def chosen_metiers(self, metiers: Any) -> None:
        pass


def test_step3_recap_shows_the_same_figures_as_funding(tmp_path: Path, home: Path) -> None:
    guide = load_guide(DATA / "guide.yaml")
    store = Store.open(home, "defaut")
    assert store is not None
    shown: list[str] = []
    screen = QuietScreen()
    try:
        store.save_answers({q: ("bilan", v) for q, v in EARLIER.items()})
        prompts = ByIdPrompts(STEP3)
        hook = recap_hook(guide, None, TODAY, shown.extend)
        wizard.run(guide, dict(EARLIER), store, prompts, screen, step_id="formation", today=TODAY, after_recap=hook)
    finally:
        store.close()
    assert screen.recaps == ["formation"]
    assert "cout_formation" in prompts.asked and "salaire_net" in prompts.asked
    text = "\n".join(shown)
    data = json.loads(ok("funding", "--json"))  # prix et durée : ceux répondus à l'étape 3
    assert data["cost"] == 4500 and data["months"] == 9
    for route in data["routes"]:
        assert route["label"] in text
        assert f"reste à ta charge {euros(route['remaining'])}" in text
        first = route["income"][0]
        if first["monthly"] is not None:
            assert euros(first["monthly"]) in text
    # le calcul à la main : CPF seul, 4 500 − 1 500 = 3 000 € ; PTP : rien, salaire maintenu 2 200 €
    assert "CPF seul : reste à ta charge 3\u202f000\u00a0€ ; pour vivre : 2\u202f200\u00a0€ par mois" in text
    assert "Projet de transition professionnelle (PTP) : reste à ta charge 0\u00a0€" in text


def test_recap_says_what_to_answer_when_the_price_is_missing(home: Path) -> None:
    from reconversion.core.funding_loader import load_funding
    from reconversion.core.funding_text import recap_lines

    guide = load_guide(DATA / "guide.yaml")
    funding = load_funding(DATA / "financement.yaml", guide)
    lines = recap_lines(funding, guide, {**EARLIER, "solde_cpf": 1500}, TODAY)
    assert lines[0].startswith("Financement : réponds au prix et à la durée")
