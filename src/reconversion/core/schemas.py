"""Les formes des données : les vocabulaires (états, sortes) et les dictionnaires JSON et SQLite.

Des types seulement, pour mypy : ce module n'est importé que sous `TYPE_CHECKING` (il ne coûte
rien au démarrage). Les valeurs elles-mêmes, et le mot français qui les affiche, vivent à côté
du code qui les produit : `engine.STATE_*` et `engine.STATE_LABELS`, `followup.STATUS_*`,
`followup.SOURCE_*`, `followup.FOLLOW_UP_*`, `timeline.KIND_*`, `plan_calendar.KIND_*`.

Une valeur de ces vocabulaires est un identifiant ASCII (celui de `--json`), jamais le mot
montré à l'écran : les vues le traduisent par la table `*_LABELS` de son module.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

# L'état d'une étape (`status`) : à faire, en cours, terminée.
StepState = Literal["todo", "started", "done"]
# L'état d'une action (`actions`) : en retard, aujourd'hui, à faire, faite.
ActionStatus = Literal["overdue", "today", "todo", "done"]
# D'où vient une action : du guide, ou de la personne.
ActionSource = Literal["guide", "own"]
# L'état de la relance d'un contact : en retard, aujourd'hui, bientôt (7 jours), plus tard.
FollowUpStatus = Literal["overdue", "today", "soon", "later"]
# Un évènement du calendrier (`calendrier`) : une date de la personne, une action du guide ou
# à elle, la relance d'un contact.
EntryKind = Literal["date", "guide", "own", "follow_up"]
# Un évènement des mois à venir du plan (image) : une action à faire, une date visée.
EventKind = Literal["action", "target"]


# --- lignes du carnet SQLite (adapters/storage/store.py, adapters/storage/followup_store.py) ------------------------


class ExperienceRow(TypedDict):
    """Une ligne `experiences` (la même dans une sauvegarde) ; `kind` : une clé de `followup.EXPERIENCE_KINDS`."""

    id: int
    kind: str
    organisation: str
    start_date: str | None
    end_date: str | None
    learnt: str
    created_at: str


# --- ce qu'on écrit dans le carnet (`adapters/storage/followup_store.py`) : rien d'autre ne s'écrit ---


class ActionChanges(TypedDict, total=False):
    """Les colonnes qu'une commande peut changer dans une ligne `actions` (`update_action`)."""

    step_id: str | None
    text: str
    due_date: str | None
    done_at: str | None
    removed: int
    due_by_hand: int


class GuideActionValues(TypedDict):
    """Une action du guide écrite dans le carnet, toutes colonnes données (`save_guide_action`)."""

    step_id: str | None
    text: str
    due_date: str | None  # AAAA-MM-JJ ; None aussi pour une date abîmée, ignorée à la lecture
    done_at: str | None
    removed: int  # 0 ou 1 (un booléen dans une sauvegarde)
    due_by_hand: int  # 0 ou 1 : échéance fixée à la main


class ContactChanges(TypedDict, total=False):
    """Les champs qu'une commande peut changer dans une ligne `contacts` (`update_contact`)."""

    name: str
    organisation: str
    role: str
    met_how: str
    notes: str
    follow_up: str | None


class NewContact(TypedDict):
    """Un contact à ajouter, tous champs donnés (`add_contact`)."""

    name: str
    organisation: str
    role: str
    met_how: str
    notes: str
    follow_up: str | None


# Les lignes lues : ce qu'on écrit (ci-dessus), plus ce que le carnet ajoute lui-même. Les changements
# (`*Changes`, tout facultatif) répètent les colonnes écrites (tout obligatoire) : un TypedDict ne sait
# pas rendre facultatives des clés héritées (pas de `Partial`), et un seul type perdrait l'une des deux règles.


class ActionRow(GuideActionValues):
    """Une ligne `actions` : une action du guide cochée, datée ou retirée (`guide_action_id`), ou à toi ;
    les colonnes écrites (`GuideActionValues`), plus celles que le carnet ajoute."""

    id: int
    guide_action_id: str | None
    created_at: str
    updated_at: str


class ContactRow(NewContact):
    """Une ligne `contacts` (la même dans une sauvegarde) : le contact écrit, plus ce que le carnet ajoute."""

    id: int
    created_at: str
    updated_at: str


class AnswerStartRow(TypedDict):
    """Ce que `followup.step_start_days` lit d'une réponse : son étape et sa date."""

    step_id: str
    answered_at: str
    archived: int


class AnswerRow(TypedDict):
    """Une réponse et ses dates (`Store.answer_rows`)."""

    question: str
    step: str
    value: Any  # la réponse décodée du JSON
    answered_at: str
    updated_at: str


class StepRow(TypedDict):
    """L'état enregistré d'une étape commencée (`Store.step_rows`, par id d'étape)."""

    completed_at: str | None
    last_activity_at: str | None


# --- la sauvegarde JSON (core/backup.py ; README « Format de la sauvegarde JSON ») ------------------


class GuideRef(TypedDict):
    id: str
    version: str


class BackupAnswer(TypedDict):
    question_id: str
    step_id: str
    value: Any  # une réponse : texte, nombre, booléen, liste de valeurs simples ou None
    archived: bool
    answered_at: str
    updated_at: str


class BackupStep(TypedDict):
    step_id: str
    completed_at: str | None
    last_activity_at: str | None


class BackupInterestAnswer(TypedDict):
    item_id: str
    value: int
    answered_at: str


class BackupAction(TypedDict):
    id: int
    guide_action_id: str | None
    step_id: str | None
    text: str
    due_date: str | None
    done_at: str | None
    removed: bool
    created_at: str
    updated_at: str
    due_by_hand: bool  # depuis le format 2


class UnreadableCell(TypedDict):
    """Une cellule que l'export n'a pas pu lire (clé facultative `illisible`)."""

    table: str
    key: str | int | None
    column: str
    problem: str
    recovered: str | None


class _Tables(TypedDict):
    """Les tables du carnet, ligne par ligne, en valeurs JSON (`backup.TABLES`)."""

    answers: list[BackupAnswer]
    steps: list[BackupStep]
    interest_answers: list[BackupInterestAnswer]
    actions: list[BackupAction]
    experiences: list[ExperienceRow]
    contacts: list[ContactRow]


class ProfileData(_Tables):
    """Tout le carnet lu par `backup_store.read_profile`, de quoi construire la sauvegarde et le plan."""

    profile_info: dict[str, str]
    unreadable: list[UnreadableCell]


class _BackupDocument(_Tables):
    format: str  # toujours "reconversion-backup"
    format_version: int
    exported_at: str
    tool_version: str
    profile: str
    guide: GuideRef
    profile_info: dict[str, str]


class BackupDocument(_BackupDocument, total=False):
    """Le fichier de `export --format json`, tel que `backup.build_backup` le construit."""

    illisible: list[UnreadableCell]


# --- `status --json` (core/status.py ; README « reconversion status --json ») ------------------------


class NextQuestion(TypedDict):
    id: str
    prompt: str
    label: str  # le titre court de la question, sinon son invite


class StepReport(TypedDict):
    id: str
    title: str
    answered: int
    applicable: int
    done: bool
    state: StepState
    state_label: str  # le mot affiché : « à faire », « en cours », « terminée »
    last_activity: str | None
    completed_at: str | None
    next_question: NextQuestion | None


class NextAction(TypedDict):
    id: str
    step: str | None
    text: str
    due: str | None
    missed: bool  # sa marge est déjà entamée : « délai impossible à tenir » (dit en détail plus bas)


class MissedDeadline(TypedDict):
    id: str  # l'action ; pour des préparations sans marge (`squeezed`), la question de la date qu'elles préparent
    text: str
    due: str
    rule: str
    advice: str
    squeezed: bool


class OverdueAction(TypedDict):
    id: str
    step: str | None
    text: str
    due: str
    days_late: int


class FollowUpDue(TypedDict):
    id: str
    name: str
    organisation: str
    follow_up: str
    late: bool
    label: str


class FollowUpSummary(TypedDict):
    """Ce que `followup.followup_summary` apporte à `status`."""

    missed_deadlines: list[MissedDeadline]
    overdue_actions: list[OverdueAction]
    followups_due: list[FollowUpDue]
    next_actions: list[NextAction]


class InterestsSummary(TypedDict):
    answered: int
    total: int
    complete: bool
    scores: dict[str, float | None]  # moyenne par dimension ; None : rien de noté
    code: str | None  # None tant que le test n'est pas fini


class StatusReport(TypedDict):
    profile: str
    store: str
    guide: GuideRef
    started: bool
    percent: int
    complete: bool
    steps: list[StepReport]
    next_actions: list[NextAction]
    missed_deadlines: list[MissedDeadline]
    overdue_actions: list[OverdueAction]
    followups_due: list[FollowUpDue]
    interests: InterestsSummary | None


# --- `actions --json`, `contacts --json`, `experiences --json`, `calendrier --json` -------------------


class ActionJson(TypedDict):
    id: str
    source: ActionSource
    step: str | None
    step_title: str
    text: str
    due: str | None
    status: ActionStatus
    status_label: str
    overdue: bool
    missed: bool
    due_by_hand: bool
    done: bool
    done_at: str | None


class ContactJson(TypedDict):
    id: str
    name: str
    organisation: str
    role: str
    met_how: str
    notes: str
    follow_up: str | None
    follow_up_status: FollowUpStatus | None
    follow_up_status_label: str | None
    follow_up_due: bool


class ExperienceJson(TypedDict):
    id: str
    kind: str
    kind_label: str
    organisation: str
    start: str | None
    end: str | None
    learnt: str


class EntryJson(TypedDict):
    date: str
    kind: EntryKind
    id: str
    text: str
    overdue: bool
    missed: bool
    advice: str | None
    rule: str | None


class UndatedJson(TypedDict):
    kind: EntryKind
    id: str
    text: str


class MonthJson(TypedDict):
    month: str  # AAAA-MM
    title: str
    entries: list[EntryJson]


class TimelineJson(TypedDict):
    today: str
    target: str | None
    missed: list[MissedDeadline]
    overdue: list[EntryJson]
    months: list[MonthJson]
    later: list[EntryJson]
    undated: list[UndatedJson]


# --- `jobs … --json` (commands/jobs.py, adapters/rome/skills_reports.py) ----------------------------------


class JobHit(TypedDict):
    code: str
    title: str
    label: str
    riasec: str
    in_catalogue: bool


class JobSearchReport(TypedDict):
    query: str
    source: str  # "catalogue" ou "rome"
    rome_version: str | None
    results: list[JobHit]


class LinkJson(TypedDict):
    label: str
    url: str
    hint: str


class MobiliteJson(TypedDict):
    code: str
    title: str
    riasec: str


class FicheReport(TypedDict):
    """`jobs show --json` : la fiche du catalogue intégré, complétée par le ROME importé."""

    code: str
    title: str
    riasec: str
    domain: str
    domain_label: str | None
    in_catalogue: bool
    description: str | None
    access: list[str]
    training_duration: str | None
    links: list[LinkJson]
    rome_version: str | None
    rome_title: str | None
    appellations: list[str] | None
    mobilites: list[MobiliteJson] | None
    source: str | None
    certifications: list[CertificationJson] | None  # None : certifications pas importées


class SkillJson(TypedDict):
    code: str  # code_ogr
    label: str
    kind: str  # savoir-faire, savoir-être, savoir (mots du ROME)
    group: str


# `jobs compare DE VERS --json`, et les compétences du plan et de l'assistant (`from` est un mot
# réservé de Python : forme fonctionnelle).
ComparisonReport = TypedDict(
    "ComparisonReport",
    {
        "from": str,
        "from_title": str,
        "to": str,
        "to_title": str,
        "coverage": float,  # de 0 à 1
        "shared": list[SkillJson],
        "to_acquire": list[SkillJson],
        "routes": list[SkillJson],  # diplômes, titres, habilitations : hors compétences (revue S3)
        "rome_version": str | None,
        "source": str,
    },
)


class BridgeFilters(TypedDict):
    riasec: str | None
    domain: str | None


class BridgeJson(TypedDict):
    code: str
    title: str
    riasec: str
    coverage: float
    shared: int
    total: int
    mobilite: bool


# `jobs bridges DE --json`.
BridgesReport = TypedDict(
    "BridgesReport",
    {
        "from": str,
        "from_title": str,
        "filters": BridgeFilters,
        "results": list[BridgeJson],
        "rome_version": str | None,
        "source": str,
    },
)


# --- certifications (RNCP et RS importés) ---------------------------------------------------


class CertificationJson(TypedDict):
    """Une certification en une ligne : `jobs show --json` (`certifications`), `certifications search --json`."""

    code: str  # RNCP34692, RS5063
    title: str
    level: int | None  # 3 à 8 ; None pour le RS ou un niveau non précisé
    vae: bool
    active: bool  # active aujourd'hui : ACTIVE dans l'export et date de fin non passée
    end: str | None  # AAAA-MM-JJ
    replaced_by: str | None  # le bout de la chaîne de remplacements


class CertificationSearchReport(TypedDict):
    query: str
    level: int | None
    vae_only: bool
    results: list[CertificationJson]
    source: str


class RomeLinkJson(TypedDict):
    code: str
    label: str  # le libellé de l'export
    current_title: str | None  # le métier actuel (ROME importé ou catalogue intégré)
    exists: bool | None  # None : ni le ROME importé ni le catalogue ne permettent de le dire


class CodeTitleJson(TypedDict):
    code: str
    title: str | None


class CertificationReport(TypedDict):
    """`certifications show CODE --json`."""

    code: str
    kind: Literal["RNCP", "RS"] | str
    title: str
    abbrev: str
    level: int | None
    level_raw: str
    level_label: str
    state: Literal["active", "expired", "inactive"]
    end: str | None
    registration: str
    certifiers: list[str]
    routes: list[str]
    vae: bool
    partial_validation: bool
    blocks: list[CodeTitleJson]
    romes: list[RomeLinkJson]
    replaces: list[CodeTitleJson]
    replaced_by: list[CodeTitleJson]
    chain_end: str | None
    chain_end_state: Literal["active", "expired", "inactive"] | None
    url: str
    source: str


class MetierCertificationsJson(TypedDict):
    """Pour un métier visé (assistant, plan) : les certifications actives à portée de la personne."""

    person_level: int | None  # d'après `diplome_niveau` (2 : sans diplôme de niveau 3)
    items: list[CertificationJson]
    hidden: int  # les autres actives (plus loin de son niveau, ou au-delà des premières)
    vae_with_experience: list[str]  # VAE possible et son métier actuel parmi les métiers visés par la fiche


class ChosenCertificationJson(TypedDict):
    """La certification visée (réponse `certification_visee`), complétée par l'export si c'est un numéro connu."""

    text: str
    code: str | None
    details: CertificationJson | None
    url: str | None
