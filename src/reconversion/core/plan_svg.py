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
from reconversion.core.plan_calendar import KIND_LABELS, Calendar, month_name
from reconversion.core.riasec import InterestResult

INK = "#1a1a1a"
ACCENT = "#1f4e79"  # bleu foncé : contraste 8,6:1 sur blanc
LIGHT = "#dce8f5"
WIDTH = 640
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
    row = 46
    height = row * len(progress) + 2
    body, lines = [], []
    for index, item in enumerate(progress):
        y = index * row + 20
        mine = [a for a in actions if a.step_id == item.step.id]
        done = sum(1 for a in mine if a.done)
        title = _shorten(f"{index + 1}. {item.step.title}", 52)
        body.append(f'<text x="0" y="{y}" font-size="15" font-weight="bold" fill="{INK}">{text(title)}</text>')
        if mine:
            body.append(
                f'<text x="{WIDTH}" y="{y}" font-size="13" text-anchor="end" fill="{INK}">'
                f"actions faites : {done} sur {len(mine)}</text>"
            )
        bar_y, bar_width = y + 6, 500
        if item.applicable:
            share = item.answered / item.applicable
            percent = round(100 * share)
            body.append(_bar(0, bar_y, bar_width, 14, share))
            label = engine.STATE_LABELS[item.state]
            state = f"{percent} % · {label}"
            spoken = f"{item.answered} réponse{_s(item.answered)} sur {item.applicable} ({percent} %), {label}"
        else:
            body.append(
                f'<rect x="0.5" y="{bar_y}" width="{bar_width}" height="14" fill="none" stroke="{INK}" '
                'stroke-dasharray="4 3"/>'
            )
            state = "rien à répondre"
            spoken = "aucune question ne te concerne pour l'instant"
        body.append(f'<text x="{bar_width + 10}" y="{bar_y + 12}" font-size="13" fill="{INK}">{text(state)}</text>')
        if mine:
            spoken += f" ; actions faites : {done} sur {len(mine)}"
        lines.append(f"Étape {index + 1}, {item.step.title} : {spoken}.")
    svg = _svg(
        "etapes",
        height,
        "Avancement des étapes",
        " ".join(lines),
        "".join(body),
    )
    caption = "Pour chaque étape, la barre pleine montre la part des questions répondues."
    return _figure("figure-etapes", "Où tu en es", svg, caption)


# --- le profil d'intérêts ------------------------------------------------------------------------------


def interests_figure(test: InterestTest, result: InterestResult) -> str:
    """Six barres R, I, A, S, E, C : la moyenne des notes ; les lettres du code en plein, les autres hachurées."""
    high = max(test.scale_values)
    row, top = 34, 28
    label_width, bar_x, bar_width = 200, 210, 330
    code = result.code or ""
    body = [_pattern("interets")]
    for value in test.scale_values:
        x = bar_x + bar_width * value / high
        body.append(f'<text x="{x:.1f}" y="14" font-size="12" text-anchor="middle" fill="{INK}">{value}</text>')
        body.append(
            f'<line x1="{x:.1f}" y1="18" x2="{x:.1f}" y2="{top + row * 6 - 6}" stroke="{INK}" '
            'stroke-width="0.5" stroke-dasharray="2 3"/>'
        )
    spoken = []
    for index, dimension in enumerate(result.dimensions):
        y = top + index * row
        name = test.dimension(dimension.code).name
        in_code = dimension.code in code
        weight = "bold" if in_code else "normal"
        label = _shorten(f"{dimension.code} — {name}", 26)
        body.append(
            f'<text x="{label_width}" y="{y + 16}" font-size="14" font-weight="{weight}" text-anchor="end" '
            f'fill="{INK}">{text(label)}</text>'
        )
        mean = dimension.mean
        if mean is None:
            body.append(f'<text x="{bar_x}" y="{y + 16}" font-size="13" fill="{INK}">pas encore noté</text>')
            spoken.append(f"{dimension.code} ({name}) : pas encore noté")
            continue
        fill = ACCENT if in_code else "url(#interets-hachures)"
        width = bar_width * float(mean) / high
        body.append(f'<rect x="{bar_x}" y="{y + 3}" width="{width:.1f}" height="18" fill="{fill}" stroke="{INK}"/>')
        body.append(
            f'<text x="{bar_x + bar_width + 10}" y="{y + 16}" font-size="13" font-weight="{weight}" fill="{INK}">'
            f"{number(mean)} sur {high}</text>"
        )
        spoken.append(f"{dimension.code} ({name}) : {number(mean)} sur {high}")
    description = "Ton profil d'intérêts, moyenne de tes notes : " + " ; ".join(spoken) + "."
    if code:
        description += f" Ton code : {code}."
    else:
        count = result.answered
        description += f" Test en cours : {count} activité{_s(count)} notée{_s(count)} sur {result.total}."
    svg = _svg("interets", top + row * 6, "Ton profil d'intérêts (RIASEC)", description, "".join(body))
    caption = f"La moyenne de tes notes pour chaque famille d'intérêts, de 1 à {high}."
    if code:
        caption += f" En plein et en gras : les trois lettres de ton code, {code}."
    return _figure("figure-interets", "Ton profil d'intérêts", svg, caption)


# --- les mois à venir ------------------------------------------------------------------------------------


def calendar_figure(calendar: Calendar) -> str:
    """Une ligne par année, une case par mois : le nombre d'actions à faire, une étoile pour une date visée."""
    if calendar.empty:
        return ""
    cell_width, cell_height, left, top = 48, 40, 52, 22
    first, last = calendar.months[0], calendar.months[-1]
    years = list(range(first.year, last.year + 1))
    height = top + cell_height * len(years) + 4
    body = [_pattern("mois")]
    for column, label in enumerate(_MONTH_ABBREVIATIONS):
        x = left + column * cell_width + cell_width / 2
        body.append(f'<text x="{x:.0f}" y="14" font-size="12" text-anchor="middle" fill="{INK}">{label}</text>')
    for row, year in enumerate(years):
        body.append(
            f'<text x="0" y="{top + row * cell_height + 25}" font-size="14" font-weight="bold" '
            f'fill="{INK}">{year}</text>'
        )
    spoken = []
    for position, month in enumerate(calendar.months):
        x = left + (month.month - 1) * cell_width
        y = top + (month.year - first.year) * cell_height
        count = month.actions + month.overdue
        fill = "url(#mois-hachures)" if month.overdue else (LIGHT if count else "#fff")
        border = 3 if position == 0 else 1
        body.append(
            f'<rect x="{x + 1}" y="{y + 1}" width="{cell_width - 2}" height="{cell_height - 2}" fill="{fill}" '
            f'stroke="{INK}" stroke-width="{border}"/>'
        )
        if count:
            body.append(
                f'<circle cx="{x + 18}" cy="{y + 22}" r="12" fill="#fff" stroke="{INK}"/>'
                f'<text x="{x + 18}" y="{y + 27}" font-size="14" font-weight="bold" text-anchor="middle" '
                f'fill="{INK}">{count}</text>'
            )
        if month.targets:
            body.append(_star(x + 37, y + 13))
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
    svg = _svg("mois", height, "Les mois à venir", description, "".join(body))
    caption = ["Dans chaque case, le nombre d'actions à faire ce mois-là ; le cadre épais est le mois en cours."]
    if first.overdue:
        caption.append(
            f"Case hachurée : {first.overdue} action{_s(first.overdue)} en retard "
            f"{'y est comptée' if first.overdue == 1 else 'y sont comptées'}."
        )
    targets = [t for m in calendar.months for t in m.targets]
    if targets:
        listed = " ; ".join(_target_words(t.day, t.label) for t in targets)
        caption.append(f"★ : une date que tu vises ({listed}).")
    if calendar.later:
        caption.append(f"Plus tard : {_later_words(calendar)}.")
    return _figure("figure-mois", "Les mois à venir", svg, " ".join(caption))


def _month_words(actions: int, overdue: int, targets: Sequence[dt.date]) -> str:
    parts = []
    if actions + overdue:
        late = f", dont {overdue} en retard" if overdue else ""
        parts.append(f"{actions + overdue} action{_s(actions + overdue)} à faire{late}")
    parts += [f"date visée le {french_date(day.isoformat())}" for day in targets]
    return ", ".join(parts)


def _target_words(day: dt.date, label: str) -> str:
    return f"{french_date(day.isoformat())}, en réponse à « {label} »"


def _later_words(calendar: Calendar) -> str:
    return " ; ".join(f"{french_date(e.day.isoformat())} ({KIND_LABELS[e.kind]})" for e in calendar.later)


# --- petites briques -----------------------------------------------------------------------------------------


def _svg(name: str, height: int, title: str, description: str, body: str) -> str:
    return (
        f'<svg viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" role="img" '
        f'aria-labelledby="{name}-titre {name}-desc" class="graphique" font-family="inherit">'
        f'<title id="{name}-titre">{text(title)}</title><desc id="{name}-desc">{text(description)}</desc>'
        f"{body}</svg>"
    )


def _figure(name: str, title: str, svg: str, caption: str) -> str:
    """La légende vient en tête : un titre court en gras (pas un titre de section), puis comment lire l'image."""
    return (
        f'<figure class="image" id="{name}"><figcaption><strong>{text(title)}</strong> '
        f"<span>{text(caption)}</span></figcaption>{svg}</figure>"
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
    points = "0,-9 2.6,-3.2 8.6,-2.8 4,1.2 5.3,7.3 0,4 -5.3,7.3 -4,1.2 -8.6,-2.8 -2.6,-3.2"
    return (
        f'<polygon points="{points}" transform="translate({cx} {cy})" fill="{INK}" stroke="{INK}" '
        'stroke-linejoin="round"/>'
    )


def _shorten(value: str, limit: int) -> str:
    """Une ligne de SVG ne revient pas à la ligne : au-delà de `limit` caractères, « … ».

    Le texte entier reste dans la description de l'image et dans le plan lui-même.
    """
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def _s(count: int) -> str:
    return "s" if count > 1 else ""
