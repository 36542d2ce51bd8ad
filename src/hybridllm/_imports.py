"""One lock for importing heavy third-party packages from more than one thread.

spaCy loads in a background thread (see :mod:`hybridllm.classifiers.name_ner`) while the first
call may import a provider SDK on the caller's thread. Both import ``httpx``, in different
orders; when two threads import overlapping module graphs in different orders, CPython's
deadlock avoidance hands one of them a *partially initialised* module, and the call fails with
``AttributeError: partially initialized module 'httpx' has no attribute 'URL'``. Every lazy
import of such a package goes through :func:`import_module` or :func:`importing`, which
serialise them; a module that is already fully imported is returned without taking the lock.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

__all__ = ["import_module", "importing"]

_LOCK = threading.RLock()


def import_module(name: str) -> ModuleType:
    """``importlib.import_module(name)``, serialised with every other lazy heavy import."""
    module = sys.modules.get(name)
    spec = getattr(module, "__spec__", None)
    if module is not None and not getattr(spec, "_initializing", False):
        return module
    with _LOCK:
        return importlib.import_module(name)


@contextmanager
def importing() -> Iterator[None]:
    """Hold the import lock around code that imports heavy packages (``spacy.load``)."""
    with _LOCK:
        yield
