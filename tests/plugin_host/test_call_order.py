"""``PluginHost`` calls each hook implementation the way pluggy would: in pluggy's order, with only the
arguments it declares, wrappers left out, and one plugin's exception kept from the others."""

from __future__ import annotations

from datetime import date

import click
import pytest

from zi_evidence import hookimpl
from zi_evidence.plugins import make_plugin_manager


def _parser(parser_name: str) -> type:
    return type(parser_name.title(), (), {"name": parser_name, "version": "1", "mime_types": ("text/plain",)})


class Plugin:
    def __init__(self, parser_name: str) -> None:
        self.parser = _parser(parser_name)

    @hookimpl
    def register_parsers(self):
        return [self.parser]


class First(Plugin):
    @hookimpl(tryfirst=True)
    def register_parsers(self):
        return [self.parser]


class Last(Plugin):
    @hookimpl(trylast=True)
    def register_parsers(self):
        return [self.parser]


class Wrapper:
    @hookimpl(wrapper=True)
    def register_parsers(self):
        raise AssertionError("a wrapper wraps one call of all plugins; the host makes no such call")
        yield  # a generator, as pluggy requires of a wrapper


def test_the_order_is_pluggys_last_registered_first_tryfirst_before_trylast_after():
    host = make_plugin_manager(load_entry_points=False)
    host.register(Last("akhir"), "akhir")
    host.register(First("awal"), "awal")
    host.register(Plugin("satu"), "satu")
    host.register(Plugin("dua"), "dua")
    host.register(Wrapper(), "pembungkus")
    order = list(host.parsers())
    impls = reversed(host.pm.hook.register_parsers.get_hookimpls())
    expected = [impl.plugin.parser.name for impl in impls if not impl.wrapper]
    assert order == expected == ["awal", "dua", "satu", "akhir"]


def test_an_implementation_gets_only_the_arguments_it_declares():
    from zi_evidence.validation.findings import EvidenceContext, Finding

    class NoArguments:
        @hookimpl
        def evidence_findings(self):
            return [Finding("catatan", "info", "Tanpa argumen.")]

    host = make_plugin_manager(load_entry_points=False)
    host.register(NoArguments(), "tanpa-argumen")
    context = EvidenceContext(None, 2026, "WBK", (), (), {}, as_of=date(2026, 1, 1))
    [finding] = host.findings(context)
    assert finding.code == "catatan" and finding.source == "tanpa-argumen"


def test_one_plugins_exception_is_recorded_and_the_others_still_count():
    class Broken:
        @hookimpl
        def register_parsers(self):
            raise RuntimeError("rusak")

    host = make_plugin_manager(load_entry_points=False)
    host.register(Plugin("baik"), "baik")
    host.register(Broken(), "rusak")
    assert list(host.parsers()) == ["baik"]
    [failure] = host.failures
    assert (failure.plugin, failure.hook_name, failure.error) == ("rusak", "register_parsers", "RuntimeError: rusak")


def test_add_commands_returns_the_failures_for_the_caller_to_show():
    class Broken:
        @hookimpl
        def register_commands(self, cli):
            raise RuntimeError("perintah rusak")

    host = make_plugin_manager(load_entry_points=False)
    host.register(Broken(), "rusak")
    [failure] = host.add_commands(click.Group("uji"))
    assert failure.plugin == "rusak" and "perintah rusak" in failure.error


@pytest.mark.parametrize("method", ["kind_detectors", "search_backends", "report_formats", "bundle_layouts"])
def test_every_registration_method_answers_on_an_empty_host(method):
    assert getattr(make_plugin_manager(load_entry_points=False), method)() == {}


def test_a_command_warns_once_about_a_plugin_whose_registration_failed():
    from click.testing import CliRunner

    from zi_evidence.cli import cli

    class BrokenRulesets:
        @hookimpl
        def register_rulesets(self):
            raise RuntimeError("berkas aturan hilang")

    host = make_plugin_manager()
    host.register(BrokenRulesets(), "aturan-rusak")
    result = CliRunner().invoke(cli, ["rulesets", "list"], obj=host, catch_exceptions=False)
    assert result.exit_code == 0 and "permenpanrb-90-2021" in result.output
    warning = "Peringatan: plugin 'aturan-rusak' gagal pada register_rulesets (RuntimeError: berkas aturan hilang)"
    assert result.output.count(warning) == 1
