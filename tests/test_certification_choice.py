"""La certification visée choisie dans une liste quand les certifications sont importées (sinon : saisie libre).

Trois façons, comme pour toute conversation : le calcul et la séance avec des doublures (moteur pur),
les vraies invites dans le processus (mode simple et flèches), et le vrai programme dans un
pseudo-terminal. Le mini-export (`fixtures/certifications_mini`) relie RNCP90004, RS9002, RS9003 et
RNCP90007 (actives), RNCP90005 (expirée), RNCP90006 et RS9001 (inactives) au métier F1602.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

from certif_factory import MINI
from fakes import FakePrompter, RecordingScreen
from helpers import DOWN, ENTER, answered, finish, keyboard, run, spawn, stored_answers, transcript
from reconversion.adapters.prompts.asker import Reply
from reconversion.adapters.prompts.plain_prompts import PlainPrompter
from reconversion.adapters.storage.store import Store
from reconversion.commands.start import certification_chooser
from reconversion.core.certifications import Summary, to_offer
from reconversion.core.model import SKIPPED, Question
from reconversion.sessions import wizard
from reconversion.sessions.certification_choice import NOT_YET, OTHER, CertificationChooser

DAY = dt.date(2026, 12, 7)
QUESTION = Question(
    id="certification_visee",
    type="text",
    prompt="Quelle certification vises-tu ? Son numéro (RNCP34692, RS5063…) ou son intitulé",
    required=False,
)
F1602_ACTIVE = {"RNCP90004", "RS9002", "RS9003", "RNCP90007"}


def _item(code: str, level: int | None = None, *, vae: bool = False, title: str = "") -> dict[str, Any]:
    return {"code": code, "title": title or code, "level": level, "vae": vae, "active": True, "end": None,
            "replaced_by": None}  # fmt: skip


class Options:
    """Les certifications importées, en doublure : ce qu'on lui a demandé, et ce qu'elle rend."""

    def __init__(self, result: list[dict[str, Any]] | None) -> None:
        self.result = result
        self.calls: list[list[str]] = []

    def __call__(self, metiers: list[str], answers: Any, today: dt.date) -> list[dict[str, Any]] | None:
        self.calls.append(metiers)
        return self.result


def _ask(prompter: Any, options: Any, default: Any = None, metiers: list[str] | None = None) -> tuple[Any, list[str]]:
    screen = RecordingScreen()
    chooser = CertificationChooser(prompter, screen, options=options, question_id=QUESTION.id)
    reply = chooser.ask(
        QUESTION, default, can_go_back=True, metiers=["F1602"] if metiers is None else metiers, answers={}, today=DAY
    )
    return reply, screen.lines


# --- le calcul pur ---------------------------------------------------------------------------------


def test_offer_keeps_active_ones_once_nearest_level_first() -> None:
    old = dt.date(2020, 1, 1)
    cap = Summary("RNCP1", "CAP électricien", 3, True, True, None)
    bts = Summary("RNCP2", "BTS électrotechnique", 5, False, True, None)
    rs = Summary("RS3", "Habilitation électrique", None, False, True, None)
    expired = Summary("RNCP4", "Ancien titre", 4, False, True, old)
    inactive = Summary("RNCP5", "Titre retiré", 4, False, False, None)
    per_metier = [[bts, cap, expired], [cap, rs, inactive]]  # le CAP mène aux deux métiers : proposé une fois
    assert [s.code for s in to_offer(per_metier, 4, DAY)] == ["RNCP1", "RNCP2", "RS3"]  # écart 1, puis VAE d'abord
    assert [s.code for s in to_offer(per_metier, 5, DAY)] == ["RNCP2", "RS3", "RNCP1"]
    assert [s.code for s in to_offer(per_metier, None, DAY, limit=2)] == ["RNCP1", "RNCP2"]


# --- la séance, avec des doublures ------------------------------------------------------------------


def test_without_import_the_question_stays_free_text() -> None:
    prompter = FakePrompter([Reply("CAP cuisine")])
    reply, notes = _ask(prompter, Options(None))
    assert reply == Reply("CAP cuisine")
    assert prompter.offered == [[]] and notes == []  # la question du guide, sans liste


def test_without_chosen_metier_nothing_is_looked_up() -> None:
    options = Options([_item("RNCP1")])
    reply, _ = _ask(FakePrompter([Reply(None)]), options, metiers=[])
    assert reply == Reply(None) and options.calls == []


def test_imported_but_nothing_for_these_metiers_says_so() -> None:
    prompter = FakePrompter([Reply("RNCP34692")])
    reply, notes = _ask(prompter, Options([]))
    assert reply == Reply("RNCP34692") and prompter.offered == [[]]
    assert any("Aucune certification active" in line for line in notes)


def test_a_listed_certification_is_saved_by_its_number() -> None:
    prompter = FakePrompter([Reply("RS3")])
    reply, _ = _ask(prompter, Options([_item("RNCP1", 3, vae=True, title="CAP électricien"), _item("RS3")]))
    assert reply == Reply("RS3")
    assert prompter.offered == [["RNCP1", "RS3", OTHER, NOT_YET]]
    labels = dict(prompter.labelled[0])
    assert labels["RNCP1"] == "RNCP1  CAP électricien — niveau 3 (CAP, BEP), VAE possible"
    assert labels[OTHER].startswith("Une autre") and labels[NOT_YET] == "Je ne sais pas encore"


def test_not_yet_saves_nothing_and_other_asks_the_free_text() -> None:
    assert _ask(FakePrompter([Reply(NOT_YET)]), Options([_item("RNCP1")]))[0] == Reply(None)
    prompter = FakePrompter([Reply(OTHER), Reply(back=True), Reply(OTHER), Reply("Titre pro cuisinier")])
    reply, _ = _ask(prompter, Options([_item("RNCP1")]))
    assert reply == Reply("Titre pro cuisinier")
    assert prompter.offered == [["RNCP1", OTHER, NOT_YET], [], ["RNCP1", OTHER, NOT_YET], []]
    assert prompter.starts[2] == OTHER  # revenir depuis la saisie ramène à la liste, sur « une autre »


def test_the_saved_answer_is_where_the_list_starts() -> None:
    for default, start, prefilled in (
        ("rncp 1", "RNCP1", None),  # écrit à la main, mais dans la liste
        ("CAP cuisine", OTHER, "CAP cuisine"),  # écrit hors de la liste : « une autre », préremplie
        (SKIPPED, NOT_YET, None),
    ):
        prompter = FakePrompter([Reply(OTHER), Reply("x")])
        _ask(prompter, Options([_item("RNCP1")]), default=default)
        assert prompter.starts == [start, prefilled], default


def test_back_from_the_list_goes_to_the_previous_question() -> None:
    assert _ask(FakePrompter([Reply(back=True)]), Options([_item("RNCP1")]))[0] == Reply(back=True)


class _Screen(RecordingScreen):
    def step_header(self, guide: Any, step: Any) -> None: ...
    def question_help(self, question: Any) -> None: ...
    def error(self, message: str) -> None: ...
    def step_recap(self, guide: Any, step: Any, answers: Any) -> None: ...
    def chosen_metiers(self, metiers: Any) -> None: ...


def test_the_wizard_saves_the_picked_certification(tmp_path: Path) -> None:
    """Le moteur et la séance, avec le vrai guide : la liste reçoit les métiers choisis, la réponse est gardée."""
    from reconversion.adapters.content.guide_files import load

    guide = load()
    store = Store.open(tmp_path, "defaut")
    assert store is not None
    answers = {"situation": "demandeur_emploi", "metiers_cibles": ["F1602", "M1855"], "besoin_formation": "diplome"}
    options = Options([_item("RNCP1"), _item("RS3")])
    prompter = FakePrompter([Reply("RS3")])
    chooser = CertificationChooser(prompter, _Screen(), options=options, question_id="certification_visee")
    try:
        wizard.run(
            guide, answers, store, prompter, _Screen(), question_id="certification_visee", certifications=chooser
        )
        assert store.answers()["certification_visee"] == "RS3"
    finally:
        store.close()
    assert options.calls == [["F1602", "M1855"]]


# --- les vraies invites, dans le processus, sur le mini-export importé ----------------------------


@pytest.fixture
def imported(home: Path) -> Path:
    result = run("certifications", "import", str(MINI))
    assert result.exit_code == 0, result.output
    return home


def test_plain_prompts_number_the_certifications_of_the_metier(imported: Path) -> None:
    out = io.StringIO()
    prompter = PlainPrompter(stdin=io.StringIO("1\n"), stdout=out, today=DAY)
    chooser = certification_chooser(prompter, RecordingScreen())
    answers = {"diplome_niveau": "niv3"}
    reply = chooser.ask(QUESTION, None, can_go_back=True, metiers=["F1602"], answers=answers, today=DAY)
    text = out.getvalue()
    assert reply == Reply("RNCP90004")  # niveau 3, celui de la personne : en tête
    assert "1. RNCP90004  Électricien du bâtiment" in text
    for code in F1602_ACTIVE:
        assert code in text
    for gone in ("RNCP90005", "RNCP90006", "RS9001"):  # expirée, plus délivrées
        assert gone not in text
    assert "Une autre : je l'écris" in text and "Je ne sais pas encore" in text
    assert "Passer cette question" not in text  # « je ne sais pas encore » en tient lieu


def test_plain_prompts_other_then_free_text(imported: Path) -> None:
    out = io.StringIO()
    count = len(F1602_ACTIVE)
    prompter = PlainPrompter(stdin=io.StringIO(f"{count + 1}\nTitre pro cuisinier\n"), stdout=out, today=DAY)
    reply = certification_chooser(prompter, RecordingScreen()).ask(
        QUESTION, None, can_go_back=True, metiers=["F1602"], answers={}, today=DAY
    )
    assert reply == Reply("Titre pro cuisinier")
    assert QUESTION.prompt in out.getvalue()  # la saisie libre reprend la question du guide


def test_arrow_prompts_pick_in_the_list(imported: Path) -> None:
    with keyboard(DOWN + DOWN + ENTER) as prompter:  # le curseur part de nulle part : 1re flèche, 1re ligne
        reply = certification_chooser(prompter, RecordingScreen()).ask(
            QUESTION, None, can_go_back=False, metiers=["F1602"], answers={"diplome_niveau": "niv3"}, today=DAY
        )
    assert reply.value in F1602_ACTIVE - {"RNCP90004"}  # la deuxième ligne de la liste


def test_without_import_the_real_prompts_ask_free_text(home: Path) -> None:
    out = io.StringIO()
    prompter = PlainPrompter(stdin=io.StringIO("RNCP34692\n"), stdout=out, today=DAY)
    reply = certification_chooser(prompter, RecordingScreen()).ask(
        QUESTION, None, can_go_back=True, metiers=["F1602"], answers={}, today=DAY
    )
    assert reply == Reply("RNCP34692")
    assert "Je ne sais pas encore" not in out.getvalue()


# --- le vrai programme dans un pseudo-terminal ------------------------------------------------------


def test_pty_start_offers_the_list_and_saves_the_number(imported: Path) -> None:
    answered({"situation": "demandeur_emploi", "diplome_niveau": "niv3", "metiers_cibles": ["F1602"],
              "besoin_formation": "diplome"})  # fmt: skip
    child = spawn("start", "--question", "certification_visee", home=imported, env={"RECONVERSION_TODAY": "2026-12-07"})
    child.expect("Électricien du bâtiment")
    child.expect("Je ne sais pas encore")
    child.send(DOWN + ENTER)  # la première ligne : celle du niveau de la personne
    assert finish(child) == 0, transcript(child)
    assert stored_answers(imported)["certification_visee"] == "RNCP90004"


def test_pty_simple_mode_without_import_keeps_free_text(home: Path) -> None:
    answered({"situation": "demandeur_emploi", "metiers_cibles": ["F1602"], "besoin_formation": "diplome"})
    child = spawn("start", "--simple", "--question", "certification_visee", home=home)
    child.expect("Quelle certification vises-tu")
    child.sendline("CAP cuisine")
    assert finish(child) == 0, transcript(child)
    assert "Je ne sais pas encore" not in transcript(child)
    assert stored_answers(home)["certification_visee"] == "CAP cuisine"
