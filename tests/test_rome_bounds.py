"""L'import du ROME est borné dans son ensemble (audit N3) : nombre de fichiers, octets et
lignes lus en tout, avec un message clair en français, et une mémoire bornée (pas de
« MemoryError » sous une limite de mémoire). Et le module d'import n'a plus de cycle."""

from __future__ import annotations

import ast
import io
import resource
import subprocess
import zipfile
from pathlib import Path

import pytest

from helpers import PROGRAM, ROME_MINI, environment, run_program

SAVOIRS = "unix_referentiel_savoir_v999_utf8.csv"
COMPETENCES = "unix_referentiel_competence_v999_utf8.csv"
LINKS = "unix_coherence_item_v999_utf8.csv"
SRC = Path(__file__).resolve().parents[1] / "src" / "reconversion"


def rome_zip(path: Path, replaced: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for child in sorted(ROME_MINI.iterdir()):
            archive.writestr(f"RefRomeCsv/{child.name}", replaced.get(child.name, child.read_bytes()))
    return path


def many_savoirs(count: int, label_size: int = 20) -> bytes:
    """Le fichier des savoirs du mini-export, suivi de `count` savoirs bien formés (jamais liés à une fiche)."""
    out = io.BytesIO()
    out.write((ROME_MINI / SAVOIRS).read_bytes())
    filler = "s" * label_size
    for n in range(count):
        out.write(f'"{9_000_000 + n}","Savoir {n} {filler}","Catégorie","","",""\n'.encode())
    return out.getvalue()


def many_links(count: int) -> bytes:
    """Les liens du mini-export, plus un lien de la fiche A1203 vers chacun des `count` savoirs ajoutés."""
    extra = "".join(f'"A1203","{9_000_000 + n}",""\n' for n in range(count))
    return (ROME_MINI / LINKS).read_bytes() + extra.encode()


def test_too_many_rows_in_all_are_refused_with_a_clear_message(home: Path, tmp_path: Path) -> None:
    archive = rome_zip(tmp_path / "lignes.zip", {SAVOIRS: many_savoirs(600_000)})
    result = run_program("jobs", "import", str(archive), home=home)
    assert result.returncode == 1, result.stdout
    assert "lignes" in result.stderr and "en tout" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (home / "rome.db").exists()


def test_too_many_bytes_in_all_are_refused_even_when_each_file_is_under_its_cap(home: Path, tmp_path: Path) -> None:
    big_savoirs = many_savoirs(10_000, label_size=4_000)  # environ 40 Mo
    competences = (ROME_MINI / COMPETENCES).read_bytes() + b"".join(
        f'"{8_000_000 + n}","Savoir-faire","{"c" * 4_000}","","","","Savoir-faire","","","","",""\n'.encode()
        for n in range(10_000)
    )
    archive = rome_zip(tmp_path / "octets.zip", {SAVOIRS: big_savoirs, COMPETENCES: competences})
    result = run_program("jobs", "import", str(archive), home=home)
    assert result.returncode == 1, result.stdout
    assert "octets" in result.stderr or "Mio" in result.stderr
    assert "en tout" in result.stderr


def test_a_huge_line_is_refused_without_reading_it_whole(home: Path, tmp_path: Path) -> None:
    archive = rome_zip(tmp_path / "virgules.zip", {SAVOIRS: many_savoirs(0) + b"," * 30_000_000 + b"\n"})
    result = run_program("jobs", "import", str(archive), home=home)
    assert result.returncode == 1
    assert "ligne trop longue" in result.stderr


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (450 * 1024 * 1024, 450 * 1024 * 1024))


def test_a_big_import_under_a_memory_limit_gets_a_french_message_not_memory_error(home: Path, tmp_path: Path) -> None:
    archive = rome_zip(
        tmp_path / "gros.zip", {SAVOIRS: many_savoirs(1_000_000, label_size=1), LINKS: many_links(1_500_000)}
    )
    result = subprocess.run(
        [*PROGRAM, "jobs", "import", str(archive)],
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=_limit_memory,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    assert "MemoryError" not in result.stderr and "Erreur inattendue" not in result.stderr


def test_the_official_size_is_far_below_the_caps() -> None:
    from reconversion.core import limits

    assert limits.MAX_IMPORT_ROWS >= 2 * 170_000  # le ROME v460 : environ 170 000 lignes utiles
    assert limits.MAX_IMPORT_BYTES >= 4 * 12 * 1024 * 1024  # … et 12 Mo


def _imports(path: Path) -> set[str]:
    """Tous les modules importés par un fichier, où que ce soit (fonctions, TYPE_CHECKING compris)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_rome_import_and_rome_skills_form_no_cycle() -> None:
    [importer] = [p for p in SRC.rglob("rome_import.py")]
    [skills] = [p for p in SRC.rglob("rome_skills.py")]
    skills_module = ".".join(skills.relative_to(SRC.parent).with_suffix("").parts)
    importer_module = ".".join(importer.relative_to(SRC.parent).with_suffix("").parts)
    assert importer_module not in _imports(skills), "rome_skills importe rome_import"
    assert skills_module in _imports(importer) or not any("rome_skills" in m for m in _imports(importer))


@pytest.mark.parametrize("count", [10])
def test_the_mini_export_still_imports(home: Path, tmp_path: Path, count: int) -> None:
    archive = rome_zip(tmp_path / "ok.zip", {SAVOIRS: many_savoirs(count)})
    result = run_program("jobs", "import", str(archive), home=home)
    assert result.returncode == 0, result.stderr
