"""Le plan HTML : lu avec un analyseur HTML5 (html5lib), comparé au plan Markdown, et la commande `export -f html`.

html5lib suit l'algorithme d'analyse du WHATWG, celui des navigateurs : ce qu'il voit dans la page
(éléments, attributs, texte) est ce qu'un navigateur construirait.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest
from markdown_it import MarkdownIt

from helpers import answered, filled_profile, plan_markdown, run, run_program, took_interest_test
from reconversion.adapters.content import guide_files, metiers_files
from reconversion.core import engine
from reconversion.core.followup import ActionItem
from reconversion.core.guide_loader import load_guide
from reconversion.core.plan_calendar import KIND_ACTION, KIND_TARGET, CalendarEvent, months_ahead, plan_events
from reconversion.core.plan_html import Figure, render_document
from reconversion.core.plan_svg import calendar_figure, interests_figure, steps_figure
from reconversion.core.riasec import score

TODAY = dt.date(2027, 3, 1)
HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    '"><svg onload=alert(1)>',
    "<a href='https://pistage.example'>clic</a>",
    "![pixel](https://pistage.example/p.png)",
    "https://nu.example",
    "- [ ] fausse case",
    "ESC\x1b[31mrouge BEL\x07 NUL\x00 fin",
]
CONTROLS = ("\x1b", "\x07", "\x00")
DUE = re.compile(r"\(à faire avant le (?:1er|\d+) ([a-zéû]+ \d{4})")


def parse(page: str) -> Element:
    """La page lue par un analyseur HTML5 strict : une faute de syntaxe HTML fait échouer le test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)


def name(element: Element) -> str:
    """Le nom local d'un élément (les éléments SVG sont dans l'espace de noms SVG)."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def every(root: Element, tag: str) -> list[Element]:
    return [e for e in root.iter() if name(e) == tag]


def words(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def md_tokens(markdown: str) -> list:
    return MarkdownIt("commonmark").parse(markdown)


def md_headings(markdown: str) -> list[tuple[str, str]]:
    """Les titres du plan Markdown, lus par markdown-it-py (texte échappé résolu)."""
    tokens = md_tokens(markdown)
    return [
        (t.tag, " ".join("".join(c.content for c in tokens[i + 1].children if c.type == "text").split()))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


def md_links(markdown: str) -> set[str]:
    inline = [child for token in md_tokens(markdown) if token.type == "inline" for child in token.children]
    return {child.attrGet("href") for child in inline if child.attrGet("href")}


def md_task_texts(markdown: str) -> list[str]:
    """Le texte brut des éléments de liste qui commencent par une case « [ ] » ou « [x] »."""
    tokens = md_tokens(markdown)
    return [
        tokens[i + 2].content
        for i, t in enumerate(tokens)
        if t.type == "list_item_open" and tokens[i + 2].content[:4] in ("[ ] ", "[x] ")
    ]


def md_tasks(markdown: str) -> list[str]:
    return [text[:3] for text in md_task_texts(markdown)]


def html_headings(root: Element) -> list[tuple[str, str]]:
    return [(name(e), words(e)) for e in root.iter() if name(e) in ("h1", "h2", "h3", "h4", "h5", "h6")]


def assert_inert(root: Element, allowed_links: set[str]) -> None:
    """Rien d'actif ni d'externe : ni script, ni attribut on*, ni src ; des liens http(s) du plan seulement."""
    for tag in ("script", "img", "image", "iframe", "object", "embed", "link", "base", "form", "use", "foreignObject"):
        assert every(root, tag) == [], tag
    assert {m.get("http-equiv") for m in every(root, "meta")} <= {None, "Content-Security-Policy"}  # pas de refresh
    for element in root.iter():
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            assert not local.startswith("on"), (name(element), attribute)
            assert local not in ("src", "srcset", "xlink:href", "action", "formaction"), (name(element), attribute)
            assert "javascript:" not in value.lower()
            if local == "href":
                assert name(element) == "a", name(element)
                assert value.startswith(("https://", "http://")), value
                assert value in allowed_links, value
    assert len(every(root, "style")) == 1  # la feuille de style du cadre, dans <head>


# --- la page complète d'un vrai profil --------------------------------------------------------------


@pytest.fixture
def full_profile(home: Path) -> Path:
    """Un profil réaliste : réponses, métier visé, test d'intérêts complet, actions datées, une expérience."""
    filled_profile(
        home,
        answers="situation: salarie_prive\ncontrat: cdi\nmetier_actuel: Comptable\nmetiers_cibles: [J1506]\n"
        "date_cible: 2028-09-01\n",
        actions=[
            ("Appeler le CEP", "--due", "2027-04-10"),
            ("Relancer la DRH", "--due", "2027-02-01"),  # en retard le 1er mars
        ],
        contacts=[],
        experiences=[("--kind", "immersion", "--organisation", "EHPAD Les Tilleuls")],
    )
    took_interest_test(home, strong="SE")
    return home


def test_html_plan_has_the_markdown_plan_sections_links_and_tasks(
    full_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    markdown = run("export", "-o", "-").stdout
    page = run("export", "-f", "html", "-o", "-").stdout
    root = parse(page)
    assert root.get("lang") == "fr"
    assert [m.get("charset") for m in every(root, "meta") if m.get("charset")] == ["utf-8"]
    assert words(every(root, "title")[0]) == "Ton plan de reconversion — 1er mars 2027"
    # Le même contenu : les mêmes titres, dans le même ordre, aux mêmes niveaux.
    assert html_headings(root) == md_headings(markdown)
    assert ("h2", "Tes intérêts (test RIASEC)") in html_headings(root)
    # Les étapes (et elles seules) commencent une page à l'impression.
    step_sections = [s for s in every(root, "section") if s.get("class") == "etape"]
    step_titles = [h for t, h in md_headings(markdown) if t == "h2" and h.startswith("Étape ")]
    assert [words(s.find("h2")) for s in step_sections] == step_titles and len(step_titles) == 5
    # La synthèse ouvre le plan, seule sur la première page imprimée ; l'avancement chiffré la suit.
    h2 = [h for t, h in md_headings(markdown) if t == "h2"]
    assert h2[:4] == ["Ton projet en une page", "Ton avancement", "À vérifier", step_titles[0]]  # A14 : formation
    assert [s.get("class") for s in every(root, "section")][:2] == ["synthese", "resume"]
    # Les mêmes liens, et rien d'autre d'actif ou d'externe.
    links = md_links(markdown)
    assert {a.get("href") for a in every(root, "a")} == links
    assert_inert(root, links)
    # Les cases à cocher : une par action du plan, cochée si l'action est faite, jamais modifiable.
    boxes = [i for i in every(root, "input") if i.get("type") == "checkbox"]
    assert len(boxes) == len(md_tasks(markdown)) > 2
    assert all(box.get("disabled") is not None for box in boxes)
    assert sum(box.get("checked") is not None for box in boxes) == md_tasks(markdown).count("[x]")


def test_html_plan_has_three_pictures_with_text_alternatives(
    full_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    root = parse(run("export", "-f", "html", "-o", "-").stdout)
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    every_svg = every(root, "svg")
    assert len(every_svg) == 6  # chaque image en deux dessins : large (écran, impression) et étroit (téléphone)
    svgs = [s for s in every_svg if s.get("class").split()[-1] == "large"]
    narrow = [s for s in every_svg if s.get("class").split()[-1] == "etroit"]
    assert len(svgs) == len(narrow) == 3
    assert [words(every(s, "desc")[0]) for s in narrow] == [words(every(s, "desc")[0]) for s in svgs]
    for svg in every_svg:
        assert svg.get("role") == "img"
        title, desc = every(svg, "title"), every(svg, "desc")
        assert len(title) == 1 and len(desc) == 1 and words(desc[0])
        assert set(svg.get("aria-labelledby").split()) == {title[0].get("id"), desc[0].get("id")} <= ids
    steps, calendar, interests = (words(every(s, "desc")[0]) for s in svgs)
    guide = guide_files.load()
    for number, step in enumerate(guide.steps, start=1):
        assert f"Étape {number}, {step.title} :" in steps
    for letter, mean in (("R", "2,0"), ("I", "2,0"), ("A", "2,0"), ("S", "5,0"), ("E", "5,0"), ("C", "2,0")):
        assert f"{letter} (" in interests and f") : {mean} sur 5" in interests.split(f"{letter} (", 1)[1][:40]
    assert "Ton code : SE" in interests
    assert calendar.startswith("Les mois à venir, de mars 2027 à septembre 2028.")
    # Chaque mois compte les actions du plan Markdown à faire ce mois-là (les retards dans le mois en cours).
    markdown = run("export", "-o", "-").stdout
    months: dict[str, int] = {}
    late = 0
    for task in md_task_texts(markdown):
        due = DUE.search(task)
        if task.startswith("[ ] ") and due:
            late += "en retard" in task
            month = "mars 2027" if "en retard" in task else due.group(1)
            months[month] = months.get(month, 0) + 1
    assert late >= 1 and months["avril 2027"] >= 1
    for month, count in months.items():
        overdue = f", dont {late} en retard" if month == "mars 2027" else ""
        assert f"{month} : {count} action{'s' if count > 1 else ''} à faire{overdue}" in calendar
    assert "septembre 2028 : date visée le 1er septembre 2028" in calendar
    # L'image des intérêts est dans sa section ; les deux autres sous le résumé, avant la première étape.
    sections = every(root, "section")
    interests_section = next(s for s in sections if words(s.find("h2")) == "Tes intérêts (test RIASEC)")
    assert every(interests_section, "svg") == [svgs[2], narrow[2]]
    progress = next(s for s in sections if words(s.find("h2")) == "Ton avancement")
    assert every(progress, "svg") == [svgs[0], narrow[0], svgs[1], narrow[1]]  # sous le résumé chiffré
    assert every(every(root, "header")[0], "svg") == []


def test_print_style_a4_black_and_white_new_page_per_step_and_link_addresses(full_profile: Path) -> None:
    root = parse(run("export", "-f", "html", "-o", "-").stdout)
    style = "".join(every(root, "style")[0].itertext())
    compact = " ".join(style.split())
    assert "@page { size: A4;" in compact
    printed = compact.split("@media print {", 1)[1]
    assert "section.etape { break-before: page; }" in printed
    assert 'a[data-adresse]::after { content: " (" attr(data-adresse) ")";' in printed
    assert "url(" not in style and "@import" not in style  # aucune ressource externe
    # En noir et blanc : les barres hachurées se distinguent des pleines par leur motif, pas leur couleur.
    patterns = every(root, "pattern")
    assert patterns and all(every(p, "line") for p in patterns)
    policy = next(m.get("content") for m in every(root, "meta") if m.get("http-equiv") == "Content-Security-Policy")
    assert policy.startswith("default-src 'none'")


# --- texte hostile -------------------------------------------------------------------------------------


def test_hostile_text_stays_text_in_the_page() -> None:
    guide = guide_files.load()
    answers = {
        "situation": "salarie_prive",
        "metier_actuel": " ".join(HOSTILE),
        "parcours_apprecie": "\n".join(HOSTILE),
    }
    rows = [
        {"id": n, "guide_action_id": None, "step_id": "bilan", "text": payload, "due_date": "2027-05-02",
         "done_at": None, "removed": False}
        for n, payload in enumerate(HOSTILE, start=1)
    ]  # fmt: skip
    clean = plan_markdown(guide, {"situation": "salarie_prive"}, today=TODAY)
    markdown = plan_markdown(guide, answers, rows, today=TODAY)
    page = render_document(markdown, step_sections=5)
    assert not any(char in page for char in CONTROLS)
    root = parse(page)
    assert_inert(root, md_links(clean))
    assert every(root, "svg") == []
    text = words(root)
    for payload in HOSTILE[:-1]:
        assert " ".join(payload.split()) in text
    assert "ESCrouge BEL NUL fin" in text  # la séquence entière disparaît (core.text_safety)
    assert [h for h in html_headings(root)] == md_headings(markdown)
    boxes = [i for i in every(root, "input") if i.get("type") == "checkbox"]
    assert len(boxes) == len(md_tasks(markdown))  # « - [ ] fausse case » tapé n'en ajoute pas


def test_hostile_guide_text_is_escaped_in_the_pictures(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    step = guide.steps[0]._replace(title='<script>alert(1)</script>"><svg onload=alert(1)>\x1b')
    progress = [engine.StepProgress(step, 2, 1, None)]
    action = ActionItem("p1", "own", step.id, "<b>x</b>", TODAY, None, "todo")
    events = [CalendarEvent(dt.date(2027, 5, 1), KIND_TARGET, "<img src=x onerror=alert(1)>")]
    figures = [
        Figure(steps_figure(progress, [action])),
        Figure(calendar_figure(months_ahead(TODAY, events))),
    ]
    page = render_document("# Plan\n\n## Étape 1\n", figures=figures, step_sections=1)
    root = parse(page)
    assert_inert(root, set())
    assert len(every(root, "svg")) == 4 and every(root, "script") == []
    assert '<script>alert(1)</script>"><svg onload=alert(1)>' in words(every(root, "desc")[0])
    assert "<img src=x onerror=alert(1)>" in words(every(root, "figcaption")[1])
    assert "\x1b" not in page


def test_only_web_and_mail_links_survive_the_conversion() -> None:
    markdown = (
        "# Plan\n\n[web](https://ok.example/a) [mail](mailto:cep@example.fr) [js](javascript:alert(1)) "
        "[data](data:text/html,x) [ftp](ftp://x.example) [relatif](plan.md) [fichier](file:///etc/passwd) "
        "<https://auto.example> ![img](https://pistage.example/p.png) <b>gras</b>\n"
    )
    root = parse(render_document(markdown))
    assert [a.get("href") for a in every(root, "a")] == [
        "https://ok.example/a",
        "mailto:cep@example.fr",
        "https://auto.example",
        "https://pistage.example/p.png",  # une image devient un simple lien : rien n'est chargé
    ]
    assert every(root, "img") == [] and every(root, "b") == []
    assert "<b>gras</b>" in words(root) and "[js](javascript:alert(1))" in words(root)


# --- le calendrier des mois à venir --------------------------------------------------------------------


def test_months_ahead_from_today_to_the_last_dated_event() -> None:
    events = [
        CalendarEvent(dt.date(2027, 2, 10), KIND_ACTION, "en retard"),
        CalendarEvent(dt.date(2027, 3, 20), KIND_ACTION, "ce mois-ci"),
        CalendarEvent(dt.date(2027, 3, 25), KIND_ACTION, "ce mois-ci aussi"),
        CalendarEvent(dt.date(2026, 12, 1), KIND_TARGET, "visée passée"),
        CalendarEvent(dt.date(2028, 1, 15), KIND_TARGET, "visée"),
    ]
    calendar = months_ahead(TODAY, events)
    assert [(m.year, m.month) for m in calendar.months][:2] == [(2027, 3), (2027, 4)]
    assert (calendar.months[-1].year, calendar.months[-1].month) == (2028, 1)
    assert len(calendar.months) == 11
    first = calendar.months[0]
    assert (first.actions, first.overdue) == (2, 1)
    assert [t.label for t in calendar.months[-1].targets] == ["visée"]
    assert all(not m.targets for m in calendar.months[:-1])  # la date visée passée n'est pas « à venir »
    assert calendar.later == ()
    capped = months_ahead(TODAY, [*events, CalendarEvent(dt.date(2040, 1, 1), KIND_TARGET, "loin")], max_months=12)
    assert len(capped.months) == 12 and [e.label for e in capped.later] == ["loin"]
    assert "Plus tard\u00a0: 1er janvier 2040 (date visée)." in calendar_figure(capped)
    assert months_ahead(TODAY, [CalendarEvent(dt.date(2026, 1, 1), KIND_TARGET, "passée")]).empty
    assert calendar_figure(months_ahead(TODAY, [])) == ""


def test_plan_events_are_pending_dated_actions_and_date_answers(mini_guide_path: Path) -> None:
    guide = load_guide(mini_guide_path)
    answers = {"situation": "salarie", "prenom": "Lou", "date_cible": "2027-09-15"}
    actions = [
        ActionItem("p1", "own", "s1", "faite", dt.date(2027, 4, 1), "2027-02-01T10:00:00+00:00", "done"),
        ActionItem("p2", "own", "s1", "à faire", dt.date(2027, 4, 2), None, "todo"),
        ActionItem("p3", "own", "s1", "sans date", None, None, "todo"),
    ]
    assert plan_events(guide, answers, actions) == [
        CalendarEvent(dt.date(2027, 4, 2), KIND_ACTION, "à faire"),
        CalendarEvent(dt.date(2027, 9, 15), KIND_TARGET, "Quand ?"),
    ]
    assert plan_events(guide, {**answers, "date_cible": "pas une date"}, []) == []


def test_interest_chart_of_an_unfinished_test_says_so() -> None:
    test = metiers_files.interest_test()
    first = test.items[0]
    result = score(test, {first.id: 4})
    figure = interests_figure(test, result)
    desc = words(every(parse(render_document("# P\n", figures=[Figure(figure)])), "desc")[0])
    assert f"{first.dimension} (" in desc and "4,0 sur 5" in desc
    assert desc.count("pas encore noté") == 5
    assert f"Test en cours : 1 activité notée sur {len(test.items)}." in desc


# --- la commande ---------------------------------------------------------------------------------------------


@pytest.fixture
def filled(home: Path, mini_guide_path: Path) -> Path:
    answered({"situation": "salarie", "prenom": "<script>x</script>"}, mini_guide_path)
    return mini_guide_path


def test_export_html_default_name_stdout_chosen_path_and_no_overwrite(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    result = run("export", "-f", "html", "--guide", str(filled))
    assert result.exit_code == 0, result.output
    path = tmp_path / "plan-reconversion-2027-03-01.html"
    assert result.stdout.splitlines()[0] == f"Ton plan est prêt : {path}"
    assert "imprimer" in result.stdout
    assert os.stat(path).st_mode & 0o777 == 0o600
    written = path.read_text(encoding="utf-8")
    assert written.startswith("<!DOCTYPE html>")
    stdout = run("export", "--format", "HTML", "--guide", str(filled), "-o", "-")
    assert stdout.exit_code == 0 and stdout.stdout == written  # déterministe, identique sur la sortie standard
    refused = run("export", "-f", "html", "--guide", str(filled))
    assert refused.exit_code == 1 and "existe déjà" in refused.stderr and "--force" in refused.stderr
    path.write_text("mes notes\n", encoding="utf-8")
    assert run("export", "-f", "html", "--guide", str(filled)).exit_code == 1
    assert path.read_text(encoding="utf-8") == "mes notes\n"
    assert run("export", "-f", "html", "--guide", str(filled), "--force").exit_code == 0
    assert path.read_text(encoding="utf-8") == written
    chosen = tmp_path / "mon-plan.html"
    assert run("export", "-f", "html", "--guide", str(filled), "-o", str(chosen)).exit_code == 0
    assert chosen.read_text(encoding="utf-8") == written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # pas de fichier temporaire oublié


def test_export_html_of_an_empty_profile_has_no_calendar(home: Path, mini_guide_path: Path) -> None:
    result = run("export", "-f", "html", "--guide", str(mini_guide_path), "-o", "-")
    assert result.exit_code == 0
    root = parse(result.stdout)
    assert [words(every(s, "title")[0]) for s in every(root, "svg")] == ["Avancement des étapes"] * 2
    assert not home.exists()  # exporter ne crée pas de profil


def test_open_option_is_refused_where_it_makes_no_sense(filled: Path) -> None:
    for args in (["-o", "-"], ["-f", "markdown"], ["-f", "ics"]):
        fmt = [] if "-f" in args else ["-f", "html"]
        result = run("export", *fmt, *args, "--open", "--guide", str(filled))
        assert result.exit_code == 2, args
        assert "--open" in result.stderr and "Traceback" not in result.output


def test_open_hands_the_written_file_to_the_browser(filled: Path, tmp_path: Path) -> None:
    """Un vrai processus : `webbrowser` lance la commande de $BROWSER, ici un script qui note l'adresse reçue."""
    seen = tmp_path / "vu.txt"
    browser = tmp_path / "navigateur.py"
    browser.write_text(
        f"import sys, pathlib\npathlib.Path({str(seen)!r}).write_text(sys.argv[1], encoding='utf-8')\n",
        encoding="utf-8",
    )
    env = {"BROWSER": f"{sys.executable} {browser} %s", "RECONVERSION_TODAY": "2027-03-01"}
    target = tmp_path / "plan.html"
    command = ["export", "-f", "html", "--guide", str(filled), "-o", str(target), "--open"]
    done = run_program(*command, env=env)
    assert done.returncode == 0, done.stderr
    assert seen.read_text(encoding="utf-8") == target.resolve().as_uri()
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    seen.unlink()
    refused = run_program(*command, env=env)
    assert refused.returncode == 1 and "existe déjà" in refused.stderr
    assert not seen.exists()  # rien d'écrit : rien à ouvrir


def test_pictures_and_text_count_the_same_actions_once_the_interest_test_is_done(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Revue des trois personnes, A4 : l'image comptait « Passer un test d'orientation », que le texte cache
    une fois le test d'intérêts fini (24 contre 23). Ici chaque nombre de l'image est recompté dans le texte."""
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-03-01")
    answered(
        "situation: salarie_prive\ncontrat: cdi\nmetier_actuel: Comptable\ntest_orientation: false\n"
        "metiers_cibles: [J1506]\ndate_cible: 2028-09-01\n"
    )
    took_interest_test(home, strong="SE")
    assert run("actions", "add", "Appeler le CEP", "--step", "metiers", "--due", "2027-04-10").exit_code == 0
    assert run("actions", "done", "p1").exit_code == 0
    root = parse(run("export", "-f", "html", "-o", "-").stdout)
    assert "Passer un test d'orientation" not in words(root)  # le test de l'outil est fini : l'action est cachée
    steps_desc = words(every(root, "desc")[0])
    sections = {words(s.find("h2")): s for s in every(root, "section")}
    guide = guide_files.load()
    total = done = 0
    for number, step in enumerate(guide.steps, start=1):
        boxes = [i for i in every(sections[f"Étape {number} — {step.title}"], "input") if i.get("type") == "checkbox"]
        ticked = sum(box.get("checked") is not None for box in boxes)
        total, done = total + len(boxes), done + ticked
        said = steps_desc.split(f"Étape {number}, ", 1)[1].split("Étape ", 1)[0]
        assert (f"actions faites : {ticked} sur {len(boxes)}" in said) == bool(boxes), (step.id, said)
    assert f"Actions faites : {done} sur {total}" in words(sections["Ton avancement"])
    # La synthèse cite les trois premières actions de « Prochaines étapes », dans le même ordre.
    nexts = [words(li) for li in every(sections["Prochaines étapes"].find("ol"), "li")][:3]
    cited = [words(li) for li in every(sections["Ton projet en une page"].find("ol"), "li")]
    assert len(cited) == 3 and all(c.split(" — ", 1)[1][:30] in n for c, n in zip(cited, nexts, strict=True))
