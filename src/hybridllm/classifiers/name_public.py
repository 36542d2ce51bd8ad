"""Public figures, characters, places and peoples that the name rules took for a private person.

Real prompts name people nobody needs protecting from a model: ``William Shakespeare``, ``Don
Quixote``, ``Stanley Kubrick``, ``Persephone``; and the name rules cannot tell them from a
private person by their shape. :func:`drop_public` removes PERSON findings that are exactly such
a name, from gazetteers built offline from WordNet 3.0's *instances* (synsets naming one
individual; see ``scripts/data/build_public_figures.py`` and ``data/SOURCES.md``):

- ``public_people.txt``: full names of people, characters of fiction and myth, biblical
  figures; a two-word name that is also a frequent US given name + surname pair (``John Smith``,
  ``George Washington``) is left out; ``pantheon_people.txt``: Pantheon 1.0's 11,000 globally
  famous people, to the 2010s (``Steve Jobs``; ``scripts/data/build_pantheon.py``);
- ``public_single.txt``: one-word names that name one listed person, are no given name and are
  rare as surnames (fewer than 100 US bearers): ``Kubrick``, ``Pythagoras``. Any other one-word
  name counts only after its full listed name in the same text (``Kant`` after ``Immanuel
  Kant``);
- ``wordnet_not_people.txt``: WordNet's other proper names: places, works, events, peoples,
  languages, holidays, proper adjectives (``Oahu``, ``Rio de Janeiro``, ``Slovenian``,
  ``Hellenistic``, ``Christmas``), less listed given names (and one-word listed surnames): a
  finding made only of such words is no person.

A listed name is still reported where a private person is likely: in a clinical payload (the
decision of :mod:`hybridllm.classifiers.clinical`), and in a record-like context: an e-mail
address, a phone number, a long number or id, or a street address near it (not the digits of a
URL: :mod:`~hybridllm.classifiers.name_public_record`); a table row or a
form field; a personal cue before it (``my friend``, ``I'm``, ``name is``, ``Dear``).

Beside the gazetteers: a surname far more frequent in text than in the population
(:mod:`~.name_fame`: ``Kardashian``, ``Seinfeld``; a brand, ``Zapier``), a noun of non-English
prose (:mod:`~hybridllm.classifiers.name_foreign`), a name given to the assistant (``Your name
is Henry``, ``pretend you are Dave``: a persona; kept only with contact details near it), a
brand, a product or a code identifier told by its context (``my Zelle account``: kept only with
contact details near it) and a public figure told by how the prompt speaks of them (``Who is
...?``), both from :mod:`~hybridllm.classifiers.name_brand`; an author of a work asked about
or an eponym (:mod:`~.name_public_works`), a town, a quantity's header or a field label told by
the layout (:mod:`~.name_public_layout`), a name quoted in a web search result's snippet
(:mod:`~.name_public_web`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

from hybridllm.classifiers.clinical import is_clinical
from hybridllm.classifiers.name_adjectives import dish_or_adjective
from hybridllm.classifiers.name_brand import QUOTE, in_quoted_title, thing_kind, with_company
from hybridllm.classifiers.name_eponyms import eponym_thing
from hybridllm.classifiers.name_fame import fame, load_famous
from hybridllm.classifiers.name_foreign import foreign_capital, load_curated, script_word
from hybridllm.classifiers.name_lower_context import census_first
from hybridllm.classifiers.name_persona import persona_cue, persona_words, spread_persona
from hybridllm.classifiers.name_public_layout import layout_kind
from hybridllm.classifiers.name_public_record import Records, record_like
from hybridllm.classifiers.name_public_web import in_snippet, web_snippets
from hybridllm.classifiers.name_public_works import WORK_RE, work_gates, work_kind
from hybridllm.classifiers.name_story import invented, keep_every_mention, titled
from hybridllm.classifiers.name_tokens import PARTICLES, token_lexicon
from hybridllm.classifiers.name_usage import among_things, comment_word, everyday_run, written_lower
from hybridllm.classifiers.name_words import (
    broken_word,
    code_identifier,
    ordinary_word,
    serial_word,
)
from hybridllm.classifiers.name_world import world_run
from hybridllm.classifiers.prefilter import finditer
from hybridllm.models import Finding

__all__ = ["PUBLIC_RE", "THING_WORD", "drop_public", "load_lists", "public_name"]

_LIST_GAP = 40  # characters between two names of one list
# The kinds of a public name (a single or frequent name, a brand) a private person may bear too.
_CIRCLE = frozenset({"single", "famous", "product"})
# Kinds a gazetteer gives by the name's form alone (a one-word public name, a famous surname),
# and the rules that found a name by a person's context.
_LISTED_PUBLIC = frozenset({"single", "famous"})
_CONTEXT_RULES = frozenset({"names+context", "names+kin"})
# Characters between a public figure's name and a private person's for the one to be taken
# as one of the other's circle ("brief Cezanne who missed the call:\nIngrid: build is green").
_NEAR_PRIVATE = 120
# Kinds whose dropped name makes the text's later one-word mentions of its words go too (of a
# thing's or a product's name, a listed given name only when it is the whole name: "Menti").
_THINGS = ("thing", "product")
_SPREADS = (
    *_THINGS,
    "person",
    "famous",
    "persona",
    "brand",
    "known",
    "listed",
    "town",
    "author",
    "web",
)
# A name right before these names a product or a result, not a person: "the Unsplash API",
# "Collatz conjecture", "Maxwell's equations", "Bollinger bands", "a gantt chart", "Johari
# window", "arduino uno".
_THING_AFTER = re.compile(
    r"(?i:[ \t]+(?:api|sdk|app|apps|platform|website|formula|extension|plugin|library"
    r"|framework|package|cloud|server|container|integration|dashboard|wallet"
    r"|process|model|method|set|number|numbers|test|scale|index|space|function|matrix|chain"
    r"|network|universe|university|college|academy|institute|museum|zoo|airport|stadium"
    r"|festival|award|prize|chart|charts|diagram|diagrams|window|board|boards|code|uno"
    # a company: "Mann Shinar Architects", "Hill LLC", "Vance & Partners"
    r"|inc|llc|llp|ltd|corp|corporation|gmbh|plc|architects|associates|holdings|ventures"
    r"|consulting|technologies|labs|studios|&[ \t]+(?:co|sons|partners|associates)"
    r"|(?-i:Company|Foundation|Trust)"  # capitalised: "keep Tom Kowalczyk company" is a person
    # a currency: "10,000 Philippine pesos", "Mexican pesos"
    r"|pesos|dollars|euros|rupees|francs|kronor|kroner|kronur|lira|reais|rubles|roubles|dinars"
    r"|dirhams|shekels|yuan|zlotys?|forints|rand|ringgit|baht)\b"
    r"|(?:['’]s)?[ \t]+net[ \t]+worth\b"  # "William Shatner net worth"
    r"|(?:['’]s)?[ \t]+(?:algorithm|conjecture|equations?|theorem|transform|distribution"
    r"|inequality|lemma|constant|principle|paradox|hypothesis|integral|polynomials?|bands"
    r"|measure|laws?|theory|theories|philosophy|effect)\b)"
)
# A capitalised word before one of those nouns (the classifier's prefilter finds where).
THING_WORD = re.compile(r"(?<![\w'’-])[A-Z][\w-]*(?=" + _THING_AFTER.pattern + ")")
PUBLIC_RE = (THING_WORD, *WORK_RE)  # what drop_public searches whole texts for
# A cited author: "Colan et al.", "Farrell (2013)". ("A film directed by X", "a song sung by
# X" are not enough: the labelled sets hold private people in exactly those phrases.)
_CITED_AFTER = re.compile(
    r"[ \t]*(?:,?[ \t]+et[ \t]+al\b|\((?:1[6-9]|20)\d\d[a-z]?\)"
    # "(Ryan, 2011, p. 99)", "(Balgopal and Montplaisir, 2011)": author, year in a citation
    r"|,[ \t]*(?:1[6-9]|20)\d\d[a-z]?[),;]|[ \t]+(?:and|&)[ \t]+[A-Z][\w'’-]+,[ \t]*"
    r"(?:1[6-9]|20)\d\d[a-z]?[),;])"
)
# A determiner right before a one-word name that ends the clause makes it a thing's name:
# "called the Arkali." ("the Holba novel", "a Cody Short concert" name a person's work).
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|The|THE|a|an|An)[ \t]+)$")  # "A" may be an initial
_DETERMINER_START = ("the ", "a ", "an ")
_DETERMINER_END = ("the ", " a ", " an ", "\na ", "\nan ")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;:!?)\n]|$)")
# "Telekomsel is expecting to increase its revenue": "its" in the same clause names a thing.
_ITS_AFTER = re.compile(
    r"[ \t]+(?:is|was|has|had|will|would|can|could|does|did|also|now)\b[^.!?\n;:,]{0,60}?\bits\b"
)
_HUMAN_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|hers|who)\b", re.IGNORECASE)
_AFTER_START = frozenset(" \t'’,(")  # what the two patterns above can start with
_SITES = (".com", ".io", ".ai", ".org", ".net", ".app", ".co")  # "Quillbot.com": a site
# A work's author or an artist whose manner is imitated: "in the style of Robert Frost".
_STYLE_BEFORE = re.compile(
    r"(?i:\b(?:(?:style|tone|voice|manner)\s+(?:of|or|like)|rewrite\s+style)\s+(?:the\s+)?$)"
)
# ... or "in X style": "a track in Martin Garrix style", "in Wes Anderson's style".
_IN_BEFORE = re.compile(r"\b[Ii]n[ \t]+$")
_STYLE_AFTER = re.compile(r"(?:['’]s)?[ \t]+[Ss]tyle\b")
# Searched once per text, as plain substrings of the lower-cased text (a regex scan of a 10 KB
# text costs about a millisecond).
_STYLE_PHRASES = (
    *(f"{w} {p}" for w in ("style", "tone", "voice", "manner") for p in ("of", "or", "like")),
    "rewrite style",
)
_PARTICLES = frozenset("van von de da di du del der den le la Van Von De".split())  # noqa: SIM905
_STYLE_WORDS = ("style", "Style", "tone", "Tone", "voice", "Voice", "manner")
# Someone whose life or work is the topic ("summarize the life of X", "the quotes of X"). (The
# author after a quoted title, "'Zeros and Ones' by X", is not: the generic PII set holds
# private people in exactly that shape.)
_PUBLIC_BEFORE = re.compile(
    r"(?:\b(?:life|biography|legacy|career|discography|filmography|quotes|teachings|presidency"
    r"|reign)[ \t]+of[ \t]+$)"
)
# A place or an institution that a name rule took whole: "Napili Beach", "San Diego Zoo".
_PLACE_LAST = frozenset(("beach", "zoo", "university", "college", "museum", "airport"))
# ... and after another word ("Moreton Bay Region", "Grand Palace", "Wailua Falls"); not the
# place nouns that are surnames too (Hill, Park, Hall, Lake, Bay, Temple, Castle).
_PLACE_AFTER = frozenset(
    (
        *("region complex palace cathedral mosque monastery shrine basilica pagoda".split()),  # noqa: SIM905
        *("peninsula canyon lagoon glacier volcano falls harbor harbour island".split()),  # noqa: SIM905
        *("islands valley mountains province district".split()),  # noqa: SIM905
    )
)
_TITLE = re.compile(
    r"^(?:president|sir|dame|saint|st\.?|king|queen|lord|lady|general|emperor|prince|princess"
    r"|pope|professor|prof\.?|dr\.?)\s+"
)


@cache
def _entries(name: str) -> frozenset[str]:
    data = resources.files("hybridllm.classifiers").joinpath("data", name)
    return frozenset(line.strip() for line in data.read_text("utf-8").splitlines() if line)


def load_lists() -> None:
    """Read the gazetteers now (the classifier's warm-up), not in the first call that asks."""
    for name in (*_PEOPLE, "public_single.txt", "wordnet_not_people.txt", _CITIES):
        _entries(name)
    census_first()
    load_famous()
    load_curated()


_PEOPLE = ("public_people.txt", "pantheon_people.txt")  # WordNet 3.0's, Pantheon 1.0's
_CITIES = "places_multi.txt"  # cities of 100k+ people named in two words or more (GeoNames)
_POSSESSIVE = re.compile(r"['’]s$")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _key(span: str) -> str:
    span = _POSSESSIVE.sub("", span.strip()).strip(" .,;:!?\"'()")
    return _SPACES.sub(" ", span).lower()


def public_name(span: str) -> str | None:
    """Which gazetteer lists ``span``: ``"person"`` (a full name), ``"single"`` (a one-word name
    that may stand alone), ``"thing"`` (every word names a place, a people, a language, a
    holiday ...: ``Oahu``, ``Slovak Slovenian``, ``Christmas``; or the name ends in ``Beach``,
    ``Zoo``, ``University`` ...), or None.

    Args:
        span: the text of a PERSON finding.

    Returns:
        The kind of listed name, or None.
    """
    return _kind(_key(span))


@lru_cache(maxsize=4096)
def _kind(key: str) -> str | None:
    untitled = _TITLE.sub("", key) if " " in key else key
    if " " in untitled and any(key in _entries(n) or untitled in _entries(n) for n in _PEOPLE):
        return "person"
    if " " not in untitled and untitled in _entries("public_single.txt"):
        return "single"
    things = _entries("wordnet_not_people.txt")
    if key in things or all(w in things for w in key.split()) or key in _entries(_CITIES):
        return "thing"  # a WordNet place or thing, a city of GeoNames ("Porto Alegre")
    head, _, last = key.rpartition(" ")
    if last in _PLACE_LAST or (head and last in _PLACE_AFTER):
        return "thing"  # "Napili Beach", "San Diego Zoo": a place the name rules took whole
    first = untitled.partition(" ")[0]
    if first != untitled and first not in PARTICLES and first in token_lexicon().first:
        # A famous surname after a listed given name: a namesake of the bearer more often than
        # the bearer ("Maria Einstein"), whose full name the people lists above hold.
        return None
    # "Van Gaal", "Seinfeld": frequent in text, rare in life; "Zapier": a brand
    return fame(untitled)


def _context_kind(
    text: str, f: Finding, style: bool, quotes: list[int], persona: bool
) -> str | None:
    """``"thing"`` for a name of a product, a result or a place, ``"author"`` for a cited
    author or an imitated artist, ``"persona"`` for a name given to the assistant (see the
    patterns above), else None. ``style`` tells whether ``text`` says "style of" anywhere,
    ``quotes`` where its quote characters are, ``persona`` whether it holds a persona cue's
    word at all."""
    after = text[f.end : f.end + 1]
    kind: str | None = None
    if persona and persona_cue(text, f):
        kind = "persona"
    elif (style and _STYLE_BEFORE.search(text, max(0, f.start - 24), f.start)) or (
        text.find("of", max(0, f.start - 5), f.start) >= 0
        and _PUBLIC_BEFORE.search(text, max(0, f.start - 24), f.start)
    ):
        kind = "author"
    elif (
        _thing_context(text, f)
        or (after == "." and _site_after(text, f.end))
        or (quotes and in_quoted_title(text, f.start, f.end, quotes))
    ):
        kind = "thing"
    elif after in _AFTER_START:  # most names end at punctuation or a newline: no pattern fits
        if _THING_AFTER.match(text, f.end):
            kind = "thing"
        elif _CITED_AFTER.match(text, f.end) or (
            _STYLE_AFTER.match(text, f.end)
            and _IN_BEFORE.search(text, max(0, f.start - 4), f.start)
        ):
            kind = "author"
    return kind


_CAP_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*[ \t]){1,3}$")
_CAP_AFTER = re.compile(r"(?:[ \t][A-Z][\w'’-]*){1,3}")


def _run_kind(text: str, start: int, end: int) -> str | None:
    """For a one-word name in a run of capitalised words (up to three either side on its
    line): ``"place"`` when the run is a listed place or thing (``Grand Palace``), ``"run"``
    when it is a run of everyday words (``Side Hustles``): the name rules took one word of a
    title or a place's name, which widening would grow back to the whole run. A place's word
    is not one of a list of names either (``Visit the Grand Palace, Wat Arun``); an everyday
    word is (``Mon Booth, Tue Pascal``)."""
    before = _CAP_BEFORE.search(text, max(0, start - 60), start) if start else None
    after = _CAP_AFTER.match(text, end)
    if before is None and after is None:
        return None
    run = _key(text[before.start() if before else start : after.end() if after else end])
    return "place" if _kind(run) == "thing" else "run" if everyday_run(run) else None


def _thing_context(text: str, f: Finding) -> bool:
    """A determiner that starts a two-word name (``The Price``) or stands before a one-word name at
    the end of a clause (``called the Arkali.``), or, for a one-word name before a verb, ``its``
    in the same clause with no personal pronoun between (``Telekomsel is expecting to increase
    its ...``)."""
    span = text[f.start : f.end]
    one_word = " " not in span
    if one_word and text[f.start - 1 : f.start] == " ":
        before = text[max(0, f.start - 4) : f.start].lower()
        if before.endswith(_DETERMINER_END) and _DETERMINER_BEFORE.search(
            text, max(0, f.start - 5), f.start
        ):
            return _CLAUSE_END.match(text, f.end) is not None
    elif span[:4].lower() in ("the ", "an ") or span[:2].lower() == "a ":
        key = _key(span)
        if (
            key.startswith(_DETERMINER_START)
            and key.count(" ") == 1
            and key.partition(" ")[2] not in token_lexicon().first  # "The Lucas B Himmel version"
        ):
            return True
    after = text[f.end : f.end + 1]
    if not one_word or after != " ":
        return False
    its = _ITS_AFTER.match(text, f.end)
    return its is not None and not _HUMAN_PRONOUN.search(its.group())


def _particle_before(text: str, start: int) -> bool:
    """Whether a name particle and a space come right before ``start`` ("van Aken")."""
    if start < 3 or text[start - 1] not in " \t":
        return False
    before = text[max(0, start - 5) : start]
    words = before.split()
    return (
        bool(words)
        and words[-1] in _PARTICLES
        and (
            len(words) > 1
            or start - 1 - len(words[-1]) <= 0
            or not text[start - 2 - len(words[-1])].isalnum()
        )
    )


def _site_after(text: str, pos: int) -> bool:
    """A domain suffix right after a name ("Quillbot.com"; not ".community")."""
    if not text.startswith(_SITES, pos):
        return False
    i = pos + 1
    while i < len(text) and text[i].isalnum():
        i += 1
    return text[pos:i] in _SITES


def _beside(text: str, name: Finding, others: list[Finding], *, near: bool) -> bool:
    """Whether another name is on the line of ``name`` within a few words, or (``near``) within
    :data:`_NEAR_PRIVATE` characters of it."""
    gap = _NEAR_PRIVATE if near else _LIST_GAP
    return any(
        max(o.start - name.end, name.start - o.end) <= gap
        and (near or "\n" not in text[min(o.end, name.end) : max(o.start, name.start)])
        for o in others
    )


def drop_public(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """The findings without those that name a listed public figure, character or place, an
    invented character (:func:`~hybridllm.classifiers.name_story.invented`), or that are a run
    of everyday words none of which is a given name (``Eat Lunch``, ``Player Piano``).

    A one-word finding that is a word of a listed full name dropped from the same text also
    goes (``Kant`` after ``Immanuel Kant``). Nothing is dropped where a name sits in a
    record-like context (see the module docstring), and nothing but runs of everyday words
    from a clinical text.

    Args:
        text: the text the findings were found in.
        findings: PERSON findings of ``text``.

    Returns:
        The findings to keep, in their order.
    """
    found = list(findings)
    keys = [_key(text[f.start : f.end]) for f in found]
    low = text.lower() if any(w in text for w in _STYLE_WORDS) else ""
    style = any(p in low for p in _STYLE_PHRASES)
    blocks: dict[int, tuple[int, int]] = {}
    quotes = [m.start() for m in QUOTE.finditer(text)] if '"' in text or "“" in text else []
    persona = persona_words(text) or persona_words(low or text.lower())
    snippets = web_snippets(text)  # quoted from public web pages: '[1] "..."\nURL: https://'
    gates = work_gates(text)
    kinds = [
        None
        if _particle_before(text, f.start)  # "van Aken": a surname
        else ("code" if code_identifier(text, f.start, f.end) else None)  # "import Adam"
        or _kind(key)
        or _context_kind(text, f, style, quotes, persona)
        or work_kind(text, f, gates)  # "Cradle to Cradle by William McDonough", "Amdahl's Law"
        or layout_kind(text, f)  # "Calgary, Alberta", "Wert [nT]", "Tone:" among fields
        or thing_kind(text, f, key)
        or everyday_run(key)
        or (_run_kind(text, f.start, f.end) if " " not in key else None)  # "Side" Hustles
        or ("place" if among_things(text, f.start, f.end) else None)  # "Czech Danish" Dutch
        or ("word" if ordinary_word(key) else None)  # "Vectorize", "Reponse", "Gaaaame"
        or ("word" if comment_word(text, f.start, key) else None)  # "// Run the main loop"
        or ("word" if " " not in key and broken_word(text, f.start, f.end) else None)  # sev-\neral
        or ("word" if serial_word(text, f.start, f.end) else None)  # "Jun 22 =", "Rod A:"
        or ("lower" if written_lower(text, f.start, f.end, key) else None)  # "House" ... "house"
        or ("word" if script_word(text, f.start, f.end, key) else None)  # "# Настройка"
        or ("foreign" if foreign_capital(text, f.start, f.end, key, blocks) else None)
        or ("word" if world_run(text, f.start, f.end, key) else None)  # "Altura del edificio"
        or ("thing" if eponym_thing(text, f.start, f.end, key) else None)  # "Bradley-Terry model"
        or ("thing" if dish_or_adjective(text, f.start, f.end, key) else None)  # "Thai language"
        # last: a brand in a snippet stays a brand ("your Zelle account")
        or ("web" if snippets and in_snippet(snippets, f.start, f.end) else None)
        for f, key in zip(found, keys, strict=True)
    ]
    if any(kind is None and " " not in key for kind, key in zip(kinds, keys, strict=True)):
        # A word one of whose mentions names a thing names it at every mention ("the Cauchy
        # CDF" where the text also says "the Cauchy distribution").
        things = {m.group().lower() for m in finditer(THING_WORD, text)}
        kinds = [
            "thing" if kind is None and key in things else kind
            for key, kind in zip(keys, kinds, strict=True)
        ]
    # A name a person's context found ("Alaric's quote for the press release", "Hi
    # Alaric"): the text's evidence outweighs a gazetteer's public bearer of that name.
    kinds = [
        None if kind in _LISTED_PUBLIC and f.recognizer in _CONTEXT_RULES else kind
        for f, kind in zip(found, kinds, strict=True)
    ]
    kinds = spread_persona(text, found, keys, with_company(text, found, keys, kinds), persona)
    singles: dict[str, list[int]] = {}
    for f, key, kind in zip(found, keys, kinds, strict=True):
        if kind is None and (" " not in key or titled(key)):  # "Captain Keif" in a story
            singles.setdefault(key, []).append(f.start)
    full = {w for key in keys if " " in key for w in key.split()}
    characters = invented(text, singles, full)
    if not any(kinds) and not characters:
        return found
    records = Records(text)
    drop = [
        True
        # an identifier of code or an English word whatever is near ("font-size:" is no
        # speaker, "Mockup" before an image URL no record)
        if kind in ("code", "word", "cited")
        else not records.near(f.start, f.end)
        if kind in ("persona", "brand")  # no personal cue ("your name is", "my Zelle account")
        else not record_like(  # (no naming cue for a brand: "a startup called Waze")
            records,
            f.start,
            f.end,
            speaker=kind not in ("everyday", "label"),
            named=kind != "product",
        )
        if kind is not None
        else key in characters and not record_like(records, f.start, f.end, named=False)
        for f, key, kind in zip(found, keys, kinds, strict=True)
    ]
    if characters:  # a character named once in a record-like context is kept at every mention
        drop = keep_every_mention(keys, [k is None for k in kinds], drop, characters)
    # The clinical decision scans the whole text: made only when something would go that
    # could be a patient's name (a run of everyday words is nobody's).
    if not any(drop) or (
        any(d and kind not in ("everyday", "code") for d, kind in zip(drop, kinds, strict=True))
        and is_clinical([text])
    ):
        return found
    kept = [f for f, d in zip(found, drop, strict=True) if not d]
    private_parts = {
        w for key, d in zip(keys, drop, strict=True) if not d and " " in key for w in key.split()
    }
    # One word near a private name ("Mon Tiina, Tue Rasmus, Wed Nahum"; a public figure's name
    # within _NEAR_PRIVATE) is one of those people, and so is a word of a private full name
    # ("Mimir Andreasen ... Mimir worked in my lab"); not an identifier or an English word
    # ("since 15 Jun 2024" after a name).
    drop = [
        d
        and (
            " " in key
            or kind in ("code", "word", "place", "town")
            or not (_beside(text, f, kept, near=kind in _CIRCLE) or key in private_parts)
        )
        for f, key, kind, d in zip(found, keys, kinds, drop, strict=True)
    ]
    given = token_lexicon().first
    parts = {
        w
        for key, kind, d in zip(keys, kinds, drop, strict=True)
        if d and kind in _SPREADS
        for w in key.split()
        # a thing's given name is no one's in particular ("Sarah" of "Sarah Lawrence College")
        if len(w) > 2 and (kind not in _THINGS or w == key or w not in given)
    }
    again = [" " not in key and key in parts for key in keys]  # a word of a dropped name
    return [
        f
        for f, d, a in zip(found, drop, again, strict=True)
        if not (d or (a and not record_like(records, f.start, f.end)))
    ]
