import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext, VendorProfile } from '../../shared/http';
import { decodeResponse, requestWithPolicy, unexpectedResponseError } from '../../shared/http';
import type { SchemaMismatch } from '../../shared/validation';
import { asJson, errorBodyText } from '../../shared/json';
import type { IndivdEndpoint, IndivdResponse } from './schemas';
import { indivdSchema } from './schemas';

export const indivdVendor: VendorProfile = {
	label: 'Indivd',
	credentialType: 'indivdApi',
	authFailure: (statusCode) =>
		statusCode === 401
			? {
					message: 'Indivd did not accept the API token (HTTP 401)',
					description:
						'Check the API Token of the Indivd credential. Tokens are issued by Indivd support (support@indivd.com) and stay valid until Indivd rotates or revokes them.',
					failure: { cause: 'credential-invalid' },
				}
			: {
					message: 'Indivd refused access (HTTP 403)',
					description:
						"The token does not cover the requested location or organisation. Pick locations from the list (it shows only what the token may read) or ask Indivd to widen the token's scope.",
					failure: { cause: 'configuration-invalid' },
				},
	errorText: (body) => errorBodyText(body, ['detail']),
};

export type IndivdQuery = Record<string, string | number | undefined>;

function compactQuery(query: IndivdQuery): IDataObject {
	const result: IDataObject = {};
	for (const [name, value] of Object.entries(query)) {
		if (value !== undefined && value !== '') result[name] = value;
	}
	return result;
}

export interface IndivdAnswer<E extends IndivdEndpoint> {
	/** The answer validated and normalised. */
	data: IndivdResponse<E>;
	/** The answer as Indivd gave it, for raw output. */
	body: unknown;
}

/** Calls one Indivd endpoint (all are GETs): its validated, normalised answer, and the answer itself. */
export async function indivdApiAnswer<E extends IndivdEndpoint>(
	context: RequestContext,
	endpoint: E,
	query: IndivdQuery = {},
	options: CallOptions = {},
): Promise<IndivdAnswer<E>> {
	const credentials = await context.getCredentials('indivdApi');
	const response = await requestWithPolicy(
		context,
		indivdVendor,
		credentials,
		{
			method: 'GET',
			url: endpoint,
			qs: compactQuery(query),
			json: true,
			headers: { Accept: 'application/json' },
		},
		{ ...options, idempotent: true },
	);
	const json = asJson(response.body);
	const body = json.ok ? json.value : response.body;
	const data = decodeResponse(
		context,
		indivdVendor,
		credentials,
		endpoint,
		body,
		indivdSchema(endpoint),
		options.itemIndex,
	);
	return { data, body };
}

/** For answers that pass their schema but cannot be true (a row for days not asked for). */
export function answerError(
	context: RequestContext,
	endpoint: IndivdEndpoint,
	mismatch: SchemaMismatch,
	options: CallOptions,
) {
	return unexpectedResponseError(context, indivdVendor, endpoint, mismatch, options.itemIndex);
}

/** Calls one Indivd endpoint and returns its validated, normalised answer. */
export async function indivdApiRequest<E extends IndivdEndpoint>(
	context: RequestContext,
	endpoint: E,
	query: IndivdQuery = {},
	options: CallOptions = {},
): Promise<IndivdResponse<E>> {
	return (await indivdApiAnswer(context, endpoint, query, options)).data;
}
