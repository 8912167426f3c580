"""Pages of a rendered PDF as PNG images, for the preview inside the program (PDFium through pypdfium2).

Qt's own PDF module is not in the PySide6 wheels, and a preview must not depend on a viewer being installed.
"""

from __future__ import annotations

import io
from pathlib import Path

from workbench.domain.errors import UserError
from workbench.domain.progress import QUIET, Steps
from workbench.domain.text import Text

PREVIEW_DPI = 72


def page_images(pdf: Path, dpi: int = PREVIEW_DPI, first: int = 1, last: int | None = None, steps: Steps = QUIET) -> list[bytes]:
    """PNG bytes of pages ``first``..``last`` (1-based, inclusive; all by default), each told to ``steps`` (the file
    is written: this part is not stopped)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(str(pdf))
    except pypdfium2.PdfiumError as exc:
        raise UserError("error.preview.cannot_be_shown", where=str(pdf), exc=exc) from None
    try:
        out = []
        stop = min(last or len(document), len(document))
        for index in range(first - 1, stop):
            steps.tell(Text("progress.document.page_shown", page=index + 1, total=stop), index, stop)
            image = document[index].render(scale=dpi / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            out.append(buffer.getvalue())
        return out
    finally:
        document.close()
