"""Le chargeur de `metiers.yaml` et `interets.yaml` : modèle figé, problèmes situés, liens d'une fiche."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import write
from reconversion.adapters.content.metiers_files import catalogue, interest_test
from reconversion.core.catalogue import CatalogueError, links, search_words
from reconversion.core.catalogue_loader import load_catalogue, load_interest_test

GOOD_METIER = """\
  - code: J1501
    title: Aide-soignant / Aide-soignante
    riasec: SI
    domain: J
    description: Tu accompagnes les patients dans les gestes du quotidien.
    access: [DEAS]
    training_duration: 1 an
"""


def test_shipped_files_load_into_frozen_objects():
    cat = catalogue()
    assert len(cat.metiers) >= 200
    metier = cat.get("J1506")
    assert metier is not None and metier.riasec == "SI" and metier.access
    with pytest.raises(AttributeError):
        metier.title = "autre"  # type: ignore[misc]
    test = interest_test()
    assert [d.code for d in test.dimensions] == list("RIASEC")
    assert test.scale_values == (1, 2, 3, 4, 5)
    assert len(test.items) >= 48 and "verdict" in test.disclaimer


def test_catalogue_problems_are_located_and_all_reported(tmp_path: Path):
    path = write(
        tmp_path,
        "metiers.yaml",
        "metiers:\n"
        + GOOD_METIER
        + """\
  - code: J1501
    title: Doublon
    riasec: SX
    domain: K
    description: Texte.
    access: []
    training_duration: 1 an
    salaire: 2000
  - code: 12345
    title: ""
""",
    )
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    lines = caught.value.problems
    assert caught.value.message.startswith("Le catalogue des métiers contient")
    assert f"{path}:9:11: metiers[1].code: code en double « J1501 » (déjà à metiers[0])" in lines
    assert f"{path}:11:13: metiers[1].riasec: lettres RIASEC invalides « SX »" in "\n".join(lines)
    assert any(line.startswith(f"{path}:14:13: metiers[1].access: la liste est vide") for line in lines)
    assert any(line.startswith(f"{path}:16:5: metiers[1].salaire: clé inconnue « salaire »") for line in lines)
    assert any(line.startswith(f"{path}:17:11: metiers[2].code: texte attendu") for line in lines)
    assert any("metiers[2]: clé obligatoire manquante « riasec »" in line for line in lines)


def test_catalogue_syntax_error_and_missing_file(tmp_path: Path):
    path = write(tmp_path, "metiers.yaml", "metiers:\n  - code: [J1501\n")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert caught.value.problems[0].startswith(f"{path}:3:1: erreur de syntaxe YAML")
    with pytest.raises(CatalogueError) as missing:
        load_catalogue(tmp_path / "absent.yaml")
    assert "fichier introuvable" in missing.value.message


def test_interest_test_problems(tmp_path: Path):
    path = write(
        tmp_path,
        "interets.yaml",
        """\
title: Test
intro: Intro
disclaimer: Pas un verdict.
scale:
  - {value: 1, label: Non}
  - {value: 1, label: Oui}
dimensions:
  - {code: R, name: Réaliste, description: Concret.}
  - {code: X, name: Autre, description: Inconnu.}
items:
  - {id: r01, dimension: R, text: Bricoler}
  - {id: r01, dimension: R, text: Réparer}
  - {id: q01, dimension: Q, text: Rêver}
  - {id: "r 02", dimension: R, text: Scier}
""",
    )
    with pytest.raises(CatalogueError) as caught:
        load_interest_test(path)
    text = "\n".join(caught.value.problems)
    assert caught.value.message.startswith("Le test d'intérêts contient")
    assert f"{path}:6:13: scale[1].value: les valeurs de l'échelle doivent aller en croissant" in text
    assert f"{path}:9:12: dimensions[1].code: dimension inconnue « X »" in text
    assert f"{path}:8:3: dimensions: dimensions manquantes : I, A, S, E, C" in text
    assert f"{path}:12:10: items[1].id: identifiant en double « r01 »" in text
    assert f"{path}:13:26: items[2].dimension: dimension inconnue « Q »" in text
    # la règle et les mots des identifiants du guide (une seule définition, core/yaml_source)
    assert f"{path}:14:10: items[3].id: identifiant invalide « r 02 » (lettres, chiffres, _ et - seulement)" in text


@pytest.mark.parametrize(
    ("value", "valid"), [("r01", True), ("_a-b", True), ("-a", False), ("a b", False), ("a\n", False)]
)
def test_one_identifier_rule_for_the_guide_and_the_catalogue(value: str, valid: bool) -> None:
    from reconversion.core.yaml_source import identifier_problem

    assert (identifier_problem(value) is None) == valid


def test_search_words_keep_the_first_form_without_acronyms():
    assert search_words("Conducteur / Conductrice d'engins agricoles") == "Conducteur d'engins agricoles"
    assert search_words("Agent général / Agente générale d'assurance") == "Agent général d'assurance"
    assert search_words("Infirmier / Infirmière en soins généraux (IDE)") == "Infirmier en soins généraux"
    assert search_words("Garde de parc naturel") == "Garde de parc naturel"


def test_links_of_a_fiche():
    fiche, training, mcf = links("D1102", "Boulanger / Boulangère")
    assert fiche.url == "https://candidat.francetravail.fr/metierscope/fiche-metier/D1102"
    assert training.url == "https://candidat.francetravail.fr/formations/recherche?quoi=Boulanger"
    assert mcf.url == "https://www.moncompteformation.gouv.fr" and mcf.hint == "cherche « Boulanger »"
    _, training, _ = links("A1203", "Agent / Agente d'entretien des espaces verts")
    assert training.url.endswith("?quoi=Agent+d%27entretien+des+espaces+verts")


def test_a_regulated_access_route_needs_a_source(tmp_path: Path):
    """« obligatoire », une carte ou un agrément dans les voies d'accès : un fait réglementé, sourcé."""
    entry = """\
  - code: N4131
    title: Conducteur / Conductrice de taxi
    riasec: RS
    domain: N
    description: Tu conduis des clients.
    access:
      - Permis B depuis au moins 3 ans
      - Carte professionnelle délivrée par la préfecture
    training_duration: Quelques semaines
"""
    path = write(tmp_path, "metiers.yaml", "metiers:\n" + entry)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert caught.value.problems == [
        f"{path}:9:9: metiers[0].access[1]: « Carte professionnelle » : une voie d'accès réglementée doit être "
        "sourcée ; ajoute une clé « sources » à ce métier"
    ]
    sourced = entry + (
        "    sources:\n"
        '      - {url: "https://candidat.francetravail.fr/metierscope/fiche-metier/N4131", '
        'title: "Fiche ROME", checked: 2026-12-07}\n'
    )
    [metier] = load_catalogue(write(tmp_path, "metiers.yaml", "metiers:\n" + sourced)).metiers
    assert [(s.url, s.checked) for s in metier.sources] == [
        ("https://candidat.francetravail.fr/metierscope/fiche-metier/N4131", "2026-12-07")
    ]
    broken = entry + '    sources:\n      - {url: "http://exemple.fr", title: T, checked: 2026-13-01}\n'
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, "metiers.yaml", "metiers:\n" + broken))
    assert [p.split(": ", 2)[1] for p in caught.value.problems] == [
        "metiers[0].sources[0].url",
        "metiers[0].sources[0].checked",
    ]


def test_catalogue_objects_of_different_kinds_are_never_equal() -> None:
    from reconversion.core.catalogue import Dimension, Item, Link, ScalePoint

    assert Dimension("R", "x", "y") != Item("R", "x", "y")
    assert Dimension("R", "x", "y") != ("R", "x", "y")
    assert Dimension("R", "x", "y") == Dimension("R", "x", "y")
    assert len({Dimension("R", "x", "y"), Item("R", "x", "y"), Link("R", "x", "y")}) == 3
    assert ScalePoint(1, "Non") != (1, "Non")
    loaded = interest_test()
    assert loaded == interest_test() and hash(loaded) == hash(interest_test())  # même contenu : égaux


def test_domain_names_are_read_and_each_used_letter_is_named(tmp_path: Path):
    """C9 : `domaines:` nomme les grands domaines ; une lettre utilisée sans nom, ou hors A–N, est située."""
    named = load_catalogue(write(tmp_path, "a.yaml", "domaines:\n  J: Santé\nmetiers:\n" + GOOD_METIER))
    assert named.domain_name("J") == "Santé" and named.domain_name("K") is None
    assert load_catalogue(write(tmp_path, "b.yaml", "metiers:\n" + GOOD_METIER)).domain_name("J") is None
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(write(tmp_path, "c.yaml", "domaines:\n  K: Services\n  Z: Rien\nmetiers:\n" + GOOD_METIER))
    problems = "\n".join(caught.value.problems)
    assert "c.yaml:3:3: domaines.Z: « Z » : une lettre de A à N attendue" in problems, problems
    assert "c.yaml:5:5: metiers[0]: le domaine « J » n'a pas de nom dans « domaines »" in problems, problems
