#!/usr/bin/env python3
"""Set one version on every workspace member, its sibling pins, and `lg_transport._version`.

python scripts/bump_version.py 0.4.31
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMBERS = sorted(path.parent.name for path in ROOT.glob("packages/*/pyproject.toml"))
VERSION_FILE = ROOT / "packages/lg-transport/src/lg_transport/_version.py"


def bump(version: str) -> list[Path]:
    if not re.fullmatch(r"\d+\.\d+\.\d+([ab]|rc)?\d*", version):
        raise SystemExit(f"not a release version: {version!r}")
    sibling = "|".join(re.escape(name) for name in MEMBERS)
    changed = []
    for path in [
        ROOT / "pyproject.toml",
        *(ROOT / "packages" / m / "pyproject.toml" for m in MEMBERS),
    ]:
        text = path.read_text()
        new = re.sub(r'(?m)^version = "[^"]+"', f'version = "{version}"', text, count=1)
        new = re.sub(rf'"({sibling})(\[[^\]]*\])?==[^"]+"', rf'"\1\2=={version}"', new)
        if new != text:
            path.write_text(new)
            changed.append(path)
    text = VERSION_FILE.read_text()
    new = re.sub(r'VERSION = "[^"]+"', f'VERSION = "{version}"', text)
    if new != text:
        VERSION_FILE.write_text(new)
        changed.append(VERSION_FILE)
    return changed


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    for path in bump(sys.argv[1]):
        print(f"updated {path.relative_to(ROOT)}")
