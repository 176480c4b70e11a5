"""Recherche d'un métier par son nom : sans accents ni majuscules, en tolérant une ou deux fautes de frappe.

Les libellés (titres des fiches ROME et, quand le ROME complet est importé, toutes leurs
appellations) sont découpés en mots normalisés (`normalize`) une seule fois : à l'import
pour le ROME, au chargement pour le catalogue intégré. Une recherche ne parcourt donc que
le vocabulaire (quelques milliers de mots distincts), puis les libellés qui contiennent
les mots retenus.

Chaque mot de la recherche (hors petits mots comme « de », « la ») reçoit, pour chaque
libellé, la meilleure de ces qualités :

- 4 : mot identique (« infirmiere » et « Infirmière ») ;
- 3 : début de mot (« infirm » pour « infirmier ») ;
- 2 : une faute de frappe (distance d'édition 1, mots d'au moins 4 lettres) ;
- 1 : deux fautes de frappe (distance 2, mots d'au moins 8 lettres : « devlopeur »).

Un mot qui existe tel quel dans les intitulés n'est pas « corrigé » (on ne lui cherche
pas de voisins à une ou deux fautes près), comme le fait un correcteur d'orthographe.

Classement, du meilleur au moins bon (règle documentée dans le README) :

1. le plus de mots de la recherche trouvés dans le libellé ;
2. la plus grande somme des qualités ;
3. les métiers du catalogue intégré d'abord (ceux qu'on choisit souvent en reconversion) ;
4. le titre de la fiche avant une autre appellation ;
5. le libellé le plus court (le plus général), puis l'ordre alphabétique, puis le code.

Un métier n'apparaît qu'une fois, avec son libellé le mieux classé.

Synonymes (`guide_data/synonymes.yaml`, des données, pas du code) : quand la recherche contient
une expression que les gens tapent (« mediatheque », « manutention », « agent administratif »),
elle est aussi cherchée sous chacune des formes des intitulés qui lui répondent (« bibliothecaire »,
« magasinier », « assistant administratif »). Chaque forme est classée comme ci-dessus, en part
des mots trouvés ; à égalité, la recherche telle que tapée passe devant, puis les formes dans
l'ordre du fichier.
"""

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import NamedTuple, Protocol

EXACT, PREFIX, ONE_TYPO, TWO_TYPOS = 4, 3, 2, 1

# Mots trop courants dans les intitulés pour départager quoi que ce soit.
STOP_WORDS = frozenset(
    {"a", "au", "aux", "avec", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par"}
    | {"pour", "sur", "un", "une"}
)

_WORD = re.compile(r"[a-z0-9]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


# Les diacritiques usuels (U+0300–U+036F, sauf U+034F qui n'en est pas un), retirés d'un coup ;
# le reste, rare, passe par `unicodedata.combining`. Même résultat, bien plus vite : la recherche
# normalise chaque libellé trouvé (plusieurs milliers dans le RNCP pour « technicien »).
_COMMON_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")


def normalize(text: str) -> str:
    """Minuscules, sans accents ni ponctuation : « Aide-soignant·e » → « aide soignant e »."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    bare = _COMMON_MARKS.sub("", decomposed)
    if not bare.isascii():
        bare = "".join(char for char in bare if not unicodedata.combining(char))
    return " ".join(_WORD.findall(bare.casefold()))


def words(text: str) -> list[str]:
    """Les mots normalisés d'un libellé, dans l'ordre."""
    return normalize(text).split()


def query_words(query: str) -> list[str]:
    """Les mots qui comptent dans une recherche : sans doublons, sans « de », « la », ni lettre isolée."""
    return [w for w in dict.fromkeys(words(query)) if w not in STOP_WORDS and len(w) > 1]


def max_typos(word: str) -> int:
    """Fautes tolérées selon la longueur : aucune sous 4 lettres, une jusqu'à 7, deux au-delà."""
    if len(word) >= 8:
        return 2
    if len(word) >= 4:
        return 1
    return 0


class Entry(NamedTuple):
    """Un libellé cherchable : le titre d'une fiche ROME ou l'une de ses appellations."""

    code: str
    label: str
    title: str
    riasec: str = ""
    is_title: bool = True
    featured: bool = True


class Hit(NamedTuple):
    """Un métier trouvé, avec le libellé qui a répondu à la recherche."""

    code: str
    title: str
    label: str
    riasec: str
    featured: bool
    matched: int
    quality: int

    @property
    def via_appellation(self) -> bool:
        return self.label != self.title


Synonyms = Mapping[tuple[str, ...], tuple[tuple[str, ...], ...]]


def read_synonyms(data: object) -> Synonyms:
    """Les synonymes lus du YAML : `{synonymes: [{cherche: [...], trouve: [...]}]}`, mots normalisés.

    Lève `ValueError` (message en français) si la forme n'est pas celle-là.
    """
    if not isinstance(data, dict) or not isinstance(data.get("synonymes"), list):
        raise ValueError("le fichier doit contenir une liste « synonymes: »")
    table: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for number, group in enumerate(data["synonymes"], start=1):
        if not isinstance(group, dict) or set(group) != {"cherche", "trouve"}:
            raise ValueError(f"synonyme n°{number} : il faut exactement les clés « cherche » et « trouve »")
        asked, found = group["cherche"], group["trouve"]
        if not all(isinstance(x, list) and x and all(isinstance(t, str) for t in x) for x in (asked, found)):
            raise ValueError(f"synonyme n°{number} : « cherche » et « trouve » sont des listes de textes")
        targets = tuple(tuple(words(text)) for text in found if words(text))
        for text in asked:
            key = tuple(words(text))
            if key:
                table[key] = tuple(dict.fromkeys(table.get(key, ()) + targets))
    return table


def variants(tokens: list[str], synonyms: Synonyms | None) -> list[list[str]]:
    """La recherche telle que tapée, puis une forme par synonyme d'une expression qu'elle contient."""
    found = [tokens]
    for key, targets in (synonyms or {}).items():
        size = len(key)
        for start in range(len(tokens) - size + 1):
            if tuple(tokens[start : start + size]) == key:
                for target in targets:
                    wanted = [w for w in target if w not in STOP_WORDS and len(w) > 1]
                    variant = list(dict.fromkeys(tokens[:start] + wanted + tokens[start + size :]))
                    if variant not in found:
                        found.append(variant)
                break
    return found


class Corpus(Protocol):
    """Ce qu'il faut pour chercher : le catalogue en mémoire, ou le ROME importé (SQLite)."""

    def vocabulary(self) -> Sequence[str]: ...
    def postings(self, words: Collection[str]) -> Mapping[str, Iterable[int]]: ...
    def entries(self, ids: Collection[int]) -> Mapping[int, Entry]: ...


class MemoryCorpus:
    """Un petit corpus en mémoire (le catalogue intégré, ou des tests)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries = dict(enumerate(entries))
        self._postings: dict[str, list[int]] = {}
        for entry_id, entry in self._entries.items():
            for word in dict.fromkeys(words(entry.label)):
                self._postings.setdefault(word, []).append(entry_id)
        self._vocabulary = tuple(self._postings)

    def vocabulary(self) -> Sequence[str]:
        return self._vocabulary

    def postings(self, words: Collection[str]) -> Mapping[str, Iterable[int]]:
        return {w: self._postings[w] for w in words if w in self._postings}

    def entries(self, ids: Collection[int]) -> Mapping[int, Entry]:
        return {i: self._entries[i] for i in ids}


def word_matches(token: str, vocabulary: Sequence[str]) -> dict[str, int]:
    """Les mots du vocabulaire proches d'un mot cherché, avec leur qualité (EXACT… TWO_TYPOS).

    Comme un correcteur d'orthographe, on ne cherche pas de faute de frappe dans un mot qui
    existe tel quel dans les intitulés : ses voisins seraient de toute façon classés après.
    """
    found: dict[str, int] = {}
    for word in vocabulary:
        if word.startswith(token):
            found[word] = EXACT if len(word) == len(token) else PREFIX
    allowed = max_typos(token)
    if allowed and found.get(token) != EXACT:
        from rapidfuzz import process
        from rapidfuzz.distance import Levenshtein

        for word, distance, _ in process.extract(
            token, vocabulary, scorer=Levenshtein.distance, score_cutoff=allowed, limit=None
        ):
            if word not in found and distance > 0:
                found[word] = ONE_TYPO if distance == 1 else TWO_TYPOS
    return found


def search(corpus: Corpus, query: str, limit: int = 10, synonyms: Synonyms | None = None) -> list[Hit]:
    """Les métiers qui répondent le mieux à `query`, du meilleur au moins bon (voir le classement)."""
    tokens = query_words(query)
    if not tokens or limit <= 0:
        return []
    vocabulary = corpus.vocabulary()
    best: dict[str, tuple[tuple[object, ...], Hit]] = {}
    for rank, variant in enumerate(variants(tokens, synonyms)):
        _rank_variant(corpus, vocabulary, variant, rank, best)
    ranked = sorted(best.values(), key=lambda pair: pair[0])
    return [hit for _, hit in ranked[:limit]]


def _rank_variant(
    corpus: Corpus,
    vocabulary: Sequence[str],
    tokens: list[str],
    rank: int,
    best: dict[str, tuple[tuple[object, ...], Hit]],
) -> None:
    """Classe les libellés qui répondent à une forme de la recherche ; garde le meilleur par métier."""
    matches = [word_matches(token, vocabulary) for token in tokens]
    postings = corpus.postings(set().union(*matches))
    qualities: dict[int, list[int]] = {}
    for position, candidates in enumerate(matches):
        for word, quality in candidates.items():
            for entry_id in postings.get(word, ()):
                per_token = qualities.setdefault(entry_id, [0] * len(tokens))
                if quality > per_token[position]:
                    per_token[position] = quality
    entries = corpus.entries(qualities.keys())
    for entry_id, per_token in qualities.items():
        entry = entries[entry_id]
        matched = sum(1 for q in per_token if q)
        quality = sum(per_token)
        key = (
            -matched / len(tokens),
            -quality / len(tokens),
            rank,
            not entry.featured,
            not entry.is_title,
            len(entry.label),
            normalize(entry.label),
            entry.code,
        )
        current = best.get(entry.code)
        if current is None or key < current[0]:
            hit = Hit(entry.code, entry.title, entry.label, entry.riasec, entry.featured, matched, quality)
            best[entry.code] = (key, hit)
