"""Le plan en page HTML autonome : le plan Markdown rendu par markdown-it-py, avec ses images, prêt à imprimer.

Une seule source pour ce que dit le plan : `plan_markdown.render_plan`. Ce module ne fait que
le convertir (markdown-it-py, sans HTML brut ni liens nus), le découper en sections à chaque
titre de niveau 2, et poser autour un cadre fixe : feuille de style, images SVG (voir
`plan_svg`), rien d'autre. Pas de JavaScript, aucune ressource externe ; une politique de
sécurité (CSP) dans la page l'interdit en plus au navigateur.

Le cadre est une simple chaîne : trois emplacements (titre, style, corps) ne justifient pas un
moteur de gabarits ; markdown-it-py échappe le contenu, `plan_svg.text` le reste.

Pur : aucune entrée-sortie. Importé seulement par `export --format html` (markdown-it-py coûte
au démarrage).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import parse_qsl, unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin

from reconversion.core.plan_svg import strip_controls, text

if TYPE_CHECKING:
    from reconversion.core.plan_data import Plan

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
PRINTED_ADDRESS_LIMIT = 60  # au-delà, l'adresse imprimée se réduit au site : recopiée à la main, elle serait fausse
HEADER = None  # emplacement d'une image : sous le résumé, avant la première section


class Figure(NamedTuple):
    """Une image (HTML déjà sûr, venu de `plan_svg`) et où la poser.

    `section` : le texte du titre de niveau 2 sous lequel la poser, ou `HEADER`.
    """

    html: str
    section: str | None = HEADER
    after_text: bool = False  # sous le texte de la section plutôt que sous son titre


def markdown_renderer() -> MarkdownIt:
    """CommonMark sans HTML brut, sans liens nus ni images ; cases à cocher ; liens http, https, mailto seuls."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.enable("table")  # le tableau des voies de financement
    md.use(tasklists_plugin)
    md.validateLink = _allowed_link  # type: ignore[method-assign]
    return md


def _allowed_link(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return False
    return bool(parts.netloc) or parts.scheme.lower() == "mailto"


def printed_address(url: str) -> str:
    """L'adresse qu'on imprime après un lien : courte, lisible, à retaper.

    Sans « https:// » ni « www. », les caractères accentués en clair ; une recherche dit ce qu'elle
    cherche (« candidat.francetravail.fr/formations/recherche « Infirmier » ») ; une adresse trop
    longue pour être recopiée se réduit à son site suivi de « /… » (le titre du lien dit la page).
    """
    parts = urlsplit(url)
    if parts.scheme.lower() == "mailto":
        return unquote(parts.path)
    host = parts.netloc.lower().removeprefix("www.")
    path = unquote(parts.path).rstrip("/")
    query = parse_qsl(parts.query)
    if len(query) == 1 and len(host + path) <= PRINTED_ADDRESS_LIMIT:
        return f"{host}{path} « {query[0][1]} »"
    if query or len(host + path) > PRINTED_ADDRESS_LIMIT:
        return f"{host}/…" if path else host
    return host + path


def render_plan_html(plan: Plan) -> str:
    """Le plan Markdown (seule source du contenu) en page HTML, avec les images tirées du même plan.

    Les images comptent les mêmes actions que le texte : celles de `plan.actions`, rassemblées une fois.
    """
    from reconversion.core.plan_calendar import months_ahead, plan_events
    from reconversion.core.plan_markdown import CHECKS_TITLE, INTERESTS_TITLE, PROGRESS_TITLE, render_plan, step_title
    from reconversion.core.plan_svg import calendar_figure, interests_figure, steps_figure
    from reconversion.core.plan_synthesis import SYNTHESIS_TITLE

    events = plan_events(plan.guide, plan.answers, plan.actions, plan.shared_contacts)
    figures = [
        Figure(steps_figure(plan.progress, plan.actions), PROGRESS_TITLE, after_text=True),
        Figure(calendar_figure(months_ahead(plan.today, events)), PROGRESS_TITLE, after_text=True),
    ]
    if plan.interests is not None:
        figures.append(Figure(interests_figure(plan.interests.test, plan.interests.result), INTERESTS_TITLE))
    classes = {SYNTHESIS_TITLE: "synthese", PROGRESS_TITLE: "resume", CHECKS_TITLE: "verifier"}
    classes |= {step_title(number, step): "etape" for number, step in enumerate(plan.guide.steps, start=1)}
    return render_document(render_plan(plan), figures=figures, classes=classes)


def render_document(
    markdown: str,
    *,
    figures: Sequence[Figure] = (),
    step_sections: int = 0,
    first_step: int = 1,
    classes: Mapping[str, str] | None = None,
) -> str:
    """La page complète. Les sections `first_step` à `first_step + step_sections - 1` (les étapes)
    commencent une page à l'impression ; `classes` donne une classe de style à une section, par son titre
    (la synthèse : `synthese`, seule sur la première page imprimée)."""
    md = markdown_renderer()
    styles = {_key(title): style for title, style in (classes or {}).items()}
    tokens = md.parse(strip_controls(markdown))
    groups = _split(tokens)
    header_tokens, sections = groups[0], groups[1:]
    title = _plain(header_tokens[1]) if len(header_tokens) > 1 and header_tokens[0].tag == "h1" else "Plan"
    if header_tokens and header_tokens[0].type == "heading_open":
        header_tokens[0].attrSet("id", "titre")
    parts = ['<header class="entete">', _render(md, header_tokens)]
    parts += [f.html for f in figures if f.section is HEADER]
    parts.append("</header>")
    for number, group in enumerate(sections, start=1):
        anchor = f"section-{number}"
        group[0].attrSet("id", anchor)
        heading = _plain(group[1])
        style = styles.get(_key(heading)) or ("etape" if first_step <= number < first_step + step_sections else "")
        kind = f' class="{text(style)}"' if style else ""
        parts.append(f'<section{kind} aria-labelledby="{anchor}">')
        closing = next(i for i, t in enumerate(group) if t.type == "heading_close")
        parts.append(_render(md, group[: closing + 1]))
        here = [f for f in figures if f.section is not HEADER and _key(f.section) == _key(heading)]
        parts += [f.html for f in here if not f.after_text]
        parts.append(_render(md, group[closing + 1 :]))
        parts += [f.html for f in here if f.after_text]
        parts.append("</section>")
    return _page(title, "\n".join(part for part in parts if part))


def _key(heading: str | None) -> str:
    """Un titre comparé sans ses espaces (le plan met des insécables avant « : », « ? »…)."""
    return " ".join((heading or "").split())


def _split(tokens: list[Token]) -> list[list[Token]]:
    """L'en-tête, puis une liste de jetons par titre de niveau 2 (hors des listes : niveau 0)."""
    groups: list[list[Token]] = [[]]
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
            groups.append([])
        groups[-1].append(token)
    return groups


def _plain(inline: Token) -> str:
    """Le texte lu d'un titre (échappements Markdown résolus)."""
    return "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))


def _render(md: MarkdownIt, tokens: list[Token]) -> str:
    env: dict[str, Any] = {}
    for token in _walk(tokens):
        href = token.attrGet("href") if token.type == "link_open" else None
        if isinstance(href, str):
            token.attrSet("data-adresse", printed_address(href))
    return md.renderer.render(tokens, md.options, env).strip() if tokens else ""


def _walk(tokens: list[Token]) -> list[Token]:
    """Les jetons et leurs enfants (les liens sont dans les enfants des jetons `inline`)."""
    found: list[Token] = []
    for token in tokens:
        found.append(token)
        found += _walk(token.children or [])
    return found


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="color-scheme" content="only light">\n'
        f"<title>{text(title)}</title>\n<style>\n{STYLE}</style>\n</head>\n"
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


STYLE = """\
/* Une page claire, même si le navigateur force un thème sombre : les images gardent leur encre. */
:root { color-scheme: only light; }
html { background: #fff; }
body {
  margin: 0 auto; max-width: 48rem; padding: 1.5rem 1.25rem 3rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  font-size: 1rem; line-height: 1.55; color: #1a1a1a; background: #fff;
}
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .75rem; color: #1f4e79; }
h2 {
  font-size: 1.45rem; line-height: 1.25; margin: 2.5rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 3px solid #1f4e79; color: #1f4e79;
}
h3 { font-size: 1.12rem; margin: 1.5rem 0 .5rem; }
p, li { overflow-wrap: break-word; }
a { color: #0b4f9c; }
code {
  font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em;
  background: #f1f3f5; border: 1px solid #c9ced4; border-radius: 3px; padding: 0 .25em; overflow-wrap: anywhere;
}
ul, ol { padding-left: 1.5rem; }
li { margin: .2rem 0; }
.contains-task-list { list-style: none; padding-left: .25rem; }
.task-list-item { padding-left: 1.6em; text-indent: -1.6em; }  /* la suite d'une action longue s'aligne sur son texte */
.task-list-item > * { text-indent: 0; }
.task-list-item-checkbox {
  appearance: none; -webkit-appearance: none; width: 1.05em; height: 1.05em; margin: 0 .55em 0 0;
  vertical-align: -.18em; border: 2px solid #1a1a1a; border-radius: 2px; background: #fff;
}
.task-list-item-checkbox:checked { background: #1a1a1a; box-shadow: inset 0 0 0 .17em #fff; }
.entete > ul, .resume > ul:first-of-type {
  list-style: none; padding: .75rem 1rem; border: 1px solid #c9ced4; border-left: 6px solid #1f4e79;
}
/* La synthèse : un bloc serré, cadré comme un résumé ; imprimée, elle tient seule sur la première page. */
section.synthese { padding: 0 1rem .5rem; border: 1px solid #c9ced4; border-left: 6px solid #1f4e79; }
section.synthese h2 { margin-top: 1rem; }
section.synthese p { margin: .6rem 0 .2rem; }
section.synthese ul, section.synthese ol { margin: .2rem 0; }
section.synthese li { margin: .1rem 0; }
figure.image { margin: 1.25rem 0; padding: .75rem; border: 1px solid #c9ced4; border-radius: 6px; }
figure.image svg {
  display: block; width: 100%; height: auto; background: #fff; color: #1a1a1a; forced-color-adjust: none;
}
/* Chaque image existe en deux dessins : large (écran, impression) et étroit (téléphone), jamais les deux à la fois. */
figure.image svg.etroit { display: none; }
@media screen and (max-width: 32rem) {
  body { padding: 1rem .75rem 2rem; }
  h1 { font-size: 1.5rem; }
  h2 { font-size: 1.3rem; }
  section.synthese { padding: 0 .6rem .4rem; border-left-width: 4px; }
  section.synthese ul, section.synthese ol { padding-left: 1.1rem; }
  figure.image { padding: .5rem; margin: 1rem 0; }
  figure.image svg.large { display: none; }
  figure.image svg.etroit { display: block; }
}
figcaption { font-size: .9rem; margin-bottom: .6rem; }
figcaption strong { display: block; font-size: 1.05rem; }
@page { size: A4; margin: 16mm 15mm 18mm; }
@media print {
  html, body { background: #fff; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  h1, h2 { color: #000; border-color: #000; }
  h2, h3 { break-after: avoid; }
  section.etape { break-before: page; }
  /* « À vérifier », court, déborde souvent de la page de l'avancement : l'étape 1 le suit sur la même page. */
  section.verifier + section.etape { break-before: auto; }
  h1 { font-size: 18pt; margin-bottom: 2mm; }
  section.synthese { break-after: page; font-size: 9.5pt; line-height: 1.32; padding: 0 4mm 2mm; }
  section.synthese p { margin: 2.2mm 0 .6mm; }
  section.synthese h2 { margin-top: 3mm; }
  section.synthese a[data-adresse]::after { content: none; }
  /* Une puce qui contient une liste (un métier et ses compétences) peut se couper : sinon des pages presque vides. */
  figure.image, li:not(:has(ul, ol)) { break-inside: avoid; }
  figure.image { margin: 4mm 0; padding: 3mm; }
  figure.image svg { max-height: 78mm; }
  a { color: #000; }
  a[data-adresse]::after { content: " (" attr(data-adresse) ")"; font-size: .85em; overflow-wrap: anywhere; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
