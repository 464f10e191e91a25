"""The ``zi-evidence`` command line: a thin layer over the library.

Only here do domain errors become click errors; plugins add commands with ``register_commands``.
"""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING, Any

import click

from zi_evidence import __version__
from zi_evidence.cli.click_id import indonesian, translate_tree
from zi_evidence.cli.lazy import LazyCommands
from zi_evidence.cli.options import STATE_DIR_KEY
from zi_evidence.errors import ZiError, os_error_message

if TYPE_CHECKING:
    from zi_evidence.plugins import PluginHost


class ZiGroup(click.Group):
    """Turns our domain errors, and every OSError a user can cause (read-only, full disk, not a folder,
    permission, encoding), into one clear message and exit code 1, never a traceback; and has click's
    own words (help headings, usage errors) said in Indonesian for the whole run."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        with indonesian():
            translate_tree(self)  # here, not when adding: plugins add commands, and to groups of theirs
            return super().main(*args, **kwargs)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:  # a built-in name needs no plugin: a settled ``index`` loads none
            self.add_plugin_commands(ctx)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        self.add_plugin_commands(ctx)
        return super().list_commands(ctx)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        name = name or cmd.name
        if name in BUILT_IN and name in self.commands:
            raise click.ClickException(f"perintah bawaan '{name}' tidak dapat diganti oleh plugin")
        super().add_command(cmd, name)

    def add_plugin_commands(self, ctx: click.Context) -> None:
        """Let the plugins add their commands, once per run, when a name or the list needs them."""
        from zi_evidence.cli.options import plugin_host

        root = ctx.find_root()
        if not root.meta.get(_PLUGIN_COMMANDS_KEY):
            root.meta[_PLUGIN_COMMANDS_KEY] = True
            load_plugin_commands(self, plugin_host(root))
            translate_tree(self)  # the commands just added, as ``main`` did the built-in ones

    def invoke(self, ctx: click.Context) -> object:
        import sqlite3

        try:
            return super().invoke(ctx)
        except ZiError as exc:
            raise click.ClickException(str(exc)) from exc
        except (OSError, sqlite3.Error, UnicodeError) as exc:
            if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
                raise  # output piped into 'head': click ends quietly
            state_dir = ctx.find_root().meta.get(STATE_DIR_KEY)
            raise click.ClickException(os_error_message(exc, state_dir)) from exc


@click.group(
    cls=ZiGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar="[OPSI]",
    subcommand_metavar="PERINTAH [ARGUMEN]...",
)
# help and message spelled out: click fills their defaults in when this module loads, outside ``indonesian``
@click.version_option(
    __version__, prog_name="zi-evidence", message="%(prog)s, versi %(version)s", help="Tampilkan versi lalu keluar."
)
def cli() -> None:
    """Repositori data dukung Zona Integritas (WBK/WBBM): katalog, pencarian, kelengkapan dan bundel PMPZI."""


# The built-in commands, in the order a team uses them, each imported on first use; plugins add theirs
# in ``main``.
BUILT_IN = {
    "init": "repo_commands:init",
    "index": "repo_commands:index",
    "watch": "watch_commands:watch",
    "serve": "web_commands:serve",
    "status": "repo_commands:status",
    "files": "file_commands:files",
    "map": "map_commands:map_file",
    "search": "search_commands:search",
    "answers": "answer_commands:answers",
    "check": "report_commands:check",
    "report": "report_commands:report",
    "rollup": "report_commands:rollup",
    "bundle": "bundle_commands:bundle",
    "review": "review_commands:review",
    "users": "users_commands:users",
    "audit": "review_commands:audit",
    "push": "server_commands:push",
    "server": "server_commands:server",
    "rulesets": "plugin_commands:rulesets",
    "plugins": "plugin_commands:plugins",
}
cli.commands = LazyCommands({name: f"zi_evidence.cli.{where}" for name, where in BUILT_IN.items()}, translate_tree)


def load_plugin_commands(group: click.Group, host: PluginHost | None = None) -> None:
    """Let plugins add their subcommands to ``group`` (called once by ``main``)."""
    from zi_evidence.plugins import make_plugin_manager

    host = host or make_plugin_manager()
    for failure in host.add_commands(group):  # a plugin's broken command must not stop the others
        click.echo(f"Peringatan: plugin '{failure.plugin}' gagal menambah perintah: {failure.error}", err=True)


def main() -> None:
    cli(prog_name="zi-evidence")  # plugins load on first need (options.plugin_host), their commands with them


_PLUGIN_COMMANDS_KEY = "zi_evidence.plugin_commands_added"


__all__ = ["cli", "main"]

if __name__ == "__main__":  # pragma: no cover
    main()
