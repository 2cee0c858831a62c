export {
  DOCUMENTATION_URL_KEY,
  README_SECTIONS,
  defaultDocumentationUrl,
  readmeSectionUrl,
  useReadmeSectionUrl,
} from './documentationUrl';
export type { ReadmeSection } from './documentationUrl';
