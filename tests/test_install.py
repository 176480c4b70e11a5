"""Installation non modifiable dans un environnement neuf : le guide voyage dans la roue.

La roue est construite depuis le dépôt (le vrai backend, hatchling, avec la configuration du
`pyproject.toml`), puis installée sans ses dépendances dans un environnement virtuel neuf. Les
dépendances sont déjà installées à côté de la suite : un fichier `.pth`, ajouté après
l'installation, rend visibles leurs dossiers `site-packages` (sans lire leurs propres `.pth`, donc
sans l'installation modifiable du dépôt). Ainsi le test n'a pas besoin de l'index des paquets,
et le programme lancé ne peut trouver le paquet et son guide que dans la roue installée.
"""

from __future__ import annotations

import importlib.util
import os
import site
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]


def dependency_folders() -> list[str]:
    """Les dossiers où l'interpréteur de la suite trouve ses paquets (donc les dépendances de l'outil)."""
    folders = site.getsitepackages()
    if site.ENABLE_USER_SITE:
        folders.append(site.getusersitepackages())
    return [folder for folder in folders if Path(folder).is_dir()]


def pip_can_target_another_python() -> bool:
    """`pip --python` (pip 22.3 et plus) installe dans un environnement qui n'a pas de pip à lui."""
    import pip

    major, minor = (int(part) for part in pip.__version__.split(".")[:2])
    return (major, minor) >= (22, 3)


def build_wheel(folder: Path) -> Path:
    """La roue du dépôt ; sans l'index si hatchling est déjà là (extra `test`), sinon pip va le chercher."""
    offline = ["--no-build-isolation", "--no-index"] if importlib.util.find_spec("hatchling") else []
    built = subprocess.run(
        [*PIP, "wheel", "--quiet", "--no-deps", *offline, "--wheel-dir", str(folder), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    [wheel] = folder.glob("reconversion-*.whl")
    return wheel


def test_non_editable_install_finds_and_validates_the_builtin_guide(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "roue")
    venv = tmp_path / "venv"
    bare = pip_can_target_another_python()  # sinon : un pip dans l'environnement neuf (ensurepip, sans réseau)
    subprocess.run([sys.executable, "-m", "venv", *(["--without-pip"] if bare else []), str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    installer = [*PIP, "--python", str(python)] if bare else [str(python), "-m", "pip", "--disable-pip-version-check"]
    install = subprocess.run(
        [*installer, "install", "--quiet", "--no-index", "--no-deps", str(wheel)], capture_output=True, text=True
    )
    assert install.returncode == 0, install.stderr[-2000:]
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "dependances-de-la-suite.pth").write_text("\n".join(dependency_folders()) + "\n", encoding="utf-8")
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
    guide = Path(done.stdout.removeprefix("Guide valide : ").split(" — ")[0])
    assert guide.resolve().is_relative_to(Path(purelib).resolve()), (guide, purelib)  # pas celui de la suite
