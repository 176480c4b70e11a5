"""Choisir ses métiers dans l'assistant : test d'intérêts, suggestions, recherche, rappel à l'étape 3."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from fakes import METIERS_QUESTION, FakePrompter, RecordingScreen
from helpers import answered, run, spawn
from reconversion.adapters.content import metiers_files
from reconversion.adapters.prompts.arrow_prompts import Reply
from reconversion.adapters.storage import interests_store
from reconversion.adapters.storage.store import Store
from reconversion.commands.start import metier_chooser
from reconversion.core.model import SKIPPED
from reconversion.sessions.metier_choice import CHOOSE_NOW

QUESTION = METIERS_QUESTION


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(tmp_path, "defaut")
    assert opened is not None
    yield opened
    opened.close()


def test_search_adds_results_and_keeps_what_was_checked(store: Store) -> None:
    prompter = FakePrompter(
        [Reply(["M1805"], search=True), Reply(["M1805", "J1506"])], texts=["infirmiere"], choices=[CHOOSE_NOW]
    )
    notes = RecordingScreen()
    reply = metier_chooser(store, prompter, notes).ask(QUESTION, ["M1805"], can_go_back=True)
    assert reply == Reply(["M1805", "J1506"])
    assert prompter.offered[0] == ["M1805"]  # sans test d'intérêts : seulement le choix existant
    assert prompter.offered[1][:2] == ["M1805", "J1506"]  # le choix gardé, puis les métiers trouvés
    assert prompter.searchable == [True, True]  # la liste des métiers propose toujours « chercher par nom »
    assert any("trouvé" in line for line in notes.lines)


def test_the_idea_written_before_fills_the_list_and_the_search_starts_empty(store: Store) -> None:
    store.save_answer("piste_metier", "metiers", "  aide-soignante ")
    prompter = FakePrompter([Reply(["J1501"], search=True), Reply(["J1501"])], texts=["bois"], choices=[CHOOSE_NOW])
    notes = RecordingScreen()
    assert metier_chooser(store, prompter, notes).ask(QUESTION, None, can_go_back=True) == Reply(["J1501"])
    assert prompter.offered[0][0] == "J1501"  # l'idée, cherchée sans attendre : aide-soignante en tête
    assert prompter.offered[1][0] == "J1501"  # cochée, elle reste en tête après une recherche
    assert prompter.prefilled == [""]  # l'idée a déjà été cherchée : la recherche part de rien
    assert notes.lines[0].startswith("Pour ton idée « aide-soignante », ")
    assert notes.lines[0].endswith(" métiers trouvés : ils sont ajoutés en tête de la liste (coche avec Espace).")
    assert not any("Pas encore de suggestion" in line for line in notes.lines)


def test_an_idea_that_finds_nothing_prefills_the_first_search(store: Store) -> None:
    store.save_answer("piste_metier", "metiers", "  zzzzqqq   xxwwk ")
    prompter = FakePrompter(
        [Reply([], search=True), Reply(["J1506"], search=True), Reply(["J1506"])],
        texts=["infirmiere", "bois"],
        choices=[CHOOSE_NOW],
    )
    notes = RecordingScreen()
    assert metier_chooser(store, prompter, notes).ask(QUESTION, None, can_go_back=True) == Reply(["J1506"])
    assert prompter.offered[0] == []
    assert prompter.prefilled == ["zzzzqqq xxwwk", ""]  # à reformuler ; la 2e recherche part de rien
    assert notes.lines[0] == "Aucun métier trouvé pour « zzzzqqq xxwwk ». Essaie un autre mot."
    assert any("trouvé" in line and line.endswith("avec Espace).") for line in notes.lines)
    assert not any("(s)" in line for line in notes.lines)


def test_a_skipped_answer_starts_on_skip_again(store: Store) -> None:
    prompter = FakePrompter([Reply(None)], choices=[CHOOSE_NOW])
    metier_chooser(store, prompter, RecordingScreen()).ask(QUESTION, SKIPPED, can_go_back=True)
    assert prompter.starts == [SKIPPED]


def test_search_without_result_says_so(store: Store) -> None:
    prompter = FakePrompter([Reply([], search=True), Reply([])], texts=["zzzzqqq"], choices=[CHOOSE_NOW])
    notes = RecordingScreen()
    metier_chooser(store, prompter, notes).ask(QUESTION, None, can_go_back=False)
    assert "Aucun métier trouvé pour « zzzzqqq ». Essaie un autre mot." in notes.lines


def test_completed_interest_test_suggests_matching_metiers(store: Store, capsys: pytest.CaptureFixture) -> None:
    test = metiers_files.interest_test()
    for item in test.items:
        interests_store.save_answer(store, item.id, 5 if item.dimension == "S" else 1)
    prompter = FakePrompter([Reply([])])
    notes = RecordingScreen()
    metier_chooser(store, prompter, notes).ask(QUESTION, None, can_go_back=True)
    catalogue = metiers_files.catalogue()
    offered = prompter.offered[0]
    assert len(offered) == 8
    assert all("S" in catalogue.get(code).riasec for code in offered)
    [(result, suggestions)] = notes.results  # les résultats sont rappelés à l'écran, sans reposer le test
    assert result.code.startswith("S") and [s.metier.code for s in suggestions] == offered
    assert capsys.readouterr().out == ""  # rien n'est écrit en contournant l'écran donné


def test_screen_shows_interest_results_on_its_own_console(store: Store) -> None:
    from rich.console import Console

    from reconversion.adapters.screen.wizard_screen import Screen
    from reconversion.core.riasec import score, suggest_metiers

    test = metiers_files.interest_test()
    answers = {item.id: 5 if item.dimension == "S" else 1 for item in test.items}
    result = score(test, answers)
    out = io.StringIO()
    Screen(console=Console(file=out, width=80)).interest_results(
        test, result, suggest_metiers(metiers_files.catalogue(), result, 3)
    )
    assert "tes résultats" in out.getvalue() and "Social" in out.getvalue()


def test_chosen_metiers_carry_access_routes_and_training_links(store: Store) -> None:
    [nurse] = metier_chooser(store, FakePrompter([]), RecordingScreen()).chosen_metiers(["J1506"])
    assert nurse["title"].startswith("Infirmier")
    assert nurse["access"]
    assert nurse["links"][0]["url"].endswith("/fiche-metier/J1506")
    assert any("formations/recherche" in link["url"] for link in nurse["links"])


def test_step_3_header_has_one_colon_and_the_training_length_its_own_line(store: Store) -> None:
    """« Pour y accéder — formation : 10 à 12 mois : » lisait deux deux-points dans la même phrase."""
    from rich.console import Console

    from reconversion.adapters.screen.wizard_screen import Screen

    [carer] = metier_chooser(store, FakePrompter([]), RecordingScreen()).chosen_metiers(["J1501"])
    console = Console(record=True, width=200, color_system=None)
    Screen(console).chosen_metiers([carer])
    lines = [" ".join(line.split()) for line in console.export_text().splitlines()]  # espaces insécables compris
    assert "Pour y accéder :" in lines
    assert "Durée de formation indicative : 10 à 12 mois" in lines
    assert not any(line.count(":") > 1 for line in lines if "http" not in line)


def test_answers_file_refuses_unknown_rome_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RECONVERSION_HOME", str(tmp_path / "home"))
    answers = tmp_path / "r.yaml"
    answers.write_text("metiers_cibles: [J1506, A0000]\n", encoding="utf-8")
    result = run("start", "--answers", str(answers))
    assert result.exit_code == 1
    assert "metiers_cibles : code ROME inconnu « A0000 »" in result.stderr
    answers.write_text("metiers_cibles: [j1506, M1805]\n", encoding="utf-8")
    assert run("start", "--answers", str(answers)).exit_code == 0


def test_choose_metiers_in_the_real_wizard(tmp_path: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    home = tmp_path / "home"
    answered(
        "situation: demandeur_emploi\njournee_ideale: Aider des gens au quotidien dans leur vie\n"
        "valeurs: [utilite]\nenvironnement: exterieur\ncontraintes: []\ntest_orientation: false\n"
        "creation_entreprise: false\npiste_metier: ''\n",
        home=home,
    )
    child = spawn("start", "--step", "metiers", home=home, rows=60)
    child.expect("test d'intérêts")
    child.send("\x1b[B\r")  # « Non, je choisis directement »
    child.expect("Choisis jusqu")
    child.send("\r")  # Entrée sur « Chercher… » (seule ligne, pointée) ouvre la recherche
    child.expect("Tape le nom")
    child.send("infirmiere\r")
    child.expect("Choisis jusqu")
    child.send(" \r")  # le premier résultat
    child.expect("sûr·e")
    child.send("\x03")
    child.expect(pexpect.EOF)
    store = Store.open(home, "defaut")
    assert store is not None
    assert store.answers()["metiers_cibles"] == ["J1506"]
    store.close()
    again = spawn("start", "--step", "formation", home=home, rows=60)
    again.expect("Étape 3/5")
    again.expect("Ton métier visé")  # un seul métier : au singulier
    again.expect("Infirmier")
    again.expect("formations/recherche")
    again.send("\x03")
    again.expect(pexpect.EOF)


def test_the_job_idea_fills_the_list_in_the_real_wizard(tmp_path: Path) -> None:
    """Le programme installé : « aide-soignante » en idée, le test refusé, la liste propose déjà le métier."""
    pexpect = pytest.importorskip("pexpect")
    home = tmp_path / "home"
    answered(
        "situation: demandeur_emploi\njournee_ideale: Aider des gens au quotidien dans leur vie\n"
        "valeurs: [utilite]\nenvironnement: exterieur\ncontraintes: []\ntest_orientation: false\n"
        "creation_entreprise: false\npiste_metier: aide-soignante\n",
        home=home,
    )
    child = spawn("start", "--step", "metiers", home=home, rows=60)
    child.expect("test d'intérêts")
    child.send("\x1b[B\r")  # « Non, je choisis directement »
    child.expect("Pour ton idée «.aide-soignante.», ")  # espaces insécables à l'écran
    child.expect("Choisis jusqu")
    child.expect("Aide-soignant / Aide-soignante")
    child.send(" \r")  # le premier de la liste, sans avoir ouvert la recherche
    child.expect("sûr·e")
    child.send("\x03")
    child.expect(pexpect.EOF)
    assert "Pas encore de suggestion" not in child.before
    store = Store.open(home, "defaut")
    assert store is not None
    try:
        assert store.answers()["metiers_cibles"] == ["J1501"]
    finally:
        store.close()


def test_a_half_done_interest_test_is_offered_to_be_resumed(store: Store) -> None:
    items = metiers_files.interest_test().items
    for item in items[:30]:
        interests_store.save_answer(store, item.id, 3)
    prompter = FakePrompter([Reply(None)], choices=[CHOOSE_NOW])
    metier_chooser(store, prompter, RecordingScreen()).ask(QUESTION, None, can_go_back=True)
    [(message, labels)] = prompter.menus
    assert f"Tu as commencé le test d'intérêts (30/{len(items)} activités notées)" in message
    assert labels[0] == "Oui, je reprends le test là où je l'ai laissé"


def test_the_session_asks_what_it_is_given_and_names_no_guide_question(store: Store) -> None:
    """Le ROME, le contenu et les identifiants des questions viennent de qui construit la séance."""
    from reconversion.adapters.storage.interests_store import ProfileNotebook
    from reconversion.sessions.metier_choice import MetierChooser, MetierQuestions

    class OneBridge:
        def __init__(self) -> None:
            self.asked: list[tuple[str, int]] = []

        def bridges(self, code: str, limit: int) -> list[dict]:
            self.asked.append((code, limit))
            bridge = {"code": "K2111", "title": "Formateur", "riasec": "SE", "coverage": 0.5, "shared": 1, "total": 2}
            return [{**bridge, "mobilite": False}]

        def comparisons(self, current: str, codes: list[str]) -> tuple[dict, dict]:
            return {}, {}

    store.save_answer("mon_code", "s1", "J1501")  # des noms de questions que la séance ne peut pas connaître
    store.save_answer("mon_idee", "s1", "soigner")
    rome = OneBridge()
    content = ShippedWithSearch({"soigner": [hit("J1501", "Aide-soignant")]})
    prompter = FakePrompter([Reply([], search=True), Reply(["K2111"])], texts=["bois"], choices=[CHOOSE_NOW])
    chooser = MetierChooser(
        ProfileNotebook(store),
        prompter,
        RecordingScreen(),
        content=content,
        rome=rome,
        certifications=lambda summaries, answers, today: [
            {**m, "certifications": answers["mon_code"]} for m in summaries
        ],
        questions=MetierQuestions(current_text="mon_texte", current_code="mon_code", idea="mon_idee"),
    )
    [formateur] = chooser.chosen_metiers(["K2111"])
    assert formateur["certifications"] == "J1501"  # ajoutées par ce qu'on lui a donné, avec les réponses
    assert chooser.ask(QUESTION, None, can_go_back=True) == Reply(["K2111"])
    assert rome.asked == [("J1501", 5)]
    idea, bridge = prompter.labelled[0]  # l'idée cherchée d'abord ; le catalogue donne le titre, le ROME la proximité
    assert idea == ("J1501", "Aide-soignant / Aide-soignante (J1501)")
    assert bridge == (
        "K2111",
        "Formateur / Formatrice (K2111) — proche de ton métier actuel (50 % de ses compétences)",
    )
    assert content.queries == ["soigner", "bois"]  # l'idée (sous le nom donné), puis le mot tapé
    assert prompter.prefilled == [""]


def hit(code: str, title: str) -> Any:
    from reconversion.core.search import Hit

    return Hit(code, title, title, "S", False, 1, 1)


class ShippedWithSearch:
    """Le catalogue et le test d'intérêts livrés, avec une recherche par nom qui rejoue `found`."""

    def __init__(self, found: dict[str, list[Any]]) -> None:
        self.found, self.queries = found, []

    def catalogue(self) -> Any:
        return metiers_files.catalogue()

    def interest_test(self) -> Any:
        return metiers_files.interest_test()

    def find_metiers(self, query: str, limit: int) -> list[Any]:
        self.queries.append(query)
        return self.found.get(query, [])[:limit]


class NoRome:
    def bridges(self, code: str, limit: int) -> list[dict]:
        return []

    def comparisons(self, current: str, codes: list[str]) -> tuple[dict, dict]:
        return {}, {}


class AnswersOnly:
    """Un carnet en mémoire : des réponses, aucun test d'intérêts commencé."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self._answers = answers

    def answers(self) -> dict[str, Any]:
        return dict(self._answers)

    def interest_answers(self) -> dict[str, int]:
        return {}

    def save_interest_answer(self, item_id: str, value: int) -> None:
        raise AssertionError("le test d'intérêts a été refusé")

    def facts(self) -> dict[str, bool]:
        return {}


@pytest.mark.parametrize("simple", [False, True])
def test_the_job_idea_seeds_the_list_like_the_current_job_text(simple: bool) -> None:
    """Séance seule, avec des doubles : l'idée (`piste_metier`) est cherchée avant la liste, le test refusé."""
    from reconversion.sessions.metier_choice import MetierChooser, MetierQuestions

    content = ShippedWithSearch({"aide-soignante": [hit("J1501", "Aide-soignant"), hit("K1304", "Employé familial")]})
    prompter = FakePrompter([Reply(["J1501"])], choices=[CHOOSE_NOW])
    prompter.simple = simple
    screen = RecordingScreen()
    chooser = MetierChooser(
        AnswersOnly({"idee": " aide-soignante\n", "actuel": "boulangère"}),
        prompter,
        screen,
        content=content,
        rome=NoRome(),
        certifications=lambda summaries, answers, today: summaries,
        questions=MetierQuestions(current_text="actuel", current_code="code", idea="idee"),
    )
    assert chooser.ask(QUESTION, None, can_go_back=True) == Reply(["J1501"])
    assert content.queries == ["aide-soignante"]  # ni le métier actuel ni une recherche ouverte à la main
    assert prompter.offered == [["J1501", "K1304"]]
    assert prompter.prefilled == []
    end = "en tête de la liste ci-dessous." if simple else "ajoutés en tête de la liste (coche avec Espace)."
    assert screen.lines == [f"Pour ton idée « aide-soignante », 2 métiers trouvés : ils sont {end}"]
