"""Documents (PDF bytes) to a system printer through QtPrintSupport, or saved as a file.

Qt Essentials has no PDF reader, so each page is drawn by PDFium (pypdfium2) at the printer's resolution
and painted onto the printer page, scaled to fit and centred.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QFileDialog, QWidget

MAX_DPI = 300  # enough for barcodes on paper; more only makes the spool larger


def page_images(pdf: bytes, dpi: int) -> list[QImage]:
    """Every page of `pdf` as a grey-scale QImage at `dpi`."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = []
    try:
        for page in document:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            pil = bitmap.to_pil().convert("L")
            image = QImage(pil.tobytes(), pil.width, pil.height, pil.width, QImage.Format.Format_Grayscale8)
            images.append(image.copy())  # own the pixels: the PIL buffer goes away
            page.close()
    finally:
        document.close()
    return images


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page onto `printer` (already set up); returns the number of pages printed."""
    dpi = min(printer.resolution(), MAX_DPI)
    images = page_images(pdf, dpi)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(f"the printer {printer.printerName() or printer.outputFileName()} cannot start a job")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = painter.viewport()
            factor = printer.resolution() / dpi
            size = QSize(round(image.width() * factor), round(image.height() * factor))  # true size
            if size.width() > area.width() or size.height() > area.height():
                size = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)  # shrink to fit, never grow
            target = QRect(area.x() + (area.width() - size.width()) // 2,
                           area.y() + (area.height() - size.height()) // 2, size.width(), size.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return len(images)


def system_printers() -> list[str]:
    return QPrinterInfo.availablePrinterNames()


def print_or_save(pdf: bytes, parent: QWidget, title: str, printer_name: str = "") -> str:
    """Ask where to print (the station's document printer preselected); without printers, offer to save.

    Returns what happened in words: "printed on …", "saved as …" or "" when the user cancelled.
    """
    if not system_printers():
        path = save_pdf(pdf, parent, title)
        return QCoreApplication.translate("Documents", "Saved as %1").replace("%1", path) if path else ""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    if printer_name:
        printer.setPrinterName(printer_name)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return ""
    print_pdf(pdf, printer)
    return QCoreApplication.translate("Documents", "Printed on %1").replace("%1", printer.printerName())


def save_pdf(pdf: bytes, parent: QWidget, title: str) -> str:
    """A save dialog for the PDF; returns the path written, or "" when cancelled."""
    safe = "".join(ch if ch.isalnum() or ch in "-_ " else "_" for ch in title).strip() or "document"
    caption = QCoreApplication.translate("Documents", "Save as PDF")
    path, _ = QFileDialog.getSaveFileName(parent, caption, str(Path.home() / f"{safe}.pdf"), "PDF (*.pdf)")
    if not path:
        return ""
    Path(path).write_bytes(pdf)
    return path
