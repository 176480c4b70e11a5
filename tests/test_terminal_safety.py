"""La couture du terminal : rien venu des données ne pilote l'écran, aucun terminal ne fait planter,
un tube coupé ne fait pas de bruit (audit D7, D13, D16)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from helpers import PROGRAM, bulky_backup, environment, run_program, spawn
from reconversion.adapters.screen.terminal import ascii_equivalent, json_safe
from reconversion.core.text_safety import inert

ATTACKS = [
    "\x1b]0;TITRE-PIRATE\x07",  # titre de fenêtre
    "\x1b[2J",  # effacer l'écran
    "\x1b[8mcaché\x1b[0m",  # texte masqué
    "\x1b]8;;https://evil.example\x1b\\clique\x1b]8;;\x1b\\",  # faux lien
    "\u009b31m",  # CSI sur 8 bits
    "\u202eenilno",  # inversion de sens d'écriture
    "a\rb\bc\x07d\x00e",  # retour chariot, effacement arrière, cloche, NUL
]
# Les terminaux qui ne savent pas tout afficher : ASCII, Latin-1, et la locale C sans UTF-8.
ENCODINGS = [
    {"PYTHONIOENCODING": "ascii"},
    {"PYTHONIOENCODING": "latin-1"},
    {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""},
]
ENCODING_IDS = ["ascii", "latin-1", "locale-C"]
FORBIDDEN = ("\x1b", "\u009b", "\u009d", "\u202e", "\x07", "\x00", "\r", "\b")


def assert_inert(text: str) -> None:
    for char in FORBIDDEN:
        assert char not in text, (char, text[:300])


@pytest.mark.parametrize("attack", ATTACKS)
def test_inert_removes_every_terminal_control(attack: str) -> None:
    assert_inert(inert(f"Appeler {attack} le CEP"))
    assert "Appeler" in inert(f"Appeler {attack} le CEP")


def test_inert_keeps_french_text_and_its_spaces() -> None:
    text = "« Bilan » : 1\u202f600\u00a0€ ; prêt ?\nLigne 2\tcolonne"
    assert inert(text) == text


def test_ascii_equivalents_are_readable() -> None:
    assert "".join(ascii_equivalent(c) for c in "«»—éèçœ─│┌█░✓") == '""-eecoe-|+#.v'


def test_json_output_escapes_invisible_characters_without_changing_the_data() -> None:
    data = {"texte": "a\u009bb\u202ec"}
    text = json_safe(json.dumps(data, ensure_ascii=False))
    assert_inert(text)
    assert json.loads(text) == data


def test_hostile_texts_from_data_and_arguments_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    home = tmp_path / "h"
    attack = "".join(ATTACKS).replace("\x00", "")  # un argument ne peut pas contenir NUL
    outputs = [
        run_program("actions", "add", f"Action {attack}", home=home),
        run_program("contacts", "add", f"Awa {attack}", "--notes", attack, home=home),
        run_program("experiences", "add", "--kind", "immersion", "--organisation", f"Ferme {attack}", home=home),
    ]
    for command in (
        ["actions"],
        ["actions", "--json"],
        ["contacts"],
        ["contacts", "list"],
        ["experiences"],
        ["status"],
        ["status", "--json"],
        ["export", "-o", "-"],
        ["export", "-o", "-", "--include-contacts"],
        ["actions", "done", f"p9{attack}"],
        ["start", "--step", f"x{attack}"],
        ["jobs", "search", f"infirmier{attack}"],
        ["status", "--profile", f"x{attack}"],
    ):
        outputs.append(run_program(*command, home=home))
    for result in outputs:
        assert "Traceback" not in result.stderr
        assert_inert(result.stdout)
        assert_inert(result.stderr)


def test_a_json_backup_on_stdout_keeps_the_data_exactly(tmp_path: Path) -> None:
    home = tmp_path / "h"
    text = "Inversion \u202e et \u2066 gardées"
    assert run_program("actions", "add", text, home=home).returncode == 0
    piped = run_program("export", "--format", "json", "-o", "-", home=home)
    assert piped.returncode == 0
    assert_inert(piped.stdout)
    [action] = json.loads(piped.stdout)["actions"]
    assert action["text"] == text


PIPED = [
    ["status"],
    ["status", "--json"],
    ["actions"],
    ["actions", "--json"],
    ["contacts", "list"],
    ["contacts", "list", "--json"],
    ["jobs", "search", "infirmier"],
    ["jobs", "search", "infirmier", "--json"],
    ["export", "-o", "-"],
    ["export", "-f", "json", "-o", "-"],  # le format JSON de l'export
]


@pytest.fixture(scope="module")
def busy_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Un carnet assez rempli pour que la sortie dépasse ce qu'un tube garde en réserve."""
    import json

    folder = tmp_path_factory.mktemp("tube")
    data = bulky_backup("A", 400, 400)
    for row in data["actions"]:
        row["due_date"] = "2026-12-01"  # en retard : status les liste aussi
    path = folder / "gros.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    home = folder / "h"
    assert run_program("import", str(path), home=home).returncode == 0
    return home


@pytest.mark.parametrize("command", PIPED, ids=lambda c: " ".join(c))
def test_a_reader_that_goes_away_gets_no_message_and_a_shell_code(busy_home: Path, command: list[str]) -> None:
    """Comme « commande | head -1 » : code 0 ou 141 (SIGPIPE, la convention des shells), rien sur stderr."""
    process = subprocess.Popen(
        [*PROGRAM, *command],
        env=environment(busy_home, {"COLUMNS": "100000"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()  # comme « | head -1 »
    code = process.wait(timeout=60)
    error = process.stderr.read().decode()
    process.stderr.close()
    assert code in (0, 141), (command, code, error)
    assert error == "", (command, error)


def test_a_closed_standard_output_is_said_once_and_nothing_is_done(tmp_path: Path) -> None:
    home = tmp_path / "h"
    done = subprocess.run(
        ["sh", "-c", f'"{sys.executable}" -m reconversion actions add "Sortie fermée" >&-'],
        env=environment(home),
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "sortie standard est fermée" in done.stderr and "Traceback" not in done.stderr
    listed = run_program("actions", "--json", home=home)
    assert "Sortie fermée" not in listed.stdout


@pytest.mark.parametrize("env", ENCODINGS, ids=ENCODING_IDS)
def test_every_terminal_encoding_works(tmp_path: Path, env: dict[str, str]) -> None:
    home = tmp_path / "h"
    assert run_program("actions", "add", "Appeler « le CEP » — vite", home=home).returncode == 0
    for command in (["status"], ["actions"], ["--help"], ["jobs", "search", "infirmier"], ["status", "--json"]):
        result = run_program(*command, home=home, env=env, text=False)
        assert result.returncode == 0, (command, result.stderr)
        assert b"Traceback" not in result.stderr
        encoding = env.get("PYTHONIOENCODING") or "ascii"
        result.stdout.decode(encoding)  # rien que l'encodage du terminal ne sache lire


def test_an_argument_in_another_encoding_is_refused_clearly(tmp_path: Path) -> None:
    home = tmp_path / "h"
    done = run_program("actions", "add", b"caf\xe9", home=home, env={"LC_ALL": "C.UTF-8"})
    assert done.returncode == 1
    assert "caractères illisibles" in done.stderr and "Traceback" not in done.stderr


def as_nobody(*args: str, home: Path) -> subprocess.CompletedProcess:
    """Lance le programme sous un autre compte (`nobody`), comme l'audit : il faut root et setpriv."""
    return subprocess.run(
        ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *PROGRAM, *args],
        env=environment(home, {"HOME": str(home.parent)}),
        capture_output=True,
        text=True,
        timeout=60,
    )


NOBODY = hasattr(os, "getuid") and os.getuid() == 0 and shutil.which("setpriv") is not None


@pytest.mark.skipif(not NOBODY, reason="il faut root et setpriv pour agir sous un autre compte")
def test_a_read_only_data_folder_is_the_environment_not_a_bug() -> None:
    base = Path(tempfile.mkdtemp(prefix="reconversion-nobody-"))
    try:
        base.chmod(0o755)
        home = base / "h"
        home.mkdir(mode=0o700)
        os.chown(home, 65534, 65534)
        first = as_nobody("actions", "add", "Premier", home=home)
        if "Permission denied" in first.stderr and "python" in first.stderr.lower():
            pytest.skip("l'interpréteur n'est pas lisible par nobody ici")
        assert first.returncode == 0, first.stderr
        home.chmod(0o500)
        for command in (["actions", "add", "Second"], ["contacts", "add", "Awa"], ["reset", "--yes"]):
            result = as_nobody(*command, home=home)
            assert result.returncode == 1, (command, result.stderr)
            assert "défaut de l'outil" not in result.stderr and "Traceback" not in result.stderr
            assert "lecture seule" in result.stderr or "Accès refusé" in result.stderr, result.stderr
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_help_output_is_clean_text_only(tmp_path: Path) -> None:
    for command in (["--help"], ["actions", "add", "--help"], ["jobs", "--help"]):
        result = run_program(*command, home=tmp_path / "h")
        assert "b''" not in result.stdout and "b'\\n'" not in result.stdout, command


def test_the_safe_stream_refuses_bytes_like_a_text_stream() -> None:
    import io

    from reconversion.adapters.screen.terminal import SafeStream

    stream = SafeStream(io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    with pytest.raises(TypeError):
        stream.write(b"")  # type: ignore[arg-type]


@pytest.mark.parametrize("env", ENCODINGS, ids=ENCODING_IDS)
def test_the_wizard_first_screen_works_in_every_encoding(tmp_path: Path, env: dict[str, str]) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = spawn("start", home=tmp_path / "h", env=env, rows=40, columns=100, timeout=30, encoding=None)
    child.expect(b"Etape 1/5|\xc9tape 1/5")  # « É » devient « E » en ASCII, reste « É » en Latin-1
    child.expect(b"Quelle est ta situation")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert b"Traceback" not in (child.before or b"")
    assert child.exitstatus == 130
