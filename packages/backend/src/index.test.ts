import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const backendDir = resolve(__dirname, '..');
const repoRoot = resolve(backendDir, '../..');

/** How long the portal's backend may take to give up on a failed start. */
const EXIT_DEADLINE_MS = 60_000;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise(done => server.close(done));
  return port;
}

/**
 * Runs the portal's backend entry point the way `backstage-cli package start`
 * does (Node with Backstage's TypeScript transform), without its file watcher,
 * which would keep the CLI alive after the backend exits.
 */
function startBackend(configFiles: string[]): ChildProcess {
  const configArgs = configFiles.flatMap(file => ['--config', file]);
  return spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      'src/index.ts',
      ...configArgs,
    ],
    {
      cwd: backendDir,
      // Its own process group, so cleanup ends everything it started.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Jest's NODE_ENV=test would change how the backend treats unhandled
      // rejections; run it as `yarn start` does.
      env: { ...process.env, NODE_ENV: 'development' },
    },
  );
}

function exitOf(
  child: ChildProcess,
  deadlineMs: number,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  let output = '';
  child.stdout?.on('data', chunk => (output += chunk));
  child.stderr?.on('data', chunk => (output += chunk));
  return new Promise(done => {
    const timer = setTimeout(
      () => done({ code: null, signal: 'still running', output }),
      deadlineMs,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, output });
    });
  });
}

describe('the portal backend', () => {
  let dir: string;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aks-baseline-backend-'));
  });

  afterEach(async () => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'exits non-zero, saying why, when a plugin fails to start',
    async () => {
      const port = await freePort();
      const override = join(dir, 'app-config.test.yaml');
      // JSON is YAML; an unknown option makes the AKS baseline plugin's init throw.
      await writeFile(
        override,
        JSON.stringify({
          backend: {
            baseUrl: `http://localhost:${port}`,
            listen: { port },
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          catalog: { locations: [] },
          aksBaseline: { refersh: { frequencyMinutes: 5 } },
        }),
      );

      child = startBackend([join(repoRoot, 'app-config.yaml'), override]);
      const { code, signal, output } = await exitOf(child, EXIT_DEADLINE_MS);

      expect({ code, signal }).toEqual({ code: 1, signal: null });
      expect(output).toContain(
        "Plugin 'aks-baseline' startup failed; caused by Error: Invalid AKS baseline configuration: aksBaseline.refersh is not a known option; did you mean refresh?",
      );
    },
    EXIT_DEADLINE_MS + 15_000,
  );
});
