"""Build hook: the offline-search shim is fetched from npm into the package when it is built.

Everything else about the package is declared in pyproject.toml.
"""

import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tools.vendor_shim import vendor


class BuildPy(build_py):
    def run(self):
        vendor()
        super().run()


class Sdist(sdist):
    def run(self):
        vendor()
        super().run()


# Every subpackage of builder/, and site_templates/ installed inside it (pyproject's package-dir).
PACKAGES = [*find_packages(include=["builder", "builder.*"]), "builder.site_templates"]

setup(packages=PACKAGES, cmdclass={"build_py": BuildPy, "sdist": Sdist})
