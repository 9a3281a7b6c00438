"""Custom document properties (docProps/custom.xml): where a document came from, off its pages.

A signed page carries no tool name, file name or hash; a reviewer who wants to trace a document
finds them in the file's properties (Word: File > Info > Properties > Advanced > Custom;
LibreOffice: File > Properties > Custom Properties), written here.

python-docx reads and writes the core properties only, so this module writes the custom part
itself, as Word does: a ``Properties`` root in the custom-properties namespace, one ``property``
per name with the standard format id, ``pid`` from 2, and the value as ``vt:lpwstr``; the part is
related from the package (not from the document). A template that already has custom properties
(set by staff in Word) keeps them; ours replace only those of the same name.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the format id Word gives user properties
PARTNAME = "/docProps/custom.xml"


def write_custom_properties(document, values: Iterable[tuple[str, str]]) -> None:
    """Set custom properties ``(name, text)`` on a python-docx document (before it is saved)."""
    values = [(str(k), str(v)) for k, v in values]
    if not values:
        return
    package = document.part.package
    part = next((rel.target_part for rel in package.rels.values()
                 if rel.reltype == RT.CUSTOM_PROPERTIES and not rel.is_external), None)
    root = etree.fromstring(part.blob) if part is not None else etree.Element(
        f"{{{NS}}}Properties", nsmap={None: NS, "vt": VT})
    names = {k for k, _ in values}
    for prop in root.findall(f"{{{NS}}}property"):
        if prop.get("name") in names:
            root.remove(prop)
    for name, text in values:
        prop = etree.SubElement(root, f"{{{NS}}}property", fmtid=FMTID, name=name)
        etree.SubElement(prop, f"{{{VT}}}lpwstr").text = text
    for pid, prop in enumerate(root.findall(f"{{{NS}}}property"), start=2):
        prop.set("pid", str(pid))
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if part is None:
        package.relate_to(Part(PackURI(PARTNAME), CT.OFC_CUSTOM_PROPERTIES, blob, package),
                          RT.CUSTOM_PROPERTIES)
    else:
        part._blob = blob  # a plain Part keeps its bytes here; python-docx has no setter


def read_custom_properties(blob: bytes) -> dict[str, str]:
    """The custom properties of a .docx file's bytes, by name (for checks and tests)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        if "docProps/custom.xml" not in z.namelist():
            return {}
        root = etree.fromstring(z.read("docProps/custom.xml"))
    return {p.get("name"): "".join(p.itertext()) for p in root.findall(f"{{{NS}}}property")}
