"""`curriculum new bank ID --spreadsheet`: the columns of a question sheet, with one example
row per question type, as CSV (UTF-8 with a BOM, so Excel shows Cyrillic) and as XLSX."""

from __future__ import annotations

import csv
import io

from .spreadsheet import COLUMNS

EXAMPLES: list[dict[str, str]] = [
    {"id": "central-authority", "type": "single",
     "prompt": "Which body receives requests under the Minsk Convention?",
     "options": "The court\nThe central authority\nThe embassy", "correct": "B",
     "partial": "C (50%)",
     "feedback": "-\nRight: article 5.\nOnly through diplomatic channels, half the points.",
     "points": "1", "explanation": "Article 5 names the central authorities."},
    {"id": "grounds", "type": "multiple", "prompt": "Which are grounds for refusal?",
     "options": "Political offence\nBank secrecy\nEssential interests", "correct": "A, C",
     "feedback": "-\nBank secrecy is never a ground (article 18(8))."},
    {"id": "oral-requests", "type": "true-false",
     "prompt": "A request may be made orally in an urgent case.", "correct": "true",
     "feedback": "Yes, confirmed in writing at once. | It may, in urgent cases."},
    {"id": "convention-year", "type": "fill-in",
     "prompt": "The Minsk Convention was signed in ___.", "correct": "1993",
     "partial": "1992 (25%)", "feedback": "22 January 1993.",
     "feedback_wrong": "It was 1993.", "ignore_punctuation": "yes"},
    {"id": "articles", "type": "matching", "prompt": "Match each article with its subject.",
     "options": "Article 5 -> central authorities\nArticle 18 -> mutual legal assistance"},
    {"id": "steps", "type": "ordering", "prompt": "Put the steps in order.",
     "options": "Draft the request\nTranslate it\nSend it"},
    {"id": "dual-criminality", "type": "open", "prompt": "Explain dual criminality.",
     "correct": "The conduct must be an offence in both States.",
     "checklist": "Both States\nThe conduct, not the name of the offence", "points": "2"},
    {"id": "reply-days", "type": "numeric",
     "prompt": "Within how many days must the request be answered?", "correct": "30",
     "partial": "45 ± 15 (50%)", "unit": "days", "feedback": "Thirty days.",
     "feedback_wrong": "See article 7."},
]


def template_csv() -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(EXAMPLES)
    return "\ufeff" + buffer.getvalue()


def template_xlsx() -> bytes:
    """The same rows as a workbook: a bold header, cells that wrap their lines, and a second
    sheet that explains each column."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "questions"
    sheet.append(list(COLUMNS))
    for example in EXAMPLES:
        sheet.append([example.get(name, "") for name in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.data_type = "s"  # text, never a formula or a number Excel reformats
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 24
    sheet.freeze_panes = "A2"
    help_sheet = book.create_sheet("columns")
    help_sheet.append(["column", "what it holds"])
    for name, text in COLUMNS.items():
        help_sheet.append([name, text])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
