import { configApiRef, useApi } from '@backstage/core-plugin-api';
import packageJson from '../../package.json';

/** The app-config key naming where this plugin's README is published. */
export const DOCUMENTATION_URL_KEY = 'aksBaseline.documentationUrl';

/** Sections of the plugin's README the portal links to, by their heading's anchor. */
export const README_SECTIONS = {
  privateApiServers: 'private-api-servers',
} as const;

export type ReadmeSection = keyof typeof README_SECTIONS;

/**
 * Where the README is when the portal's config does not say: the package's
 * homepage when package.json has one, else its page on npm (which shows the
 * README).
 */
export function defaultDocumentationUrl(
  pkg: { name: string; homepage?: string } = packageJson,
): string {
  return pkg.homepage ?? `https://www.npmjs.com/package/${pkg.name}`;
}

/** A web address (http or https), else undefined. */
function webUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:'
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The address of a README section: the configured README location (the
 * backend refuses a value that is no http(s) URL at start-up; here such a
 * value falls back to the default) with the section's anchor.
 */
export function readmeSectionUrl(
  section: ReadmeSection,
  configured?: string,
): string {
  const url = webUrl(configured) ?? (webUrl(defaultDocumentationUrl()) as URL);
  url.hash = README_SECTIONS[section];
  return url.toString();
}

/** The address of a README section, from `aksBaseline.documentationUrl`. */
export function useReadmeSectionUrl(section: ReadmeSection): string {
  const config = useApi(configApiRef);
  return readmeSectionUrl(
    section,
    config.getOptionalString(DOCUMENTATION_URL_KEY),
  );
}
