"""Consistency tests for the built-in data files in ``guide_data/``.

- ``metiers.yaml``: the curated catalogue of ROME métiers;
- ``interets.yaml``: the RIASEC interest test.

The check against the official ROME data is skipped when the reference
``codes.csv`` is not available (set ``RECONVERSION_ROME_DIR`` to point to it).
"""

import csv
import itertools
import os
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

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
RIASEC_RE = re.compile(r"^[RIASEC]{1,2}$")
MIN_METIERS = 200
MIN_ITEMS_PER_DIMENSION = 8


def rome_dir() -> Path:
    default = ROOT.parent / "shared" / "reference" / "rome"
    return Path(os.environ.get("RECONVERSION_ROME_DIR", default))


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def metiers() -> list[dict]:
    data = load_yaml(METIERS_FILE)
    assert isinstance(data, dict) and set(data) == {"metiers"}
    assert isinstance(data["metiers"], list)
    return data["metiers"]


@pytest.fixture(scope="module")
def interets() -> dict:
    data = load_yaml(INTERETS_FILE)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def official_codes() -> dict[str, dict]:
    codes_csv = rome_dir() / "codes.csv"
    if not codes_csv.is_file():
        pytest.skip(
            f"ROME reference data not found: {codes_csv} is missing "
            "(set RECONVERSION_ROME_DIR to the folder holding codes.csv)"
        )
    with codes_csv.open(encoding="utf-8", newline="") as handle:
        return {row["code_rome"]: row for row in csv.DictReader(handle)}


# --------------------------------------------------------------------------
# metiers.yaml: internal consistency
# --------------------------------------------------------------------------


def test_catalogue_has_enough_entries(metiers):
    assert len(metiers) >= MIN_METIERS


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
        assert set(entry) == METIER_KEYS, entry.get("code")


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


def test_catalogue_codes_exist_in_rome(metiers, official_codes):
    unknown = sorted(e["code"] for e in metiers if e["code"] not in official_codes)
    assert not unknown, f"codes absent from the ROME data: {unknown}"


def test_catalogue_titles_match_rome(metiers, official_codes):
    mismatches = [
        (e["code"], e["title"], official_codes[e["code"]]["libelle_rome"])
        for e in metiers
        if e["code"] in official_codes and e["title"] != official_codes[e["code"]]["libelle_rome"]
    ]
    assert not mismatches, mismatches


def test_catalogue_riasec_matches_rome(metiers, official_codes):
    mismatches = []
    for entry in metiers:
        row = official_codes.get(entry["code"])
        if row is None:
            continue
        expected = row["riasec_majeur"].strip() + row["riasec_mineur"].strip()
        if entry["riasec"] != expected:
            mismatches.append((entry["code"], entry["riasec"], expected))
    assert not mismatches, mismatches


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


def test_interets_enough_items_per_dimension(interets):
    counts = Counter(item["dimension"] for item in interets["items"])
    for code in RIASEC:
        assert counts[code] >= MIN_ITEMS_PER_DIMENSION, (code, counts[code])


def test_interets_items_are_interleaved(interets):
    dims = [item["dimension"] for item in interets["items"]]
    # Grouped by dimension would mean exactly 5 changes of dimension.
    changes = sum(1 for a, b in itertools.pairwise(dims) if a != b)
    assert changes > len(RIASEC) - 1
    # The first six items should already cover several dimensions.
    assert len(set(dims[: len(RIASEC)])) > 1
