import {
  ANNOTATION_CLUSTER,
  clusterAnnotationForms,
  findServedHostConflict,
  StampContractEntity,
} from '@aks-baseline/plugin-aks-baseline-common';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useRef } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { FormNote } from './FormNote';
import {
  CONTRACT_FORM_FIELDS,
  ContractFormValues,
  ContractReading,
  mergeContractValues,
  readContractValues,
} from './contractValues';

/** Name of the field extension the onboarding template's `ui:field` names. */
export const CLUSTER_CONTRACT_FIELD_NAME = 'AksClusterContract';

interface ClusterView {
  clusterRef: string;
  reading?: ContractReading;
  apps: StampContractEntity[];
}

/** The chosen cluster's entity and the apps whose cluster annotation names it. */
function useClusterView(clusterRef: string | undefined) {
  const catalogApi = useApi(catalogApiRef);
  return useAsync(async (): Promise<ClusterView | undefined> => {
    if (!clusterRef) return undefined;
    const [entity, apps] = await Promise.all([
      catalogApi.getEntityByRef(clusterRef),
      catalogApi.getEntities({
        filter: {
          kind: 'Component',
          [`metadata.annotations.${ANNOTATION_CLUSTER}`]:
            clusterAnnotationForms(clusterRef),
        },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
        ],
      }),
    ]);
    return {
      clusterRef,
      reading: entity ? readContractValues(entity) : undefined,
      apps: apps.items as StampContractEntity[],
    };
  }, [catalogApi, clusterRef]);
}

/** What the form says about the chosen cluster's contract, in one sentence. */
function ContractNote({ view }: { view: ClusterView }) {
  const { reading, clusterRef } = view;
  if (!reading) {
    return (
      <FormNote severity="warning">
        {clusterRef} is not in the catalog: give the Key Vault, tenant id and
        certificate reader client id below.
      </FormNote>
    );
  }
  if (reading.status === 'absent') {
    return (
      <FormNote severity="info">
        {clusterRef} has no stamp contract (no aks-baseline.io/stamp-*
        annotations: a cluster not made by the cluster template). Give the Key
        Vault, tenant id and certificate reader client id below.
      </FormNote>
    );
  }
  if (reading.status === 'invalid') {
    return (
      <FormNote severity="warning">
        {clusterRef}'s stamp contract cannot be used:{' '}
        {reading.problems.join('; ')}. Fix the cluster's catalog-info.yaml, or
        give the values below.
      </FormNote>
    );
  }
  const missing = reading.missing.length
    ? ` It has no ${reading.missing.join(
        ', ',
      )} yet: give it below, or ask the cluster's owner to add it.`
    : '';
  return (
    <FormNote severity="success">
      Filled from {clusterRef}'s stamp contract (its aks-baseline.io/stamp-*
      annotations). Change a value to override it.{missing}
    </FormNote>
  );
}

/**
 * The onboarding form's "What the cluster says": reads the chosen cluster's
 * stamp contract through the catalog, fills the Key Vault, tenant, reader,
 * Traefik namespace, App Gateway subnet and ingress domain (editable), and
 * warns when another app on that cluster already serves the host.
 */
export const ClusterContractField = (
  props: FieldExtensionComponentProps<ContractFormValues>,
) => {
  const { formData, onChange, schema, errorSchema, formContext, disabled } =
    props;
  const form = (formContext?.formData ?? {}) as Record<string, unknown>;
  const clusterRef =
    typeof form.cluster === 'string' ? form.cluster : undefined;
  const host = typeof form.host === 'string' ? form.host : undefined;
  const appName = typeof form.appName === 'string' ? form.appName : undefined;
  const { value: view, loading, error } = useClusterView(clusterRef);
  const filled = useRef<ContractFormValues>({});
  const current = formData ?? {};

  const reading = view?.reading;
  useEffect(() => {
    if (!reading) return;
    const fromContract = reading.status === 'valid' ? reading.values : {};
    onChange(mergeContractValues(current, filled.current, fromContract));
    filled.current = fromContract;
    // Only a newly read contract fills the inputs; typing must not re-run it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reading]);

  const conflict =
    view && host
      ? findServedHostConflict({
          host,
          clusterRef: view.clusterRef,
          ownAppRef: appName ? `component:default/${appName}` : undefined,
          apps: view.apps,
        })
      : undefined;
  const properties = (schema.properties ?? {}) as Record<
    string,
    { title?: string; description?: string }
  >;

  return (
    <Box mb={2} data-testid="aks-cluster-contract">
      <Typography variant="h6" component="h3">
        {schema.title}
      </Typography>
      <Box my={1}>
        {!clusterRef && (
          <FormNote severity="info">
            Choose the cluster on the previous page to fill these in.
          </FormNote>
        )}
        {loading && (
          <Typography variant="body2">Reading {clusterRef}…</Typography>
        )}
        {error && (
          <FormNote severity="warning">
            Could not read {clusterRef} from the catalog ({error.message}): give
            the values below.
          </FormNote>
        )}
        {view && <ContractNote view={view} />}
        {conflict && (
          <FormNote severity="warning">
            {host} is already served on {view?.clusterRef} by {conflict.appRef}{' '}
            (its aks-baseline.io/host is {conflict.servedHost}). Onboarding will
            refuse it: choose another host on the "Cluster and route" page, or
            move or retire that app first.
          </FormNote>
        )}
      </Box>
      {CONTRACT_FORM_FIELDS.filter(field => properties[field]).map(field => {
        const errors = (errorSchema?.[field] as { __errors?: string[] })
          ?.__errors;
        const description = properties[field].description ?? '';
        return (
          <TextField
            key={field}
            id={`${props.idSchema.$id}_${field}`}
            label={properties[field].title ?? field}
            value={current[field] ?? ''}
            disabled={disabled}
            fullWidth
            margin="normal"
            error={Boolean(errors?.length)}
            // Code spans in the template's descriptions read as plain text here.
            helperText={
              errors?.length ? errors.join(' ') : description.replace(/`/g, '')
            }
            onChange={event => {
              const next = { ...current, [field]: event.target.value };
              if (!event.target.value) delete next[field];
              onChange(next);
            }}
          />
        );
      })}
    </Box>
  );
};
