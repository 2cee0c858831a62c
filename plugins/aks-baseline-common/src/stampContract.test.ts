import {
  STAMP_CONTRACT_ANNOTATIONS,
  StampContract,
  describeStampContractProblem,
  formatLabelList,
  parseLabelList,
  readStampContract,
  stampContractAnnotations,
} from './stampContract';

const contract: StampContract = {
  clusterEntityRef: 'resource:default/aks-prod-weu',
  gatewayName: 'agw-aks-prod-weu',
  gatewayFrontendIpConfiguration: 'agw-frontend-public',
  gatewayFrontendPort: 'port-443',
  gatewayBackendPool: 'traefik-internal-lb',
  gatewayTrustedRootCertificate: 'traefik-ingress-root',
  appGatewaySubnetCidr: '10.240.5.0/24',
  traefikNamespace: 'a0008',
  traefikPodLabels: {
    'app.kubernetes.io/name': 'traefik-ingress-ilb',
    'app.kubernetes.io/instance': 'ilb',
  },
  traefikEntryPoint: 'websecure',
  traefikIlbSubnetCidr: '10.240.4.0/28',
  traefikIlbIp: '10.240.4.4',
  ingressDomain: 'contoso.com',
  keyVaultName: 'kv-aks-prod-weu',
  keyVaultDnsSuffix: 'vault.azure.net',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
};

const entity = (annotations: Record<string, string>) => ({
  kind: 'Resource',
  metadata: { name: 'aks-prod-weu', annotations },
});

const annotated = (changes: Record<string, string | undefined>) => {
  const annotations = { ...stampContractAnnotations(contract) };
  for (const [field, value] of Object.entries(changes)) {
    const name = STAMP_CONTRACT_ANNOTATIONS[field as keyof StampContract];
    if (value === undefined) delete annotations[name];
    else annotations[name] = value;
  }
  return entity(annotations);
};

describe('the stamp contract on a catalog entity', () => {
  it('writes one string annotation per field and reads the same contract back', () => {
    const annotations = stampContractAnnotations(contract);
    expect(Object.keys(annotations).sort()).toEqual(
      Object.entries(STAMP_CONTRACT_ANNOTATIONS)
        .filter(([field]) => field !== 'certificateReaderClientId')
        .map(([, name]) => name)
        .sort(),
    );
    expect(annotations['aks-baseline.io/stamp-traefik-pod-labels']).toBe(
      'app.kubernetes.io/instance=ilb,app.kubernetes.io/name=traefik-ingress-ilb',
    );
    expect(readStampContract(entity(annotations))).toEqual({
      status: 'valid',
      contract,
    });
  });

  it('carries the certificate reader once the platform team adds it', () => {
    const withReader = {
      ...contract,
      certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
    };
    expect(
      readStampContract(entity(stampContractAnnotations(withReader))),
    ).toEqual({ status: 'valid', contract: withReader });
  });

  it('says absent for a cluster entity without any stamp annotation', () => {
    expect(
      readStampContract(entity({ 'aks-baseline.io/resource-id': '/x' })),
    ).toEqual({ status: 'absent' });
  });

  it('names each missing or malformed annotation, in field order', () => {
    const reading = readStampContract(
      annotated({
        keyVaultName: undefined,
        traefikPodLabels: 'app.kubernetes.io/name traefik',
        traefikIlbIp: '10.240.9.4',
      }),
    );
    expect(reading.status).toBe('invalid');
    const problems = reading.status === 'invalid' ? reading.problems : [];
    expect(problems.map(p => [p.annotation, p.value])).toEqual([
      [
        'aks-baseline.io/stamp-traefik-pod-labels',
        'app.kubernetes.io/name traefik',
      ],
      ['aks-baseline.io/stamp-traefik-ilb-ip', '10.240.9.4'],
      ['aks-baseline.io/stamp-key-vault-name', undefined],
    ]);
    expect(problems.map(describeStampContractProblem)).toEqual([
      expect.stringMatching(
        /^annotation aks-baseline.io\/stamp-traefik-pod-labels is "app.kubernetes.io\/name traefik" \(must be 1 to 16 Kubernetes labels as 'key=value' pairs/,
      ),
      'annotation aks-baseline.io/stamp-traefik-ilb-ip is "10.240.9.4" (must be Traefik\'s internal load balancer IP, inside its subnet 10.240.4.0/28)',
      expect.stringMatching(
        /^annotation aks-baseline.io\/stamp-key-vault-name is missing \(must be a Key Vault name/,
      ),
    ]);
  });

  it.each([
    ['appGatewaySubnetCidr', '10.240.5.1/24'],
    ['appGatewaySubnetCidr', '10.240.5.0'],
    ['gatewayBackendPool', "pool'); drop"],
    ['tenantId', 'not-a-guid'],
    ['traefikNamespace', 'A0008'],
    ['ingressDomain', '*.contoso.com'],
    ['traefikPodLabels', 'a=b,a=c'],
    ['traefikPodLabels', 'a=b c'],
    ['clusterEntityRef', 'aks-prod-weu'],
  ])('refuses %s = %j, naming its annotation', (field, value) => {
    const reading = readStampContract(annotated({ [field]: value }));
    expect(reading).toEqual({
      status: 'invalid',
      problems: [
        expect.objectContaining({
          annotation: STAMP_CONTRACT_ANNOTATIONS[field as keyof StampContract],
          value,
        }),
      ],
    });
  });

  it("refuses a contract copied from another cluster's entity", () => {
    const reading = readStampContract(
      annotated({ clusterEntityRef: 'resource:default/aks-dev-neu' }),
    );
    expect(reading).toEqual({
      status: 'invalid',
      problems: [
        expect.objectContaining({
          annotation: 'aks-baseline.io/stamp-entity-ref',
          expected: "this entity's own ref, resource:default/aks-prod-weu",
        }),
      ],
    });
  });

  it('refuses to write a malformed contract', () => {
    expect(() =>
      stampContractAnnotations({ ...contract, traefikIlbIp: '10.0.0.1' }),
    ).toThrow(/inside its subnet/);
  });

  it('reads labels as edited by hand, and writes them in one order', () => {
    expect(parseLabelList(' b=2 , a=1')).toEqual({ a: '1', b: '2' });
    expect(parseLabelList('a=')).toEqual({ a: '' });
    expect(parseLabelList('=1')).toBeUndefined();
    expect(formatLabelList({ b: '2', a: '1' })).toBe('a=1,b=2');
  });
});
