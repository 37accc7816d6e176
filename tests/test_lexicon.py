from pathlib import Path

from graph.lexicon import lexicon


def test_lexicons_load_once_and_hold_general_words():
    lex = lexicon()
    assert lex is lexicon()
    assert lex.departments["人社局"].full == "人力资源和社会保障局"
    assert lex.titles["副市长"].implied_body == "人民政府"
    assert "委员" in lex.titles and lex.titles["委员"].needs_org


def test_the_fast_segmenter_cuts_exactly_as_jieba_does():
    """The proof that jieba-rs may stand in for jieba: jieba itself, given the same words, cuts
    generated and real articles the same way, near-ties included (赵立等: 赵|立等 by a hair)."""
    import jieba

    from bench.corpus import generate
    from graph.lexicon import LEXICON_WORD_FREQ, lexicon_words, segmenter
    reference = jieba.Tokenizer()
    for word in lexicon_words():
        reference.add_word(word, freq=LEXICON_WORD_FREQ)
    root = Path(__file__).resolve().parent.parent
    texts = [text for _, text in generate(300, seed=11)]
    texts += [path.read_text("utf-8") for folder in ("seeds", "tests/devset") for path in sorted((root / folder).glob("*.txt"))]
    texts.append("县长赵立等参加活动。2025年GDP增长5.2%，A股、e办事和“一网通办”都在。\n\n  空格　全角")
    assert [segmenter().lcut(text) for text in texts] == [reference.lcut(text, HMM=False) for text in texts]
