// Types for the tests that import compare.mjs.
export interface ComparedRow {
  readonly field: string;
  readonly agent: unknown;
  readonly os: unknown;
  /** null: the OS could not answer (the note says why). */
  readonly agree: boolean | null;
  readonly note: string;
}
export type OsAnswer<T> = T | { readonly skip: string };
export interface OsAnswers {
  cpuModel: OsAnswer<string>;
  cpuThreads: number;
  cpuCores: OsAnswer<number>;
  memoryBytes: number;
  disks: OsAnswer<{ name: string; sizeBytes: number }[]>;
  volumes: { mount: string; sizeBytes: number; freeBytes: number }[];
  hostname: string;
  macs: string[];
  ips: string[];
  programs: OsAnswer<Record<string, number>>;
  osName: OsAnswer<string>;
  osVersion: OsAnswer<string>;
  osVersionField?: 'version' | 'kernel';
  antivirus: string[] | null;
  /** The OS names only its built-in products: the agent's list must include them (macOS). */
  antivirusBuiltInOnly?: boolean;
  firewall: boolean | null;
}
export declare const TOLERANCES: {
  readonly freeSpaceFraction: number;
  readonly freeSpaceBytes: number;
  readonly volumeSizeFraction: number;
  readonly memoryFraction: number;
};
export declare function compareInventory(doc: unknown, os: OsAnswers): ComparedRow[];
export declare function formatTable(rows: readonly ComparedRow[]): string;
