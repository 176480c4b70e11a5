"""La suite elle-même ne touche jamais les vraies données : vérifié depuis un test."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import REAL_HOME, real_user_folders


def test_environment_points_to_a_temporary_sandbox() -> None:
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "RECONVERSION_HOME"):
        value = Path(os.environ[name])
        assert "reconversion-tests-" in str(value), name
        assert value != REAL_HOME


def test_platform_folders_resolve_inside_the_sandbox() -> None:
    from platformdirs import user_cache_dir, user_data_dir

    for folder in (user_data_dir("reconversion", appauthor=False), user_cache_dir("reconversion", appauthor=False)):
        assert "reconversion-tests-" in folder
        assert Path(folder) not in real_user_folders()
