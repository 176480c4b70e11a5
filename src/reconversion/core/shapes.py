"""Les formes des données : les vocabulaires (états, sortes) et les dictionnaires JSON et SQLite.

Des types seulement, pour mypy : ce module n'est importé que sous `TYPE_CHECKING` (il ne coûte
rien au démarrage). Les valeurs elles-mêmes, et le mot français qui les affiche, vivent à côté
du code qui les produit : `engine.STATE_*` et `engine.STATE_LABELS`, `followup.STATUS_*`,
`followup.SOURCE_*`, `followup.FOLLOW_UP_*`, `timeline.KIND_*`, `plan_calendar.KIND_*`.

Une valeur de ces vocabulaires est un identifiant ASCII (celui de `--json`), jamais le mot
montré à l'écran : les vues le traduisent par la table `*_LABELS` de son module.
"""

from __future__ import annotations

from typing import Literal

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
