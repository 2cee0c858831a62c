#!/usr/bin/env node
// The README's commands: `npm start` and `npm test` (and `npm run bench`).
// They need only Node and npm: Yarn is the release committed under
// .yarn/releases, run with this same Node, so nothing is installed globally.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const yarnRelease = join(
  root,
  readFileSync(join(root, '.yarnrc.yml'), 'utf8')
    .match(/^yarnPath:\s*(.+)$/m)[1]
    .trim(),
);

const env = {
  ...process.env,
  YARN_ENABLE_TELEMETRY: '0',
  // Native builds' logs go to a file instead of flooding the CI output.
  YARN_ENABLE_INLINE_BUILDS: 'false',
};

// better-sqlite3 compiles when no prebuilt binary can be downloaded; node-gyp
// then needs Node's headers. Point it at the local ones when this Node ships
// them, which machines that can reach nodejs.org do not need but do not mind.
const nodePrefix = join(dirname(process.execPath), '..');
if (
  !env.npm_config_nodedir &&
  existsSync(join(nodePrefix, 'include', 'node', 'node.h'))
) {
  env.npm_config_nodedir = nodePrefix;
}

function yarn(args, options = {}) {
  return run(process.execPath, [yarnRelease, ...args], {
    label: `yarn ${args.join(' ')}`,
    ...options,
  });
}

function run(
  command,
  args,
  { env: extraEnv = {}, allowFailure = false, label } = {},
) {
  const shown = label ?? [command, ...args].join(' ');
  console.log(`\n$ ${shown}`);
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  });
  const status = result.status ?? 1;
  if (status !== 0 && !allowFailure) {
    console.error(
      `\n✖ ${shown} failed (exit ${result.status ?? result.signal})`,
    );
    process.exit(status);
  }
  return status;
}

function install() {
  // CI and fresh clones must use the committed lockfile as it is.
  yarn(['install', ...(env.CI ? ['--immutable'] : [])]);
}

function canConnect(port, host = '127.0.0.1') {
  return new Promise(resolve => {
    const socket = createConnection({ port, host, timeout: 1500 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function postgresMajor() {
  const out = spawnSync(
    'psql',
    ['-h', '127.0.0.1', '-U', 'postgres', '-tAc', 'show server_version_num'],
    { encoding: 'utf8' },
  );
  const num = Number(out.stdout?.trim());
  return Number.isFinite(num) && num > 0 ? Math.floor(num / 10000) : undefined;
}

// The backend's database tests run on SQLite and on a real PostgreSQL.
// PostgreSQL is required (a test that quietly skipped it would prove nothing);
// set BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING to use another.
async function databaseEnv() {
  const extra = {
    BACKSTAGE_TEST_DISABLE_DOCKER: '1',
    AKS_BASELINE_REQUIRE_POSTGRES: '1',
  };
  const configured = Object.keys(env).find(k =>
    /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(k),
  );
  if (configured) return extra;
  if (!(await canConnect(5432)) && existsSync('/etc/postgresql')) {
    const version = spawnSync('ls', ['/etc/postgresql'], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n')[0];
    run(
      'pg_ctlcluster',
      ['--skip-systemctl-redirect', version, 'main', 'start'],
      { allowFailure: true },
    );
  }
  if (!(await canConnect(5432))) {
    console.error(
      '\n✖ PostgreSQL is not reachable on 127.0.0.1:5432. Start it, or set ' +
        'BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING (e.g. ' +
        'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@host:5432).',
    );
    process.exit(1);
  }
  const major = postgresMajor() ?? 15;
  extra[`BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`] =
    'postgresql://postgres@127.0.0.1:5432';
  if (await canConnect(6379)) {
    extra.BACKSTAGE_TEST_CACHE_REDIS7_CONNECTION_STRING =
      'redis://127.0.0.1:6379';
  }
  return extra;
}

function summarize(results) {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log('\nSummary');
  for (const r of results)
    console.log(`  ${r.name}: ${r.passed} passed, ${r.failed} failed`);
  console.log(`tests: ${passed} passed, ${failed} failed`);
  return failed;
}

const ESM_TESTS = '\\.esm\\.test\\.[jt]sx?$';

/** One `backstage-cli repo test` run; its counts from jest's JSON report. */
function runJest(reportName, dbEnv, args, extraEnv = {}) {
  const report = join(root, 'test-results', reportName);
  rmSync(report, { force: true });
  const status = yarn(
    [
      'backstage-cli',
      'repo',
      'test',
      '--ci',
      '--json',
      `--outputFile=${report}`,
      ...args,
    ],
    { env: { ...dbEnv, CI: 'true', ...extraEnv }, allowFailure: true },
  );
  const counts = jestCounts(report);
  return status !== 0 && counts.failed === 0
    ? { ...counts, failed: 1 }
    : counts;
}

function jestCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
  };
}

async function test() {
  install();
  yarn(['tsc']);
  yarn(['backstage-cli', 'repo', 'lint']);
  yarn(['prettier', '--check', '.']);

  const dbEnv = await databaseEnv();
  // Jest does not create the report's folder; a fresh clone has none yet.
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const unit = {
    name: 'unit and integration (jest)',
    ...runJest('jest.json', dbEnv, ['--testPathIgnorePatterns', ESM_TESTS]),
  };
  // Tests named *.esm.test.ts run Backstage's Kubernetes backend, which
  // imports the ESM-only @kubernetes/client-node dynamically: jest needs
  // Node's vm modules for that, and with them the CommonJS require of the
  // same package in every other suite fails, so they run on their own.
  const esm = {
    name: 'unit, native ESM (jest)',
    ...runJest('jest-esm.json', dbEnv, ['--testPathPatterns', ESM_TESTS], {
      NODE_OPTIONS: '--experimental-vm-modules',
    }),
  };

  const e2eStatus = run(process.execPath, ['scripts/e2e.mjs'], {
    allowFailure: true,
  });
  const e2e = { name: 'browser (chromium)', ...readE2eCounts(e2eStatus) };

  process.exit(summarize([unit, esm, e2e]) > 0 ? 1 : 0);
}

function readE2eCounts(status) {
  const file = join(root, 'test-results', 'e2e.json');
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const counts = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: counts.passed,
    failed: counts.failed || (status === 0 ? 0 : 1),
  };
}

function start() {
  install();
  // Replace this process so Ctrl-C stops the portal directly.
  const child = spawn(process.execPath, [yarnRelease, 'dev'], {
    cwd: root,
    stdio: 'inherit',
    env,
  });
  child.on('exit', code => process.exit(code ?? 0));
}

function bench() {
  install();
  run(process.execPath, ['scripts/bench.mjs', ...process.argv.slice(3)]);
}

const command = process.argv[2];
const commands = { start, test, bench };
if (!commands[command]) {
  console.error(
    `usage: node scripts/portal.mjs <${Object.keys(commands).join('|')}>`,
  );
  process.exit(2);
}
await commands[command]();
