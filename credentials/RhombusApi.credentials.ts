import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

// The API host follows from the credential's region, so the credential owns the host map; the
// node's transport reads the media host from it too.
export interface RhombusHosts {
	api: string;
	media: string;
}

const regionHosts: Record<string, RhombusHosts> = {
	us: { api: 'https://api2.rhombussystems.com', media: 'https://media.rhombussystems.com' },
	eu: { api: 'https://api2.eu.rhombussystems.com', media: 'https://media.eu.rhombussystems.com' },
};

/** A custom base URL (proxy, simulator) serves the API and the clip media from one host. */
export function rhombusHosts(credentials: ICredentialDataDecryptedObject): RhombusHosts {
	const known = regionHosts[String(credentials.region ?? 'us')];
	if (known) return known;
	const base = String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	return { api: base, media: base };
}

export class RhombusApi implements ICredentialType {
	name = 'rhombusApi';

	displayName = 'Rhombus API';

	icon: Icon = { light: 'file:../icons/rhombus.svg', dark: 'file:../icons/rhombus.dark.svg' };

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-rhombus-indivd#rhombus-credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'API key from the Rhombus Console under Settings → API Management. It acts with the role of the user who created it.',
		},
		{
			displayName: 'Authentication Scheme',
			name: 'authScheme',
			type: 'options',
			options: [
				{ name: 'API Token', value: 'api-token' },
				{ name: 'Partner API Token', value: 'partner-api-token' },
			],
			default: 'api-token',
			hint: 'Certificate keys (schemes "api" and "partner-api") need a client TLS certificate and are not supported',
		},
		{
			displayName: 'Partner Client Org UUID',
			name: 'partnerOrgUuid',
			type: 'string',
			default: '',
			description:
				'Client organization to act on, sent as the x-auth-org header. Leave empty for partner-level calls.',
			displayOptions: { show: { authScheme: ['partner-api-token'] } },
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			options: [
				{ name: 'United States', value: 'us' },
				{ name: 'Europe', value: 'eu' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'us',
			description: 'API keys are bound to the region their organization lives in',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://rhombus-proxy.example.com',
			description: 'Serves both the API and clip media, e.g. a proxy or a local simulator',
			displayOptions: { show: { region: ['custom'] } },
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, string> = {
			...(requestOptions.headers as Record<string, string> | undefined),
			'x-auth-apikey': String(credentials.apiKey ?? ''),
			'x-auth-scheme': String(credentials.authScheme ?? 'api-token'),
		};
		const org = String(credentials.partnerOrgUuid ?? '').trim();
		if (credentials.authScheme === 'partner-api-token' && org) headers['x-auth-org'] = org;
		return {
			...requestOptions,
			baseURL: requestOptions.baseURL ?? rhombusHosts(credentials).api,
			headers,
		};
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/api/camera/getMinimalCameraStateList',
			headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
			body: '{}',
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: true,
					message: 'Rhombus answered with an error: check the API key, scheme and region',
				},
			},
		],
	};
}
