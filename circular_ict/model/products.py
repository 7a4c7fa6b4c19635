"""Product groups and their CPV codes."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from ._types import CriterionId, LocalizedText, Model, Text

__all__ = ["CPV_PATTERN", "ProductCatalogue", "ProductGroup"]

#: A CPV code: 8 digits, optionally followed by '-' and the check digit.
CPV_PATTERN = r"^[0-9]{8}(-[0-9])?$"


class ProductGroup(Model):
    """A group of products or services bought together, e.g. notebooks."""

    id: CriterionId
    name: LocalizedText
    description: LocalizedText
    cpv: Annotated[list[Annotated[str, Field(pattern=CPV_PATTERN)]], Field(min_length=1)]
    """CPV codes; a more specific code (more trailing digits) falls under this group by prefix."""
    route: bool = False
    """True for a procurement route across groups (e.g. refurbished devices)."""
    includes: list[CriterionId] = []
    """Narrower product groups this group covers."""


class ProductCatalogue(Model):
    """A file of product groups (the bundled one is ``criteria/products.yaml``)."""

    title: LocalizedText
    version: Text
    product_groups: Annotated[list[ProductGroup], Field(min_length=1)]
