"""The core (sans-I/O): the flows that hold every privacy decision.

A call is classified, decided by policy, redacted, sent, restored and audited; the generators
here (:mod:`~hybridllm.core.flow` for completions, :mod:`~hybridllm.core.embed_flow` for
embeddings) *yield* those steps as effects and never touch the network or a file themselves.
The drivers in :mod:`hybridllm.client` perform the effects. Also here: each hop's deadline
(:mod:`~hybridllm.core.hops`), the caller's policy scope (:mod:`~hybridllm.core.scope`), input
checks (:mod:`~hybridllm.core.input`) and the sampling options (:mod:`~hybridllm.core.sampling`).
"""
