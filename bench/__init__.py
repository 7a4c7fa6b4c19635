"""Benchmarks of circular_ict against bare Python, plain libyaml, a numpy floor and the bid-evaluation package.

Run ``python -m bench`` (``--quick`` for a smoke run, ``--full`` to add 1M offers); see bench/run.py.
"""
