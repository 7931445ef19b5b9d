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

/**
 * Adds a node through the node creator as a user does: the + button, the search, the node,
 * then one of its actions (the Actions group is opened when it is collapsed). Waits for the
 * node's panel.
 */
export async function addNodeAction(page, nodeName, action) {
	await page.getByTestId('node-creator-plus-button').click();
	await page.getByTestId('node-creator-search-bar').fill(nodeName);
	const creator = page.getByTestId('node-creator');
	await creator
		.getByTestId('node-creator-item-name')
		.filter({ hasText: new RegExp(`^\\s*${nodeName}\\s*$`) })
		.first()
		.click();
	const actions = creator
		.getByTestId('node-creator-category-item')
		.filter({ hasText: /^\s*Actions\b/ });
	await actions.waitFor();
	const group = actions.locator('xpath=..');
	if ((await group.getAttribute('data-category-collapsed')) === 'true') await actions.click();
	await creator.getByText(action).first().click();
	await page.getByTestId('ndv').waitFor();
}

/**
 * Records the editor's requests for parameter lists (loadOptions and resource locator
 * searches): method, parameter, the credentials sent, status and answer.
 */
export function watchListRequests(page) {
	const requests = [];
	page.on('request', (r) => {
		const m = r.url().match(/\/rest\/dynamic-node-parameters\/(options|resource-locator-results)/);
		if (!m || r.method() !== 'POST') return;
		let body = {};
		try {
			body = JSON.parse(r.postData() ?? '{}');
		} catch {
			/* not JSON */
		}
		const entry = {
			kind: m[1],
			method: body.methodName,
			parameter: String(body.path ?? '').replace(/^parameters\./, ''),
			credentials: body.credentials,
			status: undefined,
			answer: undefined,
			at: Date.now(),
		};
		requests.push(entry);
		r.response()
			.then(async (res) => {
				entry.answer = (await res?.text().catch(() => '')) ?? '';
				entry.status = res?.status() ?? 0;
			})
			.catch(() => {
				entry.status = 0;
			});
	});
	return {
		requests,
		/** Waits until `method` was asked for (after `since`) and no list request is pending. */
		async settled(method, { since = 0, timeout = 30_000, quietMs = 750 } = {}) {
			const deadline = Date.now() + timeout;
			let quietSince = Date.now();
			for (;;) {
				const mine = requests.slice(since);
				const pending = mine.some((e) => e.status === undefined);
				if (pending) quietSince = Date.now();
				if (
					mine.some((e) => e.method === method && e.status !== undefined) &&
					Date.now() - quietSince >= quietMs
				)
					return mine;
				if (Date.now() > deadline) {
					throw new Error(
						`no settled ${method} request: ${JSON.stringify(mine.map((e) => [e.method, e.status]))}`,
					);
				}
				await page.waitForTimeout(100);
			}
		},
	};
}

/**
 * What the open node's panel says about lists it could not load: "Error fetching options…"
 * (shown as the value of the disabled input) and n8n's "Node does not have any credentials set".
 */
export async function listLoadErrors(page) {
	return await page.evaluate(() => {
		const re = /Error fetching options|Node does not have any credentials set/i;
		const found = [];
		for (const el of document.querySelectorAll('input, textarea')) {
			const text = `${el.value ?? ''} ${el.placeholder ?? ''}`;
			if (!re.test(text)) continue;
			const param = el.closest(
				'[data-test-id^="parameter-input-"]:not([data-test-id="parameter-input-field"])',
			);
			found.push(
				`${param?.dataset.testId?.replace('parameter-input-', '') ?? '?'}: ${text.trim()}`,
			);
		}
		const lines = document.body.innerText.split('\n').filter((l) => re.test(l));
		return [...found, ...lines.map((l) => `text: ${l.trim()}`)];
	});
}

/** Opens an options or multi-options parameter's dropdown and returns its entries' names. */
export async function parameterOptions(page, name) {
	await page.getByTestId('ndv').getByTestId(`parameter-input-${name}`).click();
	const dropdown = page.locator('.el-select-dropdown:visible').last();
	await dropdown.waitFor();
	await page.waitForTimeout(300);
	const items = await dropdown.locator('.el-select-dropdown__item').allInnerTexts();
	await page.keyboard.press('Escape');
	return items.map((t) => t.split('\n')[0].trim()).filter(Boolean);
}

/** Opens a resource locator's "From list" dropdown and returns its entries' names. */
export async function resourceLocatorItems(page, name) {
	const locator = page.getByTestId(`resource-locator-${name}`);
	await locator.getByTestId('rlc-input').click();
	const items = page.getByTestId('rlc-item');
	await items
		.first()
		.waitFor({ timeout: 15_000 })
		.catch(() => {});
	const names = await items.allInnerTexts();
	await page.keyboard.press('Escape');
	return names.map((t) => t.split('\n')[0].trim()).filter(Boolean);
}

/** Picks a credential by name in the open node's Credential field. */
export async function selectCredential(page, credentialName) {
	await page.getByTestId('ndv').getByTestId('node-credentials-select').click();
	await page
		.locator('.el-select-dropdown:visible .el-select-dropdown__item')
		.filter({ hasText: credentialName })
		.first()
		.click();
}

/** The name of the credential the open node uses ('' when it has none). */
export async function selectedCredential(page) {
	const select = page.getByTestId('ndv').getByTestId('node-credentials-select');
	if (!(await select.count())) return '';
	return (await select.locator('input').first().inputValue()).trim();
}

/** The reasons n8n gives for a parameter's issues (its warning sign's tooltip), '' if none. */
export async function parameterIssues(page, name) {
	const item = page
		.getByTestId('ndv')
		.getByTestId('parameter-item')
		.filter({ has: page.getByTestId(`parameter-input-${name}`) })
		.last();
	await item.hover();
	const icon = item
		.locator('[data-test-id="parameter-issues"], [data-icon="triangle-alert"]')
		.first();
	await icon.waitFor({ timeout: 5000 }).catch(() => {});
	if (!(await icon.count())) return '';
	await icon.hover();
	const tip = page.locator('[role="tooltip"]:visible, [data-reka-popper-content-wrapper]:visible');
	await tip
		.first()
		.waitFor({ timeout: 5000 })
		.catch(() => {});
	const text = (await tip.allInnerTexts()).join('\n').trim();
	await page.mouse.move(0, 0);
	return text;
}
