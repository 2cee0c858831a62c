// The demo portal as a child process, for the browser test and the issue
// screenshots: its ports (E2E_PORTS, through APP_CONFIG_* overrides of
// app-config.yaml), `yarn dev` in its own process group, and waiting for it.
import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { join } from 'node:path';

/** E2E_PORTS=3100,7107 runs the portal on another pair of ports, e.g. while 3000/7007 are taken. */
export function portalPorts(env = process.env) {
  const [frontendPort, backendPort] = (env.E2E_PORTS ?? '3000,7007')
    .split(',')
    .map(Number);
  const frontend = `http://localhost:${frontendPort}`;
  const backend = `http://localhost:${backendPort}`;
  return {
    frontendPort,
    backendPort,
    frontend,
    backend,
    configOverrides: {
      APP_CONFIG_app_baseUrl: frontend,
      APP_CONFIG_backend_baseUrl: backend,
      APP_CONFIG_backend_listen_port: String(backendPort),
      APP_CONFIG_backend_cors_origin: frontend,
    },
  };
}

export function portInUse(port) {
  return new Promise(resolve => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function waitFor(url, timeoutMs, accept = res => res.ok) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (accept(await fetch(url))) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} not ready after ${timeoutMs / 1000}s`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/**
 * Starts `yarn dev` in `checkout` with the ports' config overrides. It gets
 * its own process group, so stopping it stops the backend and the dev server;
 * the last `keepChunks` chunks of its output are kept for a failure report.
 */
export function startPortal(checkout, ports, keepChunks = 400) {
  const yarnRelease = join(checkout, '.yarn', 'releases', 'yarn-4.13.0.cjs');
  const child = spawn(process.execPath, [yarnRelease, 'dev'], {
    cwd: checkout,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...ports.configOverrides,
      YARN_ENABLE_TELEMETRY: '0',
      BROWSER: 'none',
    },
  });
  const log = [];
  const keep = chunk => {
    log.push(chunk.toString());
    if (log.length > keepChunks) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return {
    log: () => log.join(''),
    stop: () => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    },
  };
}
