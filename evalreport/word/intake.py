"""A Word file taken in as a template: bounded, well formed, without macros or outside links.

A .docx is a zip of XML parts and pictures, tied together by relationship files
(``_rels/*.rels``) and a list of content types (``[Content_Types].xml``). Before anything is
inflated or parsed, :func:`admit` checks the zip's own directory: how many parts, how large
each one says it is once inflated, how much it shrank (a part of zeros a thousand times
smaller than it inflates to is a "zip bomb"), and the sum. Then each XML part is parsed with
a parser that neither loads DTDs nor resolves entities nor reaches the network, and a part
that declares a DTD (``<!DOCTYPE``, ``<!ENTITY``) is refused: Word never writes one.

What a template may hold but no document made from it may carry is taken out, with a warning:

* **macros** (VBA: ``word/vbaProject.bin`` and its data, the key and toolbar customisations
  that call them); a macro-enabled file (.docm, .dotm) or a Word template (.dotx) becomes an
  ordinary document;
* **links to outside files**: a picture or object linked rather than inserted, an attached
  template, a subdocument, a frame: anything a relationship reaches with
  ``TargetMode="External"`` except hyperlinks (a hyperlink is only followed when a reader
  clicks it). LibreOffice would otherwise fetch such a URL, or embed a local file, while
  converting to PDF, and Word would fetch it when the document is opened.

Everything wrong that cannot be taken out is a :class:`~evalreport.errors.TemplateProblemError`
naming the file and the part.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from lxml import etree

from ..errors import Location, Problem, TemplateProblemError
from ..i18n.messages import Message, _

# Bounds, generous for any real template: the bundled ones have 20 parts, 1 MB in all.
MAX_FILE_BYTES = 128 * 2**20   # the .docx file itself
MAX_PARTS = 5000
MAX_XML_BYTES = 32 * 2**20     # one XML part, inflated
MAX_PART_BYTES = 64 * 2**20    # one picture or other part, inflated
MAX_TOTAL_BYTES = 256 * 2**20  # every part, inflated
MAX_RATIO = 200                # inflated / stored size, for parts over RATIO_FROM bytes
RATIO_FROM = 2**20

CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
O_NS = "urn:schemas-microsoft-com:office:office"
_RT = R_NS + "/"
_MS_RT = "http://schemas.microsoft.com/office/2006/relationships/"
OFFICE_DOCUMENT = _RT + "officeDocument"
HYPERLINK = _RT + "hyperlink"

WORD_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WORD_MAIN = {  # what the main part of a Word file may be, and whether it carries macros
    WORD_DOCUMENT: False,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": False,
    "application/vnd.ms-word.document.macroEnabled.main+xml": True,
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": True,
}
MACRO_TYPES = {"application/vnd.ms-office.vbaProject", "application/vnd.ms-word.vbaData+xml",
               "application/vnd.ms-office.vbaData+xml", "application/vnd.ms-word.keyMapCustomizations+xml",
               "application/vnd.ms-word.attachedToolbars"}
MACRO_RELS = {_MS_RT + "vbaProject", _MS_RT + "wordVbaData", _MS_RT + "keyMapCustomizations",
              _MS_RT + "attachedToolbars"}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an old .doc, or any password-protected Office file

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          dtd_validation=False, huge_tree=False)


@dataclass
class Admitted:
    """A Word file fit to be a template: its bytes (with macros and outside links taken out)
    and a warning for each thing taken out."""

    blob: bytes
    problems: list[Problem] = field(default_factory=list)


def _is_xml(content_type: str) -> bool:
    """An XML part by its content type ('...+xml', 'application/xml'); an embedded .docx or
    .xlsx ('...officedocument.wordprocessingml.document') is a zip, not XML."""
    ct = content_type.split(";")[0].strip().lower()
    return ct.endswith("+xml") or ct in ("application/xml", "text/xml")


def _refuse(file: str, message: Message, code: str, part: str | None = None) -> TemplateProblemError:
    place = _("part {part}", part=part) if part else None
    return TemplateProblemError([Problem(Location(file=file, place=place), message, code=code)])


def _link_kind(reltype: str) -> Message:
    kind = reltype.rsplit("/", 1)[-1]
    return {"image": _("linked picture"), "oleObject": _("linked object"),
            "attachedTemplate": _("attached template"), "subDocument": _("subdocument"),
            "frame": _("frame"), "aFChunk": _("linked text")}.get(kind) or _("link of type {kind}", kind=kind)


def _rels_of(name: str) -> str:
    """The relationship file of part ``name`` ('' for the package)."""
    folder, base = posixpath.split(name)
    return posixpath.join(folder, "_rels", base + ".rels")


def _source_of(rels_name: str) -> str:
    """The part a relationship file belongs to ('' for the package's own)."""
    folder, base = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")]) if base != ".rels" else ""


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def admit(blob: bytes, file: str) -> Admitted:
    """Check a .docx before it is opened; raise a located error for what cannot be used, and
    take out macros and links to outside files (see the module's documentation)."""
    if len(blob) > MAX_FILE_BYTES:
        raise _refuse(file, _("the file is too large for a template ({size} MB; at most {limit} MB)",
                              size=len(blob) // 2**20, limit=MAX_FILE_BYTES // 2**20), "too-large")
    if blob[:8] == _OLE_MAGIC:
        raise _refuse(file, _("not a .docx file: an old Word document (.doc) or a password-protected "
                              "one; save it in Word as a Word Document (.docx) without a password"),
                      "not-docx")
    try:
        z = zipfile.ZipFile(io.BytesIO(blob))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise _refuse(file, _("not a Word (.docx) file: it is not a zip package; open it in Word and "
                              "save it as a Word Document (.docx)"), "not-docx") from None
    with z:
        return _Intake(z, file).run(blob)


class _Intake:
    def __init__(self, z: zipfile.ZipFile, file: str):
        self.z, self.file = z, file
        self.problems: list[Problem] = []
        self.trees: dict[str, Any] = {}   # parsed XML parts, by member name
        self.changed: set[str] = set()       # parts to write anew
        self.dropped: set[str] = set()       # parts taken out

    def refuse(self, message: Message, code: str, part: str | None = None) -> TemplateProblemError:
        return _refuse(self.file, message, code, part)

    def warn(self, message: Message, code: str, part: str | None = None) -> None:
        place = _("part {part}", part=part) if part else None
        self.problems.append(Problem(Location(file=self.file, place=place), message,
                                     severity="warning", code=code))

    def run(self, blob: bytes) -> Admitted:
        infos = self._directory()
        names = {i.filename for i in infos}
        for required in ("[Content_Types].xml", "_rels/.rels"):
            if required not in names:
                raise self.refuse(_("not a Word file: the package has no {part}; open it in Word and "
                                    "save it as a Word Document (.docx)", part=required), "not-docx")
        types = self._content_types()
        for info in infos:
            if info.filename.endswith((".xml", ".rels")) or _is_xml(types(info.filename)):
                self._parse(info.filename)
        main = self._main_part(names)
        self._macros(main, types, names)
        self._links(names)
        if not self.changed and not self.dropped:
            return Admitted(blob, self.problems)
        return Admitted(self._write(infos), self.problems)

    # ------------------------------------------------------------------ the zip directory
    def _directory(self) -> list[zipfile.ZipInfo]:
        infos = [i for i in self.z.infolist() if not i.is_dir()]
        if not infos:
            raise self.refuse(_("not a Word file: the package is empty"), "not-docx")
        if len(infos) > MAX_PARTS:
            raise self.refuse(_("too many parts in the package ({n}; at most {limit})", n=len(infos),
                                limit=MAX_PARTS), "too-large")
        total = 0
        for info in infos:
            name = info.filename
            if info.flag_bits & 0x1:
                raise self.refuse(_("the part is encrypted; save the file in Word without a password"),
                                  "encrypted", name)
            limit = MAX_XML_BYTES if name.endswith((".xml", ".rels")) else MAX_PART_BYTES
            if info.file_size > limit:
                raise self.refuse(_("the part inflates to {size} MB, more than the {limit} MB a template "
                                    "part may have", size=info.file_size // 2**20, limit=limit // 2**20),
                                  "too-large", name)
            if info.file_size >= RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise self.refuse(_("the part inflates {ratio} times its stored size: not something Word "
                                    "writes (a zip bomb?)", ratio=info.file_size // max(info.compress_size, 1)),
                                  "too-large", name)
            total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise self.refuse(_("the package inflates to {size} MB, more than the {limit} MB a template "
                                "may have", size=total // 2**20, limit=MAX_TOTAL_BYTES // 2**20), "too-large")
        return infos

    def read(self, name: str) -> bytes:
        try:
            return self.z.read(name)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError,
                ValueError) as exc:
            raise self.refuse(_("the part cannot be read ({detail}); the file is damaged",
                                detail=str(exc) or type(exc).__name__), "damaged", name) from None

    # --------------------------------------------------------------------------- XML parts
    def _parse(self, name: str):
        if name in self.trees:
            return self.trees[name]
        data = self.read(name)
        try:
            root = etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise self.refuse(_("not valid XML, line {line}: {detail}; the file is damaged",
                                line=exc.lineno or 1, detail=exc.msg or str(exc)), "damaged", name) from None
        tree = root.getroottree()
        if tree.docinfo.doctype or tree.docinfo.internalDTD is not None or b"<!ENTITY" in data:
            raise self.refuse(_("the part declares a DTD or entities (<!DOCTYPE>, <!ENTITY>), which Word "
                                "never writes; templates with them are refused"), "dtd", name)
        self.trees[name] = root
        return root

    def _content_types(self):
        root = self._parse("[Content_Types].xml")
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "")
                    for d in root.iter(f"{{{CT_NS}}}Default")}
        overrides = {o.get("PartName", "").lstrip("/"): o.get("ContentType", "")
                     for o in root.iter(f"{{{CT_NS}}}Override")}

        def content_type(name: str) -> str:
            if name in overrides:
                return overrides[name]
            return defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")
        self._overrides_root = root
        return content_type

    def _rels(self, rels_name: str) -> list:
        root = self.trees.get(rels_name)
        return list(root.iter(f"{{{REL_NS}}}Relationship")) if root is not None else []

    def _main_part(self, names: set[str]) -> str:
        main = next((_target("", r.get("Target", "")) for r in self._rels("_rels/.rels")
                     if r.get("Type") == OFFICE_DOCUMENT), None)
        if main is None or main not in names:
            raise self.refuse(_("not a Word document: the package has no main document "
                                "(word/document.xml); open it in Word and save it as a Word Document "
                                "(.docx)"), "not-docx")
        return main

    # ---------------------------------------------------------------------------- macros
    def _macros(self, main: str, types, names: set[str]) -> None:
        """Take out the macros; a macro-enabled document or a template becomes a document."""
        main_type = types(main)
        if main_type not in WORD_MAIN:
            raise self.refuse(_("not a Word document (its content is '{type}'); save it in Word as a "
                                "Word Document (.docx)", type=main_type or "?"), "not-docx", main)
        macros = WORD_MAIN[main_type]
        overrides = {el.get("PartName", "").lstrip("/"): el.get("ContentType")
                     for el in self._overrides_root.iter(f"{{{CT_NS}}}Override")}
        for name in names:  # a part is macros by its relationship, its own type or its name
            if overrides.get(name) in MACRO_TYPES or name.lower().endswith("vbaproject.bin"):
                self.dropped.update((name, _rels_of(name)))
                macros = True
        for rels_name in [n for n in self.trees if n.endswith(".rels")]:
            for rel in self._rels(rels_name):
                if rel.get("Type") in MACRO_RELS:
                    rel.getparent().remove(rel)
                    self.changed.add(rels_name)
                    target = _target(_source_of(rels_name), rel.get("Target", ""))
                    self.dropped.update((target, _rels_of(target)))
                    macros = True
        if main_type != WORD_DOCUMENT or self.dropped:
            ct = self._overrides_root
            overridden = {el.get("PartName", "").lstrip("/") for el in ct.iter(f"{{{CT_NS}}}Override")}
            kept = [n for n in names if n not in self.dropped and n not in overridden]
            for el in list(ct):
                part = el.get("PartName", "").lstrip("/")
                if part == main:
                    el.set("ContentType", WORD_DOCUMENT)
                elif part in self.dropped:
                    ct.remove(el)
                elif el.get("ContentType") in MACRO_TYPES and el.get("Extension") is not None and not [
                        n for n in kept if n.lower().endswith("." + el.get("Extension", "").lower())]:
                    ct.remove(el)  # the macros' default type, which no part left uses
            self.changed.add("[Content_Types].xml")
        if macros:
            self.warn(_("the file holds macros (VBA); they are taken out of the template and of every "
                        "document made from it"), "macros-removed")

    # ---------------------------------------------------------------------- outside links
    def _links(self, names: set[str]) -> None:
        for rels_name in sorted(n for n in self.trees if n.endswith(".rels") and n not in self.dropped):
            source = _source_of(rels_name)
            gone: set[str] = set()
            for rel in self._rels(rels_name):
                target = rel.get("Target", "")
                if rel.get("TargetMode") == "External":
                    if rel.get("Type") == HYPERLINK:
                        continue
                    gone.add(rel.get("Id", ""))
                    rel.getparent().remove(rel)
                    self.changed.add(rels_name)
                    self.warn(_("a {kind} refers to an outside file ({target}); it is taken out, so that "
                                "no document loads it: insert the content itself instead of a link",
                                kind=_link_kind(rel.get("Type", "")), target=target[:120]),
                              "external-link-removed", source or None)
                    continue
                wanted = _target(source, target)
                if wanted not in names and unquote(wanted) not in names and wanted not in self.dropped:
                    raise self.refuse(_("the part refers to {target}, which is missing from the package; "
                                        "the file is damaged: open it in Word and save it again",
                                        target=wanted), "damaged", source or None)
            if gone and source in self.trees:
                self._unlink(source, gone)

    def _unlink(self, source: str, gone: set[str]) -> None:
        """Take out what in ``source`` used a removed relationship: the link of a picture
        (an inserted copy, if any, stays), or the element that exists only for the link."""
        root = self.trees[source]
        for el in list(root.iter()):
            if not isinstance(el.tag, str):
                continue
            for attr, value in list(el.attrib.items()):
                if not attr.startswith(f"{{{R_NS}}}") or value not in gone:
                    continue
                local = etree.QName(el).localname
                if local in ("blip", "imagedata"):
                    del el.attrib[attr]
                    el.attrib.pop(f"{{{O_NS}}}href", None)
                elif el.getparent() is not None:
                    el.getparent().remove(el)
                    break
        self.changed.add(source)

    # --------------------------------------------------------------------------- writing
    def _write(self, infos: list[zipfile.ZipInfo]) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in infos:
                name = info.filename
                if name in self.dropped:
                    continue
                if name in self.changed:
                    data = etree.tostring(self.trees[name], xml_declaration=True, encoding="UTF-8",
                                          standalone=True)
                else:
                    data = self.read(name)
                zi = zipfile.ZipInfo(name, info.date_time)
                zi.compress_type = info.compress_type if info.compress_type in (
                    zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) else zipfile.ZIP_DEFLATED
                zi.external_attr = 0o644 << 16
                dst.writestr(zi, data)
        return out.getvalue()
