"""Adapters: thin converters between a channel and the one message model."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any


def _defer_package_init(*names: str) -> None:
    """Lets the adapters import wechatpy's crypto, parsers and replies without running the packages'
    `__init__`, which imports every API client (and `requests`): a fifth of `serve`'s start-up for code it
    never runs. A package's own names (`wechatpy.WeChatClient`) still work: asking for one runs its
    `__init__` then. Packages already imported are left as they are."""
    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            continue  # not installed: the import that needs it says so
        package = importlib.util.module_from_spec(spec)

        def initialise(attribute: str, package: ModuleType = package, spec: Any = spec) -> Any:
            del package.__dict__["__getattr__"]  # once: __init__ defines the rest
            spec.loader.exec_module(package)
            return getattr(package, attribute)

        package.__dict__["__getattr__"] = initialise  # a module's __getattr__ (PEP 562)
        sys.modules[name] = package
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, package)


_defer_package_init("wechatpy", "wechatpy.enterprise")
