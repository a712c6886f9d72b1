"""Fetch the vendored npm files (MIT) from the npm registry into site_templates/vendor/.

- iframe-worker's shim: Material's offline plugin loads it from a CDN so that search
  works from file://; the site serves its own copy instead.
- @json-editor/json-editor's dist file: the forms of `curriculum edit`, generated from
  the project's JSON Schemas, served by the editor itself (offline, no CDN).
- decap-cms's dist bundle (decap-cms.js and the chunks it loads beside it) into
  decap-cms/: `curriculum cms decap` copies it next to the hosted editor's page, since an
  academy's network may block the CDNs Decap's own instructions load it from.

They are fetched when the package is built (setup.py's build hook, `make setup`), never
committed. Without npm, search from disk and the editor's forms stay off and nothing is
fetched at view time.
"""

from __future__ import annotations

import fnmatch
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "site_templates" / "vendor"
PACKAGES: dict[str, dict[str, str]] = {
    "iframe-worker@1.0.4": {"package/shim/index.js": "iframe-worker-shim.js",
                            "package/LICENSE": "iframe-worker-LICENSE"},
    "@json-editor/json-editor@2.17.2": {"package/dist/jsoneditor.js": "jsoneditor.js",
                                        "package/LICENSE": "jsoneditor-LICENSE"},
    # A name ending in "/": every file of the archive whose name matches the member, there.
    "decap-cms@3.16.3": {"package/dist/*decap-cms.js": "decap-cms/",
                         "package/dist/decap-cms.js.LICENSE.txt": "decap-cms/LICENSE.txt"},
}
FILES = PACKAGES["iframe-worker@1.0.4"]  # the shim alone, as before


def vendor(folder: Path = VENDOR) -> bool:
    """True when every vendored file is in `folder` (fetched now or before)."""
    return all([_fetch(package, files, folder) for package, files in PACKAGES.items()])


def _fetch(package: str, files: dict[str, str], folder: Path) -> bool:
    if all((folder / name.rstrip("/")).exists() for name in files.values()):
        return True
    npm = shutil.which("npm")
    if npm is None:
        print(f"npm not found: {package} is not vendored (offline search from file:// and "
              "the forms of `curriculum edit` stay off)", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([npm, "pack", "--silent", package], cwd=work, check=True,
                       stdout=subprocess.DEVNULL)
        archive = next(Path(work).glob("*.tgz"))
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            for member, name in files.items():
                for found in fnmatch.filter(tar.getnames(), member):
                    target = folder / name / Path(found).name if name.endswith("/") \
                        else folder / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(found)
                    assert source is not None
                    target.write_bytes(source.read())
    return True


if __name__ == "__main__":
    vendor()  # without npm: a warning, and the build goes on
