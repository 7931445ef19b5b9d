import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';
import type { ZodType, ZodTypeDef } from 'zod';

import { asJson } from './json';
import type { SchemaMismatch } from './validation';
import { parseResponse } from './validation';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

type Failure = NonNullable<NodeApiError['failure']>;

export interface RetryPolicy {
	/** Retries after 5xx answers and dropped connections; only idempotent calls ever get them. */
	serverErrorRetries: number;
	rateLimitRetries: number;
	/** Upper bound for all waiting done by one call, Retry-After included. */
	maxTotalWaitMs: number;
	timeoutMs: number;
}

const defaultRetryPolicy: RetryPolicy = {
	serverErrorRetries: 2,
	rateLimitRetries: 3,
	maxTotalWaitMs: 60_000,
	timeoutMs: 30_000,
};

export interface CallOptions {
	/** A non-idempotent call (creating a clip) is sent exactly once, whatever happens. */
	idempotent?: boolean;
	itemIndex?: number;
	retry?: Partial<RetryPolicy>;
}

export interface AuthFailureText {
	message: string;
	description: string;
	failure: Failure;
}

export interface VendorProfile {
	label: string;
	credentialType: string;
	/** The credential names the fields to check; its secrets are cut out of the text after. */
	authFailure(statusCode: 401 | 403, credentials: ICredentialDataDecryptedObject): AuthFailureText;
	/** The vendor's own words from an error body, if it has any worth showing. */
	errorText(body: unknown): string | undefined;
	/** The reason given by an error that arrives with HTTP 200, if the payload is one. */
	inBandError?(payload: unknown): string | undefined;
}

export interface RawResponse {
	statusCode: number;
	headers: Record<string, string>;
	body: unknown;
}

interface ErrorDetails {
	message: string;
	description?: string;
	httpCode?: string;
	failure: Failure;
	itemIndex?: number;
}

const serverBackoffMs = [1_000, 2_000, 4_000, 8_000];
/** A request is neither sent nor waited for with less of the poll's budget left than this. */
const minimumRequestMs = 1_000;
const maxQuotedBodyLength = 300;

/** Every message that leaves this module has the credential's secrets cut out. */
function redactSecrets(text: string, credentials: ICredentialDataDecryptedObject): string {
	let redacted = text;
	for (const value of Object.values(credentials)) {
		if (typeof value === 'string' && value.length >= 6)
			redacted = redacted.split(value).join('***');
	}
	return redacted;
}

export function vendorApiError(
	context: RequestContext,
	credentials: ICredentialDataDecryptedObject,
	details: ErrorDetails,
): NodeApiError {
	const message = redactSecrets(details.message, credentials);
	const description = details.description
		? redactSecrets(details.description, credentials)
		: undefined;
	const response: JsonObject = { message };
	if (details.httpCode) response.httpCode = details.httpCode;
	return new NodeApiError(context.getNode(), response, {
		message,
		description,
		httpCode: details.httpCode,
		itemIndex: details.itemIndex,
		failure: details.failure,
	});
}

function parseRetryAfterMs(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function lowerCaseHeaders(headers: IDataObject | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) {
		result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return result;
}

function networkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
		const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) {
			return candidate.code;
		}
		if (
			typeof candidate.message === 'string' &&
			/timeout of \d+ms exceeded/.test(candidate.message)
		) {
			return 'ETIMEDOUT';
		}
		current = candidate.cause;
	}
	return undefined;
}

function quoteBody(text: string | undefined): string {
	if (!text) return '';
	const trimmed = text.trim();
	if (!trimmed) return '';
	return trimmed.length > maxQuotedBodyLength
		? `: ${trimmed.slice(0, maxQuotedBodyLength)}…`
		: `: ${trimmed}`;
}

/** n8n rewrites messages that contain a raw error code, so codes are put into words here. */
const networkFailures: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection closed unexpectedly',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'DNS lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ECONNABORTED: 'connection aborted',
};

function formatDuration(ms: number): string {
	return ms < 1_000 ? `${ms} ms` : `${Math.round(ms / 1_000)} s`;
}

/**
 * When the running poll's budget ends, per poll context: n8n abandons a poll that overruns it, so
 * every request of one poll waits, retries and times out within what is left of one budget, not
 * each within a budget of its own. Measured on the monotonic clock, which no wall-clock change moves.
 */
const pollDeadlines = new WeakMap<object, { endsAt: number; budgetMs: number }>();

/** Starts a poll's budget; called once at the start of every poll, as n8n reuses the context. */
export function startPollBudget(context: IPollFunctions): void {
	const candidate = context as Partial<IPollFunctions>;
	if (typeof candidate.getPollBudgetMs !== 'function') return;
	const budgetMs = candidate.getPollBudgetMs();
	pollDeadlines.set(context, { endsAt: performance.now() + budgetMs, budgetMs });
}

/**
 * Sends one HTTP call with the package's error policy: status codes are read here, never thrown
 * by n8n's helper, so every outcome is classified once and no raw error (which would carry the
 * request headers, secrets included) ever reaches the user.
 */
export async function requestWithPolicy(
	context: RequestContext,
	vendor: VendorProfile,
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
	options: CallOptions = {},
): Promise<RawResponse> {
	const idempotent = options.idempotent ?? true;
	const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
	const deadline = pollDeadlines.get(context);
	const leftMs = () => (deadline ? deadline.endsAt - performance.now() : Number.POSITIVE_INFINITY);
	const where = `${vendor.label} ${request.method ?? 'GET'} ${request.url}`;
	const fail = (details: Omit<ErrorDetails, 'itemIndex'>) =>
		vendorApiError(context, credentials, { ...details, itemIndex: options.itemIndex });

	let waitedMs = 0;
	const retries = { server: 0, rateLimit: 0 };
	const allowed = { server: policy.serverErrorRetries, rateLimit: policy.rateLimitRetries };
	const backoffMs = (kind: keyof typeof retries) =>
		serverBackoffMs[Math.min(retries[kind], serverBackoffMs.length - 1)];
	const waitBeforeRetry = async (kind: keyof typeof retries, waitMs: number) => {
		if (
			!idempotent ||
			retries[kind] >= allowed[kind] ||
			waitedMs + waitMs > policy.maxTotalWaitMs ||
			waitMs + minimumRequestMs > leftMs()
		) {
			return false;
		}
		retries[kind]++;
		waitedMs += waitMs;
		await sleep(waitMs);
		return true;
	};
	const notRepeated =
		'This call is not repeated automatically because repeating it could create a duplicate. Check in the vendor console whether it took effect before running it again.';

	for (;;) {
		const left = leftMs();
		if (deadline && left < minimumRequestMs) {
			throw fail({
				message: `The poll ran out of time before ${where}`,
				description: `n8n gives a poll ${formatDuration(deadline.budgetMs)}, and the requests before this one used it up. The next poll asks for the same buckets again; if this keeps happening, split the cameras or locations over several triggers.`,
				failure: { cause: 'temporarily-unavailable' },
			});
		}
		const timeoutMs = Math.min(policy.timeoutMs, Math.floor(left));
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				vendor.credentialType,
				{
					...request,
					timeout: timeoutMs,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			const code = networkErrorCode(error) ?? 'ECONNRESET';
			const timedOut = code === 'ETIMEDOUT' || code === 'ECONNABORTED';
			if (await waitBeforeRetry('server', backoffMs('server'))) continue;
			throw fail({
				message: timedOut
					? `${where} did not answer within ${formatDuration(timeoutMs)}${
							timeoutMs < policy.timeoutMs ? ", the time left of the poll's budget" : ''
						}`
					: `${where} could not be reached (${networkFailures[code] ?? 'network failure'})`,
				description: idempotent
					? `Tried ${retries.server + 1} time(s). The service may be down or the base URL in the credential may be wrong.`
					: notRepeated,
				failure: { cause: 'temporarily-unavailable' },
			});
		}

		const statusCode = response.statusCode;
		const headers = lowerCaseHeaders(response.headers);
		const body: unknown = response.body;
		if (statusCode >= 200 && statusCode < 300) return { statusCode, headers, body };

		const bodyText = vendor.errorText(body);

		if (statusCode === 401 || statusCode === 403) {
			const text = vendor.authFailure(statusCode, credentials);
			throw fail({
				message: text.message,
				description: text.description,
				httpCode: String(statusCode),
				failure: text.failure,
			});
		}

		if (statusCode === 429) {
			const retryAfterMs = parseRetryAfterMs(headers['retry-after'], Date.now());
			if (await waitBeforeRetry('rateLimit', retryAfterMs ?? backoffMs('rateLimit'))) continue;
			const failure: Failure = { cause: 'rate-limited' };
			if (retryAfterMs !== undefined) failure.retryAfterMs = retryAfterMs;
			throw fail({
				message: `${vendor.label} is rate limiting requests (HTTP 429)`,
				description: `${
					retryAfterMs === undefined
						? 'No Retry-After was given.'
						: `It asked to wait ${Math.ceil(retryAfterMs / 1000)} s.`
				} Gave up after ${retries.rateLimit} retr${retries.rateLimit === 1 ? 'y' : 'ies'} and ${Math.round(
					waitedMs / 1000,
				)} s of waiting. The limit is shared by every integration of the organization: poll less often or request fewer cameras at a time.`,
				httpCode: '429',
				failure,
			});
		}

		if (statusCode >= 500) {
			if (await waitBeforeRetry('server', backoffMs('server'))) continue;
			throw fail({
				message: `${where} failed on the ${vendor.label} side (HTTP ${statusCode})${quoteBody(bodyText)}`,
				description: idempotent
					? `Tried ${retries.server + 1} time(s). This is usually temporary; check the vendor's status page if it persists.`
					: notRepeated,
				httpCode: String(statusCode),
				failure: { cause: 'temporarily-unavailable' },
			});
		}

		throw fail({
			message: `${where} was rejected (HTTP ${statusCode})${quoteBody(bodyText)}`,
			description:
				statusCode === 404
					? 'The endpoint or the item does not exist: check the IDs and the base URL in the credential.'
					: 'Check the parameters of this node.',
			httpCode: String(statusCode),
			failure: { cause: 'configuration-invalid' },
		});
	}
}

/**
 * Turns a 2xx body into trusted data: JSON that is not JSON, an in-band error, or a payload that
 * breaks its schema each fail here with the endpoint (and the first bad path) named.
 */
export function decodeResponse<T>(
	context: RequestContext,
	vendor: VendorProfile,
	credentials: ICredentialDataDecryptedObject,
	endpoint: string,
	body: unknown,
	schema: ZodType<T, ZodTypeDef, unknown>,
	itemIndex?: number,
): T {
	const fail = (message: string, description: string, failure: Failure) =>
		vendorApiError(context, credentials, { message, description, failure, itemIndex });

	const json = asJson(body);
	if (!json.ok) {
		throw fail(
			`${vendor.label} answered ${endpoint} with something that is not JSON: ${json.preview}`,
			`The answer was cut off or came from something other than the ${vendor.label} API (a proxy error page, for example). Try again; if it persists, check the base URL in the credential.`,
			{ cause: 'temporarily-unavailable' },
		);
	}
	const inBand = vendor.inBandError?.(json.value);
	if (inBand !== undefined) {
		throw fail(
			`${vendor.label} rejected ${endpoint}: ${inBand}`,
			`${vendor.label} answered the call with an error of its own. Check the IDs, times and options of this node.`,
			{ cause: 'configuration-invalid' },
		);
	}
	const parsed = parseResponse(schema, json.value);
	if (!parsed.ok)
		throw unexpectedResponseError(
			context,
			vendor,
			endpoint,
			parsed.mismatch,
			itemIndex,
			credentials,
		);
	return parsed.data;
}

/** For answers that pass their schema but contradict the request (rows for days not asked for). */
export function unexpectedResponseError(
	context: RequestContext,
	vendor: VendorProfile,
	endpoint: string,
	mismatch: SchemaMismatch,
	itemIndex?: number,
	credentials: ICredentialDataDecryptedObject = {},
): NodeApiError {
	return vendorApiError(context, credentials, {
		message: `${vendor.label} returned an unexpected response from ${endpoint} at ${mismatch.path}: ${mismatch.problem}`,
		description:
			'The answer does not match the documented contract, so it was not used. Please report this with the endpoint and path named here.',
		failure: { cause: 'node-defect' },
		itemIndex,
	});
}
