"""Short Chinese titles for the rule ids of DOMAIN §3: the composition panel and the dashboard."""

from __future__ import annotations

CATEGORY_TITLES = {
    "blind": "盲人",
    "deaf": "聋人（含言语残疾）",
    "physical": "肢残人",
    "intellectual": "智力残疾人及亲友",
    "psychosocial": "精神残疾人及亲友",
}
_TITLES = {
    "disabled_or_relative_share": "残疾人及亲友占比",
    "model_or_frontline_share": "自强模范和基层一线占比",
    "rural_share_trend": "农村残疾人及亲友占比提高",
    "org_share_trend": "助残社会组织代表占比提高",
    "volunteer_share_trend": "助残志愿者占比提高",
    "members_are_delegates": "委员均为本届代表",
}


def rule_title(rule_id: str) -> str:
    """congress.category.blind -> 盲人（至少1名）; unknown ids are shown as they are."""
    parts = rule_id.split(".")
    if len(parts) == 3 and parts[1] == "category":
        return f"{CATEGORY_TITLES.get(parts[2], parts[2])}（至少1名）"
    if len(parts) == 3 and parts[1] == "category_trend":
        return f"{CATEGORY_TITLES.get(parts[2], parts[2])}人数增加"
    if len(parts) == 2:
        return _TITLES.get(parts[1], rule_id)
    return rule_id
