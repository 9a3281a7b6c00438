"""Opening one template's .docx package for every document made from it, without redoing work.

python-docx opens a .docx by unzipping every part and parsing every XML part. Rendering a
template for many regions repeats that for each document, although only the document body,
headers, footers, settings and properties change. Two things are therefore done once per
template (:class:`TemplatePackage`):

* the zip is read and its parts unpacked once; each document gets new part objects made from
  those (immutable) bytes;
* the styles part - often the largest part of a Word file (300 kB in the bundled templates),
  and one rendering only reads - is parsed only when something reads its XML. A document whose
  styles nobody read writes back the bytes python-docx would have written for them, which are
  worked out once. A document whose styles were read (or changed) writes them as python-docx
  always does, so either way the bytes are the ones python-docx would write.
"""
from __future__ import annotations

import io

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.oxml.parser import parse_xml
from docx.package import Package
from docx.parts.styles import StylesPart


class TemplatePackage:
    """A template's .docx read once; :meth:`open` makes a new python-docx document from it."""

    def __init__(self, blob: bytes):
        self._reader = PackageReader.from_file(io.BytesIO(blob))
        self._styles_written: dict[str, bytes] = {}  # partname -> bytes python-docx writes

    def open(self) -> Document:
        """A new document, as ``docx.Document(template)`` would give (and with the same check
        that the package is a Word document)."""
        package = Package()
        Unmarshaller.unmarshal(self._reader, package, self._part)
        part = package.main_document_part
        if part.content_type != CT.WML_DOCUMENT_MAIN:
            raise ValueError(f"file is not a Word file, content type is '{part.content_type}'")
        return part.document  # type: ignore[attr-defined]

    def _part(self, partname, content_type: str, reltype: str, blob: bytes, package) -> Part:
        """python-docx's part factory, except that the styles part is parsed when first read."""
        if content_type == CT.WML_STYLES and reltype == RT.STYLES:
            if partname not in self._styles_written:
                self._styles_written[partname] = serialize_part_xml(parse_xml(blob))
            return _StylesReadOnDemand(partname, content_type, blob, self._styles_written[partname],
                                       package)
        return PartFactory(partname, content_type, reltype, blob, package)


class _StylesReadOnDemand(StylesPart):
    """A styles part whose XML is parsed from ``source`` the first time it is read; until then
    its blob is ``written`` (what python-docx writes for ``source``)."""

    def __init__(self, partname, content_type: str, source: bytes, written: bytes, package):
        Part.__init__(self, partname, content_type, package=package)
        self._source, self._written = source, written
        self._parsed = None

    @property
    def _element(self):  # XmlPart keeps its XML here; everything reads it through this name
        if self._parsed is None:
            self._parsed = parse_xml(self._source)
        return self._parsed

    @property
    def blob(self) -> bytes:
        return self._written if self._parsed is None else serialize_part_xml(self._parsed)
