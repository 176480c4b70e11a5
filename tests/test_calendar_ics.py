"""L'agenda .ics (RFC 5545) des échéances : relu avec la bibliothèque icalendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

from helpers import run
from reconversion.core.calendar_ics import PRODID, build_calendar, calendar_entries
from reconversion.core.followup import action_items
from reconversion.core.guide_loader import load_guide

TODAY = dt.date(2027, 3, 10)
NOW = dt.datetime(2027, 3, 10, 12, 0, tzinfo=dt.timezone.utc)


def _row(row_id: int, text: str, due: str | None, *, done: bool = False, step: str | None = None) -> dict:
    return {
        "id": row_id,
        "guide_action_id": None,
        "step_id": step,
        "text": text,
        "due_date": due,
        "done_at": "2027-03-01T10:00:00+00:00" if done else None,
        "removed": 0,
    }


CONTACTS = [
    {
        "id": 1,
        "name": "Hélène Müller",
        "organisation": "Pâtisserie « L'Éclair »",
        "role": "Cheffe",
        "follow_up": "2027-03-12",
        "notes": "Secret : ne pas noter dans l'agenda",
    },
    {"id": 2, "name": "Sans relance", "organisation": "", "role": "", "follow_up": None, "notes": ""},
]


@pytest.fixture
def calendar(mini_guide_path: Path) -> Calendar:
    guide = load_guide(mini_guide_path)
    rows = [
        _row(1, "Préparer l'entretien avec la conseillère, côté « projet »", "2027-03-20", step="s1"),
        _row(2, "Sans date", None),
        _row(3, "Déjà faite", "2027-03-05", done=True),
        _row(4, "En retard", "2027-03-01"),
    ]
    items = action_items(guide, {"situation": "autre"}, rows, base_day=dt.date(2027, 3, 1), today=TODAY)
    entries = calendar_entries(items, CONTACTS, guide, profile="defaut")
    text = build_calendar(entries, now=NOW, name="Reconversion — défaut")
    return Calendar.from_ical(text)


def _events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def test_calendar_header(calendar: Calendar) -> None:
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["X-WR-CALNAME"]) == "Reconversion — défaut"


def test_only_dated_pending_actions_and_followups_become_all_day_events(calendar: Calendar) -> None:
    events = _events(calendar)
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summaries == [
        "En retard",
        "Faire un premier pas",  # action a1 du guide : base_day + 10 jours
        "Relancer Hélène Müller (Pâtisserie « L'Éclair »)",
        "Préparer l'entretien avec la conseillère, côté « projet »",
    ]
    days = [e.decoded("DTSTART") for e in events]
    assert days == [dt.date(2027, 3, 1), dt.date(2027, 3, 11), dt.date(2027, 3, 12), dt.date(2027, 3, 20)]
    for event in events:
        start = event.decoded("DTSTART")
        assert type(start) is dt.date  # journée entière (VALUE=DATE), pas une heure
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP") == NOW
        assert str(event["TRANSP"]) == "TRANSPARENT"


def test_uids_are_stable_and_unique(calendar: Calendar) -> None:
    uids = [str(e["UID"]) for e in _events(calendar)]
    assert uids == [
        "action-p4.defaut@reconversion.local",
        "action-a1.defaut@reconversion.local",
        "contact-c1.defaut@reconversion.local",
        "action-p1.defaut@reconversion.local",
    ]


def test_contact_notes_stay_out_of_the_calendar(calendar: Calendar) -> None:
    assert "Secret" not in calendar.to_ical().decode("utf-8")
    relance = _events(calendar)[2]
    assert "Cheffe, Pâtisserie « L'Éclair »" in str(relance["DESCRIPTION"])
    assert "reconversion contacts edit c1" in str(relance["DESCRIPTION"])


def test_raw_text_follows_rfc_5545_lines(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    items = action_items(guide, {}, [_row(1, "É" * 120, "2027-03-20")], base_day=TODAY, today=TODAY)
    text = build_calendar(calendar_entries(items, [], guide, profile="perso"), now=NOW, name="x")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))  # lignes repliées à 75 octets
    assert str(_events(Calendar.from_ical(text))[0]["SUMMARY"]) == "É" * 120
    assert "--profile perso" in text.replace("\r\n ", "")


def test_same_input_same_file(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    items = action_items(guide, {}, [_row(1, "Une", "2027-03-20")], base_day=TODAY, today=TODAY)
    entries = calendar_entries(items, CONTACTS, guide, profile="defaut")
    assert build_calendar(entries, now=NOW, name="x") == build_calendar(entries, now=NOW, name="x")


# --- par la commande `reconversion export --format ics` -------------------------------------------------


def _ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_export_ics_command_writes_a_private_calendar(
    home: Path, mini_guide_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-10")
    guide = ("--guide", str(mini_guide_path))
    _ok("actions", "add", "Appeler l'école d'ébénisterie", "--due", "+1s", *guide)
    _ok("actions", "add", "Pas de date", *guide)
    _ok("contacts", "add", "Zoé Lefèvre", "--follow-up", "15/03/2027")
    target = tmp_path / "agenda.ics"
    out = _ok("export", "--format", "ics", "-o", str(target), *guide)
    assert f"Ton agenda est prêt : {target}" in out
    assert target.stat().st_mode & 0o777 == 0o600
    calendar = Calendar.from_ical(target.read_bytes())
    events = _events(calendar)
    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events] == [
        ("Relancer Zoé Lefèvre", dt.date(2027, 3, 15)),
        ("Appeler l'école d'ébénisterie", dt.date(2027, 3, 17)),
    ]
    assert {e.decoded("DTSTAMP") for e in events} == {dt.datetime(2027, 3, 10, 12, 0, tzinfo=dt.timezone.utc)}
    # même jour, même fichier : rien ne change d'un export à l'autre
    again = _ok("export", "--format", "ics", "-o", "-", *guide)
    assert again.replace("\r\n", "\n") == target.read_text(encoding="utf-8").replace("\r\n", "\n")
    refused = run("export", "--format", "ics", "-o", str(target), *guide)
    assert refused.exit_code == 1 and "existe déjà" in refused.stderr


def test_export_ics_without_any_date_is_refused_clearly(home: Path, mini_guide_path: Path) -> None:
    guide = ("--guide", str(mini_guide_path))
    missing = run("export", "--format", "ics", "-o", "-", *guide)
    assert missing.exit_code == 1 and "n'existe pas encore" in missing.stderr
    _ok("actions", "add", "Pas de date", *guide)
    empty = run("export", "--format", "ics", "-o", "-", *guide)
    assert empty.exit_code == 1
    assert "Aucune échéance à mettre dans un agenda" in empty.stderr
    assert "Traceback" not in empty.output
