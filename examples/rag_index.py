"""RAG indexing job: embed a folder of documents into a small vector index, then answer a
question from the closest documents.

Embeddings go through an embedding space (``[spaces.<name>]`` in the config, or the implicit
space on the local target), so every vector carries its model identity: the index stores it,
and a later run whose space moved to another model or revision re-embeds instead of mixing
vectors. Embedding is resumable (a checkpoint file) and audited like any call; documents with
PII are embedded locally, or refused by a space bound to a remote model.

    HYBRIDLLM_CONFIG=examples/hybridllm.example.toml \\
        python examples/rag_index.py examples/data/kb out/index "How long do refunds take?"
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import hybridllm
from hybridllm.embeddings import Embeddings, index_status, reembed


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


def build_index(
    client: hybridllm.Client, docs_dir: Path, out_dir: Path, space: str | None
) -> dict[str, object]:
    """Embed every ``*.md`` in ``docs_dir`` into ``out_dir/vectors.jsonl`` (resumable)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    meta_path, vectors_path = out_dir / "index.json", out_dir / "vectors.jsonl"
    current = client.space_identity(space)
    if meta_path.exists():
        status = index_status(json.loads(meta_path.read_text())["model_id"], current)
        if status.stale:  # another model or revision: start over rather than mix vectors
            vectors_path.unlink(missing_ok=True)
            (out_dir / "checkpoint").unlink(missing_ok=True)
    docs = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(docs_dir.glob("*.md"))]

    def sink(ids: Sequence[str], emb: Embeddings) -> None:
        with vectors_path.open("a", encoding="utf-8") as fh:
            for doc_id, vector in zip(ids, emb.vectors, strict=True):
                fh.write(json.dumps({"id": doc_id, "vector": vector}) + "\n")

    report = reembed(
        client,
        docs,
        sink,
        checkpoint=out_dir / "checkpoint",
        space=space,
        batch_size=2,
        progress=False,
    )
    meta = {"model_id": report.model_id, "documents": len(docs)}
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    return {**meta, "embedded": report.embedded, "skipped": report.skipped}


def answer(
    client: hybridllm.Client, docs_dir: Path, out_dir: Path, question: str, space: str | None
) -> dict[str, object]:
    """Retrieve the closest document and answer from it (the answer is routed by policy)."""
    index = [json.loads(line) for line in (out_dir / "vectors.jsonl").read_text().splitlines()]
    q = client.embed([question], space=space)
    best = max(index, key=lambda row: _cosine(q.vectors[0], row["vector"]))
    context = (docs_dir / f"{best['id']}.md").read_text(encoding="utf-8")
    r = client.complete(
        f"Answer from this document only.\n\n{context}\n\nQuestion: {question}",
        max_tokens=48,
        temperature=0,
        caller="rag_index",
    )
    return {"document": best["id"], "route": r.route, "answer": r.text.strip()}


def main(argv: list[str] | None = None) -> int:
    """Index the folder, then answer the question."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("question")
    parser.add_argument("--space", default=None)
    parser.add_argument("--config", default=None)
    args = parser.parse_args(argv)
    with hybridllm.Client(args.config) as client:
        built = build_index(client, args.docs, args.out, args.space)
        result = answer(client, args.docs, args.out, args.question, args.space)
    print(json.dumps({"index": built, **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
