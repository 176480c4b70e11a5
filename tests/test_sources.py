"""La règle des sources : un fait chiffré ou daté sans source fait échouer `guide validate`,
une source vérifiée il y a plus de 12 mois donne un avertissement ; le livre et le plan les listent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.test_guide_loader import guide_text, problems

from helpers import plan_markdown, run
from reconversion.core import sourcing
from reconversion.core.ebook import render_ebook
from reconversion.core.guide_loader import parse_guide
from reconversion.errors import GuideError

SOURCE = (
    '{url: "https://www.service-public.fr/particuliers/vosdroits/F10705", '
    'title: "Service-Public — CPF", checked: 2026-12-01}'
)


@pytest.mark.parametrize(
    "text, fact",
    [
        ("Tu reçois 500 € par an.", "500 €"),
        ("jusqu'à 1 600 € de droits", "1 600 €"),
        ("jusqu'à 1\u202f600\u00a0€ de droits", "1\u202f600\u00a0€"),
        ("une participation de 103,20 €", "103,20 €"),
        ("24 mois de salariat", "24 mois"),
        ("pendant trois ans au plus", "trois ans"),
        ("25 h par an", "25 h"),
        ("85 % du traitement", "85 %"),
        ("jusqu'à deux SMIC", "deux SMIC"),
        ("depuis le 1er janvier", "1er janvier"),
        ("depuis 2024", "2024"),
        ("article R6323-10 du Code du travail", "R6323-10"),
        ("au moins 120 jours avant", "120 jours"),
    ],
)
def test_facts_that_need_a_source(text: str, fact: str) -> None:
    assert sourcing.first_fact(text) == fact


@pytest.mark.parametrize(
    "text",
    [
        "Choisis au moins une raison.",
        "Fixe-toi un objectif, par exemple trois échanges.",
        "Je ne peux pas me former plus d'un an",  # « un » n'est pas compté
        "Le code ROME M1805 et la fiche RNCP 38381",
        "Étape 2 : un bilan ou deux",
    ],
)
def test_texts_without_facts(text: str) -> None:
    assert sourcing.first_fact(text) is None


def test_unsourced_help_fails_at_the_exact_position() -> None:
    text = guide_text(insert_after={16: ["        help: Le CPF donne 500 € par an."]})
    assert problems(text) == [
        "g.yaml:17:15: steps[0].questions[1].help: « 500 € » : un montant, une durée, un seuil, "
        "une date ou un article de loi doit être sourcé ; ajoute une clé « sources » à cette question"
    ]


def test_unsourced_action_resource_step_and_choice_label_fail() -> None:
    text = guide_text(
        replace={
            8: "    intro: Depuis 2026, tout change.",
            13: "        choices: [a, Moins de 26 ans]",
            20: "        text: Écrire 120 jours avant",
        },
        insert_after={24: ["    description: Jusqu'à douze mois."]},
    )
    found = problems(text)
    assert [line.split(": ")[0] + ": " + line.split(": ")[1] for line in found] == [
        "g.yaml:8:12: steps[0].intro",
        "g.yaml:13:22: steps[0].questions[0].choices[1]",
        "g.yaml:20:15: steps[0].actions[0].text",
        "g.yaml:25:18: resources[0].description",
    ]
    assert "à cette étape" in found[0] and "à cette action" in found[2] and "à cette ressource" in found[3]


def test_sources_are_parsed_with_their_position() -> None:
    text = guide_text(
        insert_after={
            16: ["        help: Le CPF donne 500 € par an.", "        sources:", f"          - {SOURCE}"],
        }
    )
    question = parse_guide(text, "g.yaml").question("q2")
    assert question is not None
    (source,) = question.sources
    assert source.url == "https://www.service-public.fr/particuliers/vosdroits/F10705"
    assert source.title == "Service-Public — CPF" and source.checked == "2026-12-01"
    assert (source.line, source.path) == (19, "steps[0].questions[1].sources[0].checked")


@pytest.mark.parametrize(
    "entry, expected",
    [
        (
            '{url: "http://example.org", title: T, checked: 2026-01-01}',
            "g.yaml:22:19: steps[0].actions[0].sources[0].url: adresse refusée « http://example.org » : "
            "seules les adresses https:// sont acceptées",
        ),
        (
            "{url: https://example.org, title: T, checked: 01/02/2026}",
            "g.yaml:22:59: steps[0].actions[0].sources[0].checked: date de vérification invalide "
            "« 01/02/2026 » : écris-la AAAA-MM-JJ",
        ),
        (
            "{url: https://example.org, title: T, checked: 2026-02-30}",
            "g.yaml:22:59: steps[0].actions[0].sources[0].checked: date de vérification invalide "
            "« 2026-02-30 » : écris-la AAAA-MM-JJ",
        ),
        (
            "{url: https://example.org, title: T}",
            "g.yaml:22:13: steps[0].actions[0].sources[0]: clé obligatoire manquante « checked »",
        ),
        (
            "{url: https://example.org, title: T, checked: 2026-01-01, date: x}",
            "g.yaml:22:71: steps[0].actions[0].sources[0].date: clé inconnue « date » "
            "(clés possibles : url, title, checked, valid_until)",
        ),
    ],
)
def test_bad_sources_are_reported_where_they_are(entry: str, expected: str) -> None:
    text = guide_text(insert_after={20: ["        sources:", f"          - {entry}"]})
    assert problems(text) == [expected]


def test_empty_source_list_is_refused() -> None:
    text = guide_text(insert_after={20: ["        sources: []"]})
    assert problems(text) == [
        "g.yaml:21:18: steps[0].actions[0].sources: liste de sources vide : retire la clé ou ajoute une source"
    ]


def stale_guide(checked: str) -> str:
    return guide_text(
        insert_after={
            24: [
                "    description: Jusqu'à douze mois.",
                "    sources:",
                f"      - {{url: https://example.org/a, title: Texte A, checked: {checked}}}",
            ]
        }
    )


def test_source_older_than_twelve_months_warns_without_failing() -> None:
    guide = parse_guide(stale_guide("2025-12-03"), "g.yaml")
    assert sourcing.source_warnings(guide, dt.date(2026, 12, 3)) == []  # pile 12 mois : encore bon
    assert sourcing.source_warnings(guide, dt.date(2026, 12, 4)) == [
        "g.yaml:27:63: resources[0].sources[0].checked: source vérifiée le 2025-12-03, il y a plus de "
        "12 mois : revérifie « Texte A » (https://example.org/a) et mets à jour la date"
    ]


def test_future_check_date_warns() -> None:
    guide = parse_guide(stale_guide("2027-01-01"), "g.yaml")
    assert sourcing.source_warnings(guide, dt.date(2026, 12, 4)) == [
        "g.yaml:27:63: resources[0].sources[0].checked: date de vérification dans le futur (2027-01-01) : corrige-la"
    ]


def test_stale_limit_on_leap_day() -> None:
    assert sourcing.stale_limit(dt.date(2028, 2, 29)) == dt.date(2027, 2, 28)


def test_guide_validate_prints_warnings_and_exits_zero(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(stale_guide("2024-05-01"), encoding="utf-8")
    monkeypatch.setenv("RECONVERSION_TODAY", "2026-12-04")
    result = run("guide", "validate", str(path))
    assert result.exit_code == 0, result.output
    assert "Guide valide" in result.stdout
    assert "1 source à revérifier" in result.stderr
    assert f"{path}:27:63: resources[0].sources[0].checked: source vérifiée le 2024-05-01" in result.stderr


def test_guide_validate_fails_on_unsourced_fact(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(guide_text(insert_after={24: ["    description: Jusqu'à douze mois."]}), encoding="utf-8")
    result = run("guide", "validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:25:18: resources[0].description: « douze mois »" in result.stderr
    assert "Traceback" not in result.output


def test_builtin_guide_has_no_stale_source_on_its_release_date() -> None:
    from reconversion.adapters.content.guide_files import load

    guide = load()
    assert list(sourcing.all_sources(guide)), "le guide livré doit citer ses sources"
    assert sourcing.source_warnings(guide, dt.date(2026, 12, 7)) == []
    assert sourcing.freshness_line(guide, dt.date(2026, 12, 7)) == "Contenu vérifié le 7 décembre 2026."


def test_a_rule_past_its_valid_until_is_listed_and_makes_the_guide_say_it_may_be_outdated() -> None:
    text = guide_text(
        {1: "id: g", 2: 'version: "1"', 3: "language: fr", 4: "title: Guide"},
        insert_after={
            3: ["checked: 2026-12-07"],
            24: [
                "    description: Une participation de 103,20 €.",
                "    sources:",
                "      - {url: https://example.org/a, title: Texte A, checked: 2026-12-07, valid_until: 2026-12-31}",
            ],
        },
    )
    guide = parse_guide(text, "g.yaml")
    assert sourcing.source_warnings(guide, dt.date(2026, 12, 31)) == []
    assert sourcing.freshness_line(guide, dt.date(2026, 12, 31)) == "Contenu vérifié le 7 décembre 2026."
    [warning] = sourcing.source_warnings(guide, dt.date(2027, 1, 1))
    assert warning.startswith("g.yaml:28:63: resources[0].sources[0].checked: règle valable jusqu'au 2026-12-31, échue")
    assert "Certaines informations ont pu changer" in sourcing.freshness_line(guide, dt.date(2027, 1, 1))


def test_a_guide_checked_more_than_a_year_ago_says_so() -> None:
    text = guide_text(insert_after={3: ["checked: 2025-12-01"]})
    guide = parse_guide(text, "g.yaml")
    assert sourcing.source_warnings(guide, dt.date(2026, 12, 7)) == [
        "g.yaml: checked: contenu vérifié le 2025-12-01, il y a plus de 12 mois : "
        "revérifie le guide et mets à jour la date"
    ]
    assert sourcing.freshness_line(guide, dt.date(2026, 12, 7)).startswith(
        "Contenu vérifié le 1er décembre 2025. Certaines informations ont pu changer depuis"
    )
    assert sourcing.freshness_line(parse_guide(guide_text(), "g.yaml"), dt.date(2026, 12, 7)) == ""


def test_bad_valid_until_and_checked_dates_are_located() -> None:
    text = guide_text(
        insert_after={
            3: ["checked: hier"],
            24: [
                "    sources:",
                "      - {url: https://example.org/a, title: Texte A, checked: 2026-12-07, valid_until: 2026-13-40}",
            ],
        }
    )
    found = problems(text)
    assert found[0].startswith("g.yaml:4:10: checked: date de vérification invalide « hier »")
    assert found[1].startswith("g.yaml:27:88: resources[0].sources[0].valid_until: date de vérification invalide")


def test_ebook_lists_sources_under_the_step_and_the_resource() -> None:
    text = guide_text(
        replace={20: "        text: Écrire 120 jours avant"},
        insert_after={
            20: ["        sources:", f"          - {SOURCE}"],
            24: [
                "    description: Jusqu'à douze mois.",
                "    sources:",
                "      - {url: https://example.org/a, title: Texte A, checked: 2026-03-01}",
                f"      - {SOURCE}",
            ],
        },
    )
    book = render_ebook(parse_guide(text, "g.yaml"))
    step_part = book.split("## Étape 1")[1].split("## Toutes les ressources")[0]
    assert "### Sources de cette étape" in step_part
    cpf = (
        "[Service-Public — CPF](https://www.service-public.fr/particuliers/vosdroits/F10705)"
        " — vérifiée le 1er décembre 2026"
    )
    assert step_part.count(cpf) == 1  # action et ressource citent la même : une seule ligne
    assert "- [Texte A](https://example.org/a) — vérifiée le 1er mars 2026" in step_part
    all_part = book.split("## Toutes les ressources")[1]
    assert "  - Source : [Texte A](https://example.org/a) — vérifiée le 1er mars 2026" in all_part


def test_plan_lists_the_sources_of_the_resources_it_shows() -> None:
    text = guide_text(
        insert_after={
            24: [
                "    description: Jusqu'à douze mois.",
                "    sources:",
                "      - {url: https://example.org/a, title: Texte A, checked: 2026-03-01}",
            ],
        },
    )
    plan = plan_markdown(parse_guide(text, "g.yaml"), {}, today=dt.date(2026, 12, 4))
    assert (
        "- [Ressource](https://example.org) — Jusqu'à douze mois.\n"
        "  - Source\u00a0: [Texte A](https://example.org/a) — vérifiée le 1er mars 2026" in plan
    )


def test_guide_error_is_raised_for_an_unsourced_builtin_like_text() -> None:
    with pytest.raises(GuideError):
        parse_guide(guide_text(replace={8: "    intro: Il faut 1 300 jours travaillés."}), "g.yaml")


def test_builtin_ebook_lists_every_source_of_a_step_under_that_step() -> None:
    from reconversion.adapters.content.guide_files import load
    from reconversion.core.dates import french_date

    guide = load()
    book = render_ebook(guide)
    parts = book.split("\n## ")
    for number, step in enumerate(guide.steps, start=1):
        part = next(p for p in parts if p.startswith(f"Étape {number} — "))
        shown = [guide.resources[rid] for rid in step.resources]
        sources = [s for item in (*step.questions, *step.actions, *shown) for s in item.sources]
        assert sources, f"l'étape {step.id} ne cite aucune source"
        assert "### Sources de cette étape" in part
        for source in sources:
            assert f"({source.url}) — vérifiée le {french_date(source.checked)}" in part


def test_cached_guide_keeps_its_sources(private_cache: Path) -> None:
    from reconversion.adapters.content import guide_files

    fresh = guide_files.load()  # valide le YAML et remplit le cache
    assert list(private_cache.glob("guide-*.cache"))
    again = guide_files.load()  # relu depuis le cache
    assert list(sourcing.all_sources(again)) == list(sourcing.all_sources(fresh))
    assert list(sourcing.all_sources(again))


def test_the_plan_header_says_when_the_content_was_checked_and_when_it_has_aged(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECONVERSION_TODAY", "2026-12-08")
    fresh = run("export", "-o", "-")
    assert fresh.exit_code == 0, fresh.output
    header = fresh.stdout.split("\n\n")[1]
    assert header.endswith("(version 2026.1). Contenu vérifié le 7 décembre 2026.")
    monkeypatch.setenv("RECONVERSION_TODAY", "2027-01-02")  # la participation forfaitaire de 2026 est échue
    aged = " ".join(run("export", "-o", "-").stdout.split())
    assert "Contenu vérifié le 7 décembre 2026. Certaines informations ont pu changer depuis" in aged
