'use strict';
// Where the time of a run goes: self time of a V8 .cpuprofile, summed by category.
const fs = require('node:fs');

const categories = [
	['gc', 'garbage collection', (frame) => frame.functionName === '(garbage collector)'],
	[
		'offsets',
		'time-zone offset lookups (luxon IANAZone → Intl formatToParts)',
		(frame) =>
			/luxon/.test(frame.url) && /^(partsOffset|offset|hackyOffset)$/.test(frame.functionName),
	],
	['luxon', 'other luxon (DateTime, toISO)', (frame) => /luxon/.test(frame.url)],
	['zod', 'zod validation', (frame) => /[\\/]zod[\\/]/.test(frame.url)],
	['http', 'HTTP client + JSON.parse', (frame) => /n8nHttp|undici|^node:/.test(frame.url)],
	['package', 'package code (bucket items, keys)', (frame, distDir) => frame.url.includes(distDir)],
];

function summarizeProfile(file, distDir) {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
	const selfMicros = new Map();
	for (let index = 0; index < profile.samples.length; index++) {
		const id = profile.samples[index];
		selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
	}
	const totals = { other: 0 };
	for (const [key] of categories) totals[key] = 0;
	let total = 0;
	for (const node of profile.nodes) {
		const micros = selfMicros.get(node.id) ?? 0;
		if (micros === 0) continue;
		if (node.callFrame.functionName === '(idle)') continue;
		total += micros;
		const match = categories.find(([, , test]) => test(node.callFrame, distDir));
		totals[match ? match[0] : 'other'] += micros;
	}
	const shares = {};
	for (const [key, value] of Object.entries(totals)) shares[key] = total ? value / total : 0;
	return { totalMs: total / 1000, shares };
}

const categoryLabels = Object.fromEntries([
	...categories.map(([key, label]) => [key, label]),
	['other', 'other (module loading, runtime)'],
]);

module.exports = { summarizeProfile, categoryLabels };
