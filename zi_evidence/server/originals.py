"""A pushed file's bytes from the evidence store, as the drive's web app serves an original: by hash found in
the unit's manifest (never a path from the request), one byte range when asked (PDF viewers seek), the
name in the header as RFC 6266 says, and a sandbox for anything a browser would not show safely inline."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from zi_evidence.web.files import CHUNK, content_type, disposition, parse_range


def _chunks(handle: BinaryIO, start: int, end: int) -> Iterator[bytes]:
    """Bytes ``start..end`` (inclusive); the handle is closed when done or abandoned."""
    try:
        handle.seek(start)
        left = end - start + 1
        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            yield chunk
    finally:
        handle.close()


async def serve(request: Request, store: Any, entry: Any) -> Response:
    """``entry``: the unit's manifest row (path, sha256, size, mime) of the file asked for."""
    size = int(entry.size)
    named = disposition(entry.path, entry.mime)
    headers = {"accept-ranges": "bytes", "content-disposition": named, "cache-control": "private, no-store"}
    if not named.startswith("inline"):
        headers["content-security-policy"] = "sandbox"  # a downloaded HTML file never runs here
    chosen = parse_range(request.headers.get("range"), size)
    if chosen == "unsatisfiable":
        return Response(status_code=416, headers={**headers, "content-range": f"bytes */{size}"})
    start, end, status = 0, size - 1, 200
    if isinstance(chosen, tuple):
        start, end, status = chosen[0], chosen[1], 206
        headers["content-range"] = f"bytes {start}-{end}/{size}"
    headers["content-length"] = str(max(0, end - start + 1))
    handle = await run_in_threadpool(store.open, entry.sha256)  # the store checked the hash when it took it
    return StreamingResponse(_chunks(handle, start, end), status, headers, media_type=content_type(entry.mime))
