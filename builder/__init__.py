"""curriculum-builder: training courses from YAML modules and question banks.

The package is a pipeline: ``load`` (YAML -> validated model), ``render``
(model -> Markdown pages, quiz data, handouts) and ``adapters`` (the MkDocs
plugin). Only ``adapters`` imports MkDocs.
"""

__version__ = "0.1.0"
