import {
  parseIpv4Address,
  TraceRequest,
  traceRequest,
  TraceResponse,
} from '@aks-baseline/plugin-aks-baseline-common';
import { z } from 'zod';
import { FleetReader } from './FleetReader';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/i;
const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

const ipv4 = z
  .string()
  .refine(
    a => parseIpv4Address(a) !== undefined,
    'must be an IPv4 address such as 203.0.113.10',
  );
const port = z
  .number()
  .int()
  .min(1, 'must be a port 1-65535')
  .max(65535, 'must be a port 1-65535');
const hostName = z
  .string()
  .regex(HOST_NAME, 'must be a host name such as shop.contoso.com');
const dnsLabel = (what: string) =>
  z.string().regex(DNS_LABEL, `must be a ${what} (DNS-1123 label)`);

const inbound = z
  .object({
    direction: z.literal('inbound'),
    clientAddress: ipv4,
    scheme: z.enum(['http', 'https']),
    host: hostName,
    port,
    path: z
      .string()
      .max(2048)
      .regex(/^\/[^\s]*$/, 'must start with / and hold no spaces'),
  })
  .strict();

const outbound = z
  .object({
    direction: z.literal('outbound'),
    source: z.union([
      z
        .object({
          pod: z
            .object({
              namespace: dnsLabel('namespace'),
              name: z
                .string()
                .min(1)
                .max(253)
                .regex(
                  /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/,
                  'must be a pod name',
                ),
            })
            .strict(),
        })
        .strict(),
      z
        .object({
          namespace: dnsLabel('namespace'),
          labels: z
            .record(
              z.string().regex(LABEL_KEY, 'must be a label key'),
              z.string().regex(LABEL_VALUE, 'must be a label value'),
            )
            .refine(l => Object.keys(l).length <= 20, 'at most 20 labels'),
        })
        .strict(),
    ]),
    destination: z.union([
      z.object({ fqdn: hostName }).strict(),
      z.object({ address: ipv4 }).strict(),
    ]),
    port,
    protocol: z.enum(['TCP', 'UDP']),
  })
  .strict();

/** The body of `POST /v1/clusters/:subscriptionId/:resourceGroup/:name/trace`. */
export const traceRequestSchema: z.ZodType<TraceRequest> = z.discriminatedUnion(
  'direction',
  [inbound, outbound],
);

/**
 * Traces one request over the cluster's stored snapshot: no Azure or API
 * server call, and work bounded by that one snapshot's size.
 */
export async function traceStoredCluster(
  reader: FleetReader,
  resourceId: string,
  request: TraceRequest,
): Promise<TraceResponse> {
  const stored = await reader.storedSnapshot(resourceId);
  return {
    ...traceRequest(stored.cluster, request),
    refreshedAt: stored.cluster.refreshedAt,
    stale: stored.stale,
  };
}
