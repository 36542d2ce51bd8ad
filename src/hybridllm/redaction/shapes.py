"""What a placeholder looks like after a model has copied it, and what is only junk.

We mint placeholders in one canonical shape, ``[EMAIL_ADDRESS_1]``. Models copy them with
small changes, and restore recognises the usual ones (the *supported mangling set*):

- any change of case: ``[Email_Address_1]``, ``[email_address_1]``;
- spaces or hyphens for the underscores, inside brackets: ``[Email Address 1]``,
  ``[EMAIL-ADDRESS-1]``;
- up to two spaces inside the brackets: ``[ PERSON_1 ]``;
- other brackets: ``(PERSON_1)``, ``{PERSON_1}``, ``<PERSON_1>``, or a missing ``]``
  (``[PERSON_1`` followed by a non-word character);
- no brackets at all, underscores kept: ``PERSON_1``, ``Person_1`` (a whole word);
- markdown escaping: ``\\[PERSON\\_1\\]``, ``PERSON\\_1``;
- the number dropped, in square or angle brackets (``[PERSON]``, ``<Email Address>``), when the
  scope minted exactly one placeholder with that label and the input did not contain that text;
- a reply cut inside a placeholder (``[CREDIT_CA`` at its very end, e.g. by ``max_tokens``),
  when exactly one minted placeholder starts that way and at least six characters of its
  label (or all of it) are there.

Every candidate is reduced to the canonical token (:func:`canonical`) and restored only if the
scope minted exactly that token (or, for the last two forms, exactly one token it can stand
for): a mangled form is never matched "approximately", two candidates are never guessed
between, and a token the scope did not mint stays as the model wrote it.

Everything else that still looks like a placeholder (``[NAME_1]``, ``[PERSON_9]``, a ``[PERS``
cut by ``max_tokens``) is *junk*: :func:`junk_label` names it for ``Completion.unrestored``.
"""

from __future__ import annotations

import re

__all__ = [
    "LOOSE_MD_RE",
    "LOOSE_RE",
    "canonical",
    "junk_label",
    "loose_hold_len",
    "loose_token",
]

_OPEN = r"[\[({<]"
_CLOSE = r"[\])}>]"
_SEP = r"(?:\\?_|[ \-])"


def _loose(md: bool) -> re.Pattern[str]:
    esc = r"\\?" if md else ""
    sep = _SEP if md else r"[_ \-]"
    bare_sep = r"\\?_" if md else "_"
    return re.compile(
        # bracketed (any family, or only an opening one): separators may be spaces or hyphens
        rf"(?P<open>{esc}{_OPEN}) {{0,2}}"
        rf"(?P<blabel>[A-Za-z](?:[A-Za-z0-9]|{sep}(?=[A-Za-z0-9])){{0,47}}?)"
        # (the number is the last part: "[AGE_OVER_89_1]" is label AGE_OVER_89, number 1)
        rf"{sep}(?P<bnum>\d{{1,6}})(?!\d|{sep}\d)(?P<close> {{0,2}}{esc}{_CLOSE})?"
        # bracketed, the number dropped: letters only, square or angle brackets
        rf"|(?P<uopen>{esc}[\[<]) {{0,2}}(?P<ulabel>[A-Za-z](?:[A-Za-z]|{sep}(?=[A-Za-z])){{1,47}})"
        rf" {{0,2}}{esc}[\]>]"
        # bare: one word, underscores only
        rf"|(?<!\w)(?P<label>[A-Za-z][A-Za-z0-9]{{0,40}}+(?:{bare_sep}[A-Za-z0-9]{{1,40}}){{0,8}}?)"
        rf"{bare_sep}(?P<num>\d{{1,6}})(?!\w|{bare_sep}\d)"
    )


LOOSE_MD_RE = _loose(md=True)
"""Candidates in plain text (markdown escapes allowed)."""
LOOSE_RE = _loose(md=False)
"""Candidates in JSON text, where a backslash is JSON's own escape and must stay untouched."""

LOOSE_MAX_LEN = 2 + 2 + 48 * 3 + 2 + 6 + 2 + 2
"""No candidate is longer than this: the streaming hold-back never needs more."""

_SEPS = re.compile(r"(?:\\?_|[ \-])")
_HOLD_BRACKET = re.compile(r"\\?[\[({<][A-Za-z0-9_ \-\\]*\Z")
_HOLD_WORD = re.compile(r"[A-Za-z0-9_\\]+\Z")


def canonical(label: str, number: str) -> str:
    """The canonical token for a label and number as a model wrote them."""
    return f"[{_SEPS.sub('_', label).upper()}_{int(number)}]"


def loose_token(m: re.Match[str]) -> tuple[str, int, int] | None:
    """The canonical token of a candidate and the span it replaces, or None if it is not one.

    A bracketed candidate needs a closing bracket, unless it opened with ``[`` directly before
    the label and is followed by a non-word character (a dropped ``]``). A leading backslash is
    part of the candidate only when the rest is markdown-escaped too (``\\]`` or ``\\_``):
    otherwise it belongs to the text before it.
    """
    start, end = m.span()
    if m.group("ulabel") is not None:
        return _unnumbered(m)
    bare = m.group("num") is not None
    label, num = m.group("label", "num") if bare else m.group("blabel", "bnum")
    if len(num) > 1 and num[0] == "0":
        return None  # not a number we wrote
    if bare:
        return canonical(label, num), start, end
    opening, close = m.group("open"), m.group("close")
    if close is None:
        if opening[-1] != "[" or m.end("open") != m.start("blabel"):
            return None
        if end < len(m.string) and (m.string[end].isalnum() or m.string[end] == "_"):
            return None
    if opening.startswith("\\") and not (
        (close is not None and "\\" in close) or "\\_" in m.group(0)
    ):
        start += 1
    return canonical(label, num), start, end


def _unnumbered(m: re.Match[str]) -> tuple[str, int, int]:
    """``[LABEL]`` for a bracketed label without a number (restored only if its label is unique)."""
    start, end = m.span()
    opening = m.group("uopen")
    if opening.startswith("\\") and "\\" not in m.group(0)[len(opening) :]:
        start += 1  # the backslash belongs to the text before
    return f"[{_SEPS.sub('_', m.group('ulabel')).upper()}]", start, end


def loose_hold_len(text: str, bodies: frozenset[str] | None = None) -> int:
    """Length of the longest suffix of ``text`` that could still become (or change) a candidate.

    Args:
        bodies: every prefix of the canonical bodies (``PERSON_1``) minted in scope; with it,
            only a suffix that can still grow into one of them is held (None: any shape).
    """
    tail = text[-LOOSE_MAX_LEN:]
    hold = 0
    b = max(tail.rfind(c) for c in "[({<")
    if b != -1:
        if b > 0 and tail[b - 1] == "\\":
            b -= 1
        if _HOLD_BRACKET.match(tail, b) and _may_grow(tail[b:].lstrip("\\")[1:], bodies):
            hold = len(tail) - b
    w = _HOLD_WORD.search(tail)
    if w is not None:
        run = w.group(0)
        # a bare token starts the run or follows a backslash inside it (``0\PERSON_1``)
        for k in (0, *(i + 1 for i, c in enumerate(run) if c == "\\")):
            if _may_grow(run[k:].lstrip("\\"), bodies):
                hold = max(hold, len(tail) - w.start() - k)
                break
    return hold


def _may_grow(fragment: str, bodies: frozenset[str] | None) -> bool:
    if bodies is None:
        return True
    norm = _SEPS.sub("_", fragment.strip(" ")).upper()
    if norm.endswith("\\"):  # a markdown escape of the next "_" or of the closing bracket
        return norm[:-1] in bodies or norm[:-1] + "_" in bodies
    return norm in bodies


_JUNK_RE = re.compile(
    r"\\?[\[({<] ?(?P<b>[A-Za-z][A-Za-z0-9 _\-\\]{0,47}?)[ _\-\\]{1,2}\d{1,6} ?\\?[\])}>]"
    r"|\[(?P<n>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\]"
    r"|(?<!\w)(?P<w>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)_\d{1,6}(?!\w)"
    r"|\[(?P<t>[A-Za-z][A-Za-z_]{1,47})\Z"
)


def junk_label(text: str) -> list[str]:
    """Labels of placeholder-like text in ``text`` (model output that was not restored).

    Counted: a bracketed label with a number whose label has an underscore or is upper case
    (``[NAME_1]``, ``[Customer_1]``, ``[PERSON 2]``), a bracketed upper-case label with an
    underscore (``[EMAIL_ADDRESS]``), a bare upper-case ``LABEL_N``, and a bracket cut off at the
    very end (``[PERS``). Not counted: ordinary bracketed prose such as ``[Step 1]``.
    """
    out: list[str] = []
    for m in _JUNK_RE.finditer(text):
        label = m.group("b")
        if label is not None:
            core = _SEPS.sub("_", label).strip("_")
            if "_" not in m.group(0) and not label.isupper():
                continue
            out.append(core.upper())
        else:
            out.append((m.group("n") or m.group("w") or m.group("t") or "").upper())
    return out
