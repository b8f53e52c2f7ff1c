"""Many small records of one kind, held as columns of machine numbers.

A long document has a finding for every mention of every name: a hundred thousand of
them for 8 MB of notes. As Python objects each took about 300 bytes, and a step of
the pipeline that held a whole document's findings held tens of megabytes, more for
each step still holding its own. Here a record costs about 60 bytes: its offsets are
numbers, and every other field is the number of its value in that field's list of
distinct values (a name said a thousand times is held once). A record is built again
as an object when it is read, so code that handles one finding at a time is unchanged.
"""

from __future__ import annotations

import itertools
import operator
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Any, overload

# Fields stored as the numbers they are; any other field is stored by value number.
_NUMBER_FIELDS = frozenset({"start", "end"})
# Records added are stored this many at a time: one field at a time for many records
# runs in C, and costs a third of storing them one by one.
_BATCH = 256


class _Numbering(dict[Any, int]):
    """Each key numbered in the order it is first asked for (0, 1, 2...)."""

    __slots__ = ()

    def __missing__(self, key: Any) -> int:
        number = self[key] = len(self)
        return number


class Records[R](Sequence[R]):
    """An append-only sequence of dataclass records (findings, edits), held compactly.

    Reading gives equal records, built anew: do not rely on identity. Equal to any
    tuple, list or ``Records`` holding equal records in the same order.
    """

    __slots__ = (
        "_columns",
        "_get",
        "_kind",
        "_names",
        "_numberings",
        "_pending",
        "_readers",
        "_typed",
        "_values",
    )

    def __init__(self, kind: type[R], items: Iterable[R] = ()) -> None:
        self._kind = kind
        declared = [(f.name, f.type) for f in fields(kind)]  # type: ignore[arg-type]
        self._names = [name for name, _ in declared]
        self._get = attrgetter(*self._names)
        numbered = [name in _NUMBER_FIELDS for name, _ in declared]
        self._columns = [array("q" if n else "i") for n in numbered]
        # Per field: its distinct values in order, and the number of each. A field not
        # declared a plain str numbers (type, value), so that values equal across types
        # (1 and 1.0, a StrEnum and its string) come back as they went in.
        self._values: list[list[Any] | None] = [None if n else [] for n in numbered]
        self._numberings = [_Numbering() for _ in declared]
        self._typed = [kind_of not in ("str", str) for _, kind_of in declared]
        # What reading a field needs: its column, and its distinct values (None for a
        # field held as the number it is).
        self._readers = list(zip(self._columns, self._values, strict=True))
        self._pending: list[R] = []  # added, not yet stored: at most _BATCH objects
        self.extend(items)
        self._flush()

    def append(self, item: R) -> None:
        """Add one record at the end."""
        self._pending.append(item)
        if len(self._pending) >= _BATCH:
            self._flush()

    def extend(self, items: Iterable[R]) -> None:
        """Add records at the end, in order (taken a batch at a time: ``items`` may make
        a long document's findings one by one).
        """
        for batch in itertools.batched(items, _BATCH):
            self._pending.extend(batch)
            if len(self._pending) >= _BATCH:
                self._flush()

    def _flush(self) -> None:
        """Store the records waiting as objects: field by field, in C where it can be (a
        record at a time cost as much as the rest of resolving).
        """
        items, self._pending = self._pending, []
        if not items:
            return
        if not all(map(operator.is_, map(type, items), itertools.repeat(self._kind))):
            raise TypeError(f"only {self._kind.__name__} records can be held here")
        rows = list(map(self._get, items))
        for field_values, column, values, numbering, typed in zip(
            zip(*rows, strict=True),
            self._columns,
            self._values,
            self._numberings,
            self._typed,
            strict=True,
        ):
            if values is None:
                column.extend(field_values)
                continue
            keys = (
                zip(map(type, field_values), field_values, strict=True) if typed else field_values
            )
            known = len(numbering)
            column.extend(map(numbering.__getitem__, keys))
            if len(numbering) > known:  # new values: the last keys numbered
                new = reversed(list(itertools.islice(reversed(numbering), len(numbering) - known)))
                values.extend(key[1] for key in new) if typed else values.extend(new)

    def __len__(self) -> int:
        return len(self._columns[0]) + len(self._pending)

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> list[R]: ...
    def __getitem__(self, index: int | slice) -> R | list[R]:
        self._flush()
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            columns = [
                column[start:stop:step]
                if values is None
                else map(values.__getitem__, column[start:stop:step])
                for column, values in self._readers
            ]
            return [self._kind(*values) for values in zip(*columns, strict=True)]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("record index out of range")
        return self._record(index)

    def __iter__(self) -> Iterator[R]:
        self._flush()
        # Field by field in C (each value's number looked up in its list by map), then
        # one record at a time.
        kind = self._kind
        columns = [self._column_values(name) for name in self._names]
        for values in zip(*columns, strict=True):
            yield kind(*values)

    def fields(self, *names: str) -> Iterator[tuple[Any, ...]]:
        """The named fields of each record, in order, without building the records (a
        step that reads a few fields of every finding pays for those alone).
        """
        self._flush()
        return zip(*(self._column_values(name) for name in names), strict=True)

    def _column_values(self, name: str) -> Iterator[Any]:
        column, values = self._readers[self._names.index(name)]
        return iter(column) if values is None else map(values.__getitem__, column)

    def _record(self, index: int) -> R:
        return self._kind(
            *[
                column[index] if values is None else values[column[index]]
                for column, values in self._readers
            ]
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Records | tuple | list):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # mutable, like a list

    def __repr__(self) -> str:
        # Never the values: they are personal data.
        return f"Records({self._kind.__name__}, {len(self)} held)"


class IndexedSequence[T](Sequence[T]):
    """A read-only sequence whose items are made when asked for: a subclass gives its
    length and its item at a place from 0; slices and places from the end come from here.
    """

    __slots__ = ()

    def _item(self, index: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("index out of range")
        return self._item(index)


class Grouped[R](IndexedSequence[list[R]]):
    """Records in consecutive groups, held compactly: a long document's raw findings,
    segment by segment, waiting to be resolved. A group is read as a list of records.
    """

    __slots__ = ("_ends", "_records")

    def __init__(self, kind: type[R]) -> None:
        self._records = Records(kind)
        self._ends = array("q")  # where each group ends among the records

    def add(self, items: Iterable[R]) -> None:
        """Add the next group."""
        self._records.extend(items)
        self._ends.append(len(self._records))

    def __len__(self) -> int:
        return len(self._ends)

    def _item(self, index: int) -> list[R]:
        start, end = group_range(self._ends, index)
        return self._records[start:end]

    def __repr__(self) -> str:
        return f"Grouped({len(self._records)} records in {len(self)} groups)"


def group_range(ends: array[int], index: int) -> tuple[int, int]:
    """Where group ``index`` (from 0) starts and ends, from where each group ends."""
    return (ends[index - 1] if index > 0 else 0), ends[index]
