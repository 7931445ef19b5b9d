// Drives the pinned n8n (see install.mjs): a user folder with this package installed as a
// community package, CLI commands (import, execute, export), and `n8n start` as a process group
// that is always stopped by its PID. Used by the end-to-end suite, the demo and the screenshots.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { N8N_VERSION, isInstalled, runtimePaths } from './paths.mjs';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const packageJson = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
export const PACKAGE_NAME = packageJson.name;

/** The installed runtime, or a clear error telling how to install it. */
export function requireRuntime() {
	const p = runtimePaths();
	if (!isInstalled(p)) {
		throw new Error(
			`n8n ${N8N_VERSION} is not installed in ${p.root}. Run \`npm run n8n:install\` first (about 10 minutes, 2.9 GB).`,
		);
	}
	return p;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Package: packed with npm pack, installed into <userFolder>/.n8n/nodes like n8n installs it
// ---------------------------------------------------------------------------------------------

/** `npm pack` of the built package (run `npm run build` before). Returns the tarball path. */
export function packPackage(outDir) {
	for (const file of [...packageJson.n8n.nodes, ...packageJson.n8n.credentials]) {
		if (!fs.existsSync(path.join(repoRoot, file))) {
			throw new Error(`${file} is missing: run \`npm run build\` first`);
		}
	}
	fs.mkdirSync(outDir, { recursive: true });
	const r = spawnSync('npm', ['pack', '--json', '--pack-destination', outDir], {
		cwd: repoRoot,
		encoding: 'utf8',
		env: { ...process.env, npm_config_loglevel: 'error' },
	});
	if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
	const [info] = JSON.parse(r.stdout);
	return path.join(outDir, info.filename);
}

/**
 * Installs the tarball into `<userFolder>/.n8n/nodes` exactly the way n8n 2.41.1 installs a
 * community package (modules/community-packages/community-packages.service.js, downloadPackage):
 * extract into `nodes/node_modules/<name>`, drop dev/peer/optional dependencies from its
 * package.json, `npm install` inside it with n8n's flags, record it in `nodes/package.json`.
 * The only difference: the tarball comes from `npm pack` of this checkout, not the registry.
 */
export function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	const tar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (tar.status !== 0) throw new Error(`extracting ${tarball} failed: ${tar.stderr}`);
	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } = JSON.parse(
		fs.readFileSync(manifestPath, 'utf8'),
	);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2), 'utf8');
	const r = spawnSync(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, encoding: 'utf8', env: { ...process.env, npm_config_loglevel: 'error' } },
	);
	if (r.status !== 0) throw new Error(`npm install in ${packageDir} failed: ${r.stderr}`);
	if (
		fs.existsSync(path.join(packageDir, 'node_modules')) &&
		fs.readdirSync(path.join(packageDir, 'node_modules')).some((n) => !n.startsWith('.'))
	) {
		throw new Error(
			`the package installed runtime dependencies into ${packageDir}/node_modules; it must have none`,
		);
	}
	const ledgerPath = path.join(nodesDir, 'package.json');
	const ledger = fs.existsSync(ledgerPath)
		? JSON.parse(fs.readFileSync(ledgerPath, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	ledger.dependencies = { ...ledger.dependencies, [PACKAGE_NAME]: manifest.version };
	fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2), 'utf8');
	return packageDir;
}

// ---------------------------------------------------------------------------------------------
// Instance: user folder, environment, owner
// ---------------------------------------------------------------------------------------------

/** bcrypt hash with n8n's own bcryptjs (the owner env variable accepts bcrypt only). */
export function bcryptHash(password, runtime = requireRuntime()) {
	const req = createRequire(path.join(runtime.n8nDir, 'node_modules', 'n8n', 'package.json'));
	const bcrypt = req('bcryptjs');
	return bcrypt.hashSync(password, 10);
}

/**
 * Describes one n8n instance: its user folder, ports, owner and environment.
 * @param {object} o
 * @param {string} o.userFolder  N8N_USER_FOLDER (n8n keeps its data in <userFolder>/.n8n)
 * @param {number} o.port        editor/REST port (never 5678)
 * @param {number} o.brokerPort  task-runner broker port (never 5679)
 */
export function createInstance({
	userFolder,
	port = 5691,
	brokerPort = 5692,
	owner = {
		email: 'owner@example.com',
		password: 'E2e-Passw0rd!',
		firstName: 'Demo',
		lastName: 'Owner',
	},
	encryptionKey,
	timezone = 'UTC',
	extraEnv = {},
	runtime = requireRuntime(),
}) {
	fs.mkdirSync(userFolder, { recursive: true });
	// Reuse the key n8n stored in the user folder, so an instance can be reopened.
	const configFile = path.join(userFolder, '.n8n', 'config');
	encryptionKey ??= fs.existsSync(configFile)
		? JSON.parse(fs.readFileSync(configFile, 'utf8')).encryptionKey
		: crypto.randomBytes(24).toString('hex');
	const baseUrl = `http://127.0.0.1:${port}`;
	const env = {
		// A clean environment: nothing of the calling shell's n8n settings leaks in.
		PATH: `${path.dirname(runtime.nodeBin)}${path.delimiter}${process.env.PATH}`,
		HOME: process.env.HOME ?? os.homedir(),
		LANG: process.env.LANG ?? 'C.UTF-8',
		TZ: process.env.TZ ?? 'UTC',
		NO_PROXY: '127.0.0.1,localhost,::1',
		no_proxy: '127.0.0.1,localhost,::1',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `${baseUrl}/`,
		WEBHOOK_URL: `${baseUrl}/`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		GENERIC_TIMEZONE: timezone,
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
		N8N_INSTANCE_OWNER_EMAIL: owner.email,
		N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
		N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
		N8N_INSTANCE_OWNER_PASSWORD_HASH: bcryptHash(owner.password, runtime),
		...extraEnv,
	};
	return {
		runtime,
		userFolder,
		dataDir: path.join(userFolder, '.n8n'),
		port,
		brokerPort,
		baseUrl,
		owner,
		env,
		logDir: path.join(userFolder, 'logs'),
	};
}

// ---------------------------------------------------------------------------------------------
// Processes: every child is its own process group, stopped by its PID
// ---------------------------------------------------------------------------------------------

const liveGroups = new Set();

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

function groupAlive(pid) {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** Last-resort cleanup when the calling process exits: SIGKILL to every group still running. */
export function killAllStarted() {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
	liveGroups.clear();
}
process.once('exit', killAllStarted);

/** Stops a process group: SIGTERM, then SIGKILL after `graceMs`. Resolves when it is gone. */
export async function stopGroup(pid, graceMs = 20_000) {
	if (!pid) return;
	killGroup(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupAlive(pid) && Date.now() < deadline) await sleep(200);
	if (groupAlive(pid)) {
		killGroup(pid, 'SIGKILL');
		while (groupAlive(pid)) await sleep(100);
	}
	liveGroups.delete(pid);
}

/**
 * Runs an n8n CLI command to completion.
 * @returns {Promise<{code:number|null, stdout:string, stderr:string, ms:number}>}
 */
export function n8nCli(inst, args, { timeoutMs = 180_000, env = {} } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		// stdout goes to a file opened for appending, not a pipe: `n8n execute` prints its run as
		// one write of megabytes, and on a pipe a task runner's log line written meanwhile lands
		// in the middle of it (writes over 4 KB are not atomic); an appended write stays whole.
		fs.mkdirSync(inst.logDir, { recursive: true });
		const stdoutFile = path.join(inst.logDir, `cli-stdout-${process.pid}-${started}.txt`);
		const out = fs.openSync(stdoutFile, 'a');
		const child = spawn(inst.runtime.nodeBin, [inst.runtime.n8nBin, ...args], {
			cwd: inst.userFolder,
			env: { ...inst.env, ...env },
			detached: true,
			stdio: ['ignore', out, 'pipe'],
		});
		fs.closeSync(out);
		liveGroups.add(child.pid);
		let stderr = '';
		child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			stderr += `\n[killed after ${timeoutMs} ms]`;
			killGroup(child.pid, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', async (code) => {
			clearTimeout(timer);
			// Task runners started by the command must not outlive it.
			if (groupAlive(child.pid)) await stopGroup(child.pid, 2_000);
			liveGroups.delete(child.pid);
			const stdout = fs.readFileSync(stdoutFile, 'utf8');
			fs.rmSync(stdoutFile, { force: true });
			fs.appendFileSync(
				path.join(inst.logDir, 'cli.log'),
				`\n$ n8n ${args.join(' ')}  (exit ${code}, ${Date.now() - started} ms)\n${stdout}\n${stderr}\n`,
			);
			resolve({ code, stdout, stderr, ms: Date.now() - started });
		});
	});
}

async function mustCli(inst, args, opts) {
	const r = await n8nCli(inst, args, opts);
	if (r.code !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} failed (exit ${r.code}):\n${(r.stderr || r.stdout).slice(-3000)}`,
		);
	}
	return r;
}

function writeTemp(inst, name, value) {
	const dir = path.join(inst.userFolder, 'import');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, name);
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

/** `n8n import:credentials` with plaintext data (n8n encrypts it with the instance key). */
export async function importCredentials(inst, credentials) {
	return await mustCli(inst, [
		'import:credentials',
		`--input=${writeTemp(inst, 'credentials.json', credentials)}`,
	]);
}

/**
 * `n8n import:workflow --separate` of a list of workflows. Only while n8n is NOT running:
 * importing into a live instance duplicates pollers (n8n-io/n8n#35251).
 */
export async function importWorkflows(inst, workflows) {
	const dir = path.join(inst.userFolder, 'import', `workflows-${Date.now()}`);
	fs.mkdirSync(dir, { recursive: true });
	for (const wf of workflows)
		fs.writeFileSync(path.join(dir, `${wf.id}.json`), JSON.stringify(wf, null, 2));
	return await mustCli(inst, ['import:workflow', '--separate', `--input=${dir}`]);
}

/** The first balanced JSON object in `text` from `start` (strings and escapes respected). */
function balancedObject(text, start) {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
		} else if (c === '"') inString = true;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
	}
	throw new Error('unterminated JSON');
}

/** Parses the run JSON `n8n execute --rawOutput` prints between its log lines. */
export function parseExecuteOutput(stdout) {
	const m = /^\{$/m.exec(stdout) ?? /^\{"/m.exec(stdout);
	if (!m) throw new Error(`no JSON in n8n execute output:\n${stdout.slice(-3000)}`);
	return JSON.parse(balancedObject(stdout, m.index));
}

/**
 * `n8n execute --id` (the workflow must start with a Manual Trigger). Returns the parsed run:
 * `{ ok, code, run, nodes: { [nodeName]: items[] }, error, ms }`.
 */
export async function executeWorkflow(inst, id, { timeoutMs = 180_000 } = {}) {
	const r = await n8nCli(inst, ['execute', `--id=${id}`, '--rawOutput'], { timeoutMs });
	let run;
	try {
		run = parseExecuteOutput(r.stdout);
	} catch (e) {
		if (r.code === 0) throw e;
	}
	const runData = run?.data?.resultData?.runData ?? {};
	const nodes = {};
	for (const [name, runs] of Object.entries(runData)) {
		nodes[name] = runs.flatMap((x) => x?.data?.main?.[0] ?? []);
	}
	return {
		ok: r.code === 0,
		code: r.code,
		run,
		runData,
		nodes,
		error: run?.data?.resultData?.error,
		stdout: r.stdout,
		stderr: r.stderr,
		ms: r.ms,
	};
}

// ---------------------------------------------------------------------------------------------
// Server: n8n start, readiness, login, REST and public API with the session cookie
// ---------------------------------------------------------------------------------------------

/**
 * Starts an n8n command (`start`, `worker`) as its own process group, logged to a file of its
 * own, and waits until `ready()` says so; a process that exits first, or is not ready in time,
 * fails with the end of its log.
 */
async function startN8n(inst, args, { label, readyTimeoutMs, ready }) {
	fs.mkdirSync(inst.logDir, { recursive: true });
	const logFile = path.join(inst.logDir, `n8n-${label}-${Date.now()}.log`);
	const started = Date.now();
	const proc = spawnGroup(inst.runtime.nodeBin, [inst.runtime.n8nBin, ...args], {
		env: inst.env,
		cwd: inst.userFolder,
		logFile,
	});
	const handle = {
		pid: proc.pid,
		logFile,
		startedAt: started,
		readyMs: undefined,
		log: () => fs.readFileSync(logFile, 'utf8'),
		stop: async () => {
			await stopGroup(proc.pid);
		},
	};
	const deadline = Date.now() + readyTimeoutMs;
	while (!(await ready(handle))) {
		if (proc.exited()) {
			await stopGroup(proc.pid, 1000);
			throw new Error(
				`n8n ${args[0]} exited (${JSON.stringify(proc.exited())}) before it was ready:\n${handle.log().slice(-4000)}`,
			);
		}
		if (Date.now() > deadline) {
			await handle.stop();
			throw new Error(
				`n8n ${args[0]} was not ready after ${readyTimeoutMs} ms:\n${handle.log().slice(-4000)}`,
			);
		}
		await sleep(300);
	}
	handle.readyMs = Date.now() - started;
	return handle;
}

/** Starts `n8n start` as its own process group and waits for /healthz/readiness. */
export async function startServer(inst, { readyTimeoutMs = 180_000, label = 'start' } = {}) {
	return startN8n(inst, ['start'], {
		label,
		readyTimeoutMs,
		ready: async () => {
			try {
				return (await fetch(`${inst.baseUrl}/healthz/readiness`)).ok;
			} catch {
				return false; // not listening yet
			}
		},
	});
}

/** A logged-in session: `rest()` for the editor's REST API, `api()` for the public API. */
export async function login(inst) {
	const res = await fetch(`${inst.baseUrl}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: inst.owner.email, password: inst.owner.password }),
	});
	if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
	const cookie = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('login did not set the n8n-auth cookie');
	const call = async (prefix, method, p, body) => {
		const r = await fetch(`${inst.baseUrl}${prefix}${p}`, {
			method,
			headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await r.text();
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = undefined;
		}
		return { status: r.status, ok: r.ok, json, text };
	};
	return {
		cookie,
		rest: (method, p, body) => call('/rest', method, p, body),
		api: (method, p, body) => call('/api/v1', method, p, body),
		get: (p) => call('', 'GET', p),
	};
}

// ---------------------------------------------------------------------------------------------
// Queue mode: `n8n worker` and helper servers (Postgres, Redis) as process groups
// ---------------------------------------------------------------------------------------------

/**
 * Spawns a helper process (a database, a queue) as its own process group, logged to `logFile`
 * and stopped with everything else by killAllStarted. `uid`/`gid` run it as another user.
 */
export function spawnGroup(cmd, args, { env = process.env, cwd, logFile, uid, gid } = {}) {
	const out = fs.openSync(logFile, 'a');
	const child = spawn(cmd, args, {
		cwd,
		env,
		uid,
		gid,
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	liveGroups.add(child.pid);
	let exited = null;
	child.on('exit', (code, signal) => (exited = { code, signal }));
	return { pid: child.pid, logFile, exited: () => exited };
}

/** Sends `signal` to a process group now (SIGKILL: a crash, not a shutdown). */
export function signalGroup(pid, signal) {
	return killGroup(pid, signal);
}

/**
 * Starts `n8n worker --concurrency=N` as its own process group and waits for its ready line.
 * The worker needs the same database, Redis and encryption key as main (see queue.mjs).
 */
export async function startWorker(
	inst,
	{ concurrency = 5, readyTimeoutMs = 180_000, label = 'worker' } = {},
) {
	return startN8n(inst, ['worker', `--concurrency=${concurrency}`], {
		label,
		readyTimeoutMs,
		ready: async (worker) => /n8n worker is now ready/.test(worker.log()),
	});
}
