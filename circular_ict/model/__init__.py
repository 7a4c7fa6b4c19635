"""The data model: metrics, criteria, criteria sets, product groups (pydantic v2)."""

from ._types import ParameterRef as ParameterRef
from .bid import Bid as Bid
from .bid import Evidence as Evidence
from .bid import Offer as Offer
from .criteria_set import CriteriaSet as CriteriaSet
from .criteria_set import CriterionRef as CriterionRef
from .criteria_set import GppOrigin as GppOrigin
from .criterion import AMBITION_LEVELS as AMBITION_LEVELS
from .criterion import KINDS as KINDS
from .criterion import THEMES as THEMES
from .criterion import AwardCriterion as AwardCriterion
from .criterion import ContractPerformanceClause as ContractPerformanceClause
from .criterion import Criterion as Criterion
from .criterion import CriterionOrigin as CriterionOrigin
from .criterion import Parameter as Parameter
from .criterion import Provenance as Provenance
from .criterion import Requirement as Requirement
from .criterion import SelectionCriterion as SelectionCriterion
from .criterion import SuggestedValue as SuggestedValue
from .criterion import TechnicalSpecification as TechnicalSpecification
from .criterion import Verification as Verification
from .levels import LevelLabel as LevelLabel
from .levels import LevelScheme as LevelScheme
from .levels import LevelSchemes as LevelSchemes
from .metric import BooleanMetric as BooleanMetric
from .metric import Metric as Metric
from .metric import MetricVocabulary as MetricVocabulary
from .metric import OrdinalMetric as OrdinalMetric
from .metric import QuantityMetric as QuantityMetric
from .products import ProductCatalogue as ProductCatalogue
from .products import ProductGroup as ProductGroup
from .scoring import ScoringRule as ScoringRule

__all__ = [
    "AMBITION_LEVELS",
    "KINDS",
    "THEMES",
    "AwardCriterion",
    "Bid",
    "BooleanMetric",
    "ContractPerformanceClause",
    "CriteriaSet",
    "Criterion",
    "CriterionOrigin",
    "CriterionRef",
    "Evidence",
    "GppOrigin",
    "LevelLabel",
    "LevelScheme",
    "LevelSchemes",
    "Metric",
    "MetricVocabulary",
    "Offer",
    "OrdinalMetric",
    "Parameter",
    "ParameterRef",
    "ProductCatalogue",
    "ProductGroup",
    "Provenance",
    "QuantityMetric",
    "Requirement",
    "ScoringRule",
    "SelectionCriterion",
    "SuggestedValue",
    "TechnicalSpecification",
    "Verification",
]
