"""Compétences transférables : l'import des compétences, `jobs compare`, `jobs bridges`, l'archive zip.

Le mini-export (`fixtures/rome_mini`) est construit pour que chaque règle se vérifie à la main :
J1501 (aide-soignant) a 7 compétences, J1506 (infirmier) 7, dont 5 en commun ; K2111 et
A1203 sont à égalité de couverture (50 %) mais K2111 partage plus de compétences ; D1102 et
M1805 sont à égalité parfaite (1 sur 4) et se départagent par le code.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import stat
import zipfile
from collections import defaultdict
from pathlib import Path

import pytest

from helpers import ROME_MINI, ROME_REFERENCE, answered, plain_spaces, rome_export, run
from reconversion.adapters.imports.export_files import TooBig, _Capped
from reconversion.adapters.rome.rome_store import ROME_FILE, RomeStore
from reconversion.core.skills import SAVOIR, SAVOIR_ETRE, SAVOIR_FAIRE, Candidate, Skill, compare, rank_bridges

LIENS = "unix_coherence_item_v999_utf8.csv"
COMPETENCES = "unix_referentiel_competence_v999_utf8.csv"


@pytest.fixture
def imported(home: Path) -> Path:
    result = run("jobs", "import", str(ROME_MINI))
    assert result.exit_code == 0, result.output
    return home


def _json(*args: str) -> dict:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# --- le calcul pur ------------------------------------------------------------------------------


def test_compare_partitions_the_target_skills_exactly():
    held = [Skill("1", "Soigner", SAVOIR_FAIRE, "Soins"), Skill("2", "Écouter", SAVOIR_ETRE), Skill("9", "x", SAVOIR)]
    wanted = [
        Skill("3", "Pharmacologie", SAVOIR, "Domaines"),
        Skill("2", "Écouter", SAVOIR_ETRE),
        Skill("1", "Soigner", SAVOIR_FAIRE, "Soins"),
        Skill("4", "Diagnostiquer", SAVOIR_FAIRE, "Bilan"),
        Skill("4", "Diagnostiquer", SAVOIR_FAIRE, "Bilan"),  # en double : compté une fois
    ]
    result = compare(held, wanted)
    assert [s.code for s in result.shared] == ["1", "2"]
    assert [s.code for s in result.to_acquire] == ["4", "3"]  # savoir-faire, puis savoirs
    assert result.coverage == 0.5
    assert compare(held, []).coverage == 0.0


def test_bridges_rank_by_coverage_then_shared_then_mobilite_then_code():
    candidates = [
        Candidate("B0001", "b", "SI", 2, 4),
        Candidate("A0001", "a", "RS", 1, 2),
        Candidate("C0001", "c", "SA", 2, 4),
        Candidate("D0001", "d", "", 3, 4),
        Candidate("E0001", "e", "IS", 0, 5),  # rien en commun : écarté
        Candidate("Z0000", "moi", "S", 7, 7),  # le métier de départ : écarté
    ]
    ranked = rank_bridges("Z0000", candidates, {"C0001"})
    assert [b.code for b in ranked] == ["D0001", "C0001", "B0001", "A0001"]
    assert ranked[1].mobilite and not ranked[2].mobilite
    assert [b.code for b in rank_bridges("Z0000", candidates, set(), letters="S")] == ["B0001", "C0001"]
    assert [b.code for b in rank_bridges("Z0000", candidates, set(), letters="RI", limit=1)] == ["A0001"]
    assert [b.code for b in rank_bridges("Z0000", candidates, set(), domain="C0")] == ["C0001"]


# --- l'import ----------------------------------------------------------------------------------


def test_import_loads_skills_and_their_groups(imported: Path):
    store = RomeStore.open(imported)
    assert store is not None
    try:
        skills = {s.code: s for s in store.skills("J1501")}
        assert len(skills) == 7  # le contexte de travail « Travail le samedi » n'est pas une compétence
        assert skills["115845"].kind == SAVOIR_FAIRE
        assert skills["115845"].group == "Surveiller l'état de santé d'une personne"  # sa macro-compétence
        assert skills["300446"].group == skills["300446"].label  # une macro-compétence liée directement
        assert skills["300412"] == Skill("300412", "Être à l'écoute, faire preuve d'empathie", SAVOIR_ETRE, "")
        assert skills["100470"] == Skill("100470", "Droit de la santé publique", SAVOIR, "Normes et procédés")
        assert store.skills("N9999") == []
    finally:
        store.close()


def _break(export: Path, name: str, old: str, new: str) -> None:
    path = export / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    shutil.copytree(ROME_MINI, folder)
    return folder


def test_broken_skill_files_name_file_and_line(home: Path, export: Path):
    _break(export, LIENS, '"J1501","23374"', '"J1501","777"')
    _break(export, COMPETENCES, '"Savoir-faire","Technique expert"', '"Savoir-vivre","Technique expert"')
    with (export / COMPETENCES).open("a", encoding="utf-8") as handle:
        handle.write('"555","Compétence","Orpheline","","999999","","Savoir-faire","Technique","","","",""\n')
    result = run("jobs", "import", str(export))
    assert result.exit_code == 1
    assert f"{LIENS}:15 : élément 777 absent des compétences, des savoirs et des contextes de travail" in result.stderr
    assert "catégorie « Savoir-vivre » inconnue" in result.stderr
    assert f"{COMPETENCES}:22 : macro-compétence 999999 (de la compétence 555) absente du fichier" in result.stderr
    assert not (home / ROME_FILE).exists()


def test_missing_skill_file_is_reported(home: Path, export: Path):
    (export / "unix_referentiel_savoir_v999_utf8.csv").unlink()
    result = run("jobs", "import", str(export))
    assert result.exit_code == 1
    assert "unix_referentiel_savoir_v999_utf8.csv : fichier manquant dans ce dossier" in result.stderr


# --- jobs compare ----------------------------------------------------------------------------------


def test_compare_json_partition_and_coverage(imported: Path):
    report = _json("jobs", "compare", "j1501", "J1506")
    assert (report["from"], report["to"]) == ("J1501", "J1506")
    assert [s["code"] for s in report["shared"]] == ["300446", "115845", "300412", "300490", "100470"]
    assert report["to_acquire"] == [
        {
            "code": "107715",
            "label": "Réaliser des soins infirmiers",
            "kind": "savoir-faire",
            "group": "Prodiguer des soins médicaux",
        },
        {
            "code": "107736",
            "label": "Surveiller l'évolution de l'état de santé des patients",
            "kind": "savoir-faire",
            "group": "Surveiller l'état de santé d'une personne",
        },
    ]
    assert report["coverage"] == round(5 / 7, 4)
    back = _json("jobs", "compare", "J1506", "J1501")
    assert [s["code"] for s in back["to_acquire"]] == ["404317", "477041"]
    store = RomeStore.open(imported)
    assert store is not None
    try:  # partition exacte des compétences de VERS, pour chaque paire du mini-export
        codes = [row[0] for row in store.query("SELECT code FROM fiches")]
        for source in codes:
            for target in codes:
                pair = _json("jobs", "compare", source, target)
                wanted = {s.code for s in store.skills(target)}
                shared = {s["code"] for s in pair["shared"]}
                missing = {s["code"] for s in pair["to_acquire"]}
                routes = {s["code"] for s in pair["routes"]}
                assert shared | missing | routes == wanted and not shared & missing
                assert shared == wanted & {s.code for s in store.skills(source)}
    finally:
        store.close()


def test_compare_text_groups_by_kind_and_macro_competence(imported: Path):
    result = run("jobs", "compare", "J1501", "J1506")
    assert result.exit_code == 0, result.output
    text = result.output
    assert "Tu as déjà 5 des 7 compétences demandées (71 %), il t'en reste 2 à acquérir." in text
    assert "Ce que tu sais déjà faire (5)" in text and "Ce qu'il te reste à acquérir (2)" in text
    assert "    Surveiller l'état de santé d'une personne :\n      • Rechercher, traiter" in text
    assert "  Savoir-être professionnels\n    • Être à l'écoute, faire preuve d'empathie\n" in text
    assert "    Normes et procédés :\n      • Droit de la santé publique" in text
    assert text.index("Ce que tu sais déjà faire") < text.index("Réaliser des soins infirmiers")
    assert "Source : France Travail" in text


def test_rome_texts_cannot_drive_the_terminal(home: Path, export: Path):
    _break(export, COMPETENCES, "Réaliser des soins infirmiers", "Réaliser des soins \x1b[2J\x1b]0;piège\x07infirmiers")
    assert run("jobs", "import", str(export)).exit_code == 0
    text = run("jobs", "compare", "J1501", "J1506").output
    assert "\x1b" not in text and "\x07" not in text
    assert "Réaliser des soins [2J ]0;piège infirmiers" in text  # nettoyé dès l'import
    assert (
        _json("jobs", "compare", "J1501", "J1506")["to_acquire"][0]["label"]
        == "Réaliser des soins [2J ]0;piège infirmiers"
    )


def test_labels_are_cleaned_at_import():
    from reconversion.adapters.rome.rome_rows import label as _label

    assert _label("à l\x92'étranger") == "à l'étranger"  # v460 : un reste de cp1252
    assert _label(" Soins\x1b[31m\tà\ndomicile d''urgence ") == "Soins [31m à domicile d'urgence"


def test_diplomas_are_routes_not_skills_to_acquire(capsys: pytest.CaptureFixture[str]):
    """Revue S3 : « l'un de ces diplômes » n'est jamais compté comme plusieurs compétences à acquérir."""
    from reconversion.adapters.screen.skills_view import print_comparison
    from reconversion.adapters.screen.terminal_style import Style
    from reconversion.core.skills import skill_dict

    diplomas = [
        Skill("7", "Diplôme d'État d'assistant de service social", SAVOIR, "Certifications et habilitations"),
        Skill("8", "DUT information-communication", SAVOIR, "Certifications et habilitations"),
    ]
    wanted = [Skill("1", "Accompagner une personne", SAVOIR_FAIRE, "Accompagnement"), *diplomas]
    result = compare([diplomas[0]], wanted)
    assert [s.code for s in result.to_acquire] == ["1"] and result.shared == ()
    assert [s.code for s in result.routes] == ["7", "8"]
    assert (result.total, result.coverage) == (1, 0.0)
    print_comparison(
        {"from": "M1607", "from_title": "Secrétaire", "to": "K1801", "to_title": "CIP", "coverage": 0.0,
         "shared": [], "to_acquire": [skill_dict(wanted[0])], "routes": [skill_dict(d) for d in diplomas],
         "rome_version": "460", "source": ""},
        Style(False),
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "Tu as déjà 0 des 1 compétences demandées" in out and "il t'en reste 1 à acquérir" in out
    assert "Diplômes, titres et habilitations cités par le ROME (2)" in out
    assert "l'un d'eux suffit" in out and "jobs show K1801" in out
    assert "point de départ" in out  # la mise en garde de la revue S3 atteint l'écran


def test_views_clean_texts_even_from_elsewhere(capsys: pytest.CaptureFixture[str]):
    """Deuxième barrière : les vues nettoient aussi ce qu'elles affichent."""
    from reconversion.adapters.screen.skills_view import print_bridges, print_comparison
    from reconversion.adapters.screen.terminal_style import Style

    skill = {"code": "1", "label": "Soigner\x1b[31m", "kind": SAVOIR_FAIRE, "group": "Soins\x07"}
    print_comparison(
        {"from": "A1111", "from_title": "De\x1b]0;x\x07", "to": "B2222", "to_title": "Vers", "coverage": 0.0,
         "shared": [], "to_acquire": [skill]},
        Style(False),
    )  # fmt: skip
    print_bridges(
        {"from": "A1111", "from_title": "De", "results": [
            {"code": "B2222", "title": "Vers\x1b[2J", "riasec": "S", "coverage": 0.5, "shared": 1, "total": 2,
             "mobilite": False}]},
        Style(False),
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Soigner" in out and "Vers" in out and "De" in out
    assert "[31m" not in out and "[2J" not in out and "]0;x" not in out  # la séquence entière disparaît


def test_compare_errors(home: Path):
    no_data = run("jobs", "compare", "J1501", "J1506")
    assert no_data.exit_code == 1
    assert "importe d'abord le ROME complet" in no_data.stderr and "reconversion jobs import" in no_data.stderr
    assert len(no_data.stderr.strip().splitlines()) == 1 and "Traceback" not in no_data.output
    assert run("jobs", "bridges", "J1501").exit_code == 1
    assert run("jobs", "compare", "J15", "J1506").exit_code == 2
    assert run("jobs", "import", str(ROME_MINI)).exit_code == 0
    unknown = run("jobs", "compare", "J1501", "B9999")
    assert unknown.exit_code == 1 and "Aucun métier avec le code B9999 dans le ROME importé" in unknown.stderr
    empty = run("jobs", "compare", "J1501", "N9999")
    assert empty.exit_code == 0 and "aucune compétence pour ce métier" in empty.output


# --- jobs bridges ---------------------------------------------------------------------------------------


def test_bridges_json_ranking_and_mobilites(imported: Path):
    report = _json("jobs", "bridges", "J1501")
    rows = [(r["code"], r["shared"], r["total"], r["coverage"], r["mobilite"]) for r in report["results"]]
    assert rows == [
        ("J1506", 5, 7, round(5 / 7, 4), True),
        ("K2111", 2, 4, 0.5, True),
        ("A1203", 1, 2, 0.5, False),
        ("D1102", 1, 4, 0.25, False),
        ("M1805", 1, 4, 0.25, False),
    ]
    assert report["filters"] == {"riasec": None, "domain": None}
    assert [r["code"] for r in _json("jobs", "bridges", "J1501", "--riasec", "s")["results"]] == ["J1506", "K2111"]
    assert [r["code"] for r in _json("jobs", "bridges", "J1501", "--domain", "j")["results"]] == ["J1506"]
    assert [r["code"] for r in _json("jobs", "bridges", "J1501", "--riasec", "R", "-n", "1")["results"]] == ["A1203"]
    assert _json("jobs", "bridges", "J1501", "--domain", "B")["results"] == []


def test_bridges_text(imported: Path):
    text = run("jobs", "bridges", "J1501").output
    lines = text.splitlines()
    assert lines[0] == "Passerelles depuis J1501 — Aide-soignant / Aide-soignante"
    assert "   71 %  J1506  Infirmier / Infirmière en soins généraux (IDE)  [SI]  (5 sur 7)  ◆" in lines
    assert "   50 %  A1203  Agent / Agente d'entretien des espaces verts  [R]  (1 sur 2)" in lines
    assert "Pour le détail : reconversion jobs compare J1501 J1506" in text
    none = run("jobs", "bridges", "J1501", "--domain", "B").output
    assert "Aucun métier ne partage de compétence" in none


def test_bridges_do_not_count_diplomas(home: Path, tmp_path: Path):
    """Comme `jobs compare` (revue S3) : un diplôme partagé n'est ni une compétence partagée ni une passerelle."""
    export = rome_export(tmp_path / "rome")
    with (export / "unix_referentiel_savoir_v999_utf8.csv").open("a", encoding="utf-8") as handle:
        handle.write('"900001","Diplôme d\'État d\'infirmier","Certifications et habilitations","","","N"\n')
        handle.write('"900002","CACES R489","Certifications et habilitations","","","N"\n')
    with (export / "unix_coherence_item_v999_utf8.csv").open("a", encoding="utf-8") as handle:
        for fiche, item in (("J1501", "900001"), ("J1506", "900001"), ("K2111", "900002"), ("J1501", "900002")):
            handle.write(f'"{fiche}","{item}",""\n')
        handle.write('"N9999","900001",""\n')  # une fiche qui ne partage qu'un diplôme avec J1501
    result = run("jobs", "import", str(export))
    assert result.exit_code == 0, result.output
    report = _json("jobs", "bridges", "J1501")
    rows = [(r["code"], r["shared"], r["total"], r["coverage"]) for r in report["results"]]
    assert rows[:2] == [("J1506", 5, 7, round(5 / 7, 4)), ("K2111", 2, 4, 0.5)]  # comme sans diplôme
    assert "N9999" not in [r["code"] for r in report["results"]]
    compared = _json("jobs", "compare", "J1501", "J1506")
    assert (len(compared["shared"]), compared["coverage"]) == (rows[0][1], rows[0][3])  # les deux commandes d'accord
    assert [s["code"] for s in compared["routes"]] == ["900001"]
    # Un ROME importé par une version qui ne comptait pas encore les voies d'accès à l'import : même résultat.
    import sqlite3

    db = sqlite3.connect(home / "rome.db")
    with db:
        stored = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('route_groups', 'route_counts')"))
        counts = "J1501:2 J1506:1 K2111:1 N9999:1"
        assert stored == {"route_groups": "Certifications et habilitations", "route_counts": counts}
        db.execute("DELETE FROM meta WHERE key IN ('route_groups', 'route_counts')")
    db.close()
    assert _json("jobs", "bridges", "J1501") == report


def test_bridges_option_errors(imported: Path):
    for args in (["--riasec", "X"], ["--domain", "Z"], ["--domain", "J1"], ["--limit", "0"]):
        result = run("jobs", "bridges", "J1501", *args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output


# --- l'archive zip ---------------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes], folder: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(folder + name, data)
    return path


def _fixture_members() -> dict[str, bytes]:
    return {child.name: child.read_bytes() for child in ROME_MINI.iterdir()}


def test_import_from_the_official_zip(home: Path, tmp_path: Path):
    archive = _zip(tmp_path / "RefRomeCsv.zip", _fixture_members(), folder="RefRomeCsv/")
    result = run("jobs", "import", str(archive))
    assert result.exit_code == 0, result.output
    assert "7 fiches métier, 19 appellations, 5 liens entre métiers proches, 16 compétences" in result.output
    assert "ROME de test - mini du 01/02/2030" in result.output  # version.txt lu dans l'archive
    assert _json("jobs", "compare", "J1501", "J1506")["coverage"] == round(5 / 7, 4)
    assert not [p for p in home.iterdir() if p.suffix == ".csv"], "rien n'est extrait sur le disque"


def test_a_zip_that_is_not_a_rome_export(home: Path, tmp_path: Path):
    archive = _zip(tmp_path / "photos.zip", {"vacances.jpg": b"\xff\xd8", "notes.txt": b"rien"})
    result = run("jobs", "import", str(archive))
    assert result.exit_code == 1
    assert "cette archive : aucun fichier de l'export du ROME" in result.stderr
    assert "francetravail.org" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2  # le titre et une seule raison
    text = tmp_path / "export.csv"
    text.write_text("pas une archive", encoding="utf-8")
    refused = run("jobs", "import", str(text))
    assert refused.exit_code == 1 and "n'est pas une archive zip" in refused.stderr
    broken = tmp_path / "abime.zip"
    broken.write_bytes(archive.read_bytes()[:-30])
    assert run("jobs", "import", str(broken)).exit_code == 1


@pytest.mark.parametrize(
    ("name", "symlink", "expected"),
    [
        ("../../.bashrc", False, "élément « ../../.bashrc » refusé (chemin qui sortirait de l'archive)"),
        ("/etc/passwd", False, "chemin qui sortirait de l'archive"),
        ("lien.csv", True, "élément « lien.csv » refusé (ce n'est pas un fichier ordinaire"),
    ],
)
def test_a_zip_with_a_bad_member_is_refused(home: Path, tmp_path: Path, name: str, symlink: bool, expected: str):
    archive = _zip(tmp_path / "RefRomeCsv.zip", _fixture_members())
    with zipfile.ZipFile(archive, "a") as handle:
        info = zipfile.ZipInfo(name)
        if symlink:
            info.create_system = 3
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
        handle.writestr(info, "/etc/passwd")
    result = run("jobs", "import", str(archive))
    assert result.exit_code == 1
    assert expected in result.stderr
    assert not (home / ROME_FILE).exists()


def test_zip_members_are_read_with_a_size_cap(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    capped = _Capped(io.BytesIO(b"x" * 10), 5)
    with pytest.raises(TooBig):
        capped.read()
    archive = _zip(tmp_path / "RefRomeCsv.zip", _fixture_members())
    monkeypatch.setattr("reconversion.adapters.rome.rome_rows.MAX_FILE_BYTES", 1000)
    result = run("jobs", "import", str(archive))
    assert result.exit_code == 1 and "fichier trop gros" in result.stderr


# --- le ROME complet (facultatif) --------------------------------------------------------------------------


def _reference_skills() -> dict[str, set[str]]:
    """Les compétences de chaque fiche, recalculées ici directement depuis les CSV officiels."""
    known: set[str] = set()
    for name, column in (("referentiel_competence", "code_ogr"), ("referentiel_savoir", "code_ogr_savoir")):
        with (ROME_REFERENCE / f"unix_{name}_v460_utf8.csv").open(encoding="utf-8", newline="") as handle:
            known |= {row[column] for row in csv.DictReader(handle)}
    result: dict[str, set[str]] = defaultdict(set)
    with (ROME_REFERENCE / "unix_coherence_item_v460_utf8.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["code_ogr"] in known:
                result[row["code_rome"]].add(row["code_ogr"])
    return result


def _reference_routes() -> set[str]:
    """Les savoirs « Certifications et habilitations » (diplômes, titres, habilitations), relus dans les CSV."""
    with (ROME_REFERENCE / "unix_referentiel_savoir_v460_utf8.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["code_ogr_savoir"]
            for row in csv.DictReader(handle)
            if row["categorie_savoir"] == "Certifications et habilitations"
        }


@pytest.mark.skipif(not ROME_REFERENCE.is_dir(), reason="export ROME v460 de référence absent")
def test_real_pairs_on_rome_v460(home: Path):
    result = run("jobs", "import", str(ROME_REFERENCE))
    assert result.exit_code == 0, result.output
    skills, routes = _reference_skills(), _reference_routes()
    for source, target in (("J1501", "J1506"), ("M1805", "K2111"), ("D1102", "D1104"), ("K2111", "K2111")):
        report = _json("jobs", "compare", source, target)
        shared = {s["code"] for s in report["shared"]}
        missing = {s["code"] for s in report["to_acquire"]}
        counted = skills[target] - routes  # les diplômes, titres, habilitations : à part, jamais comptés (S3)
        assert shared == skills[source] & counted
        assert missing == counted - skills[source]
        assert {s["code"] for s in report["routes"]} == skills[target] & routes
        assert report["coverage"] == round(len(shared) / len(counted), 4)
    aide = _json("jobs", "compare", "J1501", "J1506")
    assert "Diplôme d'Etat d'infirmier (ière)" in [s["label"] for s in aide["routes"]]
    assert "Diplôme d'Etat d'infirmier (ière)" not in [s["label"] for s in aide["to_acquire"]]
    social = _json("jobs", "compare", "M1607", "K1801")  # la revue S3 : cinq diplômes au choix comptés « à acquérir »
    assert not [s for s in social["to_acquire"] if s["label"].startswith(("Diplôme", "Licence", "DUT"))]
    assert len(social["routes"]) >= 5
    assert _json("jobs", "compare", "K2111", "K2111")["coverage"] == 1.0
    bridges = _json("jobs", "bridges", "M1805", "--riasec", "I", "--limit", "5")["results"]
    assert [b["code"] for b in bridges][:3] == ["M1855", "M1831", "M1837"]  # sans les diplômes (S3)
    assert all(b["riasec"].startswith("I") for b in bridges)
    counted = {c: skills[c] - routes for c in skills if c != "M1805" and skills[c] - routes}
    coverages = sorted((round(len(counted[c] & skills["M1805"]) / len(counted[c]), 4) for c in counted), reverse=True)
    top = _json("jobs", "bridges", "M1805", "--limit", "20")["results"]
    assert [b["coverage"] for b in top] == coverages[:20]


# --- le plan ---------------------------------------------------------------------------------------------------

PINNED = "situation: salarie_prive\ncontrat: cdi\nmetier_actuel: Aide-soignante\nmetiers_cibles: [J1506, N9999]\n"


def _plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: str) -> str:
    answered(answers)
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-01-10")
    result = run("export", "-o", "-")
    assert result.exit_code == 0, result.output
    return plain_spaces(result.output)


def test_plan_shows_skills_held_and_to_develop(imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    plan = _plan(tmp_path, monkeypatch, PINNED + "metier_actuel_rome: j1501\n")
    assert "**Ta fiche métier actuelle (ROME) :** Aide-soignant / Aide-soignante (J1501)" in plan
    expected = """\
  - Depuis ton métier actuel, Aide-soignant / Aide-soignante (J1501) : 5 compétences sur 7 déjà acquises (71 %)
    - Déjà acquises :
      - Savoir-faire : Respecter les règles de Qualité, Hygiène, Sécurité, Santé et Environnement (QHSSE) ; \
Rechercher, traiter et transmettre les informations pour assurer la continuité des soins et des activités
      - Savoir-être professionnels : Être à l'écoute, faire preuve d'empathie ; Faire preuve de rigueur et de précision
      - Savoirs : Droit de la santé publique
    - À développer :
      - Savoir-faire : Réaliser des soins infirmiers ; Surveiller l'évolution de l'état de santé des patients
- **Testeur / Testeuse de référentiel** (N9999)
"""
    assert expected in plan
    assert "[Formations « Réaliser des soins infirmiers » (France Travail)]" in plan
    assert plan.count("Depuis ton métier actuel") == 1  # N9999 n'a aucune compétence dans le ROME


def test_plan_without_pinned_job_or_without_rome(imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    plan = _plan(tmp_path, monkeypatch, PINNED + "metier_actuel_rome: J1501\n")
    assert "Depuis ton métier actuel" in plan
    (imported / ROME_FILE).unlink()
    without_rome = run("export", "-o", "-")
    assert without_rome.exit_code == 0  # le plan s'exporte sans les compétences
    assert "Infirmier / Infirmière en soins généraux (IDE)** (J1506)" in without_rome.output
    assert "Depuis ton métier actuel" not in without_rome.output
    assert run("jobs", "import", str(ROME_MINI)).exit_code == 0
    assert run("reset", "--yes").exit_code == 0
    assert "Depuis ton métier actuel" not in _plan(tmp_path, monkeypatch, PINNED)  # métier actuel non relié


def test_an_unknown_pinned_code_is_refused(imported: Path, tmp_path: Path):
    path = tmp_path / "reponses.yaml"
    path.write_text(PINNED + "metier_actuel_rome: B9999\n", encoding="utf-8")
    result = run("start", "--answers", str(path))
    assert result.exit_code != 0
    assert "metier_actuel_rome : code ROME inconnu « B9999 »" in result.stderr
