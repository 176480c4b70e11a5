"""« Aujourd'hui », une seule règle pour tout l'outil : la date du jour, ou `$RECONVERSION_TODAY`.

Le plan, le calendrier, les listes du suivi et le récapitulatif de l'assistant voient ainsi le
même jour ; les tests et les démonstrations le fixent (AAAA-MM-JJ) pour des sorties stables. Ce
module ne dépend que de la bibliothèque standard : `status` l'importe sans rien charger d'autre.
"""

from __future__ import annotations

import datetime as dt
import os

from reconversion.errors import UsageError

TODAY_VARIABLE = "RECONVERSION_TODAY"


def plan_date() -> dt.date:
    """Aujourd'hui, ou `$RECONVERSION_TODAY` (AAAA-MM-JJ) : jamais pour les horodatages du carnet."""
    configured = os.environ.get(TODAY_VARIABLE, "").strip()
    if not configured:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(configured)
    except ValueError:
        raise UsageError(
            f"{TODAY_VARIABLE}=« {configured} » n'est pas une date AAAA-MM-JJ (exemple : 2027-03-01)."
        ) from None


def now_utc() -> dt.datetime:
    """L'instant présent (UTC) ; midi du jour fixé si `RECONVERSION_TODAY` est défini, pour des exports stables.

    Midi UTC tombe le même jour partout de UTC-11 à UTC+11 : une action cochée « aujourd'hui » le reste.
    """
    if os.environ.get(TODAY_VARIABLE, "").strip():
        return dt.datetime.combine(plan_date(), dt.time(12, 0), tzinfo=dt.timezone.utc)
    return dt.datetime.now(dt.timezone.utc)
