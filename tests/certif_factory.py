"""Des exports RNCP/RS fabriqués pour les tests et le banc : archives aux noms piégés, gros export synthétique.

Rien de ce qui est écrit ici ne vient de France compétences : le mini-export fait main est dans
`fixtures/certifications_mini`, le gros export est inventé (intitulés tirés de quelques mots).
"""

from __future__ import annotations

import csv
import io
import random
import unicodedata
import zipfile
from pathlib import Path

MINI = Path(__file__).resolve().parent / "fixtures" / "certifications_mini"
DATE = "2026_12_01"
ROMES = ("M1855", "M1805", "F1602", "J1506", "K1801", "K2111", "D1102", "J1501", "A1203")
_WORDS = [
    "agent",
    "technicien",
    "responsable",
    "conseiller",
    "gestionnaire",
    "chargé",
    "assistant",
    "installateur",
    "développeur",
    "électricien",
    "infirmier",
    "formateur",
    "maintenance",
    "commerce",
    "numérique",
    "énergie",
    "bâtiment",
    "soins",
    "réseaux",
    "logistique",
    "comptabilité",
    "paie",
    "accueil",
    "sécurité",
    "environnement",
    "restauration",
    "boulangerie",
    "paysage",
]


class _LegacyName(zipfile.ZipInfo):
    """Un nom écrit en octets UTF-8 SANS l'indicateur UTF-8 (bit 11), comme le font certains outils."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("utf-8"), self.flag_bits & ~0x800


def zip_of(folder: Path, target: Path, *, utf8_flag: bool = True, decomposed: bool = False) -> Path:
    """Le dossier en archive zip ; `utf8_flag=False` : noms en UTF-8 sans l'indicateur (lus comme du CP437)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for child in sorted(folder.iterdir()):
            if child.suffix != ".csv":
                continue
            name = f"export-fiches-csv-2026-12-01/{child.name}"
            if decomposed:
                name = unicodedata.normalize("NFD", name)
            kind = zipfile.ZipInfo if utf8_flag else _LegacyName
            info = kind(name, (2026, 12, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, child.read_bytes())
    return target


def _write(folder: Path, table: str, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    (folder / f"export_fiches_CSV_{table}_{DATE}.csv").write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))


def synthetic_export(folder: Path, fiches: int, seed: int = 7) -> Path:
    """Un export de `fiches` fiches inventées, de la forme de l'export complet (le vrai en compte environ 20 000)."""
    rng = random.Random(seed)
    # Un mot courant (« technicien », ~700 intitulés chacun) et trois mots d'un vocabulaire de 3 000 :
    # l'ordre de grandeur du vrai RNCP, où un mot courant revient dans des centaines d'intitulés.
    syllables = ["ma", "té", "ri", "con", "duc", "sol", "ver", "ges", "tion", "lo", "gis", "pra", "vi", "nu", "rel"]
    vocabulary = sorted({"".join(rng.sample(syllables, 3)) for _ in range(6000)})[:3000]
    folder.mkdir(parents=True, exist_ok=True)
    standard, rome, routes, certifiers, blocks, replacements = [], [], [], [], [], []
    for n in range(1, fiches + 1):
        code = f"RNCP{30000 + n}" if n % 5 else f"RS{5000 + n}"
        title = f"{rng.choice(_WORDS)} {' '.join(rng.sample(vocabulary, 3))}".capitalize()
        level = f"NIV{rng.randint(3, 8)}" if code.startswith("RNCP") else ""
        active = "ACTIVE" if n % 4 else "INACTIVE"
        end = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2020, 2031)}"
        standard.append(
            [
                str(n),
                code,
                title,
                "TP",
                "",
                level,
                "",
                "Non",
                "Non",
                "",
                "",
                end,
                "",
                "Enregistrement de droit",
                "Oui",
                active,
            ]
        )
        for rome_code in rng.sample(ROMES, rng.randint(1, 3)):
            rome.append([code, rome_code, "Libellé du ROME"])
        routes.append([code, "Après un parcours de formation continue"])
        if n % 3 == 0:
            routes.append([code, "Par expérience"])
        certifiers.append([code, "11000007200014", "Certificateur inventé"])
        for b in range(1, rng.randint(1, 5)):
            blocks.append([code, f"{code}BC{b:02d}", f"Bloc {b} : {' '.join(rng.sample(vocabulary, 3))}"])
        if active == "INACTIVE" and n + 1 <= fiches:
            successor = f"RNCP{30000 + n + 1}" if (n + 1) % 5 else f"RS{5000 + n + 1}"
            replacements.append([code, "", successor])
    header = [
        "Id_Fiche", "Numero_Fiche", "Intitule", "Abrege_Libelle", "Abrege_Intitule", "Nomenclature_Europe_Niveau",
        "Nomenclature_Europe_Intitule", "Accessible_Nouvelle_Caledonie", "Accessible_Polynesie_Francaise",
        "Date_dernier_jo", "Date_Decision", "Date_Fin_Enregistrement", "Date_Effet", "Type_Enregistrement",
        "Validation_Partielle", "Actif",
    ]  # fmt: skip
    _write(folder, "Standard", header, standard)
    _write(folder, "Rome", ["Numero_Fiche", "Codes_Rome_Code", "Codes_Rome_Libelle"], rome)
    _write(folder, "VoixdAccès", ["Numero_Fiche", "Si_Jury"], routes)
    _write(folder, "Certificateurs", ["Numero_Fiche", "Siret_Certificateur", "Nom_Certificateur"], certifiers)
    _write(
        folder, "Blocs_De_Compétences", ["Numero_Fiche", "Bloc_Competences_Code", "Bloc_Competences_Libelle"], blocks
    )
    _write(
        folder,
        "Ancienne_Nouvelle_Certification",
        ["Numero_Fiche", "Ancienne_Certification", "Nouvelle_Certification"],
        replacements,
    )
    return folder
