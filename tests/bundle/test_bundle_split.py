"""Bundle size limits: refused before writing, or split into numbered volumes that each verify."""

import json
import zipfile

import pytest

from zi_evidence.bundle import verify_bundle
from zi_evidence.errors import BundleError


@pytest.fixture
def drive(make_repo, indexed_repo, make_drive):
    root = make_drive(make_repo)
    indexed_repo(root)
    return root


def test_exact_size_estimate(drive, tmp_path):
    from zi_evidence.bundle.build import _BundleBuilder
    from zi_evidence.bundle.model import BundleOptions
    from zi_evidence.progress import Silent
    from zi_evidence.repository import Repository

    builder = _BundleBuilder(Repository.open(drive), BundleOptions(types=("pdf", "docx", "xlsx", "jpg")), Silent())
    result = builder.run(tmp_path / "a.zip")
    assert result.bytes_total == (tmp_path / "a.zip").stat().st_size


def test_over_the_limit_without_split_writes_nothing(drive, tmp_path, build):
    whole = build(drive, tmp_path / "whole.zip")
    out = tmp_path / "kecil.zip"
    with pytest.raises(BundleError, match="--split") as caught:
        build(drive, out, max_bundle_bytes=whole.bytes_total // 2)
    assert "tidak muat" in str(caught.value) and "Notulen Rapat.docx" in str(caught.value)
    assert not out.exists()


def test_split_volumes_stay_under_the_limit_and_verify(drive, tmp_path, build):
    whole = build(drive, tmp_path / "whole.zip")
    limit = whole.bytes_total - 20_000  # letters and listings take ~140 kB of the first volume
    result = build(drive, tmp_path / "jilid.zip", max_bundle_bytes=limit, split=True)
    names = [p.rsplit("/", 1)[-1] for p in result.outputs]
    assert len(names) >= 2 and names == [f"jilid-{n:02d}.zip" for n in range(1, len(names) + 1)]
    assert not (tmp_path / "jilid.zip").exists()
    seen = []
    for number, path in enumerate(result.outputs, start=1):
        assert zipfile.Path(path).joinpath("manifest.json").exists()
        size = (tmp_path / path.rsplit("/", 1)[-1]).stat().st_size
        assert size <= limit, (path, size)
        report = verify_bundle(tmp_path / path.rsplit("/", 1)[-1])
        assert report.ok and report.volume == (number, len(names))
        manifest = json.loads(zipfile.ZipFile(path).read("manifest.json"))
        seen += [f["original_path"] for f in manifest["files"]]
        roles = {d["role"] for d in manifest["documents"]}
        assert ("surat_pengajuan" in roles) == (number == 1) and "daftar_isi" in roles
    whole_manifest = json.loads(zipfile.ZipFile(tmp_path / "whole.zip").read("manifest.json"))
    assert seen == [f["original_path"] for f in whole_manifest["files"]], "volumes keep the LKE order, nothing lost"
    assert result.files == whole.files


def test_a_limit_below_the_letters_is_refused(drive, tmp_path, build):
    with pytest.raises(BundleError, match="jilid pertama"):
        build(drive, tmp_path / "j.zip", max_bundle_bytes=60_000, split=True)
    assert list(tmp_path.glob("j*.zip")) == []


def test_pack_keeps_order_and_capacity():
    from zi_evidence.bundle.limits import pack

    assert pack([5, 5, 5, 5], 6, 10) == [[0], [1, 2], [3]]
    assert pack([8, 1], 5, 10) == [[], [0, 1]]  # volume 1 keeps only the letters
