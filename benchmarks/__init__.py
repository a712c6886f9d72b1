"""The benchmark suite (issues 7 and 13): `python -m benchmarks.run`, never part of `make test`.

generate  a synthetic curriculum, deterministic with a seed, in the authoring format
plain     the same content as plain Markdown pages (the floor) and in mkdocs-quiz syntax
site_build, validate, page_weight: one module per measured thing
report    docs/benchmarks.md from the figures
"""
