"""Filters over audit records: what ``hybridllm audit query/export/report`` select.

Time bounds are pushed down to SQL (SQLite or PostgreSQL; ``ts`` is indexed in both); everything
else is matched on the parsed record, so a filter means exactly the same thing for every store and
for exported files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from hybridllm.models import AuditRecord

__all__ = ["AuditQuery", "RecordSource", "ValueCensus", "parse_time", "reached_remote"]


class RecordSource(Protocol):
    """Anything that yields records within a time range: an ``AuditStore``, an ``AuditSource``."""

    def iter_records(
        self, *, since: str | None = None, until: str | None = None
    ) -> Iterator[AuditRecord]:
        """Records with ``since <= ts < until`` (either bound optional), in the store's order."""
        ...


_TS_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def parse_time(text: str, *, end: bool = False) -> str:
    """Turn a user-given date or time into the stored ``ts`` form (UTC, microseconds, ``Z``).

    Args:
        text: ``YYYY-MM-DD`` or ISO 8601 (``2026-03-31T12:00``, ``...Z``, ``...+02:00``). A time
            without an offset is taken as UTC.
        end: for an upper bound: a bare date means the *end* of that day (the next midnight,
            exclusive), so ``--until 2026-03-31`` includes the whole of March 31st.

    Returns:
        e.g. ``"2026-04-01T00:00:00.000000Z"``.

    Raises:
        ValueError: if the text is not a date or an ISO 8601 time.
    """
    raw = text.strip()
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(f"not a date or ISO 8601 time: {text!r}") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if end and len(raw) == len("2026-01-01"):
        when += timedelta(days=1)
    return when.astimezone(UTC).strftime(_TS_FORMAT)


def reached_remote(record: AuditRecord) -> bool:
    """True if a payload of this call was sent to a remote target (answered or not)."""
    return record.locality == "remote" or bool(record.remote_targets)


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """A conjunction of filters; an empty tuple means "any". Values within one filter are ORed.

    Attributes:
        since: ``ts >= since`` (stored form, see :func:`parse_time`).
        until: ``ts < until``.
        routes: ``local``, ``cloud``, ``blocked``.
        statuses: ``ok``, ``blocked``, ``error``, ``intent`` (every intent record; otherwise
            an intent is listed only while no outcome completes it).
        categories: record found any of these (``PII``, ``PHI``, ``SECRET``).
        entities: record found any of these entity types (e.g. ``MEDICAL_RECORD_NUMBER``).
        targets: the answering target, or any target tried (hops).
        models: the answering model.
        callers: caller names (exact match).
        apps: application names.
        locality: ``remote``: a payload was sent to a remote target (see :func:`reached_remote`);
            ``local``: answered locally and nothing was sent to a remote target.
        actions: ``(category, action)`` pairs the decision applied, e.g. ``("PHI", "allow")``.
        regions: region of the answering target.
        conversation_id: one conversation.
    """

    since: str | None = None
    until: str | None = None
    routes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    callers: tuple[str, ...] = ()
    apps: tuple[str, ...] = ()
    locality: str | None = None
    actions: tuple[tuple[str, str], ...] = ()
    regions: tuple[str, ...] = ()
    conversation_id: str | None = None

    def matches(self, r: AuditRecord) -> bool:  # noqa: PLR0911, PLR0912  (one flat filter list)
        """True if the record passes every filter."""
        if self.since is not None and r.ts < self.since:
            return False
        if self.until is not None and r.ts >= self.until:
            return False
        if self.routes and r.route not in self.routes:
            return False
        if self.statuses and r.status not in self.statuses:
            return False
        if self.categories and not set(self.categories) & set(r.categories):
            return False
        if self.entities and not set(self.entities) & set(r.entities):
            return False
        if self.targets and not set(self.targets) & {r.target, *(h.target for h in r.hops)}:
            return False
        if self.models and r.model not in self.models:
            return False
        if self.callers and r.caller not in self.callers:
            return False
        if self.apps and r.app not in self.apps:
            return False
        if self.locality == "remote" and not reached_remote(r):
            return False
        if self.locality == "local" and (reached_remote(r) or r.locality != "local"):
            return False
        if self.actions and not any(r.actions.get(c) == a for c, a in self.actions):
            return False
        if self.regions and r.region not in self.regions:
            return False
        return self.conversation_id is None or r.conversation_id == self.conversation_id

    def to_dict(self) -> dict[str, Any]:
        """The filters that are set, as JSON-compatible data (what an export records)."""
        return {k: v for k, v in asdict(self).items() if v not in (None, ())}

    def describe(self, *, skip: tuple[str, ...] = ()) -> str:
        """The filters that are set, in words (``categories=PHI, actions=PHI=allow``)."""

        def words(value: object) -> str:
            if isinstance(value, tuple):
                return "|".join("=".join(v) if isinstance(v, tuple) else str(v) for v in value)
            return str(value)

        items = self.to_dict().items()
        return ", ".join(f"{k}={words(v)}" for k, v in items if k not in skip)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditQuery:
        """The query :meth:`to_dict` described.

        Raises:
            ValueError: for an unknown filter name or a value of the wrong shape.
        """
        names = {f.name for f in fields(cls)}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name in ("since", "until", "locality", "conversation_id"):
                if not isinstance(value, str):
                    raise ValueError(f"filter {name} must be a string")
                values[name] = value
            elif name == "actions":
                values[name] = tuple((str(c), str(a)) for c, a in value)
            elif isinstance(value, list):
                values[name] = tuple(str(v) for v in value)
            else:
                raise ValueError(f"filter {name} must be a list")
        return cls(**values)

    def filter(self, records: Iterable[AuditRecord]) -> Iterator[AuditRecord]:
        """The matching records, in the given order: one per call.

        An ``intent`` record whose call has an outcome record is left out (the outcome stands
        for the call); an intent without one (the process died after the payload may have
        left) is kept, after the other records. ``statuses=("intent",)`` returns every intent.
        """
        if "intent" in self.statuses:
            yield from (r for r in records if self.matches(r))
            return
        open_intents: dict[str, AuditRecord] = {}
        for r in records:
            for done in r.intents:
                open_intents.pop(done, None)
            if r.status == "intent":
                if self.matches(r):
                    open_intents[r.id] = r
            elif self.matches(r):
                yield r
        yield from open_intents.values()

    def run(self, store: RecordSource) -> Iterator[AuditRecord]:
        """The matching records of a store, in its order (time bounds pushed to SQL)."""
        return self.filter(store.iter_records(since=self.since, until=self.until))


_FREE_FORM: dict[str, tuple[str, Callable[[AuditRecord], Iterable[str | None]]]] = {
    "entities": ("--entity", lambda r: r.entities),
    "targets": ("--target", lambda r: (r.target, *(h.target for h in r.hops))),
    "models": ("--model", lambda r: (r.model,)),
    "callers": ("--caller", lambda r: (r.caller,)),
    "apps": ("--app", lambda r: (r.app,)),
    "regions": ("--region", lambda r: (r.region,)),
}


class ValueCensus:
    """Which free-form filter values (app, caller, target, ...) occur in the records scanned.

    Enumerated filters (category, route, action, ...) are checked against their allowed values;
    free-form ones cannot be, so a typo (``--app clinc``) would match nothing and pass an
    ``--expect-none`` check. The census watches every record of the period (not only the
    matching ones) and names the values that occur in none of them.
    """

    def __init__(self, query: AuditQuery) -> None:
        """Watch the free-form values ``query`` filters on."""
        self._wanted = {
            name: set(getattr(query, name)) for name in _FREE_FORM if getattr(query, name)
        }
        self._seen: dict[str, set[str]] = {name: set() for name in self._wanted}

    def observe(self, records: Iterable[AuditRecord]) -> Iterator[AuditRecord]:
        """Pass the records through, noting the wanted values they hold."""
        for r in records:
            for name, wanted in self._wanted.items():
                if wanted - self._seen[name]:
                    values = {v for v in _FREE_FORM[name][1](r) if v}
                    self._seen[name] |= wanted & values
            yield r

    def unseen(self) -> list[str]:
        """``--option 'value'`` for each wanted value no scanned record holds."""
        return [
            f"{_FREE_FORM[name][0]} {value!r}"
            for name, wanted in self._wanted.items()
            for value in sorted(wanted - self._seen[name])
        ]
