"""The federation's profile and the rules file in force, on a day-one database (no demo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.domain.errors import DomainError
from models.entities import Setting
from models.services.common.settings import RULES_ID, get_setting, record_rules
from models.services.federation.commands import replace_rules, save_profile
from models.services.federation.contracts import PROFILE_KEYS, SHIPPED_ORIGIN, ProfileDraft
from models.services.federation.queries import profile, rules_in_force
from models.services.federation.rules_files import read_rules_file
from models.services.papers._common import organisation_contact, organisation_name

from ._support import count, last_log_id, log_since

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "rules"
RULES_TEXT = (SHIPPED / "mentougou-2019.toml").read_text(encoding="utf-8")
FIRST = ProfileDraft(
    full_name="门头沟区残疾人联合会",
    short_name="门残联",
    district="门头沟区",
    address="北京市门头沟区新桥大街1号",
    postcode="102300",
    telephone="010-69841234",
)


def _profile_rows(db) -> dict[str, str]:
    with db.session_factory() as session:
        return {
            s.key: s.value for s in session.query(Setting).filter(Setting.key.like("profile.%"))
        }


def test_a_day_one_database_has_no_profile(db):
    assert profile(db) is None


def test_first_run_saves_the_profile_as_settings_logged_by_the_clerk(db):
    since = last_log_id(db)
    saved = save_profile(db, user="clerk", draft=FIRST)
    assert (saved.full_name, saved.short_name, saved.postcode) == (
        "门头沟区残疾人联合会",
        "门残联",
        "102300",
    )
    assert saved.updated_by == "clerk"
    assert profile(db) == saved
    assert _profile_rows(db)[PROFILE_KEYS["address"]] == "北京市门头沟区新桥大街1号"
    logged = [(r.action, r.entity, r.entity_id, r.user_login) for r in log_since(db, since)]
    assert ("insert", "setting", "profile.full_name", "clerk") in logged
    assert len([r for r in logged if r[1] == "setting"]) == len(PROFILE_KEYS)


def test_a_later_edit_changes_only_what_differs_and_blank_removes_a_field(db):
    save_profile(db, user="clerk", draft=FIRST)
    since = last_log_id(db)
    edited = save_profile(
        db,
        user="boss",
        draft=ProfileDraft(**{**FIRST.__dict__, "telephone": " 010-1111 ", "address": ""}),
    )
    assert edited.telephone == "010-1111"
    assert edited.address is None
    assert PROFILE_KEYS["address"] not in _profile_rows(db)
    changes = sorted((r.action, r.entity_id) for r in log_since(db, since) if r.entity == "setting")
    assert changes == [("delete", "profile.address"), ("update", "profile.telephone")]
    assert edited.updated_by == "boss"


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"full_name": "  "}, "missing_required", "full_name"),
        ({"short_name": ""}, "missing_required", "short_name"),
        ({"short_name": "门" * 11}, "text_too_long", "short_name"),
        ({"full_name": "会" * 41}, "text_too_long", "full_name"),
        ({"postcode": "10230"}, "profile_postcode_invalid", "postcode"),
        ({"postcode": "1023OO"}, "profile_postcode_invalid", "postcode"),
    ],
)
def test_bad_profiles_are_refused_by_field_and_write_nothing(db, change, code, field):
    since = last_log_id(db)
    with pytest.raises(DomainError) as caught:
        save_profile(db, user="clerk", draft=ProfileDraft(**{**FIRST.__dict__, **change}))
    assert (caught.value.code, caught.value.field) == (code, field)
    assert profile(db) is None
    assert _profile_rows(db) == {}
    assert log_since(db, since) == []


def test_full_width_digits_are_kept_as_ascii(db):
    saved = save_profile(
        db, user="clerk", draft=ProfileDraft(**{**FIRST.__dict__, "postcode": "１０２３００"})
    )
    assert saved.postcode == "102300"


def test_papers_take_the_organisation_from_the_profile(db):
    record_rules(db, user="setup", rules_id="mentougou-2019", content=RULES_TEXT)
    # Before setup: the rules file's title without 改革方案 (a database made before profiles).
    assert organisation_name(db) == "门头沟区残疾人联合会"
    assert organisation_contact(db) is None
    save_profile(
        db, user="clerk", draft=ProfileDraft(full_name="某某区残疾人联合会", short_name="某残联")
    )
    assert organisation_name(db) == "某某区残疾人联合会"
    save_profile(db, user="clerk", draft=FIRST)
    assert organisation_contact(db) == (
        "通信地址：北京市门头沟区新桥大街1号　邮政编码：102300　联系电话：010-69841234"
    )


def test_the_rules_in_force_are_shown_with_their_source(db):
    assert rules_in_force(db) is None
    record_rules(db, user="setup", rules_id="mentougou-2019", content=RULES_TEXT)
    found = rules_in_force(db)
    assert found is not None
    assert (found.rules_id, found.title) == ("mentougou-2019", "门头沟区残疾人联合会改革方案")
    assert found.source == "门头沟区人民政府 2019年8月16日印发"
    assert found.is_shipped and found.recorded_by == "setup"
    assert found.problem is None


def test_replacing_the_rules_logs_the_old_and_new_id(db, tmp_path):
    record_rules(db, user="setup", rules_id="mentougou-2019", content=RULES_TEXT)
    newer = tmp_path / "mentougou-2026.toml"
    newer.write_text(RULES_TEXT.replace("2019年8月16日", "2026年1月1日"), encoding="utf-8")
    chosen = read_rules_file(str(newer))
    since = last_log_id(db)
    found = replace_rules(
        db, user="clerk", rules_id=chosen.rules_id, content=chosen.content, origin=chosen.origin
    )
    assert (found.rules_id, found.source) == ("mentougou-2026", "门头沟区人民政府 2026年1月1日印发")
    assert found.origin == str(newer.resolve()) and not found.is_shipped
    logged = log_since(db, since)
    (replaced,) = [r for r in logged if r.action == "replace"]
    assert (replaced.entity, replaced.user_login) == ("rules", "clerk")
    assert replaced.after["from"] == "mentougou-2019" and replaced.after["to"] == "mentougou-2026"
    assert "mentougou-2019" in replaced.note and "mentougou-2026" in replaced.note
    (id_change,) = [r for r in logged if r.entity_id == RULES_ID]
    assert (id_change.before, id_change.after) == (
        {"value": "mentougou-2019"},
        {"value": "mentougou-2026"},
    )
    # The same file again changes nothing and logs nothing.
    again = last_log_id(db)
    replace_rules(
        db, user="clerk", rules_id=chosen.rules_id, content=chosen.content, origin=chosen.origin
    )
    assert log_since(db, again) == []


def test_a_rules_file_with_a_wrong_key_is_refused_naming_it_and_nothing_changes(db, tmp_path):
    record_rules(db, user="setup", rules_id="mentougou-2019", content=RULES_TEXT)
    broken = RULES_TEXT.replace('level = "error"', 'level = "fatal"', 1)
    settings_before = count(db, Setting)
    since = last_log_id(db)
    with pytest.raises(DomainError) as caught:
        replace_rules(db, user="clerk", rules_id="broken-2026", content=broken)
    assert caught.value.code == "rules_invalid"
    assert caught.value.params["key"].endswith(".level")
    assert get_setting(db, RULES_ID) == "mentougou-2019"
    assert count(db, Setting) == settings_before
    assert log_since(db, since) == []


def test_reading_a_rules_file_by_shipped_id_or_path():
    shipped = read_rules_file("mentougou-2019", shipped_dir=SHIPPED)
    assert (shipped.rules_id, shipped.origin) == ("mentougou-2019", SHIPPED_ORIGIN)
    assert shipped.title == "门头沟区残疾人联合会改革方案"
    with pytest.raises(DomainError) as caught:
        read_rules_file("nowhere-2030", shipped_dir=SHIPPED)
    assert caught.value.code == "rules_invalid" and caught.value.params["key"] == "nowhere-2030"


def test_a_rules_file_without_a_title_names_rules_title(tmp_path):
    path = tmp_path / "bare-2030.toml"
    path.write_text("[slates]\ninvited_delegates_count = true\n", encoding="utf-8")
    with pytest.raises(DomainError) as caught:
        read_rules_file(str(path))
    assert caught.value.params["key"] == "rules.title"


def test_the_assignment_slip_carries_the_profiles_contact_line(demo_db):
    """交办单 goes from the federation to the handling units: its address and telephone are on it."""
    from models.documents.paper import Paragraph
    from models.documents.papers.assignment_slip import assignment_slip_paper
    from models.services.motions.queries import list_motions
    from models.services.papers._motion_papers import assignment_slip_data

    assigned = next(m for m in list_motions(demo_db) if m.state == "assigned")
    save_profile(demo_db, user="clerk", draft=FIRST)
    paper = assignment_slip_paper(assignment_slip_data(demo_db, motion_id=assigned.id))
    assert paper.title.startswith("门头沟区残疾人联合会")
    texts = [b.text for b in paper.blocks if isinstance(b, Paragraph)]
    assert texts[-1] == organisation_contact(demo_db)
    assert "010-69841234" in texts[-1]


def test_the_demo_is_offered_on_an_empty_database_or_over_the_demo_only(db):
    from models.services.common.federation_data import DEMO_MARKER, put_setting
    from models.services.federation.queries import first_run
    from models.services.people.commands import add_person

    from ._support import draft

    assert first_run(db).may_build_demo
    add_person(db, user="clerk", draft=draft(name="张三"))
    assert not first_run(db).may_build_demo
    put_setting(db, user="clerk", key=DEMO_MARKER, value="2026-12-04")
    assert first_run(db).may_build_demo
