"""The cheap tests in front of the end-anchored cue searches change no answer.

``in_company``, ``person_context`` and ``thing_named`` search their patterns only where the
text before the word can end as the pattern must (a space, tab or comma; a word the pattern
ends with, see :mod:`hybridllm.classifiers.name_cue_tails`). These tests compare them with the
plain searches, the code before those tests, on generated texts made of the patterns' own
words, other words, names and every kind of separator, so a pattern that gains a word its test
does not know fails here.
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from hybridllm.classifiers import name_company as nc
from hybridllm.classifiers import name_context as nx
from hybridllm.classifiers.name_role_nouns import person_role
from hybridllm.classifiers.name_tokens import token_lexicon

_WORDS = [
    *sorted(nc._RELATION_ENDS),
    "co-workers",
    "me",
    "myself",
    "ME",
    "And",
    "booked",
    "reserved",
    "under",
    "table",
    "have",
    "known",
    "guide",
    "florist",
    "user",
    "Let",
    "know",
    "'s sister",
    "I've",
    "this",
    "is",
    "This",
    "hi",
    "Hello",
    "good",
    "morning",
    "class",
    "named",
    "called",
    "app",
    "at",
    "from",
    "joined",
    "said",
    "thanks",
    "cc",
    "cc'd",
    "by",
    "opened",
    "assigned",
    "to",
    "I",
    "am",
    "I'm",
    "shouted",
    "look",
    "rand",
    "Kids",
    "ſons",
    "the",
    "Ann",
    "Bob",
    "Quentin",
    "Ltd",
    "\u017faid",
    "thanks",
    "THANKS",
    "th\u0131s",
    "i\u017f",
    "IS",
    "\u212anown",
    "UNDER",
    "AND",
    "unsaid",
    "o'said",
    "cc'ing",
    "I\u2019m",
    "asking",
    "for",
    "loop",
    "in",
    "between",
    "him",
    "Named",
    "CALLED",
    "x_said",
    "\u00e9said",
]
_SEPARATORS = [" ", "  ", "\t", "\n", ", ", ",", ": ", " and ", ". ", "(", " - "]
_NAME = re.compile(r"[A-Z][a-z]+")

texts = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from(_SEPARATORS)), min_size=1, max_size=9
).map(lambda parts: "".join(w + s for w, s in parts) + "Zoe again.")


def _in_company_plain(text: str, start: int, end: int) -> bool:
    """``in_company`` as it was before the tests in front of its searches."""
    lo = max(0, start - nc._REACH)
    if (
        nc._RELATIONS.search(text, lo, start)
        or nc._WITH_ME_BEFORE.search(text, lo, start)
        or nc._HELD_UNDER.search(text, lo, start)
    ):
        return True
    if any(p.match(text, end) for p in (nc._WITH_ME_AFTER, nc._ROLE_AFTER, nc._OF_COMPANY)):
        return True
    intro = nc._INTRO_BEFORE.search(text, lo, start)
    if intro is not None and (intro["hi"] or nc._INTRO_AFTER.match(text, end)):
        return True
    if nc._addressed_at_the_end(text, start, end):
        return True
    if nc._TO_DO.match(text, end) is None:
        return False
    line = text.rfind("\n", 0, start) + 1
    lead = text[max(line, lo) : start]
    return bool((line >= lo and nc._LINE_ITEM.match(lead)) or nc._SENTENCE_ITEM.search(lead))


def _cues_plain(text: str, start: int) -> tuple[bool, bool, bool]:
    return (
        nx._ORG_CUE.search(text, max(0, start - 24), start) is not None,
        nx._THING_NAMED.search(text, max(0, start - 40), start) is not None,
        nx._PERSON_CUE.search(text, max(0, start - 24), start) is not None,
    )


@settings(max_examples=400, deadline=None)
@given(texts)
@example("my kids\tAnn and Bob")
@example("my kids Ann,Bob")
@example("Me and\tAnn went")
@example("booked under\tAnn")
@example("th\u0131s i\u017f Zoe again.")  # ignore-case folds a dotless i and a long s
@example("table \u212anown Zoe again.")
def test_in_company_answers_as_the_plain_searches(text: str) -> None:
    for m in _NAME.finditer(text):
        assert nc.in_company(text, m.start(), m.end()) == _in_company_plain(
            text, m.start(), m.end()
        ), (text, m.group())


@settings(max_examples=400, deadline=None)
@given(texts)
@example("a class named\tAnn")
@example("thanks,\nAnn")
@example("the app called Bob")
@example("joined\u00a0Ann")
@example("the have Zoe again.")
@example("our guide Zoe was great")
@example("Let Ann know")
@example("Bob's sister Ann")
@example("\u017faid Ann")
@example("a class NAMED Ann")
def test_thing_and_person_cues_answer_as_the_plain_searches(text: str) -> None:
    for m in _NAME.finditer(text):
        org, thing, person = _cues_plain(text, m.start())
        assert nx.thing_named(text, m.start()) == thing, (text, m.group())
        expected = not (org or thing) and (
            person
            or nx._PERSON_VERB.match(text, m.end()) is not None
            or (
                nx.STAMPED_TURN.fullmatch(
                    text, text.rfind("\n", max(0, m.start() - 40), m.start()) + 1, m.start()
                )
                is not None
                and m.group().lower() not in nx.token_lexicon().vocab
            )
            or nx._contact_field(text, m.start(), m.end())
            or nc.in_company(text, m.start(), m.end())
            or nx._KIN_AFTER.match(text, m.end()) is not None
            or (
                nx._LET.search(text, max(0, m.start() - 6), m.start()) is not None
                and nx._KNOW.match(text, m.end()) is not None
            )
            or (
                nx._GIVE_TO.search(text, max(0, m.start() - 12), m.start()) is not None
                and nx._GIVEN.match(text, m.end()) is not None
            )
            or _role_plain(text, m.start(), m.end())
        )
        assert nx.person_context(text, m.start(), m.end()) == expected, (text, m.group())


def _role_plain(text: str, start: int, end: int) -> bool:
    role = nx._ROLE_BEFORE.search(text, max(0, start - 40), start)
    return (
        role is not None
        and person_role(role["r"])
        and (not role["c"] or text[end : end + 1] == ",")
        and text[start:end].lower() not in token_lexicon().common
    )


def test_the_words_relations_end_with_are_known() -> None:
    # Every plain word of _RELATIONS' list of relations is one its test lets through.
    group = re.search(r"\(\?:([a-z|?-]+)\)\[ \\t\]\+", nc._RELATIONS.pattern)
    assert group is not None
    for word in group.group(1).split("|"):
        plain = word.replace("-?", "")
        assert plain in nc._RELATION_ENDS, word
    assert "and" in nc._RELATION_ENDS


_CAST_TEXTS = [
    "the main character is Ann Lee",
    "Ann Lee is a fictional CHARACTER.",
    "Ann Lee in the TV show The Office",
    "Ann Lee from the movie Heat, a video game too",
    "the protagonist called Ann Lee",
    "Ann Lee from the book club",
    "Ann Lee, the NARRATOR, speaks",
    "Ann Lee from the \u017feries Dark",  # a long s folds onto "s" as in the searches
    "Ann Lee met Bob Ray",
]


def test_cast_context_answers_as_the_plain_searches() -> None:
    # The per-text test for the cue words (name_cast._CAST_WORD) changes no answer.
    from hybridllm.classifiers import name_cast
    from hybridllm.models import Finding

    for text in _CAST_TEXTS:
        for m in re.finditer(r"Ann Lee|Bob Ray", text):
            f = Finding(
                entity_type="PERSON",
                category="PII",
                start=m.start(),
                end=m.end(),
                score=0.8,
                recognizer="names",
            )
            plain = (
                name_cast._CAST_BEFORE.search(text, max(0, m.start() - 48), m.start()) is not None
                or name_cast._CAST_AFTER.match(text, m.end()) is not None
                or name_cast._WORK_AFTER.match(text, m.end()) is not None
            )
            assert name_cast.cast_context(text, f) == plain, text
