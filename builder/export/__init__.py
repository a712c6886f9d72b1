"""Exports for learning platforms: Moodle XML, GIFT, QTI 2.1 question banks, SCORM packages.

Every exporter takes the loaded project and gives back files in memory with the warnings of
what its target cannot express; `write.py` puts the files on disk once all are made.
"""
