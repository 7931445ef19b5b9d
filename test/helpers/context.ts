import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IExecuteFunctions,
	IHttpRequestOptions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { IndivdApi } from '../../credentials/IndivdApi.credentials';
import { RhombusApi } from '../../credentials/RhombusApi.credentials';
import { httpRequest } from './n8nHttp.cjs';
import { simulatorSecrets } from './secrets.cjs';

export { simulatorSecrets };

export type CredentialSet = Record<string, ICredentialDataDecryptedObject>;

export function simulatorCredentials(baseUrl: string): CredentialSet {
	return {
		rhombusApi: {
			apiKey: simulatorSecrets.rhombusKey,
			authScheme: 'api-token',
			partnerOrgUuid: '',
			region: 'custom',
			baseUrl,
		},
		indivdApi: { token: simulatorSecrets.indivdToken, baseUrl },
	};
}

const credentialTypes: Record<string, ICredentialType> = {
	rhombusApi: new RhombusApi(),
	indivdApi: new IndivdApi(),
};

export const testNode: INode = {
	id: 'test-node',
	name: 'Test Node',
	type: 'n8n-nodes-rhombus-indivd.test',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	// What n8n hands a node once its credentials are attached.
	credentials: {
		rhombusApi: { id: 'sim-rhombus', name: 'Rhombus (simulator)' },
		indivdApi: { id: 'sim-indivd', name: 'Indivd (simulator)' },
	},
};

export async function authenticateRequest(
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
	request: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const authenticate = credentialTypes[credentialType].authenticate;
	if (typeof authenticate !== 'function')
		throw new Error(`${credentialType} has no authenticate()`);
	return await authenticate(credentials, { ...request });
}

/** The request helpers of an n8n execution context, as n8n-core wires them, over real HTTP. */
export function requestHelpers(credentials: CredentialSet, node: INode = testNode) {
	return {
		async httpRequestWithAuthentication(credentialType: string, request: IHttpRequestOptions) {
			const data = credentials[credentialType];
			if (!data) throw new Error(`No ${credentialType} credential in this test`);
			try {
				return await httpRequest(await authenticateRequest(credentialType, data, request));
			} catch (error) {
				throw new NodeApiError(node, error as JsonObject);
			}
		},
	};
}

export function createRequestContext(credentials: CredentialSet, node: INode = testNode) {
	return {
		getNode: () => node,
		getCredentials: async (type: string) => {
			const data = credentials[type];
			if (!data) throw new Error(`No ${type} credential in this test`);
			return data;
		},
		helpers: requestHelpers(credentials, node),
	} as unknown as IExecuteFunctions;
}

export type CredentialTestResult = { status: 'OK' } | { status: 'Error'; message: string };

/** Runs a credential's `test` the way n8n's credentials tester does: request, then rules. */
export async function runCredentialTest(
	credentialType: string,
	credentials: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const test = credentialTypes[credentialType].test;
	if (!test) throw new Error(`${credentialType} has no test`);
	let body: unknown;
	try {
		const request = await authenticateRequest(
			credentialType,
			credentials,
			test.request as IHttpRequestOptions,
		);
		body = await httpRequest(request);
	} catch (error) {
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const { key, value, message } = rule.properties;
		if ((body as Record<string, unknown> | null)?.[key] === value)
			return { status: 'Error', message };
	}
	return { status: 'OK' };
}
