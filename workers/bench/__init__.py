"""``coopstream bench``: the pure core, the transport ceiling, end to end, and how cost grows.

:mod:`~workers.bench.suite` runs the parts in order; :mod:`~workers.bench.report` prints the
table, the targets with PASS/MISS and, last, one JSON line with every figure.
"""
