"""The review chain as text lines and JSON-ready dicts (the CLI prints them; the web layer may reuse them)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from zi_evidence.dates import format_date
from zi_evidence.review.chain import QuestionChain
from zi_evidence.review.model import Event

ACTIONS = {
    "submit": "mengirim",
    "save": "menyimpan draf",
    "decide": "memutus",
    "revoke": "mencabut",
    "login": "masuk",
    "login_failed": "gagal masuk",
    "user_add": "menambah akun",
    "user_disable": "menonaktifkan akun",
    "user_enable": "mengaktifkan akun",
    "user_reset": "mengatur ulang kata sandi",
    "user_roles": "mengganti peran",
    "password_change": "mengganti kata sandinya",
    "logout": "keluar",
    "map_accept": "menerima saran pemetaan",
    "push": "dikirim dari komputer unit",
}


def chain_dict(chain: QuestionChain) -> dict[str, Any]:
    return {
        "question": chain.question_id,
        "unit": chain.unit,
        "round": chain.round,
        "fingerprint": chain.evidence.fingerprint,
        "files": [{"path": p, "sha256": s} for p, s in chain.evidence.files],
        "tiers": [
            {
                "tier": t.key,
                "label": t.label,
                "state": t.state,
                "changed_since_review": t.changed,
                "open": t.open,
                "current": t.current,
                "deadline": t.deadline.isoformat() if t.deadline else None,
                "review": None
                if t.review is None
                else {
                    "status": t.review.status,
                    "round": t.review.round,
                    "answer": t.review.answer,
                    "note": t.review.note,
                    "page_refs": [r.as_dict() for r in t.review.page_refs],
                    "reviewer": t.review.reviewer,
                    "at": t.review.at,
                    "fingerprint": t.review.fingerprint,
                    "revision": t.review.revision,
                },
            }
            for t in chain.tiers
        ],
    }


def chain_lines(chain: QuestionChain) -> list[str]:
    lines = [f"{chain.question_id}  (putaran {chain.round}, {len(chain.evidence.files)} berkas)"]
    for tier in chain.tiers:
        who = ""
        if tier.review is not None and tier.current and tier.review.reviewer:
            answer = f", jawaban {tier.review.answer}" if tier.review.answer else ""
            who = f" — {tier.review.reviewer} {tier.review.at[:16].replace('T', ' ')} UTC{answer}"
            if tier.review.note:
                who += f": {tier.review.note}"
        due = f" [batas {_due(tier.deadline)}]" if tier.deadline else ""
        lines.append(f"  {tier.key:<8} {tier.shown}{who}{due}")
    return lines


def _due(deadline: date) -> str:
    shown = format_date(deadline)
    return f"{shown}, sudah lewat" if deadline < date.today() else shown


def event_line(event: Event) -> str:
    detail = json.loads(event.detail)
    what = ACTIONS.get(event.action, event.action)
    where = f" {event.question_id}" + (f" tingkat {event.tier}" if event.tier else "") if event.question_id else ""
    status = f" → {event.status.replace('_', ' ')}" if event.action in ("decide", "revoke") else ""
    target = f" {detail['username']}" if "username" in detail else ""
    note = f": {detail['note']}" if detail.get("note") else ""
    fp = f" [sidik {event.fingerprint[:12]}]" if event.fingerprint else ""
    return f"#{event.seq} {event.at[:19].replace('T', ' ')} {event.actor} {what}{target}{where}{status}{note}{fp}"
