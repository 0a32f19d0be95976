"""Qt application set-up: the shipped Chinese font, Chinese for Qt's own dialogs, the locale."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.paths import resource_path

UI_FONT_FILE = "NotoSansSC-Regular.otf"


def install_font(app: QApplication) -> str:
    """Register the Simplified-Chinese UI face and make it the app font at the system's size.

    A shipped SC-only face: on a machine without Chinese fonts Qt would draw boxes, and a system
    Noto CJK under a non-Chinese locale would draw Japanese glyph forms.
    """
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", UI_FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"界面字体 {UI_FONT_FILE} 无法载入，请重新安装议事。")
    font = QFont(app.font())  # keeps the system's point size, so text follows its setting
    font.setFamilies([families[0], *app.font().families()])
    app.setFont(font)
    return families[0]


def install_translations(app: QApplication) -> list[QTranslator]:
    """Qt's own zh_CN catalogue: standard buttons, file dialogs and context menus in Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed = []
    for catalogue in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(catalogue, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed
