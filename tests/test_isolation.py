"""La suite entière vit dans un compte privé : ni elle ni ce qu'elle lance ne voit les vrais dossiers.

Chaque dossier que le programme choisirait (données, cache, configuration, état) est sous le
dossier neuf de la session, donc jamais un vrai dossier de la personne. Le vrai dossier personnel
est lu dans la base des comptes (`pwd`), pas dans HOME : c'est HOME que la suite détourne.
"""

from __future__ import annotations

import json
import os
import pwd
from pathlib import Path

from helpers import finish, run_program, spawn, transcript

REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir)
ACCOUNT = ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")


def session_folder() -> Path:
    """Le dossier privé de la session : le parent commun de HOME et des dossiers XDG."""
    return Path(os.environ["HOME"]).parent


def test_environment_points_to_a_temporary_sandbox() -> None:
    sandbox = session_folder()
    assert sandbox.name.startswith("reconversion-tests-")
    assert sandbox != REAL_HOME and not REAL_HOME.is_relative_to(sandbox)
    for name in (*ACCOUNT, "RECONVERSION_HOME"):
        assert Path(os.environ[name]).parent == sandbox, name


def test_platform_folders_resolve_inside_the_sandbox() -> None:
    from platformdirs import user_cache_dir, user_config_dir, user_data_dir, user_state_dir

    for where in (user_data_dir, user_cache_dir, user_config_dir, user_state_dir):
        folder = Path(where("reconversion", appauthor=False))
        assert folder.is_relative_to(session_folder()), folder


def test_a_subprocess_without_reconversion_home_uses_the_sandbox() -> None:
    result = run_program("profiles", "--json", env={"RECONVERSION_HOME": None})
    assert result.returncode == 0, result.stderr
    home = Path(json.loads(result.stdout)["home"])
    assert home.is_relative_to(session_folder()), home


def test_a_pseudo_terminal_without_reconversion_home_uses_the_sandbox() -> None:
    child = spawn("profiles", "--json", env={"RECONVERSION_HOME": None}, columns=400)
    assert finish(child) == 0
    home = Path(json.loads(transcript(child).strip())["home"])
    assert home.is_relative_to(session_folder()), home
