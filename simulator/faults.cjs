'use strict';

const FAULT_KINDS = [
	'status',
	'rateLimit',
	'timeout',
	'malformedJson',
	'inBandError',
	'schema',
	'html',
	'redirect',
	'huge',
	'truncated',
	'reset',
];

function normalizeTimes(times) {
	if (times === undefined || times === null) return 1;
	if (times === Infinity || times === -1 || /^infinity$/i.test(String(times))) return Infinity;
	const n = Number(times);
	if (!Number.isInteger(n) || n < 1) throw new Error(`invalid fault times: ${times}`);
	return n;
}

function validateFault(f) {
	if (!f || typeof f !== 'object') throw new Error('fault must be an object');
	if (!FAULT_KINDS.includes(f.kind)) throw new Error(`unknown fault kind: ${f.kind}`);
	if (f.vendor !== undefined && f.vendor !== 'rhombus' && f.vendor !== 'indivd') {
		throw new Error(`invalid fault vendor: ${f.vendor}`);
	}
	if (f.path !== undefined && typeof f.path !== 'string')
		throw new Error('fault path must be a string');
	if (f.skip !== undefined && !(Number.isInteger(f.skip) && f.skip >= 0)) {
		throw new Error(`invalid fault skip: ${f.skip}`);
	}
	const out = { kind: f.kind, times: normalizeTimes(f.times) };
	for (const k of ['vendor', 'path', 'skip', 'status', 'retryAfterSec', 'errorMsg', 'body']) {
		if (f[k] !== undefined) out[k] = f[k];
	}
	return out;
}

class FaultStore {
	constructor() {
		this.items = [];
	}

	add(fault) {
		const f = validateFault(fault);
		this.items.push(f);
		return { ...f };
	}

	clear() {
		this.items = [];
	}

	list() {
		return this.items.map((f) => ({ ...f }));
	}

	/** First fault matching the request; consumes one of its `times`. */
	take(vendor, path) {
		const i = this.items.findIndex(
			(f) =>
				(f.vendor === undefined || f.vendor === vendor) &&
				(f.path === undefined || f.path === path || path.includes(f.path)),
		);
		if (i < 0) return null;
		const f = this.items[i];
		if (f.skip > 0) {
			f.skip -= 1;
			return null;
		}
		f.times -= 1;
		if (f.times <= 0) this.items.splice(i, 1);
		return f;
	}
}

/** Same top-level keys, wrong types inside: numbers become strings, nested arrays objects. */
function wrongTypes(value, depth = 0) {
	if (typeof value === 'number') return String(value);
	if (typeof value === 'string') return depth === 1 ? [value] : value;
	if (Array.isArray(value)) {
		const items = value.map((v) => wrongTypes(v, depth + 1));
		return depth >= 1 ? Object.fromEntries(items.map((v, i) => [String(i), v])) : items;
	}
	if (value && typeof value === 'object') {
		const out = {};
		for (const [k, v] of Object.entries(value)) out[k] = wrongTypes(v, depth + 1);
		return out;
	}
	return value;
}

function truncateJson(text) {
	let cut = text.slice(0, Math.max(1, Math.floor(text.length * 0.6)));
	try {
		JSON.parse(cut);
		cut = `${cut}{"`;
	} catch {
		// already invalid, which is the point
	}
	return cut;
}

const GATEWAY_HTML =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n' +
	'<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** Pieces of a ~50 MB JSON body that is valid but absurd. */
function hugeBody(vendor) {
	const copies = 10000;
	const rounds = 70;
	let head;
	let item;
	let tail;
	if (vendor === 'indivd') {
		head = '[';
		item = '{"_id":{"year":-1,"month":13,"dayofmonth":32,"hour":25},"count":9007199254740991}';
		tail = ']';
	} else {
		head = '{"crossingCounts":[';
		item = '{"ingressCount":2147483647,"egressCount":-2147483648,"timestampMs":-62135596800000}';
		tail = '],"error":false}';
	}
	const chunk = Buffer.from(`${item},`.repeat(copies), 'latin1');
	const end = Buffer.from(`${item}${tail}`, 'latin1');
	const start = Buffer.from(head, 'latin1');
	return {
		start,
		chunk,
		rounds,
		end,
		length: start.length + chunk.length * rounds + end.length,
	};
}

module.exports = {
	FAULT_KINDS,
	FaultStore,
	validateFault,
	wrongTypes,
	truncateJson,
	hugeBody,
	GATEWAY_HTML,
};
