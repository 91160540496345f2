/** Where attachments live in an object store: `s3://BUCKET[/PREFIX]`. */
export interface S3Location {
  readonly bucket: string;
  /** '' or a key prefix ending in '/'. */
  readonly prefix: string;
}

// S3's own bucket naming rules (3-63 characters, lower case, digits, dots and hyphens).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseS3Url(value: string): S3Location {
  const rest = value.slice('s3://'.length);
  if (!value.startsWith('s3://') || rest === '') throw new Error('--attachments must be a folder or s3://BUCKET[/PREFIX]');
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  const path = slash === -1 ? '' : rest.slice(slash + 1).replace(/^\/+|\/+$/g, '');
  if (!BUCKET.test(bucket)) throw new Error(`"${bucket}" is not a valid S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)`);
  if (path.split('/').some((part) => part === '.' || part === '..')) throw new Error('the S3 prefix must not contain "." or ".." segments');
  return { bucket, prefix: path === '' ? '' : `${path}/` };
}
