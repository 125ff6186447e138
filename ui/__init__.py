"""Streamlit helpers shared by the pages. Each component owns its session-state keys."""
