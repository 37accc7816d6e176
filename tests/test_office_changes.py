"""Changes of office (任命, 免去, 当选, 提名, 拟任) read from sentences of our own, and the time they
put on HOLDS_POSITION edges: start, end, status, and who held a post on a day."""
import json

import pytest

from graph import schema as S
from graph import tenure
from graph.extract import extract
from graph.model import Article, Evidence
from tests.extract_helpers import facts_of, relations
from tests.tenure_articles import AFTER, BEFORE, HANDOVER, graph_of, post_edge

LIST = ("浦江县人大常委会任免名单\n"
        "（2024年5月20日浦江县第十八届人民代表大会常务委员会第十九次会议通过）\n"
        "一、决定任命：\n"
        "韩立新为浦江县行政审批服务局局长；\n"
        "苗青为浦江县市场监督管理局局长。\n"
        "二、决定免去：\n"
        "郑大勇的浦江县行政审批服务局局长职务；\n"
        "苗青的浦江县教育和体育局局长职务。\n")

NOTICE = ("干部任前公示\n"
          "根据有关规定，现将拟任职人选予以公示。\n"
          "柴文静，女，汉族，1982年4月生，大学学历，现任临沭县人力资源和社会保障局副局长，"
          "拟任临沭县政务服务管理局局长。\n"
          "公示时间：2025年3月3日至3月7日。\n")

NEWS = ("本报讯 2023年6月11日，宁乡市政务服务管理局召开干部大会，宣布市委决定：葛明辉任宁乡市政务服务管理局"
        "党组书记、局长，免去章立平的宁乡市政务服务管理局局长职务。副市长沈红梅出席会议并讲话。\n"
        "在宁乡市第九届人民代表大会第三次会议上，蔡永和当选为宁乡市人民政府市长。"
        "会议提名邬晓燕为宁乡市人民政府副市长候选人。\n"
        "会议决定任命褚建军为宁乡市发展和改革局局长，免去其宁乡市商务局局长职务。\n")


def posts(text: str) -> dict[tuple[str, str], list[tuple[str, str | None]]]:
    """(person, body) → [(change, change date)] of the article's HOLDS_POSITION evidence."""
    facts, names = facts_of(text)
    return {(names[r.source], names[r.target]): [(e.change, e.change_date) for e in r.evidence]
            for r in facts.relations if r.type == S.HOLDS_POSITION}


def test_an_appointment_list_is_read_under_its_headings_with_the_meeting_date():
    found = posts(LIST)
    assert found[("韩立新", "浦江县行政审批服务局")] == [("appointed", "2024-05-20")]
    assert found[("苗青", "浦江县市场监督管理局")] == [("appointed", "2024-05-20")]
    assert found[("郑大勇", "浦江县行政审批服务局")] == [("removed", "2024-05-20")]
    assert found[("苗青", "浦江县教育和体育局")] == [("removed", "2024-05-20")]


def test_a_notice_gives_the_current_post_and_the_proposed_one_to_the_person_it_opens_with():
    found = posts(NOTICE)
    assert found[("柴文静", "临沭县人力资源和社会保障局")] == [("holds", None)]
    assert found[("柴文静", "临沭县政务服务管理局")] == [("proposed", "2025-03-03")]


def test_news_of_appointments_removals_elections_and_nominations():
    found = posts(NEWS)
    assert found[("葛明辉", "宁乡市政务服务管理局")] == [("appointed", "2023-06-11")]
    assert found[("章立平", "宁乡市政务服务管理局")] == [("removed", "2023-06-11")]
    assert found[("沈红梅", "宁乡市人民政府")] == [("holds", None)]
    assert found[("蔡永和", "宁乡市人民政府")][0][0] == "elected"
    assert found[("邬晓燕", "宁乡市人民政府")][0][0] == "nominated"
    # 免去其: the person the sentence named before
    assert found[("褚建军", "宁乡市发展和改革局")][0][0] == "appointed"
    assert found[("褚建军", "宁乡市商务局")][0][0] == "removed"


@pytest.mark.parametrize("sentence, change", [
    ("经研究，宣布洪文涛任济宁市行政审批服务局局长。", "appointed"),
    ("洪文涛不再担任济宁市行政审批服务局局长职务。", "removed"),
    ("洪文涛辞去济宁市行政审批服务局局长职务。", "removed"),
    ("选举洪文涛为济宁市人民政府市长。", "elected"),
    ("济宁市行政审批服务局局长洪文涛出席。", "holds"),
])
def test_one_sentence_one_change(sentence, change):
    (found,) = posts(sentence).values()
    assert found[0][0] == change


def test_a_post_that_changes_hands_between_articles_has_one_holder_on_each_day():
    graph = graph_of(BEFORE, HANDOVER, AFTER)
    old, new = post_edge(graph, "洪文涛", "济宁市行政审批服务局"), post_edge(graph, "龚雪", "济宁市行政审批服务局")
    assert (old[S.STATUS], old[S.END], old[S.FIRST_SEEN], old[S.LAST_SEEN]) == \
        ("former", "2023-06-15", "2022-03-01", "2023-06-15")
    assert (new[S.STATUS], new[S.START], new[S.LAST_HELD]) == ("current", "2023-06-15", "2024-01-10")

    def holders(on):
        return sorted(graph.nodes[u][S.NAME] for u, v, d in graph.edges(data=True)
                      if d[S.TYPE] == S.HOLDS_POSITION and graph.nodes[v][S.NAME] == "济宁市行政审批服务局"
                      and tenure.held_on(d, on))
    assert holders("2022-01-01") == []
    assert holders("2022-05-01") == ["洪文涛"]
    assert holders("2023-07-01") == ["龚雪"]
    assert holders("2024-03-01") == ["龚雪"]


def test_a_removal_never_adds_a_current_post_whatever_order_the_articles_come_in():
    for order in ((BEFORE, HANDOVER), (HANDOVER, BEFORE)):
        edge = post_edge(graph_of(*order), "洪文涛", "济宁市行政审批服务局")
        assert edge[S.STATUS] == "former"


def test_evidence_carries_the_article_date_and_edges_when_they_were_seen():
    graph = graph_of(BEFORE, AFTER)
    for _, _, data in graph.edges(data=True):
        assert all(item["date"] in ("2022-03-01", "2024-01-10") for item in data[S.EVIDENCE])
        dates = sorted(item["date"] for item in data[S.EVIDENCE])
        assert (data[S.FIRST_SEEN], data[S.LAST_SEEN]) == (dates[0], dates[-1])
    json.dumps(S.DATE_PROPERTIES)  # the keys are plain strings the loaders can name


def test_an_article_without_metadata_takes_a_full_date_near_its_top():
    facts = extract(Article(id="n", path="n.txt", text=NOTICE))
    assert facts.article.date == "2025-03-03"


def evidence(change: str, date: str | None) -> Evidence:
    return Evidence("a", "s", 0, 1, date=date, change=change, change_date=date)


@pytest.mark.parametrize("changes, expected", [
    ([("appointed", "2020-01-01"), ("removed", "2021-01-01")], "former"),
    ([("removed", "2021-01-01"), ("appointed", "2022-01-01")], "current"),
    ([("holds", "2021-01-01"), ("removed", "2021-01-01")], "former"),
    ([("proposed", "2021-01-01")], "pending"),
    ([("proposed", "2021-01-01"), ("appointed", "2021-02-01")], "current"),
    ([("removed", None), ("holds", None)], "former"),
    ([("nominated", None), ("holds", None)], "current"),
])
def test_status_from_the_changes_stated(changes, expected):
    assert tenure.tenure([evidence(c, d) for c, d in changes])[S.STATUS] == expected


def test_an_election_result_names_a_list_and_stands_between_name_and_post():
    found = posts("12月22日，浦江县第十八届人民代表大会第一次会议举行选举。"
                  "卫东升以180票当选为县十八届人大常委会主任，葛华、蒋丽和沈涛当选副县长；"
                  "韦刚等20名代表当选为县十八届人大常委会委员。")
    congress = "浦江县人民代表大会常务委员会"
    assert found[("卫东升", congress)][0][0] == "elected"
    assert found[("韦刚", congress)][0][0] == "elected"
    assert all(found[(name, "浦江县人民政府")][0][0] == "elected" for name in ("葛华", "蒋丽", "沈涛"))


def test_comrade_before_the_cue_and_a_person_named_earlier_in_the_sentence():
    found = posts("会议宣布，许文同志任济宁市行政审批服务局局长。"
                  "现任济宁市行政审批服务局局长孔岩，在本轮公示中拟任济宁市人民政府副市长。")
    assert found[("许文", "济宁市行政审批服务局")][0][0] == "appointed"
    assert found[("孔岩", "济宁市人民政府")][0][0] == "proposed"


def test_traditional_script_is_read_and_the_written_name_kept():
    facts, names = facts_of("會議決定任命侯為東為濟寧市人民政府副市長。")
    (post,) = [r for r in facts.relations if r.type == S.HOLDS_POSITION]
    person = next(e for e in facts.entities if e.id == post.source)
    assert names[post.target] == "济宁市人民政府" and post.evidence[0].change == "appointed"
    assert "侯為東" in {person.name, *person.aliases}


def test_a_day_without_its_year_is_in_the_year_of_the_article_and_never_after_it():
    facts = extract(Article(id="y", path="y.txt", date="2024-01-05",
                            text="12月28日，会议决定任命许文为济宁市行政审批服务局局长。"))
    (post,) = [r for r in facts.relations if r.type == S.HOLDS_POSITION]
    assert post.evidence[0].change_date == "2023-12-28"


def test_the_day_in_a_news_address_dates_an_article_without_one():
    facts = extract(Article(id="u", path="u.txt", url="http://news.example.cn/xw/201905/t20190517_1.html",
                            text="济宁市行政审批服务局局长许文出席会议。"))
    assert facts.article.date == "2019-05-17"


def test_a_post_of_the_past_is_held_never_current():
    facts, names = facts_of("会议选举周立新为市长。周立新曾任成都市委常委。")
    (post,) = [r for r in facts.relations if r.type == S.HOLDS_POSITION and names[r.target] == "中共成都市委"]
    assert names[post.source] == "周立新"   # not 周立新曾: the cue is 曾任
    assert [e.change for e in post.evidence] == [S.HELD]
    assert tenure.tenure(post.evidence)[S.STATUS] == S.FORMER


def test_a_decision_read_whole_appointed_nominated_and_removed():
    facts, names = facts_of("宣布省委决定：周明远任中共恩施州委委员、常委、副书记，提名为恩施州人民政府州长候选人；"
                            "免去钱志华中共恩施州委副书记、常委、委员职务。")
    changes = {(names[r.source], names[r.target], e.change) for r in facts.relations
               if r.type == S.HOLDS_POSITION for e in r.evidence}
    assert changes == {("周明远", "中共恩施土家族苗族自治州委", S.APPOINTED),
                       ("周明远", "恩施土家族苗族自治州人民政府", S.NOMINATED),
                       ("钱志华", "中共恩施土家族苗族自治州委", S.REMOVED)}


def test_a_list_of_posts_with_colons():
    facts, names = facts_of("新一届党政正职名单如下：\n南山区委书记：赵志强\n南山区代区长：钱立群")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert posts == {("赵志强", "中共南山区委", "书记"), ("钱立群", "南山区人民政府", "代区长")}


def test_a_removed_name_ends_where_the_body_begins():
    facts, names = facts_of("宣布省委决定：免去迟中华中共楚雄州委副书记、常委、委员职务。")
    assert ("迟中华", "中共楚雄彝族自治州委", "副书记、常委、委员") in relations(facts, names, S.HOLDS_POSITION)


def test_a_list_of_people_each_with_a_post_elected_together():
    facts, names = facts_of("换届中，吉林省副省长蔡东明、吉林省副省长李大伟、白城市委书记李明远，新当选为吉林省委常委。"
                            "李大伟已任吉林省委秘书长。")
    changes = {(names[r.source], e.change) for r in facts.relations
               if r.type == S.HOLDS_POSITION and names[r.target] == "中共吉林省委" for e in r.evidence}
    assert changes == {("蔡东明", S.ELECTED), ("李大伟", S.ELECTED), ("李明远", S.ELECTED), ("李大伟", S.APPOINTED)}


def test_a_relative_body_right_after_the_verb_of_change():
    facts, names = facts_of("三沙市召开会议。陈际阳、蔡喜宏当选市人大常委会委员。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert posts == {("陈际阳", "三沙市人民代表大会常务委员会", "委员"), ("蔡喜宏", "三沙市人民代表大会常务委员会", "委员")}


def test_a_resignation_stated_after_a_list_of_names_and_titles_inherited_within_the_sentence():
    facts, names = facts_of("榕江县召开会议。会议就县人民法院院长李宗林、县人民检察院检察长杨通辉关于辞去领导职务的报告进行了审查。")
    changes = {(names[r.source], e.change) for r in facts.relations if r.type == S.HOLDS_POSITION for e in r.evidence}
    assert changes == {("李宗林", S.REMOVED), ("杨通辉", S.REMOVED)}
    facts, names = facts_of("省十三届人大常委会会议在太原举行。省人大常委会副主任罗清宇主持会议，副主任卫小春、岳普煜出席。")
    holders = {p for p, body, _ in relations(facts, names, S.HOLDS_POSITION) if body == "山西省人民代表大会常务委员会"}
    assert holders == {"罗清宇", "卫小春", "岳普煜"}


def test_names_in_two_parts_joined_by_a_dot():
    facts, names = facts_of("当日，哈力艾力·柯赛江当选霍尔果斯市人大常委会主任。推出“洛人社·掌上办”服务。")
    assert relations(facts, names, S.HOLDS_POSITION) == {("哈力艾力·柯赛江", "霍尔果斯市人民代表大会常务委员会", "主任")}
    assert "洛人社·掌上办" not in {e.name for e in facts.entities if S.PERSON in e.labels}


def test_a_move_ends_the_post_before_the_name_and_a_predecessor_held_it():
    facts, names = facts_of("江西南昌市委书记吴晓军调任青海省委副书记。据悉，前任黄山市委书记任泽锋调任淮南市委书记。")
    changes = {(names[r.source], names[r.target], e.change) for r in facts.relations
               if r.type == S.HOLDS_POSITION for e in r.evidence}
    assert changes == {("吴晓军", "中共南昌市委", S.REMOVED), ("吴晓军", "中共青海省委", S.APPOINTED),
                       ("任泽锋", "中共黄山市委", S.HELD), ("任泽锋", "中共淮南市委", S.APPOINTED)}


def test_a_counted_list_and_a_new_term_between_cue_and_post():
    facts, names = facts_of("厦门市翔安区召开会议。宋淑敏、张清海、许瑞敏三位同志当选为翔安区人大常委会副主任。"
                            "吴旗荣当选新一届区政协主席。")
    changes = {(names[r.source], e.change) for r in facts.relations if r.type == S.HOLDS_POSITION for e in r.evidence}
    assert changes == {("宋淑敏", S.ELECTED), ("张清海", S.ELECTED), ("许瑞敏", S.ELECTED), ("吴旗荣", S.ELECTED)}


def test_an_election_list_with_notes_and_names_without_surnames():
    text = ("选举马文清（回族）、刘芳（女）、王建国为甘肃省人大常委会副主任。"
            "选举陈立新、扎西顿珠（藏族）为甘肃省人民政府副省长。")
    facts, names = facts_of(text)
    holds = relations(facts, names, S.HOLDS_POSITION)
    assert {person for person, body, _ in holds if body == "甘肃省人民代表大会常务委员会"} == {"马文清", "刘芳", "王建国"}
    assert {person for person, body, _ in holds if body == "甘肃省人民政府"} == {"陈立新", "扎西顿珠"}


def test_a_list_is_dated_by_the_last_day_of_its_meeting_or_by_the_month_in_the_address():
    text = ("本报讯 15日至16日，市人大常委会举行第十二次会议。\n会议决定任命：\n刘建华为市教育局局长。\n")
    facts = extract(Article(id="m", path="m.txt", text=text, date="2024-05-18"))
    (post,) = [r for r in facts.relations if r.type == S.HOLDS_POSITION]
    assert {(e.change, e.change_date) for e in post.evidence} == {("appointed", "2024-05-16")}
    text = "1月11日，省委决定：周明远同志任江门市委书记。文中提到他2015年曾获表彰。"
    facts = extract(Article(id="u", path="u.txt", text=text, url="https://example.cn/news/202001/1234567.html"))
    posts = [r for r in facts.relations if r.type == S.HOLDS_POSITION]
    assert {(e.change, e.change_date) for r in posts for e in r.evidence} == {("appointed", "2020-01-11")}


def test_bare_posts_elected_after_a_named_body_sit_in_it():
    text = ("1月6日，十堰市第六届人民代表大会第一次会议举行第三次全体会议。"
            "罗建国当选市六届人大常委会主任，姜红梅、彭立新当选副主任，郝云当选秘书长。")
    facts, names = facts_of(text)
    holds = relations(facts, names, S.HOLDS_POSITION)
    assert {(p, t) for p, b, t in holds if b == "十堰市人民代表大会常务委员会"} == \
        {("罗建国", "主任"), ("姜红梅", "副主任"), ("彭立新", "副主任"), ("郝云", "秘书长")}
    changes = {e.change for r in facts.relations if r.type == S.HOLDS_POSITION for e in r.evidence}
    assert changes == {"elected"}


def test_a_resignation_from_a_post_named_by_its_place_is_a_removal():
    facts, names = facts_of("会议决定接受周海辞去柳州市市长职务的请求。")
    (post,) = [r for r in facts.relations if r.type == S.HOLDS_POSITION]
    assert names[post.target] == "柳州市人民政府"
    assert [e.change for e in post.evidence] == [S.REMOVED]
    from graph.build import build_graph
    (status,) = [d[S.STATUS] for _, _, d in build_graph([facts]).edges(data=True) if d[S.TYPE] == S.HOLDS_POSITION]
    assert status != S.CURRENT
