// The triggers' fault soak at full size: the jest test test/badInput/soak.test.ts (which runs a
// small size in `npm test`) with SOAK_SIZE=full, its report read back from a file.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function fullSoak({ root, polls, seed, log }) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rhombus-indivd-soak-'));
	const reportFile = path.join(dir, 'report.json');
	const started = Date.now();
	try {
		const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
		const child = spawn(
			process.execPath,
			[jest, '--ci', 'test/badInput/soak.test.ts', '-t', 'trigger fault soak'],
			{
				cwd: root,
				env: {
					...process.env,
					SOAK_SIZE: 'full',
					SOAK_POLLS: String(polls),
					SOAK_SEED: String(seed),
					SOAK_REPORT: reportFile,
				},
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const limit = setTimeout(() => child.kill('SIGKILL'), 60 * 60 * 1000);
		const code = await new Promise((resolve) => child.on('close', resolve));
		clearTimeout(limit);
		if (!fs.existsSync(reportFile)) {
			throw new Error(`the soak wrote no report (jest exit ${code}):\n${output.slice(-3000)}`);
		}
		const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
		report.passed = code === 0;
		report.seconds = (Date.now() - started) / 1000;
		if (!report.passed) log(`soak assertions failed:\n${output.slice(-3000)}`);
		return report;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}
