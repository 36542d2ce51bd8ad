"""Names an e-mail address spells: the words right before an address whose local part holds them.

A name written next to its own address (``Co-authored-by: zak sanders <zak.sanders@example.co.uk>``,
``customer arnaude l'heureux (arnaude.lheureux@example.co.uk)``, a CSV row
``29483,Ellinore Magnusson,ellinore.40@example.com``) is a person's name by the address's own
evidence, whatever its case, language or list membership: the local part repeats it. No cue word
is involved, so the rule holds for any label, layout or language around the pair.

:func:`email_names` takes, for each address, the words of the field just before it (back to a
comma, colon, bracket, tab, ``|`` or ``=``; at most five words) and keeps the trailing run of
words that can be name parts: a word the local part contains (``sanders`` in ``zak.sanders``,
``smith`` in ``jsmith``), an initial, a particle, or a word that is no common English word. The
run counts only when one of its words of three letters or more is in the local part, so
``Support Team <support@...>`` (common words) and ``Acme Corp <info@acme.com>`` (the local part
spells neither) stay unnamed.

:func:`echoed_names` takes the same evidence anywhere in the text: a word that is a whole part
of an address's local part (``cabrel manga`` in "write to cabrel manga at
cabrel_manga@example.net", ``kadri`` in "ask kadri, kadri.saar@example.ee") is the name of the
address's owner, however far from it and whatever the words between; a run of such words counts
when one of them is a listed name that is no everyday word, or a word in no list (``data
science`` of ``data.science@`` stays: both words are everyday ones).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from hybridllm.classifiers.name_context import TITLE_WORDS
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, PARTICLES, Kind, TokenLexicon, fold

__all__ = ["echoed_names", "email_names", "spelt_names"]

_LOCAL = re.compile(r"(?<![\w.+-])[A-Za-z0-9][\w.+-]{0,63}\Z")
_DOMAIN = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_LOCAL_SPLIT = re.compile(r"[._+\-\d]+")
# Between a name and its address: spaces and the brackets, quotes or commas that wrap it.
_GAP = re.compile(r"[ \t<(\[,;:|\"=]*\Z")
_FIELD_END = re.compile(r"[,;:|\t<>()\[\]\"=\n]")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Mailboxes of a role, not a person: RFC 2142's names for common services and functions, and
# the role accounts in wide use beside them.
ROLE_MAILBOXES = frozenset(
    (  # noqa: SIM905 - a word list, read as one
        "info marketing sales support abuse noc security postmaster hostmaster usenet news "
        "webmaster www uucp ftp admin administrator billing accounts accounting office contact "
        "hello help helpdesk service team hr jobs careers press media noreply no reply "
        "donotreply do not orders feedback enquiries inquiries mail mailer daemon root "
        "notifications alerts newsletter privacy legal compliance finance invoices reception "
        "booking bookings"
    ).split()
)
_MAX_WORDS = 5
_REACH = 160  # characters before an address where its name's field may start
_MAX_GAP = 8  # separators between a name and its address
_MIN_MATCH = 3  # letters of a word the local part must hold


def _plain(word: str) -> str:
    return fold(word.lower()).replace("'", "").replace("’", "").replace("-", "").rstrip(".")


def _spelt(word: str, parts: list[str]) -> bool:
    """Whether the local part (split into ``parts``) holds ``word``: a whole part, or the start
    or end of a run-together one (``john``/``smith`` in ``johnsmith``, ``smith`` in
    ``jsmith``)."""
    w = _plain(word)
    if len(w) < _MIN_MATCH:
        return False
    return any(p == w or p.startswith(w) or p.endswith(w) for p in parts)


def _name_part(word: str, lex: TokenLexicon) -> bool:
    """A word that can stand in a name beside the address: no function word or title, and a
    listed name or no common English word (an initial or a particle always can)."""
    low = word.lower().rstrip(".")
    if len(low) == 1 and low.isalpha():
        return True  # an initial ("J." / "j")
    if low in PARTICLES:
        return True
    if low in FUNCTION_WORDS or low in TITLE_WORDS:
        return False
    return low not in lex.common or low in lex.first or low in lex.last  # "Elon Musk <elon@"


def _namable(word: str, lex: TokenLexicon) -> bool:
    """A spelt word that makes the run a name: a name or a word in no list, not an everyday
    word (``admin``) nor a role mailbox's name (``sales``, ``billing``)."""
    return _plain(word) not in ROLE_MAILBOXES and lex.kind(word) is not Kind.WORD


def _no_name(word: str, lex: TokenLexicon) -> bool:
    """A word that starts no name: an English word, not an initial ("Hi", "Dear")."""
    return len(word.rstrip(".")) > 1 and lex.kind(word) is Kind.WORD


def _addresses(text: str) -> Iterator[tuple[int, str, str]]:
    """``(start, local part, domain)`` of each e-mail address, found from its ``@`` (each
    ``@`` once, the local part read backwards: linear in the text)."""
    at = text.find("@")
    while at >= 0:
        local = _LOCAL.search(text, max(0, at - 64), at)
        domain = _DOMAIN.match(text, at + 1) if local is not None else None
        if local is not None and domain is not None:
            yield local.start(), local.group(), domain.group()
        at = text.find("@", at + 1)


def email_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the names that the e-mail addresses of ``text`` spell, right before each one.

    Args:
        text: the text to scan.
        lex: the token lists.

    Returns:
        ``(start, end)`` of each name, in text order.
    """
    if "@" not in text:
        return []
    out: list[tuple[int, int]] = []
    for start, local, host in _addresses(text):
        # the domain's words are a company's ("acme.sales@acme.com"), not a person's
        domain = set(_LOCAL_SPLIT.split(host.lower()))
        parts = [
            p
            for p in _LOCAL_SPLIT.split(fold(local.lower()))
            if p and p not in domain and p not in ROLE_MAILBOXES
        ]
        if not parts:
            continue
        # a name sits within a short reach of its address: the scan stays linear in the text
        reach = max(0, start - _REACH)
        newline = text.rfind("\n", reach, start)
        line_start = newline + 1 if newline >= 0 else reach
        gap = _GAP.search(text, max(line_start, start - _MAX_GAP), start)
        end = gap.start() if gap else start
        field_start = line_start
        for sep in _FIELD_END.finditer(text, line_start, end):
            field_start = sep.end()
        words = list(_WORD.finditer(text, field_start, end))[-_MAX_WORDS:]
        run: list[re.Match[str]] = []
        for w in reversed(words):
            if not (_spelt(w.group(), parts) or _name_part(w.group(), lex)):
                break
            run.insert(0, w)
        # a leading word that is no name and not spelt is no part ("Hi Bob Jones")
        while run and not _spelt(run[0].group(), parts) and _no_name(run[0].group(), lex):
            run.pop(0)
        # the run must end at the address's gap, with nothing but separators between them
        if any(_spelt(w.group(), parts) and _namable(w.group(), lex) for w in run) and not (
            text[run[-1].end() : end].strip()
        ):
            out.append((run[0].start(), run[-1].end()))
    return out


_TLD = re.compile(r"\.[A-Za-z]{2,}\Z")
_GLUED = re.compile(r"[/\\_@]|\.\w")  # a word of a path, a file name or an identifier
_ECHO_KINDS = (Kind.NAME, Kind.UNKNOWN)
# A text of many addresses is a record or a log, whose owners are named beside their addresses
# (email_names); the echo is for prose that names one or a few. It also bounds the cost (a scan
# of the text per part of an address).
_ECHO_MAX_ADDRESSES = 8
_NON_ASCII_WORD = re.compile(
    r"[^\W\d_]*[^\x00-\x7f][^\W\d_]*"
)  # only a name or a word in no list, none ambiguous


def _local_parts(local: str, host: str) -> set[str]:
    """The whole parts of a local part that can be a person's: three letters or more, no role
    mailbox, no word of the domain."""
    domain = set(_LOCAL_SPLIT.split(host.lower()))
    return {
        p
        for p in _LOCAL_SPLIT.split(fold(local.lower()))
        if len(p) >= _MIN_MATCH and p not in domain and p not in ROLE_MAILBOXES
    }


def echoed_names(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of words anywhere in ``text`` that repeat whole parts of its e-mail addresses.

    Args:
        text: the text to scan.
        lex: the token lists.

    Returns:
        ``(start, end)`` of each run of such words (one or more, apart by spaces only) with a
        listed name that is no everyday word or a word in no list, in text order; the addresses
        themselves apart.
    """
    if "@" not in text:
        return []
    parts: set[str] = set()
    spans: list[tuple[int, int]] = []
    for start, local, host in _addresses(text):
        if _TLD.search(host):  # a mail domain, not a package's version ("vexchords@1.0.0")
            parts |= _local_parts(local, host)
        spans.append((start, start + len(local) + 1 + len(host)))
    if not parts or len(spans) > _ECHO_MAX_ADDRESSES:
        return []
    hits = sorted(set(_part_hits(text, parts)))
    starts = [s for s, _ in spans]
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []

    def close() -> None:
        if run and any(lex.kind(text[a:b]) in _ECHO_KINDS for a, b in run):
            out.append((run[0][0], run[-1][1]))
        run.clear()

    for a, b in hits:
        k = bisect_right(starts, a) - 1
        if (
            (k >= 0 and a < spans[k][1])
            or _GLUED.match(text, b)
            or _GLUED.match(text, max(0, a - 1))
        ):
            close()  # in an address, a path or an identifier
            continue
        if run and text[run[-1][1] : a].strip(" "):
            close()
        run.append((a, b))
    close()
    return out


def _part_hits(text: str, parts: set[str]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the whole words of ``text`` that are one of ``parts``: each part
    found by ``str.find`` in the lower-case text with its letters' diacritics stripped
    (``Kärt`` for ``kart``; linear, no Python step per word)."""
    low = text.lower()
    if len(low) != len(text):  # (lower case keeps the offsets but for a few letters: "İ")
        return
    if not low.isascii():
        low = low.translate(_FOLDED)
    for p in parts:
        i = low.find(p)
        while i >= 0:
            j = i + len(p)
            if not (i and low[i - 1].isalnum()) and not (j < len(low) and low[j].isalnum()):
                yield i, j
            i = low.find(p, j)


class _Folding(dict[int, str]):
    """A ``str.translate`` table that strips a letter's diacritics when one ASCII letter is
    left (``ä`` -> ``a``), and keeps any other character (the offsets stay), filled as asked."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold(char)
        self[code] = value = folded if len(folded) == 1 else char
        return value


_FOLDED = _Folding()


def spelt_names(text: str, lex: TokenLexicon) -> list[tuple[int, int, float, str]]:
    """``(start, end, score, recognizer)`` of the names the addresses of ``text`` spell: right
    before an address (:func:`email_names`, 0.8, ``names+email``), or anywhere else
    (:func:`echoed_names`, 0.7, ``names+echo``)."""
    spans = [(s, e, 0.8, "names+email") for s, e in email_names(text, lex)]
    return spans + [(s, e, 0.7, "names+echo") for s, e in echoed_names(text, lex)]
