"""The embeddings stage: spaces, model identity on every vector set, the mixing guard, re-embedding.

A *space* (``[spaces.<name>]`` in ``hybridllm.toml``) binds a name to one target and one model
identity: ``provider/model@revision:dimensions:normalization``. Every :class:`Embeddings` result
carries its space and identity, and vectors of two identities are never combined or compared
silently (:class:`ModelMismatchError`, invariant 7). :func:`index_status` says when an index was
built with another revision; :func:`reembed` (and :func:`areembed`, its async twin) walks
documents in batches, with a progress bar and a checkpoint file, so a failed run resumes where it
stopped.

This package is a stage of the flow, below the configuration (which imports it) and the core:
it stays light, and the re-embedding walk and its drivers live in
:mod:`hybridllm.embeddings.reembed`, loaded (with rich) on the first call. It takes the client as
a protocol (:class:`~hybridllm.embeddings.reembed.Embedder`), never the drivers' classes.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from hybridllm.errors import BlockedError, HybridLLMError
from hybridllm.models import Decision, Hop, Route

if TYPE_CHECKING:
    from hybridllm.embeddings.reembed import AsyncEmbedder, Embedder

__all__ = [
    "EmbeddingData",
    "EmbeddingRefusedError",
    "EmbeddingSpace",
    "EmbeddingUsage",
    "Embeddings",
    "IndexStatus",
    "ModelIdentity",
    "ModelMismatchError",
    "ReembedReport",
    "areembed",
    "index_status",
    "reembed",
]

Normalization = Literal["none", "l2"]


class ModelMismatchError(HybridLLMError):
    """Vectors of two different model identities were about to be mixed (invariant 7).

    Attributes:
        left: model id of the first vector set.
        right: model id of the second.
    """

    def __init__(self, message: str, *, left: str = "", right: str = "") -> None:
        self.left = left
        self.right = right
        super().__init__(message)


class EmbeddingRefusedError(BlockedError):
    """The texts may not be embedded in this space (e.g. sensitive text, remote space). Audited.

    Attributes:
        space: the space name.
        categories: the categories found (never the text).
        audit_id: id of the audit record written for the refused call.
    """

    def __init__(
        self, message: str, *, space: str, categories: tuple[str, ...], audit_id: str
    ) -> None:
        self.space = space
        self.categories = categories
        self.audit_id = audit_id
        super().__init__(message)


class EmbeddingSpace(BaseModel):
    """``[spaces.<name>]``: one target, one model identity, and how to batch calls to it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    target: str
    """The target that embeds (its adapter and model make the identity)."""
    revision: str = Field(default="1", min_length=1)
    """Bump when the model behind the target changes: indexes of older revisions become stale."""
    dimensions: int | None = Field(default=None, gt=0)
    """Expected vector size (sent as ``dimensions`` to the provider when ``request_dimensions``)."""
    request_dimensions: bool = False
    """Ask the provider for ``dimensions`` (OpenAI v3 models); otherwise only checked."""
    normalize: bool = False
    """L2-normalize vectors client-side (identity then ends in ``:l2``)."""
    redact_sensitive: bool = False
    """A remote space refuses sensitive texts unless this is set: then they are redacted first.
    Redaction changes meaning, so it is never the default."""
    fallback: list[str] = Field(default_factory=list)
    """Other targets serving the same model identity (same adapter and model). Checked at load."""
    batch_size: int = Field(default=64, ge=1, le=2048)
    """Texts per provider request (the provider's batch limit)."""
    max_concurrency: int = Field(default=2, ge=1, le=64)
    """Provider requests in flight at once, per call (and per coalescer)."""
    coalesce_ms: float = Field(default=5.0, ge=0.0, le=1000.0)
    """Concurrent small ``aembed`` calls wait up to this long to share a request; 0 disables."""
    coalesce_max: int = Field(default=64, ge=1, le=2048)
    """A coalesced request is sent as soon as it holds this many texts."""


class ModelIdentity(BaseModel):
    """Which model made a vector: ``provider/model@revision:dimensions:normalization``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    provider: str
    model: str
    revision: str
    dimensions: int | None = None
    normalization: Normalization = "none"

    @property
    def model_id(self) -> str:
        """E.g. ``llamacpp/smollm2@1:576:none`` (``?`` for dimensions not known yet)."""
        dim = "?" if self.dimensions is None else str(self.dimensions)
        return f"{self.provider}/{self.model}@{self.revision}:{dim}:{self.normalization}"

    def __str__(self) -> str:
        return self.model_id

    @classmethod
    def parse(cls, model_id: str) -> ModelIdentity:
        """The inverse of :attr:`model_id`."""
        head, sep, tail = model_id.rpartition("@")
        provider, slash, model = head.partition("/")
        parts = tail.rsplit(":", 2)
        if not (sep and slash and len(parts) == 3 and parts[2] in ("none", "l2")):
            raise ValueError(f"not a model id: {model_id!r}")
        rev, dim, norm = parts
        return cls(
            provider=provider,
            model=model,
            revision=rev,
            dimensions=None if dim == "?" else int(dim),
            normalization="l2" if norm == "l2" else "none",
        )

    def same_model(self, other: ModelIdentity) -> bool:
        """Same vector space, ignoring a dimension not known on one side."""
        dims = self.dimensions is None or other.dimensions is None
        return (
            self.provider == other.provider
            and self.model == other.model
            and self.revision == other.revision
            and self.normalization == other.normalization
            and (dims or self.dimensions == other.dimensions)
        )


class EmbeddingData(BaseModel):
    """One vector, shaped like OpenAI's ``data[i]``."""

    model_config = ConfigDict(frozen=True)

    object: Literal["embedding"] = "embedding"
    index: int
    embedding: list[float] = Field(repr=False)


class EmbeddingUsage(BaseModel):
    """Token counts, shaped like OpenAI's embeddings ``usage``."""

    model_config = ConfigDict(frozen=True)

    prompt_tokens: int = 0
    total_tokens: int = 0


class Embeddings(BaseModel):
    """The result of :meth:`hybridllm.Client.embed`: vectors in input order, and their identity.

    Shaped so code written for OpenAI's response keeps working (``data[i].embedding``, ``model``,
    ``usage.prompt_tokens``). Holds no input text.
    """

    model_config = ConfigDict(frozen=True)

    object: Literal["list"] = "list"
    data: list[EmbeddingData]
    model: str
    """The provider's model name (as in OpenAI's response); see :attr:`model_id` for identity."""
    usage: EmbeddingUsage = Field(default_factory=EmbeddingUsage)
    space: str
    identity: ModelIdentity
    route: Route = "local"
    target: str | None = None
    audit_id: str = ""
    decision: Decision | None = None
    redacted_count: int = 0
    """Distinct values replaced by placeholders before the texts left the machine."""
    hops: tuple[Hop, ...] = ()

    @property
    def model_id(self) -> str:
        """``provider/model@revision:dimensions:normalization``."""
        return self.identity.model_id

    @property
    def vectors(self) -> list[list[float]]:
        """The vectors, in input order."""
        return [d.embedding for d in self.data]

    @property
    def dimensions(self) -> int | None:
        """Vector size (None for an empty set)."""
        return len(self.data[0].embedding) if self.data else self.identity.dimensions

    def __len__(self) -> int:
        return len(self.data)

    def check_compatible(self, other: Embeddings | ModelIdentity | str) -> None:
        """Raise :class:`ModelMismatchError` unless ``other`` has the same model identity."""
        theirs = _identity(other)
        if not self.identity.same_model(theirs) or (
            isinstance(other, Embeddings) and self.dimensions != other.dimensions
        ):
            raise ModelMismatchError(
                f"vectors of {self.model_id} and {theirs.model_id} are not comparable; "
                "re-embed one side with the other's model",
                left=self.model_id,
                right=theirs.model_id,
            )

    def combine(self, other: Embeddings) -> Embeddings:
        """Both sets in one (``other`` appended), only if the identities match."""
        self.check_compatible(other)
        n = len(self.data)
        data = [*self.data, *(d.model_copy(update={"index": n + d.index}) for d in other.data)]
        usage = EmbeddingUsage(
            prompt_tokens=self.usage.prompt_tokens + other.usage.prompt_tokens,
            total_tokens=self.usage.total_tokens + other.usage.total_tokens,
        )
        return self.model_copy(update={"data": data, "usage": usage, "audit_id": ""})

    def similarity(self, other: Embeddings) -> list[list[float]]:
        """Cosine similarity of every vector here with every vector of ``other``."""
        self.check_compatible(other)
        right = [_unit(v) for v in other.vectors]
        return [[_dot(_unit(a), b) for b in right] for a in self.vectors]


def _identity(value: Embeddings | ModelIdentity | str) -> ModelIdentity:
    if isinstance(value, Embeddings):
        return value.identity
    if isinstance(value, ModelIdentity):
        return value
    return ModelIdentity.parse(value)


def _dot(a: Sequence[float], b: Sequence[float]) -> float:
    return math.fsum(x * y for x, y in zip(a, b, strict=True))


def _unit(v: Sequence[float]) -> list[float]:
    norm = math.sqrt(math.fsum(x * x for x in v))
    return [x / norm for x in v] if norm else list(v)


def l2_normalize(vectors: list[list[float]]) -> list[list[float]]:
    """Each vector scaled to unit length (a zero vector stays zero)."""
    return [_unit(v) for v in vectors]


# -- stale indexes -------------------------------------------------------------------------


class IndexStatus(BaseModel):
    """What :func:`index_status` found."""

    model_config = ConfigDict(frozen=True)

    stale: bool
    reason: str
    index_model_id: str
    current_model_id: str


def _rev_key(rev: str) -> tuple[tuple[int, int | str], ...]:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.\-_]", rev))


def index_status(
    index: Embeddings | ModelIdentity | str, current: Embeddings | ModelIdentity | str
) -> IndexStatus:
    """Whether an index built with ``index``'s identity must be re-embedded for ``current``.

    Args:
        index: the identity stored with the index (an :class:`Embeddings`, an identity, or its
            ``model_id`` string).
        current: the space's identity now, e.g. ``client.space_identity("docs")``.
    """
    old, new = _identity(index), _identity(current)
    ids = {"index_model_id": old.model_id, "current_model_id": new.model_id}
    if old.same_model(new):
        return IndexStatus(stale=False, reason="index matches the space's model", **ids)
    if (old.provider, old.model) != (new.provider, new.model):
        why = f"index built with {old.provider}/{old.model}, space uses {new.provider}/{new.model}"
    elif old.revision != new.revision:
        try:
            older = _rev_key(old.revision) < _rev_key(new.revision)
        except TypeError:  # mixed numeric / text parts: just say they differ
            older = True
        age = "an older" if older else "a different"
        why = f"index built with {age} revision ({old.revision}; space is at {new.revision})"
    elif old.normalization != new.normalization:
        why = f"index normalization {old.normalization}, space uses {new.normalization}"
    else:
        why = f"index vectors have {old.dimensions} dimensions, space has {new.dimensions}"
    return IndexStatus(stale=True, reason=why + ": re-embed it", **ids)


# -- re-embedding with resume ----------------------------------------------------------------


class ReembedReport(BaseModel):
    """What one :func:`reembed` or :func:`areembed` run did."""

    model_config = ConfigDict(frozen=True)

    embedded: int
    """Documents embedded (and handed to the sink) in this run."""
    skipped: int
    """Documents skipped because the checkpoint says an earlier run did them."""
    batches: int
    model_id: str


def reembed(
    client: Embedder,
    documents: Iterable[tuple[str, str]],
    sink: Callable[[Sequence[str], Embeddings], None],
    *,
    checkpoint: str | os.PathLike[str],
    space: str | None = None,
    batch_size: int = 64,
    total: int | None = None,
    progress: bool = True,
) -> ReembedReport:
    """Embed ``(id, text)`` documents in batches into ``space``; resumable after a failure.

    After ``sink(ids, embeddings)`` returns for a batch, its ids are appended (fsynced) to the
    ``checkpoint`` file; a later run with the same checkpoint skips them. A batch whose sink
    or embedding failed is redone, so with a sink that stores by id every document ends up
    embedded once. (A crash between the sink returning and the checkpoint write redoes that one
    batch: make the sink an upsert.) A checkpoint begun with another model identity raises
    :class:`ModelMismatchError` rather than mixing vectors: before anything is embedded when
    the space has moved to another model or revision, and in any case before the sink sees a
    vector of another identity.

    Every batch is one :meth:`hybridllm.Client.embed` call, so the space's policy (a remote
    space refuses or redacts sensitive texts) and the audit log apply as to any call. An error
    from ``embed``, the documents or the sink propagates, the batches before it checkpointed.

    Args:
        client: the client to embed with (its policy and audit apply to every batch).
        documents: ``(id, text)`` pairs; ids must be unique.
        sink: receives each batch's ids and their vectors (same order).
        checkpoint: the checkpoint file (created if missing).
        space: the space name (default: the client's default space).
        batch_size: documents per ``embed`` call.
        total: the number of documents, for the progress bar (else ``len(documents)`` if known).
        progress: show a rich progress bar on stderr.

    Returns:
        What this run embedded and skipped, and the model id of the checkpointed vectors.

    Raises:
        ModelMismatchError: the checkpoint was begun with another model identity.
    """
    from hybridllm.embeddings.reembed import run_sync

    return run_sync(
        client,
        documents,
        sink,
        checkpoint=checkpoint,
        space=space,
        batch_size=batch_size,
        total=total,
        progress=progress,
    )


async def areembed(
    client: AsyncEmbedder,
    documents: Iterable[tuple[str, str]] | AsyncIterable[tuple[str, str]],
    sink: Callable[[Sequence[str], Embeddings], Awaitable[None] | None],
    *,
    checkpoint: str | os.PathLike[str],
    space: str | None = None,
    batch_size: int = 64,
    total: int | None = None,
    progress: bool = True,
) -> ReembedReport:
    """Async :func:`reembed`: the same batches, checkpoint and checks, through ``aembed``.

    Resumable in the same way, and with the same checkpoint format: a run of either function
    resumes a checkpoint written by the other. Every batch is one
    :meth:`hybridllm.AsyncClient.embed` (``aembed``) call, so the space's policy and the audit
    log apply to it; batches are embedded one after the other (a space's ``max_concurrency``
    still spreads a batch over parallel provider requests). Checkpoint file I/O runs in a
    worker thread. An error from ``aembed``, the documents or the sink propagates, the batches
    before it checkpointed.

    Args:
        client: an :class:`~hybridllm.AsyncClient` (or a :class:`~hybridllm.Client`, whose
            ``aembed`` is used).
        documents: ``(id, text)`` pairs, from an iterable or an async iterable; ids must be
            unique.
        sink: receives each batch's ids and their vectors (same order); may be a coroutine
            function, which is awaited before the batch is checkpointed.
        checkpoint: the checkpoint file (created if missing).
        space: the space name (default: the client's default space).
        batch_size: documents per ``aembed`` call.
        total: the number of documents, for the progress bar (else ``len(documents)`` if known).
        progress: show a rich progress bar on stderr.

    Returns:
        What this run embedded and skipped, and the model id of the checkpointed vectors.

    Raises:
        ModelMismatchError: the checkpoint was begun with another model identity.
    """
    from hybridllm.embeddings.reembed import run_async

    return await run_async(
        client,
        documents,
        sink,
        checkpoint=checkpoint,
        space=space,
        batch_size=batch_size,
        total=total,
        progress=progress,
    )
