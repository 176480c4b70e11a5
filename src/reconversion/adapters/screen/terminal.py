"""La seule couture entre le programme et le terminal : tout ce qui s'affiche passe par ici.

- `inert` (de `core/text_safety`, seul nom de cette règle) retire d'un texte tout ce qui pourrait
  piloter le terminal : séquences ESC, CSI et OSC (titre de fenêtre, effacement, texte caché,
  faux liens), caractères de contrôle C0 et C1 (8 bits), inversions bidirectionnelles. Une action,
  un contact, un libellé du ROME ou un argument ne peuvent donc rien faire d'autre que s'afficher.
- `install` (appelé par `cli.main`) enveloppe `sys.stdout` et `sys.stderr` : chaque `print`
  est nettoyé ; un terminal qui ne sait pas tout afficher (ASCII, Latin-1) reçoit des
  équivalents (« » → ", — → -, cadres → + - |) au lieu d'une erreur ; une sortie fermée ou un
  tube coupé (`| head`) ne produisent ni message ni trace (code `errors.BROKEN_PIPE`).
- `styled_stdout` et `console` sont réservés aux rendus mis en forme (couleurs, cadres, liens),
  qui nettoient eux-mêmes chaque texte venu des données (`SafeConsole`).
- Les invites (questionary/prompt_toolkit) écrivent directement les octets du terminal et
  affichent elles-mêmes les caractères de contrôle saisis en notation ^X.
- `prompt_style` choisit, à un seul endroit, entre les listes à flèches (« full ») et le mode
  simple (« simple ») : des lignes lues une à une (`read_line`), sans couleur, sans cadre et sans
  déplacement du curseur, pour un lecteur d'écran, un afficheur braille ou un terminal minimal.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import unicodedata
from typing import Any, TextIO

from reconversion.core.lazy_pattern import LazyPattern
from reconversion.core.spoken import spoken
from reconversion.core.text_safety import inert, one_line
from reconversion.core.text_wrap import COMMAND, GLUED, french_spacing, wrap_text

_ERRORS = "reconversion-ascii"

_ASCII = {
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "‹": "<", "›": ">",
    "—": "-", "–": "-", "‑": "-", "−": "-", "…": "...", "•": "*", "·": ".", "◦": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u200b": "",
    "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "€": "EUR", "°": "o",
    "→": "->", "←": "<-", "↩": "<-", "⇒": "=>", "✓": "v", "✔": "v", "✗": "x", "✘": "x",
    "☐": "[ ]", "☑": "[x]", "☒": "[x]", "ℹ": "i", "█": "#", "▓": "#", "▒": ":", "░": ".",
    "━": "-", "─": "-", "═": "=", "│": "|", "┃": "|", "║": "|",
}  # fmt: skip
_INNER_QUOTE_SPACES = LazyPattern("(«)[ \u00a0\u202f]|[ \u00a0\u202f](»)")
_TRAILING_SPACES = LazyPattern(r"[ \t]+(?=\r?\n)")  # le remplissage de rich : des cases vides en braille
_BOX_CORNERS = "┌┐└┘├┤┬┴┼╭╮╯╰╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋"


SIMPLE_ENV = "RECONVERSION_SIMPLE"
_simple_mode = False
_simple_flag = False  # le mode simple demandé par `--simple` (et non par l'environnement)


def prompt_style(simple: bool = False) -> str:
    """« simple » (lignes numérotées) ou « full » (listes à flèches) : `--simple`, RECONVERSION_SIMPLE=1 ou TERM=dumb.

    Le mode simple choisi vaut pour toute la suite de la commande : les consoles rich créées
    ensuite (`console`) écrivent sans couleur, sans lien et sans ligne de séparation.
    """
    global _simple_mode, _simple_flag
    wanted = os.environ.get(SIMPLE_ENV, "").strip().lower() not in ("", "0", "non", "no", "false")
    _simple_flag = _simple_flag or simple
    if simple or wanted or _simple_mode or os.environ.get("TERM") == "dumb":
        _simple_mode = True
        return "simple"
    return "full"


def simple_mode() -> bool:
    """Vrai quand la commande pose ses questions en mode simple (voir `prompt_style`)."""
    return _simple_mode


def simple_by_flag() -> bool:
    """Vrai quand le mode simple vient de `--simple` (à redire dans les commandes conseillées) ;
    RECONVERSION_SIMPLE et TERM=dumb, eux, valent aussi pour la commande suivante."""
    return _simple_flag


def read_line(prompt: str = "", *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> str:
    """Une ligne tapée au clavier, sans son retour à la ligne ; EOFError quand l'entrée est fermée.

    Lue directement sur l'entrée standard, sans `readline` : aucune séquence d'écran n'est
    écrite (le terminal fait lui-même l'écho et l'effacement). Ctrl-C lève KeyboardInterrupt ;
    des octets que ni UTF-8 ni l'encodage du terminal ne lisent lèvent UnicodeDecodeError.
    """
    out = stdout or sys.stdout
    source = stdin or sys.stdin
    if prompt:
        out.write(prompt)
    out.flush()
    raw = getattr(source, "buffer", None)
    if raw is not None:  # des octets : UTF-8 d'abord (même sous LANG=C), sinon l'encodage déclaré
        data = raw.readline()
        try:
            line = data.decode("utf-8")
        except UnicodeDecodeError:
            line = data.decode(getattr(source, "encoding", None) or "utf-8")
    else:
        line = source.readline()
    if isinstance(out, SafeStream):
        out._column = 0  # la personne a tapé Entrée : le terminal est revenu en début de ligne
    if not line:
        raise EOFError
    return line.rstrip("\r\n")


def inline(text: object) -> str:
    """`core.text_safety.one_line`, pour une ligne mise en forme par rich : son balisage y reste du texte."""
    from rich.markup import escape

    return escape(one_line(text))


def ascii_equivalent(char: str) -> str:
    """Un équivalent lisible en ASCII : guillemets, tirets, cadres, lettres sans accent ; symboles retirés."""
    if char in _ASCII:
        return _ASCII[char]
    if char in _BOX_CORNERS:
        return "+"
    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return base


def _replace_unencodable(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start : error.end]
    encoding = error.encoding or "ascii"
    out = []
    for char in chunk:
        candidate = ascii_equivalent(char)
        try:
            candidate.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            candidate = "?"
        out.append(candidate)
    return "".join(out), error.end


codecs.register_error(_ERRORS, _replace_unencodable)


class SafeStream(io.TextIOBase):
    """Un flux de texte qui nettoie tout ce qu'on y écrit avant de le passer au vrai flux."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw
        encoding = (getattr(raw, "encoding", "") or "utf-8").lower()
        self._unicode = encoding.startswith("utf")
        self._wrap = _is_tty(raw)
        self._column = 0

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # comme un vrai flux texte : click sonde ainsi le type du flux
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        clean = inert(text)
        if _simple_mode:  # un lecteur d'écran : des mots plutôt que des symboles (« ☐ » → « À faire : »)
            clean = _TRAILING_SPACES.sub("", spoken(clean))
        if self._wrap:  # à l'écran : coupé entre les mots, espaces insécables à la française
            clean, self._column = wrap_text(french_spacing(clean), width(), self._column)
        if not self._unicode:  # « texte » devient "texte", sans les espaces intérieures
            clean = _INNER_QUOTE_SPACES.sub(lambda m: m.group(1) or m.group(2), clean)
        self.raw.write(clean)
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.raw, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.raw, "errors", None)

    @property
    def buffer(self) -> Any:
        """Le flux d'octets : prompt_toolkit y écrit directement ses séquences d'écran."""
        return self.raw.buffer  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def can_ask() -> bool:
    """Peut-on poser une question ? Il faut un terminal en entrée (sinon : scripts, tubes, tests)."""
    return _is_tty(sys.stdin)


def output_is_terminal() -> bool:
    """La sortie va-t-elle à l'écran d'une personne (et non à un programme, un tube, un fichier) ?"""
    return _is_tty(sys.stdout)


def _is_tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def width() -> int:
    """La largeur du terminal (COLUMNS d'abord, comme le veut l'usage), 80 si on ne sait pas."""
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 20)


def styled_line(line: str = "") -> None:
    """Une ligne mise en forme (codes de couleur compris) vers le vrai terminal, coupée entre les mots.

    Les données qu'elle contient doivent déjà être nettoyées (`inert`) : les couleurs, elles,
    passent telles quelles.
    """
    stream = styled_stdout()
    if _simple_mode:
        line = spoken(line)
    if _is_tty(stream):
        line = wrap_text(french_spacing(line), width())[0]
    stream.write(line + "\n")


def _prepare(stream: TextIO | None) -> TextIO | None:
    """Remplace par un équivalent ce que l'encodage du terminal ne sait pas écrire, au lieu d'échouer."""
    if stream is None:
        return None
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("_", "-")
    if not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
        stream.reconfigure(errors=_ERRORS)
    return stream


def install() -> None:
    """Met en place la couture : flux nettoyés, encodage tolérant. Idempotent."""
    if isinstance(sys.stdout, SafeStream):
        return
    out = _prepare(sys.stdout)
    err = _prepare(sys.stderr)
    if out is not None:
        sys.stdout = SafeStream(out)  # type: ignore[assignment]
    if err is not None:
        sys.stderr = SafeStream(err)  # type: ignore[assignment]


def stdout_closed() -> bool:
    """Vrai quand la commande a été lancée avec sa sortie standard fermée (`>&-`)."""
    return sys.stdout is None


def styled_stdout() -> TextIO:
    """Le vrai flux de sortie, pour les rendus qui mettent eux-mêmes en forme (et nettoient leurs données)."""
    stream = sys.stdout
    return stream.raw if isinstance(stream, SafeStream) else stream  # type: ignore[return-value]


_JSON_UNSAFE = LazyPattern("[\x7f-\x9f\u061c\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def json_safe(text: str) -> str:
    """Du JSON dont les caractères invisibles ou dangereux à l'écran sont écrits `\\uXXXX` (mêmes données)."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_data(text: str) -> None:
    """Le contenu d'un fichier demandé sur la sortie (`-o -`, `--json`).

    Vers un programme (tube, fichier), il part tel quel : ce sont des données, rien n'est
    retiré. Vers un terminal, il est nettoyé comme tout affichage. Chaque octet est écrit, ou
    l'écriture échoue : un tube fermé avant la fin (`| head -c N`) lève `BrokenPipeError`
    (code 141), jamais un succès sur une sortie tronquée.
    """
    stream = styled_stdout()
    if stream.isatty():
        stream.write(inert(text))
        stream.flush()
        return
    stream.flush()
    try:
        fd = stream.fileno()
    except (AttributeError, OSError, ValueError):  # un flux en mémoire (tests) : il prend tout d'un coup
        stream.write(text)
        stream.flush()
        return
    _write_all(fd, text.encode(stream.encoding or "utf-8", errors=getattr(stream, "errors", None) or "strict"))


def _write_all(fd: int, data: bytes) -> None:
    """Écrit tous les octets, en reprenant après chaque écriture partielle (tube plein, signal)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view[: 1024 * 1024])
        if written <= 0:
            raise BrokenPipeError
        view = view[written:]


def silence_stdout() -> None:
    """Après un tube coupé : plus rien n'ira vers la sortie (évite un second message à la fermeture)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _keep_no_break_spaces_together() -> None:
    """rich coupe ses lignes à tout blanc Unicode, espaces insécables comprises : on lui apprend à ne
    couper qu'aux blancs ordinaires (son découpage en mots est `rich._wrap.re_word`)."""
    from rich import _wrap

    _wrap.re_word = _RICH_WORD.compiled


_KEEP = "\u00a0\u202f\u2007\u2060"
# Un « mot » pour rich : ce qui se tient entre deux blancs ordinaires, ou plusieurs collés (`GLUED`).
# Une commande conseillée (`COMMAND`) est un seul mot : jamais « …/reconversion » puis « status » à la ligne.
_RICH_WORD = LazyPattern(rf"[^\S{_KEEP}]*(?:(?<![^\s«(]){COMMAND}|(?:{GLUED})*(?:[^\s]|[{_KEEP}])+)[^\S{_KEEP}]*")


def console(*, stderr: bool = False) -> Any:
    """Une console rich qui écrit sur le vrai terminal mais nettoie chaque texte qu'on lui donne."""
    from reconversion.adapters.screen.linear_console import LinearConsole

    class SafeConsole(LinearConsole):
        def render_str(self, text: str, **kwargs: Any) -> Any:  # type: ignore[override]
            clean = spoken(inert(text)) if _simple_mode else inert(text)
            if self.is_terminal:  # à l'écran seulement : un tube reçoit le texte tel quel
                clean = french_spacing(clean)
            if not self.encoding.lower().startswith("utf"):
                clean = _INNER_QUOTE_SPACES.sub(lambda m: m.group(1) or m.group(2), clean)
            return super().render_str(clean, **kwargs)

        def rule(self, title: Any = "", *args: Any, **kwargs: Any) -> None:
            """En mode simple, pas de trait : le titre seul, sur sa ligne (un lecteur d'écran lit « ─ » un à un)."""
            if not _simple_mode:
                super().rule(title, *args, **kwargs)
            elif title:
                self.print(title)

        def _render_buffer(self, buffer: Any) -> str:
            """En mode simple, sans les espaces de remplissage en fin de ligne (lues « blanc » en braille)."""
            text: str = super()._render_buffer(buffer)
            return _TRAILING_SPACES.sub("", text) if _simple_mode else text

        def on_broken_pipe(self) -> None:
            """Un tube coupé suit le même chemin que partout ailleurs (`cli`, code 141), sans message."""
            raise BrokenPipeError

    _keep_no_break_spaces_together()
    stream = sys.stderr if stderr else styled_stdout()
    if isinstance(stream, SafeStream):
        stream = stream.raw  # type: ignore[assignment]
    options: dict[str, Any] = {}
    if _simple_mode or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        options["color_system"] = None  # ni couleur ni gras : comme `terminal_style`, partout pareil
    elif os.environ.get("FORCE_COLOR"):
        options["force_terminal"] = True
    if os.environ.get("TERM") == "dumb" and _is_tty(stream):
        # sinon rich compte 80 colonnes sur un terminal « dumb », quelle que soit la fenêtre
        import shutil

        size = shutil.get_terminal_size((80, 24))
        options["width"], options["height"] = width(), size.lines
    return SafeConsole(highlight=False, file=stream, **options)
