"""WeasyPrint's PDF objects (pydyf) before it writes them: reached by reference (`deref`, `page_objects`),
a stream's data (`content`), and every stream compressed once, none ending in CR (`pack`).

PDF/A checkers read a CR at the end of a stream's data and the LF before `endstream` as one
end-of-line and find /Length one byte too long. `pack` compresses each stream as pydyf would (Flate,
level 9) and writes uncompressed the rare one whose compressed data ends in CR (its Adler-32
checksum does, at every level); pydyf then writes the bytes as they are, and its file identifier
(an MD5 of every object) does not compress them a second time. The streams pydyf makes while
writing (object and cross-reference streams) are not in reach: `line_ends_fixed` repairs a written
file where one of them ends in CR.
"""
from __future__ import annotations

import io
import zlib
from typing import Any

LEVEL = 9                   # pydyf's


def deref(pdf: Any, ref: bytes | str) -> Any:
    """The object a pydyf reference (`b"12 0 R"`) points to."""
    return pdf.objects[int(ref.split()[0])]


def page_objects(pdf: Any) -> list[Any]:
    """The page dictionaries, in page order (pydyf lists /Kids as number, 0, R)."""
    return [pdf.objects[number] for number in pdf.pages["Kids"][::3]]


def content(stream: Any) -> bytes:
    """A pydyf stream's data as it stands (compressed if it was given compressed)."""
    from pydyf import _to_bytes            # pydyf's serialization of stream items (pinned in requirements.lock)
    return b"\n".join(_to_bytes(item) for item in stream.stream)


def pack(pdf: Any) -> None:
    """Compress every stream of `pdf` now (metadata stays plain text), none ending in CR."""
    from pydyf import Stream
    for obj in pdf.objects:
        if not isinstance(obj, Stream) or obj.free == "f":
            continue
        if obj.extra.get("Type") == "/Metadata":
            obj.compress = False
            continue
        filters, raw = obj.extra.get("Filter"), content(obj)
        if filters is None or obj.compress:
            data = raw
        elif filters == "/FlateDecode" and raw.endswith(b"\r"):
            data = zlib.decompress(raw)
        else:
            continue
        packed = _packed(data)
        obj.compress = False
        if packed is None:
            obj.extra.pop("Filter", None)
            obj.stream = [data]
        else:
            obj.extra["Filter"] = "/FlateDecode"
            obj.stream = [packed]


def _packed(data: bytes) -> bytes | None:
    """`data` compressed (Flate, LEVEL), or None where that would end in CR and `data` does not."""
    packed = zlib.compress(data, LEVEL)
    return None if packed.endswith(b"\r") and not data.endswith(b"\r") else packed


def line_ends_fixed(data: bytes) -> bytes:
    """The written file, unchanged unless a stream's data ends in CR; then saved again with pikepdf,
    that stream recompressed or left uncompressed."""
    if b"\r\nendstream" not in data:
        return data
    import pikepdf
    pdf = pikepdf.open(io.BytesIO(data))
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.read_raw_bytes().endswith(b"\r"):
            plain = obj.read_bytes()
            packed = _packed(plain)
            if packed is None:
                obj.write(plain)
            else:
                obj.write(packed, filter=pikepdf.Name.FlateDecode)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=False)
    return out.getvalue()
