"""A minutes-like sample paper of about four pages, with rare-character names (王堃, 李䶮)."""

from __future__ import annotations

from datetime import date

from models.documents.paper import (
    Heading,
    LabelledLine,
    Paper,
    Paragraph,
    Signature,
    Spacer,
    Table,
)

# Pure CJK text without punctuation: every full line of it must hold exactly 28 characters.
PURE = (
    "区残联主席团认真学习贯彻党的二十大精神坚持以人民为中心的发展思想围绕残疾人最关心最直接最现实"
    "的利益问题统筹推进残疾人社会保障和就业康复教育文化体育等各项工作不断增强残疾人的获得感幸福感"
    "安全感为全面建设社会主义现代化国家贡献残疾人事业的力量"
)
PUNCTUATED = (
    "会议听取了关于二〇二五年度残疾人工作情况的汇报，审议了《区残联二〇二六年工作要点（草案）》。"
    "会议认为，过去一年，区残联在区委、区政府的坚强领导下，团结带领全区残疾人和残疾人工作者，"
    "攻坚克难、砥砺奋进，较好地完成了全年各项目标任务！会议强调：“要把残疾人事业放在全区经济社会"
    "发展大局中谋划推进。”同时要求各有关单位于2026年3月31日前报送落实情况；逾期未报的，予以通报？"
)
ATTENDEES = "张三、王堃、李䶮、赵喆、钱赟、孙玥、周建国、吴志刚、郑晓明、冯丽华、陈卫东、褚红梅、卫国强、蒋小平"
ROWS = tuple(
    (
        str(i),
        ("王堃", "李䶮", "周建国", "欧阳明月")[i % 4],
        "男" if i % 2 else "女",
        ("肢体", "视力", "听力", "言语")[i % 4],
        f"11010919800102{1230 + i:04d}",
        "门头沟区大峪街道残疾人联合会",
    )
    for i in range(1, 21)
)


def sample_paper(**changes: object) -> Paper:
    blocks = (
        Heading(1, "一、会议议题"),
        Paragraph(PURE),
        Paragraph(PUNCTUATED),
        Heading(2, "（一）关于年度工作要点"),
        Paragraph(PURE + PURE),
        Heading(3, "1.工作目标"),
        Paragraph(PUNCTUATED),
        Heading(4, "（1）具体措施"),
        Paragraph(PURE),
        Heading(1, "二、代表名单"),
        Table(
            headers=("序号", "姓名", "性别", "残疾类别", "身份证号", "工作单位"),
            rows=ROWS,
            widths=(0.08, 0.13, 0.08, 0.15, 0.30, 0.26),
            id_columns=(4,),
        ),
        Heading(1, "三、其他事项"),
        Paragraph(PUNCTUATED + PURE),
        Spacer(),
        LabelledLine("出席：", ATTENDEES),
        LabelledLine("请假：", "刘德华（因公出差）"),
        LabelledLine("列席：", "区民政局、区人力社保局、区卫生健康委有关同志"),
    )
    fields: dict[str, object] = {
        "title": "门头沟区残疾人联合会第三次主席团会议纪要",
        "doc_number": "〔2026〕5号",
        "blocks": blocks,
        "signature": Signature("门头沟区残疾人联合会", date(2026, 1, 5)),
        "copy_to": "区委社会工作部，区民政局。",
    }
    fields.update(changes)
    return Paper(**fields)  # type: ignore[arg-type]
