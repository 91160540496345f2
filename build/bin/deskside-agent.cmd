@echo off
rem Runs the headless Deskside agent with the Electron binary the app ships, in plain Node mode.
rem Installed as <install dir>\resources\bin\deskside-agent.cmd; the MSI adds this folder to the system PATH.
setlocal
set ELECTRON_RUN_AS_NODE=1
"%~dp0..\..\Deskside.exe" "%~dp0..\app.asar\dist\agent\cli.js" %*
exit /b %ERRORLEVEL%
