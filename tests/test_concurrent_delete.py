"""Une commande qui tourne pendant que son profil est effacé le dit (audit N7), au lieu de
« abîmé… déplace-le », « disk I/O error » ou « lecture seule »."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_program, start_program
from reconversion.adapters.storage.store import Store
from reconversion.errors import StoreError

DELETED = "effacé pendant"


def test_a_write_after_the_profile_was_deleted_says_so(tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert run_program("actions", "add", "Appeler le CEP", home=home).returncode == 0
    store = Store.open(home, "defaut")
    assert store is not None
    try:
        assert run_program("profiles", "delete", "defaut", "--yes", home=home).returncode == 0
        with pytest.raises(StoreError) as refused, store.transaction() as db:
            db.execute("INSERT INTO actions (text, removed, created_at, updated_at) VALUES ('x', 0, 'a', 'a')")
    finally:
        store.close()
    message = refused.value.message
    assert DELETED in message and "defaut" in message, message
    assert "abîmé" not in message and "lecture seule" not in message and "disk I/O" not in message


def test_concurrent_adds_during_a_delete_fail_only_with_the_deletion_message(tmp_path: Path) -> None:
    home = tmp_path / "h"
    for _ in range(2):
        assert run_program("actions", "add", "Avant", home=home).returncode == 0
        adds = [start_program("actions", "add", f"Action {n}", home=home) for n in range(8)]
        assert run_program("profiles", "delete", "defaut", "--yes", home=home).returncode == 0
        for process in adds:
            _, err = process.communicate(timeout=120)
            if process.returncode != 0:
                assert DELETED in err or "occupé" in err, err
                assert "Traceback" not in err
