from graph import schema as S
from tests.extract_helpers import entity, facts_of, relations


def test_several_titles_before_one_name_and_posts_in_two_bodies():
    facts, names = facts_of("日照市委副书记、市长姜一鸣，市人社局党组书记、局长方一鸣出席会议。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert ("姜一鸣", "中共日照市委", "副书记") in posts
    assert ("姜一鸣", "日照市人民政府", "市长") in posts
    assert ("方一鸣", "日照市人力资源和社会保障局", "党组书记、局长") in posts
    assert S.OFFICIAL in entity(facts, S.PERSON, "方一鸣").labels


def test_several_names_after_one_title():
    facts, names = facts_of("会议在临沂市召开。临沂市副市长张小红、李大为、王中和出席。")
    holders = {p for p, org, _ in relations(facts, names, S.HOLDS_POSITION) if org == "临沂市人民政府"}
    assert holders == {"张小红", "李大为", "王中和"}


def test_bylines_make_journalists_and_authors():
    facts, names = facts_of("本报4月2日讯（记者 钱小川 通讯员 柳青）近日，某事发生。\n记者 欧阳一帆 摄\n")
    authors = {p for p, _, _ in relations(facts, names, S.AUTHORED)}
    assert authors == {"钱小川", "柳青", "欧阳一帆"}
    assert all(S.JOURNALIST in entity(facts, S.PERSON, n).labels for n in authors)


def test_resident_is_a_person_but_not_an_official():
    facts, _ = facts_of("居民孔繁星说，现在办事方便多了。")
    person = entity(facts, S.PERSON, "孔繁星")
    assert person is not None and S.OFFICIAL not in person.labels


def test_words_after_a_title_are_not_taken_for_names():
    facts, _ = facts_of("总书记强调，要抓好落实。")
    assert not [e for e in facts.entities if S.PERSON in e.labels]


def test_street_office_is_implied_by_a_street_title():
    facts, names = facts_of("据南湖街道副主任贺云飞介绍，该项服务已上线。")
    assert ("贺云飞", "南湖街道办事处", "副主任") in relations(facts, names, S.HOLDS_POSITION)
