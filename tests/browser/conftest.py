"""Browser fixtures: a real ``zi-evidence serve`` process on an indexed copy of sample_repo/, and Debian's
Chromium driven by Playwright (sync API).

The server is a subprocess started exactly as a user starts it (``serve DIR --port 0``); its address is
read from the one line it prints. Chromium must be installed (``bash scripts/install-system-deps``): a
missing browser fails the tests, it never skips them, so CI cannot go green without running them.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_repo"
CHROMIUM = Path("/usr/bin/chromium")
VIEWPORT = {"width": 1280, "height": 800}
ADDRESS = re.compile(r"Server berjalan di (http://\S+/)")
START_SECONDS = 60
STOP_SECONDS = 10
#: the hostile file name of issue 12: it must render as text, never as markup
HOSTILE_NAME = "<img src=x onerror=alert(1)>.pdf"
#: a word only the hostile file holds, so a search finds it alone
HOSTILE_WORD = "bertandaunikxss"


@dataclass
class Server:
    """A running ``zi-evidence serve``: its address, the repository it serves and what it printed."""

    url: str
    root: Path
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)

    def stop(self) -> None:
        """Ctrl-C as a user would press it; a server that ignores it is killed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(STOP_SECONDS)


def _cli(*args: object) -> list[str]:
    return [sys.executable, "-m", "zi_evidence", *(str(a) for a in args)]


@pytest.fixture(scope="session")
def add_accounts() -> Callable[[Path, dict[str, tuple[str, str]]], None]:
    """``add(root, {name: (password, role)})``: the accounts made with ``zi-evidence users add``, as an admin does."""

    def add(root: Path, people: dict[str, tuple[str, str]]) -> None:
        for name, (password, role) in people.items():
            added = subprocess.run(
                _cli("users", "add", name, "--role", role, "--password-stdin", "-C", root),
                input=password + "\n",
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert added.returncode == 0, added.stderr

    return add


def _index(root: Path) -> None:
    done = subprocess.run(_cli("index", root, "--quiet"), capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"zi-evidence index {root} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def _pump(stream, lines: queue.Queue[str | None], keep: list[str]) -> None:
    # drains the pipe for the server's whole life, so its output can never block it
    for line in stream:
        keep.append(line)
        lines.put(line)
    lines.put(None)


def _start(root: Path, log: Path) -> Server:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log.open("w") as errors:
        process = subprocess.Popen(
            _cli("serve", root, "--port", 0), stdout=subprocess.PIPE, stderr=errors, text=True, env=env
        )
    lines: queue.Queue[str | None] = queue.Queue()
    output: list[str] = []
    threading.Thread(target=_pump, args=(process.stdout, lines, output), daemon=True).start()
    server = Server("", root, process, output)
    while True:
        try:
            line = lines.get(timeout=START_SECONDS)
        except queue.Empty:
            line = None
        found = ADDRESS.search(line or "")
        if found:
            server.url = found.group(1)
            return server
        if line is None:
            server.stop()
            pytest.fail(
                f"zi-evidence serve {root} printed no 'Server berjalan di http://HOST:PORT/' line within "
                f"{START_SECONDS} s (exit code {process.poll()}).\nstdout:\n{''.join(output)}\n"
                f"stderr:\n{log.read_text()}"
            )


@pytest.fixture(scope="session")
def serve_copy(tmp_path_factory) -> Callable[..., Iterator[Server]]:
    """A generator: copy sample_repo/ (then ``prepare(copy)``), index it, serve it; stops it when closed."""

    def serve(name: str, prepare: Callable[[Path], None] | None = None) -> Iterator[Server]:
        base = tmp_path_factory.mktemp(name)
        root = base / "sample_repo"
        shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns(".zi-evidence"))
        if prepare is not None:
            prepare(root)
        _index(root)
        server = _start(root, base / "serve-stderr.log")
        try:
            yield server
        finally:
            server.stop()

    return serve


@pytest.fixture(scope="session")
def server(serve_copy) -> Iterator[Server]:
    """The app on an untouched copy of sample_repo/: what a new user sees after the quick start."""
    yield from serve_copy("served")


@pytest.fixture(scope="session")
def hostile() -> dict[str, str]:
    return {"name": HOSTILE_NAME, "word": HOSTILE_WORD}


@pytest.fixture(scope="module")
def hostile_server(serve_copy, fabricate) -> Iterator[Server]:
    """The app on a copy of sample_repo/ that also holds a PDF named like an HTML tag (unmapped)."""

    def add(root: Path) -> None:
        text = f"Dokumen uji nama berkas berbahaya {HOSTILE_WORD} <script>alert(2)</script>"
        fabricate.make_pdf(root / "Lain-lain" / HOSTILE_NAME, [text])

    yield from serve_copy("hostile", add)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless; ``--no-sandbox`` because the tests run as root in CI."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("The browser tests need Playwright for Python: pip install -e '.[test]'")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"{CHROMIUM} not found: the browser tests need Chromium; run: bash scripts/install-system-deps")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Watched:
    """What a page did that a test must see: dialogs (an XSS would open one) and CSP violations."""

    dialogs: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)


def _open_page(browser, javascript: bool):
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=javascript)
    page = context.new_page()
    watched = Watched()

    def on_dialog(dialog) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            watched.csp_violations.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    page.watched = watched  # type: ignore[attr-defined]
    return context, page


@pytest.fixture
def page(browser):
    """A fresh page (1280×800, JavaScript on) whose dialogs and CSP violations are in ``page.watched``."""
    context, opened = _open_page(browser, javascript=True)
    yield opened
    context.close()


@pytest.fixture
def page_without_js(browser):
    """A fresh page with JavaScript disabled: the server-rendered app must work in it too."""
    context, opened = _open_page(browser, javascript=False)
    yield opened
    context.close()


@pytest.fixture
def shoot(tmp_path) -> Callable[[object, str], Path]:
    """Screenshot the viewport into the test's tmp_path as ``NAME.png``, and into $ZI_SCREENSHOTS (e.g.
    docs/img) as ``web-NAME.png`` with a 256-colour palette: text pages stay sharp at a third of the size."""
    wanted = os.environ.get("ZI_SCREENSHOTS")

    def take(page, name: str) -> Path:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=str(path))
        if wanted:
            from PIL import Image

            folder = Path(wanted)
            folder.mkdir(parents=True, exist_ok=True)
            with Image.open(path) as shot:
                shot.convert("RGB").quantize(256).save(folder / f"web-{name}.png", optimize=True)
        return path

    return take
