"""Generate the external secrets evaluation: ``open.jsonl`` and ``sealed.jsonl`` (committed).

Secret values are drawn by format, never copied from documentation examples:

* ``betterleaks``: one value per provider rule of betterleaks' maintained rule set (MIT; the rule
  table ``src/hybridllm/classifiers/data/secret_rules.json`` converted from it), drawn from the
  rule's secret group and re-drawn until it passes the rule's own entropy and deny filters;
* ``credsweeper``: one value per provider pattern of CredSweeper's ``rules/config.yaml`` (MIT,
  another maintainer's formats), read from the installed ``credsweeper`` package;
* ``generic``: passwords (Faker), hex / base64 / UUID tokens, JWTs, PEM keys, basic-auth pairs.

Each value is put into a prompt context (config files, shell history, stack traces, Jenkins
``credentials.xml``, K8s Secrets, ``curl -u``, ``Authorization`` headers, log lines, prose). The
``open`` and ``sealed`` splits use different context templates, different key-name styles and a
different seed; ``sealed.jsonl`` is scored by bench/bench_secrets.py but is not read while tuning.

Hard negatives (``kind: near_miss``): placeholders (``<your-key>``, ``${VAR}``, ``xxxx``,
``changeme``, AWS's documented ``...EXAMPLE`` keys), environment look-ups, masked values,
format descriptions with too-short values, hashes / UUIDs / digests in ordinary code, and keyword
lines whose value is not a secret (``max_tokens: 512``). They must not be flagged.

Usage (dev-only; needs ``credsweeper`` and ``faker`` installed)::

    PYTHONPATH=src .venv/bin/python bench/data/secrets_ext/generate.py
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import math
import random
import re
import string
import sys
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from contexts import NEAR_MISS, SECRET_CONTEXTS
from sample import UnsamplableError, sample

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
RULES = ROOT / "src" / "hybridllm" / "classifiers" / "data" / "secret_rules.json"
SEEDS = {"open": 1311, "sealed": 7919}

Record = dict[str, Any]


def entropy(s: str) -> float:
    """Shannon entropy in bits per character (as gitleaks/betterleaks compute it)."""
    n = len(s)
    return -sum(k / n * math.log2(k / n) for k in Counter(s).values()) if n else 0.0


def betterleaks_formats(rng: random.Random) -> list[tuple[str, str, str]]:
    """(family, provider word, value) for every rule of the converted betterleaks table."""
    table = json.loads(RULES.read_text(encoding="utf-8"))
    out: list[tuple[str, str, str]] = []
    for rule in table["rules"]:
        deny = [re.compile(d) for d in rule["deny"] + table["global_deny"]]
        for _ in range(60):
            try:
                v = sample(rule["regex"], rng, rule["group"] or 0)
            except UnsamplableError:
                break
            v = v.strip()
            if (
                len(v) >= 8
                and entropy(v) > rule["entropy"]
                and not any(d.search(v) for d in deny)
                and not re.search(r"[\s\"'`]", v)  # quoting is the context's job
            ):
                word = next(
                    (k for k in rule["keywords"] if k.isalpha() and len(k) >= 3),
                    rule["id"].split("-")[0],
                )
                out.append((f"betterleaks:{rule['id']}", word, v))
                break
    return out


def credsweeper_formats(rng: random.Random) -> list[tuple[str, str, str]]:
    """(family, provider word, value) for CredSweeper's provider patterns with a value group."""
    import yaml

    spec = importlib.util.find_spec("credsweeper")
    assert spec is not None
    assert spec.submodule_search_locations
    path = Path(spec.submodule_search_locations[0]) / "rules" / "config.yaml"
    out: list[tuple[str, str, str]] = []
    for rule in yaml.safe_load(path.read_text(encoding="utf-8")):
        if rule["type"] != "pattern" or "code" not in rule.get("target", []):
            continue
        if rule["name"] in {
            "UUID",
            "Firebase Domain",
            "AWS S3 Bucket",
            "Tencent WeChat API App ID",
        }:
            continue  # identifiers, not secrets
        regex = rule["values"][0]
        if "(?P<value>" not in regex:
            continue
        for _ in range(30):
            try:
                v = sample(regex, rng, "value").strip()
            except (UnsamplableError, KeyError):
                break
            if len(v) >= 12 and entropy(v) > 3.0 and not re.search(r"[\s\"'`]", v):
                word = re.sub(r"[^a-z]", "", rule["name"].split()[0].lower()) or "service"
                out.append((f"credsweeper:{rule['name']}", word, v))
                break
    return out


def generic_values(rng: random.Random, n: int) -> list[tuple[str, str, str]]:
    """Secrets with no provider format: what a keyword detector must catch."""
    from faker import Faker

    fake = Faker()
    fake.seed_instance(rng.randrange(1 << 30))
    alnum = string.ascii_letters + string.digits

    def b64url(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    makers = {
        "password": lambda: fake.password(length=rng.randint(10, 22), special_chars=True),
        "password_words": lambda: (
            fake.word().capitalize()
            + rng.choice("!@#$%&*-_.")
            + fake.word()
            + str(rng.randint(10, 9999))
        ),
        "hex": lambda: "".join(
            rng.choice("0123456789abcdef") for _ in range(rng.choice([32, 40, 48, 64]))
        ),
        "base64": lambda: base64.b64encode(rng.randbytes(rng.choice([24, 30, 32, 48]))).decode(),
        "alnum": lambda: "".join(rng.choice(alnum) for _ in range(rng.randint(16, 48))),
        "uuid_token": lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "jwt": lambda: ".".join(
            (
                b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()),
                b64url(
                    json.dumps(
                        {
                            "sub": str(rng.randint(1, 10**9)),
                            "iat": rng.randint(1.6e9, 1.8e9),
                            "name": fake.user_name(),
                        }
                    ).encode()
                ),
                b64url(rng.randbytes(32)),
            )
        ),
        "symbolic": lambda: "".join(
            rng.choice(alnum + "$%#@!^&*") for _ in range(rng.randint(12, 24))
        ),
    }
    names = list(makers)
    return [
        (f"generic:{names[i % len(names)]}", "", makers[names[i % len(names)]]()) for i in range(n)
    ]


def pem_block(rng: random.Random) -> str:
    body = base64.b64encode(rng.randbytes(rng.choice([600, 900, 1190]))).decode()
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    kind = rng.choice(["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"])
    return f"-----BEGIN {kind}-----\n{lines}\n-----END {kind}-----"


def key_name(word: str, style: str, kind: str) -> str:
    """A variable name for the value: ``word`` (provider) + ``kind`` in a naming style."""
    parts = [p for p in (word, *kind.split("_")) if p]
    if style == "upper":
        return "_".join(parts).upper()
    if style == "camel":
        return parts[0].lower() + "".join(p.capitalize() for p in parts[1:])
    if style == "kebab":
        return "-".join(parts).lower()
    if style == "dotted":
        return ".".join(parts).lower()
    if style == "pascal":
        return "".join(p.capitalize() for p in parts)
    return "_".join(parts).lower()


def fill(
    template: str, slots: dict[str, str], secret_slot: str | None
) -> tuple[str, list[dict[str, Any]]]:
    """Fill ``{slot}``s; the span of ``secret_slot``'s value is returned."""
    out = ""
    spans: list[dict[str, Any]] = []
    for piece in re.split(r"(\{[A-Za-z0-9_]+\})", template):
        name = piece[1:-1] if piece.startswith("{") and piece.endswith("}") else None
        if name is not None and name in slots:
            if name == secret_slot:
                spans.append(
                    {"start": len(out), "end": len(out) + len(slots[name]), "type": "SECRET"}
                )
            out += slots[name]
        else:
            out += piece.replace("{{", "{").replace("}}", "}")
    return out, spans


def build_split(split: str) -> list[Record]:
    rng = random.Random(SEEDS[split])
    from faker import Faker

    fake = Faker()
    fake.seed_instance(SEEDS[split])
    values = betterleaks_formats(rng) + credsweeper_formats(rng) + generic_values(rng, 240)
    contexts = SECRET_CONTEXTS[split]
    styles = ["upper", "snake", "camel", "kebab", "dotted", "pascal"]
    records: list[Record] = []
    for i, (family, word, value) in enumerate(values):
        name, template = contexts[rng.randrange(len(contexts))]
        kind = rng.choice(
            [
                "api_key",
                "token",
                "secret",
                "secret_key",
                "password",
                "access_token",
                "auth_token",
                "key",
                "credentials",
                "pat",
            ]
        )
        slots = {
            "key": key_name(word, rng.choice(styles), kind),
            "Key": key_name(word, "pascal", kind),
            "KEY": key_name(word, "upper", kind),
            "provider": word.capitalize()
            if word
            else rng.choice(["staging", "prod", "billing", "CI"]),
            "user": fake.user_name(),
            "host": fake.domain_name(),
            "email": fake.email(),
            "v": value,
            "b64": base64.b64encode(f"{fake.user_name()}:{value}".encode()).decode(),
            "n": str(rng.randint(2, 999)),
        }
        secret_slot = "b64" if "{b64}" in template else "v"
        text, spans = fill(template, slots, secret_slot)
        records.append(
            {
                "id": f"{split}-{i:04d}",
                "kind": "secret",
                "family": family,
                "context": name,
                "text": text,
                "spans": spans,
            }
        )
    # PEM blocks: a few per split, in a context.
    for j in range(12):
        pem = pem_block(rng)
        intro = rng.choice(
            [
                "Why does ssh reject this key?\n\n",
                "Here is the deploy key from the wiki:\n",
                "ansible vault dump:\nprivate_key: |\n",
            ]
        )
        records.append(
            {
                "id": f"{split}-pem-{j}",
                "kind": "secret",
                "family": "generic:pem",
                "context": "pem",
                "text": intro + pem + "\n",
                "spans": [{"start": len(intro), "end": len(intro) + len(pem), "type": "SECRET"}],
            }
        )
    # Hard negatives.
    for k, entry in enumerate(n for n in NEAR_MISS[split] for _ in range(10)):
        name, template = entry[0], entry[1]
        filler = entry[2] if len(entry) == 3 else (lambda _rng: "")
        slots = {
            "v": filler(rng),
            "n": str(rng.randint(2, 4096)),
            "user": fake.user_name(),
            "host": fake.domain_name(),
            "sha": hashlib.sha256(rng.randbytes(16)).hexdigest(),
            "sha1": hashlib.sha1(rng.randbytes(16)).hexdigest(),  # noqa: S324 - test data
            "uuid": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "md5": hashlib.md5(rng.randbytes(8)).hexdigest(),  # noqa: S324
            "sri": base64.b64encode(hashlib.sha512(rng.randbytes(16)).digest()).decode(),
        }
        text, _ = fill(template, slots, None)
        records.append(
            {
                "id": f"{split}-neg-{k:04d}",
                "kind": "near_miss",
                "family": f"near_miss:{name}",
                "context": name,
                "text": text,
                "spans": [],
            }
        )
    return records


def main() -> None:
    for split in SEEDS:
        records = build_split(split)
        with (HERE / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for r in records:
                fh.write(json.dumps(r, sort_keys=True) + "\n")
        kinds = Counter(r["kind"] for r in records)
        fams = {r["family"] for r in records if r["kind"] == "secret"}
        print(
            split,
            dict(kinds),
            "formats:",
            len(fams),
            "contexts:",
            len({r["context"] for r in records}),
        )


if __name__ == "__main__":
    main()
