"""Options shared by several commands, and the progress display."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from zi_evidence.plugins import PluginHost
    from zi_evidence.repository import Repository

repo_option = click.option(
    "--repo",
    "-C",
    "repo_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder repositori data dukung (bawaan: folder kerja atau induknya yang memuat zi-evidence.yaml).",
)
state_option = click.option(
    "--state-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    envvar="ZI_EVIDENCE_STATE_DIR",
    help="Folder status alat (katalog, indeks). Bawaan: .zi-evidence di akar repositori.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Keluaran JSON untuk diproses program lain.")


class _QuietOption(click.Option):
    """``--silent`` still works (check, report and rollup used to spell it so) but help shows ``--quiet/-q``."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown = self.opts
        self.opts = [name for name in shown if name != "--silent"]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


quiet_option = click.option(
    "--quiet", "-q", "--silent", "quiet", cls=_QuietOption, is_flag=True, help="Jangan tampilkan kemajuan di stderr."
)


def plugin_host(ctx: click.Context | None = None) -> PluginHost:
    """The plugins of this run, loaded once, on first need: by the command, or by the group when a command
    name or the list of commands needs theirs."""
    from zi_evidence.plugins import PluginHost, make_plugin_manager

    root = (ctx or click.get_current_context()).find_root()
    if not isinstance(root.obj, PluginHost):
        root.obj = make_plugin_manager()
    if not root.meta.get(_WARNING_KEY):
        root.meta[_WARNING_KEY] = True
        root.call_on_close(lambda host=root.obj: _warn_failures(host))
    return root.obj


_WARNING_KEY = "zi_evidence.failures_shown"
#: Failures of these hooks are reported already: as a warning when commands are added, as findings.
_REPORTED_ELSEWHERE = frozenset({"register_commands", "evidence_findings"})


def _warn_failures(host: PluginHost) -> None:
    """A plugin whose registration raised is left out, not fatal; the user is told once, at the end."""
    shown = set()
    for failure in host.failures:
        key = (failure.plugin, failure.hook_name)
        if failure.hook_name in _REPORTED_ELSEWHERE or key in shown:
            continue
        shown.add(key)
        click.echo(
            f"Peringatan: plugin '{failure.plugin}' gagal pada {failure.hook_name} ({failure.error}); "
            f"sumbangannya diabaikan. Perbarui plugin itu atau nonaktifkan dengan "
            f"ZI_EVIDENCE_DISABLE_PLUGINS={failure.plugin}.",
            err=True,
        )


def open_repository(path: Path | None, state_dir: Path | None = None) -> Repository:
    """The repository at or above ``path``, with this run's plugins."""
    from zi_evidence.repository import Repository

    # a folder typed on the command line is relative to where the user stands, not to the repository
    repo = Repository.open(path, state_dir.absolute() if state_dir else None, host=plugin_host())
    click.get_current_context().find_root().meta[STATE_DIR_KEY] = repo.state_dir  # named by error messages
    return repo


STATE_DIR_KEY = "zi_evidence.state_dir"


class BarProgress:
    """Progress on stderr, one bar per stage; silent when ``quiet``.

    Where stderr is no terminal (a log file, a scheduled job, a program reading it), a bar would print
    nothing until the end: there each stage writes a plain line at every tenth of its steps instead."""

    STEPS = 10

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.bar: Any = None
        self.lines = not sys.stderr.isatty()
        self.label, self.total, self.done, self.shown = "", 0, 0, 0

    def _close(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None

    def stage(self, label: str, total: int) -> None:
        self._close()
        if self.quiet:
            return
        self.label, self.total, self.done, self.shown = label, total, 0, 0
        if total <= 0:
            click.echo(f"{label}…", err=True)
        elif self.lines:
            click.echo(f"{label}: 0/{total}", err=True)
        else:
            self.bar = click.progressbar(length=total, label=label.ljust(32), file=sys.stderr, show_pos=True)
            self.bar.render_progress()

    def advance(self, steps: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(steps)
        elif self.lines and self.total > 0 and not self.quiet:
            self.done += steps
            tenth = min(self.done * self.STEPS // self.total, self.STEPS)
            if tenth > self.shown:
                self.shown = tenth
                click.echo(f"{self.label}: {min(self.done, self.total)}/{self.total}", err=True)

    def message(self, text: str) -> None:
        self._close()
        click.echo(text, err=True)

    def finish(self) -> None:
        self._close()
