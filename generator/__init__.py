"""Briefing: turn curated YAML fact files and their source documents into a sourced site."""

from __future__ import annotations

from .errors import BriefingError, ContentError, Problem
from .pipeline import Project, check, generate

__all__ = ["BriefingError", "ContentError", "Problem", "Project", "check", "generate"]
