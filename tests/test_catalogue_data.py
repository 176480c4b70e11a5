"""Consistency tests for the built-in data files in ``guide_data/``.

- ``metiers.yaml``: the curated catalogue of ROME métiers;
- ``interets.yaml``: the RIASEC interest test.

The checks against the official ROME data are skipped when the reference folder
(``codes.csv``, ``appellations.csv`` and ``v461-changes.md``) is not available; it is
looked for in ``shared/reference/rome`` next to the project or one of its parent
folders (set ``RECONVERSION_ROME_DIR`` to point elsewhere).

The catalogue follows ROME v461 (26M06) for its codes and titles. Only the v460 export
is available in full, so a title is checked against the v460 title, except for the codes
that ``v461-changes.md`` lists as renamed or new, whose v461 label is given below.
"""

import csv
import itertools
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from reconversion.core.capitals import with_accents

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "guide_data"
METIERS_FILE = DATA_DIR / "metiers.yaml"
INTERETS_FILE = DATA_DIR / "interets.yaml"

RIASEC = "RIASEC"
METIER_KEYS = {
    "code",
    "title",
    "riasec",
    "domain",
    "description",
    "access",
    "training_duration",
}
CODE_RE = re.compile(r"^[A-N]\d{4}$")
CODE_IN_TEXT = re.compile(r"\b[A-N]\d{4}\b")
RIASEC_RE = re.compile(r"^[RIASEC]{1,2}$")
MIN_METIERS = 320
MIN_PER_MAJOR_LETTER = 30
ITEMS_PER_DIMENSION = 10

# Official v461 labels of the renamed or new fiches that the catalogue uses. They were read
# in the public copy of the v461 code list that v461-changes.md cites (``azoklearn/candidatly``,
# ``docs/reference/rome/rome-referentiel-code-rome-v461-utf8.csv``); every code here must be
# listed as renamed or new in v461-changes.md (checked below).
V461_LABELS = {
    "A1202": "Ouvrier / Ouvrière d'entretien des espaces naturels",
    "C1102": "Conseiller commercial / Conseillère commerciale et relation client en assurances",
    "D1244": "Tatoueur / Tatoueuse",
    "D1250": "Libraire",
    "E1117": "Conseiller / Conseillère en organisation d'événementiel de particuliers",
    "E1201": "Photographe professionnel / Photographe professionnelle",
    "G1240": "Educateur / Educatrice nature environnement",
    "H2102": "Conducteur / Conductrice de machines en industrie alimentaire",
    "H2903": "Usineur / Usineuse",
    "I1501": "Opérateur / Opératrice cordiste",
    "K1613": "Archiviste",
    "K1745": "Pompier / Pompière",
    "L1508": "Ingénieur / Ingénieure du son",
    "M1607": "Assistant administratif / Assistante administrative",
    "M1886": "Chef / Cheffe de projet Web",
    "N1115": "Opérateur / Opératrice logistique",
    "N4112": "Conducteur / Conductrice VTC",
    "N4131": "Conducteur / Conductrice de taxi",
}

# Popular career-change targets of the content review (§3.5) that have a ROME fiche whose
# v461 label is known here; keeping them is part of the catalogue's purpose.
# Renommés en v461 sans figurer dans v461-changes.md (ponctuation, libellé de fiche) : leur titre est
# vérifié contre ``codes_v461.csv`` par test_catalogue_codes_and_titles_are_those_of_the_v461_list.
V461_RENAMED_SINCE_THE_NOTE = {"D1216", "F1107", "J1302", "K1706", "N2101", "N2201"}

POPULAR_TARGETS = {
    "D1216",  # barbier (v461)
    "F1107",  # géomètre
    "K1706",  # gendarme (v461)
    "J1104",  # sage-femme
    "K1103",  # développement personnel, coaching, naturopathie
    "D1250",  # libraire (v461)
    "D1105",  # poissonnier
    "D1106",  # épicier, commerce en vrac
    "A1412",  # fromager
    "G1209",  # professeur de yoga (animateur de loisirs sportifs)
    "G1210",  # enseignant d'équitation
    "A1506",  # soigneur animalier
    "K1225",  # CESF
    "K1203",  # éducateur technique spécialisé
    "K1105",  # art-thérapeute
    "K1708",  # policier national (gardien de la paix)
    "K1711",  # surveillant pénitentiaire
    "K1745",  # sapeur-pompier (v461)
    "K1903",  # juriste
    "M1612",  # assistant juridique
    "M1204",  # contrôleur de gestion
    "M1503",  # DRH
    "M1886",  # chef de projet web
    "M1814",  # Scrum master
    "E1125",  # concepteur de jeux vidéo
    "K2603",  # thanatopracteur
    "K1304",  # employé familial
    "N1102",  # déménageur
    "N4131",  # taxi (v461)
    "J1407",  # orthoptiste
    "B1402",  # relieur
    "F1134",  # domoticien
    "F1607",  # menuisier aluminium
    "D1244",  # tatoueur (v461)
    "K1613",  # archiviste (v461)
}


def rome_dir() -> Path:
    """The reference folder: ``RECONVERSION_ROME_DIR``, else ``shared/`` next to a parent folder."""
    if "RECONVERSION_ROME_DIR" in os.environ:
        return Path(os.environ["RECONVERSION_ROME_DIR"])
    for parent in ROOT.parents:
        candidate = parent / "shared" / "reference" / "rome"
        if candidate.is_dir():
            return candidate
    return ROOT.parent / "shared" / "reference" / "rome"


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def reference_file(name: str) -> Path:
    path = rome_dir() / name
    if not path.is_file():
        pytest.skip(f"ROME reference data not found: {path} is missing (set RECONVERSION_ROME_DIR)")
    return path


@pytest.fixture(scope="module")
def metiers() -> list[dict]:
    data = load_yaml(METIERS_FILE)
    assert isinstance(data, dict) and set(data) == {"domaines", "metiers"}
    assert isinstance(data["metiers"], list)
    return data["metiers"]


@pytest.fixture(scope="module")
def interets() -> dict:
    data = load_yaml(INTERETS_FILE)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def official_codes() -> dict[str, dict]:
    with reference_file("codes.csv").open(encoding="utf-8", newline="") as handle:
        return {row["code_rome"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def appellations() -> list[dict]:
    with reference_file("appellations.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass
class V461Changes:
    """What v461-changes.md says: changed codes (and where they went), renamed and new fiches."""

    changed: dict[str, set[str]] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    new: dict[str, str] = field(default_factory=dict)


def parse_v461_changes(text: str) -> V461Changes:
    """Reads the table and the three paragraphs of v461-changes.md that list codes."""
    changes = V461Changes()
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 4 and CODE_RE.match(cells[0]):
            changes.changed[cells[0]] = set(CODE_IN_TEXT.findall(cells[3]))
    for paragraph in re.split(r"\n\s*\n", text):
        flat = " ".join(paragraph.split())
        if flat.startswith("Also changed"):
            for code in re.findall(r"\b([A-N]\d{4}) «", flat):
                changes.changed.setdefault(code, set())
        elif flat.startswith("Renamed only"):
            listed = flat.split(":", 1)[1]
            for code, label in re.findall(r"\b([A-N]\d{4})(?: \(([^)]*)\))?", listed):
                changes.renamed[code] = label
        elif flat.startswith("New v461 fiches"):
            listed = flat.split(":", 1)[1].split("(", 1)[0]
            for code, label in re.findall(r"\b([A-N]\d{4}) ([^,]+)", listed):
                changes.new[code] = label.strip()
    return changes


@pytest.fixture(scope="module")
def v461() -> V461Changes:
    changes = parse_v461_changes(reference_file("v461-changes.md").read_text(encoding="utf-8"))
    assert changes.changed and changes.renamed and changes.new, "v461-changes.md: format not understood"
    return changes


def masculine(label: str) -> str:
    """« Conducteur / Conductrice de taxi » -> « Conducteur de taxi » (ROME's usual pattern)."""
    if " / " not in label:
        return label
    head, feminine = label.split(" / ", 1)
    rest = feminine.split(" ", 1)[1] if " " in feminine else ""
    return f"{head} {rest}".strip()


def words(text: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return {w for w in re.split(r"[\s/'’-]+", plain) if len(w) > 2}


def official_letters(row: dict) -> str:
    return row["riasec_majeur"].strip() + row["riasec_mineur"].strip()


# --------------------------------------------------------------------------
# metiers.yaml: internal consistency
# --------------------------------------------------------------------------


def test_catalogue_has_enough_entries(metiers):
    assert len(metiers) >= MIN_METIERS, len(metiers)


def test_every_riasec_major_letter_has_enough_metiers(metiers):
    """Suggestions draw on the major letter: a thin letter gives thin, repetitive suggestions."""
    counts = Counter(entry["riasec"][0] for entry in metiers)
    thin = {letter: counts[letter] for letter in RIASEC if counts[letter] < MIN_PER_MAJOR_LETTER}
    assert not thin, f"fewer than {MIN_PER_MAJOR_LETTER} métiers for: {thin}"


def test_popular_career_change_targets_are_present(metiers):
    missing = sorted(POPULAR_TARGETS - {entry["code"] for entry in metiers})
    assert not missing, f"popular targets missing from the catalogue: {missing}"


def test_catalogue_codes_are_unique(metiers):
    counts = Counter(entry["code"] for entry in metiers)
    duplicates = sorted(code for code, n in counts.items() if n > 1)
    assert not duplicates, f"duplicate codes: {duplicates}"


def test_catalogue_is_sorted_by_code(metiers):
    codes = [entry["code"] for entry in metiers]
    assert codes == sorted(codes)


def test_catalogue_entries_have_exactly_the_expected_keys(metiers):
    for entry in metiers:
        assert isinstance(entry, dict)
        assert set(entry) - {"sources"} == METIER_KEYS, entry.get("code")


def test_catalogue_codes_and_domains(metiers):
    for entry in metiers:
        code = entry["code"]
        assert isinstance(code, str) and CODE_RE.match(code), code
        assert entry["domain"] == code[0], code


def test_catalogue_riasec_letters(metiers):
    for entry in metiers:
        riasec = entry["riasec"]
        assert isinstance(riasec, str) and RIASEC_RE.match(riasec), entry["code"]
        assert len(set(riasec)) == len(riasec), entry["code"]


def test_catalogue_text_fields_are_filled(metiers):
    for entry in metiers:
        code = entry["code"]
        for key in ("title", "description", "training_duration"):
            value = entry[key]
            assert isinstance(value, str) and value.strip(), (code, key)
        assert len(entry["description"].strip()) >= 60, code


def test_catalogue_access_routes(metiers):
    for entry in metiers:
        access = entry["access"]
        assert isinstance(access, list) and access, entry["code"]
        for route in access:
            assert isinstance(route, str) and route.strip(), entry["code"]


# --------------------------------------------------------------------------
# metiers.yaml: agreement with the official ROME data
# --------------------------------------------------------------------------


def test_v461_labels_here_are_for_codes_listed_in_v461_changes(v461):
    """The table above only holds v461 labels for codes that the reference says were renamed or created."""
    unlisted = sorted(set(V461_LABELS) - set(v461.renamed) - set(v461.new))
    assert not unlisted, f"not listed as renamed or new in v461-changes.md: {unlisted}"
    for code, reference_label in {**v461.renamed, **v461.new}.items():
        if code in V461_LABELS and reference_label:
            expected = words(reference_label)
            shared = expected & words(V461_LABELS[code])
            assert len(shared) * 2 >= len(expected), (code, reference_label, V461_LABELS[code])


def test_catalogue_uses_no_code_whose_meaning_changed_in_v461(metiers, v461):
    stale = sorted(e["code"] for e in metiers if e["code"] in v461.changed)
    assert not stale, f"codes that name another métier since ROME v461: {stale}"


def test_catalogue_codes_exist_in_rome(metiers, official_codes, v461):
    unknown = sorted(e["code"] for e in metiers if e["code"] not in official_codes and e["code"] not in v461.new)
    assert not unknown, f"codes absent from the ROME data (v460 export or v461 new fiches): {unknown}"


def test_catalogue_codes_and_titles_are_those_of_the_v461_list(metiers):
    """Every code exists in the v461 code list (``codes_v461.csv``) with exactly its v461 title."""
    with reference_file("codes_v461.csv").open(encoding="utf-8", newline="") as handle:
        v461_titles = {row["code"]: row["libelle"] for row in csv.DictReader(handle)}
    assert len(v461_titles) > 1500  # la liste complète, pas un extrait
    # les capitales accentuées comme le fait l'import du ROME (« Électricien », C9), le reste à l'identique
    mismatches = [
        (e["code"], e["title"], v461_titles.get(e["code"]))
        for e in metiers
        if with_accents(v461_titles.get(e["code"], "")) != e["title"]
    ]
    assert not mismatches, mismatches


def test_regulated_access_routes_are_sourced(metiers):
    """Une obligation légale (diplôme d'État, carte, agrément…) dans les voies d'accès cite sa source."""
    from reconversion.core.catalogue_loader import REGULATED_ACCESS

    unsourced = [
        e["code"] for e in metiers if any(REGULATED_ACCESS.search(a) for a in e["access"]) and not e.get("sources")
    ]
    assert not unsourced, unsourced
    assert sum(1 for e in metiers if e.get("sources")) >= 70


def test_catalogue_titles_match_rome(metiers, official_codes, v461):
    """v460 title, or the v461 label for a fiche that v461-changes.md lists as renamed or new."""
    mismatches = []
    for entry in metiers:
        code = entry["code"]
        if code in v461.renamed or code in v461.new:
            expected = V461_LABELS.get(code, "(v461 label missing from V461_LABELS)")
        else:
            expected = official_codes[code]["libelle_rome"] if code in official_codes else "(unknown code)"
        if entry["title"] != with_accents(expected) and code not in V461_RENAMED_SINCE_THE_NOTE:
            mismatches.append((code, entry["title"], expected))
    assert not mismatches, mismatches


def new_fiche_source(code: str, v461: V461Changes, appellations: list[dict]) -> str:
    """The v460 fiche that held the appellation of a fiche created in v461 (e.g. tatoueur: D1208)."""
    wanted = v461.new[code].casefold()
    holders = {row["code_rome"] for row in appellations if masculine(row["libelle_appellation"]).casefold() == wanted}
    assert len(holders) == 1, (code, v461.new[code], sorted(holders))
    return holders.pop()


def test_catalogue_riasec_matches_rome(metiers, official_codes, appellations, v461):
    """Official v460 letters; v461 has no RIASEC file yet, so a moved or new fiche keeps the
    letters of the v460 fiche that held the métier (see the catalogue's header)."""
    mismatches = []
    for entry in metiers:
        code = entry["code"]
        if code in v461.new:
            allowed = {official_letters(official_codes[new_fiche_source(code, v461, appellations)])}
        else:
            allowed = {official_letters(official_codes[code])}
            allowed |= {official_letters(official_codes[old]) for old, moved in v461.changed.items() if code in moved}
        if entry["riasec"] not in allowed:
            mismatches.append((code, entry["riasec"], sorted(allowed)))
    assert not mismatches, mismatches


def test_v461_reference_is_read_as_expected():
    """The parser finds the codes of each part of the reference note (guards the skip-free path)."""
    text = """| code | v460 | v461 | moved to |
|---|---|---|---|
| K2129 | Professeur en soutien scolaire | Professeur documentaliste | K2122 |
| K1703 | A | B | (none moved) |

Also changed in the v461 code list: A1306 « Chargé de mission biodiversité » → « Chargé d'étude naturaliste ».

Renamed only (same métier, new label), among the catalogue's codes: A1202 (Ouvrier d'entretien des
espaces naturels), E1117, H2903 (Usineur).

New v461 fiches that matter to career changers: D1244 Tatoueur, N4131
Conducteur de taxi (in v460 these were only appellations).
"""
    changes = parse_v461_changes(text)
    assert changes.changed == {"K2129": {"K2122"}, "K1703": set(), "A1306": set()}
    assert changes.renamed == {"A1202": "Ouvrier d'entretien des espaces naturels", "E1117": "", "H2903": "Usineur"}
    assert changes.new == {"D1244": "Tatoueur", "N4131": "Conducteur de taxi"}
    assert masculine("Conducteur / Conductrice de taxi") == "Conducteur de taxi"
    assert masculine("Libraire") == "Libraire"


# --------------------------------------------------------------------------
# interets.yaml
# --------------------------------------------------------------------------


def test_interets_texts_present(interets):
    for key in ("title", "intro", "disclaimer"):
        assert isinstance(interets.get(key), str) and interets[key].strip(), key


def test_interets_dimensions_in_riasec_order(interets):
    dimensions = interets["dimensions"]
    assert [d["code"] for d in dimensions] == list(RIASEC)
    for dimension in dimensions:
        assert dimension["name"].strip()
        assert dimension["description"].strip()


def test_interets_scale_is_five_points(interets):
    scale = interets["scale"]
    assert [point["value"] for point in scale] == [1, 2, 3, 4, 5]
    for point in scale:
        assert isinstance(point["label"], str) and point["label"].strip()


def test_interets_items_are_valid(interets):
    items = interets["items"]
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids)), "item ids must be unique"
    for item in items:
        assert item["dimension"] in RIASEC, item["id"]
        assert item["id"][0] == item["dimension"].lower(), item["id"]
        assert isinstance(item["text"], str) and item["text"].strip(), item["id"]


def test_interets_same_number_of_items_per_dimension(interets):
    """Scores are compared across types: each type needs the same number of items."""
    counts = Counter(item["dimension"] for item in interets["items"])
    assert {code: counts[code] for code in RIASEC} == dict.fromkeys(RIASEC, ITEMS_PER_DIMENSION)


def test_interets_intro_gives_an_honest_duration(interets):
    """The intro states the real number of activities and a time of a few seconds per activity."""
    intro = " ".join(interets["intro"].split())
    count = len(interets["items"])
    assert re.search(rf"\b{count}\s+activités\b", intro), intro
    minutes = re.search(r"entre\s+(\d+)\s+et\s+(\d+)\s+minutes", intro)
    assert minutes, intro
    low, high = (int(m) * 60 / count for m in minutes.groups())
    assert 3 <= low < high <= 15, (low, high)


def test_interets_items_are_interleaved(interets):
    dims = [item["dimension"] for item in interets["items"]]
    # Grouped by dimension would mean exactly 5 changes of dimension.
    changes = sum(1 for a, b in itertools.pairwise(dims) if a != b)
    assert changes > len(RIASEC) - 1
    # The first six items should already cover several dimensions.
    assert len(set(dims[: len(RIASEC)])) > 1


def test_domain_names_are_those_of_the_rome() -> None:
    """C9 : les 14 grands domaines nommés dans ``metiers.yaml``, comme le ROME (capitales accentuées)."""
    with reference_file("grands_domaines.csv").open(encoding="utf-8", newline="") as handle:
        official = {row["grand_domaine"]: row["libelle_grand_domaine"] for row in csv.DictReader(handle)}
    ours = load_yaml(METIERS_FILE)["domaines"]
    assert len(official) == 14
    assert ours == {letter: with_accents(label) for letter, label in official.items()}
