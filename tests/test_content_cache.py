"""Le cache des contenus validés : relu tant que le fichier ne change pas, jamais périmé, jamais bloquant."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reconversion.adapters import guide_files
from reconversion.adapters.content_cache import cached
from reconversion.errors import GuideError


def test_second_load_comes_from_the_cache(tmp_path: Path, mini_guide_path: Path, private_cache: Path) -> None:
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"n": len(calls)}

    assert cached("essai", mini_guide_path, build) == {"n": 1}
    assert cached("essai", mini_guide_path, build) == {"n": 1}
    assert len(calls) == 1
    assert len(list(private_cache.glob("essai-*.pickle"))) == 1


def test_a_changed_file_is_read_again(mini_guide_path: Path) -> None:
    first = guide_files.load(mini_guide_path)
    text = mini_guide_path.read_text(encoding="utf-8").replace("Mini guide", "Guide modifié")
    mini_guide_path.write_text(text, encoding="utf-8")
    stat = mini_guide_path.stat()
    os.utime(mini_guide_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert first.title == "Mini guide"
    assert guide_files.load(mini_guide_path).title == "Guide modifié"


def test_a_broken_guide_is_never_cached(tmp_path: Path, private_cache: Path) -> None:
    broken = tmp_path / "g.yaml"
    broken.write_text("id: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(GuideError):
            guide_files.load(broken)
    assert list(private_cache.glob("guide-*")) == []


def test_a_damaged_cache_file_is_ignored_and_replaced(mini_guide_path: Path, private_cache: Path) -> None:
    guide_files.load(mini_guide_path)
    [entry] = private_cache.glob("guide-*.pickle")
    entry.write_bytes(b"pas un pickle")
    assert guide_files.load(mini_guide_path).id == "mini"
    assert entry.read_bytes() != b"pas un pickle"


def test_an_unwritable_cache_does_not_prevent_working(
    mini_guide_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("RECONVERSION_CACHE", str(blocker / "cache"))  # un fichier, pas un dossier
    assert guide_files.load(mini_guide_path).id == "mini"


def test_cache_lives_in_reconversion_home_when_set(
    mini_guide_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import stat

    home = tmp_path / "tout" / "ici"
    monkeypatch.delenv("RECONVERSION_CACHE")
    monkeypatch.setenv("RECONVERSION_HOME", str(home))
    guide_files.load(mini_guide_path)
    assert len(list((home / "cache").glob("guide-*.pickle"))) == 1
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "cache").stat().st_mode) == 0o700
