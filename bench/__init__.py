"""`make bench`: the benchmarks every issue names. Each module `bench/b_*.py` has `run(ctx) -> None`
and reports figures with `ctx.report(name, value, unit, goal)`; results print as a table and go to
bench/results.json.
"""
