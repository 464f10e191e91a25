"""The watcher's inputs: observer callbacks that only mark paths dirty, and a stability tracker.

Callbacks run on watchdog's thread and do nothing but record a relative path and the time;
all judgement (is it quiet, has the file stopped growing) happens in the one loop of ``watch``.
"""

from __future__ import annotations

import os
import stat
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from zi_evidence.tree.safeopen import lstat_beneath
from zi_evidence.tree.scan import FileEntry, is_ignored, walk

# Events that can change what the catalog holds; opens, closes without writing and folder
# mtime changes are noise (our own reads produce them) and are never subscribed to.
_WANTED = (
    "FileCreatedEvent",
    "FileModifiedEvent",
    "FileMovedEvent",
    "FileDeletedEvent",
    "FileClosedEvent",
    "FileAttribEvent",
    "DirCreatedEvent",
    "DirMovedEvent",
    "DirDeletedEvent",
)


class DirtyPaths:
    """A thread-safe set of relative paths that may have changed, with the time of the last mark."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._paths: set[bytes] = set()
        self.clock = clock
        self.last = 0.0
        self.wake = threading.Event()

    def mark(self, rel: bytes) -> None:
        with self._lock:
            self._paths.add(rel)
            self.last = self.clock()
        self.wake.set()

    def take(self) -> set[bytes]:
        with self._lock:
            taken, self._paths = self._paths, set()
        return taken


def relative(root: bytes, path: str | bytes) -> bytes | None:
    raw = os.fsencode(path)
    if raw == root:
        return b""
    return raw[len(root) + 1 :] if raw.startswith(root + b"/") else None


def make_handler(root: bytes, exclude: set[bytes], dirty: DirtyPaths) -> Any:
    """A watchdog handler marking the source and destination of every wanted event."""
    from watchdog.events import FileSystemEventHandler

    class _MarkDirty(FileSystemEventHandler):
        def on_any_event(self, event: Any) -> None:
            if type(event).__name__ not in _WANTED:
                return
            for path in (event.src_path, getattr(event, "dest_path", "")):
                rel = relative(root, path) if path else None
                if rel is not None and not is_ignored(rel, exclude):
                    dirty.mark(rel)

    return _MarkDirty()


def make_observer(root: bytes, exclude: set[bytes], dirty: DirtyPaths, polling: float | None) -> Any:
    """An inotify (native) observer, or a polling one that never follows links nor stops on a bad folder."""
    from watchdog import events

    handler = make_handler(root, exclude, dirty)
    if polling:
        from watchdog.observers.polling import PollingObserverVFS

        poller = PollingObserverVFS(os.lstat, _tolerant_listdir(root, exclude), polling_interval=polling)
        poller.schedule(handler, os.fsdecode(root), recursive=True)
        return poller
    from watchdog.observers import Observer

    observer = Observer()
    wanted = [getattr(events, name) for name in _WANTED]
    observer.schedule(handler, os.fsdecode(root), recursive=True, event_filter=wanted)
    return observer


def _tolerant_listdir(root: bytes, exclude: set[bytes]) -> Callable[[Any], Iterator[os.DirEntry]]:
    """Skips junk and the state folder (less to stat), and lets one unreadable folder not blind the rest."""
    root_text = os.fsdecode(root)

    def listdir(path: Any) -> Iterator[os.DirEntry]:
        try:
            with os.scandir(path) as entries:
                children = list(entries)
        except OSError:
            if os.fspath(path) == root_text:
                raise  # the share itself is unreachable: watchdog retries, our loop says so
            return iter(())
        rel_dir = relative(root, path) or b""
        return iter(
            [c for c in children if not is_ignored((rel_dir + b"/" if rel_dir else b"") + os.fsencode(c.name), exclude)]
        )

    return listdir


@dataclass
class _Pending:
    signature: tuple
    since: float
    first: float


@dataclass
class StabilityTracker:
    """Paths wait here until what they hold (size and mtime of every file) stopped changing for ``delay``."""

    root: bytes
    exclude: set[bytes]
    delay: float
    pending: dict[bytes, _Pending] = field(default_factory=dict)

    def add(self, paths: set[bytes], now: float) -> None:
        for rel in paths:
            if rel not in self.pending:  # the delay counts from the first look, overlapping the debounce
                self.pending[rel] = _Pending(self.signature(rel), now, now)

    def oldest(self, now: float) -> float:
        return max((now - p.first for p in self.pending.values()), default=0.0)

    def ready(self, now: float) -> set[bytes]:
        """Paths whose content was unchanged for the whole delay; they leave the tracker."""
        done = set()
        for rel, pending in list(self.pending.items()):
            signature = self.signature(rel)
            if signature != pending.signature:
                pending.signature, pending.since = signature, now
            elif now - pending.since >= self.delay:
                done.add(rel)
                del self.pending[rel]
        return done

    def signature(self, rel: bytes) -> tuple:
        try:
            info = lstat_beneath(self.root, rel)
        except OSError as exc:
            return ("error", exc.errno)
        if info is None:
            return ("missing",)
        if not stat.S_ISDIR(info.st_mode):
            return ("entry", info.st_mode, info.st_size, info.st_mtime_ns)
        inside = walk(self.root, self.exclude, rel)
        return ("folder", tuple((e.rel, e.size, e.mtime_ns) for e in inside if isinstance(e, FileEntry)))
