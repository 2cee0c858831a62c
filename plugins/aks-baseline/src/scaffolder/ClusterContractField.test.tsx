import { stampContractAnnotations } from '@aks-baseline/plugin-aks-baseline-common';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { exampleStampContract } from '../__testUtils__/stampContract';
import { ClusterContractField } from './ClusterContractField';
import { ContractFormValues } from './contractValues';

const contract = exampleStampContract({
  certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
});

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'aks-generated-weu',
      annotations: stampContractAnnotations(contract),
    },
    spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'aks-legacy-neu' },
    spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'inventory-api',
      annotations: {
        'aks-baseline.io/cluster': 'resource:default/aks-generated-weu',
        'aks-baseline.io/host': 'inventory.contoso-demo.com',
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  },
];

/** The field's part of the onboarding template's schema. */
const schema = {
  title: "The cluster's contract",
  type: 'object' as const,
  properties: {
    ingressDomain: { title: 'Cluster ingress domain', type: 'string' as const },
    appGatewaySubnetCidr: {
      title: 'App Gateway subnet',
      type: 'string' as const,
    },
    traefikNamespace: { title: 'Traefik namespace', type: 'string' as const },
    keyVaultName: {
      title: 'Key Vault',
      type: 'string' as const,
      description: 'e.g. `kv-aks-prod-weu`',
    },
    tenantId: { title: 'Entra ID tenant id', type: 'string' as const },
    certificateReaderClientId: {
      title: 'Certificate reader client id',
      type: 'string' as const,
    },
  },
};

/** The field as RJSF holds it: its value in state, the other pages' in the form context. */
function Harness(props: {
  form: Record<string, string>;
  initial?: ContractFormValues;
  onValue: (value: ContractFormValues) => void;
}) {
  const [value, setValue] = useState<ContractFormValues>(props.initial ?? {});
  const fieldProps = {
    formData: value,
    onChange: (next: ContractFormValues) => {
      setValue(next);
      props.onValue(next);
    },
    schema,
    uiSchema: {},
    idSchema: { $id: 'root_clusterContract' },
    formContext: { formData: props.form },
    errorSchema: {},
    rawErrors: [],
    required: false,
    disabled: false,
    readonly: false,
    name: 'clusterContract',
    registry: {},
  } as any;
  return <ClusterContractField {...fieldProps} />;
}

async function renderField(
  form: Record<string, string>,
  initial?: ContractFormValues,
) {
  const values: ContractFormValues[] = [];
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApiMock({ entities })]]}>
      <Harness form={form} initial={initial} onValue={v => values.push(v)} />
    </TestApiProvider>,
  );
  return values;
}

describe('ClusterContractField', () => {
  it("fills the inputs from the chosen cluster's stamp contract, editable", async () => {
    const values = await renderField({
      cluster: 'resource:default/aks-generated-weu',
      host: 'orders.contoso-demo.com',
      appName: 'orders',
    });
    expect(await screen.findByLabelText('Key Vault')).toHaveValue(
      'kv-aks-generated-weu',
    );
    expect(screen.getByLabelText('Entra ID tenant id')).toHaveValue(
      '72f988bf-86f1-41af-91ab-2d7cd011db47',
    );
    expect(screen.getByLabelText('Traefik namespace')).toHaveValue('a0008');
    expect(screen.getByLabelText('App Gateway subnet')).toHaveValue(
      '10.244.5.0/24',
    );
    expect(screen.getByLabelText('Certificate reader client id')).toHaveValue(
      '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
    );
    expect(
      screen.getByText(/Filled from resource:default\/aks-generated-weu/),
    ).toBeInTheDocument();
    // Code spans of the template's help read as plain text.
    expect(screen.getByText('e.g. kv-aks-prod-weu')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    const vault = screen.getByLabelText('Key Vault');
    await userEvent.clear(vault);
    await userEvent.type(vault, 'kv-mine');
    expect(vault).toHaveValue('kv-mine');
    expect(values[values.length - 1]).toMatchObject({
      keyVaultName: 'kv-mine',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
  });

  it('warns when another app already serves the host on that cluster', async () => {
    await renderField({
      cluster: 'resource:default/aks-generated-weu',
      host: 'inventory.contoso-demo.com',
      appName: 'orders',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'inventory.contoso-demo.com is already served on resource:default/aks-generated-weu by component:default/inventory-api',
    );
  });

  it('does not warn on a re-run of the same app', async () => {
    await renderField({
      cluster: 'resource:default/aks-generated-weu',
      host: 'inventory.contoso-demo.com',
      appName: 'inventory-api',
    });
    await screen.findByText(/Filled from/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks for the values when the cluster has no contract, keeping what was typed', async () => {
    const values = await renderField(
      { cluster: 'resource:default/aks-legacy-neu' },
      { keyVaultName: 'kv-legacy' },
    );
    expect(
      await screen.findByText(/has no stamp contract/),
    ).toBeInTheDocument();
    await waitFor(() => expect(values.length).toBeGreaterThan(0));
    expect(values[values.length - 1]).toEqual({ keyVaultName: 'kv-legacy' });
    expect(screen.getByLabelText('Key Vault')).toHaveValue('kv-legacy');
  });

  it('says to choose a cluster first', async () => {
    await renderField({});
    expect(
      screen.getByText(/Choose the cluster on the previous page/),
    ).toBeInTheDocument();
  });
});
