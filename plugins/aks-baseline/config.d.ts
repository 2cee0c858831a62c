export interface Config {
  aksBaseline?: {
    /**
     * Where the frontend plugin's README is published (e.g. your copy on
     * GitHub or Azure Repos), for the portal's links to its sections (a
     * section's anchor is appended). Default: the package's homepage, else
     * its page on npm. The backend plugin refuses a value that is no
     * http(s) URL.
     * @visibility frontend
     */
    documentationUrl?: string;
  };
}
