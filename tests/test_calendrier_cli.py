"""Le rétroplanning de bout en bout, avec le guide livré : une personne scriptée, ses dates, ses délais.

« Aujourd'hui » est fixé par RECONVERSION_TODAY ; les réponses passent par `start --answers`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from helpers import answered, ok
from reconversion.adapters.content.guide_files import load as load_guide
from reconversion.adapters.storage.backup_store import restore
from reconversion.adapters.storage.store import MIGRATIONS, SCHEMA_VERSION, Store, _statements
from reconversion.core import backup as bk

TODAY = dt.date(2026, 12, 4)
PERSON = """\
situation: salarie_prive
contrat: cdi
besoin_formation: diplome
parle_employeur: true
ptp_envisage: true
ptp_formation_longue: true
"""


@pytest.fixture(autouse=True)
def fixed_day(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RECONVERSION_TODAY", TODAY.isoformat())
    monkeypatch.setenv("COLUMNS", "200")
    return home


def start_in(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


def dues() -> dict[str, dt.date | None]:
    actions = json.loads(ok("actions", "--json"))["actions"]
    return {a["id"]: dt.date.fromisoformat(a["due"]) if a["due"] else None for a in actions}


def anchored_to(question_id: str) -> set[str]:
    """Les actions du guide datées, directement ou par une chaîne d'actions, depuis `question_id`."""
    actions = {a.id: a for a in load_guide(None).actions}

    def root(action_id: str, seen: tuple[str, ...] = ()) -> str | None:
        due = actions[action_id].due
        if due is None or action_id in seen:
            return None
        return root(due.anchor, (*seen, action_id)) if due.anchor_kind == "action" else due.anchor

    return {action_id for action_id in actions if root(action_id) == question_id}


# --- la personne dont la formation commence dans 300 jours -------------------------------------------------


def test_training_in_300_days_every_anchored_action_falls_before_it(tmp_path: Path) -> None:
    start = start_in(300)
    answered(PERSON + f"date_debut_formation: '{start.isoformat()}'\n")
    found = dues()
    anchored = anchored_to("date_debut_formation") & set(found)
    assert {"ptp_autorisation_absence", "ptp_positionnement", "ptp_dossier", "formation_inscription_cpf",
            "periode_reconversion_opco"} <= anchored  # fmt: skip
    for action_id in anchored:
        assert found[action_id] is not None and found[action_id] < start, action_id
    assert found["ptp_autorisation_absence"] == start - dt.timedelta(days=120)  # R6323-10, formation de 6 mois et plus
    assert found["ptp_positionnement"] == start - dt.timedelta(days=135)
    assert found["ptp_dossier"] == start - dt.timedelta(days=90)
    assert found["periode_reconversion_opco"] == start - dt.timedelta(days=20)
    assert found["formation_inscription_cpf"] == dt.date(2027, 9, 15)  # 11 jours ouvrés avant le jeudi 30 septembre
    status = json.loads(ok("status", "--json"))
    assert status["missed_deadlines"] == []


def test_a_shorter_training_gets_the_60_day_lead_time(tmp_path: Path) -> None:
    start = start_in(300)
    answered(PERSON.replace("ptp_formation_longue: true", "ptp_formation_longue: false")
           + f"date_debut_formation: '{start.isoformat()}'\n")  # fmt: skip
    found = dues()
    assert not {"ptp_autorisation_absence", "ptp_positionnement", "ptp_dossier"} & set(found)
    assert found["ptp_autorisation_absence_courte"] == start - dt.timedelta(days=60)
    assert found["ptp_positionnement_courte"] == start - dt.timedelta(days=75)  # deux semaines avant la demande
    assert found["ptp_dossier_courte"] == start - dt.timedelta(days=30)  # après les 30 jours de réponse
    assert found["ptp_positionnement_courte"] < found["ptp_autorisation_absence_courte"] < found["ptp_dossier_courte"]


def test_a_short_training_three_months_away_has_no_false_impossible_deadline(tmp_path: Path) -> None:
    """Le cas de la revue : formation courte le 1er mars 2027, vue le 4 décembre 2026 (87 jours avant).

    Ancrés sur la demande à 120 jours (cachée), le positionnement tombait en octobre (« impossible »)
    et le dossier avant la demande d'absence qu'il doit suivre.
    """
    start = dt.date(2027, 3, 1)
    answered(PERSON.replace("ptp_formation_longue: true", "ptp_formation_longue: false")
           + f"date_debut_formation: '{start.isoformat()}'\n")  # fmt: skip
    found = dues()
    assert found["ptp_autorisation_absence_courte"] == dt.date(2026, 12, 31)
    assert found["ptp_positionnement_courte"] == dt.date(2026, 12, 16)
    assert found["ptp_dossier_courte"] == dt.date(2027, 1, 30)
    status = json.loads(ok("status", "--json"))
    assert status["missed_deadlines"] == []
    assert status["overdue_actions"] == []


def test_the_long_branch_keeps_its_120_day_chain(tmp_path: Path) -> None:
    start = start_in(300)
    answered(PERSON + f"date_debut_formation: '{start.isoformat()}'\n")
    found = dues()
    assert not {"ptp_autorisation_absence_courte", "ptp_positionnement_courte", "ptp_dossier_courte"} & set(found)
    assert found["ptp_positionnement"] < found["ptp_autorisation_absence"] < found["ptp_dossier"] < start


def test_when_the_training_date_changes_the_deadlines_move_but_not_the_one_set_by_hand(tmp_path: Path) -> None:
    answered(PERSON + f"date_debut_formation: '{start_in(300).isoformat()}'\n")
    ok("actions", "edit", "ptp_autorisation_absence", "--due", "2027-03-01")
    ok("actions", "done", "formation_inscription_cpf")
    ok("actions", "done", "formation_inscription_cpf", "--undo")  # cocher puis décocher ne fige rien
    ok("actions", "edit", "periode_reconversion_opco", "--text", "Relancer la DRH pour le dossier OPCO")
    later = start_in(400)
    answered(f"date_debut_formation: '{later.isoformat()}'\n")
    found = dues()
    assert found["ptp_autorisation_absence"] == dt.date(2027, 3, 1)  # fixée à la main : elle reste
    listed = {a["id"]: a for a in json.loads(ok("actions", "--json"))["actions"]}
    assert listed["ptp_autorisation_absence"]["due_by_hand"] and not listed["periode_reconversion_opco"]["due_by_hand"]
    assert found["ptp_positionnement"] == dt.date(2027, 2, 14)  # dépend de la date choisie à la main
    assert found["periode_reconversion_opco"] == later - dt.timedelta(days=20)
    assert found["formation_inscription_cpf"] is not None and found["formation_inscription_cpf"] > start_in(300)
    listed = json.loads(ok("actions", "--json"))["actions"]
    assert any(a["text"] == "Relancer la DRH pour le dossier OPCO" for a in listed)


# --- les délais impossibles ----------------------------------------------------------------------------


def test_training_in_60_days_the_ptp_request_is_said_impossible_with_the_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = start_in(60)
    answered(PERSON + f"date_debut_formation: '{start.isoformat()}'\n")
    status = json.loads(ok("status", "--json"))
    [missed] = status["missed_deadlines"]
    assert missed["id"] == "ptp_autorisation_absence"
    assert missed["due"] == (start - dt.timedelta(days=120)).isoformat()
    assert missed["rule"].startswith("120 jours avant le 2 février 2027")
    for option in ("décaler ton entrée en formation", "plus courte ou à temps partiel", "autre financement"):
        assert option in missed["advice"]
    assert "ptp_autorisation_absence" not in [a["id"] for a in status["overdue_actions"]]
    text = ok("status")
    assert "Délai impossible à tenir" in text and "il fallait le faire au plus tard le 5 octobre 2026" in text
    calendar = ok("calendrier")
    assert calendar.index("Délai impossible à tenir") < calendar.index("En retard") < calendar.index("Décembre 2026")
    plan = ok("export", "-o", "-")
    section = plan.split("## Calendrier", 1)[1].split("\n## ", 1)[0]
    assert "### Délais impossibles à tenir" in section and "ce délai ne peut plus être tenu" in section
    assert "délai impossible à tenir, voir «\u00a0Calendrier\u00a0»" in plan.split("## Étape 3", 1)[1]
    listed = {a["id"]: a for a in json.loads(ok("actions", "--json"))["actions"]}
    assert listed["ptp_autorisation_absence"]["missed"] and not listed["ptp_positionnement"]["missed"]
    assert "délai impossible à tenir (détails et solutions : reconversion calendrier)" in ok("actions")
    ics = ok("export", "--format", "ics", "-o", "-").replace("\r\n", "\n").replace("\n ", "").replace("\\,", ",")
    [event] = [e for e in ics.split("BEGIN:VEVENT") if "UID:action-ptp_autorisation_absence.defaut" in e]
    assert "Délai impossible à tenir : Le délai de 120\u00a0jours ne peut plus être tenu" in event
    # C3 : lancé comme le README l'installe, chaque commande conseillée est celle à retaper
    from reconversion.adapters.screen import relaunch

    monkeypatch.setattr(relaunch, "program", lambda: ".venv/bin/reconversion")
    assert "(détails et solutions : .venv/bin/reconversion calendrier)" in ok("actions")


def test_the_step_recap_says_an_impossible_deadline_out_loud(tmp_path: Path) -> None:
    from io import StringIO

    from rich.console import Console

    from reconversion.adapters.screen.wizard_screen import Screen

    guide = load_guide(None)
    answers = {"situation": "salarie_prive", "contrat": "cdi", "ptp_envisage": True,
               "date_debut_formation": start_in(60).isoformat()}  # fmt: skip
    out = StringIO()
    screen = Screen(Console(file=out, width=200, color_system=None), today=TODAY)
    step = guide.step("formation")
    assert step is not None
    screen.step_recap(guide, step, answers)
    text = " ".join(out.getvalue().split())
    assert "(avant le 5 octobre 2026 — date passée)" in text  # les mêmes mots que status et le plan (C4)
    assert "⚠ Délai impossible à tenir : Envoyer ta demande d'autorisation d'absence" in text
    assert "Tu peux décaler ton entrée en formation" in text
    assert text.count("Délai impossible à tenir") == 1  # le positionnement, qui en dépend, n'est pas répété


def test_training_in_20_days_its_preparations_say_their_lead_time_is_missed(tmp_path: Path) -> None:
    """Formation dans 20 jours : ce qui la prépare n'est pas « pour aujourd'hui » en silence ; partout
    où le plan paraît, le délai manqué est dit, une fois pour la date, avec quoi faire (mots du guide)."""
    from helpers import run_program

    start = start_in(20)
    answered(PERSON + f"date_debut_formation: '{start.isoformat()}'\n")
    group = "Préparer ta date «\u00a0Début de formation souhaité\u00a0» du 24 décembre 2026"
    advice = "fais-les dès aujourd'hui"
    status = json.loads(ok("status", "--json"))
    [legal, squeezed] = status["missed_deadlines"]
    assert legal["id"] == "ptp_autorisation_absence" and squeezed["id"] == "date_debut_formation"
    assert squeezed["squeezed"] and not legal["squeezed"]
    assert squeezed["text"].startswith(group) and advice in squeezed["advice"]
    assert squeezed["due"] == (TODAY - dt.timedelta(days=14)).isoformat()
    marked = {a["id"]: a["missed"] for a in status["next_actions"]}
    assert marked["formation_comparer"] and not marked["periode_reconversion_opco"]  # dû ce jour, encore possible
    flat = " ".join(group.split())  # le terminal garde les espaces insécables ; split() les compte comme blancs
    text = " ".join(ok("status").split())
    assert f"⚠ {flat}" in text and "décale cette date" in text
    assert "date_debut_formation" not in text  # pas d'identifiant à cocher : ce n'est pas une action
    assert "(avant le 4 décembre 2026 — délai impossible à tenir)" in text
    calendar = " ".join(ok("calendrier").split())
    assert f"⚠ Délai impossible à tenir : {flat}" in calendar
    assert [m["squeezed"] for m in json.loads(ok("calendrier", "--json"))["missed"]] == [False, True]
    assert "4 décembre — ⚠ Comparer au moins trois formations" in calendar
    listed = " ".join(ok("actions").split())
    assert (
        "formation_comparer Comparer au moins trois formations pour ton métier cible (contenu, durée, taux de "
        "réussite, prix) — aujourd'hui : délai impossible à tenir" in listed
    )
    plan = ok("export", "-o", "-")
    dates = plan.split("**Tes dates clés**", 1)[1].split("\n\n", 1)[0]
    assert "⚠ **20 novembre 2026\u00a0: délai dépassé.** Préparer ta date" in dates
    section = plan.split("## Calendrier", 1)[1].split("\n## ", 1)[0]
    assert f"- ⚠ **{group}" in section and "- 4 décembre — ⚠ Comparer au moins trois formations" in section
    step = plan.split("## Étape 3", 1)[1].split("\n## ", 1)[0]
    assert (
        "Comparer au moins trois formations pour ton métier cible (contenu, durée, taux de réussite, prix) "
        "(à faire avant le 4 décembre 2026 — délai impossible à tenir" in step
    )
    ics = ok("export", "--format", "ics", "-o", "-").replace("\r\n", "\n").replace("\n ", "").replace("\\,", ",")
    [event] = [e for e in ics.split("BEGIN:VEVENT") if "UID:action-formation_comparer.defaut" in e]
    assert "Délai impossible à tenir : Ces actions n'ont plus la marge prévue" in event
    # le vrai programme, dans un terminal étroit : la même phrase, coupée mais entière
    shown = run_program("status", env={"COLUMNS": "60", "RECONVERSION_TODAY": TODAY.isoformat()})
    assert shown.returncode == 0, shown.stderr
    assert flat in " ".join(shown.stdout.split()) and "Traceback" not in shown.stderr


def test_the_step_recap_says_the_missed_preparation_once() -> None:
    from io import StringIO

    from rich.console import Console

    from reconversion.adapters.screen.wizard_screen import Screen

    guide = load_guide(None)
    answers = {**__import__("yaml").safe_load(PERSON), "date_debut_formation": start_in(20).isoformat()}
    out = StringIO()
    screen = Screen(Console(file=out, width=200, color_system=None), today=TODAY)
    step = guide.step("formation")
    assert step is not None
    screen.step_recap(guide, step, answers)
    text = " ".join(out.getvalue().split())
    assert text.count("⚠ Délai impossible à tenir : Préparer ta date « Début de formation souhaité") == 1
    assert "fais-les dès aujourd'hui" in text


# --- le calendrier, le plan, l'agenda ------------------------------------------------------------------------


def test_calendrier_json_goes_from_today_to_the_target_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start = start_in(300)
    answered(PERSON + f"date_debut_formation: '{start.isoformat()}'\ndate_cible: '2028-03-01'\n")
    today = os.environ["RECONVERSION_TODAY"]
    monkeypatch.setenv("RECONVERSION_TODAY", "2026-11-01")  # une échéance fixée quand elle était encore à venir
    ok("actions", "add", "Appeler l'IFSI", "--due", "2026-11-20")
    monkeypatch.setenv("RECONVERSION_TODAY", today)
    ok("contacts", "add", "Awa Diallo", "--organisation", "IFSI", "--follow-up", "2027-01-05")
    data = json.loads(ok("calendrier", "--json"))
    assert data["today"] == "2026-12-04" and data["target"] == "2028-03-01"
    assert [m["month"] for m in data["months"]][:2] == ["2026-12", "2027-01"]
    assert data["months"][-1]["month"] == "2028-03"
    assert [e["id"] for e in data["overdue"]] == ["p1"]
    january = next(m for m in data["months"] if m["month"] == "2027-01")
    assert [(e["date"], e["kind"], e["text"]) for e in january["entries"] if e["id"] == "c1"] == [
        ("2027-01-05", "follow_up", "Awa Diallo (IFSI)")
    ]
    september = next(m for m in data["months"] if m["month"] == "2027-09")
    assert any(e["id"] == "date_debut_formation" and e["kind"] == "date" for e in september["entries"])
    every = [e["date"] for m in data["months"] for e in m["entries"]]
    assert every == sorted(every)
    assert json.loads(ok("plan", "--json")) == data  # l'alias donne la même chose
    text = ok("calendrier")
    assert "5 janvier — ☎ Relancer Awa Diallo (IFSI)" in text  # la sorte se lit à sa marque, jamais en mots
    assert "follow_up" not in text
    assert "date_debut_formation" not in text and "date_cible" not in text  # tes dates : pas d'identifiant à lire


def test_the_ics_and_the_markdown_calendar_follow_the_same_dates(tmp_path: Path) -> None:
    start = start_in(300)
    answered(PERSON + f"date_debut_formation: '{start.isoformat()}'\n")
    request = (start - dt.timedelta(days=120)).strftime("%Y%m%d")
    ics = ok("export", "--format", "ics", "-o", "-")
    [event] = [e for e in ics.split("BEGIN:VEVENT") if "UID:action-ptp_autorisation_absence.defaut" in e]
    assert f"DTSTART;VALUE=DATE:{request}" in event
    plan = ok("export", "-o", "-")
    section = plan.split("## Calendrier", 1)[1].split("\n## ", 1)[0]
    assert "### Juin 2027" in section
    assert "- 2 juin — ☐ Envoyer ta demande d'autorisation d'absence" in section
    september = section.split("### Septembre 2027", 1)[1]
    last = september.rstrip().splitlines()[-1]
    assert last == "- 30 septembre — ★ Ta date\u00a0: Début de formation souhaité"  # le titre court de la question


def test_calendrier_on_an_empty_profile_says_what_to_do() -> None:
    text = ok("calendrier")
    assert "Rien de daté pour l'instant" in text and "reconversion start" in text


# --- le carnet : migration et sauvegardes ---------------------------------------------------------------------


def test_schema_3_rows_keep_their_date_after_the_migration(tmp_path: Path, home: Path) -> None:
    home.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = home / "defaut.sqlite3"
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:3]:
        for statement in _statements(script):
            db.execute(statement)
    db.execute(
        "INSERT INTO actions (guide_action_id, step_id, text, due_date, created_at, updated_at) VALUES "
        "('ptp_autorisation_absence', 'formation', 'Demande', '2027-01-15', '2026-12-01T00:00:00+00:00', "
        "'2026-12-01T00:00:00+00:00')"
    )
    db.execute("PRAGMA user_version = 3")
    db.commit()
    db.close()
    path.chmod(0o600)
    store = Store.open(home, "defaut")
    assert store is not None
    try:
        assert store.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        assert store.connection.execute("SELECT due_by_hand FROM actions").fetchall() == [(1,)]
    finally:
        store.close()


def test_a_format_1_backup_is_still_restored(home: Path) -> None:
    data: dict[str, Any] = {"profile_info": {}, **{t: [] for t in bk.TABLES}}
    data["actions"] = [
        {"id": 1, "guide_action_id": "ptp_dossier", "step_id": "formation", "text": "Dossier", "due_date": "2027-02-01",
         "done_at": None, "removed": False, "created_at": "2026-12-01T00:00:00+00:00",
         "updated_at": "2026-12-01T00:00:00+00:00"},
    ]  # fmt: skip
    old = bk.build_backup(data, guide_id="g", guide_version="1", profile="defaut", exported_at="x", tool_version="0")
    old["format_version"] = 1
    for row in old["actions"]:
        del row["due_by_hand"]
    assert bk.validate(old, guide_id="g", guide_version="1").ok
    newer = {**old, "format_version": 2}
    assert not bk.validate(newer, guide_id="g", guide_version="1").ok  # au format 2, la colonne est due
    store = Store.open(home, "defaut")
    assert store is not None
    try:
        restore(store, old, replace=False)
        assert store.connection.execute("SELECT due_by_hand, due_date FROM actions").fetchall() == [(1, "2027-02-01")]
    finally:
        store.close()
