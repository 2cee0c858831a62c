/** What the backend said, in words for the entity page. */
export interface LookupErrorDescription {
  /** HTTP status, when the backend answered. */
  status?: number;
  title: string;
  /** The backend's own message, e.g. which annotation is missing. */
  message: string;
  hint?: string;
}

interface ResponseErrorLike extends Error {
  statusCode?: number;
  cause?: { message?: string };
}

/**
 * Maps the entity lookup's errors to what the user can do about them. Works
 * on `ResponseError` by shape, so a copy of `@backstage/errors` from another
 * package still matches.
 */
export function describeLookupError(error: Error): LookupErrorDescription {
  const { statusCode: status, cause } = error as ResponseErrorLike;
  const message = cause?.message || error.message;
  switch (status) {
    case 400:
      return {
        status,
        title: 'The AKS Baseline annotations of this entity are not usable',
        message,
        hint: 'Fix the annotations in the entity’s catalog-info.yaml; the help below lists them.',
      };
    case 403:
      return {
        status,
        title: 'You may not read the AKS fleet',
        message,
        hint: 'Ask a portal admin for the aks-baseline.cluster.read permission.',
      };
    case 404:
      return {
        status,
        title: 'This cluster is not in the fleet snapshot',
        message,
        hint: 'Either the cluster is not in the backend’s configured sources (aksBaseline.sources), the annotation points at the wrong cluster, or the first refresh has not finished yet: the fleet page shows the last refresh.',
      };
    default:
      return {
        status,
        title: status
          ? `The AKS Baseline backend answered ${status}`
          : 'The AKS Baseline backend could not be reached',
        message,
      };
  }
}
