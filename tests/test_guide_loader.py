"""Le chargeur de guide : chemin heureux, puis une classe d'erreur par test, position exacte."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reconversion.core.guide_loader import load_guide, parse_guide
from reconversion.core.model import Equals, Guide, Not
from reconversion.errors import GuideError

BASE = [
    "id: g",  # 1
    'version: "1"',  # 2
    "language: fr",  # 3
    "title: Guide",  # 4
    "steps:",  # 5
    "  - id: s1",  # 6
    "    title: Étape",  # 7
    "    intro: Intro.",  # 8
    "    questions:",  # 9
    "      - id: q1",  # 10
    "        type: select",  # 11
    "        prompt: Question ?",  # 12
    "        choices: [a, b]",  # 13
    "      - id: q2",  # 14
    "        type: text",  # 15
    "        prompt: Autre ?",  # 16
    "    resources: [r1]",  # 17
    "    actions:",  # 18
    "      - id: a1",  # 19
    "        text: Faire",  # 20
    "resources:",  # 21
    "  - id: r1",  # 22
    "    title: Ressource",  # 23
    "    url: https://example.org",  # 24
]


def guide_text(replace: dict[int, str] | None = None, insert_after: dict[int, list[str]] | None = None) -> str:
    lines: list[str] = []
    for number, line in enumerate(BASE, start=1):
        lines.append((replace or {}).get(number, line))
        lines.extend((insert_after or {}).get(number, []))
    return "\n".join(lines) + "\n"


def problems(text: str) -> list[str]:
    with pytest.raises(GuideError) as caught:
        parse_guide(text, "g.yaml")
    return caught.value.problems


def test_base_guide_loads_into_a_typed_model() -> None:
    guide = parse_guide(guide_text(), "g.yaml")
    assert isinstance(guide, Guide)
    assert [q.id for q in guide.questions] == ["q1", "q2"]
    q1 = guide.question("q1")
    assert q1 is not None and [c.value for c in q1.choices] == ["a", "b"]
    assert q1.required is True and q1.step_id == "s1"
    assert guide.actions[0].step_id == "s1"
    assert guide.resources["r1"].url == "https://example.org"


def test_conditions_are_parsed_declaratively() -> None:
    text = guide_text(insert_after={16: ["        when: {question: q1, equals: a}"]})
    q2 = parse_guide(text, "g.yaml").question("q2")
    assert q2 is not None and q2.when == Equals("q1", "a")


def test_builtin_guide_is_valid_and_has_five_steps_in_order() -> None:
    from reconversion.adapters.content.guide_files import load

    guide = load()
    assert [s.id for s in guide.steps] == ["bilan", "metiers", "formation", "experience", "reseau"]
    assert guide.questions[0].id == "situation"
    used = {q.type for q in guide.questions}
    assert used == {"text", "long_text", "select", "multiselect", "confirm", "number", "date", "scale"}
    for step in guide.steps:
        assert len(step.questions) >= 5
        assert all(q.help for q in step.questions), step.id
    assert all(r.url.startswith("https://") for r in guide.resources.values())


def test_yaml_syntax_error_has_its_position() -> None:
    assert problems(guide_text({12: "        prompt: [Question ?"})) == [
        "g.yaml:13:16: erreur de syntaxe YAML : liste entre crochets mal fermée"
    ]


def test_top_level_must_be_a_mapping() -> None:
    assert problems("- un\n- deux\n") == ["g.yaml:1:1: le guide doit être un dictionnaire (id, version, title, steps…)"]


def test_unknown_key_with_suggestion() -> None:
    assert problems(guide_text({12: "        promt: Question ?"})) == [
        "g.yaml:10:9: steps[0].questions[0]: clé obligatoire manquante « prompt »",
        "g.yaml:12:9: steps[0].questions[0].promt: clé inconnue « promt » (voulais-tu dire « prompt » ?)",
    ]


def test_unknown_key_without_close_match_lists_the_possible_keys() -> None:
    assert problems(guide_text(insert_after={4: ["couleur: bleu"]})) == [
        "g.yaml:5:1: couleur: clé inconnue « couleur » (clés possibles : id, version, language, title, intro, "
        "checked, steps, resources, messages)"
    ]


def test_a_step_that_is_not_a_mapping() -> None:
    text = 'id: g\nversion: "1"\nlanguage: fr\ntitle: Guide\nsteps:\n  - juste du texte\nresources: []\n'
    assert problems(text) == ["g.yaml:6:5: steps[0]: une étape : dictionnaire attendu (clé: valeur)"]


def test_missing_required_key() -> None:
    assert problems(guide_text({8: "    # pas d'intro"})) == [
        "g.yaml:6:5: steps[0]: clé obligatoire manquante « intro »"
    ]


def test_wrong_types() -> None:
    text = guide_text(
        {13: "        choices: a", 20: "        text: [Faire]"}, insert_after={16: ["        required: oui"]}
    )
    assert problems(text) == [
        "g.yaml:13:18: steps[0].questions[0].choices: liste attendue (éléments précédés de « - »)",
        "g.yaml:17:19: steps[0].questions[1].required: true ou false attendu",
        "g.yaml:21:15: steps[0].actions[0].text: valeur simple attendue, pas une liste ni un dictionnaire",
    ]


def test_duplicate_ids() -> None:
    text = guide_text({14: "      - id: q1"}, insert_after={20: ["      - id: a1", "        text: Encore"]})
    assert problems(text) == [
        "g.yaml:14:13: steps[0].questions[1].id: identifiant de question en double « q1 »",
        "g.yaml:21:13: steps[0].actions[1].id: identifiant en double « a1 »",
    ]


def test_duplicate_resource_and_step_ids() -> None:
    extra_step = ["  - id: s1", "    title: Bis", "    intro: Encore.", "    questions: []"]
    extra_resource = ["  - id: r1", "    title: Bis", "    url: https://example.com"]
    text = guide_text(insert_after={20: extra_step, 24: extra_resource})
    assert problems(text) == [
        "g.yaml:21:9: steps[1].id: identifiant en double « s1 »",
        "g.yaml:29:9: resources[1].id: identifiant en double « r1 »",
    ]


def test_unknown_resource_and_unknown_question_references() -> None:
    text = guide_text(
        {17: "    resources: [r2]"}, insert_after={16: ["        when: {question: statut_pro, equals: a}"]}
    )
    assert problems(text) == [
        "g.yaml:17:26: steps[0].questions[1].when.question: question inconnue « statut_pro »",
        "g.yaml:18:17: steps[0].resources[0]: ressource inconnue « r2 »",
    ]


def test_when_on_itself_or_a_later_question() -> None:
    text = guide_text(
        insert_after={
            12: ["        when: {question: q2, answered: true}"],
            16: ["        when: {question: q2, equals: x}"],
        }
    )
    assert problems(text) == [
        "g.yaml:13:26: steps[0].questions[0].when.question: la question « q2 » vient plus loin : "
        "une condition ne peut porter que sur une question précédente",
        "g.yaml:18:26: steps[0].questions[1].when.question: la condition porte sur la question elle-même « q2 »",
    ]


def test_condition_value_must_be_a_possible_choice() -> None:
    text = guide_text(insert_after={16: ["        when: {question: q1, in: [a, c]}"]})
    assert problems(text) == [
        "g.yaml:17:38: steps[0].questions[1].when: valeur « c » impossible pour la question « q1 » (choix : a, b)"
    ]


def test_select_without_choices() -> None:
    assert problems(guide_text({13: "        required: true"})) == [
        "g.yaml:10:9: steps[0].questions[0]: une question select doit avoir des choix (choices)"
    ]


def test_default_not_among_choices() -> None:
    text = guide_text(insert_after={13: ["        default: c"]})
    assert problems(text) == [
        "g.yaml:14:18: steps[0].questions[0].default: la valeur par défaut « c » n'est pas l'un des choix"
    ]


def test_invalid_regex_pattern() -> None:
    text = guide_text(insert_after={16: ["        validate: {pattern: '[a-'}"]})
    [problem] = problems(text)
    assert problem.startswith("g.yaml:17:29: steps[0].questions[1].validate.pattern: expression régulière refusée : ")
    assert "missing ]" in problem


@pytest.mark.parametrize("pattern", [r"(a)\1", "(?=a)a", "(?<!b)a"])
def test_patterns_that_cannot_be_checked_in_linear_time_are_refused(pattern: str) -> None:
    text = guide_text(insert_after={16: [f"        validate: {{pattern: '{pattern}'}}"]})
    [problem] = problems(text)
    assert "temps linéaire" in problem


def test_a_catastrophic_pattern_cannot_freeze_the_check() -> None:
    """`(a+)+$` : 28 « a » prenaient 19 s avec le moteur de Python ; RE2 répond aussitôt, même sur 100 000."""
    from reconversion.core.safe_regex import full_match

    calls = 0
    for size in (28, 1_000, 100_000):
        assert full_match("(a+)+$", "a" * size + "!") is False
        calls += 1
    assert calls == 3


def test_url_must_be_https() -> None:
    assert problems(guide_text({24: "    url: http://example.org"})) == [
        "g.yaml:24:10: resources[0].url: adresse refusée « http://example.org » : "
        "seules les adresses https:// sont acceptées"
    ]


def test_empty_text_is_refused() -> None:
    assert problems(guide_text({12: '        prompt: "  "'})) == [
        "g.yaml:12:17: steps[0].questions[0].prompt: texte vide : écris quelque chose"
    ]


def test_unknown_question_type_suggests_the_closest() -> None:
    found = problems(guide_text({15: "        type: txt"}))
    assert found == [
        "g.yaml:15:15: steps[0].questions[1].type: type inconnu « txt » (voulais-tu dire « text » ?) ; "
        "types possibles : text, long_text, select, multiselect, confirm, number, date, scale"
    ]


def test_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: g\ntitle: Étape\n".encode("latin-1"))
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    assert caught.value.problems == [f"{path}:2:8: le fichier n'est pas encodé en UTF-8 (enregistre-le en UTF-8)"]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "vide.yaml"
    path.write_text("# rien\n", encoding="utf-8")
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    assert caught.value.problems == [f"{path}:1:1: le fichier est vide"]


def test_file_over_two_mebibytes_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "gros.yaml"
    path.write_bytes(b"[" * (2 * 1024 * 1024 + 1))  # illisible en YAML : ne doit même pas être analysé
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    assert caught.value.problems == [
        f"{path}:1:1: fichier trop gros ({2 * 1024 * 1024 + 1} octets) : la limite est de 2 Mio"
    ]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(GuideError) as caught:
        load_guide(path)
    assert caught.value.problems == [f"{path}:1:1: fichier introuvable"]


def test_python_tags_are_refused_and_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = guide_text({4: f'title: !!python/object/apply:os.system ["touch {marker}"]'})
    assert problems(text) == [
        "g.yaml:4:8: title: étiquette YAML non autorisée « tag:yaml.org,2002:python/object/apply:os.system » "
        "(rien n'a été exécuté)"
    ]
    assert not marker.exists()


class WorkBudgetExceeded(Exception):
    """Levée dès que l'analyse dépasse son budget d'appels : une bombe qui se déplie arrête le test, pas la suite."""


def python_calls(text: str, budget: int) -> tuple[list[str], int]:
    """Les problèmes du guide `text` et le nombre d'appels de fonctions Python faits pour les trouver.

    On compte le travail, pas le temps : le compte ne dépend pas de la charge de la machine.
    """
    calls = 0

    def count(frame: object, event: str, arg: object) -> None:
        nonlocal calls
        if event == "call":
            calls += 1
            if calls > budget:
                raise WorkBudgetExceeded(f"plus de {budget} appels")

    sys.setprofile(count)
    try:
        found = problems(text)
    finally:
        sys.setprofile(None)
    return found, calls


def nested_lists(aliases: bool) -> str:
    """20 listes de 9 éléments ; avec `aliases`, chacune répète 9 fois la précédente (9**20 éléments dépliés)."""
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 20):
        previous, name = f"n{i - 1}" if i > 1 else "a", f"n{i}"
        items = [f"*{previous}" if aliases else '"x"'] * 9
        lines.append(f"{name}: &{name} [" + ", ".join(items) + "]")
    lines.append("title: *n19" if aliases else "title: x")
    return "\n".join(lines) + "\n"


def test_nested_alias_bomb_is_rejected_quickly() -> None:
    """Pas plus de travail que pour un fichier de même taille sans alias (jamais la bombe dépliée)."""
    _, plain_calls = python_calls(nested_lists(aliases=False), budget=10**6)
    found, bomb_calls = python_calls(nested_lists(aliases=True), budget=100 * plain_calls)
    assert bomb_calls <= 2 * plain_calls, (bomb_calls, plain_calls)
    assert "g.yaml:1:1: clé obligatoire manquante « steps »" in found


def test_aliases_are_refused_where_they_are_reused() -> None:
    text = guide_text(
        {23: "    title: &titre Ressource"},
        insert_after={24: ["  - id: r2", "    title: *titre", "    url: https://example.com"]},
    )
    assert problems(text) == ["g.yaml:23:12: resources[1].title: les ancres et alias YAML (&, *) ne sont pas acceptés"]


def test_all_problems_are_reported_at_once_sorted_by_line() -> None:
    text = guide_text({11: "        type: choix", 24: "    url: ftp://example.org"}, insert_after={4: ["auteur: moi"]})
    found = problems(text)
    assert len(found) == 3
    lines = [int(p.split(":")[1]) for p in found]
    assert lines == sorted(lines)


def test_duplicate_mapping_key() -> None:
    assert problems(guide_text(insert_after={4: ["title: Encore"]})) == ["g.yaml:5:1: title: clé en double « title »"]


@pytest.mark.parametrize("escape", ["\\e[2J", "\\x9b31m", "\\u202e", "\\a"])
def test_control_characters_in_a_guide_text_are_refused(escape: str) -> None:
    text = guide_text({4: f'title: "Mini {escape} guide"'})
    [problem] = problems(text)
    assert problem.startswith("g.yaml:4:8: title: caractère de contrôle")


# --- clés ajoutées : label, sensitive, not_before, after, when sur un choix ------------------------


def test_label_and_sensitive_are_read() -> None:
    text = guide_text(
        {11: "        type: confirm", 13: "        required: false"},
        insert_after={11: ["        label: Court", "        sensitive: true"]},
    )
    question = parse_guide(text, "g.yaml").question("q1")
    assert question is not None
    assert (question.label, question.sensitive, question.title) == ("Court", True, "Court")
    assert parse_guide(guide_text(), "g.yaml").question("q2").title == "Autre ?"  # sans label : l'invite


def test_a_sensitive_question_refuses_a_default_and_must_be_optional() -> None:
    text = guide_text(
        {11: "        type: confirm", 13: "        default: false"},
        insert_after={11: ["        sensitive: true"]},
    )
    assert problems(text) == [
        "g.yaml:12:20: steps[0].questions[0].sensitive: une question sensible doit pouvoir être passée : "
        "ajoute « required: false »",
        "g.yaml:14:18: steps[0].questions[0].default: une question sensible (sensitive: true) ne peut pas "
        "avoir de réponse par défaut",
    ]


def test_a_choice_when_is_validated_like_a_question_when() -> None:
    choices = [
        "        choices:",
        "          - {value: a, label: A}",
        "          - {value: b, label: B, when: {question: q1, equals: a}}",
        "          - {value: c, label: C, when: {question: q9, equals: a}}",
        "          - {value: d, label: D, when: {question: q3, equals: a}}",
    ]
    text = guide_text({15: "        type: select"}, insert_after={16: choices})
    assert problems(text) == [
        "g.yaml:20:51: steps[0].questions[1].choices[2].when.question: question inconnue « q9 »",
        "g.yaml:21:51: steps[0].questions[1].choices[3].when.question: question inconnue « q3 »",
    ]
    good = guide_text({15: "        type: select"}, insert_after={16: choices[:3]})
    question = parse_guide(good, "g.yaml").question("q2")
    assert question is not None and question.choices[1].when == Equals("q1", "a")


def test_date_after_today_and_not_before() -> None:
    text = guide_text(
        {11: "        type: date", 13: "        validate: {after: today}", 15: "        type: date"},
        insert_after={11: ["        not_before: q2"]},
    )
    question = parse_guide(text, "g.yaml").question("q1")
    assert question is not None and question.validate.after == "today" and question.not_before == "q2"
    wrong = guide_text(
        {11: "        type: date", 13: "        validate: {after: hier}"},
        insert_after={11: ["        not_before: q2"]},
    )
    assert problems(wrong) == [
        "g.yaml:12:21: steps[0].questions[0].not_before: la question « q2 » n'est pas une date",
        "g.yaml:14:27: steps[0].questions[0].validate.after: « hier » : seule la valeur « today » est possible",
    ]


def test_fact_conditions_name_a_known_fact() -> None:
    good = guide_text(insert_after={20: ["        when: {not: {fact: test_interets_termine}}"]})
    [action] = parse_guide(good, "g.yaml").actions
    assert action.when == Not(Equals("@test_interets_termine", True))
    wrong = guide_text(insert_after={20: ["        when: {fact: test_fini}"]})
    assert problems(wrong) == [
        "g.yaml:21:22: steps[0].actions[0].when.fact: fait inconnu « test_fini » (possible : test_interets_termine)"
    ]


def test_a_scale_with_a_refused_bound_and_a_default_is_reported_not_crashed() -> None:
    """Une borne illisible est dite ; la valeur par défaut n'est pas comparée à une borne absente."""
    found = problems(
        guide_text(
            replace={11: "        type: scale"},
            insert_after={12: ["        validate: {min: abc}", "        default: 3"]},
        ).replace("        choices: [a, b]\n", "")
    )
    assert any("validate.min" in line and "nombre attendu" in line for line in found), found


# --- les variantes d'aide (help_variants) ---------------------------------------------------------------


def test_help_variants_are_parsed_with_their_condition() -> None:
    text = guide_text(
        insert_after={
            16: [
                "        help: Pour tout le monde.",
                "        help_variants:",
                "          - text: Seulement si a.",
                "            when: {question: q1, equals: a}",
            ]
        }
    )
    q2 = parse_guide(text, "g.yaml").question("q2")
    assert q2 is not None and q2.help == "Pour tout le monde."
    assert [(v.text, v.when) for v in q2.help_variants] == [("Seulement si a.", Equals("q1", "a"))]


def test_a_help_variant_needs_a_condition_on_an_earlier_question_with_a_possible_value() -> None:
    text = guide_text(
        insert_after={
            12: [
                "        help_variants:",
                "          - text: Dépend de la suite.",  # 14
                "            when: {question: q2, answered: true}",  # 15
            ],
            16: [
                "        help_variants:",
                "          - text: Sans condition.",  # 21
                "          - text: Valeur impossible.",  # 22
                "            when: {question: q1, equals: c}",  # 23
                "          - {when: {question: q1, equals: a}}",  # 24
            ],
        }
    )
    assert problems(text) == [
        "g.yaml:15:30: steps[0].questions[0].help_variants[0].when.question: la question « q2 » vient plus loin : "
        "une condition ne peut porter que sur une question précédente",
        "g.yaml:21:13: steps[0].questions[1].help_variants[0]: clé obligatoire manquante « when »",
        "g.yaml:23:42: steps[0].questions[1].help_variants[1].when: valeur « c » impossible pour la question « q1 » "
        "(choix : a, b)",
        "g.yaml:24:13: steps[0].questions[1].help_variants[2]: clé obligatoire manquante « text »",
    ]


def test_a_fact_in_a_help_variant_must_be_sourced() -> None:
    text = guide_text(
        insert_after={
            16: [
                "        help_variants:",
                "          - text: Depuis 2025, c'est automatique.",
                "            when: {question: q1, equals: a}",
            ]
        }
    )
    [problem] = problems(text)
    assert problem.startswith("g.yaml:18:19: steps[0].questions[1].help_variants[0].text: « 2025 » : ")


def test_a_unit_belongs_to_number_questions_only(tmp_path) -> None:
    """`unit` (« h », « € par mois ») se lit pour une question number ; ailleurs, c'est une erreur située."""
    from reconversion.core.guide_loader import parse_guide
    from reconversion.errors import GuideError

    text = """\
id: g
version: "1"
language: fr
title: G
steps:
  - id: s
    title: S
    intro: I
    questions:
      - id: heures
        type: number
        unit: "h"
        prompt: Combien ?
      - id: nom
        type: text
        unit: "h"
        prompt: Ton nom ?
resources: []
"""
    with pytest.raises(GuideError) as caught:
        parse_guide(text, "g.yaml")
    assert any("unit n'a de sens que pour une question number" in line for line in caught.value.problems)
    guide = parse_guide(text.replace('        unit: "h"\n        prompt: Ton nom', "        prompt: Ton nom"), "g.yaml")
    assert guide.question("heures").unit == "h"
