"""The server's command line end to end on a real database: register units, issue a token, push over
HTTP with it (token from the environment), import an archive, list the tree; errors are one clear line."""

from __future__ import annotations

import json


def test_units_token_push_and_import_through_the_cli(postgres_db, run_cli, unit_drive, tmp_path, monkeypatch):
    db = ["--db", postgres_db]
    assert run_cli("server", "unit", "add", "KW", "--name", "Kanwil", "--kind", "kanwil", *db).exit_code == 0
    added = run_cli("server", "unit", "add", "UPT-1", "--name", "Lapas Satu", "--parent", "KW", *db)
    assert added.exit_code == 0 and "di bawah KW" in added.output
    listed = json.loads(run_cli("server", "unit", "list", "--json", *db).output)
    assert {u["code"]: u["parent"] for u in listed} == {"KW": None, "UPT-1": "KW"}

    token = run_cli("server", "token", "UPT-1", *db).output.strip()
    assert token.startswith("zit_")
    root = unit_drive("UPT-1")
    archive = tmp_path / "satu.zip"
    assert run_cli("push", "--to", archive, "-C", root).exit_code == 0
    store = ["--store", tmp_path / "store"]
    imported = run_cli("server", "import", archive, "--unit", "UPT-1", *db, *store)
    assert imported.exit_code == 0 and "diperbarui" in imported.output
    again = run_cli("server", "import", archive, "--unit", "UPT-1", *db, *store)
    assert "sudah sama" in again.output

    unknown = run_cli("server", "import", archive, "--unit", "UPT-9", *db, *store)
    assert unknown.exit_code == 1 and "tidak terdaftar" in unknown.output and "Traceback" not in unknown.output
    monkeypatch.delenv("ZI_EVIDENCE_DB", raising=False)
    missing = run_cli("server", "unit", "list")
    assert missing.exit_code == 1 and "ZI_EVIDENCE_DB" in missing.output


def test_push_without_a_token_says_how_to_give_one(run_cli, unit_drive, monkeypatch):
    monkeypatch.delenv("ZI_EVIDENCE_PUSH_TOKEN", raising=False)
    result = run_cli("push", "--to", "http://127.0.0.1:9/", "-C", unit_drive("UPT-1"))
    assert result.exit_code == 1 and "ZI_EVIDENCE_PUSH_TOKEN" in result.output


def test_server_accounts_get_roles_on_a_subtree(postgres_db, run_cli):
    db = ["--db", postgres_db]
    assert run_cli("server", "unit", "add", "KW", "--name", "Kanwil", "--kind", "kanwil", *db).exit_code == 0
    made = run_cli("server", "user", "kiki", "--role", "verifikator:kanwil@KW", "--password-stdin", *db,
                   input="sandi-kiki-12345\n")  # fmt: skip
    assert made.exit_code == 0, made.output
    wrong = run_cli("server", "user", "lala", "--role", "verifikator:lurah@KW", "--password-stdin", *db, input="x\n")
    assert wrong.exit_code == 1 and "tingkat verifikator harus salah satu dari" in wrong.output
    from zi_evidence.review.accounts import Accounts
    from zi_evidence.server.database import open_server

    server = open_server(postgres_db)
    user = Accounts(server.reviews).authenticate("kiki", "sandi-kiki-12345")
    assert [(r.role, r.unit, r.tier) for r in user.roles] == [("verifikator", "KW", "kanwil")]
    server.close()


def test_unit_list_is_a_table_and_json_on_request(postgres_db, run_cli):
    db = ["--db", postgres_db]
    assert run_cli("server", "unit", "list", *db).output.startswith("Belum ada unit terdaftar.")
    for code, name, parent in [
        ("ESELON", "Ditjen Uji", None),
        ("KW-JATIM", "Kanwil Jawa Timur", "ESELON"),
        ("KW-JABAR", "Kanwil Jawa Barat", "ESELON"),
        ("LAPAS-MLG", "Lapas Malang", "KW-JATIM"),
    ]:
        kind = ["--kind", "kanwil" if code.startswith("KW") else "upt"]
        added = run_cli("server", "unit", "add", code, "--name", name, *kind, "--since", "2020-01-02", *db,
                        *(["--parent", parent] if parent else []))  # fmt: skip
        assert added.exit_code == 0, added.output
    # a move set for a day far ahead: today's placement now has an end date
    assert (
        run_cli("server", "unit", "move", "LAPAS-MLG", "--parent", "KW-JABAR", "--on", "2999-03-04", *db).exit_code == 0
    )

    lines = run_cli("server", "unit", "list", *db).output.splitlines()
    assert lines[0].split() == ["Kode", "Nama", "Jenis", "Induk", "Berlaku", "sejak", "Sampai"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert list(rows) == ["ESELON", "KW-JABAR", "KW-JATIM", "LAPAS-MLG"]  # by code
    assert rows["LAPAS-MLG"].split()[-4:] == ["upt", "KW-JATIM", "2020-01-02", "2999-03-04"]
    assert rows["KW-JATIM"].split()[-4:] == ["kanwil", "ESELON", "2020-01-02", "-"]
    assert rows["ESELON"].split()[-3:] == ["-", "2020-01-02", "-"]
    assert "Lapas Malang" in rows["LAPAS-MLG"] and "Kanwil Jawa Timur" in rows["KW-JATIM"]
    starts = {line.index("2020-01-02") for line in lines[1:]}
    assert len(starts) == 1 and lines[0].index("Berlaku sejak") in starts  # columns line up under the header

    raw = json.loads(run_cli("server", "unit", "list", "--json", *db).output)
    assert {u["code"]: (u["name"], u["parent"]) for u in raw}["LAPAS-MLG"] == ("Lapas Malang", "KW-JATIM")
