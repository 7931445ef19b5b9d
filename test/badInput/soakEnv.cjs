'use strict';
// The soak's size and report file come from the environment when `npm run bench` runs it at full
// size; the test's TypeScript may not read `process` (n8n's lint rules), so this does.
const fs = require('node:fs');

function soakSize() {
	const full = process.env.SOAK_SIZE === 'full';
	return {
		full,
		seed: Number(process.env.SOAK_SEED || 7),
		polls: full ? Number(process.env.SOAK_POLLS || 10_000) : 1_200,
		days: 60,
	};
}

function writeReport(report) {
	const file = process.env.SOAK_REPORT;
	if (file) fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}

module.exports = { soakSize, writeReport };
