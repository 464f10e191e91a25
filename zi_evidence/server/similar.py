"""Near-same text across units and years: a MinHash sketch of each file's word shingles (datasketch), cut
into LSH bands the database can join on, so that a copy of another unit's SK with the names changed is
found without comparing every pair of files.

Shingle length, sketch size, bands and the threshold were chosen on ``bench/reuse_thresholds.py``'s
measured set (see docs/deployment.md, "Teks hampir sama").
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import Connection, select, text
from sqlalchemy.dialects.postgresql import insert

from zi_evidence.server.tables import similar_texts, text_band_sets, text_sketches

SHINGLE = 3  # words per shingle: on the measured set, 3 separates copies from template-mates the widest
NUM_PERM = 256  # the estimate's standard error at Jaccard 0.7 is about 0.03
THRESHOLD = 0.7  # estimated Jaccard at or above which two files are reported as near-same text
# LSH bands tuned (by datasketch) for 0.55: a pair at 0.7 becomes a candidate with p ≈ 0.95, at 0.4 p ≈ 0.06
_LSH = MinHashLSH(threshold=0.55, num_perm=NUM_PERM)
BANDS, ROWS = _LSH.b, _LSH.r
MIN_SHINGLES = 40  # a few lines say too little: a cover page or a one-line note is never compared
_SEED = 14
_WORDS = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Sketch:
    signature: bytes  # NUM_PERM little-endian uint32
    bands: tuple[int, ...]  # one 63-bit key per band, for an index join in the database
    shingles: int


def words(texts: Iterable[str]) -> list[str]:
    """The words of a file, lower-cased, without punctuation (the same normalisation as the text digest)."""
    return _WORDS.findall(" ".join(texts).lower())


def sketch(texts: Iterable[str]) -> Sketch | None:
    """The file's sketch, or None when its text is too short to compare."""
    found = words(texts)
    grams = {" ".join(found[i : i + SHINGLE]).encode("utf-8") for i in range(len(found) - SHINGLE + 1)}
    if len(grams) < MIN_SHINGLES:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch(list(grams))
    values = minhash.hashvalues.astype("<u4")
    bands = tuple(
        int.from_bytes(hashlib.blake2b(values[b * ROWS : (b + 1) * ROWS].tobytes() + bytes([b]), digest_size=8)
                       .digest(), "little", signed=True) >> 1
        for b in range(BANDS)
    )  # fmt: skip
    return Sketch(values.tobytes(), bands, len(grams))


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two files' shingle sets from their signatures."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


# each new file's band keys against every file's: the pairs that share at least one band. A key hashes
# its band's number in (``sketch``), so keys of different bands never meet but by a 2^-63 chance.
_CANDIDATES = text(
    "SELECT n.sha256, o.sha256 FROM text_band_sets n JOIN text_band_sets o "
    "ON o.bands && n.bands AND o.sha256 <> n.sha256 WHERE n.sha256 = ANY(:shas)"
)


def record(db: Connection, texts: dict[str, tuple[str, ...]]) -> int:
    """Sketch the files not sketched yet, and store each pair (new file, any file) whose texts are alike.
    Returns the number of pairs stored."""
    held = set(db.execute(select(text_sketches.c.sha256).where(text_sketches.c.sha256.in_(list(texts)))).scalars())
    made = {sha: one for sha, pages in texts.items() if sha not in held and (one := sketch(pages)) is not None}
    if not made:
        return 0
    db.execute(
        insert(text_sketches).on_conflict_do_nothing(),
        [{"sha256": sha, "signature": m.signature, "shingles": m.shingles} for sha, m in made.items()],
    )
    rows = [{"sha256": sha, "bands": list(m.bands)} for sha, m in made.items()]
    db.execute(insert(text_band_sets).on_conflict_do_nothing(), rows)
    candidates = db.execute(_CANDIDATES, {"shas": list(made)}).all()
    others = {o for _, o in candidates if o not in made}
    signatures = {sha: m.signature for sha, m in made.items()}
    if others:
        held_rows = select(text_sketches.c.sha256, text_sketches.c.signature).where(text_sketches.c.sha256.in_(others))
        signatures.update((sha, bytes(signature)) for sha, signature in db.execute(held_rows))
    pairs: dict[tuple[str, str], float] = {}
    for sha, other in candidates:
        alike = similarity(signatures[sha], signatures[other])
        if alike >= THRESHOLD:
            pairs[(min(sha, other), max(sha, other))] = alike
    if pairs:
        db.execute(
            insert(similar_texts).on_conflict_do_nothing(),
            [{"sha_a": a, "sha_b": b, "similarity": round(v, 3)} for (a, b), v in pairs.items()],
        )
    return len(pairs)
