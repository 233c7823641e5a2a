"""The pure core: language, extraction, dedup. Imports neither faststream nor redis."""
