"""How the index stores postings: Whoosh's own format, with each block's positions kept apart.

Whoosh 3 writes a block of postings as one compressed pickle of (ids, weights, positions). A word query
only needs ids and weights, yet it had to inflate every position of every page: for a word on every
page that is most of the work of a search. Here a block holds two parts, compressed ids + weights first
and raw positions after, and a matcher reads the positions only when a phrase asks for them.
Everything else (term dictionary, columns, stored fields, merging) is Whoosh's.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterator, Sequence
from pickle import dumps, loads
from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter, W3LeafMatcher, W3PostingsWriter
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE, pack_uint, unpack_uint
from whoosh.util.numeric import length_to_byte

_MAGIC = b"ZiB5"  # marks a split block stream, so an ordinary Whoosh file is never misread as one


class SplitBlockCodec(W3Codec):
    """``W3Codec`` whose posting blocks keep positions apart from ids and weights."""

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _FieldWriter(self, storage, segment)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> W3PostingsWriter:
        return _SplitWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return SplitMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class _FieldWriter(W3FieldWriter):
    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:
        # Whoosh looks up the document's field length for every posting, reading the column each time
        super().add_postings(schema, _RememberedLengths(lengths) if lengths else lengths, items)


class _RememberedLengths:
    def __init__(self, lengths: Any) -> None:
        self._lengths = lengths
        self._known: dict[tuple[int, str], int] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        key = (docnum, fieldname)
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = self._lengths.doc_field_length(docnum, fieldname, default)
        return found


def _pack(obj: Any, level: int) -> bytes:
    # protocol 4 has a native bytes opcode; Whoosh's protocol 2 rebuilds every value through codecs
    data = dumps(obj, 4)
    return zlib.compress(data, level) if level else data


def _unpack(data: bytes, level: int) -> Any:
    return loads(zlib.decompress(data) if level else data)


class _SplitWriter(W3PostingsWriter):
    def _write_block(self, last: bool = False) -> None:
        postfile = self._postfile
        if not self._blockcount:
            postfile.write(_MAGIC)
        self._terminfo.add_block(self)
        ids = self._ids
        level = self._compression or 0
        head = _pack((self._mini_ids(), self._mini_weights()), level)
        tail = _pack(self._mini_values(), 0)  # inflating positions cost more than reading them raw
        # what the reader checks before it decides to read the block at all
        info = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                level,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        length = len(info) + _INT_SIZE + len(head) + len(tail)
        postfile.write_int(-length if last else length)
        postfile.write(info)
        postfile.write(pack_uint(len(head)))
        postfile.write(head)
        postfile.write(tail)
        self._blockcount += 1
        self._new_block()


class SplitMatcher(W3LeafMatcher):
    def _read_header(self) -> None:
        postfile = self._postfile
        postfile.seek(self._startoffset)
        magic = postfile.read(4)
        if magic != _MAGIC:
            raise ValueError(f"posting block tag {magic!r} is not {_MAGIC!r}")
        self._baseoffset = postfile.tell()

    def _read_data(self) -> None:
        # ids and weights only: positions wait until a phrase asks for them
        postfile = self._postfile
        head_length = unpack_uint(postfile.get(self._dataoffset, _INT_SIZE))[0]
        start = self._dataoffset + _INT_SIZE
        ids, weights = _unpack(postfile.get(start, head_length), self._compression)
        self._tail = start + head_length
        self._data = (ids, weights, None)

    def blocks(self) -> Iterator[tuple[Any, Any, Any]]:
        """Every block from the current one on, as (ids, weights, values): a phrase reads whole lists."""
        while not self._atend:
            if self._ids is None:
                self._read_ids()
            if self._weights is None:
                self._read_weights()
            if self._values is None:
                self._read_values()
            yield self._ids, self._weights, self._values
            self._next_block()

    def _read_values(self) -> None:
        if self._data is None:
            self._read_data()
        values = _unpack(self._postfile.get(self._tail, self._nextoffset - self._tail), 0)
        self._data = (self._data[0], self._data[1], values)
        super()._read_values()


class CompactPositions(Positions):
    """Positions in one array of the smallest integer type that holds the last (largest) of them, stored
    uncompressed: written and read by C code (one array per posting) instead of a Python loop."""

    def encode(self, poslist: Sequence[int]) -> bytes:
        last = poslist[-1] if poslist else 0
        code = "B" if last < 1 << 8 else "H" if last < 1 << 16 else "I"
        return pack_uint(len(poslist)) + _CODES[code] + array(code, poslist).tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return positions_of(valuestring).tolist()

    def combine(self, vs: Sequence[bytes]) -> bytes:
        return self.encode(sorted({p for v in vs for p in positions_of(v)}))


_CODES = {code: code.encode("ascii") for code in "BHI"}


def positions_of(valuestring: bytes) -> array:
    """The positions in a ``CompactPositions`` value, in order."""
    found = array(chr(valuestring[_INT_SIZE]))
    found.frombytes(valuestring[_INT_SIZE + 1 :])
    return found
