"""Generic credentials: a keyword anywhere in an identifier, any separator, a value that looks real.

Provider formats are covered by :mod:`hybridllm.classifiers.secret_rules`; this module finds the
credentials that have no format of their own (passwords, internal tokens, random keys) wherever a
developer writes them:

* the keyword (``key``, ``token``, ``secret``, ``password``, ``passwd``, ``pwd``, ``credential``,
  ``auth``, ``api``, ``private``, ...) anywhere inside an identifier in any case or style
  (``confluence_token``, ``pineconeApiKey``, ``X-Api-Key``, ``_authToken``, ``ClearTextPassword``);
* followed by ``=``, ``:``, ``:=``, ``=>``, ``->``, ``||=``, ``,``, whitespace, "is"/"to"/"as",
  `` - ``, a closing XML tag, a name/value pair (``key="..." value="..."``), CLI flags
  (``--token v``, ``-p'v'``), an ``Authorization`` scheme (``Basic``, ``Bearer``), quotes;
* the value judged by shape and entropy (:func:`looks_like_secret`), and placeholder / example /
  template / code-reference values rejected by :func:`is_placeholder`; code is no value: a call
  or cmdlet behind a bracket, a chain of names (``res?.accessToken``, ``sys.argv[3]``,
  ``key).worksheet(id``), a type with a pointer or optional mark (``QTimer*``); an identifier
  that is a host name or ends in ``error`` / ``domain`` names no credential, and words between
  the keyword and a colon stay on its line and do not start with a property (``credential
  name:``). A value that starts with
  ``$`` or ``%`` is a template variable only when it has a template's shape (``$VAR``,
  ``${VAR}``, ``%VAR%``): ``$2b$12$...`` or ``%k9!xQ...`` are still secrets.

Why hand-written: the maintained scanners' keyword rules (gitleaks' ``generic-api-key``,
detect-secrets' ``KeywordDetector``, CredSweeper's ``DOC_CREDENTIALS``) require a separator
character, or file-type context, and so miss the prose forms of prompts ("the API key 3f9a...",
"login with user X and password v"); see docs/benchmarks.md for the measured difference.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from hybridllm.classifiers.prefilter import finditer
from hybridllm.classifiers.secret_values import is_placeholder, looks_like_secret
from hybridllm.models import Finding

__all__ = ["CredentialRecognizer"]

# Stems that make an identifier a credential's name (matched inside identifiers, any case).
_STEMS = (
    r"pass(?:w(?:or)?d|phrase|code)?|pwd|secret|token|api|key|credential|creds?|auth|private"
    r"|bearer|securestring|pat|psk|sig(?:nature)?"
)
_STEM = re.compile(_STEMS, re.IGNORECASE)
_PASSWORD_NAME = re.compile(r"pass(?:w(?:or)?d|phrase)?(?![a-z])|pwd", re.IGNORECASE)
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.$")
_ID_TAIL = re.compile(r"[A-Za-z0-9_\-.]*")
_WORD_SPLIT = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# A word is a credential word when it is a stem, starts with a common one, or contains a long
# one (PGPASSWORD, mytoken, dbsecret).
_STEM_WORD = re.compile(
    rf"^(?:{_STEMS})s?$|^(?:api|pass|auth|secret|token|key)\w*$"
    r"|password|passwd|passphrase|secret|token|apikey|credential",
    re.IGNORECASE,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# An identifier word that contains a stem but names something else.
_NOT_CREDENTIAL_WORDS = _words(
    "keyboard keyword keywords monkey turkey donkey hotkey keystroke keypress passport "
    "passenger compass bypass passthrough author authors authority authorities tokenizer "
    "tokenize tokenized tokenization apiary pattern patterns path paths patch patent patient "
    "secretary secretaries secretariat passengers passing passive passion passionate passage "
    "passages passed passes keynote "
)
# A last word that makes the identifier a property of a credential, not the credential.
_NOT_VALUE_SUFFIX = _words(
    "id ids name names url uri urls path file files dir type types length len size count "
    "version ttl timeout expiry expires expiration expire format mode method methods endpoint "
    "header prefix policy field label ref arn hint rotation days limit limits enabled required "
    "min max store vault manager provider providers reset flow grant scope scopes algorithm "
    "alg algo hash index env var variable location region server host port user username login "
    "email usage tokens error errors exception exceptions domain domains "
)
# A credential word in the plural, as prose writes it ("secrets", "Keys", "passwords").
_PLURAL_WORD = re.compile(r"[A-Za-z][a-z]+s")
# An identifier that is a host name ("www.apichemistry.com", "auth.example.org"): no key name.
_HOST_NAME = re.compile(r"^(?:[\w-]+\.)+(?:com|net|org|io|ai|dev|app|co|edu|gov|info)$", re.I)
# Operators and filler between the identifier and the value, tried in order.
_CLOSE = r"""(?:["'`\]\)]|&quot;|&#34;)*"""
_OPEN = r"""(?P<q>(?:[rRbBuUfF]{1,2}(?=["']))?(?:["'`]|&quot;|&#34;))?"""
_SCHEME = r"(?:(?:Basic|Bearer|Token|Digest|Bot|ApiKey|NTLM|Negotiate)\s+)?"
_SEPARATORS: tuple[tuple[re.Pattern[str], bool], ...] = tuple(
    (re.compile(_CLOSE + sep + _OPEN + _SCHEME), strict)
    for sep, strict in (
        (r"\s*(?:\|\||\?\?)?(?::=|=>|->|===|==|=|:(?!:))[ \t]*(?:\r?\n[ \t]*)?", False),
        (r"""\s*,?\s*(?:\r?\n\s*-?\s*)?["']?(?:value|val|password)["']?\s*[:=]\s*""", False),
        (r">", False),
        (r"\s+(?:is|are|was|set\s+to|to|as|of)\s*:?\s+", False),
        (r"\s+-+\s+", False),
        (r"\s*,\s*", True),
        (r"\s*\(\s*", True),
        (r"[ \t]+", True),
        (r"(?P<filler>(?:[ \t]+[\w'-]+){1,4}?)(?:[ \t]+(?:is|was|are)|[ \t]*:)\s+", True),
    )
)
_XML_SEP = _SEPARATORS[2][0]  # "<password>VALUE</password>"
# Invisible format characters end a value: an evaded value is matched on the normalized view
# (see combine), where the provider rules name it.
_UNQUOTED_VALUE = re.compile("[^\\s\"'`<>,;\u00ad\u200b-\u200f\u2060-\u2064\ufeff]+")
_FLAG = re.compile(
    r"""(?:^|\s)(?:-p|--?[\w-]*(?:pass|pwd|token|secret|key|auth)[\w-]*(?<!stdin)(?<!file)[=\s])"""
    r"""(?:'(?P<a>[^'\n]{4,200})'|"(?P<b>[^"\n]{4,200})"|(?P<c>[^\s'"-][^\s'"]{3,200}))""",
    re.IGNORECASE,
)
_USERINFO = re.compile(
    r"""(?:-u|--user)[ =]['"]?[^\s:'"]{1,64}:(?P<v>[^\s'"@]{4,200})""", re.IGNORECASE
)
_SQL_PASSWORD = re.compile(
    r"""identified\s+by\s+(?:password\s+)?['"](?P<v>[^'"\n]{4,200})['"]""", re.I
)
_CALL_ARGS = re.compile(
    r"""\(\s*((?:(?:"[^"\n]*"|'[^'\n]*')\s*,\s*){0,3}(?:"[^"\n]*"|'[^'\n]*'))"""
)
_QUOTED = re.compile(r"""["']([^"'\n]*)["']""")
# Code, not a value: a call or subscript of a (qualified) name ("getAdminByToken($this",
# "Q1[next_state].get", "[Math.floor(", "IsLegalDate(int"), a PowerShell cmdlet
# ("ConvertTo-SecureString", "New-Object"), words joined by slashes ("Features/Innovations"),
# a command-line flag ("-AsPlainText").
_CODE_VALUE = re.compile(
    r"^[\[(!]*[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*[(\[](?!\d)"
    r"|^[A-Z][A-Za-z]+-[A-Z][A-Za-z]+$|^[A-Za-z]+(?:/[A-Za-z]+)+$|^--?[A-Za-z][A-Za-z-]*$"
    # the next member of a designated initializer ("{.type=EV_KEY, .code=BTN_TL}")
    r"|^\.[A-Za-z_]\w*="
)
# A chain of names in code style joined by calls, subscripts and member access
# ("menuColumns).map((menuColumnId)", "outputs[0].dataSync()", "res?.accessToken",
# "sys.argv[3]", "sheet_key).worksheet(sheet_id"): each part is checked by _wordy.
_CODE_TOKEN = re.compile(r"[A-Za-z_$][\w$]*|\d{1,3}|\?\.|::|->|[.,()\[\]'\"]")
_CODE_JOIN = frozenset(("(", "[", "?.", "::", "->"))  # not "." alone: "Article.part7747"
_LETTERS_NAME = re.compile(r"[A-Za-z_]+")
_WORD_PIECE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
# Markdown escapes of pasted code ("nvr\_password") and literal line breaks at the end.
_MD_ESCAPE = re.compile(r"\\([_*`#\[\]])")
_LITERAL_BREAK = re.compile(r"(?:\\[nrt])+$")


def _wordy(name: str) -> bool:
    """A name made of words (``menuColumnId``, ``sheet_key``), not of random characters."""
    pieces = _WORD_PIECE.findall(name)
    letters = sum(len(p) for p in pieces if not p.isdigit())
    return bool(pieces) and letters >= 3 * sum(1 for p in pieces if not p.isdigit())


def _code_chain(value: str) -> bool:
    """Names in code style joined by calls, subscripts or member access (see _CODE_TOKEN)."""
    pos, names, joins = 0, 0, 0
    for m in _CODE_TOKEN.finditer(value):
        if m.start() != pos:
            return False
        pos = m.end()
        tok = m.group()
        if tok[0].isalpha() or tok[0] in "_$":
            if not _wordy(tok):
                return False
            names += 1
        joins += tok in _CODE_JOIN
    return pos == len(value) and names >= 2 and joins >= 1


def _is_code(value: str) -> bool:
    """A call, cmdlet, path of words, flag or chain of names, behind any opening brackets."""
    v = value.lstrip("([!")
    return bool(_CODE_VALUE.match(v) or _code_chain(v))


def _judged(value: str, strict: bool, password: bool) -> bool:
    """:func:`looks_like_secret` on the value as written before markdown escaping, and not code."""
    v = _LITERAL_BREAK.sub("", _MD_ESCAPE.sub(r"\1", value))
    if _is_code(v):
        return False
    name = v.rstrip("*?")
    if not password and name != v and _LETTERS_NAME.fullmatch(name) and _wordy(name):
        return False  # a name with a pointer or optional mark ("QTimer*", "nextToken?")
    if v[:1] in "([" and not is_placeholder(v):  # "[PERSON_1]" is a placeholder as written
        v = v.lstrip("([")  # "(https://...": what follows the bracket is the value
    return looks_like_secret(v, strict, password)


def _identifiers(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the identifiers (``[A-Za-z0-9_.-]`` runs) that contain a keyword stem."""
    pos = 0
    for m in finditer(_STEM, text):
        if m.start() < pos:
            continue
        start = m.start()
        while start > 0 and text[start - 1] in _ID_CHARS:
            start -= 1
        while start < m.start() and text[start] in ".-":
            start += 1
        end = _ID_TAIL.match(text, m.end()).end()  # type: ignore[union-attr]  # always matches
        while end > m.end() and text[end - 1] in ".-":
            end -= 1
        pos = end
        yield start, end


def _unbalanced(value: str) -> bool:
    """A value ending in a closing bracket it did not open (``key=abc)`` in a call)."""
    pairs = {")": "(", "]": "[", "}": "{"}
    close = value[-1]
    return value.count(close) > value.count(pairs[close])


def _is_credential_name(ident: str) -> bool:
    words = [w.lower() for w in _WORD_SPLIT.findall(ident)]
    if not words or words[-1] in _NOT_VALUE_SUFFIX or _HOST_NAME.match(ident):
        return False
    # Adjacent pairs too: ConvertTo-SecureString, pass_word, api_key; not with a word that
    # names something else ("AutoTokenizer" is no "autotoken").
    pairs = [
        a + b
        for a, b in itertools.pairwise(words)
        if a not in _NOT_CREDENTIAL_WORDS and b not in _NOT_CREDENTIAL_WORDS
    ]
    return any(_STEM_WORD.search(w) and w not in _NOT_CREDENTIAL_WORDS for w in words + pairs)


def _value_at(
    text: str, pos: int, password: bool, plural: bool = False
) -> tuple[int, int, bool] | None:
    """The first separator form after ``pos`` that leads to a credential-like value. After a
    ``plural`` word of prose, "of" says whose they are, not what they are ("the hidden secrets
    of Duskwood!", "The Secrets of Homeschooling: Revealed!")."""
    for sep, strict in _SEPARATORS:
        m = sep.match(text, pos)
        if m is None:
            continue
        if plural and m.group().split()[:1] == ["of"]:
            continue
        start = m.end()
        filler = m.groupdict().get("filler")
        if filler and filler.split()[0].lower() in _NOT_VALUE_SUFFIX:
            continue  # "credential name: x", "token type: x": a property of the credential
        quote = m.group("q")
        if quote:
            q = quote[-1] if quote[-1] in "\"'`" else quote
            end = text.find(q, start, start + 1024)
            nl = text.find("\n", start, end if end >= 0 else start + 1024)
            if end < 0 or nl >= 0:
                continue
        else:
            vm = _UNQUOTED_VALUE.match(text, start)
            if vm is None:
                continue
            end = vm.end()
            while end > start and (
                text[end - 1] in ".:" or (text[end - 1] in ")]}" and _unbalanced(text[start:end]))
            ):
                end -= 1
        if sep is _XML_SEP and not text.startswith("</", end + (1 if quote else 0)):
            continue  # "<password>VALUE" is an XML value only before its closing tag
        if end > start and _judged(text[start:end], strict, password):
            return start, end, strict
    return None


class CredentialRecognizer:
    """Finds values given to credential-named keys, in any syntax (see the module docstring).

    Attributes:
        name: ``"credentials"``.
    """

    prefilter_patterns = (
        _STEM,
        _FLAG,
    )
    """Patterns searched through the classifier's prefilter (see :mod:`.prefilter`)."""

    name = "credentials"

    def _spans(self, text: str) -> Iterator[tuple[int, int]]:
        for start, end in _identifiers(text):
            if not _is_credential_name(text[start:end]):
                continue
            call = _CALL_ARGS.match(text, end)
            if call is not None:  # NetworkCredential("user", "pass"): every string argument
                for q in _QUOTED.finditer(text, call.start(1), call.end(1)):
                    if looks_like_secret(q.group(1), strict=True):
                        yield q.span(1)
                continue
            ident = text[start:end]
            plural = _PLURAL_WORD.fullmatch(ident) is not None
            found = _value_at(text, end, bool(_PASSWORD_NAME.search(ident)), plural)
            if found is not None:
                yield found[0], found[1]
        for rx in (_USERINFO, _SQL_PASSWORD):
            for m in rx.finditer(text):
                if not is_placeholder(m.group("v")):
                    yield m.span("v")
        for m in finditer(_FLAG, text):
            g = next(g for g in ("a", "b", "c") if m.group(g) is not None)
            if looks_like_secret(m.group(g), strict=g == "c"):
                yield m.span(g)

    def find(self, text: str) -> list[Finding]:
        """Credential values in ``text``.

        Args:
            text: the text to scan.

        Returns:
            ``SECRET`` findings of type ``CREDENTIAL`` covering the value only.
        """
        return [
            Finding(
                entity_type="CREDENTIAL",
                category="SECRET",
                start=start,
                end=end,
                score=0.8,
                recognizer=self.name,
            )
            for start, end in dict.fromkeys(self._spans(text))
        ]
