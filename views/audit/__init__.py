"""The 操作记录 window: the change log filtered, each entry's before and after, its chain checked."""
