"""Writing models back to YAML (load -> dump -> load gives the same model).

Only keys the author wrote are written (defaults stay implicit), quantities
are written exactly as they were given (``"36 month"`` stays ``"36 month"``),
and strings that a YAML reader could mistake for another type are quoted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .yamlio import dump_yaml

__all__ = ["dump", "dumps", "to_data"]

SCHEMA_MODELINE = "# yaml-language-server: $schema={url}\n"


def to_data(model: BaseModel) -> dict[str, Any]:
    """The model as plain data, as the author wrote it."""
    return model.model_dump(mode="json", exclude_unset=True, by_alias=True)


def dumps(model: BaseModel, *, schema_url: str | None = None) -> str:
    """The model as YAML text; ``schema_url`` adds the editor modeline."""
    head = SCHEMA_MODELINE.format(url=schema_url) if schema_url else ""
    return head + dump_yaml(to_data(model))


def dump(model: BaseModel, path: str | Path, *, schema_url: str | None = None) -> None:
    """Write the model as YAML to ``path`` (UTF-8), atomically (see :mod:`circular_ict.safeio`)."""
    from .safeio import write_text_atomic

    write_text_atomic(path, dumps(model, schema_url=schema_url))
