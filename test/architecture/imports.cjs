'use strict';
// File reading stays out of .ts files: n8n's lint forbids `fs` there, tests included.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const IMPORT = /^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;

function sourceFiles(folder) {
	const entries = fs.readdirSync(path.join(root, folder), { withFileTypes: true });
	return entries.flatMap((entry) => {
		const relative = path.posix.join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(relative);
		return entry.name.endsWith('.ts') ? [relative] : [];
	});
}

function resolve(from, specifier) {
	const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
	for (const candidate of [`${base}.ts`, `${base}/index.ts`]) {
		if (fs.existsSync(path.join(root, candidate))) return candidate;
	}
	return undefined;
}

/** Every production source file with the repo files it imports (relative imports only). */
function importGraph() {
	const graph = {};
	for (const file of [...sourceFiles('nodes'), ...sourceFiles('credentials')]) {
		const text = fs.readFileSync(path.join(root, file), 'utf8');
		const targets = new Set();
		for (const match of text.matchAll(IMPORT)) {
			const specifier = match[1] ?? match[2];
			if (!specifier.startsWith('.')) continue;
			const target = resolve(file, specifier);
			if (target === undefined) throw new Error(`${file}: cannot resolve ${specifier}`);
			targets.add(target);
		}
		graph[file] = [...targets].sort();
	}
	return graph;
}

module.exports = { importGraph };
