"""The package metadata asks for the Python the README and the Makefile need (Django 6.1
needs 3.12): `pip install` on an older Python then says so, instead of failing to find a
Django to install."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_requires_python_is_the_readmes_and_the_makefiles_minimum():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    readme = re.search(r"needs Python (3\.\d+) or newer", (ROOT / "README.md").read_text())
    makefile = re.search(r"Python >= (3\.\d+) is required", (ROOT / "Makefile").read_text())
    assert readme and makefile
    assert project["requires-python"] == f">={readme[1]}" == f">={makefile[1]}" == ">=3.12"
