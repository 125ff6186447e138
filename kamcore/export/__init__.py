"""Take-home files and backups: JSON archives, Excel workbooks with live formulas, PowerPoint decks."""
