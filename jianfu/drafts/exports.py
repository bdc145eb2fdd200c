"""The review report of a draft: the text cut into plain and flagged pieces (for the page), the
findings as Excel and the 审核意见书 as PDF."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _

from jianfu.core.gongwen import official_document
from jianfu.core.pdf import pdf_response, render_pdf
from jianfu.core.xlsx import write_rows, xlsx_response

from .actions import OPINION_KIND
from .models import Draft, DraftClause, Opinion


@dataclass
class Piece:
    text: str
    clause: DraftClause | None = None
    n: int = 0  # the clause's number in the findings list


def pieces(draft: Draft, clauses: list[DraftClause]) -> list[Piece]:
    """The draft's text as a sequence of pieces, each flagged clause its own piece."""
    out: list[Piece] = []
    pos = 0
    for n, c in enumerate(sorted(clauses, key=lambda c: c.start), start=1):
        if c.start < pos or c.end > len(draft.text):
            continue  # overlapping or stale offsets: leave the text plain
        if c.start > pos:
            out.append(Piece(draft.text[pos : c.start]))
        out.append(Piece(draft.text[c.start : c.end], c, n))
        pos = c.end
    if pos < len(draft.text):
        out.append(Piece(draft.text[pos:]))
    return out


def headers() -> list[str]:
    return [
        _("序号"), _("条款原文"), _("负担类型"), _("义务主体"), _("审查结论"), _("依据/清单事项"), _("规则"),
        _("修改建议"), _("频次"), _("次/年"), _("分钟/次"), _("涉及社区数"), _("合计小时/年"), _("审核认定"),
    ]  # fmt: skip


def findings_xlsx(draft: Draft, clauses: list[DraftClause]) -> HttpResponse:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = _("涉社区条款")
    write_rows(ws, [[_("《%(t)s》涉社区负担条款审查表") % {"t": draft.title}], [draft.org.name], headers()])
    write_rows(
        ws,
        (
            [
                n, c.text, c.kind_label, c.subject, c.verdict_label, c.basis or c.item_code, c.rule, c.fix,
                c.frequency, c.occurrences, c.minutes, c.communities, c.total_hours,
                (_("不构成负担：") + c.note) if c.dismissed else "",
            ]
            for n, c in enumerate(clauses, start=1)
        ),
    )  # fmt: skip
    for col, width in zip("ABCDEFGH", (6, 60, 12, 14, 12, 30, 30, 50), strict=True):
        ws.column_dimensions[col].width = width
    return xlsx_response(wb, f"{draft.title}_涉社区条款.xlsx")


def opinion_context(opinion: Opinion) -> dict[str, Any]:
    """What the 审核意见书 says: the clauses as they stood when the reviewer decided, laid out as a
    公文 from the reviewing office to the drafting one."""
    document = official_document(
        issuer=opinion.reviewer_org, kind=OPINION_KIND, year=opinion.year, number=opinion.number,
        title=_("关于《{title}》的审核意见书").format(title=opinion.draft.title),
        recipients=opinion.draft.org.name, date=opinion.created_at,
    )  # fmt: skip
    return {
        **document,
        "o": opinion,
        "d": opinion.draft,
        "findings": [c for c in opinion.flagged if not c.get("dismissed")],
        "dismissed": [c for c in opinion.flagged if c.get("dismissed")],
    }


def opinion_pdf(opinion: Opinion) -> HttpResponse:
    data = render_pdf("drafts/opinion_pdf.html", opinion_context(opinion))
    return pdf_response(data, f"审核意见书{opinion.number_label}_{opinion.draft.title}.pdf")
