"""``zi-evidence watch`` as a user runs it: JSON lines per change, Ctrl-C stops cleanly and frees the lock."""

import json
import signal
import subprocess
import sys
import time

CLI = [sys.executable, "-m", "zi_evidence"]


def test_watch_prints_json_lines_and_stops_cleanly_on_ctrl_c(make_repo):
    root = make_repo()
    process = subprocess.Popen(
        [*CLI, "watch", str(root), "--json", "--stability", "0.3", "--debounce", "0.1", "--processes", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert "Memantau" in process.stdout.readline()
        time.sleep(1.0)
        (root / "laporan.txt").write_text("laporan gratifikasi", encoding="utf-8")
        (root / "~$laporan.docx").write_bytes(b"lock")
        deadline = time.monotonic() + 30
        change = {}
        while time.monotonic() < deadline and "change" not in change:
            change = json.loads(process.stdout.readline())
        assert change["change"] == "new" and change["path"] == "laporan.txt" and change["status"] == "ok"
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Berhenti" in out and "Traceback" not in err
    assert "~$" not in out, "lock files never enter the catalog"
    again = subprocess.run([*CLI, "index", str(root), "-q", "--no-wait"], capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, "the writer lock went with the stopped watcher"
