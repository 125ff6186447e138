"""KAM Workshop Companion domain library: the course's tools as pure, tested Python.

Never imports streamlit: pages call into this package, never the other way round.
"""
