"""Le ROME complet importé (`jobs import`), lu en lecture seule : fiches, appellations, mobilités, compétences.

L'import lui-même (lecture et vérification des CSV, écriture atomique) vit dans
`rome_import.py` : ce module-ci reste court parce que `jobs search`, dont le démarrage est
chronométré, l'importe à chaque fois.

Le fichier s'appelle `rome.db` et non `rome.sqlite3` : les carnets des profils sont des
`<profil>.sqlite3` dans le même dossier, et un profil nommé « rome » ne doit pas pouvoir
tomber sur le référentiel (ni une sauvegarde le prendre pour un profil).

La base contient l'index de recherche tout prêt : le vocabulaire normalisé (une seule
valeur de `meta`, lue d'un coup) et, pour chaque mot, les libellés qui le contiennent.
"""

from collections.abc import Collection, Mapping
from typing import NamedTuple

from reconversion.adapters.imports.reference_db import ReferenceDb, ReferenceKind, SearchIndex
from reconversion.core.search import Entry, normalize
from reconversion.core.skills import SAVOIR, Candidate, Skill, is_route

ROME_FILE = "rome.db"
ROME = ReferenceKind(
    ROME_FILE,
    version=2,  # 2 : les compétences
    application_id=0x524F4D45,  # « ROME »
    command="jobs import DOSSIER",
    outdated="Le référentiel ROME importé ({path}) vient d'une autre version de reconversion : "
    "relance « {rebuild} » pour le reconstruire.",
    damaged="Le référentiel ROME importé ({path}) est illisible. Relance « {rebuild} » "
    "pour le reconstruire (tes profils ne sont pas concernés).",
    written="du référentiel ROME",
)


def attribution(meta: Mapping[str, str]) -> str:
    """La mention de source demandée par la Licence Ouverte ROME."""
    title = meta.get("version_title") or f"ROME (fichiers v{meta.get('version', '?')})"
    published = meta.get("published")
    date = f" du {published}" if published else ""
    return f"Source : France Travail (ex Pôle emploi), {title}{date}."


class Fiche(NamedTuple):
    code: str
    title: str
    riasec: str
    featured: bool


class RomeStore(ReferenceDb):
    """Le référentiel importé, ouvert en lecture seule (ouverture et erreurs : `imports/reference_db.py`)."""

    kind = ROME

    def fiche(self, code: str) -> Fiche | None:
        rows = self.query("SELECT code, title, riasec, featured FROM fiches WHERE code = ?", (code,))
        return Fiche(rows[0][0], rows[0][1], rows[0][2], bool(rows[0][3])) if rows else None

    def domain_label(self, letter: str) -> str | None:
        rows = self.query("SELECT label FROM domains WHERE letter = ?", (letter,))
        return rows[0][0] if rows else None

    def appellations(self, code: str) -> list[str]:
        """Les autres noms du métier (sans son titre) : les courants d'abord, puis par ordre alphabétique."""
        rows = self.query(
            "SELECT a.label, a.rare FROM appellations a JOIN fiches f ON f.code = a.code "
            "WHERE a.code = ? AND a.label != f.title",
            (code,),
        )
        return [label for label, _ in sorted(rows, key=lambda row: (row[1], normalize(row[0]), row[0]))]

    def mobilites(self, code: str) -> list[Fiche]:
        """Les « métiers proches » que le ROME propose depuis ce métier, dans son ordre."""
        rows = self.query(
            "SELECT f.code, f.title, f.riasec, f.featured FROM mobilites m JOIN fiches f ON f.code = m.target "
            "WHERE m.code = ? ORDER BY m.rank, f.code",
            (code,),
        )
        return [Fiche(c, t, r, bool(f)) for c, t, r, f in rows]

    def skills(self, code: str) -> list[Skill]:
        """Les savoir-faire, savoir-être et savoirs de la fiche (sans les contextes de travail)."""
        rows = self.query(
            "SELECT s.ogr, s.label, s.kind, s.grp FROM fiche_skills l JOIN skills s ON s.ogr = l.ogr WHERE l.code = ?",
            (code,),
        )
        return [Skill(str(ogr), label, kind, group) for ogr, label, kind, group in rows]

    def bridge_candidates(self, code: str) -> list[Candidate]:
        """Les fiches qui partagent au moins une compétence avec `code`, avec les deux comptes.

        Comme `jobs compare`, les diplômes, titres et habilitations (`core.skills.is_route`) ne
        comptent ni dans les compétences partagées ni dans le total : une fiche qui ne partage
        qu'un diplôme n'est pas une passerelle (revue S3).
        """
        groups, routes = self._routes()
        route = f"s.kind = ? AND s.grp IN ({','.join('?' * len(groups))})" if groups else "0"
        params = (SAVOIR, *groups) if groups else ()
        rows = self.query(
            "SELECT f.code, f.title, f.riasec, COUNT(*), f.skills FROM fiche_skills a JOIN skills s ON s.ogr = a.ogr "
            "JOIN fiche_skills b ON b.ogr = a.ogr AND b.code != a.code JOIN fiches f ON f.code = b.code "
            f"WHERE a.code = ? AND NOT ({route}) GROUP BY f.code",
            (code, *params),
        )
        return [
            Candidate(c, title, riasec, shared, total - routes.get(c, 0)) for c, title, riasec, shared, total in rows
        ]

    def _routes(self) -> tuple[list[str], dict[str, int]]:
        """Les groupes de savoirs qui sont des voies d'accès, et combien chaque fiche en cite.

        Comptés à l'import (`rome_import._route_meta`, deux valeurs de `meta`) : les recompter ici parcourait
        toutes les compétences de toutes les fiches, deux fois plus que le reste des passerelles. Un ROME
        importé par une version qui ne les rangeait pas encore est recompté ici, au même résultat.
        """
        stored = dict(self.query("SELECT key, value FROM meta WHERE key IN ('route_groups', 'route_counts')"))
        if len(stored) == 2:
            counts = (item.partition(":") for item in stored["route_counts"].split())
            return stored["route_groups"].split("\n") if stored["route_groups"] else [], {
                code: int(count) for code, _, count in counts
            }
        groups = [
            group
            for (group,) in self.query("SELECT DISTINCT grp FROM skills WHERE kind = ?", (SAVOIR,))
            if is_route(Skill("", "", SAVOIR, group))
        ]
        if not groups:
            return [], {}
        routes = self.query(
            f"SELECT l.code, COUNT(*) FROM skills s CROSS JOIN fiche_skills l ON l.ogr = s.ogr "
            f"WHERE s.kind = ? AND s.grp IN ({','.join('?' * len(groups))}) GROUP BY l.code",
            (SAVOIR, *groups),
        )
        return groups, dict(routes)

    def corpus(self) -> "SqliteCorpus":
        return SqliteCorpus(self)


class SqliteCorpus(SearchIndex):
    """L'index de recherche du ROME : `featured` vaut « métier mis en avant par le guide »."""

    def entries(self, ids: Collection[int]) -> Mapping[int, Entry]:
        result: dict[int, Entry] = {}
        for entry_id, code, label, is_title, title, riasec, featured in self._store.query_in(
            "SELECT e.id, e.code, e.label, e.is_title, f.title, f.riasec, f.featured "
            "FROM search_entries e JOIN fiches f ON f.code = e.code WHERE e.id IN ({marks})",
            ids,
        ):
            result[entry_id] = Entry(code, label, title, riasec, bool(is_title), bool(featured))
        return result
