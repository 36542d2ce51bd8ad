"""``python -m hybridllm``: the command line."""

from hybridllm.cli import main

main()
