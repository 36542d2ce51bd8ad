"""Person names inside account handles: home-directory user names and ``@`` mentions.

A pasted traceback or shell session carries its user's account name in every path:
``/home/hgardner/app/main.py``, ``C:\\Users\\Maria.Lopez\\Documents``, ``/Users/skip.miller/``.
The place is fixed by each operating system's convention (``/home/<user>`` on Linux,
``/Users/<user>`` on macOS, ``C:\\Users\\<user>`` on Windows), so no cue word is needed; what
decides is whether the account name spells a person's name. :func:`home_users` takes the user
segment when one of its parts, or the start or end of a run-together part, is a listed given
name or a listed surname that is no English word (``hgardner``, ``jacobgershkovich``,
``skip.miller``, ``Mike``); service and generic accounts (``student``, ``runner``, ``vsts``,
``Admin``, ``ubuntu``) spell none and stay.

:func:`mention_spans` widens a name found inside an ``@`` mention to the whole mention
(``@maria.lopez`` where only ``lopez`` was found), so no part of the handle is left; it never
creates a finding (public accounts are named in many prompts).
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_tokens import Kind, TokenLexicon, fold
from hybridllm.models import Finding

__all__ = ["home_users", "mention_spans", "mentioned_given", "whole_mentions"]

_HOME = re.compile(r"/home/|/Users/|\\Users\\|\\\\Users\\\\")
_USER = re.compile(r"[^/\\\s\"'<>:|*?$%{}()\[\];,`]+")
_PARTS = re.compile(r"[._\-\d]+|(?<=[a-z])(?=[A-Z])")
# A login at a host, as ssh, scp and shell prompts write it: "mlopez@10.0.0.5",
# "mlopez@build-box:~$" (an e-mail address is the e-mail recognizer's).
_LOGIN_USER = re.compile(r"(?<![\w.+@-])[A-Za-z][\w.-]{1,31}\Z")
_LOGIN_HOST = re.compile(
    r"(?:\d{1,3}(?:\.\d{1,3}){3}(?!\.?\d)"
    # not an image digest ("nginx@sha256:") nor a stack frame ("renderWithHooks@http://")
    r"|(?!sha\d+:|(?:https?|file|wss?|ftp|webpack|blob|data|[a-z]+-extension):)"
    r"[A-Za-z][\w-]*(?=[:\s]|$))"
)
_CAMEL = re.compile(r"[a-z][A-Z]")  # a code identifier ("renderWithHooks"), no login
# (The "@" first, the character before it checked after it: the same matches as
# r"(?<![\w.@/])@...", but re finds an "@" the way str.find does instead of trying every
# position: ~10x faster over a text.)
_MENTION = re.compile(r"@(?<![\w.@/]@)[A-Za-z][\w.-]*[A-Za-z\d]")
_HANDLE_SPLIT = re.compile(r"[._]")
_MIN_PART = 4  # letters of a name found at the start or end of a run-together part


# The default accounts of common images, CI runners and notebooks (GitHub Actions' ``runner``,
# Azure Pipelines' ``vsts``, AWS's ``ec2-user``, Jupyter's ``jovyan``, Raspberry Pi OS's ``pi``,
# ...) and generic ones: nobody's name.
DEFAULT_ACCOUNTS = frozenset(
    (  # noqa: SIM905 - a word list, read as one
        "root admin administrator user username users yourname yourusername you me guest "
        "test tester student default public shared ubuntu debian centos fedora ec2-user "
        "azureuser pi vagrant runner vsts jenkins gitlab-runner git docker node app appuser "
        "deploy deployer developer dev coder codespace gitpod jovyan sagemaker-user "
        "www-data nobody linuxbrew build builder ci"
    ).split()
)


def _listed(word: str, lex: TokenLexicon) -> bool:
    """A listed given name, or a listed surname that is no everyday word."""
    return word in lex.first or (word in lex.last and lex.kind(word) is Kind.NAME)


def _spells_name(user: str, lex: TokenLexicon) -> bool:
    """Whether the account name ``user`` holds a person's name (see the module docstring)."""
    if user.lower() in DEFAULT_ACCOUNTS:
        return False
    for part in _PARTS.split(user):
        low = fold(part.lower())
        if len(low) < 3 or not low.isalpha() or low in DEFAULT_ACCOUNTS:
            continue
        if lex.kind(part) in (Kind.NAME, Kind.AMBIGUOUS) and _listed(low, lex):
            return True
        # run together: a given name and a surname of 3+ letters ("jacobgershkovich"), or an
        # initial or two and a surname ("hgardner", "jrsmith"); not "ngin" + "x" in "nginx"
        if any(_listed(low[:k], lex) for k in range(_MIN_PART, len(low) - 2)) or any(
            _listed(low[k:], lex) for k in (1, 2) if len(low) - k >= _MIN_PART
        ):
            return True
    return False


def home_users(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of the home-directory user names, host logins (``mlopez@10.0.0.5``) and ``@``
    mentions written as a name (``@maria.lopez``) in ``text`` that spell a person's name.

    Args:
        text: the text to scan.
        lex: the token lists.

    Returns:
        ``(start, end)`` of each user segment, in text order.
    """
    out: list[tuple[int, int]] = []
    if "Users" in text or "/home/" in text:
        for m in _HOME.finditer(text):
            user = _USER.match(text, m.end())
            if user is not None and _spells_name(user.group(), lex):
                out.append((user.start(), user.end()))
    if "@" in text:
        at = text.find("@")
        while at >= 0:  # each "@" once, its user read backwards: linear in the text
            user = _LOGIN_USER.search(text, max(0, at - 32), at)
            if (
                user is not None
                and _LOGIN_HOST.match(text, at + 1)
                and not _CAMEL.search(user.group())
                and _spells_name(user.group(), lex)
            ):
                out.append(user.span())
            at = text.find("@", at + 1)
        for m in _MENTION.finditer(text):
            if _dotted_name(m.group()[1:], lex):
                out.append((m.start() + 1, m.end()))
    return sorted(out)


def _dotted_name(handle: str, lex: TokenLexicon) -> bool:
    """A workplace handle written as a person's name: a listed given name or an initial, a dot
    or underscore, and a listed surname that is no everyday word (``maria.lopez``,
    ``j.okonkwo``, ``anna_berg``); a public account (``@elonmusk``, ``@nytimes``) has none."""
    parts = _HANDLE_SPLIT.split(handle.lower())
    if len(parts) != 2:  # a given name and a surname
        return False
    given, last = (fold(p) for p in parts)
    return (
        (len(given) == 1 or given in lex.first)
        and given.isalpha()
        and len(last) >= 3
        and last in lex.last
        and lex.kind(last) is not Kind.WORD
    )


def mention_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    """The ``@`` mentions that hold a found name: ``(start, end)`` of the name and of the
    mention without its ``@`` for each.

    Args:
        text: the text.
        spans: ``(start, end)`` of the PERSON findings.

    Returns:
        ``(name_start, name_end, mention_start, mention_end)`` where the mention is wider.
    """
    if "@" not in text or not spans:
        return []
    out: list[tuple[int, int, int, int]] = []
    for m in _MENTION.finditer(text):
        lo, hi = m.start() + 1, m.end()
        out.extend((s, e, lo, hi) for s, e in spans if lo <= s and e <= hi and (s, e) != (lo, hi))
    return out


def whole_mentions(text: str, findings: list[Finding]) -> list[Finding]:
    """A PERSON finding inside an ``@`` mention grows to the whole mention (``@maria.lopez``
    where only ``lopez`` was found): no part of the handle is left."""
    grow = {
        (s, e): (lo, hi)
        for s, e, lo, hi in mention_spans(
            text, [(f.start, f.end) for f in findings if f.entity_type == "PERSON"]
        )
    }
    if not grow:
        return findings
    return [
        f.model_copy(update=dict(zip(("start", "end"), grow[(f.start, f.end)], strict=True)))
        if f.entity_type == "PERSON" and (f.start, f.end) in grow
        else f
        for f in findings
    ]


# A lower-case chat mention of one word, then a space, a colon or a punctuation mark (not a
# decorator's call, a path or an address): "@james: fine by me", "thanks @sandy for the fix".
# (The "@" first, as in _MENTION.)
_LOWER_MENTION = re.compile(r"@(?<![\w.@/]@)([a-z][a-z'’-]{2,})(?=[ \t\n:,;!?)]|\.(?!\w)|\Z)")


def mentioned_given(text: str, lex: TokenLexicon) -> list[tuple[int, int]]:
    """Spans of lower-case ``@`` mentions that are a listed given name, an English word too
    (``@james``, ``@sandy``; not ``@channel``, ``@here``, a default account): a chat's handle
    spelt as a name is that person's. Capitalised mentions are the cased rules' (``@James``)."""
    if "@" not in text:
        return []
    return [
        m.span(1)
        for m in _LOWER_MENTION.finditer(text)
        if m.group(1) in lex.first and m.group(1) not in DEFAULT_ACCOUNTS
    ]
