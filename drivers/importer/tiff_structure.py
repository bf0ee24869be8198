"""Walk a TIFF's directory chain without decoding pixels: page sizes and where the file is cut.

Pillow shrugs off a truncated directory with a warning and libtiff decodes a strip that runs past
the end of the file into grey; neither tells us a page was lost. This walk checks that every
directory, every value it points at and every strip or tile lies inside the file, so a truncated
multi-page TIFF yields the pages before the damage and then an error, never silently less.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import BinaryIO

_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
_TYPE_SIZES |= {16: 8, 17: 8, 18: 8}  # BigTIFF LONG8, SLONG8, IFD8
_INTEGER_CODES = {1: "B", 3: "H", 4: "I", 13: "I", 16: "Q", 18: "Q"}

NEW_SUBFILE_TYPE = 254
IMAGE_WIDTH = 256
IMAGE_LENGTH = 257
STRIP_OFFSETS = 273
STRIP_BYTE_COUNTS = 279
TILE_OFFSETS = 324
TILE_BYTE_COUNTS = 325
MAX_DIRECTORIES = 100_000  # a guard against a crafted endless chain


@dataclass(frozen=True)
class TiffDirectory:
    width: int
    height: int
    reduced: bool  # NewSubfileType bit 0: a thumbnail of another page, not a page of its own


@dataclass(frozen=True)
class TiffLayout:
    directories: tuple[TiffDirectory, ...]  # the complete ones, in chain order
    damage: str | None  # why the walk stopped early; None when the chain ended cleanly


@dataclass(frozen=True)
class _Format:
    order: str
    count: str  # struct code of the entry count
    entry: str  # struct format of one entry: tag, type, count, value field
    offset: str  # struct code of an offset
    inline: int  # bytes of value that fit in the entry itself


def read_layout(f: BinaryIO, size: int) -> TiffLayout:
    f.seek(0)
    header = f.read(16)
    if len(header) < 8 or header[:2] not in (b"II", b"MM"):
        return TiffLayout((), "not a TIFF header")
    order = "<" if header[:2] == b"II" else ">"
    (magic,) = struct.unpack_from(order + "H", header, 2)
    if magic == 42:
        fmt = _Format(order, "H", order + "HHI4s", "I", 4)
        (offset,) = struct.unpack_from(order + "I", header, 4)
    elif magic == 43 and len(header) == 16:
        fmt = _Format(order, "Q", order + "HHQ8s", "Q", 8)
        (offset,) = struct.unpack_from(order + "Q", header, 8)
    else:
        return TiffLayout((), "not a TIFF header")

    directories: list[TiffDirectory] = []
    seen: set[int] = set()
    while offset and offset not in seen and len(directories) < MAX_DIRECTORIES:
        seen.add(offset)
        try:
            directory, offset = _read_directory(f, size, fmt, offset)
        except _Damaged as damaged:
            return TiffLayout(tuple(directories), f"page {len(directories) + 1}: {damaged}")
        directories.append(directory)
    if not directories:
        return TiffLayout((), "no image directory")
    return TiffLayout(tuple(directories), None)


class _Damaged(Exception):
    pass


def _read_directory(f: BinaryIO, size: int, fmt: _Format, offset: int) -> tuple[TiffDirectory, int]:
    count_size = struct.calcsize(fmt.count)
    entry_size = struct.calcsize(fmt.entry)
    offset_size = struct.calcsize(fmt.offset)
    if offset + count_size > size:
        raise _Damaged("directory lies past the end of the file")
    f.seek(offset)
    (entries,) = struct.unpack(fmt.order + fmt.count, f.read(count_size))
    table_size = entries * entry_size
    if entries == 0 or offset + count_size + table_size + offset_size > size:
        raise _Damaged("directory cut off")
    table = f.read(table_size + offset_size)
    tags: dict[int, tuple[int, int, bytes]] = {}
    for tag, type_, count, value in struct.iter_unpack(fmt.entry, table[:table_size]):
        tags[tag] = (type_, count, value)
        item = _TYPE_SIZES.get(type_)
        if item is not None and item * count > fmt.inline:
            (value_offset,) = struct.unpack(fmt.order + fmt.offset, value)
            if value_offset + item * count > size:
                raise _Damaged(f"tag {tag} points past the end of the file")
    (next_offset,) = struct.unpack(fmt.order + fmt.offset, table[table_size:])

    def integers(tag: int) -> tuple[int, ...]:
        return _integers(f, fmt, tags[tag]) if tag in tags else ()

    width, height = integers(IMAGE_WIDTH), integers(IMAGE_LENGTH)
    if not width or not height:
        raise _Damaged("no image size")
    subfile = integers(NEW_SUBFILE_TYPE)
    _check_blocks(integers(STRIP_OFFSETS), integers(STRIP_BYTE_COUNTS), size)
    _check_blocks(integers(TILE_OFFSETS), integers(TILE_BYTE_COUNTS), size)
    directory = TiffDirectory(width[0], height[0], bool(subfile and subfile[0] & 1))
    return directory, next_offset


def _integers(f: BinaryIO, fmt: _Format, entry: tuple[int, int, bytes]) -> tuple[int, ...]:
    type_, count, value = entry
    code = _INTEGER_CODES.get(type_)
    if code is None:
        raise _Damaged(f"integer tag stored as type {type_}")
    length = _TYPE_SIZES[type_] * count
    if length <= fmt.inline:
        data = value[:length]
    else:
        (value_offset,) = struct.unpack(fmt.order + fmt.offset, value)
        f.seek(value_offset)
        data = f.read(length)
    return struct.unpack(f"{fmt.order}{count}{code}", data)


def _check_blocks(offsets: tuple[int, ...], counts: tuple[int, ...], size: int) -> None:
    if not offsets:
        return
    if not counts:  # old writers omit the counts of a single uncompressed strip
        counts = (1,) * len(offsets)
    if len(counts) < len(offsets):
        raise _Damaged("fewer byte counts than strips")
    if max(o + c for o, c in zip(offsets, counts, strict=False)) > size:
        raise _Damaged("image data cut off")
