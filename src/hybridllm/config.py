"""Settings: explicit arguments > ``HYBRIDLLM_*`` environment > ``hybridllm.toml`` > defaults.

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

    [fallback]                    # tried in order after the primary target of each route
    local = []
    cloud = ["local"]

Nested environment variables use ``__``: ``HYBRIDLLM_POLICY__PHI=block``,
``HYBRIDLLM_TARGETS__CLOUD__BASE_URL=http://127.0.0.1:9000/v1``.
"""

from __future__ import annotations

import os
import tomllib
from contextvars import ContextVar
from ipaddress import ip_address
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from hybridllm.errors import ConfigError
from hybridllm.models import Action, Category, Locality

__all__ = ["Settings", "TargetConfig", "load_settings", "resolve_config_path"]

AdapterName = Literal["llamacpp", "ollama", "openai", "anthropic"]
_LOCAL_ADAPTERS: frozenset[str] = frozenset({"llamacpp", "ollama"})
_DEFAULT_FILE = "hybridllm.toml"
_toml_path: ContextVar[Path | None] = ContextVar("hybridllm_toml_path", default=None)


def _is_loopback(url: str | None) -> bool:
    if not url:
        return True  # the SDK default for a local adapter is localhost
    host = urlparse(url if "://" in url else f"http://{url}").hostname or ""
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


class TargetConfig(BaseModel):
    """One named target: an adapter, a model and where to reach it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    adapter: AdapterName
    model: str = Field(min_length=1)
    base_url: str | None = None
    """Endpoint; for ``ollama`` this is the host URL. Defaults to each SDK's own default."""
    api_key_env: str | None = None
    """Name of the environment variable holding the API key (the key itself is never in config)."""
    timeout: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=2, ge=0, le=10)
    max_tokens: int = Field(default=512, gt=0)
    locality: Locality | None = None
    """Defaults to "local" for llamacpp/ollama on a loopback address, "remote" otherwise."""

    @property
    def effective_locality(self) -> Locality:
        """Where a payload sent to this target ends up."""
        if self.locality is not None:
            return self.locality
        if self.adapter in _LOCAL_ADAPTERS and _is_loopback(self.base_url):
            return "local"
        return "remote"


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


class _EnvSource(EnvSettingsSource):
    """Environment variables, with policy categories upper-cased before sources are merged.

    Env names arrive lower-cased (``HYBRIDLLM_POLICY__PHI`` -> ``phi``); normalising here keeps
    the precedence exact: an explicit ``PHI`` argument must beat the environment's ``phi``.
    """

    def __call__(self) -> dict[str, Any]:
        data = super().__call__()
        policy = data.get("policy")
        if isinstance(policy, dict):
            data["policy"] = {str(k).upper(): v for k, v in policy.items()}
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
    on_classifier_error: Literal["local", "block"] = "local"
    audit_path: str = "hybridllm-audit.db"
    app_name: str = "hybridllm"
    max_input_chars: int = Field(default=200_000, gt=0)

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
        path = _toml_path.get()
        sources: list[PydanticBaseSettingsSource] = [init_settings, _EnvSource(settings_cls)]
        if path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)

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
        for key, name in refs:
            if name not in names:
                raise ValueError(f"{key} names unknown target '{name}' (defined: {sorted(names)})")
        if self.targets[self.local_target].effective_locality != "local":
            raise ValueError(f"local_target '{self.local_target}' is not a local target")
        for name in self.fallback.get("local", []):
            if self.targets[name].effective_locality != "local":
                raise ValueError(
                    f"fallback.local names remote target '{name}': a payload the policy keeps "
                    "local may never fall back to a remote target"
                )
        return self

    def chain(self, route: Literal["local", "cloud"]) -> list[str]:
        """Targets to try for a route: its primary, then its fallback list (no repeats)."""
        primary = self.local_target if route == "local" else self.default_target
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


def load_settings(config: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Build the effective settings.

    Args:
        config: path of a ``hybridllm.toml``; see :func:`resolve_config_path` when omitted.
        **overrides: explicit values, the highest precedence (e.g. ``default_target="local"``).

    Raises:
        ConfigError: naming the file, the key and what was expected.
    """
    path = resolve_config_path(config)
    source = str(path) if path else "environment/arguments/defaults"
    if path is not None:
        try:
            with path.open("rb") as fh:
                tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"not valid TOML ({exc})", source=source) from None
    token = _toml_path.set(path)
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"])
        expected = err["msg"]
        if "ctx" in err and "expected" in err["ctx"]:
            expected = str(err["ctx"]["expected"])
        raise ConfigError(
            "invalid configuration", source=source, key=key, expected=expected
        ) from None
    finally:
        _toml_path.reset(token)
