"""Affiche les certifications (`certifications search/show`) en lignes simples, sans rich.

Tout passe par `print`, que `terminal.install` nettoie : lisible en mode simple, par un lecteur
d'écran, dans un tube. Les textes viennent de l'export importé, déjà ramenés à une ligne.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reconversion.adapters.screen.relaunch import program
from reconversion.core.certifications import FRANCE_VAE_URL, STATE_LABELS
from reconversion.core.certifications import summary_text as summary_line
from reconversion.core.dates import french_date

if TYPE_CHECKING:
    from reconversion.core.schemas import CertificationReport, CertificationSearchReport


def print_search(report: CertificationSearchReport) -> None:
    results = report["results"]
    filters = []
    if report["level"] is not None:
        filters.append(f"niveau {report['level']}")
    if report["vae_only"]:
        filters.append("accessibles par la VAE")
    shown_filters = f" ({', '.join(filters)})" if filters else ""
    if not results:
        print(
            f"Aucune certification ne ressemble à « {report['query']} »{shown_filters}. "
            "Essaie un autre mot, ou un mot plus court (« electric », « soin »)."
        )
        return
    print(f"Certifications pour « {report['query']} »{shown_filters} :")
    for item in results:
        print(f"  {summary_line(item)}")
    print(f"Pour lire une fiche : {program()} certifications show {results[0]['code']}")
    print(report["source"])


def print_show(report: CertificationReport) -> None:
    kind = "Répertoire national des certifications professionnelles (RNCP)"
    if report["kind"] == "RS":
        kind = "Répertoire spécifique (RS) : une certification de compétences ou une habilitation, sans niveau"
    abbrev = f" ({report['abbrev']})" if report["abbrev"] else ""
    print(f"{report['code']} — {report['title']}{abbrev}")
    print(kind)
    if report["kind"] != "RS" or report["level"] is not None:
        unknown = report["level"] is None and report["level_raw"]
        extra = f" (valeur de l'export : « {report['level_raw']} »)" if unknown else ""
        print(f"Niveau : {report['level_label']}{extra}")
    print(f"État : {_state_text(report)}")
    if report["certifiers"]:
        label = "Certificateurs" if len(report["certifiers"]) > 1 else "Certificateur"
        print(f"{label} : {' ; '.join(report['certifiers'])}")
    if report["routes"]:
        print(f"Voies d'accès : {' ; '.join(report['routes'])}")
    if report["vae"]:
        print(f"VAE : oui, elle peut s'obtenir par la validation des acquis de l'expérience ({FRANCE_VAE_URL}).")
    else:
        print("VAE : non, pas par la validation des acquis de l'expérience.")
    if report["blocks"]:
        partial = "oui, bloc par bloc" if report["partial_validation"] else "non précisé"
        print(f"Validation par blocs de compétences : {partial}")
        for block in report["blocks"]:
            print(f"  • {block['code']}  {block['title'] or '(sans intitulé)'}")
    if report["romes"]:
        print("Métiers visés (ROME) :")
        for link in report["romes"]:
            print(f"  • {_rome_text(link['code'], link['label'], link['current_title'], link['exists'])}")
    if report["replaces"]:
        print("Remplace : " + " ; ".join(_code_title(c["code"], c["title"]) for c in report["replaces"]))
    if report["replaced_by"]:
        chain = " → ".join(c["code"] for c in report["replaced_by"])
        end = report["replaced_by"][-1]
        end_state = STATE_LABELS[report["chain_end_state"]] if report["chain_end_state"] else "absente de l'export"
        print(f"Remplacée par : {chain}")
        print(f"  Bout de la chaîne : {_code_title(end['code'], end['title'])} ({end_state})")
        print(f"  Pour la lire : {program()} certifications show {end['code']}")
    print(f"Fiche officielle : {report['url']}")
    print(report["source"])


def _state_text(report: CertificationReport) -> str:
    end = report["end"]
    if report["state"] == "active":
        return f"active, enregistrée jusqu'au {french_date(end)}" if end else "active"
    if report["state"] == "expired" and end is not None:
        return f"expirée : son enregistrement a pris fin le {french_date(end)}"
    return "inactive : elle n'est plus délivrée"


def _code_title(code: str, title: str | None) -> str:
    return f"{code} « {title} »" if title else f"{code} (absente de l'export)"


def _rome_text(code: str, label: str, current: str | None, exists: bool | None) -> str:
    if exists is False:
        shown = f" « {label} »" if label else ""
        return f"{code}{shown} : ce code n'existe plus dans le ROME actuel"
    if current:
        return f"{code}  {current}"
    if exists is None:  # sans le ROME importé, un code absent du catalogue intégré ne peut pas être vérifié
        return f"{code}  {label} (libellé de l'export ; importe le ROME pour savoir si ce code existe encore)"
    return f"{code}  {label}" if label else code
