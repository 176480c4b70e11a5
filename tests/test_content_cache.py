"""Le cache des contenus validés : relu tant que le fichier ne change pas, jamais périmé, jamais bloquant."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from helpers import run_program
from reconversion.adapters.content import guide_files
from reconversion.adapters.content.content_cache import cached
from reconversion.errors import GuideError


def test_second_load_comes_from_the_cache(tmp_path: Path, mini_guide_path: Path, private_cache: Path) -> None:
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"n": len(calls)}

    assert cached("essai", mini_guide_path, build) == {"n": 1}
    assert cached("essai", mini_guide_path, build) == {"n": 1}
    assert len(calls) == 1
    assert len(list(private_cache.glob("essai-*.cache"))) == 1


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
    [entry] = private_cache.glob("guide-*.cache")
    entry.write_bytes(b"pas un cache")
    assert guide_files.load(mini_guide_path).id == "mini"
    assert entry.read_bytes() != b"pas un cache"


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
    assert not home.exists()  # une lecture ne crée pas le dossier de données
    home.mkdir(parents=True, mode=0o700)  # créé par une commande qui écrit (start, actions add…)
    guide_files.load(mini_guide_path)
    assert len(list((home / "cache").glob("guide-*.cache"))) == 1
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "cache").stat().st_mode) == 0o700


def test_status_on_a_fresh_machine_creates_nothing(tmp_path: Path) -> None:
    home = tmp_path / "jamais-cree"
    done = run_program("status", home=home, env={"RECONVERSION_CACHE": None})
    assert done.returncode == 0, done.stderr
    assert not home.exists()


def test_cache_temporaries_left_by_a_kill_are_removed(mini_guide_path: Path, private_cache: Path) -> None:
    import os

    orphan = private_cache / ".tmp-abc123.tmp"
    orphan.write_bytes(b"x" * 100)
    os.utime(orphan, (1_000_000_000, 1_000_000_000))
    guide_files.load(mini_guide_path)
    assert not orphan.exists()


# --- sûreté : le cache ne peut rien exécuter, et n'est relu que s'il est à nous ---------------------


def _entry(private_cache: Path, kind: str = "guide") -> Path:
    [entry] = private_cache.glob(f"{kind}-*.cache")
    return entry


def test_a_planted_code_object_is_never_run(mini_guide_path: Path, private_cache: Path, tmp_path: Path) -> None:
    import marshal

    guide_files.load(mini_guide_path)
    entry = _entry(private_cache)
    key, _payload = marshal.loads(entry.read_bytes())
    witness = tmp_path / "EXECUTE"
    code = compile(f"open({str(witness)!r}, 'w').write('oui')", "<piège>", "exec")
    entry.write_bytes(marshal.dumps((key, code)))
    entry.chmod(0o600)
    assert guide_files.load(mini_guide_path).id == "mini"
    assert not witness.exists()


def test_a_planted_pickle_is_never_read(mini_guide_path: Path, private_cache: Path, tmp_path: Path) -> None:
    import pickle

    witness = tmp_path / "EXECUTE"

    class Trap:
        def __reduce__(self) -> tuple:
            return (Path.write_text, (witness, "oui"))

    guide_files.load(mini_guide_path)
    entry = _entry(private_cache)
    entry.write_bytes(pickle.dumps(Trap()))
    (private_cache / "guide-00000000.pickle").write_bytes(pickle.dumps(Trap()))
    assert guide_files.load(mini_guide_path).id == "mini"
    assert not witness.exists()
    assert not list(private_cache.glob("*.pickle"))  # les anciens caches pickle sont effacés


def test_only_known_model_classes_can_be_rebuilt(mini_guide_path: Path, private_cache: Path) -> None:
    import marshal

    guide_files.load(mini_guide_path)
    entry = _entry(private_cache)
    key, _payload = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps((key, (b"nt", "subprocess.Popen", (("true",),)))))
    assert guide_files.load(mini_guide_path).id == "mini"
    assert marshal.loads(entry.read_bytes())[1] != (b"nt", "subprocess.Popen", (("true",),))


def test_a_model_object_with_missing_fields_is_never_rebuilt(mini_guide_path: Path, private_cache: Path) -> None:
    """La relecture construit les NamedTuple sans leur __new__ : un nombre de champs faux rejette l'entrée."""
    import marshal

    guide_files.load(mini_guide_path)
    entry = _entry(private_cache)
    key, _payload = marshal.loads(entry.read_bytes())
    short = (b"nt", "reconversion.core.model.Guide", ("faux", "1"))
    entry.write_bytes(marshal.dumps((key, short)))
    guide = guide_files.load(mini_guide_path)
    assert guide.id == "mini" and len(guide) == len(type(guide)._fields)
    assert marshal.loads(entry.read_bytes())[1] != short  # relu depuis le YAML, et l'entrée remplacée


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o755])
def test_a_cache_folder_open_to_others_is_never_read(mini_guide_path: Path, private_cache: Path, mode: int) -> None:
    import marshal

    guide_files.load(mini_guide_path)
    entry = _entry(private_cache)
    key, payload = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps((key, _replace_title(payload, "Guide piégé"))))
    private_cache.chmod(mode)
    try:
        assert guide_files.load(mini_guide_path).title == "Mini guide"
    finally:
        private_cache.chmod(0o700)


def test_a_cache_file_readable_by_others_is_never_read(mini_guide_path: Path, private_cache: Path) -> None:
    import marshal

    guide_files.load(mini_guide_path)
    entry = _entry(private_cache)
    key, payload = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps((key, _replace_title(payload, "Guide piégé"))))
    entry.chmod(0o644)
    assert guide_files.load(mini_guide_path).title == "Mini guide"


def _replace_title(payload: tuple, title: str) -> tuple:
    """Le guide encodé, avec un autre titre (pour voir si l'entrée a été relue)."""
    tag, name, fields = payload
    index = __import__("reconversion.core.model", fromlist=["Guide"]).Guide._fields.index("title")
    return (tag, name, (*fields[:index], title, *fields[index + 1 :]))


def test_the_key_covers_every_module_of_the_package() -> None:
    from reconversion.adapters.content import content_cache

    stamped = {Path(s.split(":")[0]).name for s in content_cache._code_stamps()}
    package = Path(content_cache.__file__).resolve().parents[1]
    assert {p.name for p in package.rglob("*.py")} <= stamped
    assert "question_types.py" in stamped


def test_a_new_entry_removes_the_old_ones(mini_guide_path: Path, private_cache: Path) -> None:
    guide_files.load(mini_guide_path)
    old = _entry(private_cache)
    mini_guide_path.write_text(mini_guide_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    guide_files.load(mini_guide_path)
    assert _entry(private_cache) != old and not old.exists()


def test_shipped_contents_round_trip_through_the_cache() -> None:
    from reconversion.adapters.content import content_cache, metiers_files

    for value in (guide_files.load(None), metiers_files.catalogue(), metiers_files.interest_test()):
        encoded = content_cache._encode(value)
        decoded = content_cache._decode(encoded, content_cache._model_types())
        assert repr(decoded) == repr(value)  # mêmes classes, pas seulement mêmes tuples


@pytest.mark.parametrize(
    "shape",
    ["tuple", "list", "dict value", "dict key", "frozenset", "model fields"],
)
def test_a_forbidden_type_hidden_among_plain_values_is_refused(shape: str) -> None:
    """Un conteneur de valeurs simples est gardé tel que lu (sans être recopié) : un seul objet
    interdit parmi elles, à n'importe quelle place, fait encore rejeter l'entrée."""
    from reconversion.adapters.content import content_cache

    code = compile("1", "<piège>", "eval")
    hidden: object = {
        "tuple": ("a", 1, None, code),
        "list": ["a", 1, code, True],
        "dict value": {"a": 1, "b": code},
        "dict key": {"a": 1, code: 2},
        "frozenset": frozenset({"a", code}),
        "model fields": (b"nt", "reconversion.core.model.Source", ("https://exemple.fr", "Titre", "", 0, 0, code, "")),
    }[shape]
    with pytest.raises(TypeError):
        content_cache._decode(("ok", [hidden]), content_cache._model_types())


def test_plain_values_and_model_objects_come_back_equal() -> None:
    from reconversion.adapters.content import content_cache
    from reconversion.core.model import Source

    value = {"sources": (Source("https://exemple.fr", "Titre", "2026-01-01"),), "vide": (), "noms": ["a", "b"]}
    decoded = content_cache._decode(content_cache._encode(value), content_cache._model_types())
    assert decoded == value
    assert type(decoded["sources"][0]) is Source
