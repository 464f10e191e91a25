"""``zi-evidence watch``: keep the catalog and the search index current while the drive fills."""

from __future__ import annotations

import json
import signal
import threading
from datetime import datetime
from pathlib import Path

import click

from zi_evidence.cli.options import json_option, open_repository, state_option
from zi_evidence.cli.repo_commands import ocr_option

CHANGE_WORDS = {"new": "baru", "changed": "berubah", "moved": "dipindah", "removed": "dihapus"}


def _interrupt(signum, frame):
    raise KeyboardInterrupt  # SIGTERM (systemd, docker stop) stops as cleanly as Ctrl-C


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False)
@state_option
@click.option(
    "--polling",
    type=click.FloatRange(0.1),
    is_flag=False,
    flag_value=5.0,
    default=None,
    metavar="[DETIK]",
    help="Periksa folder berkala (untuk berbagi jaringan SMB/NFS tempat inotify tidak melihat perubahan); "
    "selang bawaan 5 detik.",
)
@click.option(
    "--stability",
    type=click.FloatRange(0),
    default=2.0,
    show_default=True,
    help="Detik tanpa perubahan ukuran/waktu sebelum berkas dianggap selesai ditulis.",
)
@click.option(
    "--debounce", type=click.FloatRange(0), default=1.0, show_default=True, help="Detik sepi sebelum satu putaran."
)
@click.option(
    "--reconcile",
    type=click.FloatRange(0),
    default=600.0,
    show_default=True,
    help="Selang (detik) pemindaian penuh untuk menangkap perubahan yang terlewat; 0 = mati.",
)
@click.option(
    "--verify",
    type=click.FloatRange(0),
    default=86400.0,
    show_default=True,
    help="Selang (detik) pemeriksaan hash semua berkas (suntingan yang tidak mengubah ukuran/waktu); 0 = mati.",
)
@click.option(
    "--processes", type=click.IntRange(1, 64), default=None, help="Jumlah proses pembaca (bawaan: semua inti)."
)
@click.option("--no-wait", is_flag=True, help="Gagal segera bila proses lain sedang memperbarui katalog.")
@ocr_option
@json_option
def watch(directory, state_dir, polling, stability, debounce, reconcile, verify, processes, no_wait, ocr, as_json):
    """Pantau DIRECTORY dan perbarui katalog serta indeks setiap ada berkas baru/berubah/dipindah/dihapus.

    Satu baris per perubahan (atau JSON per baris dengan --json). Hentikan dengan Ctrl-C.
    """
    from zi_evidence.index.run import IndexOptions
    from zi_evidence.watch.watcher import Watcher, WatchOptions

    repo = open_repository(directory, state_dir)
    options = WatchOptions(
        polling=polling,
        debounce=debounce,
        stability=stability,
        reconcile_every=reconcile,
        verify_every=verify,
        index=IndexOptions(
            processes=processes, wait=not no_wait, exclude_parsers=frozenset() if ocr else repo.expensive_parsers()
        ),
    )

    def on_change(change):
        stamp = datetime.now().isoformat(timespec="seconds")
        if as_json:
            record = {"time": stamp, "change": change.kind, "path": change.path, "status": change.status}
            if change.old_path:
                record["old_path"] = change.old_path
            click.echo(json.dumps(record, ensure_ascii=False))
            return
        where = f"{change.old_path} → {change.path}" if change.old_path else change.path
        flag = " (bermasalah, lihat 'zi-evidence status')" if change.status == "problem" else ""
        click.echo(f"{stamp[11:]} {CHANGE_WORDS.get(change.kind, change.kind):<9} {where}{flag}")

    def on_message(text):
        if as_json:
            click.echo(json.dumps({"time": datetime.now().isoformat(timespec="seconds"), "message": text}))
        else:
            click.echo(text, err=True)

    mode = f"berkala tiap {polling:g} dtk" if polling else "pemberitahuan sistem (inotify)"
    on_message(f"Memantau {repo.root} ({mode}); jeda stabil {stability:g} dtk. Ctrl-C untuk berhenti.")
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        Watcher(repo, options, on_change, on_message=on_message).run(stop)
    except KeyboardInterrupt:
        stop.set()
        on_message("Berhenti. Katalog tetap utuh; 'zi-evidence watch' atau 'index' berikutnya melanjutkan.")
    finally:
        signal.signal(signal.SIGTERM, previous)
