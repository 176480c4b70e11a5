"""`reconversion funding` : entrées à la française, erreurs en français sans rien écrire, forme du JSON,
et le fichier des financements validé comme le guide (FICHIER:LIGNE:COL, avertissements)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from helpers import ok, run
from reconversion.core.funding import parse_cost, parse_months
from reconversion.core.funding_loader import funding_warnings, load_funding, parse_funding
from reconversion.core.guide_loader import load_guide
from reconversion.errors import GuideError, UsageError

DATA = Path(__file__).resolve().parents[1] / "guide_data"


def _answer(tmp_path: Path, text: str, profile: str = "defaut") -> None:
    answers = tmp_path / "reponses.yaml"
    answers.write_text(text, encoding="utf-8")
    ok("start", "--answers", str(answers), "--profile", profile)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4 500 €", 4500),
        ("4500", 4500),
        ("4\u202f500\u00a0€", 4500),
        ("3 200,50 €", 3200.5),
        ("0", 0),
        ("1200 euros", 1200),
    ],
)
def test_cost_written_the_french_way(text: str, value: float) -> None:
    assert parse_cost(text) == value


@pytest.mark.parametrize(
    ("text", "value"), [("9 mois", 9), ("9", 9), ("1 an", 12), ("2 ans", 24), ("18m", 18), ("1,5 an", 18)]
)
def test_duration_written_the_french_way(text: str, value: int) -> None:
    assert parse_months(text) == value


@pytest.mark.parametrize("text", ["-5", "10^12", "1000000000000", "abc", "4,555 €", ""])
def test_absurd_costs_are_refused(text: str) -> None:
    with pytest.raises(UsageError):
        parse_cost(text)


@pytest.mark.parametrize("text", ["0", "0 mois", "40 ans", "61", "2,5 mois", "neuf mois"])
def test_absurd_durations_are_refused(text: str) -> None:
    with pytest.raises(UsageError):
        parse_months(text)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--cout", "-5"], "n'est pas un prix"),
        (["--cout", "10^12"], "n'est pas un prix"),
        (["--cout", "abc"], "n'est pas un prix"),
        (["--cout", "2000000"], "de 0 à 100 000 €"),
        (["--cout", "4500", "--duree", "0"], "de 1 à 60 mois"),
        (["--cout", "4500", "--duree", "40 ans"], "de 1 à 60 mois"),
        (["--cout", "4500", "--duree", "9", "--nature", "voyage"], "bilan, rs ou permis"),
        (["--cout", "4", "500", "€", "--duree", "9", "mois"], "entre guillemets"),
    ],
)
def test_bad_input_one_french_message_nothing_written(home: Path, args: list[str], words: str) -> None:
    result = run("funding", *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert not home.exists() or not any(home.rglob("*.sqlite*"))


def test_situation_is_asked_for_not_guessed(home: Path) -> None:
    result = run("funding", "--cout", "4500", "--duree", "9")
    assert result.exit_code == 2
    assert "start --question situation" in result.stderr


def test_cost_and_duration_missing_without_a_terminal(home: Path, tmp_path: Path) -> None:
    _answer(tmp_path, "situation: salarie_prive\ncontrat: cdi\n")
    result = run("funding")
    assert result.exit_code == 2
    assert "--cout" in result.stderr


def test_cpf_hours_with_cents_are_refused(home: Path, tmp_path: Path) -> None:
    _answer(tmp_path, "situation: agent_public\ncpf_consulte: true\nheures_cpf: 12.5\n")
    result = run("funding", "--cout", "4500", "--duree", "9")
    assert result.exit_code == 2
    assert "nombre entier d'heures" in result.stderr


def test_json_shape_for_programs(home: Path, tmp_path: Path) -> None:
    _answer(
        tmp_path,
        "situation: salarie_prive\ncontrat: cdi\ntranche_age: de_30_a_49\ncpf_consulte: true\n"
        "solde_cpf: 1500\nsalaire_net: 2200\n",
    )
    data = json.loads(ok("funding", "--cout", "4 500 €", "--duree", "9 mois", "--json"))
    assert set(data) >= {"routes", "not_for_you", "checked"}
    route = data["routes"][0]
    assert set(route) >= {"id", "label", "funders", "remaining", "income", "conditions", "deadlines"}
    assert route["id"] == "cpf_seul"
    assert route["funders"] == [
        {
            "id": "cpf",
            "label": "Compte personnel de formation (CPF)",
            "amount": 1500,
            "unit": "€",
            "decision": "droit",
            "decided_by": "toi, sur Mon Compte Formation",
            "missing": None,
        }
    ]
    assert route["remaining"] == 3000
    assert route["income"][0]["id"] == "salaire" and route["income"][0]["monthly"] == 2200
    others = {c["id"]: c["reason"].replace("\u00a0", " ") for c in data["other_situations"]}
    assert others["aif"].startswith("réservée aux demandeurs d'emploi")  # une autre situation : comptée à part
    assert "aif" not in {c["id"] for c in data["not_for_you"]}
    dt.date.fromisoformat(data["checked"])


def _documented_shape(command: str) -> dict:
    """La forme JSON que le README documente pour `command` (« {a, b: [{c, d}], e: {f}} »), lue en arbre de clés."""
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    text = readme.split(f"- `{command} --json` : `", 1)[1].split("`", 1)[0]
    tokens = re.findall(r"[A-Za-z_]+|[{}\[\]:,]", text)

    def value(at: int) -> tuple[dict | None, int]:
        if tokens[at] == "[":
            inner, at = value(at + 1)
            assert tokens[at] == "]", text
            return inner, at + 1
        assert tokens[at] == "{", text
        keys: dict = {}
        at += 1
        while tokens[at] != "}":
            key, at = tokens[at], at + 1
            keys[key] = None
            if tokens[at] == ":":
                keys[key], at = value(at + 1)
            if tokens[at] == ",":
                at += 1
        return keys, at + 1

    return value(0)[0] or {}


def _assert_shape(data: object, shape: dict, where: str = "") -> None:
    """Chaque objet de `data` a exactement les clés documentées (les `null` et les listes vides ne disent rien)."""
    for item in data if isinstance(data, list) else [data]:
        assert isinstance(item, dict), where
        assert set(item) == set(shape), f"{where or 'racine'} : {sorted(set(item) ^ set(shape))}"
        for key, inner in shape.items():
            if inner is not None and item[key] is not None:
                _assert_shape(item[key], inner, f"{where}.{key}")


def test_json_shape_is_the_one_the_readme_documents(home: Path, tmp_path: Path) -> None:
    _answer(
        tmp_path,
        "situation: salarie_prive\ncontrat: cdi\ntranche_age: de_30_a_49\ncpf_consulte: true\n"
        "solde_cpf: 1500\nsalaire_net: 2200\ncertification_visee: RNCP34692\nbesoin_formation: diplome\n"
        "date_debut_formation: 2027-09-01\n",
    )
    data = json.loads(ok("funding", "--cout", "4 500 €", "--duree", "9 mois", "--json"))
    assert data["routes"] and data["routes"][0]["deadlines"] and data["routes"][0]["sources"] and data["not_for_you"]
    _assert_shape(data, _documented_shape("funding"))
    assert data["certification"] == {  # sans import : la réponse, son numéro et la fiche officielle
        "text": "RNCP34692",
        "code": "RNCP34692",
        "details": None,
        "url": "https://www.francecompetences.fr/recherche/rncp/34692/",
    }


def test_text_output_names_estimates_and_deciders(home: Path, tmp_path: Path) -> None:
    _answer(
        tmp_path, "situation: salarie_prive\ncontrat: cdi\ncpf_consulte: true\nsolde_cpf: 1500\nsalaire_net: 2200\n"
    )
    out = ok("funding", "--cout", "4 500 €", "--duree", "9 mois").replace("\u00a0", " ").replace("\u202f", " ")
    assert "Reste à ta charge : 3 000 €" in out
    assert "estimation" in out
    assert "sous réserve d'accord" in out
    assert "Projet de transition professionnelle (PTP) : réservé" not in out  # le PTP est ouvert ici
    assert "Aide individuelle à la formation (AIF)" not in out  # réservée à une autre situation : comptée, pas listée
    assert "Les dispositifs prévus pour d'autres situations que la tienne ne sont pas listés ici (11)." in out


def test_a_missing_answer_is_named_by_its_label_never_its_id(home: Path, tmp_path: Path) -> None:
    """« réponds à « Ton solde CPF » » : une personne ne connaît pas l'identifiant `solde_cpf`."""
    _answer(tmp_path, "situation: salarie_prive\ncontrat: cdi\n")
    out = ok("funding", "--cout", "2500", "--duree", "6")
    assert "Compte personnel de formation (CPF) : à chiffrer : réponds à « Ton solde CPF »" in out
    assert "« solde_cpf »" not in out


def test_agent_cpf_in_hours(home: Path, tmp_path: Path) -> None:
    _answer(tmp_path, "situation: agent_public\ncpf_consulte: true\nheures_cpf: 150\nsalaire_net: 1700\n", "martine")
    data = json.loads(ok("funding", "--profile", "martine", "--cout", "6000", "--duree", "12", "--json"))
    first = data["routes"][0]
    assert first["funders"][0] == {**first["funders"][0], "id": "cpf_agent", "amount": 150, "unit": "h"}
    assert "ptp" in {c["id"] for c in data["other_situations"]}
    assert "ptp" not in {c["id"] for c in data["not_for_you"]}


# --- le fichier des financements, validé comme le guide --------------------------------------------


@pytest.fixture(scope="module")
def guide():  # type: ignore[no-untyped-def]
    return load_guide(DATA / "guide.yaml")


def test_shipped_file_is_valid_and_fresh(guide) -> None:  # type: ignore[no-untyped-def]
    funding = load_funding(DATA / "financement.yaml", guide)
    assert funding_warnings(funding, dt.date(2026, 12, 7)) == []


def test_warnings_for_stale_sources_and_past_rules(guide) -> None:  # type: ignore[no-untyped-def]
    funding = load_funding(DATA / "financement.yaml", guide)
    warnings = funding_warnings(funding, dt.date(2028, 1, 15))
    assert any("schemes.cpf.valid_until" in w for w in warnings)
    assert any("vérifiée il y a plus de 12 mois" in w and "financement.yaml:" in w for w in warnings)


BROKEN = """\
id: financement
version: "1"
language: fr
references:
  smic_brut:
    {label: S, amount: 1, valid_from: 2026-01-01, sources: [{url: "https://a.fr", title: t, checked: 2026-12-01}]}
  smic_net:
    {label: S, amount: 1, valid_from: 2026-01-01, sources: [{url: "https://a.fr", title: t, checked: 2026-12-01}]}
schemes:
  - id: cpf
    label: CPF
    decision: droit
    decided_by: toi
    requires:
      - when: {question: situaton, equals: salarie_prive}
        reason: non
    costs: {rule: cpf_eurso}
    deadlines: [ptp_dosier]
    valid_from: 2026-01-01
  - id: ptp
    label: PTP
    decision: peut-être
    decided_by: Transitions Pro
    income: {rule: salary, basis: b}
    valid_from: 2026-13-01
    sources: [{url: "https://a.fr", title: t, checked: 2026-12-01}]
routes:
  - id: seul
    label: Seul
    funders: [cpf, inconnu]
"""


def test_problems_are_all_listed_with_file_line_column(guide) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(GuideError) as caught:
        parse_funding(BROKEN, "financement.yaml", guide)
    text = "\n".join(caught.value.problems)
    assert "financement.yaml:15:26: schemes[0].requires[0].when.question: question inconnue « situaton »" in text
    assert "voulais-tu dire « situation » ?" in text
    assert "financement.yaml:17:19: schemes[0].costs.rule: valeur inconnue « cpf_eurso »" in text
    assert "action inconnue dans le guide « ptp_dosier » (voulais-tu dire « ptp_dossier » ?)" in text
    assert "schemes[0]: clé obligatoire manquante « sources »" in text  # tout montant est sourcé
    assert "schemes[1].decision: valeur inconnue « peut-être »" in text
    assert "schemes[1].income: la règle « salary » demande la clé « percent »" in text
    assert "financement.yaml:25:17: schemes[1].valid_from: date invalide « 2026-13-01 »" in text
    assert "routes[0].funders[1]: dispositif inconnu « inconnu »" in text


def test_guide_validate_warns_about_the_funding_file(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "2028-01-15")
    result = run("guide", "validate")
    assert result.exit_code == 0
    assert "financement.yaml" in result.stdout
    assert "schemes.cpf.valid_until" in result.stderr


def test_price_and_duration_asked_in_a_real_terminal(tmp_path: Path) -> None:
    """Sans option ni réponse enregistrée : deux lignes demandées dans le terminal (sans questionary)."""
    from helpers import finish, run_program, spawn, transcript

    data = tmp_path / "home"
    answers = tmp_path / "reponses.yaml"
    answers.write_text(
        "situation: salarie_prive\ncontrat: cdi\ncpf_consulte: true\nsolde_cpf: 1500\n", encoding="utf-8"
    )
    assert run_program("start", "--answers", str(answers), home=data).returncode == 0
    child = spawn("funding", home=data, env={"RECONVERSION_TODAY": "2026-12-07"})
    child.expect("Prix de la formation")
    child.sendline("4 500 €")
    child.expect("Durée de la formation")
    child.sendline("9 mois")
    assert finish(child) == 0
    screen = transcript(child).replace("\u00a0", " ").replace("\u202f", " ")
    assert "Pour une formation à 4 500 € sur 9 mois" in screen
    assert "Reste à ta charge : 3 000 €" in screen


def test_cached_funding_follows_the_guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relu depuis le cache tant que rien ne change ; revalidé dès que le guide change (il en dépend)."""
    import shutil

    from reconversion.adapters.content import guide_files

    monkeypatch.setenv("RECONVERSION_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "contenu"
    folder.mkdir()
    for name in ("guide.yaml", "financement.yaml"):
        shutil.copy(DATA / name, folder / name)
    guide_path = folder / "guide.yaml"
    first = guide_files.load_funding(guide_files.load(guide_path), guide_path)
    assert any(p.name.startswith("funding-") for p in (tmp_path / "cache").iterdir())
    again = guide_files.load_funding(guide_files.load(guide_path), guide_path)
    assert again == first
    text = guide_path.read_text(encoding="utf-8").replace("id: beneficiaire_rsa", "id: allocataire_rsa")
    guide_path.write_text(text, encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        guide_files.load_funding(guide_files.load(guide_path), guide_path)
    assert "question inconnue « beneficiaire_rsa »" in "\n".join(caught.value.problems)


def test_not_for_you_speaks_of_your_situation_only(home: Path, tmp_path: Path) -> None:
    """Le vrai programme, dans un terminal de 60 colonnes : la salariée ne lit aucun dispositif des
    agents publics, l'agente aucun du privé ; chacune lit une ligne qui dit que les autres existent."""
    from helpers import run_program

    _answer(tmp_path, "situation: salarie_prive\ncontrat: cdi\ncpf_consulte: true\nsolde_cpf: 1500\n")
    _answer(
        tmp_path, "situation: agent_public\nstatut_agent: fonctionnaire\ncpf_consulte: true\nheures_cpf: 150\n", "ana"
    )
    env = {"COLUMNS": "60"}
    private = run_program("funding", "--cout", "4500", "--duree", "9", home=home, env=env)
    public = run_program("funding", "--profile", "ana", "--cout", "4500", "--duree", "9", home=home, env=env)
    assert private.returncode == public.returncode == 0, (private.stderr, public.stderr)
    count = "Les dispositifs prévus pour d'autres situations que la tienne ne sont pas listés ici"
    for out, absent, present in (
        (private.stdout, ("Congé de formation professionnelle", "Congé de transition", "agents publics"),
         "Contrat de professionnalisation : après 26"),
        (public.stdout, ("Projet de transition professionnelle", "Démission-reconversion", "salariés du privé"),
         "Contrat d'apprentissage : c'est un contrat de travail"),
    ):  # fmt: skip
        flat = " ".join(out.split())
        listed = flat.split("Pas pour toi, et pourquoi :", 1)[1]
        assert not [word for word in absent if word in listed], listed
        assert present in listed and f"{count} (" in listed


def test_meant_for_is_checked_like_any_condition(guide) -> None:  # type: ignore[no-untyped-def]
    """`meant_for` (à qui s'adresse un dispositif) est lu dans le même langage que `when`, erreurs situées."""
    shipped = (DATA / "financement.yaml").read_text(encoding="utf-8")
    broken = shipped.replace("meant_for: {not: {question: situation,", "meant_for: {not: {question: situaton,", 1)
    with pytest.raises(GuideError) as caught:
        parse_funding(broken, "financement.yaml", guide)
    assert caught.value.problems == [
        "financement.yaml:32:33: schemes[0].meant_for.not.question: question inconnue « situaton » "
        "(voulais-tu dire « situation » ?)"
    ]
    assert parse_funding(shipped, "financement.yaml", guide).schemes["ptp"].meant_for is not None
