"""C9 : la fiche d'un métier nomme son domaine ; les capitales du ROME (« Electricien ») retrouvent leur accent."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from helpers import ROME_MINI, finish, run, spawn, transcript
from reconversion.core.capitals import with_accents

pexpect = pytest.importorskip("pexpect")


@pytest.mark.parametrize(
    ("rome", "french"),
    [
        ("Electricien / Electricienne du bâtiment", "Électricien / Électricienne du bâtiment"),
        ("Educateur spécialisé / Educatrice spécialisée", "Éducateur spécialisé / Éducatrice spécialisée"),
        ("Etudes et assistance technique", "Études et assistance technique"),
        ("Equipements de production, équipements collectifs", "Équipements de production, équipements collectifs"),
        ("Eplucheur / Eplucheuse ; Ecuyer", "Éplucheur / Éplucheuse ; Écuyer"),
        ("Ethique ; Eclusière", "Éthique ; Éclusière"),
        ("Second oeuvre ; Manoeuvre ; Oenologie", "Second œuvre ; Manœuvre ; Œnologie"),
        ("Etre à l'écoute", "Être à l'écoute"),
    ],
)
def test_capitals_get_their_accent(rome: str, french: str) -> None:
    assert with_accents(rome) == french


@pytest.mark.parametrize(
    "kept",
    [
        "Employé / Employée de rayon",  # « em » + consonne
        "Enseignant / Enseignante d'équitation",  # « en » + consonne
        "Esthéticien / Esthéticienne",  # « es » + consonne
        "Expert / Experte",  # « x »
        "Ergothérapeute",  # « r » + consonne
        "Europe ; Ethnographe ; Effileur",  # voyelle, « thn », consonne double
        "Agent EPI ; ESAT ; Event manager ; Moellonneur",  # sigles, mot anglais, pas de « œ » dans « moellon »
        "Électricien",  # déjà accentué
    ],
)
def test_what_is_already_right_is_kept(kept: str) -> None:
    assert with_accents(kept) == kept


def test_an_imported_rome_label_has_its_accents(home: Path, tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(ROME_MINI, export)
    codes = export / "unix_referentiel_code_rome_v999_utf8.csv"
    text = codes.read_text(encoding="utf-8")
    assert "Testeur / Testeuse de référentiel" in text
    codes.write_text(text.replace("Testeur / Testeuse de référentiel", "Electricien / Electricienne de test"), "utf-8")
    assert run("jobs", "import", str(export)).exit_code == 0
    report = json.loads(run("jobs", "show", "N9999", "--json").output)
    assert report["title"] == "Électricien / Électricienne de test"
    assert json.loads(run("jobs", "search", "electricienne test", "--json").output)["results"][0]["code"] == "N9999"


def test_the_catalogue_titles_have_their_accents() -> None:
    from reconversion.adapters.content.metiers_files import catalogue

    titles = {m.code: m.title for m in catalogue().metiers}
    assert titles["F1602"] == "Électricien / Électricienne du bâtiment"
    assert [t for t in titles.values() if with_accents(t) != t] == []


@pytest.mark.parametrize("columns", [60, 120])
def test_the_job_sheet_names_its_domain_without_the_rome(tmp_path: Path, columns: int) -> None:
    """Sans ROME importé, « Domaine : K » était une lettre nue : le nom vient du catalogue."""
    child = spawn("jobs", "show", "K1801", home=tmp_path / "home", columns=columns, rows=80)
    assert finish(child) == 0
    flat = " ".join(transcript(child).split()).replace("\u00a0", " ")
    assert "Domaine : Services à la personne et à la collectivité (K)" in flat, flat
    assert "Domaine : K " not in flat


def test_the_job_sheet_names_its_domain_from_the_imported_rome(home: Path) -> None:
    assert run("jobs", "import", str(ROME_MINI)).exit_code == 0
    report = json.loads(run("jobs", "show", "J1501", "--json").output)
    assert report["domain_label"] == "Santé"
    assert "Domaine : Santé (J)" in run("jobs", "show", "J1501").output
