// electron-builder `msiProjectCreated` hook: merges build/msi-preset.wxs into the generated WiX project
// before candle/light compile it. electron-builder picks the export named after the hook.
import { readFile, writeFile } from 'node:fs/promises';

const PRESET_FILE = new URL('./msi-preset.wxs', import.meta.url);
const SERVICE_WRAPPER = 'deskside-agent-service.exe';

/** The text between `<!-- NAME-BEGIN -->` and `<!-- NAME-END -->` in the preset file. */
function section(source, name) {
  const begin = source.indexOf(`<!-- ${name}-BEGIN -->`);
  const end = source.indexOf(`<!-- ${name}-END -->`);
  if (begin < 0 || end < begin) throw new Error(`msi-preset.wxs: section ${name} is missing`);
  return source.slice(begin, end + `<!-- ${name}-END -->`.length);
}

/**
 * Returns the project with Deskside's preset properties, registry components and (when the package
 * carries the service wrapper) the service actions. Pure so it can be tested on a sample project.
 */
export function mergePreset(project, preset, log = () => {}) {
  if (project.includes('DESKSIDE-PRESET-BEGIN')) return project;
  const featureOpen = project.match(/<Feature Id="ProductFeature"[^>]*>/);
  if (!featureOpen) throw new Error('MSI project has no <Feature Id="ProductFeature">: electron-builder template changed');
  if (!project.includes('</Product>')) throw new Error('MSI project has no </Product>: electron-builder template changed');
  let additions = section(preset, 'DESKSIDE-PRESET');
  if (project.includes(`Name="${SERVICE_WRAPPER}"`)) {
    additions += `\n    ${section(preset, 'DESKSIDE-SERVICE')}`;
  } else {
    log(
      `${SERVICE_WRAPPER} is not in the package: this MSI installs no Windows service ` +
        '(see docs/deploying.md, "Windows service")',
    );
  }
  return project
    .replace(featureOpen[0], `${featureOpen[0]}\n      <ComponentGroupRef Id="DesksidePresetComponents"/>`)
    .replace('</Product>', `    ${additions}\n  </Product>`);
}

export async function msiProjectCreated(projectFile) {
  const [project, preset] = await Promise.all([readFile(projectFile, 'utf8'), readFile(PRESET_FILE, 'utf8')]);
  await writeFile(projectFile, mergePreset(project, preset, (message) => console.warn(`  • ${message}`)));
}
