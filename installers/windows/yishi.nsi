; 议事 for Windows 10 (1903) or later: a per-user install (no administrator needed) of the
; embeddable CPython, the locked wheels and the app, built by installers/windows/build.sh.
; makensis -DVERSION=x.y.z -DSTAGE=<folder> -DOUTFILE=<setup.exe> yishi.nsi
; A 64-bit installer for a 64-bit program (and the only kind Wine 64 runs here).
Target amd64-unicode
SetCompressor /SOLID lzma
!include "MUI2.nsh"

Name "议事 ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Yishi"
InstallDirRegKey HKCU "Software\Yishi" "InstallDir"
RequestExecutionLevel user
BrandingText "议事 Yishi ${VERSION}"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Yishi"
!define MUI_COMPONENTSPAGE_NODESC
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "议事" Main
  SectionIn RO
  ; Upgrading in place: the old program goes, the user's data (%LOCALAPPDATA%\Yishi) stays.
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\licenses"
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortCut "$SMPROGRAMS\议事.lnk" "$INSTDIR\python\pythonw.exe" "-m desktop" \
    "$INSTDIR\python\pythonw.exe" 0
  CreateShortCut "$DESKTOP\议事.lnk" "$INSTDIR\python\pythonw.exe" "-m desktop" \
    "$INSTDIR\python\pythonw.exe" 0
  WriteRegStr HKCU "Software\Yishi" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "议事 Yishi"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "Yishi"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "un.议事" UnMain
  SectionIn RO
  Delete "$SMPROGRAMS\议事.lnk"
  Delete "$DESKTOP\议事.lnk"
  RMDir /r "$INSTDIR\python"
  RMDir /r "$INSTDIR\licenses"
  Delete "$INSTDIR\yishi.cmd"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\Yishi"
SectionEnd

; Unticked by default, and never in a silent uninstall: the database, backups and reports.
Section /o "un.同时删除我的数据（数据库、备份、错误报告）" UnData
  RMDir /r "$LOCALAPPDATA\Yishi"
SectionEnd
