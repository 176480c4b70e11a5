"""Le ramasse-miettes au lancement : les objets du démarrage (modules, typer) sont gelés (`gc.freeze`).

Ils vivent jusqu'à la fin du processus ; sans le gel, chaque collecte, et surtout la dernière à la
sortie, les reparcourait tous (≈ 27 M d'instructions sur `status`, compté par
`benchmarks/instructions.py`). Aucun chronométrage ici : on vérifie le gel lui-même, dans un vrai
processus (le CliRunner de la suite n'y passe pas : rien n'est gelé dans le processus de pytest), et
que le ramasse-miettes reste actif pour ce que la commande crée ensuite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import environment, filled_profile

PROBE = """
import gc, json, sys
from reconversion.cli import main
sys.argv = ["reconversion", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps({"frozen": gc.get_freeze_count(), "enabled": gc.isenabled()}), file=sys.stderr)
"""


def _probe(home: Path, *args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=environment(home),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report: dict[str, object] = json.loads(result.stderr.strip().splitlines()[-1])
    return report


def test_status_freezes_the_startup_objects_and_keeps_collecting(tmp_path: Path) -> None:
    home = tmp_path / "home"
    filled_profile(home)
    for args in (("status",), ("status", "--json")):
        report = _probe(home, *args)
        assert isinstance(report["frozen"], int) and report["frozen"] > 1000, (args, report)
        assert report["enabled"] is True, (args, report)


def test_version_alone_freezes_nothing(tmp_path: Path) -> None:
    """`--version` s'arrête avant : le gel est pour les commandes, pas pour ce chemin le plus court."""
    report = _probe(tmp_path, "--version")
    assert report == {"frozen": 0, "enabled": True}
