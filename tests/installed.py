"""The package as another academy gets it: the wheel built from this checkout, installed in
a fresh venv in an empty folder outside the checkout.

The venv reaches the checkout venv's third-party packages through a folder of links (no
download), but never the checkout's own `builder`: the wheel's code, templates and
entry points are the only curriculum-builder it sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWN = ("curriculum_builder", "__editable__", "_curriculum_builder", "builder")


@dataclass(frozen=True)
class Installed:
    venv: Path
    wheel: Path
    sdist: Path
    build_log: str

    def bin(self, name: str) -> str:
        return str(self.venv / "bin" / name)

    def run(self, *args: str, cwd: Path, check: bool = True,
            timeout: int = 600) -> subprocess.CompletedProcess[str]:
        """A command of the installed venv, run in `cwd`, with the checkout out of reach."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        result = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True,
                                timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(args)} exited {result.returncode}\n"
                                 f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        return result

    def wheel_names(self) -> set[str]:
        with zipfile.ZipFile(self.wheel) as archive:
            return set(archive.namelist())


def build_distributions(out: Path) -> tuple[Path, Path, str]:
    """`python -m build`: the sdist, then the wheel built from that sdist (as PyPI users get)."""
    result = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir",
                             str(out), str(ROOT)], capture_output=True, text=True, timeout=600)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        raise AssertionError(f"python -m build failed:\n{log}")
    return next(out.glob("*.whl")), next(out.glob("*.tar.gz")), log


def _dependency_links(folder: Path) -> Path:
    """The checkout venv's third-party packages, without curriculum-builder itself."""
    folder.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.startswith(OWN) and entry.suffix != ".pth":
            (folder / entry.name).symlink_to(entry)
    return folder


def install(tmp: Path) -> Installed:
    wheel, sdist, log = build_distributions(tmp / "dist")
    venv = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c",
                                "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "dependencies.pth").write_text(f"{_dependency_links(tmp / 'deps')}\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, text=True, timeout=600)
    return Installed(venv, wheel, sdist, log)
