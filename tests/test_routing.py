"""Tiered routing: the complexity estimate picks the right tier on clear cases, fast and pure."""

from __future__ import annotations

import statistics
import time

import pytest
from pydantic import ValidationError

from hybridllm.models import Message
from hybridllm.routing import RoutingConfig, RoutingWeights, Tier, estimate_complexity

CONFIG = RoutingConfig(enabled=True)

PARAGRAPH = (
    "Our office will be closed on Monday for the public holiday. The support line will be "
    "staffed by the on-call team, and urgent tickets will be answered within four hours. "
)


def user(text: str) -> list[Message]:
    return [Message(role="user", content=text)]


@pytest.mark.parametrize(
    "text",
    [
        "What is the capital of France?",
        "Translate 'good morning' into Spanish.",
        "Give me a synonym for 'happy'.",
        "Write a Python function that returns the square of a number.",
        f"Summarize this notice in one sentence:\n\n{PARAGRAPH * 3}",
    ],
)
def test_simple_prompts_go_to_the_simple_tier(text: str) -> None:
    choice = estimate_complexity(user(text), requested_max_tokens=None, config=CONFIG)
    assert choice.tier == "simple"
    assert choice.target == "local"
    assert choice.score < 0.2


@pytest.mark.parametrize(
    "text",
    [
        "Prove that there are infinitely many primes, then explain why the argument fails "
        "for twin primes.",
        "Design a rate limiter for a multi-region API gateway. Compare token bucket and "
        "sliding window, discuss consistency and failure modes, and recommend one.",
        "Write a complete Python implementation of a thread-safe LRU cache with TTL expiry, "
        "size-based eviction and statistics. It must include type hints and tests.",
        "Analyze these requirements:\n- users belong to many organizations\n- projects have "
        "tasks\n- task dependencies must not form cycles\n- every change must be auditable\n"
        "- soft deletion must be supported",
    ],
)
def test_demanding_prompts_go_to_the_strong_tier(text: str) -> None:
    choice = estimate_complexity(user(text), requested_max_tokens=None, config=CONFIG)
    assert choice.tier == "strong"
    assert choice.target == "cloud"


def test_reason_names_the_top_features() -> None:
    choice = estimate_complexity(
        user("Prove step by step that the square root of 2 is irrational."),
        requested_max_tokens=None,
        config=CONFIG,
    )
    assert choice.reason.startswith(f"complexity {choice.score:.2f} -> tier 'strong'")
    assert "reasoning cues (prove, step by step" in choice.reason
    assert "\n" not in choice.reason
    simple = estimate_complexity(
        user("Translate 'hello'."), requested_max_tokens=None, config=CONFIG
    )
    assert "offset by short-answer cues" in simple.reason


def test_requested_output_length_counts() -> None:
    text = "Write an essay on the history of Rome."
    short = estimate_complexity(user(text), requested_max_tokens=512, config=CONFIG)
    long = estimate_complexity(user(text), requested_max_tokens=4096, config=CONFIG)
    # 512 is the usual default and says nothing; 4096 = 8x -> log2(8)/3 = 1.0 (saturated).
    assert long.features["output_length"] == 1.0
    assert short.features["output_length"] == 0.25  # the word "essay" alone
    assert long.score > short.score
    words = estimate_complexity(
        user("Write a 2000-word story about a lighthouse."),
        requested_max_tokens=None,
        config=CONFIG,
    )
    assert words.features["output_length"] > 0.9
    assert words.tier == "strong"


def test_conversation_depth_counts_user_turns() -> None:
    messages = [
        Message(role="system", content="You are helpful."),
        Message(role="user", content="Hi"),
        Message(role="assistant", content="Hello!"),
        Message(role="user", content="What's 2 + 2?"),
        Message(role="assistant", content="4."),
        Message(role="user", content="And 3 + 3?"),
    ]
    choice = estimate_complexity(messages, requested_max_tokens=None, config=CONFIG)
    assert choice.features["depth"] == pytest.approx(2 / 3, abs=1e-4)  # 3 user turns -> 2/3
    assert choice.tier == "simple"


def test_deterministic_and_pure() -> None:
    messages = user("Compare Kafka and RabbitMQ for ordered processing, with trade-offs.")
    first = estimate_complexity(messages, requested_max_tokens=None, config=CONFIG)
    for _ in range(20):
        assert estimate_complexity(messages, requested_max_tokens=None, config=CONFIG) == first
    assert set(first.features) == {
        "length",
        "code",
        "reasoning",
        "constraints",
        "depth",
        "output_length",
        "short_answer",
    }
    assert all(0.0 <= v <= 1.0 for v in first.features.values())
    assert 0.0 <= first.score <= 1.0


def test_weights_and_tiers_come_from_config() -> None:
    text = "Prove that every planar graph is 5-colorable, then generalize."
    no_reasoning = RoutingConfig(enabled=True, weights=RoutingWeights(reasoning=0.0))
    assert estimate_complexity(user(text), requested_max_tokens=None, config=CONFIG).tier == (
        "strong"
    )
    assert (
        estimate_complexity(user(text), requested_max_tokens=None, config=no_reasoning).tier
        == "simple"
    )
    three = RoutingConfig(
        enabled=True,
        tiers=[
            Tier(name="tiny", target="local", min_score=0.0),
            Tier(name="mid", target="cloud-mini", min_score=0.1),
            Tier(name="big", target="cloud", min_score=0.6),
        ],
    )
    choice = estimate_complexity(user(text), requested_max_tokens=None, config=three)
    assert (choice.tier, choice.target) == ("mid", "cloud-mini")


@pytest.mark.parametrize(
    "tiers",
    [
        [
            {"name": "a", "target": "local", "min_score": 0.5},
            {"name": "b", "target": "x", "min_score": 0.2},
        ],
        [{"name": "a", "target": "local", "min_score": 0.1}],
        [
            {"name": "a", "target": "local", "min_score": 0.0},
            {"name": "a", "target": "x", "min_score": 0.2},
        ],
    ],
)
def test_invalid_tiers_are_rejected(tiers: list[dict[str, object]]) -> None:
    with pytest.raises(ValidationError):
        RoutingConfig.model_validate({"tiers": tiers})


def test_config_forbids_unknown_keys() -> None:
    with pytest.raises(ValidationError):
        RoutingConfig.model_validate({"enabled": True, "treshold": 0.3})
    with pytest.raises(ValidationError):
        RoutingConfig.model_validate({"weights": {"lenght": 0.1}})
    cfg = RoutingConfig.model_validate({"enabled": True, "weights": {"code": 0.5}})
    assert cfg.weights.code == 0.5
    assert cfg.weights.reasoning == RoutingWeights().reasoning


def test_latency_sanity_bound() -> None:
    # The budget is < 1 ms (bench/bench_routing.py measures ~0.03 ms p50); 5 ms here only so
    # that a loaded CI machine does not flake.
    messages = user(
        "Design a data pipeline that ingests 5 TB per day from Kafka, deduplicates events, "
        "joins a slowly changing dimension and handles late data. Compare Spark and Flink."
    )
    estimate_complexity(messages, requested_max_tokens=None, config=CONFIG)
    times = []
    for _ in range(200):
        t0 = time.perf_counter()
        estimate_complexity(messages, requested_max_tokens=None, config=CONFIG)
        times.append(time.perf_counter() - t0)
    assert statistics.median(times) < 0.005


def test_huge_input_is_bounded() -> None:
    # Only the head and tail of a long message are scanned for cues.
    messages = user("Fix the typos:\n" + PARAGRAPH * 2000)  # ~330 KB
    t0 = time.perf_counter()
    choice = estimate_complexity(messages, requested_max_tokens=None, config=CONFIG)
    assert time.perf_counter() - t0 < 0.05
    assert choice.features["length"] > 0.99
