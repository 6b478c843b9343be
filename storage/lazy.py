"""`models`: the SQLModel classes (storage.models), imported when first asked for one of them.

The one way anything reaches them (repositories, handlers): a start that answers questions never builds them,
and whatever first needs one (a dialogue, a bound group, a draft) builds them all, once. Python's import lock
makes a second thread asking meanwhile wait for the whole module, mappers configured, never half of it.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any


class _OnFirstUse(ModuleType):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:  # only for what the instance itself lacks
        if self._module is None:
            self._module = importlib.import_module(self.__name__)
            # its names become this object's own: later lookups are plain attribute reads, not this call
            # (~1.4 µs each, several per message)
            self.__dict__.update(vars(self._module))
        return getattr(self._module, attribute)


if TYPE_CHECKING:
    from storage import models
else:
    models = _OnFirstUse("storage.models")
