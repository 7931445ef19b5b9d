'use strict';
// Stands in for n8n-core's httpRequest (axios underneath) in unit tests: same option names, same
// results (parsed JSON or the raw text when JSON fails, Buffers for arraybuffer, full responses,
// thrown errors on non-2xx unless ignored), and errors shaped like axios's, request config and
// secret headers included, so tests prove the package never passes such an error on.
const { Agent, interceptors, request } = require('undici');

const following = new Agent().compose(interceptors.redirect({ maxRedirections: 21 }));
const notFollowing = new Agent();

function buildUrl(options) {
	const url = new URL(
		options.url,
		options.baseURL ? options.baseURL.replace(/\/?$/, '/') : undefined,
	);
	if (options.baseURL && options.url.startsWith('/')) {
		const base = new URL(options.baseURL);
		url.pathname = base.pathname.replace(/\/$/, '') + options.url.split('?')[0];
	}
	for (const [name, value] of Object.entries(options.qs ?? {})) {
		if (value === undefined) continue;
		url.searchParams.append(name, Array.isArray(value) ? value.join(',') : String(value));
	}
	return url;
}

function axiosLikeError(message, code, options, response) {
	const error = new Error(message);
	error.name = 'AxiosError';
	error.code = code;
	error.isAxiosError = true;
	error.config = {
		url: options.url,
		baseURL: options.baseURL,
		method: options.method,
		headers: { ...options.headers },
	};
	if (response) error.response = response;
	return error;
}

async function httpRequest(options) {
	const url = buildUrl(options);
	const headers = {};
	for (const [name, value] of Object.entries(options.headers ?? {})) {
		if (value !== undefined) headers[name.toLowerCase()] = String(value);
	}
	let body;
	// n8n sends a body only when it is text or an object with keys: `{}` goes out as no body at all.
	const sendsBody =
		typeof options.body === 'string' ||
		(options.body !== null && typeof options.body === 'object' && Object.keys(options.body).length > 0);
	if (sendsBody && !['GET', 'HEAD'].includes(options.method ?? 'GET')) {
		if (Buffer.isBuffer(options.body) || typeof options.body === 'string') body = options.body;
		else {
			body = JSON.stringify(options.body);
			headers['content-type'] ??= 'application/json';
		}
	}
	let response;
	let raw;
	try {
		response = await request(url, {
			method: options.method ?? 'GET',
			headers,
			body,
			headersTimeout: options.timeout,
			bodyTimeout: options.timeout,
			dispatcher: options.disableFollowRedirect ? notFollowing : following,
		});
		raw = Buffer.from(await response.body.arrayBuffer());
	} catch (error) {
		const timedOut = /timeout/i.test(String(error && (error.code || error.name || error.message)));
		throw axiosLikeError(
			timedOut ? `timeout of ${options.timeout}ms exceeded` : String(error.message),
			timedOut
				? 'ECONNABORTED'
				: error.code && /^E[A-Z_]+$/.test(error.code)
					? error.code
					: 'ECONNRESET',
			options,
		);
	}
	const responseHeaders = {};
	for (const [name, value] of Object.entries(response.headers)) responseHeaders[name] = value;
	let data;
	if (options.encoding === 'arraybuffer') data = raw;
	else {
		const text = raw.toString('utf8');
		try {
			data = text === '' ? '' : JSON.parse(text);
		} catch {
			data = text;
		}
	}
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	if (!ok && !options.ignoreHttpStatusErrors) {
		throw axiosLikeError(
			`Request failed with status code ${response.statusCode}`,
			'ERR_BAD_RESPONSE',
			options,
			{
				status: response.statusCode,
				headers: responseHeaders,
				data,
			},
		);
	}
	return options.returnFullResponse
		? { body: data, headers: responseHeaders, statusCode: response.statusCode, statusMessage: '' }
		: data;
}

module.exports = { httpRequest };
