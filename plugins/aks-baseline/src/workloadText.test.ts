import { summarizeWorkloads, workloadOf } from './workloadText';

describe('workloadOf', () => {
  it("names a Deployment's, DaemonSet's or bare ReplicaSet's pod by its owner", () => {
    expect(workloadOf('a0008/traefik-ingress-ilb-vx9nwg5v78-f945f')).toBe(
      'a0008/traefik-ingress-ilb',
    );
    expect(workloadOf('payments-api-bt26tshpmj-956pk')).toBe('payments-api');
    expect(workloadOf('kube-system/azure-cns-7x2wq')).toBe(
      'kube-system/azure-cns',
    );
  });

  it('leaves names that are not generated alone', () => {
    expect(workloadOf('payments/default-deny')).toBe('payments/default-deny');
    expect(workloadOf('storefront/allow-dns-egress')).toBe(
      'storefront/allow-dns-egress',
    );
    expect(workloadOf('web-0')).toBe('web-0');
  });
});

describe('summarizeWorkloads', () => {
  it("says a K8S-07 verdict by workload, the demo's sentence", () => {
    expect(
      summarizeWorkloads(
        'a0008/traefik-ingress-controller-s7dglch7h6-jhz7m -> storefront/storefront-web-r775rtvl74-dp2qg on TCP 8080: denied (egress of a0008/traefik-ingress-controller-s7dglch7h6-jhz7m: not isolated by any policy; ingress of storefront/storefront-web-r775rtvl74-dp2qg: isolated by storefront/allow-ingress-from-traefik, storefront/default-deny, and no ingress rule admits it)',
      ),
    ).toBe(
      'pods of a0008/traefik-ingress-controller -> pods of storefront/storefront-web on TCP 8080: denied (egress of pods of a0008/traefik-ingress-controller: not isolated by any policy; ingress of pods of storefront/storefront-web: isolated by storefront/allow-ingress-from-traefik, storefront/default-deny, and no ingress rule admits it)',
    );
  });

  it("collapses a list of one workload's pods into one entry with a count", () => {
    expect(
      summarizeWorkloads(
        'labelled workloads: Pod a0008/traefik-ingress-ilb-vx9nwg5v78-f945f, Pod a0008/traefik-ingress-ilb-vx9nwg5v78-ptjls, Deployment a0008/traefik-ingress-ilb',
      ),
    ).toBe(
      'labelled workloads: pods of a0008/traefik-ingress-ilb (2), Deployment a0008/traefik-ingress-ilb',
    );
  });

  it('leaves text without pod names as it is', () => {
    const text =
      'every pod of payments, and any new one, is isolated (payments/default-deny)';
    expect(summarizeWorkloads(text)).toBe(text);
  });
});
