"""The drivers (I/O): clients that run the core's effects, with retries, breakers and results.

:class:`~hybridllm.client.clients.Client` and ``AsyncClient`` run the effects the core's flows
yield (classify, call a provider through its adapter, write the audit record) with timeouts,
retries and circuit breakers (:mod:`~hybridllm.client.resilience`, shared across workers by
:mod:`~hybridllm.client.shared_breakers`), and hand back results and streams
(:mod:`~hybridllm.client.results`). The public names are re-exported by :mod:`hybridllm`.
"""
