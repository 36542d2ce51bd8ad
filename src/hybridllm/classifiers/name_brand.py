"""Brands, products, companies and code identifiers that the name rules took for a person, told
by the words around them; and public figures told by how the prompt speaks of them.

A capitalised word in no list looks the same whether it is a rare surname or a brand
(``Zelle``, ``Maersk``, ``Solugen``): only its context tells. :func:`brand_context` reads the
grammar of a thing around a finding:

- a noun a person's name does not take right after it (``Zelle account``, ``a Sezzle
  customer``, ``Cygwin terminal``, ``Cassandra data model``; not before a job title: ``Ana Ruiz
  account manager`` is a person), a company's figures (``Accenture's earnings``), a model number
  (``Galaxy S21``, ``Warhammer 40k``, ``Vitamix 5200 Blender``; a bare number is a postal code or
  a house number as often);
- a thing's class noun before it, with ``called`` / ``named`` / ``like`` / ``such as`` (``a
  startup called Waze``, ``brands like Oreo``; and the later items of such an enumeration:
  ``companies such as Walmart, Target, and Kohl's``), or right before it after a determiner
  (``the app Menti``, ``my drone startup Skyello``; not a service or a vendor: ``customer
  service Mary Jones``), a question for a definition (``What is Qbert?``), ``it is called X``;
- a copula or an apposition that makes it a thing (``Skyello is a platform for drones``,
  ``Toluna? It is a panel company``, ``Rejuuv, an online booking platform``);
- a lower-case indefinite article right before a one-word name (``a Thai person``, ``a Pepe
  enthusiast``): nobody calls a private person "a Tom";
- code: ``Yii::app()``, ``class Meta:``, ``import Adam``, ``Ord(a)``.

:func:`known_context` reads a full name the prompt speaks of as of someone public: a question the
model can answer only about a public figure (``Who is Neil Howe?``, ``Do you know Leo Lionni?``,
``tell me about ...``), a role of public life before it (``politician ...``, ``dictator ...``,
``the author ...``; before a one-word name, only the roles of :data:`_ONE_ROLES`: ``president
Zelenskii``, ``the french writer Molière``), a published work after it (``...'s most famous
song``, ``...'s book``; not a quote or a speech, which private people have too).

:func:`with_company` gives a name enumerated beside a public figure's full name (``Jerry
Seinfeld, Norm McDonald, George Carlin``: full names only) or beside a brand (``programs called
Kahoot and Quizizz``) the kind of its company. :func:`in_quoted_title` tells a name that is
part of a quoted title of a work (``the game "Escape from Tarkov"``).

None of this decides alone: :func:`hybridllm.classifiers.name_public.drop_public` still keeps a
brand with contact details near it, every other name with any private evidence near it (a
record, a form, a personal cue), and every name of a clinical text.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from hybridllm.classifiers.name_cast import cast_context
from hybridllm.classifiers.name_public_roles import public_role
from hybridllm.classifiers.name_tokens import FUNCTION_WORDS, token_lexicon
from hybridllm.classifiers.prefilter import per_text
from hybridllm.models import Finding

__all__ = [
    "QUOTE",
    "brand_context",
    "in_quoted_title",
    "known_context",
    "thing_kind",
    "with_company",
]

# Nouns that name a kind of thing (an organisation, a product, a service, a program); none a
# person can be ("a vendor named Ana Ruiz", "a care provider", "a mail carrier" are people).
_THING = (
    r"(?:company|companies|startup|start-up|brand|brands|app|apps|platform|tool|tools|website"
    r"|service|services|software|product|products|game|games|library|libraries|framework|bank"
    r"|firm|agency|store|stores|shop|restaurant|restaurants|hotel|cafe|airline|marketplace"
    r"|network|protocol|device|engine|database|plugin|extension|chain|retailer|manufacturer"
    r"|exchange|wallet|site|solution|system|program|application|business|brokerage"
    r"|franchise)(?:s|es)?"
)
# A job title's head after the noun: "Ana Ruiz account manager", "Sam Lee store clerk" name a
# person and a role.
_JOB = (
    r"[ \t]+(?i:manager|executive|director|rep|representative|officer|lead|owner|specialist"
    r"|assistant|associate|clerk|teller|secretary|supervisor|admin|administrator|engineer|analyst"
    r"|coordinator|agent|advisor|adviser|consultant|success|service|support|relations)\b"
)
# Right after the name, a noun a person's name does not take (no possessive between): the
# name is a brand's ("Zelle account", "a Sezzle customer", "the Cygwin terminal"). No word that
# is also a verb after a subject or in "let X ...", nor a job ("Tom shares a story", "Maria
# posts daily", "Ana accounts for", "keep John company", "let Sam shop", "Jane Doe editor").
_AFTER = re.compile(
    r"[ \t]+(?:account|customer|customers|subscription|subscriptions|subscribers|companies|bank"
    r"|brand|store|products|terminal|console|headset|laptop|blender|batteries|battery|pricing"
    r"|homepage|dashboard|website|webpage|payroll|tutorial|documentation|docs|repo|repository"
    r"|toolkit|cli|gui|ide|sdk|ecosystem|users|premium|settings|configuration|config|template"
    r"|module|platform|app|apps|software|framework|library|plugin|extension|engine|programming"
    # an era, a state or a cuisine named after it: "the Georgian period", "the Nazi government"
    r"|period|era|dynasty|empire|government|regime|cuisine)\b(?!" + _JOB + r")"
    # capitalised too (no job title starts so; "Account Manager", "Editor" do)
    r"|[ \t]+(?i:query|queries|schema|cluster|firmware|syntax|data[ \t]+model)\b"
    r"|[ \t]+(?:Pro|Plus|Ultra|Mini|Lite)\b"
    # a company's figures and officers: "Accenture's earnings report", "Apple's CEO"
    r"|['’]s[ \t]+(?:(?:quarterly|annual|latest|Q[1-4])[ \t]+)?(?:earnings|revenues?|stock"
    r"|shares|IPO|CEO|CFO|CTO|headquarters|subsidiary|subsidiaries|market[ \t]+cap)\b"
    # a model number: "Galaxy S21", "Warhammer 40k", "Vitamix 5200 Blender" (a bare number is
    # a postal code or a house number as often: "Nürnberg 90419", "Grote Baan 477")
    # (not a postcode's first half: "SW1A 2AA", "D02 X285")
    r"|[ \t]+(?:[A-Z]{1,2}\d{1,4}[A-Za-z]?|\d{1,4}k)\b(?![ \t]*[A-Za-z]{0,2}\d)"
    r"|[ \t]+\d{1,5}[ \t]+(?:Pro|Max|Plus|Ultra|Mini|Lite|Series|Edition|Blender|Camera|Phone"
    r"|Laptop|Console|Headphones|Printer|Router)\b"
)
# Right before the name: a thing's class noun, with "called" / "named" / "like" / "such as" or
# a comma between ("a technology startup called Waze", "the app Menti", "brands like Oreo").
_BEFORE = re.compile(
    r"(?i:\b"
    + _THING
    + r"(?:[ \t]*,?[ \t]+(?:is[ \t]+)?(?:called|named)|[ \t]+(?:like|such[ \t]+as))[ \t]+[\"“']?$"
    # right before the name, after a determiner: "the app Menti", "my drone startup Skyello",
    # "two games, Kancolle and ...", "the name of the business is Hirsch"
    # (not a service, a provider, a vendor: "customer service Mary Jones", "vendor Ana Ruiz")
    r"|\b(?:the|a|an|my|our|your|their|this|that|two|three)[ \t]+(?:[\w-]+[ \t]+){0,2}?"
    r"(?:company|startup"
    r"|brand|app|platform|tool|website|software|game|library|framework|bank|marketplace|protocol"
    r"|engine|database|plugin|extension|retailer|manufacturer|airline|hotel|restaurant|store"
    r"|shop|chain|business)(?:s|es)?(?:[ \t]*,|[ \t]+is)?[ \t]+[\"“']?$)"
)
# A word between the determiner and the class noun: no function word ("John, a friend from
# the company," is a person).
_MODIFIER = (
    r"(?!(?:of|from|at|in|for|with|the|a|an|to|and|or|on|by|my|our|your|his|her|their|who"
    r"|that|which)\b)[\w-]+"
)
# A question for a definition, not for a person ("What is Qbert?"), or "it" named so ("It is
# called Agoset").
_WHAT_BEFORE = re.compile(
    r"(?i:\b(?:what\s+(?:is|was|are|were)|what['’]s|it(?:['’]s|\s+is|\s+was)\s+(?:called|named))"
    r"\s+[\"“']?$)"
)
# After the name, a copula that makes it a thing: "Skyello is a platform for drones", "Toluna?
# It is a panel company". The class noun ends its phrase ("is a game designer" is a person).
_COPULA = re.compile(
    r"(?:[ \t]+(?:is|was)|[ \t]*[?.!][ \t]*(?:It|it)[ \t]+(?:is|was)|[ \t]*(?:['’]s)|[ \t]*,)"
    r"[ \t]+(?:a|an|the)[ \t]+(?:"
    + _MODIFIER
    + r"[ \t]+){0,3}?"
    + _THING
    + r"(?:[ \t]*(?:[.,;:!?)\n]|$)"
    r"|[ \t]+(?:that|which|for|in|based|with|of|from|where|offering|providing|to|and|on"
    r"|founded|headquartered|designed|built|used)\b)"
)
# Code: "Yii::app()", "Meta.objects(", "Adam()", "class Meta:", "import Adam".
# (a call's arguments are short identifiers: "Ord(a)", "len(p)"; not "Jim Wright(examples)")
_CODE_AFTER = re.compile(r"::|->|\((?:[a-z_]\w{0,3}(?:, ?[a-z_]\w{0,3})*)?\)|\.[A-Za-z_]\w*\(")
_CODE_BEFORE = re.compile(
    r"(?:\b(?:class|import|extends|implements|struct|interface|enum|def|func|function)[ \t]+$)"
)
# A question about someone the model is expected to know: only a public figure is.
_KNOWN_BEFORE = re.compile(
    r"(?i:\b(?:who\s+(?:is|was|were)|(?:do|did)\s+you\s+know(?:\s+about|\s+who)?"
    r"|tell\s+me\s+(?:more\s+|everything\s+|all\s+)?about|what\s+do\s+you\s+know\s+about"
    r"|(?:have|did)\s+you\s+(?:ever\s+)?hear(?:d)?\s+(?:of|about)|are\s+you\s+familiar\s+with)"
    r"\s+$)"
)
# Someone of public life named by the role before the name: "politician Marjorie Taylor
# Greene", "the author Michael Lewis", "dictator Idi Amin", "actor Simbu". (Not after a
# possessive: "our founder X", "my coach X" are private cues, see name_public._PERSONAL.)
_ROLE_BEFORE = re.compile(
    r"(?i:\b(?:actor|actress|singer|rapper|comedian|novelist|poet|philosopher|politician"
    r"|president|senator|congressman|congresswoman|dictator|painter|composer|economist"
    r"|physicist|footballer|quarterback|filmmaker|playwright|youtuber|influencer|celebrity"
    r"|pope|emperor|pharaoh|prophet|apostle|mathematician|billionaire|guitarist|the\s+late"
    r"|the\s+(?:author|writer|director))\s+$)"
)
# A full name's published work: "Adam Grant's book", "Namie Amuro's most famous song", "Tony
# Robbins' 6 Human Needs". (Not a quote, a speech, a position, thoughts: "rewrite van den
# Bossche's quote for the press release" is a private person's.)
_WORK_AFTER = re.compile(
    r"['’]s?[ \t]+(?:(?:new|latest|most|famous|best|first|last|debut|\d+)[ \t]+){0,2}"
    r"(?i:books?|novels?|songs?|albums?|films?|movies?|theory|theories|definition|characters?"
    r"|paintings?|lyrics|discography|filmography|biography|philosophy|teachings|works"
    r"|human\s+needs)\b"
)
# A role of public life before a one-word name: the roles only public figures hold (not
# "painter", "singer", "director", "author": a house painter, a choir's singer, a company's
# director, a review's author are private people named by one word as often).
_ONE_ROLES = frozenset(
    (  # noqa: SIM905
        "president senator congressman congresswoman chancellor dictator pope emperor empress"
        " pharaoh prophet apostle philosopher novelist playwright composer poet writer"
        " mathematician physicist"
    ).split()
)
# A public office or a royal title that NER took into the name ("President Franklin D
# Roosevelt", "Pope Francis", "Queen Elizabeth"); a word must follow it.
_OFFICE_IN = re.compile(
    r"(?:President|Senator|Congressman|Congresswoman|Governor|Chancellor|Pope|Emperor|Empress"
    r"|Tsar|Czar|Sultan|Pharaoh|King|Queen|Prince|Princess|Prime[ \t]+Minister)[ \t]+[A-Z]"
)
_ROLE_ONE = re.compile(r"(?i:\b(?:" + "|".join(sorted(_ONE_ROLES)) + r")\s+$)")
# A later item of an enumeration a thing's class noun introduces: "companies such as Walmart,
# Target, and Kohl's", "apps like Notion, Trello or Menti" (the first item is _BEFORE's).
_ITEM = r"[A-Z][\w'’&.-]*(?:[ \t]+[A-Z][\w'’&.-]*){0,2}"
# What introduces _THINGS_LISTED's enumeration (the same words and case): a text without it is
# not searched before each of its names.
_LISTING = re.compile(r"(?i:such[ \t]+as|like|including)")
_THINGS_LISTED = re.compile(
    r"(?i:\b"
    + _THING
    + r"[ \t]*,?[ \t]+(?:such[ \t]+as|like|including)[ \t]+)"
    + _ITEM
    + r"(?:[ \t]*,[ \t]*"
    + _ITEM
    + r"){0,6}(?:[ \t]*,?[ \t]+(?:and|or)[ \t]+|[ \t]*,[ \t]*)$"
)
_LIST_GAP = 40  # characters between two names of one enumeration
# Between two names of one enumeration: commas, "and", or the next item of a numbered or
# bulleted list ("1) Jerry Seinfeld\n2) Norm McDonald").
_LIST_SEP = re.compile(
    r"(?:[ \t]*(?:,|;|/|&|\band\b|\bor\b)[ \t]*|\s*\n[ \t]*(?:\d+[.)]|[-*•])[ \t]*"
    r"|[ \t]*\d+[.)][ \t]*)+"
)
_PUBLIC_KINDS = ("person", "famous", "author")
# The last word before a name that each pattern before a name can end with: the patterns run
# only after one of them (a regex search of the window before every name costs more than the
# rest of the stage's public-name rules together).
_STRICT = (  # noqa: SIM905
    "company startup brand app platform tool website software game library framework bank"
    " marketplace protocol engine database plugin extension retailer manufacturer airline hotel"
    " restaurant store shop chain business"
).split()
_BRAND_LAST = frozenset(
    (
        *("called", "named", "like", "as", "is", "was", "are", "were", "what's", "what’s"),
        *_STRICT,
        *(w + "s" for w in _STRICT),
        *(w + "es" for w in _STRICT),
    )
)
_KNOWN_LAST = frozenset(
    (  # noqa: SIM905
        "is was were know about who of with late author writer director actor actress singer"
        " rapper comedian novelist poet philosopher politician president senator congressman"
        " congresswoman dictator painter composer economist physicist footballer quarterback"
        " filmmaker playwright youtuber influencer celebrity pope emperor pharaoh prophet apostle"
        " mathematician billionaire guitarist"
    ).split()
)
_WORD_END = " \t\"“'”,"


_OWNERS = frozenset(("my", "your", "our", "their", "its", "his"))
_ARTICLE_END = re.compile(r"(?<![\w'’-])an? $")


def _article_before(text: str, start: int, key: str) -> bool:
    """A one-word name right after a lower-case indefinite article: ``a Thai person``, ``a Finn
    eating herring``, ``a Pepe enthusiast``, ``an Airbnb host``. Nobody calls a private person
    "a Tom" (nor "A", which may be an initial or a sentence's first word; a full name after one
    is a person's work: ``a Cody Short concert``). The word before the article must be English:
    in Spanish, Portuguese or Italian "a" means "to" (``envíen sus comentarios a Juan``)."""
    if not (
        " " not in key
        and text[start : start + 1].isupper()
        and text[start - 1 : start] == " "
        and (article := _ARTICLE_END.search(text, max(0, start - 4), start)) is not None
    ):
        return False
    before = text[max(0, article.start() - 24) : article.start()].split()
    word = before[-1].strip(_WORD_END + ".;:!?()").lower() if before else ""
    return not word or word in FUNCTION_WORDS or word in token_lexicon().vocab


def _last_word(text: str, start: int) -> str:
    """The lower-cased word before ``start`` (quotes, commas and spaces between skipped)."""
    parts = text[max(0, start - 24) : start].rstrip(_WORD_END).rsplit(None, 1)
    return parts[-1].lstrip("([\"“'").lower() if parts else ""  # none: only spaces before


def brand_context(text: str, f: Finding, last: str | None = None) -> bool:
    """Whether the words around the finding ``f`` of ``text`` make it a thing's name: a brand, a
    product, a company, a code identifier (see the module docstring). ``last`` is the word before
    the finding when the caller has it."""
    start, end = f.start, f.end
    after = text[end : end + 1]
    if after in (" ", "\t"):
        thing = _AFTER.match(text, end) is not None or _COPULA.match(text, end) is not None
    elif after in ("?", ".", "!", ",", "'", "’"):
        thing = (
            _COPULA.match(text, end) is not None
            or _AFTER.match(text, end) is not None
            or (after == "." and _CODE_AFTER.match(text, end) is not None)
        )
    else:
        thing = after in (":", "-", "(") and _CODE_AFTER.match(text, end) is not None
    if thing:
        return True
    if last is None:
        last = _last_word(text, start)
    if last in ("class", "import", "extends"):
        before = text[max(0, start - 12) : start]
        return (after == ":" or last != "class") and _CODE_BEFORE.search(before) is not None
    if last not in _BRAND_LAST:
        return False
    before = text[max(0, start - 40) : start]
    return _BEFORE.search(before) is not None or (
        _WHAT_BEFORE.search(before) is not None
        and (after in ("?", ".", "") or last in ("called", "named"))
    )


def thing_kind(text: str, f: Finding, key: str) -> str | None:
    """``"brand"`` when the context makes the finding a thing's name (:func:`brand_context`),
    ``"known"`` when the prompt asks about the person as about someone the model knows
    (:func:`known_context`) or calls a full name a character of fiction
    (:func:`~hybridllm.classifiers.name_cast.cast_context`), else None. ``key`` is the
    finding's lower-cased text."""
    last = _last_word(text, f.start)
    if (
        brand_context(text, f, last)
        or (
            last in ("and", "or", "")
            and per_text(text, "listing", _listing)
            and _THINGS_LISTED.search(text, max(0, f.start - 120), f.start)
        )
        # owned right after a possessive: "on my Mac", "our Peer to Peer group", "for my Lean
        # Consultancy business" (not "her", an object as often: "told her Bob was out")
        or (last in _OWNERS and text[f.start - 1 : f.start] == " ")
        or _article_before(text, f.start, key)
    ):
        return "brand"
    if " " in key and (known_context(text, f, last) or cast_context(text, f)):
        return "known"  # a public figure; or a character the prompt introduces (name_cast)
    if last in _ONE_ROLES and _ROLE_ONE.search(text, max(0, f.start - 30), f.start) is not None:
        return "known"  # "president Zelenskii", "the french writer Molière"
    return public_role(text, f, key)  # "Justice Sanjay Karol", "Jesus" in a text of faith


def _listing(text: str) -> bool:
    return _LISTING.search(text) is not None


def known_context(text: str, f: Finding, last: str | None = None) -> bool:
    """Whether the prompt asks the model about the person named by ``f`` as about someone it
    knows (``Who is Neil Howe?``, ``Do you know Leo Lionni?``): only a public figure is."""
    start = f.start
    if text[f.end : f.end + 1] in ("'", "’") and _WORK_AFTER.match(text, f.end) is not None:
        return True
    if _OFFICE_IN.match(text, start, f.end) is not None:
        return True  # "President Nixon", "Queen Elizabeth II": NER took the office in
    if last is None:
        last = _last_word(text, start)
    return last in _KNOWN_LAST and (
        _KNOWN_BEFORE.search(text, max(0, start - 40), start) is not None
        or _ROLE_BEFORE.search(text, max(0, start - 30), start) is not None
    )


def with_company(
    text: str, found: list[Finding], keys: list[str], kinds: list[str | None]
) -> list[str | None]:
    """``kinds`` with ``"listed"`` for a name of no kind enumerated a separator apart (commas,
    "and", the next item of a numbered list) beside a public figure's or an author's full
    name (a full name only: ``Jerry Seinfeld, Norm McDonald``; ``Empty Planet by Darrell Bricker
    and John Ibbitson``) or beside a brand (any name: ``programs called
    Kahoot and Quizizz``): names enumerated together are of one kind."""
    out = list(kinds)
    for first, full_only in (
        ([i for i, k in enumerate(kinds) if k in _PUBLIC_KINDS and " " in keys[i]], True),
        ([i for i, k in enumerate(kinds) if k == "brand"], False),
    ):
        sources = first
        while sources:  # "A, B, C" with A public: B joins A, then C joins B
            joined = []
            for i, (f, key, kind) in enumerate(zip(found, keys, out, strict=True)):
                if kind is not None or (full_only and " " not in key):
                    continue
                if any(_enumerated(text, f, found[j]) for j in sources):
                    out[i] = "listed"
                    joined.append(i)
            sources = joined
    return out


def _enumerated(text: str, f: Finding, o: Finding) -> bool:
    """Whether only a list separator stands between the findings ``f`` and ``o``."""
    lo, hi = (f.end, o.start) if f.end <= o.start else (o.end, f.start)
    return 0 <= hi - lo <= _LIST_GAP and _LIST_SEP.fullmatch(text, lo, hi) is not None


QUOTE = re.compile('["“”]')
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def in_quoted_title(text: str, start: int, end: int, quotes: list[int]) -> bool:
    """Whether the name is part of a quoted title of a work, in title case, with words besides
    the name: ``the game "Escape from Tarkov"``, ``the “Plos One” journal``. ``quotes`` holds
    the offsets of the text's quote characters, in order."""
    i = bisect_left(quotes, start)
    if i == 0 or i == len(quotes):
        return False
    left, right = quotes[i - 1], quotes[i]
    if (
        right < end
        or right - left > 80
        or text[left] == "”"
        or text[right] == "“"
        or "\n" in text[left:right]
    ):
        return False
    outside = text[left + 1 : start] + " " + text[end:right]
    words = _TITLE_WORD.findall(text[left + 1 : right])
    long_words = [w for w in words if len(w) > 3 and w.lower() not in FUNCTION_WORDS]
    if not (
        len(words) >= 3 and _TITLE_WORD.search(outside) and all(w[0].isupper() for w in long_words)
    ):
        return False
    if text[left] == "“":
        return True
    # An odd count of plain quotes before it on the line: that quote closes an earlier one.
    return text.count('"', text.rfind("\n", 0, left) + 1, left) % 2 == 0
