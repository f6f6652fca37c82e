"""The engine on hand-made WordprocessingML: fields, bookmarks, content controls, numbering,
formatting, tables. Each case is the smallest body that shows one construct."""

from __future__ import annotations

from lxml import etree

from contractgen.redline.engine import BodyDiff, stamp
from contractgen.redline.wordml import W_NS

NS = {"w": W_NS}
W = f'xmlns:w="{W_NS}"'


def body(xml: str) -> list[etree._Element]:
    return list(etree.fromstring(f"<w:body {W}>{xml}</w:body>"))


def merge(old: str, new: str) -> tuple[etree._Element, BodyDiff, int]:
    diff = BodyDiff()
    root = etree.fromstring(f"<w:body {W}/>")
    root.extend(diff.blocks(body(old), body(new)))
    count = stamp(root, "Reviewer", "2027-03-01T00:00:00Z", 100)
    return root, diff, count


def texts(root: etree._Element, xpath: str) -> list[str]:
    return ["".join(el.itertext()) for el in root.xpath(xpath, namespaces=NS)]


def run(text: str, rpr: str = "") -> str:
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(*runs: str, ppr: str = "") -> str:
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def ref_field(bookmark: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> REF {bookmark} \\r \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_word_change_is_a_deletion_and_an_insertion() -> None:
    root, _, count = merge(para(run("within thirty days")), para(run("within forty-five days")))
    assert texts(root, "//w:del") == ["thirty"]
    assert texts(root, "//w:ins") == ["forty-five"]
    assert root.xpath("//w:del/w:r/w:delText", namespaces=NS)
    assert count == 2


def test_ref_field_whose_result_moved_is_not_a_change() -> None:
    """A clause inserted earlier renumbers the target: the cached result changes, the
    instruction does not, and the redline keeps the new field untouched."""
    old = para(run("as set out in Section "), ref_field("_Ref_escalation", "9"), run("."))
    new = para(run("as set out in Section "), ref_field("_Ref_escalation", "10"), run("."))
    root, _, count = merge(old, new)
    assert count == 0
    assert texts(root, "//w:t") == ["as set out in Section ", "10", "."]
    assert len(root.xpath("//w:fldChar", namespaces=NS)) == 3


def test_field_pointing_elsewhere_is_replaced_whole() -> None:
    old = para(run("see Section "), ref_field("_Ref_penalties", "10"))
    new = para(run("see Section "), ref_field("_Ref_rewards", "11"))
    root, _, _ = merge(old, new)
    deleted = root.xpath("//w:del", namespaces=NS)
    inserted = root.xpath("//w:ins", namespaces=NS)
    assert len(deleted) == 1 and len(inserted) == 1
    # the whole old field is deleted text (its code too), the whole new one inserted
    assert deleted[0].xpath("count(.//w:fldChar)", namespaces=NS) == 3
    assert deleted[0].xpath(".//w:delInstrText", namespaces=NS)
    assert not deleted[0].xpath(".//w:instrText | .//w:t", namespaces=NS)
    assert inserted[0].xpath("count(.//w:fldChar)", namespaces=NS) == 3


def test_bookmarks_are_never_changes_and_the_new_ones_are_kept() -> None:
    old = para(
        '<w:bookmarkStart w:id="3" w:name="_Ref_old"/>',
        run("Escalation"),
        '<w:bookmarkEnd w:id="3"/>',
    )
    new = para(
        '<w:bookmarkStart w:id="7" w:name="_Ref_escalation"/>',
        run("Escalation"),
        '<w:bookmarkEnd w:id="7"/>',
    )
    root, _, count = merge(old, new)
    assert count == 0
    assert root.xpath("//w:bookmarkStart/@w:name", namespaces=NS) == ["_Ref_escalation"]


def test_revision_ids_start_after_the_existing_ids() -> None:
    old = para(run("one two"))
    new = para(
        '<w:bookmarkStart w:id="0" w:name="a"/>', run("one three"), '<w:bookmarkEnd w:id="0"/>'
    )
    root, _, count = merge(old, new)
    ids = root.xpath("//w:ins/@w:id | //w:del/@w:id", namespaces=NS)
    assert count == 2 and sorted(ids) == ["100", "101"]


def test_list_items_whose_list_id_changed_are_not_changes() -> None:
    def item(num_id: int, text: str) -> str:
        numpr = f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        return para(run(text), ppr=f'<w:pPr><w:pStyle w:val="ListParagraph"/>{numpr}</w:pPr>')

    old = item(3, "first condition") + item(3, "second condition") + item(3, "third condition")
    new = item(5, "first condition") + item(5, "third condition")
    root, diff, count = merge(old, new)
    assert count == 2  # the removed item: its text and its paragraph mark
    assert texts(root, "//w:p[w:pPr/w:rPr/w:del]") == ["second condition"]
    assert diff.num_pairs == {"3": "5"}
    assert [ref.get(f"{{{W_NS}}}val") for ref in diff.old_num_refs] == ["3"]


def test_formatting_only_change_is_rpr_change() -> None:
    root, _, count = merge(para(run("Pacific")), para(run("Pacific", "<w:rPr><w:b/></w:rPr>")))
    assert count == 1
    change = root.xpath("//w:r/w:rPr/w:rPrChange", namespaces=NS)
    assert len(change) == 1
    assert change[0].getparent().find(f"{{{W_NS}}}b") is not None
    assert not root.xpath("//w:ins | //w:del", namespaces=NS)


def test_paragraph_style_change_is_ppr_change() -> None:
    old = para(run("Exclusions"), ppr='<w:pPr><w:pStyle w:val="Heading3"/></w:pPr>')
    new = para(run("Exclusions"), ppr='<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>')
    root, _, count = merge(old, new)
    assert count == 1
    assert root.xpath("//w:pPrChange/w:pPr/w:pStyle/@w:val", namespaces=NS) == ["Heading3"]


def test_inline_content_control_is_atomic() -> None:
    def checkbox(state: str, label: str) -> str:
        return (
            '<w:sdt><w:sdtPr><w:tag w:val="site-ready"/><w:checkbox/></w:sdtPr>'
            f"<w:sdtContent>{run(state)}</w:sdtContent></w:sdt>{run(label)}"
        )

    _, _, count = merge(para(checkbox("☐", " Site ready")), para(checkbox("☐", " Site ready")))
    assert count == 0
    root, _, count = merge(para(checkbox("☐", " Site ready")), para(checkbox("☒", " Site ready")))
    # the old control's content is deleted inside it, the new one's inserted inside it
    assert len(root.xpath("//w:sdt", namespaces=NS)) == 2
    assert texts(root, "//w:sdt//w:del") == ["☐"]
    assert texts(root, "//w:sdt//w:ins") == ["☒"]
    assert not root.xpath("//w:del//w:sdt | //w:ins//w:sdt", namespaces=NS)


def test_block_content_control_content_is_compared_inside() -> None:
    def block(text: str) -> str:
        return (
            '<w:sdt><w:sdtPr><w:tag w:val="notes"/></w:sdtPr>'
            f"<w:sdtContent>{para(run(text))}</w:sdtContent></w:sdt>"
        )

    root, _, count = merge(block("Shelf 4 wobbles"), block("Shelf 4 fixed"))
    assert count == 2
    assert root.xpath("count(//w:sdt)", namespaces=NS) == 1
    assert texts(root, "//w:sdt//w:del") == ["wobbles"]


def test_inserted_and_deleted_paragraphs_mark_their_paragraph_marks() -> None:
    old = para(run("Keep.")) + para(run("Drop this."))
    new = para(run("Added first.")) + para(run("Keep."))
    root, _, _ = merge(old, new)
    assert texts(root, "//w:p[w:pPr/w:rPr/w:ins]") == ["Added first."]
    assert texts(root, "//w:p[w:pPr/w:rPr/w:del]") == ["Drop this."]
    assert texts(root, "//w:p[not(w:pPr/w:rPr/w:ins or w:pPr/w:rPr/w:del)]") == ["Keep."]


def table(*rows: tuple[str, ...]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{para(run(c))}</w:tc>" for c in row) + "</w:tr>" for row in rows
    )
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="ContractTable"/></w:tblPr>{cells}</w:tbl>'


def test_table_rows_and_cells() -> None:
    old = table(("Activity", "Partner"), ("Training", "RA"), ("Support", "RA"), ("Firmware", "C"))
    new = table(("Activity", "Partner"), ("Support", "R"), ("Firmware", "C"), ("Spares", "C"))
    root, _, _ = merge(old, new)
    assert root.xpath("count(//w:tbl)", namespaces=NS) == 1
    assert texts(root, "//w:tr[w:trPr/w:del]") == ["TrainingRA"]
    assert texts(root, "//w:tr[w:trPr/w:ins]") == ["SparesC"]
    # the edited cell is an in-cell change, its row is not tracked as a whole
    changed = root.xpath("//w:tr[.//w:t='Support']", namespaces=NS)[0]
    assert changed.find(f"{{{W_NS}}}trPr") is None
    assert texts(changed, ".//w:del") == ["RA"] and texts(changed, ".//w:ins") == ["R"]


def test_hyperlink_text_change_stays_inside_the_link() -> None:
    link = '<w:hyperlink xmlns:r="urn:r" r:id="rId9">{}</w:hyperlink>'
    old = para(run("Write to "), link.format(run("support@old.example")))
    new = para(run("Write to "), link.format(run("support@new.example")))
    root, _, count = merge(old, new)
    assert count == 2
    assert root.xpath("count(//w:hyperlink//w:ins)", namespaces=NS) == 1
    # a deleted piece of an old link is not inside a link (its relationship is the old file's)
    assert root.xpath("count(//w:hyperlink//w:del)", namespaces=NS) == 0


def test_output_is_deterministic() -> None:
    old = para(run("alpha beta gamma")) + table(("a", "b"))
    new = para(run("alpha delta gamma")) + table(("a", "c"), ("d", "e"))
    first = etree.tostring(merge(old, new)[0])
    assert first == etree.tostring(merge(old, new)[0])


def test_nested_field_is_one_atom_keyed_by_its_whole_instruction() -> None:
    def nested(result: str) -> str:
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>'
            + ref_field("_Ref_fcr", result)
            + '<w:r><w:instrText xml:space="preserve"> = "" "" "x" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + run("x")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    root, _, count = merge(para(run("a "), nested("7")), para(run("a "), nested("8")))
    assert count == 0 and root.xpath("count(//w:fldChar)", namespaces=NS) == 6


def test_unterminated_field_does_not_break_the_paragraph() -> None:
    broken = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + run("left open")
    root, _, count = merge(para(run("one "), broken), para(run("two "), broken))
    assert texts(root, "//w:del") == ["one"] and texts(root, "//w:ins") == ["two"]
    assert count == 2
