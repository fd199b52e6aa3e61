"""Every workbook format of the spec reads the same report; what is not a workbook is refused,
never raised."""

from __future__ import annotations

import shutil
from pathlib import Path

from builders import DEFAULT_FUNDING, DEFAULT_INDICATORS, info_sheet, results_sheet, write_report
from kcstats.model import FileStatus
from kcstats.problems import Severity
from odsbuilder import write_ods
from reading import accepted, read


def test_xlsm_workbook_reads_like_xlsx(tmp_path: Path) -> None:
    xlsx = write_report(tmp_path / "a.xlsx")
    xlsm = shutil.copy(xlsx, tmp_path / "b.xlsm")
    assert accepted(Path(xlsm)) == accepted(xlsx)


def test_upper_case_extension_reads_like_lower_case(tmp_path: Path) -> None:
    xlsx = write_report(tmp_path / "a.xlsx")
    upper = shutil.copy(xlsx, tmp_path / "B.XLSX")
    assert accepted(Path(upper)) == accepted(xlsx)


def test_ods_workbook_reads_like_xlsx(tmp_path: Path) -> None:
    xlsx = write_report(tmp_path / "a.xlsx", title_rows=False)
    funding = [
        [
            "Nguồn kinh phí",
            "Số đề án kế hoạch",
            "Kinh phí kế hoạch",
            "Số đề án thực hiện",
            "Kinh phí thực hiện",
        ]
    ]
    funding += [["Khuyến công quốc gia", *DEFAULT_FUNDING["national"]]]
    funding += [["Khuyến công địa phương", *DEFAULT_FUNDING["local"]]]
    sheets = {
        "Thông tin": info_sheet(),
        "Kinh phí": funding,
        "Chỉ tiêu": results_sheet(list(DEFAULT_INDICATORS.items())),
    }
    ods = write_ods(tmp_path / "a.ods", sheets)
    assert accepted(ods) == accepted(xlsx)


def test_text_file_named_xlsx_is_refused_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("Báo cáo sẽ gửi sau.\n", encoding="utf-8")
    result = read(path)
    assert result.status == FileStatus.REFUSED
    assert any(p.severity == Severity.ERROR for p in result.problems)
    assert result.report is None


def test_empty_file_named_xlsx_is_refused_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    result = read(path)
    assert result.status == FileStatus.REFUSED
    assert any(p.severity == Severity.ERROR for p in result.problems)
