"""``watch``: keep the catalog and index current while people fill the shared drive.

The observer is a hint, never the source of truth. Its callbacks only mark paths dirty; one loop
waits for quiet (``debounce``) and for the marked paths to stop changing (``stability``), then
runs the same incremental pipeline as ``index`` on just those paths. A periodic full run catches
whatever events missed, and a slower one re-hashes every file for edits that kept size and times.
If the drive goes away the loop says so, waits, and resumes with a full run when it is back.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from zi_evidence.config import CONFIG_NAME, file_stamp, load_config, walk_exclusions
from zi_evidence.errors import RepositoryUnreachable, ZiError
from zi_evidence.index.run import Change, IndexOptions, IndexSummary, run_index
from zi_evidence.repository import Repository
from zi_evidence.watch.events import DirtyPaths, StabilityTracker, make_observer

DEFAULT_POLLING = 5.0


@dataclass(frozen=True)
class WatchOptions:
    """How the watcher waits; every delay in seconds. ``polling`` None uses inotify (or the OS's native API)."""

    polling: float | None = None
    debounce: float = 1.0
    stability: float = 2.0
    reconcile_every: float = 600.0  # full walk; 0 turns it off
    verify_every: float = 86400.0  # full re-hash; 0 turns it off
    max_wait: float = 60.0  # under constant activity a batch still goes after this long
    tick: float = 0.25
    probe_timeout: float = 10.0
    index: IndexOptions = field(default_factory=IndexOptions)  # how each batch runs


class _Messages:
    """The pipeline's progress interface, reduced to messages (a watcher draws no progress bars)."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.message = say

    def stage(self, label: str, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass


class Watcher:
    """Call ``run(stop)``; it returns when ``stop`` is set (or raises ``KeyboardInterrupt``)."""

    def __init__(
        self,
        repo: Repository,
        options: WatchOptions = WatchOptions(),
        on_change: Callable[[Change], None] | None = None,
        on_batch: Callable[[IndexSummary, str], None] | None = None,
        on_message: Callable[[str], None] | None = None,
    ) -> None:
        self.repo = repo
        self.options = options
        self.on_change = on_change
        self.on_batch = on_batch  # e.g. re-write the readiness report after each batch
        self.say = on_message or (lambda text: None)
        self.root = os.fsencode(repo.root)
        self.exclude = walk_exclusions(repo.config)
        self.dirty = DirtyPaths()
        self.tracker = StabilityTracker(self.root, self.exclude, options.stability)
        self.observer: Any = None
        self._probe: threading.Thread | None = None
        self.online = True
        self._config_stamp = file_stamp(repo.root / CONFIG_NAME)

    # -- one batch --------------------------------------------------------------------------------
    def _run(self, reason: str, paths: set[bytes] | None = None, verify: bool = False) -> bool:
        """One pipeline run; False when the drive is unreachable (nothing was changed then)."""
        try:
            chosen = self.options.index
            # --no-wait decides at start; later batches queue up
            options = replace(chosen, wait=chosen.wait or reason != "start", verify=verify)
            summary = run_index(self.repo, options, _Messages(self.say), paths=paths, on_change=self.on_change)
        except RepositoryUnreachable:
            return False
        except OSError as exc:  # e.g. EIO from a share dropping mid-run; the next round retries
            self.say(f"Putaran dihentikan: {exc}. Dicoba lagi pada putaran berikut.")
            return False
        for note in summary.notes:
            self.say(note)
        if self.on_batch:
            self.on_batch(summary, reason)
        return True

    def _config_changed(self) -> bool:
        """Reload an edited zi-evidence.yaml (a new mapping rule, another year or rule set): True when the
        repository now follows it. A broken file is reported once and the previous settings stay."""
        stamp = file_stamp(self.repo.root / CONFIG_NAME)
        if stamp == self._config_stamp or stamp is None:
            return False
        self._config_stamp = stamp
        try:
            config = load_config(self.repo.root, self.repo.config.state_dir)
        except ZiError as exc:
            self.say(f"{CONFIG_NAME} yang baru tidak dapat dipakai; pengaturan sebelumnya tetap berlaku. {exc}")
            return False
        old = self.repo
        self.repo = Repository(config, old.host)
        if old._backend is not None:
            old._backend.close()
        self.say(f"{CONFIG_NAME} berubah; katalog diselaraskan dengan pengaturan baru…")
        return True

    # -- the drive coming and going ------------------------------------------------------------------
    def _reachable(self) -> bool:
        """Whether the config file at the root can be seen; a hung share counts as unreachable."""
        if self._probe is not None and self._probe.is_alive():
            return False  # the previous probe still hangs in the kernel
        result: list[bool] = []
        target = os.path.join(self.root, CONFIG_NAME.encode())
        self._probe = threading.Thread(target=lambda: result.append(os.path.isfile(target)), daemon=True)
        self._probe.start()
        self._probe.join(self.options.probe_timeout)
        return bool(result and result[0])

    def _start_observer(self) -> None:
        self.observer = make_observer(self.root, self.exclude, self.dirty, self.options.polling)
        self.observer.start()

    def _stop_observer(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(5)
            self.observer = None

    def _observer_alive(self) -> bool:
        observer = self.observer
        return observer is not None and observer.is_alive() and all(e.is_alive() for e in observer.emitters)

    def _go_offline(self) -> None:
        self.online = False
        self._stop_observer()
        self.say(f"Folder {self.repo.root} tidak dapat diakses; menunggu sampai tersambung kembali…")

    def _come_back(self) -> bool:
        self.say(f"Folder {self.repo.root} dapat diakses lagi; menyelaraskan katalog…")
        self.dirty.take()
        self.tracker.pending.clear()
        self._start_observer()  # first, so that nothing written during the full run is missed
        if not self._run("reconnect"):
            self._stop_observer()
            return False
        self.online = True
        return True

    # -- the loop -------------------------------------------------------------------------------
    def run(self, stop: threading.Event) -> None:
        options = self.options
        self._start_observer()
        try:
            if not self._run("start"):
                self._go_offline()
            now = time.monotonic()
            last_full = last_verify = now
            last_probe = 0.0
            while not stop.is_set():
                self.dirty.wake.wait(options.tick)
                self.dirty.wake.clear()
                now = time.monotonic()
                if not self.online:
                    if now - last_probe >= 1.0:
                        last_probe = now
                        if self._reachable() and self._come_back():
                            last_full = now
                    continue
                if now - last_probe >= 1.0:
                    last_probe = now
                    if not self._observer_alive() or not self._reachable():
                        self._go_offline()
                        continue
                    if self._config_changed() and self._run("config"):
                        last_full = now  # mappings may have moved any file: a full run, not a batch
                self.tracker.add(self.dirty.take(), now)
                quiet = now - self.dirty.last >= options.debounce
                if self.tracker.pending and (quiet or self.tracker.oldest(now) >= options.max_wait):
                    ready = self.tracker.ready(now)
                    if ready and not self._run("changes", ready):
                        self.tracker.add(ready, now)  # retried once the drive answers again
                due_verify = options.verify_every and now - last_verify >= options.verify_every
                due_full = options.reconcile_every and now - last_full >= options.reconcile_every
                if (due_verify or due_full) and not self.tracker.pending:  # never while a file still grows
                    if self._run("verify" if due_verify else "reconcile", verify=bool(due_verify)):
                        last_full = now
                        last_verify = now if due_verify else last_verify
                    else:
                        self._go_offline()
        finally:
            self._stop_observer()
