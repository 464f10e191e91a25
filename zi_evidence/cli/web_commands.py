"""``zi-evidence serve``: the repository as a local web application, optionally kept current by the watcher."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import click

from zi_evidence.cli.options import BarProgress, open_repository, plugin_host, state_option

DEFAULT_PORT = 8765


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound before the address line is printed (so ``--port 0`` shows the real port)."""
    from zi_evidence.errors import ZiError

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        raise ZiError(
            f"Tidak dapat membuka server di {host}:{port} ({exc.strerror or exc}). "
            "Pilih port lain dengan --port, atau hentikan program yang memakai port itu."
        ) from exc
    sock.set_inheritable(True)
    return sock


def _address(sock: socket.socket, tls: bool) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"{'https' if tls else 'http'}://{shown}:{port}/"


def _reachable(sock: socket.socket, tls: bool) -> str | None:
    """For a wildcard bind (0.0.0.0, ::): the addresses other computers type, since '0.0.0.0' opens nothing."""
    host, port = sock.getsockname()[:2]
    if not ipaddress.ip_address(host).is_unspecified:
        return None
    scheme = "https" if tls else "http"
    name = socket.gethostname()
    shown = [f"{scheme}://{name}:{port}/", *(f"{scheme}://{ip}:{port}/" for ip in _lan_addresses(name))]
    return f"Dari komputer lain di jaringan kantor, buka {' atau '.join(shown)}"


def _lan_addresses(name: str) -> list[str]:
    """This machine's IPv4 addresses other than loopback: its name's, and the one its default route leaves by."""
    found: set[str] = set()
    try:
        found |= {str(info[4][0]) for info in socket.getaddrinfo(name, None, socket.AF_INET, socket.SOCK_STREAM)}
    except OSError:
        pass
    try:  # a UDP "connect" sends nothing; it only picks the outgoing interface
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1 (RFC 5737): never a real host
            found.add(str(probe.getsockname()[0]))
    except OSError:
        pass
    return sorted(
        ip for ip in found if not ipaddress.ip_address(ip).is_loopback and not ipaddress.ip_address(ip).is_unspecified
    )


def _tls_files(cert: Path | None, key: Path | None) -> dict[str, str]:
    """uvicorn's TLS settings, checked first so that a wrong file is named before anything listens."""
    import ssl

    from zi_evidence.errors import ZiError

    if cert is None and key is None:
        return {}
    if cert is None or key is None:
        raise ZiError("HTTPS memerlukan keduanya: --tls-cert (sertifikat) dan --tls-key (kunci privatnya).")
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(str(cert), str(key))
    except (ssl.SSLError, OSError) as exc:
        raise ZiError(
            f"Sertifikat {cert} atau kunci {key} tidak dapat dipakai ({getattr(exc, 'reason', None) or exc}). "
            "Periksa bahwa keduanya berformat PEM dan kunci itu milik sertifikat itu."
        ) from exc
    return {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}


@click.command()
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path), required=False)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Alamat server; selain loopback, siapa pun di jaringan dapat membuka.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port server; 0 = pilih port bebas.",
)
@click.option(
    "--watch",
    "watch",
    is_flag=True,
    help="Pantau folder dan perbarui katalog selama server berjalan (seperti 'zi-evidence watch').",
)
@click.option(
    "--tls-cert",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Sertifikat HTTPS (PEM), untuk server yang dibuka di jaringan; bersama --tls-key.",
)
@click.option("--tls-key", type=click.Path(dir_okay=False, path_type=Path), help="Kunci privat sertifikat itu (PEM).")
@state_option
def serve(directory, host, port, watch, tls_cert, tls_key, state_dir):
    """Buka repositori DIRECTORY sebagai aplikasi web di peramban (hanya membaca data dukung).

    Mencetak alamatnya lalu melayani sampai Ctrl-C. Bila katalog belum ada, data dukung diindeks dulu.
    """
    import uvicorn

    from zi_evidence.index.run import IndexOptions, run_index
    from zi_evidence.web import create_app

    tls = _tls_files(tls_cert, tls_key)
    repo = open_repository(directory, state_dir)
    if not repo.has_catalog():
        click.echo(f"Katalog belum ada; mengindeks {repo.root} lebih dulu.", err=True)
        progress = BarProgress()
        skipped = repo.expensive_parsers()
        summary = run_index(repo, IndexOptions(exclude_parsers=skipped), progress)
        progress.finish()
        click.echo(f"Selesai: {summary.new} berkas dikatalogkan, {summary.problems} bermasalah.", err=True)
        if skipped:  # the first 'index' afterwards reads the scans again, and takes its time
            click.echo(
                f"Tanpa OCR agar halaman cepat terbuka: jalankan 'zi-evidence index {repo.root}' untuk membaca "
                "teks dokumen hasil pindai dan foto.",
                err=True,
            )
    from zi_evidence.web.auth import WebAccounts

    if not _loopback(host) and not WebAccounts(repo.state_dir).enabled():
        click.echo(
            f"Peringatan: server dibuka di {host}, bukan hanya di komputer ini. Belum ada akun atau kata sandi: "
            "siapa pun di jaringan yang sama dapat membaca seluruh data dukung. Gunakan hanya di jaringan kantor "
            "yang tepercaya, atau buat akun dengan 'zi-evidence users add' (lalu setiap halaman meminta masuk).",
            err=True,
        )
    elif not _loopback(host) and not tls:
        click.echo(
            f"Peringatan: server dibuka di {host} tanpa HTTPS: kata sandi dan data dukung melintasi jaringan "
            "tanpa enkripsi. Pasang sertifikat dengan --tls-cert dan --tls-key, atau taruh server di balik "
            "reverse proxy HTTPS.",
            err=True,
        )
    app = create_app(repo.root, state_dir, host=plugin_host())
    sock = _listen(host, port)
    stop = threading.Event()
    site = app.state.site
    watcher = _start_watcher(directory, state_dir, stop, site.snapshot) if watch else None
    app.state.watching = watcher is not None
    reachable = _reachable(sock, bool(tls))  # before the address line, which a script may wait for
    if reachable:
        click.echo(reachable, err=True)
    click.echo(f"Server berjalan di {_address(sock, bool(tls))}")
    sys.stdout.flush()
    _warm(site.snapshot)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", **tls))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass  # uvicorn re-raises the Ctrl-C it handled; the server has stopped by now
    finally:
        stop.set()
        if watcher is not None:
            watcher.join(timeout=30)
        sock.close()
    click.echo("Server dihentikan. Data dukung tidak diubah.", err=True)


def _warm(build: Callable[[], object]) -> None:
    """Build the pages' snapshot in the background, so the first visitor does not wait for it."""

    def run() -> None:
        try:
            build()
        except Exception:  # noqa: BLE001 - the page that needs it shows the error to its visitor
            pass

    threading.Thread(target=run, name="zi-evidence-warm", daemon=True).start()


def _start_watcher(
    directory: Path | None, state_dir: Path | None, stop: threading.Event, warm: Callable[[], object]
) -> threading.Thread:
    """The watcher in a thread of this process, with its own repository (its own search-index writer);
    after each change the pages' snapshot is rebuilt at once, not on the next visitor's request."""
    from zi_evidence.watch.watcher import Watcher, WatchOptions

    repo = open_repository(directory, state_dir)
    options = WatchOptions(stability=1.0, debounce=0.5)

    def say(text: str) -> None:
        click.echo(text, err=True)

    def on_change(change) -> None:  # type: ignore[no-untyped-def]
        where = f"{change.old_path} → {change.path}" if change.old_path else change.path
        click.echo(f"Katalog diperbarui ({change.kind}): {where}", err=True)
        _warm(warm)  # one build per catalog generation: the calls after the first one find it done

    def run() -> None:
        try:
            Watcher(repo, options, on_change, on_message=say).run(stop)
        except Exception as exc:  # the server goes on without live updates; the user is told why
            say(f"Pemantauan berhenti karena galat: {exc}. Halaman tetap tersedia; jalankan 'zi-evidence index'.")

    thread = threading.Thread(target=run, name="zi-evidence-watch", daemon=True)
    thread.start()
    return thread
