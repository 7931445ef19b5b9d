#!/usr/bin/env node
// Screenshots of the real n8n editor for the README (docs/images/*.png): each node's parameter
// panel with its output, a trigger's output table and a camera frame. Runs the pinned n8n
// (install with `npm run n8n:install`) with the package installed, against the simulator, in a
// throw-away user folder; Debian's chromium driven by playwright-core.
//
//   npm run build && node scripts/n8n/screenshots.mjs [--out docs/images]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { executeStep, openEditor, openNode, tableView, widenOutput } from './browser.mjs';
import {
	createInstance,
	importCredentials,
	importWorkflows,
	installPackage,
	killAllStarted,
	login,
	packPackage,
	repoRoot,
	requireRuntime,
	startServer,
} from './runtime.mjs';
import {
	SIM,
	TYPES,
	credRef,
	indivdWorkflow,
	rhombusReportsWorkflow,
	simulatorCredentials,
	workflow,
} from './workflows.mjs';

const require = createRequire(import.meta.url);
const { startSimulator } = require('../../simulator/server.cjs');

const outArg = process.argv.indexOf('--out');
const outDir = path.resolve(repoRoot, outArg > 0 ? process.argv[outArg + 1] : 'docs/images');
const port = Number(process.env.SHOTS_N8N_PORT || 5697);
const log = (...a) => console.log('[screenshots]', ...a);

const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
// Date-only values ("2026-11-20") run fine but n8n's date picker shows them as empty, so the
// Indivd dates are given as date-times (the node takes their date).
const T = {
	start: `${day}T06:00:00.000Z`,
	end: `${day}T18:00:00.000Z`,
	frame: `${day}T12:00:00.000Z`,
	clip: `${day}T09:00:00.000Z`,
	startDate: `${day}T00:00:00`,
	endDate: `${day}T00:00:00`,
};

const triggerWorkflow = workflow({
	id: 'shotsIndivdTrig1',
	name: 'Indivd Trigger: zone visitors per hour',
	nodes: [
		{
			name: 'Indivd Trigger',
			type: TYPES.indivdTrigger,
			credentials: credRef('indivd'),
			parameters: {
				event: 'zoneVisitors',
				granularity: 'hour',
				locations: [SIM.indivd.stockholm],
				zones: [SIM.indivd.entranceZone],
				timeZone: 'Europe/Stockholm',
				settleMinutes: 2,
				startFrom: 'backfill',
				backfillBuckets: 12,
				emit: 'everyBucket',
				pollTimes: { item: [{ mode: 'everyMinute' }] },
			},
		},
	],
});

/** Closes the "Node executed successfully" toasts so they do not cover the output. */
async function closeToasts(page) {
	for (const close of await page.locator('.el-notification__closeBtn').all())
		await close.click().catch(() => {});
	await page.waitForTimeout(600);
}

async function main() {
	const runtime = requireRuntime();
	fs.mkdirSync(outDir, { recursive: true });
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rhombus-indivd-shots-'));
	const sim = await startSimulator({ port: 0, host: '127.0.0.1' });
	let server;
	let browser;
	try {
		const inst = createInstance({
			userFolder: path.join(tmp, 'user'),
			port,
			brokerPort: port + 1,
			runtime,
			timezone: 'Europe/Berlin',
		});
		installPackage(inst.userFolder, packPackage(path.join(tmp, 'pack')));
		await importCredentials(inst, simulatorCredentials(sim.url));
		const hasTrigger = fs.existsSync(
			path.join(repoRoot, 'dist/nodes/Rhombus/RhombusTrigger.node.js'),
		);
		const reports = rhombusReportsWorkflow({
			t: T,
			name: 'Rhombus: people counts and a camera frame',
		});
		reports.nodes.find((n) => n.name === 'Frame').parameters.downscaleFactor = 1; // full size in the picture
		const indivd = indivdWorkflow({ t: T, name: 'Indivd: footfall of the Stockholm store' });
		await importWorkflows(inst, [reports, indivd, ...(hasTrigger ? [triggerWorkflow] : [])]);
		server = await startServer(inst, { label: 'screenshots' });
		const session = await login(inst);
		browser = await openEditor(inst, session, { width: 1600, height: 960 });
		const { page } = browser;
		const shot = async (name) => {
			const file = path.join(outDir, name);
			await page.screenshot({ path: file });
			log(`wrote ${path.relative(repoRoot, file)}`);
		};

		await openNode(page, inst.baseUrl, reports.id, 'Occupancy');
		await executeStep(page);
		await tableView(page);
		await widenOutput(page);
		await closeToasts(page);
		await shot('rhombus-occupancy.png');

		await openNode(page, inst.baseUrl, indivd.id, 'Zone visitors');
		await executeStep(page);
		await tableView(page);
		await widenOutput(page);
		await closeToasts(page);
		await shot('indivd-zone-visitors.png');

		await openNode(page, inst.baseUrl, reports.id, 'Frame');
		await executeStep(page);
		await closeToasts(page);
		await page.getByTestId('output-panel').getByRole('button', { name: 'View' }).first().click();
		await page.waitForFunction(() =>
			[...document.images].some(
				(i) => /binary-data|blob:/.test(i.src) && i.complete && i.naturalWidth > 0,
			),
		);
		await page.waitForTimeout(800);
		await shot('rhombus-frame.png');

		if (hasTrigger) {
			await openNode(page, inst.baseUrl, triggerWorkflow.id, 'Indivd Trigger');
			await executeStep(page);
			await tableView(page);
			await closeToasts(page);
			await shot('indivd-trigger-output.png');
		}

		await page.goto(`${inst.baseUrl}/workflow/${reports.id}`);
		await page.getByTestId('canvas').waitFor();
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Rhombus');
		await page
			.getByTestId('node-creator-item-name')
			.filter({ hasText: /^\s*Rhombus\s*$/ })
			.first()
			.click();
		await page.getByTestId('node-creator-action-item').first().waitFor();
		await page.waitForTimeout(800);
		await shot('rhombus-actions.png');
	} finally {
		if (browser) await browser.close();
		if (server) await server.stop();
		await sim.close();
		killAllStarted();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(`[screenshots] ERROR: ${e.stack}`);
	killAllStarted();
	process.exit(1);
});
