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
 *
 * `isCanonical` may vouch for an element that `element` would accept and return unchanged: such
 * elements are used as they are, the rest go through zod. A year of minute data is 525,600
 * elements, and zod's copy of each cost more time and memory than everything else together.
 */
export function series<T>(
	element: ZodType<T, ZodTypeDef, unknown>,
	isCanonical: (value: unknown) => boolean = () => false,
) {
	return z.unknown().transform((value, context): T[] => {
		if (!Array.isArray(value)) {
			context.addIssue({
				code: z.ZodIssueCode.invalid_type,
				expected: z.ZodParsedType.array,
				received: z.getParsedType(value),
			});
			return z.NEVER;
		}
		const elements: unknown[] = value;
		let parsed: T[] | undefined;
		for (let index = 0; index < elements.length; index++) {
			if (isCanonical(elements[index])) {
				if (parsed) parsed[index] = elements[index] as T;
				continue;
			}
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
			parsed ??= elements.slice() as T[];
			parsed[index] = result.data;
		}
		return parsed ?? (elements as T[]);
	});
}

/** What JSON.parse gives for an object, without a `__proto__` key zod would drop. */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		!Object.prototype.hasOwnProperty.call(value, '__proto__')
	);
}

export function everyValue(value: unknown, test: (entry: unknown) => boolean): boolean {
	if (!isJsonObject(value)) return false;
	for (const key of Object.keys(value)) if (!test(value[key])) return false;
	return true;
}

export const isWholeCount = (value: unknown): boolean =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

export function parseResponse<T>(
	schema: ZodType<T, ZodTypeDef, unknown>,
	data: unknown,
): { ok: true; data: T } | { ok: false; mismatch: SchemaMismatch } {
	const result = schema.safeParse(data);
	return result.success
		? { ok: true, data: result.data }
		: { ok: false, mismatch: firstMismatch(result.error) };
}
