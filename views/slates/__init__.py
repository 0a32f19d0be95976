"""The slate editor: a draft term's candidates, its composition re-checked on every edit."""
