"""Loading every plugin stays cheap: parser libraries, report writers and the rule-set model are imported
when a file is parsed, a report written or a rule set built, not when the plugins register."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pypdf", "pypdfium2", "docx", "openpyxl", "PIL", "lxml", "zi_evidence.scoring", "zi_evidence.rulesets.model")


def loaded_after(code: str) -> set[str]:
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_opening_a_repository_imports_no_parser_or_report_library(make_repo):
    root = make_repo()
    loaded = loaded_after(
        "from pathlib import Path\nfrom zi_evidence.repository import Repository\n"
        f"repo = Repository.open(Path({str(root)!r}))\nrepo.parsers; repo.kind_detectors; repo.backend_class"
    )
    assert not {name for name in HEAVY if name in loaded}


def test_the_plugin_packages_still_offer_their_classes():
    import zi_evidence_checks
    import zi_evidence_reports
    from zi_evidence_docx import DocxParser
    from zi_evidence_pdf import PdfParser
    from zi_evidence_xlsx import XlsxParser

    assert PdfParser.name == "pdf" and XlsxParser.name == "xlsx" and DocxParser.name == "docx"
    assert {f.name for f in zi_evidence_reports.register_report_formats()} == {"html", "md", "json", "xlsx"}
    assert len(zi_evidence_checks._checks()) == 9


def test_every_rule_set_name_is_exported():
    import zi_evidence.rulesets as rulesets

    assert set(rulesets.__all__) == set(rulesets._HOME_OF)
    for name in rulesets.__all__:
        assert getattr(rulesets, name) is not None


def test_a_run_with_nothing_to_do_loads_neither_whoosh_nor_jsonschema(make_repo):
    """A no-change index run only asks the backend for its fingerprint, takes the config and the rule set
    as parsed before, and starts no parser process."""
    root = make_repo()
    code = (
        "from pathlib import Path\nfrom zi_evidence.index.run import run_index\n"
        "from zi_evidence.repository import Repository\n"
        f"run_index(Repository.open(Path({str(root)!r})))"
    )
    loaded_after(code)  # the first run builds the index and reads the stamps
    loaded_after(code)  # the second records that the index agrees with the catalog
    loaded = loaded_after(code)
    assert not {"whoosh", "tantivy", "jsonschema", "snowballstemmer", "yaml", "multiprocessing"} & loaded
