'use strict';

const fs = require('node:fs');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { createWorld, RHOMBUS_KEYS, PARTNER_ORG, INDIVD_TOKENS } = require('./data.cjs');
const { createRhombus, rhombusKind, BadJson, REGION } = require('./rhombus.cjs');
const { createIndivd, INDIVD_KINDS, indivdKind } = require('./indivd.cjs');
const { VariantStore } = require('./variants.cjs');
const { RevisionStore, validateRevision } = require('./revisions.cjs');
const {
	FaultStore,
	validateFault,
	wrongTypes,
	truncateJson,
	hugeBody,
	GATEWAY_HTML,
} = require('./faults.cjs');

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MAX_BODY = 10 * 1024 * 1024;
const MAX_LOG = 20000;
const DEFAULT_RATE = { ratePerSec: 20, burst: 200 };
const CROSSING_SHAPES = ['array', 'map'];

// Rhombus documents neither the calendar its reports count on nor where `timestampMs` sits in its
// bucket ("the representative timestamp for the interval"), so the simulator can answer each
// plausible way. The defaults are the package's first guess: the zone asked for (occupancy, which
// names none: the camera location's), Monday weeks, stamps at bucket starts, both date texts.
const DEFAULT_CONVENTIONS = { calendar: 'asked', stamp: 'start', weekStart: 'monday', dates: 'all' };
const CONVENTION_VALUES = {
	calendar: ['asked', 'location', 'utc'],
	stamp: ['start', 'middle', 'end'],
	weekStart: ['monday', 'sunday'],
	dates: ['all', 'textOnly', 'localOnly'],
};

/** Partial conventions over the defaults; an unknown value throws, changing nothing. */
function checkedConventions(conventions) {
	const merged = { ...DEFAULT_CONVENTIONS, ...conventions };
	for (const [name, values] of Object.entries(CONVENTION_VALUES)) {
		if (!values.includes(merged[name])) throw new Error(`invalid rhombusConventions.${name}`);
	}
	return merged;
}
const LOCATION_SHAPES = ['object', 'idMap', 'array', 'wrapped'];
// Not in Rhombus's public spec, so a real organization may lack them: `capabilityEndpoints: false`.
const CAPABILITY_PATHS = new Set([
	'/api/camera/getOccupancyEnabledCameras',
	'/api/camera/getLineCrossingEnabledCamerasForLocation',
	'/api/camera/getLineCrossingEnabledCameras',
]);
const RHOMBUS_401_CHALLENGE =
	'Bearer resource_metadata="https://api2.rhombussystems.com/.well-known/oauth-protected-resource"';
const DJANGO_404 =
	'<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n</head>\n<body>\n' +
	'  <h1>Not Found</h1><p>The requested resource was not found on this server.</p>\n</body>\n</html>\n';
const LOGIN_HTML =
	'<!doctype html>\n<html><head><title>Sign in</title></head><body>' +
	'<form method="post" action="/login"><input name="user"><input type="password" name="pass">' +
	'</form></body></html>\n';

const RHOMBUS_KEY_INFO = {
	[RHOMBUS_KEYS.normal]: { scheme: 'api-token' },
	[RHOMBUS_KEYS.partner]: { scheme: 'partner-api-token', partner: true },
	[RHOMBUS_KEYS.limited]: { scheme: 'api-token', limited: true },
};

function classify(pathname) {
	if (pathname.startsWith('/__sim/') || pathname === '/__sim') return 'control';
	if (pathname.startsWith('/api/v1/rnd/') || pathname.startsWith('/filters/')) return 'indivd';
	if (pathname.startsWith('/api/') || pathname.startsWith('/media/')) return 'rhombus';
	return 'unknown';
}

function normalizeRate(rate) {
	if (rate === false || rate === null) return false;
	if (rate === undefined) return { ...DEFAULT_RATE };
	const ratePerSec = Number(rate.ratePerSec);
	const burst = Number(rate.burst);
	if (!(ratePerSec > 0) || !(burst >= 1))
		throw new Error('rateLimit needs ratePerSec > 0 and burst >= 1');
	return { ratePerSec, burst };
}

/** Token buckets per vendor and credential, refilled on the real clock (not the simulated one). */
class RateLimiter {
	constructor(rate) {
		this.set(rate);
	}

	set(rate) {
		this.rate = normalizeRate(rate);
		this.buckets = new Map();
	}

	take(id) {
		if (!this.rate) return { ok: true };
		const { ratePerSec, burst } = this.rate;
		const t = performance.now() / 1000;
		let b = this.buckets.get(id);
		if (!b) {
			b = { tokens: burst, t };
			this.buckets.set(id, b);
		}
		b.tokens = Math.min(burst, b.tokens + (t - b.t) * ratePerSec);
		b.t = t;
		if (b.tokens >= 1) {
			b.tokens -= 1;
			return { ok: true };
		}
		return { ok: false, retryAfterSec: Math.max(1, Math.ceil((1 - b.tokens) / ratePerSec)) };
	}
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > MAX_BODY) {
				reject(new Error('body too large'));
				req.destroy();
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function parseForLog(raw) {
	if (raw === '') return null;
	try {
		return JSON.parse(raw);
	} catch {
		return raw;
	}
}

function parseArgs(argv) {
	const out = {};
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
		if (!m) continue;
		const value = m[2] !== undefined ? m[2] : argv[++i];
		out[m[1]] = value;
	}
	return out;
}

async function startSimulator(options = {}) {
	const host = options.host ?? '127.0.0.1';
	if (!LOOPBACK.has(host)) throw new Error(`the simulator only binds to loopback, not ${host}`);
	const seed = options.seed ?? 42;
	const cameraCount = options.cameras ?? 6;
	if (!Number.isInteger(cameraCount) || cameraCount < 1) throw new Error('cameras must be >= 1');
	const baseNow =
		typeof options.now === 'function'
			? options.now
			: typeof options.now === 'number'
				? () => options.now
				: () => Date.now();
	let fixedNow = null;
	const clock = () => (fixedNow !== null ? fixedNow : baseNow());
	const anchorMs = clock();

	const config = {
		crossingShape: 'array',
		locationsShape: 'idMap',
		rangeLimits: true,
		clipVisibleAfterMs: 0,
		capabilityEndpoints: true,
		rhombusConventions: { ...DEFAULT_CONVENTIONS },
	};
	const limiter = new RateLimiter(options.rateLimit);
	const faults = new FaultStore();
	const revisions = new RevisionStore();
	const logEntries = [];
	const logControl = options.logControl === true;
	const world = createWorld({ seed, cameras: cameraCount, anchorMs });
	const rhombus = createRhombus({ world, seed, clock, config, anchorMs, revisions });
	const indivd = createIndivd({ world, clock, config, revisions });
	const variants = new VariantStore([
		...Object.keys(rhombus.routes).map(rhombusKind),
		...INDIVD_KINDS,
	]);
	if (options.variants !== undefined) variants.setAll(options.variants);
	const held = new Set();

	function setConfig(c) {
		if (c.crossingShape !== undefined) {
			if (!CROSSING_SHAPES.includes(c.crossingShape)) throw new Error('invalid crossingShape');
			config.crossingShape = c.crossingShape;
		}
		if (c.locationsShape !== undefined) {
			if (!LOCATION_SHAPES.includes(c.locationsShape)) throw new Error('invalid locationsShape');
			config.locationsShape = c.locationsShape;
		}
		if (c.rangeLimits !== undefined) config.rangeLimits = c.rangeLimits !== false;
		if (c.capabilityEndpoints !== undefined) {
			config.capabilityEndpoints = c.capabilityEndpoints !== false;
		}
		if (c.rhombusConventions !== undefined) {
			config.rhombusConventions = checkedConventions(c.rhombusConventions);
		}
		if (c.clipVisibleAfterMs !== undefined) {
			if (!Number.isFinite(c.clipVisibleAfterMs) || c.clipVisibleAfterMs < 0) {
				throw new Error('clipVisibleAfterMs must be a number of milliseconds >= 0');
			}
			config.clipVisibleAfterMs = c.clipVisibleAfterMs;
		}
		if (c.rateLimit !== undefined) limiter.set(c.rateLimit);
		return currentConfig();
	}

	function currentConfig() {
		return {
			...config,
			rhombusConventions: { ...config.rhombusConventions },
			rateLimit: limiter.rate ? { ...limiter.rate } : false,
		};
	}

	const fixtures = {
		rhombus: {
			apiKey: RHOMBUS_KEYS.normal,
			partnerApiKey: RHOMBUS_KEYS.partner,
			partnerOrgUuid: PARTNER_ORG,
			limitedApiKey: RHOMBUS_KEYS.limited,
			orgUuid: world.rhombus.orgUuid,
			mediaRegion: REGION,
			locations: world.rhombus.locations.map((l) => ({ uuid: l.uuid, name: l.name, tz: l.tz })),
			cameras: world.rhombus.cameras.map((c) => ({
				uuid: c.uuid,
				name: c.name,
				locationUuid: c.location.uuid,
				timeZone: c.location.tz,
				online: c.online,
				lineCrossing: c.lineCrossing,
				occupancyKeys: c.occupancy ? c.occupancy.map((o) => o.key) : [],
			})),
		},
		indivd: {
			token: INDIVD_TOKENS.all,
			scopedToken: INDIVD_TOKENS.scoped,
			scopedLocationIds: [124],
			organisations: world.indivd.organisations.map((o) => ({ ...o })),
			locations: world.indivd.locations.map((l) => ({
				id: l.id,
				name: l.name,
				timezone: l.timezone,
				organisation_id: l.organisation_id,
			})),
			zones: world.indivd.zones.map((z) => ({
				id: z.id,
				name: z.name,
				location_id: z.location_id,
				dropIn: z.passingLines.length > 0,
			})),
			lines: world.indivd.lines.map((l) => ({
				id: l.id,
				name: l.name,
				location_id: l.location_id,
				category: l.category,
			})),
		},
	};

	function send(res, entry, r) {
		if (entry) entry.status = r.status;
		const headers = { ...(r.headers ?? {}) };
		let body;
		if (r.json !== undefined) {
			body = Buffer.from(JSON.stringify(r.json), 'utf8');
			if (!headers['content-type']) headers['content-type'] = 'application/json';
		} else if (Buffer.isBuffer(r.body)) {
			body = r.body;
		} else {
			body = Buffer.from(r.body ?? '', 'utf8');
		}
		headers['content-length'] = String(r.length ?? body.length);
		res.writeHead(r.status, headers);
		res.end(body);
	}

	function rhombusError(status, error, msg) {
		return { status, json: { status, error, timestamp: clock(), msg } };
	}

	function rhombusAuth(headers, pathname) {
		const key = headers['x-auth-apikey'];
		const unauthorized = {
			status: 401,
			headers: { 'www-authenticate': RHOMBUS_401_CHALLENGE },
			json: { authenticationFailed: true },
		};
		if (!key || typeof key !== 'string') return { response: unauthorized };
		const info = RHOMBUS_KEY_INFO[key];
		if (!info) return { response: unauthorized };
		const denied = { response: rhombusError(403, 'Forbidden', 'Access Denied') };
		if (headers['x-auth-scheme'] !== info.scheme) return denied;
		if (info.partner && headers['x-auth-org'] !== PARTNER_ORG) return denied;
		if (info.limited && /^\/(api\/(report|video)|media)\//.test(pathname)) return denied;
		return { key };
	}

	function rhombusNormal(method, pathname, headers, raw) {
		if (pathname.startsWith('/media/')) {
			if (method !== 'GET' && method !== 'HEAD') {
				return rhombusError(405, 'Method Not Allowed', 'Method Not Allowed');
			}
			return rhombus.media(method, pathname, headers);
		}
		const served =
			Object.prototype.hasOwnProperty.call(rhombus.routes, pathname) &&
			(config.capabilityEndpoints || !CAPABILITY_PATHS.has(pathname));
		const handler = served ? rhombus.routes[pathname] : null;
		if (!handler) return rhombusError(404, 'Not Found', 'Not Found');
		if (method !== 'POST') return rhombusError(405, 'Method Not Allowed', 'Method Not Allowed');
		if (!/^application\/json\b/i.test(headers['content-type'] ?? '')) {
			return rhombusError(415, 'Unsupported Media Type', 'Content-Type must be application/json');
		}
		const badJson = { status: 400, json: { msg: "JSON doesn't match expected object structure" } };
		let body;
		try {
			body = JSON.parse(raw);
		} catch {
			return badJson;
		}
		if (!body || typeof body !== 'object' || Array.isArray(body)) return badJson;
		try {
			return handler(body);
		} catch (e) {
			if (e instanceof BadJson) return badJson;
			throw e;
		}
	}

	function throttled(vendor, retryAfterSec) {
		const n = Math.max(1, Math.ceil(retryAfterSec));
		if (vendor === 'rhombus') {
			return {
				status: 429,
				headers: { 'content-type': 'text/plain', 'retry-after': String(n) },
				body: 'Too many api requests. Enhance your calm.',
			};
		}
		return {
			status: 429,
			headers: { 'retry-after': String(n) },
			json: {
				detail: `Request was throttled. Expected available in ${n} second${n === 1 ? '' : 's'}.`,
			},
		};
	}

	/** Everything after authentication succeeded: a fault, the throttle, or the normal answer. */
	function afterAuth(vendor, id, pathname, normal) {
		const fault = faults.take(vendor, pathname);
		if (fault) return { fault, normal };
		const rl = limiter.take(`${vendor}:${id}`);
		if (!rl.ok) return throttled(vendor, rl.retryAfterSec);
		return normal();
	}

	/** The normal answer, changed by the variant set for its request kind, if any. */
	function withVariant(kind, entry, r) {
		if (r.status !== 200 || r.json === undefined) return r;
		const varied = variants.apply(kind, r.json);
		if (!varied) return r;
		if (entry) entry.variant = { kind, matched: varied.matched };
		return { ...r, json: varied.json };
	}

	function rhombusFlow(req, pathname, raw, entry) {
		const auth = rhombusAuth(req.headers, pathname);
		if (auth.response) return auth.response;
		return afterAuth('rhombus', auth.key, pathname, () => {
			const r = rhombusNormal(req.method, pathname, req.headers, raw);
			return pathname.startsWith('/media/') ? r : withVariant(rhombusKind(pathname), entry, r);
		});
	}

	function indivdFlow(req, pathname, search, query, entry) {
		const route = indivd.route(pathname);
		if (!route) return { status: 404, headers: { 'content-type': 'text/html' }, body: DJANGO_404 };
		if (route.redirect) {
			return { status: 301, headers: { location: `${route.redirect}${search}` }, body: '' };
		}
		const m = /^Token\s+(\S+)\s*$/.exec(req.headers.authorization ?? '');
		const scope = m ? world.indivd.tokens[m[1]] : undefined;
		if (!scope) return { status: 401, headers: { 'www-authenticate': 'Token' }, body: '' };
		return afterAuth('indivd', m[1], pathname, () => {
			if (req.method !== 'GET') return { status: 405, headers: { allow: 'GET' }, body: '' };
			return withVariant(indivdKind(route), entry, indivd.handle(route, query, scope));
		});
	}

	function applyFault(req, res, entry, vendor, { fault, normal }) {
		entry.fault = fault.kind;
		const now = clock();
		switch (fault.kind) {
			case 'status': {
				const status = fault.status ?? 500;
				if (fault.body !== undefined) return send(res, entry, { status, json: fault.body });
				if (vendor === 'rhombus') {
					const reason = http.STATUS_CODES[status] ?? 'Error';
					return send(res, entry, {
						status,
						json: { status, error: reason, timestamp: now, msg: reason },
					});
				}
				return send(res, entry, { status, body: '' });
			}
			case 'rateLimit':
				return send(res, entry, throttled(vendor, fault.retryAfterSec ?? 1));
			case 'inBandError':
				return send(res, entry, {
					status: 200,
					json: {
						...(fault.body && typeof fault.body === 'object' ? fault.body : {}),
						error: true,
						errorMsg: fault.errorMsg ?? 'Simulated in-band error',
					},
				});
			case 'html':
				return send(res, entry, {
					status: 502,
					headers: { 'content-type': 'text/html' },
					body: GATEWAY_HTML,
				});
			case 'redirect':
				return send(res, entry, { status: 302, headers: { location: '/elsewhere' }, body: '' });
			case 'timeout':
				entry.status = 0;
				held.add(res);
				res.on('close', () => held.delete(res));
				return undefined;
			case 'reset':
				entry.status = 0;
				if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
				else req.socket.destroy();
				return undefined;
			case 'huge':
				return sendHuge(res, entry, vendor);
			default:
				break;
		}
		const r = normal();
		if (fault.kind === 'schema') {
			if (fault.body !== undefined) return send(res, entry, { status: 200, json: fault.body });
			if (r.json !== undefined) return send(res, entry, { status: 200, json: wrongTypes(r.json) });
			return send(res, entry, {
				status: 200,
				headers: { 'content-type': r.headers?.['content-type'] ?? 'application/json' },
				body: '{"unexpected":true}',
			});
		}
		const text = r.json !== undefined ? JSON.stringify(r.json) : String(r.body ?? '');
		if (fault.kind === 'malformedJson') {
			return send(res, entry, {
				status: 200,
				headers: { 'content-type': 'application/json' },
				body: truncateJson(text),
			});
		}
		// truncated: announce the whole body, send part of it, then hang up.
		const full =
			Buffer.isBuffer(r.body) && r.json === undefined ? r.body : Buffer.from(text, 'utf8');
		const declared = full.length >= 2 ? full.length : full.length + 64;
		entry.status = 200;
		res.writeHead(200, {
			'content-type': r.headers?.['content-type'] ?? 'application/json',
			'content-length': String(declared),
		});
		res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.socket?.destroy());
		return undefined;
	}

	function sendHuge(res, entry, vendor) {
		const h = hugeBody(vendor);
		entry.status = 200;
		res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(h.length) });
		res.write(h.start);
		let i = 0;
		const pump = () => {
			while (i < h.rounds) {
				if (res.destroyed) return;
				i++;
				if (!res.write(h.chunk)) {
					res.once('drain', pump);
					return;
				}
			}
			res.end(h.end);
		};
		pump();
	}

	function control(req, res, pathname, search, raw) {
		const reply = (status, json) => send(res, null, { status, json });
		let body = null;
		if (raw) {
			try {
				body = JSON.parse(raw);
			} catch {
				return reply(400, { error: 'body is not JSON' });
			}
		}
		const route = `${req.method} ${pathname.replace(/\/$/, '')}`;
		try {
			switch (route) {
				case 'GET /__sim/health':
					return reply(200, { ok: true, now: clock(), seed, cameras: cameraCount });
				case 'GET /__sim/fixtures':
					return reply(200, fixtures);
				case 'GET /__sim/log':
					return reply(200, logEntries);
				case 'DELETE /__sim/log':
					logEntries.length = 0;
					return reply(200, { ok: true });
				case 'GET /__sim/faults':
					return reply(200, serializeFaults(faults.list()));
				case 'POST /__sim/faults': {
					const list = Array.isArray(body) ? body : [body];
					list.forEach(validateFault);
					const added = list.map((f) => faults.add(f));
					return reply(201, serializeFaults(added));
				}
				case 'DELETE /__sim/faults':
					faults.clear();
					return reply(200, { ok: true });
				case 'GET /__sim/revisions':
					return reply(200, revisions.list());
				case 'POST /__sim/revisions': {
					const list = Array.isArray(body) ? body : [body];
					list.forEach(validateRevision);
					const added = list.map((r) => revisions.add(r));
					return reply(201, added);
				}
				case 'DELETE /__sim/revisions':
					revisions.clear();
					return reply(200, { ok: true });
				case 'GET /__sim/now':
					return reply(200, { now: clock(), fixed: fixedNow !== null });
				case 'POST /__sim/now': {
					const v = body?.now;
					if (v !== null && v !== undefined && !Number.isFinite(v)) {
						return reply(400, { error: 'now must be epoch ms or null' });
					}
					fixedNow = v ?? null;
					return reply(200, { now: clock(), fixed: fixedNow !== null });
				}
				case 'GET /__sim/config':
					return reply(200, currentConfig());
				case 'POST /__sim/config':
					return reply(200, setConfig(body ?? {}));
				case 'GET /__sim/variants':
					return reply(200, variants.list());
				case 'POST /__sim/variants':
					return reply(200, variants.setAll(body ?? {}));
				case 'DELETE /__sim/variants': {
					const kind = search.get('kind');
					variants.clear(kind === null ? undefined : kind);
					return reply(200, variants.list());
				}
				default:
					return reply(404, { error: `unknown control route ${route}` });
			}
		} catch (e) {
			return reply(400, { error: e.message });
		}
	}

	function serializeFaults(list) {
		return list.map((f) => (f.times === Infinity ? { ...f, times: 'Infinity' } : f));
	}

	async function onRequest(req, res) {
		const url = new URL(req.url ?? '/', 'http://simulator.invalid');
		const pathname = url.pathname;
		const query = {};
		for (const [k, v] of url.searchParams) query[k] = v;
		const vendor = classify(pathname);
		let raw;
		try {
			raw = await readBody(req);
		} catch {
			if (!res.headersSent && !res.destroyed) send(res, null, { status: 413, body: '' });
			return;
		}
		let entry = null;
		if (vendor !== 'control' || logControl) {
			entry = {
				vendor,
				method: req.method,
				path: pathname,
				query,
				headers: Object.fromEntries(
					Object.entries(req.headers).map(([k, v]) => [
						k,
						Array.isArray(v) ? v.join(', ') : String(v),
					]),
				),
				body: parseForLog(raw),
				status: 0,
				at: clock(),
			};
			if (logEntries.length >= MAX_LOG) logEntries.shift();
			logEntries.push(entry);
		}
		if (vendor === 'control') return control(req, res, pathname, url.searchParams, raw);
		let r;
		if (vendor === 'rhombus') {
			r = rhombusFlow(req, pathname, raw, entry);
		} else if (vendor === 'indivd') {
			r = indivdFlow(req, pathname, url.search, query, entry);
		} else if (pathname === '/elsewhere') {
			r = { status: 200, headers: { 'content-type': 'text/html' }, body: LOGIN_HTML };
		} else {
			r = { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' };
		}
		if (r.fault) return applyFault(req, res, entry, vendor, r);
		return send(res, entry, r);
	}

	const server = http.createServer((req, res) => {
		onRequest(req, res).catch((e) => {
			if (!res.headersSent && !res.destroyed) {
				send(res, null, {
					status: 500,
					headers: { 'content-type': 'text/plain' },
					body: `simulator error: ${e && e.stack ? e.stack : e}`,
				});
			} else {
				res.destroy();
			}
		});
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = address.port;
	const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	let closing = null;

	return {
		url: `http://${urlHost}:${port}`,
		port,
		seed,
		fixtures,
		close() {
			if (!closing) {
				closing = new Promise((resolve) => {
					for (const res of held) res.socket?.destroy();
					held.clear();
					server.close(() => resolve());
					server.closeAllConnections();
				});
			}
			return closing;
		},
		now: clock,
		setNow(ms) {
			if (ms !== null && ms !== undefined && !Number.isFinite(ms)) {
				throw new Error('setNow expects epoch ms or null');
			}
			fixedNow = ms ?? null;
		},
		log: {
			entries: () => logEntries.slice(),
			clear: () => {
				logEntries.length = 0;
			},
		},
		faults: {
			add: (f) => faults.add(f),
			clear: () => faults.clear(),
			list: () => faults.list(),
		},
		revisions: {
			add: (r) => revisions.add(r),
			clear: () => revisions.clear(),
			list: () => revisions.list(),
		},
		config: {
			setCrossingShape: (shape) => setConfig({ crossingShape: shape }),
			setLocationsShape: (shape) => setConfig({ locationsShape: shape }),
			setRateLimit: (rate) => setConfig({ rateLimit: rate }),
			setRangeLimits: (enabled) => setConfig({ rangeLimits: enabled }),
			setCapabilityEndpoints: (enabled) => setConfig({ capabilityEndpoints: enabled }),
			setClipVisibleAfterMs: (ms) => setConfig({ clipVisibleAfterMs: ms }),
			setRhombusConventions: (conventions) => setConfig({ rhombusConventions: conventions }),
			get: currentConfig,
		},
		variants: {
			kinds: () => variants.kinds.slice(),
			set: (kind, edits) => variants.set(kind, edits),
			setAll: (map) => variants.setAll(map),
			clear: (kind) => variants.clear(kind),
			list: () => variants.list(),
		},
	};
}

/** `--variants` takes the JSON itself or the path of a file holding it. */
function readVariantsArg(value) {
	const text = value.trimStart().startsWith('{') ? value : fs.readFileSync(value, 'utf8');
	return JSON.parse(text);
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const sim = await startSimulator({
		port: args.port !== undefined ? Number(args.port) : 18080,
		host: args.host ?? '127.0.0.1',
		seed: args.seed !== undefined ? Number(args.seed) : 42,
		cameras: args.cameras !== undefined ? Number(args.cameras) : undefined,
		now: args.now !== undefined ? Number(args.now) || Date.parse(args.now) : undefined,
		logControl: args['log-control'] === 'true',
		variants: args.variants !== undefined ? readVariantsArg(args.variants) : undefined,
	});
	const f = sim.fixtures;
	process.stdout.write(
		[
			`Simulator listening on ${sim.url}`,
			`  Rhombus (region "custom", base URL ${sim.url}):`,
			`    x-auth-apikey ${f.rhombus.apiKey}  x-auth-scheme api-token`,
			`    partner: x-auth-apikey ${f.rhombus.partnerApiKey}  x-auth-scheme partner-api-token  x-auth-org ${f.rhombus.partnerOrgUuid}`,
			`    limited role (no report/video): x-auth-apikey ${f.rhombus.limitedApiKey}  x-auth-scheme api-token`,
			`  Indivd (base URL ${sim.url}):`,
			`    Authorization: Token ${f.indivd.token}`,
			`    scoped to location 124: Authorization: Token ${f.indivd.scopedToken}`,
			`  Control API: ${sim.url}/__sim/health`,
			...Object.entries(sim.variants.list()).map(
				([kind, edits]) => `  Variant of ${kind}: ${JSON.stringify(edits)}`,
			),
			'',
		].join('\n'),
	);
	const stop = () => {
		sim.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((e) => {
		process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
		process.exit(1);
	});
}

module.exports = { startSimulator };
