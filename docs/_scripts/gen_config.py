"""Generate docs/configuration.md from the pydantic settings models.

Descriptions are the attribute docstrings in the source (the string right after a field), or
the ``Attributes:`` section of the class docstring; defaults come from the models themselves.

    .venv/bin/python docs/_scripts/gen_config.py          # rewrite docs/configuration.md
    .venv/bin/python docs/_scripts/gen_config.py --check  # exit 1 if it is out of date
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import textwrap
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from hybridllm.classifiers.config import ClassifierConfig, CustomRecognizer, DenyList
from hybridllm.config import Requirement, Settings, TargetConfig
from hybridllm.cost import CostConfig, LocalCostModel, ModelPrice
from hybridllm.redaction.config import (
    CategoryRestore,
    OperatorConfig,
    RedactionConfig,
    RestoreConfig,
)
from hybridllm.routing import RoutingConfig, RoutingWeights, Tier

OUT = Path(__file__).resolve().parents[1] / "configuration.md"

# (heading, TOML location, model); Settings first, then its tables in the order of the file.
SECTIONS: list[tuple[str, str, type[BaseModel]]] = [
    ("Top level", "top level of `hybridllm.toml`", Settings),
    ("Targets", "`[targets.<name>]`", TargetConfig),
    ("Requirements", "`[requirements.<CATEGORY>]`", Requirement),
    ("Routing", "`[routing]`", RoutingConfig),
    ("Routing tiers", "`[[routing.tiers]]`", Tier),
    ("Routing weights", "`[routing.weights]`", RoutingWeights),
    ("Redaction", "`[redaction]`", RedactionConfig),
    ("Redaction operators", "`[redaction.operators]` values", OperatorConfig),
    ("Restore", "`[restore]`", RestoreConfig),
    ("Restore rule per category", "`[restore.<CATEGORY>]`", CategoryRestore),
    ("Classifier", "`[classifier]`", ClassifierConfig),
    ("Custom recognizers", "`[[classifier.recognizers]]`", CustomRecognizer),
    ("Deny lists", "`[[classifier.deny_lists]]`", DenyList),
    ("Cost", "`[cost]`", CostConfig),
    ("Model prices", "`[cost.prices.<model>]`", ModelPrice),
    ("Local cost model", "`[cost.local]`", LocalCostModel),
]

# Descriptions for fields whose source has no docstring (keyed "Model.field").
SUPPLEMENT: dict[str, str] = {
    "Settings.targets": "Named targets (see Targets). The built-in `local` and `cloud` stay "
    "defined unless replaced; a partial entry (no `adapter`) refines the built-in of that name.",
    "Settings.policy": "Action per category: `local` (keep on the local target), `redact` "
    "(placeholders out, values restored in the reply), `block` (refuse the call), `allow` "
    "(send as is). Categories not named keep their default.",
    "Settings.default_target": "Target for plain prompts and for prompts the policy lets out "
    "(redacted or allowed).",
    "Settings.local_target": "Target for prompts the policy keeps on this machine; must be a "
    "local target.",
    "Settings.fallback": "Per route, targets tried in order after the primary. Every hop "
    "re-applies the policy, so a payload kept local never reaches a remote target listed here.",
    "Settings.audit_instance": "Default: the host name.",
    "Settings.on_classifier_error": "Fail closed when classification fails: keep the call on "
    "the local target (`local`) or refuse it (`block`). Audited with `fail_closed = true`.",
    "Settings.audit_path": "SQLite audit database (WAL, hash chain, signed checkpoints).",
    "Settings.app_name": "Recorded as `app` in every audit record.",
    "Settings.max_input_chars": "Longer input raises InputError before anything is classified "
    "or sent.",
    "TargetConfig.adapter": "Which provider protocol to speak.",
    "TargetConfig.model": "Model name as the provider knows it.",
    "TargetConfig.backoff_multiplier": "See `backoff_max`.",
    "TargetConfig.max_tokens": "Default cap on generated tokens for calls to this target.",
    "Requirement.baa": "The target must have `baa = true`.",
    "Requirement.zdr": "The target must have `zdr = true`.",
    "Requirement.regions": "The target's `region` must be one of these.",
    "Requirement.max_retention_days": "The target's `retention_days` must be set and at most this.",
    "Requirement.no_training": "The target must have `trains_on_inputs = false`.",
    "RoutingConfig.enabled": "Pick the target of prompts with nothing sensitive by complexity.",
    "RoutingConfig.weights": "Feature weights of the complexity score.",
    "Tier.name": "Tier name, recorded in the decision.",
    "Tier.min_score": "Lowest complexity score (0 to 1) that selects this tier.",
    "RoutingWeights.length": "Estimated tokens of the conversation.",
    "RoutingWeights.code": 'Code fences, code-like symbols, "write a function".',
    "RoutingWeights.reasoning": "Cues such as prove, derive, compare, trade-offs, root cause.",
    "RoutingWeights.constraints": "must/should/exactly..., bullet and numbered requirements.",
    "RoutingWeights.depth": "Earlier turns in the conversation.",
    "RoutingWeights.output_length": 'Requested output: large `max_tokens`, "detailed", '
    '"2000-word essay".',
    "RoutingWeights.short_answer": "Cues of a short or mechanical answer (translate, one word).",
    "RedactionConfig.store": "`memory` (the vault dies with the process), `encrypted` "
    "(AES-256-GCM files, for conversations that outlive the process) or `redis` (AES-256-GCM "
    "entries in Redis, for conversations shared by every worker and machine).",
    "RedactionConfig.redis_url_env": 'Variable holding the Redis URL for `store = "redis"` '
    "(wins over `redis_url`; use it when the URL holds a password).",
    "RedactionConfig.store_path": "Directory of the encrypted vault store.",
    "RedactionConfig.key_env": "Variable holding the vault key (urlsafe base64 of 32 bytes).",
    "RedactionConfig.key_file": "File holding the vault key (instead of `key_env`).",
    "RedactionConfig.hmac_key_env": "Variable holding the key of the `hmac` operator.",
    "RedactionConfig.hmac_key_file": "File holding the key of the `hmac` operator.",
    "RedactionConfig.surrogate_locale": "Faker locale of `surrogate` values.",
    "ModelPrice.input": "USD per million input tokens.",
    "ModelPrice.output": "USD per million output tokens.",
    "CostConfig.local": "The local cost model (see below).",
    "LocalCostModel.amortization_months": "Months over which the hardware is written off.",
    "LocalCostModel.electricity_usd_per_kwh": "Electricity price.",
    "LocalCostModel.ops_hourly_rate_usd": "Cost of an hour of operations time.",
}

HEADER = """\
# Configuration reference

<!-- Generated by docs/_scripts/gen_config.py from the pydantic models; do not edit by hand. -->

Settings are read with this precedence: explicit arguments to `Client(...)` >
`HYBRIDLLM_*` environment variables > `hybridllm.toml` (or the file named by `config=` /
`$HYBRIDLLM_CONFIG`) > the defaults below. Nested keys use `__` in the environment:
`HYBRIDLLM_POLICY__PHI=block`, `HYBRIDLLM_TARGETS__CLOUD__BASE_URL=http://127.0.0.1:9000/v1`.
A profile (`HYBRIDLLM_PROFILE` or `profile=`) merges `[profiles.<name>]` over the file; the
built-in `dev` profile sends everything to the local target.

Unknown keys are errors (`extra = "forbid"`): a typo fails loudly with the file, the key and
what was expected. See [Concepts](concepts/flow.md) for what each part does.
"""


def _attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """Field name -> docstring, from the string literal after each annotated assignment."""
    docs: dict[str, str] = {}
    for klass in reversed(model.__mro__):
        if not (isinstance(klass, type) and issubclass(klass, BaseModel)) or klass is BaseModel:
            continue
        try:
            source = textwrap.dedent(inspect.getsource(klass))
        except (OSError, TypeError):
            continue
        body = ast.parse(source).body[0]
        assert isinstance(body, ast.ClassDef)
        stmts = body.body
        for stmt, nxt in zip(stmts, [*stmts[1:], None], strict=True):
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and isinstance(nxt, ast.Expr)
                and isinstance(nxt.value, ast.Constant)
                and isinstance(nxt.value.value, str)
            ):
                docs[stmt.target.id] = inspect.cleandoc(nxt.value.value)
        docs.update(_google_attributes(klass.__doc__ or ""))
    return docs


def _google_attributes(doc: str) -> dict[str, str]:
    """The ``Attributes:`` section of a Google-style class docstring."""
    out: dict[str, str] = {}
    lines = inspect.cleandoc(doc).splitlines()
    try:
        start = lines.index("Attributes:") + 1
    except ValueError:
        return out
    name = None
    for line in lines[start:]:
        if line and not line.startswith(" "):
            break
        m = re.match(r"^    (\w+):\s*(.*)$", line)
        if m:
            name = m.group(1)
            out[name] = m.group(2)
        elif name and line.strip():
            out[name] += " " + line.strip()
    return out


def _type_name(annotation: Any) -> str:
    text = repr(annotation) if not isinstance(annotation, type) else annotation.__name__
    text = re.sub(r"\b(typing|hybridllm(\.\w+)*|pydantic\.\w+)\.", "", text)
    return text.replace("NoneType", "None")


def _default(field: Any) -> str:
    if field.default_factory is not None:
        if field.default_factory.__name__ == "<lambda>":
            return "host name"
        value = field.default_factory()
    elif field.default is PydanticUndefined:
        return "**required**"
    else:
        value = field.default
    if isinstance(value, BaseModel):
        return "see below"
    if isinstance(value, list) and value and isinstance(value[0], BaseModel):
        return "see below"
    if isinstance(value, dict) and any(isinstance(v, BaseModel) for v in value.values()):
        return "`local`, `cloud` (see [defaults](#built-in-defaults))"
    return f"`{value!r}`".replace("|", "\\|")


def _cell(text: str) -> str:
    text = re.sub(r":(?:class|meth|func|data|mod):`~?([^`]+)`", r"`\1`", text)
    text = text.replace("``", "`")
    return " ".join(text.split()).replace("|", "\\|")


def render() -> str:
    parts = [HEADER]
    for heading, where, model in SECTIONS:
        parts.append(f"\n## {heading}\n\n{where} — `{model.__module__}.{model.__name__}`\n")
        doc = inspect.cleandoc(model.__doc__ or "").split("\n\n")[0]
        parts.append(f"\n{_cell(doc)}\n")
        parts.append("\n| key | type | default | description |\n|---|---|---|---|\n")
        docs = _attribute_docs(model)
        hints = typing.get_type_hints(model)
        for name, field in model.model_fields.items():
            type_ = _cell(_type_name(hints.get(name, field.annotation)))
            desc = docs.get(name) or SUPPLEMENT.get(f"{model.__name__}.{name}", "")
            desc = _cell(desc or field.description or "")
            parts.append(f"| `{name}` | `{type_}` | {_default(field)} | {desc} |\n")
    parts.append(_defaults_toml())
    return "".join(parts)


def _defaults_toml() -> str:
    # model_construct: field defaults only, never the environment or a hybridllm.toml nearby
    s = Settings.model_construct()
    lines = ["\n## Built-in defaults\n\nWith no file and no environment, the settings are:\n"]
    lines.append("\n```toml\n")
    lines.append(f'default_target = "{s.default_target}"\nlocal_target = "{s.local_target}"\n')
    lines.append("\n[policy]\n")
    lines += [f'{k} = "{v}"\n' for k, v in s.policy.items()]
    for name, t in s.targets.items():
        lines.append(f"\n[targets.{name}]\n")
        for key in ("adapter", "model", "base_url", "api_key_env"):
            value = getattr(t, key)
            if value is not None:
                lines.append(f'{key} = "{value}"\n')
    lines.append("\n[fallback]\n")
    lines += [f"{k} = {list(v)!r}\n".replace("'", '"') for k, v in s.fallback.items()]
    lines.append("```\n")
    return "".join(lines)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
