"""Le mode simple lu par une synthèse vocale : symboles dits en mots, écriture inclusive en entier (A15)."""

from __future__ import annotations

import pytest

from reconversion.core.spoken import short_url, spoken


@pytest.mark.parametrize(
    ("shown", "said"),
    [
        ("☐ Appeler le CEP", "À faire : Appeler le CEP"),
        ("  ⚠ Délai impossible à tenir", "  Attention : Délai impossible à tenir"),
        ("☎ Claire Martin (Access42)", "Relance : Claire Martin (Access42)"),
        ("• Relation client, sens du service", "Relation client, sens du service"),
        ("  → Mon Compte Formation", "  Mon Compte Formation"),
        ("M1607  Assistant administratif  ★", "M1607  Assistant administratif"),
        ("(JJ/MM/AAAA · Entrée pour passer)", "(JJ/MM/AAAA, Entrée pour passer)"),
        ("Demandeur·euse d'emploi", "Demandeur ou demandeuse d'emploi"),
        ("Salarié·e du privé", "Salarié ou salariée du privé"),
        ("tes ancien·nes collègues, ami·es", "tes anciens ou anciennes collègues, amis ou amies"),
        ("des professionnel·les", "des professionnels ou professionnelles"),
        ("Conseiller·ère", "Conseiller ou conseillère"),
        ("Agent·e public·que", "Agent ou agente de la fonction publique"),
        ("choisis « Agent·e public·que ».", "choisis « Agent ou agente de la fonction publique »."),
        ("un·e agent·e public·que", "un ou une agent ou agente de la fonction publique"),
        ("les agent·es publics", "les agents ou agentes publics"),
        ("Sois concret·e", "Sois concret ou concrète"),
        ("1 600 € au plus", "1 600 € au plus"),
    ],
)
def test_symbols_are_said_in_words_or_dropped(shown: str, said: str) -> None:
    assert spoken(shown) == said


def test_a_long_encoded_address_is_made_short_and_readable() -> None:
    url = "https://candidat.francetravail.fr/formations/recherche?quoi=D%C3%A9veloppeur+web"
    assert short_url(url) == "candidat.francetravail.fr/formations/recherche?quoi=Développeur web"
    assert short_url("https://www.moncompteformation.gouv.fr/") == "moncompteformation.gouv.fr"


def test_addresses_in_a_line_are_said_short() -> None:
    line = "Voir https://candidat.francetravail.fr/formations/recherche?quoi=D%C3%A9veloppeur+web (France Travail)"
    said = "Voir candidat.francetravail.fr/formations/recherche?quoi=Développeur web (France Travail)"
    assert spoken(line) == said


def test_a_symbol_inside_a_line_is_said_too() -> None:
    assert spoken("  10 décembre — ☐ Appeler le CEP") == "  10 décembre — à faire : Appeler le CEP"


def test_a_malformed_address_stays_as_it_is() -> None:
    assert short_url("https://[x.fr/") == "https://[x.fr/"
    assert spoken("[link=https://x.fr/a]x[/link]") == "[link=x.fr/a]x[/link]"


def test_a_symbol_after_rich_style_tags_is_said_in_words() -> None:
    """Sous TERM=dumb, « ⚠ « Date visée… » tombe avant… » restait un symbole : il suivait « [yellow] »."""
    from reconversion.core.spoken import spoken

    assert spoken("[yellow]⚠ Deux dates.[/yellow]") == "[yellow]Attention : Deux dates.[/yellow]"
    assert spoken("\n[red][bold]⚠ Délai[/bold] : x") == "\n[red][bold]Attention : Délai[/bold] : x"
    assert spoken("[x] ⚠ reste") == "[x] attention : reste"


def test_an_understood_date_is_said_as_words() -> None:
    """« = lundi 21 décembre 2026 » se lisait « égal lundi… » : en mode simple, « Soit le lundi… »."""
    from reconversion.core.spoken import spoken

    assert spoken("  = lundi 21 décembre 2026") == "  Soit le lundi 21 décembre 2026"
    assert spoken("a = b, 2 = 2") == "a = b, 2 = 2"
