"""`curriculum edit`: the course as forms in the browser, the YAML files kept as written.

A local web app (server.py) serves one page whose forms are generated from the
project's JSON Schemas (forms.py); every change is checked by the project's own
loader with the form's would-be text in place of the file (checking.py); a save
writes only the lines that changed (roundtrip.py), atomically and never over a file
changed on disk since it was opened (files.py). Translations (translation.py) and
images (uploads.py) have their own requests. See docs/editor.md.
"""
