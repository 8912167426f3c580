"""The licences of what the program ships with, read from the installed packages' own metadata (About dialog)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "ccer-workbench"
WEAK_COPYLEFT = re.compile(r"LGPL|Lesser General Public|MPL|Mozilla Public")
# Licences of the CJK fonts the PDFs may embed, by file name (fonts carry no package metadata)
FONT_LICENCES = {
    "wqy-microhei": ("WenQuanYi Micro Hei", "GPL-2.0-only WITH Font-exception-2.0 OR Apache-2.0"),
    "wqy-zenhei": ("WenQuanYi Zen Hei", "GPL-2.0-only WITH Font-exception-2.0"),
    "uming": ("AR PL UMing", "Arphic Public License"),
}


@dataclass(frozen=True)
class Licence:
    name: str
    version: str
    licence: str

    @property
    def weak_copyleft(self) -> bool:
        """LGPL or MPL: the library may be replaced by the user's own build of it."""
        return bool(WEAK_COPYLEFT.search(self.licence))


def licence_of(dist: metadata.Distribution) -> str:
    """The licence a package declares: its SPDX expression, else a short licence field, else its classifiers."""
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"]
    text = (meta.get("License") or "").strip()
    if text and "\n" not in text and len(text) <= 60:
        return text
    classifiers = [c.rsplit(" :: ", 1)[-1] for c in meta.get_all("Classifier") or () if c.startswith("License ::")]
    if classifiers:
        return ", ".join(classifiers)
    return text.splitlines()[0][:60] if text else "?"


def _requirement_name(spec: str) -> str | None:
    if ";" in spec and "extra" in spec.split(";", 1)[1]:
        return None  # an optional extra, not installed with the program
    return re.split(r"[\s<>=!~\[;(]", spec, maxsplit=1)[0]


def bundled(root: str = DISTRIBUTION) -> list[Licence]:
    """Every installed package the program depends on, directly or not, with version and licence, by name."""
    seen: dict[str, Licence] = {}
    todo = [name for spec in metadata.requires(root) or () if (name := _requirement_name(spec))]
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = Licence(dist.metadata["Name"], dist.version, licence_of(dist))
        todo += [n for spec in dist.requires or () if (n := _requirement_name(spec))]
    return sorted(seen.values(), key=lambda x: x.name.lower())


def font_licence(path: Path | None) -> tuple[str, str] | None:
    """(font name, licence) of a known CJK font file; None for a font whose licence the user must look up."""
    if path is None:
        return None
    return next((v for stem, v in FONT_LICENCES.items() if path.name.startswith(stem)), None)
