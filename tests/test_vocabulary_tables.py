"""Every row of the vocabulary tables does what its columns say: each role word and clause label
in loaders/data gives the role the table names, so adding a row is all it takes."""
import pytest

from policykg.loaders.responsibility import parse_roles
from policykg.loaders.vocabulary import CLAUSE_LABELS, DOC_TYPES, ROLE_WORDS, cn_digits, cn_number

A, B = "市教育局", "市财政局"
CLAUSE_OF_ROLE = {  # a clause where the word stands in its role → (A leads?, B named?, B leads?)
    "lead": ("{a}{w}，{b}配合", (True, True, False)),
    "coop": ("{a}牵头，{b}{w}", (True, True, False)),
    "resp": ("{a}、{b}{w}", (True, True, False)),  # no 牵头: the first-named leads
    "watch": ("{a}牵头，{b}{w}", (True, False, False)),  # a watcher is no cooperator
}


def _roles(clause: str) -> dict[str, bool] | None:
    roles = parse_roles(clause, clause)
    return None if roles is None else {r.name: r.lead for r in roles}


@pytest.mark.parametrize("row", ROLE_WORDS, ids=lambda r: r["word"])
def test_each_role_word_gives_its_role(row):
    form, (a_leads, b_named, b_leads) = CLAUSE_OF_ROLE[row["role"]]
    roles = _roles(form.format(a=A, b=B, w=row["word"]))
    assert roles is not None and roles[A] is a_leads
    assert (B in roles) is b_named and roles.get(B, False) is b_leads


@pytest.mark.parametrize("row", CLAUSE_LABELS, ids=lambda r: r["label"])
def test_each_clause_label_gives_its_role(row):
    roles = _roles(f"{row['label']}：{A}、{B}")
    expected = {"lead": {A: True, B: True}, "coop": {A: False, B: False}, "resp": {A: True, B: False},
                "watch": None}[row["role"]]
    assert roles == expected


def test_a_longer_document_type_comes_before_the_type_it_ends_with():
    for i, word in enumerate(DOC_TYPES):
        assert not any(word.endswith(shorter) for shorter in DOC_TYPES[:i]), word


@pytest.mark.parametrize("text, value", [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("7", 7)])
def test_chinese_numerals(text, value):
    assert cn_number(text) == value


def test_chinese_digits_one_by_one():
    assert cn_digits("二〇一八") == "2018" and cn_digits("二○二3") == "2023"
