"""One module per course tool: pydantic input and result models and pure compute functions."""
