"""Le cœur du suivi (pur) : fusion des actions du guide et du carnet, tri, résumé pour `status`, Markdown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reconversion.core import followup
from reconversion.core.guide_loader import load_guide
from reconversion.errors import AnswerError

TODAY = dt.date(2027, 3, 10)
BASE = dt.date(2027, 3, 1)


def row(row_id: int, text: str, due: str | None = None, **extra) -> dict:
    base = {"id": row_id, "guide_action_id": None, "step_id": None, "text": text, "due_date": due, "done_at": None}
    return {**base, "removed": 0, **extra}


@pytest.fixture
def guide(mini_guide_path: Path):
    return load_guide(mini_guide_path)


def ids(items) -> list[str]:
    return [item.id for item in items]


def test_grouped_by_step_then_overdue_then_date_then_undated_then_done(guide) -> None:
    rows = [
        row(1, "sans étape, sans date"),
        row(2, "s2 plus tard", "2027-04-01", step_id="s2"),
        row(3, "s2 en retard", "2027-03-09", step_id="s2"),
        row(4, "s2 sans date", step_id="s2"),
        row(5, "s2 faite", "2027-01-01", step_id="s2", done_at="2027-03-02T08:00:00+00:00"),
        row(6, "s2 aujourd'hui", "2027-03-10", step_id="s2"),
        row(7, "sans étape, datée", "2027-05-01"),
        row(8, "étape disparue", "2027-03-01", step_id="ancienne"),
    ]
    items = followup.action_items(guide, {"situation": "salarie"}, rows, base_day=BASE, today=TODAY)
    assert ids(items) == ["a1", "a2", "p3", "p6", "p2", "p4", "p5", "p8", "p7", "p1"]
    statuses = {item.id: item.status for item in items}
    assert statuses["p3"] == "overdue" and statuses["p6"] == "today" and statuses["p5"] == "done"
    titles = [title for _step, title, _members in followup.groups(items, guide)]
    assert titles == ["1. Première étape", "2. Deuxième étape", "Étape « ancienne »", "Autres actions"]


def test_guide_action_default_due_comes_from_the_base_day(guide) -> None:
    items = followup.action_items(guide, {"situation": "salarie"}, [], base_day=BASE, today=TODAY)
    a1, a2 = items
    assert (a1.id, a1.due, a1.status, a1.source) == ("a1", dt.date(2027, 3, 11), "todo", "guide")
    assert (a2.id, a2.due) == ("a2", None)  # pas de due_in_days : pas d'échéance


def test_no_guide_action_before_the_first_answer(guide) -> None:
    assert ids(followup.action_items(guide, {}, [row(1, "perso")], base_day=BASE, today=TODAY)) == ["p1"]


def test_stored_guide_rows_override_hide_or_keep_history(guide) -> None:
    edited = row(1, "Texte changé", "2027-03-05", guide_action_id="a1", step_id="s1")
    done_but_no_longer_applies = row(
        2, "Parler", guide_action_id="a2", step_id="s1", done_at="2027-03-01T00:00:00+00:00"
    )
    items = followup.action_items(
        guide, {"situation": "autre"}, [edited, done_but_no_longer_applies], base_day=BASE, today=TODAY
    )
    assert [(i.id, i.text, i.status) for i in items] == [("a1", "Texte changé", "overdue"), ("a2", "Parler", "done")]

    pending_no_longer_applies = row(2, "Parler", guide_action_id="a2", step_id="s1")
    removed = row(1, "x", guide_action_id="a1", step_id="s1", removed=1)
    items = followup.action_items(
        guide, {"situation": "autre"}, [removed, pending_no_longer_applies], base_day=BASE, today=TODAY
    )
    assert items == []


def test_row_of_an_action_the_guide_no_longer_has_stays_visible(guide) -> None:
    gone = row(3, "Action d'un ancien guide", "2027-03-20", guide_action_id="disparue", step_id="s2")
    items = followup.action_items(guide, {"situation": "autre"}, [gone], base_day=BASE, today=TODAY)
    assert ("disparue", "guide") in [(i.id, i.source) for i in items]


def test_find_action_and_row_ids() -> None:
    item = followup.ActionItem(id="p12", source="own", step_id=None, text="x", due=None, done_at=None, status="todo")
    assert followup.find_action([item], " P12 ") is item
    assert followup.find_action([item], "p1") is None
    assert followup.parse_row_id("p12", "p") == 12
    assert followup.parse_row_id("12", "p") is None  # une action personnelle s'écrit toujours p12
    assert followup.parse_row_id("12", "c") == 12 and followup.parse_row_id("C3", "c") == 3
    assert followup.parse_row_id("e3", "c") is None and followup.parse_row_id("zz", "e") is None


# --- résumé pour status : bornes -----------------------------------------------------------------------


def test_followup_summary_boundaries() -> None:
    def action(identifier: str, due: dt.date | None, done: bool = False):
        status = followup.action_status(due, "x" if done else None, TODAY)
        return followup.ActionItem(
            id=identifier,
            source="own",
            step_id=None,
            text=identifier,
            due=due,
            done_at="x" if done else None,
            status=status,
        )

    day = dt.timedelta(days=1)
    items = [
        action("hier", TODAY - day),
        action("aujourdhui", TODAY),
        action("faite", TODAY - 5 * day, done=True),
        action("avant-hier", TODAY - 2 * day),
        action("sans", None),
    ]
    contacts = [
        {"id": 1, "name": "Hier", "follow_up": (TODAY - day).isoformat()},
        {"id": 2, "name": "Aujourd'hui", "follow_up": TODAY.isoformat()},
        {"id": 3, "name": "Plus 7", "follow_up": (TODAY + 7 * day).isoformat()},
        {"id": 4, "name": "Plus 8", "follow_up": (TODAY + 8 * day).isoformat()},
        {"id": 5, "name": "Sans", "follow_up": None},
    ]
    summary = followup.followup_summary(items, contacts, TODAY)
    assert [(a["id"], a["days_late"]) for a in summary["overdue_actions"]] == [("avant-hier", 2), ("hier", 1)]
    assert [(f["name"], f["late"]) for f in summary["followups_due"]] == [
        ("Hier", True),
        ("Aujourd'hui", False),
        ("Plus 7", False),
    ]
    assert summary["followups_due"][1]["label"] == "aujourd'hui"


# --- expériences ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("stage", "stage"),
        ("Immersion", "immersion"),
        ("PMSMP", "immersion"),
        ("immersion PMSMP", "immersion"),
        ("Bénévolat", "benevolat"),
        ("BENEVOLAT", "benevolat"),
        ("projet personnel", "projet"),
        ("Projet  Personnel", "projet"),
        ("mission", "mission"),
        ("Emploi", "emploi"),
    ],
)
def test_parse_kind(text: str, key: str) -> None:
    assert followup.parse_kind(text) == key


def test_parse_kind_refuses_with_the_choices() -> None:
    with pytest.raises(AnswerError) as caught:
        followup.parse_kind("vacances")
    assert "choix : stage, immersion, benevolat, projet, mission, emploi" in caught.value.message


def test_period_text() -> None:
    assert followup.period_text("2027-01-01", "2027-01-20") == "du 1er janvier 2027 au 20 janvier 2027"
    assert followup.period_text("2027-01-01", "2027-01-01") == "le 1er janvier 2027"
    assert followup.period_text("2027-01-01", None) == "depuis le 1er janvier 2027"
    assert followup.period_text(None, "2027-01-20") == "jusqu'au 20 janvier 2027"
    assert followup.period_text(None, None) == ""


# --- Markdown : le texte tapé reste du texte ------------------------------------------------------------------

HOSTILE = "[clic](javascript:alert(1)) <script>x</script> **gras**"


def _inline_kinds(markdown: str) -> set[str]:
    kinds: set[str] = set()
    for token in MarkdownIt("commonmark").parse(markdown):
        kinds.add(token.type)
        for child in token.children or []:
            kinds.add(child.type)
    return kinds


def test_experiences_markdown_escapes_person_text() -> None:
    rows = [
        {
            "id": 1,
            "kind": "immersion",
            "organisation": HOSTILE,
            "start_date": "2027-01-10",
            "end_date": "2027-01-20",
            "learnt": "# pas un titre\n- pas une liste\nTroisième ligne",
        },
        {
            "id": 2,
            "kind": "benevolat",
            "organisation": "Restos du cœur",
            "start_date": None,
            "end_date": None,
            "learnt": "",
        },
    ]
    text = followup.experiences_markdown(rows)
    assert text.startswith("- **Immersion professionnelle (PMSMP)** — ")
    assert "(du 10 janvier 2027 au 20 janvier 2027)" in text
    kinds = _inline_kinds(text)
    assert "link_open" not in kinds and "html_inline" not in kinds and "html_block" not in kinds
    html = MarkdownIt("commonmark").render(text)
    assert "<h1>" not in html and "<h2>" not in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Troisième ligne" in html
    assert followup.experiences_markdown([]) == ""


def test_contacts_markdown_escapes_and_lists_details() -> None:
    rows = [
        {"id": 2, "name": "Zoé", "organisation": "", "role": "", "met_how": "", "notes": "", "follow_up": None},
        {
            "id": 1,
            "name": HOSTILE,
            "organisation": "CCI",
            "role": "Conseillère",
            "met_how": "Salon <b>",
            "notes": "Ligne 1\n1. pas une liste",
            "follow_up": "2027-04-01",
        },
    ]
    text = followup.contacts_markdown(rows)
    html = MarkdownIt("commonmark").render(text)
    assert "<a " not in html and "<script>" not in html and "<b>" not in html and "<ol>" not in html
    assert "Conseillère, CCI" in html and "Prochaine relance : 1er avril 2027" in html
    assert text.index("clic") < text.index("Zoé")  # ordre alphabétique (« [ » avant « Z »)
    assert followup.contacts_markdown([]) == ""


def test_contact_fields_follow_one_rule_and_only_given_ones_change() -> None:
    from reconversion.core.followup import contact_changes

    assert contact_changes(name="  Awa\u00a0 Diallo ", organisation="CHU  de\nNantes", notes="  à rappeler\n") == {
        "name": "Awa Diallo",
        "organisation": "CHU de Nantes",
        "notes": "à rappeler",
    }
    assert contact_changes() == {}
    assert contact_changes(role="", met_how=" ") == {"role": "", "met_how": ""}  # vider un champ reste possible
