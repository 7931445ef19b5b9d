import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { CallOptions, RequestContext, VendorProfile } from '../../shared/http';
import { decodeResponse, requestWithPolicy, vendorApiError } from '../../shared/http';
import { errorBodyText } from '../../shared/json';
import { RhombusApi, rhombusHosts } from '../../../credentials/RhombusApi.credentials';
import type { RhombusEndpoint, RhombusResponse } from './schemas';
import { rhombusSchema } from './schemas';

const nonIdempotentEndpoints: ReadonlySet<RhombusEndpoint> = new Set(['/api/video/spliceV3']);

const credentialFields = new RhombusApi().properties;

/**
 * The name the credential's form shows for a field's value. Never the value itself: values of six
 * characters or more, `api-token` and `custom` among them, are cut out of messages as secrets.
 */
function optionName(credentials: ICredentialDataDecryptedObject, field: string): string {
	const property = credentialFields.find((candidate) => candidate.name === field);
	const value = credentials[field] ?? property?.default;
	const option = property?.options?.find((entry) => 'value' in entry && entry.value === value);
	return option ? `"${option.name}"` : '(a value it does not offer)';
}

export const rhombusVendor: VendorProfile = {
	label: 'Rhombus',
	credentialType: 'rhombusApi',
	authFailure: (statusCode, credentials) =>
		statusCode === 401
			? {
					message: `Rhombus did not accept the API key (HTTP 401) with the Authentication Scheme ${optionName(credentials, 'authScheme')} and the Region ${optionName(credentials, 'region')}`,
					description:
						'Check the API Key of the Rhombus credential, that its Authentication Scheme is the one of the key (standard keys use "API Token"; partner keys use "Partner API Token"), and that its Region is the region of your organization (keys are region-bound; "Custom" uses the Base URL).',
					failure: { cause: 'credential-invalid' },
				}
			: {
					message: 'Rhombus denied access (HTTP 403)',
					description:
						'Either the Authentication Scheme does not match the key (standard keys use "API Token"; partner keys use "Partner API Token" with the client org UUID), or the Region of the credential is not the region of your organization (US and EU keys work only in their own region), or the role of the user who created the key lacks permission for this operation: give that user a role with access, or create the key as such a user.',
					failure: { cause: 'credential-invalid' },
				},
	errorText: (body) => errorBodyText(body, ['errorMsg', 'msg']),
	inBandError: (payload) => {
		if (!payload || typeof payload !== 'object') return undefined;
		const { error, errorMsg } = payload as { error?: unknown; errorMsg?: unknown };
		if (error !== true) return undefined;
		return typeof errorMsg === 'string' && errorMsg ? errorMsg : 'no reason given';
	},
};

/**
 * Calls one Rhombus operation (every one is a POST with a JSON body) and returns its validated
 * answer; in-band errors (`error: true` on HTTP 200) become NodeApiErrors, `warningMsg` is kept.
 */
export async function rhombusApiRequest<E extends RhombusEndpoint>(
	context: RequestContext,
	endpoint: E,
	body: IDataObject,
	options: CallOptions = {},
): Promise<RhombusResponse<E>> {
	const credentials = await context.getCredentials('rhombusApi');
	const response = await requestWithPolicy(
		context,
		rhombusVendor,
		credentials,
		{
			method: 'POST',
			url: endpoint,
			// As text: n8n drops an empty object body, and Rhombus needs at least `{}`.
			body: JSON.stringify(body),
			json: true,
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		},
		{ ...options, idempotent: !nonIdempotentEndpoints.has(endpoint) },
	);
	return decodeResponse(
		context,
		rhombusVendor,
		credentials,
		endpoint,
		response.body,
		rhombusSchema(endpoint),
		options.itemIndex,
	);
}

/** Saved clips are served by the media host of the credential's region, not by the API host. */
export async function rhombusMediaDownload(
	context: RequestContext,
	region: string,
	clipUuid: string,
	options: CallOptions = {},
): Promise<Buffer> {
	const credentials = await context.getCredentials('rhombusApi');
	const response = await requestWithPolicy(
		context,
		rhombusVendor,
		credentials,
		{
			method: 'GET',
			baseURL: rhombusHosts(credentials).media,
			url: `/media/metadata/${encodeURIComponent(region)}/${encodeURIComponent(clipUuid)}.mp4`,
			encoding: 'arraybuffer',
			json: false,
		},
		{ ...options, idempotent: true },
	);
	const body = response.body;
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'binary');
	throw vendorApiError(context, credentials, {
		message: `Rhombus media host answered the download of clip ${clipUuid} without video data`,
		failure: { cause: 'temporarily-unavailable' },
		itemIndex: options.itemIndex,
	});
}
