"""Street types from USPS Publication 28 (via usaddress-scourgify's tables), not a hand list."""

from __future__ import annotations

import importlib.util
import re
from importlib import resources
from pathlib import Path

from hybridllm import redact
from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.patterns import STREET_SUFFIX

_WHOLE = re.compile(rf"{STREET_SUFFIX}\Z")


def _build_module() -> object:
    path = Path(__file__).resolve().parents[1] / "scripts" / "data" / "build_street_types.py"
    spec = importlib.util.spec_from_file_location("build_street_types", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_keeps_standard_names_and_non_word_spellings() -> None:
    source = (
        "STREET_TYPE_ABBREVIATIONS = {'AV': 'AVE', 'AVEN': 'AVE', 'CENT': 'CTR', 'IS': 'IS',"
        " 'COUNTY ROAD': 'CR', 'CROSSING': 'XING'}\n"
        "LONGHAND_STREET_TYPES = {'AVE': 'AVENUE', 'CTR': 'CENTER', 'XING': 'CROSSING'}\n"
    )
    words = _build_module().street_types(source, {"cent", "center", "avenue", "crossing", "is"})  # type: ignore[attr-defined]
    # Standard names stay even though they are English words; "aven", "xing", "ave", "ctr"
    # are no English word; "cent" is one, "av" / "is" are too short, "county road" two words.
    assert words == ["ave", "aven", "avenue", "center", "crossing", "ctr", "xing"]


def test_the_list_is_the_usps_table() -> None:
    listed = resources.files("hybridllm.classifiers").joinpath("data", "street_types.txt")
    words = listed.read_text("utf-8").split()
    assert words == sorted(set(words))
    assert {"avenue", "arcade", "xing", "gdns", "aven", "trak"} <= set(words)
    assert not {"cent", "div", "is", "la"} & set(words)


def test_suffix_matches_usps_spellings_and_the_short_forms() -> None:
    for word in ("Street", "St", "Av", "Avenue", "Aven", "Arcade", "Xing", "Gdns", "Forest"):
        assert _WHOLE.match(word), word
    for word in ("Stree", "Cent", "Is", "Foo", "Div"):
        assert not _WHOLE.match(word), word


def test_streets_with_usps_spellings_are_redacted() -> None:
    for text, street in [
        ("Ship it to 1282 Croydon Av, Toronto, ON M4C 1B5 please.", "Croydon"),
        ("We met at 745 Varennes Arcade yesterday.", "Varennes"),
        ("Her flat is 12 Kensington Gdns, London.", "Kensington"),
    ]:
        out = redact(text).text
        assert street not in out, out


def test_prose_with_numbers_and_capitals_is_no_street() -> None:
    for text in ("In 2019 Apple Is the best brand, 50 Cent said.", "The 3 Musketeers Express"):
        found = get_classifier().classify(text).findings
        assert not [f for f in found if f.entity_type == "STREET_ADDRESS"], text
