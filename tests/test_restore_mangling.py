"""Tolerant but unforgeable restore (invariant 6), as properties.

For any mangling in the supported set (hybridllm.redaction.shapes: case, spaces or hyphens for
underscores inside brackets, other or missing brackets, markdown escaping) of a placeholder the
scope minted, restore gives the original value back, whole-text and streamed at any cuts. For
any placeholder the scope did not mint, mangled the same ways, restore leaves the text as is.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hybridllm.redaction import StreamRestorer, Vault, restore
from hybridllm.redaction.shapes import junk_label

# AGE_OVER_89: a label with a number of its own ("[AGE_OVER_89_1]" restored to "[91]" once).
LABELS = [
    "PERSON",
    "EMAIL_ADDRESS",
    "US_SSN",
    "AWS_ACCESS_KEY",
    "MEDICAL_RECORD_NUMBER",
    "AGE_OVER_89",
]
VALUES = [
    "Jane Roe",
    "carla.mendes@example.com",
    "078-05-1120",
    "AKIAZ3MSJ7QXP4LKH2TD",
    "48201177",
    "91",
]
PAIRS = [("[", "]"), ("(", ")"), ("{", "}"), ("<", ">"), ("[", ")"), ("[", "")]
BEFORE = st.sampled_from(["", "Dear ", "to: ", "(see ", "\n", "**", "x ", "'", '"'])
AFTER = st.sampled_from(["", ".", " and more", ", thanks", "\n", "**", ")", "!", "'"])
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mangled(draw: st.DrawFn, label: str, number: int) -> str:
    """One member of the supported mangling set for ``[label_number]``."""
    flips = draw(st.lists(st.booleans(), min_size=len(label), max_size=len(label)))
    cased = "".join(c.lower() if f else c for c, f in zip(label, flips, strict=True))
    shape = draw(st.sampled_from(["bracketed", "bare", "markdown", "markdown-bare"]))
    if shape in ("bare", "markdown-bare"):
        sep = "\\_" if shape == "markdown-bare" else "_"
        return f"{cased}_{number}".replace("_", sep)
    if shape == "markdown":
        return "\\[" + f"{cased}_{number}".replace("_", "\\_") + "\\]"
    sep = draw(st.sampled_from(["_", " ", "-"]))
    opening, closing = draw(st.sampled_from(PAIRS))
    pad = draw(st.sampled_from(["", " ", "  "])) if closing else ""
    body = f"{cased}_{number}".replace("_", sep)
    return f"{opening}{pad}{body}{pad}{closing}"


def _vault() -> tuple[Vault, dict[str, str]]:
    vault = Vault()
    tokens = {vault.mint(lab, v, category="PII"): v for lab, v in zip(LABELS, VALUES, strict=True)}
    tokens[vault.mint("PERSON", "Ann Lee", category="PII")] = "Ann Lee"  # [PERSON_2]
    return vault, tokens


def _streamed(vault: Vault, text: str, cuts: list[int]) -> str:
    points = sorted({c % (len(text) + 1) for c in cuts})
    r = StreamRestorer(vault)
    bounds = zip([0, *points], [*points, len(text)], strict=True)
    return "".join(r.feed(text[a:b]) for a, b in bounds) + r.flush()


@FAST
@given(st.data(), BEFORE, AFTER, st.lists(st.integers(0, 200), max_size=6))
def test_any_supported_mangling_of_a_minted_token_restores_the_value(
    data: st.DataObject, before: str, after: str, cuts: list[int]
) -> None:
    vault, tokens = _vault()
    index = data.draw(st.integers(0, len(LABELS)))
    label, number = (LABELS[index], 1) if index < len(LABELS) else ("PERSON", 2)
    value = tokens[f"[{label}_{number}]"]
    form = data.draw(mangled(label, number))
    if form.startswith("[") and not form.endswith(("]", ")", "}", ">")):
        # a lone "[" needs a non-word character after it (and a ")" would close it as a pair)
        after = "." if after[:1] in (")", "'") else after
    text = f"{before}{form}{after}"
    expected = f"{before}{value}{after}"
    assert restore(text, vault) == (expected, 1), form
    assert _streamed(vault, text, cuts) == expected


@FAST
@given(st.data(), BEFORE, AFTER, st.lists(st.integers(0, 200), max_size=6))
def test_any_mangling_of_a_token_not_minted_here_is_left_as_is(
    data: st.DataObject, before: str, after: str, cuts: list[int]
) -> None:
    vault, _ = _vault()
    label = data.draw(st.sampled_from([*LABELS, "NAME", "CUSTOMER", "LITERAL"]))
    number = data.draw(st.integers(3, 999) if label == "PERSON" else st.integers(2, 999))
    if label in ("NAME", "CUSTOMER", "LITERAL"):
        number = data.draw(st.integers(1, 999))
    form = data.draw(mangled(label, number))
    text = f"{before}{form}{after}"
    assert restore(text, vault) == (text, 0)
    assert _streamed(vault, text, cuts) == text
    other = Vault()  # another scope's minted token is not this scope's
    assert restore(text.replace(str(number), "1"), other)[1] == 0


def test_nothing_is_guessed() -> None:
    vault, _ = _vault()
    for text in (
        "[NAME_1]",  # invented label
        "[PERSON_3]",  # invented number
        "[PERS",  # cut by max_tokens
        "[PERSON]",  # no number
        "[PERSON_01]",  # not the number we wrote
        "PERSON_1_2",  # a longer word
        "xPERSON_1",  # inside a word
        "[PERSON_1x]",  # glued to more text
        "person 1",  # no brackets and no underscore: ordinary prose
        "EMAILADDRESS_1",  # separator dropped: another label
    ):
        assert restore(text, vault) == (text, 0), text


@FAST
@given(st.data(), BEFORE, AFTER, st.lists(st.integers(0, 200), max_size=6))
def test_a_dropped_number_restores_only_a_label_minted_once(
    data: st.DataObject, before: str, after: str, cuts: list[int]
) -> None:
    vault, tokens = _vault()
    label = data.draw(st.sampled_from(LABELS))  # PERSON was minted twice: never guessed
    flips = data.draw(st.lists(st.booleans(), min_size=len(label), max_size=len(label)))
    cased = "".join(c.lower() if f else c for c, f in zip(label, flips, strict=True))
    sep = data.draw(st.sampled_from(["_", " ", "-"]))
    opening, closing = data.draw(st.sampled_from([("[", "]"), ("<", ">")]))
    text = f"{before}{opening}{cased.replace('_', sep)}{closing}{after}"
    if label == "PERSON":
        assert restore(text, vault) == (text, 0)
        assert _streamed(vault, text, cuts) == text
        return
    expected = f"{before}{tokens[f'[{label}_1]']}{after}"
    assert restore(text, vault) == (expected, 1), text
    assert _streamed(vault, text, cuts) == expected


def test_a_dropped_number_is_not_restored_where_the_input_had_that_text() -> None:
    vault = Vault()
    vault.reserve("Fill in [Location] and <EMAIL ADDRESS> please")  # the user's own template
    vault.mint("LOCATION", "Paris", category="PII")
    vault.mint("EMAIL_ADDRESS", "a@b.io", category="PII")
    vault.mint("US_SSN", "078-05-1120", category="PII")
    text = "Sent to [location] at [Email_Address]; SSN [US SSN]"
    assert restore(text, vault) == ("Sent to [location] at [Email_Address]; SSN 078-05-1120", 1)


@FAST
@given(st.integers(1, 40), st.lists(st.integers(0, 200), max_size=6))
def test_a_reply_cut_inside_a_placeholder_restores_only_one_sure_candidate(
    k: int, cuts: list[int]
) -> None:
    vault, tokens = _vault()
    for token, value in tokens.items():
        fragment = token[: 1 + k]
        if fragment == token:
            continue  # whole: another test
        text = f"Reply: {fragment}"
        got = restore(text, vault)
        body = fragment[1:].upper()
        label = token[1:].rsplit("_", 1)[0]
        sure = len(body) >= 6 or len(body) >= len(label)
        unique = sum(t.startswith(fragment) for t in tokens) == 1
        if sure and unique:
            assert got == (f"Reply: {value}", 1), fragment
        else:
            assert got == (text, 0), fragment
        assert _streamed(vault, text, cuts) == got[0]
    assert restore("a [EMAIL_ADD and more", vault) == ("a [EMAIL_ADD and more", 0)  # mid-reply


def test_junk_is_counted_by_label() -> None:
    assert junk_label("Dear [Customer_1] [NAME_2], step [Step 1] and PERSON_3 [PERS") == [
        "CUSTOMER",
        "NAME",
        "PERSON",
        "PERS",
    ]
    assert junk_label("A [link](http://x) and [1] and (Figure 2) and snake_case_1.") == []


# The index that finds known values again must find exactly what the regex it replaced found.
WORDS = st.sampled_from(["Ann", "Anna", "Ann Lee", "lee", "(415) 555", "a.b@x.io", "x", "_id", "é"])
FILL = st.text(alphabet="Ann Lee(415)5 a.b@x.io_é-\n", max_size=30)


@FAST
@given(st.lists(WORDS, max_size=6), st.lists(st.tuples(FILL, WORDS), max_size=6))
def test_literal_index_finds_what_the_old_regex_found(
    literals: list[str], pieces: list[tuple[str, str]]
) -> None:
    import re

    from hybridllm.redaction.literals import LiteralIndex

    text = "".join(a + b for a, b in pieces)
    index = LiteralIndex()
    for lit in literals:
        index.add(lit)
    got = list(index.finditer(text))
    if not literals:
        assert got == []
        return
    ordered = sorted(set(literals), key=len, reverse=True)
    regex = re.compile("|".join(rf"(?<!\w){re.escape(v)}(?!\w)" for v in ordered))
    assert got == [(m.start(), m.end(), m.group(0)) for m in regex.finditer(text)]


def test_a_surrogate_that_looks_like_a_bare_placeholder_is_still_restored() -> None:
    vault = Vault()
    fake = vault.mint_surrogate("EMAIL_ADDRESS", "real@corp.example", lambda s: (s, "jo_1@x.io"))
    assert fake == "jo_1@x.io"
    assert restore(f"write to {fake} now", vault) == ("write to real@corp.example now", 1)


# The minted form on the wire: bare by default (``PERSON_1``), bracketed where a bare token
# would touch a word character, a backslash or a bracket (or with placeholder_style="bracket").
NEIGHBOUR = st.text(alphabet="aZ9_ .,;:!?'\"-\\()[]{}<>*\n", max_size=3)


@FAST
@given(
    st.sampled_from(["bare", "bracket"]),
    st.lists(st.tuples(NEIGHBOUR, st.integers(0, len(LABELS) - 1)), min_size=1, max_size=4),
    NEIGHBOUR,
    st.lists(st.integers(0, 200), max_size=6),
)
def test_the_minted_form_reads_back_as_exactly_its_value_in_any_surroundings(
    style: str, pieces: list[tuple[str, int]], tail: str, cuts: list[int]
) -> None:
    from hybridllm.models import Finding
    from hybridllm.redaction import RedactionConfig, redact_text

    text, findings = "", []
    for before, i in pieces:
        text += before
        end = len(text) + len(VALUES[i])
        findings.append(
            Finding(
                entity_type=LABELS[i],
                category="PII",
                start=len(text),
                end=end,
                score=1.0,
                recognizer="t",
            )
        )
        text += VALUES[i]
    text += tail
    config = RedactionConfig(placeholder_style=style)  # type: ignore[arg-type]
    vault = Vault()
    red = redact_text(text, tuple(findings), config=config, vault=vault)
    assert not any(v in red.text for v in VALUES)
    if style == "bracket":
        assert all(f"[{LABELS[i]}_" in red.text for _, i in pieces)
    else:  # bare wherever nothing touches the token (here: a space or the text's edges)
        for before, i in pieces:
            if before.endswith(" ") and text.count(VALUES[i]) == 1:
                after = text[text.index(VALUES[i]) + len(VALUES[i]) :][:1]
                if after in ("", " "):
                    assert f" {LABELS[i]}_1{after}" in red.text or red.text.endswith(
                        f" {LABELS[i]}_1"
                    )
    assert restore(red.text, vault) == (text, len(findings))
    assert _streamed(vault, red.text, cuts) == text


_WORDS = ("\u3000", "\u00a0", "PERSON", "person", "Email", "ADDRESS", "_1", "AGE_OVER_89")
_PIECES = st.sampled_from([*"_12[]<>() -x\n\\", *_WORDS])


@FAST
@given(st.lists(_PIECES, min_size=1, max_size=14))
@example(["<", "<", "PERSON", "_1", "\u3000", ">", ">"])  # no bracketed token, a bare one
@example(["(", "AGE_OVER_89", "_1", "\u00a0", ")"])
def test_the_input_itself_never_restores_to_a_value(pieces: list[str]) -> None:
    """Whatever placeholder-like text the user wrote is reserved: the tokens minted after it
    never match in that text, so a model that copies it back gets no value."""
    text = "".join(pieces)
    vault = Vault()
    vault.reserve(text)
    for label in ("PERSON", "EMAIL_ADDRESS", "AGE_OVER_89"):
        for k in range(3):
            vault.mint(label, f"secret value {label} {k}", category="PII")
    assert restore(text, vault) == (text, 0), text
    assert _streamed(vault, text, [3, 7]) == text
