"""Le mode simple en mémoire : des lignes tapées sur l'entrée, des lignes numérotées à la sortie."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest

from fakes import METIERS_QUESTION, RecordingScreen
from reconversion.adapters.prompts.arrow_prompts import SEARCH, Reply
from reconversion.adapters.prompts.plain_prompts import PlainPrompter
from reconversion.adapters.screen import terminal
from reconversion.core.model import SKIPPED, Choice, Question, Validation
from reconversion.sessions.interests import BACK as PREVIOUS_ITEM

SELECT = Question(
    id="situation",
    type="select",
    prompt="Ta situation ?",
    choices=(Choice("salarie", "Salarié·e"), Choice("demandeur", "Demandeur·se d'emploi"), Choice("autre", "Autre")),
)
OPTIONAL = Question(id="statut", type="select", prompt="Ton statut ?", required=False, choices=SELECT.choices)
SENSITIVE = Question(id="rqth", type="confirm", prompt="Une RQTH ?", required=False, sensitive=True)
MULTI = Question(
    id="envies",
    type="multiselect",
    prompt="Tes envies ?",
    choices=(Choice("Soin", "Soin"), Choice("Bois", "Bois"), Choice("Code", "Code")),
    validate=Validation(max_choices=2),
)
OPTIONAL_MULTI = Question(id="freins", type="multiselect", prompt="Tes freins ?", required=False, choices=MULTI.choices)
DATE = Question(id="quand", type="date", prompt="Quand ?", validate=Validation(after="today"))
NAME = Question(id="prenom", type="text", prompt="Ton prénom ?")


def typed(*lines: str) -> tuple[PlainPrompter, io.StringIO]:
    out = io.StringIO()
    return PlainPrompter(stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out), out


def ask(question: Question, *lines: str, default: Any = None, can_go_back: bool = True, **kw: Any) -> tuple[Any, str]:
    prompter, out = typed(*lines)
    reply = prompter.ask(question, default, can_go_back=can_go_back, **kw)
    return reply, out.getvalue()


def test_a_number_picks_the_numbered_choice_and_nothing_drives_the_terminal() -> None:
    reply, shown = ask(SELECT, "2")
    assert reply == Reply("demandeur")
    assert "  1. Salarié·e\n  2. Demandeur·se d'emploi\n  3. Autre\n" in shown
    assert "\x1b" not in shown


def test_enter_on_a_required_question_without_default_asks_again_in_french() -> None:
    reply, shown = ask(SELECT, "", "3")
    assert reply == Reply("autre")
    assert "Tape le numéro d'une réponse de la liste" in shown
    assert shown.count("Ta situation ?") == 2


def test_enter_keeps_the_recorded_answer_and_says_so() -> None:
    reply, shown = ask(SELECT, "", default="autre")
    assert reply == Reply("autre")
    assert "Entrée seule : choisir « Autre »" in shown


def test_enter_skips_an_optional_question_and_keeps_a_skip_in_review() -> None:
    assert ask(OPTIONAL, "")[0] == Reply(None)
    reply, shown = ask(OPTIONAL, "", default=SKIPPED)
    assert reply == Reply(None) and "  4. Passer cette question" in shown
    assert ask(OPTIONAL, "1", default=SKIPPED)[0] == Reply("salarie")


def test_a_sensitive_question_offers_skip_first_and_enter_skips() -> None:
    reply, shown = ask(SENSITIVE, "")
    assert reply == Reply(None)
    assert shown.index("1. Passer cette question") < shown.index("2. Oui") < shown.index("3. Non")
    assert ask(SENSITIVE, "2")[0] == Reply(True)
    assert ask(SENSITIVE, "", default=False)[0] == Reply(False)  # relecture : la réponse donnée est gardée


def test_back_key_goes_back_only_when_there_is_a_previous_question() -> None:
    assert ask(SELECT, "<")[0] == Reply(back=True)
    reply, shown = ask(SELECT, "<", "1", can_go_back=False)
    assert reply == Reply("salarie") and "Pas de question précédente" in shown


@pytest.mark.parametrize(
    ("line", "message"),
    [("9", "Il n'y a pas de numéro 9 : tape un numéro entre 1 et 3"), ("oui", "« oui » n'est pas un numéro")],
)
def test_a_wrong_line_says_what_to_type(line: str, message: str) -> None:
    reply, shown = ask(SELECT, line, "1")
    assert reply == Reply("salarie") and message in shown


def test_a_single_choice_refuses_several_numbers() -> None:
    reply, shown = ask(SELECT, "1 2", "2")
    assert reply == Reply("demandeur") and "Une seule réponse ici" in shown


def test_several_numbers_separated_by_spaces_or_commas_check_several_choices() -> None:
    assert ask(MULTI, "1, 3")[0] == Reply(["Soin", "Code"])
    assert ask(MULTI, "3 1")[0] == Reply(["Code", "Soin"])


def test_a_multiple_choice_uses_the_same_validation_as_the_full_mode() -> None:
    reply, shown = ask(MULTI, "1 2 3", "2")
    assert reply == Reply(["Bois"])
    assert "2 choix au plus" in shown or "au plus 2" in shown


def test_a_required_multiple_choice_refuses_an_empty_line_and_keeps_recorded_choices() -> None:
    reply, shown = ask(MULTI, "", "1")
    assert reply == Reply(["Soin"]) and "Tape au moins un numéro" in shown
    reply, shown = ask(MULTI, "", default=["Bois", "Code"])
    assert reply == Reply(["Bois", "Code"])
    assert "2. Bois (déjà choisi)" in shown and "garder tes choix (2, 3)" in shown


def test_skip_is_chosen_alone_in_a_multiple_choice() -> None:
    reply, shown = ask(OPTIONAL_MULTI, "1 4", "4")
    assert reply == Reply(None) and "« Passer cette question » se choisit seul" in shown
    assert ask(OPTIONAL_MULTI, "")[0] == Reply(None)


def test_search_keeps_the_numbers_typed_with_it() -> None:
    choices = [Choice("J1506", "Infirmier (J1506)"), Choice("F1607", "Menuisier (F1607)")]
    reply, shown = ask(MULTI, "2 3", choices=choices, searchable=True)
    assert reply == Reply(["F1607"], search=True)
    assert "3. Chercher un autre métier par son nom" in shown
    reply, _ = ask(MULTI, "3", default=["J1506"], choices=choices, searchable=True)
    assert reply == Reply(["J1506"], search=True)  # seule, la recherche garde les choix déjà faits


def test_the_search_entry_of_a_single_choice_is_returned_as_such() -> None:
    choices = [Choice("J1506", "Infirmier (J1506)"), Choice(SEARCH, "🔎 Chercher ton métier par son nom…")]
    question = Question(id="metier_actuel_rome", type="select", prompt="Ton métier ?", required=False)
    reply, shown = ask(question, "2", choices=choices)
    assert reply == Reply(SEARCH)
    assert "  2. Chercher ton métier par son nom…\n" in shown  # le symbole ne se lit pas « loupe »


def test_a_text_answer_is_validated_and_enter_keeps_the_recorded_one() -> None:
    reply, shown = ask(DATE, "01/01/2020", "+2m")
    assert reply == Reply("+2m") and "après aujourd'hui" in shown
    assert ask(NAME, "", default="Ana")[0] == Reply("Ana")
    assert ask(NAME, "<")[0] == Reply(back=True)
    reply, shown = ask(NAME, "", "Léa")
    assert reply == Reply("Léa") and shown.count("Ton prénom ?") == 2


def test_an_optional_text_already_answered_can_be_emptied_and_a_long_one_is_recalled_short() -> None:
    note = Question(id="piste", type="long_text", prompt="Ton idée ?", required=False)
    reply, shown = ask(note, "-", default="menuisier")
    assert reply == Reply("") and "« - » seul : passer la question" in shown
    assert ask(note, "", default="menuisier")[0] == Reply("menuisier")
    assert ask(NAME, "-")[0] == Reply("-")  # obligatoire : « - » est une réponse comme une autre
    reply, shown = ask(note, "", default="mot " * 40)
    assert reply == Reply("mot " * 40) and "mot mot…»" in shown.replace("\u00a0", " ").replace(" »", "»")


def test_choose_and_text_outside_the_guide() -> None:
    prompter, out = typed("", "2", "", "soin")
    assert prompter.choose("On continue ?", [("Continuer", "go"), ("M'arrêter", "stop")]) == "stop"
    assert prompter.text("Un mot ?", default="bois") == "bois"
    assert prompter.text("Un mot ?") == "soin"
    assert "Tape un numéro entre 1 et 2" in out.getvalue()


def test_end_of_input_is_a_pause_like_ctrl_d() -> None:
    prompter, _ = typed()
    with pytest.raises(EOFError):
        prompter.ask(SELECT, None, can_go_back=False)


def test_the_interest_test_in_lines() -> None:
    from reconversion.adapters.content import metiers_files

    test = metiers_files.interest_test()
    first, second = test.items[0], test.items[1]
    prompter, out = typed("5", "", "4", "<", "2")
    ask_item = prompter.interest_asker(test)
    total = len(test.items)
    assert ask_item(first, 1, total, None, False) == test.scale[4].value
    assert ask_item(second, 2, total, None, True) == test.scale[3].value  # Entrée seule : redemandé
    assert ask_item(second, 2, total, 2, True) is PREVIOUS_ITEM
    assert ask_item(first, 1, total, 5, False) == test.scale[1].value
    shown = out.getvalue()
    assert f"Activité 2 sur {total} : {second.text}" in shown
    assert "Tape un seul chiffre" in shown and "\x1b" not in shown
    # A15 : le choix redit en mots, comme dans l'assistant (et quand Entrée garde la note)
    assert f"Ton choix : {test.scale[4].label}." in shown and f"Ton choix : {test.scale[1].label}." in shown
    # l'échelle entière à la première activité et après l'erreur ; sinon une ligne qui en rappelle les bouts
    assert shown.count(f"1. {test.scale[0].label}") == 2
    assert f"Tape un chiffre de 1 ({test.scale[0].label}) à 5 ({test.scale[4].label})" in shown


def test_the_interest_test_instructions_fade_after_the_first_activities() -> None:
    """A15 : sur soixante activités, un lecteur d'écran ne relit pas soixante fois la consigne : l'échelle
    entière à la première, ses deux bouts et le retour aux deux suivantes, puis « De 1 à 5. », les deux
    bouts revenant à la onzième, à la vingt et unième…"""
    from reconversion.adapters.content import metiers_files

    test = metiers_files.interest_test()
    prompter, out = typed(*["3"] * 12)
    ask_item = prompter.interest_asker(test)
    total = len(test.items)
    said: list[str] = []
    for number, item in enumerate(test.items[:12], start=1):
        ask_item(item, number, total, None, number > 1)
        said.append(out.getvalue())
        out.seek(0)
        out.truncate()
    ends = f"Tape un chiffre de 1 ({test.scale[0].label}) à 5 ({test.scale[4].label})"
    back = "activité précédente"
    assert f"1. {test.scale[0].label}" in said[0] and back not in said[0]
    assert all(ends in said[n] and back in said[n] for n in (1, 2))
    assert all("De 1 à 5." in said[n] and ends not in said[n] and back not in said[n] for n in range(3, 10))
    assert ends in said[10] and back not in said[10]
    assert "De 1 à 5." in said[11]


def test_prompt_style_is_chosen_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(terminal, "_simple_mode", False)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv(terminal.SIMPLE_ENV, raising=False)
    assert terminal.prompt_style(False) == "full" and not terminal.simple_mode()
    monkeypatch.setenv(terminal.SIMPLE_ENV, "0")
    assert terminal.prompt_style(False) == "full"
    assert terminal.prompt_style(True) == "simple" and terminal.simple_mode()
    monkeypatch.setattr(terminal, "_simple_mode", False)
    monkeypatch.setenv(terminal.SIMPLE_ENV, "1")
    assert terminal.prompt_style(False) == "simple"
    monkeypatch.setattr(terminal, "_simple_mode", False)
    monkeypatch.delenv(terminal.SIMPLE_ENV)
    monkeypatch.setenv("TERM", "dumb")
    assert terminal.prompt_style(False) == "simple"


def test_simple_mode_console_has_no_colour_no_link_and_no_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    from reconversion.adapters.screen.wizard_screen import Screen

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setattr(terminal, "_simple_mode", True)
    console = terminal.console()
    console.file = io.StringIO()
    console.rule("[bold]Étape 1/2 — Première étape")
    console.print("[red]rouge[/red] [link=https://example.org]lien[/link]")
    Screen(console=console).question_help(Question(id="q", type="text", prompt="?", help="Une aide."))
    shown = console.file.getvalue().replace("\u00a0", " ")
    assert shown == "Étape 1/2 — Première étape\nrouge lien\n"  # l'aide vient après la question (A15)


def test_metier_choice_in_lines_search_by_name_then_pick(tmp_path: Any) -> None:
    """Le choix des métiers en mode simple : refuser le test, chercher par nom, taper le numéro trouvé."""
    from reconversion.adapters.storage.store import Store
    from reconversion.commands.start import metier_chooser

    question = METIERS_QUESTION
    store = Store.open(tmp_path, "defaut")
    assert store is not None
    screen = RecordingScreen()
    try:
        prompter, out = typed("2", "1", "infirmiere", "1")  # 2 : pas de test ; 1 : chercher ; puis le 1er trouvé
        reply = metier_chooser(store, prompter, screen).ask(question, None, can_go_back=True)
    finally:
        store.close()
    assert reply == Reply(["J1506"])
    assert any("en tête de la liste ci-dessous" in line for line in screen.lines)
    assert not any("Espace" in line for line in screen.lines)
    assert "1. Infirmier" in out.getvalue() and "\x1b" not in out.getvalue()


def test_metier_choice_in_lines_starts_from_the_job_idea(tmp_path: Any) -> None:
    """Mode simple, en mémoire : l'idée « aide-soignante » remplit la liste, le test refusé, sans recherche."""
    from reconversion.adapters.storage.store import Store
    from reconversion.commands.start import metier_chooser
    from reconversion.core.question_ids import JOB_IDEA

    store = Store.open(tmp_path, "defaut")
    assert store is not None
    screen = RecordingScreen()
    try:
        store.save_answer(JOB_IDEA, "metiers", "aide-soignante")
        prompter, out = typed("2", "1")  # 2 : pas de test ; 1 : le premier métier de la liste, déjà là
        reply = metier_chooser(store, prompter, screen).ask(METIERS_QUESTION, None, can_go_back=True)
    finally:
        store.close()
    assert reply == Reply(["J1501"])
    [found] = screen.lines
    assert found.startswith("Pour ton idée « aide-soignante », ") and found.endswith("en tête de la liste ci-dessous.")
    listing = out.getvalue()
    assert "  1. Aide-soignant / Aide-soignante (J1501)" in listing
    assert "Pas encore de suggestion" not in listing and "Tape le nom" not in listing


def test_a_long_numbered_choice_keeps_its_margin_when_it_wraps() -> None:
    from reconversion.core.text_wrap import wrap_line

    line = "  5. Un meilleur équilibre entre vie professionnelle et vie personnelle"
    assert wrap_line(line, 60) == ["  5. Un meilleur équilibre entre vie professionnelle et vie", "     personnelle"]


def test_simple_mode_imports_neither_questionary_nor_prompt_toolkit() -> None:
    """Plus de 0,1 s au démarrage épargnées, et rien qui sache piloter l'écran."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import reconversion.adapters.prompts.plain_prompts, reconversion.sessions.metier_choice\n"
        "import reconversion.sessions.wizard, reconversion.adapters.screen.wizard_screen\n"
        "import reconversion.sessions.interests\n"
        "print(sorted(m for m in sys.modules if m.startswith(('questionary', 'prompt_toolkit'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_relative_dates_count_from_the_day_the_prompter_is_given() -> None:
    """`RECONVERSION_TODAY` vaut aussi pour ce qui est tapé : « +2m » part du jour donné, pas de l'horloge."""
    out = io.StringIO()
    prompter = PlainPrompter(stdin=io.StringIO("1er mars 2027\n+2m\n"), stdout=out, today=dt.date(2027, 6, 1))
    reply = prompter.ask(DATE, None, can_go_back=False)
    assert reply == Reply("+2m")  # le 1er mars 2027 est refusé : il n'est pas après le 1er juin 2027
    assert "après aujourd'hui (1er juin 2027)" in out.getvalue()


def test_the_question_comes_before_its_help_and_numbers_keep_their_unit() -> None:
    """S4, A15 : la question d'abord, puis « Aide : » ; « 1 600 € » garde son espace insécable
    (l'ancien `" ".join(help.split())` la changeait en espace ordinaire, coupée au retour à la ligne)."""
    question = Question(
        id="q", type="text", prompt="Ton projet ?", help="Le CPF finance au plus\n1\u00a0600\u00a0€ pour un bilan.",
        required=False,
    )  # fmt: skip
    _, shown = ask(question, "")
    assert shown.index("Ton projet ?") < shown.index("Aide : Le CPF finance au plus 1\u00a0600\u00a0€ pour un bilan.")


def test_the_chosen_label_is_repeated_in_words() -> None:
    reply, shown = ask(SELECT, "2")
    assert reply.value == "demandeur" and "Ton choix : Demandeur·se d'emploi." in shown


def test_a_scale_choice_is_said_word_first() -> None:
    """A15 : « Ton choix : 2 — Plutôt pas. » faisait lire le tiret ; le mot d'abord, le chiffre entre parenthèses."""
    scale = Question(
        id="note",
        type="scale",
        prompt="Ta satisfaction ?",
        validate=Validation(min=1, max=5),
        scale_labels=("Pas du tout", "Pleinement"),
    )
    reply, shown = ask(scale, "1", can_go_back=False)
    assert reply.value == 1 and "Ton choix : Pas du tout (1)." in shown, shown
