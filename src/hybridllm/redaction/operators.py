"""The replacement operators: mask, keyed hash and Faker surrogates (placeholders are the vault's).

Faker is imported only when a surrogate is first needed: ``import hybridllm`` stays light.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from typing import Any

from hybridllm.errors import MissingDependencyError
from hybridllm.redaction.config import OperatorConfig

__all__ = ["SURROGATE_PROVIDERS", "hmac_token", "mask", "surrogate_factory"]

SURROGATE_PROVIDERS: dict[str, str] = {
    "PERSON": "name",
    "EMAIL_ADDRESS": "email",
    "PHONE_NUMBER": "phone_number",
    "LOCATION": "city",
    "ADDRESS": "street_address",
    "US_SSN": "ssn",
    "CREDIT_CARD": "credit_card_number",
    "IP_ADDRESS": "ipv4",
    "INTERNAL_IP_ADDRESS": "ipv4_private",
    "URL": "url",
    "DATE_TIME": "date",
    "ORGANIZATION": "company",
    "IBAN_CODE": "iban",
}
"""Entity type -> Faker provider. Other types fall back to a placeholder."""


def mask(value: str, spec: OperatorConfig) -> str:
    """``****1111``: irreversible; keeps ``keep_last`` characters when the value is longer."""
    keep = spec.keep_last if len(value) > spec.keep_last * 2 else 0
    return spec.mask_char * (len(value) - keep) + (value[-keep:] if keep else "")


def hmac_token(label: str, value: str, key: bytes) -> str:
    """``[EMAIL_ADDRESS:5f0c9e1b2a7d4c3e]``: same value, same token, in every scope and run.

    Not a placeholder (lower-case hex after a colon), so it is never restored.
    """
    digest = hmac.new(key, f"{label}\x00{value}".encode(), hashlib.sha256).hexdigest()
    return f"[{label}:{digest[:16]}]"


def surrogate_factory(
    entity_type: str, locale: str
) -> Callable[[object | None], tuple[object, str]] | None:
    """A candidate generator for :meth:`Vault.mint_surrogate`, or None for unsupported types.

    The Faker instance is created once per scope and seeded from ``secrets``: surrogates are
    not predictable from the value, and consistency comes from the vault's map, not the seed.
    """
    provider = SURROGATE_PROVIDERS.get(entity_type.upper())
    if provider is None:
        return None

    def candidates(state: object | None) -> tuple[object, str]:
        faker: Any = state
        if faker is None:
            try:
                from faker import Faker
            except ImportError as exc:  # pragma: no cover - faker is a dependency
                raise MissingDependencyError(
                    "the surrogate operator needs Faker: pip install faker"
                ) from exc
            faker = Faker(locale)
            faker.seed_instance(secrets.randbits(64))
        value = str(getattr(faker, provider)()).replace("\n", ", ")
        return faker, value

    return candidates
