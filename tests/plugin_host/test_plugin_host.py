"""The plugin host: entry points loaded one by one, broken plugins reported, names unique."""

import json
import sys
import textwrap

import pytest
from click.testing import CliRunner

from zi_evidence import hookimpl
from zi_evidence.errors import PluginError
from zi_evidence.plugins import make_plugin_manager


@pytest.fixture
def third_party(tmp_path, monkeypatch):
    """Installs (on sys.path) a distribution with a broken plugin and a working one."""
    site = tmp_path / "site"
    dist = site / "zi_thirdparty-1.2.3.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: zi-thirdparty\nVersion: 1.2.3\n")
    (dist / "entry_points.txt").write_text(
        "[zi_evidence]\nrusak = zi_thirdparty_broken\nbaik = zi_thirdparty_good\nasing = zi_thirdparty_alien\n"
    )
    (site / "zi_thirdparty_broken.py").write_text("raise RuntimeError('modul ini sengaja rusak')\n")
    (site / "zi_thirdparty_good.py").write_text(
        textwrap.dedent(
            """
            from zi_evidence import hookimpl

            class MarkdownParser:
                name, version, mime_types = "markdown", "1", ("text/markdown",)

            @hookimpl
            def register_parsers():
                return [MarkdownParser]
            """
        )
    )
    # a hook this version does not define: rejected by check_pending, reported, not fatal
    (site / "zi_thirdparty_alien.py").write_text(
        "from zi_evidence import hookimpl\n\n@hookimpl\ndef register_spaceships():\n    return []\n"
    )
    monkeypatch.syspath_prepend(str(site))
    yield
    for name in ("zi_thirdparty_broken", "zi_thirdparty_good", "zi_thirdparty_alien"):
        sys.modules.pop(name, None)


def test_broken_plugin_is_listed_with_its_error_and_others_still_load(third_party):
    host = make_plugin_manager()
    infos = {i.name: i for i in host.plugin_infos()}
    assert "RuntimeError: modul ini sengaja rusak" in infos["rusak"].error
    assert "register_spaceships" in infos["asing"].error
    assert infos["baik"].error is None and infos["baik"].version == "1.2.3"
    assert infos["baik"].hooks == ("register_parsers",)
    assert "markdown" in host.parsers()
    assert infos["pdf"].error is None, "built-in plugins load beside a broken one"


def test_plugins_command_lists_errors_as_json_and_text(third_party):
    from zi_evidence.cli import cli

    result = CliRunner().invoke(cli, ["plugins", "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    rows = {row["name"]: row for row in json.loads(result.output)}
    assert rows["rusak"]["error"].startswith("RuntimeError")
    assert "register_parsers" in rows["pdf"]["hooks"]
    text = CliRunner().invoke(cli, ["plugins"], catch_exceptions=False).output
    assert "GAGAL DIMUAT: RuntimeError: modul ini sengaja rusak" in text


def test_disable_and_allow_lists_from_the_environment(monkeypatch):
    monkeypatch.setenv("ZI_EVIDENCE_DISABLE_PLUGINS", "docx, xlsx")
    infos = {i.name: i for i in make_plugin_manager().plugin_infos()}
    assert infos["docx"].error == "dinonaktifkan" and infos["xlsx"].error == "dinonaktifkan"
    assert infos["pdf"].error is None
    monkeypatch.delenv("ZI_EVIDENCE_DISABLE_PLUGINS")
    monkeypatch.setenv("ZI_EVIDENCE_LOAD_PLUGINS", "pdf")
    host = make_plugin_manager()
    assert set(host.parsers()) == {"pdf"}


def test_duplicate_names_are_rejected_naming_both_plugins():
    class Twin:
        name = "pdf"

    class First:
        @hookimpl
        def register_parsers(self):
            return [Twin]

    class Second:
        @hookimpl
        def register_parsers(self):
            return [Twin]

    host = make_plugin_manager(load_entry_points=False)
    host.register(First(), "pertama")
    host.register(Second(), "kedua")
    with pytest.raises(PluginError, match="'pertama' dan 'kedua'"):
        host.parsers()


def test_plugin_commands_are_added_and_a_broken_one_is_reported():
    import click

    class Commands:
        @hookimpl
        def register_commands(self, cli):
            @cli.command()
            def halo():
                """Menyapa."""
                click.echo("halo dari plugin")

    class Broken:
        @hookimpl
        def register_commands(self, cli):
            raise RuntimeError("rusak")

    from zi_evidence.cli import load_plugin_commands

    group = click.Group("uji")
    host = make_plugin_manager(load_entry_points=False)
    host.register(Commands(), "perintah")
    host.register(Broken(), "rusak")
    load_plugin_commands(group, host)
    assert CliRunner().invoke(group, ["halo"]).output == "halo dari plugin\n"


def test_the_search_backend_with_the_highest_priority_is_chosen(make_repo):
    from zi_evidence.repository import Repository

    class FastBackend:
        name, version, priority = "cepat", "1", 20

    class Faster:
        @hookimpl
        def register_search_backends(self):
            return [FastBackend]

    host = make_plugin_manager()
    installed = host.search_backends()
    fastest = max(installed.values(), key=lambda b: getattr(b, "priority", 0)).name
    repo = Repository.open(make_repo(), host=host)
    assert repo.backend_class.name == fastest
    if {"whoosh", "tantivy"} <= set(installed):
        assert fastest == "tantivy"  # both built in: the faster engine unless the repository names one
    host.register(Faster(), "cepat")
    assert Repository.open(make_repo(), host=host).backend_class is FastBackend


def test_a_repository_may_name_its_search_engine(make_repo):
    from zi_evidence.errors import PluginError
    from zi_evidence.repository import Repository

    host = make_plugin_manager()
    for name in host.search_backends():
        root = make_repo(f"drive-{name}", extra=f"search:\n  engine: {name}\n")
        assert Repository.open(root, host=host).backend_class.name == name
    root = make_repo("drive-unknown", extra="search:\n  engine: lucene\n")
    with pytest.raises(PluginError) as caught:
        _ = Repository.open(root, host=host).backend_class
    assert "'lucene'" in str(caught.value) and "Tersedia:" in str(caught.value)


def test_a_plugin_cannot_replace_a_built_in_command_and_the_others_still_add_theirs():
    import click

    from zi_evidence.cli import ZiGroup, load_plugin_commands

    class Hijack:
        @hookimpl
        def register_commands(self, cli):
            @cli.command("index")
            def fake():
                click.echo("bukan index")

    class Commands:
        @hookimpl
        def register_commands(self, cli):
            @cli.command()
            def halo():
                click.echo("halo")

    group = ZiGroup("uji")

    @group.command("index")
    def real():
        click.echo("index asli")

    host = make_plugin_manager(load_entry_points=False)
    host.register(Hijack(), "pembajak")
    host.register(Commands(), "perintah")
    load_plugin_commands(group, host)
    assert [f.plugin for f in host.failures] == ["pembajak"] and "tidak dapat diganti" in host.failures[0].error
    assert CliRunner().invoke(group, ["index"]).output == "index asli\n"
    assert CliRunner().invoke(group, ["halo"]).output == "halo\n"


def test_library_versions_for_cache_keys_are_the_installed_ones():
    from importlib import metadata

    from zi_evidence.usercache import library_version

    for name in ("jsonschema", "PyYAML", "pyyaml", "click", "pluggy"):
        assert library_version(name) == metadata.version(name)
    assert library_version("tidak-ada-paket-ini") == "?"
