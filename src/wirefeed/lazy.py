"""Names a package imports when first used (PEP 562's module `__getattr__`).

A package's `__init__` maps each such name to the module that defines it, and its
`__getattr__` asks attribute_from(): a rebuild that finds nothing changed then imports none of
the modules it does not use (`wirefeed` itself, `wirefeed.store`).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, MutableMapping
from typing import Any

__all__ = ["attribute_from"]


def attribute_from(package: str, name: str, defined_in: Mapping[str, str], namespace: MutableMapping[str, Any]) -> Any:
    """`name` of `package`, imported from the module `defined_in` names for it, and kept in the
    package's `namespace` (its globals()) so that the next look-up does not come here."""
    module = defined_in.get(name)
    if module is None:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    namespace[name] = value
    return value
