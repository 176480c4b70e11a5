"""`adapters/imports/reference_build.py` : la base importée (ROME, certifications) remplacée d'un coup.

Les deux imports passent par `replace_reference` : une écriture qui échoue en cours de route
garde la base précédente telle quelle et ne laisse aucun temporaire ; un temporaire laissé par
un import tué (kill -9, voir `test_crash_safety`) est effacé au suivant.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from reconversion.adapters.certifications.rncp_store import CERTIFICATIONS, CertStore
from reconversion.adapters.imports.reference_build import new_database, replace_reference, write_search_index
from reconversion.errors import StoreError

_SCHEMA = "CREATE TABLE fiches (code TEXT PRIMARY KEY, title TEXT NOT NULL, active INTEGER NOT NULL);"


def _write(title: str, *, fail: bool = False):
    def write(path: Path) -> str:
        with new_database(path, CERTIFICATIONS, _SCHEMA) as connection:
            connection.execute("INSERT INTO fiches VALUES ('RNCP1', ?, 1)", (title,))
            write_search_index(connection, [("RNCP1", title, True)])
            if fail:
                raise sqlite3.OperationalError("disque plein (simulé)")
        return title

    return write


def _leftovers(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir() if p.name.startswith(f".{CERTIFICATIONS.file}."))


def test_a_failed_write_keeps_the_previous_base_and_no_temporary(tmp_path: Path) -> None:
    home = tmp_path / "donnees"
    assert replace_reference(CERTIFICATIONS, home, _write("Ancienne")) == "Ancienne"
    target = CERTIFICATIONS.path(home)
    before = target.read_bytes()
    with pytest.raises(StoreError) as refused:
        replace_reference(CERTIFICATIONS, home, _write("Nouvelle", fail=True))
    assert "Écriture des certifications impossible" in refused.value.message
    assert "l'import précédent est intact" in refused.value.message
    assert target.read_bytes() == before
    assert _leftovers(home) == []
    store = CertStore.open(home)
    assert store is not None
    try:
        assert store.query("SELECT title FROM fiches") == [("Ancienne",)]
    finally:
        store.close()


def test_the_new_base_is_private_marked_and_searchable(tmp_path: Path) -> None:
    home = tmp_path / "donnees"
    replace_reference(CERTIFICATIONS, home, _write("Développeur web"))
    target = CERTIFICATIONS.path(home)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    store = CertStore.open(home)
    assert store is not None
    try:
        index = store.corpus()
        assert list(index.vocabulary()) == ["developpeur", "web"]
        assert dict(index.postings(["web"])) == {"web": [1]}
    finally:
        store.close()


def test_a_temporary_left_by_a_killed_import_is_removed_next_time(tmp_path: Path) -> None:
    home = tmp_path / "donnees"
    replace_reference(CERTIFICATIONS, home, _write("Ancienne"))
    orphan = home / f".{CERTIFICATIONS.file}.abc123.tmp"
    orphan.write_bytes(b"moitie d'une base")
    old = time.time() - 120  # plus vieux d'une minute et plus verrouillé : personne ne l'écrit plus
    os.utime(orphan, (old, old))
    replace_reference(CERTIFICATIONS, home, _write("Nouvelle"))
    assert not orphan.exists()
    assert _leftovers(home) == []


def test_a_base_of_another_version_is_refused_with_the_command_to_rebuild(tmp_path: Path) -> None:
    home = tmp_path / "donnees"
    home.mkdir()
    connection = sqlite3.connect(CERTIFICATIONS.path(home))
    connection.execute(f"PRAGMA application_id = {CERTIFICATIONS.application_id}")
    connection.execute(f"PRAGMA user_version = {CERTIFICATIONS.version + 1}")
    connection.close()
    with pytest.raises(StoreError) as refused:
        CertStore.open(home)
    assert "viennent d'une autre version de reconversion" in refused.value.message
    assert "certifications import ZIP" in refused.value.message
