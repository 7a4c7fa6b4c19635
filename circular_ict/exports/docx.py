"""The tender text as a Word document (python-docx, the ``docx`` extra).

Buyers edit tender documents in Word. :func:`tender_docx` lays out the same
:class:`~circular_ict.exports.tender_text.TenderDocument` as the Markdown and HTML renderings: the tender's
title as the document title, one section (Heading 1) per part (lots, selection criteria, technical
specifications, award, award criteria, contract performance clauses, sources), one Heading 2 per criterion,
tables with the "Table Grid" style, and values, ids and formulas in a fixed-width font. python-docx is imported
only here, when a document is made; without it, :class:`ExtraNotInstalledError` names the extra to install.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CircularIctError
from .tender_text import Bullets, Formula, Heading, Inline, Paragraph, Table, TenderDocument, tender_document

if TYPE_CHECKING:
    from ..model.tender import Tender

__all__ = ["ExtraNotInstalledError", "document_docx", "tender_docx", "write_tender_docx"]

#: The font of values, ids and formulas.
MONOSPACE = "Consolas"

# Characters XML 1.0 does not allow (a YAML text can hold them through escapes such as "\x01").
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class ExtraNotInstalledError(CircularIctError, ImportError):
    """An optional dependency is missing; the message names the extra that installs it."""


def _python_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise ExtraNotInstalledError(
            "the Word export needs python-docx: pip install 'circular-ict[docx]'",
            name="docx",
        ) from None
    return docx


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _runs(paragraph: Any, spans: Inline) -> None:
    for span in spans:
        run = paragraph.add_run(_clean(span.text))
        if span.style == "strong":
            run.bold = True
        elif span.style == "code":
            run.font.name = MONOSPACE
        elif span.style == "link":
            run.underline = True


def document_docx(doc: TenderDocument) -> bytes:
    """The ``.docx`` bytes of a tender document."""
    docx = _python_docx()
    word = docx.Document()
    props = word.core_properties
    props.title = _clean(doc.title)
    props.language = doc.lang
    props.subject = "circular_ict tender text"
    for block in doc.blocks:
        if isinstance(block, Heading):
            word.add_heading(_clean(block.text), level=min(block.level - 1, 9))
        elif isinstance(block, Paragraph):
            _runs(word.add_paragraph(), block.spans)
        elif isinstance(block, Bullets):
            for item in block.items:
                _runs(word.add_paragraph(style="List Bullet"), item)
        elif isinstance(block, Table):
            table = word.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.paragraphs[0].add_run(_clean(text)).bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, spans in zip(cells, row, strict=True):
                    _runs(cell.paragraphs[0], spans)
        elif isinstance(block, Formula):
            paragraph = word.add_paragraph()
            for i, line in enumerate(block.lines):
                run = paragraph.add_run(_clean(line))
                run.font.name = MONOSPACE
                if i < len(block.lines) - 1:
                    run.add_break()
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def tender_docx(tender: Tender | str | Path, lang: str = "en") -> bytes:
    """The tender text as ``.docx`` bytes; ``tender`` is a :class:`Tender` or the path of a tender file."""
    from .tender_text import _tender

    _python_docx()  # fail before the work if the extra is missing
    return document_docx(tender_document(_tender(tender), lang))


def write_tender_docx(tender: Tender | str | Path, path: str | Path, lang: str = "en") -> None:
    """Write :func:`tender_docx` to ``path`` atomically (:mod:`circular_ict.safeio`)."""
    from ..safeio import write_bytes_atomic

    write_bytes_atomic(path, tender_docx(tender, lang))
