"""Le côté écriture du carnet est typé comme le côté lecture : les colonnes qu'une commande peut
changer sont les clés d'un TypedDict (`core/schemas.py`), et seules elles entrent dans une requête."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, cast, get_type_hints

from reconversion.adapters.storage import followup_store
from reconversion.adapters.storage.store import Store
from reconversion.core import schemas


def test_the_written_columns_are_the_keys_of_the_change_types() -> None:
    assert set(followup_store.ACTION_CHANGES) == set(get_type_hints(schemas.ActionChanges))
    assert set(followup_store.ACTION_CHANGES) == set(get_type_hints(schemas.GuideActionValues))
    assert set(followup_store.CONTACT_FIELDS) == set(get_type_hints(schemas.ContactChanges))
    assert set(followup_store.CONTACT_FIELDS) == set(get_type_hints(schemas.NewContact))
    assert schemas.ActionChanges.__required_keys__ == frozenset()  # un changement : n'importe quelles colonnes
    assert schemas.NewContact.__optional_keys__ == frozenset()  # un ajout : tous les champs


def test_a_key_outside_the_type_never_reaches_the_query(tmp_path: Path) -> None:
    """Même forcée à l'exécution (le typage l'interdit), une clé inconnue n'entre pas dans le texte SQL."""
    store = Store.open(tmp_path, "defaut")
    assert store is not None
    try:
        row_id = followup_store.add_action(store, "Appeler la CCI", None, None)
        hostile: Any = {"text": "Appeler le CEP", "text = 'piégé', removed": 1}
        followup_store.update_action(store, row_id, cast("schemas.ActionChanges", hostile))
        [row] = followup_store.action_rows(store)
        assert (row["text"], row["removed"]) == ("Appeler le CEP", 0)
        contact = {"name": "Awa", "organisation": "", "role": "", "met_how": "", "notes": "", "follow_up": None}
        contact_id = followup_store.add_contact(store, cast("schemas.NewContact", contact))
        assert followup_store.update_contact(store, contact_id, cast("schemas.ContactChanges", {"id": 99}))
        assert [c["id"] for c in followup_store.contact_rows(store)] == [contact_id]
        assert not followup_store.update_contact(store, 404, {"notes": "personne"})  # aucun contact 404
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "defaut.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM actions WHERE text LIKE '%piégé%'").fetchone() == (0,)
