"""Garde-fou du démarrage : les commandes non interactives n'importent ni questionary ni prompt_toolkit.

Ni markdown-it-py (et son greffon mdit_py_plugins) : seul `export --format html` en a besoin.
Ni icalendar (qui charge dateutil et ctypes, ~40 ms) : seul `export --format ics` en a besoin.

Ces deux bibliothèques coûtent à elles seules des dizaines de millisecondes au démarrage ; seules
les commandes qui posent des questions (`start`, les formulaires) en ont besoin. Chaque commande
tourne dans un processus NEUF (dans le processus de pytest, d'autres tests les ont déjà importées),
sur un petit profil rempli. Aucun chronométrage ici : le banc `benchmarks/run.py` s'en charge.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROME_MINI, filled_profile, run

INTERACTIVE = ("questionary", "prompt_toolkit")

# Lance `reconversion ARGS…` comme le script console, puis écrit dans $PROBE_REPORT le code de
# sortie et les paquets interactifs présents dans sys.modules. $PROBE_PREIMPORT (témoin) importe
# d'abord un module, pour vérifier que la sonde voit bien un import quand il a lieu.
PROBE = """
import json, os, sys
if os.environ.get("PROBE_PREIMPORT"):
    __import__(os.environ["PROBE_PREIMPORT"])
from reconversion.cli import main
sys.argv = ["reconversion", *sys.argv[1:]]
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
watched = {"questionary", "prompt_toolkit", "markdown_it", "mdit_py_plugins", "icalendar"}
loaded = sorted({name.split(".")[0] for name in sys.modules} & watched)
with open(os.environ["PROBE_REPORT"], "w", encoding="utf-8") as report:
    json.dump({"code": code, "loaded": loaded}, report)
"""


def _env(home: Path, report: Path, preimport: str | None = None) -> dict[str, str]:
    env = {**os.environ, "RECONVERSION_HOME": str(home), "PROBE_REPORT": str(report)}
    for name in ("RECONVERSION_PROFILE", "RECONVERSION_TODAY", "PROBE_PREIMPORT"):
        env.pop(name, None)
    if preimport:
        env["PROBE_PREIMPORT"] = preimport
    return env


def probe(home: Path, tmp: Path, *args: str, preimport: str | None = None) -> tuple[dict, str]:
    """Exécute la commande dans un processus neuf ; renvoie le rapport de la sonde et la sortie standard."""
    report = tmp / "probe.json"
    report.unlink(missing_ok=True)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=_env(home, report, preimport),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"{args} : code {result.returncode}\n{result.stderr}"
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["code"] == 0, f"{args} : la commande a échoué\n{result.stderr}\n{result.stdout}"
    return data, result.stdout


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Un petit profil rempli : quelques réponses, une action datée, un contact à relancer, le mini-ROME."""
    data = tmp_path_factory.mktemp("guard") / "home"
    filled_profile(
        data,
        answers={"situation": "salarie_prive", "contrat": "cdi", "metier_actuel": "Comptable", "annees_experience": 12},
        actions=[("Appeler le conseiller CEP", "--due", "+10j")],
        contacts=[("Awa Diallo", "--org", "CHU de Nantes", "--follow-up", "+3j")],
        experiences=[],
    )
    assert run("jobs", "import", str(ROME_MINI), env={"RECONVERSION_HOME": str(data)}).exit_code == 0
    return data


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["status"], "Avancement global"),
        (["status", "--json"], '"steps"'),
        (["--help"], "status"),
        (["--version"], "reconversion"),
        (["guide", "validate"], "Guide valide"),
        (["jobs", "search", "infirmiere", "--json"], "J1506"),
        (["jobs", "compare", "J1501", "J1506"], "Ce qu'il te reste à acquérir"),
        (["jobs", "compare", "J1501", "J1506", "--json"], '"to_acquire"'),
        (["jobs", "bridges", "J1501"], "Passerelles depuis J1501"),
        (["jobs", "bridges", "J1501", "--json"], '"results"'),
        (["actions", "--json"], "Appeler le conseiller CEP"),
        (["calendrier"], "Ton calendrier"),
        (["calendrier", "--json"], "Awa Diallo"),
        (["export", "-o", "{tmp}/plan.md"], "Ton plan est prêt"),
        (["export", "-f", "json", "-o", "{tmp}/sauvegarde.json"], "Sauvegarde écrite"),
        (["export", "-f", "ics", "-o", "{tmp}/agenda.ics"], "Ton agenda est prêt"),
        (["funding", "--cout", "4 500 €", "--duree", "9 mois"], "CPF seul"),
        (["funding", "--cout", "4500", "--duree", "9", "--json"], '"not_for_you"'),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_non_interactive_commands_do_not_import_prompt_libraries(
    home: Path, tmp_path: Path, args: list[str], expected: str
) -> None:
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    data, stdout = probe(home, tmp_path, *argv)
    assert expected in stdout  # la commande a vraiment fait son travail
    # L'aide de typer met en forme son texte avec rich.markdown, donc markdown_it : c'est typer, pas nous.
    allowed = {"markdown_it"} if args == ["--help"] else set()
    if args[:3] == ["export", "-f", "ics"]:
        allowed = {"icalendar"}  # l'agenda, et lui seul
    loaded = [name for name in data["loaded"] if name not in allowed]
    assert loaded == [], f"« reconversion {' '.join(args)} » importe {loaded}"


def test_only_the_html_plan_imports_markdown_it(home: Path, tmp_path: Path) -> None:
    """markdown-it-py (20 à 70 ms) : seulement pour `export --format html`, que la liste ci-dessus ne charge pas.

    C'est aussi le témoin que la sonde voit bien markdown_it quand il est importé.
    """
    data, stdout = probe(home, tmp_path, "export", "-f", "html", "-o", str(tmp_path / "plan.html"))
    assert "Ton plan est prêt" in stdout
    assert data["loaded"] == ["markdown_it", "mdit_py_plugins"]


def test_only_the_calendar_imports_icalendar(home: Path, tmp_path: Path) -> None:
    """icalendar (avec dateutil et ctypes, ~40 ms) : seulement pour l'agenda, pas pour le plan Markdown.

    Témoin de la sonde pour icalendar : `export -f ics` l'importe bel et bien.
    """
    data, stdout = probe(home, tmp_path, "export", "-f", "ics", "-o", str(tmp_path / "agenda.ics"))
    assert "Ton agenda est prêt" in stdout
    assert data["loaded"] == ["icalendar"]


def test_the_probe_sees_an_interactive_import(home: Path, tmp_path: Path) -> None:
    """Témoin : si une commande importait l'adaptateur des invites, la sonde le verrait."""
    data, _ = probe(home, tmp_path, "--version", preimport="reconversion.adapters.prompts.arrow_prompts")
    assert data["loaded"] == sorted(INTERACTIVE)


def script_report(script: str, home: Path) -> dict:
    """Exécute `script` dans un processus neuf (données dans `home`) ; renvoie le JSON qu'il imprime."""
    env = {**os.environ, "RECONVERSION_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# L'assistant reçoit dès son lancement ses accès au ROME et aux certifications importés ; les modules
# qui les lisent (SQLite des bases, compétences, recherche) ne se chargent qu'à la question qui s'en sert.
WIRING = """
import json, sys
from reconversion.commands.start import certification_chooser, metier_chooser
chooser = metier_chooser(None, None, None)
certifications = certification_chooser(None, None)
watched = ("reconversion.adapters.certifications.rncp_reports", "reconversion.adapters.rome.rome_store",
           "reconversion.core.skills", "reconversion.core.search")
before = [name for name in watched if name in sys.modules]
chooser.rome.bridges("J1501", 3)  # sans ROME importé : aucune passerelle, mais la base a été cherchée
certifications.options(["J1501"], {}, __import__("datetime").date(2027, 1, 4))
after = [name for name in watched if name in sys.modules]
print(json.dumps({"before": before, "after": after}))
"""


def test_start_loads_the_imported_bases_only_at_their_question(tmp_path: Path) -> None:
    data = script_report(WIRING, tmp_path / "home")
    assert data["before"] == []
    # Témoin : appelés, les accès chargent bien ces modules (la sonde les voit).
    assert "reconversion.adapters.rome.rome_store" in data["after"]
    assert "reconversion.adapters.certifications.rncp_reports" in data["after"]


# Le récapitulatif du financement (fin de l'étape 3) n'importe `commands.funding` qu'à la première fin d'étape.
RECAP = """
import datetime, json, sys
from reconversion.adapters.content import guide_files
from reconversion.commands.start import _funding_recap
guide = guide_files.load()
shown = []
hook = _funding_recap(guide, None, datetime.date(2026, 12, 7), shown.extend, "defaut")
before = "reconversion.commands.funding" in sys.modules
hook(guide.step("bilan"), {})
after_bilan = list(shown)
hook(guide.step("formation"), {})
print(json.dumps({"before": before, "loaded": "reconversion.commands.funding" in sys.modules,
                  "after_bilan": after_bilan, "after_formation": shown}))
"""


def test_start_loads_the_funding_recap_only_at_the_end_of_a_step(tmp_path: Path) -> None:
    data = script_report(RECAP, tmp_path / "home")
    assert data["before"] is False
    assert data["loaded"] is True
    assert data["after_bilan"] == []  # pas l'étape du financement : rien
    assert any("funding" in line for line in data["after_formation"])  # l'étape 3 : le récapitulatif


# La première question de l'assistant n'attend ni la séance des métiers ni celle des certifications :
# `_interactive` les reçoit enveloppées, construites à leur premier usage.
WHEN_ASKED = """
import json, sys
from reconversion.adapters.content import guide_files
from reconversion.commands.start import (CertificationsWhenAsked, MetiersWhenAsked, certification_chooser,
                                         metier_chooser)
watched = ("reconversion.sessions.metier_choice", "reconversion.sessions.certification_choice",
           "reconversion.adapters.rome.skills_reports", "reconversion.core.certifications")
guide = guide_files.load()
metiers = MetiersWhenAsked(lambda: metier_chooser(None, None, None))
certifications = CertificationsWhenAsked(lambda: certification_chooser(None, None))
handled = [q.id for q in guide.questions if certifications.handles(q)]
before = [name for name in watched if name in sys.modules]
label = metiers.label("J1506")
print(json.dumps({"before": before, "handled": handled, "label": label,
                  "after": [name for name in watched if name in sys.modules]}))
"""


def test_start_builds_the_metier_and_certification_choices_at_first_use(tmp_path: Path) -> None:
    data = script_report(WHEN_ASKED, tmp_path / "home")
    assert data["before"] == []
    assert data["handled"] == ["certification_visee"]  # reconnue sans construire la séance
    assert data["label"].startswith("Infirmier") and data["label"].endswith("(J1506)")
    assert "reconversion.sessions.metier_choice" in data["after"]  # témoin : le premier usage la construit


# `--version` dit le jour où le contenu a été vérifié : deux dates rangées à part dans le cache, pas tout le guide.
VERSION = """
import json, sys
from reconversion.cli import main
sys.argv = ["reconversion", "--version"]
try:
    main()
except SystemExit:
    pass
print(json.dumps({"model": "reconversion.core.model" in sys.modules}), file=sys.stderr)
"""


def test_version_reads_two_dates_not_the_whole_guide(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "RECONVERSION_HOME": str(home)}
    env.pop("RECONVERSION_CACHE", None)
    seen = []
    for _ in range(2):  # le premier lancement remplit le cache (il lit le guide), le second s'en sert
        result = subprocess.run(
            [sys.executable, "-c", VERSION], env=env, capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "Contenu vérifié le" in result.stdout
        seen.append(json.loads(result.stderr.strip().splitlines()[-1])["model"])
    assert seen == [True, False]  # témoin : sans cache, le guide est bien lu (la sonde voit le modèle)
