"""LibreOffice (``soffice --headless``) run safely: .docx in, PDF out.

Each run has its own LibreOffice profile directory (two instances sharing a profile block or
crash each other) and a timeout. Several documents go to one ``soffice`` call, which saves
LibreOffice's start-up per document. The profile keeps every embedded object of a document
loaded (:data:`PROFILE_SETTINGS`): LibreOffice keeps 20 by default and lays out again an object
it let go at the wrong size, which squeezes the text of a report's first Word charts when it
has more than 20 of them. What is done with the PDFs is
:mod:`evalreport.run.convert`'s and :mod:`evalreport.run.pages`' business.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import ConversionError
from ..i18n.messages import _

CANDIDATES = ("soffice", "libreoffice")
# The profile's settings: how many embedded objects (Word charts) a document keeps loaded.
PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Cache/Writer"><prop oor:name="OLE_Objects" \
oor:op="fuse"><value>10000</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Cache/DrawingEngine"><prop oor:name="OLE_Objects" \
oor:op="fuse"><value>10000</value></prop></item>
</oor:items>
"""


def find_soffice() -> str | None:
    """The LibreOffice program, or None. ``$EVALREPORT_SOFFICE`` wins when set."""
    env = os.environ.get("EVALREPORT_SOFFICE")
    if env:
        return env if Path(env).exists() or shutil.which(env) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_soffice() -> str:
    """The LibreOffice program; raises :class:`ConversionError` saying how to install it."""
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(_(
            "LibreOffice not found; install it ('apt-get install libreoffice-writer-nogui', or "
            "LibreOffice for Windows/macOS), or run without --pdf"))
    return soffice


# LibreOffice's PDF export with each bookmark of the document as a named destination, which
# says the page (and place) of each bookmark (LibreOffice 7.4 or later reads these options).
WITH_DESTINATIONS = ('pdf:writer_pdf_Export:{"ExportBookmarksToPDFDestination":'
                     '{"type":"boolean","value":"true"}}')


def convert_to_pdf(blobs: Sequence[bytes], names: Sequence[str], timeout: float = 180.0,
                   export: str = "pdf:writer_pdf_Export") -> list[bytes]:
    """The PDF of each .docx given as bytes (``names`` name them in messages), all in one
    LibreOffice run with a profile of its own. Raises :class:`ConversionError` when
    LibreOffice is missing, times out or makes no PDF of one of them."""
    if not blobs:
        return []
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="evalreport-lo-") as work:
        profile = Path(work, "profile").as_uri()
        Path(work, "profile", "user").mkdir(parents=True)
        Path(work, "profile", "user", "registrymodifications.xcu").write_text(
            PROFILE_SETTINGS, encoding="utf-8")
        outdir, indir = Path(work, "out"), Path(work, "in")
        indir.mkdir()
        sources = []  # unique names, so one call can convert many 'laporan-evaluasi.docx'
        for n, (blob, name) in enumerate(zip(blobs, names)):
            src = indir / f"{n:05d}-{Path(name).stem}.docx"
            src.write_bytes(blob)
            sources.append(src)
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", export, "--outdir", str(outdir),
               *[str(x) for x in sources]]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, text=True,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ConversionError(_("LibreOffice did not finish within {seconds} s: {files}",
                                    seconds=round(timeout), files=", ".join(names))) from None
        out: list[bytes] = []
        missing = []
        for name, src in zip(names, sources):
            made = outdir / (src.stem + ".pdf")
            if not made.exists():
                missing.append(name)
                continue
            out.append(made.read_bytes())
        if missing:
            detail = (proc.stderr or proc.stdout or "").strip().splitlines()[-1:] or [""]
            raise ConversionError(_("LibreOffice could not convert to PDF: {files} {detail}",
                                    files=", ".join(missing), detail=detail[0]))
        return out
