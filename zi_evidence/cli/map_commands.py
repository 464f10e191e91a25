"""``zi-evidence map FILE QUESTION``: accept a mapping (a suggestion or one's own) as a rule in zi-evidence.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from zi_evidence.cli.options import open_repository, repo_option, state_option


@click.command("map")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("question")
@repo_option
@state_option
def map_file(file, question, repo_path, state_dir):
    """Petakan berkas FILE ke pertanyaan/indikator QUESTION (mis. A.I.1.i.a) lewat aturan di zi-evidence.yaml.

    Berkasnya tidak dipindah atau diubah: aturan 'mapping' untuk jalur persis berkas ini ditambahkan di
    urutan pertama, isi lain konfigurasi tetap, dan log audit mencatat siapa menerimanya.
    'zi-evidence index' berikutnya memetakan berkasnya.
    FILE boleh ditulis relatif terhadap folder kerja atau terhadap akar repositori (seperti di 'zi-evidence
    status', yang juga menampilkan saran pertanyaannya).
    """
    from zi_evidence.cli.users_commands import cli_actor
    from zi_evidence.errors import ConfigError
    from zi_evidence.review.session import repository_store
    from zi_evidence.suggest.accept import resolve_target
    from zi_evidence.suggest.audited import accept_audited

    repo = open_repository(repo_path or (file.parent if file.parent.is_dir() else None), state_dir)
    if not file.is_file() and not file.is_absolute() and (repo.root / file).is_file():
        file = repo.root / file  # the path as status and the report show it: relative to the root
    if not file.is_file():
        raise ConfigError(f"Berkas {file} tidak ada. Beri jalurnya dari folder kerja atau dari akar {repo.root}.")
    absolute = file.parent.resolve() / file.name
    try:
        shown = absolute.relative_to(repo.root).as_posix()
    except ValueError:
        raise ConfigError(
            f"Berkas {file} berada di luar repositori {repo.root}. Beri berkas di dalamnya, atau --repo FOLDER."
        ) from None
    target = resolve_target(repo.ruleset, question)
    unit, config_path = repo.config.unit.name, repo.config.config_path
    accepted = accept_audited(repository_store(repo), cli_actor(), unit, config_path, shown, target, "cli")
    if not accepted.changed:
        click.echo(f"Aturan untuk {shown} → {target} sudah ada di {repo.config.config_path}; tidak ada yang diubah.")
        return
    click.echo(f"Aturan pemetaan ditambahkan di {repo.config.config_path}: {shown} → {target}.")
    click.echo(f"Berkasnya tidak dipindah. Jalankan 'zi-evidence index {repo.root}' agar katalog memakainya.")
