"""The core: the sans-I/O flows that hold every privacy decision.

A call is classified, decided by policy, redacted, sent, restored and audited; the generators
here (:mod:`~hybridllm.core.flow` for completions, :mod:`~hybridllm.core.embed_flow` for
embeddings, :mod:`~hybridllm.core.reembed` for re-embedding) *yield* those steps as effects and
never touch the network, a file or a clock themselves. The drivers in :mod:`hybridllm.client`
perform the effects. Also here: the caller's policy scope (:mod:`~hybridllm.core.scope`), input
checks (:mod:`~hybridllm.core.input`) and the sampling options (:mod:`~hybridllm.core.sampling`).
"""
