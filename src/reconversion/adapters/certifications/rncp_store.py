"""Les certifications importées (`certifications import`), lues en lecture seule.

L'import lui-même vit dans `rncp_import.py` : ce module-ci reste court parce que
`certifications search` et `jobs show` l'importent à chaque fois. Le fichier s'appelle
`certifications.db` (et non `.sqlite3`, l'extension des carnets des profils : un profil nommé
« certifications » ne doit pas pouvoir tomber dessus). Il contient l'index de recherche tout prêt.
"""

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from typing import NamedTuple

from reconversion.adapters.imports.reference_db import ReferenceDb, ReferenceKind, SearchIndex
from reconversion.core.certifications import Summary, replacement_chain
from reconversion.core.search import Entry

CERTIF_FILE = "certifications.db"
CERTIFICATIONS = ReferenceKind(
    CERTIF_FILE,
    version=1,
    application_id=0x524E4350,  # « RNCP »
    command="certifications import ZIP",
    outdated="Les certifications importées ({path}) viennent d'une autre version de reconversion : "
    "relance « {rebuild} » pour les reconstruire.",
    damaged="Les certifications importées ({path}) sont illisibles. Relance « {rebuild} » "
    "pour les reconstruire (tes profils ne sont pas concernés).",
    written="des certifications",
)


class Fiche(NamedTuple):
    """Une fiche complète, telle que `certifications show` la montre."""

    code: str
    title: str
    abbrev: str
    level: int | None
    level_raw: str
    active: bool
    end: dt.date | None
    registration: str
    partial: bool
    vae: bool
    certifiers: list[str]
    routes: list[str]
    blocks: list[tuple[str, str]]
    romes: list[tuple[str, str]]  # (code ROME, libellé dans l'export)
    replaces: list[str]  # les fiches que celle-ci remplace
    chain: list[str]  # celles qui la remplacent, jusqu'au bout


class CertStore(ReferenceDb):
    """Le répertoire importé, ouvert en lecture seule (ouverture et erreurs : `imports/reference_db.py`)."""

    kind = CERTIFICATIONS

    def fiche(self, code: str) -> Fiche | None:
        rows = self.query(
            "SELECT code, title, abbrev, level, level_raw, active, end_date, registration, partial, vae "
            "FROM fiches WHERE code = ?",
            (code,),
        )
        if not rows:
            return None
        code, title, abbrev, level, raw, active, end, registration, partial, vae = rows[0]
        return Fiche(
            code,
            title,
            abbrev,
            level,
            raw,
            bool(active),
            dt.date.fromisoformat(end) if end else None,
            registration,
            bool(partial),
            bool(vae),
            [name for (name,) in self.query("SELECT name FROM certifiers WHERE code = ? ORDER BY rank", (code,))],
            [route for (route,) in self.query("SELECT route FROM routes WHERE code = ? ORDER BY rank", (code,))],
            self.query("SELECT block, label FROM blocks WHERE code = ? ORDER BY block", (code,)),
            self.query("SELECT rome, label FROM fiche_rome WHERE code = ? ORDER BY rome", (code,)),
            [old for (old,) in self.query("SELECT old FROM replacements WHERE new = ? ORDER BY old", (code,))],
            self.chain(code),
        )

    def chain(self, code: str) -> list[str]:
        """Les fiches qui remplacent `code`, de proche en proche (voir `core.certifications.replacement_chain`)."""
        successors: dict[str, list[str]] = {}
        frontier = [code]
        while frontier and len(successors) < 100:
            current = frontier.pop()
            if current in successors:
                continue
            successors[current] = [n for (n,) in self.query("SELECT new FROM replacements WHERE old = ?", (current,))]
            frontier.extend(successors[current])
        return replacement_chain(code, successors)

    def titles(self, codes: Collection[str]) -> dict[str, tuple[str, bool, str | None]]:
        """Pour chaque code connu : (intitulé, active, fin ISO) ; les codes absents de l'export n'y sont pas."""
        result: dict[str, tuple[str, bool, str | None]] = {}
        for code, title, active, end in self.query_in(
            "SELECT code, title, active, end_date FROM fiches WHERE code IN ({marks})", codes
        ):
            result[code] = (title, bool(active), end)
        return result

    def summaries(self, codes: Iterable[str]) -> list[Summary]:
        wanted = list(dict.fromkeys(codes))
        found: dict[str, Summary] = {}
        for code, title, level, vae, active, end in self.query_in(
            "SELECT code, title, level, vae, active, end_date FROM fiches WHERE code IN ({marks})", wanted
        ):
            end_date = dt.date.fromisoformat(end) if end else None
            found[code] = Summary(code, title, level, bool(vae), bool(active), end_date)
        return [found[code] for code in wanted if code in found]

    def for_rome(self, rome: str) -> list[Summary]:
        """Les certifications qui mènent au métier `rome`, chacune avec le bout de sa chaîne de remplacements."""
        codes = [code for (code,) in self.query("SELECT code FROM fiche_rome WHERE rome = ? ORDER BY code", (rome,))]
        result = []
        for item in self.summaries(codes):
            chain = self.chain(item.code)
            result.append(item._replace(successor=chain[-1]) if chain else item)
        return result

    def corpus(self) -> "CertCorpus":
        return CertCorpus(self)


class CertCorpus(SearchIndex):
    """L'index de recherche des certifications : `featured` vaut « active » (à pertinence égale, les
    fiches actives passent devant)."""

    def entries(self, ids: Collection[int]) -> Mapping[int, Entry]:
        result: dict[int, Entry] = {}
        for entry_id, code, label, is_title, title, active in self._store.query_in(
            "SELECT e.id, e.code, e.label, e.is_title, f.title, f.active "
            "FROM search_entries e JOIN fiches f ON f.code = e.code WHERE e.id IN ({marks})",
            ids,
        ):
            result[entry_id] = Entry(code, label, title, "", bool(is_title), bool(active))
        return result
