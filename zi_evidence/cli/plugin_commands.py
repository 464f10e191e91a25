"""``zi-evidence plugins`` and ``zi-evidence rulesets``: what is installed, and the LKE trees."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from zi_evidence.cli.options import json_option, plugin_host


@click.command()
@json_option
def plugins(as_json):
    """Daftar plugin: versi, hook yang diimplementasikan, dan galat pemuatan."""
    host = plugin_host()
    infos = host.plugin_infos()
    states = {i.name: s for i in infos if (s := _plugin_status(host.plugin_object(i.name))) is not None}
    if as_json:
        rows = [{**asdict(i), "status": states.get(i.name)} for i in infos]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for info in infos:
        version = f" {info.version}" if info.version else ""
        click.echo(f"{info.name}{version} ({info.module})")
        if info.error:
            click.echo(f"  GAGAL DIMUAT: {info.error}")
        else:
            click.echo(f"  hook: {', '.join(info.hooks) or '-'}")
        if info.name in states:
            click.echo(f"  status: {states[info.name]}")


def _plugin_status(plugin: object) -> str | None:
    """A plugin may describe its own readiness with ``status()`` (e.g. OCR: engine found, which languages)."""
    describe = getattr(plugin, "status", None)
    if not callable(describe):
        return None
    try:
        return str(describe())
    except Exception as exc:  # noqa: BLE001 - a plugin's bug is shown, never fatal
        return f"status tidak dapat dibaca ({type(exc).__name__}: {exc})"


@click.group()
def rulesets():
    """Aturan penilaian (LKE) yang tersedia."""


@rulesets.command("list")
@json_option
def rulesets_list(as_json):
    """Daftar aturan penilaian yang tersedia."""
    from zi_evidence.rulesets import RulesetRegistry

    registry = RulesetRegistry.from_host(plugin_host())
    items = [registry.get(rid) for rid in registry.ids()]
    if as_json:
        rows = [{"id": r.id, "name": r.name, "extends": r.extends, "questions": len(r.questions)} for r in items]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for rules in items:
        base = f", turunan dari {rules.extends}" if rules.extends else ""
        click.echo(f"{rules.id}: {rules.name} ({len(rules.questions)} pertanyaan{base})")


@rulesets.command("show")
@click.argument("ruleset_id")
@json_option
def rulesets_show(ruleset_id, as_json):
    """Tampilkan pohon area → indikator → pertanyaan dari RULESET_ID."""
    from zi_evidence.rulesets import RulesetRegistry

    rules = RulesetRegistry.from_host(plugin_host()).get(ruleset_id)
    if as_json:
        click.echo(json.dumps(_tree(rules), ensure_ascii=False, indent=2, default=str))
        return
    click.echo(f"{rules.id}: {rules.name}\n{rules.regulation}")
    for area in rules.areas:
        click.echo(f"\nArea {area.number}. {area.name} (bobot {area.weight:g})")
        for indicator in rules.indicators_of(area.number):
            part = f"[{indicator.part}] " if indicator.part else ""
            click.echo(f"  {indicator.id} {part}{indicator.name} (bobot {indicator.weight:g})")
            for question in rules.questions_of(indicator.id):
                click.echo(f"    {question.id} {question.label} [{question.answer_type}]")


def _tree(rules) -> dict:
    return {
        "id": rules.id,
        "name": rules.name,
        "regulation": rules.regulation,
        "extends": rules.extends,
        "areas": [
            {
                "number": area.number,
                "name": area.name,
                "weight": area.weight,
                "indicators": [
                    {
                        "id": ind.id,
                        "name": ind.name,
                        "part": ind.part,
                        "weight": ind.weight,
                        "questions": [
                            {"id": q.id, "label": q.label, "answer_type": q.answer_type}
                            for q in rules.questions_of(ind.id)
                        ],
                    }
                    for ind in rules.indicators_of(area.number)
                ],
            }
            for area in rules.areas
        ],
    }
