"""Generate the house-style reference document ``clause_library/templates/reference.docx``.

The reference .docx carries every style the Word renderer uses (headings, body, notes, sign-off
checklists, the contract table style, inline code, links, header and footer) and the page setup.
It is generated rather than edited in Word so that it stays small (no latent-style or theme
ballast: python-docx's own template carries about 800 KB of style definitions) and so that a
change to the house style is a reviewable diff of this file. The output is byte-for-byte
reproducible.

Run ``python tools/make_reference_docx.py`` to rewrite the shipped file, or with ``--check`` to
fail when the shipped file is out of date. A company that wants its own look opens the shipped
file in Word, changes the styles (not the names) and passes it with ``reference=``; the body of
the reference is a specimen of each style and is ignored when rendering.
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from contractgen.docx.ooxml import (  # noqa: E402
    CT_APP,
    CT_CORE,
    CT_DOCUMENT,
    CT_FONT_TABLE,
    CT_NUMBERING,
    CT_SETTINGS,
    CT_STYLES,
    RT_APP,
    RT_CORE,
    RT_NUMBERING,
    RT_OFFICE_DOCUMENT,
    RT_SETTINGS,
    RT_STYLES,
)
from contractgen.docx.package import Package, Relationship, serialize_rels  # noqa: E402

OUTPUT = REPO / "clause_library" / "templates" / "reference.docx"
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)

W_DECL = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# The house palette: navy headings, a quiet blue-grey for rules and table grid lines.
NAVY = "1F3864"
BLUE = "2F5496"
LINK = "1F5FA8"
TEXT = "1A1A1A"
MUTED = "595959"
GRID = "9CB0D0"
HEADER_FILL = "D9E2F3"
BAND_FILL = "F4F7FB"
NOTE_FILL = "EEF2F8"
CODE_FILL = "F2F2F2"

BODY_FONT = "Calibri"
CODE_FONT = "Consolas"
COMPLEX_SCRIPT_FONT = "Arial"

# A4 portrait with 2.2 cm side margins and 2.5 cm top/bottom (twentieths of a point).
PAGE_WIDTH = 11906
PAGE_HEIGHT = 16838
MARGIN_SIDE = 1247
MARGIN_TOP = 1418
MARGIN_BOTTOM = 1418
HEADER_DISTANCE = 709
FOOTER_DISTANCE = 567

# The clause outline: numbering definition 0, instance 1, linked to Heading 2, 3 and 4.
OUTLINE_ABSTRACT = 0
OUTLINE_NUM = 1

# Hanging indent of a checklist line: the ballot box sits in it, the text wraps to it.
CHECK_INDENT = 425


def _fonts(name: str) -> str:
    """Latin text in ``name``; complex scripts (Arabic, Hebrew) in Arial, which has them.

    East Asian text is left to Word's own East Asian default, as no Latin font covers it.
    """
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:cs="{COMPLEX_SCRIPT_FONT}"/>'


STYLES = f"""<w:styles {W_DECL}>
<w:docDefaults>
  <w:rPrDefault><w:rPr>{_fonts(BODY_FONT)}<w:color w:val="{TEXT}"/>
    <w:sz w:val="22"/><w:szCs w:val="22"/>
    <w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>
  </w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal">
  <w:name w:val="Normal"/><w:qFormat/>
  <w:pPr><w:widowControl/></w:pPr>
</w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
  <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>
  <w:unhideWhenUsed/>
</w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal">
  <w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
  <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
    <w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
    <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
  </w:tblCellMar></w:tblPr>
</w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList">
  <w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>
</w:style>
<w:style w:type="paragraph" w:styleId="Heading1">
  <w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
  <w:uiPriority w:val="9"/><w:qFormat/>
  <w:pPr><w:keepNext/><w:keepLines/>
    <w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{NAVY}"/></w:pBdr>
    <w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/>
    <w:outlineLvl w:val="0"/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="34"/><w:szCs w:val="34"/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:styleId="Heading2">
  <w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
  <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
  <w:pPr><w:keepNext/><w:keepLines/>
    <w:numPr><w:ilvl w:val="0"/><w:numId w:val="{OUTLINE_NUM}"/></w:numPr>
    <w:spacing w:before="320" w:after="120" w:line="240" w:lineRule="auto"/>
    <w:outlineLvl w:val="1"/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:styleId="Heading3">
  <w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
  <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
  <w:pPr><w:keepNext/><w:keepLines/>
    <w:numPr><w:ilvl w:val="1"/><w:numId w:val="{OUTLINE_NUM}"/></w:numPr>
    <w:spacing w:before="220" w:after="80" w:line="240" w:lineRule="auto"/>
    <w:outlineLvl w:val="2"/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:color w:val="{BLUE}"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:styleId="Heading4">
  <w:name w:val="heading 4"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
  <w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/>
  <w:pPr><w:keepNext/><w:keepLines/>
    <w:numPr><w:ilvl w:val="2"/><w:numId w:val="{OUTLINE_NUM}"/></w:numPr>
    <w:spacing w:before="160" w:after="60" w:line="240" w:lineRule="auto"/>
    <w:outlineLvl w:val="3"/></w:pPr>
  <w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:color w:val="{BLUE}"/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:styleId="TOC1">
  <w:name w:val="toc 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
  <w:uiPriority w:val="39"/><w:unhideWhenUsed/>
  <w:pPr><w:tabs><w:tab w:val="left" w:pos="709"/>
    <w:tab w:val="right" w:leader="dot" w:pos="{PAGE_WIDTH - 2 * MARGIN_SIDE}"/></w:tabs>
    <w:spacing w:before="60" w:after="40"/></w:pPr>
  <w:rPr><w:b/><w:bCs/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:styleId="TOC2">
  <w:name w:val="toc 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>
  <w:uiPriority w:val="39"/><w:unhideWhenUsed/>
  <w:pPr><w:tabs><w:tab w:val="left" w:pos="1418"/>
    <w:tab w:val="right" w:leader="dot" w:pos="{PAGE_WIDTH - 2 * MARGIN_SIDE}"/></w:tabs>
    <w:spacing w:after="20"/><w:ind w:left="709"/></w:pPr>
</w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph">
  <w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:after="60"/></w:pPr>
</w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Note">
  <w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
  <w:pPr><w:keepLines/>
    <w:pBdr><w:left w:val="single" w:sz="24" w:space="8" w:color="{BLUE}"/></w:pBdr>
    <w:shd w:val="clear" w:color="auto" w:fill="{NOTE_FILL}"/>
    <w:spacing w:before="120" w:after="160"/>
    <w:ind w:left="227" w:right="113"/></w:pPr>
  <w:rPr><w:color w:val="{NAVY}"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Checklist">
  <w:name w:val="Checklist"/><w:basedOn w:val="Normal"/><w:qFormat/>
  <w:pPr><w:keepLines/>
    <w:tabs><w:tab w:val="left" w:pos="{CHECK_INDENT}"/></w:tabs>
    <w:spacing w:before="80" w:after="160"/>
    <w:ind w:left="{CHECK_INDENT}" w:hanging="{CHECK_INDENT}"/></w:pPr>
</w:style>
<w:style w:type="paragraph" w:styleId="Header">
  <w:name w:val="header"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>
  <w:unhideWhenUsed/>
  <w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="{GRID}"/></w:pBdr>
    <w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
</w:style>
<w:style w:type="paragraph" w:styleId="Footer">
  <w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/>
  <w:unhideWhenUsed/>
  <w:pPr><w:pBdr><w:top w:val="single" w:sz="4" w:space="4" w:color="{GRID}"/></w:pBdr>
    <w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:color w:val="{MUTED}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
</w:style>
<w:style w:type="character" w:styleId="Hyperlink">
  <w:name w:val="Hyperlink"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/>
  <w:unhideWhenUsed/>
  <w:rPr><w:color w:val="{LINK}"/><w:u w:val="single"/></w:rPr>
</w:style>
<w:style w:type="character" w:customStyle="1" w:styleId="InlineCode">
  <w:name w:val="Inline Code"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
  <w:rPr>{_fonts(CODE_FONT)}<w:noProof/><w:sz w:val="19"/><w:szCs w:val="19"/>
    <w:shd w:val="clear" w:color="auto" w:fill="{CODE_FILL}"/></w:rPr>
</w:style>
<w:style w:type="table" w:customStyle="1" w:styleId="ContractTable">
  <w:name w:val="Contract Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  <w:tblPr><w:tblStyleRowBandSize w:val="1"/>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="{GRID}"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="{GRID}"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="{GRID}"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="{GRID}"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="{GRID}"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="{GRID}"/>
    </w:tblBorders>
    <w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:pPr><w:keepNext/></w:pPr>
    <w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/></w:rPr>
    <w:tblPr/>
    <w:trPr><w:tblHeader/></w:trPr>
    <w:tcPr><w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="{NAVY}"/>
      </w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>
  </w:tblStylePr>
  <w:tblStylePr w:type="band2Horz">
    <w:tblPr/><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{BAND_FILL}"/></w:tcPr>
  </w:tblStylePr>
</w:style>
</w:styles>"""


def _p(style: str, text: str) -> str:
    style_xml = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p>{style_xml}<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _cell(text: str, width: int) -> str:
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
    )


def _specimen_table() -> str:
    text_width = PAGE_WIDTH - 2 * MARGIN_SIDE
    widths = [text_width // 3, text_width - 2 * (text_width // 3), text_width // 3]
    rows = [("Priority", "Response", "Resolution"), ("P1", "1 hour", "4 hours")]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    body = []
    for index, row in enumerate(rows):
        tr_pr = "<w:cantSplit/><w:tblHeader/>" if index == 0 else "<w:cantSplit/>"
        cells = "".join(_cell(text, w) for text, w in zip(row, widths, strict=True))
        body.append(f"<w:tr><w:trPr>{tr_pr}</w:trPr>{cells}</w:tr>")
    return (
        '<w:tbl><w:tblPr><w:tblStyle w:val="ContractTable"/>'
        f'<w:tblW w:w="{text_width}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"
    )


def _document() -> str:
    code_run = (
        '<w:p><w:r><w:t xml:space="preserve">Body text with </w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="InlineCode"/></w:rPr><w:t>inline code</w:t></w:r>'
        '<w:r><w:t xml:space="preserve"> and a </w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>link</w:t></w:r>'
        "<w:r><w:t>.</w:t></w:r></w:p>"
    )
    checklist = (
        '<w:p><w:pPr><w:pStyle w:val="Checklist"/></w:pPr><w:r><w:t>\u2610</w:t></w:r>'
        "<w:r><w:tab/><w:t>Checklist: a sign-off line with a ballot box.</w:t></w:r></w:p>"
    )
    body = "".join(
        [
            _p("Heading1", "Heading 1: the exhibit title"),
            _p(
                "",
                "Normal: the body text of every exhibit. Edit the styles of this document, "
                "keep their names, and pass it as the reference document.",
            ),
            _p("Heading2", "Heading 2: a numbered section"),
            code_run,
            _p("Heading3", "Heading 3: a numbered clause"),
            _p("Heading4", "Heading 4: a numbered sub-clause"),
            _p("ListParagraph", "List Paragraph: the paragraph style of list items."),
            _p("Note", "Note: block quotes, used for notes and remarks."),
            checklist,
            _specimen_table(),
            _p("", "Contract Table: the table style (its header row repeats on every page)."),
        ]
    )
    sect = (
        f'<w:sectPr><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_SIDE}" w:bottom="{MARGIN_BOTTOM}"'
        f' w:left="{MARGIN_SIDE}" w:header="{HEADER_DISTANCE}" w:footer="{FOOTER_DISTANCE}"'
        ' w:gutter="0"/><w:cols w:space="708"/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    return f"<w:document {W_DECL}><w:body>{body}{sect}</w:body></w:document>"


SETTINGS = f"""<w:settings {W_DECL}>
<w:zoom w:percent="100"/>
<w:defaultTabStop w:val="709"/>
<w:characterSpacingControl w:val="doNotCompress"/>
<w:compat><w:compatSetting w:name="compatibilityMode"
  w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
<w:decimalSymbol w:val="."/>
<w:listSeparator w:val=","/>
</w:settings>"""

FONT_TABLE = f"""<w:fonts {W_DECL}>
<w:font w:name="{BODY_FONT}"><w:panose1 w:val="020F0502020204030204"/><w:charset w:val="00"/>
<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="{CODE_FONT}"><w:panose1 w:val="020B0609020204030204"/><w:charset w:val="00"/>
<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
</w:fonts>"""

CORE = """<cp:coreProperties
 xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>contractgen reference document</dc:title>
<dc:creator>contractgen</dc:creator>
<cp:revision>1</cp:revision>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>
</cp:coreProperties>"""

def _numbering() -> bytes:
    """The clause outline, as the renderer defines it (one definition, two writers)."""
    from lxml import etree

    from contractgen.docx.numbering import outline_abstract
    from contractgen.docx.ooxml import NSMAP, W, serialize, val

    root = etree.Element(W.numbering, nsmap=NSMAP)
    root.append(outline_abstract(OUTLINE_ABSTRACT, ("Heading2", "Heading3", "Heading4")))
    num = etree.SubElement(root, W.num, {W.numId: str(OUTLINE_NUM)})
    val(num, W.abstractNumId, OUTLINE_ABSTRACT)
    return serialize(root)


APP = """<Properties
 xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>contractgen</Application>
</Properties>"""


def _xml(text: str) -> bytes:
    return (XML_DECL + text + "\n").encode("utf-8")


def build_reference() -> bytes:
    """The reference .docx as bytes, identical on every run."""
    package = Package()
    package.put(
        "_rels/.rels",
        serialize_rels(
            [
                Relationship("rId1", RT_OFFICE_DOCUMENT, "word/document.xml"),
                Relationship("rId2", RT_CORE, "docProps/core.xml"),
                Relationship("rId3", RT_APP, "docProps/app.xml"),
            ]
        ),
    )
    package.put(
        "word/_rels/document.xml.rels",
        serialize_rels(
            [
                Relationship("rId1", RT_STYLES, "styles.xml"),
                Relationship("rId2", RT_SETTINGS, "settings.xml"),
                Relationship(
                    "rId3",
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable",
                    "fontTable.xml",
                ),
                Relationship("rId4", RT_NUMBERING, "numbering.xml"),
            ]
        ),
    )
    package.put("word/document.xml", _xml(_document()), CT_DOCUMENT)
    package.put("word/styles.xml", _xml(STYLES), CT_STYLES)
    package.put("word/settings.xml", _xml(SETTINGS), CT_SETTINGS)
    package.put("word/fontTable.xml", _xml(FONT_TABLE), CT_FONT_TABLE)
    package.put("word/numbering.xml", _numbering(), CT_NUMBERING)
    package.put("docProps/core.xml", _xml(CORE), CT_CORE)
    package.put("docProps/app.xml", _xml(APP), CT_APP)
    return package.to_bytes(when=FIXED_DATE)


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, verify) the shipped reference document."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the .docx")
    args = parser.parse_args(argv)
    data = build_reference()
    if args.check:
        current = args.output.read_bytes() if args.output.exists() else b""
        if current != data:
            print(
                f"{args.output} is out of date; run tools/make_reference_docx.py", file=sys.stderr
            )
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"wrote {args.output} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
