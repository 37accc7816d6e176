from graph.text import Doc


def test_normalised_text_maps_back_to_original_offsets():
    original = "甲局：推行“一网通办”，（记者　王五）"
    doc = Doc(original)
    assert ":" in doc.text and "(" in doc.text and "　" not in doc.text
    start = doc.text.index("一网通办")
    span = doc.original_span(start, start + 4)
    assert original[span.start:span.end] == "一网通办"


def test_layout_broken_paragraph_is_joined_but_headlines_are_not():
    original = "某区召开推进会\n\n会议指出，要持续推进工程建设项目审批\n\n制度改革，提升效率。\n"
    doc = Doc(original)
    bodies = [doc.text[s.start:s.end] for s in doc.sentences]
    assert bodies[0] == "某区召开推进会" and doc.sentences[0].headline
    assert any("审批制度改革" in b for b in bodies)


def test_headlines_start_news_items():
    doc = Doc("第一条消息标题\n正文一句。\n第二条消息标题\n正文二句。\n")
    sections = {doc.text[s.start:s.end]: s.section for s in doc.sentences}
    assert sections["正文一句。"] != sections["正文二句。"]


def test_straight_and_corner_quotes_read_as_curly_ones():
    doc = Doc('推行"一网通办"和「跨省通办」改革')
    assert doc.text == "推行“一网通办”和“跨省通办”改革"
