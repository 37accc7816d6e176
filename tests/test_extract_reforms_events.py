from graph import schema as S
from tests.extract_helpers import attendees, entity, facts_of, relations


def test_quoted_reform_with_a_cue_and_the_body_that_pushes_it():
    facts, names = facts_of("威海市行政审批服务局创新推出“威易办”平台，全面推行“一业一证”改革。")
    promotes = relations(facts, names, S.PROMOTES)
    assert ("威海市行政审批服务局", "威易办", None) in promotes
    assert ("威海市行政审批服务局", "一业一证", None) in promotes
    assert entity(facts, S.REFORM, "威易办").attrs[S.KIND] == "platform"


def test_slogans_and_idioms_in_quotes_are_not_reforms():
    facts, _ = facts_of("该局打造“贴心管家”服务，实现“零跑腿”，解决群众“急难愁盼”。")
    assert not [e for e in facts.entities if S.REFORM in e.labels]


def test_unquoted_reform_and_policy_titles():
    facts, _ = facts_of("会议强调，要深化工程建设项目审批制度改革，落实《关于优化营商环境的实施意见》。")
    assert entity(facts, S.REFORM, "工程建设项目审批制度改革") is not None
    assert entity(facts, S.REFORM, "关于优化营商环境的实施意见").attrs[S.KIND] == "policy"


def test_endorsement_by_a_higher_body():
    facts, names = facts_of("我市“秒批秒办”模式被国务院办公厅认可并发文推广。")
    assert ("国务院办公厅", "秒批秒办", None) in relations(facts, names, S.PROMOTES)


def test_numbered_event_with_dates_and_place():
    facts, names = facts_of("本报讯 2025年，第十二届中国潍坊风筝文化节将于4月18日至4月20日在潍坊市举办。")
    event = entity(facts, S.EVENT, "第十二届中国潍坊风筝文化节")
    assert event.attrs[S.DATE] == "2025-04-18" and event.attrs[S.END_DATE] == "2025-04-20"
    assert ("第十二届中国潍坊风筝文化节", "潍坊市", None) in relations(facts, names, S.HELD_IN)


def test_headline_event_is_the_one_people_attend_later():
    text = ("莱芜区召开2025年安全生产工作会议\n"
            "本报6月3日讯（记者 孟晓光）3日，莱芜区召开2025年安全生产工作会议。\n"
            "区长尹红梅出席会议并讲话。会上，各街道作了发言。\n")
    facts, names = facts_of(text)
    attends = relations(facts, names, S.ATTENDS)
    assert ("尹红梅", "2025年安全生产工作会议", None) in attends
    event = entity(facts, S.EVENT, "2025年安全生产工作会议")
    assert event.attrs[S.DATE] == "2025-06-03"


def test_short_names_of_national_meetings():
    facts, _ = facts_of("全区上下认真学习贯彻党的二十大精神。")
    assert entity(facts, S.EVENT, "中国共产党第二十次全国代表大会") is not None


def test_x_ji_y_is_one_event():
    facts, _ = facts_of("3日，全市项目建设推进会暨招商引资大会在济宁市召开。")
    event = entity(facts, S.EVENT, "全市项目建设推进会暨招商引资大会")
    assert event is not None
    assert len([e for e in facts.entities if S.EVENT in e.labels]) == 1


def test_this_bureau_refers_back_to_the_body_named_before():
    facts, names = facts_of("据乐陵市行政审批服务局副局长高远介绍，该局以“一件事一次办”改革为抓手，压缩了时限。")
    assert ("乐陵市行政审批服务局", "一件事一次办", None) in relations(facts, names, S.PROMOTES)


def test_passive_host_of_an_event():
    facts, names = facts_of("由滨州市商务局举办的2025滨州国际农产品博览会将于9月开幕。")
    assert ("滨州市商务局", "2025滨州国际农产品博览会", None) in relations(facts, names, S.ORGANIZES)


def test_programme_titles_in_book_quotes_but_not_newspapers():
    facts, _ = facts_of("东营市广播电视台开设《问政东营》栏目，市民可在《大众日报》上看到报道。")
    assert entity(facts, S.REFORM, "问政东营").attrs[S.KIND] == "programme"
    assert entity(facts, S.REFORM, "大众日报") is None
    assert entity(facts, S.ORGANIZATION, "大众日报") is not None


def test_reforms_in_straight_quotes():
    facts, names = facts_of('德州市行政审批服务局推出"德速办"平台。')
    assert ("德州市行政审批服务局", "德速办", None) in relations(facts, names, S.PROMOTES)


def test_hosts_in_a_list_and_in_a_passive_but_never_the_venue():
    facts, names = facts_of("陕西省汉中市。第二届汉中油菜花节在汉中职业技术学院举行。"
                            "本届油菜花节由汉中市人民政府、陕西省文化和旅游厅主办，汉台区人民政府承办。")
    hosts = {org for org, event, _ in relations(facts, names, S.ORGANIZES)}
    assert hosts == {"汉中市人民政府", "陕西省文化和旅游厅", "汉台区人民政府"}


def test_speakers_at_the_event_and_those_answering_questions_attend_it():
    facts, names = facts_of("6月3日，江门市召开优化营商环境新闻发布会。市商务局局长汤一凡在会上介绍了情况；"
                            "市税务局副局长池小川、市医保局副局长柏青回答记者提问。"
                            "市民邹一鸣在会后表示满意。")
    present = {p for p, _, _ in relations(facts, names, S.ATTENDS)}
    assert present == {"汤一凡", "池小川", "柏青"}


def test_the_agent_of_a_passive_pushes_and_the_object_of_a_verb_does_not():
    facts, names = facts_of("广东省江门市。服务站由蓬江区环市街道办事处打造，以“环市e家”为服务品牌，"
                            "首批进驻江门市公安局蓬江分局等部门。")
    pushers = {org for org, reform, _ in relations(facts, names, S.PROMOTES) if reform == "环市e家"}
    assert pushers == {"环市街道办事处"} or pushers == {"蓬江区环市街道办事处"}


def test_unquoted_reform_and_pilot_names_leave_the_verb_in_front_outside():
    facts, _ = facts_of("市医保局将扩大长期护理保险试点，深化医保支付方式改革。")
    reforms = {e.name for e in facts.entities if S.REFORM in e.labels}
    assert {"长期护理保险试点", "医保支付方式改革"} <= reforms
    assert not {r for r in reforms if r.startswith(("扩大", "深化"))}


def test_a_list_closed_by_deng_and_a_group_word_attends():
    facts, names = facts_of("山东省济宁市兖州区。10月9日，兖州区重点项目观摩会议召开。"
                            "区委书记滕一凡，区长郜小川等区级领导参加观摩。")
    present = {p for p, _, _ in relations(facts, names, S.ATTENDS)}
    assert present == {"滕一凡", "郜小川"}


def test_a_quoted_reform_inside_a_meeting_name_stands_but_a_campaign_named_as_its_activity_does_not():
    facts, _ = facts_of("近日，市工商联召开全市“百企帮百村”行动推进会。市交通局组织开展“夏季攻坚”活动。")
    reforms = {e.name for e in facts.entities if S.REFORM in e.labels}
    events = {e.name for e in facts.entities if S.EVENT in e.labels}
    assert "百企帮百村" in reforms and "夏季攻坚" not in reforms
    assert any("推进会" in e for e in events) and "“夏季攻坚”活动" in events


def test_a_plain_name_right_after_holding_is_an_event_and_joint_hosts_organize_it():
    facts, names = facts_of("山东省日照市五莲县。1月13日，五莲县人武部联合县退役军人事务局举行立功喜报送达仪式。"
                            "山东省济宁市金乡县。丰收节暨金乡大蒜推介活动开幕。")
    hosts = {org for org, event, _ in relations(facts, names, S.ORGANIZES) if event == "立功喜报送达仪式"}
    assert hosts == {"五莲县人民武装部", "五莲县退役军人事务局"}
    places = {e.name for e in facts.entities if S.PLACE in e.labels}
    assert "金乡县" in places and not any(p.endswith("暨金乡") for p in places)


def test_a_quoted_festival_name_is_whole_and_the_chair_is_not_part_of_an_event():
    facts, _ = facts_of("第三届“和美邻里节”在社区广场开幕。区长何一川主持开幕式。")
    events = {e.name for e in facts.entities if S.EVENT in e.labels}
    assert "第三届“和美邻里节”" in events
    assert not any("主持" in e for e in events)


def test_meetings_of_a_relative_body_are_the_named_places_own():
    first, _ = facts_of("山东省临沂市兰陵县。县委书记于一川主持召开县委常委会会议。", "a")
    second, _ = facts_of("山东省临沂市沂水县。县委书记吕二川主持召开县委常委会会议。", "b")
    assert entity(first, S.EVENT, "中共兰陵县委常委会会议") is not None
    assert entity(second, S.EVENT, "中共沂水县委常委会会议") is not None


def test_counted_or_bare_events_are_not_named_events():
    facts, _ = facts_of("活动期间还将举办10余场配套活动和各类招聘活动。会上要求召开座谈会。")
    assert not [e for e in facts.entities if S.EVENT in e.labels]


def test_an_event_held_but_not_named_is_named_by_its_host_kind_and_date():
    facts, names = facts_of("2025年6月3日，荆门市人民政府新闻办公室召开新闻发布会，市数据局局长伍小川介绍有关情况。")
    (event,) = [e for e in facts.entities if S.EVENT in e.labels]
    assert event.name == "荆门市人民政府新闻办公室新闻发布会（2025-06-03）"
    assert {"新闻发布会", "荆门市人民政府新闻办公室新闻发布会"} <= set(event.aliases)
    assert relations(facts, names, S.ORGANIZES) == {("荆门市人民政府新闻办公室", event.name, None)}
    assert relations(facts, names, S.ATTENDS) == {("伍小川", event.name, None)}


def test_bare_words_for_an_event_named_elsewhere_in_the_article_are_that_event():
    facts, _ = facts_of("荆门举行营商环境专场新闻发布会\n6月3日，荆门市人民政府新闻办公室召开新闻发布会。")
    assert [e.name for e in facts.entities if S.EVENT in e.labels] == ["营商环境专场新闻发布会"]


def test_quoted_names_that_end_in_their_kind_or_follow_a_pushing_verb_closely():
    facts, names = facts_of("山东省潍坊市。市人社局实施高校毕业生“留潍计划”，打造城区“十分钟就业服务圈”，"
                            "总结推广“潍坊经验”，进行“面对面”交流。")
    reforms = {e.name for e in facts.entities if S.REFORM in e.labels}
    assert {"留潍计划", "十分钟就业服务圈"} <= reforms
    assert not reforms & {"潍坊经验", "面对面"}


def test_a_sentence_that_goes_on_about_the_body_before_it_keeps_that_body():
    facts, names = facts_of("山东省滨州市。市行政审批服务局推行“滨快办”改革。同时，推出“滨心帮”帮办平台。"
                            "企业纷纷点赞“滨心帮”平台。")
    pushers = {(org, reform) for org, reform, _ in relations(facts, names, S.PROMOTES)}
    assert ("滨州市行政审批服务局", "滨心帮") in pushers


def test_plus_models_are_initiatives_and_honorific_titles_are_not():
    facts, _ = facts_of("村党支部推行“支部+合作社+农户”模式，全村获评“中国葡萄之乡”。")
    reforms = {e.name for e in facts.entities if S.REFORM in e.labels}
    assert "支部+合作社+农户" in reforms and "中国葡萄之乡" not in reforms


def test_higher_bodies_that_publish_or_select_a_practice_endorse_it():
    facts, names = facts_of("山东省淄博市。日前，省委改革办在《改革动态》刊发张店区“一码速办”经验做法。"
                            "“惠企通”平台入选国家发展改革委优化营商环境典型案例。")
    endorsed = {(org, reform) for org, reform, _ in relations(facts, names, S.PROMOTES)}
    assert ("中共山东省委全面深化改革委员会办公室", "一码速办") in endorsed
    assert ("国家发展和改革委员会", "惠企通") in endorsed


def test_those_who_unveil_or_launch_together_attend():
    facts, names = facts_of("4月2日，荆门市行政审批局举行揭牌仪式，市委常委、副市长伍一川，市政协副主席柏青共同为新大厅揭牌。")
    (event,) = [e.name for e in facts.entities if S.EVENT in e.labels]
    assert {p for p, ev, _ in relations(facts, names, S.ATTENDS) if ev == event} == {"伍一川", "柏青"}


def test_a_newspaper_reports_reforms_it_does_not_promote():
    facts, names = facts_of("2024-04-14 09:30 来源:淄博日报\n全市深入推进“一网通办”改革，群众办事更方便。")
    assert not [r for r in relations(facts, names, S.PROMOTES) if r[0] == "淄博日报"]


def test_an_event_named_only_by_its_host_in_a_relative_clause():
    facts, names = facts_of("本报讯 2024年11月16日，记者从宿州市人民政府新闻办公室举行的新闻发布会上获悉，该市将推行“一网通办”改革。")
    event = next(e for e in facts.entities if S.EVENT in e.labels)
    assert event.name == "宿州市人民政府新闻办公室新闻发布会（2024-11-16）" and "新闻发布会" in event.aliases
    assert ("宿州市人民政府新闻办公室", event.name, None) in relations(facts, names, S.ORGANIZES)


def test_the_body_whose_decision_is_carried_out_does_not_promote():
    facts, names = facts_of("推动更多事项“跨省通办”是落实党中央关于推进“一带一路”建设的有力举措。")
    assert not relations(facts, names, S.PROMOTES)


def test_unquoted_reforms_systems_in_force_and_reforms_ending_in_hua():
    facts, _ = facts_of("近年来，县里推行为民服务代理制。会上介绍了近年来我市审批服务便民化改革情况，"
                        "回顾了我国行政审批制度改革的历程，让城乡居民真正体验数字化改革成果。")
    reforms = {e.name for e in facts.entities if S.REFORM in e.labels}
    assert reforms == {"为民服务代理制", "审批服务便民化改革", "行政审批制度改革"}


def test_a_press_conference_named_by_its_relative_body_and_its_speakers_attend():
    facts, names = facts_of("2018年4月12日市政府新闻发布会问答实录\n\n  1、记者：上海为何提出建设智慧政府？\n\n"
                            "  汤志远（市政府秘书长）：谢谢你提出的问题。")
    assert entity(facts, S.EVENT, "上海市政府新闻发布会") is not None
    assert ("汤志远", "上海市政府新闻发布会", None) in relations(facts, names, S.ATTENDS)


def test_a_delegations_visit_is_an_event_held_where_it_goes():
    facts, names = facts_of("鄂尔多斯市党政考察团来呼和浩特市考察\n\n12月28日，考察团赴我市进行了为期两天的考察。\n\n"
                            "呼和浩特市委书记王建国、鄂尔多斯市委书记李明理参加考察活动。")
    visit = "鄂尔多斯市党政考察团来呼和浩特市考察"
    assert entity(facts, S.EVENT, visit) is not None
    assert relations(facts, names, S.HELD_IN) >= {(visit, "呼和浩特市", None)}
    assert {p for p, e, _ in relations(facts, names, S.ATTENDS) if e == visit} == {"王建国", "李明理"}


def test_leaders_listed_by_a_group_word_attend_and_a_capacity_between_name_and_verb():
    facts, names = facts_of("石景山区召开接诉即办调度会。区领导李金克、申键、王智勇参加会议。市长杜延安以普通党员身份参加会议。")
    present = {p for p, _, _ in relations(facts, names, S.ATTENDS)}
    assert present == {"李金克", "申键", "王智勇", "杜延安"}


def test_words_ending_in_jie_are_no_festivals():
    facts, _ = facts_of("要抓住关键环节，办好第五届读书节。过好春节。")
    assert {e.name for e in facts.entities if S.EVENT in e.labels} == {"第五届读书节"}


def test_a_governments_press_office_by_its_short_name_holds_the_press_conference():
    facts, names = facts_of("4月8日，西安市政府新闻办召开新闻发布会，介绍全面深化改革工作有关情况。")
    assert {h for h, _, _ in relations(facts, names, S.ORGANIZES)} == {"西安市人民政府新闻办公室"}


def test_a_visit_sent_by_a_body_to_a_banner_named_by_its_short_form():
    text = ("省农业农村厅调研组深入科右前旗调研\n"
            "5月9日，省农业农村厅副厅长韩立群带队深入科右前旗调研。旗农牧局局长包春生陪同调研。\n")
    facts, names = facts_of(text)
    visit = "省农业农村厅调研组深入科右前旗调研"
    assert entity(facts, S.EVENT, visit) is not None
    assert (visit, "科尔沁右翼前旗", None) in relations(facts, names, S.HELD_IN)
    assert attendees(facts, names, visit) == {"韩立群", "包春生"}
    assert relations(facts, names, S.ORGANIZES) == {("内蒙古自治区农业农村厅", visit, None)}


def test_a_briefing_on_a_titled_document_and_who_explains_it():
    text = ("6月2日，市医保局召开《长治市2026年医保便民十条措施》（以下简称《十条措施》）解读新闻发布会。"
            "市医保局副局长杜文清、市卫健委副主任贾晓燕对《十条措施》进行解读并回答记者提问。")
    facts, names = facts_of(text)
    briefing = "长治市2026年医保便民十条措施解读新闻发布会"
    assert entity(facts, S.EVENT, briefing) is not None
    assert ("长治市医疗保障局", briefing, None) in relations(facts, names, S.ORGANIZES)
    assert attendees(facts, names, briefing) == {"杜文清", "贾晓燕"}


def test_a_visit_led_by_a_person_of_a_body_and_who_goes_along():
    text = ("3月5日下午，临沂市行政审批服务局党组成员、副局长孙海燕一行到兰陵县调研政务服务工作，"
            "兰陵县行政审批服务局局长吴春明陪同调研。")
    facts, names = facts_of(text)
    visit = "临沂市行政审批服务局孙海燕一行到兰陵县调研"
    assert entity(facts, S.EVENT, visit) is not None
    assert relations(facts, names, S.ORGANIZES) == {("临沂市行政审批服务局", visit, None)}
    assert attendees(facts, names, visit) == {"孙海燕", "吴春明"}
    assert (visit, "兰陵县", None) in relations(facts, names, S.HELD_IN)


def test_an_event_named_by_two_quoted_names():
    facts, names = facts_of("3月2日，镜湖区召开2025年“优秀窗口”和“服务标兵”表彰大会，区委常委王立军出席会议。")
    event = "2025年“优秀窗口”和“服务标兵”表彰大会"
    assert entity(facts, S.EVENT, event).attrs[S.DATE] == "2025-03-02"
    assert relations(facts, names, S.ATTENDS) == {("王立军", event, None)}


def test_a_list_of_attendees_goes_on_past_yiji():
    text = "5月8日，长葛市举行市民之家项目开工奠基仪式。市领导高明、杜广以及市行政服务中心主任段玉出席奠基仪式。"
    facts, names = facts_of(text)
    assert attendees(facts, names, "市民之家项目开工奠基仪式") == {"高明", "杜广", "段玉"}


def test_a_held_event_is_named_over_words_that_end_other_names():
    facts, names = facts_of("5月8日，东林县政协召开持续推进政务服务提质增效专题协商会议。县政协主席高立群出席会议。")
    assert entity(facts, S.EVENT, "持续推进政务服务提质增效专题协商会议") is not None
    facts, names = facts_of("9月3日，全省政务数据共享及应用推进会在东林县召开，县长高立群出席会议。")
    assert entity(facts, S.EVENT, "全省政务数据共享及应用推进会") is not None
    assert attendees(facts, names, "全省政务数据共享及应用推进会") == {"高立群"}


def test_a_headline_visit_by_named_officials_is_the_articles_event():
    text = ("蔡文博、孟晓川调研政务服务工作\n\n"
            "本报讯 3月2日上午，县委常委、副县长蔡文博，副县长孟晓川到县政务服务中心调研，县政府办副主任沈一鸣陪同。")
    facts, names = facts_of(text)
    assert entity(facts, S.EVENT, "蔡文博、孟晓川调研政务服务工作") is not None
    assert attendees(facts, names, "蔡文博、孟晓川调研政务服务工作") == {"蔡文博", "孟晓川", "沈一鸣"}


def test_a_headline_opening_a_body_is_the_articles_event():
    text = "平阴县便民服务中心正式启用\n\n本报讯 18日上午，平阴县便民服务中心正式启用。副县长蔡文博出席仪式并讲话。"
    facts, names = facts_of(text)
    assert entity(facts, S.EVENT, "平阴县便民服务中心正式启用") is not None
    assert attendees(facts, names, "平阴县便民服务中心正式启用") == {"蔡文博"}
