"""Format 2: the administrative report table most provinces send (report-format-2.md).

One sheet: an agency header, a title naming the period, one table "STT | Nội dung | ĐVT |
Kế hoạch | Thực hiện | Tỷ lệ %" with activity sections, a signature block. It is read into
the same Report as format 1, with the figure, unit and check code of format 1.
"""

from kcstats.reader.format2.layout import find_layout
from kcstats.reader.format2.read import Format2, read_format2

__all__ = ["Format2", "find_layout", "read_format2"]
