"""Chinese text runs on without spaces between its characters (issue 15 part 4): a space between two Chinese
characters reads as a gap in the sentence ('支付金额 1 不等于 商品价格' had one). Spaces around numbers, codes and
Latin words stay. Chinese text writes its punctuation full-width (，：；（）): an ASCII comma, colon, semicolon or
bracket against a Chinese character reads as a typing slip ('实物为当前库存(含冻结…);' had them). ASCII stays
where Latin text is bracketed after a space ('关闭 (Esc)', '放行 (800)'), inside a Latin run ('SKU:数量', a file
format) and in a menu's accelerator ('文件(&F)', the Chinese convention). Read from the vocabulary's templates,
every Chinese translation catalogue and the Chinese printed on paper (printing/, its docstrings left out)."""

from __future__ import annotations

import ast
import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GAP = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")
# an ASCII , : ; ( ) right after a Chinese character, or right before one unless a Latin run or a space leads to it
ASCII_PUNCTUATION = re.compile(r"[\u4e00-\u9fff][,:;()]|(?<![A-Za-z0-9 ])[,:;()][\u4e00-\u9fff]")
TRANSLATION = re.compile(r"<translation[^>]*>(.*?)</translation>", re.S)
ACCELERATOR = re.compile(r"\(&\w\)")
TAG = re.compile(r"<[^>]+>")


def _found(pattern: re.Pattern[str], name: str, texts: list[str]) -> list[str]:
    return [f"{name}: {m.string[max(0, m.start() - 12):m.end() + 12]!r}"
            for text in texts for m in pattern.finditer(text)]


def _vocabulary() -> list[str]:
    source = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "app" / "domain" / "vocabulary").glob("*.py"))
    strings = re.findall(r'"((?:[^"\\\n]|\\.)*)"', source)
    chinese = [s for s in strings if re.search(r"[\u4e00-\u9fff]", s)]
    assert len(chinese) > 100  # the templates were read
    return chinese


def _catalogues() -> dict[str, list[str]]:
    """Each Chinese catalogue's translations as shown: entities decoded, markup and accelerators taken out."""
    catalogues = sorted((ROOT / "resources" / "translations").glob("*_zh_CN.ts"))
    assert catalogues
    return {path.name: [ACCELERATOR.sub("", TAG.sub("", html.unescape(text)))
                        for text in TRANSLATION.findall(path.read_text(encoding="utf-8"))] for path in catalogues}


def _printed() -> list[str]:
    """Every string constant with Chinese in printing/ but the docstrings (English prose naming a document)."""
    chinese = []
    for path in sorted((ROOT / "printing").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body
                      and isinstance(node.body[0], ast.Expr)}
        chinese += [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                    and isinstance(node.value, str) and id(node) not in docstrings
                    and re.search(r"[\u4e00-\u9fff]", node.value)]
    assert len(chinese) > 50  # the documents were read
    return chinese


def test_the_vocabulary_writes_chinese_without_gaps() -> None:
    assert _found(GAP, "vocabulary", _vocabulary()) == []


def test_the_translations_write_chinese_without_gaps() -> None:
    assert [p for name, texts in _catalogues().items() for p in _found(GAP, name, texts)] == []


def test_the_vocabulary_writes_chinese_punctuation_full_width() -> None:
    assert _found(ASCII_PUNCTUATION, "vocabulary", _vocabulary()) == []


def test_the_translations_write_chinese_punctuation_full_width() -> None:
    assert [p for name, texts in _catalogues().items() for p in _found(ASCII_PUNCTUATION, name, texts)] == []


def test_the_printed_documents_write_chinese_without_gaps_and_full_width() -> None:
    assert _found(GAP, "printing", _printed()) + _found(ASCII_PUNCTUATION, "printing", _printed()) == []


def test_the_punctuation_rule_reads_what_it_means() -> None:
    """The rule itself: slips are found, the conventions that keep ASCII are not."""
    slips = ["实物为当前库存(含冻结);", "已核扣:海关", "总重(千克)", "张清单,3 件"]
    kept = ["关闭 (Esc)", "放行 (800)", "SKU:数量", "%1:%2 张", "文件", "海关账册余额（CSV item_no,balance）"]
    assert all(ASCII_PUNCTUATION.search(s) for s in slips)
    assert not any(ASCII_PUNCTUATION.search(s) for s in kept)
