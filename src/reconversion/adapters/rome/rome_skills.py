"""Les compétences de l'export du ROME : savoir-faire, savoir-être, savoirs, et leurs liens aux fiches.

Quatre fichiers, lus après les fiches (leurs lecteurs de lignes sont dans la table de
`rome_import.py`) :
- `unix_referentiel_competence` : les savoir-faire et savoir-être. Chaque compétence appartient
  à une macro-compétence (`code_ogr_macro_comp`), qui sert à regrouper l'affichage ; les
  savoir-être sont eux-mêmes des macro-compétences ;
- `unix_referentiel_savoir` : les savoirs (connaissances), regroupés par catégorie ;
- `unix_referentiel_contexte_travail` : les contextes de travail (horaires, lieux…), lus
  seulement pour reconnaître leurs codes : ce ne sont pas des compétences, on ne les garde pas ;
- `unix_coherence_item` : quelle fiche demande quel élément (`code_rome`, `code_ogr`).

Un élément lié à une fiche mais absent des trois référentiels est signalé (fichier:ligne) :
sinon une compétence disparaîtrait sans bruit des comparaisons. Ce module ne connaît que
`rome_rows.py` : il n'importe pas `rome_import.py`, qui l'importe.
"""

from __future__ import annotations

import re

from reconversion.adapters.imports.export_rows import Problems
from reconversion.adapters.rome.rome_rows import RomeData, code, label, ogr
from reconversion.core.limits import show
from reconversion.core.skills import SAVOIR, SAVOIR_ETRE, SAVOIR_FAIRE

_OGR = re.compile(r"^[0-9]{1,12}$")
_KINDS = {"savoir-faire": SAVOIR_FAIRE, "savoir-être professionnel": SAVOIR_ETRE, "savoir-être": SAVOIR_ETRE}


def read_competence(data: RomeData, where: str, row: dict[str, str], problems: Problems) -> None:
    """Un savoir-faire ou savoir-être : genre, libellé, macro-compétence (None si c'en est une), ligne."""
    number = ogr(row["code_ogr"], where, "code_ogr", problems)
    kind = _KINDS.get(row["cat_comp"].casefold())
    text = label(row["libelle_competence"])
    macro = row["code_ogr_macro_comp"]
    if number is None:
        return
    if kind is None:
        problems.add(
            where, f"catégorie « {show(row['cat_comp'])} » inconnue (Savoir-faire ou Savoir-être professionnel)"
        )
    elif not text:
        problems.add(where, "libellé de compétence vide")
    elif macro and not _OGR.match(macro):
        problems.add(where, f"identifiant de macro-compétence invalide « {show(macro)} » (code_ogr_macro_comp)")
    elif number in data.competences:
        problems.add(where, f"compétence {number} en double")
    else:
        line = int(where.rsplit(":", 1)[1])
        data.competences[number] = (kind, text, int(macro) if macro else None, line)


def check_macros(data: RomeData, name: str, problems: Problems) -> None:
    """Chaque macro-compétence citée par une compétence est elle-même dans le fichier."""
    for number, (_, _, macro_id, line) in data.competences.items():
        if macro_id is not None and macro_id not in data.competences:
            problems.add(
                f"{name}:{line}", f"macro-compétence {macro_id} (de la compétence {number}) absente du fichier"
            )


def read_savoir(data: RomeData, where: str, row: dict[str, str], problems: Problems) -> None:
    number = ogr(row["code_ogr_savoir"], where, "code_ogr_savoir", problems)
    text = label(row["libelle_savoir"])
    if number is None:
        return
    if not text:
        problems.add(where, "libellé de savoir vide")
    elif number in data.savoirs or number in data.competences:
        problems.add(where, f"élément {number} en double (déjà vu parmi les compétences ou les savoirs)")
    else:
        data.savoirs[number] = (text, label(row["categorie_savoir"]))


def read_context(data: RomeData, where: str, row: dict[str, str], problems: Problems) -> None:
    number = ogr(row["code_ogr"], where, "code_ogr", problems)
    if number is not None:
        data.contexts.add(number)


def read_link(data: RomeData, where: str, row: dict[str, str], problems: Problems) -> None:
    """Une fiche et un élément qu'elle demande : compétence ou savoir, gardé ; contexte, ignoré."""
    fiche = code(row["code_rome"], where, "code_rome", problems)
    number = ogr(row["code_ogr"], where, "code_ogr", problems)
    if fiche is None or number is None:
        return
    if fiche not in data.titles:
        problems.add(where, f"code {fiche} absent du fichier des fiches")
    elif number in data.competences or number in data.savoirs:
        data.fiche_skills.add((fiche, number))
    elif number not in data.contexts:
        problems.add(where, f"élément {number} absent des compétences, des savoirs et des contextes de travail")


def link_skills(data: RomeData) -> None:
    """Remplit `data.skills` : les éléments liés à au moins une fiche, avec leur groupe d'affichage.

    Appelé une fois tous les fichiers lus sans problème (les groupes renvoient aux macro-compétences) ;
    les tables de lecture sont ensuite vidées : elles ne servent plus.
    """
    for number in {number for _, number in data.fiche_skills}:
        if number in data.savoirs:
            text, category = data.savoirs[number]
            data.skills[number] = (SAVOIR, text, None, category)
            continue
        kind, text, macro, _ = data.competences[number]
        if kind == SAVOIR_ETRE:
            data.skills[number] = (kind, text, macro or number, "")
        else:
            group = data.competences[macro][1] if macro is not None else text
            data.skills[number] = (kind, text, macro or number, group)
    data.competences.clear()
    data.savoirs.clear()
    data.contexts.clear()
