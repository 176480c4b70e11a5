"""La sauvegarde JSON complète d'un profil : sa forme, sa construction et sa vérification.

Pur : on reçoit des données simples (lues par `adapters/storage/backup_store.py`) ou les octets d'un
fichier, on renvoie un dictionnaire ou la liste de TOUS les problèmes, en français. Rien
n'est écrit tant que la sauvegarde n'a pas passé toutes les vérifications : un fichier
abîmé ou incompatible ne change rien au carnet.

Chaque table du carnet y figure, colonne par colonne (`TABLES`) : une sauvegarde restaurée
redonne exactement le même carnet, y compris les réponses archivées et les horodatages.
Le format est décrit dans le README (« Format de la sauvegarde JSON ») ; toute évolution incompatible change
`FORMAT_VERSION`.
"""

import json
import math
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from reconversion.core import limits
from reconversion.core.french_count import count_of

if TYPE_CHECKING:
    import datetime as dt
    from typing import Protocol

    from reconversion.core.model import Guide
    from reconversion.core.schemas import BackupDocument

    class SavedPlan(Protocol):
        """Ce que la sauvegarde lit du plan rassemblé (`plan_data.Plan` en est un). Un protocole plutôt
        que `Plan` : `plan_data` se sert de ce module, qui n'a donc pas à le connaître (aucun cycle).
        Pour la vérification seulement : définir un protocole coûte à chaque import."""

        @property
        def notebook(self) -> Mapping[str, Any]: ...
        @property
        def guide(self) -> "Guide": ...
        @property
        def profile(self) -> str: ...
        @property
        def now(self) -> "dt.datetime": ...


FORMAT = "reconversion-backup"
FORMAT_VERSION = 2
# Les versions encore lues : le format 1 n'avait pas `actions[].due_by_hand` (valeur prise : true,
# la date écrite reste celle de la personne, comme avant).
READABLE_VERSIONS = (1, 2)
MAX_BYTES = limits.MAX_BACKUP_BYTES  # la même pour l'export, l'import et la copie de sécurité
MAX_PROBLEMS = 20

TEXT = "text"  # chaîne
INTEGER = "integer"  # entier (pas un booléen)
BOOLEAN = "boolean"  # booléen (0/1 dans SQLite)
ANSWER = "answer"  # une réponse : texte, nombre, booléen, liste de valeurs simples, ou null


class Column(NamedTuple):
    name: str
    kind: str
    nullable: bool = False
    since: int = 1  # version du format qui a ajouté la colonne
    default: Any = None  # valeur prise quand une sauvegarde plus ancienne ne l'a pas


def _cols(*specs: tuple[Any, ...]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


# Une entrée par table du schéma (adapters/storage/store.py), colonnes dans l'ordre du schéma.
TABLES: dict[str, tuple[Column, ...]] = {
    "answers": _cols(
        ("question_id", TEXT),
        ("step_id", TEXT),
        ("value", ANSWER, True),
        ("archived", BOOLEAN),
        ("answered_at", TEXT),
        ("updated_at", TEXT),
    ),
    "steps": _cols(("step_id", TEXT), ("completed_at", TEXT, True), ("last_activity_at", TEXT, True)),
    "interest_answers": _cols(("item_id", TEXT), ("value", INTEGER), ("answered_at", TEXT)),
    "actions": _cols(
        ("id", INTEGER),
        ("guide_action_id", TEXT, True),
        ("step_id", TEXT, True),
        ("text", TEXT),
        ("due_date", TEXT, True),
        ("done_at", TEXT, True),
        ("removed", BOOLEAN),
        ("created_at", TEXT),
        ("updated_at", TEXT),
        ("due_by_hand", BOOLEAN, False, 2, True),
    ),
    "experiences": _cols(
        ("id", INTEGER),
        ("kind", TEXT),
        ("organisation", TEXT),
        ("start_date", TEXT, True),
        ("end_date", TEXT, True),
        ("learnt", TEXT),
        ("created_at", TEXT),
    ),
    "contacts": _cols(
        ("id", INTEGER),
        ("name", TEXT),
        ("organisation", TEXT),
        ("role", TEXT),
        ("met_how", TEXT),
        ("notes", TEXT),
        ("follow_up", TEXT, True),
        ("created_at", TEXT),
        ("updated_at", TEXT),
    ),
}
# Colonnes dont la valeur (non nulle) est unique dans sa table : clé primaire ou UNIQUE.
UNIQUE: dict[str, tuple[str, ...]] = {
    "answers": ("question_id",),
    "steps": ("step_id",),
    "interest_answers": ("item_id",),
    "actions": ("id", "guide_action_id"),
    "experiences": ("id",),
    "contacts": ("id",),
}
# Le sens des colonnes, au-delà de leur type (bornes dans `core/limits.py`).
DATE_COLUMNS = frozenset({"due_date", "follow_up", "start_date", "end_date"})  # AAAA-MM-JJ
TIMESTAMP_COLUMNS = frozenset(
    {"answered_at", "updated_at", "created_at", "done_at", "completed_at", "last_activity_at"}
)
IDENTIFIER_COLUMNS = frozenset({"question_id", "step_id", "item_id", "guide_action_id", "kind"})
PROFILE_TIMESTAMPS = frozenset({"created_at", "first_answer_at", "last_activity_at"})
# Ce qui n'a pas pu être lu dans le carnet (cellule abîmée) : facultatif, voir `adapters/storage/backup_store.py`.
UNREADABLE_KEY = "illisible"
PROFILE_TABLE = "profile"  # clé -> valeur, rangée sous « profile_info »
HEADER_KEYS = ("format", "format_version", "exported_at", "tool_version", "profile", "guide", "profile_info")
TOP_KEYS = (*HEADER_KEYS, *TABLES)

_JSON_MESSAGES = (
    ("Expecting value", "valeur attendue"),
    ("Expecting property name enclosed in double quotes", "nom de clé entre guillemets doubles attendu"),
    ("Expecting ',' delimiter", "virgule attendue"),
    ("Expecting ':' delimiter", "« : » attendu"),
    ("Unterminated string", "chaîne de caractères non terminée"),
    ("Extra data", "contenu en trop après la fin des données"),
    ("Invalid control character", "caractère de contrôle interdit dans une chaîne"),
    ("Invalid \\escape", "séquence d'échappement invalide"),
    ("Invalid \\uXXXX escape", "séquence \\uXXXX invalide"),
)


class BackupFileProblem(Exception):
    """Le fichier ne se lit pas du tout comme une sauvegarde (taille, encodage, JSON)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- construction ----------------------------------------------------------------------


def build_backup(
    data: Mapping[str, Any],
    *,
    guide_id: str,
    guide_version: str,
    profile: str,
    exported_at: str,
    tool_version: str,
) -> "BackupDocument":
    """La sauvegarde à écrire : en-tête puis une liste de lignes par table (`schemas.BackupDocument`).

    `data` vient de `backup_store.read_profile` : `profile_info` (dict) et une liste de
    lignes par table de `TABLES`, déjà en valeurs JSON (booléens, réponses décodées).
    """
    backup: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": exported_at,
        "tool_version": tool_version,
        "profile": profile,
        "guide": {"id": guide_id, "version": guide_version},
        "profile_info": dict(sorted(data.get("profile_info", {}).items())),
    }
    for table, columns in TABLES.items():
        backup[table] = [{c.name: row.get(c.name) for c in columns} for row in data.get(table, [])]
    if data.get("unreadable"):
        backup[UNREADABLE_KEY] = [dict(entry) for entry in data["unreadable"]]
    return cast("BackupDocument", backup)  # construite table par table depuis `TABLES`


def render_backup(plan: "SavedPlan") -> str:
    """La sauvegarde complète du carnet tel qu'il a été lu (dates illisibles comprises), en JSON."""
    return dumps(plan_backup(plan))


def plan_backup(plan: "SavedPlan") -> "BackupDocument":
    """Le document de la sauvegarde du plan : celui que `render_backup` écrit, et qu'`export -f json`
    vérifie puis écrit sans le reconstruire."""
    return backup_of(plan.notebook, plan.guide, profile=plan.profile, now=plan.now)


def backup_of(notebook: Mapping[str, Any], guide: "Guide", *, profile: str, now: "dt.datetime") -> "BackupDocument":
    """Le document de sauvegarde d'un carnet (`render_backup`, et la copie de sécurité avant `import --force`)."""
    from reconversion import __version__

    return build_backup(
        notebook,
        guide_id=guide.id,
        guide_version=guide.version,
        profile=profile,
        exported_at=now.isoformat(timespec="seconds"),
        tool_version=__version__,
    )


class BackupTooBig(Exception):
    """La sauvegarde dépasserait `MAX_BYTES` : `import` la refuserait, elle n'est donc pas écrite."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size
        self.problem = limits.backup_size_problem(size) or ""


def dumps(backup: Mapping[str, Any]) -> str:
    """Le texte du fichier, qu'`import` relira toujours : JSON indenté, UTF-8 lisible, terminé par un
    retour à la ligne ; sans indentation (mêmes données) si l'indentation seule faisait dépasser
    `MAX_BYTES`. Lève `BackupTooBig` si même ainsi elle dépasse : jamais de sauvegarde qu'on ne
    saurait pas restaurer."""
    text = json.dumps(backup, ensure_ascii=False, indent=2) + "\n"
    if len(text) <= MAX_BYTES // 4 or len(text.encode("utf-8")) <= MAX_BYTES:  # un caractère : 4 octets au plus
        return text
    text = json.dumps(backup, ensure_ascii=False, separators=(",", ":")) + "\n"
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise BackupTooBig(size)
    return text


def active_answers(data: Mapping[str, Any]) -> dict[str, Any]:
    """Les réponses non archivées `id -> valeur`, comme `Store.answers()`."""
    return {row["question_id"]: row["value"] for row in data.get("answers", []) if not row.get("archived")}


def without_bad_dates(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Les données à montrer (plan) : une date qui n'existe pas ou hors bornes, laissée par une version
    plus ancienne, devient « sans date » ; renvoie aussi où (« actions 3 (due_date) »). Rien n'est modifié."""
    result = dict(data)
    found: list[str] = []
    for table, columns in TABLES.items():
        dated = [c.name for c in columns if c.name in DATE_COLUMNS]
        if not dated or not any(
            row.get(n) and limits.date_problem(str(row[n])) for row in data.get(table, []) for n in dated
        ):
            continue
        rows = []
        for row in data[table]:
            bad = [n for n in dated if row.get(n) and limits.date_problem(str(row[n]))]
            found += [f"{table} {row.get('id')} ({n})" for n in bad]
            rows.append({**row, **dict.fromkeys(bad)} if bad else row)
        result[table] = rows
    return result, found


def has_data(data: Mapping[str, Any]) -> bool:
    """Vrai si au moins une table contient une ligne (les informations du profil ne comptent pas)."""
    return any(data.get(table) for table in TABLES)


def counts(data: Mapping[str, Any]) -> dict[str, int]:
    return {table: len(data.get(table, [])) for table in TABLES}


# --- lecture du fichier ------------------------------------------------------------------


def parse(raw: bytes) -> Any:
    """Les octets d'un fichier de sauvegarde en données JSON ; lève `BackupFileProblem` sinon."""
    if len(raw) > MAX_BYTES:
        raise BackupFileProblem(
            f"le fichier est trop gros ({len(raw) // (1024 * 1024)} Mio ; une sauvegarde fait au plus "
            f"{MAX_BYTES // (1024 * 1024)} Mio) : ce n'est sans doute pas une sauvegarde reconversion"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BackupFileProblem(
            f"le fichier n'est pas encodé en UTF-8 (octet invalide à la position {exc.start}) : "
            "ce n'est sans doute pas une sauvegarde reconversion"
        ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise BackupFileProblem("le fichier est vide")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        message = next((fr for en, fr in _JSON_MESSAGES if exc.msg.startswith(en)), "syntaxe invalide")
        raise BackupFileProblem(f"JSON mal formé, ligne {exc.lineno}, colonne {exc.colno} : {message}") from None
    except _DuplicateKey as exc:
        raise BackupFileProblem(f"la clé « {limits.show(exc.key)} » apparaît deux fois dans un même objet") from None
    except RecursionError:
        raise BackupFileProblem("données imbriquées trop profondément") from None
    except ValueError:  # un entier de plus de 4 300 chiffres (limite de Python)
        raise BackupFileProblem("un nombre a beaucoup trop de chiffres pour être une valeur du carnet") from None


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise BackupFileProblem(f"« {name} » n'est pas une valeur JSON acceptée dans une sauvegarde")


# --- vérification ----------------------------------------------------------------------------


class Check:
    """Le verdict sur une sauvegarde : problèmes bloquants et remarques à afficher.

    Une classe simple plutôt qu'une dataclass : définir une dataclass coûte autant qu'importer un
    petit module, à chaque export, alors que la vérification ne sert qu'à `import` et `export -f json`.
    """

    __slots__ = ("notes", "problems")

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.notes: list[str] = []

    @property
    def ok(self) -> bool:
        return not self.problems


def validate(
    backup: Any,
    *,
    guide_id: str,
    guide_version: str,
    allow_other_guide: bool = False,
    question_types: Mapping[str, str] | None = None,
    interest_scale: Collection[int] | None = None,
) -> Check:
    """Vérifie TOUTE la sauvegarde et relève chaque problème, pour tout corriger en une fois.

    Les types, mais aussi le sens : dates qui existent et restent dans les bornes de
    `core/limits.py`, numéros et nombres qui tiennent, textes de taille bornée sans caractère
    de contrôle, réponses de la forme attendue par leur question (`question_types` : id ->
    type, pour le guide connu), notes du test d'intérêts dans `interest_scale`.
    Une sauvegarde d'un autre guide (id différent) n'est acceptée qu'avec `allow_other_guide`
    (--force) ; une autre version du même guide est acceptée, avec une remarque.
    """
    check = Check()
    if not isinstance(backup, dict):
        check.problems.append(
            f"une sauvegarde est un objet JSON {{ … }}, pas {_kind(backup)} : ce fichier n'est pas une "
            "sauvegarde reconversion"
        )
        return check
    if backup.get("format") != FORMAT:
        check.problems.append(
            f"ce fichier n'est pas une sauvegarde reconversion (le champ « format » doit valoir « {FORMAT} »)"
        )
        return check
    version = backup.get("format_version")
    if not isinstance(version, int) or not _is_int(version):
        check.problems.append(f"format_version : nombre entier attendu (trouvé : {_kind(version)})")
        return check
    if version > FORMAT_VERSION:
        check.problems.append(
            f"format_version : cette sauvegarde a été écrite par une version plus récente de reconversion "
            f"(format {version} ; cette version lit le format {FORMAT_VERSION}). Mets l'outil à jour."
        )
        return check
    if version not in READABLE_VERSIONS:
        check.problems.append(f"format_version : version {version} inconnue (attendue : {FORMAT_VERSION})")
        return check
    for key in backup:
        if key not in TOP_KEYS and key != UNREADABLE_KEY:
            check.problems.append(
                f"{limits.show(key)} : clé inconnue (cette sauvegarde vient-elle d'une version plus récente ?)"
            )
    for key in TOP_KEYS:
        if key not in backup:
            check.problems.append(f"{key} : clé manquante")
    for key in ("exported_at", "tool_version", "profile"):
        if key in backup and not isinstance(backup[key], str):
            check.problems.append(f"{key} : texte attendu (trouvé : {_kind(backup[key])})")
        elif key in backup and (problem := limits.text_problem(backup[key], limits.MAX_IDENTIFIER)):
            check.problems.append(f"{key} : {problem}")
    _check_guide(backup.get("guide"), check, guide_id, guide_version, allow_other_guide)
    _check_profile_info(backup.get("profile_info"), check)
    for table, columns in TABLES.items():
        if table in backup:
            known = tuple(c for c in columns if c.since <= version)
            _check_table(table, backup[table], known, check)
    _check_answer_types(backup.get("answers"), question_types or {}, check)
    _check_interest_values(backup.get("interest_answers"), interest_scale, check)
    _check_unreadable(backup.get(UNREADABLE_KEY), check)
    if isinstance(backup.get(UNREADABLE_KEY), list) and backup[UNREADABLE_KEY]:
        unreadable = count_of(len(backup[UNREADABLE_KEY]), "valeur illisible")
        check.notes.append(
            f"Cette sauvegarde signale {unreadable} "
            f"au moment de l'export (clé « {UNREADABLE_KEY} ») : les lignes concernées ne sont pas restaurées ; "
            "ce qui a pu en être lu reste dans le fichier de sauvegarde."
        )
    if len(check.problems) > MAX_PROBLEMS:
        rest = len(check.problems) - MAX_PROBLEMS
        check.problems = [
            *check.problems[:MAX_PROBLEMS],
            f"… et {count_of(rest, 'autre problème')}",
        ]
    return check


def _check_guide(guide: Any, check: Check, guide_id: str, guide_version: str, allow_other: bool) -> None:
    if guide is None:
        return  # déjà signalée comme manquante
    if not isinstance(guide, dict):
        check.problems.append(f"guide : objet {{ id, version }} attendu (trouvé : {_kind(guide)})")
        return
    for key in guide:
        if key not in ("id", "version"):
            check.problems.append(f"guide.{limits.show(key)} : clé inconnue")
    for key in ("id", "version"):
        if not isinstance(guide.get(key), str):
            check.problems.append(f"guide.{key} : texte attendu (trouvé : {_kind(guide.get(key))})")
        elif problem := limits.text_problem(guide[key], limits.MAX_IDENTIFIER):
            check.problems.append(f"guide.{key} : {problem}")
            return
    if not isinstance(guide.get("id"), str) or not isinstance(guide.get("version"), str):
        return
    if guide["id"] != guide_id:
        if allow_other:
            check.notes.append(
                f"Cette sauvegarde vient d'un autre guide (« {guide['id']} », le tien est « {guide_id} ») : "
                "restaurée quand même (--force). Les réponses aux questions absentes de ton guide seront "
                "archivées au prochain « reconversion start », pas effacées."
            )
        else:
            check.problems.append(
                f"guide.id : cette sauvegarde a été faite avec le guide « {guide['id']} », pas avec « {guide_id} ». "
                "Ajoute --force pour la restaurer quand même."
            )
    elif guide["version"] != guide_version:
        check.notes.append(
            f"Cette sauvegarde a été faite avec la version {guide['version']} du guide (la tienne : {guide_version}) : "
            "les réponses aux questions retirées depuis seront archivées, pas effacées."
        )


def _check_profile_info(info: Any, check: Check) -> None:
    if info is None:
        return
    if not isinstance(info, dict):
        check.problems.append(f"profile_info : objet attendu (trouvé : {_kind(info)})")
        return
    for key, value in info.items():
        where = f"profile_info.{limits.show(key)}"
        if problem := limits.text_problem(key, limits.MAX_IDENTIFIER):
            check.problems.append(f"{where} : nom de clé refusé : {problem}")
        elif not isinstance(value, str):
            check.problems.append(f"{where} : texte attendu (trouvé : {_kind(value)})")
        elif key in PROFILE_TIMESTAMPS:
            if problem := limits.timestamp_problem(value):
                check.problems.append(f"{where} : {problem}")
        elif problem := limits.text_problem(value):
            check.problems.append(f"{where} : {problem}")


def _check_table(table: str, rows: Any, columns: tuple[Column, ...], check: Check) -> None:
    if not isinstance(rows, list):
        check.problems.append(f"{table} : liste attendue (trouvé : {_kind(rows)})")
        return
    names = [c.name for c in columns]
    seen: dict[str, set[Any]] = {name: set() for name in UNIQUE.get(table, ())}
    for index, row in enumerate(rows):
        where = f"{table}[{index}]"
        if not isinstance(row, dict):
            check.problems.append(f"{where} : objet attendu (trouvé : {_kind(row)})")
            continue
        for key in row:
            if key not in names:
                check.problems.append(f"{where}.{limits.show(key)} : colonne inconnue")
        for column in columns:
            if column.name not in row:
                check.problems.append(f"{where}.{column.name} : valeur manquante")
                continue
            problem = _check_value(row[column.name], column)
            if problem:
                check.problems.append(f"{where}.{column.name} : {problem}")
                continue
            value = row[column.name]
            if column.name in seen and value is not None:
                if value in seen[column.name]:
                    check.problems.append(f"{where}.{column.name} : « {limits.show(str(value))} » apparaît deux fois")
                seen[column.name].add(value)


def _check_value(value: Any, column: Column) -> str | None:
    """Le problème d'une valeur de colonne, ou None si elle convient."""
    if value is None:
        return None if column.nullable else f"{_EXPECTED[column.kind]} (trouvé : null)"
    if column.kind == TEXT:
        ok = isinstance(value, str)
    elif column.kind == INTEGER:
        ok = _is_int(value)
    elif column.kind == BOOLEAN:
        ok = isinstance(value, bool)
    else:
        ok = _is_answer(value)
    if not ok:
        return f"{_EXPECTED[column.kind]} (trouvé : {_kind(value)})"
    return _meaning_problem(value, column)


def _meaning_problem(value: Any, column: Column) -> str | None:
    """Le problème de sens d'une valeur du bon type : bornes, format des dates, taille des textes."""
    if column.kind == ANSWER:
        return limits.answer_problem(value)
    if column.kind == INTEGER:
        return limits.id_problem(value) if column.name == "id" else limits.number_problem(value)
    if column.kind != TEXT:
        return None
    if column.name in DATE_COLUMNS:
        return limits.date_problem(value)
    if column.name in TIMESTAMP_COLUMNS:
        return limits.timestamp_problem(value)
    if column.name in IDENTIFIER_COLUMNS:
        return limits.text_problem(value, limits.MAX_IDENTIFIER)
    return limits.text_problem(value)


def _check_answer_types(rows: Any, question_types: Mapping[str, str], check: Check) -> None:
    """Chaque réponse à une question du guide connu a la forme que son type attend (affichage, plan)."""
    if not isinstance(rows, list):
        return
    from reconversion.core.question_types import KINDS  # à l'usage : backup_store lit TABLES sans rien valider

    for index, row in enumerate(rows):
        if not isinstance(row, dict) or row.get("value") is None:
            continue
        question_id = row.get("question_id")
        kind = KINDS.get(question_types.get(question_id, "")) if isinstance(question_id, str) else None
        if kind is None or not _is_answer(row["value"]):
            continue
        problem = kind.value_problem(row["value"])
        if problem:
            check.problems.append(f"answers[{index}].value : {problem} (question « {row['question_id']} »)")


def _check_interest_values(rows: Any, scale: Collection[int] | None, check: Check) -> None:
    """Les notes du test d'intérêts sont des notes de son échelle (quand elle est connue)."""
    if scale is None or not isinstance(rows, list):
        return
    allowed = sorted(scale)
    for index, row in enumerate(rows):
        value = row.get("value") if isinstance(row, dict) else None
        if isinstance(value, int) and _is_int(value) and value not in allowed and abs(value) <= limits.MAX_NUMBER:
            check.problems.append(
                f"interest_answers[{index}].value : note {value} hors de l'échelle du test "
                f"({', '.join(str(v) for v in allowed)})"
            )


def _check_unreadable(entries: Any, check: Check) -> None:
    """La liste facultative de ce qu'un export n'a pas pu lire : des objets simples, de taille bornée."""
    if entries is None:
        return
    if not isinstance(entries, list):
        check.problems.append(f"{UNREADABLE_KEY} : liste attendue (trouvé : {_kind(entries)})")
        return
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict):
            check.problems.append(f"{UNREADABLE_KEY}[{index}] : objet attendu (trouvé : {_kind(entry)})")
            continue
        for key, value in entry.items():
            where = f"{UNREADABLE_KEY}[{index}].{limits.show(key)}"
            if isinstance(value, str):
                problem = limits.text_problem(value, limits.MAX_ANSWER)
            elif value is None or isinstance(value, bool):
                problem = None
            elif isinstance(value, int):
                problem = limits.number_problem(value)
            else:
                problem = f"texte ou nombre attendu (trouvé : {_kind(value)})"
            if problem or (problem := limits.text_problem(key, limits.MAX_IDENTIFIER)):
                check.problems.append(f"{where} : {problem}")


_EXPECTED = {  # accordés : « réponse … attendue »
    TEXT: "texte attendu",
    INTEGER: "nombre entier attendu",
    BOOLEAN: "booléen (true ou false) attendu",
    ANSWER: "réponse (texte, nombre, booléen ou liste de valeurs simples) attendue",
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_scalar(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return isinstance(value, (str, int, bool))


def _is_answer(value: Any) -> bool:
    if isinstance(value, list):
        return all(_is_scalar(item) for item in value)
    return _is_scalar(value)


_kind = limits.describe  # le type d'une valeur JSON, dit en français
