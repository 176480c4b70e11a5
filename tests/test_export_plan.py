"""Le plan Markdown : structure (lue avec markdown-it-py), texte inerte, échéances, commande `export`."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from helpers import answered, plain_spaces, plan_markdown, run, took_interest_test, write
from reconversion.adapters.content import guide_files, metiers_files
from reconversion.core import engine
from reconversion.core.followup import action_items, step_start_days
from reconversion.core.guide_loader import load_guide
from reconversion.core.markdown_text import escape_block, escape_inline, link, safe_url
from reconversion.core.plan_data import PlanLookups
from reconversion.core.plan_markdown import PROGRESS_TITLE, french_spaces
from reconversion.core.plan_synthesis import SYNTHESIS_TITLE

TODAY = dt.date(2027, 3, 1)
INJECTIONS = [
    "<script>alert(1)</script>",
    "[clic](javascript:alert(1))",
    "![x](https://pistage.example/pixel.png)",
    "# titre",
    "- [ ] x",
    "`code` et ```bloc```",
    "| a | b |",
    "*gras* et _italique_ et **fort**",
    "1. liste",
    "> citation",
    "<https://autolien.example>",
    "https://nu.example et www.nu.fr",
    "&lt;b&gt; &amp; &#60;",
    "[ref]: https://ref.example",
    "~~barré~~ et $x^2$",
    "===",
    "---",
    "    code indenté",
    "fin\\",
]


def plan_text(*args: Any, **kwargs: Any) -> str:
    """Le plan, espaces insécables remplacées (les phrases cherchées ici s'écrivent avec des espaces simples)."""
    return plain_spaces(plan_markdown(*args, **kwargs))


def md() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def flat(tokens: list) -> list:
    """Tous les jetons, enfants des jetons `inline` compris."""
    result = []
    for token in tokens:
        result.append(token)
        result.extend(token.children or [])
    return result


def headings(tokens: list, tag: str) -> list[str]:
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == tag]


def task_items(tokens: list) -> list[str]:
    """Le texte (brut) des éléments de liste à puces qui commencent par une case « [ ] » ou « [x] »."""
    items = []
    for i, token in enumerate(tokens):
        if token.type == "list_item_open" and token.markup in "-*+":
            inline = next(t for t in tokens[i:] if t.type == "inline")
            if inline.content[:4] in ("[ ] ", "[x] "):
                items.append(inline.content)
    return items


# --- échappement -----------------------------------------------------------------------------


@pytest.mark.parametrize("payload", INJECTIONS)
def test_escaped_text_renders_as_exactly_the_same_plain_text(payload: str) -> None:
    tokens = md().parse(escape_inline(payload))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children
    assert {c.type for c in children} == {"text"}
    assert "".join(c.content for c in children) == " ".join(payload.split())


def test_escaped_block_keeps_lines_and_stays_inert() -> None:
    text = "\n".join(INJECTIONS)
    source = "- **Question**\\\n  " + escape_block(text, indent="  ")
    tokens = md().parse(source)
    kinds = {t.type for t in flat(tokens)}
    assert kinds <= {
        "bullet_list_open",
        "bullet_list_close",
        "list_item_open",
        "list_item_close",
        "paragraph_open",
        "paragraph_close",
        "inline",
        "strong_open",
        "strong_close",
        "text",
        "hardbreak",
    }
    inline = next(t for t in tokens if t.type == "inline")
    lines = "".join({"text": c.content, "hardbreak": "\n"}.get(c.type, "") for c in inline.children).split("\n")
    assert lines[1:] == [" ".join(p.split()) for p in INJECTIONS]


def test_ordinary_text_is_left_readable() -> None:
    assert escape_inline("Version 2026.1, 3 ans (CDI) : « oui » !") == "Version 2026.1, 3 ans (CDI) : « oui » !"
    assert escape_inline("1. début") == "1\\. début"
    assert escape_inline("R&D") == "R&D"
    assert escape_inline(" deux  blancs,\tune tabulation ") == "deux blancs, une tabulation"
    assert escape_inline("1\u00a0600\u00a0€  net") == "1\u00a0600\u00a0€ net"  # les insécables restent


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**Ta situation :** salariée", "**Ta situation\u00a0:** salariée"),
        ("Prêt ? Oui ; vraiment !", "Prêt\u202f? Oui\u202f; vraiment\u202f!"),
        ("échappé \\! et \\: aussi", "échappé\u202f\\! et\u00a0\\: aussi"),
        ("« Infirmier » (à voir :)", "«\u00a0Infirmier\u00a0» (à voir\u00a0:)"),
        ("a : : b", "a\u00a0:\u00a0: b"),
        ("fin :", "fin\u00a0:"),
        ("fin :\n", "fin\u00a0:\n"),
        ("https://x.fr et 10 :30 et :-) et a :b", "https://x.fr et 10 :30 et :-) et a :b"),  # pas une fin de mot
        ("déjà\u00a0: rien ; à faire", "déjà\u00a0: rien\u202f; à faire"),
    ],
)
def test_french_spaces_ties_punctuation_only_where_french_wants_it(text: str, expected: str) -> None:
    assert french_spaces(text) == expected


def test_french_spaces_agrees_with_its_definition_on_random_text() -> None:
    """La définition en expressions régulières (plus lente sur un grand plan) sert de référence."""
    import random
    import re

    end = r"(?:\s|$|»|\*|\))"
    reference = [
        (re.compile(rf" (?=\\?:{end})"), "\u00a0"),
        (re.compile(rf" (?=\\?[;!?]{end})"), "\u202f"),
        (re.compile("« "), "«\u00a0"),
        (re.compile(" »"), "\u00a0»"),
    ]
    rng = random.Random(26)
    alphabet = [" ", " ", ":", ";", "!", "?", "\\", "»", "«", "*", ")", "a", "\n", "\u00a0", "\u202f", "\t"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        expected = text
        for pattern, replacement in reference:
            expected = pattern.sub(replacement, expected)
        assert french_spaces(text) == expected, repr(text)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.francetravail.fr", "https://www.francetravail.fr"),
        ("https://exemple.fr/a (b)", "https://exemple.fr/a%20%28b%29"),
        ("javascript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("https://", None),
        ("https://exemple.fr/\x00", None),
        ("https://exemple.fr/a\x1fb", None),
        ("https://exemple.fr/a\x7fb", None),
        ("https://exemple.fr/façade", "https://exemple.fr/façade"),
    ],
)
def test_safe_url_only_allows_web_addresses(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_unsafe_link_degrades_to_plain_text() -> None:
    tokens = flat(md().parse(link("Clique [ici]", "javascript:alert(1)")))
    assert not [t for t in tokens if t.type == "link_open"]
    assert "Clique [ici]" in "".join(t.content for t in tokens if t.type == "text")


# --- le plan, fonction pure -----------------------------------------------------------------------


def real_answers() -> dict[str, object]:
    return {
        "situation": "salarie_prive",
        "contrat": "cdi",
        "statut_cadre": False,
        "tranche_age": "de_30_a_49",
        "metier_actuel": "<script>alert('x')</script> [clic](javascript:alert(1))",
        "annees_experience": 12,
        "satisfaction_actuelle": 2,
        "motivations": ["sens", "equilibre"],
        "parcours_apprecie": "# titre\n![x](y)\n- [ ] faux\n| a | b |\n*gras* `code`",
        "metiers_cibles": ["M1805"],
        "date_cible": "2028-09-01",
    }


def test_plan_structure_five_steps_in_order_tasks_and_resource_links() -> None:
    guide = guide_files.load()
    answers = real_answers()
    rows = [
        {"id": 1, "guide_action_id": None, "step_id": "reseau", "text": "# Appeler [Paul](https://x.example)",
         "due_date": "2027-03-10", "done_at": None, "removed": False},
    ]  # fmt: skip
    lookups = PlanLookups(catalogue=metiers_files.catalogue)
    text = plan_text(guide, answers, rows, today=TODAY, lookups=lookups)
    tokens = md().parse(text)
    assert headings(tokens, "h1") == ["Ton plan de reconversion — 1er mars 2027"]
    expected = [f"Étape {i} — {escape_inline(s.title)}" for i, s in enumerate(guide.steps, start=1)]
    assert len(expected) == 5
    assert headings(tokens, "h2") == [SYNTHESIS_TITLE, PROGRESS_TITLE, *expected, "Calendrier", "Prochaines étapes"]
    tasks = task_items(tokens)
    assert "[ ] \\# Appeler \\[Paul\\](https\\://x.example) (à faire avant le 10 mars 2027)" in tasks
    applicable = [a for s in guide.steps for a in engine.applicable_actions(guide, s, answers)]
    assert len(tasks) == len(applicable) + 1
    hrefs = [t.attrGet("href") for t in flat(tokens) if t.type == "link_open"]
    for step in guide.steps:
        for resource in engine.applicable_resources(guide, step, answers):
            assert resource.url in hrefs
    assert f"{escape_inline(metiers_files.catalogue().get('M1805').title)} (M1805)" in text
    assert "- **Ton contrat :** CDI" in text  # le titre court (`label`), pas l'invite entière
    assert "1er septembre 2028" in text


def test_person_text_adds_no_link_image_html_heading_or_code() -> None:
    guide = guide_files.load()
    answers = {"situation": "salarie_prive", "metier_actuel": "Comptable"}  # la synthèse dit alors les mêmes conseils
    clean = md().parse(plan_text(guide, answers, today=TODAY))
    hostile_answers = {**answers, "metier_actuel": " ".join(INJECTIONS), "parcours_apprecie": "\n".join(INJECTIONS)}
    rows = [
        {"id": n, "guide_action_id": None, "step_id": "bilan", "text": payload, "due_date": None, "done_at": None,
         "removed": False}
        for n, payload in enumerate(INJECTIONS, start=1)
    ]  # fmt: skip
    hostile = md().parse(plan_text(guide, hostile_answers, rows, today=TODAY))

    def count(tokens: list, kind: str) -> int:
        return sum(1 for t in flat(tokens) if t.type == kind)

    for kind in ("link_open", "image", "html_inline", "html_block", "code_inline", "code_block", "fence", "table_open"):
        assert count(hostile, kind) == count(clean, kind), kind
    assert count(hostile, "heading_open") == count(clean, "heading_open")
    assert count(hostile, "em_open") == count(clean, "em_open")
    assert count(hostile, "strong_open") == count(clean, "strong_open") + 1  # la question de plus, en gras
    assert count(hostile, "blockquote_open") == 0
    tasks = task_items(hostile)
    assert len(tasks) == len(task_items(clean)) + len(INJECTIONS)
    texts = "".join(t.content for t in flat(hostile) if t.type == "text")
    assert "<script>alert(1)</script>" in texts and "[clic](javascript:alert(1))" in texts


def test_actions_done_due_dates_removed_and_overdue(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    answers = {"situation": "salarie", "prenom": "Lou"}
    base = dt.date(2027, 2, 1)
    text = plan_text(guide, answers, [], today=TODAY, base_day=base)
    assert "- [ ] Faire un premier pas (à faire avant le 11 février 2027 — en retard)" in text
    assert "- [ ] Parler à ton employeur\n" in text
    rows = [
        {"id": 1, "guide_action_id": "a1", "step_id": "s1", "text": "Faire un premier pas", "due_date": None,
         "done_at": "2027-02-20T10:00:00+00:00", "removed": False},
        {"id": 2, "guide_action_id": "a2", "step_id": "s1", "text": "Parler à ton employeur", "due_date": None,
         "done_at": None, "removed": True},
        {"id": 3, "guide_action_id": None, "step_id": "s2", "text": "Appeler Lou", "due_date": "2027-03-05",
         "done_at": None, "removed": False},
        {"id": 4, "guide_action_id": None, "step_id": None, "text": "Sans étape", "due_date": None,
         "done_at": None, "removed": False},
        {"id": 5, "guide_action_id": None, "step_id": "s1", "text": "Retirée", "due_date": None,
         "done_at": None, "removed": True},
    ]  # fmt: skip
    text = plan_text(guide, answers, rows, today=TODAY, base_day=base)
    assert "- [x] Faire un premier pas\n" in text
    assert "Parler à ton employeur" not in text and "Retirée" not in text
    assert "- [ ] Appeler Lou (à faire avant le 5 mars 2027)" in text
    assert "## Tes autres actions\n\n- [ ] Sans étape" in text
    next_steps = text.split("## Prochaines étapes", 1)[1]
    assert "1. Appeler Lou (à faire avant le 5 mars 2027) — étape « Deuxième étape »" in next_steps
    assert "2. Sans étape" in next_steps
    # Une action faite reste au plan même si elle ne s'applique plus ; non faite, elle disparaît.
    other = {"situation": "autre"}
    done_rows = [dict(rows[0]), {**rows[1], "removed": False, "done_at": None}]
    items = action_items(guide, other, done_rows, base_day=base, today=TODAY)
    assert [(a.text, a.done) for a in items] == [("Faire un premier pas", True)]


def test_guide_action_deadlines_start_with_their_own_step(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    answers = {"situation": "salarie", "prenom": "Lou"}
    started = step_start_days(
        [
            {"step_id": "s1", "answered_at": "2027-02-03T09:00:00+00:00", "archived": 0},
            {"step_id": "s1", "answered_at": "2027-02-01T09:00:00+00:00", "archived": 0},
            {"step_id": "s2", "answered_at": "2026-01-01T09:00:00+00:00", "archived": 1},  # archivée : ignorée
        ]
    )
    assert started == {"s1": dt.date(2027, 2, 1)}
    text = plan_text(guide, answers, [], today=TODAY, step_starts=started)
    assert "- [ ] Faire un premier pas (à faire avant le 11 février 2027 — en retard)" in text
    # Une étape pas encore commencée : ses actions n'ont pas encore d'échéance, donc jamais « en retard ».
    not_started = plan_text(guide, answers, [], today=TODAY, step_starts={})
    assert "- [ ] Faire un premier pas\n" in not_started
    assert "en retard" not in not_started


def test_step_states_and_how_to_continue(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    text = plan_text(guide, {"situation": "autre"}, today=TODAY, profile="perso")
    assert "Étape terminée : 1 réponse sur 2." not in text
    assert "Étape en cours : 1 réponse sur 2. Pour continuer : `reconversion start --step s1 --profile perso`." in text
    assert "Étape pas encore commencée. Pour la commencer : `reconversion start --step s2 --profile perso`." in text
    empty = plan_text(guide, {}, today=TODAY)
    assert empty.count("Étape pas encore commencée.") == 2
    assert "Aucune action en attente pour le moment." in empty
    assert "- [ ]" not in empty  # sans aucune réponse, le guide ne propose pas encore d'action


def test_notebook_sections_come_after_the_steps_with_escaped_text(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    stage = {"id": 1, "kind": "stage", "organisation": "Atelier <b>", "start_date": "2027-01-04",
             "end_date": None, "learnt": "# souder", "created_at": "2027-01-04T09:00:00+00:00"}  # fmt: skip
    text = plan_text(guide, {}, today=TODAY, experiences=[stage])
    tokens = md().parse(text)
    assert headings(tokens, "h2") == [
        SYNTHESIS_TITLE,
        PROGRESS_TITLE,
        "Étape 1 — Première étape",
        "Étape 2 — Deuxième étape",
        "Tes expériences",
        "Prochaines étapes",
    ]
    assert "Atelier \\<b\\>" in text and "\\# souder" in text


def test_plan_is_deterministic_and_has_no_clock_time(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    answers = {"situation": "salarie", "prenom": "Lou", "envies": ["Bois", "Code"], "date_cible": "2027-09-15"}
    first = plan_text(guide, answers, today=TODAY)
    assert first == plan_text(guide, dict(reversed(list(answers.items()))), today=TODAY)
    assert "- **Tes envies ?**\n  - Bois\n  - Code" in first
    assert "15 septembre 2027" in first
    assert ":00" not in first


def test_odd_values_from_an_old_backup_do_not_crash(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    text = plan_text(guide, {"situation": "disparu", "date_cible": "pas une date", "note": None}, today=TODAY)
    assert "- **Ta situation ?** disparu" in text
    assert "- **Quand ?** pas une date" in text


# --- la commande export ---------------------------------------------------------------------------


@pytest.fixture
def filled(home: Path, mini_guide_path: Path) -> Path:
    answered({"situation": "salarie", "prenom": "<b>Lou</b> [x](javascript:y)", "note": 4}, mini_guide_path)
    return mini_guide_path


def test_export_writes_default_file_in_current_folder(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    result = run("export", "--guide", str(filled))
    assert result.exit_code == 0, result.output
    path = tmp_path / "plan-reconversion-2027-03-01.md"
    assert result.stdout.strip() == f"Ton plan est prêt : {path}"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Ton plan de reconversion — 1er mars 2027\n")
    assert "\\<b\\>Lou\\</b\\> \\[x\\](javascript:y)" in text
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_export_never_overwrites_without_force(filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    target = write(tmp_path, "plan-reconversion-2027-03-01.md", "mes notes précieuses\n")
    refused = run("export", "--guide", str(filled))
    assert refused.exit_code == 1
    assert "existe déjà" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mes notes précieuses\n"
    forced = run("export", "--guide", str(filled), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Ton plan de reconversion")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # pas de fichier temporaire oublié


def test_export_to_stdout_and_to_a_chosen_path(filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    out = run("export", "--guide", str(filled), "-o", "-")
    assert out.exit_code == 0
    assert out.stdout.startswith("# Ton plan de reconversion — 1er mars 2027\n")
    chosen = tmp_path / "mon-plan.md"
    written = run("export", "--guide", str(filled), "-o", str(chosen))
    assert written.exit_code == 0
    assert chosen.read_text(encoding="utf-8") == out.stdout
    missing_folder = run("export", "--guide", str(filled), "-o", str(tmp_path / "nulle-part" / "plan.md"))
    assert missing_folder.exit_code == 1 and "n'existe pas" in missing_folder.stderr


def test_export_json_backup(filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    result = run("export", "--format", "json", "--guide", str(filled))
    assert result.exit_code == 0, result.output
    path = tmp_path / "sauvegarde-reconversion-2027-03-01.json"
    backup = json.loads(path.read_text(encoding="utf-8"))
    assert backup["format"] == "reconversion-backup" and backup["format_version"] == 2
    assert backup["guide"] == {"id": "mini", "version": "1"}
    assert {r["question_id"]: r["value"] for r in backup["answers"]} == {
        "situation": "salarie",
        "prenom": "<b>Lou</b> [x](javascript:y)",
        "note": 4,
    }
    assert f"reconversion import {path}" in result.stdout
    stdout = run("export", "-f", "json", "--guide", str(filled), "-o", "-")
    assert json.loads(stdout.stdout)["answers"] == backup["answers"]


def test_export_of_an_empty_profile(home: Path, mini_guide_path: Path) -> None:
    plan = run("export", "--guide", str(mini_guide_path), "-o", "-")
    assert plan.exit_code == 0
    assert plan.stdout.count("Étape pas encore commencée.") == 2
    assert not home.exists()  # exporter ne crée pas de profil
    backup = run("export", "-f", "json", "--guide", str(mini_guide_path), "-o", "-")
    assert backup.exit_code == 1
    assert "n'existe pas encore" in backup.stderr and backup.stdout == ""


def test_export_usage_errors(home: Path, mini_guide_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad_format = run("export", "--format", "pdf", "--guide", str(mini_guide_path))
    assert bad_format.exit_code == 2 and "Format inconnu « pdf »" in bad_format.stderr
    monkeypatch.setenv("RECONVERSION_TODAY", "01/03/2027")
    bad_day = run("export", "--guide", str(mini_guide_path), "-o", "-")
    assert bad_day.exit_code == 2 and "RECONVERSION_TODAY" in bad_day.stderr
    assert "Traceback" not in bad_format.output + bad_day.output


def test_export_with_the_builtin_guide_names_the_chosen_jobs(home: Path, tmp_path: Path) -> None:
    answered({"situation": "demandeur_emploi", "metiers_cibles": ["M1805"]})
    plan = run("export", "-o", "-")
    assert plan.exit_code == 0
    assert "  - Développeur / Développeuse informatique (M1805)\n" in plan.stdout
    assert headings(md().parse(plan.stdout), "h2")[-1] == "Prochaines étapes"


# --- le plan complet : intérêts, métiers visés, expériences, contacts ----------------------------


def test_full_plan_has_interests_chosen_metiers_experiences_and_contacts_only_on_request(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    answered({"situation": "demandeur_emploi", "metiers_cibles": ["J1506"]})
    took_interest_test(home, strong="SE")
    assert (
        run("experiences", "add", "--kind", "immersion", "--organisation", "EHPAD <b>Les Tilleuls</b>").exit_code == 0
    )
    assert run("contacts", "add", "Awa Diallo", "--organisation", "IFSI de Lyon").exit_code == 0

    plan = plain_spaces(run("export", "-o", "-").stdout)
    tokens = md().parse(plan)
    h2 = headings(tokens, "h2")
    assert h2[7:] == ["Tes intérêts (test RIASEC)", "Tes expériences", "Calendrier", "Prochaines étapes"]
    formation = plan.split("## Étape 3 — Se former", 1)[1].split("## Étape 4", 1)[0]
    assert "### Ton métier visé" in formation  # un seul métier choisi : au singulier
    assert "**Infirmier / Infirmière en soins généraux (IDE)** (J1506)" in formation
    assert "https://candidat.francetravail.fr/metierscope/fiche-metier/J1506" in formation
    interests = plan.split("## Tes intérêts (test RIASEC)", 1)[1].split("## ", 1)[0]
    assert "Ton code : **SE" in interests
    assert "une aide" in interests.lower() or "verdict" in interests.lower()
    assert "EHPAD \\<b\\>Les Tilleuls\\</b\\>" in plan  # texte inerte
    assert "Awa Diallo" not in plan  # les contacts sont les données d'autres personnes

    with_contacts = run("export", "-o", "-", "--include-contacts").stdout
    assert headings(md().parse(with_contacts), "h2")[-3:-1] == ["Ton réseau", "Calendrier"]
    assert "**Awa Diallo** — IFSI de Lyon" in with_contacts


def test_every_command_of_the_plan_and_the_calendar_is_the_launched_one() -> None:
    """C3 : la synthèse écrivait `.venv/bin/reconversion …`, les étapes et l'agenda `reconversion …`."""
    import datetime as dt

    from reconversion.adapters.content import guide_files
    from reconversion.core.calendar_ics import render_calendar
    from reconversion.core.plan_data import empty_notebook, gather_plan
    from reconversion.core.plan_markdown import render_plan

    notebook = empty_notebook()
    notebook["answers"] = [
        {"question_id": "situation", "value": "demandeur_emploi", "step_id": "bilan", "archived": False,
         "answered_at": "2026-12-06T09:00:00+00:00"},
    ]  # fmt: skip
    plan = gather_plan(
        guide_files.load(), notebook, today=dt.date(2026, 12, 6), profile="kevin", command=".venv/bin/reconversion"
    )
    markdown = render_plan(plan)
    assert markdown.count("start --step") >= 5
    assert markdown.count("start --step") == markdown.count(".venv/bin/reconversion start --step")
    calendar = render_calendar(plan).replace("\r\n ", "")
    assert "actions done" in calendar
    assert calendar.count("actions done") == calendar.count(".venv/bin/reconversion actions done")
