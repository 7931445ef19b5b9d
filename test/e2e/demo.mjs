// `npm run demo` as a user runs it, and stopped as a process manager stops it: SIGTERM (or
// SIGINT) to the npm process must stop n8n and the simulator, as Ctrl-C in the terminal does.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import { describe, it } from 'node:test';

import { repoRoot } from '../../scripts/n8n/runtime.mjs';

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function portFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function waitFor(predicate, timeoutMs, what) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const check = async () => {
			if (await predicate()) return resolve();
			if (Date.now() - started > timeoutMs) return reject(new Error(`timed out: ${what}`));
			setTimeout(check, 250);
		};
		void check();
	});
}

describe('npm run demo', { timeout: 10 * 60_000 }, () => {
	for (const signal of ['SIGTERM', 'SIGINT']) {
		it(`prints where to start, and ${signal} to the npm process stops n8n and the simulator`, async () => {
			const n8nPort = await freePort();
			const simPort = await freePort();
			const demo = spawn('npm', ['run', 'demo'], {
				cwd: repoRoot,
				env: { ...process.env, DEMO_N8N_PORT: String(n8nPort), DEMO_SIM_PORT: String(simPort) },
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true,
			});
			let output = '';
			demo.stdout.on('data', (chunk) => (output += chunk));
			demo.stderr.on('data', (chunk) => (output += chunk));
			const exited = new Promise((resolve) =>
				demo.once('exit', (code, sig) => resolve({ code, sig })),
			);
			try {
				await waitFor(() => output.includes('Press Ctrl-C'), 8 * 60_000, 'the demo to start');
				const base = `http://127.0.0.1:${n8nPort}`;
				assert.match(output, new RegExp(`Workflows +${base}/home/workflows`));
				assert.equal((await fetch(`${base}/healthz`)).status, 200);
				assert.equal((await fetch(`http://127.0.0.1:${simPort}/__sim/health`)).status, 200);

				process.kill(demo.pid, signal);
				const result = await Promise.race([
					exited,
					new Promise((resolve) => setTimeout(() => resolve('still running'), 60_000)),
				]);
				assert.notEqual(result, 'still running', `npm run demo ignored ${signal}:\n${output}`);
				assert.ok(await portFree(n8nPort), `n8n still listens on ${n8nPort} after ${signal}`);
				assert.ok(await portFree(simPort), `the simulator still listens on ${simPort}`);
				assert.match(output, /stopped/);
			} finally {
				try {
					process.kill(-demo.pid, 'SIGKILL');
				} catch {
					// already gone, which is the point of the test
				}
			}
		});
	}
});
