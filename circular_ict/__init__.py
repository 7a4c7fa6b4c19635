"""circular_ict: circular and climate-neutral ICT procurement criteria as validated data.

The public API is listed in ``__all__``. Names are imported on first use, so
that ``import circular_ict`` (and ``circular-ict --version``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._lazy import lazy_exports

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .bids import load_bid, load_bids, read_bid_table
    from .catalogue import list_bundled_sets, load_bundled_set
    from .diagnostics import Diagnostic, FileReport, Report, Severity
    from .errors import CircularIctError, DocumentError, UnitError
    from .model import (
        AwardCriterion,
        ContractPerformanceClause,
        CriteriaSet,
        Criterion,
        Metric,
        MetricVocabulary,
        ProductCatalogue,
        ProductGroup,
        Provenance,
        Requirement,
        SelectionCriterion,
        TechnicalSpecification,
    )
    from .model.bid import Bid
    from .model.tender import Tender
    from .schema import json_schema
    from .scoring.api import score
    from .scoring.evaluation import Evaluation
    from .serialize import dump, dumps
    from .units import Quantity, parse_quantity
    from .validation import load_criteria_set, load_document, load_tender, loads_criteria_set, validate, validate_file
    from .yamlio import Limits

_EXPORTS: dict[str, str] = {
    # loading, validating, dumping
    "load_criteria_set": "validation",
    "load_tender": "validation",
    "score": "scoring.api",
    "Evaluation": "scoring.evaluation",
    "load_bid": "bids",
    "load_bids": "bids",
    "read_bid_table": "bids",
    "Bid": "model.bid",
    "Tender": "model.tender",
    "loads_criteria_set": "validation",
    "load_document": "validation",
    "validate": "validation",
    "validate_file": "validation",
    "dump": "serialize",
    "dumps": "serialize",
    "json_schema": "schema",
    "Limits": "yamlio",
    # the bundled library
    "list_bundled_sets": "catalogue",
    "load_bundled_set": "catalogue",
    # diagnostics and errors
    "Diagnostic": "diagnostics",
    "FileReport": "diagnostics",
    "Report": "diagnostics",
    "Severity": "diagnostics",
    "CircularIctError": "errors",
    "DocumentError": "errors",
    "UnitError": "errors",
    # units
    "Quantity": "units",
    "parse_quantity": "units",
    # the data model
    "AwardCriterion": "model",
    "ContractPerformanceClause": "model",
    "CriteriaSet": "model",
    "Criterion": "model",
    "Metric": "model",
    "MetricVocabulary": "model",
    "ProductCatalogue": "model",
    "ProductGroup": "model",
    "Provenance": "model",
    "Requirement": "model",
    "SelectionCriterion": "model",
    "TechnicalSpecification": "model",
}

__all__ = [
    "AwardCriterion",
    "Bid",
    "CircularIctError",
    "ContractPerformanceClause",
    "CriteriaSet",
    "Criterion",
    "Diagnostic",
    "DocumentError",
    "Evaluation",
    "FileReport",
    "Limits",
    "Metric",
    "MetricVocabulary",
    "ProductCatalogue",
    "ProductGroup",
    "Provenance",
    "Quantity",
    "Report",
    "Requirement",
    "SelectionCriterion",
    "Severity",
    "TechnicalSpecification",
    "Tender",
    "UnitError",
    "__version__",
    "dump",
    "dumps",
    "json_schema",
    "list_bundled_sets",
    "load_bid",
    "load_bids",
    "load_bundled_set",
    "load_criteria_set",
    "load_document",
    "load_tender",
    "loads_criteria_set",
    "parse_quantity",
    "read_bid_table",
    "score",
    "validate",
    "validate_file",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals(), __all__)
