#!/usr/bin/env node
// n8n in queue mode, as a scaled install runs it: Postgres and Redis as processes in a temporary
// folder on free loopback ports, `n8n start` (main: editor, REST, pollers) and one `n8n worker`
// (runs the executions), each with its own user folder and this package installed the way n8n
// installs a community package. Every process is its own process group, stopped by its PID.
// Used by test/e2e/queue.mjs; on its own it starts the topology against the simulator:
//   npm run build && node scripts/n8n/queue.mjs [--durable]      (Ctrl-C stops everything)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
	createInstance,
	importCredentials,
	installPackage,
	killAllStarted,
	packPackage,
	requireRuntime,
	signalGroup,
	spawnGroup,
	startServer,
	startWorker,
	stopGroup,
} from './runtime.mjs';
import { simulatorCredentials } from './workflows.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Debian's Postgres binaries: 15 on bookworm, the newest installed version elsewhere. */
function postgresBinDir(root = '/usr/lib/postgresql') {
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	return path.join(root, versions.includes('15') ? '15' : (versions[0] ?? '15'), 'bin');
}

/** A loopback port nobody listens on right now. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.once('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => resolve(port));
		});
	});
}

function waitForPort(port, { timeoutMs, exited, what, logFile }) {
	const deadline = Date.now() + timeoutMs;
	return (async () => {
		for (;;) {
			const open = await new Promise((resolve) => {
				const sock = net.connect(port, '127.0.0.1');
				sock.once('connect', () => sock.end(() => resolve(true)));
				sock.once('error', () => resolve(false));
			});
			if (open) return;
			const tail = () =>
				fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-3000) : '';
			if (exited()) throw new Error(`${what} exited (${JSON.stringify(exited())}):\n${tail()}`);
			if (Date.now() > deadline) throw new Error(`${what} did not listen on ${port}:\n${tail()}`);
			await sleep(200);
		}
	})();
}

/** n8n's own `pg` driver: the test talks to the database n8n uses without a dependency of ours. */
export function pgDriver(runtime = requireRuntime()) {
	return createRequire(path.join(runtime.n8nDir, 'node_modules', 'n8n', 'package.json'))('pg');
}

/**
 * Postgres (Debian's, 15 on bookworm) in a temporary folder, on a free loopback port, trust authentication. initdb
 * refuses to run as root, so as root the cluster belongs to the `postgres` user.
 */
export async function startPostgres({
	binDir = postgresBinDir(),
	runtime = requireRuntime(),
} = {}) {
	for (const tool of ['initdb', 'postgres']) {
		if (!fs.existsSync(path.join(binDir, tool))) {
			throw new Error(
				`${binDir}/${tool} is missing: install Postgres 15 (Debian: apt-get install -y postgresql)`,
			);
		}
	}
	let ids = {};
	if (process.getuid?.() === 0) {
		const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout);
		const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout);
		if (!uid)
			throw new Error('running as root needs the `postgres` user (apt-get install postgresql)');
		ids = { uid, gid };
	}
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rhombus-indivd-pg-'));
	const dataDir = path.join(root, 'data');
	const logFile = path.join(root, 'postgres.log');
	if (ids.uid !== undefined) fs.chownSync(root, ids.uid, ids.gid);
	const init = spawnSync(
		path.join(binDir, 'initdb'),
		['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync'],
		{ encoding: 'utf8', ...ids, env: { ...process.env, LC_ALL: 'C.UTF-8' } },
	);
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
	const port = await freePort();
	const proc = spawnGroup(
		path.join(binDir, 'postgres'),
		['-D', dataDir, '-p', String(port), '-k', root, '-h', '127.0.0.1', '-c', 'fsync=off'],
		{ logFile, cwd: root, ...ids },
	);
	await waitForPort(port, { timeoutMs: 30_000, exited: proc.exited, what: 'postgres', logFile });
	const { Client } = pgDriver(runtime);
	const connect = async (database = 'postgres') => {
		const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database });
		await client.connect();
		return client;
	};
	// Accepting connections comes a moment after listening: retry the first one.
	for (let i = 0; ; i++) {
		try {
			await (await connect()).end();
			break;
		} catch (e) {
			if (i > 50) throw e;
			await sleep(200);
		}
	}
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		password: 'n8n',
		pid: proc.pid,
		root,
		logFile,
		connect,
		/** One SQL statement against `database`; returns the rows. */
		query: async (database, sql, params = []) => {
			const client = await connect(database);
			try {
				return (await client.query(sql, params)).rows;
			} finally {
				await client.end();
			}
		},
		createDatabase: async (name) => {
			const client = await connect();
			try {
				await client.query(`CREATE DATABASE "${name}"`);
			} finally {
				await client.end();
			}
		},
		// SIGINT is Postgres' fast shutdown (SIGTERM would wait for every client to leave).
		stop: async () => {
			signalGroup(proc.pid, 'SIGINT');
			await stopGroup(proc.pid, 15_000);
			fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

/** redis-server on a free loopback port, nothing persisted. */
export async function startRedis({ bin = '/usr/bin/redis-server' } = {}) {
	if (!fs.existsSync(bin)) {
		throw new Error(`${bin} is missing: install Redis (Debian: apt-get install -y redis-server)`);
	}
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rhombus-indivd-redis-'));
	const logFile = path.join(root, 'redis.log');
	const port = await freePort();
	const proc = spawnGroup(
		bin,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			root,
		],
		{ logFile, cwd: root },
	);
	await waitForPort(port, {
		timeoutMs: 20_000,
		exited: proc.exited,
		what: 'redis-server',
		logFile,
	});
	return {
		host: '127.0.0.1',
		port,
		pid: proc.pid,
		root,
		logFile,
		stop: async () => {
			await stopGroup(proc.pid, 10_000);
			fs.rmSync(root, { recursive: true, force: true });
		},
	};
}

/** The durable scheduler's switches (n8n 2.41.1): all four, or poll triggers stay legacy. */
export const DURABLE_SCHEDULER_ENV = {
	N8N_SCHEDULER_ENABLED: 'true',
	N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
	N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
	N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

/** What every process of a queue-mode install shares (README "Running at scale"). */
export function queueEnv({ pg, database, redis, redisDb = 0, durable = false }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: pg.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		QUEUE_BULL_REDIS_DB: String(redisDb),
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		...(durable ? DURABLE_SCHEDULER_ENV : {}),
	};
}

/**
 * Main and one worker in queue mode on a running Postgres and Redis: a fresh database
 * `database`, separate user folders under `dir` (each with the package from `tarball`), one
 * encryption key. Nothing is started yet: import into `main` first (n8n-io/n8n#35251), then
 * call `start()`.
 */
export async function createQueueTopology({
	dir,
	tarball,
	pg,
	redis,
	database,
	redisDb = 0,
	durable = false,
	mainPort,
	extraEnv = {},
	runtime = requireRuntime(),
}) {
	await pg.createDatabase(database);
	const encryptionKey = crypto.randomBytes(24).toString('hex');
	const shared = { ...queueEnv({ pg, database, redis, redisDb, durable }), ...extraEnv };
	const port = mainPort ?? (await freePort());
	const main = createInstance({
		userFolder: path.join(dir, 'main'),
		port,
		brokerPort: await freePort(),
		encryptionKey,
		extraEnv: shared,
		runtime,
	});
	const worker = createInstance({
		userFolder: path.join(dir, 'worker'),
		port: await freePort(),
		brokerPort: await freePort(),
		encryptionKey,
		extraEnv: shared,
		runtime,
	});
	installPackage(main.userFolder, tarball);
	installPackage(worker.userFolder, tarball);
	const topology = {
		main,
		worker,
		durable,
		database,
		server: undefined,
		workerProc: undefined,
		/** Log files of every start, oldest first: a restart opens a new one. */
		logs: { main: [], worker: [] },
		readLogs: (kind) => topology.logs[kind].map((f) => fs.readFileSync(f, 'utf8')).join('\n'),
		startMain: async (label = 'main') => {
			topology.server = await startServer(main, { label });
			topology.logs.main.push(topology.server.logFile);
			return topology.server;
		},
		stopMain: async () => {
			await topology.server?.stop();
			topology.server = undefined;
		},
		startWorker: async (label = 'worker') => {
			topology.workerProc = await startWorker(worker, { label });
			topology.logs.worker.push(topology.workerProc.logFile);
			return topology.workerProc;
		},
		stopWorker: async () => {
			await topology.workerProc?.stop();
			topology.workerProc = undefined;
		},
		/** SIGKILL to the worker's process group: a crash, no graceful shutdown. */
		killWorker: async () => {
			const w = topology.workerProc;
			topology.workerProc = undefined;
			if (!w) return;
			signalGroup(w.pid, 'SIGKILL');
			await stopGroup(w.pid, 5_000);
		},
		start: async () => {
			await topology.startMain();
			await topology.startWorker();
		},
		stop: async () => {
			await topology.stopWorker();
			await topology.stopMain();
		},
		/** One SQL statement against this topology's database. */
		query: (sql, params) => pg.query(database, sql, params),
	};
	return topology;
}

/** SIGINT/SIGTERM stop every process started here before the process ends. */
export function stopEverythingOnSignal(onSignal = () => {}) {
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			try {
				killAllStarted();
				onSignal(signal);
			} finally {
				process.exit(130);
			}
		});
	}
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	const durable = process.argv.includes('--durable');
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rhombus-indivd-queue-'));
	const roots = [tmp];
	stopEverythingOnSignal(() => {
		for (const dir of roots) fs.rmSync(dir, { recursive: true, force: true });
	});
	const { startSimulator } = createRequire(import.meta.url)('../../simulator/server.cjs');
	const sim = await startSimulator({ port: 0, host: '127.0.0.1' });
	const pg = await startPostgres();
	roots.push(pg.root);
	const redis = await startRedis();
	roots.push(redis.root);
	const topo = await createQueueTopology({
		dir: tmp,
		tarball: packPackage(path.join(tmp, 'pack')),
		pg,
		redis,
		database: 'n8n',
		durable,
		mainPort: Number(process.env.N8N_QUEUE_PORT || 5711),
	});
	await importCredentials(topo.main, simulatorCredentials(sim.url));
	await topo.start();
	console.log(`n8n (queue mode${durable ? ', durable scheduler' : ''}): ${topo.main.baseUrl}`);
	console.log(`  login ${topo.main.owner.email} / ${topo.main.owner.password}`);
	console.log(
		`  Postgres 127.0.0.1:${pg.port}, Redis 127.0.0.1:${redis.port}, simulator ${sim.url}`,
	);
	console.log(`  logs in ${topo.main.logDir} and ${topo.worker.logDir}; Ctrl-C stops everything`);
}
