"""The docx trick of :mod:`evalreport._fast`: a template's package read once, its parts compiled
once, and the .docx zip written in one pass.

Opening one template's .docx package for every document made from it, without redoing work.

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

import functools
import io
import re
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.package import Unmarshaller
from docx.opc.part import Part, PartFactory
from docx.opc.pkgreader import PackageReader
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import nsmap as docx_nsmap
from docx.oxml.parser import element_class_lookup, parse_xml
from docx.oxml.shape import CT_Inline
from docx.package import ImageParts, Package
from docx.parts.styles import StylesPart
from docx.shared import lazyproperty
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment
from lxml import etree


class TemplatePackage:
    """A template's .docx read once; :meth:`open` makes a new python-docx document from it."""

    def __init__(self, blob: bytes):
        self._reader = PackageReader.from_file(io.BytesIO(blob))
        self._styles_written: dict[str, bytes] = {}  # partname -> bytes python-docx writes
        self._shell: _Shell | None = None
        self._shell_known = False

    def shell(self, root) -> _Shell | None:
        """The template's document root as text without its body (the same for every
        document of the template; worked out from the first): None when the body is not
        found as expected."""
        if not self._shell_known:
            self._shell_known = True
            text = etree.tostring(root, encoding="unicode")
            start, end = text.find("<w:body"), text.rfind("</w:body>")
            if start < 0 or end < 0 or text.find("<w:body", start + 1) >= 0 \
                    or None in root.nsmap:
                self._shell = None
            else:
                self._shell = _Shell(text[:start], text[end + len("</w:body>"):],
                                     {href: prefix for prefix, href in root.nsmap.items()},
                                     dict(root.nsmap))
        return self._shell

    def open(self) -> Document:
        """A new document, as ``docx.Document(template)`` would give (and with the same check
        that the package is a Word document)."""
        package = _Package()
        Unmarshaller.unmarshal(self._reader, package, self._part)
        part = package.main_document_part
        if part.content_type != CT.WML_DOCUMENT_MAIN:
            raise ValueError(f"file is not a Word file, content type is '{part.content_type}'")
        return part.document

    def _part(self, partname, content_type: str, reltype: str, blob: bytes, package) -> Part:
        """python-docx's part factory, except that the styles part is parsed when first read."""
        if content_type == CT.WML_STYLES and reltype == RT.STYLES:
            if partname not in self._styles_written:
                self._styles_written[partname] = serialize_part_xml(parse_xml(blob))
            return _StylesReadOnDemand(partname, content_type, blob, self._styles_written[partname],
                                       package)
        return PartFactory(partname, content_type, reltype, blob, package)  # type: ignore[return-value]


STRICT = etree.XMLParser(huge_tree=False)  # what Word (and python-docx) can read


@dataclass(frozen=True)
class _Shell:
    """A template's document root as text around its body (see :meth:`TemplatePackage.shell`)."""

    head: str  # the root's start tag and what stands before the body
    tail: str  # what stands after the body, and the root's end tag
    prefixes: dict[str, str]  # the root's namespaces: address -> prefix
    hrefs: dict[str, str]  # and prefix -> address


# a namespace declaration (the default namespace's too), and an element's name
_DECL = re.compile(r"""\sxmlns(?::([^\s=>/]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NAME = re.compile(r"<([^\s/>]+)")
# python-docx's element classes, blank text kept (as docxtpl's parser keeps it)
_IN_ROOT = etree.XMLParser(huge_tree=False)
_IN_ROOT.set_element_class_lookup(element_class_lookup)


def _in_root(body: str, shell: _Shell) -> str | None:
    """The rendered ``body`` inside the template's root, as text that parses to the tree
    docxtpl gets by parsing the body alone and moving it into the root; None when that cannot
    be made sure of (the body is then parsed alone and moved).

    Moving drops each namespace declaration of the body, and of every element in it, that an
    ancestor already makes (with the same address): the body repeats the root's, and a
    picture python-docx makes repeats the drawing namespace. Those are left out of the text
    here, which gives the same tree when each is the root's under the same prefix. Any other
    declaration is kept as written, which is the same when no element inside it declares that
    address again; the default namespace, a root prefix bound to another address, or one
    address declared inside another declaration of it are left to the move."""
    cut: list[tuple[int, int]] = []
    own: dict[str, list[int]] = {}  # address -> where the tags declaring it start
    for m in _DECL.finditer(body):
        lt = body.rfind("<", 0, m.start())
        if lt < body.rfind(">", 0, m.start()):
            continue  # text, not a tag
        prefix, href = m.group(1), m.group(2) if m.group(2) is not None else m.group(3)
        if prefix is None:
            return None
        if href in shell.prefixes:
            if shell.prefixes[href] != prefix:
                return None
            cut.append(m.span())
        elif prefix in shell.hrefs:
            return None  # a root prefix bound to another address
        else:
            own.setdefault(href, []).append(lt)
    for starts in own.values():
        if len(starts) > 1 and not _apart(body, sorted(set(starts))):
            return None
    parts, at = [shell.head], 0
    for a, b in cut:
        parts.append(body[at:a])
        at = b
    parts += [body[at:], shell.tail]
    return "".join(parts)


def _apart(body: str, starts: list[int]) -> bool:
    """Whether each of the elements starting at ``starts`` ends before the next one starts
    (none is inside another)."""
    for here, nxt in zip(starts, starts[1:]):
        end = _end(body, here)
        if end is None or end > nxt:
            return False
    return True


def _end(body: str, start: int) -> int | None:
    """Where the element whose start tag is at ``start`` ends (None: not found)."""
    close = body.find(">", start)
    if close < 0:
        return None
    if body[close - 1] == "/":
        return close + 1
    name = _NAME.match(body, start)
    if name is None:
        return None
    tag = re.escape(name.group(1))
    depth = 0
    for m in re.compile(rf"<(/?){tag}(?=[\s/>])([^>]*?)(/?)>").finditer(body, start):
        if m.group(1):
            depth -= 1
        elif not m.group(3):
            depth += 1
        if depth == 0:
            return m.end()
    return None


class _ImageParts(ImageParts):
    """python-docx's image parts of a package, each part's SHA-1 worked out once (python-docx
    hashes every picture of the document again for each picture added)."""

    def __init__(self) -> None:
        super().__init__()
        self._sha1: dict[int, str] = {}  # id of a part (kept alive by the list) -> its SHA-1

    def _get_by_sha1(self, sha1: str):
        for part in self._image_parts:
            known = self._sha1.get(id(part))
            if known is None:
                known = self._sha1[id(part)] = part.sha1
            if known == sha1:
                return part
        return None


class _Package(Package):
    """python-docx's package with :class:`_ImageParts`."""

    @lazyproperty
    def image_parts(self) -> ImageParts:
        return _ImageParts()


class _StylesReadOnDemand(StylesPart):
    """A styles part whose XML is parsed from ``source`` the first time it is read; until then
    its blob is ``written`` (what python-docx writes for ``source``)."""

    def __init__(self, partname, content_type: str, source: bytes, written: bytes, package):
        Part.__init__(self, partname, content_type, package=package)
        self._source, self._written = source, written
        self._parsed: Any = None

    @property
    def _element(self):  # type: ignore[override]  # XmlPart reads its XML through this name
        if self._parsed is None:
            self._parsed = parse_xml(self._source)
        return self._parsed

    @property
    def blob(self) -> bytes:
        return self._written if self._parsed is None else serialize_part_xml(self._parsed)


class CompiledDocxTemplate(DocxTemplate):
    """docxtpl that opens its package from a :class:`TemplatePackage` read once, and cleans and
    compiles each part's Jinja once: ``compiled`` is shared by every document of one template
    and environment (docxtpl alone re-parses and recompiles every part of every document)."""

    docx: Any
    is_rendered: bool

    def __init__(self, blob: bytes, package: TemplatePackage, compiled: dict, env: Environment):
        self._package = package
        super().__init__(io.BytesIO(blob))
        self._compiled = compiled
        self._env = env

    def init_docx(self, reload: bool = True) -> None:
        """As docxtpl's, but opening the template's package read once (see docxpackage)."""
        if not self.docx or (self.is_rendered and reload):
            self.docx = self._package.open()
            self.is_rendered = False
            self._next_ids: dict[str, int] = {}  # part -> id of its pictures (picture_xml)

    def patch_xml(self, src_xml: str) -> str:  # cleaning is cached with the compiled part
        return src_xml

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        key = (str(part.partname) if part is not None else "core", id(self._env))
        self.current_rendering_part = part  # before compiling: an error names this part
        compiled = self._compiled.get(key)
        if compiled is None:
            src = re.sub(r"<w:p([ >])", r"\n<w:p\1", DocxTemplate.patch_xml(self, src_xml))
            compiled = self._env.from_string(src)
            self._compiled[key] = compiled
        dst = compiled.render(context)
        dst = re.sub(r"\n<w:p([ >])", r"<w:p\1", dst)
        dst = dst.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        return self.resolve_listing(dst)

    def resolve_listing(self, xml: str) -> str:
        """docxtpl's pass turning a tab, newline, \\a or \\f in a paragraph into Word's tab, line
        break, paragraph or page break, run only on the paragraphs that have one of them.

        docxtpl re-substitutes every paragraph, run and text of the part, and a paragraph
        without those characters comes out unchanged, so skipping it gives the same XML. (Each
        paragraph is the one docxtpl would match, found with its pattern; given one paragraph,
        docxtpl's pass matches exactly that paragraph.) A picture's XML has newlines, so a
        paragraph with a picture goes through docxtpl's pass as before."""
        if _LISTING_CHARS.search(xml) is None:
            return xml
        resolve = super().resolve_listing
        return _LISTING_PARAGRAPH.sub(
            lambda m: resolve(m.group(0)) if _LISTING_CHARS.search(m.group(0)) else m.group(0), xml)

    def render_properties(self, context, jinja_env=None) -> None:
        pass  # document properties are set by finish(), not from template text

    def fix_tables(self, xml: str):
        """docxtpl's table fix on the rendered body parsed once, strictly (docxtpl parses it
        with a recovering parser, which drops what it cannot read, so the stock path parses
        it strictly first as well, to fail instead: for well-formed text both parsers give
        the same tree).

        The body is parsed where it goes, inside the document's root (see :func:`_in_root`),
        and :meth:`map_tree` makes that root the document's: docxtpl parses the body alone
        and moves it into the root, a walk over every node (a few ms a report)."""
        shell = self._package.shell(self.docx.element)
        text = _in_root(xml, shell) if shell is not None else None
        if text is None:
            return _fix_table_grids(etree.fromstring(xml.encode("utf-8"), STRICT))
        try:
            root = etree.fromstring(text.encode("utf-8"), _IN_ROOT)
        except etree.XMLSyntaxError:  # told as the body alone tells it
            etree.fromstring(xml.encode("utf-8"), STRICT)
            raise
        return _fix_table_grids(root.body)

    def fix_docpr_ids(self, tree) -> None:
        """docxtpl's, also for a body of python-docx's element classes (whose ``xpath`` takes
        no namespaces: it knows them)."""
        for elt in etree._Element.xpath(tree, "//wp:docPr", namespaces=docx_nsmap):
            self.docx_ids_index += 1
            elt.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree) -> None:
        root = tree.getparent()
        if root is None:  # parsed alone: moved into the root as docxtpl does
            super().map_tree(tree)
            return
        part = self.docx.part
        part._element = root
        self.docx = part.document

    def picture_xml(self, image: InlineImage) -> str:
        """What docxtpl's ``InlineImage._insert_image`` makes of ``image`` in the part being
        rendered, without reading the part's XML for each picture: python-docx's
        ``StoryPart.next_id`` searches the whole part for the highest id, and while a part
        is rendered that part is the template's, unchanged, so the id is the same for every
        picture of it (docxtpl numbers the pictures afterwards)."""
        part = self.current_rendering_part
        if image.anchor or not hasattr(part, "get_or_add_image"):
            return InlineImage._insert_image(image)
        rid, found = part.get_or_add_image(image.image_descriptor)
        cx, cy = found.scaled_dimensions(image.width, image.height)
        key = str(part.partname)
        if key not in self._next_ids:
            self._next_ids[key] = part.next_id
        pic = CT_Inline.new_pic_inline(self._next_ids[key], rid, found.filename, cx, cy).xml
        return ("</w:t></w:r><w:r><w:drawing>%s</w:drawing></w:r><w:r>"
                '<w:t xml:space="preserve">' % pic)



def _fix_table_grids(tree):
    """docxtpl 0.20's ``DocxTemplate.fix_tables`` on a parsed body (docxtpl parses the body
    text itself): a table's grid columns made as many as its widest row's cells (a ``{%tc %}``
    loop), keeping the table's width. Its code, unchanged; pinned with docxtpl."""
    # get namespace
    ns = "{" + tree.nsmap["w"] + "}"
    # walk trough xml and find table
    for t in tree.iter(ns + "tbl"):
        tblGrid = t.find(ns + "tblGrid")
        columns = tblGrid.findall(ns + "gridCol")
        to_add = 0
        # walk trough all rows and try to find if there is higher cell count
        for r in t.iter(ns + "tr"):
            cells = r.findall(ns + "tc")
            if (len(columns) + to_add) < len(cells):
                to_add = len(cells) - len(columns)
        # is necessary to add columns?
        if to_add > 0:
            # at first, calculate width of table according to columns
            # (we want to preserve it)
            width = 0.0
            new_average = None
            for c in columns:
                if c.get(ns + "w") is not None:
                    width += float(c.get(ns + "w"))
            # try to keep proportion of table
            if width > 0:
                old_average = width / len(columns)
                new_average = width / (len(columns) + to_add)
                # scale the old columns
                for c in columns:
                    c.set(
                        ns + "w",
                        str(
                            int(float(c.get(ns + "w")) * new_average / old_average)
                        ),
                    )
                # add new columns
                for _i in range(to_add):
                    etree.SubElement(
                        tblGrid, ns + "gridCol", {ns + "w": str(int(new_average))}
                    )

        # Refetch columns after columns addition.
        columns = tblGrid.findall(ns + "gridCol")
        columns_len = len(columns)

        cells_len_max = 0

        def get_cell_len(total, cell):
            tc_pr = cell.find(ns + "tcPr")
            grid_span = None if tc_pr is None else tc_pr.find(ns + "gridSpan")

            if grid_span is not None:
                return total + int(grid_span.get(ns + "val"))

            return total + 1

        # Calculate max of table cells to compare with `gridCol`.
        for r in t.iter(ns + "tr"):
            cells = r.findall(ns + "tc")
            cells_len = functools.reduce(get_cell_len, cells, 0)
            cells_len_max = max(cells_len_max, cells_len)

        to_remove = columns_len - cells_len_max

        # If after the loop, there're less columns, than
        # originally was, remove extra `gridCol` declarations.
        if to_remove > 0:
            # Have to keep track of the removed width to scale the
            # table back to its original width.
            removed_width = 0.0

            for c in columns[-to_remove:]:
                removed_width += float(c.get(ns + "w"))

                tblGrid.remove(c)

            columns_left = tblGrid.findall(ns + "gridCol")

            # Distribute `removed_width` across all columns that has
            # left after extras removal.
            extra_space = 0
            if len(columns_left) > 0:
                extra_space = removed_width / len(columns_left)  # type: ignore[assignment]
                extra_space = int(extra_space)

            for c in columns_left:
                c.set(ns + "w", str(int(float(c.get(ns + "w")) + extra_space)))

    return tree


# What DocxTemplate.resolve_listing (docxtpl 0.20) reacts to, and its paragraph pattern.
_LISTING_CHARS = re.compile("[\t\a\n\f]")
_LISTING_PARAGRAPH = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)


FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_STORED = (".png", ".jpg", ".jpeg", ".gif", ".xlsx")  # compressed already


class _ReproducibleZip:
    """python-docx's package writer target: fixed timestamps; pictures and embedded workbooks
    stored, not deflated again (PNG, JPEG and .xlsx are compressed already)."""

    def __init__(self, fh: IO[bytes]):
        self._zip = zipfile.ZipFile(fh, "w")

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        zi = zipfile.ZipInfo(name, FIXED_TIME)
        zi.compress_type = zipfile.ZIP_STORED if name.lower().endswith(_STORED) else zipfile.ZIP_DEFLATED
        zi.external_attr = 0o644 << 16
        self._zip.writestr(zi, blob)

    def close(self) -> None:
        self._zip.close()



def save_docx(document) -> bytes:
    """A python-docx Document as reproducible .docx bytes, in one pass."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    buf = io.BytesIO()
    out = _ReproducibleZip(buf)
    parts = list(package.parts)
    PackageWriter._write_content_types_stream(out, parts)
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, parts)  # type: ignore[arg-type]
    out.close()
    return buf.getvalue()
