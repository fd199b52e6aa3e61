"""Writing merge results for programs and people: JSON, CSV, Markdown and the summary
workbook. Every file is written atomically, and no text copied from an input can become a
spreadsheet formula."""
