"""Les images du plan HTML, en SVG écrit à la main : avancement des étapes, profil d'intérêts, mois à venir.

Pur (aucune entrée-sortie) et déterministe. Chaque image est une `<figure>` : un `<svg role="img">`
avec `<title>` et `<desc>` (la description donne toutes les valeurs, pour un lecteur d'écran),
et une légende visible. Lisible en noir et blanc : les valeurs sont écrites en chiffres, et ce
qui se distingue par la couleur se distingue aussi par un motif (hachures) ou un cadre.

Tout texte (titres du guide, actions, libellés) est échappé ici : un guide modifié à la main ou
une sauvegarde importée ne peut rien injecter dans le document.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Sequence

from reconversion.core import engine
from reconversion.core.catalogue import InterestTest
from reconversion.core.dates import french_date
from reconversion.core.followup import ActionItem
from reconversion.core.french_count import count_of
from reconversion.core.plan_calendar import KIND_LABELS, Calendar, Month, month_name
from reconversion.core.riasec import InterestResult

INK = "#1a1a1a"
ACCENT = "#1f4e79"  # bleu foncé : contraste 8,6:1 sur blanc
LIGHT = "#dce8f5"
WIDTH = 640
NARROW = 340  # le dessin pour téléphone : à 320 px de large, ses textes gardent 10 px au moins
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MONTH_ABBREVIATIONS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip


def strip_controls(value: str) -> str:
    """Sans caractères de contrôle (ESC, BEL, NUL…) : invisibles, et fautes d'analyse en HTML."""
    return _CONTROLS.sub("", value)


def text(value: object) -> str:
    """Du texte sûr dans du HTML ou du SVG : caractères de contrôle retirés, `<>&"'` échappés."""
    return html.escape(strip_controls(str(value)), quote=True)


def number(value: float) -> str:
    """« 3,8 » : un chiffre après la virgule, à la française."""
    return f"{value:.1f}".replace(".", ",")


# --- les étapes --------------------------------------------------------------------------------------


def steps_figure(progress: Sequence[engine.StepProgress], actions: Sequence[ActionItem]) -> str:
    """Une barre par étape : la part des questions répondues, l'état, et les actions faites."""
    rows, lines = [], []
    for index, item in enumerate(progress):
        mine = [a for a in actions if a.step_id == item.step.id]
        done = sum(1 for a in mine if a.done)
        counted = f"actions faites : {done} sur {len(mine)}" if mine else ""
        if item.applicable:
            share: float | None = item.answered / item.applicable
            percent = round(100 * item.answered / item.applicable)
            label = engine.STATE_LABELS[item.state]
            state = f"{percent} % · {label}"
            spoken = f"{count_of(item.answered, 'réponse')} sur {item.applicable} ({percent} %), {label}"
        else:
            share, state = None, "rien à répondre"
            spoken = "aucune question ne te concerne pour l'instant"
        if mine:
            spoken += f" ; {counted}"
        lines.append(f"Étape {index + 1}, {item.step.title} : {spoken}.")
        rows.append((f"{index + 1}. {item.step.title}", share, state, counted))
    description = " ".join(lines)
    wide = _svg("etapes", 46 * len(rows) + 2, "Avancement des étapes", description, _steps_wide(rows))
    narrow = _svg(
        "etapes-etroit", 64 * len(rows) + 2, "Avancement des étapes", description, _steps_narrow(rows), NARROW
    )
    caption = "Pour chaque étape, la barre pleine montre la part des questions répondues."
    return _figure("figure-etapes", "Où tu en es", wide, narrow, caption)


_StepRow = tuple[str, float | None, str, str]  # titre, part répondue (None : rien à répondre), état, actions


def _steps_wide(rows: Sequence[_StepRow]) -> str:
    body = []
    for index, (title, share, state, counted) in enumerate(rows):
        y = index * 46 + 20
        body.append(f'<text x="0" y="{y}" font-size="15" font-weight="bold">{text(_shorten(title, 52))}</text>')
        if counted:
            body.append(f'<text x="{WIDTH}" y="{y}" font-size="13" text-anchor="end">{text(counted)}</text>')
        body.append(_progress_bar(0, y + 6, 500, share))
        body.append(f'<text x="510" y="{y + 18}" font-size="13">{text(state)}</text>')
    return "".join(body)


def _steps_narrow(rows: Sequence[_StepRow]) -> str:
    """Sur un téléphone : le titre, la barre sur toute la largeur, puis l'état et les actions sur une ligne."""
    body = []
    for index, (title, share, state, counted) in enumerate(rows):
        y = index * 64 + 17
        body.append(f'<text x="0" y="{y}" font-size="16" font-weight="bold">{text(_shorten(title, 34))}</text>')
        body.append(_progress_bar(0, y + 6, NARROW - 1, share))
        body.append(f'<text x="0" y="{y + 40}" font-size="15">{text(state)}</text>')
        if counted:
            body.append(f'<text x="{NARROW}" y="{y + 40}" font-size="15" text-anchor="end">{text(counted)}</text>')
    return "".join(body)


def _progress_bar(x: float, y: float, width: float, share: float | None) -> str:
    if share is None:
        return (
            f'<rect x="{x + 0.5}" y="{y}" width="{width}" height="14" fill="none" stroke="{INK}" '
            'stroke-dasharray="4 3"/>'
        )
    return _bar(x, y, width, 14, share)


# --- le profil d'intérêts ------------------------------------------------------------------------------


def interests_figure(test: InterestTest, result: InterestResult) -> str:
    """Six barres R, I, A, S, E, C : la moyenne des notes ; les lettres du code en plein, les autres hachurées."""
    high = max(test.scale_values)
    code = result.code or ""
    rows: list[_InterestRow] = []
    spoken = []
    for dimension in result.dimensions:
        name = test.dimension(dimension.code).name
        mean = None if dimension.mean is None else float(dimension.mean)
        rows.append((f"{dimension.code} — {name}", mean, dimension.code in code))
        if mean is None:
            spoken.append(f"{dimension.code} ({name}) : pas encore noté")
        else:
            spoken.append(f"{dimension.code} ({name}) : {number(mean)} sur {high}")
    description = "Ton profil d'intérêts, moyenne de tes notes : " + " ; ".join(spoken) + "."
    if code:
        description += f" Ton code : {code}."
    else:
        description += f" Test en cours : {count_of(result.answered, 'activité notée')} sur {result.total}."
    title = "Ton profil d'intérêts (RIASEC)"
    wide = _svg("interets", 28 + 34 * 6, title, description, _interests_wide(rows, test.scale_values, high))
    narrow = _svg("interets-etroit", 50 * 6, title, description, _interests_narrow(rows, high), NARROW)
    caption = f"La moyenne de tes notes pour chaque famille d'intérêts, de 1 à {high}."
    if code:
        caption += f" En plein et en gras : les trois lettres de ton code, {code}."
    return _figure("figure-interets", "Ton profil d'intérêts", wide, narrow, caption)


_InterestRow = tuple[str, float | None, bool]  # « S — Social », moyenne (None : pas encore noté), dans le code


def _interests_wide(rows: Sequence[_InterestRow], scale: Sequence[int], high: int) -> str:
    row, top = 34, 28
    label_width, bar_x, bar_width = 200, 210, 330
    body = [_pattern("interets")]
    for value in scale:
        x = bar_x + bar_width * value / high
        body.append(f'<text x="{x:.1f}" y="14" font-size="12" text-anchor="middle">{value}</text>')
        body.append(
            f'<line x1="{x:.1f}" y1="18" x2="{x:.1f}" y2="{top + row * 6 - 6}" stroke="{INK}" '
            'stroke-width="0.5" stroke-dasharray="2 3"/>'
        )
    for index, (label, mean, in_code) in enumerate(rows):
        y = top + index * row
        weight = "bold" if in_code else "normal"
        body.append(
            f'<text x="{label_width}" y="{y + 16}" font-size="14" font-weight="{weight}" text-anchor="end">'
            f"{text(_shorten(label, 26))}</text>"
        )
        if mean is None:
            body.append(f'<text x="{bar_x}" y="{y + 16}" font-size="13">pas encore noté</text>')
            continue
        body.append(_interest_bar(bar_x, y + 3, bar_width * mean / high, in_code, "interets"))
        body.append(
            f'<text x="{bar_x + bar_width + 10}" y="{y + 16}" font-size="13" font-weight="{weight}">'
            f"{number(mean)} sur {high}</text>"
        )
    return "".join(body)


def _interests_narrow(rows: Sequence[_InterestRow], high: int) -> str:
    """Sur un téléphone : le nom de la famille au-dessus de sa barre, la note écrite au bout."""
    bar_width = 240
    body = [_pattern("interets-etroit")]
    for index, (label, mean, in_code) in enumerate(rows):
        y = index * 50 + 16
        weight = "bold" if in_code else "normal"
        body.append(f'<text x="0" y="{y}" font-size="16" font-weight="{weight}">{text(_shorten(label, 34))}</text>')
        if mean is None:
            body.append(f'<text x="0" y="{y + 24}" font-size="15">pas encore noté</text>')
            continue
        body.append(_interest_bar(0.5, y + 8, bar_width * mean / high, in_code, "interets-etroit"))
        body.append(
            f'<text x="{bar_width + 8}" y="{y + 23}" font-size="15" font-weight="{weight}">'
            f"{number(mean)} sur {high}</text>"
        )
    return "".join(body)


def _interest_bar(x: float, y: float, width: float, in_code: bool, pattern: str) -> str:
    fill = ACCENT if in_code else f"url(#{pattern}-hachures)"
    return f'<rect x="{x}" y="{y}" width="{width:.1f}" height="18" fill="{fill}" stroke="{INK}"/>'


# --- les mois à venir ------------------------------------------------------------------------------------


def calendar_figure(calendar: Calendar) -> str:
    """Une ligne par année, une case par mois : le nombre d'actions à faire, une étoile pour une date visée."""
    if calendar.empty:
        return ""
    first, last = calendar.months[0], calendar.months[-1]
    spoken = []
    for month in calendar.months:
        said = _month_words(month.actions, month.overdue, [t.day for t in month.targets])
        if said:
            spoken.append(f"{month_name(month.year, month.month)} : {said}")
    description = (
        f"Les mois à venir, de {month_name(first.year, first.month)} à {month_name(last.year, last.month)}. "
        + (" ; ".join(spoken) + "." if spoken else "")
        + " Les autres mois : rien de daté."
    )
    if calendar.later:
        description += f" Plus tard : {_later_words(calendar)}."
    years = last.year - first.year + 1
    wide = _svg("mois", 22 + 40 * years + 4, "Les mois à venir", description, _calendar_wide(calendar))
    halves = _calendar_halves(calendar)
    narrow_body = _calendar_narrow(calendar, halves)
    narrow = _svg(
        "mois-etroit", 26 * years + 54 * len(halves) + 4, "Les mois à venir", description, narrow_body, NARROW
    )
    caption = ["Dans chaque case, le nombre d'actions à faire ce mois-là ; le cadre épais est le mois en cours."]
    if first.overdue:
        caption.append(
            f"Case hachurée : {count_of(first.overdue, 'action en retard')} "
            f"{'y est comptée' if first.overdue == 1 else 'y sont comptées'}."
        )
    targets = [t for m in calendar.months for t in m.targets]
    if targets:
        listed = " ; ".join(_target_words(t.day, t.label) for t in targets)
        caption.append(f"★ : une date que tu vises — {listed}.")
    if calendar.later:
        caption.append(f"Plus tard : {_later_words(calendar)}.")
    return _figure("figure-mois", "Les mois à venir", wide, narrow, " ".join(caption))


def _calendar_wide(calendar: Calendar) -> str:
    """Douze colonnes, une ligne par année, les mois écrits au-dessus."""
    cell_width, cell_height, left, top = 48, 40, 52, 22
    first_year = calendar.months[0].year
    body = [_pattern("mois")]
    for column, label in enumerate(_MONTH_ABBREVIATIONS):
        x = left + column * cell_width + cell_width / 2
        body.append(f'<text x="{x:.0f}" y="14" font-size="12" text-anchor="middle">{label}</text>')
    for row in range(calendar.months[-1].year - first_year + 1):
        y = top + row * cell_height + 25
        body.append(f'<text x="0" y="{y}" font-size="14" font-weight="bold">{first_year + row}</text>')
    for position, month in enumerate(calendar.months):
        x = left + (month.month - 1) * cell_width
        y = top + (month.year - first_year) * cell_height
        body.append(_month_cell(month, x, y, cell_width, cell_height, current=position == 0, pattern="mois"))
    return "".join(body)


def _calendar_halves(calendar: Calendar) -> list[tuple[int, int]]:
    """Les semestres (année, 0 ou 1) qui ont au moins un mois du calendrier, dans l'ordre."""
    return sorted({(m.year, (m.month - 1) // 6) for m in calendar.months})


def _calendar_narrow(calendar: Calendar, halves: Sequence[tuple[int, int]]) -> str:
    """Sur un téléphone : six mois par ligne, l'année en tête de ses lignes, le mois écrit dans sa case."""
    cell_width, cell_height = NARROW / 6, 52
    body = [_pattern("mois-etroit")]
    rows: dict[tuple[int, int], float] = {}
    y = 0.0
    for year, half in halves:
        if half == 0 or (year, 0) not in rows:
            y += 26
            body.append(f'<text x="0" y="{y - 8:.0f}" font-size="16" font-weight="bold">{year}</text>')
        rows[(year, half)] = y
        y += cell_height + 2
    for position, month in enumerate(calendar.months):
        half = (month.month - 1) // 6
        x = ((month.month - 1) % 6) * cell_width
        top = rows[(month.year, half)]
        body.append(_month_cell(month, x, top, cell_width, cell_height, current=position == 0, pattern="mois-etroit"))
        body.append(
            f'<text x="{x + 5:.1f}" y="{top + 16:.0f}" font-size="13">{_MONTH_ABBREVIATIONS[month.month - 1]}</text>'
        )
    return "".join(body)


def _month_cell(month: Month, x: float, y: float, width: float, height: float, *, current: bool, pattern: str) -> str:
    """Une case : le nombre d'actions dans une pastille en bas (trois chiffres tiennent), l'étoile en haut à droite."""
    count = month.actions + month.overdue
    fill = f"url(#{pattern}-hachures)" if month.overdue else (LIGHT if count else "#fff")
    parts = [
        f'<rect x="{x + 1:.1f}" y="{y + 1:.1f}" width="{width - 2:.1f}" height="{height - 2}" fill="{fill}" '
        f'stroke="{INK}" stroke-width="{3 if current else 1}"/>'
    ]
    if count:
        digits = len(str(count))
        pill = 12 + 9 * digits
        center = x + width / 2
        bottom = y + height - 4
        parts.append(
            f'<rect x="{center - pill / 2:.1f}" y="{bottom - 19:.1f}" width="{pill}" height="19" rx="9.5" '
            f'fill="#fff" stroke="{INK}"/>'
            f'<text x="{center:.1f}" y="{bottom - 4.5:.1f}" font-size="14" font-weight="bold" '
            f'text-anchor="middle">{count}</text>'
        )
    if month.targets:
        parts.append(_star(x + width - 9, y + 11))
    return "".join(parts)


def _month_words(actions: int, overdue: int, targets: Sequence[dt.date]) -> str:
    parts = []
    if actions + overdue:
        late = f", dont {overdue} en retard" if overdue else ""
        parts.append(f"{count_of(actions + overdue, 'action')} à faire{late}")
    parts += [f"date visée le {french_date(day.isoformat())}" for day in targets]
    return ", ".join(parts)


def _target_words(day: dt.date, label: str) -> str:
    return f"{french_date(day.isoformat())} ({label})"


def _later_words(calendar: Calendar) -> str:
    return " ; ".join(f"{french_date(e.day.isoformat())} ({KIND_LABELS[e.kind]})" for e in calendar.later)


# --- petites briques -----------------------------------------------------------------------------------------


def _svg(name: str, height: float, title: str, description: str, body: str, width: int = WIDTH) -> str:
    """Le dessin large (`WIDTH`) ou étroit (`NARROW`) ; la feuille de style du plan n'en montre qu'un.

    L'encre est posée sur le `<svg>` (tout texte en hérite) et le fond est blanc : un thème
    sombre forcé par le navigateur ne rend aucun texte illisible.
    """
    variant = "large" if width == WIDTH else "etroit"
    return (
        f'<svg viewBox="0 0 {width} {height:.0f}" width="{width}" height="{height:.0f}" role="img" '
        f'aria-labelledby="{name}-titre {name}-desc" class="graphique {variant}" font-family="inherit" '
        f'fill="{INK}">'
        f'<title id="{name}-titre">{text(title)}</title><desc id="{name}-desc">{text(description)}</desc>'
        f"{body}</svg>"
    )


def _figure(name: str, title: str, wide: str, narrow: str, caption: str) -> str:
    """La légende vient en tête : un titre court en gras (pas un titre de section), puis comment lire l'image.

    Espaces insécables de la typographie française partout (légende, description, textes des dessins),
    comme dans le texte du plan : une ligne de légende ne commence jamais par « ; ».
    """
    from reconversion.core.plan_markdown import french_spaces

    return french_spaces(
        f'<figure class="image" id="{name}"><figcaption><strong>{text(title)}</strong> '
        f"<span>{text(caption)}</span></figcaption>{wide}{narrow}</figure>"
    )


def _pattern(name: str) -> str:
    """Des hachures : ce qui se distingue en couleur se distingue aussi imprimé en noir et blanc."""
    return (
        f'<defs><pattern id="{name}-hachures" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{ACCENT}" stroke-width="2.5"/></pattern></defs>'
    )


def _bar(x: float, y: float, width: float, height: float, share: float) -> str:
    """Un cadre et sa part remplie en plein : lisible aussi en noir et blanc."""
    filled = max(0.0, min(1.0, share)) * width
    frame = f'<rect x="{x + 0.5}" y="{y}" width="{width}" height="{height}" fill="#fff" stroke="{INK}"/>'
    if not filled:
        return frame
    return frame + f'<rect x="{x + 0.5}" y="{y}" width="{filled:.1f}" height="{height}" fill="{ACCENT}"/>'


def _star(cx: float, cy: float) -> str:
    """Une étoile de 12 unités de large, dans le coin de la case : elle ne couvre jamais le nombre."""
    points = "0,-9 2.6,-3.2 8.6,-2.8 4,1.2 5.3,7.3 0,4 -5.3,7.3 -4,1.2 -8.6,-2.8 -2.6,-3.2"
    return (
        f'<polygon points="{points}" transform="translate({cx:.1f} {cy:.1f}) scale(0.7)" fill="{INK}" '
        f'stroke="{INK}" stroke-linejoin="round"/>'
    )


def _shorten(value: str, limit: int) -> str:
    """Une ligne de SVG ne revient pas à la ligne : au-delà de `limit` caractères, « … ».

    Le texte entier reste dans la description de l'image et dans le plan lui-même.
    """
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
