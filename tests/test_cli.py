"""Les commandes sans invite, avec le CliRunner de typer : codes de sortie et messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import answered, run, run_program, write
from reconversion import __version__
from reconversion.cli import app


def test_version_says_when_the_content_was_checked() -> None:
    result = run("--version", env={"RECONVERSION_TODAY": "2026-12-08"})
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"reconversion {__version__}", "Contenu vérifié le 7 décembre 2026."]


def test_version_warns_when_a_rule_of_the_content_has_expired() -> None:
    """Le 1er janvier 2027, la participation forfaitaire de 2026 n'est plus sûre : le guide le dit."""
    result = run("--version", env={"RECONVERSION_TODAY": "2027-01-02"})
    _version, second = result.stdout.splitlines()
    assert second.startswith("Contenu vérifié le 7 décembre 2026. Certaines informations ont pu changer depuis")


def test_python_dash_m_works_the_same() -> None:
    done = run_program("--version")
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == f"reconversion {__version__}"


def test_guide_validate_builtin_summary() -> None:
    result = run("guide", "validate")
    assert result.exit_code == 0
    assert result.stdout.startswith("Guide valide : ")
    assert "5 étapes" in result.stdout and "questions" in result.stdout and "ressources" in result.stdout


def test_guide_validate_lists_problems_with_exit_1(tmp_path: Path) -> None:
    bad = write(tmp_path, "g.yaml", "id: g\nversion: 1\nlanguage: fr\ntitle: ''\nsteps: []\nresources: []\ntitel: 1\n")
    result = run("guide", "validate", str(bad))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Le guide contient 3 problèmes :",
        f"{bad}:4:8: title: texte vide : écris quelque chose",
        f"{bad}:5:8: steps: le guide doit avoir au moins une étape",
        f"{bad}:7:1: titel: clé inconnue « titel » (voulais-tu dire « title » ?)",
    ]
    assert "Traceback" not in result.output


def test_start_without_terminal_points_to_answers(home: Path) -> None:
    result = run("start")
    assert result.exit_code == 2
    assert "--answers" in result.stderr
    assert not home.exists()


def test_start_with_answers_file_saves_everything(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    answers = write(tmp_path, "r.yaml", "situation: autre\nprenom: Ana\nnote: 4\ndate_cible: 01/09/2027\n")
    result = run("start", "--guide", str(mini_guide_path), "--answers", str(answers))
    assert result.exit_code == 0, result.output
    assert "Ignorée : « prenom » ne s'applique pas à ta situation." in result.stdout
    assert "3 réponses enregistrées" in result.stdout
    status = json.loads(run("status", "--json", "--guide", str(mini_guide_path)).stdout)
    assert [(s["id"], s["answered"], s["applicable"], s["done"]) for s in status["steps"]] == [
        ("s1", 2, 2, True),
        ("s2", 1, 2, False),
    ]


def test_answers_file_reads_relative_dates_from_the_fixed_day(
    home: Path, mini_guide_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """« +2m » part de `RECONVERSION_TODAY`, comme le moteur et le récapitulatif, pas de l'horloge."""
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-01-15")
    answered("situation: autre\nnote: 4\ndate_cible: +2m\n", mini_guide_path)
    backup = json.loads(run("export", "--format", "json", "-o", "-", "--guide", str(mini_guide_path)).stdout)
    saved = {row["question_id"]: row["value"] for row in backup["answers"]}
    assert saved["date_cible"] == "2027-03-15"


def test_invalid_answers_file_lists_every_problem_and_writes_nothing(
    home: Path, mini_guide_path: Path, tmp_path: Path
) -> None:
    answers = write(tmp_path, "r.yaml", "situation: salarie\nprenom: ''\nnote: 9\ninconnue: 1\n")
    result = run("start", "--guide", str(mini_guide_path), "--answers", str(answers))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == f"{answers} : 3 réponses refusées, rien n'a été enregistré :"
    assert set(lines[1:]) == {
        "  - inconnue : question inconnue dans ce guide",
        "  - prenom : une réponse est nécessaire pour continuer",
        "  - note : choisis un nombre de 1 à 5",
    }
    assert json.loads(run("status", "--json").stdout)["started"] is False


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- a\n- b\n", "le fichier de réponses doit être un dictionnaire"),
        ("situation: [\n", "Fichier de réponses illisible"),
        ("q: !!python/name:os.system x\n", "étiquette YAML non autorisée"),
    ],
)
def test_broken_answers_files(home: Path, tmp_path: Path, content: str, message: str) -> None:
    answers = write(tmp_path, "r.yaml", content)
    result = run("start", "--answers", str(answers))
    assert result.exit_code == 1
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_status_before_starting_is_friendly(home: Path) -> None:
    result = run("status")
    assert result.exit_code == 0
    assert "reconversion start" in result.stdout
    assert not home.exists()  # lire l'état ne crée rien


def test_status_json_shape(home: Path) -> None:
    report = json.loads(run("status", "--json", "--profile", "perso").stdout)
    assert report["profile"] == "perso"
    assert report["store"] == str(home / "perso.sqlite3")
    assert report["guide"]["id"] == "reconversion-fr"
    assert [s["id"] for s in report["steps"]] == ["bilan", "metiers", "formation", "experience", "reseau"]
    assert set(report["steps"][0]) >= {"id", "title", "answered", "applicable", "done"}
    assert report["complete"] is False


def test_status_shows_progress_and_next_question(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    answered("situation: salarie\nprenom: Ana\n", mini_guide_path)
    result = run("status", "--guide", str(mini_guide_path))
    assert result.exit_code == 0
    assert "Avancement global : 40 %" in result.stdout
    assert "en cours" in result.stdout and "2/3" in result.stdout
    assert "Prochaine question : Ton envie ?" in result.stdout
    assert "Parler à ton employeur" in result.stdout


def test_status_screen_says_the_french_word_and_json_the_identifier(
    home: Path, mini_guide_path: Path, tmp_path: Path
) -> None:
    answered("situation: autre\nnote: 3\ndate_cible: 2027-01-01\n", mini_guide_path)
    text = run("status", "--guide", str(mini_guide_path)).stdout
    assert "1. Première étape  terminée" in text and "2. Deuxième étape  en cours" in text
    shown = text.replace("actions done ID", "")  # la commande qui coche une action, seul « done » permis
    assert "done" not in shown and "started" not in shown
    report = json.loads(run("status", "--json", "--guide", str(mini_guide_path)).stdout)
    assert [(s["state"], s["state_label"]) for s in report["steps"]] == [("done", "terminée"), ("started", "en cours")]
    fresh = json.loads(run("status", "--json", "--profile", "vide", "--guide", str(mini_guide_path)).stdout)
    assert [(s["state"], s["state_label"]) for s in fresh["steps"]] == [("todo", "à faire"), ("todo", "à faire")]


def test_reset_refuses_without_terminal_unless_yes(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    answered("situation: salarie\nprenom: Ana\ndate_cible: 2027-01-01\n", mini_guide_path)
    refused = run("reset", "--guide", str(mini_guide_path))
    assert refused.exit_code == 2
    assert "--yes" in refused.stderr
    refused_step = run("reset", "--step", "s2", "--guide", str(mini_guide_path))
    assert "tes réponses de l'étape « Deuxième étape »" in refused_step.stderr  # le titre, pas l'id
    one_step = run("reset", "--step", "s2", "--yes", "--guide", str(mini_guide_path))
    assert one_step.exit_code == 0 and "1 réponse effacée" in one_step.stdout
    everything = run("reset", "--yes", "--guide", str(mini_guide_path))
    assert "2 réponses effacées" in everything.stdout


def test_unknown_step_and_bad_profile_names(home: Path) -> None:
    assert run("reset", "--step", "nulle-part", "--yes").exit_code == 2
    result = run("status", "--profile", "../evasion")
    assert result.exit_code == 2
    assert "Nom de profil invalide" in result.stderr


def test_corrupt_store_gives_exit_1_without_traceback(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "defaut.sqlite3").write_bytes(b"pas une base" * 100)
    result = run("status")
    assert result.exit_code == 1
    assert "est abîmé" in result.stderr and "déplace-le" in result.stderr
    assert "Traceback" not in result.output


def test_answers_for_removed_questions_are_archived_not_lost(home: Path, mini_guide_path: Path, tmp_path: Path) -> None:
    answered("situation: autre\n", mini_guide_path)
    renamed = write(tmp_path, "g2.yaml", mini_guide_path.read_text(encoding="utf-8").replace("situation", "statut"))
    result = run("start", "--guide", str(renamed), "--answers", str(write(tmp_path, "r2.yaml", "statut: autre\n")))
    assert result.exit_code == 0
    assert "1 réponse à une question retirée du guide est archivée" in result.stdout and "situation" in result.stdout
    back = run("start", "--guide", str(mini_guide_path), "--answers", str(write(tmp_path, "r3.yaml", "note: 2\n")))
    assert back.exit_code == 0
    report = json.loads(run("status", "--json", "--guide", str(mini_guide_path)).stdout)
    assert report["steps"][0]["answered"] == 2  # « situation » est revenue avec sa réponse


def test_only_the_requested_command_is_built() -> None:
    from reconversion.cli import app_for

    small = app_for(["status", "--json"])
    assert [info.callback.__name__ for info in small.registered_commands] == ["status"]
    assert small.registered_groups == []
    assert [info.name for info in app_for(["guide", "validate", "-"]).registered_groups] == ["guide"]
    assert app_for(["--help"]) is app
    assert app_for([]) is app
    assert app_for(["inconnue"]) is app  # typer dit alors clairement que la commande n'existe pas


def test_console_script_runs_a_reduced_app(home: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import sys; sys.argv=['reconversion','status','--json']; "
         "from reconversion.cli import main; main()"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["profile"] == "defaut"


def test_an_unexpected_error_is_one_french_line_not_a_traceback(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reconversion.core import status as status_module

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("panne simulée")

    monkeypatch.setattr(status_module, "build_status", broken)
    result = run("status")
    assert result.exit_code == 70
    assert "Erreur inattendue (ValueError : panne simulée)" in result.stderr
    assert "Traceback" not in result.output
    assert run("nimporte").exit_code == 2  # les erreurs d'usage de typer gardent leur code


def test_reset_asks_in_french_in_a_terminal(
    home: Path, mini_guide_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered("situation: autre\n", mini_guide_path)
    monkeypatch.setattr("reconversion.adapters.prompts.confirm._interactive", lambda: True)
    kept = run("reset", "--guide", str(mini_guide_path), input="non\n")
    assert kept.exit_code == 0 and "Rien n'a été effacé." in kept.stdout
    assert "[o/N]" in kept.stdout
    erased = run("reset", "--guide", str(mini_guide_path), input="o\n")
    assert "1 réponse effacée" in erased.stdout


@pytest.mark.parametrize("name", ["con", "nul", "com1", "lpt9"])
def test_device_names_of_windows_are_not_profile_names(home: Path, name: str) -> None:
    result = run("status", "--profile", name)
    assert result.exit_code == 2 and "Nom de profil invalide" in result.stderr


@pytest.mark.parametrize(
    ("typed", "passed"),
    [
        (["status", "--simple"], ["status"]),
        (["--simple", "contacts", "add"], ["contacts", "add"]),
        (["--simple", "start", "--profile", "k"], ["start", "--simple", "--profile", "k"]),
        (["interests", "--simple"], ["interests", "--simple"]),
        (["actions", "add", "x", "--", "--simple"], ["actions", "add", "x", "--", "--simple"]),
    ],
)
def test_simple_is_understood_by_every_command(
    typed: list[str], passed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """S4 : `--simple` vaut partout ; `start` et `interests` le gardent pour le redire en reprenant."""
    from reconversion import cli
    from reconversion.adapters.screen import terminal

    monkeypatch.setattr(terminal, "_simple_mode", False)
    monkeypatch.delenv("RECONVERSION_SIMPLE", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert cli._simple_option(typed) == passed
    assert terminal.simple_mode() is ("--simple" in typed[: typed.index("--")] if "--" in typed else True)


def test_commands_suggested_after_simple_keep_simple(tmp_path: Path) -> None:
    """S4 : après `status --simple`, la commande conseillée garde `--simple` (sinon l'assistant revient aux flèches)."""
    from helpers import run_program

    shown = run_program("status", "--simple", home=tmp_path / "home").stdout
    assert "reconversion start --simple" in shown
    assert "--simple" not in run_program("status", home=tmp_path / "home").stdout


def test_exit_codes_are_defined_only_in_errors_py() -> None:
    """Un code de sortie autre que 0 s'écrit `errors.NOM`, jamais en chiffres ailleurs dans le code."""
    import ast

    root = Path(__file__).resolve().parents[1] / "src" / "reconversion"
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.name == "errors.py" and path.parent == root:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "exit",
                "Exit",
            ):
                values = [*node.args, *(k.value for k in node.keywords if k.arg in ("code", "status"))]
            elif isinstance(node, ast.Assign) and any(
                getattr(t, "id", getattr(t, "attr", "")) == "exit_code" for t in node.targets
            ):
                values = [node.value]
            else:
                continue
            for value in values:
                for literal in ast.walk(value):
                    if isinstance(literal, ast.Constant) and isinstance(literal.value, int) and literal.value != 0:
                        found.append(f"{path.relative_to(root)}:{literal.lineno}: {literal.value}")
    assert found == []
