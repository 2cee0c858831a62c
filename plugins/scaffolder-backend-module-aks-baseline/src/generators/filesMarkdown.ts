import { PlannedFile } from './serialize';

/*
 * The generated files as Markdown, for the template's output text: a run
 * that publishes nothing (no GitHub or Azure DevOps token, "Download only")
 * still hands the user every file, to copy from the task page.
 */

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  md: 'markdown',
};

/** A fence longer than any run of backticks in `content`, so no file can close it early. */
function fenceFor(content: string): string {
  const longest = Math.max(
    0,
    ...(content.match(/`+/g) ?? []).map(run => run.length),
  );
  return '`'.repeat(Math.max(3, longest + 1));
}

/** One heading and fenced block per file, in the order written. */
export function generatedFilesMarkdown(files: PlannedFile[]): string {
  return files
    .map(file => {
      const extension = file.path.split('.').pop() ?? '';
      const language = LANGUAGE_BY_EXTENSION[extension.toLowerCase()] ?? '';
      const fence = fenceFor(file.content);
      const body = file.content.endsWith('\n')
        ? file.content
        : `${file.content}\n`;
      return `#### \`${file.path}\`\n\n${fence}${language}\n${body}${fence}`;
    })
    .join('\n\n');
}
