; 议事 for Windows 10 (1903) or later: the embeddable CPython, the locked wheels and the app,
; built by installers/windows/build.sh:
;   makensis -DVERSION=x.y.z -DVERSION4=x.y.z.0 -DSTAGE=<folder> -DOUTFILE=<setup.exe> \
;            -DINSTALLED_KB=<size> yishi.nsi
; Per-user by default (%LOCALAPPDATA%\Programs\Yishi, HKCU, no administrator); a page offers
; 所有用户 ($PROGRAMFILES64\Yishi, HKLM, the common Start menu and desktop) to an account that can
; elevate. Silent: /S, /S /AllUsers, /S /CurrentUser, /D=folder (last, unquoted). Each user's
; data (%LOCALAPPDATA%\Yishi) is never the installer's, in either mode.
; A 64-bit installer for a 64-bit program (and the only kind Wine 64 runs here).
Target amd64-unicode
SetCompressor /SOLID lzma

; Stock MultiUser.nsh: "Highest" runs as the account is (an administrator's setup asks UAC once;
; a standard user's does not ask and installs for that user only).
!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_INSTALLMODE_DEFAULT_CURRENTUSER
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "Yishi"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "Software\Yishi"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallDir"
; An upgrade keeps the mode of the earlier install (HKCU first, then HKLM).
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "Software\Yishi"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!include "MultiUser.nsh"
!include "MUI2.nsh"
!include "LogicLib.nsh"

Name "议事 ${VERSION}"
OutFile "${OUTFILE}"
BrandingText "议事 Yishi ${VERSION}"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Yishi"
!define MUI_ICON "${STAGE}\yishi.ico"
!define MUI_UNICON "${STAGE}\yishi.ico"
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "议事 Yishi"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "Yishi"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "议事 ${VERSION} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "GPL-3.0-or-later; 附带组件的许可证见安装目录 licenses"

Var UninstallDir
!define OLD_WINDOWS "议事需要 Windows 10 1903 或更高版本（64 位）。这台电脑的 Windows 较旧，安装后可能无法打开议事窗口。仍要安装吗？"

Function .onInit
  ; /D=folder sets $INSTDIR before .onInit; MultiUser.nsh would replace it by the mode's default.
  StrCpy $0 $INSTDIR
  ; Qt 6 needs Windows 10 1903 (build 18362): warn, and let IT go on (silent installs do).
  ${IfNot} ${AtLeastBuild} 18362
    MessageBox MB_YESNO|MB_ICONEXCLAMATION "${OLD_WINDOWS}" /SD IDYES IDYES +2
    Abort
  ${EndIf}
  !insertmacro MULTIUSER_INIT
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
FunctionEnd

Function un.onInit
  ; MultiUser.nsh reads InstallDir from the registry into $INSTDIR; the uninstaller's own folder
  ; is the one to remove. The mode is the one this folder was installed in: HKLM's InstallDir.
  StrCpy $UninstallDir $INSTDIR
  !insertmacro MULTIUSER_UNINIT
  StrCpy $INSTDIR $UninstallDir
  ReadRegStr $0 HKLM "Software\Yishi" "InstallDir"
  ${If} $0 == $INSTDIR
    Call un.MultiUser.InstallMode.AllUsers
    ${If} $MultiUser.InstallMode != "AllUsers"
      MessageBox MB_OK|MB_ICONSTOP "议事是为本机所有用户安装的，卸载需要管理员权限。" /SD IDOK
      Quit
    ${EndIf}
  ${Else}
    Call un.MultiUser.InstallMode.CurrentUser
  ${EndIf}
  StrCpy $INSTDIR $UninstallDir
FunctionEnd

Section "议事" Main
  SectionIn RO
  ; Upgrading in place: the old program goes, the user's data (%LOCALAPPDATA%\Yishi) stays.
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\licenses"
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  ${If} $MultiUser.InstallMode == "AllUsers"
    ; Users cannot write under Program Files, so Python could never cache its compiled modules
    ; there: compile them once now (a failure only costs start-up time). One process: compileall's
    ; worker pool (-j) hung under Wine in CI, and an installer must never hang.
    DetailPrint "正在预编译 Python 模块……"
    nsExec::Exec '"$INSTDIR\python\python.exe" -m compileall -q "$INSTDIR\python\Lib\site-packages"'
    Pop $0
  ${EndIf}
  ; SetShellVarContext (set by the mode): the user's or the common Start menu and desktop.
  CreateShortCut "$SMPROGRAMS\议事.lnk" "$INSTDIR\python\pythonw.exe" "-m desktop" \
    "$INSTDIR\yishi.ico" 0
  CreateShortCut "$DESKTOP\议事.lnk" "$INSTDIR\python\pythonw.exe" "-m desktop" \
    "$INSTDIR\yishi.ico" 0
  ; SHCTX is HKLM for 所有用户, HKCU otherwise.
  WriteRegStr SHCTX "Software\Yishi" "InstallDir" "$INSTDIR"
  WriteRegStr SHCTX "Software\Yishi" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayName" "议事 Yishi"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\yishi.ico"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Publisher" "Yishi"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "Comments" "残联秘书处议事工作台"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "UninstallString" \
    '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINSTALL_KEY}" "QuietUninstallString" \
    '"$INSTDIR\uninstall.exe" /S /$MultiUser.InstallMode'
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "EstimatedSize" ${INSTALLED_KB}
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "un.议事" UnMain
  SectionIn RO
  Delete "$SMPROGRAMS\议事.lnk"
  Delete "$DESKTOP\议事.lnk"
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\licenses"
  Delete "$INSTDIR\yishi.cmd"
  Delete "$INSTDIR\yishi.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey SHCTX "${UNINSTALL_KEY}"
  DeleteRegKey SHCTX "Software\Yishi"
SectionEnd

; Unticked by default, and never in a silent uninstall: the database, backups and reports of
; the user running the uninstaller (its own %LOCALAPPDATA%, also after an all-users install).
Section /o "un.同时删除我的数据（数据库、备份、错误报告）" UnData
  SetShellVarContext current
  RMDir /r "$LOCALAPPDATA\Yishi"
  ${If} $MultiUser.InstallMode == "AllUsers"
    SetShellVarContext all
  ${EndIf}
SectionEnd
