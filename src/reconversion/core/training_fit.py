"""La durée de formation d'un métier visé, comparée aux dates de la personne.

Le catalogue donne une durée indicative en mots (« 6 mois à 2 ans », « 1 à 3 ans »,
« Concours + 6 mois de formation »). On en lit la durée la plus courte ; commencée à la date
de début de formation (ou aujourd'hui), la formation la plus courte finit-elle avant la date
à partir de laquelle la personne veut exercer ? Sinon, on le lui dit, avec les deux dates.
Une durée qu'on ne sait pas lire (« Quelques semaines », « 120 heures ») n'est pas jugée.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from reconversion.core.dates import add_months, french_date
from reconversion.core.lazy_pattern import LazyPattern
from reconversion.core.model import LATE_TRAINING_MESSAGE, Guide
from reconversion.core.question_ids import START_QUESTION, TARGET_QUESTION

__all__ = [
    "LateTraining",
    "late_training_sentences",
    "late_trainings",
    "shortest_months",
]

_UNIT = r"(jours?|semaines?|mois|ans?)"
_SPAN = LazyPattern(rf"(\d+)\s*(?:{_UNIT}\s*)?(?:à|-)\s*\d+\s*{_UNIT}|(\d+)\s*{_UNIT}")
_HOURS = LazyPattern(r"\D*\d[\d\s\u202f\u00a0]*(?:h\b|heures?)")


class LateTraining(NamedTuple):
    """Un métier dont la formation la plus courte ne finit pas avant la date cible."""

    title: str
    duration: str
    start: dt.date
    earliest_end: dt.date
    target: dt.date

    def sentence(self, template: str) -> str:
        """La phrase dite à la personne (assistant, `status`, plan) : le message `formation_trop_longue`
        du guide, ses trous remplis (`{metier}`, `{duree}`, `{debut}`, `{fin}`, `{cible}`)."""
        return template.format(
            metier=self.title,
            duree=self.duration.casefold(),
            debut=french_date(self.start.isoformat()),
            fin=french_date(self.earliest_end.isoformat()),
            cible=french_date(self.target.isoformat()),
        )


def late_training_sentences(
    guide: Guide,
    metiers: Iterable[Mapping[str, Any]],
    answers: Mapping[str, Any],
    today: dt.date,
    message: str = LATE_TRAINING_MESSAGE,
) -> tuple[str, ...]:
    """Les phrases d'A14 pour ces métiers visés (`message` : la phrase entière, ou sa forme courte
    `LATE_TRAINING_SHORT_MESSAGE`) ; aucune si le guide n'a pas le message : ses mots sont là."""
    template = guide.message(message)
    if not template:
        return ()
    return tuple(late.sentence(template) for late in late_trainings(metiers, answers, today))


def shortest_months(duration: str) -> int | None:
    """La durée la plus courte, en mois (arrondie au-dessus), lue dans « 6 mois à 2 ans » ; None si illisible."""
    text = duration.casefold()
    match = _SPAN.search(text)
    if match is None:
        return None
    if "quelques" in text[: match.start()] or _HOURS.match(text):  # « Quelques semaines à… », « 120 heures »
        return None
    if match[1] is not None:
        count, unit = int(match[1]), match[2] or match[3]
    else:
        count, unit = int(match[4]), match[5]
    if unit.startswith("an"):
        return count * 12
    if unit == "mois":
        return count
    days = count * (7 if unit.startswith("semaine") else 1)
    return max(1, -(-days // 30))


def late_trainings(
    metiers: Iterable[Mapping[str, Any]], answers: Mapping[str, Any], today: dt.date
) -> list[LateTraining]:
    """Les métiers visés dont la formation la plus courte finit le jour de la date cible ou après."""
    target = _day(answers.get(TARGET_QUESTION))
    if target is None:
        return []
    start = _day(answers.get(START_QUESTION)) or today
    found = []
    for metier in metiers:
        duration = metier.get("training_duration")
        if not isinstance(duration, str) or (months := shortest_months(duration)) is None:
            continue
        end = add_months(start, months)
        if end >= target:
            found.append(LateTraining(str(metier.get("title") or metier.get("code")), duration, start, end, target))
    return found


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
