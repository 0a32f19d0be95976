"""The 操作记录: reading the change log, exporting it, and verifying its hash chain."""
