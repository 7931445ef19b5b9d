import type { ZodError, ZodIssue, ZodType, ZodTypeDef } from 'zod';
import { z } from 'zod';

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

/**
 * An array that stops at its first bad element. zod's own array reports every bad element, and a
 * hostile answer of 700,000 bad rows then costs millions of issues (and overflows the stack inside
 * a union); one is all the error message names anyway.
 */
export function series<T>(element: ZodType<T, ZodTypeDef, unknown>) {
	return z.array(z.unknown()).transform((elements, context): T[] => {
		const parsed: T[] = new Array<T>(elements.length);
		for (let index = 0; index < elements.length; index++) {
			const result = element.safeParse(elements[index]);
			if (!result.success) {
				const issue = deepestIssue(result.error.issues[0]);
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: [index, ...issue.path],
					message: issue.message,
				});
				return z.NEVER;
			}
			parsed[index] = result.data;
		}
		return parsed;
	});
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
