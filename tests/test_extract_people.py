from graph import schema as S
from tests.extract_helpers import entity, facts_of, person_names, relations


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


def test_editor_credits_are_journalists_and_the_words_alone_are_not():
    facts, _ = facts_of("（记者 钱小川）\n责任编辑：司马青 审核 丁一川\n")
    assert all(S.JOURNALIST in entity(facts, S.PERSON, n).labels for n in ("钱小川", "司马青", "丁一川"))
    facts, _ = facts_of("常委会审核通过了方案，编辑出版了办事指南。")
    assert not [e for e in facts.entities if S.PERSON in e.labels]


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


def test_titles_after_a_named_post_inherit_its_body():
    facts, names = facts_of("会上，宜宾市医疗保障局局长任晓川，副局长郑一帆、孟可心分别发言。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    body = "宜宾市医疗保障局"
    assert {("任晓川", body, "局长"), ("郑一帆", body, "副局长"), ("孟可心", body, "副局长")} <= posts


def test_a_title_without_a_body_before_it_and_no_post_before_inherits_nothing():
    facts, names = facts_of("他说，副局长郑一帆分别走访企业。")
    assert not relations(facts, names, S.HOLDS_POSITION)


def test_posts_below_the_county_name_their_own_bodies():
    facts, names = facts_of("四川省宜宾市翠屏区。李庄镇党委书记严一丁介绍情况。"
                            "白塔村党支部书记、村委会主任古月明说，路修好了。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert ("严一丁", "中共李庄镇委员会", "党委书记") in posts
    assert ("古月明", "白塔村党支部", "党支部书记") in posts
    assert ("古月明", "白塔村村民委员会", "村委会主任") in posts


def test_a_committee_department_named_bare_after_a_post_in_the_committee():
    facts, names = facts_of("湖南省浏阳市。市委常委、宣传部部长甘一凡出席。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert ("甘一凡", "中共浏阳市委", "常委") in posts
    assert ("甘一凡", "中共浏阳市委宣传部", "部长") in posts


def test_a_name_ends_before_a_verb_or_adverb():
    facts, _ = facts_of("副市长肖一航、邝小敏分别带队检查。")
    assert entity(facts, S.PERSON, "肖一航") is not None and entity(facts, S.PERSON, "邝小敏") is not None


def test_padded_byline_names_and_photo_credits():
    facts, names = facts_of("本报记者 甘一丁 通讯员 舒 展\n正文。\n图为工作人员在窗口服务。 洪 亮 摄\n（伍一鸣 摄）\n")
    authors = {p for p, _, _ in relations(facts, names, S.AUTHORED)}
    assert authors == {"甘一丁", "舒展", "洪亮", "伍一鸣"}
    assert "舒 展" in entity(facts, S.PERSON, "舒展").aliases


def test_bare_street_and_community_posts_are_the_articles_own():
    facts, names = facts_of("江苏省南京市鼓楼区宁海路街道青云社区。“很方便。”社区党委书记、居委会主任贝一鸣说。"
                            "街道党工委副书记、办事处主任华小川介绍，青云社区已完成改造。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert ("贝一鸣", "青云社区党委", "党委书记") in posts
    assert ("贝一鸣", "青云社区居民委员会", "居委会主任") in posts
    assert ("华小川", "宁海路街道办事处", "办事处主任") in posts


def test_no_name_runs_into_a_body_a_village_or_a_word_for_people():
    facts, _ = facts_of("山东省烟台市。记者：如何监督？答：我们从人大代表中聘请监督员。"
                        "下一步，柳湾村还将扩大规模。市民游客可关注公众号。衣晓梅表示满意。")
    persons = {e.name for e in facts.entities if S.PERSON in e.labels}
    assert persons == {"衣晓梅"}


def test_family_and_soldier_words_introduce_persons_and_no_name_runs_into_a_title():
    facts, names = facts_of("喜报送到战士邴一凡家中，父亲邴大海说很光荣。公司副总经理公冶一鸣介绍了情况。")
    persons = {e.name for e in facts.entities if S.PERSON in e.labels}
    assert {"邴一凡", "邴大海", "公冶一鸣"} <= persons and "公司副" not in persons


def test_a_three_character_name_does_not_end_inside_a_word():
    facts, _ = facts_of("我们把群众满意作为第一标准。居民古月明说，很方便。")
    persons = {e.name for e in facts.entities if S.PERSON in e.labels}
    assert persons == {"古月明"}


def test_a_bare_company_before_a_title_is_the_company_the_item_named():
    facts, names = facts_of("山东省潍坊市。潍坊禾丰农业科技有限公司新建了研发中心。“今年更好。”公司总经理鞠一鸣说。"
                            "市农业农村局与该公司董事长栾小川签约。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert ("鞠一鸣", "潍坊禾丰农业科技有限公司", "总经理") in posts
    assert ("栾小川", "潍坊禾丰农业科技有限公司", "董事长") in posts


def test_names_before_a_word_their_last_character_could_start():
    # 所作: the name ends before it; 等 closes a list even after a character that starts a word (星等)
    assert "卫东升" in person_names("会议学习了市长卫东升所作的《政府工作报告》。")
    assert "卫东升所" not in person_names("会议学习了市长卫东升所作的《政府工作报告》。")
    assert "韦文星" in person_names("韦文星等20名代表当选为县人大常委会委员。")


def test_editor_credits_and_less_common_surnames():
    facts, _ = facts_of("会议听取了工作汇报。\n责编:邝晓敏\n")
    editor = next(e for e in facts.entities if e.name == "邝晓敏")
    assert S.JOURNALIST in editor.labels
    assert "楼卫红" in person_names("县长楼卫红出席会议并讲话。")


def test_names_without_a_surname_right_after_a_post():
    facts, names = facts_of("市人大常委会副主任格桑卓玛主持会议。格桑卓玛指出，要优化营商环境。")
    assert ("格桑卓玛", "市人大常委会", "副主任") in relations(facts, names, S.HOLDS_POSITION)


def test_posts_in_a_district_and_in_a_zone_before_one_name():
    facts, names = facts_of("5月3日，城阳区委书记、青岛高新区工委书记赵明德带队到潍坊市考察学习。")
    bodies = {body for person, body, _ in relations(facts, names, S.HOLDS_POSITION) if person == "赵明德"}
    assert bodies == {"中共城阳区委", "中共青岛高新技术产业开发区工作委员会"}


def test_short_forms_of_cities_that_the_dictionary_reads_as_names():
    facts, _ = facts_of("采访团走进连云港。市委书记蒋文华介绍了情况。")
    assert entity(facts, S.PLACE, "连云港市") is not None
    assert entity(facts, S.ORGANIZATION, "中共连云港市委") is not None


def test_department_heads_written_short_and_a_preposition_is_no_surname():
    facts, names = facts_of("经全体委员投票选举，旗委常委、组织部长李佳明出席会议。")
    assert ("李佳明", "中共阿荣旗委组织部", "部长") not in relations(facts, names, S.HOLDS_POSITION)  # no place known
    facts, names = facts_of("阿荣旗召开会议。经全体委员投票选举，旗委常委、组织部长李佳明出席会议。")
    assert ("李佳明", "中共阿荣旗委组织部", "部长") in relations(facts, names, S.HOLDS_POSITION)
    assert "经全体" not in person_names("阿荣旗召开会议。经全体委员投票选举，旗委常委、组织部长李佳明出席会议。")


def test_names_without_a_surname_in_a_list_after_a_post_and_no_place_inside_a_name():
    facts, names = facts_of("林芝市召开会议。市人大常委会副主任刘兴平、扎西、欧珠多吉、周传峰出席会议。")
    holders = {person for person, body, _ in relations(facts, names, S.HOLDS_POSITION)
               if body == "林芝市人民代表大会常务委员会"}
    assert holders == {"刘兴平", "扎西", "欧珠多吉", "周传峰"}
    assert entity(facts, S.PLACE, "兴平市") is None   # 兴平 of 刘兴平


def test_a_post_in_brackets_after_the_name():
    facts, names = facts_of("上海市政府新闻发布会举行。\n记者：请问如何推进？\n汤志远（市政府秘书长）：谢谢你提出的问题。")
    assert ("汤志远", "上海市人民政府", "秘书长") in relations(facts, names, S.HOLDS_POSITION)


def test_wire_bylines_bylines_run_together_and_a_closing_credit():
    facts, names = facts_of("中新网甘肃新闻10月11日电 (史静远 李亚明)“以前开证明很麻烦”。\n"
                            "某报讯(记者张云海通讯员向龙华报道)21日，会议召开。\n"
                            "江津区还与雄安新区签订了协议。江津区融媒体中心 贺明奎")
    authors = {names[r.source] for r in facts.relations if r.type == S.AUTHORED}
    assert authors == {"史静远", "李亚明", "张云海", "向龙华", "贺明奎"}


def test_a_name_the_tagger_runs_into_the_next_verb_is_the_name_already_given():
    names = person_names("青海省政务公开领导小组副组长、副省长王令浚为新建行政服务中心揭牌，并对中心建设提出要求。"
                         "王令浚察看了行政服务中心的管理运行情况，听取中心汇报。")
    assert names == ["王令浚"]


def test_posts_in_a_discipline_committee_and_a_supervisory_commission_named_short():
    facts, names = facts_of("8月17日上午，龙亭区委常委、区纪委书记、监委主任路明营到开封市龙亭区调研。")
    assert relations(facts, names, S.HOLDS_POSITION) == {
        ("路明营", "中共龙亭区委", "常委"), ("路明营", "龙亭区纪律检查委员会", "书记"),
        ("路明营", "龙亭区监察委员会", "主任")}


def test_posts_in_a_bureaus_own_party_committee_within_a_chain():
    facts, names = facts_of("苏州市行政审批局副局长、党组成员、机关党委书记陈雯珏出席此次活动。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert posts == {("陈雯珏", "苏州市行政审批服务局", "副局长、党组成员、机关党委书记")}


def test_a_verb_of_leading_is_no_part_of_a_name():
    assert person_names("20日，县委书记张强率相关部门负责人赴桥头镇调研。") == ["张强"]


def test_deputies_named_later_in_the_sentence_sit_in_the_chairs_body():
    facts, names = facts_of("1月9日，滁州市人大常委会主任孙卫东主持会议，副主任高志成、林婉清出席会议。")
    holds = relations(facts, names, S.HOLDS_POSITION)
    assert {(p, t) for p, b, t in holds if b == "滁州市人民代表大会常务委员会"} == \
        {("孙卫东", "主任"), ("高志成", "副主任"), ("林婉清", "副主任")}


def test_a_name_set_apart_by_a_space_and_a_spokesperson_among_titles():
    text = "主持人：中共忻州市委宣传部副部长 梁晓东\n今天邀请到定襄县人民政府副县长、新闻发言人冯志刚同志。\n"
    facts, names = facts_of(text)
    holds = relations(facts, names, S.HOLDS_POSITION)
    assert ("梁晓东", "中共忻州市委宣传部", "副部长") in holds
    assert ("冯志刚", "定襄县人民政府", "副县长、新闻发言人") in holds


def test_a_post_word_after_the_name_when_it_names_its_body():
    facts, names = facts_of("衢州市召开会议。报告获高建民书记、郑立华市长等市领导批示。")
    assert relations(facts, names, S.HOLDS_POSITION) == {("郑立华", "衢州市人民政府", "市长")}


def test_police_detachments_and_honorifics_after_names():
    text = "出席发布会的有：潍坊市公安局交警支队支队长高强先生；潍坊市公安局刑侦支队支队长周诗文先生。"
    facts, names = facts_of(text)
    assert relations(facts, names, S.HOLDS_POSITION) == {
        ("高强", "潍坊市公安局交警支队", "支队长"), ("周诗文", "潍坊市公安局刑侦支队", "支队长")}


def test_list_closers_and_verbs_of_going_never_end_a_name():
    assert "季文" in person_names("代表卢建业、季文等参加了座谈会。")
    assert person_names("副县长孟晓川到县政务服务中心调研。") == ["孟晓川"]


def test_a_credit_line_names_its_authors():
    facts, names = facts_of("县政务服务中心启用\n2013-12-19 来源：东林日报  作者：高明远 孙立新\n\n本报讯 县政务服务中心18日启用。")
    assert {person for person, *_ in relations(facts, names, S.AUTHORED)} == {"高明远", "孙立新"}


def test_a_place_after_a_list_of_names_is_no_name():
    assert person_names("管委会副主任马立军、贵州省三都水族自治县县委常委、统战部部长潘成伟见证签约。") == ["潘成伟", "马立军"]


def test_a_member_written_after_the_name_sits_in_the_storys_cppcc():
    facts, names = facts_of("政协东营市第九届委员会第三次会议开幕。“审批还要再快一些。”韩立新委员说。")
    assert ("韩立新", "中国人民政治协商会议东营市委员会", "委员") in relations(facts, names, S.HOLDS_POSITION)
    facts, names = facts_of("东营市政协和滨州市政协召开联席会议。韩立新委员说，审批还要再快一些。")
    assert not relations(facts, names, S.HOLDS_POSITION)


def test_a_place_word_the_model_reads_as_the_person_after_a_post_is_a_name():
    facts, names = facts_of("县委常委、副县长江波出席会议。")
    assert {person for person, *_ in relations(facts, names, S.HOLDS_POSITION)} == {"江波"}
