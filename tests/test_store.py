"""Le carnet SQLite : une transaction par réponse, migrations, droits, fichiers abîmés, second écrivain."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from reconversion.adapters.storage.profile_lock import ProfileLock
from reconversion.adapters.storage.store import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Store, _statements
from reconversion.errors import StoreError


def open_store(home: Path, profile: str = "defaut") -> Store:
    store = Store.open(home, profile)
    assert store is not None
    return store


def test_answers_are_committed_at_once_and_read_back(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_answer("situation", "bilan", "salarie_prive")
    store.save_answer("envies", "metiers", ["soin", "bois"])
    # Une autre connexion voit les réponses sans que la première ait été fermée : elles sont écrites.
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 2
    other.close()
    store.close()
    again = open_store(tmp_path)
    assert again.answers() == {"situation": "salarie_prive", "envies": ["soin", "bois"]}
    info = again.info()
    assert {"created_at", "first_answer_at", "last_activity_at"} <= set(info)
    assert again.step_rows()["bilan"]["last_activity_at"] is not None
    again.close()


def test_folder_is_0700_and_database_0600(tmp_path: Path) -> None:
    home = tmp_path / "nouveau" / "dossier"
    store = open_store(home)
    store.save_answer("q", "s", "x")
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    store.close()


def test_missing_profile_is_not_created_when_only_reading(tmp_path: Path) -> None:
    assert Store.open(tmp_path, "perso", create=False) is None
    assert not (tmp_path / "perso.sqlite3").exists()


def test_migration_from_the_first_schema_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "defaut.sqlite3"
    db = sqlite3.connect(path)
    for statement in _statements(MIGRATIONS[0]):
        db.execute(statement)
    db.execute(
        "INSERT INTO answers VALUES ('situation', 'bilan', '\"agent_public\"', 0, '2025-01-01T10:00:00+00:00', "
        "'2025-01-01T10:00:00+00:00')"
    )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    store = open_store(tmp_path)
    assert store.answers() == {"situation": "agent_public"}
    assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {row[0] for row in store.connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"interest_answers", "actions", "experiences", "contacts"} <= tables
    store.close()


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "defaut.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE futur (x)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # une version future porte notre marque
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="version plus récente de reconversion"):
        Store.open(tmp_path, "defaut")
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"ceci n'est pas une base de donnees\n" * 10, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["texte", "entete-sqlite-abime"],
)
def test_corrupt_file_gives_a_clear_error_and_is_never_modified(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "defaut.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="est abîmé") as caught:
        Store.open(tmp_path, "defaut")
    assert "Je ne l'ai pas modifié" in caught.value.message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["defaut.sqlite3"]


def test_second_writer_on_the_same_profile_is_told_it_is_in_use(tmp_path: Path) -> None:
    lock_path = tmp_path / "defaut.lock"
    with (
        ProfileLock(lock_path, "defaut"),
        pytest.raises(StoreError, match="déjà ouvert"),
        ProfileLock(lock_path, "defaut"),
    ):
        pass
    with ProfileLock(lock_path, "defaut"):  # libéré : on peut le reprendre
        pass


def test_concurrent_connections_never_interleave_a_half_written_answer(tmp_path: Path) -> None:
    first, second = open_store(tmp_path), open_store(tmp_path)
    first.save_answer("a", "s", 1)
    second.save_answer("b", "s", 2)
    first.save_answer("b", "s", 3)
    assert second.answers() == {"a": 1, "b": 3}
    first.close()
    second.close()


def test_guide_change_archives_answers_and_restores_them(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_answer("ancienne", "s", "x")
    store.save_answer("gardee", "s", "y")
    assert store.sync_guide("g", "2", {"gardee", "nouvelle"}) == ["ancienne"]
    assert store.answers() == {"gardee": "y"}
    assert [row["question"] for row in store.answer_rows(archived=True)] == ["ancienne"]
    assert store.info()["guide_version"] == "2"
    assert store.sync_guide("g", "3", {"gardee", "ancienne"}) == []
    assert store.answers() == {"gardee": "y", "ancienne": "x"}
    store.close()


def test_reset_one_step_or_everything(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_answers({"a": ("s1", 1), "b": ("s2", 2)})
    store.complete_step("s1")
    assert store.reset("s1") == 1
    assert store.answers() == {"b": 2}
    assert "s1" not in store.step_rows()
    assert store.reset() == 1
    assert store.answers() == {}
    store.close()


def test_failed_batch_writes_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path)

    class Unserialisable:
        pass

    with pytest.raises(TypeError):
        store.save_answers({"a": ("s", 1), "b": ("s", Unserialisable())})
    assert store.answers() == {}
    store.close()
