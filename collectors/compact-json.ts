import type { InventoryDocument, SoftwarePackage } from '@deskside/shared/inventory';

/** A package without its unknown (null) values; the shared schema restores them as null when parsing. */
function compactPackage(pkg: SoftwarePackage): Partial<SoftwarePackage> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pkg)) if (value !== null) out[key] = value;
  return out as Partial<SoftwarePackage>;
}

/**
 * The inventory document's compact wire form: no indentation, and software packages leave out the
 * values their source does not know (dpkg has no install date or location: 800 packages repeating
 * `"installDate":null,"installLocation":null` said nothing). Parsing it with InventoryDocumentSchema
 * gives back exactly the document, so nothing is lost.
 */
export function compactInventoryJson(doc: InventoryDocument): string {
  const software = doc.sections.software;
  if (software?.data == null) return JSON.stringify(doc);
  const compactSoftware = { ...software, data: { ...software.data, packages: software.data.packages.map(compactPackage) } };
  return JSON.stringify({ ...doc, sections: { ...doc.sections, software: compactSoftware } });
}
