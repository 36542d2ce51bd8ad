"""Front door for code written against other SDKs: drop-in ``hybridllm.OpenAI`` / ``AsyncOpenAI``.

Also the OpenAI wire format shared with the gateway.
"""
