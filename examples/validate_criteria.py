"""Validate criteria files, catch the mistakes in a criteria set, and read its requirements in the metrics' units.

Run it from a checkout of circular_ict, from any folder:

    python examples/validate_criteria.py
"""

from __future__ import annotations

from pathlib import Path

import circular_ict as ci

ROOT = Path(__file__).resolve().parent.parent

# 1. Validate files and folders. Every problem of every file ends up in one report; nothing is raised.
report = ci.validate(ROOT / "criteria", ROOT / "examples")
print("1. The bundled library and the examples")
print(report.summary())

# 2. A criteria set with two mistakes, given as text: an unquoted version number and a decimal comma.
#    loads_criteria_set raises DocumentError, which carries the report with every problem.
BROKEN = """\
id: demo-notebooks
title: {en: Demo notebook criteria}
version: 1.10
languages: [en]
source: {publisher: City of Example, document: Notebook tender 2026, url: https://example.org/t, status: derived}
gpp_origin: national
criteria:
  - id: DEMO.warranty
    kind: technical_specification
    title: {en: Warranty}
    text: {en: Every notebook has a warranty of at least two and a half years.}
    ambition: basic
    themes: [lifespan]
    product_groups: [notebooks]
    requirement:
      metric: warranty_period
      min: 2,5 year
    verification: {evidence: [declaration]}
    source: {publisher: City of Example, document: Notebook tender 2026, url: https://example.org/t, status: derived}
"""
print()
print("2. A criteria set with mistakes")
try:
    ci.loads_criteria_set(BROKEN, file="broken.yaml")
except ci.DocumentError as exc:
    print(exc.report.render("text"), end="")
    print("codes:", ", ".join(d.code for d in exc.report.errors))

# 3. Load a valid criteria set and show what each criterion asks, converted to the unit of its metric.
#    The metric vocabulary says which unit a metric is measured in; a set may add metrics of its own.
criteria = ci.load_criteria_set(ROOT / "examples" / "notebooks-tender-criteria.yaml")
vocabulary, _ = ci.load_document(ROOT / "criteria" / "metrics.yaml")
assert isinstance(vocabulary, ci.MetricVocabulary)
units = {m.id: m.unit for m in [*vocabulary.metrics, *criteria.metrics] if m.type == "quantity"}


def in_unit(value: object, unit: str) -> str:
    """'36 month' -> '36 month (36 month)'; '2 year' -> '2 year (24 month)'; a parameter -> its name."""
    if isinstance(value, ci.Quantity):
        return f"{value.text} ({value.to(unit):g} {unit})"
    return f"the tender's {getattr(value, 'parameter', value)!s}"


print()
print(f"3. {criteria.title['en']} (version {criteria.version})")
for criterion in criteria.criteria:
    print(f"- {criterion.id} [{criterion.kind}, {criterion.ambition}]: {criterion.title['en']}")
    requirement = getattr(criterion, "requirement", None)
    if requirement is not None:
        unit = units.get(requirement.metric, "")
        if requirement.min is not None:
            print(f"    {requirement.metric} at least {in_unit(requirement.min, unit)}")
        if requirement.max is not None:
            print(f"    {requirement.metric} at most {in_unit(requirement.max, unit)}")
        if isinstance(requirement.equals, bool):
            print(f"    {requirement.metric} is {str(requirement.equals).lower()}")
        elif requirement.equals is not None:
            print(f"    {requirement.metric} equals {in_unit(requirement.equals, unit)}")
    for name, parameter in criterion.parameters.items():
        unit = units.get(requirement.metric, "") if requirement is not None else ""
        for suggested in parameter.suggested:
            print(f"    {name} suggested at the {suggested.level} level: {in_unit(suggested.value, unit)}")
    scoring = getattr(criterion, "scoring", None)
    if scoring is not None and scoring.type == "steps":
        unit = units[scoring.metric]
        for step in scoring.steps:
            if step.min is not None:
                bound = f"at least {in_unit(step.min, unit)}"
            else:
                bound = f"at most {in_unit(step.max, unit)}"
            print(f"    {scoring.metric} {bound}: {step.points:g} points")
