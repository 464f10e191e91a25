"""click's own words (headings, help option, usage errors) in Bahasa Indonesia.

click looks every string up through ``gettext`` names bound in its modules, and the stdlib lookup
depends on LANGUAGE/LANG (unset on Indonesian Windows) and on a process-wide text domain. So the
catalog below is handed to click's modules directly, only while our command runs (``indonesian()``),
and taken back after: no environment variable, no global domain, other click programs untouched.
tests/cli/test_click_indonesian.py fails when a click upgrade adds a string missing here.
"""

from __future__ import annotations

import gettext
import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

#: msgid (exactly as in click's source) -> Indonesian.
MESSAGES: dict[str, str] = {
    # help pages
    "Usage:": "Penggunaan:",
    "Options": "Opsi",
    "Commands": "Perintah",
    "Positional arguments": "Argumen posisi",
    "Show this message and exit.": "Tampilkan bantuan ini lalu keluar.",
    "Show the version and exit.": "Tampilkan versi lalu keluar.",
    "%(prog)s, version %(version)s": "%(prog)s, versi %(version)s",
    "default: {default}": "bawaan: {default}",
    "required": "wajib",
    "env var: {var}": "variabel lingkungan: {var}",
    "(dynamic)": "(dinamis)",
    "deprecated": "usang",
    "Do you want to continue?": "Lanjutkan?",
    "Confirm the action without prompting.": "Setujui tindakan tanpa bertanya.",
    "Choose from:\n\t{choices}": "Pilih dari:\n\t{choices}",
    "Choice({choices})": "Pilihan({choices})",
    # errors
    "Error: {message}": "Kesalahan: {message}",
    "Try '{command} {option}' for help.": "Lihat '{command} {option}' untuk bantuan.",
    "Aborted!": "Dibatalkan.",
    "Missing command.": "Perintah belum diberikan.",
    "Missing argument": "Argumen belum diberikan:",
    "Missing option": "Opsi belum diberikan:",
    "Missing parameter": "Parameter belum diberikan:",
    "Missing {param_type}": "{param_type} belum diberikan:",
    "Missing parameter: {param_name}": "Parameter belum diberikan: {param_name}",
    "No such option {name!r}.": "Tidak ada opsi {name!r}.",
    "No such command {name!r}.": "Tidak ada perintah {name!r}.",
    "Invalid value for {param_hint}: {message}": "Nilai tidak sah untuk {param_hint}: {message}",
    "Invalid value: {message}": "Nilai tidak sah: {message}",
    "unknown error": "kesalahan tak dikenal",
    "Could not open file {filename!r}: {message}": "Berkas {filename!r} tidak dapat dibuka: {message}",
    "Value must be an iterable.": "Nilai harus berupa daftar.",
    "Option {name!r} does not take a value.": "Opsi {name!r} tidak menerima nilai.",
    "Argument {name!r} takes {nargs} values.": "Argumen {name!r} menerima {nargs} nilai.",
    "Invalid start character for option ({option})": "Awal opsi tidak sah ({option})",
    "{value} is not in the range {range}.": "{value} di luar rentang {range}.",
    "{value!r} is not a valid {number_type}.": "{value!r} bukan angka yang sah.",  # type names are English
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "{value!r} bukan nilai ya/tidak yang sah. Nilai yang dikenal: {states}"
    ),
    "{value!r} is not a valid UUID.": "{value!r} bukan UUID yang sah.",
    "file": "Berkas",
    "directory": "Folder",
    "path": "Jalur",
    "{name} {filename!r} does not exist.": "{name} {filename!r} tidak ada.",
    "{name} {filename!r} is a file.": "{name} {filename!r} adalah berkas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} adalah folder.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} tidak dapat dibaca.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} tidak dapat ditulisi.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} tidak dapat dijalankan.",
    # prompts and terminal
    "Repeat for confirmation": "Ulangi untuk konfirmasi",
    "Error: The two entered values do not match.": "Kesalahan: kedua nilai yang dimasukkan tidak sama.",
    "Error: invalid input": "Kesalahan: masukan tidak sah",
    "Press any key to continue...": "Tekan sembarang tombol untuk melanjutkan...",
    "d": "h",  # days, in a progress bar's time left
    "{editor}: Editing failed": "{editor}: penyuntingan gagal",
    "{editor}: Editing failed: {e}": "{editor}: penyuntingan gagal: {e}",
    "Windows error: {error}": "Kesalahan Windows: {error}",
    "Unknown color {colour!r}": "Warna {colour!r} tidak dikenal",
    "Unknown standard stream '{name}'": "Aliran standar '{name}' tidak dikenal",
    "Couldn't detect Bash version, shell completion is not supported.": (
        "Versi Bash tidak terdeteksi; pelengkapan otomatis tidak didukung."
    ),
    "Shell completion is not supported for Bash versions older than 4.4.": (
        "Pelengkapan otomatis memerlukan Bash 4.4 atau lebih baru."
    ),
    # mistakes in a command's definition, seen by a plugin's author
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Peringatan: perintah {name!r} usang.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Peringatan: {param_type} {name!r} usang.{extra_message}"
    ),
    "Could not determine name for option with declarations {decls!r}": (
        "Nama opsi dengan deklarasi {decls!r} tidak dapat ditentukan"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? "
    "Did you mean to pass '--{name}'?": (
        "Tidak ada opsi tetapi sebuah nama diberikan ({name}). Maksudnya argumen, atau '--{name}'?"
    ),
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "Argumen memerlukan tepat satu deklarasi, diberikan {length}: {decls}."
    ),
    "Name '{name}' defined twice": "Nama '{name}' didefinisikan dua kali",
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "Opsi ya/tidak {decl!r} tidak boleh memakai tanda yang sama untuk ya dan tidak."
    ),
}

#: (singular, plural) msgids -> (Indonesian for one, for many): Indonesian nouns do not change.
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "Ada argumen berlebih ({args})",
        "Ada argumen berlebih ({args})",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "Memerlukan {nargs} nilai tetapi diberikan 1.",
        "Memerlukan {nargs} nilai tetapi diberikan {len}.",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "Opsi {name!r} memerlukan sebuah nilai.",
        "Opsi {name!r} memerlukan {nargs} nilai.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Maksud Anda {possibility}?",
        "(Maksud Anda salah satu dari: {possibilities}?)",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "{value!r} bukan {choice}.",
        "{value!r} bukan salah satu dari {choices}.",
    ),
    ("{value!r} does not match the format {format}.", "{value!r} does not match the formats {formats}."): (
        "{value!r} tidak sesuai format {format}.",
        "{value!r} tidak sesuai format mana pun dari {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "Diperlukan {len_type} nilai, tetapi diberikan {len_value}.",
        "Diperlukan {len_type} nilai, tetapi diberikan {len_value}.",
    ),
}


#: The placeholders click writes in usage lines without asking gettext.
METAVARS = {
    "[OPTIONS]": "[OPSI]",
    "COMMAND [ARGS]...": "PERINTAH [ARGUMEN]...",
    "[COMMAND] [ARGS]...": "[PERINTAH] [ARGUMEN]...",
}


#: An option's value placeholder, from its type's name, where the option names none (arguments keep
#: theirs: help texts refer to them by name).
TYPE_METAVARS = {
    "text": "TEKS",
    "integer": "ANGKA",
    "integer range": "ANGKA",
    "float": "DESIMAL",
    "float range": "DESIMAL",
    "directory": "FOLDER",
    "file": "BERKAS",
    "filename": "BERKAS",
    "path": "JALUR",
    "boolean": "YA/TIDAK",
}
DATE_METAVAR = "TTTT-BB-HH"  # tahun-bulan-hari, as Indonesian forms write it


def _option_metavar(option: click.Option) -> str | None:
    if isinstance(option.type, click.DateTime) and list(option.type.formats) == ["%Y-%m-%d"]:
        return DATE_METAVAR
    name = TYPE_METAVARS.get(option.type.name)
    if name is None or option.is_flag or option.count:
        return None
    return name + ("..." if option.nargs != 1 else "")


def translate_tree(command: click.Command) -> None:
    """The usage placeholders of ``command`` and every command under it, in Indonesian; and a help
    option click made (and keeps) while a command ran outside ours, as tests do, made again."""
    if command.options_metavar in METAVARS:
        command.options_metavar = METAVARS[command.options_metavar]
    for param in command.params:
        if isinstance(param, click.Option) and param.metavar is None:
            param.metavar = _option_metavar(param)
    cached = getattr(command, "_help_option", None)  # click >= 8.1.8 caches it with its English help
    if cached is not None and cached.help == "Show this message and exit.":
        command._help_option = None
    if isinstance(command, click.Group):
        command.subcommand_metavar = METAVARS.get(command.subcommand_metavar, command.subcommand_metavar)
        commands = command.commands
        # a lazy group's commands not yet imported are translated when they are (see ``LazyCommands``)
        for sub in commands.loaded() if hasattr(commands, "loaded") else commands.values():
            translate_tree(sub)


class Indonesian(gettext.NullTranslations):
    """The catalog above behind the standard gettext interface; an unknown string stays as click wrote it."""

    def gettext(self, message: str) -> str:
        return MESSAGES.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        one, many = PLURALS.get((msgid1, msgid2), (msgid1, msgid2))
        return one if n == 1 else many


CATALOG = Indonesian()
# modules click imports only when needed: loaded first so their strings are switched too
_LATE_MODULES = ("click._termui_impl", "click._winconsole") if sys.platform == "win32" else ("click._termui_impl",)
_active = 0


@contextmanager
def indonesian() -> Iterator[None]:
    """click speaks Indonesian inside the ``with`` block; a nested block (a command calling the CLI)
    leaves the outer one in charge."""
    global _active
    if _active:
        _active += 1
        try:
            yield
        finally:
            _active -= 1
        return
    for name in _LATE_MODULES:
        importlib.import_module(name)
    swapped: list[tuple[object, str, object]] = []
    for name, module in list(sys.modules.items()):
        if name != "click" and not name.startswith("click."):
            continue
        for attr, ours in (("_", CATALOG.gettext), ("ngettext", CATALOG.ngettext)):
            theirs = getattr(module, attr, None)
            if theirs in (gettext.gettext, gettext.ngettext):
                swapped.append((module, attr, theirs))
                setattr(module, attr, ours)
    _active = 1
    try:
        yield
    finally:
        _active = 0
        for owner, attr_name, original in swapped:
            setattr(owner, attr_name, original)
