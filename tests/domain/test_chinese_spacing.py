"""Chinese text runs on without spaces between its characters (issue 15 part 4): a space between two Chinese
characters reads as a gap in the sentence ('支付金额 1 不等于 商品价格' had one). Spaces around numbers, codes and
Latin words stay. Read from the vocabulary's templates and every Chinese translation catalogue."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GAP = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")
TRANSLATION = re.compile(r"<translation[^>]*>(.*?)</translation>", re.S)


def _gaps(name: str, texts: list[str]) -> list[str]:
    return [f"{name}: {m.string[max(0, m.start() - 12):m.end() + 12]!r}" for text in texts for m in GAP.finditer(text)]


def test_the_vocabulary_writes_chinese_without_gaps() -> None:
    source = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "app" / "domain" / "vocabulary").glob("*.py"))
    strings = re.findall(r'"((?:[^"\\\n]|\\.)*)"', source)
    chinese = [s for s in strings if re.search(r"[\u4e00-\u9fff]", s)]
    assert len(chinese) > 100  # the templates were read
    assert _gaps("vocabulary.py", chinese) == []


def test_the_translations_write_chinese_without_gaps() -> None:
    catalogues = sorted((ROOT / "resources" / "translations").glob("*_zh_CN.ts"))
    assert catalogues
    problems = []
    for path in catalogues:
        problems += _gaps(path.name, TRANSLATION.findall(path.read_text(encoding="utf-8")))
    assert problems == []
