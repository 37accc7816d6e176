"""Reading articles as they really come: encodings, saved pages, JSONL corpora, folders."""
from __future__ import annotations

import json
import shutil

import pytest

from cli_run import ROOT, article_node, govkg, graph_data, without_paths
from loaders.articles import ArticleError, ArticleReader, find_article_files, iter_articles, read_article
from loaders.textio import find_date, iso_date

SAMPLE = ROOT / "seeds" / "003_0b007ece1c00521b.txt"
TEXT = "某市召开营商环境大会\n\n本报3月14日讯 某市行政审批服务局局长王五出席会议并讲话。\n"


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.write_bytes if isinstance(data, bytes) else path.write_text)(data)
    return path


# --------------------------------------------------------------------------- .txt encodings

@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "utf-16"])
def test_txt_in_every_chinese_encoding_reads_the_same_text(tmp_path, encoding):
    path = write(tmp_path / "a.txt", TEXT.encode(encoding))
    article = read_article(path)
    assert article.text == TEXT  # BOM dropped, nothing else changed: offsets match the UTF-8 copy
    assert article.id == "a" and article.title == "某市召开营商环境大会"


def test_short_gbk_text_is_not_taken_for_a_korean_code_page(tmp_path):
    # Unrestricted detection reads these 14 bytes as cp949; archives of Chinese news are not Korean.
    assert read_article(write(tmp_path / "s.txt", "张三出席会议。".encode("gbk"))).text == "张三出席会议。"


@pytest.mark.parametrize("text", ["“便民码”，选择", "“掌上办”，点击", "办？\n\n"])
def test_short_utf8_dense_with_quotes_is_read_as_utf8(tmp_path, text):
    # The detector's measures rank a GB18030 misreading of these bytes first; valid UTF-8 wins.
    assert read_article(write(tmp_path / "q.txt", text.encode())).text == text


def test_big5_text(tmp_path):
    text = "張三出席會議，推進改革。"
    assert read_article(write(tmp_path / "b.txt", text.encode("big5"))).text == text


def test_gbk_copy_of_a_sample_builds_the_same_graph(tmp_path):
    utf8_dir, gbk_dir = tmp_path / "utf8", tmp_path / "gbk"
    shutil.copy(SAMPLE, write(utf8_dir / SAMPLE.name, b""))
    write(gbk_dir / SAMPLE.name, SAMPLE.read_text(encoding="utf-8").encode("gb18030"))
    assert (gbk_dir / SAMPLE.name).read_bytes() != SAMPLE.read_bytes()
    runs = [govkg("build", folder, "--out", tmp_path / f"out-{folder.name}") for folder in (utf8_dir, gbk_dir)]
    assert [run.code for run in runs] == [0, 0], [run.stderr for run in runs]
    utf8_graph, gbk_graph = (without_paths(graph_data(tmp_path / f"out-{d.name}")) for d in (utf8_dir, gbk_dir))
    assert utf8_graph == gbk_graph
    assert article_node(gbk_graph, SAMPLE.stem)["title"] == "改革创新破难题 登高望远走在前"


# --------------------------------------------------------------------------- .html pages

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>某市推出“一窗通办”改革_某市新闻网</title>
{meta}
<style>.x {{ color: red }}</style><script>var ad = "脚本里的字";</script></head>
<body><header><nav><a href="/">首页</a> <a href="/n">新闻中心</a> <a href="/g">政务公开</a></nav></header>
<div class="breadcrumb">当前位置：首页 &gt; 本地新闻</div>
<div class="main"><article><h1>某市推出“一窗通办”改革</h1>{time}
<p>本报讯 某市行政审批服务局党组书记、局长王五介绍，该局全面推进“一窗通办”改革，群众办事更加便捷。</p>
<p>据了解，“一窗通办”改革覆盖全市12个区县，共梳理事项300余项，市民李四说现在到一个窗口就能办成事。</p>
<p>页面里写出来的标记 &lt;b&gt;加粗&lt;/b&gt; 是文字。</p></article></div>
<aside><h3>相关新闻</h3><ul><li><a href="/1">某区召开会议</a></li></ul></aside>
<footer>版权所有 某市新闻网 联系我们</footer><script>document.write("页尾广告")</script></body></html>"""


def page(charset="utf-8", meta="", time=""):
    return PAGE.format(charset=charset, meta=meta, time=time)


def test_html_page_gives_the_story_without_the_page_around_it(tmp_path):
    article = read_article(write(tmp_path / "news.html", page().encode()))
    assert article.id == "news" and article.title == "某市推出“一窗通办”改革"
    lines = article.text.splitlines()
    assert lines[0] == "某市推出“一窗通办”改革"
    assert "本报讯 某市行政审批服务局党组书记、局长王五介绍，该局全面推进“一窗通办”改革，群众办事更加便捷。" in lines
    assert "页面里写出来的标记 <b>加粗</b> 是文字。" in lines  # entities decoded once, markup not parsed
    for boilerplate in ("脚本里的字", "页尾广告", "color", "首页", "当前位置", "相关新闻", "版权所有"):
        assert boilerplate not in article.text
    assert article.date is None


@pytest.mark.parametrize("meta, time, expected", [
    ('<meta property="article:published_time" content="2024-03-14T08:30:00+08:00">', "", "2024-03-14"),
    ("", '<time datetime="2023-05-06T09:00">5月6日</time>', "2023-05-06"),
    ("", "<p>发布时间：2021年7月8日 10:20</p>", "2021-07-08"),
])
def test_html_date_from_markup_or_text(tmp_path, meta, time, expected):
    assert read_article(write(tmp_path / "d.htm", page(meta=meta, time=time).encode())).date == expected


def test_gb2312_page_with_characters_only_gbk_has(tmp_path):
    markup = page(charset="gb2312").replace("王五", "王镕")  # 镕 is in GBK, not in GB2312
    article = read_article(write(tmp_path / "gb.html", markup.encode("gb18030")))
    assert "局长王镕介绍" in article.text


def test_table_layout_portal_page(tmp_path):
    markup = """<html><head><title>某区召开大会-某区人民政府</title></head><body>
    <div id="top"><ul class="menu"><li>首页</li><li>机构设置</li><li>政务公开</li></ul></div>
    <table><tr><td class="title">某区召开第三届营商环境大会</td></tr>
    <tr><td>发布日期：2023年11月02日 10:20</td></tr>
    <tr><td><div class="TRS_Editor"><p>11月1日，某区第三届营商环境大会在区会议中心召开。区委副书记、区长孙七出席并讲话。</p>
    <p>会议部署了下一步任务。</p></div></td></tr></table>
    <div class="footer">主办：某区人民政府办公室</div></body></html>"""
    article = read_article(write(tmp_path / "portal.html", markup.encode("gb18030")))
    assert article.text.split("\n") == [
        "某区召开大会-某区人民政府", "某区召开第三届营商环境大会", "发布日期：2023年11月02日 10:20",
        "11月1日，某区第三届营商环境大会在区会议中心召开。区委副书记、区长孙七出席并讲话。", "会议部署了下一步任务。"]
    assert article.date == "2023-11-02"


def test_html_offsets_refer_to_the_extracted_text(tmp_path):
    article = read_article(write(tmp_path / "o.html", page().encode()))
    start = article.text.index("局长王五")
    assert article.text[start:start + 4] == "局长王五"


# --------------------------------------------------------------------------- .jsonl corpora

def test_jsonl_records_become_articles(tmp_path):
    corpus = write(tmp_path / "corpus.jsonl", "\n".join([
        json.dumps({"text": "甲文", "title": "标题甲", "date": "2024-03-14T08:00:00", "url": "https://x/1", "id": "a-1"},
                   ensure_ascii=False),
        "",
        json.dumps({"text": "乙文", "date": "2023年1月2日"}, ensure_ascii=False),
        json.dumps({"text": "丙文", "id": 7}),
    ]) + "\n")
    articles = list(iter_articles([corpus]))
    assert [(a.id, a.title, a.date, a.text, a.url) for a in articles] == [
        ("a-1", "标题甲", "2024-03-14", "甲文", "https://x/1"),
        ("corpus#3", None, "2023-01-02", "乙文", None),
        ("7", None, None, "丙文", None),
    ]


@pytest.mark.parametrize("line, reason", [
    ("{not json", "not JSON"),
    ('{"title": "无正文"}', 'no "text" field'),
    ('{"text": 5}', '"text" is int, not a string'),
    ('{"text": "  "}', '"text" is empty'),
    ('["text"]', "not a JSON object but list"),
    ('{"text": "文", "date": "去年"}', "is not a date"),
    ('{"text": "文", "id": {"a": 1}}', '"id" is dict'),
    ('{"text": "a\\ud800"}', "unpaired surrogate"),
])
def test_jsonl_bad_line_is_reported_by_number_and_the_rest_read(tmp_path, line, reason):
    corpus = write(tmp_path / "c.jsonl", f'{{"text": "好"}}\n{line}\n{{"text": "也好"}}\n')
    reader = ArticleReader()
    assert [a.text for a in reader.read([corpus])] == ["好", "也好"]
    (error,) = reader.skipped
    assert str(error).startswith(f"{corpus}:2: ") and reason in str(error)


def test_duplicate_ids_are_refused(tmp_path):
    corpus = write(tmp_path / "c.jsonl", '{"text": "一", "id": "x"}\n{"text": "二", "id": "x"}\n')
    write(tmp_path / "x.txt", "三")
    reader = ArticleReader()
    assert [a.text for a in reader.read([tmp_path])] == ["一"]
    assert [str(e) for e in reader.skipped] == [
        f"{corpus}:2: article id 'x' was already read from {corpus}:1",
        f"{tmp_path / 'x.txt'}: article id 'x' was already read from {corpus}:1"]


# --------------------------------------------------------------------------- folders

def test_folders_are_read_recursively_in_order_and_other_files_noted(tmp_path):
    write(tmp_path / "b" / "deep" / "z.txt", "乙")
    write(tmp_path / "a.TXT", "甲")
    write(tmp_path / "b" / "p.htm", page().encode())
    write(tmp_path / "b" / "c.jsonl", '{"text": "丙"}\n')
    write(tmp_path / "b" / "photo.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path / "notes", "无扩展名")
    write(tmp_path / ".hidden" / "h.txt", "藏")
    write(tmp_path / ".DS_Store", b"\x00")
    found = [str(p.relative_to(tmp_path)) if not isinstance(p, ArticleError) else f"note {p.path}"
             for p in find_article_files([tmp_path])]
    assert found == ["a.TXT", f"note {tmp_path / 'notes'}", "b/c.jsonl", "b/p.htm",
                     f"note {tmp_path / 'b/photo.png'}", "b/deep/z.txt"]
    messages = []
    reader = ArticleReader(report=messages.append)
    assert [a.id for a in reader.read([tmp_path])] == ["a", "c#1", "p", "z"]
    assert reader.skipped == [] and len(reader.notes) == 2
    assert messages == [f"{tmp_path / 'notes'}: skipped: no extension is not an article type (.txt, .html, .htm, .jsonl)",
                        f"{tmp_path / 'b/photo.png'}: skipped: .png is not an article type (.txt, .html, .htm, .jsonl)"]


def test_notes_do_not_fail_a_build(tmp_path):
    write(tmp_path / "in" / "a.txt", TEXT)
    write(tmp_path / "in" / "README.md", "# corpus")
    run = govkg("build", tmp_path / "in", "--out", tmp_path / "out")
    assert run.code == 0
    assert run.messages == [f"govkg: {tmp_path / 'in' / 'README.md'}: skipped: .md is not an article type "
                            "(.txt, .html, .htm, .jsonl)"]


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize("value, expected", [
    ("2024-03-14", "2024-03-14"), ("2024-03-14T08:30:00+08:00", "2024-03-14"), ("2024/3/5", "2024-03-05"),
    ("2024年3月5日", "2024-03-05"), ("2024-02-30", None), ("3月5日", None), ("昨天", None)])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


def test_find_date_takes_the_first_full_date_in_the_text():
    assert find_date("2023年规划。发布于2024年3月5日，修订于2024-04-01。") == "2024-03-05"
    assert find_date("更新 2024-04-01，原载2024年3月5日") == "2024-04-01"
    assert find_date("今年3月5日") is None
