/**
 * ARM errors, reduced to what a person acts on: which resource, which code,
 * what message. ARM nests them (`DeploymentFailed` -> details -> details),
 * and the useful ones are the innermost.
 */
export interface ResourceError {
  /** `type/name` of the resource, or ARM's `target`, or `(deployment)`. */
  resource: string;
  code: string;
  message: string;
}

export class ArmDeploymentError extends Error {
  constructor(summary: string, readonly errors: ResourceError[]) {
    super(
      errors.length
        ? `${summary}: ${errors
            .map(e => `${e.resource}: ${e.code}: ${e.message}`)
            .join(' | ')}`
        : summary,
    );
    this.name = 'ArmDeploymentError';
  }
}

interface ArmErrorBody {
  code?: string;
  message?: string;
  target?: string;
  details?: ArmErrorBody[];
}

/** The innermost errors of an ARM error body (details replace their parent). */
export function armErrorsOf(
  error: ArmErrorBody | undefined,
  resource = '(deployment)',
): ResourceError[] {
  if (!error) return [];
  const details = Array.isArray(error.details) ? error.details : [];
  if (details.length > 0) {
    return details.flatMap(detail =>
      armErrorsOf(detail, detail.target ?? error.target ?? resource),
    );
  }
  return [
    {
      resource: error.target ?? resource,
      code: String(error.code ?? 'Unknown'),
      message: oneLine(String(error.message ?? '')),
    },
  ];
}

/** One failed deployment operation, as `deployments/{name}/operations` lists it. */
export function operationErrors(operation: any): ResourceError[] {
  const properties = operation?.properties ?? {};
  const target = properties.targetResource ?? {};
  const resource =
    target.resourceType && target.resourceName
      ? `${target.resourceType}/${target.resourceName}`
      : target.id ?? '(deployment)';
  const status = properties.statusMessage;
  const error = status?.error ?? (status?.code ? status : undefined);
  return error
    ? armErrorsOf(error, resource).map(e => ({ ...e, resource }))
    : [
        {
          resource,
          code: String(properties.statusCode ?? 'Failed'),
          message: 'failed without a status message',
        },
      ];
}

/** ARM messages sometimes embed JSON with line breaks; keep log lines whole. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').slice(0, 1000);
}
