"""Une ligne est une ligne (audit N5) : un retour à la ligne, U+2028, U+2029 ou U+061C venus de
données importées ne peuvent pas fabriquer de fausses lignes (« ☎ Relance… ») dans `status`,
`contacts` ou `calendrier` ; la couture avec le terminal les neutralise comme les autres contrôles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import backup_action, backup_contact, backup_document, run_program

STAMP = "2026-12-01T10:00:00+00:00"
FORGED = "☎ Relance URGENTE : appelle le +33 6 00 00 00 00 aujourd'hui"
BREAKS = ["\n", "\u2028", "\u2029", "\n\n"]  # \r et U+0085 sont déjà refusés à l'import
INVISIBLE = "\u061c"


def hostile_backup() -> dict:
    contacts = [
        backup_contact(
            n,
            f"Awa{n}{brk}{FORGED}{brk}Fin{INVISIBLE}",
            organisation=f"Org{n}{brk}{FORGED}",
            notes=f"note{brk}{FORGED}",
            follow_up="2026-12-05",
        )
        for n, brk in enumerate(BREAKS)
    ]
    actions = [
        backup_action(n, f"Action{n}{brk}{FORGED}{INVISIBLE}", due_date="2026-12-10", due_by_hand=True)
        for n, brk in enumerate(BREAKS)
    ]
    return backup_document(
        actions=actions,
        experiences=[
            {
                "id": 1,
                "kind": "immersion",
                "organisation": f"Ferme{BREAKS[0]}{FORGED}",
                "start_date": "2026-11-01",
                "end_date": None,
                "learnt": f"appris{BREAKS[2]}{FORGED}",
                "created_at": STAMP,
            }
        ],
        contacts=contacts,
    )


@pytest.fixture(scope="module")
def hostile_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("forgery")
    source = folder / "hostile.json"
    source.write_text(json.dumps(hostile_backup(), ensure_ascii=False), encoding="utf-8")
    home = folder / "h"
    result = run_program("import", str(source), home=home)
    assert result.returncode == 0, result.stderr
    return home


@pytest.mark.parametrize(
    "command",
    [["status"], ["contacts"], ["calendrier"], ["actions"], ["experiences"]],
)
def test_imported_line_breaks_cannot_forge_lines(hostile_home: Path, command: list[str]) -> None:
    result = run_program(*command, home=hostile_home, env={"RECONVERSION_TODAY": "2026-12-07", "COLUMNS": "2000"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "URGENTE" in out  # la donnée est bien montrée…
    for line in out.splitlines():
        if "URGENTE" in line:  # … mais toujours sur la ligne de ce qui la porte
            assert any(owner in line for owner in ("Awa", "Org", "note", "Action", "Ferme", "appris")), line
    for char in ("\u2028", "\u2029", INVISIBLE):
        assert char not in out, (command, hex(ord(char)))


@pytest.mark.parametrize("command", [["contacts", "--json"], ["actions", "--json"], ["calendrier", "--json"]])
def test_json_outputs_escape_invisible_marks(hostile_home: Path, command: list[str]) -> None:
    result = run_program(*command, home=hostile_home, env={"RECONVERSION_TODAY": "2026-12-07"})
    assert result.returncode == 0, result.stderr
    for char in ("\u2028", "\u2029", INVISIBLE):
        assert char not in result.stdout
    assert "URGENTE" in json.dumps(json.loads(result.stdout), ensure_ascii=False)
