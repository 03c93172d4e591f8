"""The caches' pickles of model.py's records: each record as its class and its field values.

A frozen dataclass with slots is otherwise pickled through a state that calls
dataclasses.fields() for every object: a build pickles 10,000 articles (into the input cache,
and once more for their digests), and this is about three times faster at it. The records stay
plain: the rule lives in this pickler's own dispatch table, not on their classes, and a pickle
made here is read back with pickle.loads() like any other.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import operator
import pickle
from collections.abc import Callable
from typing import Any

from wirefeed import model

__all__ = ["dumps"]

Reducer = Callable[[Any], tuple[Any, tuple[Any, ...]]]


def _by_fields(cls: type[Any]) -> Reducer:
    """The reduction of a `cls` record: the class, called with its field values in order."""
    values = operator.attrgetter(*(field.name for field in dataclasses.fields(cls)))
    if len(dataclasses.fields(cls)) == 1:
        return lambda record: (cls, (values(record),))
    return lambda record: (cls, values(record))


def _records() -> list[type[Any]]:
    """Every dataclass model.py defines (a record added there is pickled so without a change here)."""
    return [value for value in vars(model).values()
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == model.__name__]


# copyreg's table as well: what it holds is how any pickle reduces those types.
_DISPATCH = copyreg.dispatch_table.copy()
_DISPATCH.update({cls: _by_fields(cls) for cls in _records()})


def dumps(value: object, memo: bool = True) -> bytes:
    """pickle.dumps(value) at the highest protocol, with model.py's records pickled by their fields.

    `memo=False`: objects met twice are written twice, not as references (pickle's `fast`
    mode), so the bytes depend only on the values, not on which objects they share; for
    digests, and only for values without cycles.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.fast = not memo
    pickler.dump(value)
    return buffer.getvalue()
