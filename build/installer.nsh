; Deskside additions to electron-builder's NSIS installer (nsis.include in electron-builder.yml).
;
; Preset configuration for unattended rollout, the same properties as the MSI:
;   Deskside-Setup-x.y.z-x64.exe /S /allusers /SERVER_URL=https://deskside.example.org /ENROLL_SECRET=... /TAG="Paris 3F" /START_AT_LOGIN=1
; SERVER_URL    -> HKLM\SOFTWARE\Policies\Deskside\serverUrl (managed policy the agent reads)
; ENROLL_SECRET -> HKLM\SOFTWARE\Policies\Deskside\Enrollment\enrollSecret, in a key created first with an ACL
;                  of SYSTEM and Administrators only (no inheritance), so users cannot read it; the agent
;                  service consumes it at first enrollment and deletes it. Never written to the install log.
; TAG           -> HKLM\SOFTWARE\Deskside\Installer\TAG
; START_AT_LOGIN=1 (default) starts the tray app at every user's login; 0 does not.
; INSTALL_SERVICE=1 (default) registers the deskside-agent Windows service when the package carries it.

!include "FileFunc.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!define DESKSIDE_POLICY_KEY "SOFTWARE\Policies\Deskside"
!define DESKSIDE_SECRET_KEY "SOFTWARE\Policies\Deskside\Enrollment"
!define DESKSIDE_STATE_KEY "SOFTWARE\Deskside\Installer"
!define DESKSIDE_RUN_KEY "SOFTWARE\Microsoft\Windows\CurrentVersion\Run"
!define DESKSIDE_SERVICE_EXE "$INSTDIR\resources\service\windows\deskside-agent-service.exe"
; Protected DACL: SYSTEM and BUILTIN\Administrators full control, nothing inherited from Policies\.
!define DESKSIDE_SECRET_SDDL "O:BAG:SYD:PAI(A;CI;KA;;;SY)(A;CI;KA;;;BA)"
; The agent service's state (device credential, outbox). ProgramData lets users read what others create
; there, so the folder gets the same protection, for files.
!define DESKSIDE_DATA_SDDL "O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"

; The installer is a 32-bit process: reach the 64-bit registry and the 64-bit PowerShell explicitly.
!macro DesksideRegView64
  ${If} ${RunningX64}
    SetRegView 64
  ${EndIf}
!macroend

!macro DesksidePowerShell _OUT
  ${If} ${RunningX64}
    StrCpy ${_OUT} "$WINDIR\sysnative\WindowsPowerShell\v1.0\powershell.exe"
  ${Else}
    StrCpy ${_OUT} "$SYSDIR\WindowsPowerShell\v1.0\powershell.exe"
  ${EndIf}
!macroend

; Stop a running agent service before its files are replaced (upgrades and auto-updates).
!macro customInit
  ${If} ${FileExists} "$INSTDIR\resources\service\windows\deskside-agent-service.exe"
    nsExec::Exec '"$INSTDIR\resources\service\windows\deskside-agent-service.exe" stop'
    Pop $0
  ${EndIf}
!macroend

!macro customInstall
  !insertmacro DesksideRegView64
  ${GetParameters} $R0

  ClearErrors
  ${GetOptions} $R0 "/SERVER_URL=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 != ""
    WriteRegStr HKLM "${DESKSIDE_POLICY_KEY}" "serverUrl" "$R1"
    WriteRegStr HKLM "${DESKSIDE_STATE_KEY}" "SERVER_URL" "$R1"
    DetailPrint "Deskside: server URL set to $R1"
  ${EndIf}

  ClearErrors
  ${GetOptions} $R0 "/TAG=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 != ""
    WriteRegStr HKLM "${DESKSIDE_STATE_KEY}" "TAG" "$R1"
  ${EndIf}

  ClearErrors
  ${GetOptions} $R0 "/ENROLL_SECRET=" $R1
  ${IfNot} ${Errors}
  ${AndIf} $R1 != ""
    ; The key gets its protected ACL before the secret is written into it; if that fails the secret is not
    ; stored at all (the device then waits, visibly not enrolled, for a secret by policy or by hand).
    !insertmacro DesksidePowerShell $R2
    nsExec::Exec `"$R2" -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$$ErrorActionPreference = 'Stop'; $$p = 'HKLM:\${DESKSIDE_SECRET_KEY}'; New-Item -Path $$p -Force | Out-Null; $$acl = New-Object System.Security.AccessControl.RegistrySecurity; $$acl.SetSecurityDescriptorSddlForm('${DESKSIDE_SECRET_SDDL}'); Set-Acl -Path $$p -AclObject $$acl"`
    Pop $R3
    ${If} $R3 == 0
      WriteRegStr HKLM "${DESKSIDE_SECRET_KEY}" "enrollSecret" "$R1"
      DetailPrint "Deskside: enrollment secret stored for the agent service"
    ${Else}
      DetailPrint "Deskside: could not protect ${DESKSIDE_SECRET_KEY} (exit $R3); the enrollment secret was NOT stored"
    ${EndIf}
    StrCpy $R1 ""
  ${EndIf}

  StrCpy $R4 "1"
  ClearErrors
  ${GetOptions} $R0 "/START_AT_LOGIN=" $R1
  ${IfNot} ${Errors}
    StrCpy $R4 $R1
  ${EndIf}
  ${If} $R4 == "0"
    DeleteRegValue HKLM "${DESKSIDE_RUN_KEY}" "Deskside"
  ${Else}
    WriteRegStr HKLM "${DESKSIDE_RUN_KEY}" "Deskside" '"$INSTDIR\${APP_EXECUTABLE_FILENAME}"'
  ${EndIf}
  WriteRegStr HKLM "${DESKSIDE_STATE_KEY}" "START_AT_LOGIN" "$R4"
  WriteRegStr HKLM "${DESKSIDE_STATE_KEY}" "InstallDir" "$INSTDIR"

  !insertmacro DesksidePowerShell $R2
  nsExec::Exec `"$R2" -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command "$$ErrorActionPreference = 'Stop'; $$p = Join-Path $$env:ProgramData 'Deskside\agent'; New-Item -ItemType Directory -Path $$p -Force | Out-Null; $$acl = New-Object System.Security.AccessControl.DirectorySecurity; $$acl.SetSecurityDescriptorSddlForm('${DESKSIDE_DATA_SDDL}'); Set-Acl -Path $$p -AclObject $$acl"`
  Pop $R3
  ${If} $R3 != 0
    DetailPrint "Deskside: could not protect %ProgramData%\Deskside\agent (exit $R3)"
  ${EndIf}

  StrCpy $R4 "1"
  ClearErrors
  ${GetOptions} $R0 "/INSTALL_SERVICE=" $R1
  ${IfNot} ${Errors}
    StrCpy $R4 $R1
  ${EndIf}
  ${If} $R4 != "0"
  ${AndIf} ${FileExists} "${DESKSIDE_SERVICE_EXE}"
    ; "install" fails harmlessly when an earlier version registered the service already.
    nsExec::ExecToLog '"${DESKSIDE_SERVICE_EXE}" install'
    Pop $R3
    nsExec::ExecToLog '"${DESKSIDE_SERVICE_EXE}" start'
    Pop $R3
    ${If} $R3 != 0
      DetailPrint "Deskside: the agent service did not start (exit $R3); see %ProgramData%\Deskside\logs"
    ${EndIf}
  ${EndIf}
  SetRegView lastused
!macroend

!macro customUnInstall
  ${If} ${FileExists} "${DESKSIDE_SERVICE_EXE}"
    nsExec::Exec '"${DESKSIDE_SERVICE_EXE}" stop'
    Pop $R3
    nsExec::Exec '"${DESKSIDE_SERVICE_EXE}" uninstall'
    Pop $R3
  ${EndIf}
  ; An update runs the old uninstaller first: keep the preset for the new version.
  ${IfNot} ${isUpdated}
    !insertmacro DesksideRegView64
    DeleteRegValue HKLM "${DESKSIDE_RUN_KEY}" "Deskside"
    DeleteRegKey HKLM "${DESKSIDE_SECRET_KEY}"
    ; Remove the server URL only when it is the one this installer wrote (Group Policy owns any other).
    ReadRegStr $R1 HKLM "${DESKSIDE_STATE_KEY}" "SERVER_URL"
    ReadRegStr $R2 HKLM "${DESKSIDE_POLICY_KEY}" "serverUrl"
    ${If} $R1 != ""
    ${AndIf} $R1 == $R2
      DeleteRegValue HKLM "${DESKSIDE_POLICY_KEY}" "serverUrl"
      DeleteRegKey /ifempty HKLM "${DESKSIDE_POLICY_KEY}"
    ${EndIf}
    DeleteRegKey HKLM "${DESKSIDE_STATE_KEY}"
    DeleteRegKey /ifempty HKLM "SOFTWARE\Deskside"
    SetRegView lastused
  ${EndIf}
!macroend
