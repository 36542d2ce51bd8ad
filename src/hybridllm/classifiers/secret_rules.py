"""Provider secret formats from a maintained rule set: betterleaks' rules, run gitleaks-style.

The table ``data/secret_rules.json`` is generated from betterleaks' default configuration (MIT;
betterleaks is the successor of gitleaks by gitleaks' author) by the repository's
``scripts/data/build_secret_rules.py``, which records the source, its version and licence in
the file. ~420 provider rules: Atlassian, age, Sentry, Grafana, Heroku, Perplexity, Notion,
Slack app tokens, cloud keys, CI tokens, ...

Run as gitleaks runs them: a rule is tried only on a text that contains one of its keywords
(case-insensitive substring test, a few microseconds for all rules on a 1 KB prompt), the secret
is the rule's capture group, and the rule's own filters apply (minimum Shannon entropy, values
its filter rejects, the global placeholder filter, and ``is_doc_placeholder`` of
:mod:`~hybridllm.classifiers.secret_values`). Nothing is ever validated against a
provider's API: nothing leaves the machine.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from hybridllm.classifiers.base import trie_pattern
from hybridllm.classifiers.prefilter import Literals
from hybridllm.classifiers.secret_values import is_doc_placeholder, shannon_entropy
from hybridllm.models import Finding

__all__ = ["ProviderRuleRecognizer"]

_TABLE = Path(__file__).with_name("data") / "secret_rules.json"
_SCORE = {"high": 0.95, "medium": 0.85, "low": 0.7}


_USERINFO = re.compile(r"://(?P<u>[^\s:/@]+):(?P<p>[^\s@/]+)@")


def _example_userinfo(value: str) -> bool:
    """A URI whose password is a documentation word or repeats the user name
    (``mongodb+srv://admin:password@...``, ``myUser:myPassword@``, ``root:root@``)."""
    m = _USERINFO.search(value)
    return m is not None and (is_doc_placeholder(m["p"]) or m["p"].lower() == m["u"].lower())


@dataclass(frozen=True, slots=True)
class _Rule:
    entity_type: str
    pattern: re.Pattern[str]
    group: int
    min_entropy: float
    deny: tuple[re.Pattern[str], ...]
    score: float


class ProviderRuleRecognizer:
    """Runs the provider rules whose keywords occur in the text.

    Attributes:
        name: ``"secret-rules"``.
        source: where the rule table comes from (name, version, licence).
    """

    name = "secret-rules"

    def __init__(self, table: Path = _TABLE) -> None:
        """Load and compile the rule table (~30 ms, once per classifier).

        Args:
            table: the JSON table written by ``scripts/data/build_secret_rules.py``.
        """
        data = json.loads(table.read_text(encoding="utf-8"))
        self.source = f"{data['source']}; {data['source_version']}; licence {data['licence']}"
        global_deny = tuple(re.compile(d) for d in data["global_deny"])
        self._by_keyword: dict[str, list[_Rule]] = {}
        self.rule_count = 0
        for row in data["rules"]:
            rule = _Rule(
                entity_type=re.sub(r"[^A-Z0-9]+", "_", row["id"].upper()).strip("_"),
                pattern=re.compile(row["regex"]),
                group=row["group"],
                min_entropy=row["entropy"],
                deny=tuple(re.compile(d) for d in row["deny"]) + global_deny,
                score=_SCORE.get(row["confidence"], 0.85),
            )
            self.rule_count += 1
            for keyword in row["keywords"]:
                self._by_keyword.setdefault(keyword, []).append(rule)
        keywords = sorted(self._by_keyword)
        # One pass finds every keyword: a trie-shaped alternation in a lookahead gives the
        # longest keyword starting at each position; the keywords that are its prefixes occur
        # there too.
        self._keyword_scan = re.compile(f"(?=({trie_pattern(keywords)}))")
        self._prefixes = {k: [j for j in keywords if k.startswith(j)] for k in keywords}
        # The same set in one Hyperscan pass (every keyword found, not only the longest at each
        # place, so no prefix table is needed).
        self._literals = Literals(keywords)

    def find(self, text: str) -> list[Finding]:
        """Findings of every rule whose keyword is in ``text`` and whose filters pass.

        Args:
            text: the text to scan.

        Returns:
            ``SECRET`` findings named after the rule id (``github-pat`` -> ``GITHUB_PAT``).
        """
        rules: dict[int, _Rule] = {}
        low = text.lower()
        present = self._literals.present(low)
        if present is None:
            present = {
                k for found in set(self._keyword_scan.findall(low)) for k in self._prefixes[found]
            }
        for keyword in sorted(present):
            for rule in self._by_keyword[keyword]:
                rules[id(rule)] = rule
        findings: list[Finding] = []
        for rule in rules.values():
            for m in rule.pattern.finditer(text):
                start, end = m.span(rule.group)
                if start < 0:  # the secret is in another alternative's group (gitleaks: first)
                    g = next((g for g in range(1, len(m.groups()) + 1) if m.start(g) >= 0), 0)
                    start, end = m.span(g)
                if end <= start:
                    continue
                value = text[start:end]
                if (
                    shannon_entropy(value) <= rule.min_entropy
                    or any(d.search(value) for d in rule.deny)
                    or is_doc_placeholder(value)
                    or _example_userinfo(value)
                ):
                    continue
                findings.append(
                    Finding(
                        entity_type=rule.entity_type,
                        category="SECRET",
                        start=start,
                        end=end,
                        score=rule.score,
                        recognizer=self.name,
                    )
                )
        return findings
