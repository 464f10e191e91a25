"""Every error the user can see is declared in zi_evidence/errors.py, as in simonw/llm's errors.py."""

import importlib
import pkgutil

import zi_evidence
from zi_evidence import errors


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    for sub in list(found):
        found |= _subclasses(sub)
    return found


def test_every_zi_error_lives_in_errors_py():
    for module in pkgutil.walk_packages(zi_evidence.__path__, "zi_evidence."):
        if not module.name.endswith("__main__"):  # that one runs the command line
            importlib.import_module(module.name)
    elsewhere = sorted(
        f"{cls.__module__}.{cls.__qualname__}"
        for cls in _subclasses(errors.ZiError)
        if cls.__module__.startswith("zi_evidence") and cls.__module__ != "zi_evidence.errors"
    )
    assert elsewhere == []
