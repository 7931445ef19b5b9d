#!/usr/bin/env node
// Runs the lint part of n8n's community-package scanner (@n8n/scan-community-package, the gate
// a package must pass to be verified) on this repository, offline:
//   1. the source (working tree): package.json + {nodes,credentials}/**/*.{js,ts,json}, as the
//      scanner lints the attested GitHub source;
//   2. the package as npm would publish it: `npm pack` of the built repository into a temp folder,
//      extracted, then **/*.js + package.json, as the scanner lints the npm tarball.
// Both use the scanner's own `analyzePackage()` (its ESLint config, `allowInlineConfig: false`,
// so `// eslint-disable` comments do not help). Any error fails the scan (exit code 1).
//
// Not checked here: the scanner's CLI first requires npm provenance on the published version and
// downloads the GitHub source the provenance attests. Both need the npm registry's metadata of a
// published version and github.com; provenance only exists once the publish workflow has run.
//
// Usage: node scripts/scan.mjs [--package-dir <dir>] [--source-dir <dir>]
//   --package-dir (or SCAN_PACKAGE_DIR): lint this folder as the packed package instead of packing
//     the repository (dist/ must exist otherwise: `npm run scan` builds first).
//   --source-dir (or SCAN_SOURCE_DIR): lint this folder as the source instead of the repository.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const SCANNER = '@n8n/scan-community-package';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (message) => console.log(`[scan] ${message}`);

class ScanError extends Error {}

const { values: options } = parseArgs({
	options: {
		'package-dir': { type: 'string', default: process.env.SCAN_PACKAGE_DIR || undefined },
		'source-dir': { type: 'string', default: process.env.SCAN_SOURCE_DIR || undefined },
	},
});

const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
const removeTempDir = () => fs.rmSync(tempDir, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		removeTempDir();
		process.exit(128 + os.constants.signals[signal]);
	});
}

/** Loads the scanner. Its module creates a temp folder on import; keep that inside ours. */
async function loadScanner() {
	const require = createRequire(path.join(repoRoot, 'package.json'));
	const scannerPackageJson = require.resolve(`${SCANNER}/package.json`);
	const { version } = JSON.parse(fs.readFileSync(scannerPackageJson, 'utf8'));
	const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
	Object.assign(process.env, { TMPDIR: tempDir, TMP: tempDir, TEMP: tempDir });
	try {
		const scanner = await import(`${SCANNER}/scanner/scanner.mjs`);
		// The same glob (and version) the scanner uses, to report what it will lint.
		const glob = createRequire(scannerPackageJson)('fast-glob');
		return { scanner, version, glob };
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}

function run(command, args, cwd, shell = false) {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', shell });
	if (result.error) throw new ScanError(`${command} ${args.join(' ')}: ${result.error.message}`);
	if (result.status !== 0) {
		throw new ScanError(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stderr}`);
	}
	return result.stdout;
}

/** `npm pack` the repository into the temp folder and extract it; returns the package folder. */
function packRepository() {
	const { n8n } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	const missing = [...n8n.nodes, ...n8n.credentials].filter(
		(file) => !fs.existsSync(path.join(repoRoot, file)),
	);
	if (missing.length > 0) {
		throw new ScanError(`not built (run \`npm run build\` first); missing: ${missing.join(', ')}`);
	}
	const packDir = path.join(tempDir, 'pack');
	fs.mkdirSync(packDir);
	// Under `npm run`, npm_execpath is npm's own CLI script: runs without a shell on every OS.
	// Otherwise `npm`, which on Windows is a .cmd and needs one.
	const npmCli = process.env.npm_execpath;
	const [command, prefix, shell] =
		npmCli && /\.[cm]?js$/.test(npmCli)
			? [process.execPath, [npmCli], false]
			: ['npm', [], process.platform === 'win32'];
	const args = [...prefix, 'pack', '--json', '--pack-destination', packDir];
	const packed = JSON.parse(run(command, args, repoRoot, shell))[0];
	log(`packed ${packed.filename}: ${packed.entryCount} files, ${packed.size} bytes`);
	const packageDir = path.join(tempDir, 'package');
	fs.mkdirSync(packageDir);
	run('tar', [
		'-xzf',
		path.join(packDir, packed.filename),
		'-C',
		packageDir,
		'--strip-components=1',
	]);
	return packageDir;
}

/** What analyzePackage() will lint (same glob and ignores), as a count per kind. */
function describe(glob, dir, patterns) {
	const files = glob.sync(patterns, {
		cwd: dir,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	// The scanner passes a folder with nothing to lint; here that means a wrong folder or build.
	if (files.length === 0) {
		throw new ScanError(`nothing to lint in ${dir} (${patterns.join(' + ')})`);
	}
	const byKind = {};
	for (const file of files) {
		const kind = path.basename(file) === 'package.json' ? file : `*${path.extname(file)}`;
		byKind[kind] = (byKind[kind] ?? 0) + 1;
	}
	const summary = Object.entries(byKind)
		.map(([kind, count]) => (kind.startsWith('*') ? `${count} ${kind}` : kind))
		.join(', ');
	return `${files.length} files (${summary || 'none'})`;
}

async function main() {
	const started = Date.now();
	const { scanner, version, glob } = await loadScanner();
	log(`${SCANNER} ${version}: its ESLint rules, inline eslint-disable comments ignored`);

	const sourceDir = path.resolve(options['source-dir'] ?? repoRoot);
	const packageDir = options['package-dir']
		? path.resolve(options['package-dir'])
		: packRepository();
	for (const dir of [sourceDir, packageDir]) {
		if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
			throw new ScanError(`not a folder: ${dir}`);
		}
	}

	const legs = [
		{
			name: 'source',
			dir: sourceDir,
			patterns: scanner.SOURCE_FILE_PATTERNS,
		},
		{
			name: options['package-dir'] ? 'package (given folder)' : 'package (npm pack)',
			dir: packageDir,
			// As analyzePackageByName() lints the downloaded tarball.
			patterns: ['**/*.js', 'package.json'],
		},
	];
	let failed = false;
	for (const leg of legs) {
		const where = leg.dir === repoRoot ? 'repository' : leg.dir;
		log(
			`${leg.name}: ${where}, ${leg.patterns.join(' + ')}: ${describe(glob, leg.dir, leg.patterns)}`,
		);
		const result = await scanner.analyzePackage(leg.dir, leg.patterns);
		if (result.passed) {
			log(`${leg.name}: passed${result.message ? ` (${result.message})` : ''}`);
		} else {
			failed = true;
			log(`${leg.name}: FAILED: ${result.message}`);
			if (result.details) console.log(result.details);
		}
	}
	log(
		'not checked offline: npm provenance of the published version and the GitHub source it ' +
			'attests (the scanner CLI requires both; .github/workflows/publish.yml provides them)',
	);
	log(`${failed ? 'FAILED' : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return failed ? 1 : 0;
}

try {
	process.exitCode = await main();
} catch (error) {
	console.error(`[scan] ${error instanceof ScanError ? error.message : error.stack}`);
	process.exitCode = 1;
} finally {
	removeTempDir();
}
