"""Lower-case names that the shape of a record gives away: address blocks, titles, middle
initials, chat-log speakers, and the other items of a list that holds a name.

The rules of :mod:`~hybridllm.classifiers.name_lower_context` read what a sentence says about
someone; these read the form of a record, in any language:

5. **an address block**: a line of two or three name-like words (or a title and one) with a
   street line (a house number, ``apt``, ``suite``) within the next three lines, or (a postal
   address without a street) starting a block whose last line, at most three lines below,
   ends with a country, state or large city (``halli lodberg\n\nkibæk\nmontenegro``);
6. **a title**: ``ms. margarét várhidi``: after ``mr. / mrs. / ms. / mx. / dr. / prof.`` a name-like
   word, a listed surname, or a word that is no English word;
7. **a middle initial**: ``eugene r. bykova``;
8. **speaker labels** of a chat log: labels at line starts that come back, one of them
   name-like (``towa: api is down`` / ``eric: merged`` / ``towa: ty``);
9. **list neighbours**: lower-case items of a list next to a found name (``table 2: mr.
   tafoya, zulikha melikov``), and a listed given name or a listed surname that is no common
   word joined to one by ``and`` or ``or`` in running text (``viktória and tamara keep``,
   ``sklenář and benda``; not ``liisa and will send``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from hybridllm.classifiers.name_context import LOG_LEVELS, TIME_STAMP
from hybridllm.classifiers.name_lower_context import (
    bare_end,
    census_first,
    context_runs,
    faker_last,
    name_like,
)
from hybridllm.classifiers.name_lower_cues import cue_final, honorific_names, relative, repeats
from hybridllm.classifiers.name_lower_nicks import nick_lines
from hybridllm.classifiers.name_lower_pairs import HELPER_VERBS, PEOPLE_VERBS, with_surnames
from hybridllm.classifiers.name_lower_parallel import parallel_names
from hybridllm.classifiers.name_lower_slots import slot_runs
from hybridllm.classifiers.name_lower_tokens import token_runs
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, PARTICLES, Kind, TokenLexicon

__all__ = ["list_neighbours", "record_runs", "with_context"]

# A given name, a middle initial, a surname: "jana l. sekerkova" (see _initial_names).
_INITIAL_ANCHOR = re.compile(r"[ \t][a-z]\.[ \t]")
_WORD_BEFORE = re.compile(r"(?:^|[^\w.'’-])([^\W\d_][\w'’-]+)$")
_SURNAME_AFTER = re.compile(r"((?:(?:van|von|de|der|den|la|le)[ \t])*[^\W\d_][\w'’-]+)")
# 5. A street line of an address block; the prefix quoting marks of the line before it.
_STREET_LINE = re.compile(
    r"[ \t>?*\-]*(?:\d+[a-z]?[ \t,]+[^\W\d_]|(?:apt|suite|unit|p\.?[ \t]?o\.?[ \t]+box)\b)"
)
_STREET_ANY = re.compile(
    r"(?m)^[ \t>?*\-]*(?:\d+[a-z]?[ \t,]+[^\W\d_]|(?:apt|suite|unit|p\.?[ \t]?o\.?[ \t]+box)\b)"
)
_LINE_PREFIX = re.compile(r"[ \t>?*\-]*")
_TITLE = re.compile(r"\b(?:mr|mrs|ms|mx|dr|prof)\.[ \t]*$")
_TITLE_STRINGS = ("mr.", "ms.", "mrs.", "mx.", "dr.", "prof.")
_TITLE_ANY = re.compile(r"\b(?:mr|mrs|ms|mx|dr|prof)\.")
_MAX_BLOCK_LINES = 400  # longer texts: no line-by-line look for postal blocks
_PLACE_LINE_WORDS = 4
_BLOCK_TITLES = frozenset(
    ("mr", "mrs", "ms", "mx", "dr", "prof", "miss", "mr.", "mrs.", "ms.", "dr.", "prof.")
)


def _address_blocks(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Rule 5: a lower-case name line at most three non-empty lines above a street line."""
    out: list[tuple[int, int]] = []
    seen: set[int] = set()
    for street in _STREET_ANY.finditer(text):
        hi = street.start()
        above = 0
        while hi > 0 and above < 3:
            lo = text.rfind("\n", 0, hi - 1) + 1
            line = text[lo : hi - 1] if text[hi - 1 : hi] == "\n" else text[lo:hi]
            hi = lo
            if not line.strip(" \t>?*-"):
                continue
            above += 1
            if lo in seen:
                continue
            seen.add(lo)
            span = _name_line(line, lex)
            if span is not None:
                out.append((lo + span[0], lo + span[1]))
    return out


def _place_blocks(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Rule 5, a postal address without a street: a name line first in its block (after the
    text's start or a blank line) and, one to three non-empty lines below it, a short line
    without digits that ends the block with a place of ``places_large`` (``sugar land\n
    botswana``)."""
    out: list[tuple[int, int]] = []
    lines = text.split("\n")
    if len(lines) > _MAX_BLOCK_LINES:
        return out
    offsets = [0]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    bodies = [line.strip(" \t>?*-,.") for line in lines]
    for k, body in enumerate(bodies):
        parts = body.split()
        if (
            not parts
            or len(parts) > _PLACE_LINE_WORDS
            or parts[-1] not in lex.places
            or any(c.isdigit() for c in body)
            or (k + 1 < len(bodies) and bodies[k + 1])
        ):
            continue
        above = [j for j in range(k - 1, -1, -1) if bodies[j]][:3]
        for j in reversed(above):  # the farthest first: a block's first line
            if j > 0 and bodies[j - 1]:
                continue
            span = _name_line(lines[j], lex)
            if span is not None:
                out.append((offsets[j] + span[0], offsets[j] + span[1]))
                break
    return out


def _name_line(line: str, lex: TokenLexicon) -> tuple[int, int] | None:
    """``(start, end)`` in ``line`` of a line that is two or three lower-case name-like words,
    or a title and one or two."""
    pre = _LINE_PREFIX.match(line)
    skip = pre.end() if pre else 0
    body = line[skip:].rstrip(" \t,.")
    parts = body.split()
    if not 2 <= len(parts) <= 3 or not body.islower():
        return None
    titled = parts[0] in _BLOCK_TITLES
    names = parts[1:] if titled else parts
    if not all(_block_word(lex, w) for w in names) or not (
        titled or any(lex.kind(w) in (Kind.NAME, Kind.UNKNOWN) for w in names)
    ):
        return None
    return skip, skip + len(body)


def _block_word(lex: TokenLexicon, word: str) -> bool:
    """A word of a name line in an address block: name-like, or any listed name or particle."""
    return (
        name_like(lex, word)
        or word in PARTICLES
        or ((word in lex.first or word in lex.last) and word not in FUNCTION_WORDS)
    )


def _initial_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Rule 7: a lower-case given name, a middle initial and a surname (``eugene r. bykova``):
    an English word only as a listed given name or a curated surname (not ``story c. novel``),
    one of the two name-like."""
    out: list[tuple[int, int]] = []
    for a in _INITIAL_ANCHOR.finditer(text):  # " r. ": a fast scan, then the words around it
        left = _WORD_BEFORE.search(text, max(0, a.start() - 40), a.start())
        right = _SURNAME_AFTER.match(text, a.end())
        if left is None or right is None:
            continue
        first, last = left.group(1), right.group(1).split()[-1]
        if not (first.islower() and last.islower()) or first in FUNCTION_WORDS:
            continue
        given = first not in lex.vocab or first in lex.first or first in census_first()
        surname = last not in lex.vocab or last in faker_last()
        if (
            last in FUNCTION_WORDS
            or not (given and surname)
            or not (name_like(lex, first) or name_like(lex, last))
        ):
            continue
        end = right.end(1) - (2 if right.group(1)[-2:] in ("'s", "’s") else 0)
        out.append((left.start(1), end))
    return out


def _speakers(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Rule 8: the speaker labels of a chat log: two or more labels at line starts, three
    lines at least, one label coming back, one name-like and no English word (``towa: api is
    down`` ... ``eric: yes, merged`` ... ``towa: ty``) or two census given names (``mary: api
    is down`` ... ``sally: rolling back``), and no more labels that are English
    words than others (the keys of a configuration: ``name: st7272a``, ``mfr: sitronix``,
    ``desc: display mode``); then the labels that come back or are name-like."""
    stamped = _stamped_handles(text, lex)
    if stamped:
        return stamped
    seen: dict[str, list[int]] = {}
    coded = 0  # lines that end as code does: "label: string;", "max: 20,"
    for m in _SPEAKER_LINE.finditer(text):
        seen.setdefault(m.group(1), []).append(m.start(1))
        end = text.find("\n", m.end())
        coded += text[m.end() : len(text) if end < 0 else end].rstrip().endswith(_CODE_ENDS)
    labels = {k: v for k, v in seen.items() if k not in FUNCTION_WORDS and k not in _ROLES}
    # The keys of a configuration are words (``name:``, ``category:``, ``desc:``), a chat's
    # speakers are mostly not: more labels that are English words and no given names than
    # others is a document of keys, not a chat.
    words = sum(1 for k in labels if k in lex.vocab and k not in lex.first)
    if (
        words > len(labels) - words
        or len(labels) < 2
        or sum(map(len, labels.values())) < 3
        or not any(len(v) >= 2 for v in labels.values())
        or not (
            any(name_like(lex, k) and k not in lex.vocab for k in labels)
            # or two given names people bear, English words too ("mary: ...", "sally: ...")
            or (sum(1 for k in labels if k in census_first()) >= _GIVEN_SPEAKERS and not coded)
        )
    ):
        return []
    return [
        (p, p + len(k)) for k, v in labels.items() if len(v) >= 2 or name_like(lex, k) for p in v
    ]


def _stamped_handles(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """The handles of a time-stamped chat log (two stamped turns or more: ``[09:14] t: morning
    all`` ... ``[09:15] stella: ...``): each is a participant, an initial too; not a role, a
    function word, a log level (``info:``, ``error:``) or an English word that is no listed
    name (``lunch:``, ``keynote:``)."""
    turns = list(_STAMPED_LINE.finditer(text)) if ":" in text else []
    if len(turns) < 2:
        return []
    return [
        m.span(1)
        for m in turns
        if m.group(1) not in _ROLES
        and m.group(1) not in FUNCTION_WORDS
        and m.group(1) not in LOG_LEVELS
        and (len(m.group(1)) == 1 or m.group(1) not in lex.common or m.group(1) in lex.first)
        and (m.group(1) not in lex.vocab or m.group(1) in lex.first or m.group(1) in lex.last)
    ]


_GIVEN_SPEAKERS = 2
_CODE_ENDS = (";", ",", "{", "[")
# The roles of a transcript, not people: "me: ok", "user: ...", "assistant: ...".
_ROLES = frozenset(("me", "you", "user", "assistant", "bot", "system", "human", "ai", "model"))
_SPEAKER_LINE = re.compile(r"(?m)^[>]?[ ]?([a-zß-öø-ÿ][\w'’-]{1,30}):[ \t]+[^\W\d_]")
_STAMPED_LINE = re.compile(rf"(?m)^[ \t>]*{TIME_STAMP}([a-zß-öø-ÿ][\w'’-]{{0,30}}):[ \t]+\S")


def _titled(text: str, words: list[re.Match[str]], lex: TokenLexicon) -> list[tuple[int, int]]:
    """Rule 6: one or two words after a lower-case title that are no English words."""
    out: list[tuple[int, int]] = []
    if not any(t in text for t in _TITLE_STRINGS):
        return out
    for t in _TITLE_ANY.finditer(text):
        i = bisect.bisect_left(words, t.start(), key=lambda w: w.start())
        if i >= len(words) or words[i].start() != t.start():
            continue
        m = words[i]
        j = i + 1
        end = -1
        while j < len(words) and j <= i + 2:
            w = words[j].group()
            gap = text[words[j - 1].end() : words[j].start()]
            known = name_like(lex, w) or (w in lex.last and j == i + 1)
            if (
                not w.islower()
                or w in FUNCTION_WORDS
                or gap.strip(". \t")
                or not (known or w not in lex.vocab)
            ):
                break
            end = bare_end(words[j])
            j += 1
        if end > 0 and _TITLE.search(text, m.start(), words[i + 1].start()):
            out.append((words[i + 1].start(), end))
    return out


def record_runs(text: str, words: list[re.Match[str]], lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of lower-case names that rules 5-8 mark (see the module docstring).

    Args:
        text: the text.
        words: word matches over ``text``.
        lex: the token lists.

    Returns:
        ``(start, end)`` spans, possibly overlapping each other.
    """
    out: list[tuple[int, int]] = []
    if "\n" in text and _STREET_ANY.search(text):
        out.extend(_address_blocks(text, lex))
    if "\n" in text:
        out.extend(_place_blocks(text, lex))
    if "." in text:
        out.extend(_titled(text, words, lex))
        out.extend(_initial_names(text, lex))
    if ":" in text and "\n" in text:
        out.extend(_speakers(text, lex))
    return out + nick_lines(text, lex)


# The items of a list next to a found name: "table 1: mr. tafoya, zulikha melikov".
# A list's separators; an inline numbered list's too: "shortlisted: 1. cesar grimes 2. porsha
# waters 3. lesha riggs".
_ITEM_RIGHT = re.compile(
    # (a count or an age in brackets may follow an item: "mauge (14), hernan (11) and elva")
    r"(?:[ \t]*\(\d{1,3}\))?[ \t]*(?:,|;|&|[ \t]and\b|[ \t]\d{1,2}[.)])[ \t]*(?:and[ \t]+)?"
    r"(?:(?:mr|mrs|ms|dr|prof)\.[ \t]+)?"
    r"([a-zß-öø-ÿ][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?)"
    # (a count may follow an item: "goals: ana lima, buday 2)")
    r"(?=(?:[ \t]\d{1,2}|[ \t]*\(\d{1,3}\))?[ \t]*(?:[,;.:!?\n)]|$|[ \t]and\b|&)"
    r"|[ \t]\d{1,2}[.)][ \t])"
)
_ITEM_LEFT = re.compile(
    r"(?:^|[,;:\n(]|\band|\b(?:for|with)\b|\b\d{1,2}[.)])[ \t]*"
    r"(?:(?:mr|mrs|ms|dr|prof)\.[ \t]+)?([^\W\d_][\w'’-]*(?:[ \t][^\W\d_][\w'’-]*)?)"
    r"(?:[ \t]*\(\d{1,3}\))?[ \t]*(?:,|;|&|[ \t]and|[ \t]\d{1,2}[.)])[ \t]*$"
)
_NUMBERED = re.compile(r"[ \t]\d{1,2}[.)][ \t]")


_SEPS = frozenset(",;&")
_AND_RIGHT = re.compile(r"[ \t]+(?:and|or|&)[ \t]+([a-zß-öø-ÿ][\w'’-]*)\b(?!['’])")
_AND_LEFT = re.compile(r"(?<![\w'’-])([a-zß-öø-ÿ][\w'’-]*)[ \t]+(?:and|or|&)[ \t]+$")
# Words after a name that say what people do, or its helpers: never the other person.
_NO_PARTNER = HELPER_VERBS | frozenset(("just", "never", "also"))


def _partner(word: str, lex: TokenLexicon) -> bool:
    """A listed given name, or a listed surname that is no common word and no everyday one
    (``sklenář and benda``); no function word, helper verb, verb of a person or place."""
    return (
        len(word) >= 3
        and (word in lex.first or (lex.kind(word) is Kind.NAME and word not in lex.common))
        and word not in FUNCTION_WORDS
        and word not in _NO_PARTNER
        and word not in PEOPLE_VERBS
        and word not in lex.places
    )


def _between_names(
    text: str, span: tuple[int, int], known: bytearray, parts: list[str], *, rightward: bool
) -> bool:
    """Whether the list item at ``span`` (its words ``parts``), found beside a name, has a
    found name on its other side too: an item between two names is one whatever its words
    (``founders: gobet, stump and fraschina``), unless one is a function word or a helper verb
    (``gobet, will and fraschina``)."""
    if any(w in FUNCTION_WORDS or w in HELPER_VERBS or not w.isalpha() for w in parts):
        return False
    if rightward:
        other = _ITEM_RIGHT.match(text, span[1])
    else:
        other = _ITEM_LEFT.search(text, max(0, span[0] - 48), span[0])
    return other is not None and all(known[other.start(1) : other.end(1)])


def list_neighbours(
    text: str, found: list[tuple[int, int]], lex: TokenLexicon, *, rounds: int = 6
) -> list[tuple[int, int]]:
    """Rule 9: lower-case items of a list (``,``, ``;``, ``and``) next to a found name, each of
    one or two words that are names or particles, one name-like (``table 2: mr. tafoya,
    zulikha melikov``), or any words between two found names (``gobet, stump and
    fraschina``); spreads along the list.

    Args:
        text: the text.
        found: ``(start, end)`` of the names found so far.
        lex: the token lists.
        rounds: how far along a list to spread.

    Returns:
        New ``(start, end)`` spans.
    """
    known = bytearray(len(text))
    for a, b in found:
        known[a:b] = b"\x01" * (b - a)
    new: list[tuple[int, int]] = []
    # Only a lower-case name has lower-case list neighbours to find ("mr. Tafoya, Zulikha
    # Melikov" is the cased rules' list).
    frontier = [(a, b) for a, b in found if text[a].islower()]
    for _ in range(rounds):
        grown: list[tuple[int, int]] = []
        for s, e in frontier:
            # most names stand in no list: a separator right beside them first
            nxt = text[e : e + 5].lstrip(" \t")
            before = text[max(0, s - 6) : s].rstrip(" \t")
            numbered = _NUMBERED.match(text, e), _NUMBERED.search(text, max(0, s - 5), s)
            right = (
                _ITEM_RIGHT.match(text, e)
                if nxt[:1] in _SEPS or nxt[:1] == "(" or nxt[:3] == "and" or numbered[0]
                else None
            )
            left = (
                _ITEM_LEFT.search(text, max(0, s - 48), s)
                if before[-1:] in _SEPS
                or before[-3:] in ("and", "for")
                or numbered[1]
                or before[-4:] == "with"
                else None
            )
            for m in (right, left):
                if m is None:
                    continue
                span = m.span(1)
                item = m.group(1)
                if not item.islower() or any(known[span[0] : span[1]]):
                    continue
                parts = item.split()
                if (
                    all(_block_word(lex, w) for w in parts)
                    and any(name_like(lex, w) for w in parts)
                ) or _between_names(text, span, known, parts, rightward=m is right):
                    grown.append(span)
                    known[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
            # Two people joined by "and" in running text: "viktória and tamara keep ...", "i
            # met tamara and liisa": a listed given name beside a found name.
            for m in (_AND_RIGHT.match(text, e), _AND_LEFT.search(text, max(0, s - 40), s)):
                if m is None or any(known[m.start(1) : m.end(1)]):
                    continue
                if _partner(m.group(1), lex):
                    grown.append(m.span(1))
                    known[m.start(1) : m.end(1)] = b"\x01" * (m.end(1) - m.start(1))
        if not grown:
            break
        new.extend(grown)
        frontier = grown
    return new


def with_context(
    text: str,
    words: list[re.Match[str]],
    lex: TokenLexicon,
    taken: bytearray,
    *,
    lower_words: set[int],
    out: list[tuple[int, int, float]],
    english: Callable[[], bool],
    fields: Sequence[tuple[int, int]] = (),
) -> list[tuple[int, int, float]]:
    """``out`` (the spans :func:`~hybridllm.classifiers.name_lower.lower_names` found) and the
    names only their context or a record marks (:mod:`.name_lower_context`, rules 5-9 here); a
    new span replaces the spans of ``out`` inside it (``berger hoover`` over ``hoover``), and
    one partly inside an earlier finding (``taken``) is cut to the rest.

    Args:
        text: the text.
        words: word matches over ``text``.
        lex: the token lists.
        taken: one byte per character, 1 where a finding already is.
        lower_words: indexes of the words of sentences written in lower case.
        out: ``(start, end, score)`` spans found so far.
        english: whether the text is English (called at most once).
        fields: person-field values (:func:`.name_lower_pairs.field_values`).

    Returns:
        ``(start, end, score)`` spans, sorted.
    """
    extra = context_runs(text, words, lex, lower_words, english) + list(fields)
    extra += record_runs(text, words, lex)
    extra += token_runs(text, words, lex, lower_words, english)
    extra += slot_runs(text, words, lex, lower_words, english)
    extra += cue_final(text, lex) + relative(text, words, lex, lower_words)
    extra += honorific_names(text, lex)
    for lo, hi in sorted(extra):
        s, e = lo, hi
        head, _, verb = text[s:e].rstrip().rpartition(" ")
        if head and verb in PEOPLE_VERBS:
            e = s + len(head.rstrip())  # "bill said": the verb after a name is no surname
        while s < e and (taken[s] or text[s] == " "):  # found already in part: the rest
            s += 1
        while e > s and (taken[e - 1] or text[e - 1] == " "):
            e -= 1
        if (
            s == e
            or any(taken[s:e])
            or any(s < b and a < e and not s <= a < b <= e for a, b, _ in out)
        ):
            continue
        out = [o for o in out if not s <= o[0] < o[1] <= e]
        out.append((s, e, 0.55))
    if out or taken.count(0) < len(taken):  # (a byte not 0: any(taken), without a loop)
        spans = [(a, b) for a, b, _ in out] + (runs := _runs_of(taken))
        near = set(list_neighbours(text, spans, lex)) | set(parallel_names(text, spans, lex))
        out.extend((a, b, 0.5) for a, b in sorted(near) if not any(taken[a:b]))
        spans = [(a, b) for a, b, _ in out] + runs
        out.extend((a, b, 0.5) for a, b in repeats(text, words, lex, spans, lower_words))
    out.sort()
    # A given name grown over the surname after it (where no other finding or span is).
    mask = bytearray(taken)
    for a, b, _ in out:
        mask[a:b] = b"\x01" * (b - a)
    ends = with_surnames(text, [(a, b) for a, b, _ in out], lex, mask)
    return [(a, end, score) for (a, _, score), end in zip(out, ends, strict=True)]


_ONES = re.compile(b"\x01+")


def _runs_of(mask: bytearray) -> list[tuple[int, int]]:
    """``(start, end)`` of the runs of 1 in ``mask``."""
    return [m.span() for m in _ONES.finditer(bytes(mask))]
