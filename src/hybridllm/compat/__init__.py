"""Drop-in surfaces for code written against other SDKs (``hybridllm.OpenAI`` /
``hybridllm.AsyncOpenAI``), and the OpenAI wire format shared with the gateway."""
