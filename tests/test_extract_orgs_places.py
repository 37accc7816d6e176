import pytest

from graph import schema as S
from tests.extract_helpers import entity, facts_of, relations


def test_abbreviations_expand_and_relative_prefixes_take_the_city():
    facts, _ = facts_of("近日，潍坊市文联举办展览。市残联、市人社局联合开展帮扶。")
    assert entity(facts, S.ORGANIZATION, "潍坊市文学艺术界联合会") is not None
    assert entity(facts, S.ORGANIZATION, "潍坊市残疾人联合会") is not None
    bureau = entity(facts, S.ORGANIZATION, "潍坊市人力资源和社会保障局")
    assert bureau is not None and S.BUREAU in bureau.labels and "市人社局" in bureau.aliases


def test_district_prefix_in_a_district_story():
    facts, _ = facts_of("章丘区推进改革。区行政审批服务局党组书记王振华表示，将优化服务。")
    assert entity(facts, S.ORGANIZATION, "章丘区行政审批服务局") is not None


def test_cppcc_and_congress_get_their_full_names():
    facts, names = facts_of("青岛市政协委员、青岛市人大代表吕长青接受采访。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert ("吕长青", "中国人民政治协商会议青岛市委员会", "委员") in posts
    assert ("吕长青", "青岛市人民代表大会", "代表") in posts


def test_an_organization_name_does_not_swallow_the_verb_before_it():
    facts, _ = facts_of("记者获悉，积极与中国纺织工业联合会对接，推动合作。")
    names = {e.name for e in facts.entities if S.ORGANIZATION in e.labels}
    assert names == {"中国纺织工业联合会"}


def test_associations_are_organizations_but_not_bureaus():
    facts, _ = facts_of("烟台市电子商务协会会长林海燕介绍了情况。")
    org = entity(facts, S.ORGANIZATION, "烟台市电子商务协会")
    assert org is not None and S.BUREAU not in org.labels


def test_places_from_the_division_table_and_below():
    facts, names = facts_of("活动在临沂市兰山区柳青街道红旗社区举行。")
    place_names = {e.name: e.attrs.get(S.LEVEL) for e in facts.entities if S.PLACE in e.labels}
    assert place_names["兰山区"] == "district" and place_names["柳青街道"] == "street"
    assert place_names["红旗社区"] == "community"
    assert ("红旗社区", "柳青街道", None) in relations(facts, names, S.PART_OF)
    assert ("兰山区", "临沂市", None) in relations(facts, names, S.PART_OF)


def test_ordinary_words_are_not_places():
    facts, _ = facts_of("要培育壮大新兴产业，优化产业布局。")
    assert not [e for e in facts.entities if S.PLACE in e.labels or S.ORGANIZATION in e.labels]


def test_party_committee_departments():
    facts, names = facts_of("临沂市委宣传部部长葛明出席。")
    assert ("葛明", "中共临沂市委宣传部", "部长") in relations(facts, names, S.HOLDS_POSITION)


def test_local_place_names_neither_count_nor_name_kinds_of_place():
    facts, _ = facts_of("全市14个乡镇、城乡各村都设了服务点，首个社区站在大湾社区。年底前全镇完成。")
    places = {e.name for e in facts.entities if S.PLACE in e.labels}
    assert "大湾社区" in places
    assert not places & {"个乡镇", "城乡", "首个社区", "前全镇", "个社区"}


def test_a_place_name_inside_a_person_or_a_reform_name_is_no_place():
    facts, _ = facts_of("浙江省金华市。主任何永康表示，将推广“一码通城”应用。")
    places = {e.name for e in facts.entities if S.PLACE in e.labels}
    assert "永康市" not in places and "通城县" not in places
    assert entity(facts, S.PERSON, "何永康") is not None


def test_a_national_body_and_its_local_branch_are_one_name():
    facts, _ = facts_of("贵州省遵义市。国家税务总局凤冈县税务局开展便民服务。")
    assert entity(facts, S.ORGANIZATION, "国家税务总局凤冈县税务局") is not None


def test_a_body_whose_name_holds_a_verb_runs_back_to_its_place():
    facts, _ = facts_of("活动由凤冈县新时代文明实践中心主办。")
    assert entity(facts, S.ORGANIZATION, "凤冈县新时代文明实践中心") is not None


def test_a_relative_prefix_alone_names_the_local_body():
    facts, _ = facts_of("广东省佛山市顺德区。区政务服务数据管理局局长钱一川介绍。")
    assert entity(facts, S.ORGANIZATION, "顺德区政务服务数据管理局") is not None


def test_a_body_name_may_join_two_nouns_with_he_but_two_bodies_stay_two():
    facts, _ = facts_of("湖南省株洲市。市政务服务和大数据管理局局长甘一凡说，市委和市政府高度重视。")
    assert entity(facts, S.ORGANIZATION, "株洲市政务服务和大数据管理局") is not None
    assert entity(facts, S.ORGANIZATION, "中共株洲市委") is not None
    assert not [e for e in facts.entities if e.name.startswith("中共株洲市委和")]


def test_a_development_zone_and_its_bodies():
    facts, names = facts_of("安徽省芜湖市。芜湖高新区党工委书记柏一川出席。芜湖高新区管委会发布新政。")
    assert entity(facts, S.PLACE, "芜湖高新区") is not None
    assert entity(facts, S.PLACE, "芜湖市") is not None
    assert entity(facts, S.ORGANIZATION, "芜湖高新技术产业开发区管理委员会") is not None
    assert ("柏一川", "中共芜湖高新技术产业开发区工作委员会", "党工委书记") in relations(facts, names, S.HOLDS_POSITION)


def test_a_zone_written_bare_is_the_articles_zone():
    facts, names = facts_of("安徽省芜湖市。芜湖经开区管委会召开会议。经开区企业服务局局长柏一川介绍情况。")
    assert ("柏一川", "芜湖经济技术开发区企业服务局", "局长") in relations(facts, names, S.HOLDS_POSITION)


def test_a_declared_short_name_is_the_same_body():
    facts, names = facts_of("湖北省荆门市。荆门市政务服务和大数据管理局（以下简称“市数据局”）推出“荆易办”平台。"
                            "市数据局局长龚一鸣表示，将继续优化。")
    body = entity(facts, S.ORGANIZATION, "荆门市政务服务和大数据管理局")
    assert body is not None and "市数据局" in body.aliases
    assert ("龚一鸣", "荆门市政务服务和大数据管理局", "局长") in relations(facts, names, S.HOLDS_POSITION)


def test_the_youth_league_committee_by_its_short_names():
    facts, names = facts_of("山东省威海市。团市委副书记柳一川出席。威海市团委开展志愿活动。")
    league = entity(facts, S.ORGANIZATION, "共青团威海市委员会")
    assert league is not None and {"团市委", "威海市团委"} <= set(league.aliases)


def test_towns_whose_names_end_like_generic_words_are_places():
    facts, _ = facts_of("山东省菏泽市曹县。曹县大集镇、李村镇的乡镇干部参加培训。")
    places = {e.name for e in facts.entities if S.PLACE in e.labels}
    assert {"大集镇", "李村镇"} <= places and "的乡镇" not in places


def test_local_places_and_their_bodies_are_keyed_by_their_county():
    from graph.extract import extract
    from graph.model import Article

    def place_ids(article_id, text):
        facts = extract(Article(id=article_id, path=f"{article_id}.txt", text=text))
        return {e.id for e in facts.entities if S.PLACE in e.labels or S.ORGANIZATION in e.labels}

    written = place_ids("a", "平阴县城关镇张庄村村民王大川说，办事方便了。")
    assert {"Place:城关镇@平阴县", "Place:张庄村@平阴县/城关镇"} <= written
    by_context = place_ids("b", "沂水县召开会议。城关镇党委书记李明出席，城关镇人民政府镇长王东主持。")
    assert {"Place:城关镇@沂水县", "Organization:城关镇人民政府@沂水县",
            "Organization:中共城关镇委员会@沂水县"} <= by_context
    # two counties' towns of one name stay two; with no county in the text, the article's own
    assert "Place:城关镇@#c" in place_ids("c", "城关镇便民服务中心正式启用。")
    assert S.display_name("Place:城关镇@沂水县", "城关镇") == "城关镇（沂水县）"
    assert S.display_name("Place:城关镇@#c", "城关镇") == "城关镇（见 c）"
    assert S.display_name("Place:沂水县", "沂水县") == "沂水县"


def test_government_service_office_and_staffing_office_by_their_short_names():
    facts, names = facts_of("郑州市召开会议。市政务办主任邓立新通报了情况，市编委办主要负责人参加。")
    orgs = {e.name for e in facts.entities if S.ORGANIZATION in e.labels}
    assert {"郑州市人民政府政务服务办公室", "郑州市机构编制委员会办公室"} <= orgs
    assert ("邓立新", "郑州市人民政府政务服务办公室", "主任") in relations(facts, names, S.HOLDS_POSITION)


@pytest.mark.parametrize("text, expected", [
    # autonomous areas by their short names, and 州 as a relative prefix
    ("8月2日，恩施州第八届人大常委会召开会议，决定任命向明远为恩施州人民政府副州长。州人大常委会副主任田秀英出席会议。",
     {("向明远", "恩施土家族苗族自治州人民政府", "副州长"), ("田秀英", "恩施土家族苗族自治州人民代表大会常务委员会", "副主任")}),
    # a committee written in full, and a banner
    ("经全体委员投票选举，高远航当选为政协阿荣旗第八届委员会主席。旗委常委孟晓光出席会议。",
     {("高远航", "中国人民政治协商会议阿荣旗委员会", "主席"), ("孟晓光", "中共阿荣旗委", "常委")}),
    # an autonomous region named by its kind
    ("银川市召开座谈会。自治区党委常委马明远，自治区政协副主席赵红梅出席会议。",
     {("马明远", "中共宁夏回族自治区委", "常委"), ("赵红梅", "中国人民政治协商会议宁夏回族自治区委员会", "副主席")}),
])
def test_bodies_of_autonomous_areas_banners_and_committees_written_in_full(text, expected):
    facts, names = facts_of(text)
    assert expected <= relations(facts, names, S.HOLDS_POSITION)


def test_new_areas_are_zones_but_not_every_new_area_is_one():
    facts, names = facts_of("市委副书记、滨河新区党工委书记周海涛出席。要建设文明新区。")
    assert ("周海涛", "中共滨河新区工作委员会", "党工委书记") in relations(facts, names, S.HOLDS_POSITION)
    assert entity(facts, S.PLACE, "文明新区") is None


def test_bare_district_names_that_are_kinds_of_area_and_spans_of_time_are_no_places():
    facts, _ = facts_of("他在宁波城区购置了新房。听取了三年来社区取得的成果。")
    assert {e.name for e in facts.entities if S.PLACE in e.labels} == {"宁波市"}


def test_bureaus_listed_bare_in_a_local_story_are_the_places_own():
    facts, _ = facts_of("石景山区召开接诉即办调度会。八宝山街道、住建委以及民政局等单位汇报了工作情况。行政审批局、发改局作了发言。")
    orgs = {e.name for e in facts.entities if S.ORGANIZATION in e.labels}
    assert orgs == {"石景山区住房和城乡建设委员会", "石景山区民政局", "石景山区行政审批服务局", "石景山区发展和改革局"}


def test_a_countys_short_name_in_a_story_about_another_region_and_two_character_counties_as_words():
    facts, _ = facts_of("茂名市召开会议，为建设现代化滨海新茂名作出贡献。在每个乡镇和县级服务中心设置代办窗口。")
    assert {e.name for e in facts.entities if S.PLACE in e.labels} == {"茂名市"}
    facts, _ = facts_of("靖江召开会议。")   # no other region named: the county's own story
    assert entity(facts, S.PLACE, "靖江市") is not None


def test_a_county_paper_says_shi_for_the_city_above_it_and_qi_for_itself():
    facts, names = facts_of("察右中旗召开政务服务工作会议。市政数局局长乔慧敏、旗行政审批和政务服务局局长高振东出席会议。")
    holds = relations(facts, names, S.HOLDS_POSITION)
    assert ("乔慧敏", "乌兰察布市政务服务数据管理局", "局长") in holds
    assert ("高振东", "察哈尔右翼中旗行政审批和政务服务局", "局长") in holds


def test_a_word_that_sorts_places_is_no_village_name():
    facts, _ = facts_of("达川区石梯镇高观子社区党委书记段玉雄说，所有村都设立了代办点。")
    places = {e.name for e in facts.entities if S.PLACE in e.labels}
    assert "高观子社区" in places and "所有村" not in places


def test_a_county_named_in_full_before_its_committee_is_that_committee():
    facts, names = facts_of("平阴县县委常委、宣传部部长孔令春出席。")
    assert ("孔令春", "中共平阴县委", "常委") in relations(facts, names, S.HOLDS_POSITION)


def test_a_conjunction_that_reads_as_a_far_county_is_no_place():
    facts, _ = facts_of("浙江省吴兴区考察团到访，副县长周文和县政务服务中心负责人陪同。")
    assert entity(facts, S.PLACE, "和县") is None


def test_an_address_is_no_part_of_a_bodys_name():
    facts, _ = facts_of("办事群众可到鄂州市滨湖南路50号市市场监督管理局办理。")
    assert entity(facts, S.ORGANIZATION, "鄂州市市场监督管理局") is not None


def test_a_committees_departments_after_its_posts_are_its_own():
    facts, names = facts_of("镇江市委常委、组织部长、统战部长方志远出席。")
    posts = relations(facts, names, S.HOLDS_POSITION)
    assert ("方志远", "中共镇江市委统战部", "部长") in posts and ("方志远", "中共镇江市委组织部", "部长") in posts


def test_a_unit_headed_by_its_own_word_is_a_body_inside_its_body():
    facts, names = facts_of("湖北省召开发布会，省生态环境厅法规处处长田雨出席。")
    assert ("田雨", "湖北省生态环境厅法规处", "处长") in relations(facts, names, S.HOLDS_POSITION)
    assert ("湖北省生态环境厅法规处", "湖北省生态环境厅", None) in relations(facts, names, S.PART_OF)
    facts, names = facts_of("平阴县住建局审批股股长何平介绍。")
    assert ("何平", "平阴县住房和城乡建设局审批股", "股长") in relations(facts, names, S.HOLDS_POSITION)
    facts, _ = facts_of("全县共设监测点位4处。")
    assert not [e for e in facts.entities if S.ORGANIZATION in e.labels]
