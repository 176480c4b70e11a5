"""Le carnet face aux arrêts brutaux, aux fichiers étrangers, aux autres comptes et à la charge.

Chaque test reproduit un défaut de l'audit de fiabilité (D1, D4, D5, D8, D11, D12) sur le
vrai programme ou sur l'adaptateur SQLite, et vérifie qu'aucune donnée n'est perdue.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from helpers import environment, run_program, start_program
from reconversion.adapters.storage.store import APPLICATION_ID, SCHEMA_VERSION, Store
from reconversion.errors import StoreBusyError, StoreError


def crash_mid_transaction(home: Path) -> None:
    """Un processus qui meurt (SIGKILL) au milieu d'une grosse écriture : le journal reste « chaud »."""
    script = textwrap.dedent(
        f"""
        import os, signal, sqlite3
        db = sqlite3.connect({str(home / "defaut.sqlite3")!r}, isolation_level=None)
        db.execute("PRAGMA cache_size = 1")  # les pages modifiées partent dans le fichier avant la fin
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE answers SET value = '\\"CORROMPU\\"'")
        for i in range(3000):
            db.execute("INSERT INTO contacts (name, created_at, updated_at) VALUES (?, 'x', 'x')", ("n" * 200,))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert done.returncode == -signal.SIGKILL


def test_a_crash_mid_write_is_rolled_back_and_the_profile_opens(home: Path) -> None:
    store = Store.open(home, "defaut")
    assert store is not None
    store.save_answer("situation", "bilan", "salarie_prive")
    store.close()
    crash_mid_transaction(home)
    assert (home / "defaut.sqlite3-journal").exists()

    result = run_program("export", "--format", "json", "-o", "-", home=home)
    assert result.returncode == 0, result.stderr
    assert '"salarie_prive"' in result.stdout and "CORROMPU" not in result.stdout
    assert '"contacts": []' in result.stdout
    assert not (home / "defaut.sqlite3-journal").exists()


def test_a_damaged_file_with_its_journal_is_never_advised_to_be_renamed_alone(home: Path) -> None:
    home.mkdir(mode=0o700)
    path = home / "defaut.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    Path(f"{path}-journal").write_bytes(b"\x00" * 512)
    result = run_program("status", home=home)
    assert result.returncode == 1
    assert "renomme-le" not in result.stderr
    assert "defaut.sqlite3-journal" in result.stderr and "ensemble" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_busy_profile_is_said_busy_not_damaged(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(home, "defaut")
    assert store is not None
    store.close()
    monkeypatch.setattr("reconversion.adapters.storage.store.BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(home / "defaut.sqlite3", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreBusyError, match="occupé par une autre commande") as caught:
            Store.open(home, "defaut")
        assert caught.value.exit_code == 75
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    reopened = Store.open(home, "defaut")
    assert reopened is not None
    reopened.close()


def test_a_writer_waits_for_a_short_lock_instead_of_failing(home: Path) -> None:
    store = Store.open(home, "defaut")
    assert store is not None
    holder = sqlite3.connect(home / "defaut.sqlite3", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    store.save_answer("situation", "bilan", "autre")  # attend la fin de l'autre écriture
    release.join()
    holder.close()
    assert store.answers() == {"situation": "autre"}
    store.close()


@pytest.mark.parametrize(
    ("setup", "version"),
    [("CREATE TABLE notes (texte TEXT)", 0), ("CREATE TABLE notes (texte TEXT)", 2), ("CREATE TABLE profile (x)", 1)],
    ids=["autre-programme", "autre-programme-version-2", "table-homonyme"],
)
def test_a_foreign_sqlite_file_is_never_modified(home: Path, setup: str, version: int) -> None:
    home.mkdir(mode=0o700)
    path = home / "defaut.sqlite3"
    db = sqlite3.connect(path)
    db.execute(setup)
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    db.close()
    before = path.read_bytes()
    for command in (["status"], ["actions", "add", "Appeler le CEP"], ["export", "-o", "-"]):
        result = run_program(*command, home=home)
        assert result.returncode == 1, command
        assert "n'a pas été créé par reconversion" in result.stderr
    assert path.read_bytes() == before


def test_a_profile_written_before_the_mark_is_recognised_and_marked(home: Path) -> None:
    store = Store.open(home, "defaut")
    assert store is not None
    store.save_answer("situation", "bilan", "autre")
    store.connection.execute("PRAGMA application_id = 0")  # comme un carnet de la version 0.1.0
    store.close()
    again = Store.open(home, "defaut")
    assert again is not None
    assert again.answers() == {"situation": "autre"}
    assert again.connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert again.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    again.close()


def test_many_first_uses_of_a_new_profile_at_once_all_succeed(home: Path) -> None:
    processes = [start_program("actions", "add", f"Action {n}", home=home) for n in range(12)]
    outcomes = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in processes]
    for process in processes:
        for stream in (process.stdout, process.stderr):
            if stream:
                stream.close()
    assert [code for code, _ in outcomes] == [0] * 12, outcomes
    result = run_program("actions", "--json", home=home)
    texts = {item["text"] for item in json.loads(result.stdout)["actions"] if item["source"] == "own"}
    assert texts == {f"Action {n}" for n in range(12)}


def test_a_full_id_space_is_said_plainly_and_changes_nothing(home: Path) -> None:
    store = Store.open(home, "defaut")
    assert store is not None
    with store.transaction() as db:
        db.execute(
            "INSERT INTO actions (id, text, created_at, updated_at) VALUES (?, 'dernière', 'x', 'x')", (2**63 - 1,)
        )
    store.close()
    before = (home / "defaut.sqlite3").read_bytes()
    result = run_program("actions", "add", "Encore une", home=home)
    assert result.returncode == 1
    assert "Rien n'a été modifié" in result.stderr and "cannot rollback" not in result.stderr
    assert (home / "defaut.sqlite3").read_bytes() == before


ROOT = hasattr(os, "getuid") and os.getuid() == 0


@pytest.mark.skipif(not ROOT, reason="il faut root pour créer un fichier d'un autre compte")
def test_a_profile_file_owned_by_someone_else_is_refused(home: Path) -> None:
    home.mkdir(mode=0o700)
    planted = home / "perso.sqlite3"
    planted.touch(mode=0o666)
    os.chown(planted, 65534, 65534)
    result = run_program("contacts", "add", "Awa Diallo", "--notes", "secret", "--profile", "perso", home=home)
    assert result.returncode == 1
    assert "appartient à un autre compte" in result.stderr
    assert planted.stat().st_size == 0


def test_a_data_folder_writable_by_others_is_refused_and_a_readable_one_is_tightened(tmp_path: Path) -> None:
    shared = tmp_path / "partage"
    shared.mkdir()
    shared.chmod(0o777)
    result = run_program("actions", "add", "Appeler le CEP", home=shared)
    assert result.returncode == 1
    assert "peut être modifié par d'autres comptes" in result.stderr
    assert not (shared / "defaut.sqlite3").exists()

    readable = tmp_path / "lisible"
    readable.mkdir()
    readable.chmod(0o755)
    assert run_program("actions", "add", "Appeler le CEP", home=readable).returncode == 0
    assert readable.stat().st_mode & 0o777 == 0o700
    assert (readable / "defaut.sqlite3").stat().st_mode & 0o777 == 0o600


def test_every_missing_level_of_the_data_folder_is_created_private(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    env = environment(deep)
    done = subprocess.run(
        ["sh", "-c", f'umask 000; exec "{sys.executable}" -m reconversion actions add "Un pas"'],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", deep):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


@pytest.mark.parametrize("kind", ["fifo", "symlink"])
def test_a_profile_that_is_not_a_regular_file_is_refused_without_hanging(home: Path, kind: str) -> None:
    home.mkdir(mode=0o700)
    path = home / "defaut.sqlite3"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/null")
    for command in (["status"], ["export", "-o", "-"], ["actions", "add", "x"]):
        result = run_program(*command, home=home, timeout=30)
        assert result.returncode == 1, (command, result.stderr)
        assert "Traceback" not in result.stderr
    assert not Path("/dev/null-journal").exists()


def test_store_error_messages_never_suggest_renaming_a_single_file() -> None:
    source = (Path(__file__).resolve().parents[1] / "src" / "reconversion").rglob("*.py")
    for path in source:
        text = path.read_text(encoding="utf-8")
        assert "renomme-le" not in text and "renomme d'abord" not in text, path


def test_store_error_is_the_base_of_busy_errors() -> None:
    assert issubclass(StoreBusyError, StoreError)


def test_a_damaged_answer_cell_is_set_aside_and_asked_again(home: Path) -> None:
    store = Store.open(home, "defaut")
    assert store is not None
    store.save_answers({"situation": ("bilan", "salarie_prive"), "contrat": ("bilan", "cdi")})
    store.connection.execute("UPDATE answers SET value = CAST(X'FFFE7B' AS TEXT) WHERE question_id = 'contrat'")
    store.close()
    result = run_program("status", "--json", home=home)
    assert result.returncode == 0, result.stderr
    assert "contrat" in result.stderr and "reposée" in result.stderr
    assert json.loads(result.stdout)["steps"][0]["answered"] >= 1
