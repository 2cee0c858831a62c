import { egressProblems, withoutEmptyParts } from './egressRules';

const ports = [{ port: 443, protocol: 'TCP' }];

describe('egressProblems', () => {
  it('takes what aks-baseline:onboard-app takes', () => {
    expect(
      egressProblems([
        { namespace: 'payments', ports },
        {
          namespace: 'payments',
          podLabels: { 'app.kubernetes.io/name': 'api' },
          ports,
        },
        { cidr: '20.50.0.0/16', ports },
      ]),
    ).toEqual([]);
    expect(egressProblems(undefined)).toEqual([]);
  });

  it('names the destination that has both, neither, or labels with a CIDR', () => {
    expect(
      egressProblems([
        { namespace: 'payments', ports },
        { namespace: 'payments', cidr: '20.50.0.0/16', ports },
        { ports },
        { cidr: '20.50.0.0/16', podLabels: { app: 'api' }, ports },
      ]),
    ).toEqual([
      'Destination 2: give a namespace or a CIDR, not both (add another destination for the other).',
      'Destination 3: give the namespace of the pods it may reach, or a CIDR such as 20.50.0.0/16.',
      'Destination 4: pod labels select pods in a namespace; remove them when giving a CIDR.',
    ]);
  });

  it('refuses a label key Kubernetes refuses', () => {
    expect(
      egressProblems([
        { namespace: 'payments', podLabels: { 'bad key!': 'x' }, ports },
      ]),
    ).toEqual([
      expect.stringMatching(/^Destination 1: "bad key!" is not a label key/),
    ]);
  });
});

describe('withoutEmptyParts', () => {
  it('drops a pod label map whose last label was removed (an empty selector matches every pod)', () => {
    expect(
      withoutEmptyParts([{ namespace: 'payments', podLabels: {}, ports }]),
    ).toEqual([{ namespace: 'payments', ports }]);
  });
});
