"""Names written in a script without capitals, in a text written in Latin letters.

Every cased rule of the name stage starts at a capital letter, and NER's English model labels
no Arabic, Hebrew, Devanagari, Thai, Georgian, Chinese, Japanese or Korean word a person. So
``Please email زيد هندية about the invoice``, ``Customer: 성민 홍, phone 010-2345-6789`` and
``cc 淳 木村`` sent the name out whole (65-100% of such names survived, a probe of Faker's
person names of those locales in English sentences). These scripts have no case to tell a
name from a word; the slot does, as it does for a capitalised word (:mod:`.name_slots`): a run
of one to three words of such a script, set in a text that is mostly Latin letters, is a
person's name where

- a verb or a greeting that addresses a person comes right before it (``email``, ``call``,
  ``ask``, ``cc``, ``dear``, ``hi``, ``thanks``, ``assigned to``, ``a meeting with``, ...) or
  any person's cue of
  :func:`~hybridllm.classifiers.name_context.person_context` is around it;
- a label of a person's field comes right before it (``Name:``, ``Customer:``, ``From:``,
  ``Patient:``, ``Attn:``, ``Owner -``, ...);
- a contact detail (an ``@`` or a run of seven digits) stands on its line after it.

Not in a text mostly written in that script (a Chinese prompt: nothing tells a name there),
and not without such a slot: ``How do I say 谢谢 in Chinese?`` keeps its word.
"""

from __future__ import annotations

import re

from hybridllm.classifiers.name_context import person_context

__all__ = ["script_names"]

# Letters of scripts with no case (no capital to tell a proper noun by).
_CASELESS = (
    "\u0590-\u05ff"  # Hebrew
    "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"  # Arabic, Persian, Urdu
    "\u0900-\u0dff"  # Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Telugu, Kannada, ...
    "\u0e00-\u0eff"  # Thai, Lao
    "\u10d0-\u10ff"  # Georgian (Mkhedruli)
    "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af"  # Hangul
    "\u3040-\u30ff\u31f0-\u31ff"  # Hiragana, Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
)
_LETTER = rf"(?!\d)[{_CASELESS}]"  # not a digit of those scripts (Bengali, Arabic-Indic)
_WORD = rf"{_LETTER}(?:{_LETTER}|[\u200c\u200d'’-])*"
_RUN = re.compile(rf"(?<![\w{_CASELESS}]){_WORD}(?:[ \t]{_WORD}){{0,2}}(?![\w{_CASELESS}])")
# _LETTER with the class first: a search skips to such letters (10x faster per text).
_CASELESS_LETTER = re.compile(rf"[{_CASELESS}](?<!\d)")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]{2,}")
# A verb, a greeting or a ticket's word that addresses or names the person after it.
_ADDRESSED = re.compile(
    r"(?i:\b(?:e-?mail|call|ask|tell|text|ping|remind|invite|meet|met|thank|thanks|cc|contact"
    r"|message|notify|inform|dear|hi|hello|hey|welcome|congratulate"
    r"|(?:meetings?|calls?|chats?|talks?|interviews?|sessions?|lunch|dinner|coffee|catch-up"
    r"|1:1|one-on-one)\s+with|assigned\s+to|escalated\s+to|opened\s+by|signed\s+by|attn|mr|mrs|ms|dr|prof)"
    r"\.?[,:]?[ \t]+)$"
)
# A person's field: "Name: ", "Customer - ", "From: ", "| Patient | " (a table cell after the key).
_LABEL = re.compile(
    r"(?i:\b(?:(?:full|first|last|given|family|sur|user|display|contact|customer|client)"
    r"[ _-]?name|name|customer|client|patient|contact|employee|user|owner|assignee|author"
    r"|manager|agent|reviewer|approver|sender|recipient|from|to|cc|bcc|attn|guest|member"
    r"|tenant|landlord|student|teacher|applicant|candidate|buyer|seller|driver|caller)"
    r"[\"']?[ \t]*[:=\-|][ \t]*[\"']?)$"
)
_CONTACT_AFTER = re.compile(r"[^\n]{0,80}?(?:@[\w-]+\.|\+?\d(?:[\d ().-]{5,})\d)")


def script_names(text: str) -> list[tuple[int, int, float, str]]:
    """``(start, end, score, recognizer)`` of each name in a caseless script set in a
    Latin-script text (see the module docstring)."""
    if not _CASELESS_LETTER.search(text):  # most texts: no such letter at all
        return []
    # A text mostly in Latin letters: at least as many Latin words as words of these scripts (a
    # name of two long words in a short English sentence is most of its letters).
    runs = list(_RUN.finditer(text))
    caseless = sum(len(m.group().split()) for m in runs)
    if caseless > len(_LATIN_WORD.findall(text)):
        return []
    out: list[tuple[int, int, float, str]] = []
    for m in runs:
        start, end = m.span()
        lo = max(0, start - 40)
        if (
            _ADDRESSED.search(text, lo, start)
            or _LABEL.search(text, lo, start)
            or _CONTACT_AFTER.match(text, end)
            or person_context(text, start, end)
        ):
            out.append((start, end, 0.7, "names+script"))
    return out
