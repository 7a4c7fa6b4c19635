"""Exports of a tender: its text (Markdown, HTML, Word) and, in sibling modules, notices and open data.

Each export is one module; the names below are imported on first use, so that importing one export does not
load the others (python-docx, for instance, is an optional extra). Add a new export as a module here and its
public names to ``_EXPORTS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

if TYPE_CHECKING:
    from .docx import tender_docx, write_tender_docx
    from .eforms import eforms_json, eforms_xml, lot_fields
    from .ocds import ocds_release_fragment
    from .tender_text import TenderDocument, render_tender, tender_document, write_tender

_EXPORTS: dict[str, str] = {
    # tender text: Markdown and HTML (tender_text), Word (docx)
    "TenderDocument": "tender_text",
    "render_tender": "tender_text",
    "tender_document": "tender_text",
    "write_tender": "tender_text",
    "tender_docx": "docx",
    "write_tender_docx": "docx",
    # notices and open data: eForms fields (JSON, UBL XML) and an OCDS release fragment
    "eforms_json": "eforms",
    "eforms_xml": "eforms",
    "lot_fields": "eforms",
    "ocds_release_fragment": "ocds",
}

__all__ = [
    "TenderDocument",
    "eforms_json",
    "eforms_xml",
    "lot_fields",
    "ocds_release_fragment",
    "render_tender",
    "tender_document",
    "tender_docx",
    "write_tender",
    "write_tender_docx",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals(), __all__)
