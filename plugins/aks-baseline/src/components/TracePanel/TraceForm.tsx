import { TraceRequest } from '@aks-baseline/plugin-aks-baseline-common';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import { FormEvent, useState } from 'react';

/** What the form starts with: an app's host on 443 and `/`, a documentation address as the client. */
export interface TraceDefaults {
  host?: string;
  namespace?: string;
}

/** `a=b, c=d` as a label map; blank entries are dropped. */
function parseLabels(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split(',')
      .map(pair => pair.split('=').map(part => part.trim()))
      .filter(([key]) => key)
      .map(([key, value = '']) => [key, value]),
  );
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** The form's fields as the route's body; the backend validates it (400 says what is wrong). */
function toRequest(fields: Record<string, string>): TraceRequest {
  if (fields.direction === 'inbound') {
    return {
      direction: 'inbound',
      clientAddress: fields.clientAddress.trim(),
      scheme: fields.scheme === 'http' ? 'http' : 'https',
      host: fields.host.trim(),
      port: Number(fields.port),
      path: fields.path.trim(),
    };
  }
  const destination = fields.destination.trim();
  return {
    direction: 'outbound',
    source: fields.pod.trim()
      ? { pod: { namespace: fields.namespace.trim(), name: fields.pod.trim() } }
      : {
          namespace: fields.namespace.trim(),
          labels: parseLabels(fields.labels),
        },
    destination: IPV4.test(destination)
      ? { address: destination }
      : { fqdn: destination },
    port: Number(fields.outboundPort),
    protocol: fields.protocol === 'UDP' ? 'UDP' : 'TCP',
  };
}

/** The trace's question: inbound from a client, or outbound from a pod. */
export const TraceForm = ({
  defaults,
  busy,
  onTrace,
}: {
  defaults: TraceDefaults;
  busy: boolean;
  onTrace: (request: TraceRequest) => void;
}) => {
  const [fields, setFields] = useState<Record<string, string>>({
    direction: 'inbound',
    clientAddress: '203.0.113.10',
    scheme: 'https',
    host: defaults.host ?? '',
    port: '443',
    path: '/',
    namespace: defaults.namespace ?? '',
    pod: '',
    labels: '',
    destination: '',
    outboundPort: '443',
    protocol: 'TCP',
  });
  const field = (name: string, label: string, extra: object = {}) => (
    <TextField
      id={`trace-${name}`}
      label={label}
      value={fields[name]}
      onChange={event => setFields({ ...fields, [name]: event.target.value })}
      fullWidth
      {...extra}
    />
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onTrace(toRequest(fields));
  };
  const inbound = fields.direction === 'inbound';
  return (
    <form onSubmit={submit} aria-label="Trace a packet">
      <FormLabel component="legend">Direction</FormLabel>
      <RadioGroup
        row
        name="trace-direction"
        value={fields.direction}
        onChange={event =>
          setFields({ ...fields, direction: event.target.value })
        }
      >
        <FormControlLabel
          value="inbound"
          control={<Radio />}
          label="Inbound: a client to an app"
        />
        <FormControlLabel
          value="outbound"
          control={<Radio />}
          label="Outbound: a pod to a destination"
        />
      </RadioGroup>
      <Grid container spacing={2}>
        {inbound ? (
          <>
            <Grid item xs={12} sm={3}>
              {field('clientAddress', 'Client address', { required: true })}
            </Grid>
            <Grid item xs={12} sm={2}>
              {field('scheme', 'Scheme', {
                select: true,
                children: ['https', 'http'].map(s => (
                  <MenuItem key={s} value={s}>
                    {s}
                  </MenuItem>
                )),
              })}
            </Grid>
            <Grid item xs={12} sm={3}>
              {field('host', 'Host', { required: true })}
            </Grid>
            <Grid item xs={6} sm={2}>
              {field('port', 'Port', { type: 'number', required: true })}
            </Grid>
            <Grid item xs={6} sm={2}>
              {field('path', 'Path', { required: true })}
            </Grid>
          </>
        ) : (
          <>
            <Grid item xs={12} sm={2}>
              {field('namespace', 'Namespace', { required: true })}
            </Grid>
            <Grid item xs={12} sm={2}>
              {field('pod', 'Pod (or leave empty)')}
            </Grid>
            <Grid item xs={12} sm={2}>
              {field('labels', 'Labels (a=b, c=d)')}
            </Grid>
            <Grid item xs={12} sm={3}>
              {field('destination', 'Destination (FQDN or IPv4)', {
                required: true,
              })}
            </Grid>
            <Grid item xs={6} sm={1}>
              {field('outboundPort', 'Port', {
                type: 'number',
                required: true,
              })}
            </Grid>
            <Grid item xs={6} sm={2}>
              {field('protocol', 'Protocol', {
                select: true,
                children: ['TCP', 'UDP'].map(p => (
                  <MenuItem key={p} value={p}>
                    {p}
                  </MenuItem>
                )),
              })}
            </Grid>
          </>
        )}
        <Grid item xs={12}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={busy}
          >
            {busy ? 'Tracing…' : 'Trace'}
          </Button>
        </Grid>
      </Grid>
    </form>
  );
};
