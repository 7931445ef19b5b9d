/** n8n hands over unparseable JSON as text (axios parses silently); such a body is not data. */
export function asJson(
	body: unknown,
): { ok: true; value: unknown } | { ok: false; preview: string } {
	if (Buffer.isBuffer(body)) return asJson(body.toString('utf8'));
	if (typeof body !== 'string') return { ok: true, value: body };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		const preview = body.replace(/\s+/g, ' ').trim().slice(0, 120);
		return { ok: false, preview };
	}
}
