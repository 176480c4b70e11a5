"""Recherche de métiers : accents, majuscules, fautes de frappe, classement, requêtes vides."""

from __future__ import annotations

import pytest

from helpers import ok
from reconversion.adapters.content.metiers_files import catalogue, catalogue_corpus, synonyms
from reconversion.core.search import Entry, MemoryCorpus, max_typos, normalize, query_words, read_synonyms, search


def corpus(*entries: Entry) -> MemoryCorpus:
    return MemoryCorpus(entries)


def test_normalize_removes_accents_case_ligatures_and_punctuation():
    assert normalize("Infirmier / Infirmière") == "infirmier infirmiere"
    assert normalize("ŒNOLOGUE") == "oenologue"
    assert normalize("Aide-soignant·e d'EHPAD") == "aide soignant e d ehpad"
    assert normalize("  Élagueur\t(élagueuse) ") == "elagueur elagueuse"


def test_query_words_drop_small_words_and_duplicates():
    assert query_words("Agent d'entretien des espaces verts") == ["agent", "entretien", "espaces", "verts"]
    assert query_words("de la") == []
    assert query_words("boulanger BOULANGER") == ["boulanger"]


def test_typos_allowed_grow_with_word_length():
    assert [max_typos(w) for w in ("bus", "bois", "plombier", "developpeur")] == [0, 1, 2, 2]


def test_empty_or_meaningless_query_finds_nothing():
    c = corpus(Entry("M1805", "Développeur / Développeuse informatique", "Développeur / Développeuse informatique"))
    assert search(c, "") == []
    assert search(c, "   ") == []
    assert search(c, "de la") == []
    assert search(c, "développeur", limit=0) == []


def test_accents_and_case_do_not_matter():
    c = corpus(Entry("J1506", "Infirmier / Infirmière", "Infirmier / Infirmière"))
    for query in ("infirmiere", "INFIRMIÈRE", "Infirmière", "infirmier"):
        assert [h.code for h in search(c, query)] == ["J1506"], query


def test_one_or_two_typos_are_tolerated_but_not_three():
    c = corpus(
        Entry("M1805", "Développeur / Développeuse informatique", "Développeur / Développeuse informatique"),
        Entry("F1603", "Plombier / Plombière sanitaire", "Plombier / Plombière sanitaire"),
    )
    assert [h.code for h in search(c, "devlopeur")] == ["M1805"]  # deux fautes
    assert [h.code for h in search(c, "plonbier")] == ["F1603"]  # une faute
    assert search(c, "dvlpeur") == []  # trois fautes : trop loin
    assert search(c, "plo") != [] and search(c, "plx") == []  # mot court : début de mot, pas de faute


def test_an_existing_word_is_not_corrected():
    """Comme un correcteur d'orthographe : « infirmiere » existe, on ne lui cherche pas de voisins."""
    c = corpus(
        Entry("J1506", "Infirmier / Infirmière", "Infirmier / Infirmière"),
        Entry("J9999", "Cadre infirmier", "Cadre infirmier"),
    )
    assert [h.code for h in search(c, "infirmiere")] == ["J1506"]
    assert [h.code for h in search(c, "infirmier")] == [
        "J9999",
        "J1506",
    ]  # mot exact dans les deux ; plus court d'abord


def test_ranking_exact_then_prefix_then_typos():
    c = corpus(
        Entry("A0001", "Soigner typo", "Soigner typo"),  # « soigner » : une faute de « soigneu »
        Entry("A0002", "Soigneuse animalière", "Soigneuse animalière"),  # « soigneu » début de mot
    )
    hits = search(c, "soigneu")
    assert [h.code for h in hits] == ["A0002", "A0001"]
    assert [h.quality for h in hits] == [3, 2]
    prefix = corpus(Entry("A0005", "Soigneurs", "Soigneurs"), Entry("A0006", "Soigneur", "Soigneur"))
    assert [(h.code, h.quality) for h in search(prefix, "soigneur")] == [("A0006", 4), ("A0005", 3)]


def test_more_query_words_found_ranks_first():
    c = corpus(
        Entry("A0001", "Développeur / Développeuse informatique", "Développeur / Développeuse informatique"),
        Entry("A0002", "Développeur / Développeuse web", "Développeur / Développeuse web"),
        Entry("A0003", "Web designer", "Web designer"),
    )
    # Ensuite, à qualité égale, le libellé le plus court : « Web designer ».
    assert [h.code for h in search(c, "developpeur web")] == ["A0002", "A0003", "A0001"]
    assert search(c, "developpeur web")[0].matched == 2


def test_ties_catalogue_first_then_title_then_shorter_then_code():
    c = corpus(
        Entry("B0001", "Boulanger / Boulangère industriel", "Boulanger / Boulangère industriel", featured=False),
        Entry("B0002", "Boulanger / Boulangère de nuit", "Boulanger / Boulangère de nuit", featured=True),
        Entry("B0004", "Boulanger / Boulangère", "Chef boulanger", is_title=False, featured=False),
        Entry("B0003", "Boulanger / Boulangère", "Boulanger / Boulangère", featured=False),
    )
    # catalogue d'abord ; puis les titres (le plus court d'abord) ; l'appellation en dernier.
    assert [h.code for h in search(c, "boulanger")] == ["B0002", "B0003", "B0001", "B0004"]


def test_one_result_per_metier_with_its_best_label():
    title = "Développeur / Développeuse informatique"
    c = corpus(
        Entry("M1805", title, title),
        Entry("M1805", "Analyste-programmeur / Analyste-programmeuse", title, is_title=False),
        Entry("M1805", "Programmeur / Programmeuse", title, is_title=False),
    )
    hits = search(c, "programmeur")
    assert len(hits) == 1
    assert hits[0].label == "Programmeur / Programmeuse" and hits[0].via_appellation
    assert hits[0].title == title


def test_limit_is_respected():
    c = corpus(*(Entry(f"K{i:04d}", f"Formateur numéro {i}", f"Formateur numéro {i}") for i in range(30)))
    assert len(search(c, "formateur", limit=7)) == 7
    assert len(search(c, "formateur", limit=100)) == 30


@pytest.fixture(scope="module")
def builtin():
    return catalogue_corpus(catalogue())


def test_builtin_catalogue_finds_the_nurse_and_the_developer(builtin):
    assert search(builtin, "infirmiere")[0].code == "J1506"
    assert "M1805" in [h.code for h in search(builtin, "devlopeur", limit=3)]
    assert search(builtin, "aide soignante")[0].code == "J1501"


# --- synonymes (guide_data/synonymes.yaml) : ce que les gens tapent -------------------------------


@pytest.fixture(scope="module")
def shipped_synonyms():
    return synonyms()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("mediatheque", "K1603"),  # Bibliothécaire
        ("médiathécaire", "K1603"),
        ("manutention", "N1110"),  # Magasinier
        ("manutentionaire interim", "N1103"),  # Préparateur de commandes (faute et « interim » compris)
        ("agent administratif", "M1607"),  # Assistant administratif, avant « Agent de propreté »
    ],
)
def test_words_people_type_find_what_they_mean(builtin, shipped_synonyms, query: str, first: str) -> None:
    assert search(builtin, query, synonyms=shipped_synonyms)[0].code == first
    without = search(builtin, query)
    assert not without or without[0].code != first  # sans les synonymes, on ne le trouvait pas


def test_manutention_lists_the_warehouse_jobs(builtin, shipped_synonyms) -> None:
    codes = [h.code for h in search(builtin, "manutention", synonyms=shipped_synonyms)]
    assert {"N1110", "N1103", "N1101"} <= set(codes)


def test_the_query_as_typed_ranks_before_its_synonyms() -> None:
    entries = corpus(Entry("A1", "Secrétaire", "Secrétaire"), Entry("B2", "Agent administratif", "Agent administratif"))
    table = read_synonyms({"synonymes": [{"cherche": ["agent administratif"], "trouve": ["secrétaire"]}]})
    assert [h.code for h in search(entries, "agent administratif", synonyms=table)] == ["B2", "A1"]


@pytest.mark.parametrize(
    "data",
    [None, {"synonymes": "x"}, {"synonymes": [{"cherche": ["a"]}]}, {"synonymes": [{"cherche": [], "trouve": ["b"]}]}],
)
def test_a_broken_synonyms_file_is_refused_in_french(data: object) -> None:
    with pytest.raises(ValueError, match=r"synonyme|liste"):
        read_synonyms(data)


def test_jobs_search_takes_several_words_without_quotes() -> None:
    """A10 : `jobs search conseilere insertion` (deux mots, faute comprise) trouve le CIP."""
    text = ok("jobs", "search", "conseilere", "insertion")
    assert "K1801" in text.splitlines()[1]


def test_search_results_explain_their_letters() -> None:
    """C9 : « [SE] » n'était expliqué nulle part."""
    assert "Entre crochets : les intérêts du métier (R réaliste, I investigateur" in ok("jobs", "search", "infirmiere")
