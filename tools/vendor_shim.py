"""Fetch the iframe-worker shim (MIT) from the npm registry into site_templates/vendor/.

Material's offline plugin loads this shim from a CDN so that search works from
file://; the site serves its own copy instead. It is fetched when the package is
built (setup.py's build hook, `make setup`), never committed. Without npm, search
from disk stays off and nothing is fetched at view time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "iframe-worker@1.0.4"
VENDOR = Path(__file__).resolve().parents[1] / "site_templates" / "vendor"
FILES = {"package/shim/index.js": "iframe-worker-shim.js",
         "package/LICENSE": "iframe-worker-LICENSE"}


def vendor(folder: Path = VENDOR) -> bool:
    """True when the shim is in `folder` (fetched now or before)."""
    if all((folder / name).exists() for name in FILES.values()):
        return True
    npm = shutil.which("npm")
    if npm is None:
        print("npm not found: offline search from file:// stays off", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([npm, "pack", "--silent", PACKAGE], cwd=work, check=True,
                       stdout=subprocess.DEVNULL)
        archive = next(Path(work).glob("*.tgz"))
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            for member, name in FILES.items():
                source = tar.extractfile(member)
                assert source is not None
                (folder / name).write_bytes(source.read())
    return True


if __name__ == "__main__":
    vendor()  # without npm: a warning, and the build goes on
