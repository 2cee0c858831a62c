/**
 * Whether a certificate name (a DNS SAN, or the CN when there is none)
 * covers `host`, as a TLS client checks it (RFC 6125 6.4): case-insensitive,
 * a wildcard only as the whole left-most label, matching exactly one label.
 * App Gateway checks the backend's certificate against the host name it
 * sends, so a name Traefik's certificate does not cover is a 502.
 * @public
 */
export function certificateNameCovers(name: string, host: string): boolean {
  const pattern = name.trim().replace(/\.$/, '').toLowerCase();
  const target = host.trim().replace(/\.$/, '').toLowerCase();
  if (!pattern || !target) return false;
  if (!pattern.startsWith('*.')) return pattern === target;
  const suffix = pattern.slice(1); // ".example.com"
  if (suffix.includes('*') || suffix.split('.').length < 3) return false;
  const label = target.slice(0, target.length - suffix.length);
  return target.endsWith(suffix) && label.length > 0 && !label.includes('.');
}

/** The first of `names` that covers `host`, if any. @public */
export function coveringName(
  names: readonly string[],
  host: string,
): string | undefined {
  return names.find(name => certificateNameCovers(name, host));
}
