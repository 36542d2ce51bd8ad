"""Person names in scripts without capitals, set in English sentences: how many survive redaction.

Faker's person names of 12 locales whose scripts have no case (Arabic, Hebrew, Persian, Hindi,
Bengali, Chinese, Japanese, Korean, Thai, Georgian) and, for comparison, three cased ones
(Russian, Greek, Armenian), seeded, in eight English templates written before the rules (an
addressing verb, a field label, a contact after it, a ticket's assignee, a greeting, a role
after it, a meeting "with" it, a verb after it); reported per template.
A name part counts as surviving when no finding covers any of its characters. The names come
from Faker's locale providers (the name lists the detector's lexicon was partly built from),
so this measures the slot rules, not list lookups.

Usage::

    PYTHONPATH=src .venv/bin/python bench/bench_name_scripts.py [--n 20]
"""

from __future__ import annotations

import argparse

from faker import Faker

from hybridllm.classifiers import get_classifier

LOCALES = (
    *("ar_AA", "he_IL", "fa_IR", "hi_IN", "bn_BD", "zh_CN", "ja_JP", "ko_KR", "th_TH", "ka_GE"),
    *("ru_RU", "el_GR", "hy_AM"),
)
TEMPLATES = (
    ("verb", "Please email {a} {b} about the invoice."),
    ("label", "Customer: {a} {b}\nIssue: the refund has not arrived."),
    ("contact", "Refund request from {a} {b}, {phone}, order 4471."),
    ("ticket", "Ticket #5521 assigned to {a} {b}; still open."),
    ("greeting", "Hi {a}, thanks for the quick reply yesterday."),
    ("role after", "{b}, {a} - account manager, EMEA region"),
    ("with", "I have a meeting with {a} {b} tomorrow about the budget."),
    ("verb after", "{a} {b} called about the invoice twice this week."),
)


def survival(n: int) -> list[tuple[str, list[tuple[int, int]]]]:
    """Per locale, (name parts surviving, name parts) per template."""
    clf = get_classifier()
    rows = []
    for loc in LOCALES:
        fake = Faker(loc)
        fake.seed_instance(1)
        counts = [[0, 0] for _ in TEMPLATES]
        for _ in range(n):
            a, b, phone = fake.first_name(), fake.last_name(), fake.phone_number()
            for k, (_, template) in enumerate(TEMPLATES):
                text = template.format(a=a, b=b, phone=phone)
                covered = [False] * len(text)
                for f in clf.classify(text).findings:
                    covered[f.start : f.end] = [True] * (f.end - f.start)
                for part in (a, b) if "{b}" in template else (a,):
                    i = text.find(part)
                    counts[k][1] += 1
                    counts[k][0] += not any(covered[i : i + len(part)])
        rows.append((loc, [(c[0], c[1]) for c in counts]))
    return rows


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20, help="names per locale (default 20)")
    args = parser.parse_args()
    print("| locale | " + " | ".join(name for name, _ in TEMPLATES) + " | all |")
    print("|---|" + "---:|" * (len(TEMPLATES) + 1))
    for loc, counts in survival(args.n):
        lost, total = sum(c[0] for c in counts), sum(c[1] for c in counts)
        cells = " | ".join(f"{c[0]}/{c[1]}" for c in counts)
        print(f"| {loc} | {cells} | {lost / total:.0%} |")


if __name__ == "__main__":
    main()
