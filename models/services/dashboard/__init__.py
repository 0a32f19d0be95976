"""The 改革落实情况 dashboard: today's list and the reform plan's rule groups."""
