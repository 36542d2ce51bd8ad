"""Tiered routing: a local, sub-millisecond estimate of how hard a prompt is.

For a prompt with nothing sensitive in it, the policy allows any target, so the cheapest one
that can answer well should get it. :func:`estimate_complexity` scores the messages from cheap
textual features and picks a tier (e.g. ``simple`` -> the local model, ``strong`` -> the cloud
model). It never calls a model or an API, performs no I/O and is deterministic: the same
messages and config always give the same :class:`TierChoice`.

The score is a weighted sum of features, each normalised to ``[0, 1]``, clipped to ``[0, 1]``:

============== ======= ================================================================
feature        weight  what it measures (in the user's messages)
============== ======= ================================================================
length         0.20    estimated tokens of the whole conversation, saturating (250 -> 0.5)
code           0.20    code fences, code-like symbols, language names, "implement"/"write
                       a ... function/class/script"
reasoning      0.40    strong cues (prove, derive, step by step, design, compare,
                       trade-offs, analyze, evaluate, justify, root cause) count 1, weak
                       ones (then, also, complexity, explain why...) 0.5; 2 saturate
constraints    0.30    must/should/at least/exactly/without/support/handle..., bullet and
                       numbered items, long comma-separated requirement lists
depth          0.10    earlier turns in the conversation
output_length  0.30    requested output: ``max_tokens`` above 512, "a 2000-word essay",
                       "detailed", "comprehensive", "full implementation", "tests"
short_answer   -0.30   cues that the answer is short or mechanical: translate, one word,
                       one sentence, synonym, fix the spelling, yes or no...
============== ======= ================================================================

Cues are read from the instruction only: in "Translate this:<blank line><document>" the
document is data. The default tiers are ``simple`` -> ``local`` and, from 0.20, ``strong`` ->
``cloud``. Weights were set a priori, then adjusted (with the threshold) on the tuning split of
``bench/data/routing_prompts.jsonl``; ``docs/benchmarks.md`` reports agreement on the held-out
split. Weights and tiers are overridable in the config (``[routing.weights]``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from hybridllm.models import Message

__all__ = ["RoutingConfig", "RoutingWeights", "Tier", "TierChoice", "estimate_complexity"]

# Only the head and tail of a very long message are scanned for cues: a pasted document is
# data, not instructions, and scanning all of it would break the latency budget.
_SCAN_HEAD = 6000
_SCAN_TAIL = 2000
_CHARS_PER_TOKEN = 4.0
_BASE_MAX_TOKENS = 512
"""``max_tokens`` at or below this says nothing (it is the usual default)."""


class Tier(BaseModel):
    """One routing tier: prompts scoring at least ``min_score`` go to ``target``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    target: str = Field(min_length=1)
    """A target name from ``[targets]``."""
    min_score: float = Field(ge=0.0, le=1.0)


class RoutingWeights(BaseModel):
    """Weight of each feature in the complexity score (see the module docstring)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    length: float = 0.20
    code: float = 0.20
    reasoning: float = 0.40
    constraints: float = 0.30
    depth: float = 0.10
    output_length: float = 0.30
    short_answer: float = -0.30


def _default_tiers() -> list[Tier]:
    return [
        Tier(name="simple", target="local", min_score=0.0),
        Tier(name="strong", target="cloud", min_score=0.20),
    ]


class RoutingConfig(BaseModel):
    """``[routing]`` in the config: tiers for prompts with nothing sensitive in them."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    enabled: bool = False
    tiers: list[Tier] = Field(default_factory=_default_tiers, min_length=1)
    """Ordered by ``min_score`` ascending; the first must start at 0."""
    weights: RoutingWeights = Field(default_factory=RoutingWeights)

    @model_validator(mode="after")
    def _check_tiers(self) -> RoutingConfig:
        scores = [t.min_score for t in self.tiers]
        if scores != sorted(scores) or len(set(scores)) != len(scores):
            raise ValueError("routing.tiers must be ordered by strictly increasing min_score")
        if scores[0] != 0.0:
            raise ValueError("the first routing tier must have min_score = 0")
        names = [t.name for t in self.tiers]
        if len(set(names)) != len(names):
            raise ValueError("routing tier names must be unique")
        return self


class TierChoice(BaseModel):
    """The tier picked for a prompt, with the score and the features behind it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    tier: str
    target: str
    score: float
    reason: str
    """One sentence naming the top contributing features; goes into ``decision.reason``."""
    features: dict[str, float]
    """Each feature's normalised value in ``[0, 1]`` (before weighting)."""


# -- cue patterns ---------------------------------------------------------------------------

_REASONING = re.compile(
    r"\b(?:prove|proof|proves|derive|derivation|step[- ]by[- ]step|design(?:ing)?|architect\w*"
    r"|compare|comparison|trade-?offs?|analy[sz]e|analysis|evaluate|justify|critique|critically"
    r"|rigorous\w*|root cause|diagnos\w+|hypothes[ie]s|recommend(?:ation)?|reason through"
    r"|pros and cons|failure modes?|bottlenecks?|counterexample|show that|argue|if and only if"
    r"|distinguish\w*)\b"
)
_REASONING_WEAK = re.compile(
    r"\b(?:assumptions?|complexity|invariants?|correctness|scal(?:e|able|ability|ing)"
    r"|optimi[sz]e|consisten(?:t|cy)|concurren(?:t|cy)|distributed|migrat(?:e|ion)|strategy"
    r"|plan for|why does|why is|explain (?:why|how)|in depth|first[- ]order|second[- ]order"
    r"|generali[sz]e|implications?|consequences|then|also|and (?:explain|give|propose|discuss"
    r"|describe|show|write|include|advise|make|produce))\b"
)
_CONSTRAINT = re.compile(
    r"\b(?:must(?:n't| not)?|should(?:n't| not)?|at least|at most|exactly|no more than"
    r"|fewer than|less than|under \d|within|without|ensure|required?|requirements?"
    r"|support(?:s|ing)?|handle|handling|include|including|cover(?:ing)?|while|preserv\w+"
    r"|never|only when)\b"
)
_LIST_ITEM = re.compile(r"(?m)^\s*(?:[-*\u2022]|\d{1,2}[.)]|\(\d{1,2}\))\s+\S")
_INLINE_ENUM = re.compile(r"\(\d\)")
_LANG = re.compile(
    r"\b(?:python|rust|golang|java|javascript|typescript|c\+\+|haskell|sql|postgres\w*|cuda"
    r"|kotlin|swift|react|node\.js|terraform|kubernetes|tla\+|bash)\b|\bin (?:go|c)\b"
)
_CODE_TASK = re.compile(
    r"\b(?:implement\w*|refactor\w*|write (?:a|an|the) (?:\w+[ -]){0,4}?"
    r"(?:function|class|script|program|parser|server|kernel|module|component|solver|engine"
    r"|crawler|converter|cli|query|library|api)|unit tests?|test suite|tests)\b"
)
_CODE_SYMBOLS = re.compile(r"[{}();=<>\[\]]|->|=>|::")
_LONG_OUTPUT = re.compile(
    r"\b(?:detailed|comprehensive|complete|full|in detail|thorough\w*|essay|report|plan"
    r"|document|guide|story|op-ed|postmortem|specification|business plan|test plan)\b"
)
_WORD_COUNT = re.compile(r"\b(\d{3,5})[- ](?:words?|word)\b")
_PAGES = re.compile(r"\b(\d{1,3})[- ]pages?\b")
_SHORT = re.compile(
    r"\b(?:translate|translation|one word|one sentence|a sentence|one line|one-liner|briefly"
    r"|in a few words|yes or no|synonym|antonym|opposite of|rephrase|paraphrase|reword"
    r"|shorten|capitalize|fix (?:the |any )?(?:spelling|grammar|typos?)|correct the grammar"
    r"|spelling|summari[sz]e (?:this|the \w+ below) in"
    r"|in (?:one|two|three|a few) (?:sentences|words)"
    r"|what does this (?:code|snippet|line|function) (?:print|return|do)|rename|add type hints"
    r"|plural|past tense|what does \S+ (?:mean|stand for)|stand for|define|definition"
    r"|how do (?:i|you) say|what is the (?:capital|currency|symbol)|who (?:wrote|painted)"
    r"|convert|headline|title for|sort these|classify the sentiment|extract)\b"
)

_DATA_BLOCK = re.compile(r":[ \t]*\r?\n[ \t]*\r?\n")
_MIN_DATA_CHARS = 200

_NAMES = ("length", "code", "reasoning", "constraints", "depth", "output_length", "short_answer")


def _scan_text(content: str) -> str:
    """The part of a message to read cues from: the instruction, not pasted data.

    "Translate this:<blank line><document>" is an instruction followed by data whose "must",
    "within" or commas say nothing about the task, so only the text up to the colon is scanned
    (code fences are kept: code is detected from the whole message). Otherwise the head and
    tail of a long message.
    """
    m = _DATA_BLOCK.search(content)
    if m is not None and len(content) - m.end() >= _MIN_DATA_CHARS and "```" not in content:
        return content[: m.start() + 1]
    if len(content) <= _SCAN_HEAD + _SCAN_TAIL:
        return content
    return content[:_SCAN_HEAD] + "\n" + content[-_SCAN_TAIL:]


def _saturate(x: float, half: float) -> float:
    """Map ``x >= 0`` to ``[0, 1)``, reaching 0.5 at ``x == half``."""
    return x / (x + half) if x > 0 else 0.0


def _features(
    messages: Sequence[Message], requested_max_tokens: int | None
) -> tuple[dict[str, float], dict[str, str]]:
    """Normalised feature values, and a short phrase per feature for the reason."""
    total_chars = sum(len(m.content) for m in messages)
    user_texts = [m.content for m in messages if m.role == "user"]
    text = "\n".join(_scan_text(t) for t in user_texts)
    low = text.lower()
    turns = len(user_texts)
    tokens = total_chars / _CHARS_PER_TOKEN
    detail: dict[str, str] = {}

    # length: saturating, 0.5 at ~250 tokens.
    length = _saturate(tokens, 250.0)
    detail["length"] = f"about {tokens:.0f} tokens of input"

    # code
    fences = low.count("```") // 2
    langs = len(set(_LANG.findall(low)))
    code_tasks = len(_CODE_TASK.findall(low))
    symbol_density = len(_CODE_SYMBOLS.findall(text)) / max(len(text), 1)
    code = min(
        1.0,
        0.45 * min(fences, 1)
        + 0.15 * min(langs, 2)
        + 0.30 * min(code_tasks, 2)
        + min(symbol_density * 10.0, 0.3),
    )
    parts = []
    if fences:
        parts.append("a code block")
    if code_tasks:
        parts.append("a code-writing task")
    detail["code"] = " and ".join(parts) if parts else "code-like content"

    # reasoning
    # A strong cue (prove, design, trade-offs...) counts 1, a weak one (then, also, complexity,
    # explain why...) 0.5; two strong cues saturate.
    reasoning_hits = _REASONING.findall(low)
    weak_hits = _REASONING_WEAK.findall(low)
    reasoning = min(1.0, (len(reasoning_hits) + 0.5 * len(weak_hits)) / 2.0)
    uniq = list(dict.fromkeys(reasoning_hits + weak_hits))[:3]
    detail["reasoning"] = "reasoning cues (" + ", ".join(uniq) + ")" if uniq else "reasoning cues"

    # constraints: explicit words, list items, and long comma-separated requirement lists.
    n_constraints = (
        len(_CONSTRAINT.findall(low))
        + len(_LIST_ITEM.findall(text))
        + len(_INLINE_ENUM.findall(low))
        + low.count(",") // 2
    )
    constraints = min(1.0, n_constraints / 6.0)
    detail["constraints"] = f"{n_constraints} constraints or requirements"

    # depth: earlier user turns.
    depth = min(1.0, max(0, turns - 1) / 3.0)
    detail["depth"] = f"{turns} user turns"

    # requested output length
    want_tokens = 0.0
    if requested_max_tokens is not None and requested_max_tokens > _BASE_MAX_TOKENS:
        want_tokens = float(requested_max_tokens)
    for m in _WORD_COUNT.finditer(low):
        want_tokens = max(want_tokens, int(m.group(1)) * 1.35)
    for m in _PAGES.finditer(low):
        want_tokens = max(want_tokens, int(m.group(1)) * 600.0)
    long_cues = len(_LONG_OUTPUT.findall(low))
    output_length = min(
        1.0,
        (math.log2(want_tokens / _BASE_MAX_TOKENS) / 3.0 if want_tokens > _BASE_MAX_TOKENS else 0)
        + 0.25 * min(long_cues, 3),
    )
    detail["output_length"] = (
        f"a long answer requested (~{want_tokens:.0f} tokens)"
        if want_tokens
        else "long-answer cues"
    )

    # short answer / mechanical task (negative weight by default)
    short_hits = len(_SHORT.findall(low))
    short_answer = min(1.0, short_hits / 2.0)
    detail["short_answer"] = "short-answer cues"

    values = {
        "length": length,
        "code": code,
        "reasoning": reasoning,
        "constraints": constraints,
        "depth": depth,
        "output_length": output_length,
        "short_answer": short_answer,
    }
    return {k: round(v, 4) for k, v in values.items()}, detail


def estimate_complexity(
    messages: Sequence[Message],
    *,
    requested_max_tokens: int | None,
    config: RoutingConfig,
) -> TierChoice:
    """Score how demanding a prompt is and pick the routing tier for it.

    Pure: no I/O, no model call, deterministic; well under a millisecond for typical prompts
    (only the first 6000 and last 2000 characters of each message are scanned for cues).

    Args:
        messages: the conversation; cues are read from the user messages, length from all.
        requested_max_tokens: the caller's ``max_tokens``, if they set one.
        config: tiers and weights.

    Returns:
        The highest tier whose ``min_score`` the score reaches, with the score (in ``[0, 1]``),
        the normalised features and a one-sentence reason naming the top contributors.
    """
    values, detail = _features(messages, requested_max_tokens)
    weights = config.weights.model_dump()
    contrib = {name: weights[name] * values[name] for name in _NAMES}
    score = round(min(1.0, max(0.0, sum(contrib.values()))), 4)

    chosen = config.tiers[0]
    for tier in config.tiers:
        if score >= tier.min_score:
            chosen = tier
    positive = sorted(
        (kv for kv in contrib.items() if kv[1] >= 0.03), key=lambda kv: (-kv[1], kv[0])
    )[:3]
    negative = [k for k, v in contrib.items() if v <= -0.03]
    if positive:
        because = "; ".join(detail[name] for name, _ in positive)
    else:
        because = "no sign of code, multi-step reasoning, many constraints or a long answer"
    if negative:
        because += "; offset by " + ", ".join(detail[name] for name in negative)
    reason = (
        f"complexity {score:.2f} -> tier '{chosen.name}' (min {chosen.min_score:.2f}): {because}"
    )
    return TierChoice(
        tier=chosen.name, target=chosen.target, score=score, reason=reason, features=values
    )
