"""What a paper prints of ID and certificate numbers: masked, whole on request, none when public."""

from __future__ import annotations

import pytest

from models.documents.paper import Heading, Paper, Table, prepared, texts

ID = "11010919800102123X"
CERT = "1101091980010212341"
TABLE = Table(
    headers=("姓名", "身份证号", "残疾人证号", "单位"),
    rows=(("王堃", ID, CERT + "2", "区残联"), ("李䶮", "", "", "区民政局")),
    widths=(2, 3, 3, 2),
    id_columns=(1, 2),
)


def _table(paper: Paper) -> Table:
    (table,) = [b for b in prepared(paper).blocks if isinstance(b, Table)]
    return table


def test_identifiers_are_masked_by_default() -> None:
    table = _table(Paper("名单", (TABLE,)))
    assert table.rows[0] == ("王堃", "110109********123X", "110109**********3412", "区残联")
    assert table.rows[1] == ("李䶮", "", "", "区民政局")


def test_identifiers_whole_when_asked() -> None:
    assert _table(Paper("名单", (TABLE,), identifiers_whole=True)).rows[0][1] == ID


def test_public_papers_drop_the_columns() -> None:
    table = _table(Paper("公示", (TABLE,), public=True, identifiers_whole=True))
    assert table.headers == ("姓名", "单位")
    assert table.rows == (("王堃", "区残联"), ("李䶮", "区民政局"))
    assert table.column_widths() == pytest.approx((0.5, 0.5))


def test_shapes_are_checked() -> None:
    with pytest.raises(ValueError):
        Heading(5, "五级")
    with pytest.raises(ValueError):
        Table(headers=("a", "b"), rows=(("1",),))


def test_texts_lists_every_cell() -> None:
    assert {"王堃", "李䶮", "名单"} <= set(texts(Paper("名单", (TABLE,))))
