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
