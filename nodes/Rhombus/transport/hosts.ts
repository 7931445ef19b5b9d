import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

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
