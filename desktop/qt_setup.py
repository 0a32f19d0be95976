"""Qt application set-up: the shipped Chinese font, Chinese for Qt's own dialogs, the locale,
the window icon."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desktop.paths import resource_path

UI_FONT_FILE = "NotoSansSC-Regular.otf"
WINDOWS_APP_ID = "Yishi.Yishi"


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


def install_window_icon(app: QApplication) -> None:
    """议事's icon on every window (and the taskbar); the SVG is read when first painted."""
    app.setWindowIcon(QIcon(str(resource_path("icons", "yishi.svg"))))


def set_windows_app_id() -> None:
    """On Windows, before the QApplication: the taskbar groups and shows the windows as 议事
    rather than as python.exe with Python's icon. Anywhere else, or should it fail, nothing."""
    if sys.platform != "win32":
        return
    try:
        import ctypes

        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(WINDOWS_APP_ID)
    except (AttributeError, OSError):
        pass
