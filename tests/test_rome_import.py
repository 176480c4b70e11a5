"""`reconversion jobs import` : l'export CSV du ROME, ses erreurs, et ce qu'il apporte à search et show."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from helpers import ROME_MINI, ROME_REFERENCE, run
from reconversion.adapters.content.metiers_files import find_metiers
from reconversion.adapters.rome.rome_import import read_export
from reconversion.adapters.rome.rome_store import ROME_FILE, RomeStore

FIXTURE, REFERENCE = ROME_MINI, ROME_REFERENCE  # le mini-export partagé (helpers), l'export officiel
CODES = "unix_referentiel_code_rome_v999_utf8.csv"
APPELLATIONS = "unix_referentiel_appellation_v999_utf8.csv"
MOBILITES = "unix_rubrique_mobilite_v999_utf8.csv"


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """Une copie modifiable du mini-export."""
    folder = tmp_path / "export"
    shutil.copytree(FIXTURE, folder)
    return folder


@pytest.fixture
def imported(home: Path) -> Path:
    result = run("jobs", "import", str(FIXTURE))
    assert result.exit_code == 0, result.output
    return home / ROME_FILE


def test_import_reports_counts_version_and_source(home: Path):
    result = run("jobs", "import", str(FIXTURE))
    assert result.exit_code == 0, result.output
    assert (
        "7 fiches métier, 19 appellations, 5 liens entre métiers proches, 16 compétences et savoirs (fichiers v999)"
        in (result.output)
    )
    assert "Source : France Travail (ex Pôle emploi), ROME de test - mini du 01/02/2030." in result.output
    path = home / ROME_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert not list(home.glob(".*.tmp")), "le fichier temporaire doit disparaître"
    store = RomeStore.open(home)
    assert store is not None
    try:
        meta = store.meta()
        assert meta["version"] == "999" and meta["published"] == "01/02/2030"
        assert meta["imported_at"]
        assert store.fiche("J1506") is not None and store.fiche("J1506").riasec == "SI"
        assert store.fiche("M1805").featured  # dans le catalogue intégré
    finally:
        store.close()


def test_doubled_apostrophes_are_made_single(imported: Path):
    store = RomeStore.open(imported.parent)
    assert store is not None
    try:
        assert "Jardinier / Jardinière d'entretien d'espaces publics" in store.appellations("A1203")
    finally:
        store.close()


def test_search_covers_appellations_after_import(imported: Path):
    hits = find_metiers("analyste programmeur")
    assert hits[0].code == "M1805"
    assert hits[0].label == "Analyste-programmeur / Analyste-programmeuse informatique"
    assert find_metiers("jardiniere entretien")[0].code == "A1203"
    result = run("jobs", "search", "infirmiere hospitalisation", "--json")
    report = json.loads(result.output)
    assert report["source"] == "rome" and report["rome_version"] == "999"
    assert report["results"][0]["code"] == "J1506"
    assert report["results"][0]["label"] == "Infirmier / Infirmière d'hospitalisation à domicile"
    text = run("jobs", "search", "boulanger patissier").output
    assert "D1102  Boulanger / Boulangère" in text and "aussi appelé : Boulanger-pâtissier" in text


def test_show_lists_appellations_and_mobilites(imported: Path):
    report = json.loads(run("jobs", "show", "j1501", "--json").output)
    assert report["code"] == "J1501" and report["in_catalogue"] is True
    assert report["appellations"] == [
        "Aide-soignant / Aide-soignante en gériatrie",
        "Aide-soignant / Aide-soignante à domicile",  # « peu usitée » : après les autres
    ]
    assert [m["code"] for m in report["mobilites"]] == ["K2111", "J1506"]  # dans l'ordre du ROME
    assert report["domain_label"] == "Santé"
    assert report["source"].startswith("Source : France Travail")
    text = run("jobs", "show", "J1501").output
    assert "Autres appellations" in text and "Métiers proches" in text and "K2111  Formateur / Formatrice" in text


def test_show_of_a_fiche_outside_the_catalogue(imported: Path):
    report = json.loads(run("jobs", "show", "N9999", "--json").output)
    assert report["in_catalogue"] is False
    assert report["description"] is None and report["access"] == [] and report["training_duration"] is None
    assert report["title"] == "Testeur / Testeuse de référentiel" and report["riasec"] == "CR"
    assert report["links"][0]["url"] == "https://candidat.francetravail.fr/metierscope/fiche-metier/N9999"
    assert report["appellations"] == [] and report["mobilites"] == []
    assert "pas de fiche détaillée" in run("jobs", "show", "N9999").output
    assert json.loads(run("jobs", "search", "testeuse", "--json").output)["results"][0]["in_catalogue"] is False


def test_show_without_import_has_no_appellations(home: Path):
    report = json.loads(run("jobs", "show", "J1506", "--json").output)
    assert report["appellations"] is None and report["mobilites"] is None
    urls = [link["url"] for link in report["links"]]
    assert urls == [
        "https://candidat.francetravail.fr/metierscope/fiche-metier/J1506",
        "https://candidat.francetravail.fr/formations/recherche?quoi=Infirmier+en+soins+g%C3%A9n%C3%A9raux",
        "https://www.moncompteformation.gouv.fr",
    ]
    assert report["links"][2]["hint"] == "cherche « Infirmier en soins généraux »"
    assert "reconversion jobs import DOSSIER" in run("jobs", "show", "J1506").output


# --- fichiers abîmés : message clair, import précédent intact ------------------------------------


def _assert_refused(result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Import du ROME impossible" in result.stderr and "rien n'a été modifié" in result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert "Traceback" not in result.output


def _break_and_check(home: Path, export: Path, *fragments: str) -> None:
    """Un import réussi, puis un import cassé : le premier doit rester tel quel."""
    assert run("jobs", "import", str(FIXTURE)).exit_code == 0
    before = (home / ROME_FILE).read_bytes()
    _assert_refused(run("jobs", "import", str(export)), *fragments)
    assert (home / ROME_FILE).read_bytes() == before
    assert find_metiers("boulanger")[0].code == "D1102"
    assert not list(home.glob(".*.tmp"))


def test_missing_file(home: Path, export: Path):
    (export / MOBILITES).unlink()
    _assert_refused(run("jobs", "import", str(export)), "unix_rubrique_mobilite_v999_utf8.csv", "fichier manquant")
    assert not (home / ROME_FILE).exists()
    (export / MOBILITES).write_text('"code_rome","code_rome_cible","numero_ordre"\n', encoding="utf-8")
    shutil.copy(FIXTURE / MOBILITES, export / MOBILITES)
    (export / CODES).unlink()
    _break_and_check(home, export, "unix_referentiel_code_rome_v999_utf8.csv : fichier manquant", "francetravail.org")


def test_missing_column(home: Path, export: Path):
    path = export / APPELLATIONS
    text = path.read_text(encoding="utf-8").replace('"libelle_appellation_long"', '"libelle_long"', 1)
    path.write_text(text, encoding="utf-8")
    _break_and_check(home, export, f"{APPELLATIONS}:1", "colonne manquante : libelle_appellation_long")


def test_bad_code_names_file_and_line(home: Path, export: Path):
    path = export / CODES
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace('"J1501"', '"J15O1"', 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _break_and_check(home, export, f"{CODES}:4", "code ROME invalide « J15O1 »")


def test_unknown_code_in_mobilites_and_bad_riasec(home: Path, export: Path):
    with (export / MOBILITES).open("a", encoding="utf-8") as handle:
        handle.write('"J1501","Z1234","4"\n"J1501","B1234","5"\n')
    riasec = export / "unix_referentiel_code_rome_riasec_v999_utf8.csv"
    riasec.write_text(riasec.read_text(encoding="utf-8").replace('"K2111","S","C"', '"K2111","X","C"'), "utf-8")
    _break_and_check(
        home,
        export,
        f"{MOBILITES}:7 : code ROME invalide « Z1234 »",
        f"{MOBILITES}:8 : code B1234 absent du fichier des fiches",
        "lettres RIASEC invalides « X »",
    )


def test_wrong_number_of_fields_and_not_utf8(home: Path, export: Path):
    with (export / APPELLATIONS).open("a", encoding="utf-8") as handle:
        handle.write('"99999","Trop court"\n')
    _break_and_check(home, export, f"{APPELLATIONS}:21 : 2 champs au lieu de 13")
    (export / APPELLATIONS).write_bytes((FIXTURE / APPELLATIONS).read_bytes().replace("è".encode(), b"\xe8"))
    _assert_refused(run("jobs", "import", str(export)), APPELLATIONS, "pas encodé en UTF-8")


def test_files_of_two_versions_are_refused(home: Path, export: Path):
    shutil.copy(export / CODES, export / "unix_referentiel_code_rome_v460_utf8.csv")
    _break_and_check(home, export, "plusieurs versions du ROME (v460, v999)")


def test_missing_folder(home: Path, tmp_path: Path):
    result = run("jobs", "import", str(tmp_path / "nulle-part"))
    _assert_refused(result, "ce dossier n'existe pas")


def test_any_version_number_is_accepted(home: Path, tmp_path: Path):
    folder = tmp_path / "v470"
    folder.mkdir()
    for child in FIXTURE.glob("*.csv"):
        shutil.copy(child, folder / child.name.replace("v999", "v470"))
    data = read_export(folder)
    assert data.version == "470" and data.version_info == {}
    assert run("jobs", "import", str(folder)).exit_code == 0
    assert "ROME (fichiers v470)" in run("jobs", "show", "J1501").output


def test_a_foreign_or_damaged_database_is_reported(home: Path, imported: Path):
    connection = sqlite3.connect(imported)
    connection.execute("PRAGMA user_version = 42")
    connection.close()
    result = run("jobs", "search", "boulanger")
    assert result.exit_code == 1 and "relance « reconversion jobs import DOSSIER »" in result.stderr
    imported.write_bytes(b"pas une base")
    result = run("jobs", "search", "boulanger")
    assert result.exit_code == 1 and "illisible" in result.stderr


def test_jobs_command_errors(home: Path):
    assert run("jobs", "show", "XYZ").exit_code == 2
    missing = run("jobs", "show", "A9999")
    assert missing.exit_code == 1 and "Aucun métier avec le code A9999" in missing.stderr
    assert run("jobs", "search", "d'").exit_code == 2
    assert run("jobs", "search", "boulanger", "--limit", "0").exit_code == 2


# --- le ROME complet (facultatif) ------------------------------------------------------------------


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="export ROME v460 de référence absent")
def test_import_of_the_real_rome_v460(home: Path):
    result = run("jobs", "import", str(REFERENCE))
    assert result.exit_code == 0, result.output
    assert "1584 fiches métier, 13120 appellations" in result.output
    assert "ROME 4.0 version 60 - 25M09 du 18/09/2025" in result.output
    assert find_metiers("infirmiere")[0].code == "J1506"
    assert "M1805" in [h.code for h in find_metiers("devlopeur", limit=3)]
    assert find_metiers("aide soignante")[0].code == "J1501"
    report = json.loads(run("jobs", "show", "M1805", "--json").output)
    assert len(report["appellations"]) >= 10 and report["mobilites"]
