from zi_evidence.tree.names import display


def test_plain_names_are_unchanged():
    assert display(b"AREA I/1.i.a SK Tim ZI 2026.pdf") == "AREA I/1.i.a SK Tim ZI 2026.pdf"
    assert display("Ñotulen ✅.docx".encode()) == "Ñotulen ✅.docx"


def test_undecodable_bytes_control_and_bidi_marks_are_escaped():
    assert display(b"bad\xffname.pdf") == "bad\\xffname.pdf"
    assert display(b"two\nlines.pdf") == "two\\u000alines.pdf"
    assert display("evil\u202efdp.exe".encode()) == "evil\\u202efdp.exe"


def test_escaping_is_unambiguous():
    # a literal backslash sequence must not look like an escaped byte
    assert display(b"a\\xffb") != display(b"a\xffb")
