"""Accepting a mapping with its row in the audit log, for every channel (web, command line).

The event is appended in the transaction that wraps the config write, so a refused write leaves neither,
and a rule that was there already writes no event either.
"""

from __future__ import annotations

from pathlib import Path

from zi_evidence.review.clock import stamp, utc_now
from zi_evidence.review.model import EventDraft
from zi_evidence.review.store import ReviewStore
from zi_evidence.suggest.accept import Accepted, add_mapping_rule, escape_glob

ACTION = "map_accept"


class _Unchanged(Exception):
    """The rule was there already: nothing written, so the audit row is rolled back too."""


def accept_audited(
    store: ReviewStore, actor: str, unit: str, config_path: Path, shown: str, target: str, channel: str
) -> Accepted:
    draft = EventDraft(
        stamp(utc_now()),
        actor,
        ACTION,
        unit=unit,
        question_id=target,
        detail={"path": shown, "channel": channel, "note": f"berkas {shown}"},
    )
    try:
        with store.transaction() as session:
            session.append(draft)
            if not add_mapping_rule(config_path, shown, target).changed:
                raise _Unchanged
    except _Unchanged:
        return Accepted(escape_glob(shown), target, False)
    return Accepted(escape_glob(shown), target, True)
