import type { IDataObject } from 'n8n-workflow';

/** A short, human description of a text body; an HTML error page is named by its title. */
function previewText(text: string): string {
	if (/^\s*<(!doctype|html|head|body)/i.test(text)) {
		const title = /<title>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
		return title ? `an HTML page titled "${title}"` : 'an HTML page';
	}
	return `"${text.replace(/\s+/g, ' ').trim().slice(0, 120)}"`;
}

/** n8n hands over unparseable JSON as text (axios parses silently); such a body is not data. */
export function asJson(
	body: unknown,
): { ok: true; value: unknown } | { ok: false; preview: string } {
	if (Buffer.isBuffer(body)) return asJson(body.toString('utf8'));
	if (typeof body !== 'string') return { ok: true, value: body };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false, preview: previewText(body) };
	}
}

/** Validated API answers are plain JSON; n8n's item type just cannot see that through zod's types. */
export function asItemJson(value: object): IDataObject {
	return value as IDataObject;
}

/** The vendor's own words in an error body: the first of `messageKeys` that holds text. */
export function errorBodyText(body: unknown, messageKeys: readonly string[]): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	const parsed = asJson(body);
	if (!parsed.ok) return parsed.preview;
	const value = parsed.value;
	if (typeof value === 'string') return value || undefined;
	if (!value || typeof value !== 'object') return undefined;
	for (const key of messageKeys) {
		const message = (value as Record<string, unknown>)[key];
		if (typeof message === 'string' && message) return message;
	}
	return undefined;
}
