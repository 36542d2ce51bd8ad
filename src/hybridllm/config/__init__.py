"""Settings: explicit arguments > ``HYBRIDLLM_*`` environment > ``hybridllm.toml`` > defaults.

A target (an adapter, a model, where to reach it and what it promises) is defined in
:mod:`hybridllm.config.targets`; :class:`TargetConfig` and :class:`Requirement` are re-exported
here.

A minimal ``hybridllm.toml``::

    default_target = "cloud"      # plain prompts (and prompts the policy lets out redacted)
    local_target = "local"        # prompts the policy keeps on a local model
    on_classifier_error = "local" # fail closed: "local" or "block"
    audit_path = "hybridllm-audit.db"

    [policy]                      # per category: local | redact | block | allow
    PII = "redact"
    PHI = "local"
    SECRET = "redact"

    [targets.local]
    adapter = "llamacpp"
    model = "smollm2"
    base_url = "http://127.0.0.1:8080"

    [targets.cloud]
    adapter = "openai"
    model = "gpt-4o-mini"
    api_key_env = "OPENAI_API_KEY"

    [fallback]                    # tried in order after the primary target of each route;
    local = []                    # every hop re-applies the policy: a payload the policy keeps
    cloud = ["local"]             # local is never sent to a remote target listed here

Nested environment variables use ``__``: ``HYBRIDLLM_POLICY__PHI=block``,
``HYBRIDLLM_TARGETS__CLOUD__BASE_URL=http://127.0.0.1:9000/v1``.
"""

from __future__ import annotations

import os
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

from hybridllm.classifiers.config import ClassifierConfig
from hybridllm.config.targets import Requirement, TargetConfig
from hybridllm.cost import CostConfig
from hybridllm.embeddings import EmbeddingSpace
from hybridllm.errors import ConfigError
from hybridllm.models import Action, Category
from hybridllm.redaction.config import RedactionConfig, RestoreConfig
from hybridllm.routing import RoutingConfig

__all__ = ["Requirement", "Settings", "TargetConfig", "load_settings", "resolve_config_path"]

_DEFAULT_FILE = "hybridllm.toml"
_file_data: ContextVar[dict[str, Any] | None] = ContextVar("hybridllm_file_data", default=None)
BUILTIN_PROFILES = ("dev", "staging", "prod")


def _default_targets() -> dict[str, TargetConfig]:
    return {
        "local": TargetConfig(
            adapter="llamacpp", model="smollm2", base_url="http://127.0.0.1:8080"
        ),
        "cloud": TargetConfig(adapter="openai", model="gpt-4o-mini", api_key_env="OPENAI_API_KEY"),
    }


def _default_policy() -> dict[Category, Action]:
    return {"PII": "redact", "PHI": "local", "SECRET": "redact"}


def _default_fallback() -> dict[Literal["local", "cloud"], list[str]]:
    return {"local": [], "cloud": ["local"]}


class _FileSource(PydanticBaseSettingsSource):
    """The TOML file's values, with the selected profile already merged in."""

    def __init__(self, settings_cls: type[BaseSettings], data: dict[str, Any]) -> None:
        super().__init__(settings_cls)
        self._data = data

    def get_field_value(self, field: Any, field_name: str) -> tuple[Any, str, bool]:
        return self._data.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self._data)


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _apply_profile(data: dict[str, Any], profile: str | None, source: str) -> dict[str, Any]:
    """Merge ``[profiles.<name>]`` over the file's top level (built-in ``dev``: all local)."""
    profiles = data.pop("profiles", {}) or {}
    if not isinstance(profiles, dict):
        raise ConfigError(
            "invalid configuration",
            source=source,
            key="profiles",
            expected="a table of profile tables",
        )
    if profile is None:
        return data
    if profile in profiles:
        return {**_deep_merge(data, profiles[profile]), "profile": profile}
    if profile == "dev":
        local = data.get("local_target", "local")
        return {**data, "default_target": local, "profile": profile}
    if profile in BUILTIN_PROFILES:
        return {**data, "profile": profile}
    raise ConfigError(
        f"unknown profile '{profile}'",
        source=source,
        key="profile",
        expected=f"one of {sorted({*BUILTIN_PROFILES, *profiles})}",
    )


class _EnvSource(EnvSettingsSource):
    """Environment variables, with policy categories upper-cased before sources are merged.

    Env names arrive lower-cased (``HYBRIDLLM_POLICY__PHI`` -> ``phi``); normalising here keeps
    the precedence exact: an explicit ``PHI`` argument must beat the environment's ``phi``.
    """

    def __call__(self) -> dict[str, Any]:
        data = super().__call__()
        for key in ("policy", "requirements"):
            table = data.get(key)
            if isinstance(table, dict):
                data[key] = {str(k).upper(): v for k, v in table.items()}
        return data


class Settings(BaseSettings):
    """The effective configuration of a :class:`hybridllm.Client`."""

    model_config = SettingsConfigDict(
        env_prefix="HYBRIDLLM_",
        env_nested_delimiter="__",
        extra="forbid",
        frozen=True,
    )

    targets: dict[str, TargetConfig] = Field(default_factory=_default_targets)
    policy: dict[Category, Action] = Field(default_factory=_default_policy)
    default_target: str = "cloud"
    local_target: str = "local"
    fallback: dict[Literal["local", "cloud"], list[str]] = Field(default_factory=_default_fallback)
    requirements: dict[Category, Requirement] = Field(default_factory=dict)
    """Per category, what a remote target must offer to receive it (redacted or not)."""
    routing: RoutingConfig = Field(default_factory=RoutingConfig)
    """Tiered routing by complexity, for prompts with nothing sensitive (off by default)."""
    cost: CostConfig = Field(default_factory=CostConfig)
    """Prices (overridable) and the local cost model used to fill ``cost_usd``."""
    redaction: RedactionConfig = Field(default_factory=RedactionConfig)
    """Operators per category/entity (placeholder, mask, hmac, surrogate), vault TTL and store."""
    restore: RestoreConfig = Field(default_factory=RestoreConfig)
    """Where restored values may go, per category (invariant 8); unrestored placeholders."""
    classifier: ClassifierConfig = Field(default_factory=ClassifierConfig)
    """Engine, custom recognizers, deny/allow lists, time budget."""
    audit_key_path: str | None = None
    """Audit key file (records, checkpoints and prompt HMACs are keyed with it); default:
    ``$HYBRIDLLM_AUDIT_KEY`` / ``$HYBRIDLLM_AUDIT_KEY_FILE`` / a 0600 file created on first use."""
    audit_jsonl_path: str | None = None
    """Also write every record to this JSONL file (for shipping to a SIEM)."""
    audit_postgres_dsn: str | None = None
    """Also write every record to this PostgreSQL database (one chain per instance)."""
    audit_instance: str = Field(default_factory=lambda: os.uname().nodename)
    """This instance's name in a shared PostgreSQL log."""
    audit_copies_required: bool = True
    """Whether a call may go ahead while an audit copy (JSONL, PostgreSQL) cannot be written.
    True: the copy's failure is the call's ``AuditError`` (before anything is sent, for the
    intent record). False: the SQLite store stays the durable record, the copy's records are
    queued in memory (up to 10,000) and the copy is reconnected with backoff."""
    audit_witness_path: str | None = None
    """Append every signed audit checkpoint here too: a file outside the audit database's
    directory, so that ``hybridllm audit verify --witness`` shows a log cut back or replaced."""
    audit_otel_logs: bool = False
    """Also emit every audit record as an OpenTelemetry log record (``event_name``
    ``hybridllm.audit``, payload-free attributes) through the application's logger provider;
    needs the ``otel`` extra."""
    audit_witness_dsn: str | None = None
    """Also append every signed checkpoint (of the SQLite store and of the PostgreSQL copy) to
    the append-only ``hybridllm_audit_witness`` table of this PostgreSQL database, per
    ``audit_instance``: a witness that outlives the machine (``audit verify --witness-dsn``)."""
    audit_checkpoint_every: int = Field(default=1000, ge=1)
    """Sign a checkpoint after every this many records..."""
    audit_checkpoint_interval: float | None = Field(default=60.0, gt=0)
    """...and with the first record at least this many seconds after the last checkpoint."""
    audit_sync: Literal["full", "commit", "intent"] = "intent"
    """``intent``: intent records (written before a payload leaves) and checkpoints are fsync'd
    before the call goes on; a call's outcome record is handed to the audit writer thread and
    committed off the call path, in call order, reaching the disk with the next fsync (a write
    that fails is logged and raised as ``AuditError`` by the next call, ``flush_audit()`` or
    ``close()``). ``commit``: as ``intent``, but the outcome is committed before the call
    returns. ``full``: every record is fsync'd before the call returns."""
    audit_busy_timeout: float = Field(default=30.0, gt=0)
    """Seconds to wait for the audit database's write lock before the call fails (unsent)."""
    deadline: float = Field(default=120.0, gt=0)
    """Overall seconds per call, across retries and fallback hops."""
    breakers_redis_url: str | None = None
    """Share target cooldowns between workers through this Redis (``redis://host:6379/0``;
    or ``$HYBRIDLLM_BREAKERS_REDIS_URL``). None: each process learns on its own. A Redis
    outage falls back to per-process cooldowns."""
    on_classifier_error: Literal["local", "block"] = "local"
    audit_path: str = "hybridllm-audit.db"
    app_name: str = "hybridllm"
    profile: str | None = None
    """The profile in effect (``HYBRIDLLM_PROFILE`` or ``profile=``); see ``[profiles.*]``."""
    max_input_chars: int = Field(default=200_000, gt=0)
    spaces: dict[str, EmbeddingSpace] = Field(default_factory=dict)
    """Embedding spaces (``[spaces.<name>]``): a name bound to one target and model identity."""
    default_space: str | None = None
    """The space ``embed()`` uses when none is named (default: the only space, else one bound
    to ``local_target``)."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Explicit arguments, then environment, then the TOML file, then defaults."""
        data = _file_data.get()
        sources: list[PydanticBaseSettingsSource] = [init_settings, _EnvSource(settings_cls)]
        if data:
            sources.append(_FileSource(settings_cls, data))
        return tuple(sources)

    @field_validator("targets", mode="before")
    @classmethod
    def _complete_partial_targets(cls, value: Any) -> Any:
        # The built-in "local" and "cloud" targets stay defined unless replaced. A partial entry
        # (no `adapter`, e.g. only HYBRIDLLM_TARGETS__CLOUD__BASE_URL) refines the built-in
        # target of that name; a full entry replaces it.
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = dict(_default_targets())
        for name, entry in value.items():
            base = out.get(name)
            partial = isinstance(entry, dict) and "adapter" not in entry
            if partial and isinstance(base, TargetConfig):
                out[name] = {**base.model_dump(exclude_unset=True), **entry}
            else:
                out[name] = entry
        return out

    @field_validator("policy", mode="before")
    @classmethod
    def _upper_categories(cls, value: Any) -> Any:
        # environment variable names arrive lower-cased: HYBRIDLLM_POLICY__PHI -> "phi"
        if isinstance(value, dict):
            # categories not named keep their default action
            return {**_default_policy(), **{str(k).upper(): v for k, v in value.items()}}
        return value

    @model_validator(mode="after")
    def _check_references(self) -> Settings:
        names = set(self.targets)
        refs = [("default_target", self.default_target), ("local_target", self.local_target)]
        refs += [(f"fallback.{r}", n) for r, chain in self.fallback.items() for n in chain]
        refs += [(f"routing.tiers.{t.name}.target", t.target) for t in self.routing.tiers]
        for key, name in refs:
            if name not in names:
                raise ValueError(f"{key} names unknown target '{name}' (defined: {sorted(names)})")
        if self.targets[self.local_target].effective_locality != "local":
            raise ValueError(f"local_target '{self.local_target}' is not a local target")
        self._check_spaces(names)
        return self

    def _check_spaces(self, names: set[str]) -> None:
        # No silent fallback for embeddings: a fallback target must serve the same model
        # identity (same adapter and model) as the space's target.
        if self.default_space is not None and self.default_space not in self.spaces:
            raise ValueError(
                f"default_space names unknown space '{self.default_space}' "
                f"(defined: {sorted(self.spaces)})"
            )
        for space_name, space in self.spaces.items():
            for key, name in [("target", space.target)] + [("fallback", n) for n in space.fallback]:
                if name not in names:
                    raise ValueError(
                        f"spaces.{space_name}.{key} names unknown target '{name}' "
                        f"(defined: {sorted(names)})"
                    )
            primary = self.targets[space.target]
            for name in space.fallback:
                t = self.targets[name]
                if (t.adapter, t.model) != (primary.adapter, primary.model):
                    raise ValueError(
                        f"spaces.{space_name}.fallback: target '{name}' serves "
                        f"{t.adapter}/{t.model}, not the space's {primary.adapter}/{primary.model}"
                    )

    def policy_fingerprint(self) -> dict[str, Any]:
        """Everything that changes where a payload may go, for the audit's policy version."""
        return {
            "policy": dict(self.policy),
            "requirements": {k: v.model_dump() for k, v in self.requirements.items()},
            "on_classifier_error": self.on_classifier_error,
            "targets": {n: t.attributes() for n, t in self.targets.items()},
            "fallback": {k: list(v) for k, v in self.fallback.items()},
            "default_target": self.default_target,
            "local_target": self.local_target,
            "routing": self.routing.model_dump(),
            "redaction": self.redaction.model_dump(mode="json"),
            "restore": self.restore.model_dump(mode="json", by_alias=True),
            "profile": self.profile,
        }

    def chain(self, *, keep_local: bool, primary: str | None = None) -> list[str]:
        """Targets to try, in order, without repeats.

        ``keep_local``: the policy keeps the payload on this machine, so the chain starts at
        ``local_target``; otherwise at ``default_target``. Either way it continues with the
        fallback list of the primary's route. Each hop is still checked by the policy, so a
        remote target in the "local" list only ever receives payloads the policy lets out.
        ``primary`` overrides the first target (tiered routing picks it).
        """
        if primary is None:
            primary = self.local_target if keep_local else self.default_target
        route: Literal["local", "cloud"] = (
            "local" if self.targets[primary].effective_locality == "local" else "cloud"
        )
        out: list[str] = []
        for name in [primary, *self.fallback.get(route, [])]:
            if name not in out:
                out.append(name)
        return out


def resolve_config_path(config: str | os.PathLike[str] | None) -> Path | None:
    """The TOML file to read: the argument, else ``$HYBRIDLLM_CONFIG``, else ./hybridllm.toml."""
    if config is not None:
        path = Path(config)
        if not path.is_file():
            raise ConfigError("config file not found", source=str(path))
        return path
    env = os.environ.get("HYBRIDLLM_CONFIG")
    if env:
        path = Path(env)
        if not path.is_file():
            raise ConfigError("config file not found", source=f"$HYBRIDLLM_CONFIG={env}")
        return path
    default = Path.cwd() / _DEFAULT_FILE
    return default if default.is_file() else None


def load_settings(
    config: str | os.PathLike[str] | None = None,
    *,
    profile: str | None = None,
    **overrides: Any,
) -> Settings:
    """Build the effective settings.

    Args:
        config: path of a ``hybridllm.toml``; see :func:`resolve_config_path` when omitted.
        profile: a profile to apply (``[profiles.<name>]`` merged over the file; built-in
            ``dev`` sends everything to the local target). Default: ``$HYBRIDLLM_PROFILE``.
        **overrides: explicit values, the highest precedence (e.g. ``default_target="local"``).

    Raises:
        ConfigError: naming the file, the key and what was expected.
    """
    path = resolve_config_path(config)
    source = str(path) if path else "environment/arguments/defaults"
    data: dict[str, Any] = {}
    if path is not None:
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML ({exc})", source=source) from None
    profile = profile or os.environ.get("HYBRIDLLM_PROFILE") or None
    data = _apply_profile(data, profile, source)
    token = _file_data.set(data)
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        expected = "a value (it is missing)" if err["type"] == "missing" else err["msg"]
        if "ctx" in err and "expected" in err["ctx"]:
            expected = str(err["ctx"]["expected"])
        raise ConfigError(
            "invalid configuration", source=source, key=key, expected=expected
        ) from None
    finally:
        _file_data.reset(token)
