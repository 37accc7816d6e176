import os
import subprocess
import sys
from pathlib import Path

from graph.lexicon import lexicon

BUILD_TOKENIZER = "from graph.lexicon import tokenizer; tokenizer()"


def test_jieba_dictionary_cache_lives_in_the_user_cache_and_is_reused(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", BUILD_TOKENIZER], env=env, check=True)
    cache = tmp_path / "govkg" / "jieba.cache"
    assert cache.is_file()
    first = cache.stat().st_mtime_ns
    subprocess.run([sys.executable, "-c", BUILD_TOKENIZER], env=env, check=True)
    assert cache.stat().st_mtime_ns == first


def test_lexicons_load_once_and_hold_general_words():
    lex = lexicon()
    assert lex is lexicon()
    assert lex.departments["人社局"].full == "人力资源和社会保障局"
    assert lex.titles["副市长"].implied_body == "人民政府"
    assert "委员" in lex.titles and lex.titles["委员"].needs_org


def test_the_fast_segmenter_cuts_exactly_as_jieba_does():
    from bench.corpus import generate
    from graph.lexicon import segmenter, tokenizer
    root = Path(__file__).resolve().parent.parent
    texts = [text for _, text in generate(300, seed=11)]
    texts += [path.read_text("utf-8") for folder in ("seeds", "tests/devset") for path in sorted((root / folder).glob("*.txt"))]
    texts.append("县长赵立等参加活动。2025年GDP增长5.2%，A股、e办事和“一网通办”都在。\n\n  空格　全角")
    jieba = tokenizer()
    jieba_cuts = [jieba.lcut(text, HMM=False) for text in texts]
    assert [segmenter().lcut(text) for text in texts] == jieba_cuts
