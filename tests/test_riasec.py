"""Le test d'intérêts : scores, code de Holland (et sa règle d'égalité), métiers suggérés."""

from __future__ import annotations

import pytest

from reconversion.adapters.content.metiers_files import catalogue, interest_test
from reconversion.adapters.screen.interests_view import doubt_sentence
from reconversion.core.catalogue import Catalogue, Dimension, InterestTest, Item, Metier, ScalePoint
from reconversion.core.riasec import (
    DimensionScore,
    code_doubts,
    holland_code,
    match_points,
    results_report,
    score,
    suggest_metiers,
)

SCALE = tuple(ScalePoint(v, f"niveau {v}") for v in range(1, 6))
DIMENSIONS = tuple(Dimension(c, f"dim {c}", f"description {c}") for c in "RIASEC")


def make_test(per_dimension: int = 2) -> InterestTest:
    items = tuple(Item(f"{c.lower()}{n}", c, f"activité {c}{n}") for n in range(1, per_dimension + 1) for c in "RIASEC")
    return InterestTest("Test", "Intro", "Une aide pour explorer, pas un verdict.", SCALE, DIMENSIONS, items)


def answers_for(ratings: dict[str, list[int]]) -> dict[str, int]:
    return {f"{c.lower()}{n}": value for c, values in ratings.items() for n, value in enumerate(values, start=1)}


def metier(code: str, title: str, riasec: str) -> Metier:
    return Metier(code, title, riasec, code[0], "Description.", ("CAP",), "1 an")


def test_scores_are_means_of_the_ratings():
    test = make_test()
    result = score(test, answers_for({"R": [1, 2], "I": [5, 5], "A": [3, 4], "S": [2, 2], "E": [1, 1], "C": [4, 5]}))
    assert result.complete and result.answered == result.total == 12
    assert result.scores() == {"R": 1.5, "I": 5.0, "A": 3.5, "S": 2.0, "E": 1.0, "C": 4.5}
    assert result.code == "ICA"
    assert result.summary() == {
        "answered": 12,
        "total": 12,
        "complete": True,
        "scores": result.scores(),
        "code": "ICA",
    }


def test_partial_test_has_scores_but_no_code():
    result = score(make_test(), {"r1": 5, "i1": 2, "i2": 3})
    assert not result.complete and result.answered == 3
    assert result.code is None
    assert result.scores() == {"R": 5.0, "I": 2.5, "A": None, "S": None, "E": None, "C": None}


def test_unknown_items_and_out_of_scale_values_are_ignored():
    result = score(make_test(), {"r1": 5, "zz": 4, "i1": 9, "a1": True, "s1": "3"})
    assert result.answered == 1 and result.scores()["R"] == 5.0


def test_tie_on_mean_is_broken_by_the_number_of_top_ratings():
    # R : 5 et 1 (un coup de cœur) ; I : 3 et 3. Même moyenne 3, mais R a une note maximale.
    test = make_test()
    ratings = {"R": [5, 1], "I": [3, 3], "A": [1, 1], "S": [1, 1], "E": [1, 1], "C": [2, 2]}
    assert score(test, answers_for(ratings)).code == "RIC"
    ratings["R"], ratings["I"] = [3, 3], [5, 1]
    assert score(test, answers_for(ratings)).code == "IRC"


def test_remaining_ties_follow_the_fixed_order_riasec():
    test = make_test()
    same = {c: [4, 4] for c in "RIASEC"}
    assert score(test, answers_for(same)).code == "RIA"
    ratings = {"R": [1, 1], "I": [2, 2], "A": [4, 4], "S": [2, 2], "E": [4, 4], "C": [4, 4]}
    assert score(test, answers_for(ratings)).code == "AEC"
    ratings["C"] = [5, 3]  # même moyenne 4, mais une note maximale : C passe devant A et E
    assert score(test, answers_for(ratings)).code == "CAE"


def test_flat_answers_are_said_not_presented_as_a_sure_code():
    """A6 : 60 fois Entrée (3 partout) donne un code, mais l'écran dit qu'il ne veut rien dire."""
    result = score(make_test(), answers_for({c: [3, 3] for c in "RIASEC"}))
    assert result.code == "RIA"
    assert code_doubts(result).flat
    assert "presque tous au même niveau" in (doubt_sentence(result) or "")


def test_a_tie_around_the_code_is_said():
    ratings = {"R": [1, 1], "I": [5, 5], "A": [3, 3], "S": [4, 4], "E": [3, 3], "C": [1, 1]}
    result = score(make_test(), answers_for(ratings))
    assert result.code == "ISA"
    doubts = code_doubts(result)
    assert not doubts.flat and doubts.ties == (("A", "E"),)
    assert "à égalité (A et E)" in (doubt_sentence(result) or "")


def test_a_clear_code_gets_no_warning():
    ratings = {"R": [1, 2], "I": [5, 5], "A": [3, 4], "S": [2, 2], "E": [1, 1], "C": [4, 5]}
    result = score(make_test(), answers_for(ratings))
    assert not code_doubts(result).any and doubt_sentence(result) is None


def test_exact_means_are_compared_without_rounding():
    dims = (
        DimensionScore("R", 3, 3, 10, 0),  # 3,333…
        DimensionScore("I", 3, 3, 10, 0),
        DimensionScore("A", 2, 2, 7, 0),  # 3,5
        DimensionScore("S", 1, 1, 1, 0),
        DimensionScore("E", 1, 1, 1, 0),
        DimensionScore("C", 1, 1, 1, 0),
    )
    assert dims[0].mean == 10 / 3
    assert DimensionScore("R", 4, 4, 10, 0).mean == DimensionScore("I", 2, 2, 5, 0).mean  # 10/4 = 5/2
    assert holland_code(dims) == "ARI"


def test_match_points_weight_positions():
    assert match_points("SEC", "SE") == 3 * 2 + 2 * 1 == 8
    assert match_points("SEC", "ES") == 2 * 2 + 3 * 1 == 7
    assert match_points("SEC", "SC") == 3 * 2 + 1 * 1 == 7
    assert match_points("SEC", "S") == 6
    assert match_points("SEC", "CR") == 1 * 2 == 2
    assert match_points("SEC", "RI") == 0


def test_suggestions_ranked_by_points_then_title_without_accents():
    cat = Catalogue(
        (
            metier("K0001", "Zoothérapeute", "SE"),
            metier("K0002", "Éducateur", "SE"),
            metier("K0003", "Agent", "ES"),
            metier("K0004", "Comptable", "CR"),
            metier("K0005", "Chercheur", "RI"),
            metier("K0006", "Conseiller", "S"),
        )
    )
    suggestions = suggest_metiers(cat, "SEC", limit=10)
    assert [(s.metier.code, s.points) for s in suggestions] == [
        ("K0002", 8),  # « Éducateur » classé comme « educateur », avant « Zoothérapeute »
        ("K0001", 8),
        ("K0003", 7),
        ("K0006", 6),
        ("K0004", 2),
    ]
    assert [s.metier.code for s in suggest_metiers(cat, "SEC", limit=2)] == ["K0002", "K0001"]


def test_no_suggestions_without_a_complete_result():
    cat = Catalogue((metier("K0001", "Conseiller", "S"),))
    assert suggest_metiers(cat, None) == []
    assert suggest_metiers(cat, score(make_test(), {"s1": 5})) == []
    full = score(make_test(), answers_for({c: [5, 5] if c == "S" else [1, 1] for c in "RIASEC"}))
    assert [s.metier.code for s in suggest_metiers(cat, full)] == ["K0001"]


def test_results_report_lists_dimensions_metiers_and_disclaimer():
    test = make_test()
    result = score(test, answers_for({c: [5, 4] if c == "S" else [2, 2] for c in "RIASEC"}))
    cat = Catalogue((metier("K2111", "Formateur / Formatrice", "SC"),))
    report = results_report(test, result, suggest_metiers(cat, result), "defaut")
    assert report["code"] == "SRI" and report["complete"] is True
    assert report["dimensions"][3] == {
        "code": "S",
        "name": "dim S",
        "score": 4.5,
        "answered": 2,
        "items": 2,
        "top_ratings": 1,
    }
    assert report["metiers"] == [
        {
            "code": "K2111",
            "title": "Formateur / Formatrice",
            "riasec": "SC",
            "points": 6,
            "url": "https://candidat.francetravail.fr/metierscope/fiche-metier/K2111",
        }
    ]
    assert report["disclaimer"] == "Une aide pour explorer, pas un verdict."
    assert report["flat"] is False and report["ties"] == ["RIAEC"]  # R, I, A, E et C à 2,0


@pytest.fixture(scope="module")
def shipped() -> tuple[InterestTest, Catalogue]:
    return interest_test(), catalogue()


def test_shipped_test_gives_a_code_and_suggestions(shipped):
    test, cat = shipped
    social = {item.id: (5 if item.dimension == "S" else 4 if item.dimension == "E" else 1) for item in test.items}
    result = score(test, social)
    assert result.complete and result.code is not None and result.code.startswith("SE")
    suggestions = suggest_metiers(cat, result, limit=5)
    assert len(suggestions) == 5
    assert all(s.metier.riasec[0] in "SE" for s in suggestions)
    assert suggestions[0].points >= suggestions[-1].points
