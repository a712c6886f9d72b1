"""Data, not code: installed as ``builder.site_templates`` so importlib.resources finds it.

Page and handout templates, the quiz script and styles, interface strings,
scaffolds, theme overrides and the vendored offline-search shim.
"""
