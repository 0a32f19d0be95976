"""The organisation registers from spreadsheets (issue 17), the registers that name others:
Warm Homes in their township and place, contact points and field visits of the members,
organisations with their officers — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from models.domain.organisation_vocabulary import CommitteePost, OfficerRole
from models.entities import (
    ContactPoint,
    FieldVisit,
    GrassrootsOrganisation,
    OrganisationOfficer,
    WarmHome,
)
from models.services.organisation.contracts import Register
from models.services.organisation.importing import import_register, preview_register

from ._organisation import CLERK, District, build_district
from ._support import count
from .test_organisation_import import errors, filled


@pytest.fixture
def district(db) -> District:
    return build_district(db)


def test_homes_contacts_and_visits(db, district, tmp_path):
    homes = [
        {
            "温馨家园名称": "东辛房温馨家园",
            "街乡镇": "大峪街道",
            "村/社区": "东辛房社区",
            "示范温馨家园": "是",
            "开办日期": "2020-06-01",
        },
        {"温馨家园名称": "王平镇温馨家园", "街乡镇": "王平镇"},
        {"温馨家园名称": "甲家园", "街乡镇": "清水镇"},  # no such township
        {"温馨家园名称": "乙家园", "街乡镇": "王平镇", "村/社区": "东辛房社区"},  # not in 王平镇
    ]
    path = filled(db, tmp_path, Register.HOMES, homes)
    outcome = import_register(db, user=CLERK, register=Register.HOMES, path=path, valid_only=True)
    assert outcome.imported == 2
    assert errors(outcome.read) == [
        (4, "街乡镇", "register_township_unknown"),
        (5, "村/社区", "register_place_unknown"),
    ]
    with db.session_factory() as session:
        home = session.scalars(select(WarmHome).where(WarmHome.name == "东辛房温馨家园")).one()
        assert home.model and home.place_id == district.places["东辛房社区"]
    # The template now offers the members, the villages, the communities and the homes.
    path = filled(db, tmp_path, Register.CONTACTS, [])
    lists = load_workbook(path)["可选值"]
    offered = {c.value for row in lists.iter_rows(min_row=2) for c in row if c.value}
    assert {"张书记", "李理事长", "桥户营村", "王平社区", "东辛房温馨家园"} <= offered
    assert "赵离任" not in offered
    contacts = [
        {
            "姓名": "张书记",
            "联系村": "桥户营村",
            "联系社区": "东辛房社区",
            "联系温馨家园": "东辛房温馨家园",
        },
        {
            "姓名": "李理事长",
            "联系村": "王平镇/西马各庄村",
            "联系社区": "王平社区",
            "联系温馨家园": "王平镇温馨家园",
        },
        {"姓名": "孙群众", "联系村": "桥户营村"},  # not a member
        {"姓名": "王理事", "联系村": "东辛房社区"},  # a community, not a village
        {"姓名": "王理事", "联系社区": "王平社区", "联系温馨家园": "丙家园"},  # row 6: repeated
    ]
    path = filled(db, tmp_path, Register.CONTACTS, contacts)
    read = preview_register(db, register=Register.CONTACTS, path=path)
    assert errors(read) == [
        (4, "姓名", "register_member_unknown"),
        (5, "联系村", "register_place_unknown"),
        (6, "姓名", "register_row_repeated"),
    ]
    outcome = import_register(
        db, user=CLERK, register=Register.CONTACTS, path=path, valid_only=True
    )
    assert outcome.imported == 2
    with db.session_factory() as session:
        point = session.scalars(
            select(ContactPoint).where(ContactPoint.person_id == district.people["李理事长"])
        ).one()
        assert point.village_id == district.places["西马各庄村"]
    # A second contact point for a member who has one: the registers' own check refuses it.
    again = filled(db, tmp_path, Register.CONTACTS, contacts[:1])
    assert errors(preview_register(db, register=Register.CONTACTS, path=again)) == [
        (2, "姓名", "contact_point_open")
    ]
    visits = [
        {"姓名": "张书记", "日期": "2026-03-01", "地点": "桥户营村", "内容": "入户问需"},
        {"姓名": "张书记", "日期": "2026-03-01", "地点": "村委会", "内容": "现场调研"},
        {"姓名": "李理事长", "日期": date(2026, 3, 2)},
        {"姓名": "王理事", "日期": "2999-01-01"},  # in the future
        {"姓名": "赵离任", "日期": "2025-01-10"},  # left the council in March 2025
        {"姓名": "赵离任", "日期": "2026-01-10"},  # 7: not a member that year
        {"姓名": "无此人", "日期": "2026-01-10"},  # 8
    ]
    path = filled(db, tmp_path, Register.VISITS, visits)
    outcome = import_register(db, user=CLERK, register=Register.VISITS, path=path, valid_only=True)
    assert errors(outcome.read) == [
        (5, "日期", "visit_in_future"),
        (7, "姓名", "visit_person_not_member"),
        (8, "姓名", "register_member_unknown"),
    ]
    assert outcome.imported == 4
    with db.session_factory() as session:
        found = {
            (v.visited_on, v.location, v.place_id) for v in session.scalars(select(FieldVisit))
        }
    assert (date(2026, 3, 1), "桥户营村", district.places["桥户营村"]) in found
    assert (date(2026, 3, 1), "村委会", None) in found
    # The same visits again are in the register already.
    path = filled(db, tmp_path, Register.VISITS, visits[:3])
    assert [e[2] for e in errors(preview_register(db, register=Register.VISITS, path=path))] == [
        "register_already_registered"
    ] * 3


def test_organisations_with_their_officers(db, district, tmp_path):
    base = {
        "组织名称": "东辛房社区残协",
        "类别": "社区残协",
        "街乡镇": "大峪街道",
        "村/社区": "东辛房社区",
    }
    town = {"组织名称": "王平镇残联", "类别": "街乡镇残联", "街乡镇": "王平镇"}
    rows = [
        {**base, "职务": "主席", "姓名": "甲", "居（村）委会职务": "副主任"},
        {**base, "职务": "副主席", "姓名": "乙", "是否残疾人": "是"},
        {**base, "职务": "专职委员", "姓名": "丙", "是否亲友": "是", "选聘方式": "公开选聘"},
        {**town, "职务": "主席", "姓名": "丁"},
        {**town, "职务": "理事长", "姓名": "戊"},
        {**town, "职务": "副主席", "姓名": "己"},  # 7: no such post in a township federation
        {**base, "职务": "兼职委员", "姓名": "庚", "居（村）委会职务": "主任"},  # 8: only a chair
        {
            "组织名称": "桥户营村残协",
            "类别": "村残协",
            "街乡镇": "王平镇",
            "职务": "主席",
            "姓名": "辛",
        },
    ]
    path = filled(db, tmp_path, Register.ORGANISATIONS, rows)
    read = preview_register(db, register=Register.ORGANISATIONS, path=path)
    assert errors(read) == [
        (7, "职务", "officer_role_kind"),
        (8, "居（村）委会职务", "officer_post_not_chair"),
        (9, "村/社区", "organisation_place_required"),
    ]
    outcome = import_register(db, user=CLERK, register=Register.ORGANISATIONS, path=path)
    assert outcome.imported == 0 and count(db, GrassrootsOrganisation) == 0
    outcome = import_register(
        db, user=CLERK, register=Register.ORGANISATIONS, path=path, valid_only=True
    )
    assert outcome.imported == 5
    with db.session_factory() as session:
        organisations = {o.name: o for o in session.scalars(select(GrassrootsOrganisation))}
        assert set(organisations) == {"东辛房社区残协", "王平镇残联"}
        officers = {o.name: o for o in session.scalars(select(OrganisationOfficer))}
        assert officers["甲"].committee_post is CommitteePost.DEPUTY_DIRECTOR
        assert officers["乙"].disabled and officers["丙"].relative
        assert officers["丙"].selection == "公开选聘"
        assert officers["戊"].role is OfficerRole.DIRECTOR
    # Later: one more officer for an organisation the register holds; one that says otherwise.
    more = [{**base, "职务": "兼职委员", "姓名": "壬"}, {**base, "职务": "主席", "姓名": "甲"}]
    path = filled(db, tmp_path, Register.ORGANISATIONS, more)
    outcome = import_register(
        db, user=CLERK, register=Register.ORGANISATIONS, path=path, valid_only=True
    )
    assert errors(outcome.read) == [(3, "姓名", "register_already_registered")]
    assert outcome.imported == 1 and count(db, OrganisationOfficer) == 6
    path = filled(
        db,
        tmp_path,
        Register.ORGANISATIONS,
        [{**base, "类别": "村残协", "职务": "兼职委员", "姓名": "癸"}],
    )
    assert errors(preview_register(db, register=Register.ORGANISATIONS, path=path)) == [
        (2, "类别", "register_organisation_differs")
    ]
