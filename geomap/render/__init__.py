"""Render stage: the self-contained HTML map."""
