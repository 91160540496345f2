/**
 * PowerShell writes in the console's OEM code page unless told otherwise, which turns "Général" or
 * "打印机" into question marks. Every script gets this preamble first; progress bars are switched off
 * because they write to the output stream hosts capture.
 */
export const POWERSHELL_PREAMBLE =
  "[Console]::OutputEncoding=[Text.Encoding]::UTF8; $OutputEncoding=[Text.Encoding]::UTF8; $ProgressPreference='SilentlyContinue'; ";

export const POWERSHELL_EXE = 'powershell.exe';

/**
 * Arguments for Windows PowerShell 5.1 (present on every supported Windows). The script travels as
 * -EncodedCommand (Base64 of UTF-16LE) rather than -Command: Windows argument quoting strips or
 * mangles the double quotes of a -Command script, while Base64 passes through untouched.
 */
export function powershellArgs(script: string): string[] {
  const encoded = Buffer.from(POWERSHELL_PREAMBLE + script, 'utf16le').toString('base64');
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded];
}

/** Reads back the script from powershellArgs(); used by the test fake to match scripts. */
export function scriptFromArgs(args: readonly string[]): string | null {
  const index = args.indexOf('-EncodedCommand');
  const encoded = index >= 0 ? args[index + 1] : undefined;
  if (encoded === undefined) return null;
  return Buffer.from(encoded, 'base64').toString('utf16le').slice(POWERSHELL_PREAMBLE.length);
}
