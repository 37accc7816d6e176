"""Articles of our own with two officials of one name in two cities, and one of them named again
without a post in a story about his city."""
from graph.build import build_graph
from graph.extract import extract
from graph.model import Article

ARTICLES = (
    ("w1", "2024-03-01", "济宁市行政审批服务局局长王伟介绍了“一业一证”改革。"),
    ("w2", "2024-04-02", "潍坊市市场监督管理局局长王伟出席会议。"),
    ("w3", "2024-05-03", "济宁市召开政务服务工作会议。王伟在会上通报了全市审批情况。"),
    ("w4", "2024-06-04", "居民王伟说，现在办事方便多了。"),
)


def identity_graph(*articles):
    return build_graph(extract(Article(id=aid, path=f"{aid}.txt", text=text, date=date))
                       for aid, date, text in (articles or ARTICLES))

#: One name heading a city's congress standing committee and, in other stories, its CPPCC: two
#: people, whatever order the stories come in; the name written bare stays with the city.
SEAT_ARTICLES = (
    ("s1", "2023-01-12", "宝鸡市政协召开常委会议，市政协主席周明出席并讲话。"),
    ("s2", "2023-06-20", "宝鸡市人大常委会召开第十次会议，市人大常委会主任周明主持会议。"),
    ("s3", "2023-08-02", "宝鸡市政协召开专题协商会，市政协主席周明讲话。"),
    ("s4", "2023-09-09", "宝鸡市召开政务服务工作会议。周明在会上讲话。"),
    ("s5", "2024-02-01", "宝鸡市人大常委会主任周明到高新区调研政务服务。"),
)
