"""The gettext catalogues (zh_CN, en) and the Babel tooling that extracts, checks and compiles them."""

from __future__ import annotations

from workbench.domain import catalogue


def ensure_compiled() -> None:
    """Compile stale or missing catalogues of a checkout before the CLI or GUI reads them.

    Without Babel (an installed wheel ships compiled ``.mo`` files only) nothing is done: a lookup then fails
    loudly if a catalogue is really missing.
    """
    if any(catalogue.stale(lang) for lang in catalogue.LOCALES):
        try:
            from workbench.locale.build import compile_catalogues
        except ImportError:
            return
        compile_catalogues()
