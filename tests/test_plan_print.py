"""Le plan imprimé et lu sur écran : typographie française, unités, pastilles du calendrier, adresses
imprimées, feuille de style, et (avec un vrai navigateur, sinon le test est sauté) le thème sombre forcé.

Le navigateur : `chromium` (ou `chromium-browser`, `google-chrome`) sans interface, comme la revue
du plan HTML ; absent, les tests qui en ont besoin sont sautés, jamais réussis à vide.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from helpers import plan_markdown
from reconversion.adapters.content import guide_files
from reconversion.core.plan_calendar import KIND_ACTION, KIND_TARGET, CalendarEvent, months_ahead
from reconversion.core.plan_html import Figure, printed_address, render_document
from reconversion.core.plan_svg import NARROW, WIDTH, calendar_figure
from reconversion.core.question_types import display
from reconversion.core.skills import held_words

TODAY = dt.date(2027, 3, 1)
RICH = {
    "situation": "salarie_prive",
    "contrat": "cdi",
    "statut_cadre": False,
    "metier_actuel": "Assistante comptable ; cheffe d'équipe : oui ! vraiment ?",
    "cpf_consulte": True,
    "solde_cpf": 3240,
    "budget_formation": 150,
    "ptp_envisage": True,
    "ptp_formation_longue": True,
    "besoin_formation": "diplome",
    "date_debut_formation": "2027-05-03",
    "types_experience": ["immersion"],
    "date_debut_immersion": "2027-04-12",
    "date_cible": "2029-09-01",
}
ORDINARY_BEFORE = re.compile(r" \\?[;:?!»]|« ")


def browser() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


# --- typographie, unités, accords ------------------------------------------------------------------------


def test_plan_has_french_non_breaking_spaces_everywhere() -> None:
    """Jamais une ligne qui commence par « ; », « : », « ? » ou « » » : ni en Markdown, ni en HTML."""
    guide = guide_files.load()
    rows = [
        {"id": 1, "guide_action_id": None, "step_id": "bilan", "text": "Appeler la CCI : vite ; demain !",
         "due_date": "2027-02-01", "done_at": None, "removed": False},
    ]  # fmt: skip
    markdown = plan_markdown(guide, RICH, rows, today=TODAY)
    assert ORDINARY_BEFORE.findall(markdown) == []
    assert "Assistante comptable\u202f; cheffe d'équipe\u00a0: oui\u202f! vraiment\u202f?" in markdown
    assert "- **Ton contrat\u00a0:** CDI" in markdown  # aussi devant un gras qui se ferme
    assert "«\u00a0" in markdown and "\u00a0»" in markdown
    assert "https://" in markdown  # les adresses ne sont pas touchées
    events = [CalendarEvent(dt.date(2027, 4, 2), KIND_ACTION, "a"), CalendarEvent(TODAY, KIND_ACTION, "b")]
    figure = Figure(calendar_figure(months_ahead(TODAY, events)))
    page = render_document(markdown, figures=[figure], step_sections=len(guide.steps))
    text = re.sub(r"<[^>]+>", "", page.split("<body>", 1)[1])
    assert "ce mois-là\u202f; le cadre" in text  # la légende des images aussi
    assert ORDINARY_BEFORE.findall(text) == []


def test_amounts_and_hours_carry_their_unit() -> None:
    guide = guide_files.load()
    assert display(guide.question("solde_cpf"), 3240) == "3\u202f240\u00a0€"
    assert display(guide.question("budget_formation"), 150) == "150\u00a0€ par mois"  # #24 : « 50 € par mois »
    assert display(guide.question("heures_cpf"), 120) == "120\u00a0h"
    assert display(guide.question("annees_experience"), 12) == "12\u00a0ans"
    assert display(guide.question("annees_experience"), 1) == "1\u00a0an"
    markdown = plan_markdown(guide, RICH, today=TODAY)
    assert "**Ton solde CPF\u00a0:** 3\u202f240\u00a0€" in markdown
    assert "**Ton budget mensuel de formation\u00a0:** 150\u00a0€ par mois" in markdown


def test_unit_is_refused_on_a_question_that_is_not_a_number(tmp_path: Path, mini_guide_path: Path) -> None:
    from reconversion.core.guide_loader import GuideError, load_guide

    text = mini_guide_path.read_text(encoding="utf-8")
    broken = tmp_path / "unite.yaml"
    broken.write_text(text.replace("type: select", 'type: select\n        unit: "€"', 1), encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        load_guide(broken)
    assert "unit n'a de sens que pour une question number" in str(caught.value)


def test_skills_held_agree_with_their_number() -> None:
    assert held_words(1, 40) == "1 compétence sur 40 déjà acquise"
    assert held_words(0, 7) == "0 compétence sur 7 déjà acquise"
    assert held_words(12, 40) == "12 compétences sur 40 déjà acquises"


def test_calendar_dates_show_the_short_label_without_nested_brackets() -> None:
    guide = guide_files.load()
    markdown = plan_markdown(guide, RICH, today=TODAY)
    calendar = markdown.split("## Calendrier", 1)[1]
    assert "★ Ta date\u00a0: Début de ton immersion" in calendar
    assert "•" not in calendar and "commencera-t-elle" not in calendar
    for line in markdown.splitlines():
        depth = 0
        for char in line.split("](", 1)[0] if line.startswith("- [") else line:
            depth += {"(": 1, ")": -1}.get(char, 0)
            assert depth <= 1, line


# --- les pastilles du calendrier ---------------------------------------------------------------------------


def _shapes(svg: str, tag: str) -> list[dict[str, str]]:
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', attrs)) for attrs in re.findall(rf"<{tag} ([^>]*)/?>", svg)]


def test_calendar_badge_holds_three_digits_and_the_star_stays_clear_of_it() -> None:
    events = [CalendarEvent(TODAY + dt.timedelta(days=n % 20), KIND_ACTION, f"a{n}") for n in range(123)]
    events.append(CalendarEvent(dt.date(2027, 3, 25), KIND_TARGET, "Début de formation souhaité"))
    figure = calendar_figure(months_ahead(TODAY, events))
    for variant in figure.split("<svg ")[1:]:
        pill = next(r for r in _shapes(variant, "rect") if r.get("rx"))
        left, width = float(pill["x"]), float(pill["width"])
        top = float(pill["y"])
        assert width >= 12 + 9 * 3  # trois chiffres gras de 14 unités : environ 9 unités chacun
        label = re.search(r'font-size="14" font-weight="bold" text-anchor="middle">(\d+)</text>', variant)
        assert label and label.group(1) == "123"
        star = _shapes(variant, "polygon")[0]
        cx, cy = map(float, re.search(r"translate\(([\d.]+) ([\d.]+)\)", star["transform"]).groups())
        scale = float(re.search(r"scale\(([\d.]+)\)", star["transform"]).group(1))
        star_box = (cx - 8.6 * scale, cy - 9 * scale, cx + 8.6 * scale, cy + 7.3 * scale)
        apart = star_box[2] < left or star_box[0] > left + width or star_box[3] < top
        assert apart, (star_box, pill)


def test_narrow_drawings_keep_text_readable_on_a_320_pixel_phone() -> None:
    """À 320 px, l'image étroite occupe environ 278 px : aucun texte sous 10 px (la revue en mesurait 5)."""
    events = [
        CalendarEvent(dt.date(2027, 4, 2), KIND_ACTION, "a"),
        CalendarEvent(dt.date(2028, 1, 2), KIND_TARGET, "b"),
    ]
    figure = calendar_figure(months_ahead(TODAY, events))
    wide, narrow = figure.split("<svg ")[1:]
    assert f'viewBox="0 0 {WIDTH} ' in wide and f'viewBox="0 0 {NARROW} ' in narrow
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', narrow)]
    assert sizes and min(sizes) * 278 / NARROW >= 10


# --- adresses imprimées et feuille de style ---------------------------------------------------------------


def test_printed_addresses_are_short_and_readable() -> None:
    search = "https://candidat.francetravail.fr/formations/recherche?quoi=Infirmier+en+soins+g%C3%A9n%C3%A9raux"
    assert printed_address(search) == "candidat.francetravail.fr/formations/recherche « Infirmier en soins généraux »"
    assert printed_address("https://www.moncompteformation.gouv.fr/") == "moncompteformation.gouv.fr"
    long = "https://unedic.org/l-assurance-chomage-et-vous/demandeur-d-emploi-ou-salarie/mes-droits-en-fonction"
    assert printed_address(long) == "unedic.org/…"
    assert printed_address("mailto:cep@example.fr") == "cep@example.fr"
    page = render_document(f"# P\n\n[Formations]({search})\n")
    assert f'data-adresse="{printed_address(search)}"' in page.replace("&quot;", '"').replace("&#x27;", "'")


def test_stylesheet_lets_long_list_items_break_and_keeps_charts_light() -> None:
    style = " ".join(render_document("# P\n").split("<style>", 1)[1].split("</style>", 1)[0].split())
    printed = style.split("@media print {", 1)[1]
    assert "figure.image, li:not(:has(ul, ol)) { break-inside: avoid; }" in printed
    assert ":root { color-scheme: only light; }" in style
    assert "forced-color-adjust: none" in style and "background: #fff" in style.split("figure.image svg {", 1)[1]
    assert '<meta name="color-scheme" content="only light">' in render_document("# P\n")


# --- avec un vrai navigateur --------------------------------------------------------------------------------


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Les lignes de pixels RGB(A) d'un PNG 8 bits non entrelacé (ce qu'écrit Chromium), sans bibliothèque."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, position = {}, 8
    idat = b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IDAT":
            idat += body
        chunks.setdefault(kind, body)
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6)
    size = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * size
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            a = line[i - size] if i >= size else 0
            b = previous[i]
            c = previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    return width, size, rows


@pytest.mark.skipif(browser() is None, reason="aucun navigateur Chromium sur cette machine")
def test_forced_dark_mode_keeps_chart_ink_on_a_light_background(tmp_path: Path) -> None:
    """Le thème sombre automatique de Chromium : les images restent encre foncée sur fond clair."""
    events = [CalendarEvent(TODAY + dt.timedelta(days=n * 9), KIND_ACTION, "a") for n in range(30)]
    figure = calendar_figure(months_ahead(TODAY, events))
    page = tmp_path / "images.html"
    page.write_text(render_document("# P\n", figures=[Figure(figure)] * 3), encoding="utf-8")
    shot = tmp_path / "sombre.png"
    profile = tmp_path / "profil-navigateur"
    profile.mkdir()
    command = [
        str(browser()), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--hide-scrollbars", "--window-size=800,900",
        "--force-dark-mode", "--enable-features=WebContentsForceDark", f"--screenshot={shot}", page.as_uri(),
    ]  # fmt: skip
    subprocess.run(command, capture_output=True, timeout=120, check=False)
    if not shot.exists():
        pytest.skip("Chromium n'a pas pu faire de capture ici")
    width, size, rows = _png_pixels(shot.read_bytes())
    light = dark = 0
    for line in rows[150:850]:  # le bas de la page, sous le titre : les images
        for x in range(40, min(width, 760) * size, size * 3):
            level = (line[x] + line[x + 1] + line[x + 2]) / 3
            light += level > 200
            dark += level < 60
    assert light > 0.6 * (light + dark), "le fond des images a été assombri"
    assert dark > 0.005 * (light + dark), "plus d'encre foncée dans les images"
