"""Re-embedding with resume: one sans-I/O walk, driven by :func:`run_sync` and :func:`run_async`.

:func:`reembed_flow` is a generator, like :func:`hybridllm.core.flow.completion_flow`: it yields
*effects* (:class:`Pull`, :class:`EmbedBatch`, :class:`Deliver`, :class:`AppendCheckpoint`,
:class:`Advance`) and receives their results; it never touches a file, the network or the
terminal. Batching, skipping what the checkpoint holds, the model-identity checks and what is
written to the checkpoint live there once; the two drivers only perform the effects
(``client.embed`` or ``await client.aembed``, the sink, an fsynced append, the progress bar).

The checkpoint is JSON lines: a header ``{"model_id": ...}``, then ``{"ids": [...]}`` per
finished batch. A line torn by a crash is ignored (that batch is redone), and the next append
starts on a fresh line so that the torn bytes never swallow a later batch.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
from collections.abc import (
    AsyncIterable,
    Awaitable,
    Callable,
    Generator,
    Iterable,
    Sequence,
    Sized,
)
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from hybridllm.embeddings import Embeddings, ModelIdentity, ModelMismatchError, ReembedReport

if TYPE_CHECKING:
    from rich.progress import Progress

__all__ = [
    "EXHAUSTED",
    "Advance",
    "AppendCheckpoint",
    "AsyncEmbedder",
    "CheckpointState",
    "Deliver",
    "EmbedBatch",
    "Embedder",
    "Pull",
    "parse_checkpoint",
    "reembed_flow",
    "run_async",
    "run_sync",
]

_CALLER = "reembed"


class Embedder(Protocol):
    """What :func:`run_sync` needs of a client (:class:`hybridllm.Client` is one).

    A protocol here, so that the embeddings stage does not import the drivers above it.
    """

    def space_identity(self, space: str | None = None) -> ModelIdentity:
        """The model identity the space's vectors carry now."""
        ...

    def embed(
        self, texts: Sequence[str] | str, *, space: str | None = None, caller: str | None = None
    ) -> Embeddings:
        """Embed ``texts`` in ``space`` (classified, decided and audited like any call)."""
        ...


class AsyncEmbedder(Protocol):
    """What :func:`run_async` needs of a client (``AsyncClient`` and ``Client`` are both one)."""

    def space_identity(self, space: str | None = None) -> ModelIdentity:
        """The model identity the space's vectors carry now."""
        ...

    async def aembed(
        self, texts: Sequence[str] | str, *, space: str | None = None, caller: str | None = None
    ) -> Embeddings:
        """Embed ``texts`` in ``space`` without blocking the event loop."""
        ...


class _Exhausted:
    """Sent back for :class:`Pull` when the documents are used up."""

    __slots__ = ()


EXHAUSTED: Final = _Exhausted()


@dataclass(frozen=True, slots=True)
class Pull:
    """Effect: the next ``(id, text)`` document. Send back the pair, or :data:`EXHAUSTED`."""


@dataclass(frozen=True, slots=True)
class EmbedBatch:
    """Effect: embed ``texts`` in the run's space. Send back the :class:`Embeddings`."""

    texts: tuple[str, ...] = field(repr=False)


@dataclass(frozen=True, slots=True)
class Deliver:
    """Effect: hand ``ids`` and their vectors to the sink. Send back None."""

    ids: tuple[str, ...]
    embeddings: Embeddings


@dataclass(frozen=True, slots=True)
class AppendCheckpoint:
    """Effect: append ``data`` to the checkpoint file and fsync it. Send back None."""

    data: str


@dataclass(frozen=True, slots=True)
class Advance:
    """Effect: move the progress bar ``n`` documents on. Send back None."""

    n: int


ReembedEffect = Pull | EmbedBatch | Deliver | AppendCheckpoint | Advance
ReembedFlow = Generator[ReembedEffect, Any, ReembedReport]


@dataclass(slots=True)
class CheckpointState:
    """What a checkpoint file says: the model id it was begun with and the finished ids."""

    model_id: str | None = None
    done: set[str] = field(default_factory=set)
    torn: bool = False
    """The file does not end with a newline (a crash mid-write): start the next append anew."""


def parse_checkpoint(text: str) -> CheckpointState:
    """Read a checkpoint's text; unreadable lines (a torn write) are skipped, so redone."""
    state = CheckpointState(torn=bool(text) and not text.endswith("\n"))
    for line in text.splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(entry, dict):
            continue
        if "model_id" in entry:
            state.model_id = str(entry["model_id"])
        state.done.update(str(i) for i in entry.get("ids", ()))
    return state


def _mismatch(where: str, begun: str, now: str) -> ModelMismatchError:
    return ModelMismatchError(
        f"checkpoint {where} was started with {begun}, this run embeds with {now}; "
        "delete the checkpoint to start over",
        left=begun,
        right=now,
    )


def _check_space(state: CheckpointState, expected: ModelIdentity, where: str) -> None:
    """Refuse before any text is embedded when the space has moved to another model."""
    if state.model_id is None:
        return
    try:
        begun = ModelIdentity.parse(state.model_id)
    except ValueError:
        return  # not a model id we wrote: the exact check after the first batch decides
    if not begun.same_model(expected):
        raise _mismatch(where, state.model_id, expected.model_id)


def _batch(
    state: CheckpointState, ids: list[str], texts: list[str], where: str
) -> Generator[ReembedEffect, Any, str]:
    """Embed one batch, check its identity, deliver it, then checkpoint it."""
    result: Embeddings = yield EmbedBatch(tuple(texts))
    if state.model_id is not None and state.model_id != result.model_id:
        # before the sink: vectors of another identity never reach the caller's index
        raise _mismatch(where, state.model_id, result.model_id)
    yield Deliver(tuple(ids), result)
    lines: list[dict[str, object]] = []
    if state.model_id is None:
        lines.append({"model_id": result.model_id})
    lines.append({"ids": ids})
    data = "".join(json.dumps(entry) + "\n" for entry in lines)
    yield AppendCheckpoint(("\n" if state.torn else "") + data)
    state.torn = False
    state.model_id = result.model_id
    state.done.update(ids)
    yield Advance(len(ids))
    return result.model_id


def reembed_flow(
    saved: str, expected: ModelIdentity, *, batch_size: int, where: str
) -> ReembedFlow:
    """The walk shared by ``reembed`` and ``areembed``.

    Args:
        saved: the checkpoint file's text ("" when there is none yet).
        expected: the space's identity now (``client.space_identity(space)``).
        batch_size: documents per :class:`EmbedBatch`.
        where: the checkpoint's path, for error messages.
    """
    state = parse_checkpoint(saved)
    _check_space(state, expected, where)
    model_id = state.model_id or ""
    embedded = skipped = batches = 0
    ids: list[str] = []
    texts: list[str] = []
    while True:
        doc = yield Pull()
        if isinstance(doc, _Exhausted):
            break
        doc_id, text = doc
        if doc_id in state.done:
            skipped += 1
            yield Advance(1)
            continue
        ids.append(doc_id)
        texts.append(text)
        if len(ids) < batch_size:
            continue
        model_id = yield from _batch(state, ids, texts, where)
        embedded, batches = embedded + len(ids), batches + 1
        ids, texts = [], []
    if ids:
        model_id = yield from _batch(state, ids, texts, where)
        embedded, batches = embedded + len(ids), batches + 1
    return ReembedReport(embedded=embedded, skipped=skipped, batches=batches, model_id=model_id)


# -- drivers --------------------------------------------------------------------------------


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _append(path: Path, data: str) -> None:
    with path.open("a", encoding="utf-8") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _progress_bar(enabled: bool) -> Progress:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    return Progress(
        TextColumn("[bold]re-embedding[/bold] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not enabled,
    )


def _total(documents: object, total: int | None) -> int | None:
    if total is None and isinstance(documents, Sized):
        return len(documents)
    return total


def run_sync(
    client: Embedder,
    documents: Iterable[tuple[str, str]],
    sink: Callable[[Sequence[str], Embeddings], None],
    *,
    checkpoint: str | os.PathLike[str],
    space: str | None,
    batch_size: int,
    total: int | None,
    progress: bool,
) -> ReembedReport:
    """Drive :func:`reembed_flow` with ``client.embed`` (see ``hybridllm.embeddings.reembed``)."""
    path = Path(checkpoint)
    expected = client.space_identity(space)
    flow = reembed_flow(_read(path), expected, batch_size=batch_size, where=str(path))
    docs = iter(documents)
    bar = _progress_bar(progress)
    with bar:
        task = bar.add_task(space or "default space", total=_total(documents, total))
        send: Any = None
        while True:
            try:
                effect = flow.send(send)
            except StopIteration as stop:
                report: ReembedReport = stop.value
                return report
            send = None
            if isinstance(effect, Pull):
                send = next(docs, EXHAUSTED)
            elif isinstance(effect, EmbedBatch):
                send = client.embed(list(effect.texts), space=space, caller=_CALLER)
            elif isinstance(effect, Deliver):
                sink(list(effect.ids), effect.embeddings)
            elif isinstance(effect, AppendCheckpoint):
                _append(path, effect.data)
            else:
                bar.advance(task, effect.n)


async def run_async(
    client: AsyncEmbedder,
    documents: Iterable[tuple[str, str]] | AsyncIterable[tuple[str, str]],
    sink: Callable[[Sequence[str], Embeddings], Awaitable[None] | None],
    *,
    checkpoint: str | os.PathLike[str],
    space: str | None,
    batch_size: int,
    total: int | None,
    progress: bool,
) -> ReembedReport:
    """Drive :func:`reembed_flow` with ``client.aembed`` (see ``embeddings.areembed``).

    File I/O (reading the checkpoint, fsynced appends) runs in a worker thread so that the event
    loop is never blocked on the disk.
    """
    path = Path(checkpoint)
    expected = client.space_identity(space)
    saved = await asyncio.to_thread(_read, path)
    flow = reembed_flow(saved, expected, batch_size=batch_size, where=str(path))
    if isinstance(documents, AsyncIterable):
        adocs = aiter(documents)

        async def pull() -> tuple[str, str] | _Exhausted:
            return await anext(adocs, EXHAUSTED)
    else:
        docs = iter(documents)

        async def pull() -> tuple[str, str] | _Exhausted:
            return next(docs, EXHAUSTED)

    bar = _progress_bar(progress)
    with bar:
        task = bar.add_task(space or "default space", total=_total(documents, total))
        send: Any = None
        while True:
            try:
                effect = flow.send(send)
            except StopIteration as stop:
                report: ReembedReport = stop.value
                return report
            send = None
            if isinstance(effect, Pull):
                send = await pull()
            elif isinstance(effect, EmbedBatch):
                send = await client.aembed(list(effect.texts), space=space, caller=_CALLER)
            elif isinstance(effect, Deliver):
                delivered = sink(list(effect.ids), effect.embeddings)
                if inspect.isawaitable(delivered):
                    await delivered
            elif isinstance(effect, AppendCheckpoint):
                await asyncio.to_thread(_append, path, effect.data)
            else:
                bar.advance(task, effect.n)
