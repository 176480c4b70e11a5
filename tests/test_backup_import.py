"""Sauvegarde JSON complète et restauration : rien n'est perdu, un fichier abîmé ne change rien."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from helpers import answered, run, write
from reconversion.adapters.storage.backup_store import read_profile, restore
from reconversion.adapters.storage.store import Store
from reconversion.core import backup as bk
from reconversion.errors import StoreError


def fill_every_table(home: Path, profile: str = "defaut") -> None:
    """Un carnet avec une ligne (au moins) dans chaque table, y compris une réponse archivée."""
    store = Store.open(home, profile)
    assert store is not None
    try:
        store.save_answers(
            {"situation": ("s1", "salarie"), "prenom": ("s1", "Lou « <b> »\n2e ligne"), "note": ("s1", None)}
        )
        store.save_answers({"ancienne": ("s1", ["a", 1, True])})
        store.sync_guide("mini", "1", {"situation", "prenom", "note", "date_cible", "envies"})  # archive « ancienne »
        store.complete_step("s1")
        with store.transaction() as db:
            db.execute("INSERT INTO interest_answers VALUES ('r1', 3, '2027-01-02T10:00:00+00:00')")
            db.execute(
                "INSERT INTO actions (id, guide_action_id, step_id, text, due_date, done_at, removed, created_at, "
                "updated_at) VALUES (1, 'a1', 's1', 'Faire un premier pas', '2027-03-20', "
                "'2027-03-02T09:00:00+00:00', 0, '2027-01-01T00:00:00+00:00', '2027-01-02T00:00:00+00:00')"
            )
            db.execute(
                "INSERT INTO actions (id, guide_action_id, step_id, text, due_date, done_at, removed, created_at, "
                "updated_at) VALUES (4, NULL, 's2', 'Appeler [Paul](javascript:x)', '2027-03-05', NULL, 0, "
                "'2027-01-01T00:00:00+00:00', '2027-01-01T00:00:00+00:00')"
            )
            db.execute(
                "INSERT INTO experiences VALUES (2, 'immersion', 'Menuiserie Dupont', '2027-01-10', '2027-01-14', "
                "'J''aime le bois', '2027-01-15T00:00:00+00:00')"
            )
            db.execute(
                "INSERT INTO contacts VALUES (3, 'Ana', 'Atelier', 'menuisière', 'forum', 'à rappeler', '2027-04-01', "
                "'2027-01-01T00:00:00+00:00', '2027-01-01T00:00:00+00:00')"
            )
    finally:
        store.close()


def snapshot(home: Path, profile: str = "defaut") -> dict[str, Any]:
    store = Store.open(home, profile, create=False)
    assert store is not None
    try:
        return read_profile(store)
    finally:
        store.close()


def valid_backup() -> dict[str, Any]:
    data = {"profile_info": {"created_at": "2027-01-01T00:00:00+00:00"}, **{t: [] for t in bk.TABLES}}
    data["answers"] = [
        {"question_id": "situation", "step_id": "s1", "value": "salarie", "archived": False,
         "answered_at": "2027-01-01T00:00:00+00:00", "updated_at": "2027-01-01T00:00:00+00:00"},
    ]  # fmt: skip
    return bk.build_backup(
        data, guide_id="mini", guide_version="1", profile="defaut", exported_at="2027-03-01T00:00:00+00:00",
        tool_version="0.1.0",
    )  # fmt: skip


# --- la forme de la sauvegarde ------------------------------------------------------------------


def test_backup_covers_every_table_and_column_of_the_schema(home: Path) -> None:
    store = Store.open(home, "defaut")
    assert store is not None
    try:
        tables = {
            name
            for (name,) in store.connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        assert tables == {*bk.TABLES, bk.PROFILE_TABLE}
        for table, columns in bk.TABLES.items():
            schema = [row[1] for row in store.connection.execute(f"PRAGMA table_info({table})")]
            assert schema == [c.name for c in columns], table
    finally:
        store.close()


def test_restore_gives_back_exactly_the_same_notebook(home: Path, tmp_path: Path) -> None:
    fill_every_table(home, "source")
    original = snapshot(home, "source")
    assert all(original[table] for table in bk.TABLES)
    assert any(row["archived"] for row in original["answers"])
    backup = json.loads(bk.dumps(bk.build_backup(original, guide_id="mini", guide_version="1", profile="source",
                                                 exported_at="x", tool_version="0")))  # fmt: skip
    assert bk.validate(backup, guide_id="mini", guide_version="1").ok
    target = Store.open(home, "cible")
    assert target is not None
    try:
        restore(target, backup, replace=False)
    finally:
        target.close()
    assert snapshot(home, "cible") == original  # horodatages, archives et ids compris


def test_restore_is_all_or_nothing(home: Path) -> None:
    fill_every_table(home)
    before = snapshot(home)
    broken = valid_backup()
    broken["contacts"] = [dict.fromkeys((c.name for c in bk.TABLES["contacts"]), None)]  # NOT NULL violé
    store = Store.open(home, "defaut")
    assert store is not None
    try:
        with pytest.raises(StoreError, match="rien n'a été modifié"):
            restore(store, broken, replace=True)
    finally:
        store.close()
    assert snapshot(home) == before


# --- vérification --------------------------------------------------------------------------------------


def test_a_valid_backup_passes_and_a_new_guide_version_is_only_a_note() -> None:
    assert bk.validate(valid_backup(), guide_id="mini", guide_version="1").ok
    check = bk.validate(valid_backup(), guide_id="mini", guide_version="2")
    assert check.ok and "version 1 du guide" in check.notes[0]


def test_every_problem_is_listed_at_once() -> None:
    backup = valid_backup()
    backup["answers"][0]["archived"] = "non"
    backup["answers"][0]["value"] = {"objet": 1}
    backup["answers"].append(dict(backup["answers"][0], archived=False, value="x"))
    backup["actions"] = [{"id": "1", "texte": "x"}]
    backup["profile_info"] = {"created_at": 3}
    backup["inconnue"] = 1
    problems = bk.validate(backup, guide_id="mini", guide_version="1").problems
    assert "answers[0].archived : booléen (true ou false) attendu (trouvé : un texte)" in problems
    expected = "réponse (texte, nombre, booléen ou liste de valeurs simples) attendue (trouvé : un objet)"
    assert f"answers[0].value : {expected}" in problems
    assert "answers[1].question_id : « situation » apparaît deux fois" in problems
    assert "actions[0].id : nombre entier attendu (trouvé : un texte)" in problems
    assert "actions[0].texte : colonne inconnue" in problems
    assert "actions[0].text : valeur manquante" in problems
    assert "profile_info.created_at : texte attendu (trouvé : un nombre entier)" in problems
    assert any(p.startswith("inconnue : clé inconnue") for p in problems)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda b: b.update(format="autre-chose"), "n'est pas une sauvegarde reconversion"),
        (lambda b: b.update(format_version=bk.FORMAT_VERSION + 1), "version plus récente de reconversion"),
        (lambda b: b.update(format_version="1"), "format_version : nombre entier attendu"),
        (lambda b: b.update(format_version=0), "version 0 inconnue"),
        (lambda b: b.pop("answers"), "answers : clé manquante"),
        (lambda b: b.update(guide={"id": "autre", "version": "1"}), "Ajoute --force"),
        (lambda b: b.update(steps={}), "steps : liste attendue (trouvé : un objet)"),
    ],
)
def test_incompatible_backups_are_refused(change, message: str) -> None:
    backup = valid_backup()
    change(backup)
    check = bk.validate(backup, guide_id="mini", guide_version="1")
    assert not check.ok
    assert any(message in p for p in check.problems), check.problems


def test_other_guide_is_accepted_with_force_and_a_note() -> None:
    backup = valid_backup()
    backup["guide"] = {"id": "autre", "version": "1"}
    check = bk.validate(backup, guide_id="mini", guide_version="1", allow_other_guide=True)
    assert check.ok and "autre guide" in check.notes[0]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\xff\xfe{}", "pas encodé en UTF-8"),
        (b'{"format": "reconversion-backup",\n  "x": }', "JSON mal formé, ligne 2, colonne 8 : valeur attendue"),
        (b"", "vide"),
        (b'{"a": 1, "a": 2}', "« a » apparaît deux fois"),
        (b'{"a": NaN}', "« NaN »"),
        (b"[" * 100000 + b"]" * 100000, "imbriquées trop profondément"),
    ],
)
def test_unreadable_files(raw: bytes, message: str) -> None:
    with pytest.raises(bk.BackupFileProblem, match=message):
        bk.parse(raw)


def test_size_limit() -> None:
    with pytest.raises(bk.BackupFileProblem, match="trop gros"):
        bk.parse(b" " * (bk.MAX_BYTES + 1))


# --- la commande import ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "reconversion-backup", ', "JSON mal formé, ligne 1"),
        ("[1, 2]", "pas une liste"),
        (json.dumps({**valid_backup(), "format_version": 7}), "format 7"),
        (json.dumps({k: v for k, v in valid_backup().items() if k not in ("answers", "contacts")}), "clé manquante"),
    ],
)
def test_import_of_broken_files_changes_nothing(
    home: Path, mini_guide_path: Path, tmp_path: Path, content: str, message: str
) -> None:
    result = run("import", str(write(tmp_path, "s.json", content)), "--guide", str(mini_guide_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Sauvegarde {tmp_path / 's.json'} refusée")
    assert "rien n'a été modifié" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output
    assert not (home / "defaut.sqlite3").exists()


def test_import_lists_all_problems(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    backup = valid_backup()
    del backup["answers"], backup["contacts"]
    result = run("import", str(write(tmp_path, "s.json", json.dumps(backup))), "--guide", str(mini_guide_path))
    assert result.exit_code == 1
    assert "(2 problèmes)" in result.stderr
    assert "  - answers : clé manquante" in result.stderr and "  - contacts : clé manquante" in result.stderr


def test_import_missing_non_utf8_and_huge_files(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    missing = run("import", str(tmp_path / "absente.json"), "--guide", str(mini_guide_path))
    assert missing.exit_code == 1 and "fichier introuvable" in missing.stderr
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"profil": "défaut"}'.encode("latin-1"))
    assert "UTF-8" in run("import", str(latin1), "--guide", str(mini_guide_path)).stderr
    huge = tmp_path / "enorme.json"
    with huge.open("wb") as handle:
        handle.truncate(bk.MAX_BYTES + 1)
    result = run("import", str(huge), "--guide", str(mini_guide_path))
    assert result.exit_code == 1 and "trop gros" in result.stderr
    assert not home.exists()


def test_import_refuses_a_profile_with_data_unless_forced(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    fill_every_table(home)
    before = snapshot(home)
    file = write(tmp_path, "s.json", json.dumps(valid_backup()))
    refused = run("import", str(file), "--guide", str(mini_guide_path))
    assert refused.exit_code == 1
    assert "contient déjà des données" in refused.stderr and "--force" in refused.stderr
    assert snapshot(home) == before
    forced = run("import", str(file), "--force", "--guide", str(mini_guide_path))
    assert forced.exit_code == 0, forced.output
    assert "Sauvegarde restaurée dans le profil « defaut » : 1 réponse." in forced.stdout
    after = snapshot(home)
    assert [r["question_id"] for r in after["answers"]] == ["situation"]
    assert after["contacts"] == [] and after["profile_info"] == {"created_at": "2027-01-01T00:00:00+00:00"}
    copies = list((home / "sauvegardes").glob("defaut-avant-import-*.json"))
    assert len(copies) == 1  # ce qui a été remplacé reste récupérable
    saved = json.loads(copies[0].read_text(encoding="utf-8"))
    assert saved["contacts"] == before["contacts"] and saved["answers"] == before["answers"]


def test_import_refuses_another_guide_without_force(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    backup = valid_backup()
    backup["guide"]["id"] = "un-autre-guide"
    file = write(tmp_path, "s.json", json.dumps(backup))
    refused = run("import", str(file), "--guide", str(mini_guide_path))
    assert refused.exit_code == 1 and "« un-autre-guide »" in refused.stderr
    forced = run("import", str(file), "--force", "--guide", str(mini_guide_path))
    assert forced.exit_code == 0 and "autre guide" in forced.stdout


def test_round_trip_markdown_is_byte_identical(
    home: Path, mini_guide_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    answered({"situation": "salarie", "prenom": "# Lou <i>", "envies": ["Bois", "Code"]}, mini_guide_path)
    fill_every_table(home, "autre")  # d'autres tables remplies, dans un second profil
    original_plan = run("export", "--guide", str(mini_guide_path), "-o", "-").stdout
    assert "- [ ] Faire un premier pas" in original_plan
    backup_file = tmp_path / "sauvegarde.json"
    assert run("export", "-f", "json", "--guide", str(mini_guide_path), "-o", str(backup_file)).exit_code == 0
    exported = run(
        "export", "-f", "json", "-p", "autre", "--guide", str(mini_guide_path), "-o", str(tmp_path / "autre.json")
    )
    assert exported.exit_code == 0
    other_plan = run("export", "-p", "autre", "--guide", str(mini_guide_path), "-o", "-").stdout

    monkeypatch.setenv("RECONVERSION_HOME", str(tmp_path / "nouvelle-machine"))
    assert run("import", str(backup_file), "--guide", str(mini_guide_path)).exit_code == 0
    assert run("export", "--guide", str(mini_guide_path), "-o", "-").stdout == original_plan
    imported = run("import", str(tmp_path / "autre.json"), "-p", "autre", "--guide", str(mini_guide_path))
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.splitlines()[0] == (
        "Sauvegarde restaurée dans le profil « autre » : 3 réponses, 1 réponse archivée, 2 actions, "
        "1 réponse au test d'intérêts, 1 expérience, 1 contact."
    )
    assert "- [x] Faire un premier pas" in other_plan and "Appeler \\[Paul\\](javascript:x)" in other_plan
    assert run("export", "-p", "autre", "--guide", str(mini_guide_path), "-o", "-").stdout == other_plan
    again = tmp_path / "encore.json"
    run("export", "-f", "json", "-p", "autre", "--guide", str(mini_guide_path), "-o", str(again))
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "autre.json", again))
    first.pop("exported_at"), second.pop("exported_at")
    assert first == second


def test_restored_file_is_a_normal_sqlite_profile(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    result = run("import", str(write(tmp_path, "s.json", json.dumps(valid_backup()))), "--guide", str(mini_guide_path))
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(home / "defaut.sqlite3")
    try:
        assert connection.execute("SELECT value FROM answers").fetchall() == [('"salarie"',)]
    finally:
        connection.close()
    status = json.loads(run("status", "--json", "--guide", str(mini_guide_path)).stdout)
    assert status["started"] is True


def test_documented_example_is_a_valid_backup() -> None:
    doc = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = re.findall(r"^```json\n(.*?)^```$", doc, flags=re.MULTILINE | re.DOTALL)[-1]
    backup = bk.parse(example.encode("utf-8"))
    check = bk.validate(backup, guide_id="reconversion-fr", guide_version="2026.1")
    assert check.ok, check.problems
    assert set(backup) == set(bk.TOP_KEYS)


def test_import_never_touches_a_damaged_profile_file(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    home.mkdir(parents=True)
    damaged = home / "defaut.sqlite3"
    damaged.write_bytes(b"pas une base" * 100)
    file = write(tmp_path, "s.json", json.dumps(valid_backup()))
    result = run("import", str(file), "--force", "--guide", str(mini_guide_path))
    assert result.exit_code == 1
    assert "est abîmé" in result.stderr and "Traceback" not in result.output
    assert damaged.read_bytes() == b"pas une base" * 100
    damaged.rename(home / "defaut.abime")
    assert run("import", str(file), "--guide", str(mini_guide_path)).exit_code == 0
