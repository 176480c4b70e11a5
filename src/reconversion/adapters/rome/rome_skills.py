"""Les compétences de l'export du ROME : savoir-faire, savoir-être, savoirs, et leurs liens aux fiches.

Quatre fichiers, lus après les fiches (appelés par `rome_import.read_export`) :
- `unix_referentiel_competence` : les savoir-faire et savoir-être. Chaque compétence appartient
  à une macro-compétence (`code_ogr_macro_comp`), qui sert à regrouper l'affichage ; les
  savoir-être sont eux-mêmes des macro-compétences ;
- `unix_referentiel_savoir` : les savoirs (connaissances), regroupés par catégorie ;
- `unix_referentiel_contexte_travail` : les contextes de travail (horaires, lieux…), lus
  seulement pour reconnaître leurs codes : ce ne sont pas des compétences, on ne les garde pas ;
- `unix_coherence_item` : quelle fiche demande quel élément (`code_rome`, `code_ogr`).

Un élément lié à une fiche mais absent des trois référentiels est signalé (fichier:ligne) :
sinon une compétence disparaîtrait sans bruit des comparaisons.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from reconversion.adapters.rome.rome_import import _code, _label, _rows
from reconversion.core.skills import SAVOIR, SAVOIR_ETRE, SAVOIR_FAIRE

if TYPE_CHECKING:
    from reconversion.adapters.rome.rome_archive import Member
    from reconversion.adapters.rome.rome_import import RomeData, _Problems, _Spec

_OGR = re.compile(r"^[0-9]{1,12}$")
_KINDS = {"savoir-faire": SAVOIR_FAIRE, "savoir-être professionnel": SAVOIR_ETRE, "savoir-être": SAVOIR_ETRE}


def read_skills(data: RomeData, paths: Mapping[str, Member], specs: Mapping[str, _Spec], problems: _Problems) -> None:
    """Remplit `data.skills` (éléments liés à au moins une fiche) et `data.fiche_skills`."""
    competences = _competences(paths["competences"], specs["competences"], problems)
    savoirs: dict[int, tuple[str, str]] = {}
    name = paths["savoirs"].name
    for line, row in _rows(paths["savoirs"], specs["savoirs"], problems):
        where = f"{name}:{line}"
        ogr = _ogr(row["code_ogr_savoir"], where, "code_ogr_savoir", problems)
        label = _label(row["libelle_savoir"])
        if ogr is None:
            continue
        if not label:
            problems.add(where, "libellé de savoir vide")
        elif ogr in savoirs or ogr in competences:
            problems.add(where, f"élément {ogr} en double (déjà vu parmi les compétences ou les savoirs)")
        else:
            savoirs[ogr] = (label, _label(row["categorie_savoir"]))
    contexts: set[int] = set()
    for line, row in _rows(paths["contextes"], specs["contextes"], problems):
        ogr = _ogr(row["code_ogr"], f"{paths['contextes'].name}:{line}", "code_ogr", problems)
        if ogr is not None:
            contexts.add(ogr)

    name = paths["liens"].name
    for line, row in _rows(paths["liens"], specs["liens"], problems):
        where = f"{name}:{line}"
        code = _code(row["code_rome"], where, "code_rome", problems)
        ogr = _ogr(row["code_ogr"], where, "code_ogr", problems)
        if code is None or ogr is None:
            continue
        if code not in data.titles:
            problems.add(where, f"code {code} absent du fichier des fiches")
        elif ogr in competences or ogr in savoirs:
            data.fiche_skills.add((code, ogr))
        elif ogr not in contexts:
            problems.add(where, f"élément {ogr} absent des compétences, des savoirs et des contextes de travail")

    if problems:  # les groupes renvoient aux macro-compétences : seulement si tout est cohérent
        return
    for ogr in {ogr for _, ogr in data.fiche_skills}:
        if ogr in savoirs:
            label, category = savoirs[ogr]
            data.skills[ogr] = (SAVOIR, label, None, category)
            continue
        kind, label, macro, _ = competences[ogr]
        if kind == SAVOIR_ETRE:
            data.skills[ogr] = (kind, label, macro or ogr, "")
        else:
            group = competences[macro][1] if macro is not None else label
            data.skills[ogr] = (kind, label, macro or ogr, group)


def _competences(member: Member, spec: _Spec, problems: _Problems) -> dict[int, tuple[str, str, int | None, int]]:
    """Savoir-faire et savoir-être : genre, libellé, macro-compétence (None si c'en est une), ligne."""
    found: dict[int, tuple[str, str, int | None, int]] = {}
    for line, row in _rows(member, spec, problems):
        where = f"{member.name}:{line}"
        ogr = _ogr(row["code_ogr"], where, "code_ogr", problems)
        kind = _KINDS.get(row["cat_comp"].casefold())
        label = _label(row["libelle_competence"])
        macro = row["code_ogr_macro_comp"]
        if ogr is None:
            continue
        if kind is None:
            problems.add(where, f"catégorie « {row['cat_comp']} » inconnue (Savoir-faire ou Savoir-être professionnel)")
        elif not label:
            problems.add(where, "libellé de compétence vide")
        elif macro and not _OGR.match(macro):
            problems.add(where, f"identifiant de macro-compétence invalide « {macro} » (code_ogr_macro_comp)")
        elif ogr in found:
            problems.add(where, f"compétence {ogr} en double")
        else:
            found[ogr] = (kind, label, int(macro) if macro else None, line)
    for ogr, (_, _, macro_id, line) in found.items():
        if macro_id is not None and macro_id not in found:
            where = f"{member.name}:{line}"
            problems.add(where, f"macro-compétence {macro_id} (de la compétence {ogr}) absente du fichier")
    return found


def _ogr(value: str, where: str, column: str, problems: _Problems) -> int | None:
    if _OGR.match(value):
        return int(value)
    problems.add(where, f"identifiant invalide « {value} » dans la colonne {column} (des chiffres)")
    return None
