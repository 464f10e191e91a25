"""A file type PMPZI does not take gets advice that fits what it is: a shortcut, a recording, or a document."""

import wave

from zi_evidence.bundle import BundleOptions
from zi_evidence.bundle.build import plan_bundle
from zi_evidence.repository import Repository

FOLDER = "PEMENUHAN/AREA I/iii. Pemantauan dan Evaluasi"


def test_advice_per_kind_of_left_out_file(make_repo, fabricate, indexed_repo):
    root = make_repo()
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / "1.iii.a Formulir Evaluasi.url").write_text("[InternetShortcut]\nURL=https://forms.example.go.id/x\n")
    (folder / "1.iii.a Rekap.gsheet").write_text('{"url": "https://docs.google.com/spreadsheets/d/x"}')
    with wave.open(str(folder / "1.iii.a Rekaman Rapat.wav"), "wb") as recording:
        recording.setnchannels(1)
        recording.setsampwidth(2)
        recording.setframerate(8000)
        recording.writeframes(bytes(16000))
    fabricate.make_zip(folder / "1.iii.a Arsip.zip", {"a.txt": b"isi"})
    indexed_repo(root)
    plan = plan_bundle(Repository.open(root), BundleOptions())
    hints = {e.candidate.original_path.rsplit("/", 1)[1]: e.finding.hint for e in plan.exclusions}
    for name in ("1.iii.a Formulir Evaluasi.url", "1.iii.a Rekap.gsheet"):
        assert "unduh dokumennya" in hints[name] and "Simpan ulang" not in hints[name]
    wav = hints["1.iii.a Rekaman Rapat.wav"]
    assert "tidak menerima rekaman" in wav and "transkrip" in wav and "Simpan ulang" not in wav
    assert "Simpan ulang sebagai PDF" in hints["1.iii.a Arsip.zip"]
