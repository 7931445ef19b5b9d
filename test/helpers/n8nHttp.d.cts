import type { IHttpRequestOptions } from 'n8n-workflow';

export function httpRequest(options: IHttpRequestOptions): Promise<unknown>;
