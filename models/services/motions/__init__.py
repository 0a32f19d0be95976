"""Motions (提案): intake, handling, replies, statistics, units and the calendar."""
