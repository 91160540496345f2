/**
 * One lsblk call serves both sections that read the block-device tree: storage (disks, labels) and
 * encryption (which mounts sit on a crypt device). The runner shares identical commands within a run,
 * so asking with the same arguments costs one process instead of two.
 */
export const LSBLK_ARGS: readonly string[] = ['-J', '-b', '-o', 'NAME,KNAME,TYPE,SIZE,MODEL,SERIAL,ROTA,RM,TRAN,VENDOR,LABEL,FSTYPE,MOUNTPOINT'];
export const LSBLK_ENV: Readonly<Record<string, string>> = { LC_ALL: 'C' };
