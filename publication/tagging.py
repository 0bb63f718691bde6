"""Tagged, accessible PDF (PDF/UA-1) from ReportLab.

ReportLab 5 writes no logical structure, so the work is split in two:

1. While a page is drawn, a :class:`Tagger` writes marked-content operators
   into the canvas's stream (``canvas.addLiteral``): every piece of real
   content is bracketed ``/P <</MCID n>> BDC ... EMC`` and every decoration
   ``/Artifact BMC ... EMC``. The drawing code says what each piece is
   (heading, list label, figure, form field); the Tagger records the tree of
   structure elements and which marked-content IDs and form widgets belong to
   each.
2. :func:`finish` opens the bytes ReportLab wrote with pikepdf and adds what a
   canvas cannot: the StructTreeRoot with its ParentTree, ``/StructParents`` on
   each page and ``/StructParent`` on each widget (with an OBJR in its Form
   element), ``/MarkInfo``, the XMP metadata with the PDF/UA identification,
   ``/DisplayDocTitle``, ``/Tabs /S`` on every page, and ToUnicode maps
   without the U+0000 entries ReportLab writes for unused codes (see
   :func:`fix_to_unicode`). For the print-shop files it adds the PDF/X-4
   output intent and keys (:mod:`publication.pdfx`).

The output is reproducible: the same ReportLab bytes give the same finished
bytes (pikepdf writes the objects in a fixed order; the document ID is a hash
of the content; the XMP dates are the Info dates, i.e. SOURCE_DATE_EPOCH).
"""

import hashlib
import io
import re
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from xml.sax.saxutils import escape


class TaggingError(Exception):
    """The drawing and the structure do not match (a bug, not a user's error)."""


@dataclass(eq=False)
class Element:
    """A structure element: a standard type (``P``, ``H1``, ``L``, ``Figure``,
    ``Form`` ...) and its kids in reading order."""
    tag: str
    alt: str | None = None  # alternate description (Figure, Form)
    bbox: tuple[float, float, float, float] | None = None  # a Figure's box on the page (Layout attribute)
    list_numbering: str | None = None  # an L's ListNumbering attribute
    kids: list = field(default_factory=list)  # Element | Content | Widget


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: page index and MCID."""
    page: int
    mcid: int


@dataclass(frozen=True)
class Widget:
    """A form widget, found again in the written PDF by its field name (a
    radio button: its group's name) and on-state (a radio button's value)."""
    page: int
    name: str
    value: str | None = None


class Tagger:
    """Marks content on a ReportLab canvas and records the structure tree."""

    def __init__(self, canvas, root: str = "Document"):
        self.canvas = canvas
        self.root = Element(root)
        self.page = 0
        self._mcid = 0

    def element(self, tag: str, parent: Element | None = None, **attributes) -> Element:
        """A new structure element as the last kid of ``parent`` (default: the root)."""
        element = Element(tag, **attributes)
        (parent or self.root).kids.append(element)
        return element

    @contextmanager
    def content(self, element: Element):
        """What is drawn inside the block is content of ``element``."""
        mcid = self._mcid
        self._mcid += 1
        element.kids.append(Content(self.page, mcid))
        self.canvas.addLiteral(f"/{element.tag} <</MCID {mcid}>> BDC")
        yield element
        self.canvas.addLiteral("EMC")

    @contextmanager
    def tagged(self, tag: str, parent: Element | None = None, **attributes):
        """A new element whose content is what is drawn inside the block."""
        with self.content(self.element(tag, parent, **attributes)) as element:
            yield element

    @contextmanager
    def artifact(self, kind: str | None = None):
        """What is drawn inside the block is decoration, not content.
        ``kind``: Layout, Page (crop marks), Pagination (running footers)."""
        self.canvas.addLiteral("/Artifact BMC" if kind is None else f"/Artifact <</Type /{kind}>> BDC")
        yield
        self.canvas.addLiteral("EMC")

    def widget(self, parent: Element, name: str, value: str | None = None, alt: str | None = None) -> Element:
        """A Form element for the widget of field ``name`` (drawn on this page)."""
        form = self.element("Form", parent, alt=alt)
        form.kids.append(Widget(self.page, name, value))
        return form

    def show_page(self) -> None:
        """End the page (canvas.showPage); MCIDs start again at 0."""
        self.canvas.showPage()
        self.page += 1
        self._mcid = 0


# -- finishing the written PDF -------------------------------------------------------------

_BFCHAR = re.compile(rb"\d+ beginbfchar\r?\n(.*?)endbfchar\r?\n", re.DOTALL)
_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
BFCHAR_MAX = 100  # entries in one beginbfchar ... endbfchar section (ISO 32000-1, 9.10.3)


def fix_to_unicode(cmap: bytes) -> bytes:
    """A ToUnicode CMap without entries mapping to U+0000, in sections of at
    most 100 entries.

    ReportLab's TrueType subsets reserve code 0 for .notdef and, in its default
    ``ttfAsciiReadable`` mode, pre-fill codes 1-31 of the first subset with
    glyph 0 until non-ASCII characters claim them; ``makeToUnicodeCMap``
    writes one ``bfchar`` section with an entry for every code, so unused codes
    map to U+0000, which PDF/UA forbids. Those codes are never shown (text a
    font has no glyph for is refused before drawing), so their entries are
    dropped."""
    sections = list(_BFCHAR.finditer(cmap))
    if not sections:
        return cmap
    entries = [m.groups() for section in sections for m in _ENTRY.finditer(section.group(1))]
    kept = [(code, value) for code, value in entries if int(value, 16) != 0]
    blocks = []
    for start in range(0, len(kept), BFCHAR_MAX):
        chunk = kept[start:start + BFCHAR_MAX]
        blocks.append(b"%d beginbfchar\n" % len(chunk) + b"".join(b"<%s> <%s>\n" % e for e in chunk)
                      + b"endbfchar\n")
    first, last = sections[0], sections[-1]
    return cmap[:first.start()] + b"".join(blocks) + cmap[last.end():]


def _xmp_date(pdf_date: str) -> str:
    """D:20251128000000+00'00' -> 2025-11-28T00:00:00+00:00"""
    match = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([+-])(\d\d)'(\d\d)'?|Z)?", pdf_date)
    if not match:
        raise TaggingError(f"unexpected PDF date {pdf_date!r}")
    y, mo, d, h, mi, s, sign, zh, zm = match.groups()
    zone = f"{sign}{zh}:{zm}" if sign else "Z"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def xmp(info: dict[str, str], lang: str, document_id: str, instance_id: str, pdfx: str | None = None) -> bytes:
    """The XMP packet: the document information (the same values as the Info
    dictionary), the PDF/UA-1 identification and, for a print-shop file, the
    PDF/X version."""
    def text(value: str) -> str:
        return escape(value)

    title, author, subject = info.get("/Title", ""), info.get("/Author", ""), info.get("/Subject", "")
    created, modified = _xmp_date(info["/CreationDate"]), _xmp_date(info["/ModDate"])
    pdfx_part = (f'   <pdfxid:GTS_PDFXVersion>{text(pdfx)}</pdfxid:GTS_PDFXVersion>\n'
                 f'   <pdf:Trapped>{text(info.get("/Trapped", "False").lstrip("/"))}</pdf:Trapped>\n') if pdfx else ""
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{text(author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{text(subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{text(lang)}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{text(info.get("/Keywords", ""))}</pdf:Keywords>
   <pdf:Producer>{text(info.get("/Producer", ""))}</pdf:Producer>
   <xmp:CreatorTool>{text(info.get("/Creator", ""))}</xmp:CreatorTool>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <xmpMM:DocumentID>uuid:{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:{instance_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfuaid:part>1</pdfuaid:part>
{pdfx_part}  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
    return packet.encode("utf-8")


def _widgets(pdf) -> dict[tuple[int, str, str | None], object]:
    """Every widget annotation by (page index, field name, on-state)."""
    import pikepdf

    found = {}
    for index, page in enumerate(pdf.pages):
        for annot in page.obj.get("/Annots", []):
            if annot.get("/Subtype") != pikepdf.Name.Widget:
                raise TaggingError(f"page {index + 1}: an annotation that is not a form widget: {annot.get('/Subtype')}")
            if "/T" in annot:
                key = (index, str(annot.T), None)
            else:  # a radio button: its group holds the name, its appearance the on-state
                states = [str(k)[1:] for k in annot.AP.N.keys() if k != "/Off"]
                key = (index, str(annot.Parent.T), states[0] if states else None)
            found[key] = annot
    return found


def _write_structure(pdf, root: Element) -> None:
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    pages = pdf.pages
    by_mcid = [{} for _ in pages]  # page index -> {mcid: element object}
    widgets = _widgets(pdf)
    widget_parents = []  # (widget annotation, Form element object), in reading order
    tree_root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))

    def build(element: Element, parent) -> pikepdf.Object:
        obj = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.tag), P=parent))
        if element.alt is not None:
            obj.Alt = pikepdf.String(element.alt)
        attributes = []
        if element.bbox is not None:
            attributes.append(Dictionary(O=Name.Layout, BBox=Array(element.bbox)))
        if element.list_numbering is not None:
            attributes.append(Dictionary(O=Name.List, ListNumbering=Name("/" + element.list_numbering)))
        if attributes:
            obj.A = attributes[0] if len(attributes) == 1 else Array(attributes)
        content_pages = {kid.page for kid in element.kids if isinstance(kid, (Content, Widget))}
        single = content_pages.pop() if len(content_pages) == 1 else None
        if single is not None:
            obj.Pg = pages[single].obj
        kids = Array()
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(build(kid, obj))
            elif isinstance(kid, Content):
                by_mcid[kid.page][kid.mcid] = obj
                kids.append(kid.mcid if single is not None else
                            Dictionary(Type=Name.MCR, Pg=pages[kid.page].obj, MCID=kid.mcid))
            elif isinstance(kid, Widget):
                annot = widgets.pop((kid.page, kid.name, kid.value), None)
                if annot is None:
                    raise TaggingError(f"page {kid.page + 1}: no widget of field {kid.name!r} ({kid.value})")
                widget_parents.append((annot, obj))
                kids.append(Dictionary(Type=Name.OBJR, Obj=annot, Pg=pages[kid.page].obj))
        obj.K = kids
        return obj

    document = build(root, tree_root)
    if widgets:
        raise TaggingError(f"form widgets without a Form element: {sorted(k[1] for k in widgets)}")
    nums = Array()
    for index, page in enumerate(pages):
        mcids = by_mcid[index]
        if sorted(mcids) != list(range(len(mcids))):
            raise TaggingError(f"page {index + 1}: marked content IDs {sorted(mcids)} are not 0..n-1")
        page.obj.StructParents = index
        page.obj.Tabs = Name.S  # tab order: the structure's
        nums.append(index)
        nums.append(pdf.make_indirect(Array([mcids[m] for m in range(len(mcids))])))
    key = len(pages)
    for annot, form in widget_parents:
        annot.StructParent = key
        nums.append(key)
        nums.append(form)
        key += 1
    tree_root.K = Array([document])
    tree_root.ParentTree = pdf.make_indirect(Dictionary(Nums=nums))
    tree_root.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = tree_root
    pdf.Root.MarkInfo = Dictionary(Marked=True)


def _fix_fonts(pdf) -> None:
    seen = set()
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", {}).get("/Font", {})
        for font in fonts.values():
            unicode_map = font.get("/ToUnicode")
            if unicode_map is None or unicode_map.objgen in seen:
                continue
            seen.add(unicode_map.objgen)
            fixed = fix_to_unicode(unicode_map.read_bytes())
            if fixed != unicode_map.read_bytes():
                unicode_map.write(fixed)


def finish(data: bytes, root: Element, pdfx=None) -> bytes:
    """The PDF ReportLab wrote (``data``), tagged: structure tree from
    ``root``, XMP metadata, viewer preferences, fixed ToUnicode maps; with
    ``pdfx`` (a :class:`publication.pdfx.OutputIntent`) a PDF/X-4 file."""
    import pikepdf
    from pikepdf import Dictionary, Name

    pdf = pikepdf.open(io.BytesIO(data))
    _write_structure(pdf, root)
    _fix_fonts(pdf)
    preferences = pdf.Root.get("/ViewerPreferences", Dictionary())
    preferences.DisplayDocTitle = True  # the window shows the title, not the file name
    pdf.Root.ViewerPreferences = preferences
    if pdfx is not None:
        pdfx.apply(pdf)
    info = {str(k): str(v) for k, v in pdf.trailer.Info.items()}
    lang = str(pdf.Root.get("/Lang", ""))
    # Identifiers derived from the content: reproducible, and distinct for distinct files.
    document_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{info.get('/Creator', '')}/{lang}/{info.get('/Title', '')}")
    instance_id = uuid.UUID(hashlib.sha256(data).hexdigest()[:32], version=4)
    metadata = pikepdf.Stream(pdf, xmp(info, lang, str(document_id), str(instance_id),
                                       pdfx.version if pdfx is not None else None))
    metadata.Type, metadata.Subtype = Name.Metadata, Name.XML
    pdf.Root.Metadata = pdf.make_indirect(metadata)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True, compress_streams=True, fix_metadata_version=False,
             object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()
