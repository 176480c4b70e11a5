"""Un tube coupé n'est jamais un succès (audit D16) : `export -f json -o - | head -c N` et
`actions --json | head -c N` ne finissent pas avec le code 0 quand la sortie a été tronquée."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import PROGRAM, big_backup, environment, run_program, write_compact


@pytest.fixture(scope="module")
def big_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pipes")
    home = folder / "h"
    source = write_compact(folder / "b.json", big_backup(3_000_000))
    assert run_program("import", str(source), home=home).returncode == 0
    return home


def read_then_hang_up(args: list[str], home: Path, keep: int) -> tuple[int, bytes]:
    """Lance la commande, lit `keep` octets de sa sortie puis ferme le tube (comme `head -c`)."""
    process = subprocess.Popen([*PROGRAM, *args], env=environment(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    head = process.stdout.read(keep)
    process.stdout.close()
    error = process.stderr.read()
    return process.wait(timeout=120), head + b"|" + error


@pytest.mark.parametrize("keep", [1_000, 100_000, 1_000_000])
@pytest.mark.parametrize("command", [["export", "-f", "json", "-o", "-"], ["actions", "--json"]])
def test_a_truncated_pipe_is_not_a_success(big_home: Path, command: list[str], keep: int) -> None:
    code, output = read_then_hang_up(command, big_home, keep)
    assert code != 0, output[-300:]
    assert b"Traceback" not in output


def test_a_whole_read_is_still_a_success(big_home: Path) -> None:
    result = run_program("export", "-f", "json", "-o", "-", home=big_home, text=False)
    assert result.returncode == 0
    assert len(result.stdout) > 3_000_000
