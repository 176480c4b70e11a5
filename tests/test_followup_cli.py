"""Le suivi en ligne de commande : actions, expériences, contacts, et ce que `status` en signale."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from helpers import answered, finish, ok, run, spawn

TODAY = "2027-03-10"


@pytest.fixture(autouse=True)
def fixed_day(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Un carnet neuf, un « aujourd'hui » fixe et un terminal large (pas de retour à la ligne de rich)."""
    monkeypatch.setenv("RECONVERSION_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "200")
    return home


def ok_earlier(*args: str) -> str:
    """Comme `ok`, un jour plus tôt que TODAY (une échéance passée ne peut plus être saisie)."""
    result = run(*args, env={"RECONVERSION_TODAY": "2026-12-01"})
    assert result.exit_code == 0, result.output
    return result.stdout


LEA = {"situation": "salarie", "prenom": "Léa"}


def as_json(*args: str) -> Any:
    return json.loads(ok(*args, "--json"))


def db_rows(home: Path, sql: str, profile: str = "defaut") -> list[tuple]:
    with sqlite3.connect(home / f"{profile}.sqlite3") as db:
        return db.execute(sql).fetchall()


# --- actions personnelles ---------------------------------------------------------------------------


def test_add_and_list_personal_actions_sorted_overdue_first(mini_guide_path: Path) -> None:
    guide = ("--guide", str(mini_guide_path))
    assert "Action p1 ajoutée, échéance le 20 mars 2027 : Appeler la CCI" in ok(
        "actions", "add", "Appeler  la CCI", "--due", "+10j", *guide
    )
    ok("actions", "add", "Lire un livre", "--step", "s2", *guide)
    ok_earlier("actions", "add", "Renvoyer le dossier", "--due", "01/03/2027", *guide)
    ok("actions", "add", "Écrire à Awa", "--due", TODAY, *guide)
    data = as_json("actions", *guide)
    assert data["today"] == TODAY
    assert [(a["id"], a["status"]) for a in data["actions"]] == [
        ("p2", "todo"),  # étape s2 d'abord (ordre du guide), puis les actions sans étape
        ("p3", "overdue"),
        ("p4", "today"),
        ("p1", "todo"),
    ]
    first = data["actions"][1]
    assert first == {
        "id": "p3",
        "source": "own",
        "step": None,
        "step_title": "Autres actions",
        "text": "Renvoyer le dossier",
        "due": "2027-03-01",
        "status": "overdue",
        "status_label": "en retard",
        "overdue": True,
        "missed": False,
        "due_by_hand": True,
        "done": False,
        "done_at": None,
    }
    assert data["actions"][0]["step_title"] == "2. Deuxième étape"
    text = ok("actions", *guide)
    assert "⚠ p3  Renvoyer le dossier — en retard de 9 jours (1er mars 2027)" in text
    assert "☐ p4  Écrire à Awa — aujourd'hui" in text
    assert "overdue" not in text and "today" not in text  # les identifiants ne sont que pour --json
    assert text.index("2. Deuxième étape") < text.index("Autres actions")
    assert as_json("actions", "list", *guide) == data


def test_empty_list_explains_how_to_start(mini_guide_path: Path, home: Path) -> None:
    assert "Aucune action pour l'instant" in ok("actions", "--guide", str(mini_guide_path))
    assert as_json("actions", "--guide", str(mini_guide_path))["actions"] == []
    assert not home.exists(), "lister ne doit pas créer de carnet"


def test_done_undo_edit_remove_personal_action(mini_guide_path: Path, home: Path) -> None:
    guide = ("--guide", str(mini_guide_path))
    ok("actions", "add", "Appeler la CCI", *guide)
    assert "Action p1 cochée" in ok("actions", "done", "p1", *guide)
    action = as_json("actions", *guide)["actions"][0]
    assert action["done"] and (action["status"], action["status_label"]) == ("done", "faite")
    assert action["done_at"].startswith(TODAY)
    assert "☑ p1  Appeler la CCI — faite le" in ok("actions", *guide)
    assert "déjà cochée" in ok("actions", "done", "P1", *guide)
    assert "décochée" in ok("actions", "done", "p1", "--undo", *guide)
    assert not as_json("actions", *guide)["actions"][0]["done"]

    assert "Action p1 modifiée." in ok(
        "actions", "edit", "p1", "--text", "Appeler la CMA", "--due", "+3s", "--step", "s1", *guide
    )
    action = as_json("actions", *guide)["actions"][0]
    assert (action["text"], action["due"], action["step"]) == ("Appeler la CMA", "2027-03-31", "s1")
    ok("actions", "edit", "p1", "--due", "aucune", "--step", "aucune", *guide)
    action = as_json("actions", *guide)["actions"][0]
    assert (action["due"], action["step"]) == (None, None)

    refused = run("actions", "remove", "p1", *guide)
    assert refused.exit_code == 2
    assert "--yes" in refused.stderr
    assert len(as_json("actions", *guide)["actions"]) == 1

    kept = run("actions", "remove", "p1", *guide, input="n\n")
    assert kept.exit_code == 2  # CliRunner n'est pas un terminal : refus, rien d'effacé
    assert "Action p1 effacée." in ok("actions", "remove", "p1", "--yes", *guide)
    assert as_json("actions", *guide)["actions"] == []
    assert db_rows(home, "SELECT COUNT(*) FROM actions") == [(0,)]


def test_confirmation_in_a_terminal(mini_guide_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guide = ("--guide", str(mini_guide_path))
    ok("actions", "add", "Appeler la CCI", *guide)
    monkeypatch.setattr("reconversion.adapters.prompts.confirm._interactive", lambda: True)
    no = run("actions", "remove", "p1", *guide, input="n\n")
    assert no.exit_code == 0 and "Rien n'a été retiré." in no.stdout
    yes = run("actions", "remove", "p1", *guide, input="peut-être\noui\n")
    assert yes.exit_code == 0, yes.output
    assert "Réponds par « o » (oui) ou « n » (non)." in yes.stdout
    assert "Action p1 effacée." in yes.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("actions", "add", "Truc", "--due", "32/01/2027"), "--due : « 32/01/2027 » : le 32 janvier 2027 n'existe pas"),
        (("actions", "add", "Truc", "--due", "bientôt"), "écris-la JJ/MM/AAAA (exemples : 15/09/2027"),
        (("actions", "add", "Truc", "--due", "09/03/2027"), "--due : le 9 mars 2027 est déjà passé"),
        (("actions", "add", "   "), "Le texte de l'action est vide"),
        (("actions", "add", "Truc", "--step", "nulle"), "Étape inconnue « nulle »"),
        (("actions", "edit", "p1"), "Rien à modifier"),
    ],
)
def test_usage_errors_exit_2_with_a_french_message(mini_guide_path: Path, args: tuple[str, ...], message: str) -> None:
    result = run(*args, "--guide", str(mini_guide_path))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_unknown_action_id(mini_guide_path: Path) -> None:
    guide = ("--guide", str(mini_guide_path))
    ok("actions", "add", "Truc", *guide)
    result = run("actions", "done", "p9", *guide)
    assert result.exit_code == 1
    assert "Aucune action « p9 »" in result.stderr


def test_profile_given_before_the_subcommand_applies_to_it(mini_guide_path: Path, home: Path) -> None:
    ok("actions", "--profile", "perso", "add", "Dans perso", "--guide", str(mini_guide_path))
    assert (home / "perso.sqlite3").exists()
    assert not (home / "defaut.sqlite3").exists()
    assert (
        as_json("actions", "--profile", "perso", "--guide", str(mini_guide_path))["actions"][0]["text"] == "Dans perso"
    )


# --- actions du guide ----------------------------------------------------------------------------------


def test_guide_actions_appear_with_default_due_and_are_materialised_on_change(
    mini_guide_path: Path, tmp_path: Path, home: Path
) -> None:
    guide = ("--guide", str(mini_guide_path))
    assert as_json("actions", *guide)["actions"] == []  # rien tant qu'aucune réponse
    answered(LEA, mini_guide_path)
    first_day = db_rows(home, "SELECT value FROM profile WHERE key = 'first_answer_at'")[0][0]
    assert first_day  # la date de départ des échéances
    actions = as_json("actions", *guide)["actions"]
    assert [(a["id"], a["source"], a["step"]) for a in actions] == [("a1", "guide", "s1"), ("a2", "guide", "s1")]
    from datetime import date, datetime, timedelta

    base = datetime.fromisoformat(first_day).astimezone().date()
    assert actions[0]["due"] == (base + timedelta(days=10)).isoformat()
    assert actions[1]["due"] is None
    assert db_rows(home, "SELECT COUNT(*) FROM actions") == [(0,)], "pas de ligne avant un changement"

    ok("actions", "done", "a2", *guide)
    ok("actions", "edit", "a1", "--due", "+1j", "--text", "Faire un vrai premier pas", *guide)
    rows = db_rows(
        home, "SELECT guide_action_id, step_id, text, due_date, done_at IS NOT NULL FROM actions ORDER BY id"
    )
    assert rows == [
        ("a2", "s1", "Parler à ton employeur", None, 1),
        ("a1", "s1", "Faire un vrai premier pas", "2027-03-11", 0),
    ]
    actions = as_json("actions", *guide)["actions"]
    assert [(a["id"], a["status"]) for a in actions] == [("a1", "todo"), ("a2", "done")]
    assert date.fromisoformat(actions[0]["due"]) == date(2027, 3, 11)


def test_removed_guide_action_is_set_aside_and_edit_brings_it_back(mini_guide_path: Path, tmp_path: Path) -> None:
    guide = ("--guide", str(mini_guide_path))
    answered(LEA, mini_guide_path)
    assert "retirée de ta liste" in ok("actions", "remove", "a1", "--yes", *guide)
    assert [a["id"] for a in as_json("actions", *guide)["actions"]] == ["a2"]
    ok("actions", "edit", "a1", "--due", "+2j", *guide)
    assert [a["id"] for a in as_json("actions", *guide)["actions"]] == ["a1", "a2"]


def test_guide_action_that_does_not_apply(mini_guide_path: Path, tmp_path: Path) -> None:
    guide = ("--guide", str(mini_guide_path))
    answered({"situation": "autre"}, mini_guide_path)
    assert [a["id"] for a in as_json("actions", *guide)["actions"]] == ["a1"]
    result = run("actions", "done", "a2", *guide)
    assert result.exit_code == 1
    assert "ne s'applique pas à tes réponses actuelles" in result.stderr


# --- expériences ----------------------------------------------------------------------------------------------


def test_experiences_add_list_remove_with_options(home: Path) -> None:
    added = ok(
        "experiences",
        "add",
        "--kind",
        "PMSMP",
        "--organisation",
        "Boulangerie Martin",
        "--start",
        "10/01/2027",
        "--end",
        "2027-01-20",
        "--learnt",
        "Le contact client me plaît\nSe lever tôt : ça va",
    )
    assert "Expérience e1 notée : Immersion professionnelle (PMSMP) — Boulangerie Martin." in added
    ok("experiences", "add", "--kind", "Bénévolat", "--org", "Restos du cœur")
    ok("experiences", "add", "-k", "projet personnel", "--org", "Site web", "--start", "01/03/2027")
    data = as_json("experiences", "list")
    assert [(e["id"], e["kind"]) for e in data["experiences"]] == [
        ("e3", "projet"),  # la plus récente d'abord, sans date à la fin
        ("e1", "immersion"),
        ("e2", "benevolat"),
    ]
    assert data["experiences"][1] == {
        "id": "e1",
        "kind": "immersion",
        "kind_label": "Immersion professionnelle (PMSMP)",
        "organisation": "Boulangerie Martin",
        "start": "2027-01-10",
        "end": "2027-01-20",
        "learnt": "Le contact client me plaît\nSe lever tôt : ça va",
    }
    assert as_json("experiences") == data
    text = ok("experiences")
    assert "Boulangerie Martin (du 10 janvier 2027 au 20 janvier 2027)" in text
    assert "Se lever tôt : ça va" in text

    refused = run("experiences", "remove", "e2")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert "Expérience e2 effacée." in ok("experiences", "remove", "2", "--yes")
    assert [e["id"] for e in as_json("experiences")["experiences"]] == ["e3", "e1"]
    missing = run("experiences", "remove", "e2", "--yes")
    assert missing.exit_code == 1 and "Aucune expérience e2" in missing.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "Pas de terminal interactif pour le formulaire"),
        (("--kind", "stage"), "Il manque --organisation"),
        (("--kind", "sieste", "--org", "x"), "n'est pas une sorte d'expérience connue (choix : stage, immersion"),
        (
            ("--kind", "stage", "--org", "x", "--start", "31/02/2027"),
            "--start : « 31/02/2027 » : le 31 février 2027 n'existe pas",
        ),
        (("--kind", "stage", "--org", "x", "--start", "10/03/2027", "--end", "01/03/2027"), "avant la date de début"),
        (("--kind", "stage", "--org", "  "), "--organisation est vide"),
    ],
)
def test_experiences_add_refusals(args: tuple[str, ...], message: str, home: Path) -> None:
    result = run("experiences", "add", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not home.exists() or db_rows(home, "SELECT COUNT(*) FROM experiences") == [(0,)]


def test_experience_form_does_not_import_questionary_for_scripts() -> None:
    """Les commandes non interactives ne chargent pas questionary (temps de démarrage, pas de terminal)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from reconversion.cli import app, register\n"
        "register()\n"
        "r = CliRunner().invoke(app, ['experiences', 'add', '--kind', 'stage', '--org', 'x'])\n"
        "assert r.exit_code == 0, r.output\n"
        "r = CliRunner().invoke(app, ['contacts', 'list', '--json'])\n"
        "assert r.exit_code == 0, r.output\n"
        "print('questionary' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


# --- contacts -----------------------------------------------------------------------------------------------


def test_contacts_add_list_edit_remove(home: Path) -> None:
    assert "Contact c1 noté : Awa Diallo." in ok(
        "contacts",
        "add",
        "Awa Diallo",
        "--org",
        "Boulangerie Martin",
        "--role",
        "Boulangère",
        "--met",
        "Salon",
        "--notes",
        "Très sympa\nRappeler après les fêtes",
        "--follow-up",
        "+2s",
    )
    ok_earlier("contacts", "add", "Bruno Tardif", "--follow-up", "01/03/2027")  # relance passée
    ok("contacts", "add", "Chloé Demain", "--follow-up", "+7j")  # dans 7 jours : à faire
    ok("contacts", "add", "Denis Loin", "--follow-up", "+8j")  # dans 8 jours : plus tard
    ok("contacts", "add", "Émile Sansdate")
    data = as_json("contacts", "list")
    assert data["today"] == TODAY
    assert [(c["id"], c["follow_up_status"], c["follow_up_due"]) for c in data["contacts"]] == [
        ("c2", "overdue", True),
        ("c3", "soon", True),
        ("c4", "later", False),
        ("c1", "later", False),
        ("c5", None, False),
    ]
    assert data["contacts"][3] == {
        "id": "c1",
        "name": "Awa Diallo",
        "organisation": "Boulangerie Martin",
        "role": "Boulangère",
        "met_how": "Salon",
        "notes": "Très sympa\nRappeler après les fêtes",
        "follow_up": "2027-03-24",
        "follow_up_status": "later",
        "follow_up_status_label": "plus tard",
        "follow_up_due": False,
    }
    text = ok("contacts")
    assert text.index("À relancer") < text.index("c2  Bruno Tardif") < text.index("c3  Chloé Demain")
    assert text.index("c3  Chloé Demain") < text.index("Les autres contacts") < text.index("c4  Denis Loin")
    assert "relance : en retard de 9 jours (1er mars 2027)" in text

    assert "Contact c2 modifié." in ok("contacts", "edit", "c2", "--follow-up", "+3s", "--notes", "Relancé le 10/03")
    edited = next(c for c in as_json("contacts")["contacts"] if c["id"] == "c2")
    assert (edited["follow_up"], edited["notes"], edited["follow_up_due"]) == ("2027-03-31", "Relancé le 10/03", False)
    ok("contacts", "edit", "2", "--follow-up", "aucune", "--name", "Bruno T.")
    edited = next(c for c in as_json("contacts")["contacts"] if c["id"] == "c2")
    assert (edited["name"], edited["follow_up"]) == ("Bruno T.", None)

    refused = run("contacts", "remove", "c1")
    assert refused.exit_code == 2 and "--yes" in refused.stderr
    assert "Contact c1 effacé." in ok("contacts", "remove", "c1", "--yes")
    assert "c1" not in [c["id"] for c in as_json("contacts")["contacts"]]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("add",), 2, "Il manque le nom du contact"),
        (("add", "--role", "x"), 2, "Il manque le nom du contact"),
        (("add", "Awa", "--follow-up", "bientôt"), 2, "--follow-up : « bientôt » n'est pas une date valide"),
        (("edit", "c1"), 2, "Rien à modifier"),
        (("edit", "x1", "--role", "r"), 2, "n'est pas un identifiant de contact"),
        (("edit", "c7", "--role", "r"), 1, "Aucun contact c7"),
        (("remove", "c7", "--yes"), 1, "Aucun contact c7"),
    ],
)
def test_contacts_refusals(args: tuple[str, ...], code: int, message: str) -> None:
    ok("contacts", "add", "Awa")
    result = run("contacts", *args)
    assert result.exit_code == code
    assert message in result.stderr


# --- status -------------------------------------------------------------------------------------------------


def test_status_json_reports_overdue_actions_and_followups_due(mini_guide_path: Path, tmp_path: Path) -> None:
    guide = ("--guide", str(mini_guide_path))
    answered(LEA, mini_guide_path)
    ok_earlier("actions", "add", "En retard", "--due", "09/03/2027", *guide)  # hier : en retard
    ok("actions", "add", "Aujourd'hui", "--due", TODAY, *guide)  # aujourd'hui : pas en retard
    ok_earlier("actions", "add", "Déjà faite", "--due", "01/01/2027", *guide)
    ok("actions", "done", "p3", *guide)
    ok("contacts", "add", "Awa", "--org", "CCI", "--follow-up", "+7j")
    ok("contacts", "add", "Bruno", "--follow-up", "+8j")
    ok_earlier("contacts", "add", "Chloé", "--follow-up", "05/03/2027")
    ok("actions", "edit", "a1", "--due", "+1j", *guide)  # l'action du guide n'est plus en retard
    report = as_json("status", *guide)
    assert report["overdue_actions"] == [
        {"id": "p1", "step": None, "text": "En retard", "due": "2027-03-09", "days_late": 1}
    ]
    assert [(f["id"], f["name"], f["late"]) for f in report["followups_due"]] == [
        ("c3", "Chloé", True),
        ("c1", "Awa", False),
    ]
    assert report["followups_due"][1] == {
        "id": "c1",
        "name": "Awa",
        "organisation": "CCI",
        "follow_up": "2027-03-17",
        "late": False,
        "label": "dans 7 jours (17 mars 2027)",
    }
    text = ok("status", *guide)
    assert "Actions en retard" in text and "En retard — en retard de 1 jour (9 mars 2027)" in text
    assert "Relances à faire" in text and "Awa (CCI) — dans 7 jours" in text and "Bruno" not in text


def test_status_json_has_empty_followup_keys_without_profile(mini_guide_path: Path) -> None:
    report = as_json("status", "--guide", str(mini_guide_path))
    assert report["overdue_actions"] == [] and report["followups_due"] == []


def test_status_before_any_answer_still_shows_late_followups(mini_guide_path: Path) -> None:
    ok_earlier("contacts", "add", "Awa", "--follow-up", "01/03/2027")
    text = ok("status", "--guide", str(mini_guide_path))
    assert "Tu n'as pas encore commencé" in text
    assert "Awa — en retard de 9 jours" in text


def test_wrong_reconversion_today_is_a_clear_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "10/03/2027")
    result = run("contacts", "list")
    assert result.exit_code == 2
    assert "RECONVERSION_TODAY" in result.stderr and "AAAA-MM-JJ" in result.stderr


# --- formulaires interactifs (vrai terminal, pexpect) -------------------------------------------------------


def test_experience_form_in_a_terminal(home: Path) -> None:
    child = spawn("experiences", "add", home=home, env={"RECONVERSION_TODAY": TODAY})
    child.expect("Quelle sorte d'expérience")
    child.send("\x1b[B\r")  # immersion (2e choix)
    child.expect("Où")
    child.send("Boulangerie Martin\r")
    child.expect("Date de début")
    child.send("le 32 dec\r")
    child.expect("n'est pas une date valide")
    child.send("\x7f" * 10 + "10/01/2027\r")
    child.expect("Date de fin")
    child.send("01/01/2027\r")
    child.expect("après la date de début")
    child.send("\x7f" * 10 + "+0j\r")
    child.expect("Qu'as-tu appris")
    child.send("Le contact client me plaît\r")
    child.expect("Expérience e1 notée")
    assert finish(child) == 0
    experience = as_json("experiences")["experiences"][0]
    assert (experience["kind"], experience["organisation"], experience["start"], experience["end"]) == (
        "immersion",
        "Boulangerie Martin",
        "2027-01-10",
        TODAY,
    )
    assert experience["learnt"] == "Le contact client me plaît"


def test_contact_form_ctrl_c_saves_nothing(home: Path) -> None:
    child = spawn("contacts", "add", home=home, env={"RECONVERSION_TODAY": TODAY})
    child.expect("Son nom")
    child.send("Awa Diallo\r")
    child.expect("Son entreprise")
    child.send("\x03")
    child.expect("rien n'a été enregistré")
    assert finish(child) == 130
    assert as_json("contacts")["contacts"] == []


def test_status_alerts_read_only_what_they_need_and_match_the_full_computation(
    mini_guide_path: Path, tmp_path: Path
) -> None:
    """Le résumé de `status` lit moins de lignes (filtre SQL) mais doit dire exactement la même chose."""
    import datetime as dt
    import random

    from reconversion.adapters.content import guide_files
    from reconversion.adapters.storage import followup_store
    from reconversion.adapters.storage.locations import data_home
    from reconversion.adapters.storage.store import Store
    from reconversion.commands.common.followup_state import followup_report
    from reconversion.core.followup import action_items, followup_summary

    ok("actions", "add", "Première", "--guide", str(mini_guide_path))
    store = Store.open(data_home(), "defaut")
    rng = random.Random(7)
    day = dt.date(2027, 3, 1)
    with store.transaction() as db:
        for number in range(200):
            due = None if rng.random() < 0.2 else (day + dt.timedelta(days=rng.randint(-40, 40))).isoformat()
            done = "2027-01-01T10:00:00+00:00" if rng.random() < 0.3 else None
            db.execute(
                "INSERT INTO actions (guide_action_id, step_id, text, due_date, done_at, removed, created_at, "
                "updated_at) VALUES (NULL, NULL, ?, ?, ?, ?, 'x', 'x')",
                (f"Action {number}", due, done, int(rng.random() < 0.1)),
            )
    guide = guide_files.load(mini_guide_path)
    fast = followup_report(store, guide, day)
    everything = action_items(guide, store.answers(), followup_store.action_rows(store), base_day=day, today=day)
    slow = followup_summary(everything, followup_store.contact_rows(store), day)
    store.close()
    assert fast == slow
    assert len(fast["overdue_actions"]) > 20 and len(fast["next_actions"]) == 5


def test_a_name_ending_with_a_dot_gets_no_second_dot(home: Path) -> None:
    out = ok("contacts", "add", "Karim B.")
    assert "noté : Karim B.\n" in out and "B.." not in out


def test_a_mistyped_action_or_step_gets_a_suggestion() -> None:
    """C8 : « voulais-tu dire » pour un identifiant d'action ou une étape presque juste."""
    ok("actions", "add", "Appeler la CCI")
    result = run("actions", "done", "bilan_exemple")
    assert result.exit_code != 0 and "voulais-tu dire bilan_exemples ?" in result.stderr
    result = run("actions", "add", "Appeler", "--step", "formations")
    assert result.exit_code == 2 and "voulais-tu dire formation ?" in result.stderr


def test_form_instructions_follow_the_question_with_one_space(home: Path) -> None:
    """C4 : « Son entreprise ou organisme ?  (Entrée pour passer) » avait deux espaces."""
    import re as _re

    child = spawn("contacts", "add", home=home, env={"RECONVERSION_TODAY": TODAY})
    child.expect("Son nom")
    child.send("Claire\r")
    child.expect(r"\(Entrée pour passer\)")
    screen = _re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before + child.after)
    assert "organisme ? (Entrée" in screen.replace("\u00a0", " ").replace("\u202f", " ")
    child.sendintr()
    finish(child)
