// Headless Chromium (Debian's `chromium` package) driven by playwright-core, for the editor
// test and the README screenshots. Never downloads a browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function chromiumAvailable() {
	return fs.existsSync(CHROMIUM);
}

/** A fresh browser profile, logged in to n8n with the session cookie of `login()`. */
export async function openEditor(inst, session, { width = 1440, height = 900 } = {}) {
	if (!chromiumAvailable()) {
		throw new Error(
			`${CHROMIUM} not found: install Debian's chromium package (apt-get install -y chromium)`,
		);
	}
	const { chromium, selectors } = await import('playwright-core');
	selectors.setTestIdAttribute('data-test-id'); // n8n's attribute
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rhombus-indivd-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: { width, height },
		deviceScaleFactor: 1,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	const [name, value] = session.cookie.split('=');
	await context.addCookies([
		{ name, value, domain: '127.0.0.1', path: '/', httpOnly: true, sameSite: 'Lax' },
	]);
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	const failedRequests = [];
	page.on('response', (r) => {
		if (r.status() >= 400 && r.url().startsWith(inst.baseUrl))
			failedRequests.push(`${r.status()} ${r.url()}`);
	});
	return {
		context,
		page,
		failedRequests,
		close: async () => {
			await context.close();
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

/** Opens a node of a workflow in the node details view. */
export async function openNode(page, baseUrl, workflowId, nodeName) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.getByTestId('canvas').waitFor();
	await page
		.locator('[data-test-id="canvas-node"]')
		.filter({ hasText: nodeName })
		.first()
		.dblclick();
	await page.getByTestId('ndv').waitFor();
}

/** Moves the parameter panel left so the output table shows more columns. */
export async function widenOutput(page, dx = -330) {
	const handle = page.getByTestId('panel-drag-button').first();
	if (!(await handle.count())) return;
	const box = await handle.boundingBox();
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2 + dx, box.y + box.height / 2, { steps: 12 });
	await page.mouse.up();
	await page.waitForTimeout(500);
}

/** Runs the open node (or fetches a trigger's test event) and waits for its output. */
export async function executeStep(page, label = /^(Execute step|Fetch test event)$/i) {
	await page.getByTestId('ndv').getByRole('button', { name: label }).first().click();
	await page.getByTestId('output-panel').getByTestId('ndv-data-container').waitFor();
	await page.waitForTimeout(1000);
}

/** Shows the output as a table. */
export async function tableView(page) {
	const table = page.getByTestId('output-panel').getByTestId('radio-button-table');
	if (await table.count()) await table.click();
	await page.waitForTimeout(500);
}
