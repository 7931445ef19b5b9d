import type { ZodError, ZodIssue, ZodType, ZodTypeDef } from 'zod';

export interface SchemaMismatch {
	path: string;
	problem: string;
}

export function formatPath(path: ReadonlyArray<string | number>): string {
	let text = '';
	for (const segment of path) {
		text += typeof segment === 'number' ? `[${segment}]` : text ? `.${segment}` : segment;
	}
	return text || '(root)';
}

/** A union reports "Invalid input" at its root; the branch that got deepest says what is wrong. */
function deepestIssue(issue: ZodIssue): ZodIssue {
	if (issue.code !== 'invalid_union') return issue;
	let best: ZodIssue = issue;
	for (const branch of issue.unionErrors) {
		for (const candidate of branch.issues.map(deepestIssue)) {
			if (best === issue || candidate.path.length > best.path.length) best = candidate;
		}
	}
	return best;
}

export function firstMismatch(error: ZodError): SchemaMismatch {
	const issue = deepestIssue(error.issues[0]);
	return { path: formatPath(issue.path), problem: issue.message };
}

export function parseResponse<T>(
	schema: ZodType<T, ZodTypeDef, unknown>,
	data: unknown,
): { ok: true; data: T } | { ok: false; mismatch: SchemaMismatch } {
	const result = schema.safeParse(data);
	return result.success
		? { ok: true, data: result.data }
		: { ok: false, mismatch: firstMismatch(result.error) };
}
