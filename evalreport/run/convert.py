"""PDF through LibreOffice (``soffice --headless``), safely.

Each converter has its own LibreOffice profile directory (two instances sharing a profile
block or crash each other), a timeout, and writes the PDF atomically next to the .docx.
Several documents go to one ``soffice`` call, which saves LibreOffice's start-up per document.

The profile keeps every embedded object of a document loaded (:data:`PROFILE_SETTINGS`):
LibreOffice keeps 20 by default and lays out again an object it let go at the wrong size,
which squeezes the text of a report's first Word charts when it has more than 20 of them.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from ..errors import ConversionError
from ..i18n.messages import _
from ..output import write_bytes

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


def to_pdf(docs: Sequence[str | Path], timeout: float = 180.0) -> list[Path]:
    """Convert .docx files to PDF beside them; returns the PDF paths.

    Raises :class:`ConversionError` when LibreOffice is missing, times out or makes no PDF.
    """
    paths = [Path(d) for d in docs]
    if not paths:
        return []
    soffice = require_soffice()
    with tempfile.TemporaryDirectory(prefix="evalreport-lo-") as work:
        profile = Path(work, "profile").as_uri()
        Path(work, "profile", "user").mkdir(parents=True)
        Path(work, "profile", "user", "registrymodifications.xcu").write_text(
            PROFILE_SETTINGS, encoding="utf-8")
        outdir, indir = Path(work, "out"), Path(work, "in")
        indir.mkdir()
        links = []  # unique names, so one call can convert many 'laporan-evaluasi.docx'
        for n, d in enumerate(paths):
            link = indir / f"{n:05d}-{d.name}"
            link.symlink_to(d.resolve())
            links.append(link)
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outdir),
               *[str(x) for x in links]]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, text=True,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise ConversionError(_("LibreOffice did not finish within {seconds} s: {files}",
                                    seconds=round(timeout), files=", ".join(d.name for d in paths))
                                  ) from None
        out: list[Path] = []
        missing = []
        for d, link in zip(paths, links):
            made = outdir / (link.stem + ".pdf")
            if not made.exists():
                missing.append(d.name)
                continue
            out.append(write_bytes(d.with_suffix(".pdf"), made.read_bytes()))
        if missing:
            detail = (proc.stderr or proc.stdout or "").strip().splitlines()[-1:] or [""]
            raise ConversionError(_("LibreOffice could not convert to PDF: {files} {detail}",
                                    files=", ".join(missing), detail=detail[0]))
        return out
