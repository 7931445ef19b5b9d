import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

const defaultBaseUrl = 'https://api.indivd.com';

function indivdBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	const base = String(credentials.baseUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
	return base || defaultBaseUrl;
}

export class IndivdApi implements ICredentialType {
	name = 'indivdApi';

	displayName = 'Indivd API';

	icon: Icon = { light: 'file:../icons/indivd.svg', dark: 'file:../icons/indivd.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-rhombus-indivd#indivd-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Static token issued by Indivd support (support@indivd.com). It covers only the locations and organisations it was issued for: data outside that scope comes back empty, not as an error.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: defaultBaseUrl,
			description: 'Change only for a proxy or a local simulator',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			baseURL: requestOptions.baseURL ?? indivdBaseUrl(credentials),
			headers: {
				...requestOptions.headers,
				Authorization: `Token ${String(credentials.token ?? '')}`,
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: '/filters/locations',
			headers: { Accept: 'application/json' },
			json: true,
		},
	};
}
