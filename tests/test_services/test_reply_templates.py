"""Reply templates kept in the database: read from the shipped file until a clerk changes one,
then this database's own list; edits checked, logged, refused whole."""

from __future__ import annotations

import pytest

from desktop.paths import resource_path
from models.domain.errors import DomainError
from models.domain.messages import message
from models.domain.reply_templates import FALLBACK, ReplyTemplate, parse_templates
from models.services.common.settings import get_setting
from models.services.motions.reply_templates import (
    REPLY_TEMPLATES,
    remove_reply_template,
    reply_templates,
    reset_reply_templates,
    save_reply_template,
)

from ._support import last_log_id, log_since

SHIPPED = resource_path("templates", "reply_templates.toml")


def shipped() -> tuple[ReplyTemplate, ...]:
    return parse_templates(SHIPPED.read_text(encoding="utf-8"))


def refusal(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as err:
        call(**kwargs)
    return err.value


def test_an_empty_database_offers_the_shipped_templates(db):
    templates = reply_templates(db, shipped=SHIPPED)
    assert templates[0].name == "通用" and len(templates) == 4
    assert templates == shipped()
    assert {t.reply_class for t in templates} == {None, "A", "B", "C"}
    assert get_setting(db, REPLY_TEMPLATES) is None  # reading writes nothing
    assert reply_templates(db, shipped=None) == FALLBACK


def test_an_edit_stores_the_list_and_is_logged(db):
    general = reply_templates(db, shipped=SHIPPED)[0]
    before = last_log_id(db)
    after = save_reply_template(
        db,
        user="clerk",
        name="通用答复",
        text="{proposer}委员：您的《{title}》收悉。\n",
        original=general,
        shipped=SHIPPED,
    )
    assert after[0] == ReplyTemplate("通用答复", "{proposer}委员：您的《{title}》收悉。\n", None)
    assert after[1:] == shipped()[1:]  # the others stored as shipped
    assert reply_templates(db, shipped=SHIPPED) == after
    (log,) = [e for e in log_since(db, before) if e.entity == "setting"]
    assert (log.action, log.user_login, log.entity_id) == ("insert", "clerk", REPLY_TEMPLATES)

    # A new one, with a class; then the stored list is edited in place (an update).
    before = last_log_id(db)
    after = save_reply_template(
        db, user="clerk2", name="A类 简短", text="已解决。{date}", reply_class="A", shipped=SHIPPED
    )
    assert after[-1] == ReplyTemplate("A类 简短", "已解决。{date}\n", "A") and len(after) == 5
    (log,) = [e for e in log_since(db, before) if e.entity == "setting"]
    assert (log.action, log.user_login) == ("update", "clerk2")
    after = remove_reply_template(db, user="clerk", original=after[-1], shipped=SHIPPED)
    assert len(after) == 4 and reply_templates(db, shipped=SHIPPED) == after


def test_an_unknown_variable_is_refused_and_nothing_written(db):
    general = reply_templates(db, shipped=SHIPPED)[0]
    before = last_log_id(db)
    for text, name in (("尊敬的{提案人}：", "提案人"), ("{proposer}{titel}", "titel")):
        error = refusal(
            save_reply_template,
            db=db,
            user="clerk",
            name="通用",
            text=text,
            original=general,
            shipped=SHIPPED,
        )
        assert (error.code, error.field, error.params["name"]) == (
            "reply_template_unknown_variable",
            "text",
            name,
        )
        text_shown = message(error.code, error.params)
        assert f"“{name}”" in text_shown and "{proposer}提案人" in text_shown
    assert get_setting(db, REPLY_TEMPLATES) is None
    assert log_since(db, before) == []


def test_other_bad_edits_are_refused(db):
    templates = reply_templates(db, shipped=SHIPPED)
    general = templates[0]
    cases = [
        (dict(name=" ", text="x"), "reply_template_name_blank"),
        (dict(name="通用", text=" \n"), "reply_template_text_blank"),
        (dict(name=templates[1].name, text="x"), "reply_template_name_taken"),
        (dict(name="通用", text="x", reply_class="D"), "reply_template_class_invalid"),
    ]
    for kwargs, code in cases:
        error = refusal(
            save_reply_template, db=db, user="clerk", original=general, shipped=SHIPPED, **kwargs
        )
        assert error.code == code
        assert message(error.code, error.params)
    # A template another clerk changed after this one loaded it.
    save_reply_template(
        db, user="other", name="通用", text="别人的改动", original=general, shipped=SHIPPED
    )
    error = refusal(
        save_reply_template,
        db=db,
        user="clerk",
        name="通用",
        text="我的改动",
        original=general,
        shipped=SHIPPED,
    )
    assert (error.code, error.params["changed_by"]) == ("reply_template_changed", "other")
    assert reply_templates(db, shipped=SHIPPED)[0].text == "别人的改动\n"


def test_reset_brings_back_the_shipped_text(db):
    general = reply_templates(db, shipped=SHIPPED)[0]
    save_reply_template(db, user="clerk", name="自定义", text="{title}", shipped=SHIPPED)
    edited = save_reply_template(
        db, user="clerk", name="通用", text="改过的", original=general, shipped=SHIPPED
    )
    # One template back; the clerk's own stays.
    after = reset_reply_templates(db, user="clerk", name="通用", shipped=SHIPPED)
    assert after[0] == general and after[-1] == edited[-1]
    assert refusal(
        reset_reply_templates, db=db, user="clerk", name="自定义", shipped=SHIPPED
    ).code == ("reply_template_not_found")
    # All of them: exactly the shipped list.
    before = last_log_id(db)
    assert reset_reply_templates(db, user="clerk", shipped=SHIPPED) == shipped()
    assert reply_templates(db, shipped=SHIPPED) == shipped()
    assert [e.action for e in log_since(db, before) if e.entity == "setting"] == ["update"]


def test_a_damaged_stored_list_reads_as_the_shipped_one(db):
    from models.entities import Setting

    with db.unit_of_work("clerk") as uow:
        uow.session.add(Setting(key=REPLY_TEMPLATES, value="not json", updated_by="clerk"))
        uow.commit()
    assert reply_templates(db, shipped=SHIPPED) == shipped()
    after = save_reply_template(db, user="clerk", name="新", text="{title}", shipped=SHIPPED)
    assert after[:-1] == shipped() and reply_templates(db, shipped=SHIPPED) == after
