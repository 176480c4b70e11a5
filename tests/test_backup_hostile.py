"""Sauvegardes hostiles (audit D6) : refusées proprement, ou acceptées et alors lisibles par
TOUTES les commandes de lecture. Bornes à la saisie : les mêmes règles que l'import."""

from __future__ import annotations

import copy
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import run
from reconversion.core import backup as bk
from reconversion.core import limits

STAMP = "2027-01-01T10:00:00+00:00"
# Toutes les commandes qui lisent un carnet : aucune ne doit finir en « Erreur inattendue ».
READ_COMMANDS: list[list[str]] = [
    ["status"],
    ["status", "--json"],
    ["actions"],
    ["actions", "--json"],
    ["contacts"],
    ["contacts", "--json"],
    ["experiences"],
    ["experiences", "--json"],
    ["export", "-o", "-"],
    ["export", "--include-contacts", "-o", "-"],
    ["export", "-f", "json", "-o", "-"],
    ["export", "-f", "ics", "-o", "-"],
]


def base_backup() -> dict[str, Any]:
    """Une sauvegarde valide pour le mini-guide, avec une ligne dans chaque table."""
    data: dict[str, Any] = {"profile_info": {"created_at": STAMP, "last_activity_at": STAMP}}
    data["answers"] = [
        {"question_id": "situation", "step_id": "s1", "value": "salarie", "archived": False,
         "answered_at": STAMP, "updated_at": STAMP},
        {"question_id": "date_cible", "step_id": "s2", "value": "2027-09-15", "archived": False,
         "answered_at": STAMP, "updated_at": STAMP},
    ]  # fmt: skip
    data["steps"] = [{"step_id": "s1", "completed_at": None, "last_activity_at": STAMP}]
    data["interest_answers"] = [{"item_id": "r1", "value": 3, "answered_at": STAMP}]
    data["actions"] = [
        {"id": 1, "guide_action_id": None, "step_id": "s1", "text": "Appeler la CCI", "due_date": "2027-02-01",
         "done_at": None, "removed": False, "created_at": STAMP, "updated_at": STAMP, "due_by_hand": False},
    ]  # fmt: skip
    data["experiences"] = [
        {"id": 1, "kind": "stage", "organisation": "Mairie", "start_date": "2027-01-10", "end_date": None,
         "learnt": "Le contact", "created_at": STAMP},
    ]  # fmt: skip
    data["contacts"] = [
        {"id": 1, "name": "Awa", "organisation": "", "role": "", "met_how": "", "notes": "à rappeler",
         "follow_up": "2027-01-20", "created_at": STAMP, "updated_at": STAMP},
    ]  # fmt: skip
    return bk.build_backup(data, guide_id="mini", guide_version="1", profile="defaut", exported_at=STAMP,
                           tool_version="0.1.0")  # fmt: skip


def changed(table: str, **values: Any) -> Callable[[dict[str, Any]], None]:
    def change(backup: dict[str, Any]) -> None:
        backup[table][0].update(values)

    return change


def info(**values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda backup: backup["profile_info"].update(values)


# (nom, modification, chemin JSON attendu dans le refus)
REFUSED = [
    ("échéance 30 février", changed("actions", due_date="2027-02-30"), "actions[0].due_date"),
    ("échéance illisible", changed("actions", due_date="pas-une-date"), "actions[0].due_date"),
    ("échéance an 0", changed("actions", due_date="0000-01-01"), "actions[0].due_date"),
    ("échéance 9999", changed("actions", due_date="9999-12-31"), "actions[0].due_date"),
    ("échéance 1899", changed("actions", due_date="1899-12-31"), "actions[0].due_date"),
    ("échéance sans tirets", changed("actions", due_date="20270201"), "actions[0].due_date"),
    ("relance en mots", changed("contacts", follow_up="bientôt"), "contacts[0].follow_up"),
    ("début d'expérience", changed("experiences", start_date="x"), "experiences[0].start_date"),
    ("faite « hier »", changed("actions", done_at="hier"), "actions[0].done_at"),
    ("faite en l'an 1", changed("actions", done_at="0001-01-01T00:00:00+14:00"), "actions[0].done_at"),
    ("activité illisible", info(last_activity_at="garbage"), "profile_info.last_activity_at"),
    ("étape illisible", changed("steps", last_activity_at="garbage"), "steps[0].last_activity_at"),
    ("réponse datée illisible", changed("answers", answered_at="garbage"), "answers[0].answered_at"),
    ("id 2^63-1", changed("actions", id=2**63 - 1), "actions[0].id"),
    ("id 10^30", changed("contacts", id=10**30), "contacts[0].id"),
    ("id 0", changed("experiences", id=0), "experiences[0].id"),
    ("note 10^30", changed("interest_answers", value=10**30), "interest_answers[0].value"),
    ("note hors échelle", changed("interest_answers", value=7), "interest_answers[0].value"),
    ("NUL", changed("actions", text="a\x00b"), "actions[0].text"),
    ("ESC", changed("contacts", notes="\x1b]0;titre\x07\x1b[2J"), "contacts[0].notes"),
    ("C1", changed("experiences", learnt="a\x9bb"), "experiences[0].learnt"),
    ("surrogat", changed("actions", text="\ud800"), "actions[0].text"),
    ("texte géant", changed("actions", text="x" * (limits.MAX_TEXT + 1)), "actions[0].text"),
    ("identifiant géant", changed("answers", step_id="s" * (limits.MAX_IDENTIFIER + 1)), "answers[0].step_id"),
    ("réponse géante", changed("answers", value="x" * (limits.MAX_ANSWER + 1)), "answers[0].value"),
    ("réponse 10^30", changed("answers", value=10**30), "answers[0].value"),
    ("réponse 1e308", changed("answers", value=1e308), "answers[0].value"),
    ("date de question illisible", lambda b: b["answers"][1].update(value="pas une date"), "answers[1].value"),
    ("choix simple en liste", lambda b: b["answers"][0].update(value=["salarie"]), "answers[0].value"),
]

# Valeurs inhabituelles mais sûres : acceptées, puis lues par toutes les commandes.
ACCEPTED = [
    ("bornes de dates", changed("actions", due_date="2199-12-31", done_at="1900-01-01T00:00:00+00:00")),
    ("relance en 1900", changed("contacts", follow_up="1900-01-01")),
    ("id maximal", changed("actions", id=limits.MAX_ID)),
    ("texte à la limite", changed("actions", text="é" * limits.MAX_TEXT)),
    ("multiligne et tabulation", changed("contacts", notes="ligne 1\n\tligne 2")),
    ("bidi et emoji", changed("experiences", organisation="\u202eevil\u202c 🌱")),
    ("date de question lointaine", lambda b: b["answers"][1].update(value="9999-12-31")),
    (
        "nombre maximal",
        lambda b: b["answers"].append(dict(b["answers"][0], question_id="autre", value=limits.MAX_NUMBER)),
    ),
]


def import_text(tmp_path: Path, text: str, guide: Path) -> Any:
    path = tmp_path / "sauvegarde.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return run("import", str(path), "--guide", str(guide))


def assert_every_read_command_works(guide: Path) -> None:
    for command in READ_COMMANDS:
        takes_guide = command[0] not in ("contacts", "experiences")
        result = run(*command, *(["--guide", str(guide)] if takes_guide else []))
        assert result.exit_code == 0, (command, result.output, result.stderr)


def test_the_base_backup_is_accepted_and_readable_everywhere(home: Path, tmp_path: Path, mini_guide_path: Path) -> None:
    result = import_text(tmp_path, json.dumps(base_backup()), mini_guide_path)
    assert result.exit_code == 0, result.stderr
    assert_every_read_command_works(mini_guide_path)


@pytest.mark.parametrize(("name", "change", "path"), REFUSED, ids=[case[0] for case in REFUSED])
def test_hostile_backups_are_refused_with_the_json_path(
    home: Path, tmp_path: Path, mini_guide_path: Path, name: str, change: Callable, path: str
) -> None:
    backup = base_backup()
    change(backup)
    result = import_text(tmp_path, json.dumps(backup, ensure_ascii=True), mini_guide_path)
    assert result.exit_code == 1, (name, result.output, result.stderr)
    assert "refusée" in result.stderr and "rien n'a été modifié" in result.stderr
    assert f"  - {path} : " in result.stderr, result.stderr
    assert "\x1b" not in result.stderr and "\x00" not in result.stderr  # le refus ne rejoue pas la séquence
    assert not (home / "defaut.sqlite3").exists()  # rien n'a été créé ni écrit


@pytest.mark.parametrize(("name", "change"), ACCEPTED, ids=[case[0] for case in ACCEPTED])
def test_accepted_odd_backups_are_readable_by_every_command(
    home: Path, tmp_path: Path, mini_guide_path: Path, name: str, change: Callable
) -> None:
    backup = base_backup()
    change(backup)
    result = import_text(tmp_path, json.dumps(backup), mini_guide_path)
    assert result.exit_code == 0, (name, result.stderr)
    assert_every_read_command_works(mini_guide_path)
    again = run("export", "-f", "json", "-o", "-", "--guide", str(mini_guide_path))
    assert json.loads(again.stdout)["actions"] == backup["actions"]  # ce qui est écrit se relit tel quel
    assert "refusera" not in again.stderr


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("entier de 5 000 chiffres", '"id": ' + "9" * 5000, "beaucoup trop de chiffres"),
        ("entier de 4 000 chiffres", '"id": ' + "9" * 4000, "actions[0].id : numéro de ligne hors limites"),
        ("surrogat dans une clé", '"\\udc80": 1, "id": 1', "actions[0].\\udc80 : colonne inconnue"),
        ("surrogat dans un texte", '"id": 1, "text": "\\ud83d"', "actions[0].text : caractère invalide U+D83D"),
    ],
)
def test_raw_hostile_json_gets_a_clean_french_refusal(
    home: Path, tmp_path: Path, mini_guide_path: Path, name: str, text: str, message: str
) -> None:
    raw = json.dumps(base_backup()).replace('"id": 1, "guide_action_id"', text + ', "guide_action_id"', 1)
    if '"text": ' in text:
        raw = raw.replace('"text": "Appeler la CCI", ', "", 1)
    result = import_text(tmp_path, raw, mini_guide_path)
    assert result.exit_code == 1, (name, result.stderr)  # jamais 70 (« Erreur inattendue »)
    assert message in result.stderr, result.stderr


def test_unknown_key_with_an_escape_sequence_is_shown_harmlessly(
    home: Path, tmp_path: Path, mini_guide_path: Path
) -> None:
    backup = base_backup()
    backup["\x1b[2Jclé"] = 1
    result = import_text(tmp_path, json.dumps(backup), mini_guide_path)
    assert result.exit_code == 1
    assert "\\u001b[2Jclé : clé inconnue" in result.stderr


# --- les mêmes bornes à la saisie ------------------------------------------------------------------


def stored(home: Path, table: str) -> list[tuple[Any, ...]]:
    path = home / "defaut.sqlite3"
    if not path.exists():
        return []
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT * FROM {table}").fetchall()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["actions", "add", "x" * (limits.MAX_TEXT + 1)], "texte trop long"),
        (["actions", "add", "Appeler \x1b[2J la CCI"], "caractère de contrôle U+001B"),
        (["actions", "add", "caf\udce9"], "caractère invalide U+DCE9"),  # octet Latin-1 dans les arguments
        (["actions", "add", "Appeler", "--due", "9999-12-31"], "31 décembre 2199"),
        (["actions", "add", "Appeler", "--due", "+9999s"], "31 décembre 2199"),
        (["contacts", "add", "Awa", "--notes", "secret\x07"], "les notes — caractère de contrôle U+0007"),
        (["contacts", "add", "Awa", "--follow-up", "1850-01-01"], "déjà passé"),  # une relance se fixe dans le futur
        (["experiences", "add", "--kind", "stage", "--org", "X", "--learnt", "y" * 10_001], "texte trop long"),
        (["experiences", "add", "--kind", "stage", "--org", "X", "--end", "2300-01-01"], "--end"),
    ],
)
def test_commands_refuse_what_import_would_refuse(home: Path, args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr, result.stderr
    assert stored(home, "actions") == stored(home, "contacts") == stored(home, "experiences") == []


def test_edits_are_checked_too(home: Path) -> None:
    assert run("actions", "add", "Appeler").exit_code == 0
    assert run("contacts", "add", "Awa").exit_code == 0
    assert run("actions", "edit", "p1", "--text", "a\x00b").exit_code == 2
    assert run("contacts", "edit", "c1", "--notes", "n" * (limits.MAX_TEXT + 1)).exit_code == 2
    assert run("actions", "edit", "p1", "--due", "9999-12-31").exit_code == 2
    assert [row[3] for row in stored(home, "actions")] == ["Appeler"]
    assert [row[5] for row in stored(home, "contacts")] == [""]


def test_the_last_possible_id_is_addressable_and_never_exceeded(
    home: Path, tmp_path: Path, mini_guide_path: Path
) -> None:
    backup = base_backup()
    backup["actions"][0]["id"] = limits.MAX_ID
    assert import_text(tmp_path, json.dumps(backup), mini_guide_path).exit_code == 0
    done = run("actions", "done", f"p{limits.MAX_ID}", "--guide", str(mini_guide_path))
    assert done.exit_code == 0, done.stderr
    full = run("actions", "add", "Encore une", "--guide", str(mini_guide_path))
    assert full.exit_code == 1 and "Plus de numéro libre" in full.stderr  # pas « cannot rollback »
    assert [row[0] for row in stored(home, "actions")] == [limits.MAX_ID]
    assert_every_read_command_works(mini_guide_path)


def test_answers_file_values_follow_the_same_caps(home: Path, tmp_path: Path, mini_guide_path: Path) -> None:
    answers = tmp_path / "reponses.yaml"
    answers.write_text('situation: salarie\nprenom: "Lou\\0"\n', encoding="utf-8")
    result = run("start", "--guide", str(mini_guide_path), "--answers", str(answers))
    assert result.exit_code == 1 and "prenom : caractère de contrôle NUL interdit" in result.stderr
    assert stored(home, "answers") == []


def test_an_answers_file_with_too_many_keys_gets_one_line(home: Path, tmp_path: Path, mini_guide_path: Path) -> None:
    answers = tmp_path / "reponses.yaml"
    answers.write_text("".join(f"k{i}: {i}\n" for i in range(limits.MAX_QUESTIONS + 1)), encoding="utf-8")
    result = run("start", "--guide", str(mini_guide_path), "--answers", str(answers))
    assert result.exit_code == 1
    assert f"{limits.MAX_QUESTIONS + 1} réponses" in result.stderr
    assert len(result.stderr.splitlines()) < 5  # pas une ligne par clé


# --- les bornes elles-mêmes ----------------------------------------------------------------------------


def test_limits_are_those_documented() -> None:
    assert (limits.MIN_YEAR, limits.MAX_YEAR) == (1900, 2199)
    assert limits.MAX_ID == limits.MAX_NUMBER == 2**53 - 1
    assert (limits.MAX_TEXT, limits.MAX_ANSWER, limits.MAX_IDENTIFIER) == (10_000, 65_536, 200)
    assert (limits.MAX_STEPS, limits.MAX_QUESTIONS) == (200, 2_000)
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for figure in ("1900", "2199", "10 000", "64 Kio", "2^53", "200 étapes", "2 000 questions"):
        assert figure in readme, figure


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("ligne\n\tsuite", True),
        ("é🌱\u202e", True),
        ("a\rb", False),
        ("\x7f", False),
        ("\x85", False),
        ("\udfff", False),
    ],
)
def test_text_rules(text: str, ok: bool) -> None:
    assert (limits.text_problem(text) is None) is ok


def test_a_refused_value_is_shown_without_its_control_characters() -> None:
    shown = limits.show("\x1b]8;;https://evil.example\x07lien\u202e", limit=80)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown.startswith("\\u001b]8;;https://evil.example")


def test_backup_validation_does_not_mutate_its_input() -> None:
    backup = base_backup()
    before = copy.deepcopy(backup)
    bk.validate(backup, guide_id="mini", guide_version="1", question_types={"situation": "select"})
    assert backup == before


def test_form_fields_say_the_limits_while_typing() -> None:
    from reconversion.commands.common.form_fields import date_validator, optional_text, required_text

    assert optional_text("") is True and required_text("Awa") is True
    assert required_text("  ") == "une réponse est nécessaire"
    assert "texte trop long" in str(optional_text("x" * (limits.MAX_TEXT + 1)))
    assert "U+001B" in str(required_text("Awa\x1b[8m"))
    assert "31 décembre 2199" in str(date_validator()("31/12/9999"))
