"""`reconversion certifications import/search/show` et les certifications de `jobs show` (issue 22).

Le mini-export fait main (`fixtures/certifications_mini`, voir son README) mène les tests ; les
archives aux noms piégés et le gros export du test d'arrêt brutal sont fabriqués par
`certif_factory.py`.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest

from certif_factory import MINI, synthetic_export, zip_of
from helpers import PROGRAM, ROME_MINI, environment, run, run_program
from reconversion.adapters.certifications import rncp_import
from reconversion.adapters.certifications.rncp_import import CertificationsImportError, read_export
from reconversion.adapters.certifications.rncp_store import CERTIF_FILE

TODAY = {"RECONVERSION_TODAY": "2026-12-07"}
STANDARD = "export_fiches_CSV_Standard_2026_12_01.csv"
ROME = "export_fiches_CSV_Rome_2026_12_01.csv"


def ok(*args: str) -> str:
    result = run(*args, env=TODAY)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


@pytest.fixture
def export(tmp_path: Path) -> Path:
    """Une copie modifiable du mini-export."""
    folder = tmp_path / "export"
    shutil.copytree(MINI, folder)
    return folder


@pytest.fixture
def imported(home: Path) -> Path:
    out = ok("certifications", "import", str(MINI))
    assert "11 fiches dont 8 actives" in out
    return home / CERTIF_FILE


def _refused(result, *fragments: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "rien n'a été modifié" in result.output
    for fragment in fragments:
        assert fragment in result.output, result.output
    return result.output


# --- ce que l'import lit -------------------------------------------------------------------------


def test_the_mini_export_is_read_with_its_quirks():
    data = read_export(MINI)
    assert data.date == "2026-12-01"
    assert len(data.fiches) == 11
    title, _, level, raw, active, end, _, partial = data.fiches["RNCP90007"]
    # retour à la ligne, tabulation et apostrophe doublée dans un champ entre guillemets ; niveau hors NIV3–NIV8
    assert title == "Chargé d'affaires en électricité (bâtiment et industrie)"
    assert (level, raw, active, end, partial) == (None, "NIV9", True, "2027-12-31", True)
    assert data.fiches["RNCP90004"][0].startswith("Électricien du bâtiment ; installations")  # « ; » entre guillemets
    assert data.fiches["RNCP90003"][4] is False  # « INACTIVE » suivi d'un retour à la ligne
    assert data.fiches["RNCP90001"][2] == 5
    assert data.fiches["RS9003"][2] is None
    assert ("RNCP90003", "RNCP90001") in data.replacements  # dit par la nouvelle fiche (Ancienne_Certification)
    assert {("RNCP90006", "RS9001"), ("RS9001", "RS9002")} <= data.replacements  # du RNCP au RS
    assert {rome for code, rome in data.romes if code == "RNCP90001"} == {"M1855", "M1805"}
    assert not any(code == "RNCP99999" for code, _ in data.romes)  # absente du Standard : ignorée


@pytest.mark.parametrize(("utf8_flag", "decomposed"), [(True, False), (False, False), (True, True), (False, True)])
def test_zip_names_without_utf8_flag_or_with_decomposed_accents(tmp_path: Path, utf8_flag: bool, decomposed: bool):
    archive = zip_of(MINI, tmp_path / "export-fiches-csv-2026-12-01.zip", utf8_flag=utf8_flag, decomposed=decomposed)
    if not utf8_flag:
        names = zipfile.ZipFile(archive).namelist()
        voix = next(name for name in names if "Voix" in name)  # la preuve : Python le lit comme du CP437
        assert "VoixdAccès" not in unicodedata.normalize("NFC", voix)
    data = read_export(archive)
    assert len(data.fiches) == 11
    assert data.routes and data.blocks  # VoixdAccès et Blocs_De_Compétences, aux noms accentués, reconnus


def test_dates_in_names_may_use_dashes_or_be_absent(export: Path):
    for child in export.iterdir():
        child.rename(child.with_name(child.name.replace("_2026_12_01", "")))
    assert read_export(export).date is None
    for child in export.iterdir():
        if child.suffix == ".csv":
            child.rename(child.with_name(child.stem + "_2026-12-02.csv"))
    assert read_export(export).date == "2026-12-02"


# --- refus ---------------------------------------------------------------------------------------


def test_missing_required_column_names_file_and_column(home: Path, export: Path):
    path = export / ROME
    path.write_text(path.read_text(encoding="utf-8").replace('"Codes_Rome_Code"', '"Code"', 1), encoding="utf-8")
    _refused(run("certifications", "import", str(export)), f"{ROME}:1", "colonne manquante : Codes_Rome_Code")


def test_missing_table_and_two_exports_are_refused(home: Path, export: Path):
    (export / "export_fiches_CSV_Certificateurs_2026_12_01.csv").unlink()
    _refused(run("certifications", "import", str(export)), "Certificateurs", "fichier manquant", "data.gouv.fr")
    shutil.copy(export / ROME, export / ROME.replace("2026_12_01", "2026_11_30"))
    _refused(run("certifications", "import", str(export)), "présente deux fois")


def test_broken_row_names_file_and_its_first_line(home: Path, export: Path):
    path = export / STANDARD
    text = path.read_text(encoding="utf-8-sig")
    lines = text.split("\r\n")
    # RNCP90007 occupe deux lignes physiques (retour à la ligne entre guillemets) : les suivantes sont décalées
    broken = next(i for i, line in enumerate(lines) if '"RNCP90008"' in line)
    lines[broken] = lines[broken].replace('"RNCP90008"', '"ABC12"').replace('"ACTIVE"', '"PEUT-ETRE"')
    path.write_text("\r\n".join(lines), encoding="utf-8")
    output = _refused(run("certifications", "import", str(export)), f"{STANDARD}:{broken + 1}", "« ABC12 »")
    assert "Numero_Fiche" in output


def test_bad_values_are_reported_each_with_its_line(home: Path, export: Path):
    path = export / STANDARD
    text = path.read_text(encoding="utf-8-sig")
    text = text.replace('"31/12/2029"', '"31/02/2029"').replace('"Concepteur développeur d\'applications"', '""')
    path.write_text(text, encoding="utf-8")
    rome = export / ROME
    rome.write_text(rome.read_text(encoding="utf-8").replace('"J1506"', '"J15"'), encoding="utf-8")
    output = _refused(
        run("certifications", "import", str(export)), f"{STANDARD}:2", "date de fin invalide", f"{STANDARD}:3"
    )
    assert "intitulé vide" in output
    output = _refused(run("certifications", "import", str(MINI.parent / "nulle-part")), "ni un dossier")


def test_wrong_field_count_and_not_utf8(home: Path, export: Path):
    path = export / ROME
    path.write_bytes(path.read_bytes().replace(b'"M1805";', b'"M1805";"en trop";', 1))
    _refused(run("certifications", "import", str(export)), f"{ROME}:3", "5 champs au lieu de 4")
    shutil.copy(MINI / ROME, path)
    blocks = next(export.glob("*Blocs*"))
    blocks.write_bytes(blocks.read_bytes().replace("Développer".encode(), "D\xe9velopper".encode("latin-1"), 1))
    _refused(run("certifications", "import", str(export)), blocks.name, "pas encodé en UTF-8")


def test_not_a_zip(home: Path, tmp_path: Path):
    fake = tmp_path / "export.zip"
    fake.write_text("bonjour", encoding="utf-8")
    _refused(run("certifications", "import", str(fake)), "n'est pas une archive zip")


def _zip_with(tmp_path: Path, name: str, *, mode: int | None = None, data: bytes = b"x") -> Path:
    archive = zip_of(MINI, tmp_path / "piege.zip")
    with zipfile.ZipFile(archive, "a") as handle:
        info = zipfile.ZipInfo(name)
        if mode is not None:
            info.create_system = 3
            info.external_attr = mode << 16
        handle.writestr(info, data)
    return archive


@pytest.mark.parametrize(
    ("name", "mode", "fragment"),
    [
        ("../export_fiches_CSV_Nsf_2026_12_01.csv", None, "sortirait du dossier"),
        ("/etc/passwd", None, "sortirait du dossier"),
        ("lien.csv", stat.S_IFLNK | 0o777, "lien symbolique ou fichier spécial"),
        ("tube", stat.S_IFIFO | 0o644, "lien symbolique ou fichier spécial"),
    ],
)
def test_dangerous_members_refuse_the_whole_archive(home: Path, tmp_path: Path, name: str, mode, fragment: str):
    _refused(run("certifications", "import", str(_zip_with(tmp_path, name, mode=mode))), fragment)
    assert not (home / CERTIF_FILE).exists()


def test_links_and_special_files_in_a_folder(home: Path, export: Path, tmp_path: Path):
    target = export / STANDARD
    moved = tmp_path / "ailleurs.csv"
    target.rename(moved)
    target.symlink_to(moved)
    _refused(run("certifications", "import", str(export)), "lien symbolique ou fichier spécial")
    target.unlink()
    os.mkfifo(target)  # un tube : l'ouvrir bloquerait l'import pour toujours
    _refused(run("certifications", "import", str(export)), "lien symbolique ou fichier spécial")


def test_caps_of_the_whole_import(home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    archive = zip_of(MINI, tmp_path / "export.zip")
    for name, value, fragment in (
        ("CERTIF_MAX_ROWS", 20, "plus de 20 lignes en tout"),
        ("CERTIF_MAX_TOTAL_BYTES", 4000, "de données en tout"),
        ("CERTIF_MAX_FILE_BYTES", 1000, "fichier de plus de"),
        ("MAX_IMPORT_MEMBERS", 3, "fichiers : bien plus qu'un export officiel"),
    ):
        with monkeypatch.context() as patch:
            patch.setattr(rncp_import.limits, name, value)
            with pytest.raises(CertificationsImportError) as refused:
                read_export(archive)
            assert fragment in refused.value.message
    assert len(read_export(archive).fiches) == 11  # sans bornes abaissées, le même export passe


def test_zip_bomb_stops_at_the_cap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    bomb = tmp_path / "dossier"
    shutil.copytree(MINI, bomb)
    (bomb / ROME).write_bytes(b'"Numero_Fiche";"Codes_Rome_Code"\r\n' + b"0" * (50 * 1024 * 1024))
    archive = zip_of(bomb, tmp_path / "bombe.zip")
    assert archive.stat().st_size < 1024 * 1024  # 50 Mio de zéros : quelques dizaines de Kio compressés
    monkeypatch.setattr(rncp_import.limits, "CERTIF_MAX_FILE_BYTES", 1024 * 1024)
    with pytest.raises(CertificationsImportError) as refused:
        read_export(archive)
    assert "import arrêté, un fichier de plus de 1 Mio" in refused.value.message


def test_failed_import_keeps_the_previous_one(imported: Path, export: Path):
    before = imported.read_bytes()
    (export / STANDARD).write_text('"Numero_Fiche";"Intitule"\r\n"RNCP1";"x"\r\n', encoding="utf-8")
    _refused(run("certifications", "import", str(export)), "Nomenclature_Europe_Niveau")
    assert imported.read_bytes() == before
    assert "RNCP90001" in ok("certifications", "search", "developpeur")


def test_the_imported_file_is_private_and_replaced_whole(imported: Path, export: Path):
    assert stat.S_IMODE(imported.stat().st_mode) == 0o600
    path = export / STANDARD
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace("Développeur web", "Intégrateur web"), encoding="utf-8"
    )
    ok("certifications", "import", str(export))
    assert "Intégrateur web" in ok("certifications", "show", "RNCP90001")
    assert not [p for p in imported.parent.iterdir() if p.name.endswith(".tmp")]


def test_kill_during_import_keeps_the_previous_import(tmp_path: Path):
    """kill -9 en plein import (un gros export : plusieurs secondes) : l'ancien import reste lisible."""
    home = tmp_path / "h"
    assert run_program("certifications", "import", str(MINI), home=home).returncode == 0
    big = synthetic_export(tmp_path / "gros", 25_000)
    rng = random.Random(22)
    killed = 0
    for _ in range(3):
        process = subprocess.Popen(
            [*PROGRAM, "certifications", "import", str(big)],
            env=environment(home),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            process.wait(timeout=rng.uniform(0.3, 0.9))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            killed += 1
        shown = run_program("certifications", "show", "RNCP90001", home=home)
        assert shown.returncode == 0, shown.stderr
        assert "Développeur web et web mobile" in shown.stdout
    assert killed >= 1, "l'import a toujours fini avant l'arrêt : le test n'a rien prouvé"


# --- search et show ------------------------------------------------------------------------------


def test_search_tolerates_accents_and_typos_and_filters(imported: Path):
    out = ok("certifications", "search", "electricein", "batiment")
    assert "RNCP90004" in out and "niveau 3 (CAP, BEP)" in out
    assert "RNCP90001" in ok("certifications", "search", "Développeur", "web")
    report = json.loads(ok("certifications", "search", "developpeur", "--json"))
    codes = [item["code"] for item in report["results"]]
    assert codes.index("RNCP90001") < codes.index("RNCP90003")  # l'inactive après, à pertinence égale
    assert [
        r["code"]
        for r in json.loads(ok("certifications", "search", "developpeur", "--niveau", "6", "--json"))["results"]
    ] == ["RNCP90002"]
    everything = json.loads(ok("certifications", "search", "electricien", "batiment", "--json"))["results"]
    vae = json.loads(ok("certifications", "search", "electricien", "batiment", "--vae", "--json"))["results"]
    assert {"RNCP90004", "RNCP90005"} <= {item["code"] for item in everything}
    assert "RNCP90004" in {item["code"] for item in vae} and all(item["vae"] for item in vae)
    assert "Aucune certification" in ok("certifications", "search", "zzzzzz")
    bad = run("certifications", "search", "dev", "--niveau", "2")
    assert bad.exit_code == 2 and "entre 3 et 8" in bad.output


def test_show_gives_everything_the_issue_lists(imported: Path):
    out = ok("certifications", "show", "rncp 90001")
    for expected in (
        "RNCP90001 — Développeur web et web mobile",
        "Niveau : niveau 5 (bac+2)",
        "active, enregistrée jusqu'au 31 décembre 2029",
        "MINISTERE DU TRAVAIL",
        "VAE : oui",
        "https://vae.gouv.fr",
        "bloc par bloc",
        "RNCP90001BC02",
        "M1855  Développeur / Développeuse web",
        "Remplace : RNCP90003 « Développeur logiciel »",
        "https://www.francecompetences.fr/recherche/rncp/90001/",
        "export du 2026-12-01",
    ):
        assert expected in out, expected
    chain = ok("certifications", "show", "RNCP90006")
    assert "Remplacée par : RS9001 → RS9002" in chain
    assert "Bout de la chaîne : RS9002 « Installer et raccorder des modules photovoltaïques » (active)" in chain
    rs = json.loads(ok("certifications", "show", "RS9003", "--json"))
    assert (rs["kind"], rs["level"], rs["url"]) == ("RS", None, "https://www.francecompetences.fr/recherche/rs/9003/")
    expired = json.loads(ok("certifications", "show", "RNCP90005", "--json"))
    assert (expired["state"], expired["end"]) == ("expired", "2023-08-31")
    assert "expirée" in ok("certifications", "show", "RNCP90005")


def test_old_rome_codes_say_whether_the_metier_still_exists(imported: Path, home: Path):

    report = json.loads(ok("certifications", "show", "RNCP90007", "--json"))
    old = next(link for link in report["romes"] if link["code"] == "F1631")
    assert old["exists"] is None  # sans le ROME importé, on ne peut pas savoir : on ne le prétend pas
    assert "importe le ROME pour savoir" in ok("certifications", "show", "RNCP90007")
    ok("jobs", "import", str(ROME_MINI))
    report = json.loads(ok("certifications", "show", "RNCP90008", "--json"))
    assert report["romes"][0]["current_title"] == "Infirmier / Infirmière en soins généraux (IDE)"
    assert "F1631 « Ancien code : installation électrique industrielle » : ce code n'existe plus" in ok(
        "certifications", "show", "RNCP90007"
    )


def test_without_import_every_command_says_what_to_download(home: Path):
    for args in (("certifications", "search", "dev"), ("certifications", "show", "RNCP90001")):
        result = run(*args)
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert "export-fiches-csv-AAAA-MM-JJ.zip" in result.output
        assert "data.gouv.fr/fr/datasets/repertoire-national-des-certifications" in result.output
        assert "certifications import" in result.output
    out = ok("jobs", "show", "M1855")
    assert "ne sont pas encore importées" in out and "certifications import" in out
    assert json.loads(ok("jobs", "show", "M1855", "--json"))["certifications"] is None


def test_show_of_an_unknown_or_malformed_code(imported: Path):
    unknown = run("certifications", "show", "RNCP12")
    assert unknown.exit_code == 1 and "Aucune certification RNCP12" in unknown.output
    bad = run("certifications", "show", "ABC")
    assert bad.exit_code == 2 and "RNCP ou RS suivi de chiffres" in bad.output


def test_a_damaged_or_foreign_file_is_reported(imported: Path):
    imported.write_bytes(b"pas une base")
    result = run("certifications", "search", "dev")
    assert result.exit_code == 1 and "illisibles" in result.output and "Traceback" not in result.output
    imported.unlink()
    sqlite3.connect(imported).close()
    result = run("certifications", "show", "RNCP90001")
    assert result.exit_code == 1 and "autre version" in result.output


# --- jobs show -----------------------------------------------------------------------------------


def test_jobs_show_lists_active_certifications_by_level(imported: Path):
    out = ok("jobs", "show", "F1602")
    assert "Niveau 3 (CAP, BEP)" in out and "RNCP90004" in out and "VAE possible" in out
    assert "RS9002" in out and "Sans niveau précisé" in out
    for hidden in ("RNCP90005", "RNCP90006", "RS9001"):  # expirée, inactive remplacée, inactive
        assert hidden not in out
    assert "3 autres, expirées ou plus délivrées" in out
    every = ok("jobs", "show", "F1602", "--toutes")
    assert "RNCP90005" in every and "RNCP90006" in every
    assert "remplacée par RS9002" in every  # le bout de la chaîne RNCP → RS → RS


def test_jobs_show_json_certifications_really_carry_the_rome_code(imported: Path):
    for code in ("M1855", "F1602", "J1506"):
        items = json.loads(ok("jobs", "show", code, "--json", "--toutes"))["certifications"]
        assert items
        connection = sqlite3.connect(imported)
        try:
            carried = {row[0] for row in connection.execute("SELECT code FROM fiche_rome WHERE rome = ?", (code,))}
        finally:
            connection.close()
        assert {item["code"] for item in items} == carried
        for item in items:
            assert set(item) >= {"code", "title", "level", "vae", "active", "end"}
    active = json.loads(ok("jobs", "show", "M1855", "--json"))["certifications"]
    assert [(i["code"], i["level"], i["vae"], i["active"]) for i in active] == [
        ("RNCP90001", 5, True, True),
        ("RNCP90002", 6, True, True),
    ]


# --- l'assistant (étape « Se former ») --------------------------------------------------------------


def _screen_text(metiers: list) -> str:
    from rich.console import Console

    from reconversion.adapters.screen.wizard_screen import Screen

    console = Console(record=True, width=200, color_system=None)
    Screen(console=console).chosen_metiers(metiers)
    return console.export_text()


def test_step3_lists_certifications_near_the_person_level_and_the_vae(imported: Path, home: Path):
    import datetime as dt

    from reconversion.adapters.certifications.rncp_reports import with_certifications

    day = dt.date(2026, 12, 7)
    metier = {"code": "F1602", "title": "Électricien / Électricienne du bâtiment", "access": [], "links": []}
    answers = {"diplome_niveau": "aucun", "metier_actuel_rome": "F1602"}
    advice = with_certifications([metier], answers, day, home)[0]["certifications"]
    codes = [item["code"] for item in advice["items"]]
    assert codes[0] == "RNCP90004"  # niveau 3 : le premier à portée sans diplôme
    assert "RNCP90005" not in codes and "RNCP90006" not in codes  # expirée, plus délivrée
    assert advice["vae_with_experience"] == ["RNCP90004"]  # VAE possible, et son métier actuel est visé
    text = _screen_text([{**metier, "certifications": advice}])
    assert "Diplômes et titres à ta portée" in text and "RNCP90004" in text
    assert "par la VAE" in text and "https://vae.gouv.fr" in text

    web = {"code": "M1855", "title": "Développeur / Développeuse web", "access": [], "links": []}
    master = with_certifications([web], {"diplome_niveau": "niv7"}, day, home)[0]["certifications"]
    assert [item["code"] for item in master["items"]] == ["RNCP90002"]  # niveau 6 ; le 5 est trop loin
    assert master["hidden"] == 1 and master["vae_with_experience"] == []
    assert "jobs show M1855" in _screen_text([{**web, "certifications": master}])


def test_step3_without_import_says_what_to_download(home: Path):
    import datetime as dt

    from reconversion.adapters.certifications.rncp_reports import with_certifications

    metier = {"code": "F1602", "title": "Électricien", "access": [], "links": []}
    enriched = with_certifications([metier], {}, dt.date(2026, 12, 7), home)
    assert enriched[0]["certifications"] is None
    text = " ".join(_screen_text(enriched).split())
    assert "export-fiches-csv-AAAA-MM-JJ.zip" in text and "data.gouv.fr" in text and "certifications import" in text


# --- le plan --------------------------------------------------------------------------------------

PLAN_ANSWERS = (
    "situation: demandeur_emploi\ndiplome_niveau: aucun\nmetier_actuel: Aide électricien\n"
    "metiers_cibles: [F1602, M1855]\nbesoin_formation: diplome\ncertification_visee: rncp 90004\n"
)


def _plan(tmp_path: Path) -> str:
    answers = tmp_path / "reponses.yaml"
    answers.write_text(PLAN_ANSWERS, encoding="utf-8")
    ok("start", "--answers", str(answers))
    return ok("export", "-o", "-")


def test_plan_shows_the_chosen_certification_and_those_near_the_level(imported: Path, tmp_path: Path):
    plan = _plan(tmp_path)
    chosen = plan.split("### La certification que tu vises", 1)[1].split("###", 1)[0]
    assert "RNCP90004 Électricien du bâtiment" in chosen and "niveau 3 (CAP, BEP), VAE possible" in chosen
    assert "https://www.francecompetences.fr/recherche/rncp/90004/" in chosen
    metiers = plan.split("### Tes métiers visés", 1)[1].split("### Tes réponses", 1)[0]
    electricien = metiers.split("(M1855)", 1)[0]
    assert "Diplômes et titres à ta portée (RNCP, RS)" in electricien
    assert "RNCP90004" in electricien and "RS9002" in electricien
    assert "RNCP90005" not in metiers and "RNCP90006" not in metiers  # expirée, plus délivrée
    assert "Aucune certification active de l'export importé à ton niveau" in metiers.split("(M1855)", 1)[1]
    html = ok("export", "--format", "html", "-o", "-")
    assert "La certification que tu vises" in html and "RNCP90004" in html


def test_plan_without_import_keeps_the_answer_and_says_how(home: Path, tmp_path: Path):
    plan = _plan(tmp_path)
    chosen = plan.split("### La certification que tu vises", 1)[1].split("###", 1)[0]
    assert "rncp 90004" in chosen and "absente" not in chosen  # rien d'importé : on ne prétend pas qu'elle manque
    assert "export-fiches-csv-AAAA-MM-JJ.zip" in plan and "certifications import" in plan


def test_funding_recalls_the_chosen_certification(imported: Path, tmp_path: Path):
    answers = tmp_path / "reponses.yaml"
    answers.write_text(
        "situation: demandeur_emploi\ninscrit_france_travail: true\nbesoin_formation: formation_courte\n"
        "certification_visee: RS9002\n",
        encoding="utf-8",
    )
    ok("start", "--answers", str(answers))
    out = ok("funding", "--cout", "1200", "--duree", "2")
    assert "La certification que tu vises : RS9002  Installer et raccorder des modules photovoltaïques" in out
    assert "--nature rs" in out
    assert "--nature rs" not in ok("funding", "--cout", "1200", "--duree", "2", "--nature", "rs")
    chosen = json.loads(ok("funding", "--cout", "1200", "--duree", "2", "--json"))["certification"]
    assert (chosen["text"], chosen["code"], chosen["url"]) == (
        "RS9002",
        "RS9002",
        "https://www.francecompetences.fr/recherche/rs/9002/",
    )
    assert chosen["details"] == {**chosen["details"], "code": "RS9002", "level": None, "active": True}
    assert chosen["details"]["title"] == "Installer et raccorder des modules photovoltaïques"


def test_funding_json_keeps_a_free_text_certification_or_none(home: Path, tmp_path: Path):
    answers = tmp_path / "reponses.yaml"
    answers.write_text(
        "situation: demandeur_emploi\ninscrit_france_travail: true\nbesoin_formation: formation_courte\n",
        encoding="utf-8",
    )
    ok("start", "--answers", str(answers))
    assert json.loads(ok("funding", "--cout", "1200", "--duree", "2", "--json"))["certification"] is None
    answers.write_text("certification_visee: CAP cuisine, je ne sais pas encore où\n", encoding="utf-8")
    ok("start", "--answers", str(answers))
    chosen = json.loads(ok("funding", "--cout", "1200", "--duree", "2", "--json"))["certification"]
    assert chosen == {"text": "CAP cuisine, je ne sais pas encore où", "code": None, "details": None, "url": None}
