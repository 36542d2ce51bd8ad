"""Lower-case names a message's structure marks: the signature after a closing, and a listed
surname (even an English word) right after a found given name where the name ends."""

from __future__ import annotations

import pytest

from hybridllm import redact
from hybridllm.classifiers import get_classifier
from hybridllm.classifiers.name_lower_pairs import surname_after
from hybridllm.classifiers.name_signoff import signoff_names
from hybridllm.classifiers.name_tokens import token_lexicon


def _persons(text: str) -> list[str]:
    found = get_classifier().classify(text).findings
    return [text[f.start : f.end] for f in found if f.entity_type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("landlord ignored me.\n\nyours faithfully,\nnickole walsh", "nickole walsh"),
        ("i will reply by friday.\n\nbest,\nrea turković\nkestrel aerospace", "rea turković"),
        ("see you at 5. cheers - mike o'neil", "mike o'neil"),
        ("Kind regards,\nSanjay Raghunathan\nHead of Sales", "Sanjay Raghunathan"),
        # a given name English knows only as a name
        ("the report is attached.\n\ncheers,\nrodney", "rodney"),
        ("got it, thanks, mark", "mark"),
    ],
)
def test_the_name_that_signs_a_message_is_found(text: str, name: str) -> None:
    spans = signoff_names(text, token_lexicon())
    assert [text[a:b] for a, b in spans] == [name]
    assert name not in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "thanks,\nthe support team",
        "Regards,\nMarketing",
        "thanks, that works for me",
        "thanks, will do",
        "thanks, may",
        "love,\nmom",
        "best,\n\nnext steps below",
    ],
)
def test_a_closing_before_words_that_are_no_name_finds_nothing(text: str) -> None:
    assert signoff_names(text, token_lexicon()) == []


@pytest.mark.parametrize(
    ("text", "given", "full"),
    [
        ("by annika marker and annika marker | bergen", "annika", "annika marker"),
        ("ok so melle seller wants a call tmr", "melle", "melle seller"),
        ("the report is from annika marker.", "annika", "annika marker"),
        # "at" a place ends a name too; a lone name the lower-case rules found grows as well
        (
            "yesterday we met your intern oswaldo achilles at the front desk",
            "oswaldo",
            "oswaldo achilles",
        ),
        # a second surname after a found pair: a curated one, a place's name too
        ("i think lucia ferrer rodriguez's plan wins", "lucia ferrer", "lucia ferrer rodriguez"),
    ],
)
def test_a_listed_surname_after_a_found_given_name_joins_it(
    text: str, given: str, full: str
) -> None:
    start = text.index(given)
    stop = surname_after(text, start, start + len(given), token_lexicon())
    assert stop is not None
    assert text[start:stop] == full
    assert full in _persons(text)


@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("emma rose early to catch the bus", "emma"),  # no name end after "rose"
        ("ask anna about the rollout", "anna"),  # a function word
        ("melle seller from ironbark", "melle"),  # "from" does not end a name
        ("lol giuseppe just replied-all", "giuseppe"),  # "just" is the predicate's
        ("between hong kong stock code and", "kong stock"),  # no curated second surname
    ],
)
def test_no_surname_where_the_name_does_not_end(text: str, given: str) -> None:
    start = text.index(given)
    assert surname_after(text, start, start + len(given), token_lexicon()) is None


def test_a_signature_with_initials_after_signed() -> None:
    from hybridllm.classifiers import get_classifier

    text = "Signed,\nK. T. Adeyemi"
    found = [text[f.start : f.end] for f in get_classifier().classify(text).findings]
    assert found == ["K. T. Adeyemi"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The report is due on Friday.\n\nCheers,\nZlatomir", "Zlatomir"),
        ("see you at six\n\nthanks,\nzlatomir", "zlatomir"),
    ],
)
def test_an_unlisted_word_spelt_like_a_name_signs_a_message(text: str, name: str) -> None:
    found = _persons(text)
    assert name in found, found


@pytest.mark.parametrize("text", ["thanks,\nmarketing", "best,\nTeamsync"])
def test_words_and_word_like_names_sign_no_person(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("If it has not arrived by Monday, write to me and copy me in.\n\nAghvarth", "Aghvarth"),
        ("see you soon\n\njohn smith", "john smith"),
    ],
)
def test_a_messages_last_line_alone_signs_it(text: str, name: str) -> None:
    found = _persons(text)
    assert name in found, found


@pytest.mark.parametrize(
    "text",
    [
        "please fix this\n\nThanks",
        "explain this code\n\nPython",
        "please translate\n\n지금 번역하기",
    ],
)
def test_a_last_line_of_words_or_another_script_signs_nothing(text: str) -> None:
    assert _persons(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Thanks for the lovely evening! Let's do it again soon. x Lina", "Lina"),
        ("thanks for the lovely evening! let's do it again soon. xx elvino", "elvino"),
    ],
)
def test_a_kiss_before_the_last_word_signs_the_message(text: str, name: str) -> None:
    assert name in _persons(text)


def test_an_x_in_a_formula_signs_nothing() -> None:
    assert _persons("let x be 5. multiply by x Value") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # two writers joined by "and" or "&", the message inside quotes
        (
            'translate to french please: "thanks for hosting us. the kids loved your dog. '
            'love, yodalis and yaki"',
            ["yodalis", "yaki"],
        ),
        ("see you soon!\nbest,\nana & tomasz", ["ana", "tomasz"]),
    ],
)
def test_two_writers_sign_together(text: str, names: list[str]) -> None:
    spans = [text[a:b] for a, b in signoff_names(text, token_lexicon())]
    assert spans == names


def test_two_writers_sign_only_when_each_would_alone() -> None:
    text = "thanks a lot.\nbest,\nana and the support team"
    assert signoff_names(text, token_lexicon()) == []


def test_a_close_is_no_item_of_the_list_it_signs() -> None:
    assert "love" not in _persons("thanks a lot. love, sukhvinder")
