"""The scoring engine: formulas, life-cycle cost, CO2 footprint, and the evaluation pipeline.

``formulas``, ``lcc`` and ``co2`` are plain functions over numpy arrays (one
function per method, with its formula and source); ``engine`` runs the
pipeline over a tender and its bids (requirements, award criteria, quality
threshold, price and cost, ranking) and returns an
:class:`~circular_ict.scoring.evaluation.Evaluation` that explains every point.
"""
