"""Benchmarks of policykg: a synthetic corpus generator (`bench.corpus`) and the runner (`bench.run`).

Not part of the installed package: run from the repository root, `python -m bench.run --docs 1000`.
"""
