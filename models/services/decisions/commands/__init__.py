"""The clerk's actions on 三重一大 matters, one module per area; each action is its own unit of work."""
