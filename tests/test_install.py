"""Installation non modifiable (`pip install .`) dans un environnement neuf : le guide voyage dans la roue."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_non_editable_install_finds_and_validates_the_builtin_guide(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    install = subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RECONVERSION_HOME")}
    env["RECONVERSION_HOME"] = str(tmp_path / "donnees")
    done = subprocess.run(
        [str(bindir / "reconversion"), "guide", "validate"], cwd=elsewhere, capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Guide valide : ")
    assert "site-packages" in done.stdout  # le guide lu est celui de la roue installée, pas celui du dépôt
    assert "5 étapes" in done.stdout
