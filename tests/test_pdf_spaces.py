"""Spaces that PDF line layout puts between Chinese characters (市政数局等按职责分 工负责) are taken out;
a space beside a Latin letter stays."""
from policykg.loaders.clean import clean_lines


def test_spaces_between_chinese_characters_are_taken_out():
    lines = clean_lines("市政数局等按职责分 工负责，2023 年  底前完成。\n《 方案 》 印发。").lines
    assert lines == ["市政数局等按职责分工负责，2023年底前完成。", "《方案》印发。"]


def test_a_space_beside_a_latin_letter_stays():
    assert clean_lines("推进 5G 网络和 IPv6 部署。").lines == ["推进5G 网络和 IPv6部署。"]
